//! Near-duplicate clusters: placing a new article by its [`Fingerprint`] (band buckets in
//! `article_bands`, candidates confirmed by SimHash distance or estimated Jaccard), settling a
//! cluster's original, member roles and agency, and the `clusters` listing.
//!
//! Membership is the connected components of the "near-duplicate" relation: every pair of articles
//! sharing a band is checked when the later one is written, so the grouping does not depend on the
//! order pages arrive in (a shard-and-merge run groups exactly like a single run). One exception
//! keeps placement linear: of a band key shared by more than [`BUCKET`] articles, only the
//! [`BUCKET`] earliest are candidates (see there).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::fingerprint::{Fingerprint, BANDS};
use crate::Store;

/// One cluster in the `newsdb clusters` listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterRow {
    /// The cluster's id.
    pub id: i64,
    /// Number of member articles.
    pub members: i64,
    /// `exact` when every member has the same text, `near` when some are edited versions.
    pub method: String,
    /// The wire agency any member credits, as evidence of where the story came from.
    pub agency: Option<String>,
    /// The original (earliest-dated) member.
    pub original_article_id: Option<i64>,
    /// The original's headline.
    pub title: Option<String>,
    /// The original's day.
    pub day: Option<String>,
    /// The sites that carried a member, sorted.
    pub sites: Vec<String>,
    /// Members that are exact copies of the original.
    pub exact: i64,
    /// Members that are edited versions.
    pub edited: i64,
    /// The lowest similarity of an edited member to the original (estimated Jaccard, 0–1).
    pub min_similarity: Option<f64>,
}

/// An article's stored SimHash, MinHash bytes and cluster.
type StoredPrint = (Option<i64>, Option<Vec<u8>>, Option<i64>);

/// Attribution kinds that credit an agency, for a cluster's agency vote.
const CREDITS: &str = "'byline_agency', 'reported_by', 'via'";

/// Candidates read at most per band key: the earliest articles with that key. Templated pages
/// (a paywall notice, a stock-table template, one agency story run thousands of times) put
/// thousands of articles in one bucket, and comparing each new one with all of them made
/// placement quadratic (20 000 template pages: 133 s, against 7.6 s for 5 000). A bucket that
/// large is mostly one cluster already, which a new member joins by matching any of its earliest
/// members; grouping can then depend on arrival order only for a page that resembles none of a
/// crowded bucket's first members but a later one.
const BUCKET: usize = 64;

/// The candidates sharing any of an article's [`BANDS`] keys, in one statement: one index
/// lookup per key (at most [`BUCKET`] rows each, in `article_id` order), joined by `UNION ALL`
/// (a `key IN (...)` list builds and fills a temporary b-tree on every run).
static BAND_LOOKUP: LazyLock<String> = LazyLock::new(|| {
    let one = format!(
        "SELECT article_id FROM (SELECT article_id FROM article_bands WHERE key = ? LIMIT {BUCKET})"
    );
    vec![one; BANDS].join(" UNION ALL ")
});

/// An article's [`BANDS`] band rows (`key`, `article_id` per row), in one statement. `OR
/// IGNORE` cannot drop a row (no unique key, never a NULL) but lets the statement run without a
/// statement journal, which a multi-row statement that may abort opens on every run.
static BAND_INSERT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT OR IGNORE INTO article_bands (key, article_id) VALUES {}",
        vec!["(?, ?)"; BANDS].join(", ")
    )
});

/// How placing one article changed the clusters.
#[derive(Debug, Default)]
pub(crate) struct Placed {
    /// Clusters created, merged or emptied: to be settled from scratch.
    pub(crate) changed: Vec<i64>,
    /// A cluster that only gained these articles (the new one and unclustered copies of it).
    pub(crate) grown: Option<(i64, Vec<i64>)>,
}

/// Puts a just-inserted article into a cluster with its near-duplicates (if any) and records its
/// band keys. Returns how the clusters changed.
pub(crate) fn place(conn: &Connection, article_id: i64, print: &Fingerprint) -> Result<Placed> {
    let keys = print.band_keys();
    let candidates = candidates(conn, article_id, &keys)?;
    let mut matched: Vec<(i64, Option<i64>)> = Vec::new();
    {
        let mut stmt =
            conn.prepare_cached("SELECT simhash, minhash, cluster_id FROM articles WHERE id = ?1")?;
        for id in candidates {
            let row: Option<StoredPrint> = stmt
                .query_row([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
                .optional()?;
            let Some((Some(simhash), Some(minhash), cluster)) = row else {
                continue;
            };
            let Some(other) = Fingerprint::from_parts(simhash, &minhash) else {
                continue;
            };
            if print.is_near_duplicate(&other) {
                matched.push((id, cluster));
            }
        }
    }
    {
        let mut stmt = conn.prepare_cached(&BAND_INSERT)?;
        for (i, key) in keys.iter().enumerate() {
            stmt.raw_bind_parameter(2 * i + 1, key)?;
            stmt.raw_bind_parameter(2 * i + 2, article_id)?;
        }
        if stmt.raw_execute()? != keys.len() {
            return Err(StoreError::Corrupt(format!(
                "band keys of article {article_id} were not all stored"
            )));
        }
    }
    if matched.is_empty() {
        return Ok(Placed::default());
    }
    let clusters: BTreeSet<i64> = matched.iter().filter_map(|(_, c)| *c).collect();
    let target = match clusters.first() {
        Some(&c) => c,
        None => {
            conn.prepare_cached("INSERT INTO clusters (method) VALUES ('near')")?
                .execute([])?;
            conn.last_insert_rowid()
        }
    };
    let mut placed = Placed::default();
    let mut joined = vec![article_id];
    if clusters.len() == 1 {
        placed.grown = Some((target, Vec::new()));
    } else {
        placed.changed.push(target);
    }
    for &other in clusters.iter().skip(1) {
        conn.prepare_cached("UPDATE articles SET cluster_id = ?1 WHERE cluster_id = ?2")?
            .execute([target, other])?;
        conn.prepare_cached("DELETE FROM clusters WHERE id = ?1")?
            .execute([other])?;
        placed.changed.push(other);
    }
    let mut stmt = conn.prepare_cached("UPDATE articles SET cluster_id = ?1 WHERE id = ?2")?;
    stmt.execute([target, article_id])?;
    for (id, cluster) in matched {
        if cluster.is_none() {
            stmt.execute([target, id])?;
            joined.push(id);
        }
    }
    if let Some((_, members)) = &mut placed.grown {
        *members = joined;
    }
    Ok(placed)
}

/// The articles other than `article_id` that share one of the band `keys` (at most [`BUCKET`]
/// per key), in one statement: the lookup of each key is the same, the statement setup is paid
/// once.
fn candidates(conn: &Connection, article_id: i64, keys: &[i64]) -> Result<BTreeSet<i64>> {
    let mut stmt = conn.prepare_cached(&BAND_LOOKUP)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(keys), |row| row.get::<_, i64>(0))?;
    let mut candidates = BTreeSet::new();
    for id in rows {
        candidates.insert(id?);
    }
    candidates.remove(&article_id);
    Ok(candidates)
}

/// The ordering key of a cluster's original: earliest day, then publication instant, then id
/// (missing values last), as in `ORDER BY day IS NULL, day, published_utc IS NULL, ...`.
type OriginalKey = (bool, Option<String>, bool, Option<String>, i64);

/// What settling needs to know of one member.
struct Member {
    id: i64,
    key: OriginalKey,
    cluster: Option<i64>,
    body_hash: Option<String>,
    print: Option<Fingerprint>,
    agency: Option<String>,
}

/// Reads one article as a cluster member, if it exists.
fn member(conn: &Connection, id: i64) -> Result<Option<Member>> {
    Ok(conn
        .prepare_cached(
            "SELECT day, published_utc, cluster_id, body_hash, simhash, minhash, agency
               FROM articles WHERE id = ?1",
        )?
        .query_row([id], |row| {
            let day: Option<String> = row.get(0)?;
            let published: Option<String> = row.get(1)?;
            let simhash: Option<i64> = row.get(4)?;
            let minhash: Option<Vec<u8>> = row.get(5)?;
            Ok(Member {
                id,
                key: (day.is_none(), day, published.is_none(), published, id),
                cluster: row.get(2)?,
                body_hash: row.get(3)?,
                print: simhash
                    .zip(minhash)
                    .and_then(|(s, m)| Fingerprint::from_parts(s, &m)),
                agency: row.get(6)?,
            })
        })
        .optional()?)
}

/// A member's role and similarity relative to the cluster's original.
fn role(m: &Member, original: &Member) -> (&'static str, f64) {
    if m.id == original.id {
        ("original", 1.0)
    } else if m.body_hash.is_some() && m.body_hash == original.body_hash {
        ("exact", 1.0)
    } else {
        let sim = match (&m.print, &original.print) {
            (Some(a), Some(b)) => a.similarity(b),
            _ => 0.0,
        };
        ("edited", sim)
    }
}

/// The agency with the most votes (ties to the alphabetically first).
fn winner(votes: &BTreeMap<String, usize>) -> Option<String> {
    votes
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(name, _)| name.clone())
}

/// Updates a cluster that only gained `added` articles since it was last settled: their roles,
/// the member count, method and agency (from the stored vote tally), without reading the other
/// members. Falls back to [`settle`] when the original changes or anything is unexpected.
pub(crate) fn settle_grown(conn: &Connection, cluster: i64, added: &BTreeSet<i64>) -> Result<()> {
    let state: Option<(Option<i64>, String, Option<String>)> = conn
        .prepare_cached("SELECT original_article_id, method, votes FROM clusters WHERE id = ?1")?
        .query_row([cluster], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .optional()?;
    let Some((Some(original), method, Some(votes))) = state else {
        return settle(conn, cluster);
    };
    let Ok(mut votes) = serde_json::from_str::<BTreeMap<String, usize>>(&votes) else {
        return settle(conn, cluster);
    };
    let Some(original) = member(conn, original)? else {
        return settle(conn, cluster);
    };
    if original.cluster != Some(cluster) {
        return settle(conn, cluster);
    }
    let mut joined = Vec::with_capacity(added.len());
    for &id in added {
        match member(conn, id)? {
            Some(m)
                if m.cluster == Some(cluster) && m.key > original.key && m.id != original.id =>
            {
                joined.push(m);
            }
            // A new original, or a member that moved on: everything is recomputed.
            _ => return settle(conn, cluster),
        }
    }
    let mut all_exact = method == "exact";
    let mut role_stmt = conn.prepare_cached(
        "UPDATE articles SET cluster_role = ?1, cluster_similarity = ?2 WHERE id = ?3",
    )?;
    let mut credited = conn.prepare_cached(&format!(
        "SELECT name FROM attributions WHERE article_id = ?1 AND kind IN ({CREDITS})"
    ))?;
    for m in &joined {
        let (role, similarity) = role(m, &original);
        all_exact &= role == "exact";
        role_stmt.execute(params![role, similarity, m.id])?;
        if let Some(a) = &m.agency {
            *votes.entry(a.clone()).or_default() += 2;
        }
        for name in credited.query_map([m.id], |row| row.get::<_, String>(0))? {
            *votes.entry(name?).or_default() += 1;
        }
    }
    let members: i64 = conn
        .prepare_cached("SELECT count(*) FROM articles WHERE cluster_id = ?1")?
        .query_row([cluster], |row| row.get(0))?;
    store_cluster(conn, cluster, original.id, members, all_exact, &votes)
}

/// Writes a settled cluster's row.
fn store_cluster(
    conn: &Connection,
    cluster: i64,
    original: i64,
    members: i64,
    all_exact: bool,
    votes: &BTreeMap<String, usize>,
) -> Result<()> {
    let tally = serde_json::to_string(votes)
        .map_err(|e| StoreError::Corrupt(format!("cluster votes not serialisable: {e}")))?;
    conn.prepare_cached(
        "UPDATE clusters SET original_article_id = ?1, members = ?2, method = ?3, agency = ?4,
                votes = ?5
          WHERE id = ?6",
    )?
    .execute(params![
        original,
        members,
        if all_exact { "exact" } else { "near" },
        winner(votes),
        tally,
        cluster
    ])?;
    Ok(())
}

/// Recomputes a cluster's size, original (earliest day, then publication instant, then id),
/// method, agency and each member's role and similarity to the original; a cluster left with
/// fewer than two members is dissolved.
pub(crate) fn settle(conn: &Connection, cluster: i64) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, day, published_utc, body_hash, simhash, minhash, agency, cluster_role,
                cluster_similarity
           FROM articles WHERE cluster_id = ?1
          ORDER BY day IS NULL, day, published_utc IS NULL, published_utc, id",
    )?;
    let members = stmt
        .query_map([cluster], |row| {
            let id: i64 = row.get(0)?;
            let day: Option<String> = row.get(1)?;
            let published: Option<String> = row.get(2)?;
            let simhash: Option<i64> = row.get(4)?;
            let minhash: Option<Vec<u8>> = row.get(5)?;
            let stored: (Option<String>, Option<f64>) = (row.get(7)?, row.get(8)?);
            let m = Member {
                id,
                key: (day.is_none(), day, published.is_none(), published, id),
                cluster: Some(cluster),
                body_hash: row.get(3)?,
                print: simhash
                    .zip(minhash)
                    .and_then(|(s, m)| Fingerprint::from_parts(s, &m)),
                agency: row.get(6)?,
            };
            Ok((m, stored))
        })?
        .collect::<rusqlite::Result<Vec<(Member, (Option<String>, Option<f64>))>>>()?;
    if members.len() < 2 {
        conn.prepare_cached(
            "UPDATE articles SET cluster_id = NULL, cluster_role = NULL, cluster_similarity = NULL
              WHERE cluster_id = ?1",
        )?
        .execute([cluster])?;
        conn.prepare_cached("DELETE FROM clusters WHERE id = ?1")?
            .execute([cluster])?;
        return Ok(());
    }
    let original = &members[0].0;
    let mut all_exact = true;
    let mut role_stmt = conn.prepare_cached(
        "UPDATE articles SET cluster_role = ?1, cluster_similarity = ?2 WHERE id = ?3",
    )?;
    for (i, (m, (stored_role, stored_similarity))) in members.iter().enumerate() {
        let (role, similarity) = role(m, original);
        if i > 0 && role != "exact" {
            all_exact = false;
        }
        // Most members keep their role when a cluster grows; only changes are written.
        if stored_role.as_deref() != Some(role) || *stored_similarity != Some(similarity) {
            role_stmt.execute(params![role, similarity, m.id])?;
        }
    }
    // The agency: members' own agency first, then agencies they credit; most frequent wins.
    let mut votes: BTreeMap<String, usize> = BTreeMap::new();
    for (m, _) in &members {
        if let Some(a) = &m.agency {
            *votes.entry(a.clone()).or_default() += 2;
        }
    }
    let mut credited = conn.prepare_cached(&format!(
        "SELECT t.name FROM attributions t JOIN articles a ON a.id = t.article_id
          WHERE a.cluster_id = ?1 AND t.kind IN ({CREDITS})"
    ))?;
    for name in credited.query_map([cluster], |row| row.get::<_, String>(0))? {
        *votes.entry(name?).or_default() += 1;
    }
    store_cluster(
        conn,
        cluster,
        original.id,
        members.len() as i64,
        all_exact,
        &votes,
    )
}

/// Clusters every article that has a fingerprint but no band keys yet (articles copied in by
/// `merge`, or written before schema version 2 with a fingerprint), then settles what changed.
pub(crate) fn place_unbanded(conn: &Connection) -> Result<usize> {
    let pending: Vec<(i64, i64, Vec<u8>)> = conn
        .prepare(
            "SELECT id, simhash, minhash FROM articles
              WHERE simhash IS NOT NULL AND minhash IS NOT NULL
                AND id NOT IN (SELECT article_id FROM article_bands)
              ORDER BY id",
        )?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut touched = BTreeSet::new();
    for (id, simhash, minhash) in &pending {
        if let Some(print) = Fingerprint::from_parts(*simhash, minhash) {
            let placed = place(conn, *id, &print)?;
            touched.extend(placed.changed);
            touched.extend(placed.grown.map(|(cluster, _)| cluster));
        }
    }
    for cluster in touched {
        settle(conn, cluster)?;
    }
    Ok(pending.len())
}

impl Store {
    /// The largest clusters first (then the earliest original), at most `limit`.
    pub fn clusters(&self, limit: usize) -> Result<Vec<ClusterRow>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.members, c.method, c.agency, c.original_article_id, o.title, o.day,
                    (SELECT json_group_array(site) FROM (SELECT DISTINCT site FROM articles
                      WHERE cluster_id = c.id AND site IS NOT NULL ORDER BY site)),
                    (SELECT count(*) FROM articles WHERE cluster_id = c.id AND cluster_role = 'exact'),
                    (SELECT count(*) FROM articles WHERE cluster_id = c.id AND cluster_role = 'edited'),
                    (SELECT min(cluster_similarity) FROM articles
                      WHERE cluster_id = c.id AND cluster_role = 'edited')
               FROM clusters c LEFT JOIN articles o ON o.id = c.original_article_id
              ORDER BY c.members DESC, o.day, c.id
              LIMIT ?1",
        )?;
        let mut rows = stmt.query([limit])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let sites: String = row.get(7)?;
            out.push(ClusterRow {
                id: row.get(0)?,
                members: row.get(1)?,
                method: row.get(2)?,
                agency: row.get(3)?,
                original_article_id: row.get(4)?,
                title: row.get(5)?,
                day: row.get(6)?,
                sites: serde_json::from_str(&sites).unwrap_or_default(),
                exact: row.get(8)?,
                edited: row.get(9)?,
                min_similarity: row.get(10)?,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crowded_band_yields_its_earliest_articles_only() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE article_bands (key INTEGER NOT NULL, article_id INTEGER NOT NULL);
             CREATE INDEX article_bands_key ON article_bands (key, article_id);",
        )
        .unwrap();
        // Key 1 is shared by many articles (inserted latest first), key 2 by three.
        for id in (1..=BUCKET as i64 + 40).rev() {
            conn.execute("INSERT INTO article_bands VALUES (1, ?1)", [id])
                .unwrap();
        }
        for id in [500, 501, 502] {
            conn.execute("INSERT INTO article_bands VALUES (2, ?1)", [id])
                .unwrap();
        }
        let mut keys = vec![1, 2];
        keys.resize(BANDS, 3);
        let found = candidates(&conn, 501, &keys).unwrap();
        let mut expected: BTreeSet<i64> = (1..=BUCKET as i64).collect();
        expected.extend([500, 502]);
        assert_eq!(found, expected);
    }
}
