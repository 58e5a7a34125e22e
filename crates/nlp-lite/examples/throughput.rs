//! Measures entity and date tagging throughput on the shared timex corpora (dev aid).
#![allow(clippy::print_stdout)]

fn main() {
    let base = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/timex/");
    let mut text = String::new();
    for f in [
        "tbaq_TimeBank.docs.jsonl",
        "tbaq_AQUAINT.docs.jsonl",
        "wikiwars.docs.jsonl",
    ] {
        let Ok(data) = std::fs::read_to_string(format!("{base}{f}")) else {
            println!("corpus not found; skipping");
            return;
        };
        for line in data.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                text.push_str(v["text"].as_str().unwrap_or(""));
                text.push_str("\n\n");
            }
        }
    }
    let docs: Vec<&str> = text.split("\n\n").collect();
    let tokens: usize = docs.iter().map(|d| nlp_lite::tokenize(d).len()).sum();
    let t = std::time::Instant::now();
    let _ = nlp_lite::tag_entities("Warm up the gazetteer and the model.");
    println!(
        "first call (gazetteer and model load): {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = std::time::Instant::now();
    let n: usize = docs.iter().map(|d| nlp_lite::tag_entities(d).len()).sum();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "entities: {n} in {tokens} tokens, {:.0} tokens/s",
        tokens as f64 / secs
    );
    let anchor = "2024-11-03".parse().ok();
    let _ = nlp_lite::tag_dates("warm up", anchor);
    let t = std::time::Instant::now();
    let n: usize = docs
        .iter()
        .map(|d| nlp_lite::tag_dates(d, anchor).len())
        .sum();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "dates: {n} in {} bytes, {:.2} MB/s",
        text.len(),
        text.len() as f64 / 1e6 / secs
    );
    let t = std::time::Instant::now();
    let n = nlp_lite::tag_dates(&text, anchor).len();
    println!(
        "dates (one big text): {n}, {:.2} MB/s",
        text.len() as f64 / 1e6 / t.elapsed().as_secs_f64()
    );
    let t = std::time::Instant::now();
    let n = nlp_lite::tag_entities(&text).len();
    println!(
        "entities (one big text): {n}, {:.0} tokens/s",
        tokens as f64 / t.elapsed().as_secs_f64()
    );
}
