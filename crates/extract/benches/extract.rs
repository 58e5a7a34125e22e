//! Micro-benchmarks of extraction's hot paths on the bundled fixture pages: decoding, the HTML
//! path and the text-dump path, page by page. `cargo bench -p extract`; end-to-end throughput
//! on a large corpus is `cargo xtask bench`.

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::Bencher;
use extract::{Options, Page, PageFormat};

fn main() {
    divan::main();
}

/// The fixture pages, decoded once.
fn pages() -> &'static [(Vec<u8>, Page)] {
    static PAGES: OnceLock<Vec<(Vec<u8>, Page)>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pages");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        paths.sort();
        paths
            .into_iter()
            .filter_map(|p| {
                let bytes = std::fs::read(p).ok()?;
                let page = extract::decode(&bytes, &Options::default().limits).ok()?;
                Some((bytes, page))
            })
            .collect()
    })
}

fn of_format(format: PageFormat) -> Vec<&'static Page> {
    pages()
        .iter()
        .map(|(_, p)| p)
        .filter(|p| p.format == format)
        .collect()
}

/// Bytes → text: gzip, charset sniffing, format detection.
#[divan::bench]
fn decode(bencher: Bencher) {
    let all = pages();
    let bytes: usize = all.iter().map(|(b, _)| b.len()).sum();
    let options = Options::default();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for (b, _) in all {
            let _ = divan::black_box(extract::decode(b, &options.limits));
        }
    });
}

fn extract_all(bencher: Bencher, format: PageFormat) {
    let pages = of_format(format);
    let bytes: usize = pages.iter().map(|p| p.text.len()).sum();
    let options = Options::default();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for p in &pages {
            let _ = divan::black_box(extract::extract_page(p, &options));
        }
    });
}

/// The HTML path: parse, walk, metadata, region, assembly.
#[divan::bench]
fn extract_html(bencher: Bencher) {
    extract_all(bencher, PageFormat::Html);
}

/// The text-dump path: lines to blocks, detectors, region, headline, assembly.
#[divan::bench]
fn extract_text(bencher: Bencher) {
    extract_all(bencher, PageFormat::Text);
}
