//! Chart data: each chart is a table (columns, rows) chosen from a `service` result, with
//! its title, source line and how to draw it. The page draws exactly these rows and offers
//! exactly these rows as CSV (`/charts/NAME.csv` from the same function, and a download
//! built in the page from the rows it drew), so what is drawn and what is downloaded cannot
//! differ. Selecting and pivoting rows is rendering; every number comes from `service`.

use crate::error::ApiError;
use serde::Serialize;
use service::sim::{SimCompareResult, SimResult};
use service::Session;
use std::collections::BTreeSet;

/// How a chart is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A world choropleth: `encode.id` holds ISO 3166 numeric codes.
    Map,
    /// A Sankey diagram of `encode.source` → `encode.target` carrying `encode.value`.
    Sankey,
    /// Lines of `encode.value` over `encode.x`, one per `encode.series`; a null is a gap.
    Line,
    /// Grouped bars of `encode.value` per `encode.x`, one colour per `encode.series`.
    Bar,
}

/// A cell: text, a number, or nothing (a gap, drawn as a gap).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number.
    Num(f64),
    /// No value.
    Null,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(x: f64) -> Cell {
        if x.is_finite() {
            Cell::Num(model::num::tidy(x))
        } else {
            Cell::Null
        }
    }
}

impl From<i32> for Cell {
    fn from(x: i32) -> Cell {
        Cell::Num(f64::from(x))
    }
}

impl From<Option<i32>> for Cell {
    fn from(x: Option<i32>) -> Cell {
        x.map_or(Cell::Null, Cell::from)
    }
}

impl From<Option<f64>> for Cell {
    fn from(x: Option<f64>) -> Cell {
        x.map_or(Cell::Null, Cell::from)
    }
}

impl Cell {
    fn csv(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Num(x) => model::num::text(*x),
            Cell::Null => String::new(),
        }
    }
}

/// Which columns a chart draws from.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Encode {
    /// Category or year axis.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x: Option<&'static str>,
    /// The series a row belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<&'static str>,
    /// The value drawn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<&'static str>,
    /// Map: the region id (ISO 3166 numeric).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'static str>,
    /// Map: the region's name; Sankey: unused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'static str>,
    /// Map: the page a click opens (`/country/{link}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<&'static str>,
    /// Sankey: the flow's origin node.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'static str>,
    /// Sankey: the flow's destination node.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<&'static str>,
}

/// A chart: what to draw, from which rows, with its source line.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Its name (`map`, `sankey`, …): the file name of its CSV.
    pub id: String,
    /// How it is drawn.
    pub kind: Kind,
    /// Title.
    pub title: String,
    /// Unit of the values drawn.
    pub unit: String,
    /// The source line shown under it.
    pub source: String,
    /// What the reader should know (a selection rule, gaps).
    pub note: String,
    /// Column names (the CSV header).
    pub columns: Vec<&'static str>,
    /// Rows: exactly what is drawn.
    pub rows: Vec<Vec<Cell>>,
    /// Which columns are drawn how.
    pub encode: Encode,
}

impl Chart {
    /// The rows as CSV, numbers as rareflow writes them (12 significant digits).
    pub fn csv(&self) -> String {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        // Writing to a Vec cannot fail, and every field is UTF-8 text.
        let _ = w.write_record(&self.columns);
        for row in &self.rows {
            let _ = w.write_record(row.iter().map(Cell::csv));
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// "Source: …" from the editions a chart's rows come from, with their citations and
/// licences as `sources` lists them.
pub async fn source_line(session: &Session, editions: &[String], extra: &str) -> String {
    let sources = session
        .sources()
        .await
        .map(|s| s.sources)
        .unwrap_or_default();
    let mut seen = BTreeSet::new();
    let unique: Vec<&String> = editions
        .iter()
        .filter(|e| !e.is_empty() && seen.insert(e.as_str()))
        .collect();
    // A few sources are cited in full; a chart drawn from many lists their editions, each
    // cited on the about page.
    let parts: Vec<String> = if unique.len() <= 4 {
        unique
            .iter()
            .map(|e| match sources.iter().find(|s| s.edition.0 == **e) {
                Some(s) => format!("{} [{}; {}]", s.citation, s.edition.0, s.licence),
                None => (*e).clone(),
            })
            .collect()
    } else {
        vec![format!(
            "{} editions ({}), each cited on the about page",
            unique.len(),
            unique
                .iter()
                .map(|e| e.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )]
    };
    let mut line = format!("Source: {}", parts.join("; "));
    if !extra.is_empty() {
        line.push_str("; ");
        line.push_str(extra);
    }
    line.push_str(". Computed by rareflow.");
    line
}

/// What a map shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MapMetric {
    /// Reserves by country (tonnes of REO).
    #[default]
    Reserves,
    /// Mine production by country (tonnes of REO).
    MineProduction,
    /// Shares of separation (refining) output.
    Separation,
    /// Shares of metal output.
    Metal,
    /// Shares of magnet output.
    Magnet,
}

impl MapMetric {
    /// Every choice, with its label, for the page's selector.
    pub const ALL: [(MapMetric, &'static str, &'static str); 5] = [
        (MapMetric::Reserves, "reserves", "Reserves"),
        (
            MapMetric::MineProduction,
            "mine-production",
            "Mine production",
        ),
        (
            MapMetric::Separation,
            "separation",
            "Separation: share of output",
        ),
        (MapMetric::Metal, "metal", "Metal: share of output"),
        (MapMetric::Magnet, "magnet", "Magnets: share of output"),
    ];

    /// The query value.
    pub fn id(self) -> &'static str {
        MapMetric::ALL
            .iter()
            .find(|m| m.0 == self)
            .map_or("reserves", |m| m.1)
    }
}

fn country_name(session: &Session, iso3: &str) -> String {
    model::CountryCode::parse(iso3)
        .and_then(|c| session.bundled().dataset.countries.get(c))
        .map_or_else(|| iso3.to_string(), |c| c.name.clone())
}

fn numeric(session: &Session, iso3: &str) -> Option<String> {
    let code = model::CountryCode::parse(iso3)?;
    let c = session.bundled().dataset.countries.get(code)?;
    (!c.numeric.is_empty()).then(|| c.numeric.clone())
}

/// The world map of a metric: one row per country with a value.
pub async fn map(
    session: &Session,
    metric: MapMetric,
    edition: Option<String>,
    year: Option<i32>,
) -> Result<Chart, ApiError> {
    let columns = vec![
        "numeric", "country", "name", "value", "unit", "share", "year", "source", "edition",
        "flags",
    ];
    let encode = Encode {
        id: Some("numeric"),
        name: Some("name"),
        value: Some("value"),
        link: Some("country"),
        ..Encode::default()
    };
    let mut rows = Vec::new();
    let mut editions = Vec::new();
    let (title, unit, note) = match metric {
        MapMetric::Reserves | MapMetric::MineProduction => {
            let table = if metric == MapMetric::Reserves {
                service::rank::TableMetric::Reserves
            } else {
                service::rank::TableMetric::MineProduction
            };
            let r = session
                .rank(&service::rank::RankRequest {
                    metric: table,
                    selection: model::Selection {
                        edition: edition.map(model::EditionId),
                        year: year.map(model::Year),
                    },
                    top: None,
                    denominator: service::rank::ShareOf::WorldTotal,
                    unit: model::TonnesUnit::T,
                })
                .await?;
            let mut when = String::new();
            for item in r
                .rows
                .iter()
                .filter(|i| i.kind == service::rank::RowKind::Country)
            {
                let (Some(code), Some(value)) = (&item.country, item.value) else {
                    continue;
                };
                let Some(num) = numeric(session, code.as_str()) else {
                    continue;
                };
                when = format!("{} {}", item.edition, item.year);
                editions.push(item.edition.0.clone());
                rows.push(vec![
                    num.into(),
                    code.as_str().into(),
                    item.name.clone().into(),
                    value.shown().into(),
                    "t".into(),
                    item.share.map(|s| s.get()).into(),
                    item.year.0.into(),
                    item.source.clone().into(),
                    item.edition.0.clone().into(),
                    item.flags.to_ids().into(),
                ]);
            }
            (
                format!(
                    "{} by country, {when}",
                    if metric == MapMetric::Reserves { "Reserves" } else { "Mine production" }
                ),
                "t REO".to_string(),
                "Countries without a figure are grey; aggregates (\"other countries\") are not drawn. Click a country for every estimate and its source.".to_string(),
            )
        }
        MapMetric::Separation | MapMetric::Metal | MapMetric::Magnet => {
            let stage = match metric {
                MapMetric::Separation => model::Stage::Separation,
                MapMetric::Metal => model::Stage::Metal,
                _ => model::Stage::Magnet,
            };
            let r = session
                .chain(&service::chain::ChainRequest {
                    element: None,
                    year,
                    edition,
                    top: 250,
                    unit: model::TonnesUnit::T,
                })
                .await?;
            let mut items: Vec<&service::chain::ChainItem> = r
                .rows
                .iter()
                .filter(|i| {
                    i.stage == stage
                        && i.kind == service::chain::ChainKind::Country
                        && i.share.is_some()
                })
                .collect();
            // One value per country: the latest year's, the chain's first listed on a tie.
            items.sort_by_key(|i| std::cmp::Reverse(i.year.map_or(i32::MIN, |y| y.0)));
            let mut drawn = BTreeSet::new();
            for item in items {
                let Some(code) = &item.country else { continue };
                let Some(num) = numeric(session, code) else {
                    continue;
                };
                if !drawn.insert(code.clone()) {
                    continue;
                }
                editions.push(item.edition.0.clone());
                rows.push(vec![
                    num.into(),
                    code.as_str().into(),
                    country_name(session, code).into(),
                    item.share.map(|s| s.get() * 100.0).into(),
                    "%".into(),
                    item.share.map(|s| s.get()).into(),
                    item.year.map(|y| y.0).into(),
                    item.source.clone().into(),
                    item.edition.0.clone().into(),
                    item.flags.to_ids().into(),
                ]);
            }
            (
                format!("{}: each country's share of world output", stage.id()),
                "% of world output".to_string(),
                "Shares as each source states them, on the source's basis; where sources differ for a country the map shows the latest year's (the chain page lists them all). Countries no source covers are grey, which is not zero.".to_string(),
            )
        }
    };
    let source = source_line(
        session,
        &editions,
        "world map: Natural Earth via world-atlas",
    )
    .await;
    Ok(Chart {
        id: "map".into(),
        kind: Kind::Map,
        title,
        unit,
        source,
        note,
        columns,
        rows,
        encode,
    })
}

fn flows_chart(r: &SimResult, year: Option<i32>, element: Option<&str>) -> Chart {
    let year = year.unwrap_or(r.from);
    let mut sums: Vec<((model::Stage, String, model::Stage, String), f64)> = Vec::new();
    for f in r
        .flows
        .iter()
        .filter(|f| f.year == year && element.is_none_or(|e| f.element == e))
    {
        let key = (
            f.from_stage,
            f.from_country.clone(),
            f.to_stage,
            f.to_country.clone(),
        );
        match sums.iter_mut().find(|(k, _)| *k == key) {
            Some((_, t)) => *t += f.t,
            None => sums.push((key, f.t)),
        }
    }
    let label = |s: model::Stage, c: &str| format!("{} · {c}", s.id().replace('_', " "));
    let rows = sums
        .into_iter()
        .filter(|(_, t)| *t > 0.0)
        .map(|((fs, fc, ts, tc), t)| {
            vec![
                label(fs, &fc).into(),
                label(ts, &tc).into(),
                fs.id().into(),
                fc.into(),
                ts.id().into(),
                tc.into(),
                t.into(),
            ]
        })
        .collect();
    Chart {
        id: "sankey".into(),
        kind: Kind::Sankey,
        title: format!(
            "The chain in {year}: mining → separation → metal → magnet → end use ({}, {})",
            r.scenario,
            element.map_or("all rare earths".to_string(), |e| e.to_string())
        ),
        unit: "t oxide".into(),
        source: String::new(),
        note: "Flows of the simulator's world network in the scenario and year, summed over the elements when all are shown; the other rare earths (whose element split is not published) are followed mine to separation only.".into(),
        columns: vec!["from", "to", "from_stage", "from_country", "to_stage", "to_country", "t"],
        rows,
        encode: Encode {
            source: Some("from"),
            target: Some("to"),
            value: Some("t"),
            ..Encode::default()
        },
    }
}

/// The chain as a Sankey: a scenario's flows in a year.
pub async fn sankey(
    session: &Session,
    scenario: &str,
    year: Option<i32>,
    element: Option<&str>,
) -> Result<Chart, ApiError> {
    let req = session.sim_bundled(scenario)?;
    let s = session.clone();
    let r = tokio::task::spawn_blocking(move || s.sim_run(&req))
        .await
        .map_err(|_| ApiError::new(crate::error::Code::Internal, "the run failed"))??;
    if let Some(y) = year {
        if y < r.from || y > r.to {
            return Err(ApiError::bad_input(format!(
                "query parameter year: {y} is outside the scenario's years {}–{}",
                r.from, r.to
            )));
        }
    }
    let mut chart = flows_chart(&r, year, element);
    chart.source = world_source(session).await;
    Ok(chart)
}

/// The source line of anything run on the bundled world network.
pub async fn world_source(session: &Session) -> String {
    let editions: Vec<String> = session
        .bundled()
        .world
        .trade
        .iter()
        .map(|l| l.edition.0.clone())
        .chain(["MCS2025".to_string()])
        .collect();
    source_line(
        session,
        &editions,
        "the world network built from them by the rules of docs/model/world.md",
    )
    .await
}

/// Every estimate for a country and metric, side by side.
pub async fn compare(
    session: &Session,
    country: &str,
    metric: model::Metric,
) -> Result<Chart, ApiError> {
    let r = session
        .compare(&service::compare::CompareRequest {
            country: country.to_string(),
            metric,
            year: None,
            unit: model::TonnesUnit::T,
        })
        .await?;
    let mut rows = Vec::new();
    let mut editions = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    for o in &r.estimates {
        let value = match o.value {
            Some(service::values::Amount::Mass(m)) => Some(m.shown()),
            Some(service::values::Amount::Number(x)) => Some(x),
            None => None,
        };
        editions.push(o.edition.0.clone());
        // Each bar its own label: one source can state two values (28.5 Mt and 28.7 Mt as
        // two outlets reported one ministry), and a shared label would draw one bar.
        let mut label = format!("{} {} ({})", o.source, o.year, o.kind.replace('_', " "));
        let same = labels
            .iter()
            .filter(|l: &&String| l.starts_with(&label))
            .count();
        if same > 0 {
            label = format!("{label} #{}", same + 1);
        }
        labels.push(label.clone());
        rows.push(vec![
            label.into(),
            o.metric.id().into(),
            value.into(),
            o.unit.clone().into(),
            o.year.0.into(),
            o.source.clone().into(),
            o.edition.0.clone().into(),
            o.kind.clone().into(),
            o.citation.clone().into(),
        ]);
    }
    let (name, code, m) = &r.about;
    Ok(Chart {
        id: "compare".into(),
        kind: Kind::Bar,
        title: format!("{name} ({code}): every estimate of {}", m.id().replace('_', " ")),
        unit: "t".into(),
        source: source_line(session, &editions, "").await,
        note: "Each bar is one statement by one source; they are never merged. A government's claim may count another quantity (resources, another basis): read each note.".into(),
        columns: vec!["estimate", "metric", "value", "unit", "year", "source", "edition", "kind", "citation"],
        rows,
        encode: Encode {
            x: Some("estimate"),
            series: Some("metric"),
            value: Some("value"),
            ..Encode::default()
        },
    })
}

/// EU CRM 2023: supply risk and economic importance, computed beside published.
pub fn risk(all: &service::risk::RiskEuAllResult, source: String) -> Chart {
    let mut rows = Vec::new();
    for a in all.assessments.iter().map(|r| &r.assessment) {
        for (measure, computed, published, status) in [
            ("SR", a.sr, a.published.sr, a.status.sr),
            ("EI", a.ei, a.published.ei, a.status.ei),
        ] {
            rows.push(vec![
                a.material.clone().into(),
                format!("{measure} computed").into(),
                computed.into(),
                published.into(),
                status.id().into(),
            ]);
            rows.push(vec![
                a.material.clone().into(),
                format!("{measure} published").into(),
                published.into(),
                published.into(),
                status.id().into(),
            ]);
        }
    }
    Chart {
        id: "risk".into(),
        kind: Kind::Bar,
        title: "EU CRM 2023: supply risk (SR) and economic importance (EI), computed by rareflow beside the published scores".into(),
        unit: "index".into(),
        source,
        note: "A missing bar is a gap: an input the published annexes do not give (the reasons are listed per material). Thresholds: SR ≥ 1 and EI ≥ 2.8 make a material critical.".into(),
        columns: vec!["material", "measure", "value", "published", "status"],
        rows,
        encode: Encode {
            x: Some("material"),
            series: Some("measure"),
            value: Some("value"),
            ..Encode::default()
        },
    }
}

/// A demand scenario's element demand by technology, gaps as gaps.
pub fn demand(r: &service::demand::DemandResult, element: &str, source: String) -> Chart {
    let mut rows = Vec::new();
    for row in r.rows.iter().filter(|row| row.element.symbol() == element) {
        for t in &row.by_technology {
            rows.push(vec![
                row.year.0.into(),
                t.technology.clone().into(),
                t.flows.demand.map(|m| m.shown()).into(),
                t.deployment_basis.clone().into(),
            ]);
        }
        rows.push(vec![
            row.year.0.into(),
            "total".into(),
            row.flows.demand.map(|m| m.shown()).into(),
            if row.missing.is_empty() {
                "covered".to_string()
            } else {
                format!(
                    "gap: {}",
                    row.missing
                        .iter()
                        .map(|m| m.technology.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
            .into(),
        ]);
    }
    Chart {
        id: "demand".into(),
        kind: Kind::Line,
        title: format!("{element} demand by technology, {} ({}–{})", r.scenario, r.from, r.to),
        unit: "t of element".into(),
        source,
        note: "A break in a line is a gap: the year has no published deployment figure for a technology, so its demand (and the total) is unknown, not zero.".into(),
        columns: vec!["year", "series", "value", "basis"],
        rows,
        encode: Encode {
            x: Some("year"),
            series: Some("series"),
            value: Some("value"),
            ..Encode::default()
        },
    }
}

/// A run's charts: shortfalls, prices and concentration over time.
pub fn scenario(r: &SimResult, source: &str) -> Vec<Chart> {
    let short: BTreeSet<(&str, &str)> = r
        .shortfalls
        .iter()
        .filter(|s| s.shortfall_t > 0.0)
        .map(|s| (s.country.as_str(), s.element.as_str()))
        .collect();
    let shortfall_rows = r
        .shortfalls
        .iter()
        .filter(|s| short.contains(&(s.country.as_str(), s.element.as_str())))
        .map(|s| {
            vec![
                s.year.into(),
                format!("{} {}", s.country, s.element).into(),
                s.shortfall_t.into(),
                s.demand_t.into(),
            ]
        })
        .collect();
    let price_rows = r
        .prices
        .iter()
        .map(|p| {
            vec![
                p.year.into(),
                p.element.clone().into(),
                p.ratio_to_base.into(),
                p.price.into(),
            ]
        })
        .collect();
    let magnets = ["Nd", "Pr", "Dy", "Tb"];
    let concentration_rows = r
        .concentration
        .iter()
        .filter(|c| magnets.contains(&c.element.as_str()))
        .map(|c| {
            vec![
                c.year.into(),
                format!("{} {}", c.stage.id().replace('_', " "), c.element).into(),
                c.hhi.into(),
                c.largest_country.clone().into(),
                c.largest_share.into(),
            ]
        })
        .collect();
    let title = |what: &str| format!("{what}: {} ({}–{})", r.scenario, r.from, r.to);
    vec![
        Chart {
            id: "shortfalls".into(),
            kind: Kind::Line,
            title: title("Shortfalls"),
            unit: "t oxide".into(),
            source: source.into(),
            note: if short.is_empty() {
                "No one runs short: every region's demand is met in every year.".into()
            } else {
                "Each line is a region and element that runs short in some year: demand not delivered (after stockpile releases).".into()
            },
            columns: vec!["year", "series", "value", "demand_t"],
            rows: shortfall_rows,
            encode: Encode {
                x: Some("year"),
                series: Some("series"),
                value: Some("value"),
                ..Encode::default()
            },
        },
        Chart {
            id: "prices".into(),
            kind: Kind::Line,
            title: title("Prices over their 2024 base"),
            unit: "× base price".into(),
            source: source.into(),
            note: "p = p0 · (D / (D − S))^(1/ε), capped at 10 × p0 (labelled assumptions, docs/model/sim.md); prices change neither flows nor demand.".into(),
            columns: vec!["year", "series", "value", "price_usd_per_kg"],
            rows: price_rows,
            encode: Encode {
                x: Some("year"),
                series: Some("series"),
                value: Some("value"),
                ..Encode::default()
            },
        },
        Chart {
            id: "concentration".into(),
            kind: Kind::Line,
            title: title("Concentration (HHI) of the magnet rare earths by stage"),
            unit: "HHI (0–10,000)".into(),
            source: source.into(),
            note: "The Herfindahl–Hirschman index of each stage's output by country, per element.".into(),
            columns: vec!["year", "series", "value", "largest_country", "largest_share"],
            rows: concentration_rows,
            encode: Encode {
                x: Some("year"),
                series: Some("series"),
                value: Some("value"),
                ..Encode::default()
            },
        },
    ]
}

/// Two scenarios compared: every shortfall and price that differs, B − A.
pub fn scenario_compare(r: &SimCompareResult, source: &str) -> Chart {
    let rows = r
        .rows
        .iter()
        .filter(|c| c.table != "concentration" && c.difference.is_some_and(|d| d.abs() > 1e-9))
        .map(|c| {
            vec![
                c.year.into(),
                if c.key.is_empty() {
                    format!("{} {}", c.table, c.element)
                } else {
                    format!("{} {} {}", c.table, c.key, c.element)
                }
                .into(),
                c.difference.into(),
                c.a.into(),
                c.b.into(),
            ]
        })
        .collect();
    let (a, b) = &r.names;
    Chart {
        id: "scenario-compare".into(),
        kind: Kind::Line,
        title: format!("{b} minus {a}: shortfalls (t) and prices (USD/kg) that differ"),
        unit: "B − A".into(),
        source: source.into(),
        note: "Only the series that differ between the two scenarios are drawn.".into(),
        columns: vec!["year", "series", "value", "a", "b"],
        rows,
        encode: Encode {
            x: Some("year"),
            series: Some("series"),
            value: Some("value"),
            ..Encode::default()
        },
    }
}

/// A plan's charts: each chosen project's output by year (bars, the projects' timeline),
/// and the cost per year (capex, opex, total; undiscounted and discounted).
pub fn roadmap(r: &service::plan::PlanResult, source: &str) -> Vec<Chart> {
    let p = &r.plan;
    let mut output: Vec<Vec<Cell>> = Vec::new();
    for c in &p.projects {
        for y in r.from..=r.to {
            let t: f64 = p
                .output
                .iter()
                .filter(|o| o.project == c.project && o.year == y)
                .map(|o| o.t)
                .sum();
            output.push(vec![
                y.into(),
                c.project.clone().into(),
                t.into(),
                c.decide_year.into(),
                c.first_output_year.into(),
            ]);
        }
    }
    let mut costs: Vec<Vec<Cell>> = Vec::new();
    for c in &p.costs {
        for (what, v) in [
            ("capex", c.capex),
            ("opex", c.opex),
            ("co-product stock", c.coproduct_stock),
            ("total, discounted", c.discounted),
        ] {
            costs.push(vec![c.year.into(), what.into(), v.into()]);
        }
    }
    let title = |what: &str| {
        format!(
            "{what}: roadmap {} ({}, {}–{}, {})",
            r.roadmap,
            r.group,
            r.from,
            r.to,
            p.status.id()
        )
    };
    vec![
        Chart {
            id: "roadmap-output".into(),
            kind: Kind::Bar,
            title: title("Output of the chosen projects"),
            unit: "t oxide a year".into(),
            source: source.into(),
            note: "One bar per project and year: 0 until its first output (decided in decide_year, producing from first_output_year, ramping to its capacity).".into(),
            columns: vec!["year", "series", "value", "decide_year", "first_output_year"],
            rows: output,
            encode: Encode {
                x: Some("year"),
                series: Some("series"),
                value: Some("value"),
                ..Encode::default()
            },
        },
        Chart {
            id: "roadmap-costs".into(),
            kind: Kind::Line,
            title: title("Cost per year"),
            unit: "million USD of 2024".into(),
            source: source.into(),
            note: "Capex spread evenly over each project's lead years; the discounted total sums to the plan's objective.".into(),
            columns: vec!["year", "series", "value"],
            rows: costs,
            encode: Encode {
                x: Some("year"),
                series: Some("series"),
                value: Some("value"),
                ..Encode::default()
            },
        },
    ]
}
