//! Micro-benchmarks of the store: `write_batch` into an empty database and into one that already
//! holds many articles (to expose costs that grow with the database), and `resolve_entities` at
//! two corpus sizes.
//!
//! The records are synthetic but shaped like real pages: a body of about 600 words in 30
//! sentences, about 40 entity mentions (people, organisations with acronyms, places, demonyms)
//! drawn from skewed pools so that the entity tables keep growing, 8 date expressions, a few
//! removed blocks, and one article in four an edited copy of one of 700 wire stories (so that
//! duplicate clusters grow with the corpus, as in `cargo xtask bench`).
//!
//! `cargo bench -p store` runs everything; `STORE_BENCH_BASE=100000` changes the size of the
//! large database and `STORE_BENCH_COPY_EVERY=1` makes every page a copy.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::counter::ItemsCount;
use divan::Bencher;
use extract::{
    Article, Attribution, AttributionKind, Author, Dateline, PageFormat, RemovedBlock, RemovedKind,
    Source, Timestamp,
};
use nlp_lite::{Annotations, Entity, EntityType, Sentence, Timex, TimexType};
use store::{AnalysedArticle, DocumentInfo, Outcome, Record, Store};

fn main() {
    divan::main();
}

/// Records per `write_batch`, as `newsdb ingest` does by default.
const BATCH: usize = 256;
/// Distinct wire stories that copies are made of.
const STORIES: u64 = 700;
/// Articles in the small database of the resolve benchmark.
const SMALL: usize = 5_000;

/// Articles in the large database (`STORE_BENCH_BASE`, default 20 000).
fn large() -> usize {
    std::env::var("STORE_BENCH_BASE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

/// SplitMix64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    /// The next 64 random bits.
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Skewed towards small values in `0..n` (a few names are very common).
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as usize % n
    }
}

/// A pronounceable made-up word from a number.
fn word(mut n: usize, capital: bool) -> String {
    const ONSETS: [&str; 16] = [
        "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "ch", "st", "tr",
    ];
    const VOWELS: [&str; 6] = ["a", "e", "i", "o", "u", "ei"];
    let mut out = String::new();
    let syllables = 1 + n % 3;
    n /= 3;
    for _ in 0..syllables {
        out.push_str(ONSETS[n % ONSETS.len()]);
        n /= ONSETS.len();
        out.push_str(VOWELS[n % VOWELS.len()]);
        n /= VOWELS.len();
        n = n.wrapping_mul(2_654_435_761).wrapping_add(17) >> 3;
    }
    if capital {
        let mut c = out.chars();
        if let Some(first) = c.next() {
            return first.to_uppercase().chain(c).collect();
        }
    }
    out
}

/// One entity the generator can mention: surfaces it may appear under, and its canonical name.
struct Name {
    canonical: String,
    short: Option<String>,
    ty: EntityType,
}

/// The `i`-th name of type `ty`.
fn name(ty: EntityType, i: usize) -> Name {
    match ty {
        EntityType::Person => {
            let last = word(i * 7 + 3, true);
            Name {
                canonical: format!("{} {last}", word(i % 211 + 5000, true)),
                short: Some(last),
                ty,
            }
        }
        EntityType::Org => {
            let a = word(i * 5 + 1, true);
            let b = word(i * 11 + 2, true);
            let kind = ["Union", "Council", "Corporation", "Party", "Agency"][i % 5];
            let acronym: String = [&a, &b, kind]
                .iter()
                .filter_map(|w| w.chars().next())
                .collect();
            Name {
                canonical: format!("{a} {b} {kind}"),
                short: Some(acronym),
                ty,
            }
        }
        EntityType::Place => Name {
            canonical: if matches!(i % 17, 0) {
                format!("Zü{}", word(i * 3 + 9, false))
            } else {
                word(i * 13 + 4, true)
            },
            short: None,
            ty,
        },
        _ => Name {
            canonical: format!("{}ian", word(i * 13 + 4, true)),
            short: None,
            ty,
        },
    }
}

/// A body under construction, with its annotations in character offsets.
#[derive(Default)]
struct Body {
    text: String,
    chars: usize,
    sentences: Vec<Sentence>,
    entities: Vec<Entity>,
    timexes: Vec<Timex>,
}

impl Body {
    /// Appends plain text.
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.chars += s.chars().count();
    }

    /// Appends an entity mention.
    fn mention(&mut self, surface: &str, canonical: &str, ty: EntityType) {
        let start = self.chars;
        self.push(surface);
        self.entities.push(Entity {
            text: surface.to_owned(),
            start,
            end: self.chars,
            ty,
            canonical: canonical.to_owned(),
        });
    }

    /// Appends a date expression.
    fn timex(&mut self, surface: &str, value: &str) {
        let start = self.chars;
        self.push(surface);
        self.timexes.push(Timex {
            text: surface.to_owned(),
            start,
            end: self.chars,
            ty: TimexType::Date,
            value: value.to_owned(),
            anchored: true,
            modifier: None,
        });
    }
}

/// A body of 30 sentences (~600 words, ~40 mentions, 8 dates) from the generator `rng`; one
/// mention in five names someone or something from a long tail that grows with `scale`.
fn body(rng: &mut Rng, day: u32, scale: usize) -> Body {
    let mut b = Body::default();
    let mut seen: Vec<usize> = Vec::new();
    for s in 0..30 {
        if s > 0 {
            b.push(if s % 3 == 0 { "\n\n" } else { " " });
        }
        let start = b.chars;
        let words = 16 + rng.below(8);
        let mentions = if s % 3 == 0 { 2 } else { 1 };
        let at: Vec<usize> = (0..mentions).map(|_| 1 + rng.below(words - 2)).collect();
        for w in 0..words {
            if w > 0 {
                b.push(" ");
            }
            if at.contains(&w) {
                let (ty, pool) = match rng.below(10) {
                    0..=3 => (EntityType::Person, 4_000),
                    4..=5 => (EntityType::Org, 1_200),
                    6..=8 => (EntityType::Place, 600),
                    _ => (EntityType::Norp, 60),
                };
                let i = if rng.below(5) == 0 {
                    pool + rng.below(scale / 2 + 1)
                } else {
                    rng.skewed(pool)
                };
                let n = name(ty, i);
                let key = i * 8 + ty as usize;
                let surface = match (&n.short, seen.contains(&key)) {
                    (Some(short), true) => short.clone(),
                    _ => n.canonical.clone(),
                };
                seen.push(key);
                b.mention(&surface, &n.canonical, n.ty);
            } else if w == words / 2 && s % 4 == 1 {
                b.push("on");
                b.push(" ");
                let d = 1 + (day + s as u32) % 28;
                b.timex(&format!("March {d}"), &format!("2024-03-{d:02}"));
            } else {
                let w = if w == 0 {
                    word(rng.skewed(3_000), true)
                } else {
                    word(rng.skewed(3_000), false)
                };
                b.push(&w);
            }
        }
        b.push(".");
        b.sentences.push(Sentence {
            start,
            end: b.chars,
        });
    }
    b
}

/// One page in this many is a copy of a wire story (`STORE_BENCH_COPY_EVERY`, default 4; 1
/// copies every page, like the corpus of `cargo xtask bench`).
fn copy_every() -> usize {
    static EVERY: OnceLock<usize> = OnceLock::new();
    *EVERY.get_or_init(|| {
        std::env::var("STORE_BENCH_COPY_EVERY")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|&n| n > 0)
            .unwrap_or(4)
    })
}

/// The `i`-th synthetic page: an edited copy of a wire story for one `i` in `copy_every()`, else
/// its own story.
fn record(i: usize) -> Record {
    let copy = matches!(i % copy_every(), 0);
    let story = (i / copy_every()) as u64 % STORIES;
    let seed = if copy { story } else { 1_000_000 + i as u64 };
    let mut rng = Rng(seed);
    let day = (seed % 28) as u32;
    let mut b = body(&mut rng, day, if copy { story as usize * 4 } else { i });
    if copy {
        b.push("\n\n");
        let start = b.chars;
        b.push(&format!("Benchmark copy number {i}."));
        b.sentences.push(Sentence {
            start,
            end: b.chars,
        });
    }
    let site = format!("site{}.example", i % 50);
    let d = 1 + day;
    let published = Timestamp {
        local: format!("2024-03-{d:02}T10:00:00+01:00"),
        utc: Some(format!("2024-03-{d:02}T09:00:00Z")),
        raw: format!("March {d}, 2024 10:00"),
        source: Source::Jsonld,
    };
    let mut attributions = Vec::new();
    let agency = copy.then(|| "Yonhap".to_owned());
    if copy {
        attributions.push(Attribution {
            name: "Yonhap".to_owned(),
            kind: AttributionKind::BylineAgency,
        });
    }
    let title = format!("{} {} story {i}", word(seed as usize, true), word(i, false));
    let removed = vec![
        RemovedBlock {
            kind: RemovedKind::Navigation,
            text: "Home | World | Asia | Business | Sport".to_owned(),
            follows_removed: false,
        },
        RemovedBlock {
            kind: RemovedKind::Related,
            text: format!("Related Stories: {} and more", word(i + 7, true)),
            follows_removed: false,
        },
        RemovedBlock {
            kind: RemovedKind::Footer,
            text: "© 2024 Example Media. All rights reserved.".to_owned(),
            follows_removed: true,
        },
    ];
    let article = Article {
        format: PageFormat::Text,
        title: Some(title),
        lead: Some(format!("A lead paragraph about {}.", word(i + 3, false))),
        body: b.text,
        authors: vec![Author {
            name: name(EntityType::Person, i % 300 + 5_000).canonical,
            source: Source::Byline,
        }],
        agency,
        attributions,
        published: Some(published),
        updated: None,
        dateline: Some(Dateline {
            place: name(EntityType::Place, i % 40).canonical,
            date: None,
        }),
        url: Some(format!("https://{site}/news/{i}")),
        site: Some(site),
        canonical_url: None,
        language: Some("en".to_owned()),
        syndicated: copy,
        removed,
    };
    Record {
        document: DocumentInfo {
            path: format!("pages/{i:08}.txt"),
            content_hash: format!("bench-{i:08}"),
            bytes: article.body.len() as u64 + 2_000,
            format: Some("text".to_owned()),
            encoding: Some("UTF-8".to_owned()),
        },
        outcome: Outcome::Article(Box::new(AnalysedArticle {
            annotations: Annotations {
                sentences: b.sentences,
                entities: b.entities,
                timexes: b.timexes,
            },
            article,
            fingerprint: None,
        })),
    }
}

/// Records `from..from + BATCH`.
fn batch(from: usize) -> Vec<Record> {
    (from..from + BATCH).map(record).collect()
}

/// Writes records `from..to` in batches.
fn fill(store: &mut Store, from: usize, to: usize) {
    let mut i = from;
    while i < to {
        let n = BATCH.min(to - i);
        let records: Vec<Record> = (i..i + n).map(record).collect();
        store.write_batch(&records, false).expect("write batch");
        i += n;
    }
}

/// Unresolved template databases of `SMALL` and `large()` articles, built once per run in
/// `target/tmp/store-bench` (statics are never dropped, so a temporary directory would stay).
fn templates() -> &'static (PathBuf, PathBuf) {
    static TEMPLATES: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("store-bench");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("template dir");
        let small = dir.join("small.db");
        let big = dir.join("large.db");
        let mut store = Store::open(&big).expect("open");
        fill(&mut store, 0, SMALL);
        drop(store);
        std::fs::copy(&big, &small).expect("copy template");
        let mut store = Store::open(&big).expect("open");
        fill(&mut store, SMALL, large().max(SMALL));
        drop(store);
        (small, big)
    })
}

/// A fresh copy of a template database in its own directory.
fn copy_of(template: &Path) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("news.db");
    std::fs::copy(template, &path).expect("copy template");
    let store = Store::open(&path).expect("open copy");
    (dir, store)
}

/// One batch of 256 pages into a new, empty database.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn write_batch_empty(bencher: Bencher) {
    let next = Cell::new(0usize);
    bencher
        .counter(ItemsCount::new(BATCH))
        .with_inputs(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let store = Store::open(dir.path().join("news.db")).expect("open");
            let from = next.replace(next.get() + BATCH);
            (dir, store, batch(from))
        })
        .bench_local_refs(|(_dir, store, records)| {
            store.write_batch(records, false).expect("write batch")
        });
}

/// One batch of 256 new pages into a database that already holds the large corpus (and grows
/// by a batch per sample).
#[divan::bench(sample_count = 30, sample_size = 1)]
fn write_batch_large_db(bencher: Bencher) {
    let (_small, big) = templates();
    let (_dir, mut store) = copy_of(big);
    let next = Cell::new(large().max(SMALL));
    // One unmeasured batch so that caches are as warm as during a long ingest.
    let from = next.replace(next.get() + BATCH);
    store.write_batch(&batch(from), false).expect("warm up");
    bencher
        .counter(ItemsCount::new(BATCH))
        .with_inputs(|| batch(next.replace(next.get() + BATCH)))
        .bench_local_refs(|records| store.write_batch(records, false).expect("write batch"));
}

/// `resolve_entities` over a freshly ingested (unresolved) small corpus.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn resolve_small(bencher: Bencher) {
    let (small, _big) = templates();
    bencher
        .counter(ItemsCount::new(SMALL))
        .with_inputs(|| copy_of(small))
        .bench_local_refs(|(_dir, store)| store.resolve_entities().expect("resolve"));
}

/// `resolve_entities` over a freshly ingested (unresolved) large corpus.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn resolve_large(bencher: Bencher) {
    let (_small, big) = templates();
    bencher
        .counter(ItemsCount::new(large()))
        .with_inputs(|| copy_of(big))
        .bench_local_refs(|(_dir, store)| store.resolve_entities().expect("resolve"));
}
