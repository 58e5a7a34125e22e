//! The one error type of the store, so callers can tell a foreign file from a bad query from a
//! failing disk without parsing messages.

use std::path::PathBuf;

/// Everything that can go wrong opening, writing or querying a newsdb database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file is not SQLite, or is SQLite holding something other than newsdb tables.
    #[error("{path}: not a newsdb database ({reason})", path = path.display())]
    NotNewsdb {
        /// The file that was refused.
        path: PathBuf,
        /// Why it was not recognised.
        reason: String,
    },
    /// The database was written by a newer newsdb with a schema this build does not know.
    #[error(
        "{path}: schema version {found} is newer than this newsdb supports ({supported}); upgrade newsdb",
        path = path.display()
    )]
    TooNew {
        /// The file that was refused.
        path: PathBuf,
        /// Its `PRAGMA user_version`.
        found: u32,
        /// The newest version this build knows.
        supported: u32,
    },
    /// A read-only open found an older schema, which only a read-write open can upgrade.
    #[error(
        "{path}: schema version {found} is older than {supported}; open it for writing (e.g. `newsdb ingest`) to upgrade it",
        path = path.display()
    )]
    NeedsUpgrade {
        /// The file that was refused.
        path: PathBuf,
        /// Its `PRAGMA user_version`.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
    /// A full-text search query that FTS5 cannot parse.
    #[error("bad search query {query:?}: {reason}")]
    BadSearch {
        /// The query as given.
        query: String,
        /// SQLite's explanation.
        reason: String,
    },
    /// An SQL query for the read-only `sql` command that is invalid or would write.
    #[error("bad SQL query: {reason}")]
    BadQuery {
        /// What is wrong with it.
        reason: String,
    },
    /// No entity has this name or alias.
    #[error("no entity named {0:?}")]
    UnknownEntity(String),
    /// A stored value is not in the form newsdb writes.
    #[error("unexpected database content: {0}")]
    Corrupt(String),
    /// Any other SQLite failure (I/O, locking, constraints).
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// The result type of every store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// SQLite's own message for an error, without rusqlite's wrapping.
pub(crate) fn sqlite_message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
        other => other.to_string(),
    }
}
