//! Supply-chain stages and the metrics measured at them.
//!
//! Each has one spelling per interface: snake_case in files and JSON (`mine_production`),
//! kebab-case on the command line (`mine-production`). Both come from [`Metric::id`], so
//! they cannot drift apart.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A stage of the rare-earth supply chain, upstream first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Ore mined and concentrated (REO content of concentrate).
    Mining,
    /// Separation into individual oxides and compounds.
    Separation,
    /// Reduction to metals and alloys.
    Metal,
    /// Permanent-magnet making (NdFeB, SmCo).
    Magnet,
    /// Products that use the magnets or compounds.
    EndUse,
}

impl Stage {
    /// Every stage, upstream first.
    pub const ALL: [Stage; 5] = [
        Stage::Mining,
        Stage::Separation,
        Stage::Metal,
        Stage::Magnet,
        Stage::EndUse,
    ];

    /// The id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Stage::Mining => "mining",
            Stage::Separation => "separation",
            Stage::Metal => "metal",
            Stage::Magnet => "magnet",
            Stage::EndUse => "end_use",
        }
    }

    /// Parses an id written by [`Stage::id`].
    pub fn from_id(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|x| x.id() == s)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

macro_rules! metrics {
    ($($variant:ident => $id:literal, $label:literal;)*) => {
        /// What an observation measures.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Metric {
            $(#[doc = $label] $variant,)*
        }

        impl Metric {
            /// Every metric.
            pub const ALL: &'static [Metric] = &[$(Metric::$variant,)*];

            /// The id used in files and JSON (snake_case).
            pub fn id(self) -> &'static str {
                match self { $(Metric::$variant => $id,)* }
            }

            /// A human label for tables.
            pub fn label(self) -> &'static str {
                match self { $(Metric::$variant => $label,)* }
            }
        }
    };
}

metrics! {
    Reserves => "reserves", "Reserves";
    ReservesJorc => "reserves_jorc", "JORC-compliant or equivalent reserves";
    MineProduction => "mine_production", "Mine production";
    Capacity => "capacity", "Capacity";
    Quota => "quota", "Production quota (a ceiling set by the state)";
    ProductionShare => "production_share", "Share of world production";
    Production => "production", "Production";
    ImportsCompounds => "imports_compounds", "Imports of compounds";
    ImportsAlloys => "imports_alloys", "Imports of alloys";
    ImportsMetals => "imports_metals", "Imports of metals";
    ImportsAll => "imports_all", "Imports, all forms";
    ExportsOresCompounds => "exports_ores_compounds", "Exports of ores and compounds";
    ExportsCompounds => "exports_compounds", "Exports of compounds";
    ExportsAlloys => "exports_alloys", "Exports of alloys";
    ExportsMetals => "exports_metals", "Exports of metals";
    ApparentConsumption => "apparent_consumption", "Apparent consumption";
    Price => "price", "Average price";
    Employment => "employment", "Mine and mill employment";
    NetImportReliance => "net_import_reliance", "Net import reliance, percent of apparent consumption";
}

impl Metric {
    /// The command-line spelling (kebab-case).
    pub fn cli_id(self) -> String {
        self.id().replace('_', "-")
    }

    /// Parses either spelling.
    pub fn parse(s: &str) -> Option<Metric> {
        let t = s.trim().replace('-', "_");
        Metric::ALL.iter().copied().find(|m| m.id() == t)
    }

    /// The metrics whose estimates answer the same question, for `compare`: JORC reserves
    /// are shown beside reserves.
    pub fn family(self) -> &'static [Metric] {
        match self {
            Metric::Reserves | Metric::ReservesJorc => &[Metric::Reserves, Metric::ReservesJorc],
            Metric::MineProduction => &[Metric::MineProduction],
            _ => Metric::ALL,
        }
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Metric {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_metric_round_trips_both_spellings() {
        for &m in Metric::ALL {
            assert_eq!(Metric::parse(m.id()), Some(m));
            assert_eq!(Metric::parse(&m.cli_id()), Some(m));
        }
        assert_eq!(Metric::MineProduction.cli_id(), "mine-production");
        assert_eq!(Metric::parse("tonnage"), None);
    }
}
