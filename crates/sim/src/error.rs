//! Why a scenario cannot be run on a network: what a file reader cannot see on its own
//! (a deal from a node the network lacks, an event left unresolved).

/// A scenario that cannot run on its network.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SimError {
    /// An event names a node the network does not have.
    #[error("the {what} leaves {node}, which the network has no node for")]
    NoNode {
        /// Line of the event in the scenario file.
        line: u64,
        /// Which event.
        what: &'static str,
        /// The node.
        node: String,
    },
    /// A capacity event still names an ore type or project (the caller resolves those).
    #[error("a capacity event by ore type or project was not resolved to elements")]
    Unresolved {
        /// Line.
        line: u64,
    },
    /// A demand change names a technology the demand has no share for.
    #[error("unknown technology {technology:?}: the demand has no technology split for it (it needs demand from a demand scenario)")]
    UnknownTechnology {
        /// Line.
        line: u64,
        /// The technology.
        technology: String,
    },
    /// The years are outside what a run may span.
    #[error("from {from} to {to}: expected years from 1900 to 2200, from not after to")]
    Years {
        /// First year.
        from: i32,
        /// Last year.
        to: i32,
    },
}

impl SimError {
    /// The line of the scenario file the error is about, if it is about an event.
    pub fn line(&self) -> Option<u64> {
        match self {
            SimError::NoNode { line, .. }
            | SimError::Unresolved { line }
            | SimError::UnknownTechnology { line, .. } => Some(*line),
            SimError::Years { .. } => None,
        }
    }
}
