#!/usr/bin/env python3
"""Times flodym on the issue's benchmark and compares with rareflow's `bench_once` example.

The benchmark: inflow- and stock-driven Weibull models over 100 regions x 200 years, one
lifetime per region (shape 2.5, scale 15 + 0.05 r), inflow
(1 + r/100) * (10 + 90 / (1 + exp(-(k - 100)/15))) for r = 0..99, k = 0..199; the
stock-driven run is fed the inflow-driven stock.

flodym runs it vectorised: one DimensionSet (t: 200 years, r: 100 regions), with the Weibull
scale given as an array over regions (flodym broadcasts a parameter array to the model's
(t, r) shape, so each region has its own lifetime). inflow_at="end", n_pts_per_interval=1
(ODYM's conventions, as rareflow). Each timed run builds the lifetime model and the DSM, sets
the input and calls compute(), so the survival table is computed inside the timing, as in
rareflow. flodym always builds the full cohort matrices (it has no totals-only mode), so the
same flodym time is set against rareflow's totals-only and cohort-matrix times.

Timing: best of 5 with time.perf_counter. Then runs

    cargo run --release -p mfa --example bench_once -- --dump <tmp>

(best of 20 with std::time::Instant), prints the ratio flodym/rareflow per case, and the
largest relative difference between flodym's and rareflow's totals.

Usage, from the repository root, with a Python that has flodym 1.1.0:

    python bench/flodym_compare.py
"""

import json
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import numpy as np
import flodym as fd

ROOT = Path(__file__).resolve().parent.parent
REGIONS, YEARS, RUNS = 100, 200, 5


def inputs():
    r = np.arange(REGIONS, dtype=float)
    k = np.arange(YEARS, dtype=float)
    inflow = (1.0 + r[np.newaxis, :] / 100.0) * (
        10.0 + 90.0 / (1.0 + np.exp(-(k[:, np.newaxis] - 100.0) / 15.0))
    )  # [t][r]
    scale = 15.0 + 0.05 * r
    return inflow, scale


def dims():
    return fd.DimensionSet(
        dim_list=[
            fd.Dimension(name="time", letter="t", items=list(range(YEARS))),
            fd.Dimension(name="region", letter="r", items=list(range(REGIONS))),
        ]
    )


def run(driven, values, scale, d):
    lm = fd.WeibullLifetime(
        dims=d, inflow_at="end", n_pts_per_interval=1, weibull_shape=2.5, weibull_scale=scale
    )
    if driven == "inflow":
        dsm = fd.InflowDrivenDSM(dims=d, lifetime_model=lm)
        dsm.inflow.values[...] = values
    else:
        dsm = fd.StockDrivenDSM(dims=d, lifetime_model=lm)
        dsm.stock.values[...] = values
    dsm.compute()
    return dsm


def best_ms(f):
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        f()
        best = min(best, (time.perf_counter() - start) * 1e3)
    return best


def max_rel_diff(rareflow, flodym):
    """Largest |a - b| / |b| over elements where b != 0, and largest |a - b| / max|b|."""
    a, b = np.asarray(rareflow), np.asarray(flodym)
    nz = b != 0
    elementwise = float(np.max(np.abs(a[nz] - b[nz]) / np.abs(b[nz]))) if nz.any() else 0.0
    zero_mismatch = float(np.max(np.abs(a[~nz]))) if (~nz).any() else 0.0
    scaled = float(np.max(np.abs(a - b)) / np.max(np.abs(b)))
    return elementwise, scaled, zero_mismatch


def main():
    inflow, scale = inputs()
    d = dims()
    forward = run("inflow", inflow, scale, d)
    stock = forward.stock.values.copy()
    backward = run("stock", stock, scale, d)

    flodym_ms = {
        "inflow": best_ms(lambda: run("inflow", inflow, scale, d)),
        "stock": best_ms(lambda: run("stock", stock, scale, d)),
    }
    print(f"flodym {version('flodym')}, numpy {np.__version__}, python {sys.version.split()[0]}")
    for driven, ms in flodym_ms.items():
        print(f"flodym {driven} (full cohort matrices) {ms:.4f} ms (best of {RUNS})")

    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "rareflow_totals.json"
        cmd = ["cargo", "run", "--release", "--quiet", "-p", "mfa", "--example", "bench_once",
               "--", "--dump", str(dump)]
        print("$ " + " ".join(cmd[:-1] + ["<tmp>"]))
        out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
        rareflow = json.loads(dump.read_text())

    rareflow_ms = {}
    for line in out.splitlines():
        print(line)
        parts = line.split()
        if len(parts) == 5 and parts[0] == "rareflow" and parts[4] == "ms":
            rareflow_ms[(parts[1], parts[2])] = float(parts[3])

    print("\nratio flodym / rareflow (rareflow best of 20, flodym best of 5):")
    for driven in ["inflow", "stock"]:
        for detail in ["totals", "by_cohort", "by_cohort_reused"]:
            rf = rareflow_ms[(driven, detail)]
            print(f"  {driven}-driven, rareflow {detail:9}: {flodym_ms[driven]:9.3f} ms / "
                  f"{rf:8.3f} ms = {flodym_ms[driven] / rf:7.1f}x")

    print("\nagreement of totals (rareflow Detail::Totals vs flodym), [r][t]:")
    print("  (max |a-b|/|b| over b != 0;  max |a-b| / max|b|;  max |a| where b == 0)")
    worst = 0.0
    for key, dsm in [("inflow_driven", forward), ("stock_driven", backward)]:
        for name in ["inflow", "stock", "outflow"]:
            ref = getattr(dsm, name).values.T  # flodym is [t][r]
            elementwise, scaled, zero = max_rel_diff(rareflow[key][name], ref)
            worst = max(worst, elementwise)
            print(f"  {key:13} {name:7}: {elementwise:.3e}  {scaled:.3e}  {zero:.3e}")
    print(f"max relative difference: {worst:.3e}")


if __name__ == "__main__":
    main()
