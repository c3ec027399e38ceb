//! The 17 rare-earth elements, their usual oxides, and the groups analysts report.
//!
//! Statistics mix element mass and oxide (REO) mass; the factors here are computed from
//! atomic masses rather than typed in, so that every conversion can be traced to the
//! standard atomic weights cited on [`Element::atomic_mass`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Standard atomic weight of oxygen (CIAAW/IUPAC 2021 abridged value).
pub const OXYGEN_ATOMIC_MASS: f64 = 15.999;

/// One of the 17 rare-earth elements (the 15 lanthanides plus scandium and yttrium).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Element {
    /// Scandium.
    Sc,
    /// Yttrium.
    Y,
    /// Lanthanum.
    La,
    /// Cerium.
    Ce,
    /// Praseodymium.
    Pr,
    /// Neodymium.
    Nd,
    /// Promethium (no stable isotope; not mined).
    Pm,
    /// Samarium.
    Sm,
    /// Europium.
    Eu,
    /// Gadolinium.
    Gd,
    /// Terbium.
    Tb,
    /// Dysprosium.
    Dy,
    /// Holmium.
    Ho,
    /// Erbium.
    Er,
    /// Thulium.
    Tm,
    /// Ytterbium.
    Yb,
    /// Lutetium.
    Lu,
}

impl Element {
    /// All 17 elements in the conventional order (Sc, Y, then the lanthanides by atomic number).
    pub const ALL: [Element; 17] = [
        Element::Sc,
        Element::Y,
        Element::La,
        Element::Ce,
        Element::Pr,
        Element::Nd,
        Element::Pm,
        Element::Sm,
        Element::Eu,
        Element::Gd,
        Element::Tb,
        Element::Dy,
        Element::Ho,
        Element::Er,
        Element::Tm,
        Element::Yb,
        Element::Lu,
    ];

    /// The chemical symbol, e.g. `"Nd"`.
    pub fn symbol(self) -> &'static str {
        match self {
            Element::Sc => "Sc",
            Element::Y => "Y",
            Element::La => "La",
            Element::Ce => "Ce",
            Element::Pr => "Pr",
            Element::Nd => "Nd",
            Element::Pm => "Pm",
            Element::Sm => "Sm",
            Element::Eu => "Eu",
            Element::Gd => "Gd",
            Element::Tb => "Tb",
            Element::Dy => "Dy",
            Element::Ho => "Ho",
            Element::Er => "Er",
            Element::Tm => "Tm",
            Element::Yb => "Yb",
            Element::Lu => "Lu",
        }
    }

    /// The English name, e.g. `"neodymium"`.
    pub fn name(self) -> &'static str {
        match self {
            Element::Sc => "scandium",
            Element::Y => "yttrium",
            Element::La => "lanthanum",
            Element::Ce => "cerium",
            Element::Pr => "praseodymium",
            Element::Nd => "neodymium",
            Element::Pm => "promethium",
            Element::Sm => "samarium",
            Element::Eu => "europium",
            Element::Gd => "gadolinium",
            Element::Tb => "terbium",
            Element::Dy => "dysprosium",
            Element::Ho => "holmium",
            Element::Er => "erbium",
            Element::Tm => "thulium",
            Element::Yb => "ytterbium",
            Element::Lu => "lutetium",
        }
    }

    /// Standard atomic weight, CIAAW/IUPAC 2021 abridged values (Pm: mass number of its
    /// longest-lived isotope, 145, since it has no standard atomic weight).
    pub fn atomic_mass(self) -> f64 {
        match self {
            Element::Sc => 44.955907,
            Element::Y => 88.905838,
            Element::La => 138.90547,
            Element::Ce => 140.116,
            Element::Pr => 140.90766,
            Element::Nd => 144.242,
            Element::Pm => 145.0,
            Element::Sm => 150.36,
            Element::Eu => 151.964,
            Element::Gd => 157.249,
            Element::Tb => 158.925354,
            Element::Dy => 162.500,
            Element::Ho => 164.930329,
            Element::Er => 167.259,
            Element::Tm => 168.934219,
            Element::Yb => 173.045,
            Element::Lu => 174.96669,
        }
    }

    /// The oxide in which statistics report the element: `(metal atoms, oxygen atoms)`.
    /// CeO2, Pr6O11 and Tb4O7 are the stable commercial oxides; every other one is R2O3.
    pub fn oxide_stoichiometry(self) -> (u32, u32) {
        match self {
            Element::Ce => (1, 2),
            Element::Pr => (6, 11),
            Element::Tb => (4, 7),
            _ => (2, 3),
        }
    }

    /// The oxide formula as written, e.g. `"Pr6O11"`.
    pub fn oxide_formula(self) -> String {
        let (m, o) = self.oxide_stoichiometry();
        let count = |n: u32| if n == 1 { String::new() } else { n.to_string() };
        format!("{}{}O{}", self.symbol(), count(m), count(o))
    }

    /// Tonnes of oxide per tonne of element (e.g. 1.1664 for Nd2O3).
    pub fn reo_per_element(self) -> f64 {
        let (m, o) = self.oxide_stoichiometry();
        let metal = f64::from(m) * self.atomic_mass();
        (metal + f64::from(o) * OXYGEN_ATOMIC_MASS) / metal
    }

    /// Tonnes of element per tonne of oxide (e.g. 0.8574 for Nd2O3).
    pub fn element_per_reo(self) -> f64 {
        1.0 / self.reo_per_element()
    }
}

impl fmt::Display for Element {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// The error for a string that names no element or group.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown element or group {0:?}: expected a symbol such as Nd, or TREO, LREE, HREE, magnet_REE"
)]
pub struct UnknownMaterial(pub String);

impl FromStr for Element {
    type Err = UnknownMaterial;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Element::ALL
            .into_iter()
            .find(|e| e.symbol().eq_ignore_ascii_case(t) || e.name().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownMaterial(s.to_string()))
    }
}

/// A named set of elements that statistics report together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ElementGroup {
    /// Total rare-earth oxide: all 17 (USGS reports mine production and reserves this way).
    #[serde(rename = "TREO")]
    Treo,
    /// Light rare earths as the EU CRM assessment defines them: La, Ce, Pr, Nd, Sm.
    #[serde(rename = "LREE")]
    Lree,
    /// Heavy rare earths as the EU defines them: Y, Eu, Gd, Tb, Dy, Ho, Er, Tm, Yb, Lu.
    #[serde(rename = "HREE")]
    Hree,
    /// The magnet rare earths: Pr, Nd, Tb, Dy (the IEA's basis for rare-earth shares).
    #[serde(rename = "magnet_REE")]
    MagnetRee,
    /// Neodymium and praseodymium reported together (NdPr oxide, a traded product).
    #[serde(rename = "NdPr")]
    NdPr,
}

impl ElementGroup {
    /// Every group.
    pub const ALL: [ElementGroup; 5] = [
        ElementGroup::Treo,
        ElementGroup::Lree,
        ElementGroup::Hree,
        ElementGroup::MagnetRee,
        ElementGroup::NdPr,
    ];

    /// The id used in files, JSON and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            ElementGroup::Treo => "TREO",
            ElementGroup::Lree => "LREE",
            ElementGroup::Hree => "HREE",
            ElementGroup::MagnetRee => "magnet_REE",
            ElementGroup::NdPr => "NdPr",
        }
    }

    /// The members of the group. Scandium belongs to none but TREO, as in the EU lists,
    /// and promethium (not mined) to none but TREO.
    pub fn members(self) -> &'static [Element] {
        use Element::*;
        match self {
            ElementGroup::Treo => &Element::ALL,
            ElementGroup::Lree => &[La, Ce, Pr, Nd, Sm],
            ElementGroup::Hree => &[Y, Eu, Gd, Tb, Dy, Ho, Er, Tm, Yb, Lu],
            ElementGroup::MagnetRee => &[Pr, Nd, Tb, Dy],
            ElementGroup::NdPr => &[Pr, Nd],
        }
    }

    /// Whether `e` is a member.
    pub fn contains(self, e: Element) -> bool {
        self.members().contains(&e)
    }
}

/// What an observation measures: one element, or a group reported together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Material {
    /// A single element (e.g. yttrium oxide statistics).
    Element(Element),
    /// A group (e.g. total REO for mine production).
    Group(ElementGroup),
}

impl Material {
    /// The id used in files and JSON: a symbol or a group id.
    pub fn id(self) -> &'static str {
        match self {
            Material::Element(e) => e.symbol(),
            Material::Group(g) => g.id(),
        }
    }
}

impl fmt::Display for Material {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Material {
    type Err = UnknownMaterial;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if let Some(g) = ElementGroup::ALL
            .into_iter()
            .find(|g| g.id().eq_ignore_ascii_case(t))
        {
            return Ok(Material::Group(g));
        }
        t.parse()
            .map(Material::Element)
            .map_err(|_| UnknownMaterial(s.to_string()))
    }
}

impl Serialize for Material {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oxide_formulas_follow_the_commercial_oxides() {
        assert_eq!(Element::Ce.oxide_formula(), "CeO2");
        assert_eq!(Element::Pr.oxide_formula(), "Pr6O11");
        assert_eq!(Element::Tb.oxide_formula(), "Tb4O7");
        assert_eq!(Element::Nd.oxide_formula(), "Nd2O3");
        assert_eq!(Element::Y.oxide_formula(), "Y2O3");
    }

    #[test]
    fn conversion_factors_match_the_published_ones() {
        // Published gravimetric factors (element per oxide): Nd 0.8574, Dy 0.8713,
        // Ce 0.8141, Pr 0.8277, Tb 0.8502, La 0.8527, Y 0.7874.
        let cases = [
            (Element::Nd, 0.8574),
            (Element::Dy, 0.8713),
            (Element::Ce, 0.8141),
            (Element::Pr, 0.8277),
            (Element::Tb, 0.8502),
            (Element::La, 0.8527),
            (Element::Y, 0.7874),
        ];
        for (e, f) in cases {
            assert!(
                (e.element_per_reo() - f).abs() < 5e-5,
                "{e}: {}",
                e.element_per_reo()
            );
            assert!((e.reo_per_element() * e.element_per_reo() - 1.0).abs() < 1e-15);
        }
    }

    #[test]
    fn groups_are_the_eu_split() {
        assert_eq!(
            ElementGroup::Lree.members().len() + ElementGroup::Hree.members().len(),
            15
        );
        for e in Element::ALL {
            let in_l = ElementGroup::Lree.contains(e);
            let in_h = ElementGroup::Hree.contains(e);
            assert!(!(in_l && in_h), "{e} in both");
            if matches!(e, Element::Sc | Element::Pm) {
                assert!(!in_l && !in_h);
            } else {
                assert!(in_l || in_h, "{e} in neither");
            }
        }
        assert_eq!(
            "magnet_ree".parse::<Material>(),
            Ok(Material::Group(ElementGroup::MagnetRee))
        );
        assert_eq!("Dy".parse::<Material>(), Ok(Material::Element(Element::Dy)));
        assert!("Xx".parse::<Material>().is_err());
    }
}
