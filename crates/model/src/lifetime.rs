//! Product lifetime distributions, as dynamic stock models use them (ODYM's conventions).
//!
//! A lifetime is a domain value (how long an EV motor stays in use), so it lives here and
//! can be read from files and flags; the survival arithmetic lives in `mfa`.

use std::fmt;
use std::str::FromStr;

/// A lifetime distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lifetime {
    /// Every unit leaves when its age reaches `mean` (it survives while age < mean).
    Fixed {
        /// Years.
        mean: f64,
    },
    /// Normal, not truncated at age 0.
    Normal {
        /// Mean, years.
        mean: f64,
        /// Standard deviation, years.
        sd: f64,
    },
    /// Weibull with survival `exp(−(age/scale)^shape)`.
    Weibull {
        /// Shape k.
        shape: f64,
        /// Scale λ, years.
        scale: f64,
    },
    /// Log-normal given by the mean and standard deviation of the lifetime itself (the
    /// textbook parametrisation; ODYM's "StdDev" S corresponds to a textbook sd of mean²/S).
    LogNormal {
        /// Mean, years.
        mean: f64,
        /// Standard deviation, years.
        sd: f64,
    },
}

/// A lifetime whose parameters are out of range.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("invalid lifetime {spec}: {problem}")]
pub struct InvalidLifetime {
    /// The lifetime as written.
    pub spec: String,
    /// What is wrong.
    pub problem: String,
}

impl Lifetime {
    /// Checks the parameters: finite; mean ≥ 0; sd > 0; scale > 0; shape ≥ 0.
    pub fn validate(self) -> Result<Lifetime, InvalidLifetime> {
        let bad = |problem: &str| {
            Err(InvalidLifetime {
                spec: self.to_string(),
                problem: problem.into(),
            })
        };
        let finite = match self {
            Lifetime::Fixed { mean } => mean.is_finite(),
            Lifetime::Normal { mean, sd } | Lifetime::LogNormal { mean, sd } => {
                mean.is_finite() && sd.is_finite()
            }
            Lifetime::Weibull { shape, scale } => shape.is_finite() && scale.is_finite(),
        };
        if !finite {
            return bad("parameters must be finite numbers");
        }
        match self {
            Lifetime::Fixed { mean }
            | Lifetime::Normal { mean, .. }
            | Lifetime::LogNormal { mean, .. }
                if mean < 0.0 =>
            {
                bad("the mean must not be negative")
            }
            Lifetime::Normal { sd, .. } | Lifetime::LogNormal { sd, .. } if sd <= 0.0 => {
                bad("the standard deviation must be greater than 0")
            }
            Lifetime::Weibull { scale, .. } if scale <= 0.0 => {
                bad("the scale must be greater than 0")
            }
            Lifetime::Weibull { shape, .. } if shape < 0.0 => bad("the shape must not be negative"),
            _ => Ok(self),
        }
    }
}

impl fmt::Display for Lifetime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Lifetime::Fixed { mean } => write!(f, "fixed:{mean}"),
            Lifetime::Normal { mean, sd } => write!(f, "normal:{mean},{sd}"),
            Lifetime::Weibull { shape, scale } => write!(f, "weibull:{shape},{scale}"),
            Lifetime::LogNormal { mean, sd } => write!(f, "lognormal:{mean},{sd}"),
        }
    }
}

/// The expected form of a lifetime spec, for messages.
pub const LIFETIME_FORMS: &str =
    "fixed:MEAN, normal:MEAN,SD, weibull:SHAPE,SCALE or lognormal:MEAN,SD";

impl FromStr for Lifetime {
    type Err = InvalidLifetime;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |problem: String| InvalidLifetime {
            spec: format!("{s:?}"),
            problem,
        };
        let (kind, params) = s
            .trim()
            .split_once(':')
            .ok_or_else(|| bad(format!("expected {LIFETIME_FORMS}")))?;
        let nums: Vec<f64> = params
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| {
                bad(format!(
                    "parameters must be numbers: expected {LIFETIME_FORMS}"
                ))
            })?;
        let lifetime = match (kind.trim().to_lowercase().as_str(), nums.as_slice()) {
            ("fixed", [mean]) => Lifetime::Fixed { mean: *mean },
            ("normal", [mean, sd]) => Lifetime::Normal {
                mean: *mean,
                sd: *sd,
            },
            ("weibull", [shape, scale]) => Lifetime::Weibull {
                shape: *shape,
                scale: *scale,
            },
            ("lognormal", [mean, sd]) => Lifetime::LogNormal {
                mean: *mean,
                sd: *sd,
            },
            _ => return Err(bad(format!("expected {LIFETIME_FORMS}"))),
        };
        lifetime.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_and_validate() {
        assert_eq!(
            "weibull:2.5,15".parse(),
            Ok(Lifetime::Weibull {
                shape: 2.5,
                scale: 15.0
            })
        );
        assert_eq!("fixed:3.5".parse(), Ok(Lifetime::Fixed { mean: 3.5 }));
        assert_eq!(
            "lognormal: 30, 10".parse(),
            Ok(Lifetime::LogNormal {
                mean: 30.0,
                sd: 10.0
            })
        );
        assert!("normal:5,0"
            .parse::<Lifetime>()
            .unwrap_err()
            .to_string()
            .contains("greater than 0"));
        assert!("weibull:-1,2".parse::<Lifetime>().is_err());
        assert!("weibull:1,0".parse::<Lifetime>().is_err());
        assert!("normal:5".parse::<Lifetime>().is_err());
        assert!("gamma:1,2".parse::<Lifetime>().is_err());
        assert!("normal:nan,1".parse::<Lifetime>().is_err());
    }
}
