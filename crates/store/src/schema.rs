//! The database schema as forward-only migrations, so every newsdb file can be brought up to date
//! and a file written by a newer newsdb is recognised and refused.
//!
//! Migration `i` (0-based) takes a database from `PRAGMA user_version = i` to `i + 1`. Released
//! migrations are never edited; a schema change is a new entry at the end of [`MIGRATIONS`].

/// `PRAGMA application_id` of every newsdb database: the ASCII bytes `nwsd`.
pub const APPLICATION_ID: i32 = 0x6e77_7364;

/// The value of the `application` key in the `meta` table of every newsdb database.
pub const APPLICATION_NAME: &str = "newsdb";

/// The DDL of each migration, in order.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4];

/// The schema version this build writes and reads (`PRAGMA user_version`).
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Version 1: documents, articles and their parts, entities, mentions, dates, clusters, FTS, views.
const V1: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('application', 'newsdb');

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    path         TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    bytes        INTEGER NOT NULL,
    format       TEXT,
    encoding     TEXT,
    status       TEXT NOT NULL CHECK (status IN ('ok', 'skipped', 'error')),
    error        TEXT,
    ingested_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_status ON documents (status);

CREATE TABLE clusters (
    id                  INTEGER PRIMARY KEY,
    method              TEXT NOT NULL,
    original_article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL
);
CREATE INDEX clusters_original_article_id ON clusters (original_article_id);

CREATE TABLE articles (
    id               INTEGER PRIMARY KEY,
    document_id      INTEGER NOT NULL UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
    title            TEXT,
    lead             TEXT,
    body             TEXT NOT NULL,
    authors          TEXT NOT NULL DEFAULT '[]',
    agency           TEXT,
    published_utc    TEXT,
    published_local  TEXT,
    published_raw    TEXT,
    published_source TEXT,
    updated_utc      TEXT,
    updated_local    TEXT,
    updated_raw      TEXT,
    updated_source   TEXT,
    dateline_place   TEXT,
    dateline_date    TEXT,
    site             TEXT,
    url              TEXT,
    canonical_url    TEXT,
    language         TEXT,
    syndicated       INTEGER NOT NULL DEFAULT 0,
    paragraphs       INTEGER NOT NULL,
    day              TEXT,
    body_hash        TEXT,
    cluster_id       INTEGER REFERENCES clusters (id) ON DELETE SET NULL
);
CREATE INDEX articles_day ON articles (day);
CREATE INDEX articles_body_hash ON articles (body_hash);
CREATE INDEX articles_cluster_id ON articles (cluster_id);
CREATE INDEX articles_site ON articles (site);

CREATE TABLE attributions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    UNIQUE (article_id, position)
);

CREATE TABLE removed_blocks (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (article_id, position)
);

CREATE TABLE entities (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    UNIQUE (name, type)
);
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);

CREATE TABLE entity_aliases (
    id        INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    UNIQUE (entity_id, alias)
);
CREATE INDEX entity_aliases_alias ON entity_aliases (alias COLLATE NOCASE);

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id  INTEGER NOT NULL REFERENCES entities (id),
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    surface    TEXT NOT NULL,
    sentence   INTEGER
);
CREATE INDEX mentions_article_id ON mentions (article_id);
CREATE INDEX mentions_entity_id ON mentions (entity_id);

CREATE TABLE timexes (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    surface    TEXT NOT NULL,
    type       TEXT NOT NULL,
    value      TEXT NOT NULL,
    anchored   INTEGER NOT NULL,
    mod        TEXT,
    day        TEXT
);
CREATE INDEX timexes_article_id ON timexes (article_id);
CREATE INDEX timexes_day ON timexes (day);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, lead, body,
    content="articles", content_rowid="id"
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, lead, body)
        VALUES (new.id, new.title, new.lead, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, lead, body)
        VALUES ('delete', old.id, old.title, old.lead, old.body);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, lead, body)
        VALUES ('delete', old.id, old.title, old.lead, old.body);
    INSERT INTO articles_fts (rowid, title, lead, body)
        VALUES (new.id, new.title, new.lead, new.body);
END;

CREATE VIEW article_entities AS
SELECT a.id      AS article_id,
       a.title   AS title,
       a.day     AS day,
       e.id      AS entity_id,
       e.name    AS entity,
       e.type    AS type,
       count(*)  AS mentions
  FROM mentions m
  JOIN articles a ON a.id = m.article_id
  JOIN entities e ON e.id = m.entity_id
 GROUP BY m.article_id, m.entity_id;

CREATE VIEW entity_stats AS
SELECT e.id                          AS entity_id,
       e.name                        AS entity,
       e.type                        AS type,
       count(*)                      AS mentions,
       count(DISTINCT m.article_id)  AS articles,
       min(a.day)                    AS first_day,
       max(a.day)                    AS last_day
  FROM entities e
  JOIN mentions m ON m.entity_id = e.id
  JOIN articles a ON a.id = m.article_id
 GROUP BY e.id;

CREATE VIEW cooccurrence AS
WITH pairs AS (SELECT DISTINCT article_id, entity_id FROM mentions)
SELECT x.entity_id  AS entity_a_id,
       ea.name      AS entity_a,
       ea.type      AS type_a,
       y.entity_id  AS entity_b_id,
       eb.name      AS entity_b,
       eb.type      AS type_b,
       count(*)     AS articles
  FROM pairs x
  JOIN pairs y ON y.article_id = x.article_id AND y.entity_id <> x.entity_id
  JOIN entities ea ON ea.id = x.entity_id
  JOIN entities eb ON eb.id = y.entity_id
 GROUP BY x.entity_id, y.entity_id;

CREATE VIEW entity_timeline AS
SELECT e.id                          AS entity_id,
       e.name                        AS entity,
       e.type                        AS type,
       a.day                         AS day,
       count(*)                      AS mentions,
       count(DISTINCT m.article_id)  AS articles
  FROM mentions m
  JOIN articles a ON a.id = m.article_id
  JOIN entities e ON e.id = m.entity_id
 WHERE a.day IS NOT NULL
 GROUP BY e.id, a.day;
"#;

/// Version 2: near-duplicate fingerprints and cluster roles, corpus-wide entity resolution
/// (`entity_names`, `entity_acronyms`, `entity_links`) and the corpus views.
const V2: &str = r#"
ALTER TABLE articles ADD COLUMN simhash INTEGER;
ALTER TABLE articles ADD COLUMN minhash BLOB;
ALTER TABLE articles ADD COLUMN cluster_role TEXT
    CHECK (cluster_role IN ('original', 'exact', 'edited'));
ALTER TABLE articles ADD COLUMN cluster_similarity REAL;

ALTER TABLE clusters ADD COLUMN members INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clusters ADD COLUMN agency TEXT;
UPDATE clusters SET members = (SELECT count(*) FROM articles a WHERE a.cluster_id = clusters.id);
UPDATE articles SET cluster_role = CASE
        WHEN id = (SELECT original_article_id FROM clusters c WHERE c.id = articles.cluster_id)
        THEN 'original' ELSE 'exact' END,
    cluster_similarity = 1.0
 WHERE cluster_id IS NOT NULL;

CREATE TABLE article_bands (
    key        INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX article_bands_key ON article_bands (key);
CREATE INDEX article_bands_article_id ON article_bands (article_id);

CREATE TABLE entity_names (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    type      TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    rule      TEXT NOT NULL DEFAULT 'canonical',
    note      TEXT,
    UNIQUE (name, type)
);
CREATE INDEX entity_names_entity_id ON entity_names (entity_id);
INSERT INTO entity_names (name, type, entity_id) SELECT name, type, id FROM entities;

ALTER TABLE mentions ADD COLUMN name_id INTEGER REFERENCES entity_names (id);
UPDATE mentions SET name_id = (SELECT n.id FROM entity_names n WHERE n.entity_id = mentions.entity_id);
CREATE INDEX mentions_name_id ON mentions (name_id);

CREATE TABLE entity_acronyms (
    acronym TEXT NOT NULL,
    name_id INTEGER NOT NULL REFERENCES entity_names (id),
    UNIQUE (acronym, name_id)
);
CREATE INDEX entity_acronyms_name_id ON entity_acronyms (name_id);

CREATE TABLE entity_links (
    entity_id        INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    linked_entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    PRIMARY KEY (entity_id, linked_entity_id, kind)
);
CREATE INDEX entity_links_linked_entity_id ON entity_links (linked_entity_id);

CREATE VIEW entity_merges AS
SELECT e.id                          AS entity_id,
       e.name                        AS entity,
       e.type                        AS type,
       n.name                        AS merged_name,
       n.type                        AS merged_type,
       n.rule                        AS rule,
       n.note                        AS note,
       (SELECT count(*) FROM mentions m WHERE m.name_id = n.id) AS mentions
  FROM entity_names n
  JOIN entities e ON e.id = n.entity_id
 WHERE n.name <> e.name OR n.type <> e.type OR n.rule = 'ambiguous';

CREATE VIEW cluster_members AS
SELECT c.id                  AS cluster_id,
       c.members             AS members,
       c.agency              AS agency,
       a.id                  AS article_id,
       a.cluster_role        AS role,
       a.cluster_similarity  AS similarity,
       a.day                 AS day,
       a.site                AS site,
       a.title               AS title
  FROM clusters c
  JOIN articles a ON a.cluster_id = c.id;

CREATE VIEW entity_timeline_week AS
SELECT e.id                          AS entity_id,
       e.name                        AS entity,
       e.type                        AS type,
       date(a.day, '-' || ((CAST(strftime('%w', a.day) AS INTEGER) + 6) % 7) || ' days') AS week,
       count(*)                      AS mentions,
       count(DISTINCT m.article_id)  AS articles
  FROM mentions m
  JOIN articles a ON a.id = m.article_id
  JOIN entities e ON e.id = m.entity_id
 WHERE a.day IS NOT NULL
 GROUP BY e.id, 4;

CREATE VIEW entity_timeline_month AS
SELECT e.id                          AS entity_id,
       e.name                        AS entity,
       e.type                        AS type,
       substr(a.day, 1, 7)           AS month,
       count(*)                      AS mentions,
       count(DISTINCT m.article_id)  AS articles
  FROM mentions m
  JOIN articles a ON a.id = m.article_id
  JOIN entities e ON e.id = m.entity_id
 WHERE a.day IS NOT NULL
 GROUP BY e.id, 4;
"#;

/// Version 3: faster writes. New articles are added to `articles_fts` by the writer, one
/// statement per batch (an insert trigger made FTS5 flush a segment per article), the update
/// trigger fires only when the indexed text changes (not on cluster bookkeeping), the band
/// index covers `article_id`, and clusters keep their agency vote tally so that a growing cluster
/// is updated without reading all its members.
const V3: &str = r#"
DROP TRIGGER articles_ai;
DROP TRIGGER articles_au;
CREATE TRIGGER articles_au AFTER UPDATE OF title, lead, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, lead, body)
        VALUES ('delete', old.id, old.title, old.lead, old.body);
    INSERT INTO articles_fts (rowid, title, lead, body)
        VALUES (new.id, new.title, new.lead, new.body);
END;

DROP INDEX article_bands_key;
CREATE INDEX article_bands_key ON article_bands (key, article_id);

ALTER TABLE clusters ADD COLUMN votes TEXT;
"#;

/// Version 4: the full-text index buffers up to 64 MiB of new terms before writing a segment
/// (FTS5's `hashsize`, default 1 MiB), so a batch's articles become one segment, written once at
/// commit, instead of several that are written and then merged again. Only the index's layout
/// changes, never what it finds.
const V4: &str = r#"
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 67108864);
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn version_3_keeps_a_version_2_file_searchable_and_consistent() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(V1).unwrap();
        conn.execute_batch(V2).unwrap();
        conn.execute_batch(
            "INSERT INTO documents (id, path, content_hash, bytes, status)
                  VALUES (1, 'a', 'h', 1, 'ok');
             INSERT INTO clusters (id, method) VALUES (1, 'exact');
             INSERT INTO articles (id, document_id, body, paragraphs, cluster_id)
                  VALUES (1, 1, 'bridge vote', 1, 1);
             INSERT INTO article_bands (key, article_id) VALUES (42, 1);",
        )
        .unwrap();
        conn.execute_batch(V3).unwrap();
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(
            count("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'bridge'"),
            1
        );
        // Cluster bookkeeping leaves the index alone; a text change re-indexes.
        conn.execute_batch(
            "UPDATE articles SET cluster_role = 'original', cluster_similarity = 1.0;
             UPDATE clusters SET votes = '{}';
             UPDATE articles SET body = 'ferry strike' WHERE id = 1;",
        )
        .unwrap();
        assert_eq!(
            count("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'bridge'"),
            0
        );
        assert_eq!(
            count("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'ferry'"),
            1
        );
        conn.execute(
            "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')",
            [],
        )
        .unwrap();
        let plan: String = conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT article_id FROM article_bands WHERE key = 42",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("COVERING INDEX article_bands_key"), "{plan}");
    }

    #[test]
    fn version_4_sets_the_index_buffer_and_keeps_the_index_whole() {
        let conn = Connection::open_in_memory().unwrap();
        for ddl in &MIGRATIONS[..3] {
            conn.execute_batch(ddl).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO documents (id, path, content_hash, bytes, status)
                  VALUES (1, 'a', 'h', 1, 'ok');
             INSERT INTO articles (id, document_id, body, paragraphs)
                  VALUES (1, 1, 'bridge vote', 1);
             INSERT INTO articles_fts (rowid, title, lead, body) VALUES (1, NULL, NULL, 'bridge vote');",
        )
        .unwrap();
        conn.execute_batch(V4).unwrap();
        let hashsize: i64 = conn
            .query_row(
                "SELECT v FROM articles_fts_config WHERE k = 'hashsize'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hashsize, 64 << 20);
        let found: i64 = conn
            .query_row(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'bridge'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, 1);
        conn.execute(
            "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')",
            [],
        )
        .unwrap();
    }
}
