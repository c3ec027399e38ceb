//! Every estimate of one metric for one place, from every edition and source, side by
//! side, never merged; then the spread, so a revision or a disagreement is visible at a
//! glance (Russia's reserves: 10 Mt in MCS 2024, 3.8 Mt in MCS 2025, 28.5 Mt claimed by
//! its ministry).

use model::{Dataset, Metric, Observation, Place, SourceKind, Table, Year};

/// One estimate with its source.
#[derive(Debug, Clone)]
pub struct Estimate<'a> {
    /// The observation.
    pub observation: &'a Observation,
    /// Source label ("USGS MCS 2025").
    pub source: String,
    /// Source kind.
    pub kind: Option<SourceKind>,
    /// Year the source was published (for ordering).
    pub published: i32,
    /// The same statement as other outlets reported it (same claimant, value and year):
    /// their observations, counted once with this one.
    pub also_reported: Vec<&'a Observation>,
}

impl Estimate<'_> {
    /// Whether two estimates are one statement reported twice: a claim outside the
    /// statistical tables, by the same claimant (edition), with the same value and year.
    fn same_statement(&self, o: &Observation) -> bool {
        let a = self.observation;
        a.table == Table::Statement
            && o.table == Table::Statement
            && a.edition == o.edition
            && a.metric == o.metric
            && a.year == o.year
            && a.value == o.value
    }
}

/// The range of the known values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// max / min (None when min is 0).
    pub ratio: Option<f64>,
    /// How many values.
    pub count: usize,
}

/// The spread of a set of values; `None` when there are none.
pub fn spread(values: impl IntoIterator<Item = f64>) -> Option<Spread> {
    let v: Vec<f64> = values.into_iter().collect();
    let min = v.iter().copied().reduce(f64::min)?;
    let max = v.iter().copied().reduce(f64::max)?;
    Some(Spread {
        min,
        max,
        ratio: (min > 0.0).then(|| max / min),
        count: v.len(),
    })
}

/// Every estimate of `metric` (and the metrics that answer the same question, such as
/// JORC reserves beside reserves) for `place`, oldest source first; `year` filters.
pub fn compare<'a>(
    d: &'a Dataset,
    place: Place,
    metric: Metric,
    year: Option<Year>,
) -> Vec<Estimate<'a>> {
    let family = metric.family();
    let out: Vec<Estimate<'a>> = d
        .observations
        .iter()
        .filter(|o| {
            o.place == place && family.contains(&o.metric) && year.is_none_or(|y| o.year == y)
        })
        .map(|o| {
            let s = d.source(&o.edition);
            Estimate {
                observation: o,
                source: s.map_or_else(|| o.edition.to_string(), |s| s.label()),
                kind: s.map(|s| s.kind),
                published: s.map_or(0, |s| s.year),
                also_reported: Vec::new(),
            }
        })
        .collect();
    // One statement reported by several outlets counts once, with the outlets listed.
    let mut grouped: Vec<Estimate<'a>> = Vec::new();
    for e in out {
        match grouped.iter_mut().find(|g| g.same_statement(e.observation)) {
            Some(g) => g.also_reported.push(e.observation),
            None => grouped.push(e),
        }
    }
    let mut out = grouped;
    out.sort_by(|a, b| {
        (
            a.published,
            &a.observation.edition,
            a.observation.metric,
            a.observation.table.id(),
            a.observation.year,
        )
            .cmp(&(
                b.published,
                &b.observation.edition,
                b.observation.metric,
                b.observation.table.id(),
                b.observation.year,
            ))
    });
    out
}

/// The spreads to show for a comparison: one over all estimates of a stock such as
/// reserves (editions date them differently but they answer one question), one per year
/// for a flow such as production.
pub fn spreads(estimates: &[Estimate<'_>], metric: Metric) -> Vec<(Option<Year>, Spread)> {
    let known = |e: &&Estimate<'_>| {
        e.observation.metric == metric && e.observation.value.magnitude().is_some()
    };
    if matches!(metric, Metric::Reserves | Metric::ReservesJorc) {
        return spread(
            estimates
                .iter()
                .filter(known)
                .filter_map(|e| e.observation.value.magnitude()),
        )
        .map(|s| vec![(None, s)])
        .unwrap_or_default();
    }
    let mut years: Vec<Year> = estimates
        .iter()
        .filter(known)
        .map(|e| e.observation.year)
        .collect();
    years.sort();
    years.dedup();
    years
        .into_iter()
        .filter_map(|y| {
            let s = spread(
                estimates
                    .iter()
                    .filter(known)
                    .filter(|e| e.observation.year == y)
                    .filter_map(|e| e.observation.value.magnitude()),
            )?;
            (s.count > 1).then_some((Some(y), s))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_is_min_max_and_ratio() {
        let s = spread([10e6, 3.8e6, 28.5e6]).unwrap();
        assert_eq!((s.min, s.max, s.count), (3.8e6, 28.5e6, 3));
        assert!((s.ratio.unwrap() - 7.5).abs() < 1e-12);
        assert!(spread([]).is_none());
        assert_eq!(spread([0.0, 1.0]).unwrap().ratio, None);
    }
}
