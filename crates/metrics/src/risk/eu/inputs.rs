//! The inputs of one material: the preferred transcription first, earlier readings only
//! where it lacks an input, and every input an earlier reading gives differently listed.
//!
//! Scalar inputs (import reliance, SI, a published score) are matched by stage, input and
//! country; tables (shares, t, end uses) are taken whole from one reading, so a table is
//! never a mix of two. A member of a group without EU-sourcing rows of its own takes its
//! group's rows from the preferred transcription (the annex prints one EU extraction row
//! for all heavy rare earths) before any earlier reading.

use super::types::OtherReading;
use model::eucrm::{EuInput, EuTables};
use model::{Element, ElementGroup};

/// Inputs that are tables: taken whole from one reading.
const TABLES: [&str; 5] = [
    "global_supply_share",
    "global_supply_t",
    "eu_sourcing_share",
    "eu_sourcing_t",
    "end_use_share",
];

/// The group (HREE or LREE) whose member `id` is, if any.
pub(super) fn group_of(id: &str) -> Option<ElementGroup> {
    let e: Element = id.parse().ok()?;
    [ElementGroup::Hree, ElementGroup::Lree]
        .into_iter()
        .find(|g| g.contains(e))
}

/// The group `id` names (HREE or LREE), if it is one.
pub(super) fn as_group(id: &str) -> Option<ElementGroup> {
    [ElementGroup::Hree, ElementGroup::Lree]
        .into_iter()
        .find(|g| g.id().eq_ignore_ascii_case(id))
}

/// Whether two readings of an input agree (numbers compared as numbers: `80 %` = `0.8`).
fn same(a: &EuInput, b: &EuInput) -> bool {
    match (a.number(), b.number()) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        _ => a.value == b.value,
    }
}

/// What identifies a row within a material: stage, input, country, and for end uses the
/// application (two uses may share a sector).
fn key(r: &EuInput) -> (String, String, String, String) {
    let application = if r.input == "end_use_share" {
        r.notes
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_lowercase()
    } else {
        String::new()
    };
    (
        r.stage.clone(),
        r.input.clone(),
        r.country.clone(),
        application,
    )
}

/// `, FILE:FIRST-LAST` of rows read from one file, or nothing.
fn span(rows: &[EuInput]) -> String {
    let places: Vec<(&str, &str)> = rows.iter().filter_map(|r| r.at.rsplit_once(':')).collect();
    match (places.first(), places.last()) {
        (Some((file, first)), Some((_, last))) if first == last => format!(", {file}:{first}"),
        (Some((file, first)), Some((_, last))) => format!(", {file}:{first}-{last}"),
        _ => String::new(),
    }
}

fn shown(r: &EuInput) -> String {
    if r.value.is_empty() {
        "(gap)".into()
    } else if r.unit.is_empty() {
        r.value.clone()
    } else {
        format!("{} {}", r.value, r.unit)
    }
}

/// One material's inputs, merged.
#[derive(Debug, Clone)]
pub(super) struct MaterialInputs {
    /// The material's id.
    pub id: String,
    /// The rows used: the preferred transcription's, a group's EU rows where a member has
    /// none, and earlier readings where neither has the input.
    pub rows: Vec<EuInput>,
    /// Inputs an earlier reading gives differently.
    pub other_readings: Vec<OtherReading>,
    /// How the rows were chosen (a group row applied to a member).
    pub notes: Vec<String>,
}

impl MaterialInputs {
    /// The inputs of `id` (a known material id) from `tables`.
    pub(super) fn new(id: &str, tables: &EuTables) -> MaterialInputs {
        let of = |rows: &[EuInput], m: &str| -> Vec<EuInput> {
            rows.iter()
                .filter(|r| r.material.eq_ignore_ascii_case(m))
                .cloned()
                .collect()
        };
        let mut rows = of(&tables.inputs, id);
        let mut notes = Vec::new();
        if let Some(g) = group_of(id) {
            let group_rows = of(&tables.inputs, g.id());
            for stage in super::STAGES {
                for input in ["eu_sourcing_share", "eu_sourcing_t"] {
                    let has =
                        |rs: &[EuInput]| rs.iter().any(|r| r.stage == stage && r.input == input);
                    if has(&rows) || !has(&group_rows) {
                        continue;
                    }
                    let borrowed: Vec<EuInput> = group_rows
                        .iter()
                        .filter(|r| r.stage == stage && r.input == input)
                        .cloned()
                        .collect();
                    if input == "eu_sourcing_share" {
                        let printed = tables
                            .inputs
                            .iter()
                            .find(|r| {
                                r.material == g.id()
                                    && r.input == "name"
                                    && r.at.contains("eu_supply")
                            })
                            .map_or(g.id().to_string(), |r| format!("\"{}\"", r.value));
                        notes.push(format!(
                            "EU sourcing at {stage}: the annex has no {id} rows; the {} group row ({printed}{}) is applied to the member",
                            g.id(),
                            span(&borrowed)
                        ));
                    }
                    rows.extend(borrowed);
                }
            }
        }
        let mut other_readings = Vec::new();
        let mut added = Vec::new();
        for e in of(&tables.earlier, id) {
            let table_in_use = TABLES.contains(&e.input.as_str())
                && rows
                    .iter()
                    .any(|r| r.stage == e.stage && r.input == e.input);
            let used = rows.iter().find(|r| key(r) == key(&e));
            match used {
                Some(u) if !same(u, &e) => other_readings.push(OtherReading {
                    name: e.input.clone(),
                    stage: e.stage.clone(),
                    country: e.country.clone(),
                    used: shown(u),
                    used_source: u.source.clone(),
                    other: shown(&e),
                    other_source: e.source.clone(),
                }),
                Some(_) => {}
                None if table_in_use => other_readings.push(OtherReading {
                    name: e.input.clone(),
                    stage: e.stage.clone(),
                    country: e.country.clone(),
                    used: String::new(),
                    used_source: rows
                        .iter()
                        .find(|r| r.stage == e.stage && r.input == e.input)
                        .map_or(String::new(), |r| r.source.clone()),
                    other: shown(&e),
                    other_source: e.source.clone(),
                }),
                None => added.push(e),
            }
        }
        rows.extend(added);
        MaterialInputs {
            id: id.to_string(),
            rows,
            other_readings,
            notes,
        }
    }

    /// The row of `input` at `stage`, or at `all`.
    pub(super) fn find(&self, stage: &str, input: &str) -> Option<&EuInput> {
        self.rows
            .iter()
            .find(|r| (r.stage == stage || r.stage == "all") && r.input == input)
    }

    /// The row of `input` at exactly `stage`.
    pub(super) fn at_stage(&self, stage: &str, input: &str) -> Option<&EuInput> {
        self.rows
            .iter()
            .find(|r| r.stage == stage && r.input == input)
    }

    /// A number input at `stage` (or `all`).
    pub(super) fn number(&self, stage: &str, input: &str) -> Option<f64> {
        self.find(stage, input).and_then(EuInput::number)
    }

    /// A text input at `stage` (or `all`).
    pub(super) fn text(&self, stage: &str, input: &str) -> Option<&str> {
        self.find(stage, input)
            .map(|r| r.value.as_str())
            .filter(|v| !v.is_empty())
    }

    /// Every row of a table input at exactly `stage`.
    pub(super) fn table(&self, stage: &str, input: &str) -> Vec<&EuInput> {
        self.rows
            .iter()
            .filter(|r| r.stage == stage && r.input == input)
            .collect()
    }

    /// The name the results table prints (the first `name` row), else the id.
    pub(super) fn name(&self) -> String {
        self.text("all", "name").unwrap_or(&self.id).to_string()
    }
}

/// A row about every material (`sector_value_added` of a NACE code, `max_sector_value_added`):
/// the preferred transcription's, else an earlier reading's; and the earlier reading when
/// it gives another value.
pub(super) fn shared<'a>(
    tables: &'a EuTables,
    input: &str,
    code: Option<&str>,
) -> (Option<&'a EuInput>, Option<OtherReading>) {
    let find = |rows: &'a [EuInput]| {
        rows.iter().find(|r| {
            r.material == "all" && r.input == input && code.is_none_or(|c| r.country == c)
        })
    };
    let (preferred, earlier) = (find(&tables.inputs), find(&tables.earlier));
    match (preferred, earlier) {
        (Some(p), Some(e)) if !same(p, e) || p.country != e.country => (
            Some(p),
            Some(OtherReading {
                name: input.into(),
                stage: "all".into(),
                country: p.country.clone(),
                used: shown(p),
                used_source: p.source.clone(),
                other: format!("{} ({})", shown(e), e.country),
                other_source: e.source.clone(),
            }),
        ),
        (Some(p), _) => (Some(p), None),
        (None, e) => (e, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        material: &str,
        stage: &str,
        input: &str,
        country: &str,
        value: &str,
        unit: &str,
        source: &str,
    ) -> EuInput {
        EuInput {
            material: material.into(),
            stage: stage.into(),
            input: input.into(),
            country: country.into(),
            value: value.into(),
            unit: unit.into(),
            source: source.into(),
            notes: String::new(),
            at: String::new(),
        }
    }

    #[test]
    fn the_preferred_reading_wins_and_differences_are_listed() {
        let tables = EuTables {
            inputs: vec![
                row(
                    "Nd",
                    "extraction",
                    "import_reliance",
                    "",
                    "0.8",
                    "fraction",
                    "T",
                ),
                row(
                    "Nd",
                    "processing",
                    "global_supply_share",
                    "CHN",
                    "0.849",
                    "fraction",
                    "T",
                ),
                row(
                    "HREE",
                    "extraction",
                    "eu_sourcing_share",
                    "CHN",
                    "0.43",
                    "fraction",
                    "T",
                ),
            ],
            earlier: vec![
                row("Nd", "extraction", "import_reliance", "", "80", "%", "OLD"),
                row("Nd", "processing", "import_reliance", "", "90", "%", "OLD"),
                row(
                    "Nd",
                    "processing",
                    "global_supply_share",
                    "CHN",
                    "85",
                    "%",
                    "OLD",
                ),
                row(
                    "Nd",
                    "processing",
                    "global_supply_share",
                    "AUS",
                    "0.1",
                    "%",
                    "OLD",
                ),
                row(
                    "Dy",
                    "extraction",
                    "eu_sourcing_share",
                    "CHN",
                    "43",
                    "%",
                    "OLD",
                ),
            ],
            by_assessment: Vec::new(),
        };
        let nd = MaterialInputs::new("Nd", &tables);
        assert_eq!(nd.number("extraction", "import_reliance"), Some(0.8));
        assert_eq!(
            nd.at_stage("extraction", "import_reliance").unwrap().source,
            "T"
        );
        // An input only the earlier reading has is used from it.
        assert_eq!(nd.number("processing", "import_reliance"), Some(0.9));
        // A table comes whole from the preferred reading; the earlier one's other rows are listed.
        assert_eq!(nd.table("processing", "global_supply_share").len(), 1);
        let others: Vec<_> = nd
            .other_readings
            .iter()
            .map(|o| (o.country.as_str(), o.used.as_str(), o.other.as_str()))
            .collect();
        assert_eq!(
            others,
            [("CHN", "0.849 fraction", "85 %"), ("AUS", "", "0.1 %")]
        );
        // Dy takes the HREE group's EU row from the preferred reading, and says so.
        let dy = MaterialInputs::new("Dy", &tables);
        let eu = dy.table("extraction", "eu_sourcing_share");
        assert_eq!((eu.len(), eu[0].material.as_str()), (1, "HREE"));
        assert!(dy.notes[0].contains("HREE group row"), "{:?}", dy.notes);
        assert!(dy.other_readings.is_empty(), "43% = 0.43");
    }
}
