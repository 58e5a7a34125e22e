//! `newsdb ingest`: rayon workers read, extract and annotate pages and send records through a
//! bounded channel to one writer thread, which stores them in batched transactions. Each batch
//! is one transaction, so an interrupted run leaves a consistent database that the next run
//! completes (pages already stored are recognised by content hash and skipped: each worker asks
//! the database on a read-only connection of its own, so memory does not grow with the corpus).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use store::{Outcome, Record, Store, StoredHashes};

use crate::analyse;
use crate::input::{self, Source};
use crate::warc;

/// Settings of one ingest run.
pub struct IngestConfig {
    /// Inputs named on the command line.
    pub paths: Vec<PathBuf>,
    /// Re-extract pages already stored.
    pub force: bool,
    /// Worker threads (0 = all cores).
    pub jobs: usize,
    /// Extraction options (limits, fallback anchor).
    pub options: extract::Options,
    /// Records per write transaction.
    pub batch: usize,
    /// Only this shard of the inputs, by content hash: (k, n) with 1 ≤ k ≤ n.
    pub shard: Option<(u64, u64)>,
}

/// What an ingest run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Inputs read.
    pub read: usize,
    /// Articles stored.
    pub stored: usize,
    /// Inputs skipped because the database already has them.
    pub skipped: usize,
    /// Inputs that failed (recorded with their reason).
    pub failed: usize,
    /// Inputs outside the requested shard.
    pub other_shard: usize,
    /// Whether the run was stopped by Ctrl-C before reading every input.
    pub interrupted: bool,
}

/// Runs an ingest into the database at `db`.
pub fn run(db: &Path, config: &IngestConfig) -> Result<Summary> {
    let mut store =
        Store::open(db).with_context(|| format!("cannot open database {}", db.display()))?;
    let (sources, missing) = input::collect(&config.paths);

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs)
        .build()
        .context("cannot start worker threads")?;
    // One lookup connection per worker thread, by its index in the pool.
    let stored: Vec<Mutex<StoredHashes>> = if config.force {
        Vec::new()
    } else {
        (0..pool.current_num_threads())
            .map(|_| StoredHashes::open(db).map(Mutex::new))
            .collect::<std::result::Result<_, _>>()
            .with_context(|| format!("cannot read database {}", db.display()))?
    };
    // A lookup that fails only costs the page's analysis: the writer skips stored hashes too.
    let is_stored = |hash: &str| {
        rayon::current_thread_index()
            .and_then(|i| stored.get(i))
            .and_then(|lookup| lookup.lock().ok()?.contains(hash).ok())
            .unwrap_or(false)
    };
    let bar = progress_bar(sources.len() as u64);
    let skipped = AtomicUsize::new(0);
    let other_shard = AtomicUsize::new(0);
    let records_seen = AtomicUsize::new(0);
    let (tx, rx) = crossbeam_channel::bounded::<Record>(config.batch * 4);
    // Ctrl-C stops the workers from starting new pages; what is in flight is written and the
    // summary printed. A second Ctrl-C kills the process, which the batching also survives.
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        let _ = ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }

    let mut summary = Summary::default();
    let writer_result: Result<(usize, usize, usize)> = std::thread::scope(|scope| {
        let writer = scope.spawn(|| write_all(&mut store, rx, config.batch, config.force));
        // Inputs that do not exist are recorded like any other failure.
        for (path, reason) in &missing {
            let record = Record {
                document: store::DocumentInfo {
                    path: path.clone(),
                    content_hash: input::hash_bytes(format!("missing:{path}").as_bytes()),
                    bytes: 0,
                    format: None,
                    encoding: None,
                },
                outcome: Outcome::Failed(reason.clone()),
            };
            let _ = tx.send(record);
        }
        pool.install(|| {
            sources.par_iter().for_each_with(tx.clone(), |tx, source| {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let handle = |input: input::Input, options: &extract::Options| {
                    if let Some((k, n)) = config.shard {
                        if shard_of(&input.hash, n) != k - 1 {
                            other_shard.fetch_add(1, Ordering::Relaxed);
                            return;
                        }
                    }
                    if is_stored(&input.hash) {
                        skipped.fetch_add(1, Ordering::Relaxed);
                        return;
                    }
                    // The writer only stops early on a database error, reported below.
                    let _ = tx.send(analyse::record(input, options));
                };
                match source {
                    Source::File(path) if warc::is_warc(path) => {
                        warc::for_each_page(path, config.options.limits.max_page_bytes, |page| {
                            if stop.load(Ordering::Relaxed) {
                                return;
                            }
                            let options = extract::Options {
                                url: page.url,
                                fetched: page.date,
                                ..config.options.clone()
                            };
                            records_seen.fetch_add(1, Ordering::Relaxed);
                            handle(page.input, &options);
                        });
                    }
                    _ => {
                        records_seen.fetch_add(1, Ordering::Relaxed);
                        handle(
                            input::read(source, config.options.limits.max_page_bytes),
                            &config.options,
                        );
                    }
                }
                bar.inc(1);
            });
        });
        drop(tx);
        writer.join().unwrap_or_else(|panic| {
            Err(anyhow::anyhow!(
                "writer thread panicked: {}",
                analyse::panic_message(&panic)
            ))
        })
    });
    bar.finish_and_clear();
    let (stored, failed, duplicates) = writer_result?;
    summary.read = records_seen.load(Ordering::Relaxed) + missing.len();
    summary.stored = stored;
    summary.failed = failed;
    // Pages already stored, found by the workers, plus copies of one page within this run.
    summary.skipped = skipped.load(Ordering::Relaxed) + duplicates;
    summary.other_shard = other_shard.load(Ordering::Relaxed);
    summary.interrupted = stop.load(Ordering::SeqCst);
    Ok(summary)
}

/// Which of `n` shards a content hash belongs to (0-based).
pub fn shard_of(hash: &str, n: u64) -> u64 {
    let head = hash
        .get(..16)
        .and_then(|h| u64::from_str_radix(h, 16).ok())
        .unwrap_or(0);
    head % n.max(1)
}

fn write_all(
    store: &mut Store,
    rx: crossbeam_channel::Receiver<Record>,
    batch: usize,
    force: bool,
) -> Result<(usize, usize, usize)> {
    let mut stored = 0;
    let mut failed = 0;
    let mut duplicates = 0;
    let mut pending: Vec<Record> = Vec::with_capacity(batch);
    let mut flush = |pending: &mut Vec<Record>| -> Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let done = store
            .write_batch(pending, force)
            .context("cannot write to the database")?;
        stored += done.articles;
        failed += done.failed;
        duplicates += done.skipped;
        pending.clear();
        Ok(())
    };
    loop {
        match rx.recv_timeout(Duration::from_millis(500)) {
            Ok(record) => {
                pending.push(record);
                if pending.len() >= batch {
                    flush(&mut pending)?;
                }
            }
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => flush(&mut pending)?,
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => break,
        }
    }
    flush(&mut pending)?;
    Ok((stored, failed, duplicates))
}

fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} pages ({per_sec}, eta {eta})",
    ) {
        bar.set_style(style);
    }
    bar
}

impl Summary {
    /// The one-line summary printed after every run.
    pub fn line(&self, elapsed: Duration) -> String {
        let mut s = format!(
            "read {} pages: {} stored, {} skipped (already present), {} failed",
            self.read, self.stored, self.skipped, self.failed
        );
        if self.other_shard > 0 {
            s.push_str(&format!(", {} in other shards", self.other_shard));
        }
        s.push_str(&format!(" in {:.1}s", elapsed.as_secs_f64()));
        if self.interrupted {
            s.push_str(" (interrupted: run again to finish)");
        }
        s
    }
}
