//! Opening a database file: recognise a newsdb file, refuse anything else before writing a single
//! byte to it, set the connection up (WAL, foreign keys, busy timeout) and apply migrations.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::error::{Result, StoreError};
use crate::schema::{APPLICATION_ID, APPLICATION_NAME, MIGRATIONS, SCHEMA_VERSION};

/// How long a connection waits for another writer before giving up with `SQLITE_BUSY`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Prepared statements kept per connection: enough for every statement the writer and readers use.
const STATEMENT_CACHE: usize = 64;

/// What a file turned out to hold.
enum Found {
    /// A new or empty SQLite database: no tables, no version, no application id.
    Empty,
    /// A newsdb database at this schema version.
    Newsdb(u32),
}

/// Opens (creating if needed) and migrates the database at `path` for writing.
pub(crate) fn open_read_write(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if let Found::Newsdb(version) = inspect(&conn, path)? {
        check_not_newer(path, version)?;
    }
    // Only now, with the file recognised, is anything written to it.
    conn.query_row("PRAGMA journal_mode = WAL", [], |row| {
        row.get::<_, String>(0)
    })?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    tune_writer(&conn)?;
    migrate(&mut conn, path)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(conn)
}

/// Page cache per connection, in KiB (negative `cache_size`): the indexes a batch touches
/// (mentions by entity, band keys) are spread over the whole file, and the default 2 MiB makes
/// every batch re-read them through the kernel.
const CACHE_KIB: i64 = 64 * 1024;

/// WAL pages after which a commit copies the log back into the database (default 1000). A batch
/// writes several MiB, so the default checkpoints (and syncs) after every batch and copies the
/// same index pages again each time; 64 MiB of log amortises that over several batches.
const WAL_AUTOCHECKPOINT: i64 = 16_384;

/// Per-connection settings that only affect speed, not what is stored.
fn tune(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

/// Settings for the writing connection only.
fn tune_writer(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT)?;
    tune(conn)
}

/// Opens an existing database at the current schema version read-only.
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    match inspect(&conn, path)? {
        Found::Empty => {
            return Err(not_newsdb(path, "the database is empty"));
        }
        Found::Newsdb(version) => {
            check_not_newer(path, version)?;
            if version < SCHEMA_VERSION {
                return Err(StoreError::NeedsUpgrade {
                    path: path.to_path_buf(),
                    found: version,
                    supported: SCHEMA_VERSION,
                });
            }
        }
    }
    conn.pragma_update(None, "query_only", true)?;
    tune(&conn)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(conn)
}

/// Reads the header and catalogue (never writing) to decide what the file holds.
fn inspect(conn: &Connection, path: &Path) -> Result<Found> {
    let application_id: i32 = conn
        .query_row("PRAGMA application_id", [], |row| row.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => not_newsdb(path, "not an SQLite file"),
            _ => StoreError::Sqlite(e),
        })?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let objects: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if application_id == APPLICATION_ID || has_meta_marker(conn)? {
        return Ok(Found::Newsdb(version));
    }
    if objects == 0 && application_id == 0 && version == 0 {
        return Ok(Found::Empty);
    }
    let reason = if application_id != 0 {
        format!("application_id {application_id:#010x} belongs to another application")
    } else {
        "it holds tables but no newsdb marker".to_owned()
    };
    Err(not_newsdb(path, &reason))
}

/// Whether a `meta` table names newsdb as the application (a file whose header lost its id).
fn has_meta_marker(conn: &Connection) -> Result<bool> {
    let has_meta: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta')",
        [],
        |row| row.get(0),
    )?;
    if !has_meta {
        return Ok(false);
    }
    let marked = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'application' AND value = ?1)",
        [APPLICATION_NAME],
        |row| row.get(0),
    );
    // A foreign `meta` table with other columns simply does not carry the marker.
    match marked {
        Ok(marked) => Ok(marked),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::Unknown => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Refuses a schema newer than this build knows.
fn check_not_newer(path: &Path, version: u32) -> Result<()> {
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Applies every migration past the file's version in one immediate transaction.
fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    if user_version(conn)? == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated between the check above and taking the write lock.
    let version = user_version(&tx)?;
    check_not_newer(path, version)?;
    if version < SCHEMA_VERSION {
        for ddl in MIGRATIONS.iter().skip(version as usize) {
            tx.execute_batch(ddl)?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    tx.commit()?;
    Ok(())
}

/// The schema version in the file header.
fn user_version(conn: &Connection) -> Result<u32> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    Ok(u32::try_from(version).unwrap_or(u32::MAX))
}

/// Builds the refusal error for `path`.
fn not_newsdb(path: &Path, reason: &str) -> StoreError {
    StoreError::NotNewsdb {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    }
}
