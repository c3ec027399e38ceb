//! Observation listings (`compare`, `cite`, `country`): one row per value as its source
//! states it, with the source's label, kind and citation.

use crate::values::Amount;
use model::{
    CountryCode, Dataset, EditionId, Flags, Material, Metric, Observation, Place, Table,
    TonnesUnit, Unit, Year,
};
use serde::Serialize;
use utoipa::ToSchema;

/// One observation as a listing row.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ObservationRow {
    /// ISO3 code; null for aggregates.
    pub country: Option<CountryCode>,
    /// Metric.
    pub metric: Metric,
    /// Year.
    pub year: Year,
    /// The value; null for a gap.
    pub value: Option<Amount>,
    /// Unit of `value` (the document's unit of tonnes for masses).
    pub unit: String,
    /// Source label.
    pub source: String,
    /// Edition id.
    pub edition: EditionId,
    /// Source kind id.
    pub kind: String,
    /// Flags.
    pub flags: Flags,
    /// The source's note.
    pub note: String,
    /// Who reported it, when it reaches us through a report.
    pub citation: String,
    /// The table within the edition.
    pub table: Table,
    /// Element or group.
    pub material: Material,
    /// Product form, where it matters.
    pub form: String,
    /// The place (tables).
    #[serde(skip)]
    pub place: Place,
}

/// `o` as a listing row, masses in `unit`.
pub fn row(d: &Dataset, unit: TonnesUnit, o: &Observation) -> ObservationRow {
    let source = d.source(&o.edition);
    let tonnes = o.unit == Unit::TonnesReo;
    ObservationRow {
        country: o.place.country(),
        metric: o.metric,
        year: o.year,
        value: o
            .value
            .magnitude()
            .and_then(|v| Amount::of(v, tonnes, unit)),
        unit: if tonnes {
            unit.symbol().into()
        } else {
            o.unit.id().into()
        },
        source: source.map_or_else(|| o.edition.to_string(), |s| s.label()),
        edition: o.edition.clone(),
        kind: source.map(|s| s.kind.id()).unwrap_or("").into(),
        flags: o.flags,
        note: o.note.clone(),
        citation: o.citation.clone(),
        table: o.table,
        material: o.material,
        form: o.form.clone(),
        place: o.place,
    }
}
