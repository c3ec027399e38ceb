//! One module per command: each turns the parsed arguments into a `service` request and
//! renders the typed result as a table or CSV (`--format json` is the result serialised).
//! No domain rule lives here: `service` answers, the CLI renders.

mod balance;
mod chain;
mod compare;
mod country;
mod demand;
mod import;
mod overview;
mod plan;
mod projects;
mod rank;
mod risk;
mod schema;
mod serve;
mod sim;
mod sources;
mod stock;
mod trade;

use crate::args::{Cli, Command, DenominatorArg, Pin};
use crate::context;
use crate::output::{Out, Report, Val};
use anyhow::Context as _;
use model::{EditionId, Selection, Year};
use service::observations::ObservationRow;
use service::rank::ShareOf;
use service::NamedText;

/// Runs the parsed command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    if cli.unit.is_some() && !cli.command.prints_tonnes() {
        return Err(service::Error::Usage(format!(
            "--unit converts tonnes, and `rareflow {}` prints none: drop --unit",
            cli.command.name()
        ))
        .into());
    }
    let out = Out::new(cli.format, cli.unit.unwrap_or(crate::args::UnitArg::T));
    if let Command::Schema { words } = &cli.command {
        return schema::schema(words);
    }
    if let Command::Serve(args) = cli.command {
        return serve::serve(args, cli.db.as_deref()).await;
    }
    let session = context::session(cli.db.as_deref())?;
    let result = answer(cli.command, &session, &out).await;
    for w in session.take_warnings() {
        eprintln!("warning: {w}");
    }
    result
}

/// Answers one command and prints the answer.
async fn answer(command: Command, session: &service::Session, out: &Out) -> anyhow::Result<()> {
    let unit = out.unit;
    match command {
        Command::Overview(pin) => {
            let r = session
                .overview(&service::overview::OverviewRequest {
                    selection: selection(&pin),
                    unit,
                })
                .await?;
            out.emit(&overview::render(&r), &r)
        }
        Command::Rank {
            metric,
            pin,
            top,
            denominator,
        } => {
            let r = session
                .rank(&service::rank::RankRequest {
                    metric: metric.metric(),
                    selection: selection(&pin),
                    top,
                    denominator: denom(denominator),
                    unit,
                })
                .await?;
            out.emit(&rank::render_rank(&r), &r)
        }
        Command::Concentration {
            metric,
            pin,
            denominator,
        } => {
            let r = session
                .concentration(&service::rank::ConcentrationRequest {
                    metric: metric.metric(),
                    selection: selection(&pin),
                    denominator: denom(denominator),
                    unit,
                })
                .await?;
            out.emit(&rank::render_concentration(&r), &r)
        }
        Command::Compare {
            country,
            metric,
            year,
        } => {
            let r = session
                .compare(&service::compare::CompareRequest {
                    country,
                    metric: metric.metric().metric(),
                    year,
                    unit,
                })
                .await?;
            out.emit(&compare::render_compare(&r), &r)
        }
        Command::Cite {
            country,
            metric,
            value,
        } => {
            let r = session
                .cite(&service::compare::CiteRequest {
                    country,
                    metric: metric.map(|m| m.metric().metric()),
                    value,
                    unit,
                })
                .await?;
            out.emit(&compare::render_cite(&r), &r)
        }
        Command::Country { country, pin } => {
            let r = session
                .country(&service::country::CountryRequest {
                    country,
                    edition: pin.edition,
                    year: pin.year,
                    unit,
                })
                .await?;
            out.emit(&country::render(&r), &r)
        }
        Command::Sources => {
            let r = session.sources().await?;
            out.emit(&sources::render(&r), &r)
        }
        Command::Chain {
            element,
            year,
            edition,
            top,
            svg,
        } => {
            let r = session
                .chain(&service::chain::ChainRequest {
                    element,
                    year,
                    edition,
                    top,
                    unit,
                })
                .await?;
            if let Some(path) = &svg {
                chain::draw(&r, path)?;
                eprintln!("wrote {}", path.display());
            }
            out.emit(&chain::render(&r), &r)
        }
        Command::Balance {
            year,
            edition,
            ore_types,
            country_ores,
        } => {
            let user = service::UserTables {
                ore_types: ore_types.as_deref().map(read_named).transpose()?,
                country_ores: country_ores.as_deref().map(read_named).transpose()?,
                demand: None,
            };
            let r = session
                .with_tables(&user)?
                .balance(&service::balance::BalanceRequest {
                    year,
                    edition,
                    unit,
                })
                .await?;
            out.emit(&balance::render(&r), &r)
        }
        Command::Projects { country, status } => {
            let r = session.projects(&service::projects::ProjectsRequest {
                country,
                status: status.map(|s| s.status()),
            })?;
            out.emit(&projects::render(&r), &r)
        }
        Command::Import { kind } => {
            let crate::args::ImportKind::UsgsMcs {
                file,
                replace,
                publisher,
                kind,
            } = kind;
            let r = session
                .import(&service::import::ImportRequest {
                    file: read_named(&file)?,
                    replace,
                    publisher,
                    kind: Some(kind.kind()),
                })
                .await?;
            out.emit(&import::render(&r), &r)
        }
        Command::Editions => {
            let r = session.editions().await?;
            out.emit(&import::render_editions(&r), &r)
        }
        Command::Remove { edition } => {
            let r = session.remove(&edition).await?;
            out.emit(&import::render_remove(&r), &r)
        }
        Command::Risk { method } => match method {
            crate::args::RiskMethod::Eu {
                material: Some(material),
                ..
            } => {
                let r = session.risk_eu(&service::risk::RiskEuRequest { material })?;
                out.emit(&risk::render_eu(&r), &r)
            }
            crate::args::RiskMethod::Eu { material: None, .. } => {
                let r = session.risk_eu_all()?;
                out.emit(&risk::render_eu_all(&r), &r)
            }
            crate::args::RiskMethod::Usgs { commodity } => {
                let r = session
                    .risk_usgs(&service::risk::RiskUsgsRequest { commodity })
                    .await?;
                out.emit(&risk::render_usgs(&r), &r)
            }
        },
        Command::Demand(args) => {
            let session = match &args.tables {
                Some(dir) => session.with_tables(&service::UserTables {
                    demand: Some(demand::read_tables(dir)?),
                    ..Default::default()
                })?,
                None => session.clone(),
            };
            let r = session.demand(&service::demand::DemandRequest {
                scenario: args.scenario.clone(),
                element: args.element.clone(),
                from: args.from,
                to: args.to,
                unit,
                extend: match args.extend {
                    crate::args::ExtendArg::None => service::demand::Extend::None,
                    crate::args::ExtendArg::HoldLast => service::demand::Extend::HoldLast,
                },
            })?;
            if let Some(svg) = &args.svg {
                demand::draw(&r, svg)?;
                eprintln!("wrote {}", svg.display());
            }
            out.emit(&demand::render(&r, args.by_technology), &r)
        }
        Command::Stock {
            inflow,
            stock,
            lifetime,
            negative_inflow_correct,
            by_cohort,
            max_memory,
            svg,
        } => {
            let max_memory = service::stock::parse_bytes(&max_memory)?;
            let (path, driven) = match (inflow, stock) {
                (Some(p), None) => (p, service::stock::Driven::Inflow),
                (None, Some(p)) => (p, service::stock::Driven::Stock),
                _ => anyhow::bail!("give exactly one of --inflow FILE and --stock FILE"),
            };
            let r = session.stock(&service::stock::StockRequest {
                series: read_named(&path)?,
                driven,
                lifetime,
                negative_inflow_correct,
                by_cohort,
                max_memory,
            })?;
            if let Some(svg) = &svg {
                stock::draw(&r, svg)?;
                eprintln!("wrote {}", svg.display());
            }
            out.emit(&stock::render(&r), &r)
        }
        Command::Sim { action } => sim::sim(session, out, action).await,
        Command::Plan(args) => plan::plan(session, out, args),
        Command::Trade {
            exporter,
            importer,
            stage,
            year,
        } => {
            let r = session.trade(&service::trade::TradeRequest {
                exporter,
                importer,
                stage,
                year,
            })?;
            out.emit(&trade::render(&r), &r)
        }
        Command::Schema { .. } | Command::Serve(_) => Ok(()),
    }
}

/// A file's text, named as the user gave it.
pub fn read_named(path: &std::path::Path) -> anyhow::Result<NamedText> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
    Ok(NamedText::from_bytes(name, bytes)?)
}

fn selection(pin: &Pin) -> Selection {
    Selection {
        edition: pin.edition.clone().map(EditionId),
        year: pin.year.map(Year),
    }
}

fn denom(d: DenominatorArg) -> ShareOf {
    match d {
        DenominatorArg::WorldTotal => ShareOf::WorldTotal,
        DenominatorArg::CountrySum => ShareOf::CountrySum,
    }
}

/// Headers of an observation listing (compare, cite, country).
pub(crate) fn observation_headers() -> Vec<String> {
    [
        "country",
        "metric",
        "year",
        "value",
        "unit",
        "flags",
        "source",
        "edition",
        "kind",
        "note / citation",
    ]
    .map(String::from)
    .to_vec()
}

/// One observation as a listing row.
pub(crate) fn observation_cells(o: &ObservationRow) -> Vec<Val> {
    let mut text = o.note.clone();
    if o.outlets.len() > 1 {
        text = format!(
            "{text} One statement, reported by {} outlets: {}",
            o.outlets.len(),
            o.outlets.join(" | ")
        );
    } else if !o.citation.is_empty() {
        text = if text.is_empty() {
            format!("reported by: {}", o.citation)
        } else {
            format!("{text} Reported by: {}", o.citation)
        };
    }
    let metric = if o.form.is_empty() {
        o.metric.id().to_string()
    } else {
        format!("{} ({})", o.metric.id(), o.form)
    };
    vec![
        Val::Text(o.place.id().to_string()),
        Val::Text(metric),
        Val::Text(o.year.to_string()),
        Val::amount(o.value),
        Val::Text(o.unit_label.clone()),
        Val::Flags(o.flags),
        Val::Text(o.source.clone()),
        Val::Text(o.edition.to_string()),
        Val::Text(o.kind.clone()),
        Val::Text(text),
    ]
}

/// A report listing observations.
pub(crate) fn observation_report(title: Vec<String>, obs: &[ObservationRow]) -> Report {
    let mut report = Report {
        title,
        ..Report::default()
    };
    report.listing.headers = observation_headers();
    report.listing.rows = obs.iter().map(observation_cells).collect();
    report
}
