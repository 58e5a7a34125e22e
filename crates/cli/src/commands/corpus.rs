//! The corpus commands: `entity`, `entities --merge-report`, `cooccur`, `timeline --by/--type`,
//! `clusters`, `datasette-metadata`, `merge`, and the entity/cluster settling after `ingest`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use store::Store;

use super::query::{entity_type, open};
use crate::args::Period;
use crate::output::{self, cell};

/// Re-resolves entities across the corpus after an ingest, unless no name was stored since the
/// last resolution.
pub fn settle(db: &Path) -> Result<()> {
    let mut store =
        Store::open(db).with_context(|| format!("cannot open database {}", db.display()))?;
    if store.entities_resolved()? {
        return Ok(());
    }
    store
        .resolve_entities()
        .with_context(|| format!("resolving entities in {}", db.display()))?;
    Ok(())
}

/// `newsdb entity NAME`.
pub fn entity(db: &Path, name: &str, top: usize, json: bool) -> Result<()> {
    let p = open(db)?.entity_profile(name, top)?;
    let mut out = std::io::stdout().lock();
    if json {
        return Ok(output::json(&mut out, &p)?);
    }
    writeln!(out, "# {} ({})", p.name, p.ty)?;
    let facts = [
        ("aliases", p.aliases.join(", ")),
        ("mentions", p.mentions.to_string()),
        ("articles", p.articles.to_string()),
        ("first day", cell(&p.first_day)),
        ("last day", cell(&p.last_day)),
        (
            "names",
            p.names
                .iter()
                .map(|(n, rule)| format!("{n} ({rule})"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "linked",
            p.linked
                .iter()
                .map(|l| format!("{} ({}, {})", l.name, l.ty, l.kind))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ];
    for (k, v) in facts {
        if !v.is_empty() {
            writeln!(out, "{k:>10}: {v}")?;
        }
    }
    if !p.co_mentioned.is_empty() {
        writeln!(out, "\nMentioned with")?;
        let rows: Vec<Vec<String>> = p
            .co_mentioned
            .iter()
            .map(|c| vec![c.entity_b.clone(), c.type_b.clone(), c.articles.to_string()])
            .collect();
        output::table(&mut out, &["entity", "type", "articles"], &rows, 50)?;
    }
    if !p.timeline.is_empty() {
        writeln!(out, "\nTimeline")?;
        let rows: Vec<Vec<String>> = p
            .timeline
            .iter()
            .map(|r| {
                vec![
                    r.period.clone(),
                    r.articles.to_string(),
                    r.mentions.to_string(),
                ]
            })
            .collect();
        output::table(&mut out, &["day", "articles", "mentions"], &rows, 40)?;
    }
    Ok(())
}

/// `newsdb entities --merge-report`.
pub fn merge_report(db: &Path, json: bool) -> Result<()> {
    let rows = open(db)?.merge_report()?;
    let headers = ["entity", "type", "name", "rule", "mentions", "why"];
    output::listing(json, &rows, &headers, 60, |r| {
        vec![
            r.entity.clone(),
            r.ty.clone(),
            r.name.clone(),
            r.rule.clone(),
            r.mentions.to_string(),
            cell(&r.note),
        ]
    })?;
    Ok(())
}

/// `newsdb cooccur [ENTITY]`.
pub fn cooccur(db: &Path, entity: Option<&str>, limit: usize, json: bool) -> Result<()> {
    let rows = open(db)?.cooccur(entity, limit)?;
    let headers = ["entity", "type", "with", "type", "articles"];
    output::listing(json, &rows, &headers, 50, |r| {
        vec![
            r.entity_a.clone(),
            r.type_a.clone(),
            r.entity_b.clone(),
            r.type_b.clone(),
            r.articles.to_string(),
        ]
    })?;
    Ok(())
}

/// `newsdb timeline [ENTITY] --by day|week|month [--type T]`.
pub fn timeline(
    db: &Path,
    entity: Option<&str>,
    by: Period,
    kind: Option<&str>,
    json: bool,
) -> Result<()> {
    let period = match by {
        Period::Day => store::Period::Day,
        Period::Week => store::Period::Week,
        Period::Month => store::Period::Month,
    };
    let rows = open(db)?.timeline_by(entity, entity_type(kind)?, period)?;
    let header = match by {
        Period::Day => "day",
        Period::Week => "week",
        Period::Month => "month",
    };
    output::listing(json, &rows, &[header, "articles", "mentions"], 40, |r| {
        vec![
            r.period.clone(),
            r.articles.to_string(),
            r.mentions.to_string(),
        ]
    })?;
    Ok(())
}

/// `newsdb clusters`.
pub fn clusters(db: &Path, limit: usize, json: bool) -> Result<()> {
    let rows = open(db)?.clusters(limit)?;
    let headers = [
        "cluster",
        "members",
        "exact/edited",
        "min sim",
        "agency",
        "original",
        "day",
        "title",
        "sites",
    ];
    output::listing(json, &rows, &headers, 50, |c| {
        vec![
            c.id.to_string(),
            c.members.to_string(),
            format!("{}/{}", c.exact, c.edited),
            c.min_similarity
                .map(|s| format!("{:.0}%", s * 100.0))
                .unwrap_or_default(),
            cell(&c.agency),
            cell(&c.original_article_id),
            cell(&c.day),
            cell(&c.title),
            c.sites.join(", "),
        ]
    })?;
    Ok(())
}

/// `newsdb datasette-metadata`.
pub fn datasette_metadata(db: &Path) -> Result<()> {
    let name = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "news".to_owned());
    let metadata = store::datasette_metadata(&name);
    Ok(output::json(&mut std::io::stdout().lock(), &metadata)?)
}

/// `newsdb merge OUT IN…`.
pub fn merge(out: &Path, inputs: &[PathBuf]) -> Result<()> {
    for input in inputs {
        if !input.exists() {
            bail!("{}: no such database", input.display());
        }
        if input.canonicalize().ok() == out.canonicalize().ok() {
            bail!("{}: cannot merge a database into itself", input.display());
        }
    }
    let mut store =
        Store::open(out).with_context(|| format!("cannot open database {}", out.display()))?;
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let s = store
        .merge(&inputs)
        .with_context(|| format!("merging into {}", out.display()))?;
    writeln!(
        std::io::stdout().lock(),
        "merged {} databases into {}: {} documents copied, {} already present, {} articles; {} clusters, {} entities",
        s.inputs,
        out.display(),
        s.documents,
        s.duplicates,
        s.articles,
        s.clusters,
        s.entities
    )?;
    Ok(())
}
