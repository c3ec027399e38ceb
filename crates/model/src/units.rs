//! Quantities as types, so that tonnes are never added to shares or years.
//!
//! Values are stored in the unit the sources use after normalisation: tonnes of
//! rare-earth-oxide (REO) equivalent for quantities, US dollars per kilogram or gram for
//! prices, percent for import reliance. Only the arithmetic that makes dimensional sense is
//! implemented (`Tonnes / Tonnes = Share`).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, Div, Sub};
use std::str::FromStr;

/// A mass in metric tonnes (of REO equivalent unless the observation says otherwise).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize)]
pub struct Tonnes(f64);

impl Tonnes {
    /// A mass from a finite number of tonnes; `None` for NaN or infinity.
    pub fn new(t: f64) -> Option<Tonnes> {
        t.is_finite().then_some(Tonnes(t))
    }

    /// The number of tonnes.
    pub fn get(self) -> f64 {
        self.0
    }

    /// Tonnes from a number a computation produced; callers that cannot prove it finite
    /// use [`Tonnes::new`]. Outputs check finiteness again before printing.
    pub fn raw(t: f64) -> Tonnes {
        Tonnes(t)
    }

    /// This mass times a dimensionless factor (a yield, a share, an oxide/element ratio).
    pub fn scaled(self, factor: f64) -> Tonnes {
        Tonnes(self.0 * factor)
    }
}

impl Add for Tonnes {
    type Output = Tonnes;
    fn add(self, o: Tonnes) -> Tonnes {
        Tonnes(self.0 + o.0)
    }
}

impl Sub for Tonnes {
    type Output = Tonnes;
    fn sub(self, o: Tonnes) -> Tonnes {
        Tonnes(self.0 - o.0)
    }
}

impl std::iter::Sum for Tonnes {
    fn sum<I: Iterator<Item = Tonnes>>(iter: I) -> Tonnes {
        Tonnes(iter.map(|t| t.0).sum())
    }
}

impl Div for Tonnes {
    type Output = Option<Share>;
    /// A share of a whole; `None` when the whole is zero.
    fn div(self, whole: Tonnes) -> Option<Share> {
        (whole.0 != 0.0).then(|| Share(self.0 / whole.0))
    }
}

/// A fraction of a whole, 0..1 for a part of a total (but not clamped: a country can
/// exceed a rounded world total).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
pub struct Share(f64);

impl Share {
    /// A share from a finite fraction.
    pub fn new(f: f64) -> Option<Share> {
        f.is_finite().then_some(Share(f))
    }

    /// The fraction (0.6923 for 69.23%).
    pub fn get(self) -> f64 {
        self.0
    }

    /// A share from a finite percentage (69.23 for 0.6923).
    pub fn from_percent(p: f64) -> Option<Share> {
        Share::new(p / 100.0)
    }
}

/// The years rareflow reads and computes: 1900 to 2200. A year outside them in a file or
/// an argument is refused with its location (a typo such as 20245, or an attack such as
/// −2147483648, would otherwise make series billions of years long).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// The largest mass rareflow accepts in any input, in tonnes: a trillion tonnes, over ten
/// thousand times the world's estimated rare-earth reserves. A larger figure (1e308, a
/// 400-digit number) is a typo or an attack and is refused where it is read, so no
/// computation downstream can overflow to infinity.
pub const MAX_TONNES: f64 = 1e12;

/// A calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Year(pub i32);

impl Year {
    /// A year within [`YEARS`].
    pub fn checked(y: i32) -> Option<Year> {
        YEARS.contains(&y).then_some(Year(y))
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The unit a stored magnitude is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unit {
    /// Metric tonnes of rare-earth-oxide equivalent (for one element: of its oxide).
    #[serde(rename = "t")]
    TonnesReo,
    /// US dollars per kilogram.
    #[serde(rename = "USD/kg")]
    UsdPerKg,
    /// US dollars per gram.
    #[serde(rename = "USD/g")]
    UsdPerGram,
    /// Percent (0–100), as USGS writes net import reliance.
    #[serde(rename = "%")]
    Percent,
    /// A head count (e.g. mine and mill employment).
    #[serde(rename = "persons")]
    Persons,
}

impl Unit {
    /// The id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Unit::TonnesReo => "t",
            Unit::UsdPerKg => "USD/kg",
            Unit::UsdPerGram => "USD/g",
            Unit::Percent => "%",
            Unit::Persons => "persons",
        }
    }

    /// Parses an id written by [`Unit::id`].
    pub fn from_id(s: &str) -> Option<Unit> {
        [
            Unit::TonnesReo,
            Unit::UsdPerKg,
            Unit::UsdPerGram,
            Unit::Percent,
            Unit::Persons,
        ]
        .into_iter()
        .find(|u| u.id() == s)
    }
}

/// A magnitude with its unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    /// The number, finite.
    pub magnitude: f64,
    /// What the number counts.
    pub unit: Unit,
}

impl Quantity {
    /// The quantity as tonnes, if it is a mass.
    pub fn tonnes(self) -> Option<Tonnes> {
        (self.unit == Unit::TonnesReo).then_some(Tonnes(self.magnitude))
    }
}

/// The scale in which tonnes are shown or typed (`t`, `kt`, `Mt`, as the CLI's `--unit` and
/// the API's `unit` parameter spell it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TonnesUnit {
    /// Tonnes.
    #[default]
    #[serde(rename = "t")]
    T,
    /// Thousand tonnes.
    #[serde(rename = "kt")]
    Kt,
    /// Million tonnes.
    #[serde(rename = "Mt")]
    Mt,
}

impl TonnesUnit {
    /// Tonnes per one of this unit.
    pub fn factor(self) -> f64 {
        match self {
            TonnesUnit::T => 1.0,
            TonnesUnit::Kt => 1e3,
            TonnesUnit::Mt => 1e6,
        }
    }

    /// The symbol, e.g. `"kt"`.
    pub fn symbol(self) -> &'static str {
        match self {
            TonnesUnit::T => "t",
            TonnesUnit::Kt => "kt",
            TonnesUnit::Mt => "Mt",
        }
    }
}

/// A mass shown in a chosen unit of tonnes (t, kt, Mt): what a result carries when the
/// user asked for a unit. It keeps the tonnes and the unit, so a table can group digits
/// and a document can print the number in the unit the document's `unit` field names;
/// the conversion happens here and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mass {
    tonnes: Tonnes,
    unit: TonnesUnit,
}

impl Mass {
    /// A mass of `tonnes`, to be shown in `unit`.
    pub fn new(tonnes: Tonnes, unit: TonnesUnit) -> Mass {
        Mass { tonnes, unit }
    }

    /// A mass from a finite number of tonnes; `None` for NaN or infinity.
    pub fn from_t(t: f64, unit: TonnesUnit) -> Option<Mass> {
        Tonnes::new(t).map(|t| Mass::new(t, unit))
    }

    /// The mass in tonnes.
    pub fn tonnes(self) -> Tonnes {
        self.tonnes
    }

    /// The unit it is shown in.
    pub fn unit(self) -> TonnesUnit {
        self.unit
    }

    /// The number in the unit it is shown in (2,600 t in kt is 2.6).
    pub fn shown(self) -> f64 {
        self.tonnes.0 / self.unit.factor()
    }
}

impl Serialize for Mass {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.shown())
    }
}

/// A quantity of tonnes as a person typed it ("3.8Mt"), keeping the precision typed so
/// that matching can respect it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TypedTonnes {
    /// The value in tonnes.
    pub tonnes: f64,
    /// Significant figures typed (trailing zeros of an integer count as significant only
    /// if the number has a decimal point, as in the usual convention).
    pub significant_figures: u32,
}

/// The error for a typed quantity that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidQuantity {
    /// Not a number with a unit.
    #[error("invalid quantity {0:?}: expected a number with a unit t, kt or Mt, such as 3.8Mt")]
    Malformed(String),
    /// A number without its unit.
    #[error("invalid quantity {0:?}: the unit is missing: expected {0}t, {0}kt or {0}Mt")]
    NoUnit(String),
    /// A comma that is not a thousands separator (a decimal comma, `3,8Mt`).
    #[error("invalid quantity {0:?}: a comma may only separate thousands (2,500t); write decimals with a point, such as 3.8Mt")]
    Comma(String),
}

impl FromStr for TypedTonnes {
    type Err = InvalidQuantity;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().replace('_', "");
        let split = t.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(t.len());
        let (num, unit) = t.split_at(split);
        let num = num.trim();
        let unit = match unit.trim() {
            "t" => TonnesUnit::T,
            "kt" => TonnesUnit::Kt,
            "Mt" | "mt" => TonnesUnit::Mt,
            "" if !num.is_empty() && num.chars().all(|c| c.is_ascii_digit() || c == '.') => {
                return Err(InvalidQuantity::NoUnit(num.to_string()))
            }
            _ => return Err(InvalidQuantity::Malformed(s.to_string())),
        };
        if num.contains(',') && !thousands_grouped(num) {
            return Err(InvalidQuantity::Comma(s.to_string()));
        }
        let num = num.replace(',', "");
        if num.is_empty() || !num.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(InvalidQuantity::Malformed(s.to_string()));
        }
        let value: f64 = num
            .parse()
            .map_err(|_| InvalidQuantity::Malformed(s.to_string()))?;
        if !value.is_finite() {
            return Err(InvalidQuantity::Malformed(s.to_string()));
        }
        Ok(TypedTonnes {
            tonnes: value * unit.factor(),
            significant_figures: significant_figures(&num),
        })
    }
}

/// Whether the commas in a numeral group its integer part in threes (`2,500`, `1,234,567.5`).
fn thousands_grouped(num: &str) -> bool {
    let int = num.split('.').next().unwrap_or("");
    if num.split('.').skip(1).any(|f| f.contains(',')) {
        return false;
    }
    let groups: Vec<&str> = int.split(',').collect();
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
}

impl TypedTonnes {
    /// Whether a stored value states this quantity: it must lie strictly within half a
    /// unit of the last typed digit, so "3.8Mt" matches 3,800,000 and 3,810,000 but not
    /// 3,750,000 (a value that would round either way is not claimed to say 3.8).
    pub fn matches(&self, stored: f64) -> bool {
        if self.tonnes == 0.0 {
            return stored == 0.0;
        }
        let magnitude = self.tonnes.abs().log10().floor() as i32;
        let half_unit = 0.5 * 10f64.powi(magnitude + 1 - self.significant_figures as i32);
        // A relative epsilon keeps binary rounding of the typed decimal from deciding ties.
        (stored - self.tonnes).abs() < half_unit * (1.0 - 1e-9)
    }
}

/// Significant figures of a plain decimal numeral.
fn significant_figures(num: &str) -> u32 {
    let digits: String = num.chars().filter(|c| c.is_ascii_digit()).collect();
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() {
        return 1;
    }
    if num.contains('.') {
        trimmed.len() as u32
    } else {
        trimmed.trim_end_matches('0').len().max(1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_tonnes_respect_the_digits_typed() {
        let q: TypedTonnes = "3.8Mt".parse().unwrap();
        assert_eq!(q.tonnes, 3_800_000.0);
        assert_eq!(q.significant_figures, 2);
        assert!(q.matches(3_800_000.0));
        assert!(q.matches(3_810_000.0));
        assert!(!q.matches(3_750_000.0));
        assert!(!q.matches(3_850_000.0));
        let k: TypedTonnes = "270kt".parse().unwrap();
        assert_eq!(k.significant_figures, 2);
        assert!(k.matches(270_000.0) && !k.matches(255_000.0));
        let t: TypedTonnes = "2500t".parse().unwrap();
        assert!(t.matches(2500.0) && !t.matches(2600.0));
        assert!("lots".parse::<TypedTonnes>().is_err());
        assert!("3.8 Gt".parse::<TypedTonnes>().is_err());
        assert!("-3Mt".parse::<TypedTonnes>().is_err());
        assert_eq!(
            "3.8".parse::<TypedTonnes>(),
            Err(InvalidQuantity::NoUnit("3.8".into()))
        );
        assert_eq!(
            "3,8Mt".parse::<TypedTonnes>(),
            Err(InvalidQuantity::Comma("3,8Mt".into()))
        );
        assert_eq!("2,500t".parse::<TypedTonnes>().unwrap().tonnes, 2500.0);
    }

    #[test]
    fn tonnes_over_tonnes_is_a_share() {
        let s = (Tonnes(270_000.0) / Tonnes(390_000.0)).unwrap();
        assert!((s.get() - 0.692_307_692).abs() < 1e-9);
        assert!((Tonnes(1.0) / Tonnes(0.0)).is_none());
        assert!(Tonnes::new(f64::NAN).is_none());
    }
}
