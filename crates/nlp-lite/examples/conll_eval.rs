//! Scores `tag_tokens` on a CoNLL-2003 style file, entity-level exact match (dev aid).
//!
//! `cargo run -p nlp-lite --release --example conll_eval -- FILE [-v]`.
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

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else { return };
    let verbose = args.iter().any(|a| a == "-v");
    let Ok(data) = std::fs::read_to_string(path) else {
        println!("{path} not found");
        return;
    };
    let mut per: HashMap<String, (usize, usize, usize)> = HashMap::new();
    for block in data.split("\n\n") {
        let rows: Vec<Vec<&str>> = block
            .lines()
            .map(|l| l.split_whitespace().collect())
            .filter(|r: &Vec<&str>| r.len() >= 2)
            .collect();
        if rows.is_empty() || rows[0][0] == "-DOCSTART-" {
            continue;
        }
        let words: Vec<&str> = rows.iter().map(|r| r[0]).collect();
        let gold: Vec<String> = rows.iter().map(|r| r[r.len() - 1].to_string()).collect();
        let pred: Vec<String> = nlp_lite::tag_tokens(&words)
            .into_iter()
            .map(|t| match t {
                Some((ty, b)) => format!("{}-{}", if b { "B" } else { "I" }, ty.conll()),
                None => "O".into(),
            })
            .collect();
        let g = spans(&gold);
        let p = spans(&pred);
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
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    let mut keys: Vec<_> = per.keys().cloned().collect();
    keys.sort();
    for k in keys {
        let (t, p, g) = per[&k];
        tp += t;
        np += p;
        ng += g;
        println!(
            "{k:5} P {:.3} R {:.3} F {:.3}",
            t as f64 / p.max(1) as f64,
            t as f64 / g.max(1) as f64,
            2.0 * t as f64 / (p + g).max(1) as f64
        );
    }
    println!(
        "all   P {:.3} R {:.3} F {:.3}",
        tp as f64 / np.max(1) as f64,
        tp as f64 / ng.max(1) as f64,
        2.0 * tp as f64 / (np + ng).max(1) as f64
    );
}
