//! One module per command; each builds a [`Report`] from the libraries' answers.

mod balance;
mod chain;
mod compare;
mod country;
mod demand;
mod import;
mod overview;
mod projects;
mod rank;
mod risk;
mod sources;
mod stock;

use crate::args::{Cli, Command, DenominatorArg, Pin};
use crate::context::Context;
use crate::output::{json_number, Out, Report, Val};
use metrics::rank::Denominator;
use metrics::Selection;
use model::{Dataset, EditionId, Observation, Year};
use serde_json::json;

/// Runs the parsed command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let out = Out::new(cli.format, cli.unit);
    let ctx = Context::load(cli.db.as_deref()).await?;
    let report = match cli.command {
        Command::Overview(pin) => overview::overview(&ctx, &out, &selection(&pin))?,
        Command::Rank {
            metric,
            pin,
            top,
            denominator,
        } => rank::rank(
            &ctx,
            &out,
            metric.metric(),
            &selection(&pin),
            top,
            denom(denominator),
        )?,
        Command::Concentration {
            metric,
            pin,
            denominator,
        } => rank::concentration(
            &ctx,
            &out,
            metric.metric(),
            &selection(&pin),
            denom(denominator),
        )?,
        Command::Compare {
            country,
            metric,
            year,
        } => compare::compare(&ctx, &out, &country, metric.metric(), year)?,
        Command::Cite {
            country,
            metric,
            value,
        } => compare::cite(
            &ctx,
            &out,
            country.as_deref(),
            metric.map(|m| m.metric()),
            &value,
        )?,
        Command::Country { country } => country::country(&ctx, &out, &country)?,
        Command::Sources => sources::sources(&ctx.dataset),
        Command::Chain {
            element,
            year,
            top,
            svg,
        } => chain::chain(
            &ctx,
            &out,
            element.as_deref(),
            year.map(Year),
            top,
            svg.as_deref(),
        )?,
        Command::Balance {
            year,
            ore_types,
            country_ores,
        } => balance::balance(
            &ctx,
            &out,
            Year(year),
            ore_types.as_deref(),
            country_ores.as_deref(),
        )?,
        Command::Projects { country, status } => {
            projects::projects(&ctx, country.as_deref(), status.map(|s| s.status()))?
        }
        Command::Import { kind } => import::import(&ctx, &out, kind).await?,
        Command::Risk { method } => risk::risk(&ctx, method)?,
        Command::Demand(args) => demand::demand(&out, &args)?,
        Command::Stock {
            inflow,
            stock,
            lifetime,
            negative_inflow_correct,
            by_cohort,
            svg,
        } => stock::stock(
            inflow.as_deref(),
            stock.as_deref(),
            &lifetime,
            negative_inflow_correct,
            by_cohort,
            svg.as_deref(),
        )?,
    };
    out.emit(&report)
}

fn selection(pin: &Pin) -> Selection {
    Selection {
        edition: pin.edition.clone().map(EditionId),
        year: pin.year.map(Year),
    }
}

fn denom(d: DenominatorArg) -> Denominator {
    match d {
        DenominatorArg::WorldTotal => Denominator::WorldTotal,
        DenominatorArg::CountrySum => Denominator::CountrySum,
    }
}

/// Headers of an observation listing (compare, cite, country).
pub(crate) fn observation_headers() -> Vec<String> {
    [
        "country",
        "metric",
        "year",
        "value ({unit})",
        "flags",
        "source",
        "edition",
        "kind",
        "note / citation",
    ]
    .map(String::from)
    .to_vec()
}

/// One observation as a listing row and as the `compare` JSON object.
pub(crate) fn observation_row(
    d: &Dataset,
    out: &Out,
    o: &Observation,
) -> (Vec<Val>, serde_json::Value) {
    let source = d.source(&o.edition);
    let label = source.map_or_else(|| o.edition.to_string(), |s| s.label());
    let kind = source.map(|s| s.kind.id()).unwrap_or("");
    let is_tonnes = o.unit == model::Unit::TonnesReo;
    let value = o.value.magnitude();
    let mut text = o.note.clone();
    if !o.citation.is_empty() {
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
    let row = vec![
        Val::Text(o.place.id().to_string()),
        Val::Text(metric),
        Val::Text(o.year.to_string()),
        if is_tonnes {
            Val::Tonnes(value)
        } else {
            Val::Num(value, 2)
        },
        Val::Flags(o.flags),
        Val::Text(label.clone()),
        Val::Text(o.edition.to_string()),
        Val::Text(kind.to_string()),
        Val::Text(text),
    ];
    let obj = json!({
        "country": o.place.country().map(|c| c.to_string()),
        "metric": o.metric.id(),
        "year": o.year.0,
        "value": if is_tonnes { out.tonnes_json(value) } else { value.map_or(serde_json::Value::Null, json_number) },
        "unit": if is_tonnes { out.unit.symbol() } else { o.unit.id() },
        "source": label,
        "edition": o.edition.0,
        "kind": kind,
        "flags": o.flags,
        "note": o.note,
        "citation": o.citation,
        "table": o.table.id(),
        "material": o.material.id(),
        "form": o.form,
    });
    (row, obj)
}

/// A report listing observations.
pub(crate) fn observation_report(
    d: &Dataset,
    out: &Out,
    title: Vec<String>,
    obs: &[&Observation],
) -> Report {
    let mut report = Report {
        title,
        ..Report::default()
    };
    report.listing.headers = observation_headers();
    let mut items = Vec::new();
    for o in obs {
        let (row, obj) = observation_row(d, out, o);
        report.listing.rows.push(row);
        items.push(obj);
    }
    report.json = serde_json::Value::Array(items);
    report
}
