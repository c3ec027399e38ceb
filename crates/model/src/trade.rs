//! The world between the stages: trade links between countries (who sends what to whom,
//! at which stage, in which year), stage output by country, the element content of each
//! country's mined output, and world demand by region. `data` reads them from
//! `data/trade_links.csv`, `data/stage_output.csv`, `data/mine_splits.csv` and
//! `data/demand/world.csv`; `network` builds the baseline and the world network from them.
//!
//! Every row keeps its edition, citation and note, because the analyst reading a flow must
//! be able to see whether it was published, derived or assumed.

use crate::element::Element;
use crate::sim::{Region, Species};
use crate::source::EditionId;
use crate::stage::Stage;
use std::fmt;

/// What a trade or stage figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TradeItem {
    /// Mixed rare earths, total rare-earth oxide (`TREO`).
    Treo,
    /// Separated neodymium-praseodymium oxide (`NdPr`).
    NdPr,
    /// One separated element.
    Element(Element),
    /// Sintered NdFeB magnets (`NdFeB`, gross weight of magnet).
    NdFeB,
    /// The four magnet rare earths together (`magnet_REE`: Nd, Pr, Dy, Tb).
    MagnetRee,
}

impl TradeItem {
    /// The id files use.
    pub fn id(&self) -> &'static str {
        match self {
            TradeItem::Treo => "TREO",
            TradeItem::NdPr => "NdPr",
            TradeItem::Element(e) => e.symbol(),
            TradeItem::NdFeB => "NdFeB",
            TradeItem::MagnetRee => "magnet_REE",
        }
    }

    /// An item from its id (case-insensitive).
    pub fn parse(s: &str) -> Option<TradeItem> {
        let t = s.trim();
        for (id, item) in [
            ("TREO", TradeItem::Treo),
            ("NdPr", TradeItem::NdPr),
            ("NdFeB", TradeItem::NdFeB),
            ("magnet_REE", TradeItem::MagnetRee),
        ] {
            if t.eq_ignore_ascii_case(id) {
                return Some(item);
            }
        }
        t.parse::<Element>().ok().map(TradeItem::Element)
    }
}

impl fmt::Display for TradeItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What a trade quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TradeBasis {
    /// Gross weight of the product as traded (`gross_weight`).
    GrossWeight,
    /// Tonnes of rare-earth oxide (`t_reo`).
    TReo,
    /// A share of a total (`share`, in percent).
    Share,
    /// No published figure for this link: a labelled assumption (`assumed`), its reasoning
    /// in the note; its quantity, if any, is in tonnes of oxide.
    Assumed,
}

impl TradeBasis {
    /// The id files use.
    pub fn id(&self) -> &'static str {
        match self {
            TradeBasis::GrossWeight => "gross_weight",
            TradeBasis::TReo => "t_reo",
            TradeBasis::Share => "share",
            TradeBasis::Assumed => "assumed",
        }
    }

    /// A basis from its id.
    pub fn parse(s: &str) -> Option<TradeBasis> {
        match s.trim() {
            "gross_weight" => Some(TradeBasis::GrossWeight),
            "t_reo" => Some(TradeBasis::TReo),
            "share" => Some(TradeBasis::Share),
            "assumed" => Some(TradeBasis::Assumed),
            _ => None,
        }
    }
}

/// The unit of a trade quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TradeUnit {
    /// Tonnes (`t`).
    Tonnes,
    /// Percent (`%`).
    Percent,
}

impl TradeUnit {
    /// The id files use.
    pub fn id(&self) -> &'static str {
        match self {
            TradeUnit::Tonnes => "t",
            TradeUnit::Percent => "%",
        }
    }
}

/// One row of `data/trade_links.csv`: a flow from one country's stage to another's.
#[derive(Debug, Clone, PartialEq)]
pub struct TradeLink {
    /// Exporting region (a row whose exporter is its importer is a domestic link).
    pub exporter: Region,
    /// Importing region.
    pub importer: Region,
    /// The exporter's stage.
    pub from_stage: Stage,
    /// The importer's stage (later than `from_stage`).
    pub to_stage: Stage,
    /// What is counted.
    pub item: TradeItem,
    /// Year of the flow.
    pub year: i32,
    /// The quantity, or `None` for a link known to exist without a published figure.
    pub quantity: Option<f64>,
    /// Its unit.
    pub unit: TradeUnit,
    /// What the quantity measures.
    pub basis: TradeBasis,
    /// The edition it comes from.
    pub edition: EditionId,
    /// Where in the source.
    pub citation: String,
    /// Reasoning, arithmetic, caveats.
    pub note: String,
    /// Line in the file (1-based), for notes.
    pub line: u64,
}

/// Rare earths in a sintered NdFeB magnet, as a mass fraction, and the oxide factor that
/// turns that rare-earth metal into oxide: the conversion `data/trade_links.csv` states on
/// every magnet row (31 wt%, the lower end of Yang et al. 2017's 31–32%, as
/// `data/demand/technologies.csv` uses; Nd₂O₃/2Nd = 1.1664 with Nd as the proxy for the mix).
pub const NDFEB_RE_CONTENT: f64 = 0.31;

/// The key that identifies one link across editions.
pub type TradeKey = (Region, Region, Stage, Stage, TradeItem, i32);

impl TradeLink {
    /// The link this row gives a figure for (editions of one link share it).
    pub fn key(&self) -> TradeKey {
        (
            self.exporter,
            self.importer,
            self.from_stage,
            self.to_stage,
            self.item,
            self.year,
        )
    }

    /// The row's quantity in tonnes of oxide, with how it was converted, where the row can
    /// be read so: `t_reo` rows and `assumed` rows in tonnes as given; separated oxide
    /// (NdPr, one element) in gross weight as oxide (a separated oxide is its own REO);
    /// NdFeB in gross weight × [`NDFEB_RE_CONTENT`] × Nd's oxide factor. Mixed products in
    /// gross weight and shares give `None`: no content is published for them.
    pub fn tonnes_reo(&self) -> Option<(f64, &'static str)> {
        let q = self.quantity?;
        if self.unit != TradeUnit::Tonnes {
            return None;
        }
        match (self.basis, self.item) {
            (TradeBasis::TReo, _) => Some((q, "as published (t REO)")),
            (TradeBasis::Assumed, TradeItem::NdFeB) | (TradeBasis::GrossWeight, TradeItem::NdFeB) => Some((
                q * NDFEB_RE_CONTENT * Element::Nd.reo_per_element(),
                "NdFeB gross weight x 0.31 rare earths (YANG-2017) x 1.1664 oxide/metal (Nd as proxy)",
            )),
            (TradeBasis::Assumed, _) => Some((q, "assumed, in t REO")),
            (TradeBasis::GrossWeight, TradeItem::NdPr | TradeItem::Element(_)) => {
                Some((q, "separated oxide: gross weight taken as t REO"))
            }
            _ => None,
        }
    }
}

/// Where a stage figure applies: a region, or the world.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutputPlace {
    /// A country or region group.
    Region(Region),
    /// The whole world (`WLD`).
    World,
}

impl OutputPlace {
    /// The code files use.
    pub fn id(&self) -> &str {
        match self {
            OutputPlace::Region(r) => r.id(),
            OutputPlace::World => "WLD",
        }
    }
}

/// How a figure was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureBasis {
    /// Printed in the cited source.
    Published,
    /// Computed from sourced numbers; the arithmetic is in the row.
    Derived,
    /// A labelled assumption; its reasoning is in the row.
    Assumed,
}

impl FigureBasis {
    /// The id files use.
    pub fn id(&self) -> &'static str {
        match self {
            FigureBasis::Published => "published",
            FigureBasis::Derived => "DERIVED",
            FigureBasis::Assumed => "assumed",
        }
    }

    /// A basis from its id (`DERIVED` in any case).
    pub fn parse(s: &str) -> Option<FigureBasis> {
        match s.trim() {
            "published" => Some(FigureBasis::Published),
            t if t.eq_ignore_ascii_case("derived") => Some(FigureBasis::Derived),
            "assumed" => Some(FigureBasis::Assumed),
            _ => None,
        }
    }
}

/// One row of `data/stage_output.csv`: a country's (or the world's) output at a stage.
#[derive(Debug, Clone, PartialEq)]
pub struct StageOutput {
    /// Where.
    pub place: OutputPlace,
    /// Stage.
    pub stage: Stage,
    /// What is counted.
    pub item: TradeItem,
    /// Year.
    pub year: i32,
    /// Value: tonnes, or a percent share of the world's output at the stage.
    pub value: f64,
    /// Its unit.
    pub unit: TradeUnit,
    /// Published, derived or assumed.
    pub basis: FigureBasis,
    /// The edition.
    pub edition: EditionId,
    /// Where in the source.
    pub citation: String,
    /// The arithmetic, or why it is assumed.
    pub arithmetic: String,
    /// Line in the file.
    pub line: u64,
}

/// What a row of `data/mine_splits.csv` gives of an element in a country's mined output.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SplitValue {
    /// Percent of the country's mined TREO.
    CountryPercent(f64),
    /// Percent of the world's supply of the element.
    WorldPercent(f64),
    /// Tonnes of oxide.
    Tonnes(f64),
    /// What the world's supply of the element leaves after every other country's split.
    Rest,
}

/// What a split row applies to: one species, or NdPr (split between Nd and Pr in the
/// proportion of the world's demand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SplitItem {
    /// One element.
    Element(Element),
    /// Nd and Pr together.
    NdPr,
}

/// One row of `data/mine_splits.csv`: how much of an element a country's mined output
/// carries through the network.
#[derive(Debug, Clone, PartialEq)]
pub struct MineSplit {
    /// The mining country.
    pub country: Region,
    /// The element (or NdPr).
    pub item: SplitItem,
    /// How much.
    pub value: SplitValue,
    /// Published, derived or assumed.
    pub basis: FigureBasis,
    /// The edition.
    pub edition: EditionId,
    /// Where in the source.
    pub citation: String,
    /// Reasoning.
    pub note: String,
    /// Line in the file.
    pub line: u64,
}

/// What a row of `data/demand/world.csv` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorldDemandItem {
    /// A region's demand for one magnet element (kt of element).
    Element(Element),
    /// The world's clean-technology (EV + wind) demand for one element (kt of element).
    CleanTech(Element),
    /// The world's clean-technology demand for the four magnet elements together.
    CleanTechTotal,
    /// Magnet rare-earth demand in every other use (kt of the four elements).
    OtherUses,
    /// Total magnet rare-earth demand (kt of the four elements).
    Total,
    /// A region's share of world magnet rare-earth consumption.
    ConsumptionShare,
    /// A figure kept for context and cross-checks; no computation reads it.
    Context,
}

/// One row of `data/demand/world.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct WorldDemandRow {
    /// Region (`WLD` for the world).
    pub place: OutputPlace,
    /// What is counted.
    pub item: WorldDemandItem,
    /// The source's own label.
    pub label: String,
    /// Year.
    pub year: i32,
    /// Scenario (`historical`, `STEPS`, `APS`, `NZE`, ...).
    pub scenario: String,
    /// Value, or a gap.
    pub value: Option<f64>,
    /// Unit as given (`kt element`, `share`, ...).
    pub unit: String,
    /// Published, derived or assumed.
    pub basis: FigureBasis,
    /// The editions it rests on.
    pub editions: Vec<EditionId>,
    /// Where in the source, or the assumptions.
    pub citation: String,
    /// The arithmetic.
    pub arithmetic: String,
    /// Line in the file.
    pub line: u64,
}

/// The world tables the network is built from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorldTables {
    /// `data/trade_links.csv`.
    pub trade: Vec<TradeLink>,
    /// `data/stage_output.csv`.
    pub stage_output: Vec<StageOutput>,
    /// `data/mine_splits.csv`.
    pub mine_splits: Vec<MineSplit>,
    /// `data/demand/world.csv`.
    pub demand: Vec<WorldDemandRow>,
}

impl WorldTables {
    /// The rows of one link's key, latest edition first (publication year, then the later
    /// row), given the year each edition was published.
    pub fn editions_of<'a>(
        &'a self,
        key: &TradeKey,
        published: impl Fn(&EditionId) -> i32,
    ) -> Vec<&'a TradeLink> {
        let mut rows: Vec<&TradeLink> = self.trade.iter().filter(|t| &t.key() == key).collect();
        rows.sort_by_key(|t| std::cmp::Reverse((published(&t.edition), t.line)));
        rows
    }
}

/// The species a split item puts tonnes on.
pub fn split_species(item: SplitItem) -> Vec<Species> {
    match item {
        SplitItem::Element(e) => vec![Species::Element(e)],
        SplitItem::NdPr => vec![Species::Element(Element::Nd), Species::Element(Element::Pr)],
    }
}
