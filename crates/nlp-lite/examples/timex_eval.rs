//! Scores the date tagger against TempEval-3 style jsonl files (dev aid, not a test).
//!
//! `cargo run -p nlp-lite --example timex_eval -- DOCS.jsonl GOLD.jsonl [-v]`; defaults to the
//! TimeBank files under `../../../shared/data/timex` and exits quietly when they are absent.
#![allow(clippy::print_stdout)]

use std::collections::HashMap;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/timex/");
    let docs_path = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| format!("{base}tbaq_TimeBank.docs.jsonl"));
    let gold_path = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| format!("{base}tbaq_TimeBank.gold.jsonl"));
    let verbose = args.iter().any(|a| a == "-v");
    let (Ok(docs), Ok(gold)) = (
        std::fs::read_to_string(&docs_path),
        std::fs::read_to_string(&gold_path),
    ) else {
        println!("timex data not found; skipping");
        return;
    };
    let mut golds: HashMap<String, Vec<serde_json::Value>> = HashMap::new();
    for line in gold.lines() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
            golds
                .entry(v["doc"].as_str().unwrap_or("").to_string())
                .or_default()
                .push(v);
        }
    }
    let (mut tp_strict, mut tp_relaxed, mut n_pred, mut n_gold, mut val_ok, mut type_ok) =
        (0, 0, 0, 0, 0, 0);
    let mut bytes = 0usize;
    let t0 = std::time::Instant::now();
    for line in docs.lines() {
        let Ok(d) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let text = d["text"].as_str().unwrap_or("");
        bytes += text.len();
        let dct = d["dct"]
            .as_str()
            .and_then(|s| s.get(..10))
            .and_then(|s| s.parse().ok());
        let pred = nlp_lite::tag_dates(text, dct);
        let g = golds
            .get(d["doc"].as_str().unwrap_or(""))
            .cloned()
            .unwrap_or_default();
        n_pred += pred.len();
        n_gold += g.len();
        for gt in &g {
            let (gs, ge) = (
                gt["start"].as_u64().unwrap_or(0) as usize,
                gt["end"].as_u64().unwrap_or(0) as usize,
            );
            let hit = pred.iter().find(|p| p.start < ge && gs < p.end);
            match hit {
                Some(p) => {
                    tp_relaxed += 1;
                    if p.start == gs && p.end == ge {
                        tp_strict += 1;
                    }
                    if p.value == gt["value"].as_str().unwrap_or("") {
                        val_ok += 1;
                    } else if verbose {
                        println!(
                            "VALUE {:?} gold {} got {} ({})",
                            gt["text"], gt["value"], p.value, p.text
                        );
                    }
                    if p.ty.as_str() == gt["type"].as_str().unwrap_or("") {
                        type_ok += 1;
                    }
                    if verbose && (p.start != gs || p.end != ge) {
                        println!("SPAN {:?} got {:?}", gt["text"], p.text);
                    }
                }
                None if verbose => println!("MISS {:?} {} {}", gt["text"], gt["type"], gt["value"]),
                None => {}
            }
        }
        if verbose {
            for p in &pred {
                let any = g.iter().any(|gt| {
                    let (gs, ge) = (
                        gt["start"].as_u64().unwrap_or(0) as usize,
                        gt["end"].as_u64().unwrap_or(0) as usize,
                    );
                    p.start < ge && gs < p.end
                });
                if !any {
                    println!("EXTRA {:?} {} {}", p.text, p.ty.as_str(), p.value);
                }
            }
        }
    }
    let f1 = |tp: usize| 2.0 * tp as f64 / (n_pred + n_gold).max(1) as f64;
    println!("gold {n_gold} pred {n_pred}");
    println!(
        "strict F1 {:.3}  relaxed F1 {:.3}",
        f1(tp_strict),
        f1(tp_relaxed)
    );
    println!(
        "value acc (of relaxed matches) {:.3}  type acc {:.3}",
        val_ok as f64 / tp_relaxed.max(1) as f64,
        type_ok as f64 / tp_relaxed.max(1) as f64
    );
    println!("value F1 {:.3}", f1(val_ok));
    println!(
        "{:.2} MB/s",
        bytes as f64 / 1e6 / t0.elapsed().as_secs_f64()
    );
}
