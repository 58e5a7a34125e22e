//! SCHEMA.md stays true: every example query runs and returns rows, and every table, view and
//! column in the database is documented.

use crate::fixtures::{corpus, corpus_resolution, TempDb};

const SCHEMA_MD: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../SCHEMA.md"));

/// The contents of every ```sql fenced block.
fn sql_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        let fence = line.trim_start();
        match &mut current {
            None if fence.starts_with("```sql") => current = Some(String::new()),
            Some(block) if fence.starts_with("```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    assert!(current.is_none(), "unterminated ```sql block in SCHEMA.md");
    blocks
}

#[test]
fn every_example_query_runs_and_returns_rows() {
    let db = TempDb::new();
    let mut store = db.open();
    store.write_batch(&corpus(), false).unwrap();
    store.write_batch(&corpus_resolution(), false).unwrap();
    store.resolve_entities().unwrap();
    let blocks = sql_blocks(SCHEMA_MD);
    assert!(blocks.len() >= 10, "found only {} sql blocks", blocks.len());
    for sql in &blocks {
        let result = store
            .query(sql)
            .unwrap_or_else(|e| panic!("SCHEMA.md query failed: {e}\n{sql}"));
        assert!(
            !result.rows.is_empty(),
            "SCHEMA.md query returned no rows:\n{sql}"
        );
    }
}

#[test]
fn every_table_view_and_column_is_documented() {
    let db = TempDb::new();
    let store = db.open();
    let objects = store
        .query(
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
              WHERE m.type IN ('table', 'view')
                AND m.name NOT LIKE 'sqlite_%'
                AND m.name NOT LIKE 'articles_fts_%'
              ORDER BY m.name, p.cid",
        )
        .unwrap();
    assert!(objects.rows.len() > 60);
    let mut missing = Vec::new();
    for row in &objects.rows {
        let (table, column) = (row[0].as_str().unwrap_or(""), row[1].as_str().unwrap_or(""));
        let heading = format!("### `{table}`\n");
        let Some(at) = SCHEMA_MD.find(&heading) else {
            missing.push(format!("{table} (no section)"));
            continue;
        };
        let section = &SCHEMA_MD[at + heading.len()..];
        let section = &section[..section.find("\n#").unwrap_or(section.len())];
        if !section.contains(&format!("| `{column}` |")) {
            missing.push(format!("{table}.{column}"));
        }
    }
    assert!(missing.is_empty(), "undocumented in SCHEMA.md: {missing:?}");
}
