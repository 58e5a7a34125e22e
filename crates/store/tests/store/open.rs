//! Creating, recognising, refusing and migrating database files.

use crate::fixtures::{corpus, TempDb};
use rusqlite::Connection;
use store::{Store, StoreError, APPLICATION_ID, SCHEMA_VERSION};

#[test]
fn creates_a_current_database_in_wal_mode() {
    let db = TempDb::new();
    let store = db.open();
    drop(store);
    let conn = Connection::open(db.path()).unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let app: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let marker: String = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'application'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        (version, app, mode.as_str(), marker.as_str()),
        (SCHEMA_VERSION, APPLICATION_ID, "wal", "newsdb")
    );
    // Reopening an up-to-date database is a no-op.
    let mut store = Store::open(db.path()).unwrap();
    store.write_batch(&corpus(), false).unwrap();
}

#[test]
fn every_foreign_key_is_indexed() {
    let db = TempDb::new();
    drop(db.open());
    let conn = Connection::open(db.path()).unwrap();
    let missing: Vec<String> = conn
        .prepare(
            "SELECT t.name || '.' || f.\"from\"
               FROM sqlite_master t, pragma_foreign_key_list(t.name) f
              WHERE t.type = 'table'
                AND NOT EXISTS (
                    SELECT 1 FROM pragma_index_list(t.name) i, pragma_index_info(i.name) c
                     WHERE c.seqno = 0 AND c.name = f.\"from\")",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(missing.is_empty(), "unindexed foreign keys: {missing:?}");
}

#[test]
fn foreign_keys_hold_after_writes() {
    let db = TempDb::new();
    let mut store = db.open();
    store.write_batch(&corpus(), false).unwrap();
    store.write_batch(&corpus(), true).unwrap();
    let result = store
        .query("SELECT count(*) FROM pragma_foreign_key_check")
        .unwrap();
    assert_eq!(result.rows[0][0], serde_json::json!(0));
}

/// Asserts that opening `path` (read-write and read-only) is refused and leaves it byte-identical.
fn assert_refused(path: &std::path::Path, expect: impl Fn(&StoreError) -> bool) {
    let before = std::fs::read(path).unwrap();
    let err = Store::open(path).expect_err("read-write open must be refused");
    assert!(expect(&err), "unexpected error: {err}");
    let err = Store::open_read_only(path).expect_err("read-only open must be refused");
    assert!(expect(&err), "unexpected error: {err}");
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "refused file was modified"
    );
}

#[test]
fn refuses_a_file_that_is_not_sqlite() {
    let db = TempDb::new();
    std::fs::write(
        db.path(),
        "<html>this is a web page, not a database</html>".repeat(50),
    )
    .unwrap();
    assert_refused(&db.path(), |e| matches!(e, StoreError::NotNewsdb { .. }));
    let message = Store::open(db.path()).unwrap_err().to_string();
    assert!(
        message.contains("news.db") && message.contains("not an SQLite file"),
        "{message}"
    );
}

#[test]
fn refuses_someone_elses_sqlite_database() {
    let db = TempDb::new();
    {
        let conn = Connection::open(db.path()).unwrap();
        conn.execute_batch("CREATE TABLE meta (key TEXT, value TEXT); CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('mine');")
            .unwrap();
    }
    assert_refused(&db.path(), |e| matches!(e, StoreError::NotNewsdb { .. }));
}

#[test]
fn refuses_a_database_with_another_application_id() {
    let db = TempDb::new();
    {
        let conn = Connection::open(db.path()).unwrap();
        conn.execute_batch("PRAGMA application_id = 42; PRAGMA user_version = 1;")
            .unwrap();
    }
    assert_refused(&db.path(), |e| matches!(e, StoreError::NotNewsdb { .. }));
}

#[test]
fn refuses_a_newer_schema() {
    let db = TempDb::new();
    drop(db.open());
    {
        let conn = Connection::open(db.path()).unwrap();
        conn.execute_batch("PRAGMA user_version = 99; PRAGMA journal_mode = DELETE;")
            .unwrap();
    }
    assert_refused(
        &db.path(),
        |e| matches!(e, StoreError::TooNew { found: 99, supported, .. } if *supported == SCHEMA_VERSION),
    );
}

#[test]
fn read_only_open_refuses_an_empty_file_and_cannot_write() {
    let db = TempDb::new();
    std::fs::write(db.path(), b"").unwrap();
    assert!(matches!(
        Store::open_read_only(db.path()),
        Err(StoreError::NotNewsdb { .. })
    ));
    let mut store = db.open();
    store.write_batch(&corpus(), false).unwrap();
    drop(store);
    let mut ro = Store::open_read_only(db.path()).unwrap();
    assert!(ro.is_read_only());
    assert_eq!(ro.stats().unwrap().articles, 4);
    assert!(ro.write_batch(&corpus(), true).is_err());
}

#[test]
fn integrity_check_passes_after_writes_and_replacements() {
    let db = TempDb::new();
    let mut store = db.open();
    store.write_batch(&corpus(), false).unwrap();
    store.write_batch(&corpus(), true).unwrap();
    // The same pages twice in one forced batch: the second replaces an article whose text the
    // batch has not indexed yet.
    let twice: Vec<_> = corpus().into_iter().chain(corpus()).collect();
    store.write_batch(&twice, true).unwrap();
    assert_eq!(store.search("borrell", 10).unwrap().len(), 3);
    let ok = store.query("PRAGMA integrity_check").unwrap();
    assert_eq!(ok.rows, vec![vec![serde_json::json!("ok")]]);
    let fts = store.query("SELECT count(*) FROM articles_fts").unwrap();
    assert_eq!(fts.rows[0][0], serde_json::json!(4));
    drop(store);
    let conn = Connection::open(db.path()).unwrap();
    conn.execute(
        "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')",
        [],
    )
    .expect("FTS index matches the articles table");
}

#[test]
fn a_store_can_move_to_the_writer_thread() {
    fn assert_send<T: Send>() {}
    assert_send::<Store>();
}
