//! The vocabulary of technology demand scenarios: what gets deployed (vehicles, MW of wind),
//! how much magnet or magnet element each unit holds, how long it lives and what comes back.
//! Every figure is a row with its source edition and a citation, so that a scenario run can
//! list each input next to its result and a missing figure stays a named gap.

use crate::{Element, Lifetime};
use std::fmt;
use std::str::FromStr;

/// The magnet elements demand is computed for, in output order.
pub const MAGNET_ELEMENTS: [Element; 4] = [Element::Nd, Element::Pr, Element::Dy, Element::Tb];

/// The scenario id that rows shared by every scenario (history) carry.
pub const HISTORICAL: &str = "historical";

/// What one unit of deployment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeployUnit {
    /// A vehicle (car, van, bus, truck).
    Vehicle,
    /// A megawatt of generating capacity.
    Megawatt,
}

impl DeployUnit {
    /// The base-unit name used in intensities (`kg/vehicle`, `kg/MW`).
    pub fn as_str(self) -> &'static str {
        match self {
            DeployUnit::Vehicle => "vehicle",
            DeployUnit::Megawatt => "MW",
        }
    }
}

/// A deployment unit as published (`million vehicles`, `GW`): the base unit and the factor
/// to it, so that published figures are stored as printed and converted at run time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScaledUnit {
    /// Base unit.
    pub base: DeployUnit,
    /// Base units per published unit.
    pub factor: f64,
    /// The spelling it was published in.
    pub name: &'static str,
}

impl FromStr for ScaledUnit {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (base, factor, name) = match s.trim() {
            "vehicles" => (DeployUnit::Vehicle, 1.0, "vehicles"),
            "thousand vehicles" => (DeployUnit::Vehicle, 1e3, "thousand vehicles"),
            "million vehicles" => (DeployUnit::Vehicle, 1e6, "million vehicles"),
            "MW" => (DeployUnit::Megawatt, 1.0, "MW"),
            "GW" => (DeployUnit::Megawatt, 1e3, "GW"),
            _ => {
                return Err("vehicles, thousand vehicles, million vehicles, MW or GW".into());
            }
        };
        Ok(ScaledUnit { base, factor, name })
    }
}

/// A technology parameter. The magnet a unit holds is given either as magnet mass and its
/// composition (`magnet_kg_per_unit` and `content_*`), or directly as element mass per unit
/// (`element_kg_per_unit_*`, as most wind literature reports it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TechParameter {
    /// kg NdFeB per unit, in units that use permanent magnets.
    MagnetKgPerUnit,
    /// Mass fraction of an element in the magnet.
    Content(Element),
    /// kg of an element per unit, in units that use permanent magnets.
    ElementKgPerUnit(Element),
    /// Share of deployed units that use NdFeB magnets (1 − substitution by magnet-free designs).
    PmShare,
    /// Product lifetime (a lifetime spec).
    Lifetime,
}

impl TechParameter {
    /// Every spelling, for error messages.
    pub fn spellings() -> String {
        let e = |p: &str| {
            MAGNET_ELEMENTS
                .iter()
                .map(|x| format!("{p}{}", x.symbol()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "magnet_kg_per_unit, {}, {}, pm_share or lifetime",
            e("content_"),
            e("element_kg_per_unit_")
        )
    }
}

impl fmt::Display for TechParameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TechParameter::MagnetKgPerUnit => f.write_str("magnet_kg_per_unit"),
            TechParameter::Content(e) => write!(f, "content_{}", e.symbol()),
            TechParameter::ElementKgPerUnit(e) => write!(f, "element_kg_per_unit_{}", e.symbol()),
            TechParameter::PmShare => f.write_str("pm_share"),
            TechParameter::Lifetime => f.write_str("lifetime"),
        }
    }
}

impl FromStr for TechParameter {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let element = |sym: &str| {
            MAGNET_ELEMENTS
                .into_iter()
                .find(|e| e.symbol() == sym)
                .ok_or_else(TechParameter::spellings)
        };
        match s {
            "magnet_kg_per_unit" => Ok(TechParameter::MagnetKgPerUnit),
            "pm_share" => Ok(TechParameter::PmShare),
            "lifetime" => Ok(TechParameter::Lifetime),
            _ => {
                if let Some(sym) = s.strip_prefix("content_") {
                    element(sym).map(TechParameter::Content)
                } else if let Some(sym) = s.strip_prefix("element_kg_per_unit_") {
                    element(sym).map(TechParameter::ElementKgPerUnit)
                } else {
                    Err(TechParameter::spellings())
                }
            }
        }
    }
}

/// A parameter's value: a number, or a lifetime.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParamValue {
    /// A number in the row's unit.
    Number(f64),
    /// A lifetime distribution.
    Lifetime(Lifetime),
}

/// Who published a figure and where in the publication it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Provenance {
    /// Edition id in `data/sources.csv`.
    pub edition: String,
    /// Page, table or quote, and any transformation applied.
    pub citation: String,
}

/// One technology parameter row.
#[derive(Debug, Clone, PartialEq)]
pub struct TechParam {
    /// Technology id (`ev_car`, `wind_onshore`, ...).
    pub technology: String,
    /// Scenario it applies to; `None` for every scenario.
    pub scenario: Option<String>,
    /// Year it applies from (interpolated between rows); `None` for every year.
    pub year: Option<i32>,
    /// Which parameter.
    pub parameter: TechParameter,
    /// Its value.
    pub value: ParamValue,
    /// Unit as written (`kg/vehicle`, `kg/MW`, `mass fraction`, `share`, `years`).
    pub unit: String,
    /// Source.
    pub provenance: Provenance,
}

/// One published deployment figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Deployment {
    /// Scenario id, or [`HISTORICAL`] for every scenario.
    pub scenario: String,
    /// Technology id.
    pub technology: String,
    /// Year.
    pub year: i32,
    /// Units deployed in the year, in `unit`.
    pub value: f64,
    /// The published unit.
    pub unit: ScaledUnit,
    /// Source.
    pub provenance: Provenance,
}

/// A recovery parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecoveryParameter {
    /// Magnet out per magnet alloy in when magnets are made (0..1].
    ManufacturingYield,
    /// Share of end-of-life magnets collected for recycling.
    Collection,
    /// Share of the collected magnet elements recovered.
    RecyclingYield,
}

impl fmt::Display for RecoveryParameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RecoveryParameter::ManufacturingYield => "manufacturing_yield",
            RecoveryParameter::Collection => "collection",
            RecoveryParameter::RecyclingYield => "recycling_yield",
        })
    }
}

impl FromStr for RecoveryParameter {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "manufacturing_yield" => Ok(RecoveryParameter::ManufacturingYield),
            "collection" => Ok(RecoveryParameter::Collection),
            "recycling_yield" => Ok(RecoveryParameter::RecyclingYield),
            _ => Err("manufacturing_yield, collection or recycling_yield".into()),
        }
    }
}

/// One recovery parameter row.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryParam {
    /// Scenario; `None` for every scenario.
    pub scenario: Option<String>,
    /// Year it applies from (interpolated between rows); `None` for every year.
    pub year: Option<i32>,
    /// Which parameter.
    pub parameter: RecoveryParameter,
    /// Fraction 0..1.
    pub value: f64,
    /// Source.
    pub provenance: Provenance,
}

/// What an alternative published estimate measures, so it can be set beside the figure a
/// run used for the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AltQuantity {
    /// kg of the four magnet rare earths together per magnet-using unit.
    ReeKgPerUnit,
    /// kg of one element per magnet-using unit.
    ElementKgPerUnit(Element),
}

impl fmt::Display for AltQuantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AltQuantity::ReeKgPerUnit => f.write_str("ree_kg_per_unit"),
            AltQuantity::ElementKgPerUnit(e) => write!(f, "element_kg_per_unit_{}", e.symbol()),
        }
    }
}

impl FromStr for AltQuantity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let expected = || "ree_kg_per_unit or element_kg_per_unit_Nd (Pr, Dy, Tb)".to_string();
        if s == "ree_kg_per_unit" {
            return Ok(AltQuantity::ReeKgPerUnit);
        }
        match s.parse::<TechParameter>() {
            Ok(TechParameter::ElementKgPerUnit(e)) => Ok(AltQuantity::ElementKgPerUnit(e)),
            _ => Err(expected()),
        }
    }
}

/// A published estimate that differs from the one a scenario uses: shown beside it, never
/// merged into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// Technology id.
    pub technology: String,
    /// What it measures.
    pub quantity: AltQuantity,
    /// Its value, in kg per unit.
    pub value: f64,
    /// Unit as written (`kg/vehicle`, `kg/MW`).
    pub unit: String,
    /// Source.
    pub provenance: Provenance,
}

/// A use's share of NdFeB demand and the technologies that model it (none: not modelled), so
/// that a run can say how much of demand its totals cover.
#[derive(Debug, Clone, PartialEq)]
pub struct EndUseShare {
    /// End use, as the source names it.
    pub end_use: String,
    /// Share of NdFeB demand (0..1).
    pub share: f64,
    /// Technology ids that model it; empty when it is not modelled.
    pub technologies: Vec<String>,
    /// Source.
    pub provenance: Provenance,
}

/// The bundled or user-supplied scenario tables.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScenarioTables {
    /// Technology parameters.
    pub technologies: Vec<TechParam>,
    /// Deployment.
    pub deployment: Vec<Deployment>,
    /// Recovery parameters.
    pub recovery: Vec<RecoveryParam>,
}

impl ScenarioTables {
    /// Scenario ids named anywhere except [`HISTORICAL`], sorted.
    pub fn scenarios(&self) -> Vec<String> {
        let mut s: Vec<String> = self
            .deployment
            .iter()
            .map(|d| d.scenario.clone())
            .chain(self.technologies.iter().filter_map(|t| t.scenario.clone()))
            .chain(self.recovery.iter().filter_map(|r| r.scenario.clone()))
            .filter(|s| s != HISTORICAL)
            .collect();
        s.sort();
        s.dedup();
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_round_trip_through_their_spelling() {
        for p in [
            TechParameter::MagnetKgPerUnit,
            TechParameter::Content(Element::Dy),
            TechParameter::ElementKgPerUnit(Element::Tb),
            TechParameter::PmShare,
            TechParameter::Lifetime,
        ] {
            assert_eq!(p.to_string().parse::<TechParameter>(), Ok(p));
        }
        assert!("content_La"
            .parse::<TechParameter>()
            .unwrap_err()
            .contains("content_Nd"));
        let gw: ScaledUnit = "GW".parse().unwrap();
        assert_eq!((gw.base, gw.factor), (DeployUnit::Megawatt, 1e3));
    }
}
