//! Supply risk: the EU method against the published 2023 values where the cited inputs
//! allow, the gaps where they do not, and USGS net import reliance.

use crate::util::Session;

#[test]
fn eu_dysprosium_processing_reproduces_the_published_score() {
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
    let processing = d["stages"]["processing"]["sr"].as_f64().unwrap();
    let published = d["published"]["sr"].as_f64().unwrap();
    eprintln!("Dy processing SR: computed {processing:.3}, published {published} (WGI 2016-2020 mean, China 100%, EoL 1%, SI 0.99)");
    assert!(
        (processing - published).abs() <= 0.3,
        "{processing} vs {published}"
    );
    assert!(
        d["stages"]["extraction"]["sr"].is_null(),
        "extraction shares are a gap, so no score is made up"
    );
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
fn eu_groups_and_neodymium_list_their_gaps_and_published_values() {
    let rf = Session::new();
    for (material, sr, ei) in [("Nd", 4.5, 7.2), ("HREE", 5.1, 4.2), ("LREE", 3.7, 5.9)] {
        let d = rf.json(&["risk", "eu", "--material", material]);
        assert_eq!(d["published"]["sr"], sr, "{material}");
        assert_eq!(d["published"]["ei"], ei, "{material}");
        assert!(!d["gaps"].as_array().unwrap().is_empty(), "{material}");
        println!(
            "{material}: computed SR {} (published {sr}), EI {} (published {ei}); gaps: {}",
            d["sr"], d["ei"], d["gaps"]
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
