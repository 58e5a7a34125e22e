//! `newsdb extract`: pages to JSON (or body text) with no database.

use std::io::Write;
use std::path::PathBuf;

use ::extract::{Article, Options};
use anyhow::Result;
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

/// What to print for each page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The article as JSON (one object per line with `lines`, or when there are several pages).
    Json {
        /// One JSON object per line.
        lines: bool,
    },
    /// Only the body text.
    BodyOnly,
    /// Every block with its score and decision.
    Explain,
}

/// Runs the command; returns whether every page was extracted.
pub fn run(paths: &[PathBuf], mode: Mode, anchor: Option<jiff::civil::Date>) -> Result<bool> {
    let options = Options {
        anchor,
        ..Options::default()
    };
    let (sources, missing) = input::collect(paths);
    let mut ok = missing.is_empty();
    for (path, reason) in &missing {
        eprintln!("newsdb: {path}: {reason}");
    }
    let several = matches!(mode, Mode::Json { lines: true }) || sources.len() > 1;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for source in &sources {
        let path = source.display();
        let read = input::read(source, options.limits.max_page_bytes);
        if mode == Mode::Explain {
            let explained = read.bytes.and_then(|bytes| {
                let page = ::extract::decode(&bytes, &options.limits).map_err(|e| e.to_string())?;
                ::extract::explain_page(&page, &options).map_err(|e| e.to_string())
            });
            match explained {
                Ok((_, trace)) => {
                    writeln!(out, "== {path}")?;
                    for t in trace {
                        let score = t
                            .score
                            .map_or_else(|| "barrier".to_owned(), |s| format!("{s:.1}"));
                        let decision = t.removed.map_or("BODY", |k| k.as_str());
                        let region = if t.in_region { '*' } else { ' ' };
                        let text: String = t.text.chars().take(90).collect();
                        writeln!(out, "{score:>8} {region} {decision:<12} {text}")?;
                    }
                }
                Err(reason) => {
                    ok = false;
                    eprintln!("newsdb: {path}: {reason}");
                }
            }
            continue;
        }
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
                if mode == Mode::BodyOnly {
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
