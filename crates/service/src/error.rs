//! Errors a face can map without reading their text: each carries a [`ErrorKind`] (bad
//! input with its location, a usage mistake, not found, conflict, store unavailable) so the
//! CLI picks an exit code and a server an HTTP status from the kind alone. Messages say
//! what is wrong in the user's terms and never name a face's flags.

use model::QueryError;

/// What kind of failure an error is, for faces to map (CLI exit code, HTTP status).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// An input file or value is invalid (located where it came from a file).
    BadInput,
    /// The request itself is malformed (a value the command line or API cannot take).
    Usage,
    /// Something named does not exist (an edition, a country, a scenario).
    NotFound,
    /// The request conflicts with what is stored (an edition that already exists).
    Conflict,
    /// The store cannot be reached or used.
    StoreUnavailable,
    /// A fault of rareflow itself (bundled data that does not load).
    Internal,
}

impl ErrorKind {
    /// The id servers put in their error bodies.
    pub fn id(self) -> &'static str {
        match self {
            ErrorKind::BadInput | ErrorKind::Usage => "bad_input",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::StoreUnavailable => "store_unavailable",
            ErrorKind::Internal => "internal",
        }
    }
}

/// Where in a file the bad input is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Location {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line, if known.
    pub line: Option<u64>,
    /// 1-based column, if known.
    pub column: Option<usize>,
}

/// Why a question could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A data file (bundled, imported or the user's) is invalid.
    #[error(transparent)]
    Data(#[from] data::DataError),
    /// The edition or year asked for does not exist.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// The inputs of a supply-risk score are inconsistent.
    #[error(transparent)]
    Risk(#[from] metrics::risk::RiskError),
    /// A stock model cannot be run on the series given.
    #[error("{file}: {problem}")]
    Stock {
        /// The series' file.
        file: String,
        /// Why.
        problem: mfa::MfaError,
    },
    /// A demand scenario cannot be run.
    #[error(transparent)]
    Scenario(#[from] mfa::scenario::ScenarioError),
    /// A value in the request cannot be used (an unknown country, an element not modelled).
    #[error("{0}")]
    Invalid(String),
    /// Something named does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The request is malformed in a way the face reports as a usage error.
    #[error("{0}")]
    Usage(String),
    /// The request conflicts with what exists (removing a bundled edition).
    #[error("{0}")]
    Conflict(String),
    /// An edition of that id exists already.
    #[error("{file}: edition {edition} already exists in {}", if *.bundled { "the bundled dataset" } else { "the store" })]
    EditionExists {
        /// The file being imported.
        file: String,
        /// The edition id.
        edition: String,
        /// Whether the existing edition is bundled (it can never be replaced).
        bundled: bool,
    },
    /// The bundled data do not load: a build from a modified checkout.
    #[error("the bundled dataset does not load (a build from a modified checkout?): {0}")]
    Bundled(data::DataError),
    /// A chart or file could not be written.
    #[error("{0}")]
    Output(String),
}

impl Error {
    /// The kind, for faces to map.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Data(_) | Error::Risk(_) | Error::Stock { .. } | Error::Scenario(_) => {
                ErrorKind::BadInput
            }
            Error::Invalid(_) => ErrorKind::BadInput,
            Error::Query(QueryError::UnknownEdition { .. }) => ErrorKind::NotFound,
            Error::Query(QueryError::NoData { .. }) => ErrorKind::NotFound,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Usage(_) => ErrorKind::Usage,
            Error::EditionExists { .. } | Error::Conflict(_) => ErrorKind::Conflict,
            Error::Store(e) => match e {
                store::StoreError::EditionExists(_) | store::StoreError::RunExists(_) => {
                    ErrorKind::Conflict
                }
                store::StoreError::Corrupt(_) | store::StoreError::Invalid { .. } => {
                    ErrorKind::BadInput
                }
                store::StoreError::Location { .. } => ErrorKind::Usage,
                _ => ErrorKind::StoreUnavailable,
            },
            Error::Bundled(_) | Error::Output(_) => ErrorKind::Internal,
        }
    }

    /// Where the bad input is, when it came from a file.
    pub fn location(&self) -> Option<Location> {
        let d = match self {
            Error::Data(d) | Error::Bundled(d) => d,
            _ => return None,
        };
        Some(match d {
            data::DataError::InvalidValue {
                file, line, column, ..
            } => Location {
                file: file.clone(),
                line: Some(*line),
                column: Some(*column),
            },
            data::DataError::MissingColumn { file, .. } => Location {
                file: file.clone(),
                line: Some(1),
                column: None,
            },
            data::DataError::Key {
                file, line, column, ..
            } => Location {
                file: file.clone(),
                line: Some(*line),
                column: Some(*column),
            },
            data::DataError::Line { file, line, .. } => Location {
                file: file.clone(),
                line: Some(*line),
                column: None,
            },
            data::DataError::File { file, .. } => Location {
                file: file.clone(),
                line: None,
                column: None,
            },
        })
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
