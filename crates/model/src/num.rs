//! How every number leaves rareflow: computed values are rounded to 12 significant digits
//! (so `7524.999999999999` prints as `7525`) and written in the shortest form that reads
//! back to the same value. One helper, used by every output (JSON, CSV, the simulator's
//! files), so that no face prints floating-point noise.

/// Significant digits kept in outputs.
pub const SIGNIFICANT_DIGITS: i32 = 12;

/// `x` rounded to [`SIGNIFICANT_DIGITS`] significant digits; non-finite values unchanged
/// (outputs refuse them before they get here).
pub fn tidy(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    // Formatting in scientific notation rounds correctly (to nearest, ties to even on the
    // decimal digits), which a multiply-round-divide does not for large exponents.
    let s = format!("{:.*e}", (SIGNIFICANT_DIGITS - 1) as usize, x);
    s.parse().unwrap_or(x)
}

/// `x` as output text: tidied, then the shortest decimal that reads back to it (`7525`,
/// `0.0026`, `3.8`), with no exponent for the magnitudes rareflow prints.
pub fn text(x: f64) -> String {
    let t = tidy(x);
    if t == t.trunc() && t.abs() < 1e15 {
        format!("{}", t as i64)
    } else {
        format!("{t}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_is_gone_and_digits_stay() {
        assert_eq!(text(7524.999999999999), "7525");
        assert_eq!(text(0.0026), "0.0026");
        assert_eq!(text(2600.0 / 1e6), "0.0026");
        assert_eq!(text(0.1 + 0.2), "0.3");
        assert_eq!(text(44_000_000.0), "44000000");
        assert_eq!(text(-3.5), "-3.5");
        assert_eq!(tidy(123_456_789_012_345.0), 123_456_789_012_000.0);
        assert_eq!(tidy(0.692_307_692_307_692_3), 0.692_307_692_308);
        // The shortest form reads back to the same number.
        for x in [1.0 / 3.0, 56.0, 1e-9, 5.713_333_333_333_333] {
            assert_eq!(text(x).parse::<f64>().unwrap(), tidy(x));
        }
    }
}
