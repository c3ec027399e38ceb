//! One sourced value, or a gap, with the flags its source attached.
//!
//! A missing number is a [`Value::Gap`] with its reason, never 0: a reader must be able
//! to tell "Burma's reserves are unknown" from "Canada mines nothing".

use crate::{
    country::Place, element::Material, source::EditionId, stage::Metric, stage::Stage,
    units::Quantity, units::Unit, units::Year,
};
use serde::Serialize;
use std::fmt;

/// Why a value is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GapReason {
    /// The source says "NA": not available.
    NotAvailable,
    /// The source withholds it ("W") to protect company data.
    Withheld,
    /// The source left the cell blank and nothing says it means zero.
    NotReported,
    /// No figure applies: the country is a net exporter (`E` in a net-import-reliance column).
    NetExporter,
}

impl GapReason {
    /// The id used in files.
    pub fn id(self) -> &'static str {
        match self {
            GapReason::NotAvailable => "not_available",
            GapReason::Withheld => "withheld",
            GapReason::NotReported => "not_reported",
            GapReason::NetExporter => "net_exporter",
        }
    }

    /// Parses an id written by [`GapReason::id`].
    pub fn from_id(s: &str) -> Option<GapReason> {
        [
            GapReason::NotAvailable,
            GapReason::Withheld,
            GapReason::NotReported,
            GapReason::NetExporter,
        ]
        .into_iter()
        .find(|g| g.id() == s)
    }
}

/// A value or the reason it is missing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A number with its unit.
    Known(Quantity),
    /// A gap.
    Gap(GapReason),
}

impl Value {
    /// The magnitude, if known.
    pub fn magnitude(&self) -> Option<f64> {
        match self {
            Value::Known(q) => Some(q.magnitude),
            Value::Gap(_) => None,
        }
    }
}

/// A mark a source (or rareflow) puts on a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Flag {
    /// The source marks it as an estimate (MCS: only the edition's latest year, the `e`).
    #[serde(rename = "estimated")]
    Estimated,
    /// Withheld to avoid disclosing company data (`W`).
    #[serde(rename = "withheld")]
    Withheld,
    /// Not available (`NA`).
    #[serde(rename = "NA")]
    NotAvailable,
    /// The true value is at least this (`>90000000`).
    #[serde(rename = "lower_bound")]
    LowerBound,
    /// A share computed over a lower-bound total: the true share is at most this.
    #[serde(rename = "upper_bound")]
    UpperBound,
    /// A rounded total that is not the sum of its parts.
    #[serde(rename = "rounded_total")]
    RoundedTotal,
    /// Transcribed by hand from a PDF.
    #[serde(rename = "transcribed")]
    Transcribed,
    /// A blank cell read as zero because the source's other editions print 0 or "—" there.
    #[serde(rename = "blank_read_as_zero")]
    BlankReadAsZero,
    /// The country is a net exporter (`E` in a net-import-reliance column).
    #[serde(rename = "net_exporter")]
    NetExporter,
}

impl Flag {
    /// Every flag, in the order they are listed.
    pub const ALL: [Flag; 9] = [
        Flag::Estimated,
        Flag::Withheld,
        Flag::NotAvailable,
        Flag::LowerBound,
        Flag::UpperBound,
        Flag::RoundedTotal,
        Flag::Transcribed,
        Flag::BlankReadAsZero,
        Flag::NetExporter,
    ];

    /// The id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Flag::Estimated => "estimated",
            Flag::Withheld => "withheld",
            Flag::NotAvailable => "NA",
            Flag::LowerBound => "lower_bound",
            Flag::UpperBound => "upper_bound",
            Flag::RoundedTotal => "rounded_total",
            Flag::Transcribed => "transcribed",
            Flag::BlankReadAsZero => "blank_read_as_zero",
            Flag::NetExporter => "net_exporter",
        }
    }

    /// The short mark tables print, explained by a legend.
    pub fn mark(self) -> &'static str {
        match self {
            Flag::Estimated => "e",
            Flag::Withheld => "W",
            Flag::NotAvailable => "NA",
            Flag::LowerBound => ">",
            Flag::UpperBound => "<",
            Flag::RoundedTotal => "r",
            Flag::Transcribed => "T",
            Flag::BlankReadAsZero => "0?",
            Flag::NetExporter => "E",
        }
    }

    /// What the mark means, for the legend.
    pub fn meaning(self) -> &'static str {
        match self {
            Flag::Estimated => "estimated",
            Flag::Withheld => "withheld to avoid disclosing company data",
            Flag::NotAvailable => "not available",
            Flag::LowerBound => "lower bound (at least)",
            Flag::UpperBound => "share over a lower-bound total (at most)",
            Flag::RoundedTotal => "rounded total, not the sum of the rows",
            Flag::Transcribed => "transcribed by hand from the PDF",
            Flag::BlankReadAsZero => "blank in the source, read as zero (other editions print 0)",
            Flag::NetExporter => "net exporter",
        }
    }

    /// Parses an id written by [`Flag::id`].
    pub fn from_id(s: &str) -> Option<Flag> {
        Flag::ALL.into_iter().find(|f| f.id() == s)
    }
}

/// A small set of flags (a bit set, ordered as [`Flag::ALL`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Flags(u16);

impl Flags {
    /// No flags.
    pub const NONE: Flags = Flags(0);

    fn bit(f: Flag) -> u16 {
        1 << Flag::ALL.iter().position(|x| *x == f).unwrap_or(0)
    }

    /// Adds a flag.
    pub fn insert(&mut self, f: Flag) {
        self.0 |= Flags::bit(f);
    }

    /// With a flag added.
    pub fn with(mut self, f: Flag) -> Flags {
        self.insert(f);
        self
    }

    /// Whether a flag is set.
    pub fn contains(self, f: Flag) -> bool {
        self.0 & Flags::bit(f) != 0
    }

    /// The union of two sets.
    pub fn union(self, o: Flags) -> Flags {
        Flags(self.0 | o.0)
    }

    /// The flags set, in order.
    pub fn iter(self) -> impl Iterator<Item = Flag> {
        Flag::ALL.into_iter().filter(move |f| self.contains(*f))
    }

    /// The ids joined by `;`, as files store them.
    pub fn to_ids(self) -> String {
        self.iter().map(Flag::id).collect::<Vec<_>>().join(";")
    }

    /// Short marks joined by spaces, as tables print them.
    pub fn marks(self) -> String {
        self.iter().map(Flag::mark).collect::<Vec<_>>().join(" ")
    }
}

impl Serialize for Flags {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// Which table of an edition a value comes from; rankings read the world country table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Table {
    /// The world mine production and reserves table by country.
    World,
    /// The U.S. salient statistics.
    Salient,
    /// A statement outside any table (a ministry's announcement, a press report).
    Statement,
}

impl Table {
    /// The id used in files.
    pub fn id(self) -> &'static str {
        match self {
            Table::World => "world",
            Table::Salient => "salient",
            Table::Statement => "statement",
        }
    }

    /// Parses an id written by [`Table::id`].
    pub fn from_id(s: &str) -> Option<Table> {
        [Table::World, Table::Salient, Table::Statement]
            .into_iter()
            .find(|t| t.id() == s)
    }
}

/// One value as one source states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The source edition.
    pub edition: EditionId,
    /// The table within the edition.
    pub table: Table,
    /// The place as the source spells it (kept for audit).
    pub label: String,
    /// The place.
    pub place: Place,
    /// The element or group.
    pub material: Material,
    /// The stage.
    pub stage: Stage,
    /// The metric.
    pub metric: Metric,
    /// The product form where it matters (prices of oxide vs metal), else empty.
    pub form: String,
    /// The year the value is for.
    pub year: Year,
    /// The value or gap.
    pub value: Value,
    /// The unit of a known value (kept for gaps too, so a gap says what was missing).
    pub unit: Unit,
    /// Flags.
    pub flags: Flags,
    /// The source's note about this value.
    pub note: String,
    /// Who reported the value, when it reaches us through a report (a press article
    /// quoting a ministry), with the citation.
    pub citation: String,
}

impl fmt::Display for Observation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} {} {}",
            self.edition,
            self.place.id(),
            self.metric,
            self.material,
            self.year
        )
    }
}
