//! `newsdb extract`: pages to JSON (or body text) with no database.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use extract::{Article, Options};
use nlp_lite::{Entity, Timex};
use serde::Serialize;

use crate::{analyse, input, output};

/// One page's JSON: the article fields, then its entities and dates.
#[derive(Serialize)]
pub struct Extracted<'a> {
    /// The input path (in JSON Lines output).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<&'a str>,
    /// The encoding the page was decoded from.
    pub encoding: &'a str,
    /// The article.
    #[serde(flatten)]
    pub article: &'a Article,
    /// Entity mentions in the body.
    pub entities: &'a [Entity],
    /// Date expressions in the body.
    pub timexes: &'a [Timex],
}

/// Runs the command; returns whether every page was extracted.
pub fn run(
    paths: &[PathBuf],
    jsonl: bool,
    body_only: bool,
    anchor: Option<jiff::civil::Date>,
) -> Result<bool> {
    let options = Options {
        anchor,
        ..Options::default()
    };
    let (sources, missing) = input::collect(paths);
    let mut ok = missing.is_empty();
    for (path, reason) in &missing {
        eprintln!("newsdb: {path}: {reason}");
    }
    let several = jsonl || sources.len() > 1;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for source in &sources {
        let path = source.display();
        let read = input::read(source, options.limits.max_page_bytes);
        let result = read.bytes.and_then(|bytes| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                analyse::analyse(&bytes, &options)
            }))
            .unwrap_or_else(|p| {
                Err(format!(
                    "internal error (a bug, please report it): {}",
                    analyse::panic_message(&p)
                ))
            })
        });
        match result {
            Ok((page, article, ann)) => {
                if body_only {
                    writeln!(out, "{}", article.body)?;
                    continue;
                }
                let value = Extracted {
                    path: several.then_some(path.as_str()),
                    encoding: page.encoding,
                    article: &article,
                    entities: &ann.entities,
                    timexes: &ann.timexes,
                };
                if several {
                    output::json_line(&mut out, &value)?;
                } else {
                    output::json(&mut out, &value)?;
                }
            }
            Err(reason) => {
                ok = false;
                eprintln!("newsdb: {path}: {reason}");
            }
        }
    }
    Ok(ok)
}
