//! Snapshot tests: every page in `fixtures/pages` extracted to an Article, compared with its
//! reviewed snapshot in `tests/snapshots/` (`cargo insta review` after an intended change).

use std::io::Read;
use std::path::{Path, PathBuf};

fn pages() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pages");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/pages exists")
        .map(|e| e.expect("readable entry").path())
        .collect();
    files.sort();
    files
}

fn bytes(path: &Path) -> Vec<u8> {
    let raw = std::fs::read(path).expect("readable fixture");
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(raw.as_slice())
            .read_to_end(&mut out)
            .expect("fixture gzip is whole");
        out
    } else {
        raw
    }
}

#[test]
fn fixture_pages_match_snapshots() {
    let files = pages();
    assert!(files.len() >= 15, "expected at least 15 fixture pages");
    for path in files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let (page, article) = extract::extract(&bytes(&path), &extract::Options::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        insta::with_settings!({ snapshot_suffix => name.replace('.', "_"), prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!("page", serde_json::json!({
                "encoding": page.encoding,
                "article": article,
            }));
        });
    }
}

#[test]
fn bad_inputs_are_refused_with_reasons() {
    let limits = extract::Limits::default();
    let deep = format!(
        "<html><body>{}deep text{}</body></html>",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (Vec::new(), "empty input"),
        (vec![0x7f, b'E', b'L', b'F', 0, 0, 1, 2], "binary content"),
        (deep.into_bytes(), "nests"),
    ];
    for (input, reason) in cases {
        let err = extract::extract(
            &input,
            &extract::Options {
                limits: limits.clone(),
                ..Default::default()
            },
        )
        .expect_err("bad input is refused");
        assert!(
            err.to_string().contains(reason),
            "{err} should mention {reason}"
        );
    }
}

#[test]
fn removed_blocks_say_whether_they_follow_another() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pages/agency-byline-ist.txt");
    let (_, article) =
        extract::extract(&bytes(&path), &extract::Options::default()).expect("fixture extracts");
    let removed = &article.removed;
    assert!(removed.len() > 3);
    // The page opens with removed lines: the first follows nothing, the second follows it.
    assert!(!removed[0].follows_removed);
    assert!(removed[1].follows_removed);
    // Some removed block comes after article text.
    assert!(removed.iter().skip(1).any(|r| !r.follows_removed));
}
