//! `newsdb`: turns a pile of scraped news pages into one SQLite database and answers questions
//! about it. This binary is the only place with terminals, threads, exit codes and `anyhow`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod analyse;
mod args;
mod commands;
mod ingest;
mod input;
mod output;
mod parquet_export;
mod warc;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let mut stderr = std::io::stderr().lock();
            let chain: Vec<String> = err.chain().map(ToString::to_string).collect();
            let _ = writeln!(stderr, "newsdb: {}", chain.join(": "));
            ExitCode::from(1)
        }
    }
}

/// `newsdb … | head` closes the pipe early: that is success, not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
