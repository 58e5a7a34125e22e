//! `newsdb tag`: the NLP alone, on plain text, JSON Lines or CoNLL tokens.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::output;

#[derive(Deserialize)]
struct JsonlIn {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    anchor: Option<String>,
}

#[derive(Serialize)]
struct JsonlOut<'a> {
    id: &'a serde_json::Value,
    entities: Vec<nlp_lite::Entity>,
    timexes: Vec<nlp_lite::Timex>,
}

fn open(file: Option<&Path>) -> Result<Box<dyn BufRead>> {
    match file {
        None => Ok(Box::new(BufReader::new(std::io::stdin()))),
        Some(p) if p.as_os_str() == "-" => Ok(Box::new(BufReader::new(std::io::stdin()))),
        Some(p) => Ok(Box::new(BufReader::new(
            std::fs::File::open(p).with_context(|| format!("cannot open {}", p.display()))?,
        ))),
    }
}

/// The date part of an anchor such as `1998-01-08` or `1998-01-08T10:00:00`.
fn parse_anchor(s: &str) -> Option<jiff::civil::Date> {
    s.trim().get(..10).and_then(|d| d.parse().ok())
}

/// Runs the command; returns whether every input line was understood.
pub fn run(
    file: Option<PathBuf>,
    anchor: Option<jiff::civil::Date>,
    jsonl: bool,
    conll: bool,
) -> Result<bool> {
    let mut input = open(file.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if jsonl {
        let mut ok = true;
        for (n, line) in input.lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let item: JsonlIn = match serde_json::from_str(&line) {
                Ok(item) => item,
                Err(e) => {
                    ok = false;
                    eprintln!(
                        "newsdb: line {}: not a {{\"id\", \"text\"}} object: {e}",
                        n + 1
                    );
                    continue;
                }
            };
            let anchor = item.anchor.as_deref().and_then(parse_anchor).or(anchor);
            let ann = nlp_lite::analyse(&item.text, anchor);
            output::json_line(
                &mut out,
                &JsonlOut {
                    id: &item.id,
                    entities: ann.entities,
                    timexes: ann.timexes,
                },
            )?;
        }
        return Ok(ok);
    }
    if conll {
        conll_run(input, &mut out)?;
        return Ok(true);
    }
    let mut text = String::new();
    input
        .read_to_string(&mut text)
        .context("input is not UTF-8 text")?;
    output::json(&mut out, &nlp_lite::analyse(&text, anchor))?;
    Ok(true)
}

/// Tags CoNLL input sentence by sentence, keeping sentence and document breaks.
fn conll_run(input: Box<dyn BufRead>, out: &mut impl Write) -> Result<()> {
    let mut sentence: Vec<String> = Vec::new();
    let flush = |sentence: &mut Vec<String>, out: &mut dyn Write| -> Result<()> {
        if sentence.is_empty() {
            return Ok(());
        }
        let tokens: Vec<&str> = sentence.iter().map(String::as_str).collect();
        let tags = nlp_lite::tag_tokens(&tokens);
        for (token, tag) in tokens.iter().zip(tags) {
            let label = match tag {
                Some((ty, true)) => format!("B-{}", ty.conll()),
                Some((ty, false)) => format!("I-{}", ty.conll()),
                None => "O".to_owned(),
            };
            writeln!(out, "{token}\t{label}")?;
        }
        writeln!(out)?;
        sentence.clear();
        Ok(())
    };
    for line in input.lines() {
        let line = line?;
        let token = line.split_whitespace().next();
        match token {
            None => flush(&mut sentence, out)?,
            Some("-DOCSTART-") => {
                flush(&mut sentence, out)?;
                writeln!(out, "-DOCSTART-\tO")?;
                writeln!(out)?;
            }
            Some(t) => sentence.push(t.to_owned()),
        }
    }
    flush(&mut sentence, out)?;
    Ok(())
}
