//! `cargo xtask bench`: throughput per stage and end to end, and peak memory (DESIGN §8).
//!
//! A deterministic corpus is written to a temporary directory: half HTML, half text pages,
//! cycling through `fixtures/pages` and, when present, the extract-dev HTML and text dumps;
//! every copy gets a counter paragraph so that content hashes differ. Then:
//!
//! - **stages** (one thread, on a sample of each mix, after a warm-up on ten other pages that
//!   is reported on its own): decode, extract, nlp (`analyse` of the
//!   body) and store (`write_batch` in batches of 256 into a fresh database), page by page as
//!   ingest runs them; then extraction alone over the same pages, with nothing in between;
//! - **end to end**: the release `newsdb ingest --jobs 1` pinned to one CPU (taskset) and `--jobs 2` on all cores, on each mix into a
//!   fresh database, timing the child and polling its peak RSS (`VmHWM`);
//! - **scaling** (not with `--quick`): `--jobs 2` on a quarter of the corpus and on all of it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use extract::Options;
use serde_json::{json, Value};
use store::{AnalysedArticle, DocumentInfo, Outcome, Record, Store};

use crate::args::Args;
use crate::eval_extract::read_maybe_gz;
use crate::table::Table;

/// Pages in the default corpus.
const DEFAULT_PAGES: usize = 20_000;
/// Most pages per mix measured stage by stage.
const STAGE_SAMPLE: usize = 1_000;
/// Pages per mix run through decode, extract and nlp before the stage timings start, so that
/// one-time initialisation (regex compilation, embedded models and gazetteers, lazy DFA caches)
/// is reported on its own rather than spread over the sample's pages/s.
const WARM_UP: usize = 10;
/// Records per `write_batch`, as `newsdb ingest` does by default.
const BATCH: usize = 256;

/// The two input mixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mix {
    Html,
    Text,
}

impl Mix {
    fn name(self) -> &'static str {
        match self {
            Mix::Html => "html",
            Mix::Text => "text",
        }
    }
}

/// Pages as bytes, in a fixed order.
type Pages = Vec<Vec<u8>>;

/// Source pages: (HTML pages, text pages).
fn sources(root: &Path, data: &Path) -> Result<(Pages, Pages)> {
    let (mut html, mut text) = (Vec::new(), Vec::new());
    let mut add_dir = |dir: &Path| -> Result<()> {
        let Ok(entries) = fs::read_dir(dir) else {
            return Ok(());
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.ends_with(".html") || name.ends_with(".html.gz") || name.ends_with(".htm") {
                html.push(read_maybe_gz(&p)?);
            } else if name.ends_with(".txt") {
                text.push(read_maybe_gz(&p)?);
            }
        }
        Ok(())
    };
    add_dir(&root.join("fixtures/pages"))?;
    add_dir(&data.join("extract-dev/html"))?;
    add_dir(&data.join("extract-dev/text"))?;
    Ok((html, text))
}

/// Copy `i` of a source page, made unique by a counter paragraph.
fn unique_copy(src: &[u8], mix: Mix, i: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(src.len() + 48);
    match mix {
        Mix::Html => {
            let para = format!("<p>Benchmark copy number {i}.</p>\n");
            let at = src
                .windows(7)
                .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
                .unwrap_or(src.len());
            out.extend_from_slice(&src[..at]);
            out.extend_from_slice(para.as_bytes());
            out.extend_from_slice(&src[at..]);
        }
        Mix::Text => {
            out.extend_from_slice(src);
            out.extend_from_slice(format!("\n\nBenchmark copy number {i}.\n").as_bytes());
        }
    }
    out
}

/// One generated mix on disk.
struct Corpus {
    mix: Mix,
    dir: PathBuf,
    files: Vec<PathBuf>,
    bytes: u64,
}

fn write_mix(dir: &Path, mix: Mix, srcs: &[Vec<u8>], n: usize) -> Result<Corpus> {
    fs::create_dir_all(dir)?;
    let ext = if mix == Mix::Html { "html" } else { "txt" };
    let mut files = Vec::with_capacity(n);
    let mut bytes = 0;
    for i in 0..n {
        let page = unique_copy(&srcs[i % srcs.len()], mix, i);
        let path = dir.join(format!("{i:06}.{ext}"));
        fs::write(&path, &page).with_context(|| format!("cannot write {}", path.display()))?;
        bytes += page.len() as u64;
        files.push(path);
    }
    Ok(Corpus {
        mix,
        dir: dir.to_path_buf(),
        files,
        bytes,
    })
}

/// Time and bytes of one stage.
#[derive(Default, Clone, Copy)]
struct Stage {
    seconds: f64,
    bytes: u64,
    pages: usize,
}

/// FNV-1a 64 of `bytes`, for a content hash that needs no extra dependency.
fn fnv64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Runs decode, extract and nlp over the `WARM_UP` pages after the stage sample of `corpus`
/// (the first pages when the corpus is smaller) and returns the seconds it took.
fn warm_up(corpus: &Corpus, options: &Options) -> Result<f64> {
    let skip = if corpus.files.len() >= STAGE_SAMPLE + WARM_UP {
        STAGE_SAMPLE
    } else {
        0
    };
    let t = Instant::now();
    for path in corpus.files.iter().skip(skip).take(WARM_UP) {
        let bytes = fs::read(path)?;
        if let Ok(page) = extract::decode(&bytes, &options.limits) {
            if let Ok(article) = extract::extract_page(&page, options) {
                nlp_lite::analyse(&article.body, article.anchor_date());
            }
        }
    }
    Ok(t.elapsed().as_secs_f64())
}

/// Extraction alone, one thread, over the same pages as [`stages`]: each page read and decoded
/// untimed, then `extract_page` timed, with no nlp or store between pages to evict its caches
/// (as `newsdb extract` runs it). The warm-up of [`stages`] has run before.
fn extract_alone(corpus: &Corpus) -> Result<Stage> {
    let options = Options::default();
    let mut st = Stage::default();
    for path in corpus.files.iter().take(STAGE_SAMPLE) {
        let bytes = fs::read(path)?;
        let Ok(page) = extract::decode(&bytes, &options.limits) else {
            continue;
        };
        let t = Instant::now();
        let article = extract::extract_page(&page, &options);
        st.seconds += t.elapsed().as_secs_f64();
        drop(article);
        st.bytes += bytes.len() as u64;
        st.pages += 1;
    }
    Ok(st)
}

/// Runs the four stages on one thread over the first pages of `corpus`, after a warm-up whose
/// seconds come first in the result.
fn stages(corpus: &Corpus, db: &Path) -> Result<(f64, [Stage; 4])> {
    let options = Options::default();
    let warm = warm_up(corpus, &options)?;
    let mut store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    let mut st = [Stage::default(); 4];
    let mut pending: Vec<Record> = Vec::with_capacity(BATCH);
    let mut flush = |pending: &mut Vec<Record>, st: &mut [Stage; 4]| -> Result<()> {
        let t = Instant::now();
        store.write_batch(pending, false)?;
        st[3].seconds += t.elapsed().as_secs_f64();
        pending.clear();
        Ok(())
    };
    for (i, path) in corpus.files.iter().take(STAGE_SAMPLE).enumerate() {
        let bytes = fs::read(path)?;
        let len = bytes.len() as u64;
        let t = Instant::now();
        let page = extract::decode(&bytes, &options.limits);
        st[0] = Stage {
            seconds: st[0].seconds + t.elapsed().as_secs_f64(),
            bytes: st[0].bytes + len,
            pages: st[0].pages + 1,
        };
        let mut document = DocumentInfo {
            path: path.display().to_string(),
            content_hash: format!("{:016x}{:048x}", fnv64(&bytes), i),
            bytes: len,
            format: None,
            encoding: None,
        };
        let outcome = match page {
            Err(e) => Outcome::Failed(e.to_string()),
            Ok(page) => {
                document.format = Some(page.format.as_str().to_owned());
                document.encoding = Some(page.encoding.to_owned());
                let t = Instant::now();
                let article = extract::extract_page(&page, &options);
                st[1] = Stage {
                    seconds: st[1].seconds + t.elapsed().as_secs_f64(),
                    bytes: st[1].bytes + len,
                    pages: st[1].pages + 1,
                };
                match article {
                    Err(e) => Outcome::Failed(e.to_string()),
                    Ok(article) => {
                        let t = Instant::now();
                        let annotations = nlp_lite::analyse(&article.body, article.anchor_date());
                        st[2] = Stage {
                            seconds: st[2].seconds + t.elapsed().as_secs_f64(),
                            bytes: st[2].bytes + article.body.len() as u64,
                            pages: st[2].pages + 1,
                        };
                        Outcome::Article(Box::new(AnalysedArticle {
                            article,
                            annotations,
                            fingerprint: None,
                        }))
                    }
                }
            }
        };
        pending.push(Record { document, outcome });
        st[3].bytes += len;
        st[3].pages += 1;
        if pending.len() >= BATCH {
            flush(&mut pending, &mut st)?;
        }
    }
    if !pending.is_empty() {
        flush(&mut pending, &mut st)?;
    }
    Ok((warm, st))
}

/// One planned `newsdb ingest` run.
struct IngestRun<'a> {
    /// Row label.
    label: String,
    /// `--jobs`.
    jobs: usize,
    /// Pages in the inputs.
    pages: usize,
    /// Bytes in the inputs.
    bytes: u64,
    /// Directories to ingest.
    inputs: Vec<&'a Path>,
}

/// Wall time, peak RSS and exit code of one `newsdb ingest` run.
struct Run {
    seconds: f64,
    peak_kb: u64,
    code: Option<i32>,
}

/// The `VmHWM` (peak resident set) of a live process, in kB.
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = fs::remove_file(format!("{}{suffix}", db.display()));
    }
}

/// Whether `taskset` (util-linux) can pin a child to one CPU here.
fn can_pin() -> bool {
    Command::new("taskset")
        .args(["-c", "0", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs `newsdb ingest --jobs N`; with `one_core`, the whole process (workers and writer) is
/// pinned to CPU 0, so that "1 core" means one core and not one worker beside a writer thread
/// on the other.
fn ingest(bin: &Path, db: &Path, inputs: &[&Path], jobs: usize, one_core: bool) -> Result<Run> {
    remove_db(db);
    let t = Instant::now();
    let mut command = if one_core {
        let mut c = Command::new("taskset");
        c.args(["-c", "0"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    let mut child = command
        .arg("--db")
        .arg(db)
        .args(["ingest", "--jobs", &jobs.to_string()])
        .args(inputs)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot run {}", bin.display()))?;
    let mut peak = 0;
    let status = loop {
        if let Some(kb) = peak_rss_kb(child.id()) {
            peak = peak.max(kb);
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let seconds = t.elapsed().as_secs_f64();
    remove_db(db);
    Ok(Run {
        seconds,
        peak_kb: peak,
        code: status.code(),
    })
}

/// Builds the release `newsdb` binary and returns its path.
fn build_cli(root: &Path) -> Result<PathBuf> {
    println!("building newsdb (cargo build --release -p cli)…");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root)
        .args(["build", "--release", "-p", "cli"])
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("cargo build --release -p cli failed");
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    Ok(target.join("release/newsdb"))
}

fn rate(n: f64, secs: f64) -> String {
    if secs > 0.0 {
        format!("{:.1}", n / secs)
    } else {
        "-".into()
    }
}

/// Runs `bench`.
pub fn run(args: &Args) -> Result<()> {
    let pages: usize = match args.value("--pages") {
        Some(v) => v
            .parse()
            .with_context(|| format!("--pages {v}: not a number"))?,
        None => DEFAULT_PAGES,
    };
    if pages < 2 {
        bail!("--pages must be at least 2");
    }
    let quick = args.flag("--quick");
    let root = crate::workspace_root();
    let data = crate::data_dir(args);
    let (html_src, text_src) = sources(&root, &data)?;
    if html_src.is_empty() || text_src.is_empty() {
        bail!("no source pages found in fixtures/pages");
    }
    if !data.join("extract-dev").exists() {
        println!(
            "note: {} not found; the corpus cycles through fixtures/pages only",
            data.join("extract-dev").display()
        );
    }
    let bin = build_cli(&root)?;

    let tmp = std::env::temp_dir().join(format!("newsdb-bench-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp)?;
    let result = run_in(
        &tmp,
        &bin,
        pages,
        quick,
        &html_src,
        &text_src,
        args.flag("--json"),
    );
    let _ = fs::remove_dir_all(&tmp);
    result?;
    crate::bench_cluster::run();
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn run_in(
    tmp: &Path,
    bin: &Path,
    pages: usize,
    quick: bool,
    html_src: &[Vec<u8>],
    text_src: &[Vec<u8>],
    as_json: bool,
) -> Result<()> {
    let t = Instant::now();
    let n_html = pages / 2;
    let html = write_mix(&tmp.join("corpus/html"), Mix::Html, html_src, n_html)?;
    let text = write_mix(
        &tmp.join("corpus/text"),
        Mix::Text,
        text_src,
        pages - n_html,
    )?;
    println!(
        "corpus: {} HTML pages ({:.1} MB, {} sources) + {} text pages ({:.1} MB, {} sources) in {:.1} s at {}\n",
        html.files.len(), html.bytes as f64 / 1e6, html_src.len(), text.files.len(), text.bytes as f64 / 1e6,
        text_src.len(), t.elapsed().as_secs_f64(), tmp.display()
    );
    let mut out = json!({"pages": pages, "html_pages": html.files.len(), "text_pages": text.files.len(),
                         "html_mb": html.bytes as f64 / 1e6, "text_mb": text.bytes as f64 / 1e6});

    // Stages, one thread.
    let mut t1 = Table::new(&[
        "stage (1 thread)",
        "mix",
        "pages",
        "seconds",
        "pages/s",
        "MB/s",
    ]);
    let mut stage_json = Vec::new();
    let mut warm_json = Vec::new();
    let mut warm_line = Vec::new();
    for corpus in [&html, &text] {
        let (warm, st) = stages(
            corpus,
            &tmp.join(format!("stages-{}.db", corpus.mix.name())),
        )?;
        warm_line.push(format!("{} {:.0} ms", corpus.mix.name(), warm * 1e3));
        warm_json.push(json!({"mix": corpus.mix.name(), "pages": WARM_UP, "seconds": warm}));
        let alone = extract_alone(corpus)?;
        let names = ["decode", "extract", "nlp", "store", "extract alone"];
        for (name, s) in names.iter().zip(st.into_iter().chain([alone])) {
            let mb = s.bytes as f64 / 1e6;
            t1.row(vec![
                name.to_string(),
                corpus.mix.name().into(),
                s.pages.to_string(),
                format!("{:.2}", s.seconds),
                rate(s.pages as f64, s.seconds),
                rate(mb, s.seconds),
            ]);
            stage_json.push(json!({"stage": name, "mix": corpus.mix.name(), "pages": s.pages, "seconds": s.seconds,
                                   "pages_per_s": s.pages as f64 / s.seconds.max(1e-9), "mb_per_s": mb / s.seconds.max(1e-9)}));
        }
    }
    t1.print();
    println!("MB/s: page bytes for decode, extract and store; body text bytes for nlp.");
    println!(
        "Stages run page by page (decode, extract, nlp, store of one page, then the next), as in \
         ingest; \"extract alone\" runs extraction over the same pages with nothing between them, \
         as `newsdb extract` does."
    );
    println!(
        "Warm-up before the timings (one-time initialisation: regex compilation, embedded models \
         and gazetteers), {WARM_UP} other pages through decode, extract and nlp: {}.\n",
        warm_line.join(", ")
    );
    out["stages"] = Value::Array(stage_json);
    out["warm_up"] = Value::Array(warm_json);

    // End to end.
    let db = tmp.join("e2e.db");
    let pin = can_pin();
    let mut t2 = Table::new(&[
        "newsdb ingest",
        "cores",
        "jobs",
        "pages",
        "MB",
        "seconds",
        "pages/s",
        "MB/s",
        "peak RSS MB",
        "exit",
    ]);
    let mut e2e_json = Vec::new();
    let mut runs: Vec<IngestRun<'_>> = Vec::new();
    for corpus in [&html, &text] {
        for jobs in [1, 2] {
            runs.push(IngestRun {
                label: corpus.mix.name().into(),
                jobs,
                pages: corpus.files.len(),
                bytes: corpus.bytes,
                inputs: vec![corpus.dir.as_path()],
            });
        }
    }
    let scale_dir = tmp.join("scale");
    if !quick {
        // A quarter of the corpus, hard-linked, against all of it, both at 2 jobs.
        let quarter = |c: &Corpus| c.files.len() / 4;
        let mut bytes = 0;
        for c in [&html, &text] {
            let dir = scale_dir.join(c.mix.name());
            fs::create_dir_all(&dir)?;
            for f in c.files.iter().take(quarter(c)) {
                let name = f.file_name().context("file name")?;
                fs::hard_link(f, dir.join(name))
                    .or_else(|_| fs::copy(f, dir.join(name)).map(|_| ()))?;
                bytes += fs::metadata(f)?.len();
            }
        }
        let n = quarter(&html) + quarter(&text);
        runs.push(IngestRun {
            label: "mixed (scaling)".into(),
            jobs: 2,
            pages: n,
            bytes,
            inputs: vec![scale_dir.as_path()],
        });
        runs.push(IngestRun {
            label: "mixed (scaling)".into(),
            jobs: 2,
            pages,
            bytes: html.bytes + text.bytes,
            inputs: vec![html.dir.as_path(), text.dir.as_path()],
        });
    }
    for IngestRun {
        label,
        jobs,
        pages: n,
        bytes,
        inputs,
    } in runs
    {
        let one_core = pin && jobs == 1;
        let r = ingest(bin, &db, &inputs, jobs, one_core)?;
        let mb = bytes as f64 / 1e6;
        let code = r.code.map_or("signal".into(), |c| c.to_string());
        let cores = if one_core {
            "1".to_owned()
        } else {
            "all".to_owned()
        };
        t2.row(vec![
            label.clone(),
            cores.clone(),
            jobs.to_string(),
            n.to_string(),
            format!("{mb:.1}"),
            format!("{:.1}", r.seconds),
            rate(n as f64, r.seconds),
            rate(mb, r.seconds),
            format!("{:.0}", r.peak_kb as f64 / 1024.0),
            code.clone(),
        ]);
        e2e_json.push(json!({"mix": label, "cores": cores, "jobs": jobs, "pages": n, "mb": mb, "seconds": r.seconds,
                             "pages_per_s": n as f64 / r.seconds.max(1e-9), "mb_per_s": mb / r.seconds.max(1e-9),
                             "peak_rss_mb": r.peak_kb as f64 / 1024.0, "exit": r.code}));
        if !matches!(r.code, Some(0) | Some(2)) {
            eprintln!("warning: newsdb ingest exited with {code}");
        }
    }
    t2.print();
    println!("exit 2 = finished, some inputs failed (recorded in the database). Peak RSS = VmHWM of the child, polled every 5 ms.");
    if pin {
        println!("cores 1: the whole process pinned to CPU 0 with taskset (workers and writer share it).");
    } else {
        println!("taskset not found: jobs-1 runs are not pinned, so their writer thread uses a second core.");
    }
    out["end_to_end"] = Value::Array(e2e_json);
    if as_json {
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_differ_and_keep_the_page() {
        let html = b"<html><body><p>Hi</p></BODY></html>";
        let a = unique_copy(html, Mix::Html, 1);
        let b = unique_copy(html, Mix::Html, 2);
        assert_ne!(a, b);
        assert!(String::from_utf8_lossy(&a)
            .ends_with("<p>Benchmark copy number 1.</p>\n</BODY></html>"));
        let t = unique_copy(b"Headline\n\nBody.", Mix::Text, 7);
        assert_eq!(t, b"Headline\n\nBody.\n\nBenchmark copy number 7.\n");
        assert_ne!(fnv64(&a), fnv64(&b));
    }
}
