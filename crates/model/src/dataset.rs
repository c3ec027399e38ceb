//! The collection a query runs over: sources, observations and the country registry.
//!
//! The bundled data and the editions a user imported are merged here, so queries never
//! need to know where an edition came from.

use crate::{country::Countries, observation::Observation, source::EditionId, source::Source};

/// Sources, their observations and the country registry.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Every edition, bundled and imported.
    pub sources: Vec<Source>,
    /// Every observation.
    pub observations: Vec<Observation>,
    /// The country registry.
    pub countries: Countries,
}

impl Dataset {
    /// The source of an edition.
    pub fn source(&self, edition: &EditionId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.edition == edition)
    }

    /// Adds an edition and its observations (an import); the caller has checked the id is new.
    pub fn add_edition(&mut self, source: Source, observations: Vec<Observation>) {
        self.sources.push(source);
        self.observations.extend(observations);
    }

    /// Whether an edition id is known.
    pub fn has_edition(&self, edition: &EditionId) -> bool {
        self.source(edition).is_some()
    }
}
