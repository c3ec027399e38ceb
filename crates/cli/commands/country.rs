//! `rareflow country RUS` rendered: codes and names, R/P years and WGI as title lines, then
//! every observation.

use super::observation_report;
use crate::output::{group_thousands_fixed, Report};
use service::country::CountryResult;

/// Renders a country's page.
pub fn render(r: &CountryResult) -> Report {
    let mut title = vec![format!(
        "{} ({}; ISO2 {}, numeric {}; {}) — {}",
        r.name, r.country, r.iso2, r.numeric, r.region, r.official_name
    )];
    if let Some(rp) = &r.rp_years {
        title.push(format!(
            "Reserves-to-production ({} {}): {}{} years",
            rp.edition,
            rp.year,
            if rp.lower_bound { ">" } else { "" },
            group_thousands_fixed(rp.years, 0)
        ));
    }
    if let Some(w) = &r.wgi {
        let f = |x: Option<f64>| x.map_or("..".to_string(), |v| format!("{v:.2}"));
        title.push(format!(
            "WGI {} (World Bank, CC BY 4.0): va {} pv {} ge {} rq {} rl {} cc {}; mean of six {}",
            w.year,
            f(w.va),
            f(w.pv),
            f(w.ge),
            f(w.rq),
            f(w.rl),
            f(w.cc),
            f(w.mean6)
        ));
    }
    observation_report(title, &r.observations)
}
