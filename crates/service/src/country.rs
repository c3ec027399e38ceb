//! `country`: one country's codes and names, every observation about it from every source,
//! its reserves-to-production years, and its latest WGI governance estimates.

use crate::error::{Error, Result};
use crate::observations::{row, ObservationRow};
use crate::values::country;
use crate::Session;
use metrics::reserves_to_production::rp_years;
use model::{ElementGroup, Material, Selection, TonnesUnit};
use serde::Serialize;
use utoipa::ToSchema;

/// A country question.
#[derive(Debug, Clone)]
pub struct CountryRequest {
    /// ISO3 code or name.
    pub country: String,
    /// Only observations of this edition (and R/P from it).
    pub edition: Option<String>,
    /// Only observations for this year (and R/P for it).
    pub year: Option<i32>,
    /// Unit of masses.
    pub unit: TonnesUnit,
}

/// Reserves-to-production years.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RpYears {
    /// Years.
    pub years: f64,
    /// Whether the reserves (so the years) are a lower bound.
    pub lower_bound: bool,
    /// The edition reserves and production come from.
    pub edition: model::EditionId,
    /// The year they are for.
    pub year: model::Year,
}

/// The latest WGI estimates of a country.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WgiEstimates {
    /// Year.
    pub year: i32,
    /// Voice and accountability.
    pub va: Option<f64>,
    /// Political stability and absence of violence.
    pub pv: Option<f64>,
    /// Government effectiveness.
    pub ge: Option<f64>,
    /// Regulatory quality.
    pub rq: Option<f64>,
    /// Rule of law.
    pub rl: Option<f64>,
    /// Control of corruption.
    pub cc: Option<f64>,
    /// Mean of the six.
    pub mean6: Option<f64>,
    /// Source edition.
    pub source: String,
}

/// A country's page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CountryResult {
    /// ISO3 code.
    pub country: String,
    /// Name.
    pub name: String,
    /// Official name.
    pub official_name: String,
    /// ISO alpha-2.
    pub iso2: String,
    /// ISO numeric.
    pub numeric: String,
    /// Region.
    pub region: String,
    /// R/P years from the latest edition.
    pub rp_years: Option<RpYears>,
    /// Latest WGI estimates.
    pub wgi: Option<WgiEstimates>,
    /// Every observation.
    pub observations: Vec<ObservationRow>,
}

impl Session {
    /// One country: codes, every observation, R/P years, latest WGI estimates.
    pub async fn country(&self, req: &CountryRequest) -> Result<CountryResult> {
        if let Some(y) = req.year {
            crate::values::check_year(y)?;
        }
        let edition = match &req.edition {
            Some(e) => Some(self.edition_id(e).await?),
            None => None,
        };
        let d = self.dataset().await?;
        let place = country(&d.countries, &req.country)?;
        let code = place
            .country()
            .ok_or_else(|| Error::Invalid(format!("{} is not a country", req.country)))?;
        let c = d
            .countries
            .get(code)
            .ok_or_else(|| Error::NotFound(format!("{code} is not in the country table")))?;
        let observations = d
            .observations
            .iter()
            .filter(|o| o.place == place)
            .filter(|o| edition.as_ref().is_none_or(|e| &o.edition == e))
            .filter(|o| req.year.is_none_or(|y| o.year.0 == y))
            .map(|o| row(&d, req.unit, o))
            .collect();
        // R/P from the pinned edition and year, where that edition has a country table.
        let rp = rp_years(
            &d,
            place,
            Material::Group(ElementGroup::Treo),
            &Selection {
                edition: edition.clone(),
                year: req.year.map(model::Year),
            },
        )
        .ok()
        .flatten();
        let wgi = self
            .bundled()
            .wgi
            .iter()
            .filter(|w| w.iso3 == Some(code))
            .max_by_key(|w| w.year)
            .map(|w| WgiEstimates {
                year: w.year,
                va: w.estimates[0],
                pv: w.estimates[1],
                ge: w.estimates[2],
                rq: w.estimates[3],
                rl: w.estimates[4],
                cc: w.estimates[5],
                mean6: w.mean6(),
                source: "WGI2024".into(),
            });
        Ok(CountryResult {
            country: c.code.to_string(),
            name: c.name.clone(),
            official_name: c.official_name.clone(),
            iso2: c.iso2.clone(),
            numeric: c.numeric.clone(),
            region: c.region.clone(),
            rp_years: rp.map(|r| RpYears {
                years: r.years,
                lower_bound: r.lower_bound,
                edition: r.edition,
                year: r.year,
            }),
            wgi,
            observations,
        })
    }
}
