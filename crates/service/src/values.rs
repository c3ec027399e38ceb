//! Small typed values results share: an amount that is a mass in the document's unit or a
//! number in its own unit, and the place helpers every country question needs.

use crate::error::{Error, Result};
use model::country::Resolved;
use model::{Countries, Mass, Place, TonnesUnit};
use serde::Serialize;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

/// A value of a listing: a mass (shown in the document's unit of tonnes) or a number in
/// its own unit (a price, a percent, a head count), which `--unit` never converts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    /// A mass of oxide.
    Mass(Mass),
    /// A number in the unit the row names.
    Number(f64),
}

impl Amount {
    /// A value from a stored magnitude: a mass when the unit is tonnes, else a number.
    pub fn of(magnitude: f64, tonnes: bool, unit: TonnesUnit) -> Option<Amount> {
        if !magnitude.is_finite() {
            return None;
        }
        Some(if tonnes {
            Amount::Mass(Mass::from_t(magnitude, unit)?)
        } else {
            Amount::Number(magnitude)
        })
    }
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Amount::Mass(m) => m.serialize(s),
            Amount::Number(x) => s.serialize_f64(*x),
        }
    }
}

impl PartialSchema for Amount {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Number)
            .description(Some(
                "A mass in the document's unit of tonnes, or a number in the unit the row names",
            ))
            .into()
    }
}
impl ToSchema for Amount {}

/// A year a request names, within 1900..=2200 ([`model::units::YEARS`]).
pub fn check_year(y: i32) -> Result<i32> {
    match model::Year::checked(y) {
        Some(_) => Ok(y),
        None => Err(Error::Usage(format!(
            "invalid year {y}: expected a year from {} to {}",
            model::units::YEARS.start(),
            model::units::YEARS.end()
        ))),
    }
}

/// A country from a code or a name, or an error with the closest matches.
pub fn country(countries: &Countries, text: &str) -> Result<Place> {
    match countries.resolve(text) {
        Resolved::Place {
            place: p @ Place::Country(_),
            ..
        } => Ok(p),
        Resolved::Place { .. } => Err(Error::Invalid(format!(
            "invalid value {text:?}: expected a country, not an aggregate"
        ))),
        Resolved::Unmapped(why) => Err(Error::Invalid(format!(
            "invalid value {text:?}: expected a country (it is deliberately unmapped: {why})"
        ))),
        Resolved::Unknown(near) => Err(Error::NotFound(format!(
            "unknown country {text:?}: expected an ISO 3166 alpha-3 code or a name; did you mean {}?",
            near.join(", ")
        ))),
    }
}

/// The schema of a result that serialises as a list of rows (`#[serde(transparent)]` over
/// a `Vec`), which utoipa's derive would describe as an object: an array of references to
/// the row type, with the row type among the definitions.
macro_rules! rows_schema {
    ($outer:ty, $row:ty) => {
        impl utoipa::PartialSchema for $outer {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ArrayBuilder::new()
                    .items(utoipa::openapi::Ref::from_schema_name(
                        <$row as utoipa::ToSchema>::name(),
                    ))
                    .into()
            }
        }
        impl utoipa::ToSchema for $outer {
            fn schemas(
                schemas: &mut Vec<(
                    String,
                    utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
                )>,
            ) {
                schemas.push((
                    <$row as utoipa::ToSchema>::name().into(),
                    <$row as utoipa::PartialSchema>::schema(),
                ));
                <$row as utoipa::ToSchema>::schemas(schemas);
            }
        }
    };
}

/// The schema of a result that serialises as one inner value (`#[serde(transparent)]`).
macro_rules! inner_schema {
    ($outer:ty, $inner:ty) => {
        impl utoipa::PartialSchema for $outer {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                <$inner as utoipa::PartialSchema>::schema()
            }
        }
        impl utoipa::ToSchema for $outer {
            fn schemas(
                schemas: &mut Vec<(
                    String,
                    utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
                )>,
            ) {
                <$inner as utoipa::ToSchema>::schemas(schemas);
            }
        }
    };
}
pub(crate) use {inner_schema, rows_schema};
