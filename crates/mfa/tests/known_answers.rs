//! Known answers from ODYM's and flodym's public tests, round trips and mass balance.

use mfa::{
    inflow_driven, inflow_driven_with, stock_driven, stock_driven_with, Detail, Lifetimes,
    MfaError, NegativeInflow, StockModel, Workspace,
};
use model::Lifetime;

fn one_to_ten() -> Vec<f64> {
    (1..=10).map(f64::from).collect()
}

fn close(x: f64, reference: f64, scale: f64) -> bool {
    (x - reference).abs() <= 1e-9 * reference.abs() + 1e-12 * scale
}

fn assert_balanced(m: &StockModel) {
    let scale = m.stock.iter().fold(0.0f64, |a, b| a.max(b.abs()));
    for (t, b) in m.balance.iter().enumerate() {
        assert!(b.abs() <= 1e-9 * scale + 1e-12, "balance[{t}] = {b}");
    }
    let total_in: f64 = m.inflow.iter().sum();
    let total_out: f64 = m.outflow.iter().sum();
    assert!(
        close(total_in, total_out + m.stock.last().unwrap(), total_in),
        "mass: {total_in} vs {total_out} + stock"
    );
}

#[test]
fn odym_fixed_five_years() {
    for detail in [Detail::Totals, Detail::ByCohort] {
        let m = inflow_driven(
            &one_to_ten(),
            &Lifetimes::Same(Lifetime::Fixed { mean: 5.0 }),
            detail,
        )
        .unwrap();
        assert_eq!(
            m.outflow,
            [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
        );
        assert_eq!(
            m.stock,
            [1.0, 3.0, 6.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0]
        );
        assert_balanced(&m);
    }
}

#[test]
fn odym_normal_and_weibull_tenth_year_stock() {
    let normal = inflow_driven(
        &one_to_ten(),
        &Lifetimes::Same(Lifetime::Normal { mean: 5.0, sd: 1.5 }),
        Detail::Totals,
    )
    .unwrap();
    assert_eq!((normal.stock[9] * 1e8).round() / 1e8, 41.45873561);
    let weibull = inflow_driven(
        &one_to_ten(),
        &Lifetimes::Same(Lifetime::Weibull {
            shape: 1.2,
            scale: 1.0,
        }),
        Detail::Totals,
    )
    .unwrap();
    assert_eq!((weibull.stock[9] * 1e8).round() / 1e8, 14.31833966);
    assert_balanced(&normal);
    assert_balanced(&weibull);
}

#[test]
fn flodym_lognormal_constant_inflow() {
    let m = inflow_driven(
        &[1.0; 201],
        &Lifetimes::Same(Lifetime::LogNormal {
            mean: 30.0,
            sd: 10.0,
        }),
        Detail::Totals,
    )
    .unwrap();
    let last = *m.stock.last().unwrap();
    assert!((last - 30.5).abs() <= 0.01, "{last}");
    assert_balanced(&m);
}

#[test]
fn totals_equal_the_sums_of_the_cohort_matrices() {
    let inflow: Vec<f64> = (0..40)
        .map(|k| 10.0 + (f64::from(k) * 0.7).sin() * 5.0)
        .collect();
    for l in [
        Lifetime::Normal { mean: 8.0, sd: 3.0 },
        Lifetime::Weibull {
            shape: 2.5,
            scale: 12.0,
        },
        Lifetime::LogNormal { mean: 9.0, sd: 4.0 },
        Lifetime::Fixed { mean: 6.5 },
    ] {
        let a = inflow_driven(&inflow, &Lifetimes::Same(l), Detail::Totals).unwrap();
        let b = inflow_driven(&inflow, &Lifetimes::Same(l), Detail::ByCohort).unwrap();
        for t in 0..inflow.len() {
            assert!(
                close(a.stock[t], b.stock[t], 1.0) && close(a.outflow[t], b.outflow[t], 1.0),
                "{l} t={t}"
            );
        }
    }
}

#[test]
fn recycled_matrices_give_the_same_answers_as_fresh_ones() {
    // Runs of different lengths and directions share one workspace; each must equal a run
    // with fresh matrices exactly (the upper triangle stays zero, the lower is rewritten).
    let mut ws = Workspace::default();
    let l = Lifetimes::Same(Lifetime::Weibull {
        shape: 2.5,
        scale: 6.0,
    });
    for (n, scale) in [(30usize, 1.0), (30, 3.0), (12, 2.0), (30, 0.5)] {
        let inflow: Vec<f64> = (0..n).map(|k| scale * (1.0 + k as f64)).collect();
        let fresh = inflow_driven(&inflow, &l, Detail::ByCohort).unwrap();
        let reused = inflow_driven_with(&inflow, &l, Detail::ByCohort, &mut ws).unwrap();
        assert_eq!(fresh, reused);
        ws.recycle(reused);
        let back = stock_driven_with(
            &fresh.stock,
            &l,
            NegativeInflow::Allow,
            Detail::ByCohort,
            &mut ws,
        )
        .unwrap();
        assert_eq!(
            back,
            stock_driven(&fresh.stock, &l, NegativeInflow::Allow, Detail::ByCohort).unwrap()
        );
        ws.recycle(back);
    }
}

#[test]
fn stock_driven_gives_back_the_inflow() {
    let inflow: Vec<f64> = (0..60)
        .map(|k| 5.0 + f64::from(k) + (f64::from(k) * 0.3).cos())
        .collect();
    let per_cohort: Vec<Lifetime> = (0..60)
        .map(|k| Lifetime::Weibull {
            shape: 2.0,
            scale: 10.0 + f64::from(k) * 0.1,
        })
        .collect();
    let cases = [
        Lifetimes::Same(Lifetime::Normal {
            mean: 10.0,
            sd: 3.0,
        }),
        Lifetimes::Same(Lifetime::Weibull {
            shape: 1.5,
            scale: 12.0,
        }),
        Lifetimes::Same(Lifetime::LogNormal {
            mean: 15.0,
            sd: 5.0,
        }),
        Lifetimes::Same(Lifetime::Fixed { mean: 7.0 }),
        Lifetimes::PerCohort(per_cohort),
    ];
    for l in cases {
        let forward = inflow_driven(&inflow, &l, Detail::Totals).unwrap();
        let back =
            stock_driven(&forward.stock, &l, NegativeInflow::Allow, Detail::ByCohort).unwrap();
        for (t, (a, b)) in inflow.iter().zip(&back.inflow).enumerate() {
            assert!(close(*b, *a, 100.0), "{l:?} t={t}: {b} vs {a}");
        }
        assert_balanced(&back);
    }
}

#[test]
fn negative_inflow_is_carried_or_corrected() {
    // The stock falls faster than anything can leave: a negative inflow is needed.
    let stock = [10.0, 10.0, 4.0, 4.0, 6.0];
    let life = Lifetimes::Same(Lifetime::Fixed { mean: 10.0 });
    let carried = stock_driven(&stock, &life, NegativeInflow::Allow, Detail::ByCohort).unwrap();
    assert_eq!(carried.inflow, [10.0, 0.0, -6.0, 0.0, 2.0]);
    assert_eq!(carried.stock, stock);
    let corrected = stock_driven(&stock, &life, NegativeInflow::Correct, Detail::ByCohort).unwrap();
    assert_eq!(corrected.inflow, [10.0, 0.0, 0.0, 0.0, 2.0]);
    assert_eq!(corrected.stock, stock);
    assert_eq!(corrected.outflow, [0.0, 0.0, 6.0, 0.0, 0.0]);
    let s = corrected.stock_by_cohort.as_ref().unwrap();
    assert_eq!(s[3][0], 4.0, "cohort 0 cut to 40% from year 2 on");
    assert_balanced(&corrected);
}

#[test]
fn invalid_input_is_an_error_naming_the_year() {
    let l = Lifetimes::Same(Lifetime::Fixed { mean: 5.0 });
    assert_eq!(
        inflow_driven(&[1.0, -2.0], &l, Detail::Totals),
        Err(MfaError::NegativeInflow {
            index: 1,
            value: -2.0
        })
    );
    assert!(matches!(
        inflow_driven(&[1.0, f64::NAN], &l, Detail::Totals),
        Err(MfaError::NotFinite { index: 1, .. })
    ));
    assert_eq!(
        stock_driven(&[1.0, -2.0], &l, NegativeInflow::Allow, Detail::Totals),
        Err(MfaError::NegativeStock {
            index: 1,
            value: -2.0
        })
    );
    assert_eq!(inflow_driven(&[], &l, Detail::Totals), Err(MfaError::Empty));
    let bad = Lifetimes::Same(Lifetime::Normal { mean: 5.0, sd: 0.0 });
    assert!(inflow_driven(&[1.0], &bad, Detail::Totals)
        .unwrap_err()
        .to_string()
        .contains("greater than 0"));
    let gone = Lifetimes::Same(Lifetime::Fixed { mean: 0.0 });
    let e = stock_driven(&[1.0], &gone, NegativeInflow::Allow, Detail::Totals).unwrap_err();
    assert!(
        matches!(e, MfaError::CannotHoldStock { index: 0, .. }),
        "{e}"
    );
    let mismatch = Lifetimes::PerCohort(vec![Lifetime::Fixed { mean: 1.0 }]);
    assert_eq!(
        inflow_driven(&[1.0, 2.0], &mismatch, Detail::Totals),
        Err(MfaError::LengthMismatch {
            lifetimes: 1,
            years: 2
        })
    );
}
