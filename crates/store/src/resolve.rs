//! Entity resolution across the corpus: every in-document canonical name (`entity_names`) is
//! grouped into one corpus entity (`entities`) by rules applied to the whole set of names at once,
//! so the result does not depend on the order articles arrived in.
//!
//! The rules, in order: (1) names equal up to case, diacritics, hyphens and apostrophes, of the
//! same type; (2) an acronym joins the one expansion it was seen with anywhere in the corpus
//! ("European Union (EU)"); (3) a one-word PERSON name joins the one multi-word PERSON whose first
//! or last word it is, and is left alone (rule `ambiguous`) when several people share it. Demonyms
//! are linked to their place (`entity_links`), never merged.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;

use crate::error::Result;
use crate::Store;

/// What one run of [`Store::resolve_entities`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ResolveSummary {
    /// Distinct in-document names considered.
    pub names: usize,
    /// Corpus entities they form.
    pub entities: usize,
    /// Names that joined an entity under another name or type.
    pub merged: usize,
    /// Short names left alone because several entities could claim them.
    pub ambiguous: usize,
    /// Demonym → place links.
    pub links: usize,
}

/// One line of the merge report: a name resolved into an entity under another name, or left
/// alone as ambiguous.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MergeRow {
    /// The entity's canonical name.
    pub entity: String,
    /// The entity's type.
    #[serde(rename = "type")]
    pub ty: String,
    /// The in-document name that was merged (or left alone).
    pub name: String,
    /// That name's type as tagged.
    pub name_type: String,
    /// Why: `variant`, `acronym`, `surname`, `type` or `ambiguous`.
    pub rule: String,
    /// Evidence or the competing candidates.
    pub note: Option<String>,
    /// Mentions under that name.
    pub mentions: i64,
}

/// Whether `s` looks like an acronym: 2–8 letters, all capitals, optionally with dots (`U.S.`).
pub(crate) fn is_acronym(s: &str) -> bool {
    let mut letters = 0;
    let mut alphabetic = false;
    for c in s.chars().filter(|c| *c != '.') {
        if !(c.is_uppercase() || c.is_ascii_digit()) {
            return false;
        }
        letters += 1;
        alphabetic |= c.is_alphabetic();
    }
    (2..=8).contains(&letters) && alphabetic
}

/// The comparison key of a name: lower case, diacritics removed, hyphens, apostrophes and dots
/// as spaces, single spaces.
pub(crate) fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let base = strip_diacritic(c);
        if base.is_alphanumeric() {
            out.extend(base.to_lowercase());
        } else if !out.ends_with(' ') && !out.is_empty() && base != '.' {
            out.push(' ');
        }
    }
    out.trim_end().to_owned()
}

/// The base letter of common Latin letters with diacritics.
fn strip_diacritic(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    const FROM: &str =
        "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽžČčĆćŁłŃńŚśŹźŻżĞğİıŞşŌōŪūĀāĒēĪī";
    const TO: &str =
        "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyySsZzCcCcLlNnSsZzZzGgIiSsOoUuAaEeIi";
    match FROM.chars().position(|f| f == c) {
        Some(i) => TO.chars().nth(i).unwrap_or(c),
        None => c,
    }
}

/// Gets or creates the entity row (name, type).
pub(crate) fn entity_row(conn: &Connection, name: &str, ty: &str) -> Result<i64> {
    let inserted = conn
        .prepare_cached("INSERT OR IGNORE INTO entities (name, type) VALUES (?1, ?2)")?
        .execute([name, ty])?;
    if inserted == 1 {
        return Ok(conn.last_insert_rowid());
    }
    Ok(conn
        .prepare_cached("SELECT id FROM entities WHERE name = ?1 AND type = ?2")?
        .query_row([name, ty], |row| row.get(0))?)
}

/// One in-document name. Resolution holds every stored name at once, so it is kept small: the
/// few distinct types and rules are shared strings ([`Interner`]), not one copy per name.
struct Name {
    id: i64,
    name: Box<str>,
    ty: Rc<str>,
    entity_id: i64,
    key: Box<str>,
    /// The stored `rule` and `note`, so that unchanged rows are not rewritten.
    stored: (Rc<str>, Option<Box<str>>),
}

/// One shared copy of each distinct string of a few-valued column (types, rules).
#[derive(Default)]
struct Interner(HashMap<Box<str>, Rc<str>>);

impl Interner {
    /// The shared copy of `s`.
    fn get(&mut self, s: &str) -> Rc<str> {
        if let Some(shared) = self.0.get(s) {
            return Rc::clone(shared);
        }
        let shared: Rc<str> = Rc::from(s);
        self.0.insert(s.into(), Rc::clone(&shared));
        shared
    }
}

/// Union-find over name indices; the smaller index becomes the root.
fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Joins the groups of `a` and `b`.
fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    parent[a.max(b)] = a.min(b);
}

/// The preference order for a group's canonical name: more words, not all capitals, more
/// non-ASCII letters and hyphens (the careful spelling), then alphabetical.
fn preference(
    n: &Name,
) -> (
    std::cmp::Reverse<usize>,
    bool,
    std::cmp::Reverse<usize>,
    &str,
    &str,
) {
    let words = n.key.split_whitespace().count();
    let shouting = n.name.chars().any(char::is_lowercase);
    let careful = n
        .name
        .chars()
        .filter(|c| !c.is_ascii() || *c == '-')
        .count();
    (
        std::cmp::Reverse(words),
        !shouting,
        std::cmp::Reverse(careful),
        &n.name,
        &n.ty,
    )
}

/// Candidate places for a demonym ("South Korean" → "South Korea", "Japanese" → "Japan").
fn demonym_places(norp: &str) -> Vec<String> {
    const RULES: &[(&str, &str)] = &[
        ("ian", "ia"),
        ("ian", "y"),
        ("ian", "e"),
        ("ian", ""),
        ("ean", "ea"),
        ("an", "a"),
        ("n", ""),
        ("ese", ""),
        ("ese", "a"),
        ("ish", ""),
        ("ish", "land"),
        ("i", ""),
        ("", "s"),
        ("ic", "y"),
    ];
    let mut out = Vec::new();
    for (suffix, replace) in RULES {
        if let Some(stem) = norp.strip_suffix(suffix) {
            if stem.chars().count() >= 3 {
                out.push(format!("{stem}{replace}"));
            }
        }
    }
    out
}

impl Store {
    /// Regroups every in-document name into corpus entities (see the module docs), moves mentions
    /// and aliases accordingly, drops entities left without a name and relinks demonyms.
    pub fn resolve_entities(&mut self) -> Result<ResolveSummary> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let summary = resolve(&tx)?;
        tx.prepare_cached(
            "INSERT INTO meta (key, value) VALUES ('resolved_names', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )?
        .execute([names_state(&tx)?])?;
        tx.commit()?;
        self.cache.clear();
        Ok(summary)
    }

    /// Whether the last [`Store::resolve_entities`] saw the names and acronyms stored now, so
    /// that resolving again would change nothing (an ingest that stored no new name skips it).
    pub fn entities_resolved(&self) -> Result<bool> {
        let last: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = 'resolved_names'")?
            .query_row([], |row| row.get(0))
            .optional()?;
        Ok(match last {
            Some(last) => names_state(&self.conn)? == last,
            None => false,
        })
    }

    /// Names merged into an entity under another name or type, and short names left alone as
    /// ambiguous (the `entity_merges` view).
    pub fn merge_report(&self) -> Result<Vec<MergeRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT entity, type, merged_name, merged_type, rule, note, mentions
               FROM entity_merges ORDER BY rule, entity, merged_name",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(MergeRow {
                entity: row.get(0)?,
                ty: row.get(1)?,
                name: row.get(2)?,
                name_type: row.get(3)?,
                rule: row.get(4)?,
                note: row.get(5)?,
                mentions: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// What resolution reads that only grows between resolutions: how many names and acronyms are
/// stored and their largest ids (their rows are only ever added: resolution changes which entity
/// a name points to, and never adds or removes a name or an acronym).
fn names_state(conn: &Connection) -> Result<String> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT count(*) || ':' || ifnull(max(id), 0) FROM entity_names) || ' '
                 || (SELECT count(*) || ':' || ifnull(max(rowid), 0) FROM entity_acronyms)",
        )?
        .query_row([], |row| row.get(0))?)
}

/// The resolution itself, inside the caller's transaction.
pub(crate) fn resolve(conn: &Connection) -> Result<ResolveSummary> {
    let mut interner = Interner::default();
    let names: Vec<Name> = conn
        .prepare(
            "SELECT id, name, type, entity_id, rule, note FROM entity_names ORDER BY name, type",
        )?
        .query_map([], |row| {
            let name: String = row.get(1)?;
            Ok(Name {
                id: row.get(0)?,
                key: fold(&name).into(),
                name: name.into(),
                ty: interner.get(row.get_ref(2)?.as_str()?),
                entity_id: row.get(3)?,
                stored: (
                    interner.get(row.get_ref(4)?.as_str()?),
                    row.get::<_, Option<String>>(5)?.map(String::into_boxed_str),
                ),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<i64, usize> = names.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    let mut parent: Vec<usize> = (0..names.len()).collect();
    // The rule and note of the few names that an acronym or surname rule decided.
    let mut notes: HashMap<usize, (&'static str, String)> = HashMap::new();

    // (1) Same key and type.
    let mut by_key: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, n) in names.iter().enumerate() {
        let first = *by_key.entry((&*n.key, &*n.ty)).or_insert(i);
        union(&mut parent, first, i);
    }

    // (2) Acronyms seen with exactly one expansion.
    let mut expansions: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    {
        let mut stmt = conn.prepare("SELECT acronym, name_id FROM entity_acronyms")?;
        let rows = stmt.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (acronym, name_id) = row?;
            if let Some(&i) = index.get(&name_id) {
                expansions.entry(fold(&acronym)).or_default().insert(i);
            }
        }
    }
    let mut joins = Vec::new();
    for (i, n) in names.iter().enumerate() {
        if !is_acronym(&n.name) {
            continue;
        }
        let Some(found) = expansions.get(&*n.key) else {
            continue;
        };
        let roots: BTreeSet<usize> = found.iter().map(|&e| find(&mut parent, e)).collect();
        let names_of = |roots: &BTreeSet<usize>| {
            roots
                .iter()
                .map(|&r| &*names[r].name)
                .collect::<Vec<_>>()
                .join(", ")
        };
        if roots.len() == 1 {
            let root = *roots.iter().next().unwrap_or(&i);
            joins.push((i, root));
            notes.insert(
                i,
                (
                    "acronym",
                    format!("seen as the acronym of {}", names_of(&roots)),
                ),
            );
        } else {
            notes.insert(
                i,
                (
                    "ambiguous",
                    format!("acronym of several: {}", names_of(&roots)),
                ),
            );
        }
    }
    for (a, b) in joins {
        union(&mut parent, a, b);
    }

    // (3) One-word PERSON names and the one person whose first or last word they are.
    let mut people_by_word: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for (i, n) in names.iter().enumerate() {
        let words: Vec<&str> = n.name.split_whitespace().collect();
        if &*n.ty != "PERSON" || words.len() < 2 {
            continue;
        }
        let root = find(&mut parent, i);
        for w in [words[0], words[words.len() - 1]] {
            people_by_word.entry(fold(w)).or_default().insert(root);
        }
    }
    let mut joins = Vec::new();
    for (i, n) in names.iter().enumerate() {
        if &*n.ty != "PERSON" || n.name.split_whitespace().count() != 1 || is_acronym(&n.name) {
            continue;
        }
        let Some(roots) = people_by_word.get(&*n.key) else {
            continue;
        };
        let mut full: Vec<&str> = roots.iter().map(|&r| &*names[r].name).collect();
        full.sort();
        if roots.len() == 1 {
            let root = *roots.iter().next().unwrap_or(&i);
            joins.push((i, root));
            notes.insert(
                i,
                (
                    "surname",
                    format!("the only person named {}", full.join("")),
                ),
            );
        } else {
            notes.insert(i, ("ambiguous", format!("shared by {}", full.join(", "))));
        }
    }
    for (a, b) in joins {
        union(&mut parent, a, b);
    }

    // Canonical name and type per group: the names in order of their group's root (the smallest
    // index in it), each group's in index order.
    let roots: Vec<usize> = (0..names.len()).map(|i| find(&mut parent, i)).collect();
    drop(parent);
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_unstable_by_key(|&i| (roots[i], i));
    let groups = || order.chunk_by(|&a, &b| roots[a] == roots[b]);
    let mut summary = ResolveSummary {
        names: names.len(),
        entities: groups().count(),
        ..ResolveSummary::default()
    };
    let mut changed: BTreeSet<i64> = BTreeSet::new();
    // The places' and demonyms' entities, for the demonym links.
    let mut canonical_ids: Vec<(i64, &str, &str)> = Vec::new();
    // Every entity row by type and name, so that a group's canonical entity is looked up in
    // memory.
    let mut entity_ids: HashMap<Rc<str>, HashMap<Box<str>, i64>> = HashMap::new();
    {
        let mut stmt = conn.prepare("SELECT id, name, type FROM entities")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let ty = interner.get(row.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?);
            let name: String = row.get(1)?;
            entity_ids
                .entry(ty)
                .or_default()
                .insert(name.into(), row.get(0)?);
        }
    }
    for members in groups() {
        let Some(&best) = members.iter().min_by_key(|&&i| preference(&names[i])) else {
            continue;
        };
        let rep = &names[best];
        let stored = entity_ids.get(&*rep.ty).and_then(|m| m.get(&*rep.name));
        let entity_id = match stored {
            Some(&id) => id,
            None => entity_row(conn, &rep.name, &rep.ty)?,
        };
        if matches!(&*rep.ty, "PLACE" | "NORP") {
            canonical_ids.push((entity_id, &rep.name, &rep.ty));
        }
        for &i in members {
            let n = &names[i];
            let (rule, note) = if i == best {
                match notes.get(&i) {
                    Some((r, note)) if *r == "ambiguous" => ("ambiguous", Some(note.clone())),
                    _ => ("canonical", None),
                }
            } else if n.key == rep.key && n.ty == rep.ty {
                (
                    "variant",
                    Some(format!(
                        "same name as {} up to case, accents or hyphens",
                        rep.name
                    )),
                )
            } else if n.key == rep.key {
                ("type", Some(format!("also tagged {}", n.ty)))
            } else {
                match notes.get(&i) {
                    Some((r, note)) => (*r, Some(note.clone())),
                    None => ("variant", Some(format!("grouped with {}", rep.name))),
                }
            };
            if rule == "ambiguous" {
                summary.ambiguous += 1;
            } else if rule != "canonical" {
                summary.merged += 1;
            }
            if n.entity_id != entity_id
                || &*n.stored.0 != rule
                || n.stored.1.as_deref() != note.as_deref()
            {
                conn.prepare_cached(
                    "UPDATE entity_names SET entity_id = ?1, rule = ?2, note = ?3 WHERE id = ?4",
                )?
                .execute(params![entity_id, rule, note, n.id])?;
            }
            if n.entity_id != entity_id {
                conn.prepare_cached("UPDATE mentions SET entity_id = ?1 WHERE name_id = ?2")?
                    .execute([entity_id, n.id])?;
                changed.insert(n.entity_id);
                changed.insert(entity_id);
            }
        }
    }
    // Entities no name resolves to any more go, with their aliases (by cascade).
    conn.execute(
        "DELETE FROM entities
          WHERE NOT EXISTS (SELECT 1 FROM entity_names n WHERE n.entity_id = entities.id)
            AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = entities.id)",
        [],
    )?;
    for id in changed {
        conn.prepare_cached("DELETE FROM entity_aliases WHERE entity_id = ?1")?
            .execute([id])?;
        conn.prepare_cached(
            "INSERT OR IGNORE INTO entity_aliases (entity_id, alias)
             SELECT DISTINCT entity_id, surface FROM mentions WHERE entity_id = ?1",
        )?
        .execute([id])?;
    }
    // Demonym → place links.
    conn.execute("DELETE FROM entity_links", [])?;
    let places: HashMap<String, i64> = canonical_ids
        .iter()
        .filter(|(_, _, ty)| *ty == "PLACE")
        .map(|(id, name, _)| (fold(name), *id))
        .collect();
    for (id, name, ty) in &canonical_ids {
        if *ty != "NORP" {
            continue;
        }
        let place = demonym_places(name)
            .into_iter()
            .find_map(|p| places.get(&fold(&p)).copied());
        if let Some(place) = place {
            summary.links += conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO entity_links (entity_id, linked_entity_id, kind)
                     VALUES (?1, ?2, 'demonym')",
                )?
                .execute([*id, place])?;
        }
    }
    Ok(summary)
}

/// The id of the entity named `name` (canonical name or alias, any case), if there is one.
pub(crate) fn find_entity(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM (
                 SELECT e.id, 0 AS rank, (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS n
                   FROM entities e WHERE e.name = ?1 COLLATE NOCASE
                 UNION ALL
                 SELECT x.entity_id, 1, (SELECT count(*) FROM mentions m WHERE m.entity_id = x.entity_id)
                   FROM entity_aliases x WHERE x.alias = ?1 COLLATE NOCASE)
              ORDER BY rank, n DESC, id LIMIT 1",
        )?
        .query_row([name], |row| row.get(0))
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_hyphens() {
        assert_eq!(fold("Cho Tae-yul"), fold("cho tae yul"));
        assert_eq!(fold("Zürich"), "zurich");
        assert_eq!(fold("U.S."), "us");
        assert!(is_acronym("EU") && is_acronym("U.S.") && !is_acronym("Eu") && !is_acronym("A"));
        assert!(demonym_places("South Korean").contains(&"South Korea".to_owned()));
        assert!(demonym_places("Japanese").contains(&"Japan".to_owned()));
        assert!(demonym_places("Philippine").contains(&"Philippines".to_owned()));
    }
}
