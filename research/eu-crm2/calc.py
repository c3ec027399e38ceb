#!/usr/bin/env python3
"""Recompute EU CRM 2023 EI (Nd, Dy) and SR by stage (Nd, Dy) from the 2023 Final Report
annex tables as transcribed in erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets
(commit 555be664b7003436c88f04dc9e1077c69cc94c4d): Data/fact_MaterialUseShares.csv (Annex 6, p.64),
Data/fact_GlobalSupplyShares&t.csv and Data/fact_EUSupplyShares&t.csv (Annex 7, p.78).
SI, IR, EoL-RIR from meyerdata/CritMAT eureport_results.csv (see ../eu-crm/).
WGI: /work/main/data/clean/wgi.csv (local copy, 2024 revision of the WGI).
Standard library only. Run: python3 calc.py
"""
import csv, os

HERE = os.path.dirname(os.path.abspath(__file__))
WGI_FILE = os.path.join(HERE, "../../data/clean/wgi.csv")

# ---------------- EI inputs (Annex 6 transcription) ----------------
VA = {  # million EUR, as printed in the table column "VA in million €"
    "C19": 28295, "C20": 132361, "C21": 101943, "C23": 64990, "C24": 64561,
    "C25": 163568, "C26": 77000, "C27": 89422, "C28": 204200, "C29": 194448,
    "C30": 55777, "C32": 45912,
}
MAXQ = max(VA[k] for k in VA)  # C28 = 204200 is the largest VA in the whole table
USES = {
    "Neodymium": [("Autocatalysts", 0.09, "C20"), ("Ceramics", 0.03, "C23"), ("Glass", 0.02, "C23"),
                  ("Metal (excl. Batteries)", 0.02, "C24"), ("Magnets", 0.80, "C25"), ("Batteries", 0.04, "C27")],
    # Dysprosium is NOT in the transcribed Annex-6 table; hypothesis below is flagged as such.
    "Dysprosium (HYPOTHESIS: Magnets 100% -> C25)": [("Magnets", 1.00, "C25")],
    # cross-checks on other REE with complete rows
    "Praseodymium": [("Ceramics", .05, "C23"), ("Glass", .02, "C23"), ("Polishing powders", .02, "C23"),
                     ("Metal", .02, "C24"), ("Magnets", .80, "C25"), ("Polishing powders", .02, "C26"),
                     ("Batteries", .04, "C27"), ("Autocatalysts", .05, "C29")],
    "Samarium": [("Magnets", .97, "C25"), ("Medical and optical", .03, "C26")],
    "Terbium": [("Magnets", .90, "C25"), ("Lighting", .10, "C27")],
    "Cerium": [("FCC", .04, "C19"), ("Autocatalysts", .60, "C20"), ("Glass & ceramics", .12, "C23"),
               ("Polishing powders", .20, "C23"), ("Metal", .02, "C24"), ("Batteries", .02, "C27")],
    "Lanthanum": [("FCC", .60, "C19"), ("Glass & ceramics", .05, "C23"), ("Polishing", .02, "C23"),
                  ("Metal", .01, "C24"), ("Batteries", .03, "C27"), ("Autocatalysts", .29, "C29")],
    "Gadolinium": [("Others", .40, "C20"), ("MRI", .40, "C21"), ("Metal", .10, "C24"), ("Magnets", .10, "C25"), ("Lighting", 0, "C27")],
    "Yttrium": [("Autocat", .09, "C20"), ("Ceramics", .72, "C23"), ("Glass", .04, "C23"), ("Metal", .07, "C24")],
    "Erbium": [("Glass", .74, "C23")],
}
SI_EI = {"Neodymium": 0.97, "Dysprosium (HYPOTHESIS: Magnets 100% -> C25)": 0.98, "Praseodymium": 0.96,
         "Samarium": 0.98, "Terbium": 0.84, "Cerium": 0.93, "Lanthanum": 0.92, "Gadolinium": 0.59,
         "Yttrium": 0.90, "Erbium": 1.00}
PUB_EI = {"Neodymium": 7.2, "Dysprosium (HYPOTHESIS: Magnets 100% -> C25)": 7.8, "Praseodymium": 7.0,
          "Samarium": 7.7, "Terbium": 6.4, "Cerium": 4.9, "Lanthanum": 2.9, "Gadolinium": 3.3,
          "Yttrium": 2.9, "Erbium": 3.5}

print(f"== EI = 10 * sum(A_s*Q_s) / maxQ * SI_EI ; maxQ = {MAXQ} (C28) ==")
for m, uses in USES.items():
    s = sum(a * VA[c] for _, a, c in uses)
    scaled = 10 * s / MAXQ
    ei = scaled * SI_EI[m]
    print(f"  {m:48s} sumAQ={s:10.1f}  scaled={scaled:5.3f}  x SI_EI {SI_EI[m]:.2f} = {ei:5.2f}"
          f"  published {PUB_EI[m]}  diff {ei-PUB_EI[m]:+.2f}  (shares sum {sum(a for _,a,_ in uses):.2f})")

# ---------------- WGI ----------------
W = {}
for r in csv.DictReader(open(WGI_FILE)):
    try:
        vals = [float(r[k]) for k in ("va", "pv", "ge", "rq", "rl", "cc")]
    except ValueError:
        continue
    W[(r["iso3"], int(r["year"]))] = (2.5 - sum(vals) / 6) * 2
def wgi(c, years):
    v = [W[(c, y)] for y in years if (c, y) in W]
    return sum(v) / len(v)
ISO = {"China": "CHN", "Australia": "AUS", "Brazil": "BRA", "Burundi": "BDI", "India": "IND", "Malaysia": "MYS",
       "Myanmar": "MMR", "Russia": "RUS", "Thailand": "THA", "United States": "USA", "Vietnam": "VNM",
       "Norway": "NOR", "Japan": "JPN", "United Kingdom": "GBR"}

# ---------------- SR inputs (Annex 7 transcription), shares in % ; t = 1.0 for all rows below ----------
GS = {
    ("Neodymium", "E"): {"Australia": 9.9, "Brazil": 0.8, "Burundi": 0.1, "China": 68.3, "India": 1.0, "Malaysia": 0.3,
                         "Myanmar": 7.5, "Russia": 1.5, "Thailand": 1.1, "United States": 9.2, "Vietnam": 0.4},
    ("Neodymium", "P"): {"Australia": 0.1, "China": 84.9, "India": 1.6, "Malaysia": 10.5, "Norway": 0.1, "Russia": 1.9, "Vietnam": 1.0},
    ("Dysprosium", "E"): {"Brazil": 1.0, "Burundi": 0.2, "China": 84.4, "India": 1.2, "Malaysia": 0.3, "Myanmar": 9.3,
                          "Russia": 1.9, "Thailand": 1.3, "Vietnam": 0.5},
    ("Dysprosium", "P"): {"China": 100.0},
}
EU = {
    ("Neodymium", "E"): {"China": 43, "India": 5, "Japan": 30, "Malaysia": 6, "United States": 16},
    ("Neodymium", "P"): {"China": 85, "India": 2, "Malaysia": 11, "Norway": 0.1, "Russia": 2, "Vietnam": 1},
    # Dy has no own EU-sourcing row; the 'Heavy Rare earths Elements' extraction row is used (assumption)
    ("Dysprosium", "E"): {"China": 43, "Japan": 55, "United Kingdom": 1, "United States": 2},
}
IR = {("Neodymium", "E"): .80, ("Neodymium", "P"): 1.0, ("Dysprosium", "E"): .80, ("Dysprosium", "P"): 1.0}
SI_SR = {"Neodymium": 0.99, "Dysprosium": 0.99}
EOL = 0.01
PUB = {("Neodymium", "E"): 4.5, ("Neodymium", "P"): 3.7, ("Dysprosium", "E"): 5.3, ("Dysprosium", "P"): 5.6}
GSONLY = {("Dysprosium", "P")}  # per T1 flags (Nd processing 'GS+EU')

def hhi(shares, years):
    return sum((s / 100) ** 2 * wgi(ISO[c], years) * 1.0 for c, s in shares.items())

VARIANTS = {"2019": [2019], "2020": [2020], "2021": [2021], "2016-2020 mean": list(range(2016, 2021)),
            "2017-2021 mean": list(range(2017, 2022)), "2018-2020 mean": [2018, 2019, 2020]}
print("\n== SR = [HHI_GS*IR/2 + HHI_EU*(1-IR/2)] * (1-EoL) * SI_SR  (t=1 everywhere) ==")
print("   WGI_scaled by variant:")
for c in ["China", "Japan", "United States", "Malaysia", "India", "Myanmar", "Australia", "Russia", "Thailand"]:
    print(f"     {c:15s}", "  ".join(f"{k}:{wgi(ISO[c], y):.3f}" for k, y in VARIANTS.items()))
for key in GS:
    m, st = key
    print(f"\n  {m} {st}: GS shares sum {sum(GS[key].values()):.1f}%"
          + (f", EU shares sum {sum(EU[key].values()):.1f}%" if key in EU else ""))
    for vn, yrs in VARIANTS.items():
        hg = hhi(GS[key], yrs)
        if key in EU and key not in GSONLY:
            he = hhi(EU[key], yrs)
            core = hg * IR[key] / 2 + he * (1 - IR[key] / 2)
        else:
            he = None
            core = hg
        s = core * (1 - EOL) * SI_SR[m]
        print(f"    WGI {vn:15s} HHI_GS={hg:.3f}  HHI_EU={'-' if he is None else f'{he:.3f}'}  "
              f"SR={s:.2f}  published {PUB[key]}  diff {s-PUB[key]:+.2f}")

# ---------------- Cross-check: extraction-stage SR of all REE members with the same annex inputs ----------
print("\n== Cross-check: extraction SR for all REE members (annex shares; t=1; EoL 1%) ==")
# Global extraction shares: Ce, La, Pr, Sm, Nd, Er, Eu, Gd, Ho, Lu, Tm, Yb, Y share the Nd pattern (68.3% China);
# Dy and Tb share the 84.4% China pattern (checked row by row in fact_GlobalSupplyShares&t.csv).
GS_LIGHT = GS[("Neodymium", "E")]
GS_DYTB = GS[("Dysprosium", "E")]
EU_LREE_E = EU[("Neodymium", "E")]          # identical rows for La, Pr, Sm (no Ce row)
EU_HREE_E = EU[("Dysprosium", "E")]         # 'Heavy Rare earths Elements' row
# name: (GS, EU or None, IR_E, SI_SR, published SR_E)  -- IR, SI, published from CritMAT T1
MEM = {
    "Cerium": (GS_LIGHT, None, 1.00, 0.97, 3.9),      # T1 flag 'GSonly'
    "Lanthanum": (GS_LIGHT, EU_LREE_E, 1.00, 0.97, 2.0),
    "Neodymium": (GS_LIGHT, EU_LREE_E, 0.80, 0.99, 4.5),
    "Praseodymium": (GS_LIGHT, EU_LREE_E, 0.80, 0.98, 1.8),
    "Samarium": (GS_LIGHT, EU_LREE_E, 0.80, 0.98, 2.0),
    "Dysprosium": (GS_DYTB, EU_HREE_E, 0.80, 0.99, 5.3),
    "Terbium": (GS_DYTB, EU_HREE_E, 0.80, 0.92, 2.5),
    "Erbium/Europium/Holmium/Lutetium/Thulium/Ytterbium": (GS_LIGHT, EU_HREE_E, 0.80, 1.00, 2.2),
    "Gadolinium": (GS_LIGHT, EU_HREE_E, 0.80, 0.59, 1.1),
    "Yttrium": (GS_LIGHT, EU_HREE_E, 1.00, 0.90, 1.4),
}
yrs = list(range(2016, 2021))
for n, (g, e, ir, si, pub) in MEM.items():
    hg = hhi(g, yrs)
    core = hg if e is None else hg * ir / 2 + hhi(e, yrs) * (1 - ir / 2)
    s = core * (1 - EOL) * si
    print(f"  {n:52s} SR_E={s:.2f}  published {pub}  diff {s-pub:+.2f}")

print("\n== WGI year scan: which single WGI year fits the clean processing cases? (local 2024-revision WGI) ==")
for y in range(2014, 2023):
    dy = 1.0 * wgi("CHN", [y]) * 0.99 * 0.99
    ce = hhi(GS[("Neodymium", "P")], [y]) * 0.99 * 0.97
    print(f"  {y}: Dy_P={dy:.2f} (pub 5.6)  Er-type_P={wgi('CHN',[y])*0.99:.2f} (pub 5.6)  Ce_P={ce:.2f} (pub 4.0)")
