//! `rareflow import usgs-mcs FILE [--replace]`: a user's USGS file becomes an edition in
//! the store, in one transaction; bundled editions cannot be shadowed.

use crate::args::ImportKind;
use crate::context::Context;
use crate::output::{Out, Report};
use anyhow::Context as _;
use model::GapReason;
use serde_json::json;
use store::Store;

/// `import`.
pub async fn import(ctx: &Context, _out: &Out, kind: ImportKind) -> anyhow::Result<Report> {
    let ImportKind::UsgsMcs { file, replace } = kind;
    let name = file.display().to_string();
    let bytes = std::fs::read(&file).with_context(|| format!("cannot read {name}"))?;
    let text = String::from_utf8(bytes).map_err(|_| data::DataError::File {
        file: name.clone(),
        message: "not UTF-8 text: expected a CSV file".into(),
    })?;
    let edition = data::import::read_usgs_mcs(&name, &text, &ctx.dataset)?;
    let id = &edition.source.edition;
    if let Some(existing) = ctx.dataset.source(id) {
        if !existing.imported {
            return Err(data::import::edition_exists(&name, id, true).into());
        }
        if !replace {
            return Err(data::import::edition_exists(&name, id, false).into());
        }
    }
    ctx.store
        .import(&edition.source, &edition.observations, replace)
        .await?;
    let gaps = edition
        .observations
        .iter()
        .filter(|o| o.value.magnitude().is_none())
        .count();
    let zeros = edition
        .observations
        .iter()
        .filter(|o| o.flags.contains(model::Flag::BlankReadAsZero))
        .count();
    let unreported = edition
        .observations
        .iter()
        .filter(|o| o.value == model::Value::Gap(GapReason::NotReported))
        .count();
    let line = format!(
        "imported {id} from {name} into {}: {} observations ({gaps} gaps, of which {unreported} blank and not read as zero; {zeros} blanks read as zero)",
        ctx.location,
        edition.observations.len()
    );
    Ok(Report {
        title: vec![line],
        json: json!({"edition": id.0, "file": name, "store": ctx.location, "observations": edition.observations.len(), "gaps": gaps, "blank_read_as_zero": zeros, "replaced": replace}),
        ..Report::default()
    })
}
