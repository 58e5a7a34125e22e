//! Tidy checks on the crate's own sources: module docs, no printing, no unwrap in library code.

use std::path::Path;

#[test]
fn library_sources_are_tidy() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !text.starts_with("//!") {
            problems.push(format!("{name}: no //! module doc"));
        }
        let library = text.split("#[cfg(test)]").next().unwrap_or("");
        for needle in [
            ".unwrap()",
            ".expect(",
            "println!",
            "eprintln!",
            "print!(",
            "dbg!(",
        ] {
            if library.contains(needle) {
                problems.push(format!("{name}: contains {needle}"));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
