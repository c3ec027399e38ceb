//! The core answered directly, without a face: error kinds a face maps without reading
//! text, user tables through the one path, and the shadowing rule.

use model::{EditionId, Selection, TonnesUnit};
use service::rank::{RankRequest, ShareOf, TableMetric};
use service::{ErrorKind, NamedText, Session, UserTables};

async fn session(dir: &tempfile::TempDir) -> Session {
    Session::open(dir.path().join("store.db").to_str().unwrap(), false).unwrap()
}

fn rank(edition: Option<&str>) -> RankRequest {
    RankRequest {
        metric: TableMetric::Reserves,
        selection: Selection {
            edition: edition.map(|e| EditionId(e.into())),
            year: None,
        },
        top: None,
        denominator: ShareOf::WorldTotal,
        unit: TonnesUnit::Mt,
    }
}

#[tokio::test]
async fn an_unknown_edition_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(&dir).await;
    let e = s.rank(&rank(Some("MCS1999"))).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.kind().id(), "not_found");
    let ok = s.rank(&rank(Some("MCS2025"))).await.unwrap();
    let china = &ok.rows[0];
    assert_eq!(china.country.unwrap().as_str(), "CHN");
    // Masses come back in the unit asked for: 44 Mt.
    assert_eq!(china.value.unwrap().shown(), 44.0);
}

#[tokio::test]
async fn a_bundled_edition_cannot_be_shadowed() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(&dir).await;
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../data/raw/usgs/mcs2024-raree_world.csv"),
    )
    .unwrap();
    for replace in [false, true] {
        let e = s
            .import(&service::import::ImportRequest {
                file: NamedText::new("mcs2024.csv", text.clone()),
                replace,
                publisher: None,
                kind: None,
            })
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Conflict, "{e}");
        assert!(!e.to_string().contains("--replace"), "no CLI wording: {e}");
    }
}

#[tokio::test]
async fn a_bad_user_table_is_bad_input_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(&dir).await;
    let user = UserTables {
        ore_types: Some(NamedText::new(
            "mine.csv",
            "ore_type,deposit,component,percent,source,url,notes\nx,y,Qq,100,s,,\n",
        )),
        ..Default::default()
    };
    let e = s.with_tables(&user).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadInput);
    let at = e.location().unwrap();
    assert_eq!((at.file.as_str(), at.line), ("mine.csv", Some(2)));
}

// See: issue 11, finding 1.
#[tokio::test]
async fn an_unreadable_stored_row_is_reported_once_and_the_rest_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    let s = Session::open(path.to_str().unwrap(), false).unwrap();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../data/raw/usgs/mcs2024-raree_world.csv"),
    )
    .unwrap()
    .replace("MCS2024,", "BAD2024,");
    s.import(&service::import::ImportRequest {
        file: NamedText::new("bad.csv", text),
        replace: false,
        publisher: None,
        kind: None,
    })
    .await
    .unwrap();
    // Damage one stored row the way a hand edit or an older bug would.
    let raw = store::open(path.to_str().unwrap()).await.unwrap();
    sqlx::query(
        "UPDATE observations SET value = NULL, gap = '' WHERE edition = 'BAD2024' AND seq = 0",
    )
    .execute(raw.pool())
    .await
    .unwrap();
    drop(raw);
    let s = Session::open(path.to_str().unwrap(), false).unwrap();
    // A question that does not need the edition does not read it.
    s.rank(&rank(None)).await.unwrap();
    assert!(s.take_warnings().is_empty());
    // One that reads every edition answers without it, and says so once, naming it.
    let c = s
        .compare(&service::compare::CompareRequest {
            country: "RUS".into(),
            metric: model::Metric::Reserves,
            year: None,
            unit: TonnesUnit::T,
        })
        .await
        .unwrap();
    assert!(c.estimates.iter().all(|e| e.edition.0 != "BAD2024"));
    let w = s.take_warnings();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("edition BAD2024") && w[0].contains("rareflow remove BAD2024"),
        "{w:?}"
    );
    // And the edition can always be removed.
    let removed = s.remove("bad2024").await.unwrap();
    assert_eq!(removed.edition.0, "BAD2024");
}
