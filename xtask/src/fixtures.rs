//! `cargo xtask fixtures`: what extraction makes of each page in `fixtures/pages`, one line per
//! page (title, authors, date, body paragraph count), for a quick human review.

use anyhow::Result;

use crate::eval_extract::read_maybe_gz;
use crate::table::Table;

/// Runs `fixtures`.
pub fn run() -> Result<()> {
    let dir = crate::workspace_root().join("fixtures/pages");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let mut t = Table::new(&["page", "title", "authors", "date", "paras"])
        .left(1)
        .left(2)
        .left(3);
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let extracted = read_maybe_gz(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| {
                extract::extract(&b, &extract::Options::default()).map_err(|e| e.to_string())
            });
        match extracted {
            Ok((_, a)) => {
                let date = match (&a.published, &a.updated) {
                    (Some(p), _) => p.local.clone(),
                    (None, Some(u)) => format!("{} (updated)", u.local),
                    (None, None) => "-".into(),
                };
                let authors: Vec<&str> = a.authors.iter().map(|x| x.name.as_str()).collect();
                let mut title = a.title.unwrap_or_else(|| "-".into());
                if title.chars().count() > 60 {
                    title = title.chars().take(59).chain(['…']).collect();
                }
                t.row(vec![
                    name,
                    title,
                    if authors.is_empty() {
                        "-".into()
                    } else {
                        authors.join("; ")
                    },
                    date,
                    a.body
                        .split("\n\n")
                        .filter(|p| !p.trim().is_empty())
                        .count()
                        .to_string(),
                ]);
            }
            Err(e) => t.row(vec![
                name,
                format!("ERROR: {e}"),
                String::new(),
                String::new(),
                String::new(),
            ]),
        }
    }
    t.print();
    Ok(())
}
