//! Dispatch from parsed arguments to the command implementations, and exit codes:
//! 0 success, 1 usage or fatal error (returned as `Err`), 2 finished but some inputs failed,
//! 130 ingest stopped by Ctrl-C (after writing what was in flight).

mod corpus;
mod extract;
mod query;
mod tag;

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::args::{Cli, Command};
use crate::ingest::{self, IngestConfig};

/// Runs the command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let db = cli.db;
    let ok = match cli.command {
        Command::Ingest {
            paths,
            force,
            jobs,
            anchor,
            batch,
            shard,
            max_page_bytes,
            max_depth,
        } => {
            let shard = shard.as_deref().map(parse_shard).transpose()?;
            let options = ::extract::Options {
                anchor,
                limits: ::extract::Limits {
                    max_page_bytes,
                    max_depth,
                    ..::extract::Limits::default()
                },
                ..::extract::Options::default()
            };
            let config = IngestConfig {
                paths,
                force,
                jobs,
                options,
                batch: batch.max(1),
                shard,
            };
            let started = Instant::now();
            let summary = ingest::run(&db, &config)?;
            corpus::settle(&db)?;
            println!("{}", summary.line(started.elapsed()));
            if summary.interrupted {
                return Ok(ExitCode::from(130));
            }
            summary.failed == 0
        }
        Command::Extract {
            paths,
            jsonl,
            body_only,
            explain,
            anchor,
        } => {
            let mode = if explain {
                extract::Mode::Explain
            } else if body_only {
                extract::Mode::BodyOnly
            } else {
                extract::Mode::Json { lines: jsonl }
            };
            extract::run(&paths, mode, anchor)?
        }
        Command::Tag {
            file,
            anchor,
            jsonl,
            conll,
        } => tag::run(file, anchor, jsonl, conll)?,
        Command::Search { query, limit, json } => {
            query::search(&db, &query, limit, json).map(|()| true)?
        }
        Command::Show { id, json } => query::show(&db, id, json).map(|()| true)?,
        Command::Entities {
            merge_report: true,
            json,
            ..
        } => corpus::merge_report(&db, json).map(|()| true)?,
        Command::Entities {
            kind, limit, json, ..
        } => query::entities(&db, kind.as_deref(), limit, json).map(|()| true)?,
        Command::Timeline {
            entity,
            by: crate::args::Period::Day,
            kind: None,
            json,
        } => query::timeline(&db, entity.as_deref(), json).map(|()| true)?,
        Command::Timeline {
            entity,
            by,
            kind,
            json,
        } => corpus::timeline(&db, entity.as_deref(), by, kind.as_deref(), json).map(|()| true)?,
        Command::Entity { name, top, json } => {
            corpus::entity(&db, &name, top, json).map(|()| true)?
        }
        Command::Cooccur {
            entity,
            limit,
            json,
        } => corpus::cooccur(&db, entity.as_deref(), limit, json).map(|()| true)?,
        Command::Clusters { limit, json } => corpus::clusters(&db, limit, json).map(|()| true)?,
        Command::DatasetteMetadata => corpus::datasette_metadata(&db).map(|()| true)?,
        Command::Merge { out, inputs } => corpus::merge(&out, &inputs).map(|()| true)?,
        Command::Export { format, output } => {
            query::export(&db, format, output.as_deref()).map(|()| true)?
        }
        Command::Stats { json } => query::stats(&db, json).map(|()| true)?,
        Command::Sql { query, json } => query::sql(&db, &query, json).map(|()| true)?,
    };
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// Parses `K/N` with 1 ≤ K ≤ N.
fn parse_shard(s: &str) -> Result<(u64, u64)> {
    let (k, n) = s.split_once('/').context("--shard takes K/N, e.g. 1/3")?;
    let k: u64 = k.trim().parse().context("--shard K is not a number")?;
    let n: u64 = n.trim().parse().context("--shard N is not a number")?;
    if k == 0 || n == 0 || k > n {
        bail!("--shard {s}: K must be between 1 and N");
    }
    Ok((k, n))
}
