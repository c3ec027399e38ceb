//! `rareflow sim run|check|compare|list`: reads a scenario (a file, or a bundled one by
//! name) and the network folder it names, asks `service` to run it, and renders the answer:
//! who runs short of what, when, how much, at what price; `--out` writes the run's files
//! into a new folder, all at once.

use super::read_named;
use crate::args::SimAction;
use crate::chart::{self, Line};
use crate::output::{Listing, Out, Report, Val};
use anyhow::Context as _;
use model::sim::NetworkSource;
use service::sim::{NetworkTexts, SimCompareResult, SimRequest, SimResult};
use service::Session;
use std::path::{Path, PathBuf};

/// The request for a scenario given as a file path or a bundled name, with its network.
pub(crate) fn request(
    session: &Session,
    scenario: &str,
    network: Option<&Path>,
) -> anyhow::Result<SimRequest> {
    let path = PathBuf::from(scenario);
    let mut req = if path.exists() || scenario.ends_with(".toml") {
        let file = read_named(&path)?;
        let parsed = session.sim_scenario(&file)?;
        let network = match (network, &parsed.network) {
            (Some(dir), _) => Some(read_network(dir)?),
            (None, NetworkSource::Folder(rel)) => {
                let base = path.parent().unwrap_or(Path::new(""));
                Some(read_network(&base.join(rel))?)
            }
            (None, NetworkSource::Bundled) => None,
        };
        SimRequest {
            scenario: file,
            network,
        }
    } else {
        session.sim_bundled(scenario)?
    };
    if let (Some(dir), true) = (network, req.network.is_none() || !path.exists()) {
        req.network = Some(read_network(dir)?);
    }
    Ok(req)
}

fn read_network(dir: &Path) -> anyhow::Result<NetworkTexts> {
    if !dir.is_dir() {
        anyhow::bail!(
            "the network folder {} does not exist: expected a folder with nodes.csv, links.csv and demand.csv",
            dir.display()
        );
    }
    let demand = dir.join("demand.csv");
    Ok(NetworkTexts {
        folder: dir.display().to_string(),
        nodes: read_named(&dir.join("nodes.csv"))?,
        links: read_named(&dir.join("links.csv"))?,
        demand: demand.exists().then(|| read_named(&demand)).transpose()?,
    })
}

/// Runs a `sim` action.
pub async fn sim(session: &Session, out: &Out, action: SimAction) -> anyhow::Result<()> {
    match action {
        SimAction::Run {
            scenario,
            network,
            out: dir,
            svg,
        } => {
            let req = request(session, &scenario, network.as_deref())?;
            if let Some(d) = &dir {
                check_empty(d)?;
            }
            let r = session.sim_run(&req)?;
            if let Some(d) = &dir {
                write_out(d, &service::sim::output_files(&r))?;
                eprintln!("wrote {}", d.display());
            }
            if let Some(path) = &svg {
                draw(&r, path)?;
                eprintln!("wrote {}", path.display());
            }
            if out.format == crate::args::Format::Csv {
                print!("{}", service::sim::shortfalls_csv(&r));
                return Ok(());
            }
            out.emit(&render_run(&r), &r)
        }
        SimAction::Check { scenario, network } => {
            let req = request(session, &scenario, network.as_deref())?;
            let r = session.sim_check(&req)?;
            let mut report = Report {
                title: vec![format!(
                    "ok: {} ({}–{}): {} events on {} nodes and {} links",
                    r.scenario, r.from, r.to, r.events, r.nodes, r.links
                )],
                ..Report::default()
            };
            report
                .notes
                .extend(r.notes.iter().map(|n| format!("note: {n}")));
            out.emit(&report, &r)
        }
        SimAction::Compare { a, b } => {
            let (ra, rb) = (request(session, &a, None)?, request(session, &b, None)?);
            let r = session.sim_compare(&ra, &rb)?;
            out.emit(&render_compare(&r), &r)
        }
        SimAction::Network { out: dir } => {
            if let Some(d) = &dir {
                check_empty(d)?;
            }
            let r = session.world_network()?;
            if let Some(d) = &dir {
                write_out(d, &service::trade::world_network_files(&r))?;
                eprintln!("wrote {}", d.display());
            }
            out.emit(&super::trade::render_world(&r), &r)
        }
        SimAction::List => {
            let r = session.sim_list()?;
            let mut report = Report::default();
            report.listing.headers = ["name", "years", "events", "description"]
                .map(String::from)
                .to_vec();
            for s in &r.scenarios {
                report.listing.rows.push(vec![
                    Val::Text(s.name.clone()),
                    Val::Text(format!("{}–{}", s.from, s.to)),
                    Val::Text(s.events.to_string()),
                    Val::Text(s.description.clone()),
                ]);
            }
            report
                .notes
                .push("Run one with `rareflow sim run NAME`.".into());
            out.emit(&report, &r)
        }
    }
}

fn render_run(r: &SimResult) -> Report {
    let mut report = Report {
        title: vec![format!(
            "Scenario {} ({}–{}): who runs short of what, when, how much, at what price",
            r.scenario, r.from, r.to
        )],
        ..Report::default()
    };
    report.listing.headers = [
        "country",
        "element",
        "first short",
        "worst year",
        "worst shortfall (t)",
        "of demand",
        "cumulative (t)",
        "peak price (USD/kg)",
        "× base",
    ]
    .map(String::from)
    .to_vec();
    for s in &r.summary {
        report.listing.rows.push(vec![
            Val::Text(s.country.clone()),
            Val::Text(s.element.clone()),
            Val::Text(s.first_year.to_string()),
            Val::Text(s.peak_year.to_string()),
            Val::Plain(Some(s.peak_shortfall_t)),
            Val::Share(model::Share::new(s.peak_share_of_demand)),
            Val::Plain(Some(s.cumulative_shortfall_t)),
            Val::Plain(s.peak_price),
            Val::Num(Some(s.peak_price_ratio), 2),
        ]);
    }
    if r.summary.is_empty() {
        report.listing.headers.clear();
        report
            .notes
            .push("No one runs short: every region's demand is met in every year.".into());
    }
    report.notes.push(format!(
        "Mass balance: largest node residual {} t. Files: --out DIR; every table: --format json.",
        model::num::text(r.metadata.max_balance_residual)
    ));
    report
        .notes
        .extend(r.metadata.notes.iter().map(|n| format!("note: {n}")));
    report
}

fn render_compare(r: &SimCompareResult) -> Report {
    let mut report = Report {
        title: vec![format!(
            "{} (a) against {} (b): b − a",
            r.names.0, r.names.1
        )],
        ..Report::default()
    };
    report.listing.headers = ["year", "table", "key", "element", "a", "b", "difference"]
        .map(String::from)
        .to_vec();
    for row in &r.rows {
        report.listing.rows.push(vec![
            Val::Text(row.year.to_string()),
            Val::Text(row.table.clone()),
            Val::Text(row.key.clone()),
            Val::Text(row.element.clone()),
            Val::Plain(row.a),
            Val::Plain(row.b),
            Val::Plain(row.difference),
        ]);
    }
    report.csv = Some(Listing {
        headers: report.listing.headers.clone(),
        rows: report.listing.rows.clone(),
    });
    report
}

pub(crate) fn check_empty(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        if entries.next().is_some() {
            return Err(service::Error::Usage(format!(
                "--out {} is not empty: give a new or empty folder (a run never mixes its files with others)",
                dir.display()
            ))
            .into());
        }
    }
    Ok(())
}

/// Writes the files into a temporary folder beside `dir`, then renames it to `dir`, so a
/// run that fails half-way leaves nothing behind.
pub(crate) fn write_out(dir: &Path, files: &[(&str, String)]) -> anyhow::Result<()> {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !parent.is_dir() {
        anyhow::bail!(
            "cannot write {}: the folder {} does not exist",
            dir.display(),
            parent.display()
        );
    }
    let name = dir
        .file_name()
        .map_or("out".into(), |n| n.to_string_lossy().to_string());
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> anyhow::Result<()> {
        std::fs::create_dir(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        for (file, text) in files {
            std::fs::write(tmp.join(file), text).with_context(|| format!("cannot write {file}"))?;
        }
        if dir.exists() {
            std::fs::remove_dir(dir)
                .with_context(|| format!("cannot replace the empty {}", dir.display()))?;
        }
        std::fs::rename(&tmp, dir)
            .with_context(|| format!("cannot move the files into {}", dir.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

fn draw(r: &SimResult, path: &Path) -> anyhow::Result<()> {
    let mut lines = Vec::new();
    for s in &r.summary {
        lines.push(Line {
            label: format!("{} {} shortfall", s.country, s.element),
            points: r
                .shortfalls
                .iter()
                .filter(|x| x.country == s.country && x.element == s.element)
                .map(|x| (x.year, x.shortfall_t))
                .collect(),
            width: 2,
        });
    }
    chart::lines(
        path,
        &format!("Shortfalls, scenario {} (t of oxide)", r.scenario),
        "t",
        &lines,
        &format!(
            "rareflow sim run; scenario sha256 {}…",
            &r.metadata.scenario_sha256[..12]
        ),
    )
}
