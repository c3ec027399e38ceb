//! Countries as ISO 3166-1 alpha-3 codes, the aggregates sources print beside them, and
//! the registry that turns every spelling a source uses into one code.
//!
//! Sources disagree on names ("Burma", "Russia " with a trailing space, WGI's "ROM" for
//! Romania), so name resolution is a table, not string cleverness: the alias table says
//! what each spelling means, or that it is deliberately unmapped and why.

use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// An ISO 3166-1 alpha-3 code (three ASCII capitals), or a user-assigned code such as
/// XKX (Kosovo) that the registry lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 3]);

impl CountryCode {
    /// A code from three ASCII letters (case-insensitive); `None` otherwise.
    pub fn parse(s: &str) -> Option<CountryCode> {
        let b = s.trim().as_bytes();
        (b.len() == 3 && b.iter().all(u8::is_ascii_alphabetic)).then(|| {
            CountryCode([
                b[0].to_ascii_uppercase(),
                b[1].to_ascii_uppercase(),
                b[2].to_ascii_uppercase(),
            ])
        })
    }

    /// The code as a string slice.
    pub fn as_str(&self) -> &str {
        // The constructor admits only ASCII letters, so the bytes are valid UTF-8.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A row that is not one country: it is shown apart and never ranked or put into an HHI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    /// The world total (USGS rounds it; it is not the sum of the country rows).
    WorldTotal,
    /// "Other countries": the rest of the world, unnamed.
    Other,
}

impl Aggregate {
    /// The id used in files and JSON (`kind`).
    pub fn id(self) -> &'static str {
        match self {
            Aggregate::WorldTotal => "world_total",
            Aggregate::Other => "other",
        }
    }

    /// A label for tables.
    pub fn label(self) -> &'static str {
        match self {
            Aggregate::WorldTotal => "World total",
            Aggregate::Other => "Other countries",
        }
    }
}

/// Where an observation is about: a country or an aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// One country.
    Country(CountryCode),
    /// An aggregate row.
    Aggregate(Aggregate),
}

impl Place {
    /// The id used in files: an ISO3 code or an aggregate id.
    pub fn id(&self) -> &str {
        match self {
            Place::Country(c) => c.as_str(),
            Place::Aggregate(a) => a.id(),
        }
    }

    /// Parses an id written by [`Place::id`].
    pub fn from_id(s: &str) -> Option<Place> {
        match s {
            "world_total" => Some(Place::Aggregate(Aggregate::WorldTotal)),
            "other" => Some(Place::Aggregate(Aggregate::Other)),
            _ => CountryCode::parse(s).map(Place::Country),
        }
    }

    /// The country code, if the place is a country.
    pub fn country(&self) -> Option<CountryCode> {
        match self {
            Place::Country(c) => Some(*c),
            Place::Aggregate(_) => None,
        }
    }
}

/// One entry of the ISO country table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Country {
    /// ISO 3166-1 alpha-3.
    pub code: CountryCode,
    /// ISO 3166-1 alpha-2.
    pub iso2: String,
    /// ISO 3166-1 numeric, zero-padded to three digits (joins the world-atlas map ids).
    pub numeric: String,
    /// Short English name (CLDR display name).
    pub name: String,
    /// Official English name.
    pub official_name: String,
    /// UN M49 region, e.g. "Asia".
    pub region: String,
}

/// What a spelling in a source means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AliasTarget {
    /// A country.
    Country(CountryCode),
    /// An aggregate row.
    Aggregate(Aggregate),
    /// Deliberately not mapped, with the reason (e.g. a former country, a multi-country group).
    Unmapped(String),
}

/// One line of the alias table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The spelling as the source writes it (matched after trimming, case-insensitively,
    /// with runs of white space folded).
    pub alias: String,
    /// What it means.
    pub target: AliasTarget,
    /// Which source uses it (USGS, WGI, ...).
    pub origin: String,
}

/// The result of resolving a spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// It names a place; `qualifier` keeps a parenthetical such as "(beneficiated)".
    Place {
        /// The place.
        place: Place,
        /// The text in parentheses the source added, if any.
        qualifier: Option<String>,
    },
    /// The alias table lists it as unmapped, with this reason.
    Unmapped(String),
    /// Nothing matches; the closest codes and names, best first.
    Unknown(Vec<String>),
}

/// The country registry: the ISO table plus the alias table.
#[derive(Debug, Clone, Default)]
pub struct Countries {
    countries: Vec<Country>,
    by_code: HashMap<CountryCode, usize>,
    by_key: HashMap<String, AliasTarget>,
}

/// Folds a spelling into the key it is looked up by.
fn key(s: &str) -> String {
    s.replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Countries {
    /// A registry from the ISO table and the alias table. Aliases win over names, so the
    /// table can correct a name that a source means differently.
    pub fn new(countries: Vec<Country>, aliases: &[Alias]) -> Countries {
        let mut reg = Countries {
            by_code: HashMap::new(),
            by_key: HashMap::new(),
            countries,
        };
        for (i, c) in reg.countries.iter().enumerate() {
            reg.by_code.insert(c.code, i);
            for name in [&c.name, &c.official_name] {
                if !name.is_empty() {
                    reg.by_key
                        .entry(key(name))
                        .or_insert(AliasTarget::Country(c.code));
                }
            }
        }
        for a in aliases {
            reg.by_key.insert(key(&a.alias), a.target.clone());
        }
        reg
    }

    /// Every country, in table order.
    pub fn all(&self) -> &[Country] {
        &self.countries
    }

    /// The entry for a code.
    pub fn get(&self, code: CountryCode) -> Option<&Country> {
        self.by_code.get(&code).map(|&i| &self.countries[i])
    }

    /// A display name for a place.
    pub fn name_of(&self, place: &Place) -> String {
        match place {
            Place::Country(c) => self
                .get(*c)
                .map_or_else(|| c.to_string(), |c| c.name.clone()),
            Place::Aggregate(a) => a.label().to_string(),
        }
    }

    /// Resolves a spelling: an alias, an ISO3 code, a name; failing those, the same
    /// without a trailing parenthetical qualifier or footnote number ("World total
    /// (rounded) 10", "Brazil (beneficiated)").
    pub fn resolve(&self, spelling: &str) -> Resolved {
        if let Some(r) = self.resolve_exact(spelling) {
            return r;
        }
        let folded = key(spelling);
        let without_footnote = folded
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end();
        if let Some(open) = without_footnote.find(" (") {
            let base = &without_footnote[..open];
            let qualifier = without_footnote[open + 2..]
                .trim_end_matches(')')
                .to_string();
            if let Some(Resolved::Place { place, .. }) = self.resolve_exact(base) {
                return Resolved::Place {
                    place,
                    qualifier: Some(qualifier),
                };
            }
        } else if without_footnote != folded {
            if let Some(r) = self.resolve_exact(without_footnote) {
                return r;
            }
        }
        Resolved::Unknown(self.suggest(spelling))
    }

    fn resolve_exact(&self, spelling: &str) -> Option<Resolved> {
        let k = key(spelling);
        let target = match self.by_key.get(&k) {
            Some(t) => t.clone(),
            None => {
                let by_iso3 = CountryCode::parse(&k).filter(|c| self.by_code.contains_key(c));
                let by_iso2 = || {
                    (k.len() == 2)
                        .then(|| {
                            self.countries
                                .iter()
                                .find(|c| c.iso2.eq_ignore_ascii_case(&k))
                        })
                        .flatten()
                        .map(|c| c.code)
                };
                AliasTarget::Country(by_iso3.or_else(by_iso2)?)
            }
        };
        Some(match target {
            AliasTarget::Country(c) => Resolved::Place {
                place: Place::Country(c),
                qualifier: None,
            },
            AliasTarget::Aggregate(a) => Resolved::Place {
                place: Place::Aggregate(a),
                qualifier: None,
            },
            AliasTarget::Unmapped(why) => Resolved::Unmapped(why),
        })
    }

    /// The closest codes and names to a spelling, for "did you mean" messages: at most
    /// three, and none that is not close (a name in another script gets no suggestion
    /// rather than three unrelated codes).
    pub fn suggest(&self, spelling: &str) -> Vec<String> {
        let k = key(spelling);
        let mut scored: Vec<(f64, String)> = self
            .countries
            .iter()
            .map(|c| {
                let by_code = strsim::jaro_winkler(&k, &c.code.as_str().to_lowercase());
                let by_name = strsim::jaro_winkler(&k, &c.name.to_lowercase());
                (by_code.max(by_name), format!("{} ({})", c.code, c.name))
            })
            .filter(|(score, _)| *score >= crate::suggest::CLOSE)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        scored.into_iter().take(3).map(|(_, s)| s).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Countries {
        let c = |code: &str, name: &str, official: &str| Country {
            code: CountryCode::parse(code).unwrap(),
            iso2: String::new(),
            numeric: String::new(),
            name: name.into(),
            official_name: official.into(),
            region: String::new(),
        };
        let aliases = [
            Alias {
                alias: "Burma".into(),
                target: AliasTarget::Country(CountryCode::parse("MMR").unwrap()),
                origin: "USGS".into(),
            },
            Alias {
                alias: "World total".into(),
                target: AliasTarget::Aggregate(Aggregate::WorldTotal),
                origin: "USGS".into(),
            },
            Alias {
                alias: "ANT".into(),
                target: AliasTarget::Unmapped("dissolved in 2010".into()),
                origin: "WGI".into(),
            },
        ];
        Countries::new(
            vec![
                c("MMR", "Myanmar", "Myanmar"),
                c("RUS", "Russia", "Russian Federation"),
                c("BRA", "Brazil", "Brazil"),
            ],
            &aliases,
        )
    }

    #[test]
    fn spellings_resolve_through_the_table() {
        let r = registry();
        let place = |s: &str| match r.resolve(s) {
            Resolved::Place { place, .. } => place.id().to_string(),
            other => format!("{other:?}"),
        };
        assert_eq!(place("Burma"), "MMR");
        assert_eq!(place("Russia "), "RUS");
        assert_eq!(place("russian federation"), "RUS");
        assert_eq!(place("rus"), "RUS");
        assert_eq!(place("World total (rounded) 10"), "world_total");
        assert_eq!(
            r.resolve("Brazil (beneficiated)"),
            Resolved::Place {
                place: Place::Country(CountryCode::parse("BRA").unwrap()),
                qualifier: Some("beneficiated".into())
            }
        );
        assert_eq!(
            r.resolve("ANT"),
            Resolved::Unmapped("dissolved in 2010".into())
        );
        match r.resolve("RUSS") {
            Resolved::Unknown(s) => assert_eq!(s[0], "RUS (Russia)"),
            other => panic!("{other:?}"),
        }
    }
}
