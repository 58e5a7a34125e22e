//! What the writer remembers of the database, so that it rarely has to ask: the ids of stored
//! entity names, the entities without a name row of their own, and the aliases and acronyms it
//! knows are stored.
//!
//! Memory must not grow with the corpus (a million pages hold millions of distinct names), so the
//! name map keeps at most [`LIMIT`] names, the most recently used, in two generations: a name
//! used again moves into the new one, and when the new one is full the old one goes. The map
//! starts complete when the file holds at most [`LIMIT`] names, and stays so until a generation
//! goes, which takes more than half that many stored names; while complete, a name it lacks is
//! new without a query (the common case, and every run on a corpus of up to some tens of
//! thousands of pages); once names went, a name it lacks is looked up by the `UNIQUE (name,
//! type)` index. Names are only ever dropped between batches, so a name a batch created (whose
//! row is queued, not yet inserted) is always found. Aliases and acronyms are only remembered to
//! skip inserts that would be ignored, so forgetting them costs inserts, never correctness.

use std::collections::{HashMap, HashSet};

use nlp_lite::EntityType;
use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

/// Names kept at most in the writer's name map (about 25 MB), and aliases and acronyms
/// remembered at most (as many again): every name of a corpus of some thousands of pages, and
/// the recently used ones of a larger one.
const LIMIT: usize = 250_000;

/// The ids of a stored name (`entity_names.id`, `entities.id`) and the generation that last
/// used it.
type Slot = ((i64, i64), u32);

/// What the writer knows is in the database. Cleared when entities are regrouped, and when
/// another connection changed the file; a batch that fails leaves it empty (see
/// `Store::write_batch`).
#[derive(Debug)]
pub(crate) struct Cache {
    /// Names kept at most, and aliases and acronyms remembered at most ([`LIMIT`]).
    limit: usize,
    /// Stored names by type and in-document canonical name.
    names: HashMap<EntityType, HashMap<String, Slot>>,
    /// Whether `names` holds every stored name (else a name it lacks may be stored).
    complete: bool,
    /// The new generation of `names`.
    generation: u32,
    /// How many names the new generation holds.
    fresh: usize,
    /// Entities whose own name and type no stored name has (left by regrouping or merging), by
    /// type and name: with a complete `names`, every entity a new name can resolve to.
    orphans: HashMap<EntityType, HashMap<String, i64>>,
    /// `entity_aliases` rows known to be stored: aliases by entity id.
    pub(crate) aliases: Seen,
    /// `entity_acronyms` rows known to be stored: acronyms by name id.
    pub(crate) acronyms: Seen,
    /// `PRAGMA data_version` when the cache last matched the file (`None` before it was read).
    data_version: Option<i64>,
}

impl Default for Cache {
    fn default() -> Cache {
        Cache::with_limit(LIMIT)
    }
}

impl Cache {
    /// An empty cache that keeps at most `limit` names (and as many aliases and acronyms).
    fn with_limit(limit: usize) -> Cache {
        Cache {
            limit,
            names: HashMap::new(),
            complete: false,
            generation: 0,
            fresh: 0,
            orphans: HashMap::new(),
            aliases: Seen::default(),
            acronyms: Seen::default(),
            data_version: None,
        }
    }

    /// Forgets everything (after entities were regrouped or rows copied in).
    pub(crate) fn clear(&mut self) {
        *self = Cache::with_limit(self.limit);
    }

    /// Makes the cache match the file at the start of a write transaction: reads the stored
    /// names (and entities without a name of their own) the first time and again whenever another
    /// connection has committed since (its `PRAGMA data_version` changed), when anything it
    /// remembers may be stale.
    pub(crate) fn sync(&mut self, conn: &Connection) -> Result<()> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |row| row.get(0))?;
        if self.data_version == Some(version) {
            return Ok(());
        }
        self.clear();
        self.read_names(conn)?;
        self.read_orphans(conn)?;
        self.data_version = Some(version);
        Ok(())
    }

    /// Reads the newest stored names up to the limit; the map is complete when that is all of
    /// them.
    fn read_names(&mut self, conn: &Connection) -> Result<()> {
        let mut stmt = conn.prepare(
            "SELECT name, type, id, entity_id FROM entity_names ORDER BY id DESC LIMIT ?1",
        )?;
        let mut rows = stmt.query([i64::try_from(self.limit).unwrap_or(i64::MAX - 1) + 1])?;
        let mut read = 0;
        while let Some(row) = rows.next()? {
            read += 1;
            if read > self.limit {
                break;
            }
            if let Some(ty) = written_type(&row.get::<_, String>(1)?) {
                self.put(ty, row.get(0)?, (row.get(2)?, row.get(3)?));
            }
        }
        self.complete = read <= self.limit;
        Ok(())
    }

    /// Reads every entity whose name and type no stored name has into `orphans`.
    fn read_orphans(&mut self, conn: &Connection) -> Result<()> {
        let mut stmt = conn.prepare(
            "SELECT e.name, e.type, e.id FROM entities e
              WHERE NOT EXISTS (SELECT 1 FROM entity_names n
                                 WHERE n.name = e.name AND n.type = e.type)",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            if let Some(ty) = written_type(&row.get::<_, String>(1)?) {
                self.orphans
                    .entry(ty)
                    .or_default()
                    .insert(row.get(0)?, row.get(2)?);
            }
        }
        Ok(())
    }

    /// The ids of the stored name `name` of type `ty`, or `None` when it is not stored (nor
    /// queued by this batch). Asks the database only when the map is not complete.
    pub(crate) fn name(
        &mut self,
        conn: &Connection,
        ty: EntityType,
        name: &str,
    ) -> Result<Option<(i64, i64)>> {
        let generation = self.generation;
        if let Some((ids, used)) = self.names.get_mut(&ty).and_then(|m| m.get_mut(name)) {
            let ids = *ids;
            if *used != generation {
                *used = generation;
                self.fresh += 1;
            }
            return Ok(Some(ids));
        }
        if self.complete {
            return Ok(None);
        }
        let stored = conn
            .prepare_cached("SELECT id, entity_id FROM entity_names WHERE name = ?1 AND type = ?2")?
            .query_row((name, ty.as_str()), |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        if let Some(ids) = stored {
            self.put(ty, name.to_owned(), ids);
        }
        Ok(stored)
    }

    /// Remembers the name `name` of type `ty` under `ids` (a stored name, or one the batch
    /// queued).
    pub(crate) fn put(&mut self, ty: EntityType, name: String, ids: (i64, i64)) {
        self.names
            .entry(ty)
            .or_default()
            .insert(name, (ids, self.generation));
        self.fresh += 1;
    }

    /// The entity of type `ty` named `name` that no stored name carries, if there is one.
    pub(crate) fn orphan(&self, ty: EntityType, name: &str) -> Option<i64> {
        self.orphans.get(&ty)?.get(name).copied()
    }

    /// Keeps the cache within its bounds; called between batches only (see the module comment).
    /// When the new generation of names is full, it becomes the old one and the old one goes.
    pub(crate) fn trim(&mut self) {
        if self.fresh > self.limit / 2 {
            let old = self.generation;
            self.generation = old.wrapping_add(1);
            self.fresh = 0;
            let before = self.len();
            for names in self.names.values_mut() {
                names.retain(|_, (_, used)| *used == old);
            }
            if self.len() < before {
                self.complete = false;
            }
        }
        self.aliases.trim(self.limit);
        self.acronyms.trim(self.limit);
    }

    /// How many names the map holds.
    fn len(&self) -> usize {
        self.names.values().map(HashMap::len).sum()
    }
}

/// Strings known to be stored with an id (aliases by entity id, acronyms by name id), forgotten
/// all at once when there are too many.
#[derive(Debug, Default)]
pub(crate) struct Seen {
    /// The strings by id.
    by_id: HashMap<i64, HashSet<String>>,
    /// How many strings `by_id` holds.
    len: usize,
}

impl Seen {
    /// Remembers `text` under `id`; whether it was not known yet.
    pub(crate) fn remember(&mut self, id: i64, text: &str) -> bool {
        let known = self.by_id.entry(id).or_default();
        let new = !known.contains(text) && known.insert(text.to_owned());
        self.len += usize::from(new);
        new
    }

    /// Forgets everything when there are more than `limit` strings.
    fn trim(&mut self, limit: usize) {
        if self.len > limit {
            *self = Seen::default();
        }
    }
}

/// The entity type stored as `ty`, if this build writes it: names are looked up by type, and a
/// type this build does not write is never looked up.
fn written_type(ty: &str) -> Option<EntityType> {
    EntityType::parse(ty).filter(|t| t.as_str() == ty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_generation_drops_the_names_unused_since_the_one_before() {
        let mut cache = Cache::with_limit(10);
        cache.complete = true;
        for i in 0..=5 {
            cache.put(EntityType::Person, format!("p{i}"), (i as i64, i as i64));
        }
        cache.trim();
        assert_eq!(cache.len(), 6, "the full generation is kept as the old one");
        assert!(cache.complete);
        // Use one old name again, add a new generation's worth, and trim: only the names of the
        // generation just filled stay, the old name used again among them.
        let conn = Connection::open_in_memory().unwrap();
        assert_eq!(
            cache.name(&conn, EntityType::Person, "p3").unwrap(),
            Some((3, 3))
        );
        for i in 0..5 {
            cache.put(EntityType::Org, format!("o{i}"), (i as i64, i as i64));
        }
        cache.trim();
        assert_eq!(cache.len(), 6);
        assert!(
            !cache.complete,
            "names went, so the map is no longer complete"
        );
        assert!(cache.names[&EntityType::Person].contains_key("p3"));
        assert!(!cache.names[&EntityType::Person].contains_key("p4"));
    }

    #[test]
    fn seen_strings_are_forgotten_past_the_bound() {
        let mut seen = Seen::default();
        assert!(seen.remember(1, "EU"));
        assert!(!seen.remember(1, "EU"));
        for i in 0..10 {
            seen.remember(i, "x");
        }
        seen.trim(10);
        assert!(seen.remember(1, "EU"), "forgotten, so new again");
    }

    /// A page naming people (some named on other pages too) and an organisation by its acronym.
    fn page(i: usize) -> crate::Record {
        let names = [
            (
                format!("Person {i}"),
                format!("Person {i}"),
                EntityType::Person,
            ),
            (
                format!("P{}", i + 1),
                format!("Person {}", i + 1),
                EntityType::Person,
            ),
            (
                format!("Person {}", i * 7 % 13),
                format!("Person {}", i * 7 % 13),
                EntityType::Person,
            ),
            (
                format!("AB{}", i % 5),
                format!("Alpha Beta {}", i % 5),
                EntityType::Org,
            ),
        ];
        let mut body = String::new();
        let mut entities = Vec::new();
        for (text, canonical, ty) in names {
            let start = body.chars().count();
            body.push_str(&text);
            entities.push(nlp_lite::Entity {
                start,
                end: body.chars().count(),
                text,
                ty,
                canonical,
            });
            body.push_str(" spoke. ");
        }
        crate::Record {
            document: crate::DocumentInfo {
                path: format!("p{i}.txt"),
                content_hash: format!("hash-{i}"),
                bytes: body.len() as u64,
                format: Some("text".to_owned()),
                encoding: Some("UTF-8".to_owned()),
            },
            outcome: crate::Outcome::Article(Box::new(crate::AnalysedArticle {
                article: extract::Article {
                    body,
                    ..extract::Article::default()
                },
                annotations: nlp_lite::Annotations {
                    entities,
                    ..nlp_lite::Annotations::default()
                },
                fingerprint: None,
            })),
        }
    }

    /// The entity tables of the database at `path`, row by row.
    fn entity_tables(path: &std::path::Path) -> Vec<String> {
        let conn = Connection::open(path).unwrap();
        let mut out = Vec::new();
        for sql in [
            "SELECT id, name, type FROM entities ORDER BY id",
            "SELECT id, name, type, entity_id FROM entity_names ORDER BY id",
            "SELECT entity_id, alias FROM entity_aliases ORDER BY 1, 2",
            "SELECT acronym, name_id FROM entity_acronyms ORDER BY 1, 2",
            "SELECT article_id, entity_id, name_id, start, end FROM mentions ORDER BY 1, 4",
        ] {
            let mut stmt = conn.prepare(sql).unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |row| {
                    (0..n)
                        .map(|k| {
                            row.get::<_, rusqlite::types::Value>(k)
                                .map(|v| format!("{v:?}"))
                        })
                        .collect::<rusqlite::Result<Vec<_>>>()
                })
                .unwrap();
            for row in rows {
                out.push(format!("{sql}: {}", row.unwrap().join(" | ")));
            }
        }
        out
    }

    #[test]
    fn a_cache_that_forgets_writes_what_a_complete_one_writes() {
        let dir = tempfile::tempdir().unwrap();
        let records: Vec<crate::Record> = (0..40).map(page).collect();
        let mut written = Vec::new();
        for (file, limit) in [("complete.db", LIMIT), ("forgetful.db", 6)] {
            let path = dir.path().join(file);
            let mut store = crate::Store::open(&path).unwrap();
            store.cache = Cache::with_limit(limit);
            for batch in records.chunks(3) {
                store.write_batch(batch, false).unwrap();
            }
            if limit < LIMIT {
                assert!(!store.cache.complete, "the small cache had to forget names");
                assert!(store.cache.len() < 20);
            }
            drop(store);
            written.push(entity_tables(&path));
        }
        assert!(written[0].len() > 200);
        assert_eq!(written[0], written[1]);
    }
}
