//! EU CRM 2023, every rare-earth row: known answers (the published SR and EI where the
//! inputs allow, and every computed value against the standard-library reproduction in
//! `research/eu-crm3/calc.py`), a patched input cell moving the result by the computed
//! amount, an earlier reading listed where it differs, and located errors for bad annex
//! cells. The whole pipeline runs: raw transcriptions → cleaned tables → assessment.

use metrics::risk::eu::{assess, assess_all, Assessment, Status};
use model::eucrm::EuTables;
use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The raw transcriptions as `data::derive` reads them: `(name, text)`, cp1252 decoded.
fn raw() -> Vec<(String, String)> {
    [
        ("critmat_eureport_results.csv", false),
        ("critmat_eureport_tradeparameters.csv", false),
        ("global_supply_shares_and_t.csv", true),
        ("eu_supply_shares_and_t.csv", true),
        ("material_use_shares.csv", true),
        ("crms_over_time.csv", true),
    ]
    .into_iter()
    .map(|(f, cp1252)| {
        let name = format!("data/raw/eu-crm/{f}");
        let bytes = std::fs::read(repo().join(&name)).unwrap();
        let text = if cp1252 {
            data::cp1252::decode(&name, &bytes).unwrap()
        } else {
            String::from_utf8(bytes).unwrap()
        };
        (name, text)
    })
    .collect()
}

/// The tables derived from (possibly patched) raw texts, with the bundled earlier readings.
fn tables_from(raw: &[(String, String)]) -> Result<EuTables, data::DataError> {
    let p = |i: usize| (raw[i].0.as_str(), raw[i].1.as_str());
    let cleaned = data::eucrm::clean::derive_eu_crm(
        &data::eucrm::clean::AnnexTexts {
            results: p(0),
            trade_parameters: p(1),
            global_shares: p(2),
            eu_shares: p(3),
            uses: p(4),
            over_time: p(5),
        },
        &data::bundled::countries().unwrap(),
    )?;
    let mut t = data::bundled::eu_crm().unwrap();
    t.inputs = data::eucrm::read_eu_inputs("patched.csv", &cleaned.inputs)?;
    Ok(t)
}

fn one(tables: &EuTables, material: &str) -> Assessment {
    let wgi = data::bundled::wgi().unwrap();
    assess(material, tables, &wgi, &|id| id.to_string()).unwrap()
}

fn bundled(material: &str) -> Assessment {
    one(&data::bundled::eu_crm().unwrap(), material)
}

/// `research/eu-crm3/calc_output.txt` §1, two decimals: SR extraction, SR processing, SR
/// at the stage used, EI (`None`: not assessed or a gap).
type Row = (
    &'static str,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
);
const CALC_PY: [Row; 18] = [
    ("HREE", Some(2.13), Some(5.32), Some(5.32), None),
    ("Dy", Some(2.66), Some(5.60), Some(5.60), None),
    ("Er", Some(2.14), Some(5.66), Some(5.66), Some(2.36)),
    ("Eu", Some(2.14), Some(5.66), Some(5.66), Some(0.44)),
    ("Gd", Some(1.26), Some(3.34), Some(3.34), Some(3.37)),
    ("Ho", Some(2.14), Some(5.66), Some(5.66), Some(3.18)),
    ("Lu", Some(2.14), Some(5.66), Some(5.66), Some(0.04)),
    ("Tb", Some(2.47), Some(5.20), Some(5.20), Some(6.42)),
    ("Tm", Some(2.14), Some(5.66), Some(5.66), Some(3.18)),
    ("Yb", Some(2.14), Some(5.66), Some(5.66), Some(3.18)),
    ("Y", Some(2.01), Some(5.09), Some(5.09), Some(2.90)),
    ("LREE", Some(2.04), Some(4.04), Some(3.60), Some(6.10)),
    ("Ce", Some(2.64), Some(4.00), Some(4.00), Some(4.76)),
    ("La", Some(1.98), Some(4.01), Some(4.01), Some(3.66)),
    ("Nd", Some(1.88), Some(4.09), Some(1.88), Some(7.17)),
    ("Pr", Some(1.86), Some(4.05), Some(4.05), Some(7.19)),
    ("Sm", Some(1.86), Some(4.05), Some(4.05), Some(7.73)),
    ("Sc", None, Some(2.40), Some(2.40), None),
];

#[test]
fn every_row_reproduces_the_python_reproduction() {
    let calc = std::fs::read_to_string(repo().join("research/eu-crm3/calc_output.txt")).unwrap();
    let all = assess_all(
        &data::bundled::eu_crm().unwrap(),
        &data::bundled::wgi().unwrap(),
        &|id| id.to_string(),
    )
    .unwrap();
    let ids: Vec<&str> = all.iter().map(|a| a.material.as_str()).collect();
    assert_eq!(
        ids,
        CALC_PY.map(|r| r.0),
        "every rare-earth row, in the table's order"
    );
    for (a, (id, e, p, sr, ei)) in all.iter().zip(CALC_PY) {
        // The expected numbers are the ones calc_output.txt prints on the row's line.
        let line = calc
            .lines()
            .skip_while(|l| !l.starts_with("1. MAIN TABLE"))
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap();
        for x in [e, p, sr, ei].into_iter().flatten() {
            assert!(
                line.contains(&format!("{x:5.2}|")),
                "{id}: {x} not on {line:?}"
            );
        }
        let close = |what: &str, got: Option<f64>, want: Option<f64>| match (got, want) {
            (Some(g), Some(w)) => assert!((g - w).abs() <= 0.005, "{id} {what}: {g} vs {w}"),
            (g, w) => assert_eq!(g.is_some(), w.is_some(), "{id} {what}: {g:?} vs {w:?}"),
        };
        close("SR extraction", a.stages.extraction.sr, e);
        close("SR processing", a.stages.processing.sr, p);
        close("SR", a.sr, sr);
        close("EI", a.ei, ei);
    }
}

#[test]
fn the_published_values_the_inputs_allow_are_reproduced() {
    let check = |material: &str, what: &str, got: Option<f64>, published: f64, within: f64| {
        let g = got.unwrap_or_else(|| panic!("{material} {what} is a gap"));
        assert!(
            (g - published).abs() <= within,
            "{material} {what}: {g} vs {published}"
        );
    };
    let dy = bundled("Dy");
    check("Dy", "SR", dy.sr, 5.6, 0.1);
    assert_eq!(
        (dy.status.sr, dy.bottleneck.as_deref()),
        (Status::Match, Some("processing"))
    );
    let nd = bundled("Nd");
    check("Nd", "EI", nd.ei, 7.2, 0.1);
    assert_eq!(format!("{:.2}", nd.ei.unwrap()), "7.17");
    let tb = bundled("Tb");
    check("Tb", "EI", tb.ei, 6.4, 0.1);
    let sm = bundled("Sm");
    check("Sm", "EI", sm.ei, 7.7, 0.1);
    assert_eq!(format!("{:.2}", sm.ei.unwrap()), "7.73");
    let sc = bundled("Sc");
    check("Sc", "SR", sc.sr, 2.4, 0.1);
    assert_eq!(sc.stages.extraction.status, Status::NotAssessed);
    let hree = bundled("HREE");
    check("HREE", "SR", hree.sr, 5.1, 0.3);
    assert_eq!(hree.status.sr, Status::Close);
    assert_eq!(hree.status.ei, Status::Gap);
    assert!(
        hree.gaps.iter().any(|g| g.contains("member Dy")),
        "{:?}",
        hree.gaps
    );
    let lree = bundled("LREE");
    check("LREE", "SR", lree.sr, 3.7, 0.3);
    check("LREE", "EI", lree.ei, 5.9, 0.3);
    let members: Vec<&str> = lree
        .group
        .as_ref()
        .unwrap()
        .members
        .iter()
        .map(|m| m.material.as_str())
        .collect();
    assert_eq!(members, ["Ce", "La", "Nd", "Pr", "Sm"]);
    // The "281%" cell is read as 2.81, and the reading is stated.
    assert_eq!(lree.stages.extraction.published_sr, Some(2.81));
    assert!(lree.stages.extraction.reasons[0].contains("281%"));
}

#[test]
fn differences_carry_the_reasons_the_inputs_show() {
    let joined = |a: &Assessment| a.differences.join("\n");
    // Dy's published extraction SR cannot come from the printed EU suppliers.
    assert!(joined(&bundled("Dy")).contains("no mix of the printed EU suppliers can reach 6.26"));
    // Er's 'Other' 26% has no sector: the EI is a lower bound.
    let er = bundled("Er");
    assert!(er.ei_lower_bound && joined(&er).contains("26% of the uses"));
    // La's autocatalysts are filed under C29, Ce's and Nd's under C20: with C20, 2.85.
    assert!(joined(&bundled("La")).contains("with C20 the EI would be 2.85"));
    // Y reproduces with an EoL-RIR of about 31%, and no WGI year explains Tb.
    assert!(joined(&bundled("Y")).contains("EoL-RIR of 31.2%"));
    assert!(joined(&bundled("Tb")).contains("no single WGI year from 2016 to 2022"));
    // Nd: the processing EU rows repeat the global ones.
    assert!(joined(&bundled("Nd")).contains("look like the global rows rounded"));
}

#[test]
fn a_patched_cell_moves_the_result_by_the_computed_amount() {
    let base = raw();
    let before = tables_from(&base).unwrap();
    // Terbium's EoL-RIR 1% → 6% (the 2017 value): SR scales by (1 − 0.06)/(1 − 0.01).
    let mut patched = base.clone();
    patched[0].1 = patched[0].1.replace(
        "Terbium,4.9,6.4,Processing,E+P,GS+EU,2.5,GSonly,4.9,0.84,0.92,80,100,1,",
        "Terbium,4.9,6.4,Processing,E+P,GS+EU,2.5,GSonly,4.9,0.84,0.92,80,100,6,",
    );
    assert_ne!(patched[0].1, base[0].1, "the cell was patched");
    let (tb0, tb1) = (
        one(&before, "Tb"),
        one(&tables_from(&patched).unwrap(), "Tb"),
    );
    let expected = tb0.sr.unwrap() * 0.94 / 0.99;
    assert!(
        (tb1.sr.unwrap() - expected).abs() < 1e-12,
        "{:?} vs {expected}",
        tb1.sr
    );
    assert_eq!(format!("{:.2}", tb1.sr.unwrap()), "4.94");
    // The group mean moves by a tenth of the member's move.
    let (h0, h1) = (
        one(&before, "HREE"),
        one(&tables_from(&patched).unwrap(), "HREE"),
    );
    let moved = (tb1.sr.unwrap() - tb0.sr.unwrap()) / 10.0;
    assert!((h1.sr.unwrap() - h0.sr.unwrap() - moved).abs() < 1e-12);
    // Neodymium's magnets 80% → 70%: EI falls by 0.1 × 163,568 × 10 / 204,200 × 0.97.
    let mut patched = base.clone();
    patched[4].1 = patched[4]
        .1
        .replace("Neodymium,Magnets,80%", "Neodymium,Magnets,70%");
    let (nd0, nd1) = (
        one(&before, "Nd"),
        one(&tables_from(&patched).unwrap(), "Nd"),
    );
    let expected = -0.1 * 163_568.0 * 10.0 / 204_200.0 * 0.97;
    assert!((nd1.ei.unwrap() - nd0.ei.unwrap() - expected).abs() < 1e-12);
    assert!(
        nd1.reasons.ei.iter().any(|r| r.contains("sum to 90%")),
        "{:?}",
        nd1.reasons.ei
    );
}

#[test]
fn the_new_transcription_wins_and_a_differing_earlier_reading_is_listed() {
    let mut t = data::bundled::eu_crm().unwrap();
    let nd_ir = t
        .earlier
        .iter_mut()
        .find(|r| r.material == "Nd" && r.stage == "extraction" && r.input == "import_reliance")
        .unwrap();
    nd_ir.value = "70".into();
    let nd = one(&t, "Nd");
    assert_eq!(nd.stages.extraction.import_reliance, Some(0.8));
    let o = &nd.other_readings[0];
    assert_eq!(
        (
            o.name.as_str(),
            o.used.as_str(),
            o.other.as_str(),
            o.other_source.as_str()
        ),
        ("import_reliance", "0.8 fraction", "70 %", "EU-CRM-2023")
    );
    // The bundled readings agree wherever both have an input.
    for a in assess_all(
        &data::bundled::eu_crm().unwrap(),
        &data::bundled::wgi().unwrap(),
        &|id| id.to_string(),
    )
    .unwrap()
    {
        assert!(
            a.other_readings.is_empty(),
            "{}: {:?}",
            a.material,
            a.other_readings
        );
    }
}

#[test]
fn bad_annex_cells_are_located() {
    let cases = [
        (4, "Neodymium,Magnets,80%", "Neodymium,Magnets,80 percent", "data/raw/eu-crm/material_use_shares.csv:218:3 (column Share): invalid value \"80 percent\": expected a percentage such as 80%"),
        (2, "Dysprosium,P,China,100.0%", "Dysprosium,P,China,100.0", "data/raw/eu-crm/global_supply_shares_and_t.csv:479:4 (column Share): invalid value \"100.0\": expected a percentage such as 68.3% or <0.1%"),
        (3, "Neodymium,E,Japan,30%,1", "Neodymium,E,Japan,30%,x", "data/raw/eu-crm/eu_supply_shares_and_t.csv:558:5 (column t): invalid value \"x\": expected a trade factor t (1 by default)"),
        (0, "Dysprosium,5.6,7.8,Processing", "Dysprosium,5.6,7.8,Smelting", "data/raw/eu-crm/critmat_eureport_results.csv:26:4 (column eu_used_stage): invalid value \"Smelting\": expected Extraction or Processing"),
        (5, "HREEs,2023,5.1,4.2", "HREEs,2023,5.1,n/a", "data/raw/eu-crm/crms_over_time.csv:313:4 (column EI): invalid value \"n/a\": expected a score from 0 to 10, or - (not assessed)"),
    ];
    for (file, from, to, message) in cases {
        let mut r = raw();
        assert!(r[file].1.contains(from), "{from}");
        r[file].1 = r[file].1.replacen(from, to, 1);
        assert_eq!(tables_from(&r).unwrap_err().to_string(), message);
    }
}

#[test]
fn materials_are_found_by_id_name_and_group_name() {
    let t = data::bundled::eu_crm().unwrap();
    for (asked, id) in [
        ("nd", "Nd"),
        ("Neodymium", "Nd"),
        ("HREE", "HREE"),
        ("Rare earth elements (heavy)", "HREE"),
        ("heavy rare earths elements", "HREE"),
        ("LREEs", "LREE"),
        ("scandium", "Sc"),
        (" Y ", "Y"),
    ] {
        assert_eq!(one(&t, asked).material, id, "{asked}");
    }
    let wgi = data::bundled::wgi().unwrap();
    let e = assess("Promethium", &t, &wgi, &|id| id.to_string()).unwrap_err();
    assert!(e
        .to_string()
        .starts_with("no EU CRM inputs for \"Promethium\": the bundled tables have HREE, Dy,"));
}
