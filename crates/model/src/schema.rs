//! JSON schemas of the model's own serialised types, so that every result built from them
//! can describe itself (utoipa's OpenAPI 3.1 schema objects, which are JSON Schema
//! 2020-12). Each type here serialises by hand (an id string, a number, a list of flag
//! ids), so its schema is written by hand next to nothing else: one place to keep in step.

use crate::{
    country::CountryCode,
    element::{Element, Material},
    observation::{Flag, Flags},
    source::{EditionId, SourceKind},
    stage::{Metric, Stage},
    units::{Mass, Share, Tonnes, Unit, Year},
};
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

fn string(description: &str, values: Option<Vec<String>>) -> RefOr<Schema> {
    let mut b = ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description));
    if let Some(v) = values {
        b = b.enum_values(Some(v));
    }
    b.into()
}

fn number(description: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::Number)
        .description(Some(description))
        .into()
}

macro_rules! schema {
    ($ty:ty, $body:expr) => {
        impl PartialSchema for $ty {
            fn schema() -> RefOr<Schema> {
                $body
            }
        }
        impl ToSchema for $ty {}
    };
}

schema!(
    CountryCode,
    string("ISO 3166-1 alpha-3 code, e.g. CHN", None)
);
schema!(
    EditionId,
    string(
        "Edition id of a source (see `rareflow sources`), e.g. MCS2025",
        None
    )
);
schema!(
    Metric,
    string(
        "Metric id (snake_case)",
        Some(Metric::ALL.iter().map(|m| m.id().to_string()).collect())
    )
);
schema!(
    Stage,
    string(
        "Supply-chain stage",
        Some(Stage::ALL.iter().map(|s| s.id().to_string()).collect())
    )
);
schema!(
    Element,
    string(
        "Element symbol",
        Some(
            Element::ALL
                .iter()
                .map(|e| e.symbol().to_string())
                .collect()
        )
    )
);
schema!(
    Material,
    string(
        "An element symbol (Nd) or a group id (TREO, LREE, HREE, magnet_REE, NdPr)",
        None
    )
);
schema!(
    SourceKind,
    string(
        "What kind of publication a source is",
        Some(
            [
                SourceKind::StatisticalSurvey,
                SourceKind::GovernmentClaim,
                SourceKind::CompanyReport,
                SourceKind::Literature,
                SourceKind::Derived
            ]
            .iter()
            .map(|k| k.id().to_string())
            .collect()
        )
    )
);
schema!(
    Unit,
    string(
        "Unit of a stored magnitude",
        Some(
            ["t", "USD/kg", "USD/g", "%", "persons"]
                .map(String::from)
                .to_vec()
        )
    )
);
schema!(
    Flag,
    string(
        "A mark a source (or rareflow) puts on a value",
        Some(Flag::ALL.iter().map(|f| f.id().to_string()).collect())
    )
);
schema!(
    Flags,
    ArrayBuilder::new()
        .items(Flag::schema())
        .description(Some("Flags of the value (ids)"))
        .into()
);
schema!(
    Year,
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .description(Some("Calendar year"))
        .into()
);
schema!(Share, number("A fraction of a whole (0.6923 for 69.23%)"));
schema!(
    Tonnes,
    number("Metric tonnes (of REO equivalent unless said otherwise)")
);
schema!(
    Mass,
    number("A mass in the unit the document's `unit` field names (t, kt or Mt)")
);
schema!(
    crate::units::TonnesUnit,
    string(
        "Unit of masses in the document",
        Some(["t", "kt", "Mt"].map(String::from).to_vec())
    )
);
