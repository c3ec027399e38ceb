//! Errors that say where the bad input is: file, line, column and the offending value.
//!
//! Lines are 1-based and count the header as line 1; columns are 1-based and named. The
//! shape is the same everywhere in rareflow so that users learn it once:
//! `FILE:LINE:COL (column NAME): invalid value "x": expected ...`.

/// A located problem in an input file.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// A cell that does not hold what its column requires.
    #[error(
        "{file}:{line}:{column} (column {name}): invalid value \"{value}\": expected {expected}"
    )]
    InvalidValue {
        /// The file as the user named it.
        file: String,
        /// 1-based line, header = 1.
        line: u64,
        /// 1-based column.
        column: usize,
        /// The column's name.
        name: String,
        /// The offending text.
        value: String,
        /// What the column requires.
        expected: String,
    },
    /// A required column is missing from the header.
    #[error("{file}:1: missing column {name}: expected a header with {expected}")]
    MissingColumn {
        /// The file.
        file: String,
        /// The missing column.
        name: String,
        /// What the header should hold.
        expected: String,
    },
    /// A key of a TOML file that does not hold what it must.
    #[error("{file}:{line}:{column} (key {key}): {message}")]
    Key {
        /// The file.
        file: String,
        /// 1-based line.
        line: u64,
        /// 1-based column.
        column: usize,
        /// The key (dotted path, e.g. `events[2].allowed`).
        key: String,
        /// What is wrong and what was expected.
        message: String,
    },
    /// A problem with a whole line.
    #[error("{file}:{line}: {message}")]
    Line {
        /// The file.
        file: String,
        /// 1-based line.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A problem with the whole file (not CSV, empty, unreadable).
    #[error("{file}: {message}")]
    File {
        /// The file.
        file: String,
        /// What is wrong.
        message: String,
    },
}

/// Shorthand for results of this crate.
pub type Result<T, E = DataError> = std::result::Result<T, E>;
