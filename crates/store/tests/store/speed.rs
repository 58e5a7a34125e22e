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
