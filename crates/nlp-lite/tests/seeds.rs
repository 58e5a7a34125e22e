//! The seed pages' gold entities and dates, read from the shared seeds directory
//! (`/work/shared/seeds`); skipped with a message when it is absent.

use std::path::PathBuf;

use nlp_lite::{tag_dates, tag_entities};
use serde_json::Value;

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds")
}

#[allow(clippy::print_stderr)]
fn skip(why: &str) {
    eprintln!("skipping seed test: {why}");
}

/// The article text of a seed page: from the gold's first line (lead or body) to its last body
/// line, paragraphs as in the page.
fn article(page: &str, gold: &Value) -> Option<String> {
    let first = gold["lead_first_line"]
        .as_str()
        .or_else(|| gold["body_first_line"].as_str())?;
    let last = gold["body_last_line"].as_str()?;
    let lines: Vec<&str> = page.lines().collect();
    let a = lines.iter().position(|l| l.trim() == first)?;
    let b = lines.iter().skip(a).position(|l| l.trim() == last)? + a;
    Some(lines.get(a..=b)?.join("\n"))
}

fn check_page(name: &str, anchor: Option<&str>) {
    let dir = seeds_dir();
    let (Ok(page), Ok(gold)) = (
        std::fs::read_to_string(dir.join(format!("{name}.txt"))),
        std::fs::read_to_string(dir.join(format!("{name}.gold.json"))),
    ) else {
        skip(&format!("{} not found", dir.display()));
        return;
    };
    let gold: Value = serde_json::from_str(&gold).expect("gold json parses");
    let text = article(&page, &gold).expect("article lines found in the seed page");
    let entities = tag_entities(&text);
    let mut gold_surfaces = Vec::new();
    for g in gold["entities"].as_array().expect("entities array") {
        let name = g["name"].as_str().unwrap_or_default();
        let ty = g["type"].as_str().unwrap_or_default();
        for surface in g["surfaces"].as_array().expect("surfaces") {
            let surface = surface.as_str().unwrap_or_default();
            gold_surfaces.push(surface.to_string());
            let found = entities
                .iter()
                .filter(|e| e.text == surface)
                .collect::<Vec<_>>();
            assert!(!found.is_empty(), "{name}: surface {surface:?} not found");
            for e in found {
                assert_eq!(e.ty.as_str(), ty, "{name}: {surface:?} type");
                assert_eq!(e.canonical, name, "{name}: {surface:?} canonical");
            }
        }
    }
    // Anything beyond the gold must be a group (NORP) or a multi-word name (MISC), never a
    // title, a sentence-initial common word or a lowercase word.
    let chars: Vec<char> = text.chars().collect();
    for e in &entities {
        assert_eq!(
            chars[e.start..e.end].iter().collect::<String>(),
            e.text,
            "offsets of {e:?}"
        );
        if gold_surfaces.contains(&e.text) {
            continue;
        }
        assert!(
            matches!(e.ty.as_str(), "NORP" | "MISC")
                && e.text
                    .split(' ')
                    .all(|w| !w.starts_with(char::is_lowercase)),
            "unexpected entity {e:?}"
        );
    }
    let anchor = anchor.and_then(|a| a.parse().ok());
    let timexes = tag_dates(&text, anchor);
    for g in gold["timexes_in_body"].as_array().expect("timexes") {
        let surface = g["text"].as_str().unwrap_or_default();
        let t = timexes
            .iter()
            .find(|t| t.text == surface)
            .unwrap_or_else(|| panic!("timex {surface:?} not found in {timexes:?}"));
        assert_eq!(
            t.ty.as_str(),
            g["type"].as_str().unwrap_or_default(),
            "{surface:?} type"
        );
        match g["value"].as_str() {
            Some(v) => {
                assert_eq!(t.value, v, "{surface:?} value");
                assert!(t.anchored, "{surface:?} anchored");
            }
            None => assert!(!t.anchored, "{surface:?} should stay unanchored: {t:?}"),
        }
    }
}

#[test]
fn page_000() {
    check_page("page-000", Some("2024-11-03"));
}

#[test]
fn page_004() {
    check_page("page-004", None);
}
