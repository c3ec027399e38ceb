#!/usr/bin/env python3
"""Writes inputs.csv (one row per number, with source). Values are copied from the transcribed
annex tables read with read_file (see README.md); derived rows carry their arithmetic."""
import csv
C = "555be664b7003436c88f04dc9e1077c69cc94c4d"
REPO = "https://github.com/erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets/blob/" + C + "/Data/"
T_USE = ("Study on the Critical Raw Materials for the EU 2023 - Final Report (Grohol & Veeh; doi:10.2873/725585), "
         "Annex 6 'Material use shares' - as transcribed in erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets")
T_GS = ("Study on the Critical Raw Materials for the EU 2023 - Final Report (doi:10.2873/725585), Annex 7 "
        "'Global supply shares & trade-related variable' - as transcribed in erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets")
T_EU = ("Study on the Critical Raw Materials for the EU 2023 - Final Report (doi:10.2873/725585), Annex 7 "
        "'EU sourcing shares (>=1%) and trade-related variable' - as transcribed in erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets")
PUB = "European Commission DG GROW (secondary transcription on GitHub by erikemilsson, unofficial)"
U_USE = REPO + "fact_MaterialUseShares.csv"
U_GS = REPO + "fact_GlobalSupplyShares%26t.csv"
U_EU = REPO + "fact_EUSupplyShares%26t.csv"
P_USE = "Annex 6 p.64 (per data_cleaning.md); file Data/fact_MaterialUseShares.csv @ " + C
P_GS = "Annex 7 p.78 (per data_cleaning.md); file Data/fact_GlobalSupplyShares&t.csv @ " + C
P_EU = "Annex 7 p.78 (per data_cleaning.md); file Data/fact_EUSupplyShares&t.csv @ " + C

rows = []
def add(mat, stage, inp, who, val, unit, title, pub, year, page, url, notes=""):
    rows.append([mat, stage, inp, who, val, unit, title, pub, year, page, url, notes])

# ---- value added per NACE sector, as printed in the same table ('VA in million EUR') ----
VA = [("B06 - Extraction of crude petroleum and natural gas", 13132), ("B09 - Mining support service activities", 3769),
      ("C10 - Manufacture of food products", 174551), ("C11 - Manufacture of beverages", 39443),
      ("C17 - Manufacture of paper and paper products", 44278), ("C19 - Manufacture of coke and refined petroleum products", 28295),
      ("C20 - Manufacture of chemicals and chemical products", 132361),
      ("C21 - Manufacture of basic pharmaceutical products and pharmaceutical preparations", 101943),
      ("C22 - Manufacture of rubber and plastic products", 86487), ("C23 - Manufacture of other non-metallic mineral products", 64990),
      ("C24 - Manufacture of basic metals", 64561), ("C25 - Manufacture of fabricated metal products, except machinery and equipment", 163568),
      ("C26 - Manufacture of computer, electronic and optical products", 77000), ("C27 - Manufacture of electrical equipment", 89422),
      ("C28 - Manufacture of machinery and equipment n.e.c.", 204200), ("C29 - Manufacture of motor vehicles, trailers and semi-trailers", 194448),
      ("C30 - Manufacture of other transport equipment", 55777), ("C32 - Other manufacturing", 45912)]
for s, v in VA:
    add("all", "EI", "Q_s value added of NACE 2-digit sector", s, v, "million EUR", T_USE, PUB, 2023, P_USE, U_USE,
        "column 'VA in million EUR' of the material-use table; Eurostat source table and reference year NOT stated in the transcription (gap)")
add("all", "EI", "max Q (largest sector VA in the table) (DERIVED)", "C28 - Manufacture of machinery and equipment n.e.c.", 204200,
    "million EUR", T_USE, PUB, 2023, P_USE, U_USE,
    "DERIVED: max over all VA values printed in the table = 204200 (C28) > 194448 (C29) > 174551 (C10) > 163568 (C25); "
    "consistent with Nd/Pr/Sm/Tb/Gd/Y EI reproducing (calc.py)")

# ---- end-use shares of REE members (Annex 6) ----
USES = {
 "Neodymium": [("Autocatalysts", 9, "C20"), ("Ceramics", 3, "C23"), ("Glass", 2, "C23"), ("Metal (excl. Batteries)", 2, "C24"),
               ("Magnets", 80, "C25"), ("Batteries", 4, "C27")],
 "Praseodymium": [("Ceramics", 5, "C23"), ("Glass", 2, "C23"), ("Polishing powders", 2, "C23"), ("Metal (excl. Batteries)", 2, "C24"),
                  ("Magnets", 80, "C25"), ("Polishing powders", 2, "C26"), ("Batteries", 4, "C27"), ("Autocatalysts", 5, "C29")],
 "Samarium": [("Magnets", 97, "C25"), ("Medical and optical applications", 3, "C26")],
 "Cerium": [("Fluid cracking catalysts", 4, "C19"), ("Autocatalysts", 60, "C20"), ("Glass & ceramics", 12, "C23"),
            ("Polishing powders", 20, "C23"), ("Metal (excl. Batteries)", 2, "C24"), ("Batteries", 2, "C27")],
 "Lanthanum": [("Fluid cracking catalysts", 60, "C19"), ("Glass & ceramics", 5, "C23"), ("Polishing powders", 2, "C23"),
               ("Metal (excl. Batteries)", 1, "C24"), ("Batteries", 3, "C27"), ("Autocatalysts", 29, "C29")],
 "Terbium": [("Magnets", 90, "C25"), ("Lighting", 10, "C27")],
 "Gadolinium": [("Others", 40, "C20"), ("Magnetic Resonance Imaging - MRI", 40, "C21"), ("Metal (excl. Batteries)", 10, "C24"),
                ("Magnets", 10, "C25"), ("Lighting", 0, "C27")],
 "Yttrium": [("Automotive catalysts", 9, "C20"), ("Ceramics", 72, "C23"), ("Glass", 4, "C23"), ("Metal (excl. Batteries)", 7, "C24"), ("Other", 8, "")],
 "Erbium": [("Glass", 74, "C23"), ("Other", 26, "")],
 "Europium": [("Lighting", 10, "C27"), ("Other", 90, "")],
 "Holmium": [("Ceramics", 100, "C23")], "Thulium": [("Ceramics", 100, "C23")], "Ytterbium": [("Ceramics", 100, "C23")],
 "Lutetium": [("Lighting", 1, "C27"), ("Other", 99, "")],
}
NAME = dict((s.split(" - ")[0], s) for s, _ in VA)
for m, us in USES.items():
    for app, a, c in us:
        add(m, "EI", "A_s end-use share", f"{app} -> {NAME[c] if c else '(no NACE sector given)'}", a, "%", T_USE, PUB, 2023, P_USE, U_USE,
            "group (LREE/HREE) use shares are not given: groups are published as means of member scores (see ../eu-crm)")
add("Dysprosium", "EI", "A_s end-use share", "NOT FOUND", "", "%", T_USE, PUB, 2023, P_USE, U_USE,
    "GAP: Dysprosium has no row in the transcribed Annex-6 table (also missing: Ge, He, Li, Ni, Nb, Ta, Te and others -> the transcription is incomplete). "
    "Hypothesis tested in calc.py (NOT a source value): Magnets 100% -> C25 gives EI 7.85 vs published 7.8")

# ---- global supply shares (Annex 7) ----
GS = {("Neodymium", "extraction"): [("Australia", 9.9), ("Brazil", 0.8), ("Burundi", 0.1), ("China", 68.3), ("India", 1.0), ("Malaysia", 0.3),
                                    ("Myanmar", 7.5), ("Russia", 1.5), ("Thailand", 1.1), ("United States", 9.2), ("Vietnam", 0.4)],
      ("Neodymium", "processing"): [("Australia", 0.1), ("China", 84.9), ("India", 1.6), ("Malaysia", 10.5), ("Norway", 0.1), ("Russia", 1.9), ("Vietnam", 1.0)],
      ("Dysprosium", "extraction"): [("Brazil", 1.0), ("Burundi", 0.2), ("China", 84.4), ("India", 1.2), ("Malaysia", 0.3), ("Myanmar", 9.3),
                                     ("Russia", 1.9), ("Thailand", 1.3), ("Vietnam", 0.5)],
      ("Dysprosium", "processing"): [("China", 100.0)]}
NOTE_GS = {("Neodymium", "extraction"): "same shares printed for Ce, La, Pr, Sm and for Er, Eu, Gd, Ho, Lu, Tm, Yb, Y (extraction); t=1.0 on every row; sum 100.1%",
           ("Neodymium", "processing"): "same shares printed for Ce, La, Pr, Sm (processing); t=1.0; sum 100.1%. Earlier pass (T2) lacked the Australia 0.1% row",
           ("Dysprosium", "extraction"): "same shares printed for Terbium; no Australia/US rows for Dy/Tb; t=1.0; sum 100.1%",
           ("Dysprosium", "processing"): "China 100.0% also for Er, Eu, Gd, Ho, Lu, Tb, Tm, Yb, Y (processing); t=1.0"}
for (m, st), lst in GS.items():
    for c, v in lst:
        add(m, st, "global supply share", c, v, "%", T_GS, PUB, 2023, P_GS, U_GS, NOTE_GS[(m, st)])
        add(m, st, "trade-related variable t", c, 1.0, "factor", T_GS, PUB, 2023, P_GS, U_GS, "t column of the same row")

# ---- EU sourcing shares (Annex 7) ----
EU = {("Neodymium", "extraction"): [("China", 43), ("India", 5), ("Japan", 30), ("Malaysia", 6), ("United States", 16)],
      ("Neodymium", "processing"): [("China", 85), ("India", 2), ("Malaysia", 11), ("Norway", 0.1), ("Russia", 2), ("Vietnam", 1)],
      ("HREE ('Heavy Rare earths Elements')", "extraction"): [("China", 43), ("Japan", 55), ("United Kingdom", 1), ("United States", 2)]}
NOTE_EU = {("Neodymium", "extraction"): "identical rows for Lanthanum, Praseodymium, Samarium; t=1 on every row; sum 100%",
           ("Neodymium", "processing"): "identical rows for La, Pr, Sm; same pattern as global processing shares (rounded); sum 101.1%; t=1",
           ("HREE ('Heavy Rare earths Elements')", "extraction"): "only HREE-level row; there is NO Dysprosium-specific EU sourcing row and NO HREE processing EU row (HREE processing SR is 'GSonly' per CritMAT). t=1; sum 101%"}
for (m, st), lst in EU.items():
    for c, v in lst:
        add(m, st, "EU sourcing share", c, v, "%", T_EU, PUB, 2023, P_EU, U_EU, NOTE_EU[(m, st)])
for c, v in [("China", 61), ("Korea, South", 1), ("Russia", 31), ("Singapore", 1), ("United States", 4)]:
    add("Yttrium / Ytterbium", "processing", "EU sourcing share", c, v, "%", T_EU, PUB, 2023, P_EU, U_EU,
        "context: only HREE members with processing-stage EU rows; may explain why Y processing SR is not 100%-China (not tested)")

# ---- published scores, independent second transcription ----
T_T = ("EU CRM results by assessment year (2011-2023) as transcribed from the EC reports - erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets")
U_T = "https://github.com/erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets/blob/59383504ead25f91fe9c197a1e660f4813684f17/Data/dimension_CRMsOverTime.csv"
for m, sr, ei in [("HREE", 5.1, 4.2), ("LREE", 3.7, 5.9)]:
    add(m, "overall", "SR (published 2023)", "", sr, "index", T_T, PUB, 2023, "Data/dimension_CRMsOverTime.csv @ 59383504", U_T, "independent of CritMAT; agrees with ../eu-crm")
    add(m, "overall", "EI (published 2023)", "", ei, "index", T_T, PUB, 2023, "Data/dimension_CRMsOverTime.csv @ 59383504", U_T, "independent of CritMAT; agrees with ../eu-crm")
for m, sr, ei in [("HREE", 5.6, 3.9), ("LREE", 6.0, 4.3)]:
    add(m, "overall", "SR (published 2020)", "", sr, "index", T_T, PUB, 2020, "Data/dimension_CRMsOverTime.csv @ 59383504", U_T, "2020 list values (gap in ../eu-crm)")
    add(m, "overall", "EI (published 2020)", "", ei, "index", T_T, PUB, 2020, "Data/dimension_CRMsOverTime.csv @ 59383504", U_T, "2020 list values (gap in ../eu-crm)")

# ---- derived recomputations (calc.py) ----
D = ("rareflow recomputation (research/eu-crm2/calc.py)", "rareflow research", 2025, "calc_output.txt", "")
add("Neodymium", "EI", "EI recomputed (DERIVED)", "", 7.17, "index", *D,
    "DERIVED: sum A*Q = .09*132361+.03*64990+.02*64990+.02*64561+.80*163568+.04*89422 = 150884.5; 10*150884.5/204200 = 7.389; x SI_EI 0.97 = 7.17 (published 7.2; diff -0.03)")
add("Dysprosium", "EI", "EI recomputed under HYPOTHESIS Magnets 100% -> C25 (DERIVED)", "", 7.85, "index", *D,
    "DERIVED, HYPOTHESIS not source: 10*163568/204200 = 8.010; x SI_EI 0.98 = 7.85 (published 7.8; diff +0.05). Implied scaled sum 7.8/0.98 = 7.96 (rounding window 7.91-8.01)")
for m, v, p in [("Praseodymium", 7.19, 7.0), ("Samarium", 7.73, 7.7), ("Terbium", 6.42, 6.4), ("Cerium", 4.76, 4.9), ("Lanthanum", 3.66, 2.9),
                ("Gadolinium", 3.37, 3.3), ("Yttrium", 2.90, 2.9)]:
    add(m, "EI", "EI recomputed (DERIVED)", "", v, "index", *D, f"DERIVED with the same table and SI_EI from CritMAT; published {p}; diff {v-p:+.2f}")
for m, st, v, p, note in [
    ("Neodymium", "extraction", 1.88, 4.5, "HHI_GS=2.749, HHI_EU=1.368 (WGI 2016-2020 mean); [0.4*2.749+0.6*1.368]*0.99*0.99 = 1.88. NOT reproduced (diff -2.62)"),
    ("Neodymium", "processing", 4.09, 3.7, "HHI_GS=4.169, HHI_EU=4.185; [0.5*4.169+0.5*4.185]*0.99*0.99 = 4.09 (diff +0.39; 3.98-4.11 over WGI variants)"),
    ("Dysprosium", "extraction", 2.66, 5.3, "HHI_GS=4.133, HHI_EU(HREE row)=1.773; [0.4*4.133+0.6*1.773]*0.99*0.99 = 2.66. NOT reproduced; Terbium with identical inputs gives 2.47 vs published 2.5"),
    ("Dysprosium", "processing", 5.60, 5.6, "GS only: 1.0^2*WGI_s(CHN, 2016-2020 mean 5.713)*0.99*0.99 = 5.60 (diff 0.00)")]:
    add(m, st, "SR recomputed (DERIVED)", "", v, "index", *D, "DERIVED: " + note + f"; published {p} (CritMAT)")

with open("inputs.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow("material,stage,input,country_or_sector,value,unit,source_title,publisher,year,page_or_table,url,notes".split(","))
    w.writerows(rows)
print(len(rows), "rows")
