//! Micro-benchmarks of nlp-lite's hot paths on an invented news text: tokens, sentences, the
//! entity tagger, the date tagger and the whole `analyse`. `cargo bench -p nlp-lite`.

use divan::counter::BytesCount;
use divan::Bencher;

fn main() {
    divan::main();
}

/// An invented wire story, repeated to the length of a long news article (about 6 kB).
fn text() -> String {
    let story = "SEOUL, Nov 3 (Newswire) - South Korean Foreign Minister Park Jin-ho said on \
        Sunday that talks with the European Union (EU) on a trade deal would resume next week \
        in Brussels. Park told reporters that the Foreign Ministry expected an agreement \
        before the end of the year, three months later than planned. Last week the EU's \
        trade chief, Josep Borrell, met officials of Samsung Electronics and Hyundai Motor \
        Co. in Seoul. \"We are close,\" Borrell said. The ministry said in March 2024 that \
        two years of negotiations had cost more than $5 million a year. ";
    story.repeat(8)
}

/// Tokenisation alone.
#[divan::bench]
fn tokenize(bencher: Bencher) {
    let t = text();
    bencher
        .counter(BytesCount::new(t.len()))
        .bench(|| divan::black_box(nlp_lite::tokenize(&t).len()));
}

/// Sentence splitting.
#[divan::bench]
fn sentences(bencher: Bencher) {
    let t = text();
    bencher
        .counter(BytesCount::new(t.len()))
        .bench(|| divan::black_box(nlp_lite::sentences(&t).len()));
}

/// The entity tagger (model, rules, canonical names).
#[divan::bench]
fn entities(bencher: Bencher) {
    let t = text();
    let _ = nlp_lite::tag_entities("Warm up the model.");
    bencher
        .counter(BytesCount::new(t.len()))
        .bench(|| divan::black_box(nlp_lite::tag_entities(&t).len()));
}

/// The date tagger, anchored.
#[divan::bench]
fn dates(bencher: Bencher) {
    let t = text();
    let anchor = jiff::civil::date(2024, 11, 3);
    bencher
        .counter(BytesCount::new(t.len()))
        .bench(|| divan::black_box(nlp_lite::tag_dates(&t, Some(anchor)).len()));
}

/// Everything `newsdb ingest` runs on a body.
#[divan::bench]
fn analyse(bencher: Bencher) {
    let t = text();
    let anchor = jiff::civil::date(2024, 11, 3);
    let _ = nlp_lite::analyse("Warm up.", Some(anchor));
    bencher
        .counter(BytesCount::new(t.len()))
        .bench(|| divan::black_box(nlp_lite::analyse(&t, Some(anchor)).entities.len()));
}
