//! Survival functions at whole-year ages, computed directly so the tails keep their
//! precision (`erfc` of a large argument, not `1 − erf`), as ODYM's `scipy` `sf` does.
//!
//! - Fixed(mean): survives while `age < mean` (a 3.5-year life leaves at age 4).
//! - Normal(mean, sd): `½·erfc((age − mean)/(sd·√2))`, not truncated at age 0.
//! - Weibull(shape, scale): `exp(−(age/scale)^shape)`; 1 at age 0.
//! - LogNormal(mean, sd), textbook: `σ² = ln(1 + sd²/mean²)`, `μ = ln(mean) − σ²/2`,
//!   `½·erfc((ln age − μ)/(σ·√2))`; 1 at age 0.
//!
//! A mean of 0 (Fixed, Normal, LogNormal) or a Weibull shape of 0 means the whole cohort
//! leaves in its inflow year: survival 0 from age 0.

use model::Lifetime;

/// The share of a cohort still in use at the end of year `age` after its inflow year.
pub fn survival(lifetime: Lifetime, age: u32) -> f64 {
    let a = f64::from(age);
    match lifetime {
        Lifetime::Fixed { mean } => {
            if mean == 0.0 || a >= mean {
                0.0
            } else {
                1.0
            }
        }
        Lifetime::Normal { mean, sd } => {
            if mean == 0.0 {
                0.0
            } else {
                0.5 * libm::erfc((a - mean) / (sd * std::f64::consts::SQRT_2))
            }
        }
        Lifetime::Weibull { shape, scale } => {
            if shape == 0.0 {
                0.0
            } else {
                (-(a / scale).powf(shape)).exp()
            }
        }
        Lifetime::LogNormal { mean, sd } => {
            if mean == 0.0 {
                0.0
            } else if age == 0 {
                1.0
            } else {
                let sigma2 = (1.0 + sd * sd / (mean * mean)).ln();
                let mu = mean.ln() - sigma2 / 2.0;
                0.5 * libm::erfc((a.ln() - mu) / (sigma2.sqrt() * std::f64::consts::SQRT_2))
            }
        }
    }
}

/// Survival at ages `0..n`.
pub fn survival_curve(lifetime: Lifetime, n: usize) -> Vec<f64> {
    (0..n)
        .map(|a| survival(lifetime, u32::try_from(a).unwrap_or(u32::MAX)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erfc_keeps_the_far_tail() {
        // erfc(5) = 1.53745979442803485e-12 (to 18 digits); libm is within a couple of ulps.
        assert!((libm::erfc(5.0) / 1.537_459_794_428_035e-12 - 1.0).abs() < 1e-15);
        assert!((libm::erfc(10.0) / 2.088487583762545e-45 - 1.0).abs() < 1e-14);
        assert!((libm::erfc(-1.0) - 1.8427007929497148).abs() < 1e-15);
        assert!((libm::erfc(0.5) - 0.4795001221869535).abs() < 1e-15);
    }

    #[test]
    fn conventions_at_age_zero_and_fixed_boundaries() {
        assert_eq!(survival(Lifetime::Fixed { mean: 3.5 }, 3), 1.0);
        assert_eq!(survival(Lifetime::Fixed { mean: 3.5 }, 4), 0.0);
        assert_eq!(survival(Lifetime::Fixed { mean: 5.0 }, 5), 0.0);
        assert_eq!(
            survival(
                Lifetime::Weibull {
                    shape: 2.0,
                    scale: 10.0
                },
                0
            ),
            1.0
        );
        assert_eq!(
            survival(
                Lifetime::LogNormal {
                    mean: 10.0,
                    sd: 3.0
                },
                0
            ),
            1.0
        );
        // Normal is not truncated: some of the cohort is gone at age 0.
        let n0 = survival(Lifetime::Normal { mean: 2.0, sd: 1.0 }, 0);
        assert!((n0 - 0.9772498680518208).abs() < 1e-15, "{n0}");
        for zero in [
            Lifetime::Fixed { mean: 0.0 },
            Lifetime::Normal { mean: 0.0, sd: 1.0 },
            Lifetime::LogNormal { mean: 0.0, sd: 1.0 },
            Lifetime::Weibull {
                shape: 0.0,
                scale: 1.0,
            },
        ] {
            assert_eq!(survival(zero, 0), 0.0, "{zero}");
        }
        // A far tail stays positive and tiny instead of rounding to 0 through 1 − cdf.
        let tail = survival(Lifetime::Normal { mean: 5.0, sd: 1.0 }, 15);
        assert!(tail > 0.0 && tail < 1e-20, "{tail}");
    }
}
