//! `newsdb datasette-metadata`: a Datasette `metadata.json` for a newsdb file, with label
//! columns, facets, column descriptions taken from SCHEMA.md, the FTS table, and SCHEMA.md's
//! example queries as canned queries.

use serde_json::{json, Map, Value};

/// SCHEMA.md, the single source of the column descriptions and example queries.
const SCHEMA_MD: &str = include_str!("../../../SCHEMA.md");

/// Label column and facets per table or view.
const TABLES: &[(&str, Option<&str>, &[&str])] = &[
    (
        "articles",
        Some("title"),
        &["site", "day", "language", "agency", "syndicated"],
    ),
    ("documents", Some("path"), &["status", "format", "encoding"]),
    ("entities", Some("name"), &["type"]),
    ("entity_names", Some("name"), &["type", "rule"]),
    ("entity_aliases", Some("alias"), &[]),
    ("entity_links", None, &["kind"]),
    ("mentions", Some("surface"), &[]),
    ("timexes", Some("surface"), &["type", "day", "anchored"]),
    ("attributions", Some("name"), &["kind", "name"]),
    ("removed_blocks", None, &["kind"]),
    ("clusters", None, &["method", "agency"]),
    ("entity_stats", Some("entity"), &["type"]),
    ("article_entities", Some("entity"), &["type", "day"]),
    ("cooccurrence", None, &["type_a", "type_b"]),
    ("entity_timeline", Some("entity"), &["type", "day"]),
    ("entity_merges", Some("entity"), &["rule", "type"]),
    (
        "cluster_members",
        Some("title"),
        &["role", "site", "day", "agency"],
    ),
];

/// The metadata document for a database Datasette will call `database` (the file stem).
pub fn datasette_metadata(database: &str) -> Value {
    let mut tables = Map::new();
    for (table, label, facets) in TABLES {
        let mut t = Map::new();
        if let Some(label) = label {
            t.insert("label_column".into(), json!(label));
        }
        if !facets.is_empty() {
            t.insert("facets".into(), json!(facets));
        }
        if let Some(text) = section(table) {
            if let Some(first) = text
                .split("\n\n")
                .find(|p| !p.trim().is_empty() && !p.starts_with('|'))
            {
                t.insert(
                    "description".into(),
                    json!(first.split_whitespace().collect::<Vec<_>>().join(" ")),
                );
            }
            t.insert("columns".into(), Value::Object(columns(text)));
        }
        if *table == "articles" {
            t.insert("fts_table".into(), json!("articles_fts"));
            t.insert("fts_pk".into(), json!("id"));
            t.insert("sort_desc".into(), json!("day"));
        }
        tables.insert((*table).to_owned(), Value::Object(t));
    }
    let mut queries = Map::new();
    for (title, sql) in example_queries() {
        let name = slug(&title);
        if !name.is_empty() && !queries.contains_key(&name) {
            queries.insert(name, json!({ "title": title, "sql": sql }));
        }
    }
    queries.insert(
        "entity_profile".into(),
        json!({
            "title": "One entity: its names, articles and days",
            "sql": "SELECT s.entity, s.type, s.mentions, s.articles, s.first_day, s.last_day,\n       (SELECT group_concat(alias, ' | ') FROM entity_aliases x WHERE x.entity_id = s.entity_id) AS aliases\n  FROM entity_stats s\n WHERE s.entity_id IN (SELECT id FROM entities WHERE name = :entity COLLATE NOCASE\n                       UNION SELECT entity_id FROM entity_aliases WHERE alias = :entity COLLATE NOCASE)"
        }),
    );
    json!({
        "title": "newsdb",
        "description": "News articles, entities, dates and syndication clusters extracted by newsdb.",
        "databases": { database: { "tables": tables, "queries": queries } }
    })
}

/// The text of the `### \`table\`` section of SCHEMA.md, up to the next heading.
fn section(table: &str) -> Option<&'static str> {
    let heading = format!("### `{table}`\n");
    let at = SCHEMA_MD.find(&heading)? + heading.len();
    let rest = &SCHEMA_MD[at..];
    Some(&rest[..rest.find("\n#").unwrap_or(rest.len())])
}

/// Column descriptions from a section's `| \`column\` | meaning |` rows.
fn columns(section: &str) -> Map<String, Value> {
    let mut out = Map::new();
    for line in section.lines() {
        let Some(rest) = line.strip_prefix("| `") else {
            continue;
        };
        let Some((column, meaning)) = rest.split_once("` |") else {
            continue;
        };
        let meaning = meaning.trim().trim_end_matches('|').trim();
        out.insert(column.to_owned(), json!(meaning));
    }
    out
}

/// SCHEMA.md's example queries: the sentence introducing each ```sql block, and the block.
fn example_queries() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut title = String::new();
    let mut block: Option<String> = None;
    for line in SCHEMA_MD.lines() {
        match &mut block {
            None if line.trim_start().starts_with("```sql") => block = Some(String::new()),
            Some(b) if line.trim_start().starts_with("```") => {
                let sql = std::mem::take(b);
                block = None;
                if sql.trim_start().to_uppercase().starts_with("SELECT")
                    || sql.trim_start().to_uppercase().starts_with("WITH")
                {
                    out.push((
                        title.trim_end_matches(':').to_owned(),
                        sql.trim().trim_end_matches(';').to_owned(),
                    ));
                }
            }
            Some(b) => {
                b.push_str(line);
                b.push('\n');
            }
            None if !line.trim().is_empty() => title = line.trim().to_owned(),
            None => {}
        }
    }
    out
}

/// A canned-query name from its title: lower-case words joined by `_`, at most six words.
fn slug(title: &str) -> String {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("_")
}
