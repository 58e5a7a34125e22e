//! The clustering part of `cargo xtask bench`: fingerprints and clusters 100 000 synthetic bodies
//! (every tenth is the body before it with its last paragraph cut) and reports the time and how
//! many of the planted copies were found.

use std::fmt::Write;
use std::time::Instant;

use store::{cluster_fingerprints, Fingerprint};

/// Bodies clustered.
const BODIES: usize = 100_000;

/// A deterministic synthetic body of news-like tokens.
fn body(i: usize, cut: bool) -> String {
    const WORDS: [&str; 16] = [
        "council", "bridge", "minister", "talks", "river", "budget", "school", "election",
        "harbour", "train", "museum", "storm", "court", "farmers", "market", "police",
    ];
    let mut out = String::new();
    let mut x = i as u64 * 0x9e37_79b9 + 1;
    let count = if cut { 240 } else { 300 };
    for w in 0..count {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let _ = write!(out, "{}{} ", WORDS[(x % 16) as usize], (x >> 8) % 50);
        if w % 60 == 59 {
            out.push_str("\n\n");
        }
    }
    out
}

/// Runs the clustering benchmark and prints its figures.
pub fn run() {
    let bodies: Vec<String> = (0..BODIES)
        .map(|i| {
            if i % 10 == 9 {
                body(i - 1, true)
            } else {
                body(i, false)
            }
        })
        .collect();
    let started = Instant::now();
    let prints: Vec<Option<Fingerprint>> = bodies.iter().map(|b| Fingerprint::of(b)).collect();
    let fingerprinting = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let groups = cluster_fingerprints(&prints);
    let clustering = started.elapsed().as_secs_f64();
    let found = (0..BODIES)
        .filter(|i| i % 10 == 9)
        .filter(|&i| groups[i].is_some() && groups[i] == groups[i - 1])
        .count();
    let clustered = groups.iter().filter(|g| g.is_some()).count();
    println!(
        "clustering {BODIES} synthetic bodies: fingerprints {fingerprinting:.2} s + clustering {clustering:.2} s = {:.2} s; {found} of {} planted copies found, {} articles clustered wrongly",
        fingerprinting + clustering,
        BODIES / 10,
        clustered.saturating_sub(2 * found)
    );
}
