//! The dashboard in a real headless Chromium, driven over WebDriver: the map colours the
//! countries that have a figure and draws Russia without an antimeridian streak; clicking
//! Russia opens its page with 3.8 Mt and 28.5 Mt and their sources; the Sankey has the five
//! stages; a scenario run from the page draws a shortfall chart; the roadmap page draws the
//! chosen projects' output and the cost curve. A failing test leaves a
//! screenshot in `target/tmp/screenshots/` (or `RAREFLOW_SCREENSHOTS`).

#![allow(missing_docs)]

use browser_tests::until;
use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::Locator;
use serde_json::Value;

/// Runs a browser test, screenshots going to the target's temporary folder.
fn run<F, Fut>(name: &str, body: F)
where
    F: FnOnce(fantoccini::Client, String) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let shots = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    browser_tests::run(shots, name, body);
}

/// The map's region paths in the page, with their fill and bounding box, and the SVG's
/// width: `[{fill, x, width}], width`.
const MAP_PATHS: &str = r#"
const svg = document.querySelector('#chart-map .canvas svg');
const paths = Array.from(svg.querySelectorAll('path')).map(p => {
  const b = p.getBBox();
  return {fill: (p.getAttribute('fill') || '').toLowerCase(), x: b.x, width: b.width, height: b.height};
});
return {paths: paths, width: svg.getBoundingClientRect().width};
"#;

fn grey(fill: &str) -> bool {
    let f = fill.replace(' ', "");
    f == "#e4e4e4" || f == "rgb(228,228,228)"
}

#[test]
#[cfg_attr(
    not(browser_leg),
    ignore = "needs chromium and chromedriver (.ci/run installs them)"
)]
fn the_map_colours_every_country_with_a_figure_and_draws_russia_whole() {
    run("map", |client, base| async move {
        let url = format!("{base}/?metric=reserves&edition=MCS2025");
        client.goto(&url).await.unwrap();
        until(
            &client,
            "document.querySelector('#chart-map')?.dataset.drawn === 'yes'",
            30,
        )
        .await;
        let drawn: Value = client.execute(MAP_PATHS, vec![]).await.unwrap();
        let paths = drawn["paths"].as_array().unwrap();
        let width = drawn["width"].as_f64().unwrap();
        // What the page was given to draw: one row per country with a figure.
        let data: Value = client
            .execute("return JSON.parse(document.querySelector('#chart-map script.chart-data').textContent);", vec![])
            .await
            .unwrap();
        let rows = data["rows"].as_array().unwrap().len();
        assert!(rows >= 10, "{rows} countries with reserves");
        let coloured = paths
            .iter()
            .filter(|p| {
                let f = p["fill"].as_str().unwrap();
                !grey(f) && f != "none" && !f.is_empty() && p["width"].as_f64().unwrap() > 0.0
            })
            .count();
        assert_eq!(
            coloured, rows,
            "countries coloured on the map vs rows drawn"
        );
        // 176 regions (the world atlas less Antarctica), the rest grey.
        assert!(paths.len() >= 170, "{} regions drawn", paths.len());
        // No region spans the map: a ring crossing the antimeridian would (Russia, Fiji).
        let widest = paths
            .iter()
            .map(|p| p["width"].as_f64().unwrap())
            .fold(0.0, f64::max);
        assert!(
            widest < 0.6 * width,
            "a region {widest} px wide on a {width} px map: a streak"
        );
        assert!(
            widest > 0.3 * width,
            "Russia should be the widest region ({widest} of {width})"
        );
    });
}

#[test]
#[cfg_attr(
    not(browser_leg),
    ignore = "needs chromium and chromedriver (.ci/run installs them)"
)]
fn clicking_russia_shows_both_estimates_with_their_sources() {
    run("click-russia", |client, base| async move {
        client
            .goto(&format!("{base}/?metric=reserves&edition=MCS2025"))
            .await
            .unwrap();
        until(
            &client,
            "document.querySelector('#chart-map')?.dataset.drawn === 'yes'",
            30,
        )
        .await;
        // Where central Siberia (100°E, 62°N) is drawn, in the viewport.
        let at: Value = client
            .execute(
                r#"const el = document.querySelector('#chart-map .canvas');
                   el.scrollIntoView();
                   const p = echarts.getInstanceByDom(el).convertToPixel({seriesIndex: 0}, [100, 62]);
                   const r = el.getBoundingClientRect();
                   return [r.left + p[0], r.top + p[1]];"#,
                vec![],
            )
            .await
            .unwrap();
        let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
        let click = MouseActions::new("mouse".into())
            .then(PointerAction::MoveTo {
                duration: None,
                x,
                y,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        client.perform_actions(click).await.unwrap();
        until(&client, "location.pathname === '/country/RUS'", 15).await;
        client
            .wait()
            .for_element(Locator::Css("#estimates"))
            .await
            .unwrap();
        let rows: Value = client
            .execute(
                r#"return Array.from(document.querySelectorAll('#estimates tr.estimate')).map(tr => ({
                     value: tr.querySelector('.value').textContent.trim(),
                     source: tr.querySelector('.source').textContent.trim(),
                     note: tr.querySelector('.note').textContent.trim()}));"#,
                vec![],
            )
            .await
            .unwrap();
        let rows = rows.as_array().unwrap();
        let has = |value: &str, source: &str| {
            rows.iter()
                .any(|r| r["value"] == value && r["source"] == source)
        };
        assert!(has("3.8 Mt", "USGS MCS 2025"), "{rows:?}");
        assert!(has("28.5 Mt", "MNR-RU-2025"), "{rows:?}");
        // Who reported the claim is shown beside it.
        assert!(
            rows.iter().any(
                |r| r["value"] == "28.5 Mt" && r["note"].as_str().unwrap().contains("Interfax")
            ),
            "{rows:?}"
        );
    });
}

#[test]
#[cfg_attr(
    not(browser_leg),
    ignore = "needs chromium and chromedriver (.ci/run installs them)"
)]
fn the_sankey_has_the_five_stages() {
    run("sankey", |client, base| async move {
        client
            .goto(&format!("{base}/chain?scenario=baseline&year=2024"))
            .await
            .unwrap();
        until(
            &client,
            "document.querySelector('#chart-sankey')?.dataset.drawn === 'yes'",
            30,
        )
        .await;
        let labels: Value = client
            .execute(
                "return Array.from(document.querySelectorAll('#chart-sankey .canvas svg text')).map(t => t.textContent);",
                vec![],
            )
            .await
            .unwrap();
        let labels: Vec<&str> = labels
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        for stage in ["mining", "separation", "metal", "magnet", "end use"] {
            assert!(
                labels.iter().any(|l| l.starts_with(&format!("{stage} · "))),
                "no {stage} node among {labels:?}"
            );
        }
        let stages: std::collections::BTreeSet<&str> = labels
            .iter()
            .filter_map(|l| l.split(" · ").next())
            .collect();
        assert_eq!(stages.len(), 5, "{stages:?}");
    });
}

#[test]
#[cfg_attr(
    not(browser_leg),
    ignore = "needs chromium and chromedriver (.ci/run installs them)"
)]
fn a_scenario_run_from_the_page_shows_a_shortfall_chart() {
    run("scenario-run", |client, base| async move {
        client.goto(&format!("{base}/scenarios")).await.unwrap();
        client
            .execute(
                "const s = document.getElementById('scenario'); s.value = 'china-2025-controls'; s.dispatchEvent(new Event('change'));",
                vec![],
            )
            .await
            .unwrap();
        client
            .find(Locator::Id("run"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        until(
            &client,
            "document.querySelector('#chart-shortfalls')?.dataset.drawn === 'yes'",
            60,
        )
        .await;
        let drawn: Value = client
            .execute(
                r#"const f = document.querySelector('#chart-shortfalls');
                   return {lines: f.querySelectorAll('.canvas svg path').length,
                           title: f.querySelector('.title').textContent,
                           source: f.querySelector('.source').textContent,
                           csv: f.querySelector('a.csv').getAttribute('href'),
                           status: document.getElementById('status').textContent};"#,
                vec![],
            )
            .await
            .unwrap();
        assert!(
            drawn["title"]
                .as_str()
                .unwrap()
                .contains("china-2025-controls"),
            "{drawn}"
        );
        assert!(drawn["lines"].as_u64().unwrap() > 5, "{drawn}");
        assert!(
            drawn["source"].as_str().unwrap().starts_with("Source: "),
            "{drawn}"
        );
        assert_eq!(
            drawn["csv"],
            "/charts/shortfalls.csv?scenario=china-2025-controls"
        );
        assert!(
            drawn["status"].as_str().unwrap().starts_with("Ran "),
            "{drawn}"
        );
    });
}

#[test]
#[cfg_attr(
    not(browser_leg),
    ignore = "needs chromium and chromedriver (.ci/run installs them)"
)]
fn the_roadmap_page_draws_the_projects_timeline_and_the_cost_curve() {
    run("roadmap", |client, base| async move {
        client
            .goto(&format!("{base}/roadmaps?roadmap=us-mine-to-magnet"))
            .await
            .unwrap();
        until(
            &client,
            "document.querySelector('#chart-roadmap-costs')?.dataset.drawn === 'yes' && document.querySelector('#chart-roadmap-output')?.dataset.drawn === 'yes'",
            60,
        )
        .await;
        let drawn: Value = client
            .execute(
                r#"const o = document.querySelector('#chart-roadmap-output');
                   const c = document.querySelector('#chart-roadmap-costs');
                   return {bars: o.querySelectorAll('.canvas svg path').length,
                           lines: c.querySelectorAll('.canvas svg path').length,
                           headline: document.getElementById('headline').textContent,
                           projects: document.querySelectorAll('#projects tbody tr').length,
                           source: c.querySelector('.source').textContent,
                           csv: c.querySelector('a.csv').getAttribute('href')};"#,
                vec![],
            )
            .await
            .unwrap();
        assert!(
            drawn["headline"].as_str().unwrap().starts_with("optimal"),
            "{drawn}"
        );
        assert!(drawn["projects"].as_u64().unwrap() >= 5, "{drawn}");
        assert!(drawn["bars"].as_u64().unwrap() > 10, "{drawn}");
        assert!(drawn["lines"].as_u64().unwrap() > 3, "{drawn}");
        assert!(
            drawn["source"]
                .as_str()
                .unwrap()
                .starts_with("Source: roadmaps/us-mine-to-magnet.toml"),
            "{drawn}"
        );
        assert_eq!(
            drawn["csv"],
            "/charts/roadmap-costs.csv?roadmap=us-mine-to-magnet"
        );
    });
}
