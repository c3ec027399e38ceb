//! Supply risk: the EU method against the published 2023 values where the cited inputs
//! allow, the gaps where they do not, and USGS net import reliance.

use crate::util::Session;

#[test]
fn eu_dysprosium_reproduces_the_published_supply_risk() {
    let rf = Session::new();
    let d = rf.json(&["risk", "eu", "--material", "Dy"]);
    for key in [
        "material",
        "sr",
        "ei",
        "critical",
        "bottleneck",
        "stages",
        "inputs",
        "gaps",
        "published",
    ] {
        assert!(d.get(key).is_some(), "{key} missing from the contract");
    }
    let (sr, published) = (
        d["sr"].as_f64().unwrap(),
        d["published"]["sr"].as_f64().unwrap(),
    );
    println!(
        "Dy SR: computed {sr:.2}, published {published}; differences: {}",
        d["differences"]
    );
    assert!((sr - published).abs() <= 0.3, "{sr} vs {published}");
    assert_eq!(d["bottleneck"], "processing");
    assert!(
        (d["stages"]["processing"]["hhi_wgi"].as_f64().unwrap() - 5.713).abs() < 0.001,
        "China's 2016-2020 WGI_scaled"
    );
    // The extraction stage differs from the published 5.3, and the reason is printed.
    assert!(d["differences"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x.as_str().unwrap().starts_with("extraction SR computed")));
    // Dy's end-use shares are not in the transcription: EI stays a gap, not a number.
    assert!(d["ei"].is_null());
    assert!(d["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g.as_str().unwrap().contains("economic importance")));
    assert!(d["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["name"] == "wgi_scaled" && i["country"] == "CHN"));
}

#[test]
fn eu_neodymium_reproduces_the_published_economic_importance() {
    let rf = Session::new();
    let d = rf.json(&["risk", "eu", "--material", "Nd"]);
    let (ei, published_ei) = (
        d["ei"].as_f64().unwrap(),
        d["published"]["ei"].as_f64().unwrap(),
    );
    let (sr, published_sr) = (
        d["sr"].as_f64().unwrap(),
        d["published"]["sr"].as_f64().unwrap(),
    );
    println!("Nd: EI computed {ei:.2} vs published {published_ei}; SR computed {sr:.2} vs published {published_sr}; differences: {}", d["differences"]);
    assert!((ei - published_ei).abs() <= 0.3, "{ei} vs {published_ei}");
    // SR does not reproduce from the transcribed shares; the differences carry their reasons.
    let differences = d["differences"].as_array().unwrap();
    assert_eq!(differences.len(), 2, "{differences:?}");
    assert!(differences.iter().all(|x| x.as_str().unwrap().len() > 60));
    assert_eq!(d["critical"], true);
}

#[test]
fn eu_groups_list_their_gaps_beside_the_published_values() {
    let rf = Session::new();
    for (material, sr, ei) in [("HREE", 5.1, 4.2), ("LREE", 3.7, 5.9)] {
        let d = rf.json(&["risk", "eu", "--material", material]);
        assert_eq!(d["published"]["sr"], sr, "{material}");
        assert_eq!(d["published"]["ei"], ei, "{material}");
        assert!(
            d["sr"].is_null() && d["ei"].is_null(),
            "{material}: no score from incomplete inputs"
        );
        println!(
            "{material}: published SR {sr} / EI {ei}; gaps: {}",
            d["gaps"]
        );
        assert!(
            d["gaps"]
                .as_array()
                .unwrap()
                .iter()
                .any(|g| g.as_str().unwrap().contains("si_sr")),
            "{material}"
        );
    }
    let r = rf.run(&["risk", "eu", "--material", "Xx"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr.trim(),
        "error: no EU CRM inputs for \"Xx\": the bundled table has Dy, Nd, HREE, LREE"
    );
}

#[test]
fn usgs_net_import_reliance_for_2024_is_80_percent() {
    let rf = Session::new();
    let d = rf.json(&["risk", "usgs", "--commodity", "rare-earths"]);
    let y2024 = d["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2024)
        .unwrap();
    assert_eq!((y2024["nir"].as_f64().unwrap() * 100.0).round(), 80.0);
    assert_eq!(y2024["published_nir_pct"], 80.0);
    assert!(!d["gaps"].as_array().unwrap().is_empty());
}
