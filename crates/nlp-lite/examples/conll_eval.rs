//! Scores the entity tagger on a CoNLL-2003 style file, conlleval exact span + type (dev aid).
//!
//! `cargo run -p nlp-lite --release --example conll_eval -- FILE [-v] [--doc]`: by default each
//! sentence goes through `tag_tokens` on its own (as `cargo xtask eval ner` does); with `--doc`
//! each `-DOCSTART-` document is joined into one text and tagged with `tag_entities`, so the
//! document-level features and linking apply. Prints per-type scores, overall, and overall
//! without MISC, then the tokens per second of the tagging.
#![allow(clippy::print_stdout)]

use std::collections::HashMap;

type Span = (usize, usize, String);

fn spans(labels: &[String]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, l) in labels
        .iter()
        .chain(std::iter::once(&"O".to_string()))
        .enumerate()
    {
        let (bio, ty) = l.split_once('-').unwrap_or(("O", ""));
        let cont = bio == "I" && cur.as_ref().is_some_and(|(_, t)| t == ty);
        if !cont {
            if let Some((s, t)) = cur.take() {
                out.push((s, i, t));
            }
            if bio != "O" {
                cur = Some((i, ty.to_string()));
            }
        }
    }
    out
}

/// Per-token labels (`B-X`, `I-X`, `O`) for a document's sentences tagged as one text.
fn doc_labels(sentences: &[Vec<&str>]) -> Vec<Vec<String>> {
    let mut text = String::new();
    let mut offsets = Vec::new();
    for words in sentences {
        let mut sent = Vec::new();
        for w in words {
            if !text.is_empty() {
                text.push(if sent.is_empty() { '\n' } else { ' ' });
            }
            let s = text.chars().count();
            text.push_str(w);
            sent.push((s, s + w.chars().count()));
        }
        offsets.push(sent);
    }
    let entities = nlp_lite::tag_entities(&text);
    let mut k = 0;
    let mut prev = None;
    offsets
        .iter()
        .map(|sent| {
            sent.iter()
                .map(|&(s, e)| {
                    while entities.get(k).is_some_and(|en| en.end <= s) {
                        k += 1;
                    }
                    let hit = entities.get(k).filter(|en| en.start < e);
                    let label = match hit {
                        Some(en) => format!(
                            "{}-{}",
                            if prev == Some(k) { "I" } else { "B" },
                            en.ty.conll()
                        ),
                        None => "O".into(),
                    };
                    prev = hit.map(|_| k);
                    label
                })
                .collect()
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else { return };
    let verbose = args.iter().any(|a| a == "-v");
    let doc_mode = args.iter().any(|a| a == "--doc");
    let Ok(data) = std::fs::read_to_string(path) else {
        println!("{path} not found");
        return;
    };
    // Documents of sentences of (word, gold label).
    let mut docs: Vec<Vec<Vec<(&str, &str)>>> = vec![Vec::new()];
    for block in data.split("\n\n") {
        let rows: Vec<Vec<&str>> = block
            .lines()
            .map(|l| l.split_whitespace().collect())
            .filter(|r: &Vec<&str>| r.len() >= 2)
            .collect();
        if rows.is_empty() {
            continue;
        }
        if rows[0][0] == "-DOCSTART-" {
            docs.push(Vec::new());
            continue;
        }
        if let Some(d) = docs.last_mut() {
            d.push(rows.iter().map(|r| (r[0], r[r.len() - 1])).collect());
        }
    }
    let _ = nlp_lite::tag_tokens(&["Warm", "up"]);
    let t = std::time::Instant::now();
    let mut ntok = 0;
    let preds: Vec<Vec<Vec<String>>> = docs
        .iter()
        .map(|d| {
            let words: Vec<Vec<&str>> = d.iter().map(|s| s.iter().map(|w| w.0).collect()).collect();
            ntok += words.iter().map(Vec::len).sum::<usize>();
            if doc_mode {
                return doc_labels(&words);
            }
            words
                .iter()
                .map(|w| {
                    nlp_lite::tag_tokens(w)
                        .into_iter()
                        .map(|t| match t {
                            Some((ty, b)) => {
                                format!("{}-{}", if b { "B" } else { "I" }, ty.conll())
                            }
                            None => "O".into(),
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    let secs = t.elapsed().as_secs_f64();
    let mut per: HashMap<String, (usize, usize, usize)> = HashMap::new();
    for (d, pd) in docs.iter().zip(&preds) {
        for (sent, pred) in d.iter().zip(pd) {
            let words: Vec<&str> = sent.iter().map(|w| w.0).collect();
            let gold: Vec<String> = sent.iter().map(|w| w.1.to_string()).collect();
            let g = spans(&gold);
            let p = spans(pred);
            for s in &p {
                let e = per.entry(s.2.clone()).or_default();
                e.1 += 1;
                if g.contains(s) {
                    e.0 += 1;
                } else if verbose {
                    println!("FP {} {}", s.2, words[s.0..s.1].join(" "));
                }
            }
            for s in &g {
                per.entry(s.2.clone()).or_default().2 += 1;
                if verbose && !p.contains(s) {
                    println!("FN {} {}", s.2, words[s.0..s.1].join(" "));
                }
            }
        }
    }
    let row = |name: &str, (t, p, g): (usize, usize, usize)| {
        println!(
            "| {name:10} | {:.3} | {:.3} | {:.3} | {g:5} |",
            t as f64 / p.max(1) as f64,
            t as f64 / g.max(1) as f64,
            2.0 * t as f64 / (p + g).max(1) as f64
        );
    };
    println!("| type       | P     | R     | F1    | gold  |");
    println!("|------------|-------|-------|-------|-------|");
    let mut keys: Vec<_> = per.keys().cloned().collect();
    keys.sort();
    let add =
        |a: (usize, usize, usize), b: (usize, usize, usize)| (a.0 + b.0, a.1 + b.1, a.2 + b.2);
    let mut all = (0, 0, 0);
    let mut no_misc = (0, 0, 0);
    for k in keys {
        let c = per[&k];
        row(&k, c);
        all = add(all, c);
        if k != "MISC" {
            no_misc = add(no_misc, c);
        }
    }
    row("overall", all);
    row("w/o MISC", no_misc);
    println!(
        "{ntok} tokens in {secs:.2} s: {:.0} tokens/s",
        ntok as f64 / secs
    );
}
