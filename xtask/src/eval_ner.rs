//! `cargo xtask eval ner`: conlleval scores of `nlp_lite::tag_tokens` on CoNLL-format files.
//!
//! Input: first column the token, last column the tag (IOB1 or IOB2); blank lines end
//! sentences and `-DOCSTART-` lines end documents. Each sentence is tagged on its own; the
//! predicted types map to CoNLL labels with `EntityType::conll` (PLACE→LOC, NORP→MISC). Also
//! reported: the model load time (the first call, on a one-word input, before anything else
//! touches nlp-lite) and tagging speed on one thread.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use serde_json::{json, Value};

use crate::args::Args;
use crate::metrics::conlleval::{Counts, Report};
use crate::table::Table;

/// One sentence: tokens with their gold tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// The gold tag of each token.
    pub tags: Vec<String>,
}

/// Reads CoNLL text into sentences (document breaks also end sentences).
pub fn parse(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let boundary = cols.is_empty() || cols[0] == "-DOCSTART-";
        if boundary {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        cur.tokens.push(cols[0].to_owned());
        cur.tags.push(
            if cols.len() > 1 {
                cols[cols.len() - 1]
            } else {
                "O"
            }
            .to_owned(),
        );
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

/// Predicted IOB2 tags (CoNLL labels) for one sentence.
pub fn predict(tokens: &[&str]) -> Vec<String> {
    nlp_lite::tag_tokens(tokens)
        .into_iter()
        .map(|t| match t {
            None => "O".to_owned(),
            Some((ty, begins)) => format!("{}-{}", if begins { "B" } else { "I" }, ty.conll()),
        })
        .collect()
}

/// Scores of one file.
struct FileResult {
    name: String,
    report: Report,
    tokens: usize,
    seconds: f64,
}

fn eval_file(name: &str, path: &Path) -> Result<FileResult> {
    let text =
        fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let sentences = parse(&text);
    let mut report = Report::default();
    let (mut tokens, mut seconds) = (0, 0.0);
    for s in &sentences {
        let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        let t0 = Instant::now();
        let pred = predict(&toks);
        seconds += t0.elapsed().as_secs_f64();
        tokens += toks.len();
        report.add_sentence(&s.tags, &pred);
    }
    Ok(FileResult {
        name: name.to_owned(),
        report,
        tokens,
        seconds,
    })
}

fn counts_row(label: &str, c: Counts) -> Vec<String> {
    vec![
        label.to_owned(),
        c.gold.to_string(),
        c.pred.to_string(),
        c.correct.to_string(),
        format!("{:.2}", 100.0 * c.precision()),
        format!("{:.2}", 100.0 * c.recall()),
        format!("{:.2}", 100.0 * c.f1()),
    ]
}

fn counts_json(c: Counts) -> Value {
    json!({"gold": c.gold, "pred": c.pred, "correct": c.correct,
           "precision": c.precision(), "recall": c.recall(), "f1": c.f1()})
}

/// Runs `eval ner`.
pub fn run(args: &Args) -> Result<()> {
    // Measured first, before anything else in this process touches nlp-lite.
    let t0 = Instant::now();
    let _ = nlp_lite::tag_tokens(&["Hello"]);
    let load = t0.elapsed().as_secs_f64();

    let data = crate::data_dir(args);
    let mut files: Vec<(String, PathBuf)> = vec![
        (
            "CoNLL-2003 eng.testa".into(),
            data.join("ner/conll2003/eng.testa"),
        ),
        (
            "wikigold".into(),
            data.join("ner/wikigold/wikigold.conll.txt"),
        ),
    ];
    files.retain(|(_, p)| {
        let ok = p.exists();
        if !ok {
            crate::skip_missing(p);
        }
        ok
    });
    for f in args.values("--file") {
        files.push((f.to_owned(), PathBuf::from(f)));
    }
    if files.is_empty() {
        return Ok(());
    }

    println!("eval ner: conlleval (exact span + type), per sentence, nlp_lite::tag_tokens");
    println!("model load (first call, one word): {:.1} ms\n", load * 1e3);
    let mut all_json = Vec::new();
    for (name, path) in &files {
        let r = eval_file(name, path)?;
        println!(
            "{} ({} tokens, {:.0} tokens/s, one thread)",
            r.name,
            r.tokens,
            r.tokens as f64 / r.seconds.max(1e-9)
        );
        let mut t = Table::new(&["type", "gold", "pred", "correct", "P", "R", "F1"]);
        for ty in ["PER", "ORG", "LOC", "MISC"] {
            t.row(counts_row(ty, r.report.of(ty)));
        }
        for ty in r
            .report
            .per_type
            .keys()
            .filter(|k| !["PER", "ORG", "LOC", "MISC"].contains(&k.as_str()))
        {
            t.row(counts_row(ty, r.report.of(ty)));
        }
        t.row(counts_row("overall", r.report.overall()));
        t.row(counts_row(
            "overall w/o MISC",
            r.report.overall_without(&["MISC"]),
        ));
        t.print();
        println!();
        let per_type: serde_json::Map<String, Value> = r
            .report
            .per_type
            .iter()
            .map(|(k, c)| (k.clone(), counts_json(*c)))
            .collect();
        all_json.push(json!({
            "file": r.name, "path": path.display().to_string(), "tokens": r.tokens,
            "tokens_per_s": r.tokens as f64 / r.seconds.max(1e-9),
            "overall": counts_json(r.report.overall()),
            "overall_without_misc": counts_json(r.report.overall_without(&["MISC"])),
            "per_type": per_type,
        }));
    }
    if args.flag("--json") {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({"load_ms": load * 1e3, "files": all_json}))?
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sentences_and_documents() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter I-PER\n-DOCSTART- O\nBlackburn I-PER\n";
        let s = parse(text);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].tokens, vec!["EU", "rejects"]);
        assert_eq!(s[0].tags, vec!["I-ORG", "O"]);
        assert_eq!(s[1].tags, vec!["I-PER"]);
        assert_eq!(s[2].tokens, vec!["Blackburn"]);
    }

    #[test]
    fn predictions_are_iob2_with_conll_labels() {
        let tags = predict(&["Josep", "Borrell", "visited", "Seoul", "."]);
        assert_eq!(tags.len(), 5);
        for t in &tags {
            assert!(
                t == "O" || t.starts_with("B-") || t.starts_with("I-"),
                "{t}"
            );
            if let Some((_, ty)) = t.split_once('-') {
                assert!(["PER", "ORG", "LOC", "MISC"].contains(&ty), "{t}");
            }
        }
    }
}
