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
    /// The unit in words, naming what a price is of (`USD/kg of Nd2O3`, `people`).
    pub unit_label: String,
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
    /// Every outlet that reported this same statement (same claimant, value and year),
    /// when more than one did; the statement counts once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outlets: Vec<String>,
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
        unit_label: unit_label(o, unit),
        source: source.map_or_else(|| o.edition.to_string(), |s| s.label()),
        edition: o.edition.clone(),
        kind: source.map(|s| s.kind.id()).unwrap_or("").into(),
        flags: o.flags,
        note: o.note.clone(),
        citation: o.citation.clone(),
        outlets: Vec::new(),
        table: o.table,
        material: o.material,
        form: o.form.clone(),
        place: o.place,
    }
}

/// The unit of an observation in words: tonnes in the document's unit, a price naming
/// what it is the price of, a head count as people.
pub fn unit_label(o: &Observation, unit: TonnesUnit) -> String {
    match o.unit {
        Unit::TonnesReo => unit.symbol().into(),
        Unit::UsdPerKg | Unit::UsdPerGram => match (o.material, o.form.as_str()) {
            (Material::Element(e), "oxide") => format!("{} of {}", o.unit.id(), e.oxide_formula()),
            (Material::Element(e), "metal") => format!("{} of {} metal", o.unit.id(), e.symbol()),
            (Material::Element(e), form) if !form.is_empty() => {
                format!("{} of {} {form}", o.unit.id(), e.symbol())
            }
            (_, form) if !form.is_empty() => format!("{} of {form}", o.unit.id()),
            _ => o.unit.id().into(),
        },
        Unit::Persons => "people".into(),
        Unit::Percent => "%".into(),
    }
}
