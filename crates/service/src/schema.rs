//! The JSON schema of each command's result, generated from the result types themselves
//! (utoipa's OpenAPI 3.1 schema objects, which are JSON Schema 2020-12). A standalone
//! document puts the referenced types under `$defs`.

use serde_json::Value;
use utoipa::ToSchema;

/// A command (its words as typed) and its result's schema.
pub type CommandSchema = (&'static [&'static str], fn() -> Value);

/// Every command whose result has a schema, by its words.
pub const COMMANDS: &[CommandSchema] = &[
    (&["overview"], of::<crate::overview::OverviewResult>),
    (&["rank"], of::<crate::rank::RankResult>),
    (&["concentration"], of::<crate::rank::ConcentrationResult>),
    (&["compare"], of::<crate::compare::CompareResult>),
    (&["cite"], of::<crate::compare::CiteResult>),
    (&["country"], of::<crate::country::CountryResult>),
    (&["sources"], of::<crate::sources::SourcesResult>),
    (&["chain"], of::<crate::chain::ChainResult>),
    (&["balance"], of::<crate::balance::BalanceResult>),
    (&["projects"], of::<crate::projects::ProjectsResult>),
    (&["risk", "eu"], of::<crate::risk::RiskEuDocument>),
    (&["risk", "usgs"], of::<crate::risk::RiskUsgsResult>),
    (&["stock"], of::<crate::stock::StockResult>),
    (&["demand"], of::<crate::demand::DemandResult>),
    (&["import", "usgs-mcs"], of::<crate::import::ImportResult>),
    (&["editions"], of::<crate::import::EditionsResult>),
    (&["sim", "run"], of::<crate::sim::SimResult>),
    (&["sim", "check"], of::<crate::sim::SimCheckResult>),
    (&["sim", "compare"], of::<crate::sim::SimCompareResult>),
    (&["sim", "list"], of::<crate::sim::SimListResult>),
    (&["sim", "network"], of::<crate::trade::WorldNetworkResult>),
    (&["plan"], of::<crate::plan::PlanResult>),
    (&["plan", "list"], of::<crate::plan::PlanListResult>),
    (&["trade"], of::<crate::trade::TradeResult>),
    (&["remove"], of::<crate::import::RemoveResult>),
];

/// The schema of the command `words`, if it has one.
pub fn for_command(words: &[&str]) -> Option<Value> {
    COMMANDS
        .iter()
        .find(|(w, _)| *w == words)
        .map(|(_, schema)| schema())
}

/// The file name under `docs/schemas/` of a command's schema: its words joined by `-`.
pub fn file_name(words: &[&str]) -> String {
    format!("{}.json", words.join("-"))
}

/// The standalone schema of `T`: its own schema with every referenced type under `$defs`.
pub fn of<T: ToSchema>() -> Value {
    let mut refs = Vec::new();
    T::schemas(&mut refs);
    let mut defs = serde_json::Map::new();
    for (name, schema) in refs {
        if let Ok(v) = serde_json::to_value(&schema) {
            defs.entry(name).or_insert(v);
        }
    }
    let mut doc = serde_json::Map::new();
    doc.insert(
        "$schema".into(),
        Value::String("https://json-schema.org/draft/2020-12/schema".into()),
    );
    doc.insert("title".into(), Value::String(T::name().into_owned()));
    if let Ok(Value::Object(root)) = serde_json::to_value(T::schema()) {
        doc.extend(root);
    }
    if !defs.is_empty() {
        doc.insert("$defs".into(), Value::Object(defs));
    }
    // Point references at the standalone document's own definitions.
    let text = Value::Object(doc)
        .to_string()
        .replace("#/components/schemas/", "#/$defs/");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}
