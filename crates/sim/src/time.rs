//! When events act: the share of a year inside an event's span (`d(y)`), counted in days,
//! and the ramp of a new plant or deal (`min(k/R, 1)` in the k-th year from the start).

use model::sim::When;

fn leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in year `y` (365 or 366).
pub fn days_in_year(y: i32) -> u32 {
    if leap(y) {
        366
    } else {
        365
    }
}

fn days_in_month(y: i32, m: u8) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if leap(y) => 29,
        _ => 28,
    }
}

/// The day of the year (1-based) of the first day of month `m`.
fn first_day(y: i32, m: u8) -> u32 {
    (1..m).map(|k| days_in_month(y, k)).sum::<u32>() + 1
}

/// An event's span as (year, day of year) pairs, both inclusive: a bare start year means
/// 1 January, a start month its first day; a bare end year 31 December, an end month its
/// last day; no end means never.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    start: (i32, u32),
    end: Option<(i32, u32)>,
}

impl Span {
    /// The span from `start` to `end`.
    pub fn new(start: When, end: Option<When>) -> Span {
        let s = (
            start.year,
            start.month.map_or(1, |m| first_day(start.year, m)),
        );
        let e = end.map(|e| match e.month {
            Some(m) => (e.year, first_day(e.year, m) + days_in_month(e.year, m) - 1),
            None => (e.year, days_in_year(e.year)),
        });
        Span { start: s, end: e }
    }

    /// The first year the span touches.
    pub fn start_year(&self) -> i32 {
        self.start.0
    }

    /// `d(y)`: the days of year `y` inside the span over the days in `y`.
    pub fn share_of_year(&self, y: i32) -> f64 {
        let days = days_in_year(y);
        let from = match self.start.0.cmp(&y) {
            std::cmp::Ordering::Greater => return 0.0,
            std::cmp::Ordering::Equal => self.start.1,
            std::cmp::Ordering::Less => 1,
        };
        let to = match self.end {
            Some((ey, _)) if ey < y => return 0.0,
            Some((ey, ed)) if ey == y => ed,
            _ => days,
        };
        if to < from {
            return 0.0;
        }
        f64::from(to - from + 1) / f64::from(days)
    }

    /// The ramp in year `y`: `min(k / R, 1)` in the k-th year from the start (k = 1 in the
    /// start year); 1 when `R` is 0; 0 before the start.
    pub fn ramp(&self, y: i32, ramp_years: u32) -> f64 {
        let k = y - self.start.0 + 1;
        if k < 1 {
            return 0.0;
        }
        if ramp_years == 0 {
            return 1.0;
        }
        (f64::from(k) / f64::from(ramp_years)).min(1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_of_years_and_ramps() {
        let april = Span::new(
            When {
                year: 2025,
                month: Some(4),
            },
            None,
        );
        // 1 April 2025 to 31 December: 275 of 365 days.
        assert_eq!(april.share_of_year(2025), 275.0 / 365.0);
        assert_eq!(april.share_of_year(2024), 0.0);
        assert_eq!(april.share_of_year(2026), 1.0);
        let one_month = Span::new(
            When {
                year: 2024,
                month: Some(2),
            },
            Some(When {
                year: 2024,
                month: Some(2),
            }),
        );
        assert_eq!(one_month.share_of_year(2024), 29.0 / 366.0);
        let years = Span::new(
            When {
                year: 2026,
                month: None,
            },
            Some(When {
                year: 2027,
                month: None,
            }),
        );
        assert_eq!(
            (years.share_of_year(2027), years.share_of_year(2028)),
            (1.0, 0.0)
        );
        assert_eq!(years.ramp(2026, 3), 1.0 / 3.0);
        assert_eq!(years.ramp(2030, 3), 1.0);
        assert_eq!(years.ramp(2025, 3), 0.0);
        assert_eq!(years.ramp(2026, 0), 1.0);
    }
}
