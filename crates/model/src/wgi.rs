//! World Bank Worldwide Governance Indicators as rareflow uses them: one economy-year's
//! six estimates. `data` reads the file; the EU supply-risk method (in `metrics`) scales
//! them, so the type lives here where both can see it.

use crate::country::CountryCode;

/// One economy-year: estimates on WGI's standard-normal scale (≈ −2.5..2.5), `None` where
/// WGI prints "..".
#[derive(Debug, Clone, PartialEq)]
pub struct WgiRow {
    /// ISO3 code, or `None` when the alias table leaves WGI's code unmapped.
    pub iso3: Option<CountryCode>,
    /// WGI's own code.
    pub wgi_code: String,
    /// Year.
    pub year: i32,
    /// va, pv, ge, rq, rl, cc.
    pub estimates: [Option<f64>; 6],
}

impl WgiRow {
    /// The mean of the six estimates, if all are present.
    pub fn mean6(&self) -> Option<f64> {
        let all: Option<Vec<f64>> = self.estimates.iter().copied().collect();
        all.map(|v| v.iter().sum::<f64>() / 6.0)
    }
}
