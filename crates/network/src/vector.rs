//! Element-resolved quantities: tonnes REO equivalent of each of the 17 elements, in the
//! order of [`model::Element::ALL`], plus an 18th component for REO whose element split is
//! not known (published ore distributions are often partial; unknown mass stays visible).

use model::Element;
use std::ops::{Add, AddAssign, Mul, Sub};

/// Tonnes REO per element.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ElementVector(pub [f64; 18]);

impl ElementVector {
    /// All zero.
    pub const ZERO: ElementVector = ElementVector([0.0; 18]);

    /// The index of the unspecified component.
    pub const UNSPECIFIED: usize = 17;

    /// `total` split by `fractions` (one per element, then unspecified; they need not sum to
    /// one — the caller checks that where it matters).
    pub fn split(total: f64, fractions: &[f64; 18]) -> ElementVector {
        ElementVector(fractions.map(|f| total * f))
    }

    /// One element only.
    pub fn only(e: Element, tonnes: f64) -> ElementVector {
        let mut v = [0.0; 18];
        v[index(e)] = tonnes;
        ElementVector(v)
    }

    /// The tonnes of one element.
    pub fn get(&self, e: Element) -> f64 {
        self.0[index(e)]
    }

    /// Tonnes whose element is not known.
    pub fn unspecified(&self) -> f64 {
        self.0[Self::UNSPECIFIED]
    }

    /// The sum over all components.
    pub fn total(&self) -> f64 {
        self.0.iter().sum()
    }

    /// Whether every component is finite and not negative.
    pub fn is_valid_flow(&self) -> bool {
        self.0.iter().all(|x| x.is_finite() && *x >= 0.0)
    }
}

/// The position of an element in the vector.
pub fn index(e: Element) -> usize {
    Element::ALL.iter().position(|x| *x == e).unwrap_or(0)
}

impl Add for ElementVector {
    type Output = ElementVector;
    fn add(mut self, o: ElementVector) -> ElementVector {
        self += o;
        self
    }
}

impl AddAssign for ElementVector {
    fn add_assign(&mut self, o: ElementVector) {
        for (a, b) in self.0.iter_mut().zip(o.0) {
            *a += b;
        }
    }
}

impl Sub for ElementVector {
    type Output = ElementVector;
    fn sub(mut self, o: ElementVector) -> ElementVector {
        for (a, b) in self.0.iter_mut().zip(o.0) {
            *a -= b;
        }
        self
    }
}

impl Mul<f64> for ElementVector {
    type Output = ElementVector;
    fn mul(self, k: f64) -> ElementVector {
        ElementVector(self.0.map(|x| x * k))
    }
}

impl std::iter::Sum for ElementVector {
    fn sum<I: Iterator<Item = ElementVector>>(iter: I) -> ElementVector {
        iter.fold(ElementVector::ZERO, |a, b| a + b)
    }
}
