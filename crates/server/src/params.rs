//! Query parameters as the CLI's long flags, typed: [`Query`] reads a query string into a
//! struct that refuses unknown names, duplicates and wrong types with a message naming the
//! parameter; [`flag`] reads a CLI switch (`?by-cohort`, `?by-cohort=true`); file-ish
//! parameters are refused or, where a name only labels an upload, checked to be a name.

use crate::error::ApiError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

/// The CLI flags that name a file or folder on the caller's disk. The server reads no
/// files from its own disk on a client's behalf, so these are refused wherever they appear
/// (a client uploads the file instead, where an endpoint takes one).
pub const FILE_FLAGS: &[&str] = &[
    "ore-types",
    "country-ores",
    "tables",
    "svg",
    "out",
    "network",
    "db",
    "token-file",
];

/// A query string read into `T` (a struct with `deny_unknown_fields`).
#[derive(Debug, Clone)]
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        parse(parts.uri.query().unwrap_or("")).map(Query)
    }
}

/// Reads a query string into `T`, refusing file-ish parameters first.
pub fn parse<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        if FILE_FLAGS.contains(&name.as_ref()) {
            return Err(ApiError::bad_input(format!(
                "{name}={value:?}: the server reads no files from its disk for a request; {}",
                match name.as_ref() {
                    "svg" | "out" => "charts and tables are in the dashboard, with CSV downloads",
                    "network" => "POST the scenario and its network as JSON to /api/v1/sim/run",
                    _ => "this question runs on the bundled tables here",
                }
            )));
        }
    }
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        if let Some(field) = inner
            .strip_prefix("missing field `")
            .and_then(|f| f.strip_suffix('`'))
        {
            ApiError::bad_input(format!("query parameter {field} is required"))
        } else if path == "." || path.is_empty() {
            ApiError::bad_input(format!("query: {inner}"))
        } else {
            ApiError::bad_input(format!("query parameter {path}: {inner}"))
        }
    })
}

/// A CLI switch as a query parameter: present with no value, `true`/`1` or `false`/`0`.
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let s = String::deserialize(d)?;
    match s.as_str() {
        "" | "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        other => Err(serde::de::Error::custom(format!(
            "invalid value {other:?}: a switch is present, true or false"
        ))),
    }
}

/// A count of at least one (`top`), refused as the CLI refuses it.
pub fn at_least_one(name: &str, n: Option<i64>) -> Result<Option<usize>, ApiError> {
    match n {
        None => Ok(None),
        Some(n) if n >= 1 => usize::try_from(n)
            .map(Some)
            .map_err(|_| ApiError::bad_input(format!("query parameter {name}: too large"))),
        Some(n) => Err(ApiError::bad_input(format!(
            "query parameter {name}: {n} is not allowed: expected a whole number of at least 1"
        ))),
    }
}

/// A file's name as an upload's label (errors cite it, as the CLI cites the path): a plain
/// name, never a path, so nothing can be read as if it were on the server's disk.
pub fn file_name(param: &str, name: &str) -> Result<String, ApiError> {
    let bad = |why: &str| {
        Err(ApiError::bad_input(format!(
            "query parameter {param}: {name:?} {why}: expected a plain file name such as data.csv (the file itself is the request body)"
        )))
    };
    if name.is_empty() {
        return bad("is empty");
    }
    if name.len() > 255 {
        return bad("is longer than 255 bytes");
    }
    if name.contains(['/', '\\', '\0']) || name == "." || name == ".." || name.contains("..") {
        return bad("is a path");
    }
    if name.chars().any(char::is_control) {
        return bad("holds control characters");
    }
    Ok(name.to_string())
}

/// A bundled scenario's name: never a path (the server reads no scenario file from disk).
pub fn scenario_name(param: &str, name: &str) -> Result<String, ApiError> {
    if name.contains(['/', '\\', '\0']) || name.contains("..") || name.ends_with(".toml") {
        return Err(ApiError::bad_input(format!(
            "query parameter {param}: {name:?} is a path; the server reads no scenario files from its disk: give a bundled scenario's name (GET /api/v1/sim/list) or POST the scenario file"
        )));
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    struct Q {
        top: Option<i64>,
        #[serde(default, deserialize_with = "flag")]
        by_cohort: bool,
    }

    #[test]
    fn names_the_parameter_that_is_wrong() {
        let e = parse::<Q>("top=many").unwrap_err();
        assert!(format!("{e:?}").contains("query parameter top"), "{e:?}");
        let e = parse::<Q>("colour=red").unwrap_err();
        assert!(format!("{e:?}").contains("unknown field `colour`"), "{e:?}");
        let q: Q = parse("by-cohort&top=3").unwrap();
        assert!(q.by_cohort);
        assert_eq!(q.top, Some(3));
        assert!(parse::<Q>("ore-types=../../etc/passwd").is_err());
    }

    #[test]
    fn file_names_are_names_not_paths() {
        assert!(file_name("file", "mcs2025.csv").is_ok());
        for bad in ["../x.csv", "/etc/passwd", "a\\b", "..", "x\0y", ""] {
            assert!(file_name("file", bad).is_err(), "{bad:?}");
        }
        assert!(scenario_name("scenario", "baseline").is_ok());
        assert!(scenario_name("scenario", "../../etc/passwd").is_err());
    }
}
