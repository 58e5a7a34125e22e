//! `cargo xtask eval timex`: TempEval-3 task A scores of `nlp_lite::tag_dates`.
//!
//! Inputs are the flattened JSONL files of `../shared/data/timex`: docs `{doc, dct, text}` and
//! gold `{doc, start, end, text, type, value}` with character offsets. Each document is tagged
//! with its DCT (first 10 characters, as a date) as the anchor. `--errors` writes missed,
//! spurious and wrong-value timexes to stderr (`--errors-file F` to a file).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::args::Args;
use crate::metrics::tempeval::{pair, Counts, Span};
use crate::table::Table;

/// Default data sets: (name, file stem under `timex/`).
const SETS: [(&str, &str); 3] = [
    ("TimeBank", "tbaq_TimeBank"),
    ("AQUAINT", "tbaq_AQUAINT"),
    ("WikiWars", "wikiwars"),
];

/// One document.
#[derive(Debug, Deserialize)]
struct Doc {
    doc: String,
    #[serde(default)]
    dct: Option<String>,
    text: String,
}

/// One gold timex.
#[derive(Debug, Deserialize)]
struct Gold {
    doc: String,
    start: usize,
    end: usize,
    #[serde(default)]
    text: String,
    #[serde(rename = "type", default)]
    ty: String,
    #[serde(default)]
    value: String,
}

fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>> {
    let text =
        fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), i + 1))
        })
        .collect()
}

/// The characters `start..end` of `text`.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// Scores of one data set.
struct SetResult {
    counts: Counts,
    bytes: usize,
    seconds: f64,
    docs: usize,
}

fn eval_set(name: &str, docs: &Path, gold: &Path, errors: &mut String) -> Result<SetResult> {
    let docs: Vec<Doc> = read_jsonl(docs)?;
    let mut golds: HashMap<String, Vec<Gold>> = HashMap::new();
    for g in read_jsonl::<Gold>(gold)? {
        golds.entry(g.doc.clone()).or_default().push(g);
    }
    let mut r = SetResult {
        counts: Counts::default(),
        bytes: 0,
        seconds: 0.0,
        docs: docs.len(),
    };
    for d in &docs {
        let anchor = d
            .dct
            .as_deref()
            .and_then(|s| s.get(..10))
            .and_then(|s| s.parse().ok());
        let t0 = Instant::now();
        let pred = nlp_lite::tag_dates(&d.text, anchor);
        r.seconds += t0.elapsed().as_secs_f64();
        r.bytes += d.text.len();
        let gold = golds.remove(&d.doc).unwrap_or_default();
        let g_spans: Vec<Span> = gold
            .iter()
            .map(|g| Span {
                start: g.start,
                end: g.end,
                ty: g.ty.clone(),
                value: g.value.clone(),
            })
            .collect();
        let p_spans: Vec<Span> = pred
            .iter()
            .map(|p| Span {
                start: p.start,
                end: p.end,
                ty: p.ty.as_str().to_owned(),
                value: p.value.clone(),
            })
            .collect();
        r.counts.add_doc(&g_spans, &p_spans);
        // Errors: missed, spurious, wrong value / type / span.
        let pairs = pair(&g_spans, &p_spans);
        let mut g_hit = vec![None; gold.len()];
        let mut p_hit = vec![false; pred.len()];
        for &(gi, pi) in &pairs {
            g_hit[gi] = Some(pi);
            p_hit[pi] = true;
        }
        for (gi, g) in gold.iter().enumerate() {
            let surface = if g.text.is_empty() {
                chars(&d.text, g.start, g.end)
            } else {
                g.text.clone()
            };
            match g_hit[gi] {
                None => {
                    let _ = writeln!(
                        errors,
                        "{name}\t{}\tMISSED\t{surface:?}\t{} {}",
                        d.doc, g.ty, g.value
                    );
                }
                Some(pi) => {
                    let p = &pred[pi];
                    if p.value != g.value || p.ty.as_str() != g.ty {
                        let _ = writeln!(
                            errors,
                            "{name}\t{}\tWRONG\t{surface:?}\tgold {} {}\tgot {:?} {} {}",
                            d.doc,
                            g.ty,
                            g.value,
                            p.text,
                            p.ty.as_str(),
                            p.value
                        );
                    } else if p.start != g.start || p.end != g.end {
                        let _ = writeln!(
                            errors,
                            "{name}\t{}\tSPAN\t{surface:?}\tgot {:?}",
                            d.doc, p.text
                        );
                    }
                }
            }
        }
        for p in pred
            .iter()
            .zip(&p_hit)
            .filter(|(_, hit)| !**hit)
            .map(|(p, _)| p)
        {
            let _ = writeln!(
                errors,
                "{name}\t{}\tSPURIOUS\t{:?}\t{} {}",
                d.doc,
                p.text,
                p.ty.as_str(),
                p.value
            );
        }
    }
    Ok(r)
}

fn row(name: &str, r: &SetResult) -> Vec<String> {
    let c = &r.counts;
    vec![
        name.to_owned(),
        r.docs.to_string(),
        c.gold.to_string(),
        c.pred.to_string(),
        format!("{:.2}", 100.0 * c.relaxed_p()),
        format!("{:.2}", 100.0 * c.relaxed_r()),
        format!("{:.2}", 100.0 * c.relaxed_f1()),
        format!("{:.2}", 100.0 * c.strict_f1()),
        format!("{:.2}", 100.0 * c.type_acc()),
        format!("{:.2}", 100.0 * c.value_acc()),
        format!("{:.2}", 100.0 * c.value_f1()),
        format!("{:.2}", r.bytes as f64 / 1e6 / r.seconds.max(1e-9)),
    ]
}

fn to_json(name: &str, r: &SetResult) -> Value {
    let c = &r.counts;
    json!({"set": name, "docs": r.docs, "gold": c.gold, "pred": c.pred, "relaxed": c.relaxed,
           "strict": c.strict, "relaxed_p": c.relaxed_p(), "relaxed_r": c.relaxed_r(),
           "relaxed_f1": c.relaxed_f1(), "strict_f1": c.strict_f1(), "type_acc": c.type_acc(),
           "value_acc": c.value_acc(), "value_f1": c.value_f1(),
           "mb_per_s": r.bytes as f64 / 1e6 / r.seconds.max(1e-9)})
}

/// Runs `eval timex`.
pub fn run(args: &Args) -> Result<()> {
    let sets: Vec<(String, PathBuf, PathBuf)> = match (args.value("--docs"), args.value("--gold")) {
        (Some(d), Some(g)) => vec![(d.to_owned(), d.into(), g.into())],
        (None, None) => {
            let dir = crate::data_dir(args).join("timex");
            let sets: Vec<_> = SETS
                .iter()
                .map(|(n, s)| {
                    (
                        n.to_string(),
                        dir.join(format!("{s}.docs.jsonl")),
                        dir.join(format!("{s}.gold.jsonl")),
                    )
                })
                .filter(|(_, d, g)| d.exists() && g.exists())
                .collect();
            if sets.is_empty() {
                crate::skip_missing(&dir);
                return Ok(());
            }
            sets
        }
        _ => anyhow::bail!("--docs and --gold go together"),
    };
    // The first call compiles the patterns: measured apart from the throughput.
    let t0 = Instant::now();
    let _ = nlp_lite::tag_dates("on 3 November 2024", None);
    let load = t0.elapsed().as_secs_f64();
    let mut errors = String::new();
    let mut t = Table::new(&[
        "set",
        "docs",
        "gold",
        "pred",
        "rel P",
        "rel R",
        "rel F1",
        "strict F1",
        "type acc",
        "value acc",
        "value F1",
        "MB/s",
    ]);
    let mut total = SetResult {
        counts: Counts::default(),
        bytes: 0,
        seconds: 0.0,
        docs: 0,
    };
    let mut out = Vec::new();
    for (name, docs, gold) in &sets {
        let r = eval_set(name, docs, gold, &mut errors)?;
        t.row(row(name, &r));
        out.push(to_json(name, &r));
        total.counts.add(r.counts);
        total.bytes += r.bytes;
        total.seconds += r.seconds;
        total.docs += r.docs;
    }
    if sets.len() > 1 {
        t.row(row("all", &total));
        out.push(to_json("all", &total));
    }
    println!("eval timex: TempEval-3 task A, anchor = DCT; value F1 = value acc × relaxed F1 (headline); MB/s on one thread");
    println!("first call (pattern set up): {:.1} ms\n", load * 1e3);
    t.print();
    if let Some(path) = args.value("--errors-file") {
        fs::write(path, &errors).with_context(|| format!("cannot write {path}"))?;
        println!(
            "\nerrors written to {path} ({} lines)",
            errors.lines().count()
        );
    } else if args.flag("--errors") {
        eprint!("{errors}");
    }
    if args.flag("--json") {
        println!("{}", serde_json::to_string_pretty(&Value::Array(out))?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_a_small_set_and_lists_errors() {
        let dir = std::env::temp_dir().join(format!("xtask-timex-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let docs = dir.join("d.jsonl");
        let gold = dir.join("g.jsonl");
        let text = "The deal was signed on November 3, 2024 in Seoul.";
        let start = text.find("November").unwrap();
        fs::write(
            &docs,
            json!({"doc": "a", "dct": "2024-11-05", "text": text}).to_string(),
        )
        .unwrap();
        fs::write(
            &gold,
            json!({"doc": "a", "start": start, "end": start + 16, "text": "November 3, 2024",
                   "type": "DATE", "value": "2024-11-03"})
            .to_string(),
        )
        .unwrap();
        let mut errors = String::new();
        let r = eval_set("t", &docs, &gold, &mut errors).unwrap();
        fs::remove_dir_all(&dir).ok();
        assert_eq!((r.docs, r.counts.gold), (1, 1));
        assert_eq!(errors.contains("MISSED"), r.counts.relaxed == 0);
        assert_eq!(
            errors.matches("SPURIOUS").count(),
            r.counts.pred - r.counts.relaxed
        );
        assert_eq!(chars("añb", 1, 2), "ñ");
    }
}
