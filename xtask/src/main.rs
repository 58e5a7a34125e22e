//! `cargo xtask`: developer tasks for newsdb — evaluation against the third-party data in
//! `../shared/data`, throughput benchmarks and a fixture review aid.
//!
//! ```text
//! cargo xtask eval extract [--per-page] [--meta-errors FILE] [--scores FILE] [--data DIR] [--json]
//! cargo xtask eval ner [--file X.conll]… [--data DIR] [--json]
//! cargo xtask eval timex [--docs JSONL --gold JSONL] [--errors | --errors-file F] [--json]
//! cargo xtask bench [--pages N] [--quick] [--json]
//! cargo xtask train extract [--data DIR]
//! cargo xtask train ner [--keep-clusters] [--data DIR]
//! cargo xtask fixtures
//! ```
//!
//! Commands that need `../shared/data` print a message and exit 0 when it is absent.
// A command-line tool: printing is its job.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod bench;
mod bench_cluster;
mod eval_extract;
mod eval_ner;
mod eval_timex;
mod fixtures;
mod metrics;
mod table;
mod train_extract;
mod train_ner;

use std::path::PathBuf;
use std::process::ExitCode;

use args::Args;

const USAGE: &str = "usage: cargo xtask <command>
  eval extract [--per-page] [--meta-errors FILE] [--scores FILE] [--data DIR] [--json]
  eval ner [--file X.conll]... [--data DIR] [--json]
  eval timex [--docs JSONL --gold JSONL] [--errors | --errors-file FILE] [--data DIR] [--json]
  bench [--pages N] [--quick] [--data DIR] [--json]
  train extract [--data DIR]
  train ner [--keep-clusters] [--data DIR]
  fixtures";

fn main() -> ExitCode {
    let args = Args::from_env();
    let result = match (args.positional(0), args.positional(1)) {
        (Some("eval"), Some("extract")) => eval_extract::run(&args),
        (Some("eval"), Some("ner")) => eval_ner::run(&args),
        (Some("eval"), Some("timex")) => eval_timex::run(&args),
        (Some("train"), Some("extract")) => train_extract::run(&args),
        (Some("train"), Some("ner")) => train_ner::run(&args),
        (Some("bench"), _) => bench::run(&args),
        (Some("fixtures"), _) => fixtures::run(),
        (Some("help"), _) | (None, _) => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(1);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// The workspace root (the directory holding the root `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// The shared data directory: `--data DIR`, else `<workspace>/../shared/data`.
pub fn data_dir(args: &Args) -> PathBuf {
    let dir = args
        .value("--data")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/data"));
    std::fs::canonicalize(&dir).unwrap_or(dir)
}

/// Prints why a data-dependent command is skipped; the caller then returns `Ok(())`.
pub fn skip_missing(what: &std::path::Path) {
    println!(
        "{} not found: this command needs the shared data (../shared/data, or --data DIR); skipping.",
        what.display()
    );
}
