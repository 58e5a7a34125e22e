//! `cargo xtask eval extract`: article extraction on `../shared/data/extract-dev`.
//!
//! Every page is extracted twice, from its HTML and from its browser text dump, one page at a
//! time on one thread. Reported per input format: the body shingle metric (P/R/F1, accuracy,
//! bootstrap ± of F1), title / authors / published-day exact rates, WCXB's `with`/`without`
//! snippet shares and extraction speed. The text dump itself is scored as a prediction and
//! checked against the reference values in the data set's README. `--per-page` lists the worst
//! pages; `--meta-errors FILE` writes every wrong title, author set and day; `--scores FILE` every page's body P/R/F1; `--json` adds the figures as JSON. The two seed pages in `../shared/seeds` are scored
//! on title, first and last body line and paragraph count.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use extract::{Options, PageFormat};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::args::Args;
use crate::metrics::body::{self, PageScore};
use crate::metrics::meta;
use crate::table::{f4, ratio, Table};

/// The 11 pages whose text dump hides most of the body until scripts run (data set README).
pub const JS_HIDDEN: [&str; 11] = [
    "0155", "0384", "4053", "4416", "4503", "4193", "0210", "0046", "0073", "2218", "4271",
];

/// The whole-dump reference values of the data set README: P, R, F1.
pub const DUMP_REFERENCE: (f64, f64, f64) = (0.7061, 0.9712, 0.8177);

/// Pages listed by `--per-page`.
const WORST: usize = 25;

/// One line of `truth.jsonl`.
#[derive(Debug, Clone, Deserialize)]
pub struct Truth {
    /// WCXB file id.
    pub id: String,
    /// The headline.
    pub title: String,
    /// Author names (empty when the truth has none).
    #[serde(default)]
    pub authors: Vec<String>,
    /// `YYYY-MM-DD` (or `YYYY-MM`), when known.
    pub published: Option<String>,
    /// The main content.
    pub body: String,
    /// Snippets a correct body contains.
    #[serde(default)]
    pub with: Vec<String>,
    /// Boilerplate snippets a correct body does not contain.
    #[serde(default)]
    pub without: Vec<String>,
}

/// The scores of one extracted page.
#[derive(Debug, Clone)]
pub struct PageResult {
    /// WCXB file id.
    pub id: String,
    /// Body shingle overlap.
    pub body: PageScore,
    /// Title right.
    pub title_ok: bool,
    /// Author set right (None when the truth has no authors).
    pub authors_ok: Option<bool>,
    /// No author predicted (None when the truth has authors).
    pub no_authors_ok: Option<bool>,
    /// Published day right (None when the truth has no date).
    pub date_ok: Option<bool>,
    /// `with` snippets found / total.
    pub with: (usize, usize),
    /// `without` snippets found / total.
    pub without: (usize, usize),
    /// The extraction error, if any.
    pub error: Option<String>,
    /// One line per wrong title, author set or day: field, expected, extracted.
    pub meta_misses: Vec<String>,
    /// Whether `decode` sniffed another format than the file's.
    pub sniffed_other: bool,
    /// Seconds spent in decode + extract.
    pub seconds: f64,
    /// Input bytes.
    pub bytes: usize,
}

/// Reads a file, gunzipping `.gz`.
pub fn read_maybe_gz(path: &Path) -> Result<Vec<u8>> {
    let raw = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::with_capacity(raw.len() * 4);
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .with_context(|| format!("cannot gunzip {}", path.display()))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// Loads `truth.jsonl`.
pub fn load_truth(dir: &Path) -> Result<Vec<Truth>> {
    let path = dir.join("truth.jsonl");
    let text =
        fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), i + 1))
        })
        .collect()
}

/// Counts the snippets that occur in `text`, case-insensitively (WCXB's test).
fn snippets(list: &[String], text_lower: &str) -> (usize, usize) {
    let hits = list
        .iter()
        .filter(|s| text_lower.contains(&s.to_lowercase()))
        .count();
    (hits, list.len())
}

/// Extracts one page as `format` (the sniffed format is overridden) and scores it.
pub fn score(bytes: &[u8], format: PageFormat, truth: &Truth) -> PageResult {
    let options = Options::default();
    let t0 = Instant::now();
    let mut sniffed_other = false;
    let result = extract::decode(bytes, &options.limits).and_then(|mut page| {
        sniffed_other = page.format != format;
        page.format = format;
        extract::extract_page(&page, &options)
    });
    let seconds = t0.elapsed().as_secs_f64();
    let (article, error) = match result {
        Ok(a) => (a, None),
        Err(e) => (extract::Article::default(), Some(e.to_string())),
    };
    let names: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
    // The article's day as the database stores it (`articles.day`): published, else updated.
    // WCXB's date is the one the page shows, which is an "Updated …" date on pages that show
    // no other.
    let day = article
        .published
        .as_ref()
        .or(article.updated.as_ref())
        .and_then(extract::Timestamp::day)
        .map(|d| d.to_string())
        .unwrap_or_default();
    let lower = article.body.to_lowercase();
    let title = article.title.as_deref().unwrap_or("");
    let title_ok = meta::same(&truth.title, title);
    let authors_ok = (!truth.authors.is_empty()).then(|| meta::same_set(&truth.authors, &names));
    let no_authors_ok = truth.authors.is_empty().then_some(names.is_empty());
    let date_ok = truth.published.as_deref().map(|p| meta::same(p, &day));
    let mut meta_misses = Vec::new();
    if !title_ok {
        meta_misses.push(format!("title\t{}\t{title}", truth.title));
    }
    if authors_ok == Some(false) || no_authors_ok == Some(false) {
        meta_misses.push(format!(
            "authors\t{}\t{}",
            truth.authors.join("; "),
            names.join("; ")
        ));
    }
    if date_ok == Some(false) {
        let sources: Vec<String> = [&article.published, &article.updated]
            .into_iter()
            .flatten()
            .map(|t| format!("{} ({:?})", t.local, t.source))
            .collect();
        meta_misses.push(format!(
            "date\t{}\t{day} from {}",
            truth.published.as_deref().unwrap_or(""),
            sources.join(", ")
        ));
    }
    PageResult {
        id: truth.id.clone(),
        body: body::score_page(&truth.body, &article.body),
        title_ok,
        authors_ok,
        no_authors_ok,
        date_ok,
        meta_misses,
        with: snippets(&truth.with, &lower),
        without: snippets(&truth.without, &lower),
        error,
        sniffed_other,
        seconds,
        bytes: bytes.len(),
    }
}

/// Share of `Some(true)` among the `Some` values, with the denominator.
fn share(xs: impl Iterator<Item = Option<bool>>) -> (Option<f64>, usize) {
    let (mut ok, mut n) = (0, 0);
    for x in xs.flatten() {
        n += 1;
        ok += usize::from(x);
    }
    (ratio(ok, n), n)
}

/// The figures of one set of pages.
fn summarise(name: &str, pages: &[&PageResult]) -> Value {
    let scores: Vec<PageScore> = pages.iter().map(|p| p.body).collect();
    let s = body::summarise(&scores);
    let sd = body::bootstrap(&scores, 1000);
    let (title, n_title) = share(pages.iter().map(|p| Some(p.title_ok)));
    let (authors, n_authors) = share(pages.iter().map(|p| p.authors_ok));
    let (no_authors, n_no_authors) = share(pages.iter().map(|p| p.no_authors_ok));
    let (date, n_date) = share(pages.iter().map(|p| p.date_ok));
    let sum = |f: fn(&PageResult) -> (usize, usize)| {
        pages
            .iter()
            .map(|p| f(p))
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    };
    let (wh, wn) = sum(|p| p.with);
    let (oh, on) = sum(|p| p.without);
    let secs: f64 = pages.iter().map(|p| p.seconds).sum();
    let bytes: usize = pages.iter().map(|p| p.bytes).sum();
    json!({
        "set": name,
        "pages": pages.len(),
        "precision": s.precision, "recall": s.recall, "f1": s.f1(), "accuracy": s.accuracy,
        "sd_precision": sd.map(|x| x.0), "sd_recall": sd.map(|x| x.1), "sd_f1": sd.map(|x| x.2),
        "title": title, "title_pages": n_title,
        "authors": authors, "authors_pages": n_authors,
        "no_authors": no_authors, "no_authors_pages": n_no_authors,
        "date": date, "date_pages": n_date,
        "with": ratio(wh, wn), "without": ratio(oh, on),
        "failed": pages.iter().filter(|p| p.error.is_some()).count(),
        "sniffed_other": pages.iter().filter(|p| p.sniffed_other).map(|p| p.id.as_str()).collect::<Vec<_>>(),
        "pages_per_s": (secs > 0.0).then(|| pages.len() as f64 / secs),
        "mb_per_s": (secs > 0.0).then(|| bytes as f64 / 1e6 / secs),
    })
}

/// A table row from a summary.
fn row(v: &Value) -> Vec<String> {
    let g = |k: &str| v[k].as_f64();
    vec![
        v["set"].as_str().unwrap_or("").to_owned(),
        v["pages"].to_string(),
        f4(g("precision")),
        f4(g("recall")),
        f4(g("f1")),
        g("sd_f1").map_or("-".into(), |x| format!("±{x:.4}")),
        f4(g("accuracy")),
        f4(g("title")),
        f4(g("authors")),
        f4(g("no_authors")),
        f4(g("date")),
        f4(g("with")),
        f4(g("without")),
        v["failed"].as_u64().map_or("-".into(), |x| x.to_string()),
        g("pages_per_s").map_or("-".into(), |x| format!("{x:.1}")),
        g("mb_per_s").map_or("-".into(), |x| format!("{x:.2}")),
    ]
}

/// A one-line guess at what went wrong on a page.
fn hint(p: &PageResult, format: PageFormat) -> String {
    let (pr, tr) = (p.body.predicted(), p.body.truth());
    let (prec, rec) = (p.body.precision(), p.body.recall());
    let size = format!("{pr}/{tr} shingles");
    if let Some(e) = &p.error {
        return format!("extraction failed: {e}");
    }
    if format == PageFormat::Text && JS_HIDDEN.contains(&p.id.as_str()) {
        return format!("body hidden in the dump until JS runs ({size})");
    }
    if pr == 0 {
        return "empty body".into();
    }
    if p.body.tp == 0 {
        return format!("wrong region: nothing in common ({size})");
    }
    if prec >= 0.8 && rec < 0.5 {
        return format!("body cut short: only part of the article ({size})");
    }
    if rec >= 0.8 && prec < 0.5 {
        return format!("boilerplate kept: body far too long ({size})");
    }
    if rec < 0.5 && prec < 0.5 {
        return format!("mostly the wrong region ({size})");
    }
    if rec < prec {
        format!("parts of the article missed ({size})")
    } else {
        format!("extra blocks kept ({size})")
    }
}

/// Prints the `WORST` pages of one format.
fn print_worst(label: &str, pages: &[PageResult], format: PageFormat) {
    let mut order: Vec<&PageResult> = pages.iter().collect();
    order.sort_by(|a, b| {
        a.body
            .f1()
            .total_cmp(&b.body.f1())
            .then_with(|| a.id.cmp(&b.id))
    });
    println!("\n{WORST} worst pages by per-page body F1, {label} input:");
    let mut t = Table::new(&["id", "P", "R", "F1", "hint"]).left(4);
    for p in order.into_iter().take(WORST) {
        t.row(vec![
            p.id.clone(),
            format!("{:.3}", p.body.precision()),
            format!("{:.3}", p.body.recall()),
            format!("{:.3}", p.body.f1()),
            hint(p, format),
        ]);
    }
    t.print();
}

/// Scores the seed pages (`page-*.txt` with `.gold.json`) on title, body ends and paragraphs.
fn seeds(dir: &Path) -> Result<Option<(Table, Value)>> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(None);
    };
    let mut pages: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    pages.sort();
    let mut t = Table::new(&["seed", "title", "first line", "last line", "paragraphs"]);
    let mut out = Vec::new();
    for page in pages {
        let gold_path = page.with_extension("gold.json");
        let Ok(gold) = fs::read_to_string(&gold_path) else {
            continue;
        };
        let gold: Value =
            serde_json::from_str(&gold).with_context(|| gold_path.display().to_string())?;
        let bytes = fs::read(&page)?;
        let article = extract::extract(&bytes, &Options::default())
            .map(|(_, a)| a)
            .unwrap_or_default();
        let lines: Vec<&str> = article
            .body
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let paragraphs = article
            .body
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .count();
        let want = |k: &str| gold[k].as_str().unwrap_or("");
        let title_ok = meta::same(want("title"), article.title.as_deref().unwrap_or(""));
        let first_ok = meta::same(
            want("body_first_line"),
            lines.first().copied().unwrap_or(""),
        );
        let last_ok = meta::same(want("body_last_line"), lines.last().copied().unwrap_or(""));
        let want_par = gold["body_paragraphs"].as_u64().unwrap_or(0);
        let name = page
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mark = |b: bool| if b { "ok" } else { "WRONG" }.to_owned();
        t.row(vec![
            name.clone(),
            mark(title_ok),
            mark(first_ok),
            mark(last_ok),
            format!(
                "{paragraphs}/{want_par}{}",
                if paragraphs as u64 == want_par {
                    ""
                } else {
                    " WRONG"
                }
            ),
        ]);
        out.push(
            json!({"seed": name, "title": title_ok, "first_line": first_ok, "last_line": last_ok,
                        "paragraphs": paragraphs, "paragraphs_gold": want_par}),
        );
    }
    Ok(Some((t, Value::Array(out))))
}

/// Runs `eval extract`.
pub fn run(args: &Args) -> Result<()> {
    let data = crate::data_dir(args);
    let dir = data.join("extract-dev");
    if !dir.join("truth.jsonl").exists() {
        crate::skip_missing(&dir);
        return Ok(());
    }
    let truth = load_truth(&dir)?;
    let (mut html, mut text, mut dump) = (Vec::new(), Vec::new(), Vec::new());
    for t in &truth {
        let h = read_maybe_gz(&dir.join("html").join(format!("{}.html.gz", t.id)))?;
        html.push(score(&h, PageFormat::Html, t));
        let x = read_maybe_gz(&dir.join("text").join(format!("{}.txt", t.id)))?;
        text.push(score(&x, PageFormat::Text, t));
        dump.push(body::score_page(&t.body, &String::from_utf8_lossy(&x)));
    }
    let visible: Vec<&PageResult> = text
        .iter()
        .filter(|p| !JS_HIDDEN.contains(&p.id.as_str()))
        .collect();
    let sets = [
        summarise("HTML", &html.iter().collect::<Vec<_>>()),
        summarise("text", &text.iter().collect::<Vec<_>>()),
        summarise(&format!("text w/o {} JS-hidden", JS_HIDDEN.len()), &visible),
    ];
    let d = body::summarise(&dump);
    let (dp, dr, df) = (
        d.precision.unwrap_or(0.0),
        d.recall.unwrap_or(0.0),
        d.f1().unwrap_or(0.0),
    );
    let round = |x: f64| (x * 1e4).round() / 1e4;
    let dump_ok = (round(dp), round(dr), round(df)) == DUMP_REFERENCE;
    let truth_self = body::summarise(
        &truth
            .iter()
            .map(|t| body::score_page(&t.body, &t.body))
            .collect::<Vec<_>>(),
    );
    let self_ok = truth_self.f1() == Some(1.0);

    println!("eval extract: {} pages of {} (shingle metric: case-sensitive, empty predictions left out of P)\n", truth.len(), dir.display());
    let mut t = Table::new(&[
        "input", "pages", "P", "R", "F1", "±F1", "acc", "title", "authors", "no-auth", "date",
        "with", "w/o", "failed", "pages/s", "MB/s",
    ]);
    for s in &sets {
        t.row(row(s));
    }
    t.print();
    let n = |k: &str| sets[0][k].as_u64().unwrap_or(0);
    println!(
        "\ntitle over {} pages; authors over {} pages with authors (no-auth: {} pages without, right when none predicted); \
         date = the article's day (published, else updated; as articles.day) over {} pages with a date; with/w/o = share of WCXB snippets found in the body \
         (w/o: lower is better); speed = decode+extract, one thread, one page at a time.",
        n("title_pages"), n("authors_pages"), n("no_authors_pages"), n("date_pages")
    );
    let sniffed: Vec<String> = sets[..2]
        .iter()
        .map(|s| {
            let ids: Vec<&str> = s["sniffed_other"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            format!("{} {} {ids:?}", s["set"].as_str().unwrap_or(""), ids.len())
        })
        .collect();
    println!(
        "pages whose format was sniffed otherwise (forced to the file's format): {}",
        sniffed.join(", ")
    );
    println!(
        "reference check, whole text dump as prediction: P {dp:.4} R {dr:.4} F1 {df:.4} acc {} (expected {:.4}/{:.4}/{:.4}): {}",
        f4(d.accuracy),
        DUMP_REFERENCE.0,
        DUMP_REFERENCE.1,
        DUMP_REFERENCE.2,
        if dump_ok { "OK" } else { "MISMATCH" }
    );
    println!(
        "reference check, truth as prediction: F1 {}: {}",
        f4(truth_self.f1()),
        if self_ok { "OK" } else { "MISMATCH" }
    );

    let seeds_dir = data
        .parent()
        .map_or_else(|| data.join("../seeds"), |p| p.join("seeds"));
    let seed_json = match seeds(&seeds_dir)? {
        Some((table, v)) => {
            println!("\nseed pages ({}):", seeds_dir.display());
            table.print();
            v
        }
        None => Value::Null,
    };
    if let Some(path) = args.value("--meta-errors") {
        let mut out = String::new();
        for (label, pages) in [("html", &html), ("text", &text)] {
            for p in pages.iter() {
                for miss in &p.meta_misses {
                    out.push_str(&format!("{label}\t{}\t{miss}\n", p.id));
                }
            }
        }
        fs::write(path, out).with_context(|| format!("cannot write {path}"))?;
        println!("metadata misses written to {path} (format, id, field, expected, extracted)");
    }
    if let Some(path) = args.value("--scores") {
        let mut out = String::new();
        for (label, pages) in [("html", &html), ("text", &text)] {
            for p in pages.iter() {
                out.push_str(&format!(
                    "{label}\t{}\t{:.4}\t{:.4}\t{:.4}\n",
                    p.id,
                    p.body.precision(),
                    p.body.recall(),
                    p.body.f1()
                ));
            }
        }
        fs::write(path, out).with_context(|| format!("cannot write {path}"))?;
        println!("per-page body scores written to {path} (format, id, P, R, F1)");
    }
    if args.flag("--per-page") {
        print_worst("HTML", &html, PageFormat::Html);
        print_worst("text", &text, PageFormat::Text);
    }
    if args.flag("--json") {
        let v = json!({
            "sets": sets,
            "dump_reference": {"precision": dp, "recall": dr, "f1": df, "accuracy": d.accuracy, "matches_readme": dump_ok},
            "seeds": seed_json,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
    }
    if !dump_ok || !self_ok {
        anyhow::bail!("the body metric does not reproduce the data set's reference values");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reproduces the README's whole-dump reference values; skips without the data.
    #[test]
    fn dump_reference_when_data_present() {
        let dir = crate::workspace_root().join("../shared/data/extract-dev");
        let Ok(truth) = load_truth(&dir) else {
            return;
        };
        let pages: Vec<PageScore> = truth
            .iter()
            .map(|t| {
                let x =
                    fs::read(dir.join("text").join(format!("{}.txt", t.id))).unwrap_or_default();
                body::score_page(&t.body, &String::from_utf8_lossy(&x))
            })
            .collect();
        let s = body::summarise(&pages);
        let round = |x: Option<f64>| (x.unwrap_or(0.0) * 1e4).round() / 1e4;
        assert_eq!(
            (round(s.precision), round(s.recall), round(s.f1())),
            DUMP_REFERENCE
        );
        assert_eq!(s.accuracy, Some(0.0));
    }

    #[test]
    fn scores_a_text_page() {
        let truth = Truth {
            id: "x".into(),
            title: "Council approves \u{201C}night bus\u{201D} plan".into(),
            authors: vec![],
            published: None,
            body: "The city council approved the night bus plan on Monday after a long debate."
                .into(),
            with: vec!["night bus plan".into()],
            without: vec!["Subscribe".into()],
        };
        let page = "Home\n\nCouncil approves \"night bus\" plan\n\n\
                    The city council approved the night bus plan on Monday after a long debate.\n\n\
                    Subscribe to our newsletter\n";
        let r = score(page.as_bytes(), PageFormat::Text, &truth);
        assert!(r.body.truth() > 0);
        assert_eq!(r.authors_ok, None);
        assert_eq!(r.date_ok, None);
        assert_eq!(r.with.1, 1);
    }
}
