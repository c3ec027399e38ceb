//! Ranks and shares of one metric in one edition and year.
//!
//! Ties share a rank and the next rank skips (1, 2, 2, 4: "competition ranking"), so a
//! rank always says how many countries hold more. Gaps follow the ranked values with no
//! rank and no value. Aggregates are returned apart.

use crate::select::{resolve, QueryError, Selection};
use model::{
    Aggregate, Dataset, EditionId, Flag, Flags, Material, Metric, Place, Share, Table, Tonnes, Year,
};

/// Which total a share is taken of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Denominator {
    /// The source's (rounded) world total: USGS's own, the default.
    #[default]
    WorldTotal,
    /// The sum of the countries that report a value (excludes "Other countries").
    CountrySum,
}

impl Denominator {
    /// The id shown in outputs.
    pub fn id(self) -> &'static str {
        match self {
            Denominator::WorldTotal => "world_total",
            Denominator::CountrySum => "country_sum",
        }
    }
}

/// One row of a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct RankRow {
    /// Rank (None for gaps and aggregates).
    pub rank: Option<u32>,
    /// The place.
    pub place: Place,
    /// Its display name.
    pub name: String,
    /// The value (None for a gap).
    pub value: Option<Tonnes>,
    /// Its share of the denominator (None for gaps, or when there is no denominator).
    pub share: Option<Share>,
    /// Flags of the value, plus `upper_bound` when the share is over a lower-bound total.
    pub flags: Flags,
    /// The source's note about the value.
    pub note: String,
}

/// A ranking.
#[derive(Debug, Clone)]
pub struct Ranking {
    /// The metric.
    pub metric: Metric,
    /// The material.
    pub material: Material,
    /// Edition id.
    pub edition: EditionId,
    /// Source label ("USGS MCS 2025").
    pub source: String,
    /// Year.
    pub year: Year,
    /// The denominator used for shares.
    pub denominator: Denominator,
    /// The denominator's value.
    pub denominator_value: Option<Tonnes>,
    /// Whether the denominator is a lower bound (then shares are upper bounds).
    pub denominator_lower_bound: bool,
    /// Ranked countries, best first.
    pub ranked: Vec<RankRow>,
    /// Countries whose value is a gap.
    pub gaps: Vec<RankRow>,
    /// Aggregates (world total, other countries), never ranked.
    pub aggregates: Vec<RankRow>,
    /// The sum of the ranked countries' values.
    pub country_sum: Tonnes,
}

/// Ranks countries by `metric` in the selected edition and year.
pub fn rank(
    d: &Dataset,
    metric: Metric,
    material: Material,
    sel: &Selection,
    denominator: Denominator,
) -> Result<Ranking, QueryError> {
    let r = resolve(d, metric, material, sel)?;
    let rows: Vec<_> = d
        .observations
        .iter()
        .filter(|o| {
            o.edition == r.source.edition
                && o.table == Table::World
                && o.metric == metric
                && o.material == material
                && o.year == r.year
        })
        .collect();
    let world = rows
        .iter()
        .find(|o| o.place == Place::Aggregate(Aggregate::WorldTotal));
    let world_total = world
        .and_then(|o| o.value.magnitude())
        .and_then(Tonnes::new);
    let world_lower = world.is_some_and(|o| o.flags.contains(Flag::LowerBound));
    let mut countries: Vec<RankRow> = Vec::new();
    let mut gaps = Vec::new();
    let mut aggregates = Vec::new();
    for o in &rows {
        let row = RankRow {
            rank: None,
            place: o.place,
            name: d.countries.name_of(&o.place),
            value: o.value.magnitude().and_then(Tonnes::new),
            share: None,
            flags: o.flags,
            note: o.note.clone(),
        };
        match (o.place, row.value) {
            (Place::Aggregate(_), _) => aggregates.push(row),
            (Place::Country(_), Some(_)) => countries.push(row),
            (Place::Country(_), None) => gaps.push(row),
        }
    }
    let country_sum: Tonnes = countries.iter().filter_map(|r| r.value).sum();
    let (denominator_value, lower) = match denominator {
        Denominator::WorldTotal => (world_total, world_lower),
        Denominator::CountrySum => (Some(country_sum), false),
    };
    countries.sort_by(|a, b| {
        b.value
            .partial_cmp(&a.value)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.name.cmp(&b.name))
    });
    let mut previous: Option<(Tonnes, u32)> = None;
    for (i, row) in countries.iter_mut().enumerate() {
        let value = row.value.unwrap_or_default();
        let rank = match previous {
            Some((v, r)) if v == value => r,
            _ => i as u32 + 1,
        };
        previous = Some((value, rank));
        row.rank = Some(rank);
    }
    for row in countries.iter_mut().chain(aggregates.iter_mut()) {
        if let (Some(v), Some(total)) = (row.value, denominator_value) {
            row.share = v / total;
            if lower && row.share.is_some() {
                row.flags.insert(Flag::UpperBound);
            }
        }
    }
    gaps.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Ranking {
        metric,
        material,
        edition: r.source.edition.clone(),
        source: r.source.label(),
        year: r.year,
        denominator,
        denominator_value,
        denominator_lower_bound: lower,
        ranked: countries,
        gaps,
        aggregates,
        country_sum,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{
        Countries, CountryCode, EditionId, GapReason, Observation, Quantity, Source, SourceKind,
        Stage, Unit, Value,
    };

    fn obs(place: Place, v: Option<f64>, flags: Flags) -> Observation {
        Observation {
            edition: EditionId("T1".into()),
            table: Table::World,
            label: String::new(),
            place,
            material: Material::Group(model::ElementGroup::Treo),
            stage: Stage::Mining,
            metric: Metric::MineProduction,
            form: String::new(),
            year: Year(2024),
            value: v.map_or(Value::Gap(GapReason::NotAvailable), |m| {
                Value::Known(Quantity {
                    magnitude: m,
                    unit: Unit::TonnesReo,
                })
            }),
            unit: Unit::TonnesReo,
            flags,
            note: String::new(),
            citation: String::new(),
        }
    }

    pub(crate) fn dataset(rows: &[(&str, Option<f64>)], world: f64, world_flags: Flags) -> Dataset {
        let mut observations: Vec<_> = rows
            .iter()
            .map(|(c, v)| {
                obs(
                    Place::Country(CountryCode::parse(c).unwrap()),
                    *v,
                    Flags::NONE,
                )
            })
            .collect();
        observations.push(obs(
            Place::Aggregate(Aggregate::WorldTotal),
            Some(world),
            world_flags,
        ));
        Dataset {
            sources: vec![Source {
                edition: EditionId("T1".into()),
                series: "Test".into(),
                publisher: String::new(),
                title: String::new(),
                year: 2025,
                kind: SourceKind::StatisticalSurvey,
                licence: String::new(),
                citation: String::new(),
                url: String::new(),
                transcribed: false,
                imported: false,
                note: String::new(),
            }],
            observations,
            countries: Countries::default(),
        }
    }

    #[test]
    fn ties_share_a_rank_and_gaps_come_last() {
        let d = dataset(
            &[
                ("AAA", Some(5.0)),
                ("BBB", Some(3.0)),
                ("CCC", Some(3.0)),
                ("DDD", Some(1.0)),
                ("EEE", None),
            ],
            20.0,
            Flags::NONE,
        );
        let t = Material::Group(model::ElementGroup::Treo);
        let r = rank(
            &d,
            Metric::MineProduction,
            t,
            &Selection::default(),
            Denominator::WorldTotal,
        )
        .unwrap();
        let ranks: Vec<_> = r.ranked.iter().map(|x| x.rank.unwrap()).collect();
        assert_eq!(ranks, [1, 2, 2, 4]);
        assert_eq!(r.gaps.len(), 1);
        assert_eq!(r.gaps[0].place.id(), "EEE");
        assert_eq!(r.ranked[0].share.map(Share::get), Some(0.25));
        assert!(!r.ranked[0].flags.contains(Flag::UpperBound));
        let by_sum = rank(
            &d,
            Metric::MineProduction,
            t,
            &Selection::default(),
            Denominator::CountrySum,
        )
        .unwrap();
        assert_eq!(by_sum.ranked[0].share.map(Share::get), Some(5.0 / 12.0));
    }

    #[test]
    fn shares_of_a_lower_bound_total_are_upper_bounds() {
        let d = dataset(
            &[("AAA", Some(5.0))],
            20.0,
            Flags::NONE.with(Flag::LowerBound),
        );
        let t = Material::Group(model::ElementGroup::Treo);
        let r = rank(
            &d,
            Metric::MineProduction,
            t,
            &Selection::default(),
            Denominator::WorldTotal,
        )
        .unwrap();
        assert!(r.ranked[0].flags.contains(Flag::UpperBound));
    }
}
