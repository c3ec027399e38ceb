//! Ore types and their element distributions, and which ore types each country mines:
//! what turns a country's mine production (TREO) into tonnes of each element.
//!
//! Published distributions are often partial (Mountain Pass gives Nd and Pr only as
//! "NdPr"), so a distribution may put part of the ore in [`Component::Unspecified`]: mass
//! whose element is not known stays visible as such instead of being guessed.

use crate::country::CountryCode;
use crate::element::Element;

/// One part of an element distribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Component {
    /// A known element.
    Element(Element),
    /// REO whose element split is not known.
    Unspecified,
}

/// The element distribution of an ore type (at a named deposit, or generic).
#[derive(Debug, Clone, PartialEq)]
pub struct OreDistribution {
    /// The ore type, e.g. "bastnaesite".
    pub ore_type: String,
    /// The deposit the figures are for ("" or "generic" for a type-wide stand-in).
    pub deposit: String,
    /// Fractions of TREO (0..1), summing to 1 (checked on reading).
    pub components: Vec<(Component, f64)>,
    /// Sources, one per component, in order.
    pub sources: Vec<String>,
}

/// The share of a country's mine production from one ore type.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryOre {
    /// The country.
    pub country: CountryCode,
    /// The ore type.
    pub ore_type: String,
    /// The deposit whose distribution stands for it.
    pub deposit: String,
    /// Fraction of the country's production (0..1; a country's shares sum to 1).
    pub share: f64,
    /// Source or labelled assumption.
    pub source: String,
}

/// Splits of ore into components.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OreTable {
    /// Distributions.
    pub distributions: Vec<OreDistribution>,
    /// Country ore mixes.
    pub countries: Vec<CountryOre>,
}

impl OreTable {
    /// The fractions of a country's mine production by component (17 elements in
    /// [`Element::ALL`] order, then unspecified); all unspecified for a country without an
    /// ore mix. The fractions sum to 1.
    pub fn split(&self, country: CountryCode) -> [f64; 18] {
        let mut out = [0.0; 18];
        let mix: Vec<&CountryOre> = self
            .countries
            .iter()
            .filter(|c| c.country == country)
            .collect();
        if mix.is_empty() {
            out[17] = 1.0;
            return out;
        }
        for m in mix {
            let dist = self
                .distributions
                .iter()
                .find(|d| d.ore_type == m.ore_type && d.deposit == m.deposit);
            match dist {
                Some(d) => {
                    for (component, f) in &d.components {
                        let i = match component {
                            Component::Element(e) => {
                                Element::ALL.iter().position(|x| x == e).unwrap_or(17)
                            }
                            Component::Unspecified => 17,
                        };
                        out[i] += m.share * f;
                    }
                }
                None => out[17] += m.share,
            }
        }
        out
    }
}
