#!/usr/bin/env python3
"""Hand check of the EU CRM 2023 rare-earth scores (SR, EI) from the inputs we could find.

Inputs:
  * per-material results/mitigation inputs transcribed from the 2023 Final Report
    (meyerdata/CritMAT, input_data/seeds/eureport_results.csv, commit 0bd8977...) -- SEED below
  * LREE/HREE processing-stage global supply shares (Annex "Global supply shares and
    trade-related variable" of the 2023 Final Report, as transcribed in a public repo's
    supply_chain/feature_engineering.py)
  * World Bank WGI, local copy /work/main/data/raw/wgi/wgidataset.csv (2024 revision, 1996-2023)
Nothing here is fitted; every step is printed.
"""
import csv, collections, os

# material, SR, EI, stage, SR_extr, SR_proc, SI_EI, SI_SR, IR_extr, IR_proc, EoL, supply_extr, supply_proc
SEED = """HREE,5.1,4.2,Processing,2.3,5.1,,,100,100,1,GS+EU,GSonly
Dysprosium,5.6,7.8,Processing,5.3,5.6,0.98,0.99,80,100,1,GS+EU,GSonly
Erbium,5.6,3.5,Processing,2.2,5.6,1.00,1.0,80,100,1,GS+EU,GSonly
Europium,5.6,3.3,Processing,2.2,5.6,1.00,1.0,80,100,1,GS+EU,GSonly
Gadolinium,3.3,3.3,Processing,1.1,3.3,0.59,0.59,80,100,1,GS+EU,GSonly
Holmium,5.6,3.2,Processing,2.2,5.6,1.00,1.0,80,100,1,GS+EU,GSonly
Lutetium,5.6,5.0,Processing,2.2,5.6,1.00,1.0,80,100,1,GS+EU,GSonly
Terbium,4.9,6.4,Processing,2.5,4.9,0.84,0.92,80,100,1,GS+EU,GSonly
Thulium,5.6,3.2,Processing,2.2,5.6,1.00,1.0,80,100,1,GS+EU,GSonly
Ytterbium,5.6,3.2,Processing,2.2,5.6,1.00,1.0,80,100,1,GS+EU,GSonly
Yttrium,3.5,2.9,Processing,1.4,3.5,0.90,0.9,100,100,1,GS+EU,GSonly
LREE,3.7,5.9,Processing,281%,3.58,,,80,100,1,GS+EU,GS+EU
Cerium,4.0,4.9,Processing,3.9,4.0,0.93,0.97,100,100,1,GSonly,GSonly
Lanthanum,3.5,2.9,Processing,2.0,3.5,0.92,0.97,100,100,1,GS+EU,GS+EU
Neodymium,4.5,7.2,Extraction,4.5,3.7,0.97,0.99,80,100,1,GS+EU,GS+EU
Praseodymium,3.2,7.0,Processing,1.8,,0.96,0.98,80,100,1,GS+EU,GS+EU
Samarium,3.5,7.7,Processing,2.0,3.5,0.98,0.98,80,100,1,GS+EU,GS+EU"""
COLS = "mat SR EI stage SRe SRp SIEI SISR IRe IRp EoL supe supp".split()
rows = {r[0]: dict(zip(COLS, r)) for r in csv.reader(SEED.splitlines())}
f = lambda x: float(x) if x not in ("", None) and not x.endswith("%") else None
HREE = "Dysprosium Erbium Europium Gadolinium Holmium Lutetium Terbium Thulium Ytterbium Yttrium".split()
LREE = "Cerium Lanthanum Neodymium Praseodymium Samarium".split()

# ---------------- WGI scaled = (2.5 - mean of 6 estimates) * 2 -------------------------
WGI = os.path.join(os.path.dirname(__file__), "../../data/raw/wgi/wgidataset.csv")
d = collections.defaultdict(dict)
for r in csv.DictReader(open(WGI, encoding="utf-8-sig")):
    try: d[(r["code"], int(r["year"]))][r["indicator"]] = float(r["estimate"])
    except ValueError: pass
def wgi_s(code, years):
    v = [(2.5 - sum(d[(code, y)].values()) / 6) * 2 for y in years if len(d[(code, y)]) == 6]
    return sum(v) / len(v)
VARIANTS = {"WGI 2020 only": [2020], "mean 2016-2020": list(range(2016, 2021)), "WGI 2021 only": [2021]}
print("== 1. WGI_scaled (local WGI file, 2024 revision) ==")
for c in "CHN MYS RUS IND VNM NOR EST".split():
    print(" ", c, {k: round(wgi_s(c, y), 3) for k, y in VARIANTS.items()})

def sr(h_gs, h_eu, ir, eol, si):
    core = h_gs if h_eu is None else h_gs * ir / 2 + h_eu * (1 - ir / 2)
    return core * (1 - eol) * si

print("\n== 2. HREE members, processing stage: global supply China 100 %, 'GSonly', t=1 ==")
print("   SR_p = 1.0^2 * WGI_s(CHN) * t(1) * (1-EoL) * SI_SR")
for name, yrs in VARIANTS.items():
    w = wgi_s("CHN", yrs); out = []
    for m in HREE:
        r = rows[m]; calc = sr(w, None, 1, f(r["EoL"]) / 100, f(r["SISR"]))
        out.append(f"{m[:4]} {calc:.2f}/{r['SRp']}")
    print(f"  [{name}] " + "  ".join(out))

print("\n== 3. Cerium, processing stage: LREE processing shares (Annex transcription), 'GSonly' ==")
LREE_P = {"CHN": .849, "MYS": .105, "RUS": .019, "IND": .016, "VNM": .010, "NOR": .001}
for name, yrs in VARIANTS.items():
    h = sum(s * s * wgi_s(c, yrs) for c, s in LREE_P.items())
    print(f"  [{name}] HHI_WGI,t(GS) = {h:.3f}; SR_p(Ce) = {sr(h, None, 1, .01, .97):.2f} (published 4.0)")

print("\n== 4. Nd, LREE processing (GS+EU, IR=100 %): implied EU-sourcing HHI (no EU shares found) ==")
for name, yrs in VARIANTS.items():
    h = sum(s * s * wgi_s(c, yrs) for c, s in LREE_P.items())
    for m in ["Neodymium", "Lanthanum", "Samarium"]:
        r = rows[m]; core = f(r["SRp"]) / ((1 - .01) * f(r["SISR"]))
        print(f"  [{name}] {m}: SR_p {r['SRp']} -> core {core:.3f} -> HHI_EU = {(core - h*0.5)/0.5:.3f}")
print("  Nd extraction (bottleneck, SR 4.5, IR 80 %%): core = 4.5/(0.99*0.99) = %.3f = 0.4*HHI_GS + 0.6*HHI_EU"
      % (4.5 / (.99 * .99)))

print("\n== 5. Group scores = arithmetic mean of members (test) ==")
def mean(ms, key):
    v = [f(rows[m][key]) for m in ms]; v = [x for x in v if x is not None]
    return sum(v) / len(v), len(v)
for g, ms in (("HREE", HREE), ("LREE", LREE)):
    for key, lab in (("SR", "SR (headline)"), ("EI", "EI"), ("SRe", "SR extraction"), ("SRp", "SR processing")):
        mu, n = mean(ms, key)
        print(f"  {g} {lab:14s}: mean of {n} members = {mu:.3f}  published {rows[g][key]}")
pr = [4.0, 3.5, 3.7, 3.2, 3.5]
print("  LREE processing incl. Pr processing = Pr headline 3.2 (its bottleneck is processing): mean = %.3f (published 3.58)" % (sum(pr) / 5))

print("\n== 6. EI: implied scaled sum 10*sum(A_s*Q_s)/maxQ = EI/SI_EI (A_s, Q_s not found) ==")
for m in ["Dysprosium", "Neodymium"]:
    r = rows[m]; print(f"  {m}: {r['EI']}/{r['SIEI']} = {f(r['EI'])/f(r['SIEI']):.2f}")

print("\n== 7. HREE group SR bottom-up with only the inputs found (China 100 % for every member) ==")
for name, yrs in VARIANTS.items():
    w = wgi_s("CHN", yrs)
    vals = [round(sr(w, None, 1, .01, f(rows[m]["SISR"])), 1) for m in HREE]
    print(f"  [{name}] member SR_p (rounded) = {vals} -> mean {sum(vals)/len(vals):.2f} (published 5.1)")
print("  (Tb and Y are over-predicted: their processing supply is evidently not 100 % China /"
      " other inputs differ; shares not found)")
