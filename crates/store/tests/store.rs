//! Store behaviour, written once and run against every backend: SQLite always, and
//! PostgreSQL when `RAREFLOW_PG_URL` names a server (`.ci/run` starts one), each test in
//! a fresh schema.

use model::{
    EditionId, ElementGroup, Flag, Flags, GapReason, Material, Metric, Observation, Place,
    Quantity, Source, SourceKind, Stage, Table, Unit, Value, Year,
};
use store::{open, SqlStore, Store, StoreError};

/// Runs a test body against each backend.
macro_rules! store_test {
    ($name:ident, |$store:ident, $backend:ident| $body:block) => {
        mod $name {
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let dir = tempfile::tempdir().unwrap();
                let $store = open(dir.path().join("nested/dir/rareflow.db").to_str().unwrap())
                    .await
                    .unwrap();
                let $backend = "sqlite";
                $body
            }

            #[tokio::test]
            #[cfg_attr(
                not(postgres_leg),
                ignore = "PostgreSQL leg: set RAREFLOW_PG_URL to a server (.ci/run does) to run it"
            )]
            async fn postgres() {
                let Some($store) = postgres_store(stringify!($name)).await else {
                    eprintln!("RAREFLOW_PG_URL not set: PostgreSQL leg not run here (CI runs it)");
                    return;
                };
                let $backend = "postgres";
                $body
            }
        }
    };
}

#[path = "support/postgres.rs"]
mod postgres;

/// A store in a schema of its own on the server named by `RAREFLOW_PG_URL`.
async fn postgres_store(test: &str) -> Option<SqlStore> {
    let location = postgres::fresh_schema("t", test).await?;
    Some(open(&location).await.unwrap())
}

fn source(id: &str) -> Source {
    Source {
        edition: EditionId(id.into()),
        series: "USGS MCS".into(),
        publisher: "U.S. Geological Survey".into(),
        title: format!("Mineral Commodity Summaries ({id})"),
        year: 2027,
        kind: SourceKind::StatisticalSurvey,
        licence: "Public domain".into(),
        citation: "USGS".into(),
        url: String::new(),
        transcribed: false,
        imported: true,
        note: String::new(),
    }
}

fn observation(id: &str, value: Value, flags: Flags) -> Observation {
    Observation {
        edition: EditionId(id.into()),
        table: Table::World,
        label: "Russia ".into(),
        place: Place::from_id("RUS").unwrap(),
        material: Material::Group(ElementGroup::Treo),
        stage: Stage::Mining,
        metric: Metric::Reserves,
        form: String::new(),
        year: Year(2026),
        value,
        unit: Unit::TonnesReo,
        flags,
        note: "a note, with \"quotes\"".into(),
        citation: String::new(),
    }
}

store_test!(an_import_round_trips, |store, _backend| {
    let obs = vec![
        observation(
            "X2027",
            Value::Known(Quantity {
                magnitude: 3_800_000.0,
                unit: Unit::TonnesReo,
            }),
            Flags::NONE.with(Flag::Estimated),
        ),
        observation(
            "X2027",
            Value::Gap(GapReason::NotAvailable),
            Flags::NONE.with(Flag::NotAvailable),
        ),
        observation(
            "X2027",
            Value::Known(Quantity {
                magnitude: 0.1 + 0.2,
                unit: Unit::TonnesReo,
            }),
            Flags::NONE.with(Flag::LowerBound).with(Flag::RoundedTotal),
        ),
    ];
    store.import(&source("X2027"), &obs, false).await.unwrap();
    assert_eq!(store.observations().await.unwrap(), obs);
    assert_eq!(store.editions().await.unwrap(), vec![source("X2027")]);
});

store_test!(
    an_existing_edition_needs_replace_and_the_failure_writes_nothing,
    |store, _backend| {
        let one = vec![observation(
            "X2027",
            Value::Known(Quantity {
                magnitude: 1.0,
                unit: Unit::TonnesReo,
            }),
            Flags::NONE,
        )];
        let two = vec![observation(
            "X2027",
            Value::Known(Quantity {
                magnitude: 2.0,
                unit: Unit::TonnesReo,
            }),
            Flags::NONE,
        )];
        store.import(&source("X2027"), &one, false).await.unwrap();
        let err = store
            .import(&source("X2027"), &two, false)
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::EditionExists(ref id) if id == "X2027"),
            "{err}"
        );
        assert_eq!(store.observations().await.unwrap(), one);
        store.import(&source("X2027"), &two, true).await.unwrap();
        assert_eq!(store.observations().await.unwrap(), two);
        assert!(store
            .delete_edition(&EditionId("X2027".into()))
            .await
            .unwrap());
        assert!(store.observations().await.unwrap().is_empty());
        assert!(!store
            .delete_edition(&EditionId("X2027".into()))
            .await
            .unwrap());
    }
);

store_test!(a_failed_import_rolls_back, |store, backend| {
    // A trigger makes the third insert fail half-way through an import that replaces an
    // existing edition; the old edition must survive whole and nothing new may remain.
    let s = source("X2027");
    let old = vec![observation(
        "X2027",
        Value::Known(Quantity {
            magnitude: 1.0,
            unit: Unit::TonnesReo,
        }),
        Flags::NONE,
    )];
    store.import(&s, &old, false).await.unwrap();
    let trigger: &[&str] = if backend == "sqlite" {
        &["CREATE TRIGGER fail_third BEFORE INSERT ON observations WHEN NEW.seq = 2 BEGIN SELECT RAISE(ABORT, 'boom'); END"]
    } else {
        &[
            "CREATE FUNCTION fail_third() RETURNS trigger AS $$ BEGIN IF NEW.seq = 2 THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER fail_third BEFORE INSERT ON observations FOR EACH ROW EXECUTE FUNCTION fail_third()",
        ]
    };
    for sql in trigger {
        sqlx::query(*sql).execute(store.pool()).await.unwrap();
    }
    let new: Vec<_> = (0..4)
        .map(|i| {
            observation(
                "X2027",
                Value::Known(Quantity {
                    magnitude: 10.0 + f64::from(i),
                    unit: Unit::TonnesReo,
                }),
                Flags::NONE,
            )
        })
        .collect();
    let err = store.import(&s, &new, true).await.unwrap_err();
    assert!(err.to_string().contains("boom"), "{err}");
    assert_eq!(store.observations().await.unwrap(), old);
    assert_eq!(store.editions().await.unwrap().len(), 1);
});

// See: issue 11, finding 12: a second writer is told another process is writing, once.
#[tokio::test]
async fn a_second_writer_is_told_another_process_is_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    let first = open(path.to_str().unwrap()).await.unwrap();
    let second = open(path.to_str().unwrap()).await.unwrap();
    let mut tx = first.pool().begin().await.unwrap();
    sqlx::query("INSERT INTO editions (edition, series, publisher, title, year, kind, licence, citation, url, transcribed, note) VALUES ('HOLD', '', '', '', 2024, 'literature', '', '', '', 0, '')")
        .execute(&mut *tx)
        .await
        .unwrap();
    let e = second
        .import(
            &source("OTHER"),
            &[observation(
                "OTHER",
                Value::Known(Quantity {
                    magnitude: 1.0,
                    unit: Unit::TonnesReo,
                }),
                Flags::NONE,
            )],
            false,
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Busy(_)), "{e:?}");
    assert_eq!(
        e.to_string(),
        "the SQLite file is being written by another rareflow process: try again when it has finished"
    );
    tx.rollback().await.unwrap();
}

fn run_record(id: &str, created: &str, network: bool) -> store::RunRecord {
    store::RunRecord {
        id: id.into(),
        created: created.into(),
        scenario_name: "ban".into(),
        scenario_file: "ban.toml".into(),
        scenario_text: "name = \"ban\"\n# é, \"quotes\", and a newline\n".into(),
        network: network.then(|| {
            (
                "network".into(),
                "region,stage\nCHN,mining\n".into(),
                "from,to\n".into(),
                None,
            )
        }),
        seed: 0,
        version: "0.1.0".into(),
        dataset_sha256: "d".repeat(64),
        scenario_sha256: "s".repeat(64),
        network_checksum: if network {
            "n".repeat(64)
        } else {
            "bundled".into()
        },
        result_sha256: "r".repeat(64),
        result: "{\"scenario\": \"ban\"}".into(),
    }
}

store_test!(
    a_saved_run_reads_back_whole_and_is_listed_newest_first,
    |store, _backend| {
        let old = run_record("a1", "2026-01-01T00:00:00Z", false);
        let new = run_record("b2", "2026-02-01T00:00:00Z", true);
        store.save_run(&old).await.unwrap();
        store.save_run(&new).await.unwrap();
        assert_eq!(store.run("a1").await.unwrap(), Some(old.clone()));
        assert_eq!(store.run("b2").await.unwrap(), Some(new.clone()));
        assert_eq!(store.run("zz").await.unwrap(), None);
        let listed = store.runs().await.unwrap();
        assert_eq!(
            listed.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["b2", "a1"]
        );
        // The listing leaves the texts out but keeps what identifies the run.
        assert!(listed
            .iter()
            .all(|r| r.result.is_empty() && r.scenario_text.is_empty()));
        assert_eq!(listed[0].network_checksum, new.network_checksum);
        // An id is saved once; the failed save changes nothing.
        let e = store.save_run(&new).await.unwrap_err();
        assert!(matches!(e, StoreError::RunExists(_)), "{e:?}");
        assert_eq!(store.runs().await.unwrap().len(), 2);
    }
);
