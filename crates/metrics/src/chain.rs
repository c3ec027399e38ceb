//! The supply chain stage by stage: who holds each of mining, separation, metal and magnet
//! making, each stage at the latest year it has data for, every row with its basis.
//!
//! Bases differ between sources (USGS counts total rare-earth oxide, the IEA magnet rare
//! earths Nd, Pr, Dy, Tb), so every row carries its basis and [`ChainView::mixed_bases`]
//! says when a view compares unlike bases: never silently.

use crate::rank::{rank, Denominator};
use crate::select::Selection;
use model::{
    Dataset, EditionId, ElementGroup, Flags, Material, Metric, Place, Share, Stage, Table, Unit,
    Year,
};

/// The stages `chain` shows, upstream first.
pub const CHAIN_STAGES: [Stage; 4] = [
    Stage::Mining,
    Stage::Separation,
    Stage::Metal,
    Stage::Magnet,
];

/// One row of the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainRow {
    /// Stage.
    pub stage: Stage,
    /// The place (None for a stage without data).
    pub place: Option<Place>,
    /// Year.
    pub year: Option<Year>,
    /// Value in `unit` (None for a gap).
    pub value: Option<f64>,
    /// Unit of `value`.
    pub unit: Unit,
    /// Share of the world (0..1).
    pub share: Option<Share>,
    /// What the value counts: TREO, magnet_REE, NdPr, ...
    pub basis: Material,
    /// Metric.
    pub metric: Metric,
    /// Source label.
    pub source: String,
    /// Edition id.
    pub edition: EditionId,
    /// Flags.
    pub flags: Flags,
    /// Note.
    pub note: String,
}

/// The chain as rows, with the notes a reader needs.
#[derive(Debug, Clone, Default)]
pub struct ChainView {
    /// Rows, stage by stage.
    pub rows: Vec<ChainRow>,
    /// Notes: gaps, mixed bases.
    pub notes: Vec<String>,
}

impl ChainView {
    /// The bases the view mixes, if more than one.
    pub fn mixed_bases(&self) -> Vec<Material> {
        let mut b: Vec<Material> = self
            .rows
            .iter()
            .filter(|r| r.place.is_some())
            .map(|r| r.basis)
            .collect();
        b.sort();
        b.dedup();
        if b.len() > 1 {
            b
        } else {
            vec![]
        }
    }

    /// China's share at each stage with data (the largest share row per stage and basis).
    pub fn share_of(&self, place: Place, stage: Stage) -> Option<(f64, Material, Year)> {
        self.rows
            .iter()
            .filter(|r| r.stage == stage && r.place == Some(place))
            .filter_map(|r| Some((r.share?.get(), r.basis, r.year?)))
            .max_by(|a, b| a.2.cmp(&b.2).then(a.0.total_cmp(&b.0)))
    }
}

fn matches_filter(basis: Material, filter: Option<Material>) -> bool {
    match (filter, basis) {
        (None, _) => true,
        (Some(f), b) if f == b => true,
        (Some(Material::Element(e)), Material::Group(g)) => {
            g != ElementGroup::Treo && g.contains(e)
        }
        _ => false,
    }
}

/// Builds the chain view. `filter` keeps rows whose basis is that material (or, for one
/// element, a magnet-type group that contains it); `top` limits countries per stage.
pub fn chain(d: &Dataset, filter: Option<Material>, year: Option<Year>, top: usize) -> ChainView {
    chain_pinned(
        d,
        filter,
        &Selection {
            edition: None,
            year,
        },
        top,
    )
}

/// [`chain`] with the mining stage read from a pinned edition (`sel.edition`, a statistical
/// edition with a country table) and year; other stages keep their own sources.
pub fn chain_pinned(
    d: &Dataset,
    filter: Option<Material>,
    sel: &Selection,
    top: usize,
) -> ChainView {
    let year = sel.year;
    let mut view = ChainView::default();
    let treo = Material::Group(ElementGroup::Treo);
    // Mining, from the latest statistical edition: total REO, shares of the world total.
    if matches_filter(treo, filter) {
        let mining = rank(
            d,
            Metric::MineProduction,
            treo,
            sel,
            Denominator::WorldTotal,
        );
        if let Err(e) = &mining {
            view.notes
                .push(format!("mining: no country table for this selection ({e})"));
        }
        if let Ok(r) = mining {
            for row in r.ranked.iter().take(top).chain(r.aggregates.iter()) {
                view.rows.push(ChainRow {
                    stage: Stage::Mining,
                    place: Some(row.place),
                    year: Some(r.year),
                    value: row.value.map(|v| v.get()),
                    unit: Unit::TonnesReo,
                    share: row.share,
                    basis: treo,
                    metric: Metric::MineProduction,
                    source: r.source.clone(),
                    edition: r.edition.clone(),
                    flags: row.flags,
                    note: row.note.clone(),
                });
            }
        }
    } else if let Some(Material::Element(e)) = filter {
        view.notes.push(format!("mining: {e} content by country needs full ore distributions, which are mostly a gap (see data/ore_types.csv); only group-basis rows are shown"));
    }
    // Stage statements (shares, outputs, quotas) from other sources.
    for stage in CHAIN_STAGES {
        let candidates: Vec<_> = d
            .observations
            .iter()
            .filter(|o| o.stage == stage && o.table == Table::Statement)
            .filter(|o| {
                matches!(
                    o.metric,
                    Metric::ProductionShare | Metric::Production | Metric::Quota
                )
            })
            .filter(|o| matches_filter(o.material, filter))
            .filter(|o| year.is_none_or(|y| o.year == y))
            .collect();
        // Per (edition, metric, basis), the latest year only.
        let mut groups: Vec<(EditionId, Metric, Material, Year)> = Vec::new();
        for o in &candidates {
            let key = (o.edition.clone(), o.metric, o.material);
            match groups.iter_mut().find(|g| (g.0.clone(), g.1, g.2) == key) {
                Some(g) if g.3 < o.year => g.3 = o.year,
                Some(_) => {}
                None => groups.push((key.0, key.1, key.2, o.year)),
            }
        }
        for (edition, metric, basis, y) in &groups {
            for o in candidates
                .iter()
                .filter(|o| {
                    &o.edition == edition
                        && o.metric == *metric
                        && o.material == *basis
                        && o.year == *y
                })
                .take(top)
            {
                let share = (o.unit == Unit::Percent)
                    .then(|| o.value.magnitude().and_then(Share::from_percent))
                    .flatten();
                view.rows.push(ChainRow {
                    stage,
                    place: Some(o.place),
                    year: Some(o.year),
                    value: o.value.magnitude(),
                    unit: o.unit,
                    share,
                    basis: o.material,
                    metric: o.metric,
                    source: d
                        .source(&o.edition)
                        .map_or_else(|| o.edition.to_string(), |s| s.label()),
                    edition: o.edition.clone(),
                    flags: o.flags,
                    note: o.note.clone(),
                });
            }
        }
        if !view.rows.iter().any(|r| r.stage == stage) {
            view.rows.push(ChainRow {
                stage,
                place: None,
                year: None,
                value: None,
                unit: Unit::TonnesReo,
                share: None,
                basis: filter.unwrap_or(treo),
                metric: Metric::Production,
                source: String::new(),
                edition: EditionId(String::new()),
                flags: Flags::NONE,
                note: format!(
                    "gap: no sourced {stage} figures by country{}",
                    filter.map_or(String::new(), |f| format!(" on a {f} basis"))
                ),
            });
            view.notes
                .push(format!("{stage}: no sourced figures by country (gap)"));
        }
    }
    view.rows
        .sort_by_key(|r| CHAIN_STAGES.iter().position(|s| *s == r.stage));
    let mixed = view.mixed_bases();
    if !mixed.is_empty() {
        view.notes.push(format!(
            "bases differ between rows ({}): compare shares only within one basis (USGS counts total rare-earth oxide, the IEA magnet rare earths)",
            mixed.iter().map(|m| m.id()).collect::<Vec<_>>().join(", ")
        ));
    }
    view
}
