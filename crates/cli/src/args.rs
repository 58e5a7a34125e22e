//! Command-line arguments (clap derive). Nothing below this crate knows about flags.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Turn scraped news pages into a clean, queryable SQLite database.
#[derive(Debug, Parser)]
#[command(name = "newsdb", version, about)]
pub struct Cli {
    /// The database file.
    #[arg(long, global = true, env = "NEWSDB_DB", default_value = "news.db")]
    pub db: PathBuf,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read pages (files, directories, .gz, `-` for stdin) into the database.
    Ingest {
        /// Files or directories to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Re-extract pages that are already stored.
        #[arg(long)]
        force: bool,
        /// Worker threads (default: all cores).
        #[arg(long, short = 'j', default_value_t = 0)]
        jobs: usize,
        /// Date (YYYY-MM-DD) to anchor relative dates on for pages that show no date.
        #[arg(long)]
        anchor: Option<jiff::civil::Date>,
        /// Pages per write transaction.
        #[arg(long, default_value_t = 256)]
        batch: usize,
        /// Only ingest shard K of N (by content hash), e.g. `--shard 1/3`.
        #[arg(long)]
        shard: Option<String>,
        /// Largest page accepted, in bytes.
        #[arg(long, default_value_t = extract::Limits::default().max_page_bytes)]
        max_page_bytes: usize,
        /// Deepest HTML nesting accepted.
        #[arg(long, default_value_t = extract::Limits::default().max_depth)]
        max_depth: usize,
    },
    /// Extract pages to JSON without a database.
    Extract {
        /// Files to extract.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// One JSON object per line, with the input path (the default for several pages).
        #[arg(long)]
        jsonl: bool,
        /// Print only the body text.
        #[arg(long)]
        body_only: bool,
        /// Print every block with its score and what became of it (body, or the removed kind).
        #[arg(long, conflicts_with = "body_only")]
        explain: bool,
        /// Date (YYYY-MM-DD) to anchor relative dates on when the page shows none.
        #[arg(long)]
        anchor: Option<jiff::civil::Date>,
    },
    /// Tag entities and dates in plain text.
    Tag {
        /// A text file (or `-`); with --jsonl or --conll, the input in that format.
        file: Option<PathBuf>,
        /// Date (YYYY-MM-DD) to anchor relative dates on.
        #[arg(long)]
        anchor: Option<jiff::civil::Date>,
        /// Read lines of {"id", "text", "anchor"?} and write {"id", "entities", "timexes"}.
        #[arg(long, conflicts_with = "conll")]
        jsonl: bool,
        /// Read CoNLL tokens (first column) and write `token<TAB>tag` in IOB2 with CoNLL labels.
        #[arg(long)]
        conll: bool,
    },
    /// Full-text search over titles, leads and bodies.
    Search {
        /// An FTS5 query (words, "phrases", AND/OR/NOT, prefix*).
        query: String,
        /// Most results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one article with its entities and dates.
    Show {
        /// The article id.
        id: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List entities by mentions.
    Entities {
        /// Only this type (PERSON, ORG, PLACE, NORP, MISC).
        #[arg(long = "type")]
        kind: Option<String>,
        /// Most rows.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Show which names were merged into which entities, and why (and what was left alone).
        #[arg(long)]
        merge_report: bool,
    },
    /// Articles (or one entity's mentions) per day, week or month.
    Timeline {
        /// An entity name or alias.
        entity: Option<String>,
        /// Group by day, week (named by its Monday) or month.
        #[arg(long, value_enum, default_value_t = Period::Day)]
        by: Period,
        /// Only mentions of entities of this type (PERSON, ORG, PLACE, NORP, MISC).
        #[arg(long = "type")]
        kind: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// One entity's profile: type, aliases, counts, first/last day, co-mentions, timeline.
    Entity {
        /// The entity's name or one of its aliases (any case).
        name: String,
        /// Most co-mentioned entities to list.
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Entities mentioned in the same articles (with ENTITY: what appears alongside it).
    Cooccur {
        /// An entity name or alias.
        entity: Option<String>,
        /// Most rows.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Near-duplicate (syndication) clusters, largest first.
    Clusters {
        /// Most rows.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a Datasette metadata.json for the database (`datasette news.db -m metadata.json`).
    DatasetteMetadata,
    /// Merge newsdb databases (e.g. shards) into OUT, re-resolving entities and clusters.
    Merge {
        /// The database to merge into (created if missing).
        out: PathBuf,
        /// The databases to merge in.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    /// Export every article with its entities and dates.
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Counts of what the database holds.
    Stats {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Run a read-only SQL query.
    Sql {
        /// The query.
        query: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values, one row per article.
    Csv,
    /// Apache Parquet, one row per article (entities and dates as JSON text columns).
    Parquet,
}

/// Timeline periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Period {
    /// Calendar days.
    Day,
    /// Weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
}
