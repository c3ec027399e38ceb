//! Saved runs: a simulator run kept in the store with everything that reproduces it (the
//! scenario's text, the network's files or `bundled`, the seed, the checksums of the data,
//! scenario and network) and the result as it was served, so a colleague who never ran it
//! can read it, and anyone can run it again and get the same bytes ([`Session::verify_run`]).
//!
//! The simulator draws no random numbers: every run records seed 0, and its result is a
//! pure function of (dataset, scenario, network). A Monte Carlo simulator will record its
//! real seed here.

use crate::error::{Error, Result};
use crate::session::NamedText;
use crate::sim::{NetworkTexts, SimRequest, SimResult};
use crate::Session;
use serde::Serialize;
use utoipa::ToSchema;

/// The seed every run records today: the simulator is deterministic.
pub const SEED: i64 = 0;

/// A saved run, as listed: what identifies it and what it was run on.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RunSummary {
    /// The run's id.
    pub id: String,
    /// When it was saved (RFC 3339, UTC).
    pub created: String,
    /// The scenario's name.
    pub scenario: String,
    /// The scenario file's name as it was given.
    pub scenario_file: String,
    /// `bundled`, or the network folder's name as it was given.
    pub network: String,
    /// The seed (0: the simulator draws no random numbers).
    pub seed: i64,
    /// rareflow's version that ran it.
    pub version: String,
    /// SHA-256 of the bundled data files.
    pub dataset_sha256: String,
    /// SHA-256 of the scenario file.
    pub scenario_sha256: String,
    /// `bundled` or the SHA-256 of the network's files.
    pub network_checksum: String,
    /// SHA-256 of the result as served.
    pub result_sha256: String,
}

/// Every saved run, newest first.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct RunsResult {
    /// The runs.
    pub runs: Vec<RunSummary>,
}
crate::values::rows_schema!(RunsResult, RunSummary);

/// A network's files as a run keeps them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RunNetwork {
    /// The folder's name as it was given.
    pub folder: String,
    /// `nodes.csv`.
    pub nodes: String,
    /// `links.csv`.
    pub links: String,
    /// `demand.csv`, if there was one.
    pub demand: Option<String>,
}

/// What a run was given: enough to run it again.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RunInputs {
    /// The scenario file's name.
    pub scenario_file: String,
    /// The scenario file's text.
    pub scenario_text: String,
    /// The network's files; null for the bundled world network.
    pub network: Option<RunNetwork>,
}

/// One saved run, whole.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SavedRunResult {
    /// What identifies it.
    pub run: RunSummary,
    /// What it was given.
    pub inputs: RunInputs,
    /// How to reproduce it.
    pub reproduce: String,
    /// The result, as it was served when the run was saved.
    pub result: SimResult,
}

/// A saved run run again.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RunCheckResult {
    /// The run's id.
    pub id: String,
    /// Whether running its inputs again gave the same bytes.
    pub reproduced: bool,
    /// SHA-256 of the saved result.
    pub result_sha256: String,
    /// SHA-256 of the result of running it again.
    pub rerun_sha256: String,
    /// Whether the bundled data are the ones the run was made with.
    pub same_dataset: bool,
    /// Why the bytes differ, when they do.
    pub note: String,
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The present time as RFC 3339 in UTC, to the millisecond, and nanoseconds since 1970.
fn now() -> (String, u128) {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    (rfc3339(d.as_secs() as i64, d.subsec_millis()), d.as_nanos())
}

/// Seconds since 1970 as an RFC 3339 UTC time.
fn rfc3339(secs: i64, millis: u32) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (H. Hinnant's `civil_from_days`).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn summary(r: &store::RunRecord) -> RunSummary {
    RunSummary {
        id: r.id.clone(),
        created: r.created.clone(),
        scenario: r.scenario_name.clone(),
        scenario_file: r.scenario_file.clone(),
        network: r
            .network
            .as_ref()
            .map_or_else(|| "bundled".to_string(), |n| n.0.clone()),
        seed: r.seed,
        version: r.version.clone(),
        dataset_sha256: r.dataset_sha256.clone(),
        scenario_sha256: r.scenario_sha256.clone(),
        network_checksum: r.network_checksum.clone(),
        result_sha256: r.result_sha256.clone(),
    }
}

/// The request that runs a saved run's inputs again.
pub fn request_of(r: &store::RunRecord) -> SimRequest {
    SimRequest {
        scenario: NamedText::new(&r.scenario_file, &r.scenario_text),
        network: r
            .network
            .as_ref()
            .map(|(folder, nodes, links, demand)| NetworkTexts {
                folder: folder.clone(),
                nodes: NamedText::new(format!("{folder}/nodes.csv"), nodes),
                links: NamedText::new(format!("{folder}/links.csv"), links),
                demand: demand
                    .as_ref()
                    .map(|d| NamedText::new(format!("{folder}/demand.csv"), d)),
            }),
    }
}

impl Session {
    /// Runs a scenario and saves the run with its inputs, seed, checksums and result.
    pub async fn save_run(&self, req: &SimRequest) -> Result<SavedRunResult> {
        let result = self.sim_run(req)?;
        let text = crate::json::to_string_pretty(&result);
        let (created, nanos) = now();
        let mut record = store::RunRecord {
            id: String::new(),
            created,
            scenario_name: result.scenario.clone(),
            scenario_file: req.scenario.name.clone(),
            scenario_text: req.scenario.text.clone(),
            network: req.network.as_ref().map(|n| {
                (
                    n.folder.clone(),
                    n.nodes.text.clone(),
                    n.links.text.clone(),
                    n.demand.as_ref().map(|d| d.text.clone()),
                )
            }),
            seed: SEED,
            version: result.metadata.version.clone(),
            dataset_sha256: result.metadata.dataset_sha256.clone(),
            scenario_sha256: result.metadata.scenario_sha256.clone(),
            network_checksum: result.metadata.network.clone(),
            result_sha256: sha256_hex(text.as_bytes()),
            result: text,
        };
        // An id from the moment, the inputs and the process: two servers on one database
        // cannot pick the same one but by a collision of SHA-256; a clash is retried.
        for attempt in 0..3u32 {
            record.id = sha256_hex(
                format!(
                    "{nanos}/{}/{}/{}/{attempt}",
                    std::process::id(),
                    record.scenario_sha256,
                    record.network_checksum
                )
                .as_bytes(),
            )[..16]
                .to_string();
            match self.store().save_run(&record).await {
                Err(store::StoreError::RunExists(_)) if attempt < 2 => continue,
                other => other?,
            }
            break;
        }
        Ok(SavedRunResult {
            run: summary(&record),
            inputs: inputs(&record),
            reproduce: reproduce_note(&record),
            result,
        })
    }

    /// Every saved run, newest first.
    pub async fn runs(&self) -> Result<RunsResult> {
        Ok(RunsResult {
            runs: self.store().runs().await?.iter().map(summary).collect(),
        })
    }

    /// One saved run, whole.
    pub async fn saved_run(&self, id: &str) -> Result<SavedRunResult> {
        let r = self.run_record(id).await?;
        let result: SimResult = serde_json::from_str(&r.result).map_err(|e| {
            Error::Store(store::StoreError::Corrupt(format!(
                "run {id}: its saved result does not read back ({e})"
            )))
        })?;
        Ok(SavedRunResult {
            run: summary(&r),
            inputs: inputs(&r),
            reproduce: reproduce_note(&r),
            result,
        })
    }

    /// Runs a saved run's inputs again and says whether the result is the same bytes.
    pub async fn verify_run(&self, id: &str) -> Result<RunCheckResult> {
        let r = self.run_record(id).await?;
        let again = crate::json::to_string_pretty(&self.sim_run(&request_of(&r))?);
        let rerun_sha256 = sha256_hex(again.as_bytes());
        let same_dataset = r.dataset_sha256 == self.bundled_sha256();
        let reproduced = rerun_sha256 == r.result_sha256;
        Ok(RunCheckResult {
            id: r.id,
            reproduced,
            result_sha256: r.result_sha256,
            rerun_sha256,
            same_dataset,
            note: match (reproduced, same_dataset) {
                (true, _) => String::new(),
                (false, false) => "the bundled data differ from the run's (another rareflow version): the same inputs on other data give other numbers".into(),
                (false, true) => format!("the same inputs and data gave other bytes: rareflow {} differs from {}, which saved the run", crate::sim::version(), r.version),
            },
        })
    }

    async fn run_record(&self, id: &str) -> Result<store::RunRecord> {
        self.store()
            .run(id)
            .await?
            .ok_or_else(|| Error::NotFound(format!("no saved run {id:?} in the store")))
    }
}

fn inputs(r: &store::RunRecord) -> RunInputs {
    RunInputs {
        scenario_file: r.scenario_file.clone(),
        scenario_text: r.scenario_text.clone(),
        network: r
            .network
            .as_ref()
            .map(|(folder, nodes, links, demand)| RunNetwork {
                folder: folder.clone(),
                nodes: nodes.clone(),
                links: links.clone(),
                demand: demand.clone(),
            }),
    }
}

fn reproduce_note(r: &store::RunRecord) -> String {
    format!(
        "seed {} (the simulator draws no random numbers): save inputs.scenario_text as {}{} and run `rareflow sim run {}{}` with rareflow {}; the result's SHA-256 is {}",
        r.seed,
        r.scenario_file,
        if r.network.is_some() {
            ", the network's files into the folder it names,"
        } else {
            ""
        },
        r.scenario_file,
        if r.network.is_some() { " --network FOLDER" } else { "" },
        r.version,
        r.result_sha256
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_reads_as_rfc3339() {
        assert_eq!(rfc3339(1_700_000_000, 5), "2023-11-14T22:13:20.005Z");
        assert_eq!(rfc3339(951_782_400, 0), "2000-02-29T00:00:00.000Z");
        assert_eq!(rfc3339(0, 0), "1970-01-01T00:00:00.000Z");
        let (t, _) = now();
        assert_eq!(t.len(), "2026-12-01T10:24:48.117Z".len(), "{t}");
        assert!(t.ends_with('Z') && t.as_bytes()[10] == b'T', "{t}");
        let year: i32 = t[..4].parse().unwrap();
        assert!((2024..2200).contains(&year), "{t}");
    }
}
