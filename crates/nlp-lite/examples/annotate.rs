//! Prints the sentences, entities and date expressions of a file (dev aid):
//! `cargo run -p nlp-lite --example annotate -- FILE [ANCHOR]`.
#![allow(clippy::print_stdout)]

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(args.get(1).map_or("", String::as_str)).unwrap_or_default();
    let anchor = args.get(2).and_then(|a| a.parse().ok());
    let t = std::time::Instant::now();
    let a = nlp_lite::analyse(&text, anchor);
    println!(
        "{} sentences, first call {:?}",
        a.sentences.len(),
        t.elapsed()
    );
    for e in &a.entities {
        println!("{:<40} {:<7} {}", e.text, e.ty.as_str(), e.canonical);
    }
    for t in &a.timexes {
        println!(
            "{:<30} {:<8} {:<24} anchored={} mod={:?}",
            t.text,
            t.ty.as_str(),
            t.value,
            t.anchored,
            t.modifier
        );
    }
}
