//! Writer throughput (DESIGN §8: at least 1000 articles/s on one core). Ignored by default because
//! timing depends on the machine; run with `cargo test -p store --release -- --ignored speed`.

use std::time::Instant;

use crate::fixtures::{page, TempDb};
use nlp_lite::{EntityType, TimexType};
use store::Record;

/// A page of about 3 KB with 30-odd mentions and a few dates, unique per `i`.
fn synthetic(i: usize) -> Record {
    let people = [
        "Ana Müller",
        "Cho Tae-yul",
        "Josep Borrell",
        "Li Wei",
        "Sipho Dlamini",
    ];
    let places = ["Seoul", "Zürich", "Brussels", "Nairobi", "Lima", "Hanoi"];
    let mut body = String::new();
    for p in 0..6 {
        for s in 0..5 {
            let who = people[(i + p + s) % people.len()];
            let place = places[(i * 7 + p + s) % places.len()];
            body.push_str(&format!(
                "In {place} on Monday, {who} said that story {i} paragraph {p} sentence {s} mattered a great deal to readers. "
            ));
        }
        body.push_str("\n\n");
    }
    let mut builder = page(
        &format!("speed-{i}"),
        &format!("Story number {i}"),
        body.trim_end(),
    )
    .published("2024-11-04T10:00:00+00:00", "2024-11-04T10:00:00Z")
    .site("speed.example")
    .timex("on Monday", TimexType::Date, "2024-11-04");
    for who in people {
        builder = builder.entity(who, who, EntityType::Person);
    }
    for place in places {
        builder = builder.entity(place, place, EntityType::Place);
    }
    builder.build()
}

#[test]
#[ignore = "timing; run explicitly"]
fn speed_writes_at_least_1000_articles_per_second() {
    let db = TempDb::new();
    let mut store = db.open();
    let records: Vec<Record> = (0..5000).map(synthetic).collect();
    let start = Instant::now();
    let mut mentions = 0;
    for batch in records.chunks(500) {
        mentions += store.write_batch(batch, false).unwrap().mentions;
    }
    let seconds = start.elapsed().as_secs_f64();
    let rate = records.len() as f64 / seconds;
    assert!(mentions > 100_000);
    assert!(
        rate >= 1000.0,
        "{rate:.0} articles/s ({mentions} mentions in {seconds:.2}s)"
    );
    // Make the rate visible when the test is run with --nocapture and fails on purpose.
    assert!(
        std::env::var_os("NEWSDB_SHOW_RATE").is_none(),
        "{rate:.0} articles/s, {mentions} mentions, {seconds:.2}s"
    );
}

/// Clustering 100 000 synthetic bodies (fingerprints and banded candidate checks) must take
/// under 10 s in release: `cargo test -p store --release -- --ignored clustering --nocapture`.
/// Making up the bodies is not timed.
#[test]
#[ignore]
#[allow(clippy::print_stderr)]
fn clustering_100k_bodies() {
    use std::fmt::Write;
    use std::time::Duration;
    use store::{cluster_fingerprints, Fingerprint};
    let words = [
        "council", "bridge", "minister", "talks", "river", "budget", "school", "election",
        "harbour", "train", "museum", "storm", "court", "farmers", "market", "police",
    ];
    let mut body = String::new();
    let mut make = |i: usize, cut: bool| -> String {
        body.clear();
        let mut x = i as u64 * 0x9e37_79b9 + 1;
        let count = if cut { 240 } else { 300 };
        for w in 0..count {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let _ = write!(body, "{}{} ", words[(x % 16) as usize], (x >> 8) % 50);
            if w % 60 == 59 {
                body.push_str("\n\n");
            }
        }
        body.clone()
    };
    let mut fingerprinting = Duration::ZERO;
    // Every tenth body is the one before it with its last paragraph cut.
    let prints: Vec<Option<Fingerprint>> = (0..100_000)
        .map(|i| {
            let text = if i % 10 == 9 {
                make(i - 1, true)
            } else {
                make(i, false)
            };
            let started = Instant::now();
            let print = Fingerprint::of(&text);
            fingerprinting += started.elapsed();
            print
        })
        .collect();
    let started = Instant::now();
    let groups = cluster_fingerprints(&prints);
    let clustered_time = started.elapsed();
    let total = fingerprinting + clustered_time;
    let clustered = groups.iter().filter(|g| g.is_some()).count();
    // Pairs found: a cut copy in the same cluster as its source; wrong: anything else clustered.
    let found = (0..100_000)
        .filter(|i| i % 10 == 9)
        .filter(|&i| groups[i].is_some() && groups[i] == groups[i - 1])
        .count();
    let wrong = clustered - 2 * found;
    eprintln!(
        "100000 bodies: fingerprints {fingerprinting:?} + clustering {clustered_time:?} = {total:?}; \
         {found} of 10000 copies found, {wrong} articles clustered wrongly"
    );
    assert!(found >= 9_950, "recall {found}/10000");
    assert_eq!(wrong, 0);
    assert!(total.as_secs_f64() < 10.0, "{total:?}");
}
