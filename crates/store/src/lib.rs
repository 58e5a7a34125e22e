//! store: the newsdb SQLite schema, migrations, batched writer and read queries.
//!
//! This is the only crate that knows SQL. [`Store::open`] creates or upgrades a database and
//! [`Store::write_batch`] fills it from [`Record`]s; the read methods return typed rows that
//! derive `serde::Serialize`, so the command line can print them as tables or JSON.

mod article_view;
mod cache;
mod clusters;
mod corpus;
mod datasette;
mod error;
mod export;
mod fingerprint;
mod merge;
mod open;
mod record;
mod reports;
mod resolve;
mod schema;
mod search;
mod sql;
mod stored;
mod writer;

use std::path::{Path, PathBuf};

pub use article_view::{
    ArticleEntity, ArticleView, AttributionRow, ClusterCopy, MentionSpan, RemovedRow,
    TimestampView, TimexRow,
};
pub use clusters::ClusterRow;
pub use corpus::{CooccurRow, EntityProfile, LinkedEntity, Period, PeriodRow};
pub use datasette::datasette_metadata;
pub use error::{Result, StoreError};
pub use export::{ExportEntity, ExportRow, ExportTimex};
pub use fingerprint::{cluster as cluster_fingerprints, Fingerprint};
pub use merge::MergeSummary;
pub use record::{AnalysedArticle, DocumentInfo, Outcome, Record};
pub use reports::{EntityRow, Stats, TimelineRow};
pub use resolve::{MergeRow, ResolveSummary};
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use search::SearchHit;
pub use sql::QueryResult;
pub use stored::StoredHashes;
pub use writer::BatchSummary;

/// An open newsdb database: one SQLite connection, read-write or read-only.
#[derive(Debug)]
pub struct Store {
    conn: rusqlite::Connection,
    path: PathBuf,
    read_only: bool,
    /// Entities, aliases and acronyms committed so far, so the writer rarely asks the database.
    cache: cache::Cache,
}

impl Store {
    /// Opens the database at `path` for writing, creating it and applying migrations as needed.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let conn = open::open_read_write(path)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only: false,
            cache: cache::Cache::default(),
        })
    }

    /// Opens an existing, current database read-only (`SQLITE_OPEN_READ_ONLY`).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let conn = open::open_read_only(path)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only: true,
            cache: cache::Cache::default(),
        })
    }

    /// The file this store was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this store was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }
}
