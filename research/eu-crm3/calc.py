#!/usr/bin/env python3
"""EU CRM 2023: supply risk (SR) and economic importance (EI) for every rare-earth row.

Standalone, Python 3.11, standard library only. Reads the raw files directly:

  <RAW>/eu-crm/critmat_eureport_results.csv       published SR/EI, stage used, basis, SI, IR, EoL (UTF-8, LF)
  <RAW>/eu-crm/global_supply_shares_and_t.csv     annex p.78 global supply shares and t (cp1252, CRLF)
  <RAW>/eu-crm/eu_supply_shares_and_t.csv         annex p.78 EU sourcing shares and t (cp1252, CRLF)
  <RAW>/eu-crm/material_use_shares.csv            annex p.64 end uses, NACE, VA (cp1252, CRLF, quoted LFs)
  <RAW>/eu-crm/crms_over_time.csv                 SR/EI by assessment 2011-2023 (ASCII, CRLF)
  <RAW>/eu-crm/critmat_eureport_tradeparameters.csv   t by material (checked: no rare-earth rows)
  <RAW>/wgi/wgidataset.csv                        World Bank WGI, 2024 update (UTF-8 BOM)

RAW defaults to /work/shared/data/raw; override with the first argument or RAREFLOW_RAW.
Usage: python3 calc.py [RAW] > calc_output.txt

Nothing is invented: a missing input is printed as a gap with its reason. Section 3 ("what-if")
shows arithmetic on hypotheses, clearly labelled; those numbers are not used in the main table.
"""
import csv
import io
import os
import sys

RAW = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("RAREFLOW_RAW", "/work/shared/data/raw")
EU = os.path.join(RAW, "eu-crm")

# ---------------------------------------------------------------- names -> ids
MATERIAL_ID = {
    # results table / annex tables / crms_over_time spellings
    "HREE": "HREE", "HREEs": "HREE", "Heavy Rare earths Elements": "HREE",
    "LREE": "LREE", "LREEs": "LREE",
    "Cerium": "Ce", "Dysprosium": "Dy", "Erbium": "Er", "Europium": "Eu", "Gadolinium": "Gd",
    "Holmium": "Ho", "Lanthanum": "La", "Lutetium": "Lu", "Neodymium": "Nd", "Praseodymium": "Pr",
    "Samarium": "Sm", "Scandium": "Sc", "Terbium": "Tb", "Thulium": "Tm", "Ytterbium": "Yb",
    "Yttrium": "Y",
}
# group membership: 2017 study p.28 (and Table 3 legend p.33); Sc is assessed on its own (p.11, p.55)
MEMBERS = {"HREE": ["Dy", "Er", "Eu", "Gd", "Ho", "Lu", "Tb", "Tm", "Yb", "Y"],
           "LREE": ["Ce", "La", "Nd", "Pr", "Sm"]}
ORDER = ["HREE"] + MEMBERS["HREE"] + ["LREE"] + MEMBERS["LREE"] + ["Sc"]

# country names in the annex tables -> ISO 3166-1 alpha-3 (WGI uses the same codes for all of these)
ISO3 = {
    "Australia": "AUS", "Brazil": "BRA", "Burundi": "BDI", "Canada": "CAN", "China": "CHN",
    "Hong Kong": "HKG", "India": "IND", "Japan": "JPN", "Kazakhstan": "KAZ", "Korea, South": "KOR",
    "South Korea": "KOR", "Malaysia": "MYS", "Myanmar": "MMR", "Norway": "NOR", "Philippines": "PHL",
    "Russia": "RUS", "Singapore": "SGP", "Thailand": "THA", "Ukraine": "UKR", "United Kingdom": "GBR",
    "United States": "USA", "Vietnam": "VNM",
}
STAGES = {"E": "extraction", "P": "processing"}


# ---------------------------------------------------------------- readers
def records(path, encoding):
    """Yield (first physical line number, row) for each CSV record (quoted newlines allowed)."""
    with open(path, encoding=encoding, newline="") as f:
        rd = csv.reader(f)
        prev = 0
        for row in rd:
            yield prev + 1, row
            prev = rd.line_num


def pct(s):
    """'68.3%' -> 0.683 ; '' -> None. Anything else is an error."""
    s = s.strip()
    if s == "":
        return None
    if not s.endswith("%"):
        raise ValueError(f"not a percent: {s!r}")
    return float(s[:-1]) / 100.0


def num(s):
    s = s.strip()
    return None if s == "" else float(s)


def read_results():
    out = {}
    it = records(os.path.join(EU, "critmat_eureport_results.csv"), "utf-8")
    _, head = next(it)
    for line, row in it:
        r = dict(zip(head, row))
        mid = MATERIAL_ID.get(r["material_name"])
        if mid is None:
            continue
        rec = {"line": line, "name": r["material_name"],
               "SR": num(r["supply_risk"]), "EI": num(r["economic_importance"]),
               "stage_used": {"Extraction": "E", "Processing": "P"}[r["eu_used_stage"]],
               "stages": r["eu_stages"],
               "basis": {"E": r["eu_used_supply_primary"], "P": r["eu_used_supply_refined"]},
               "SR_stage": {}, "SR_stage_raw": {"E": r["supply_risk_primary"], "P": r["supply_risk_refined"]},
               "si_ei": num(r["si_ei"]), "si_sr": num(r["si_sr"]),
               "IR": {"E": None if r["import_reliance_primary"] == "" else float(r["import_reliance_primary"]) / 100,
                      "P": None if r["import_reliance_refined"] == "" else float(r["import_reliance_refined"]) / 100},
               "EoL": float(r["end_of_life"]) / 100, "notes": []}
        for st in "EP":
            raw = rec["SR_stage_raw"][st]
            if raw.endswith("%"):
                # typo handling: a cell formatted as percent ("281%") -> 2.81; flagged
                rec["SR_stage"][st] = float(raw[:-1]) / 100
                rec["notes"].append(f"published SR_{st} printed '{raw}', read as {float(raw[:-1]) / 100:.2f} (percent-formatted cell)")
            elif raw == "":
                if rec["stage_used"] == st and st in rec["stages"]:
                    rec["SR_stage"][st] = rec["SR"]
                    rec["notes"].append(f"published SR_{st} blank; the headline SR ({rec['SR']}) is at this stage, so SR_{st} = {rec['SR']}")
                else:
                    rec["SR_stage"][st] = None
            else:
                rec["SR_stage"][st] = float(raw)
        out[mid] = rec
    return out


def read_shares(fname):
    """{(id, stage): {iso3: (share, t, line)}}"""
    out = {}
    it = records(os.path.join(EU, fname), "cp1252")
    _, head = next(it)
    assert head == ["Material", "Stage", "Country", "Share", "t"], head
    for line, row in it:
        mat, stage, country, share, t = row
        mid = MATERIAL_ID.get(mat)
        if mid is None:
            continue
        iso = ISO3[country]  # KeyError = unmapped country name: fail loudly
        out.setdefault((mid, stage), {})[iso] = (pct(share), float(t), line)
    return out


SECTOR_VA = {}    # NACE code -> {VA: [lines]} over the whole table (all materials)


def read_uses():
    """({id: [(application, share, nace, va, line)]}, maxQ, (maxQ sector, line))"""
    out, maxq, maxq_at = {}, 0.0, None
    it = records(os.path.join(EU, "material_use_shares.csv"), "cp1252")
    _, head = next(it)
    assert head[:4] == ["Material", "Application", "Share", "NACE sector"], head
    for line, row in it:
        mat, app, share, nace, va = row
        nace = " ".join(nace.split())  # quoted line breaks inside the sector name
        code = nace.split(" - ")[0] if nace else ""
        v = num(va)
        if v is not None:
            SECTOR_VA.setdefault(code, {}).setdefault(v, []).append((line, mat))
            if v > maxq:
                maxq, maxq_at = v, (nace, line, mat)
        mid = MATERIAL_ID.get(mat)
        if mid is not None:
            out.setdefault(mid, []).append((app, pct(share), code, v, line))
    return out, maxq, maxq_at


def sector_mode():
    """NACE code -> the VA printed on most rows; plus the rows that print another VA."""
    mode, odd = {}, []
    for code, d in SECTOR_VA.items():
        best = max(d, key=lambda v: len(d[v]))
        mode[code] = best
        odd += [(line, mat, code, v, best) for v, ls in d.items() if v != best for line, mat in ls]
    return mode, sorted(odd)


def read_over_time():
    out = {}
    it = records(os.path.join(EU, "crms_over_time.csv"), "cp1252")
    next(it)
    for line, (mat, year, sr, ei) in it:
        mid = MATERIAL_ID.get(mat)
        if mid:
            out[(mid, int(year))] = (sr, ei, line)
    return out


def check_trade_parameters():
    it = records(os.path.join(EU, "critmat_eureport_tradeparameters.csv"), "utf-8")
    next(it)
    return [(line, row[0]) for line, row in it if MATERIAL_ID.get(row[0])]


def read_wgi():
    """{(code, year): scaled} with scaled = 2*(2.5 - mean of the six estimates); years with all six only."""
    est = {}
    with open(os.path.join(RAW, "wgi", "wgidataset.csv"), encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            if r["estimate"] == "..":
                continue
            est.setdefault((r["code"], int(r["year"])), {})[r["indicator"]] = float(r["estimate"])
    return est


def wgi_scaled(est, code, years, indicators=("va", "pv", "ge", "rq", "rl", "cc")):
    vals = []
    for y in years:
        e = est.get((code, y), {})
        if not all(i in e for i in indicators):
            raise KeyError(f"WGI {code} {y} incomplete")
        m = sum(e[i] for i in indicators) / len(indicators)
        vals.append(2 * (2.5 - m))
    return sum(vals) / len(vals)


# ---------------------------------------------------------------- the method
def hhi(shares, w):
    """HHI_WGI,t = sum_c S_c^2 * WGI_scaled,c * t_c  (shares as fractions, as printed, not rescaled)."""
    return sum(s * s * w[c] * t for c, (s, t, _l) in shares.items())


def stage_sr(mid, st, res, gs, eus, w, eol=None, rescale=False):
    """Return (SR, detail, gap_reason)."""
    r = res[mid]
    basis = r["basis"][st]
    if st not in r["stages"] or basis == "":
        return None, "", "stage not assessed"
    g = gs.get((mid, st))
    if not g:
        return None, "", f"no global-supply rows for {mid} {st}"
    if rescale:
        tot = sum(s for s, _t, _l in g.values())
        g = {c: (s / tot, t, l) for c, (s, t, l) in g.items()}
    h_gs = hhi(g, w)
    eol = r["EoL"] if eol is None else eol
    si = r["si_sr"]
    if si is None:
        return None, "", "no SI_SR"
    if basis == "GSonly":
        core, det = h_gs, f"GS only: HHI_GS={h_gs:.3f}"
    elif basis == "GS+EU":
        e = eus.get((mid, st))
        src = ""
        if not e and mid in MEMBERS["HREE"] and st == "E" and ("HREE", "E") in eus:
            e, src = eus[("HREE", "E")], " (EU row of 'Heavy Rare earths Elements' used for the member)"
        if not e:
            return None, f"HHI_GS={h_gs:.3f}", f"basis GS+EU but no EU-sourcing rows for {mid} {st}"
        if rescale:
            tot = sum(s for s, _t, _l in e.values())
            e = {c: (s / tot, t, l) for c, (s, t, l) in e.items()}
        h_eu = hhi(e, w)
        ir = r["IR"][st]
        if ir is None:
            return None, "", "no import reliance"
        core = h_gs * ir / 2 + h_eu * (1 - ir / 2)
        det = f"GS+EU: HHI_GS={h_gs:.3f} HHI_EU={h_eu:.3f} IR={ir:.0%}{src}"
    else:
        return None, "", f"unknown basis {basis!r}"
    return core * (1 - eol) * si, det + f" EoL={eol:.0%} SI_SR={si}", ""


def ei(mid, res, uses, maxq, remap=None):
    """EI = sum_s A_s*Q_s * 10/maxQ * SI_EI. Returns (EI, detail, gap_reason)."""
    rows = uses.get(mid)
    if not rows:
        return None, "", f"no end-use rows for {res[mid]['name']} in material_use_shares.csv"
    si = res[mid]["si_ei"]
    if si is None:
        return None, "", "no SI_EI"
    total, unmapped, share_sum = 0.0, 0.0, 0.0
    for app, a, nace, va, _line in rows:
        share_sum += a
        if remap and (app, nace) in remap:
            nace, va = remap[(app, nace)]
        if va is None:
            unmapped += a
            continue
        total += a * va
    val = total * 10 / maxq * si
    det = f"sumAQ={total:.1f} x10/{maxq:.0f}={total * 10 / maxq:.3f} xSI_EI {si}; shares sum {share_sum:.0%}"
    if unmapped:
        det += f"; {unmapped:.0%} 'Other' without NACE/VA counted as 0"
    return val, det, ""


def status(c, p):
    if c is None or p is None:
        return "gap"
    d = abs(c - p)
    return "match" if d <= 0.1 + 1e-9 else "close" if d <= 0.3 + 1e-9 else "differs"


def f2(x):
    return "  -  " if x is None else f"{x:5.2f}"


def mean_or_gap(vals):
    if any(v is None for v in vals):
        return None
    return sum(vals) / len(vals)


# ---------------------------------------------------------------- main
def compute_all(res, gs, eus, uses, maxq, w):
    out = {}
    for mid in ORDER:
        if mid in MEMBERS:
            continue
        row = {"stage": {}, "det": {}, "gap": {}}
        for st in "EP":
            v, d, g = stage_sr(mid, st, res, gs, eus, w)
            row["stage"][st], row["det"][st], row["gap"][st] = v, d, g
        row["SR"] = row["stage"][res[mid]["stage_used"]]
        row["EI"], row["det"]["EI"], row["gap"]["EI"] = ei(mid, res, uses, maxq)
        out[mid] = row
    for grp, mem in MEMBERS.items():
        row = {"stage": {}, "det": {}, "gap": {}}
        for st in "EP":
            row["stage"][st] = mean_or_gap([out[m]["stage"][st] for m in mem])
            miss = [m for m in mem if out[m]["stage"][st] is None]
            row["gap"][st] = f"member gaps: {','.join(miss)}" if miss else ""
        row["SR"] = mean_or_gap([out[m]["SR"] for m in mem])
        row["EI"] = mean_or_gap([out[m]["EI"] for m in mem])
        miss = [m for m in mem if out[m]["EI"] is None]
        row["gap"]["EI"] = f"member gaps: {','.join(miss)}" if miss else ""
        out[grp] = row
    return out


def main():
    res = read_results()
    gs = read_shares("global_supply_shares_and_t.csv")
    eus = read_shares("eu_supply_shares_and_t.csv")
    uses, maxq, maxq_at = read_uses()
    ot = read_over_time()
    tp = check_trade_parameters()
    est = read_wgi()

    countries = sorted({c for d in (gs, eus) for k, v in d.items() if k[0] in ORDER for c in v})
    base_years = range(2016, 2021)
    w = {c: wgi_scaled(est, c, base_years) for c in countries}

    P = print
    P("EU CRM 2023 - rare-earth rows: computed vs published (calc.py, research/eu-crm3)")
    P(f"raw folder: {RAW}")
    P("SR_stage = [HHI_GS*IR/2 + HHI_EU*(1-IR/2)] * (1-EoL_RIR) * SI_SR   (GS only: HHI_GS*(1-EoL)*SI_SR)")
    P("HHI = sum_c S_c^2 * WGI_scaled,c * t_c ; WGI_scaled = 2*(2.5 - mean of 6 WGI estimates), mean 2016-2020, WGI 2024 update")
    P(f"EI = sum_s A_s*Q_s * 10/maxQ * SI_EI ; maxQ = {maxq:.0f} M EUR = {maxq_at[0]} (material_use_shares.csv line {maxq_at[1]}, {maxq_at[2]})")
    P("Groups (HREE, LREE) = arithmetic mean of the members' computed values (2017 study p.11, p.55); a member gap makes the group a gap.")
    P("t: every rare-earth/Sc row of both annex share tables has t = 1.0; critmat_eureport_tradeparameters.csv rare-earth rows: "
      + (str(tp) if tp else "none"))
    P("status: match |diff|<=0.1, close <=0.3, differs >0.3, gap = an input is missing (computed '-')")
    P()
    P("0. WGI_scaled used (2016-2020 mean of yearly 2*(2.5-mean6))")
    P("   " + "  ".join(f"{c} {w[c]:.3f}" for c in countries))
    P()

    out = compute_all(res, gs, eus, uses, maxq, w)

    P("1. MAIN TABLE: each cell = computed | published | diff status")
    def cell(c, p, assessed=True):
        if not assessed:
            return f"{'n/a':^26}"
        d = "" if c is None or p is None else f"{c - p:+.2f}"
        return f"{f2(c)}|{'-' if p is None else p:>4}|{d:>5} {status(c, p):7}"
    hdr = f"{'id':5}{'basis E/P':14}{'SR_E':^26}{'SR_P':^26}{'used':5}{'SR (stage used)':^26}{'EI':^26}"
    P(hdr)
    P("-" * len(hdr))
    for mid in ORDER:
        r, o = res[mid], out[mid]
        basis = f"{r['basis']['E'] or '-'}/{r['basis']['P'] or '-'}"
        P(f"{mid:5}{basis:14}{cell(o['stage']['E'], r['SR_stage']['E'], bool(r['basis']['E']))}"
          f"{cell(o['stage']['P'], r['SR_stage']['P'])}{r['stage_used']:^5}{cell(o['SR'], r['SR'])}{cell(o['EI'], r['EI'])}")
    P()
    P("   computed bottleneck (max of computed stages) where it differs from the stage the report used:")
    for mid in ORDER:
        o, r = out[mid], res[mid]
        st = {k: v for k, v in o["stage"].items() if v is not None}
        if len(st) == 2:
            mx = max(st, key=st.get)
            if mx != r["stage_used"]:
                P(f"     {mid}: report used {r['stage_used']}, computed max is {mx} = {st[mx]:.2f} (published SR {r['SR']})")
    P()
    P("2. DETAILS AND GAPS PER ROW")
    for mid in ORDER:
        r, o = res[mid], out[mid]
        P(f" {mid} ({r['name']}, results line {r['line']})")
        for n in r["notes"]:
            P(f"   note: {n}")
        for k in ("E", "P", "EI"):
            if o["gap"].get(k):
                P(f"   {k}: GAP - {o['gap'][k]}")
            elif o["det"].get(k):
                P(f"   {k}: {o['det'][k]}")
    mode, odd = sector_mode()
    P("   material_use_shares.csv: rows whose VA differs from the VA printed for the same NACE code elsewhere (not rare earths):")
    for line, mat, code, v, best in odd:
        P(f"     line {line} {mat} {code}: {v:.0f} (elsewhere {best:.0f})")
    P(f"   maxQ {maxq:.0f} is also the VA printed on all other C28 rows, so the shifted rows do not change it.")
    P()

    # ---- published consistency checks (group = mean of published members)
    P("2b. PUBLISHED GROUP ROWS vs MEAN OF PUBLISHED MEMBERS (consistency of the transcription, not a computation)")
    for grp, mem in MEMBERS.items():
        for lab, get in (("SR", lambda m: res[m]["SR"]), ("EI", lambda m: res[m]["EI"]),
                         ("SR_E", lambda m: res[m]["SR_stage"]["E"]), ("SR_P", lambda m: res[m]["SR_stage"]["P"])):
            vals = [get(m) for m in mem]
            pub = {"SR": res[grp]["SR"], "EI": res[grp]["EI"], "SR_E": res[grp]["SR_stage"]["E"],
                   "SR_P": res[grp]["SR_stage"]["P"]}[lab]
            mv = mean_or_gap(vals)
            P(f"   {grp} {lab:4}: mean of published members = {f2(mv)}  published {pub}  ({status(mv, pub)})")
    for grp in ("HREE", "LREE", "Sc"):
        s, e, line = ot[(grp, 2023)]
        P(f"   crms_over_time.csv line {line}: {grp} 2023 SR {s} EI {e}  (results table: SR {res[grp]['SR']} EI {res[grp]['EI']})")
    P()

    # ---- WGI sensitivity
    P("2c. WGI WINDOW SENSITIVITY of the stage-used SR (same inputs, other WGI years; 2024-update vintage)")
    windows = [("2016-20", range(2016, 2021)), ("2017-21", range(2017, 2022)), ("2018-22", range(2018, 2023)),
               ("2019", [2019]), ("2020", [2020]), ("2021", [2021]), ("2022", [2022])]
    wv = {lab: {c: wgi_scaled(est, c, yrs) for c in countries} for lab, yrs in windows}
    P("   " + f"{'id':5}" + "".join(f"{lab:>9}" for lab, _ in windows) + "   published")
    for mid in ORDER:
        vals = []
        for lab, _ in windows:
            o = compute_all(res, gs, eus, uses, maxq, wv[lab])[mid]
            vals.append(o["SR"])
        P("   " + f"{mid:5}" + "".join(f"{f2(v):>9}" for v in vals) + f"   {res[mid]['SR']}")
    P()

    # ---- what-if (hypotheses; not inputs)
    P("3. WHAT-IF ARITHMETIC (hypotheses, NOT inputs; shown only to locate each difference)")
    # 3a EoL-RIR of the 2017 study for Tb and Y (Table 3 p.35)
    for mid, eol17 in (("Tb", 0.06), ("Y", 0.31)):
        for st in "EP":
            v, _d, _g = stage_sr(mid, st, res, gs, eus, w, eol=eol17)
            P(f"   3a {mid} {st} with the 2017 EoL-RIR {eol17:.0%} instead of the transcribed {res[mid]['EoL']:.0%}: "
              f"{f2(v)} (published {res[mid]['SR_stage'][st]})")
    # 3b autocatalysts of La and Pr mapped to C20 like Ce, Nd (and Y 'Automotive catalysts')
    c20 = next(va for rows in uses.values() for (_a, _s, n, va, _l) in rows if n == "C20")
    for mid in ("La", "Pr"):
        v, d, _g = ei(mid, res, uses, maxq, remap={("Autocatalysts", "C29"): ("C20", c20)})
        P(f"   3b {mid} EI with Autocatalysts -> C20 (as for Ce, Nd) instead of C29: {f2(v)} (published {res[mid]['EI']}); {d}")
    v0 = out["Pr"]["EI"]
    P(f"   3b Pr alternative: shares sum 102% (Polishing powders 2% printed twice, C23 and C26); as printed /1.02 -> {v0 / 1.02:.2f}; "
      f"dropping the C26 row -> {(v0 / res['Pr']['si_ei'] * maxq / 10 - 0.02 * mode['C26']) * 10 / maxq * res['Pr']['si_ei']:.2f}")
    # 3c 'Other' uses: VA that would make the published EI
    vas = {n: {v} for n, v in mode.items()}
    for mid in ("Er", "Eu", "Lu", "Y"):
        rows = uses[mid]
        known = sum(a * va for _ap, a, _n, va, _l in rows if va is not None)
        other = sum(a for _ap, a, _n, va, _l in rows if va is None)
        need = (res[mid]["EI"] / res[mid]["si_ei"] * maxq / 10 - known) / other
        lo = ((res[mid]["EI"] - 0.05) / res[mid]["si_ei"] * maxq / 10 - known) / other
        hi = ((res[mid]["EI"] + 0.05) / res[mid]["si_ei"] * maxq / 10 - known) / other
        fits = [f"{n} {min(v):.0f}" for n, v in sorted(vas.items()) if any(lo <= x < hi for x in v)]
        if need < 0:
            P(f"   3c {mid}: already {out[mid]['EI']:.2f} without its 'Other' {other:.0%}; 'Other' adds at most VA {hi:,.0f} M EUR "
              f"to stay below {res[mid]['EI'] + 0.05:.2f}: sectors that small: {', '.join(fits) or 'none'} (or 'Other' left out)")
            continue
        P(f"   3c {mid}: 'Other' {other:.0%} would need VA {need:,.0f} M EUR (window {lo:,.0f}-{hi:,.0f}) to give EI {res[mid]['EI']}; "
          f"sectors in the table within the window: {', '.join(fits) or 'none'}")
    # 3d extraction rows that do not reproduce: what HHI would be needed
    for mid in ("Nd", "Dy", "Ce"):
        r = res[mid]
        core = r["SR_stage"]["E"] / ((1 - r["EoL"]) * r["si_sr"])
        h_gs = hhi(gs[(mid, "E")], w)
        if r["basis"]["E"] == "GS+EU":
            ir = r["IR"]["E"]
            need_eu = (core - h_gs * ir / 2) / (1 - ir / 2)
            P(f"   3d {mid} E published {r['SR_stage']['E']}: core {core:.3f} needs HHI_EU = {need_eu:.2f} with HHI_GS {h_gs:.3f} "
              f"(China alone scores {w['CHN']:.2f}; Myanmar {w['MMR']:.2f}, Russia {w['RUS']:.2f})")
        else:
            P(f"   3d {mid} E published {r['SR_stage']['E']} (GS only): needs HHI_GS = {core:.2f}, annex shares give {h_gs:.3f} "
              f"(a {min(1, (core / w['CHN']) ** 0.5):.0%} China share alone would give it)")
    # 3e LREE processing: implied HHI_EU per member (the printed EU rows repeat the global ones)
    for mid in ("La", "Nd", "Pr", "Sm"):
        r = res[mid]
        pub = r["SR_stage"]["P"]
        core = pub / ((1 - r["EoL"]) * r["si_sr"])
        h_gs, h_eu = hhi(gs[(mid, "P")], w), hhi(eus[(mid, "P")], w)
        need = (core - h_gs * r["IR"]["P"] / 2) / (1 - r["IR"]["P"] / 2)
        P(f"   3e {mid} P published {pub}: needs HHI_EU {need:.2f}; printed EU rows give {h_eu:.3f} (HHI_GS {h_gs:.3f})")
    # 3f the repo's convention: rescale rounded share tables to 100 %
    for mid in ("Nd", "La", "Sm", "Pr"):
        v, _d, _g = stage_sr(mid, "P", res, gs, eus, w, rescale=True)
        P(f"   3f {mid} P with shares rescaled to sum 100% (rareflow's rescale_rounded): {f2(v)}")
    # 3g group values with the hypotheses 3b (La, Pr)
    o = compute_all(res, gs, eus, uses, maxq, w)
    lree_ei = [o[m]["EI"] for m in MEMBERS["LREE"]]
    alt = {m: ei(m, res, uses, maxq, remap={("Autocatalysts", "C29"): ("C20", c20)})[0] for m in ("La", "Pr")}
    lree_ei_alt = [alt.get(m, o[m]["EI"]) for m in MEMBERS["LREE"]]
    hree_alt = []
    for m in MEMBERS["HREE"]:
        if m == "Dy":
            hree_alt.append(res[m]["EI"])
        elif m in ("Er", "Eu", "Lu"):
            sec = {"Er": "C27", "Eu": "C23", "Lu": "C21"}[m]
            hree_alt.append(ei(m, res, uses, maxq, remap={(a, ""): (sec, mode[sec]) for a, _s, n, _v, _l in uses[m] if not n})[0])
        else:
            hree_alt.append(o[m]["EI"])
    P(f"   3h HREE EI if Dy = its published 7.8 and Er/Eu/Lu 'Other' -> C27/C23/C21 (3c): members "
      + " ".join(f"{x:.2f}" for x in hree_alt) + f" -> mean {sum(hree_alt) / 10:.2f} (published {res['HREE']['EI']})")
    P(f"   3g LREE EI: mean of computed members {sum(lree_ei) / 5:.2f}; with 3b {sum(lree_ei_alt) / 5:.2f} (published {res['LREE']['EI']})")
    P()

    # ---- 2017 study: primary check of the SR formula with its own tables
    P("4. 2017 STUDY CHECK (primary PDF; Table 3 pp.33-35, Table 18 pp.79-80): does SR = [GS*IR/2 + EU*(1-IR/2)]*(1-EoL)*SI_SR")
    P("   reproduce the printed 2017 SR from the printed (rounded) inputs? interval = all roundings (+-0.05, IR/EoL +-0.5pp)")
    # material: SR, EI, IR %, EoL %, basis, SI_EI, SI_SR, (HHI_WGI-t)GS, (HHI_WGI-t)EU28  -- typed from the PDF text
    t2017 = [("Ce", 5.7, 3.2, 100, 1, "GS+EU", 1.0, 1.0, 9.2, 2.6), ("Dy", 5.2, 6.3, 100, 0, "GS+EU", 0.9, 0.9, 9.2, 1.8),
             ("Er", 5.2, 2.7, 100, 1, "GS+EU", 0.9, 1.0, 9.2, 1.6), ("Eu", 3.4, 3.7, 100, 38, "GS+EU", 1.0, 1.0, 9.2, 1.8),
             ("Gd", 5.1, 4.1, 100, 1, "GS+EU", 0.9, 0.9, 9.2, 1.8), ("Ho", 5.4, 3.3, 100, 1, "GS+EU", 1.0, 1.0, 9.2, 1.8),
             ("La", 5.4, 1.4, 100, 1, "GS+EU", 1.0, 1.0, 9.2, 1.8), ("Lu", 5.4, 3.3, 100, 1, "GS+EU", 1.0, 1.0, 9.2, 1.8),
             ("Nd", 4.8, 4.2, 100, 1, "GS+EU", 0.9, 0.9, 8.8, 1.8), ("Pr", 4.6, 3.8, 100, 10, "GS+EU", 0.9, 0.9, 9.2, 1.8),
             ("Sm", 4.5, 5.5, 100, 1, "GS+EU", 0.8, 0.8, 9.2, 1.6), ("Tb", 4.8, 3.9, 100, 6, "GS+EU", 0.8, 0.9, 9.2, 1.8),
             ("Tm", 5.4, 3.3, 100, 1, "GS+EU", 1.0, 1.0, 9.2, 1.8), ("Yb", 5.4, 3.3, 100, 1, "GS+EU", 1.0, 1.0, 9.2, 1.8),
             ("Y", 3.8, 3.2, 100, 31, "GS+EU", 1.0, 1.0, 9.2, 1.8), ("Sc", 2.9, 3.7, 100, 0, "GS", 0.9, 1.0, 3.0, 3.4)]
    ok_half = ok_full = 0
    for m, sr, _ei, ir, eol, basis, _sie, sis, g, e in t2017:
        def f(gv, ev, irv, eolv, siv, half=True):
            if basis == "GS":
                return gv * (1 - eolv) * siv
            wgt = irv / 2 if half else irv
            return (gv * wgt + ev * (1 - wgt)) * (1 - eolv) * siv
        corners = []
        for half in (True, False):
            vals = [f(g + dg, e + de, min(1, (ir + di) / 100), max(0, (eol + dl) / 100), s + ds, half)
                    for dg in (-.05, .05) for de in (-.05, .05) for di in (-.5, .5) for dl in (-.5, .5) for s in (sis,) for ds in (-.05, .05)]
            corners.append((min(vals), max(vals), f(g, e, ir / 100, eol / 100, sis, half)))
        (lo, hi, nom), (lo2, hi2, nom2) = corners
        inside = lo <= sr + 0.05 and hi >= sr - 0.05
        inside2 = lo2 <= sr + 0.05 and hi2 >= sr - 0.05
        ok_half += inside
        ok_full += inside2
        P(f"   {m:3} pub {sr}: IR/2 weighting nominal {nom:.2f} [{lo:.2f},{hi:.2f}] {'ok' if inside else 'NO'}   "
          f"| weight IR (not IR/2): {nom2:.2f} [{lo2:.2f},{hi2:.2f}] {'ok' if inside2 else 'NO'}")
    P(f"   consistent: IR/2 weighting {ok_half}/{len(t2017)}; IR weighting {ok_full}/{len(t2017)}")
    hree = [x for x in t2017 if x[0] in MEMBERS["HREE"]]
    lree = [x for x in t2017 if x[0] in MEMBERS["LREE"]]
    P(f"   2017 groups = means (p.35, Table 21 p.84): HREE SR {sum(x[1] for x in hree) / 10:.2f} (pub 4.9) EI {sum(x[2] for x in hree) / 10:.2f} (3.7) "
      f"EoL {sum(x[4] for x in hree) / 10:.1f}% (8); LREE SR {sum(x[1] for x in lree) / 5:.2f} (5.0) EI {sum(x[2] for x in lree) / 5:.2f} (3.6) "
      f"EoL {sum(x[4] for x in lree) / 5:.1f}% (3)")
    chn17 = wgi_scaled(est, "CHN", range(2010, 2015))
    P(f"   t in 2017: REE (HHI_WGI-t)GS = 9.2 but share^2*WGI_scaled(CHN, 2010-14 mean {chn17:.2f}) <= {chn17:.2f}, so t_CHN >= {9.2 / chn17:.2f} "
      f"(p.48: 'quotas / export taxes from China enacted during the 2010 - 2014 period')")
    for lab, inds in (("six indicators", ("va", "pv", "ge", "rq", "rl", "cc")), ("five, without pv", ("va", "ge", "rq", "rl", "cc"))):
        P(f"   WGI scaling check: p.42 prints Nigeria scaled WGI 6.92; 2*(2.5-mean) 2010-2014, {lab}: "
          f"{wgi_scaled(est, 'NGA', range(2010, 2015), inds):.2f}")
    for lab, yrs in (("2016-2020", range(2016, 2021)),):
        P(f"   China 2023-window ({lab}): six {wgi_scaled(est, 'CHN', yrs):.3f}, five without pv "
          f"{wgi_scaled(est, 'CHN', yrs, ('va', 'ge', 'rq', 'rl', 'cc')):.3f} (the REE results cannot tell them apart)")
    # cross-check against the repo's cleaned WGI, if present
    clean = "/work/main/data/clean/wgi.csv"
    if os.path.exists(clean):
        with open(clean, newline="") as f:
            rows = [r for r in csv.DictReader(f) if r["iso3"] == "CHN" and 2016 <= int(r["year"]) <= 2020]
        v = sum(2 * (2.5 - sum(float(r[i]) for i in ("va", "pv", "ge", "rq", "rl", "cc")) / 6) for r in rows) / len(rows)
        P(f"   cross-check data/clean/wgi.csv: China 2016-2020 WGI_scaled {v:.3f} (raw file {w['CHN']:.3f})")


if __name__ == "__main__":
    main()
