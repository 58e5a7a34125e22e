//! End-to-end tests of the `newsdb` binary: one integration-test binary, so linking happens once.
//! Each test gets its own temporary directory and database.
#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixtures(sub: &str) -> PathBuf {
    root().join("fixtures").join(sub)
}

/// A temporary directory with a database path in it.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("news.db")
    }

    fn newsdb(&self) -> Command {
        let mut cmd = Command::cargo_bin("newsdb").expect("binary built");
        cmd.env_remove("NEWSDB_DB").arg("--db").arg(self.db());
        cmd
    }

    /// Runs newsdb with `args` and checks the exit code.
    fn run(&self, args: &[&str], code: i32) -> Output {
        let out = self.newsdb().args(args).output().expect("newsdb runs");
        assert_eq!(
            out.status.code(),
            Some(code),
            "newsdb {args:?}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.run(args, 0);
        serde_json::from_slice(&out.stdout).expect("valid JSON")
    }

    /// One number from SQL.
    fn count(&self, sql: &str) -> i64 {
        let rows = self.json(&["sql", sql, "--json"]);
        rows[0]
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_i64)
            .expect("a number")
    }

    fn ingest_fixtures(&self) {
        let pages = fixtures("pages");
        self.run(&["ingest", pages.to_str().expect("utf-8 path")], 0);
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn fixture_page_count() -> i64 {
    std::fs::read_dir(fixtures("pages"))
        .expect("fixtures")
        .count() as i64
}

const COUNTS: &[&str] = &[
    "SELECT count(*) FROM documents",
    "SELECT count(*) FROM articles",
    "SELECT count(*) FROM entities",
    "SELECT count(*) FROM entity_aliases",
    "SELECT count(*) FROM mentions",
    "SELECT count(*) FROM timexes",
    "SELECT count(*) FROM removed_blocks",
    "SELECT count(*) FROM attributions",
];

fn counts(s: &Sandbox) -> Vec<i64> {
    COUNTS.iter().map(|q| s.count(q)).collect()
}

#[test]
fn ingest_is_idempotent_and_prints_a_summary() {
    let s = Sandbox::new();
    let pages = fixtures("pages");
    let out = s.run(&["ingest", pages.to_str().expect("path")], 0);
    let n = fixture_page_count();
    assert!(
        stdout(&out).contains(&format!("{n} stored")),
        "{}",
        stdout(&out)
    );
    let first = counts(&s);
    assert_eq!(first[1], n);
    let out = s.run(&["ingest", pages.to_str().expect("path")], 0);
    assert!(
        stdout(&out).contains(&format!("0 stored, {n} skipped")),
        "{}",
        stdout(&out)
    );
    assert_eq!(counts(&s), first, "a second ingest changes nothing");
    // --force re-extracts every page and still leaves the same counts.
    s.run(&["ingest", "--force", pages.to_str().expect("path")], 0);
    assert_eq!(counts(&s), first, "--force replaces, it does not duplicate");
}

#[test]
fn query_commands_answer_from_the_fixtures() {
    let s = Sandbox::new();
    s.ingest_fixtures();

    let hits = s.json(&["search", "night bus", "--json"]);
    let titles: Vec<&str> = hits
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|h| h["title"].as_str())
        .collect();
    assert!(
        titles.contains(&"City council approves night bus network"),
        "{titles:?}"
    );
    let out = s.run(&["search", "orchid"], 0);
    assert!(stdout(&out).contains("Rare orchid found growing on motorway verge"));
    s.run(&["search", "\"unbalanced"], 1);

    let id = s.count("SELECT id FROM articles WHERE title LIKE 'Museum returns%'");
    let article = s.json(&["show", &id.to_string(), "--json"]);
    assert_eq!(
        article["authors"],
        serde_json::json!(["Amelia Hart", "Tomas Varga"])
    );
    assert_eq!(article["published"]["local"], "2025-02-14T18:30:00+00:00");
    let out = s.run(&["show", &id.to_string()], 0);
    assert!(stdout(&out).contains("# Museum returns carved panels"));
    s.run(&["show", "999999"], 1);

    let people = s.json(&["entities", "--type", "person", "--json", "--limit", "500"]);
    let names: Vec<&str> = people
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(names.contains(&"Astrid Nyberg"), "{names:?}");
    assert!(people
        .as_array()
        .expect("array")
        .iter()
        .all(|e| e["type"] == "PERSON"));
    s.run(&["entities", "--type", "planet"], 1);

    let timeline = s.json(&["timeline", "--json"]);
    let days: Vec<&str> = timeline
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["day"].as_str())
        .collect();
    assert!(days.contains(&"2025-06-18"), "{days:?}");
    let nyberg = s.json(&["timeline", "Astrid Nyberg", "--json"]);
    assert_eq!(nyberg[0]["day"], "2025-06-18");

    let out = s.run(&["export", "--format", "jsonl"], 0);
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len() as i64, fixture_page_count());
    for line in &lines {
        let body = line["body"].as_str().expect("body");
        for e in line["entities"].as_array().expect("entities") {
            let (start, end) = (
                e["start"].as_u64().expect("start") as usize,
                e["end"].as_u64().expect("end") as usize,
            );
            let surface: String = body.chars().skip(start).take(end - start).collect();
            assert_eq!(
                surface,
                e["text"].as_str().expect("text"),
                "offsets are character offsets"
            );
        }
    }
    let out = s.run(&["export", "--format", "csv"], 0);
    let csv = stdout(&out);
    assert!(csv.starts_with("id,day,site,title"));
    assert!(csv.lines().count() as i64 > fixture_page_count());

    let stats = s.json(&["stats", "--json"]);
    assert_eq!(stats["articles"].as_i64(), Some(fixture_page_count()));
    assert_eq!(stats["errors"].as_i64(), Some(0));
    s.run(&["stats"], 0);

    assert_eq!(
        s.count("SELECT count(*) FROM articles WHERE language = 'fr'"),
        1
    );
    let out = s.run(&["sql", "DELETE FROM articles"], 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("newsdb:"));
    assert_eq!(
        s.count("SELECT count(*) FROM articles"),
        fixture_page_count()
    );
    // substr() over the body returns each mention's surface.
    assert_eq!(
        s.count("SELECT count(*) FROM mentions m JOIN articles a ON a.id = m.article_id WHERE substr(a.body, m.start + 1, m.\"end\" - m.start) <> m.surface"),
        0
    );
}

#[test]
fn bad_inputs_are_recorded_and_the_rest_goes_on() {
    let s = Sandbox::new();
    let bad = s.dir.path().join("bad");
    std::fs::create_dir(&bad).expect("mkdir");
    for entry in std::fs::read_dir(fixtures("bad")).expect("fixtures/bad") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, bad.join(path.file_name().expect("name"))).expect("copy");
    }
    let deep = format!(
        "<html><body>{}text{}</body></html>",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    std::fs::write(bad.join("deep.html"), deep).expect("write");
    std::fs::write(bad.join("huge.txt"), "word ".repeat(4 * 1024 * 1024)).expect("write");
    let pages = fixtures("pages");
    let out = s
        .newsdb()
        .args(["ingest", "--max-page-bytes", "8000000"])
        .arg(&bad)
        .arg(&pages)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bad_count = std::fs::read_dir(&bad).expect("dir").count() as i64;
    assert_eq!(
        s.count("SELECT count(*) FROM documents WHERE status = 'error'"),
        bad_count
    );
    assert_eq!(
        s.count("SELECT count(*) FROM documents WHERE status = 'error' AND (error IS NULL OR error = '' OR instr(error, char(10)) > 0)"),
        0,
        "every failure has a one-line reason"
    );
    assert_eq!(
        s.count("SELECT count(*) FROM articles"),
        fixture_page_count()
    );
    let reasons = s.json(&[
        "sql",
        "SELECT path, error FROM documents WHERE status = 'error' ORDER BY path",
        "--json",
    ]);
    let text = reasons.to_string();
    for expected in [
        "empty input",
        "binary",
        "truncated gzip",
        "nests",
        "over the limit",
        "does not decode",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
}

#[test]
fn a_database_that_is_not_newsdb_is_refused_untouched() {
    let s = Sandbox::new();
    let other = s.dir.path().join("notes.txt");
    std::fs::write(&other, "not a database").expect("write");
    let before = std::fs::read(&other).expect("read");
    let mut cmd = Command::cargo_bin("newsdb").expect("binary");
    let out = cmd
        .arg("--db")
        .arg(&other)
        .arg("stats")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let mut cmd = Command::cargo_bin("newsdb").expect("binary");
    let pages = fixtures("pages");
    let out = cmd
        .arg("--db")
        .arg(&other)
        .arg("ingest")
        .arg(&pages)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&other).expect("read"), before);
    s.run(&["stats"], 1);
}

#[test]
fn extract_prints_json_body_and_jsonl() {
    let s = Sandbox::new();
    let page = fixtures("pages").join("agency-byline-ist.txt");
    let article = s.json(&["extract", page.to_str().expect("path")]);
    assert_eq!(
        article["title"],
        "Riverside port handles record cargo as monsoon season ends"
    );
    assert_eq!(article["agency"], "PTI");
    assert_eq!(article["updated"]["local"], "2025-03-12T09:40:00+05:30");
    assert_eq!(article["updated"]["utc"], "2025-03-12T04:10:00Z");
    assert_eq!(article["dateline"]["place"], "Pune");
    assert_eq!(article["syndicated"], true);
    let body = article["body"].as_str().expect("body");
    assert!(body.starts_with("Pune, Mar 12 The inland container depot"));
    assert!(
        !body.contains("Open in App")
            && !body.contains("Related Stories")
            && !body.contains("Disclaimer")
    );

    let out = s.run(&["extract", "--body-only", page.to_str().expect("path")], 0);
    assert_eq!(stdout(&out).trim_end(), body);

    let other = fixtures("pages").join("no-date.txt");
    let out = s.run(
        &[
            "extract",
            page.to_str().expect("path"),
            other.to_str().expect("path"),
        ],
        0,
    );
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[1]["path"]
        .as_str()
        .expect("path")
        .ends_with("no-date.txt"));
    assert!(lines[1]["published"].is_null());

    let bad = fixtures("bad").join("binary.bin");
    let out = s.run(&["extract", bad.to_str().expect("path")], 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary.bin: binary content"));
}

/// The first column of each line (`None` for a break), without trailing breaks.
fn first_columns<'a>(
    text: &'a str,
    column: impl Fn(&'a str) -> Option<&'a str>,
) -> Vec<Option<&'a str>> {
    let mut v: Vec<Option<&str>> = text.lines().map(column).collect();
    while v.last() == Some(&None) {
        v.pop();
    }
    v
}

#[test]
fn tag_conll_round_trips_tokens_and_breaks() {
    let s = Sandbox::new();
    let input_path = fixtures("tag").join("sample.conll");
    let input = std::fs::read_to_string(&input_path).expect("fixture");
    let out = s.run(&["tag", "--conll", input_path.to_str().expect("path")], 0);
    let output = stdout(&out);
    let in_lines = first_columns(&input, |l| l.split_whitespace().next());
    let out_lines = first_columns(&output, |l| l.split('\t').next().filter(|t| !t.is_empty()));
    assert_eq!(
        in_lines, out_lines,
        "same tokens, same sentence and document breaks"
    );
    let mut previous = "O".to_owned();
    for line in output.lines().filter(|l| !l.is_empty()) {
        let tag = line.split('\t').nth(1).expect("a tag column");
        assert!(
            tag == "O"
                || ["B-", "I-"].iter().any(|p| tag.starts_with(p))
                    && ["PER", "ORG", "LOC", "MISC"].contains(&&tag[2..]),
            "{tag}"
        );
        if let Some(ty) = tag.strip_prefix("I-") {
            assert!(previous.ends_with(ty), "IOB2: {tag} after {previous}");
        }
        previous = tag.to_owned();
    }
    assert!(output.contains("Astrid\tB-PER\nNyberg\tI-PER"), "{output}");
    assert!(output.contains("Oslo\tB-LOC"), "{output}");
    assert!(output.contains("Germany\tB-LOC"), "{output}");
}

#[test]
fn tag_jsonl_returns_offsets_into_each_text() {
    let s = Sandbox::new();
    let input_path = fixtures("tag").join("sample.jsonl");
    let input = std::fs::read_to_string(&input_path).expect("fixture");
    let out = s.run(&["tag", "--jsonl", input_path.to_str().expect("path")], 0);
    let inputs: Vec<Value> = input
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let outputs: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(inputs.len(), outputs.len());
    for (i, o) in inputs.iter().zip(&outputs) {
        assert_eq!(i["id"], o["id"]);
        let text = i["text"].as_str().expect("text");
        for span in o["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .chain(o["timexes"].as_array().expect("timexes"))
        {
            let (start, end) = (
                span["start"].as_u64().expect("start") as usize,
                span["end"].as_u64().expect("end") as usize,
            );
            let surface: String = text.chars().skip(start).take(end - start).collect();
            assert_eq!(surface, span["text"].as_str().expect("text"));
        }
    }
    let canon = |o: &Value, surface: &str| -> Option<String> {
        o["entities"]
            .as_array()?
            .iter()
            .find(|e| e["text"] == surface)
            .and_then(|e| e["canonical"].as_str().map(str::to_owned))
    };
    assert_eq!(
        canon(&outputs[0], "Takeshi Iwaya").as_deref(),
        Some("Takeshi Iwaya")
    );
    assert_eq!(canon(&outputs[1], "EU").as_deref(), Some("European Union"));
    assert_eq!(canon(&outputs[2], "Rocha").as_deref(), Some("Helena Rocha"));
    let value = |o: &Value, surface: &str| -> Option<String> {
        o["timexes"]
            .as_array()?
            .iter()
            .find(|t| t["text"] == surface)
            .and_then(|t| t["value"].as_str().map(str::to_owned))
    };
    assert_eq!(
        value(&outputs[0], "Wednesday").as_deref(),
        Some("2025-01-08")
    );
    assert_eq!(value(&outputs[2], "Sunday").as_deref(), Some("2025-03-09"));
    assert_eq!(value(&outputs[2], "2027").as_deref(), Some("2027"));
    let last_week = outputs[1]["timexes"]
        .as_array()
        .expect("timexes")
        .iter()
        .find(|t| t["text"] == "last week")
        .cloned();
    assert_eq!(
        last_week.map(|t| t["anchored"].clone()),
        Some(Value::Bool(false)),
        "no anchor, not anchored"
    );
}

/// Writes `n` distinct invented text pages into `dir`.
fn synthetic_corpus(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).expect("mkdir");
    let towns = [
        "Aldermoor",
        "Brightwater",
        "Caldwell",
        "Dunmore",
        "Eastleigh",
    ];
    for i in 0..n {
        let town = towns[i % towns.len()];
        let text = format!(
            "Home\nNews\n\nCouncil in {town} publishes report number {i}\n\nBy Clara Jensen | Published: {day} March 2025\n\n\
             {town}, Mar {day} The council in {town} published report number {i} on Monday, setting out plans for new cycle lanes and a library.\n\n\
             Council leader Martin Osei said the plans would be discussed with residents over the next two months before a final vote.\n\n\
             The report also proposes {i} new trees along the main road, paid for by a national fund for greener streets.\n\n\
             Related Stories\n\nSportsLocal team wins again\n",
            day = 1 + i % 28
        );
        std::fs::write(dir.join(format!("page-{i:05}.txt")), text).expect("write");
    }
}

#[test]
fn killed_ingest_leaves_a_consistent_database_that_the_next_run_completes() {
    let s = Sandbox::new();
    let corpus = s.dir.path().join("corpus");
    let n = 3000;
    synthetic_corpus(&corpus, n);
    let bin = assert_cmd::cargo::cargo_bin("newsdb");
    let mut child = std::process::Command::new(&bin)
        .arg("--db")
        .arg(s.db())
        .args(["ingest", "--jobs", "1", "--batch", "8"])
        .arg(&corpus)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // Wait until some batches are committed, then kill -9 mid-run.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        std::thread::sleep(Duration::from_millis(50));
        let stored = articles_so_far(&s.db());
        if stored >= 40 || Instant::now() > deadline {
            break;
        }
    }
    assert!(
        child.try_wait().expect("wait").is_none(),
        "ingest finished before it could be killed"
    );
    child.kill().expect("kill");
    let _ = child.wait();

    let conn = rusqlite::Connection::open(s.db()).expect("open");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity");
    assert_eq!(check, "ok");
    let partial: i64 = conn
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .expect("count");
    assert!(
        partial > 0 && partial < n as i64,
        "killed mid-run: {partial} of {n}"
    );
    let orphans: i64 = conn
        .query_row("SELECT count(*) FROM documents d LEFT JOIN articles a ON a.document_id = d.id WHERE d.status = 'ok' AND a.id IS NULL", [], |r| r.get(0))
        .expect("count");
    assert_eq!(orphans, 0, "no half-written page");
    drop(conn);

    s.run(&["ingest", corpus.to_str().expect("path")], 0);
    assert_eq!(s.count("SELECT count(*) FROM articles"), n as i64);
    assert_eq!(s.count("SELECT count(*) FROM documents"), n as i64);
    let resumed = counts(&s);

    let fresh = Sandbox::new();
    fresh.run(&["ingest", corpus.to_str().expect("path")], 0);
    assert_eq!(
        counts(&fresh),
        resumed,
        "resumed run equals an uninterrupted one"
    );
}

#[test]
fn ctrl_c_stops_after_the_current_batch_with_a_summary() {
    let s = Sandbox::new();
    let corpus = s.dir.path().join("corpus");
    synthetic_corpus(&corpus, 3000);
    let bin = assert_cmd::cargo::cargo_bin("newsdb");
    let child = std::process::Command::new(&bin)
        .arg("--db")
        .arg(s.db())
        .args(["ingest", "--jobs", "1", "--batch", "8"])
        .arg(&corpus)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(120);
    while articles_so_far(&s.db()) < 16 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(130));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("interrupted"), "{text}");
    let stored = articles_so_far(&s.db());
    assert!(stored > 0 && stored < 3000, "{stored}");
    let conn = rusqlite::Connection::open(s.db()).expect("open");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity");
    assert_eq!(check, "ok");
}

fn articles_so_far(db: &Path) -> i64 {
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0)))
        .unwrap_or(0)
}

/// One WARC record with the given type, headers and payload.
fn warc_record(kind: &str, id: &str, uri: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: 2025-03-01T10:00:00Z\r\n\
         WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    )
    .into_bytes();
    out.extend_from_slice(payload);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

#[test]
fn warc_files_are_read_record_by_record() {
    let s = Sandbox::new();
    let page = std::fs::read(fixtures("pages").join("no-date-html.html")).expect("fixture");
    let mut response =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    response.extend_from_slice(&page);
    let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG".to_vec();
    let mut warc = warc_record(
        "request",
        "00000000-0000-0000-0000-000000000001",
        "https://garden.example/news/prize",
        b"GET /news/prize HTTP/1.1\r\n\r\n",
    );
    warc.extend(warc_record(
        "response",
        "00000000-0000-0000-0000-000000000002",
        "https://garden.example/news/prize",
        &response,
    ));
    warc.extend(warc_record(
        "response",
        "00000000-0000-0000-0000-000000000003",
        "https://garden.example/logo.png",
        &image,
    ));
    let path = s.dir.path().join("crawl.warc.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &warc).expect("gzip");
    std::fs::write(&path, gz.finish().expect("gzip")).expect("write");

    s.run(&["ingest", path.to_str().expect("path")], 0);
    let rows = s.json(&["sql", "SELECT d.path, a.url, a.published_utc, a.published_source, a.title FROM articles a JOIN documents d ON d.id = a.document_id", "--json"]);
    let rows = rows.as_array().expect("rows");
    assert_eq!(rows.len(), 1, "only the HTML response is a page");
    assert!(rows[0]["path"]
        .as_str()
        .expect("path")
        .ends_with("crawl.warc.gz#<urn:uuid:00000000-0000-0000-0000-000000000002>"));
    assert_eq!(rows[0]["url"], "https://garden.example/news/prize");
    assert_eq!(rows[0]["published_utc"], "2025-03-01T10:00:00Z");
    assert_eq!(rows[0]["published_source"], "fetch");
    assert_eq!(
        rows[0]["title"],
        "Community garden wins prize for water saving"
    );
}

/// The seed pages agree with their gold files (skipped when ../shared is absent).
#[test]
fn seeds_match_gold() {
    let seeds = root().join("../shared/seeds");
    if !seeds.exists() {
        eprintln!("skipping: {} not present", seeds.display());
        return;
    }
    let s = Sandbox::new();
    for name in ["page-000", "page-004"] {
        let gold: Value = serde_json::from_str(
            &std::fs::read_to_string(seeds.join(format!("{name}.gold.json"))).expect("gold"),
        )
        .expect("gold json");
        let page = seeds.join(format!("{name}.txt"));
        let got = s.json(&["extract", page.to_str().expect("path")]);
        check_gold(name, &gold, &got);
    }
}

fn check_gold(name: &str, gold: &Value, got: &Value) {
    assert_eq!(got["title"], gold["title"], "{name} title");
    let authors: Vec<&str> = got["authors"]
        .as_array()
        .expect("authors")
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    let gold_authors: Vec<&str> = gold["authors"]
        .as_array()
        .expect("gold")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(authors, gold_authors, "{name} authors");
    assert_eq!(got["agency"], gold["agency"], "{name} agency");
    assert_eq!(
        got["attributions"], gold["attributions"],
        "{name} attributions"
    );
    for key in ["published", "updated"] {
        let g = gold[key].as_str();
        let v = got[key]["local"].as_str();
        assert_eq!(v, g, "{name} {key}");
    }
    assert_eq!(got["dateline"], gold["dateline"], "{name} dateline");
    assert_eq!(got["syndicated"], gold["syndicated"], "{name} syndicated");
    if let Some(site) = gold.get("site") {
        assert_eq!(&got["site"], site, "{name} site");
    }
    if let Some(lead) = gold["lead_first_line"].as_str() {
        assert_eq!(
            got["lead"].as_str().and_then(|l| l.lines().next()),
            Some(lead),
            "{name} lead"
        );
    }
    let body = got["body"].as_str().expect("body");
    let paragraphs: Vec<&str> = body.split("\n\n").collect();
    assert_eq!(
        paragraphs.first().copied(),
        gold["body_first_line"].as_str(),
        "{name} first paragraph"
    );
    assert_eq!(
        paragraphs.last().copied(),
        gold["body_last_line"].as_str(),
        "{name} last paragraph"
    );
    assert_eq!(
        paragraphs.len() as u64,
        gold["body_paragraphs"].as_u64().expect("count"),
        "{name} paragraphs"
    );
    for banned in gold["must_not_be_in_body"].as_array().expect("list") {
        let banned = banned.as_str().expect("string");
        assert!(!body.contains(banned), "{name}: body contains {banned:?}");
    }
    let removed = got["removed"].as_array().expect("removed");
    for (text, kind) in gold["removed_kinds"].as_object().expect("map") {
        assert!(
            removed
                .iter()
                .any(|r| r["text"] == *text && r["kind"] == *kind),
            "{name}: removed {text:?} as {kind}"
        );
    }
    let entities = got["entities"].as_array().expect("entities");
    for e in gold["entities"].as_array().expect("gold entities") {
        for surface in e["surfaces"].as_array().expect("surfaces") {
            assert!(
                entities.iter().any(|g| g["text"] == *surface
                    && g["type"] == e["type"]
                    && g["canonical"] == e["name"]),
                "{name}: entity {surface} as {} {}",
                e["type"],
                e["name"]
            );
        }
    }
    let timexes = got["timexes"].as_array().expect("timexes");
    for t in gold["timexes_in_body"].as_array().expect("gold timexes") {
        let found = timexes
            .iter()
            .find(|x| x["text"] == t["text"])
            .unwrap_or_else(|| panic!("{name}: timex {}", t["text"]));
        assert_eq!(found["type"], t["type"], "{name}: {} type", t["text"]);
        match t["value"].as_str() {
            Some(v) => {
                assert_eq!(found["value"], v, "{name}: {} value", t["text"]);
                assert_eq!(found["anchored"], true);
            }
            None => assert_eq!(
                found["anchored"], false,
                "{name}: {} stays unanchored",
                t["text"]
            ),
        }
    }
}

// ---- The corpus layer: clusters, entity resolution, corpus commands, shards and merge. ----

/// Title, body paragraphs and publication instant of a fixture page, from `newsdb extract`.
fn extracted(path: &Path) -> (String, Vec<String>, Option<String>) {
    let s = Sandbox::new();
    let v = s.json(&["extract", path.to_str().expect("utf-8 path")]);
    let title = v["title"].as_str().unwrap_or("Untitled").to_owned();
    let body = v["body"].as_str().expect("body").to_owned();
    let paragraphs = body.split("\n\n").map(str::to_owned).collect();
    let published = v["published"]["utc"].as_str().map(str::to_owned);
    (title, paragraphs, published)
}

/// An HTML page as another site would republish it.
fn republished_html(
    site: &str,
    title: &str,
    paragraphs: &[String],
    published: Option<&str>,
    charset: &str,
) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"{charset}\"><title>{} | {site}</title>",
        escape(title)
    );
    if let Some(p) = published {
        html.push_str(&format!(
            "<meta property=\"article:published_time\" content=\"{p}\">"
        ));
    }
    html.push_str(&format!(
        "</head><body><header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/business\">Business</a></nav><div class=\"site-name\">{site}</div></header><main><article><h1>{}</h1>",
        escape(title)
    ));
    for p in paragraphs {
        html.push_str(&format!("<p>{}</p>", escape(p)));
    }
    html.push_str("</article><aside class=\"related\"><h2>Related Stories</h2><ul><li><a href=\"/a\">Markets close higher on Friday</a></li><li><a href=\"/b\">Weather: rain expected</a></li></ul></aside></main><footer>© 2025 ");
    html.push_str(site);
    html.push_str(". All rights reserved. <a href=\"/privacy\">Privacy</a></footer></body></html>");
    html
}

/// Windows-1252 bytes of `s` (characters outside it become `?`).
fn windows_1252(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '€' => 0x80,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '–' => 0x96,
            '—' => 0x97,
            '…' => 0x85,
            c if (c as u32) < 0x80 || (0xa0..0x100).contains(&(c as u32)) => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}

/// UTF-16LE bytes of `s` with a byte-order mark.
fn utf16le(s: &str) -> Vec<u8> {
    let mut out = vec![0xff, 0xfe];
    for unit in s.encode_utf16() {
        out.extend(unit.to_le_bytes());
    }
    out
}

/// Writes, for every fixture page, four republished versions (new headline; last paragraph cut;
/// site boilerplate added; another encoding) and returns (file name, group) for each.
fn republished_corpus(dir: &Path) -> Vec<(String, String)> {
    let mut truth = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(fixtures("pages"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| !p.to_string_lossy().ends_with(".gz"))
        .collect();
    names.sort();
    for (i, path) in names.iter().enumerate() {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("name")
            .to_owned();
        // The night-bus page is itself a republication of the JSON-LD page: one story.
        let group = if stem == "republished-night-bus" {
            "jsonld-newsarticle".to_owned()
        } else {
            stem.clone()
        };
        let (title, paragraphs, published) = extracted(path);
        let published = published.as_deref();
        let mut write = |name: String, bytes: Vec<u8>| {
            std::fs::write(dir.join(&name), bytes).expect("write page");
            truth.push((name, group.clone()));
        };
        let headline = format!("{title}: what we know so far");
        write(
            format!("{stem}-headline.html"),
            republished_html(
                &format!("daily{i}.example"),
                &headline,
                &paragraphs,
                published,
                "utf-8",
            )
            .into_bytes(),
        );
        let cut = &paragraphs[..paragraphs
            .len()
            .saturating_sub(1)
            .max(2)
            .min(paragraphs.len())];
        write(
            format!("{stem}-cut.html"),
            republished_html(
                &format!("herald{i}.example"),
                &title,
                cut,
                published,
                "utf-8",
            )
            .into_bytes(),
        );
        let mut extra = paragraphs.clone();
        extra.push("Subscribe to our morning newsletter for the stories that matter in your region, delivered before breakfast.".to_owned());
        extra.insert(
            1,
            "Our reporters are on the ground and this page will be updated as more details emerge."
                .to_owned(),
        );
        write(
            format!("{stem}-boiler.html"),
            republished_html(
                &format!("courier{i}.example"),
                &title,
                &extra,
                published,
                "utf-8",
            )
            .into_bytes(),
        );
        if i % 2 == 0 {
            let html = republished_html(
                &format!("gazette{i}.example"),
                &title,
                &paragraphs,
                published,
                "windows-1252",
            );
            write(format!("{stem}-cp1252.html"), windows_1252(&html));
        } else {
            let text = format!(
                "Home | News | Sport\n\n{title}\n\n{}\n\nShare this article\n\nLeave a Reply\n",
                paragraphs.join("\n\n")
            );
            write(format!("{stem}-utf16.txt"), utf16le(&text));
        }
    }
    truth
}

#[test]
fn republished_copies_cluster_with_high_precision_and_recall() {
    let s = Sandbox::new();
    let corpus = s.dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus dir");
    let truth = republished_corpus(&corpus);
    s.run(&["ingest", corpus.to_str().expect("path")], 0);
    let rows = s.json(&[
        "sql",
        "SELECT d.path, a.cluster_id FROM documents d LEFT JOIN articles a ON a.document_id = d.id",
        "--json",
    ]);
    let cluster_of: std::collections::HashMap<String, Option<i64>> = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let path = r["path"].as_str().expect("path");
            let name = Path::new(path)
                .file_name()
                .and_then(|n| n.to_str())
                .expect("name")
                .to_owned();
            (name, r["cluster_id"].as_i64())
        })
        .collect();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (i, (a, ga)) in truth.iter().enumerate() {
        for (b, gb) in &truth[i + 1..] {
            let same_truth = ga == gb;
            let same_got = matches!((cluster_of.get(a), cluster_of.get(b)), (Some(Some(x)), Some(Some(y))) if x == y);
            match (same_truth, same_got) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                (false, false) => {}
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    eprintln!(
        "clusters: precision {precision:.3}, recall {recall:.3} ({tp} tp, {fp} fp, {fn_} fn)"
    );
    assert!(
        precision >= 0.95 && recall >= 0.95,
        "precision {precision:.3}, recall {recall:.3}"
    );
    // Each cluster knows its original and which members are exact or edited.
    let clusters = s.json(&["clusters", "--json", "--limit", "100"]);
    let clusters = clusters.as_array().expect("clusters");
    assert!(clusters.len() >= 14, "{} clusters", clusters.len());
    for c in clusters {
        assert!(c["original_article_id"].as_i64().is_some());
        assert_eq!(
            c["exact"].as_i64().unwrap_or(0) + c["edited"].as_i64().unwrap_or(0) + 1,
            c["members"].as_i64().unwrap_or(0)
        );
    }
    assert!(s.count("SELECT count(*) FROM articles WHERE cluster_role = 'edited' AND cluster_similarity BETWEEN 0.3 AND 0.99") > 10);
    // `show` lists an article's copies.
    let id = s.count("SELECT min(id) FROM articles WHERE cluster_id IS NOT NULL");
    let shown = s.json(&["show", &id.to_string(), "--json"]);
    assert!(
        shown["copies"].as_array().map_or(0, Vec::len) >= 3,
        "{shown}"
    );
    let out = s.run(&["clusters"], 0);
    assert!(stdout(&out).contains("exact/edited"));
}

/// Writes a page whose text mentions only short forms, for cross-article resolution.
fn short_forms_page(dir: &Path) {
    std::fs::write(
        dir.join("short-forms.txt"),
        "World\n\nTalks resume after a pause\n\nBy Staff Reporter | Published: 20 May 2025\n\n\
         Brussels, May 20 The EU said on Tuesday that talks would resume next month, officials confirmed.\n\n\
         Trump told reporters that he expected progress, while Lopez, a local councillor, said the plan was welcome.\n\n\
         North Korea's envoy did not attend the meeting, according to two diplomats.\n\nLeave a comment\n",
    )
    .expect("write page");
}

#[test]
fn entities_resolve_across_the_corpus() {
    let s = Sandbox::new();
    let extra = s.dir.path().join("extra");
    std::fs::create_dir(&extra).expect("dir");
    short_forms_page(&extra);
    let mut args = vec![
        "ingest".to_owned(),
        fixtures("pages").to_string_lossy().into_owned(),
        extra.to_string_lossy().into_owned(),
    ];
    let seeds = Path::new("/work/shared/seeds");
    let with_seeds = seeds.join("page-000.txt").exists() && seeds.join("page-004.txt").exists();
    if with_seeds {
        for p in ["page-000.txt", "page-004.txt"] {
            args.push(seeds.join(p).to_string_lossy().into_owned());
        }
    } else {
        eprintln!("seed pages absent: checking fixtures only");
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    s.run(&args, 0);
    // The entity each surface form is mentioned as, in every article.
    let entities_of = |surface: &str| -> Vec<String> {
        let sql = format!(
            "SELECT DISTINCT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.surface = '{}' ORDER BY 1",
            surface.replace('\'', "''")
        );
        s.json(&["sql", &sql, "--json"])
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| r["name"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    let one = |names: &[&str], entity: &str| {
        for n in names {
            let got = entities_of(n);
            assert!(
                got.is_empty() || got == [entity],
                "{n} → {got:?}, expected {entity}"
            );
        }
        assert_eq!(
            s.count(&format!(
                "SELECT count(*) FROM entities WHERE name = '{entity}'"
            )),
            1,
            "{entity}"
        );
    };
    one(&["Donald Trump", "Trump"], "Donald Trump");
    assert_eq!(entities_of("Trump"), ["Donald Trump"]);
    one(&["North Korea", "North Korea's"], "North Korea");
    assert_eq!(
        s.count("SELECT count(*) FROM entities WHERE name LIKE 'North Korea''%'"),
        0
    );
    if with_seeds {
        one(&["Cho Tae-yul", "Cho"], "Cho Tae-yul");
        one(&["European Union", "EU"], "European Union");
        assert_eq!(entities_of("EU"), ["European Union"]);
    }
    // Two people sharing a surname stay apart, and a bare "Lopez" joins neither.
    assert_eq!(entities_of("Maria Lopez"), ["Maria Lopez"]);
    assert_eq!(entities_of("Daniel Lopez"), ["Daniel Lopez"]);
    for lopez in entities_of("Lopez") {
        assert!(
            lopez != "Maria Lopez" && lopez != "Daniel Lopez",
            "bare Lopez joined {lopez}"
        );
    }
    let report = s.json(&["entities", "--merge-report", "--json"]);
    let report = report.as_array().expect("report");
    assert!(
        report
            .iter()
            .any(|r| r["name"] == "Trump" && r["rule"] == "surname"),
        "{report:?}"
    );
    let out = s.run(&["entities", "--merge-report"], 0);
    assert!(stdout(&out).contains("surname"), "{}", stdout(&out));
}

#[test]
fn corpus_commands_answer_from_the_fixtures() {
    let s = Sandbox::new();
    s.ingest_fixtures();
    // entity: a profile by name or alias.
    let p = s.json(&["entity", "maria lopez", "--json"]);
    assert_eq!(p["name"], "Maria Lopez");
    assert_eq!(p["type"], "PERSON");
    assert!(p["articles"].as_i64().unwrap_or(0) >= 1);
    assert!(p["first_day"].is_string());
    assert!(p["co_mentioned"]
        .as_array()
        .is_some_and(|c| c.iter().any(|e| e["entity_b"] == "Daniel Lopez")));
    assert!(!p["timeline"].as_array().expect("timeline").is_empty());
    let out = s.run(&["entity", "Maria Lopez"], 0);
    assert!(stdout(&out).contains("Mentioned with"));
    s.run(&["entity", "Nobody Atall"], 1);
    // cooccur, with and without an entity.
    let with = s.json(&["cooccur", "Daniel Lopez", "--json"]);
    assert!(with
        .as_array()
        .expect("rows")
        .iter()
        .any(|r| r["entity_b"] == "Maria Lopez"));
    let pairs = s.json(&["cooccur", "--limit", "5", "--json"]);
    assert_eq!(pairs.as_array().expect("rows").len(), 5);
    assert!(stdout(&s.run(&["cooccur", "Maria Lopez"], 0)).contains("Daniel Lopez"));
    // timeline by day, week and month, by type.
    let days = s.json(&["timeline", "--by", "day", "--type", "person", "--json"]);
    let weeks = s.json(&["timeline", "--by", "week", "--type", "PERSON", "--json"]);
    let months = s.json(&["timeline", "--by", "month", "--json"]);
    let total = |v: &Value, key: &str| -> i64 {
        v.as_array()
            .expect("rows")
            .iter()
            .map(|r| r[key].as_i64().unwrap_or(0))
            .sum()
    };
    assert_eq!(total(&days, "mentions"), total(&weeks, "mentions"));
    assert!(weeks.as_array().expect("rows").len() <= days.as_array().expect("rows").len());
    assert!(months
        .as_array()
        .expect("rows")
        .iter()
        .all(|r| r["period"].as_str().is_some_and(|p| p.len() == 7)));
    assert_eq!(
        total(&months, "articles"),
        s.count("SELECT count(*) FROM articles WHERE day IS NOT NULL")
    );
    let monday = weeks[0]["period"].as_str().expect("week");
    assert_eq!(
        s.count(&format!(
            "SELECT CAST(strftime('%w', '{monday}') AS INTEGER)"
        )),
        1
    );
    assert!(stdout(&s.run(&["timeline", "Maria Lopez", "--by", "month"], 0)).starts_with("month"));
    s.run(&["timeline", "--type", "planet", "--by", "week"], 1);
    // clusters: the night-bus republication.
    let clusters = s.json(&["clusters", "--json"]);
    assert_eq!(clusters.as_array().expect("rows").len(), 1);
    assert_eq!(clusters[0]["members"], 2);
    // export in every format.
    let jsonl = s.run(&["export", "--format", "jsonl"], 0);
    assert_eq!(stdout(&jsonl).lines().count() as i64, fixture_page_count());
    let csv_path = s.dir.path().join("out.csv");
    s.run(
        &[
            "export",
            "--format",
            "csv",
            "-o",
            csv_path.to_str().expect("path"),
        ],
        0,
    );
    assert!(std::fs::read_to_string(&csv_path)
        .expect("csv")
        .starts_with("id,day,site"));
    let parquet_path = s.dir.path().join("out.parquet");
    s.run(
        &[
            "export",
            "--format",
            "parquet",
            "-o",
            parquet_path.to_str().expect("path"),
        ],
        0,
    );
    let file = std::fs::File::open(&parquet_path).expect("parquet file");
    let reader =
        parquet::file::reader::SerializedFileReader::new(file).expect("a valid parquet file");
    let meta = parquet::file::reader::FileReader::metadata(&reader);
    assert_eq!(meta.file_metadata().num_rows(), fixture_page_count());
    let columns: Vec<&str> = meta
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name())
        .collect();
    assert!(
        columns.contains(&"body") && columns.contains(&"entities"),
        "{columns:?}"
    );
    // datasette-metadata: facets, labels, descriptions from SCHEMA.md, canned queries.
    let meta = s.json(&["datasette-metadata"]);
    let db = &meta["databases"]["news"];
    assert_eq!(db["tables"]["articles"]["label_column"], "title");
    assert_eq!(db["tables"]["articles"]["fts_table"], "articles_fts");
    assert!(db["tables"]["articles"]["facets"]
        .as_array()
        .expect("facets")
        .iter()
        .any(|f| f == "site"));
    assert!(db["tables"]["entities"]["facets"]
        .as_array()
        .expect("facets")
        .iter()
        .any(|f| f == "type"));
    assert!(db["tables"]["articles"]["columns"]["day"]
        .as_str()
        .is_some_and(|d| d.contains("calendar day")));
    let queries = db["queries"].as_object().expect("queries");
    assert!(queries.len() >= 10);
    for q in queries.values() {
        let sql = q["sql"].as_str().expect("sql");
        if !sql.contains(':') {
            s.run(&["sql", sql], 0);
        }
    }
}

/// Every count and every entity (name, type, aliases) of a database.
fn fingerprint_of(s: &Sandbox) -> (Vec<i64>, Vec<String>) {
    let mut counts = counts(s);
    for q in [
        "SELECT count(*) FROM clusters",
        "SELECT count(*) FROM articles WHERE cluster_id IS NOT NULL",
        "SELECT count(*) FROM entity_names",
        "SELECT count(*) FROM entity_links",
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'council'",
    ] {
        counts.push(s.count(q));
    }
    let rows = s.json(&[
        "sql",
        "SELECT e.name || '/' || e.type || ': ' || coalesce((SELECT group_concat(alias, '|') FROM (SELECT alias FROM entity_aliases x WHERE x.entity_id = e.id ORDER BY alias)), '') AS e FROM entities e ORDER BY 1",
        "--json",
    ]);
    let entities = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["e"].as_str().unwrap_or("").to_owned())
        .collect();
    (counts, entities)
}

#[test]
fn three_shards_merged_equal_a_single_run() {
    let pages = fixtures("pages");
    let pages = pages.to_str().expect("path");
    let single = Sandbox::new();
    single.run(&["ingest", pages], 0);
    let shards: Vec<Sandbox> = (1..=3)
        .map(|k| {
            let s = Sandbox::new();
            s.run(&["ingest", pages, "--shard", &format!("{k}/3")], 0);
            s
        })
        .collect();
    let total: i64 = shards
        .iter()
        .map(|s| s.count("SELECT count(*) FROM documents"))
        .sum();
    assert_eq!(total, fixture_page_count());
    let merged = Sandbox::new();
    let mut args = vec![
        "merge".to_owned(),
        merged.db().to_string_lossy().into_owned(),
    ];
    args.extend(shards.iter().map(|s| s.db().to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = merged.run(&args, 0);
    assert!(
        stdout(&out).contains("merged 3 databases"),
        "{}",
        stdout(&out)
    );
    assert_eq!(fingerprint_of(&merged), fingerprint_of(&single));
    // Merging a shard again adds nothing; a foreign file is refused.
    let again = merged.run(
        &[
            "merge",
            merged.db().to_str().expect("path"),
            shards[0].db().to_str().expect("path"),
        ],
        0,
    );
    assert!(
        stdout(&again).contains("0 documents copied"),
        "{}",
        stdout(&again)
    );
    assert_eq!(fingerprint_of(&merged), fingerprint_of(&single));
    let foreign = merged.dir.path().join("foreign.txt");
    std::fs::write(&foreign, "not a database").expect("write");
    merged.run(
        &[
            "merge",
            merged.db().to_str().expect("path"),
            foreign.to_str().expect("path"),
        ],
        1,
    );
}

/// What one document turned into: its status, its article's body and how many mentions, dates,
/// removed blocks and attributions hang off it.
type StoredPage = (String, Option<String>, i64, i64, i64, i64);

/// Every document of a database by content hash, so that two databases built from the same
/// corpus can be compared page by page.
fn documents_by_hash(db: &Path) -> std::collections::BTreeMap<String, StoredPage> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn
        .prepare(
            "SELECT d.content_hash, d.status, a.body,
                    (SELECT count(*) FROM mentions m WHERE m.article_id = a.id),
                    (SELECT count(*) FROM timexes t WHERE t.article_id = a.id),
                    (SELECT count(*) FROM removed_blocks r WHERE r.article_id = a.id),
                    (SELECT count(*) FROM attributions b WHERE b.article_id = a.id)
               FROM documents d LEFT JOIN articles a ON a.document_id = d.id",
        )
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                (
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ),
            ))
        })
        .expect("query");
    rows.map(|r| r.expect("row")).collect()
}

/// Checks a database left behind by a killed ingest: SQLite and FTS integrity, foreign keys, one
/// article per `ok` document and none for the others, and every mention and date span reading
/// back from its body with `substr`.
fn check_killed_database(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open");
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity");
    assert_eq!(check, "ok");
    conn.execute(
        "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .expect("FTS index matches the articles");
    assert_eq!(
        one("SELECT count(*) FROM pragma_foreign_key_check"),
        0,
        "foreign keys hold"
    );
    assert_eq!(
        one("SELECT count(*) FROM documents d WHERE d.status = 'ok'
               AND (SELECT count(*) FROM articles a WHERE a.document_id = d.id) <> 1"),
        0,
        "every ok document has exactly one article"
    );
    assert_eq!(
        one(
            "SELECT count(*) FROM articles a LEFT JOIN documents d ON d.id = a.document_id
              WHERE d.id IS NULL OR d.status <> 'ok'"
        ),
        0,
        "every article belongs to an ok document"
    );
    for table in ["mentions", "timexes"] {
        let bad = one(&format!(
            "SELECT count(*) FROM {table} x LEFT JOIN articles a ON a.id = x.article_id
              WHERE a.id IS NULL OR x.start < 0 OR x.end < x.start OR x.end > length(a.body)
                 OR substr(a.body, x.start + 1, x.end - x.start) <> x.surface"
        ));
        assert_eq!(bad, 0, "{table} spans read back from their article's body");
    }
}

/// Issue 7, criterion 4: kill -9 at five seeded points during a 5 000-page ingest. Each time the
/// database is consistent and every page in it is whole (as an uninterrupted run stores it);
/// re-running completes the corpus with exactly the counts of an uninterrupted run.
#[test]
fn kill_9_at_five_points_never_leaves_a_half_written_page() {
    let s = Sandbox::new();
    let corpus = s.dir.path().join("corpus");
    let n = 5000;
    synthetic_corpus(&corpus, n);
    let corpus_arg = corpus.to_str().expect("utf-8 path");
    let ingest = |db: &Path| {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("newsdb"));
        cmd.env_remove("NEWSDB_DB")
            .arg("--db")
            .arg(db)
            .args(["ingest", "--jobs", "1", "--batch", "16"])
            .arg(&corpus)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        cmd
    };

    // The uninterrupted reference run goes on beside the killed ones (on the other core).
    let fresh = Sandbox::new();
    let mut reference_run = ingest(&fresh.db()).spawn().expect("spawn reference");

    // Seeded kill points: after N committed articles, N growing from run to run so that every
    // run has new pages to write, plus a few milliseconds so that the kill lands at different
    // moments of a batch. A small LCG keeps the test free of a random-number dependency.
    let mut state: u64 = 0x5eed_2026;
    let mut next = |bound: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % bound
    };
    let mut snapshots = Vec::new();
    for round in 0..5u64 {
        let target = (150 + round * 800 + next(600)) as i64;
        let mut child = ingest(&s.db()).spawn().expect("spawn");
        let deadline = Instant::now() + Duration::from_secs(600);
        while articles_so_far(&s.db()) < target && Instant::now() < deadline {
            if child.try_wait().expect("wait").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(next(40)));
        let running = child.try_wait().expect("wait").is_none();
        // `Child::kill` sends SIGKILL on Unix.
        child.kill().expect("kill");
        let _ = child.wait();
        assert!(running, "round {round}: ingest ended before the kill");
        check_killed_database(&s.db());
        let stored = documents_by_hash(&s.db());
        eprintln!(
            "round {round}: killed after {target}+ articles, {} pages stored",
            stored.len()
        );
        assert!(stored.len() < n, "round {round}: killed mid-run");
        snapshots.push(stored);
    }
    for pair in snapshots.windows(2) {
        assert!(
            pair[0].keys().all(|k| pair[1].contains_key(k)),
            "a killed run never loses committed pages"
        );
    }

    let status = reference_run.wait().expect("reference run");
    assert!(status.success(), "reference ingest: {status}");
    let reference = documents_by_hash(&fresh.db());
    assert_eq!(reference.len(), n);
    for (round, stored) in snapshots.iter().enumerate() {
        for (hash, page) in stored {
            assert_eq!(
                Some(page),
                reference.get(hash),
                "round {round}: page {hash} is stored whole, as an uninterrupted run stores it"
            );
        }
    }

    s.run(&["ingest", "--jobs", "1", "--batch", "16", corpus_arg], 0);
    check_killed_database(&s.db());
    assert_eq!(documents_by_hash(&s.db()), reference);
    assert_eq!(
        counts(&s),
        counts(&fresh),
        "resumed run equals an uninterrupted one"
    );
}
