//! `overview`: the one screen an analyst starts from: world mine production and reserves,
//! the top countries with shares and reserves-to-production years, the concentration of
//! mining, Russia and the United States highlighted (as in the news), other sources'
//! claims beside USGS, and the sources used.

use crate::error::Result;
use crate::session::Need;
use crate::Session;
use metrics::concentration::concentration;
use metrics::rank::{rank, Denominator, Ranking};
use metrics::reserves_to_production::rp_years;
use model::{
    EditionId, ElementGroup, Flags, Mass, Material, Metric, Place, Selection, Share, Table,
    TonnesUnit, Year,
};
use serde::Serialize;
use utoipa::ToSchema;

const TREO: Material = Material::Group(ElementGroup::Treo);
/// The countries the news is about; always listed.
pub const HIGHLIGHT: [&str; 2] = ["RUS", "USA"];
/// Countries in the top ten of either mine production or reserves are listed.
const TOP: usize = 10;

/// An overview question.
#[derive(Debug, Clone, Default)]
pub struct OverviewRequest {
    /// Edition and year pins.
    pub selection: Selection,
    /// Unit of masses.
    pub unit: TonnesUnit,
}

/// World totals with their flags.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct World {
    /// World mine production.
    pub mine_production: Option<Mass>,
    /// Its flags.
    pub mine_production_flags: Flags,
    /// World reserves.
    pub reserves: Option<Mass>,
    /// Their flags.
    pub reserves_flags: Flags,
}

/// One country of the overview.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverviewCountry {
    /// Mine production rank.
    pub rank: Option<u32>,
    /// ISO3 code.
    pub country: String,
    /// Name.
    pub name: String,
    /// Mine production.
    pub mine_production: Option<Mass>,
    /// Share of world mine production.
    pub share: Option<Share>,
    /// Reserves.
    pub reserves: Option<Mass>,
    /// Share of world reserves.
    pub reserves_share: Option<Share>,
    /// Reserves ÷ mine production of the same edition and year, in years.
    pub rp_years: Option<f64>,
    /// Whether `rp_years` is a lower bound (the reserves are).
    pub rp_lower_bound: bool,
    /// Flags of production and reserves.
    pub flags: Flags,
    /// Whether the country is one the news is about.
    pub highlight: bool,
}

/// The countries not listed, derived as world total minus the listed countries, so that
/// the listed shares and this row's sum to 100%.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverviewOther {
    /// Mine production of the countries not listed.
    pub mine_production: Option<Mass>,
    /// Its share of world mine production.
    pub share: Option<Share>,
    /// Reserves of the countries not listed (a lower bound when the world total is).
    pub reserves: Option<Mass>,
    /// Its share of world reserves.
    pub reserves_share: Option<Share>,
    /// Flags (`lower_bound` when the world total is one).
    pub flags: Flags,
}

/// Another source's claim for a highlighted country.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Claim {
    /// ISO3 code.
    pub country: String,
    /// Edition id.
    pub edition: EditionId,
    /// The value.
    pub value: Option<Mass>,
    /// Unit.
    pub unit: TonnesUnit,
    /// Who reported it.
    pub citation: String,
    /// The source's note.
    pub note: String,
    /// The country's name (tables).
    #[serde(skip)]
    pub name: String,
    /// The publisher (tables).
    #[serde(skip)]
    pub publisher: String,
}

/// A source used.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SourceUsed {
    /// Edition id.
    pub edition: EditionId,
    /// Title.
    pub title: String,
    /// Citation.
    pub citation: String,
    /// Licence.
    pub licence: String,
    /// Whether transcribed by hand.
    pub transcribed: bool,
}

/// The overview.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverviewResult {
    /// Edition id.
    pub edition: EditionId,
    /// Source label.
    pub source: String,
    /// Unit of masses.
    pub unit: TonnesUnit,
    /// Year of mine production.
    pub mine_production_year: Year,
    /// Year of reserves.
    pub reserves_year: Year,
    /// World totals.
    pub world: World,
    /// HHI over the world total.
    pub hhi_world_total: Option<f64>,
    /// HHI over the sum of countries.
    pub hhi_country_sum: Option<f64>,
    /// Top-3 share.
    pub top3_share: Option<Share>,
    /// The top ten of mine production or reserves, and the highlighted countries.
    pub countries: Vec<OverviewCountry>,
    /// Every other country together.
    pub other: OverviewOther,
    /// Other sources' claims for the highlighted countries.
    pub claims: Vec<Claim>,
    /// Sources used.
    pub sources: Vec<SourceUsed>,
}

fn world_total(r: &Ranking, unit: TonnesUnit) -> (Option<Mass>, Flags) {
    r.aggregates
        .iter()
        .find(|a| a.place == Place::Aggregate(model::Aggregate::WorldTotal))
        .map_or((None, Flags::NONE), |a| {
            (a.value.map(|v| Mass::new(v, unit)), a.flags)
        })
}

impl Session {
    /// The overview of world mine production and reserves.
    pub async fn overview(&self, req: &OverviewRequest) -> Result<OverviewResult> {
        let selection = self.selection(&req.selection).await?;
        let d = self
            .dataset_for(Need::Latest(selection.edition.as_ref()))
            .await?;
        let unit = req.unit;
        let c = concentration(
            &d,
            Metric::MineProduction,
            TREO,
            &selection,
            Denominator::WorldTotal,
        )?;
        let prod = &c.ranking;
        let same_edition = Selection {
            edition: Some(prod.edition.clone()),
            year: None,
        };
        let res = rank(
            &d,
            Metric::Reserves,
            TREO,
            &same_edition,
            Denominator::WorldTotal,
        )?;
        let (wp, wp_flags) = world_total(prod, unit);
        let (wr, wr_flags) = world_total(&res, unit);
        let mut countries = Vec::new();
        let top_reserves: Vec<Place> = res.ranked.iter().take(TOP).map(|r| r.place).collect();
        let shown = prod.ranked.iter().enumerate().filter(|(i, r)| {
            *i < TOP || HIGHLIGHT.contains(&r.place.id()) || top_reserves.contains(&r.place)
        });
        for (_, p) in shown {
            let r = res
                .ranked
                .iter()
                .chain(res.gaps.iter())
                .find(|x| x.place == p.place);
            let rp = if res.year == prod.year {
                rp_years(&d, p.place, TREO, &same_edition)?
            } else {
                None
            };
            countries.push(OverviewCountry {
                rank: p.rank,
                country: p.place.id().to_string(),
                name: p.name.clone(),
                mine_production: p.value.map(|v| Mass::new(v, unit)),
                share: p.share,
                reserves: r.and_then(|x| x.value).map(|v| Mass::new(v, unit)),
                reserves_share: r.and_then(|x| x.share),
                rp_years: rp.as_ref().map(|r| r.years),
                rp_lower_bound: rp.as_ref().is_some_and(|r| r.lower_bound),
                flags: p.flags.union(r.map_or(Flags::NONE, |x| x.flags)),
                highlight: HIGHLIGHT.contains(&p.place.id()),
            });
        }
        // Reserve holders in the top ten that report no mine production at all.
        for r in res.ranked.iter().take(TOP) {
            if countries.iter().all(|c| c.country != r.place.id()) {
                countries.push(OverviewCountry {
                    rank: None,
                    country: r.place.id().to_string(),
                    name: r.name.clone(),
                    mine_production: None,
                    share: None,
                    reserves: r.value.map(|v| Mass::new(v, unit)),
                    reserves_share: r.share,
                    rp_years: None,
                    rp_lower_bound: false,
                    flags: r.flags,
                    highlight: HIGHLIGHT.contains(&r.place.id()),
                });
            }
        }
        let other = other(&countries, wp, wp_flags, wr, wr_flags, unit);
        // Claims from other sources for the highlighted countries, side by side with USGS.
        let mut claims = Vec::new();
        for code in HIGHLIGHT {
            let Some(place) = Place::from_id(code) else {
                continue;
            };
            for o in d.observations.iter().filter(|o| {
                o.place == place && o.table == Table::Statement && o.metric == Metric::Reserves
            }) {
                let s = d.source(&o.edition);
                claims.push(Claim {
                    country: code.into(),
                    edition: o.edition.clone(),
                    value: o.value.magnitude().and_then(|v| Mass::from_t(v, unit)),
                    unit,
                    citation: o.citation.clone(),
                    note: o.note.clone(),
                    name: d.countries.name_of(&place),
                    publisher: s.map_or("?".into(), |s| s.publisher.clone()),
                });
            }
        }
        let sources = d
            .sources
            .iter()
            .filter(|s| s.edition == prod.edition || claims.iter().any(|c| c.edition == s.edition))
            .map(|s| SourceUsed {
                edition: s.edition.clone(),
                title: s.title.clone(),
                citation: s.citation.clone(),
                licence: s.licence.clone(),
                transcribed: s.transcribed,
            })
            .collect();
        Ok(OverviewResult {
            edition: prod.edition.clone(),
            source: prod.source.clone(),
            unit,
            mine_production_year: prod.year,
            reserves_year: res.year,
            world: World {
                mine_production: wp,
                mine_production_flags: wp_flags,
                reserves: wr,
                reserves_flags: wr_flags,
            },
            hhi_world_total: c.hhi_world_total,
            hhi_country_sum: c.hhi_country_sum,
            top3_share: c.top3_share.and_then(Share::new),
            countries,
            other,
            claims,
            sources,
        })
    }
}

/// World total minus the listed countries, for production and reserves.
fn other(
    listed: &[OverviewCountry],
    wp: Option<Mass>,
    wp_flags: Flags,
    wr: Option<Mass>,
    wr_flags: Flags,
    unit: TonnesUnit,
) -> OverviewOther {
    let rest = |world: Option<Mass>, pick: fn(&OverviewCountry) -> Option<Mass>| {
        let w = world?.tonnes().get();
        let listed: f64 = listed
            .iter()
            .filter_map(pick)
            .map(|m| m.tonnes().get())
            .sum();
        let r = Mass::from_t((w - listed).max(0.0), unit)?;
        Some((r, Share::new(r.tonnes().get() / w).filter(|_| w > 0.0)?))
    };
    let p = rest(wp, |c| c.mine_production);
    let r = rest(wr, |c| c.reserves);
    let mut flags = Flags::NONE;
    if wr_flags.contains(model::Flag::LowerBound) || wp_flags.contains(model::Flag::LowerBound) {
        flags.insert(model::Flag::LowerBound);
    }
    OverviewOther {
        mine_production: p.map(|x| x.0),
        share: p.map(|x| x.1),
        reserves: r.map(|x| x.0),
        reserves_share: r.map(|x| x.1),
        flags,
    }
}
