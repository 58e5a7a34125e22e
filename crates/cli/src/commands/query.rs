//! The query commands: `search`, `show`, `entities`, `timeline`, `export`, `stats`, `sql`.
//! Each opens the database read-only and prints a table (or JSON with `--json`).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use store::Store;

use crate::args::ExportFormat;
use crate::output::{self, cell};

/// Opens an existing database read-only, with a hint when there is none yet.
pub(crate) fn open(db: &Path) -> Result<Store> {
    if !db.exists() {
        bail!(
            "no database at {} (run `newsdb ingest PATH…` first, or pass --db)",
            db.display()
        );
    }
    Store::open_read_only(db).with_context(|| format!("cannot open database {}", db.display()))
}

/// Parses an entity type flag (PERSON, ORG, PLACE, NORP, MISC; case-insensitive).
pub(crate) fn entity_type(kind: Option<&str>) -> Result<Option<&'static str>> {
    kind.map(|k| {
        nlp_lite::EntityType::parse(k)
            .map(|t| t.as_str())
            .with_context(|| format!("unknown entity type {k:?} (PERSON, ORG, PLACE, NORP, MISC)"))
    })
    .transpose()
}

fn stdout() -> std::io::StdoutLock<'static> {
    std::io::stdout().lock()
}

/// `newsdb search QUERY`.
pub fn search(db: &Path, query: &str, limit: usize, json: bool) -> Result<()> {
    let hits = open(db)?.search(query, limit)?;
    let headers = ["id", "day", "title", "snippet"];
    output::listing(json, &hits, &headers, 70, |h| {
        vec![
            h.article_id.to_string(),
            cell(&h.day),
            cell(&h.title),
            h.snippet.clone(),
        ]
    })?;
    Ok(())
}

/// `newsdb show ID`.
pub fn show(db: &Path, id: i64, json: bool) -> Result<()> {
    let Some(a) = open(db)?.article(id)? else {
        bail!("no article with id {id}");
    };
    let mut out = stdout();
    if json {
        return Ok(output::json(&mut out, &a)?);
    }
    writeln!(out, "# {}", a.title.as_deref().unwrap_or("(no title)"))?;
    let published = a.published.as_ref().and_then(|t| t.local.clone());
    let updated = a.updated.as_ref().and_then(|t| t.local.clone());
    let facts = [
        ("id", Some(a.id.to_string())),
        ("path", Some(a.path.clone())),
        ("site", a.site.clone()),
        ("url", a.url.clone()),
        (
            "authors",
            (!a.authors.is_empty()).then(|| a.authors.join(", ")),
        ),
        ("agency", a.agency.clone()),
        ("published", published),
        ("updated", updated),
        (
            "dateline",
            a.dateline_place.clone().map(|p| match &a.dateline_date {
                Some(d) => format!("{p}, {d}"),
                None => p,
            }),
        ),
        ("language", a.language.clone()),
        ("syndicated", a.syndicated.then(|| "yes".to_owned())),
        (
            "attributions",
            (!a.attributions.is_empty()).then(|| {
                a.attributions
                    .iter()
                    .map(|x| format!("{} ({})", x.name, x.kind))
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        ),
    ];
    for (k, v) in facts {
        if let Some(v) = v {
            writeln!(out, "{k:>12}: {v}")?;
        }
    }
    if let Some(lead) = &a.lead {
        writeln!(out, "\n{lead}")?;
    }
    writeln!(out, "\n{}\n", a.body)?;
    if !a.entities.is_empty() {
        writeln!(out, "Entities")?;
        let rows: Vec<Vec<String>> = a
            .entities
            .iter()
            .map(|e| {
                let mut surfaces: Vec<&str> =
                    e.mentions.iter().map(|m| m.surface.as_str()).collect();
                surfaces.dedup();
                vec![
                    e.name.clone(),
                    e.ty.clone(),
                    e.mentions.len().to_string(),
                    surfaces.join(", "),
                ]
            })
            .collect();
        output::table(&mut out, &["entity", "type", "mentions", "as"], &rows, 60)?;
    }
    if !a.timexes.is_empty() {
        writeln!(out, "\nDates")?;
        let rows: Vec<Vec<String>> = a
            .timexes
            .iter()
            .map(|t| {
                vec![
                    t.surface.clone(),
                    t.ty.clone(),
                    t.value.clone(),
                    if t.anchored { "yes" } else { "no" }.to_owned(),
                ]
            })
            .collect();
        output::table(&mut out, &["text", "type", "value", "anchored"], &rows, 60)?;
    }
    if !a.copies.is_empty() {
        writeln!(out, "\nCopies")?;
        let rows: Vec<Vec<String>> = a
            .copies
            .iter()
            .map(|c| {
                vec![
                    c.article_id.to_string(),
                    cell(&c.day),
                    cell(&c.site),
                    cell(&c.title),
                ]
            })
            .collect();
        output::table(&mut out, &["id", "day", "site", "title"], &rows, 60)?;
    }
    if !a.removed.is_empty() {
        writeln!(out, "\nRemoved: {} blocks ({})", a.removed.len(), {
            let mut kinds: Vec<&str> = a.removed.iter().map(|r| r.kind.as_str()).collect();
            kinds.sort_unstable();
            kinds.dedup();
            kinds.join(", ")
        })?;
    }
    Ok(())
}

/// `newsdb entities`.
pub fn entities(db: &Path, kind: Option<&str>, limit: usize, json: bool) -> Result<()> {
    let rows = open(db)?.entities(entity_type(kind)?, limit)?;
    let headers = ["entity", "type", "mentions", "articles", "first", "last"];
    output::listing(json, &rows, &headers, 50, |e| {
        vec![
            e.name.clone(),
            e.ty.clone(),
            e.mentions.to_string(),
            e.articles.to_string(),
            cell(&e.first_day),
            cell(&e.last_day),
        ]
    })?;
    Ok(())
}

/// `newsdb timeline [ENTITY]`.
pub fn timeline(db: &Path, entity: Option<&str>, json: bool) -> Result<()> {
    let rows = open(db)?.timeline(entity)?;
    output::listing(json, &rows, &["day", "articles", "mentions"], 40, |r| {
        vec![
            r.day.clone(),
            r.articles.to_string(),
            r.mentions.to_string(),
        ]
    })?;
    Ok(())
}

/// `newsdb export`.
pub fn export(db: &Path, format: ExportFormat, to: Option<&Path>) -> Result<()> {
    let store = open(db)?;
    let mut out: Box<dyn Write + Send> = match to {
        Some(p) => Box::new(BufWriter::new(
            File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout())),
    };
    match format {
        ExportFormat::Jsonl => store.export_articles(|row| -> Result<()> {
            output::json_line(&mut out, &row)?;
            Ok(())
        })?,
        ExportFormat::Parquet => crate::parquet_export::write(&store, &mut out)?,
        ExportFormat::Csv => {
            writeln!(out, "id,day,site,title,authors,agency,published_utc,language,syndicated,cluster_id,url,entities,body")?;
            store.export_articles(|row| -> Result<()> {
                let entities: Vec<String> = {
                    let mut v: Vec<String> = row
                        .entities
                        .iter()
                        .map(|e| format!("{} ({})", e.canonical, e.ty))
                        .collect();
                    v.sort();
                    v.dedup();
                    v
                };
                let fields = [
                    row.id.to_string(),
                    cell(&row.day),
                    cell(&row.site),
                    cell(&row.title),
                    row.authors.join("; "),
                    cell(&row.agency),
                    cell(&row.published_utc),
                    cell(&row.language),
                    u8::from(row.syndicated).to_string(),
                    cell(&row.cluster_id),
                    cell(&row.url),
                    entities.join("; "),
                    row.body.clone(),
                ];
                let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                writeln!(out, "{}", line.join(","))?;
                Ok(())
            })?
        }
    }
    out.flush()?;
    Ok(())
}

/// Quotes a CSV field when it needs it (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// `newsdb stats`.
pub fn stats(db: &Path, json: bool) -> Result<()> {
    let s = open(db)?.stats()?;
    let mut out = stdout();
    if json {
        return Ok(output::json(&mut out, &s)?);
    }
    let mut rows = vec![
        vec!["documents".to_owned(), s.documents.to_string()],
        vec!["  ok".to_owned(), s.ok.to_string()],
        vec!["  errors".to_owned(), s.errors.to_string()],
        vec!["articles".to_owned(), s.articles.to_string()],
        vec!["entities".to_owned(), s.entities.to_string()],
        vec!["mentions".to_owned(), s.mentions.to_string()],
        vec!["timexes".to_owned(), s.timexes.to_string()],
        vec!["clusters".to_owned(), s.clusters.to_string()],
        vec!["first day".to_owned(), cell(&s.first_day)],
        vec!["last day".to_owned(), cell(&s.last_day)],
    ];
    for (k, v) in &s.by_format {
        rows.push(vec![format!("format {k}"), v.to_string()]);
    }
    for (k, v) in &s.by_language {
        rows.push(vec![format!("language {k}"), v.to_string()]);
    }
    output::table(&mut out, &["what", "count"], &rows, 40)?;
    Ok(())
}

/// `newsdb sql QUERY`.
pub fn sql(db: &Path, query: &str, json: bool) -> Result<()> {
    let result = open(db)?.query(query)?;
    let mut out = stdout();
    if json {
        let objects: Vec<serde_json::Map<String, serde_json::Value>> = result
            .rows
            .iter()
            .map(|r| {
                result
                    .columns
                    .iter()
                    .cloned()
                    .zip(r.iter().cloned())
                    .collect()
            })
            .collect();
        return Ok(output::json(&mut out, &objects)?);
    }
    let rows: Vec<Vec<String>> = result
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|v| match v {
                    serde_json::Value::Null => "NULL".to_owned(),
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let headers: Vec<&str> = result.columns.iter().map(String::as_str).collect();
    output::table(&mut out, &headers, &rows, 80)?;
    Ok(())
}
