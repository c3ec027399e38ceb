#!/usr/bin/env python3
"""Write the proposed tidy tables in proposed/ from the raw eu-crm files (stdlib only).

Usage: python3 make_proposed.py [RAW]      (RAW as in calc.py; default /work/shared/data/raw)
Columns of every table: material,stage,input,country,value,unit,source_file,source_line,note
See proposed/README.md for every transformation.
"""
import csv
import hashlib
import os
import sys

import calc  # the readers and name maps (same folder)

RAW, EU = calc.RAW, calc.EU
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "proposed")
COLS = ["material", "stage", "input", "country", "value", "unit", "source_file", "source_line", "note"]
STAGE = {"E": "extraction", "P": "processing"}


def fr(x):
    """fraction written without float noise"""
    return f"{round(x, 6):.6f}".rstrip("0").rstrip(".") if x is not None else ""


def write(name, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLS)
        for r in rows:
            w.writerow([r.get(c, "") for c in COLS])
    return len(rows)


def main():
    os.makedirs(OUT, exist_ok=True)
    res = calc.read_results()
    rows = []
    src = "eu-crm/critmat_eureport_results.csv"
    for mid in calc.ORDER:
        r = res[mid]
        L = r["line"]
        base = {"material": mid, "source_file": src, "source_line": L}
        rows.append({**base, "stage": "all", "input": "published_sr", "value": fr(r["SR"]), "unit": "index",
                     "note": f"bottleneck stage {STAGE[r['stage_used']]}"})
        rows.append({**base, "stage": "all", "input": "published_ei", "value": fr(r["EI"]), "unit": "index"})
        rows.append({**base, "stage": "all", "input": "stage_used", "value": STAGE[r["stage_used"]], "unit": "",
                     "note": f"stages assessed: {r['stages']}"})
        for st in "EP":
            if st not in r["stages"]:
                continue
            raw = r["SR_stage_raw"][st]
            note = ""
            val = fr(r["SR_stage"][st])
            if raw.endswith("%"):
                note = (f"printed '{raw}' (a percent-formatted cell); read as {r['SR_stage'][st]:.2f}; "
                        "the mean of the published member extraction SRs is 2.84")
            elif raw == "":
                val = ""
                note = f"blank in the source; the headline SR {r['SR']} is at this stage (derived, not printed)"
            rows.append({**base, "stage": STAGE[st], "input": "published_stage_sr", "value": val, "unit": "index", "note": note})
            basis = r["basis"][st]
            rows.append({**base, "stage": STAGE[st], "input": "supply_basis",
                         "value": {"GS+EU": "GS+EU", "GSonly": "GS"}.get(basis, basis), "unit": "",
                         "note": "printed " + basis})
            if r["IR"][st] is not None:
                rows.append({**base, "stage": STAGE[st], "input": "import_reliance", "value": fr(r["IR"][st]),
                             "unit": "fraction", "note": "printed as percent"})
        rows.append({**base, "stage": "all", "input": "eol_rir", "value": fr(r["EoL"]), "unit": "fraction",
                     "note": "printed as percent"})
        for k, name in (("si_sr", "si_sr"), ("si_ei", "si_ei")):
            if r[k] is not None:
                rows.append({**base, "stage": "all", "input": name, "value": fr(r[k]), "unit": "index",
                             "note": "column order si_ei, si_sr as in the file"})
    n_res = len(rows)

    # annex share tables
    for fname, inp in (("global_supply_shares_and_t.csv", "global_supply"), ("eu_supply_shares_and_t.csv", "eu_sourcing")):
        src = "eu-crm/" + fname
        it = calc.records(os.path.join(EU, fname), "cp1252")
        next(it)
        for line, (mat, stage, country, share, t) in it:
            mid = calc.MATERIAL_ID.get(mat)
            if mid is None:
                continue
            iso = calc.ISO3[country]
            note = f"printed {mat!r}" if mat != res.get(mid, {}).get("name", mat) else ""
            if mid == "HREE":
                note = ("group-level row 'Heavy Rare earths Elements' (the only EU-sourcing extraction row for any HREE); "
                        "calc.py uses it for every HREE member")
            rows.append({"material": mid, "stage": STAGE[stage], "input": f"{inp}_share", "country": iso,
                         "value": fr(calc.pct(share)), "unit": "fraction", "source_file": src, "source_line": line,
                         "note": ("; ".join(x for x in (note, f"printed {share} {country}") if x))})
            rows.append({"material": mid, "stage": STAGE[stage], "input": f"{inp}_t", "country": iso,
                         "value": fr(float(t)), "unit": "factor", "source_file": src, "source_line": line,
                         "note": "trade-related variable t"})

    # end uses and sector value added
    src = "eu-crm/material_use_shares.csv"
    uses, maxq, maxq_at = calc.read_uses()
    mode, odd = calc.sector_mode()
    for mid in calc.ORDER:
        for app, a, code, va, line in uses.get(mid, []):
            note = f"application: {app}"
            if not code:
                note += "; no NACE sector and no VA printed (a gap)"
            rows.append({"material": mid, "stage": "all", "input": "end_use_share", "country": code, "value": fr(a),
                         "unit": "fraction", "source_file": src, "source_line": line, "note": note})
        if mid not in uses and mid not in calc.MEMBERS:
            rows.append({"material": mid, "stage": "all", "input": "end_use_share", "country": "", "value": "",
                         "unit": "fraction", "source_file": src, "source_line": "",
                         "note": f"gap: no rows for {res[mid]['name']} in the transcription"})
    for code in sorted(mode):
        lines = sorted(l for l, _m in calc.SECTOR_VA[code][mode[code]])
        others = [(l, m, v) for (l, m, c, v, _b) in odd if c == code]
        note = f"printed on {len(lines)} rows"
        if others:
            note += "; other VA on " + ", ".join(f"line {l} ({m}) {v:.0f}" for l, m, v in others) + " (shifted rows, ignored)"
        if mode[code] == maxq:
            note += "; the largest VA in the table = maxQ of the EI scaling"
        rows.append({"material": "all", "stage": "all", "input": "sector_value_added", "country": code,
                     "value": f"{mode[code]:.0f}", "unit": "MEUR", "source_file": src, "source_line": lines[0], "note": note})
    n = write("eu_crm_2023_ree.csv", rows)

    # over time
    rows = []
    it = calc.records(os.path.join(EU, "crms_over_time.csv"), "cp1252")
    next(it)
    for line, (mat, year, sr, ei) in it:
        mid = calc.MATERIAL_ID.get(mat)
        if not mid:
            continue
        for inp, v in (("sr", sr), ("ei", ei)):
            note = f"printed {mat!r}"
            if year == "2011":
                note += "; 2011 assessed all rare earths incl. Sc as one group (2017 study p.11)"
            rows.append({"material": mid, "stage": "all", "input": f"published_{inp}_{year}",
                         "value": "" if v in ("-", "") else v, "unit": "index",
                         "source_file": "eu-crm/crms_over_time.csv", "source_line": line, "note": note})
    n2 = write("eu_crm_over_time_ree.csv", rows)

    # 2017 study (primary PDF; typed from the text layer, page numbers are the printed ones = PDF pages)
    pdf = "eu-crm/crm_2017_study_criticality_assessments.pdf"
    t3 = {"Ce": (5.7, 3.2, 100, 1, "p.33"), "Dy": (5.2, 6.3, 100, 0, "p.34"), "Er": (5.2, 2.7, 100, 1, "p.34"),
          "Eu": (3.4, 3.7, 100, 38, "p.34"), "Gd": (5.1, 4.1, 100, 1, "p.34"), "Ho": (5.4, 3.3, 100, 1, "p.34"),
          "La": (5.4, 1.4, 100, 1, "p.34"), "Lu": (5.4, 3.3, 100, 1, "p.34"), "Nd": (4.8, 4.2, 100, 1, "p.34"),
          "Pr": (4.6, 3.8, 100, 10, "p.34"), "Sm": (4.5, 5.5, 100, 1, "p.34"), "Sc": (2.9, 3.7, 100, 0, "p.34"),
          "Tb": (4.8, 3.9, 100, 6, "p.35"), "Tm": (5.4, 3.3, 100, 1, "p.35"), "Yb": (5.4, 3.3, 100, 1, "p.35"),
          "Y": (3.8, 3.2, 100, 31, "p.35"), "LREE": (5.0, 3.6, 100, 3, "p.35"), "HREE": (4.9, 3.7, 100, 8, "p.35")}
    t18 = {"Ce": (1.0, 1.0, 9.2, 2.6, "p.79"), "Dy": (0.9, 0.9, 9.2, 1.8, "p.79"), "Er": (0.9, 1.0, 9.2, 1.6, "p.79"),
           "Eu": (1.0, 1.0, 9.2, 1.8, "p.79"), "Gd": (0.9, 0.9, 9.2, 1.8, "p.79"), "Ho": (1.0, 1.0, 9.2, 1.8, "p.79"),
           "La": (1.0, 1.0, 9.2, 1.8, "p.79"), "Lu": (1.0, 1.0, 9.2, 1.8, "p.79"), "Nd": (0.9, 0.9, 8.8, 1.8, "p.80"),
           "Pr": (0.9, 0.9, 9.2, 1.8, "p.80"), "Sm": (0.8, 0.8, 9.2, 1.6, "p.80"), "Sc": (0.9, 1.0, 3.0, 3.4, "p.80"),
           "Tb": (0.8, 0.9, 9.2, 1.8, "p.80"), "Tm": (1.0, 1.0, 9.2, 1.8, "p.80"), "Yb": (1.0, 1.0, 9.2, 1.8, "p.80"),
           "Y": (1.0, 1.0, 9.2, 1.8, "p.80")}
    basis = {m: "GS+EU" for m in t3}
    basis["Sc"] = "GS"
    rows = []
    for m in calc.ORDER:
        sr, ei, ir, eol, pg = t3[m]
        stage = "processing" if m == "Sc" else "extraction"
        b = {"material": m, "source_file": pdf, "source_line": f"{pg} Table 3"}
        rows += [{**b, "stage": "all", "input": "published_sr_2017", "value": sr, "unit": "index", "note": f"stage assessed {stage}"},
                 {**b, "stage": "all", "input": "published_ei_2017", "value": ei, "unit": "index"},
                 {**b, "stage": stage, "input": "import_reliance_2017", "value": fr(ir / 100), "unit": "fraction"},
                 {**b, "stage": "all", "input": "eol_rir_2017", "value": fr(eol / 100), "unit": "fraction"},
                 {**b, "stage": stage, "input": "supply_basis_2017", "value": basis.get(m, "GS+EU"), "unit": "",
                  "note": "group rows are averages (p.35)" if m in calc.MEMBERS else ""}]
        if m in t18:
            si_ei, si_sr, g, e, pg18 = t18[m]
            b18 = {"material": m, "source_file": pdf, "source_line": f"{pg18} Table 18"}
            rows += [{**b18, "stage": "all", "input": "si_ei_2017", "value": si_ei, "unit": "index"},
                     {**b18, "stage": "all", "input": "si_sr_2017", "value": si_sr, "unit": "index"},
                     {**b18, "stage": stage, "input": "hhi_wgi_t_gs_2017", "value": g, "unit": "index"},
                     {**b18, "stage": stage, "input": "hhi_wgi_t_eu_2017", "value": e, "unit": "index"}]
    n3 = write("eu_crm_2017_study_ree.csv", rows)

    # name maps
    with open(os.path.join(OUT, "material_ids.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name_as_printed", "id", "group", "files"])
        where = {}
        for fname, enc in (("critmat_eureport_results.csv", "utf-8"), ("global_supply_shares_and_t.csv", "cp1252"),
                           ("eu_supply_shares_and_t.csv", "cp1252"), ("material_use_shares.csv", "cp1252"),
                           ("crms_over_time.csv", "cp1252")):
            for _l, row in calc.records(os.path.join(EU, fname), enc):
                if row and row[0] in calc.MATERIAL_ID:
                    where.setdefault(row[0], set()).add(fname)
        grp = {m: g for g, ms in calc.MEMBERS.items() for m in ms}
        for name in sorted(calc.MATERIAL_ID, key=lambda n: (calc.ORDER.index(calc.MATERIAL_ID[n]), n)):
            mid = calc.MATERIAL_ID[name]
            w.writerow([name, mid, grp.get(mid, "group" if mid in calc.MEMBERS else "none (assessed alone)"),
                        " ".join(sorted(where.get(name, []))) or "(none)"])
    with open(os.path.join(OUT, "country_iso3.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name_as_printed", "iso3", "note"])
        for name in sorted(calc.ISO3):
            note = {"Korea, South": "Republic of Korea", "South Korea": "spelling used elsewhere in the annex files",
                    "Hong Kong": "WGI code HKG", "Vietnam": "WGI/ISO name Viet Nam", "Russia": "Russian Federation",
                    "Norway": "as printed for LREE processing 0.1%"}.get(name, "")
            w.writerow([name, calc.ISO3[name], note])

    # hashes of the raw files
    with open(os.path.join(OUT, "raw_sha256.txt"), "w", encoding="utf-8") as f:
        for fn in sorted(os.listdir(EU)):
            h = hashlib.sha256(open(os.path.join(EU, fn), "rb").read()).hexdigest()
            f.write(f"{h}  eu-crm/{fn}\n")
        for fn in ("wgi/wgidataset.csv",):
            h = hashlib.sha256(open(os.path.join(RAW, fn), "rb").read()).hexdigest()
            f.write(f"{h}  {fn}\n")
    print(f"eu_crm_2023_ree.csv {n} rows ({n_res} from the results table); eu_crm_over_time_ree.csv {n2}; eu_crm_2017_study_ree.csv {n3}")


if __name__ == "__main__":
    main()
