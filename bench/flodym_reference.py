#!/usr/bin/env python3
"""Writes flodym reference series for rareflow's `mfa` crate to crates/mfa/tests/data/flodym/.

Run with a Python that has flodym 1.1.0, numpy and scipy, from the repository root:

    python bench/flodym_reference.py

`crates/mfa/tests/flodym.rs` compares rareflow against every JSON file written here.

Settings: `inflow_at="end"` and `n_pts_per_interval=1`, over a time dimension of whole
years 0..T-1. flodym puts the year bounds half way between the items (-0.5, 0.5, 1.5, ...)
and, with inflow at the end of year c, evaluates cohort c at ages bounds[t+1] - bounds[c+1] =
t - c, exactly the whole-year ages ODYM uses. All intervals are 1 year long, so flodym's
`_to_whole_period` / `_to_annual` conversions are identities.

What was found reading flodym 1.1.0's lifetime_models.py and stocks.py, compared with ODYM's
`DynamicStockModel` (and with rareflow, which follows ODYM apart from the LogNormal below):

- LogNormal parametrisation. `LogNormalLifetime(mean, std)` takes the mean and standard
  deviation of the LIFETIME ITSELF (the textbook parametrisation), and converts them to the
  underlying normal with mu = ln(mean^2 / sqrt(mean^2 + std^2)) = ln(mean) - sigma^2/2 and
  sigma = sqrt(ln(1 + std^2/mean^2)); scipy.stats.lognorm.sf(age, s=sigma, scale=e^mu).
  That is exactly rareflow's `Lifetime::LogNormal { mean, sd }`, so NO conversion is needed:
  the same (mean, sd) is passed to both sides (checked below by comparing the mean and sd of
  scipy's distribution with the values passed in). ODYM differs: it computes
  sigma^2 = ln(1 + mean^2/StdDev^2) (the ratio inverted), so ODYM's "StdDev" S is a textbook
  sd of mean^2/S; ODYM LogNormal results need that conversion, flodym's do not.
- inflow_at. flodym's default is "middle" (ages 0.5, 1.5, ...), which is NOT ODYM's
  convention; "end" (used here) gives ODYM's whole-year ages. "start" would give ages 1, 2, ...
- Normal. Not truncated at age 0 in either (scipy norm.sf), so part of a cohort is gone at
  age 0 (sf(0) = 0.99957 for Normal(5, 1.5)). Difference at mean 0: ODYM skips cohorts with
  mean 0 (sf stays 0, everything leaves in the inflow year, as rareflow); flodym has no such
  special case and gives norm.sf(0, 0, sd) = 0.5 at age 0.
- Fixed. Same as ODYM: survives while age < mean (ages < mean), so Fixed(3.5) is still there
  at ages 0..3 and gone at age 4, Fixed(5) gone at age 5; Fixed(0) leaves in the inflow year.
- Weibull / LogNormal at age 0: scipy sf(0) = 1 in both. Weibull shape 0 and LogNormal mean 0
  are special-cased to sf = 0 by ODYM (and rareflow); flodym passes them to scipy (shape 0 ->
  exp(-1) or nan, mean 0 -> division by zero -> nan). Not compared here.
- Stock-driven with sf[m][m] = 0: ODYM silently sets that inflow to 0 (and misses the stock);
  flodym divides by 0 (inf/nan); rareflow reports an error. None of the cases here has it.
- Negative inflow: flodym 1.1.0 has NO negative-inflow correction (nothing like ODYM's
  `NegativeInflowCorrect=True`); a stock-driven inflow that comes out negative is kept as a
  negative cohort. So only rareflow's `NegativeInflow::Allow` is compared (case
  `stock_negative_inflow_*`).
- Outflow by cohort: flodym computes inflow[c] * (sf[t-1][c] - sf[t][c]) (via its `pdf`), and
  inflow[c] * (1 - sf[c][c]) in the inflow year, as ODYM's -diff of the cohort stock. Equal
  algebraically to rareflow's; the rounding differs.
- stock_change is not a flodym output; it is written here as np.diff(stock, prepend=0), the
  convention of flodym's `get_stock_balance` (and ODYM/rareflow: stock_change[0] = stock[0]).
"""

import json
import math
from pathlib import Path

import numpy as np
import scipy.stats
import flodym as fd
from importlib.metadata import version

FLODYM_VERSION = version("flodym")
OUT = Path(__file__).resolve().parent.parent / "crates" / "mfa" / "tests" / "data" / "flodym"

# (case tag, rareflow kind, rareflow params, flodym class, flodym params)
LIFETIMES = [
    ("fixed_5", "Fixed", {"mean": 5.0}, fd.FixedLifetime, {"mean": 5.0}),
    ("fixed_3.5", "Fixed", {"mean": 3.5}, fd.FixedLifetime, {"mean": 3.5}),
    ("normal_5_1.5", "Normal", {"mean": 5.0, "sd": 1.5}, fd.NormalLifetime,
     {"mean": 5.0, "std": 1.5}),
    ("weibull_1.2_1", "Weibull", {"shape": 1.2, "scale": 1.0}, fd.WeibullLifetime,
     {"weibull_shape": 1.2, "weibull_scale": 1.0}),
    ("weibull_2.5_15", "Weibull", {"shape": 2.5, "scale": 15.0}, fd.WeibullLifetime,
     {"weibull_shape": 2.5, "weibull_scale": 15.0}),
    # Textbook mean/sd on both sides: flodym's LogNormalLifetime takes the lifetime's own mean
    # and std (see the header), the same as rareflow's Lifetime::LogNormal.
    ("lognormal_30_10", "LogNormal", {"mean": 30.0, "sd": 10.0}, fd.LogNormalLifetime,
     {"mean": 30.0, "std": 10.0}),
    ("lognormal_8_3", "LogNormal", {"mean": 8.0, "sd": 3.0}, fd.LogNormalLifetime,
     {"mean": 8.0, "std": 3.0}),
]

RAMP10 = [float(k) for k in range(1, 11)]
# 60 years of smooth, growing inflow: a logistic rise with a gentle wave on top.
SMOOTH60 = [20.0 + 80.0 / (1.0 + math.exp(-(k - 30) / 8.0)) + 5.0 * math.sin(0.25 * k)
            for k in range(60)]
INPUTS = [("ramp10", RAMP10), ("smooth60", SMOOTH60)]

# A stock that falls faster than anything can leave: the stock-driven inflow goes negative.
NEGATIVE_STOCK = [10.0 * k for k in range(1, 21)] + [200.0 - 30.0 * k for k in range(1, 5)] + [
    80.0 + 5.0 * k for k in range(1, 17)]


def check_lognormal_parametrisation():
    """flodym's LogNormal with (mean, std) must be the distribution with that mean and std."""
    for mean, std in [(30.0, 10.0), (8.0, 3.0)]:
        sigma = math.sqrt(math.log(1 + std**2 / mean**2))
        mu = math.log(mean**2 / math.sqrt(mean**2 + std**2))
        dist = scipy.stats.lognorm(s=sigma, scale=math.exp(mu))
        assert abs(dist.mean() - mean) < 1e-9 * mean, (dist.mean(), mean)
        assert abs(dist.std() - std) < 1e-9 * std, (dist.std(), std)
        # ... and flodym's sf equals that distribution's sf at whole-year ages.
        lm = fd.LogNormalLifetime(dims=time_dims(40), inflow_at="end", mean=mean, std=std)
        assert np.allclose(lm.sf[:, 0], dist.sf(np.arange(40)), rtol=1e-14, atol=0)


def time_dims(n):
    return fd.DimensionSet(dim_list=[fd.Dimension(name="time", letter="t", items=list(range(n)))])


def lifetime_model(cls, params, dims):
    return cls(dims=dims, inflow_at="end", n_pts_per_interval=1, **params)


def run(driven, series, cls, params):
    n = len(series)
    dims = time_dims(n)
    lm = lifetime_model(cls, params, dims)
    if driven == "inflow":
        dsm = fd.InflowDrivenDSM(dims=dims, lifetime_model=lm)
        dsm.inflow.values[...] = np.array(series)
    else:
        dsm = fd.StockDrivenDSM(dims=dims, lifetime_model=lm)
        dsm.stock.values[...] = np.array(series)
    dsm.compute()
    stock = dsm.stock.values.copy()
    return {
        "inflow": dsm.inflow.values.tolist(),
        "stock": stock.tolist(),
        "outflow": dsm.outflow.values.tolist(),
        "stock_change": np.diff(stock, prepend=0.0).tolist(),
        "stock_by_cohort": dsm.get_stock_by_cohort().tolist(),
        "outflow_by_cohort": dsm.get_outflow_by_cohort().tolist(),
    }


def write(case, kind, params, cls, fparams, driven, series):
    result = run(driven, series, cls, fparams)
    doc = {
        "case": case,
        "flodym_version": FLODYM_VERSION,
        "lifetime": {"kind": kind, "params": params},
        "flodym_lifetime": {"class": cls.__name__, "params": fparams,
                            "inflow_at": "end", "n_pts_per_interval": 1},
        "driven": driven,
        "input": list(series),
        **result,
    }
    (OUT / f"{case}.json").write_text(json.dumps(doc) + "\n")
    return result


def main():
    check_lognormal_parametrisation()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    n = 0
    for tag, kind, params, cls, fparams in LIFETIMES:
        for input_tag, inflow in INPUTS:
            forward = write(f"inflow_{tag}_{input_tag}", kind, params, cls, fparams,
                            "inflow", inflow)
            # Stock-driven, fed the inflow-driven stock.
            write(f"stock_{tag}_{input_tag}", kind, params, cls, fparams, "stock",
                  forward["stock"])
            n += 2
    # Negative inflow, uncorrected (flodym has no correction).
    for tag, kind, params, cls, fparams in [LIFETIMES[6], LIFETIMES[4]]:
        result = write(f"stock_negative_inflow_{tag}", kind, params, cls, fparams, "stock",
                       NEGATIVE_STOCK)
        assert min(result["inflow"]) < 0, f"{tag}: no negative inflow"
        n += 1
    print(f"flodym {FLODYM_VERSION}: wrote {n} cases to {OUT}")


if __name__ == "__main__":
    main()
