//! Which sources state a given value ("who says Russia has 3.8 Mt?"). A stored value
//! matches when it lies within half a unit of the last digit typed (see
//! [`model::TypedTonnes::matches`]).

use model::{Dataset, Metric, Observation, Place, TypedTonnes, Unit};

/// The observations that state `value`, optionally for one place and metric.
pub fn cite<'a>(
    d: &'a Dataset,
    place: Option<Place>,
    metric: Option<Metric>,
    value: &TypedTonnes,
) -> Vec<&'a Observation> {
    d.observations
        .iter()
        .filter(|o| place.is_none_or(|p| o.place == p))
        .filter(|o| metric.is_none_or(|m| m.family().contains(&o.metric)))
        .filter(|o| o.unit == Unit::TonnesReo)
        .filter(|o| o.value.magnitude().is_some_and(|v| value.matches(v)))
        .collect()
}
