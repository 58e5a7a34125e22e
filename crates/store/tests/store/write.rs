//! The batched writer: idempotency, forced replacement, failures, entities and clusters.

use crate::fixtures::{corpus, failed, page, TempDb, SEOUL_BODY};
use nlp_lite::EntityType;
use serde_json::json;
use store::{BatchSummary, Store};

/// One number from a read-only query.
fn count(store: &Store, sql: &str) -> i64 {
    let result = store.query(sql).unwrap();
    result.rows[0][0]
        .as_i64()
        .unwrap_or_else(|| panic!("{sql} gave {:?}", result.rows))
}

/// Row counts of every table.
fn table_counts(store: &Store) -> Vec<i64> {
    [
        "documents",
        "articles",
        "attributions",
        "removed_blocks",
        "entities",
        "entity_aliases",
        "mentions",
        "timexes",
        "clusters",
        "articles_fts",
    ]
    .iter()
    .map(|t| count(store, &format!("SELECT count(*) FROM {t}")))
    .collect()
}

#[test]
fn writes_a_batch_and_counts_it() {
    let db = TempDb::new();
    let mut store = db.open();
    let summary = store.write_batch(&corpus(), false).unwrap();
    assert_eq!(
        summary,
        BatchSummary {
            articles: 4,
            failed: 1,
            skipped: 0,
            replaced: 0,
            mentions: summary.mentions,
            timexes: 8,
            invalid_spans: 0,
        }
    );
    assert!(summary.mentions > 20);
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.documents, stats.ok, stats.errors, stats.articles),
        (5, 4, 1, 4)
    );
    assert_eq!(stats.mentions as usize, summary.mentions);
    assert_eq!(stats.clusters, 1);
    assert_eq!(stats.first_day.as_deref(), Some("2024-11-03"));
    assert_eq!(stats.last_day.as_deref(), Some("2024-11-04"));
    assert_eq!(stats.by_format.get("html"), Some(&4));
    assert_eq!(stats.by_format.get("unknown"), Some(&1));
    assert_eq!(stats.by_language.get("en"), Some(&4));
    let stored = store::StoredHashes::open(db.path()).unwrap();
    for hash in ["h-broken", "h-yonhap"] {
        assert!(stored.contains(hash).unwrap(), "{hash} is stored");
    }
    assert!(!stored.contains("h-never-seen").unwrap());
}

#[test]
fn writing_the_same_batch_twice_changes_nothing() {
    let db = TempDb::new();
    let mut store = db.open();
    store.write_batch(&corpus(), false).unwrap();
    let before = table_counts(&store);
    let summary = store.write_batch(&corpus(), false).unwrap();
    assert_eq!(
        summary,
        BatchSummary {
            skipped: 5,
            ..BatchSummary::default()
        }
    );
    assert_eq!(table_counts(&store), before);
    // The same, across a reopen (the entity cache starts empty).
    drop(store);
    let mut store = db.open();
    store.write_batch(&corpus(), false).unwrap();
    assert_eq!(table_counts(&store), before);
}

#[test]
fn a_run_of_removed_blocks_of_one_kind_is_one_row() {
    use extract::RemovedKind::{Navigation, Related};
    let db = TempDb::new();
    let mut store = db.open();
    let record = page("runs", "Bridge vote", "The council voted on the bridge.")
        .removed(Navigation, "Home")
        .removed_next(Navigation, "World")
        .removed_next(Related, "Related Stories")
        .removed_next(Related, "Bridge opens")
        // Article text stood between this block and the one before.
        .removed(Related, "More from the council")
        .build();
    store.write_batch(&[record], false).unwrap();
    let rows = store
        .query("SELECT position, kind, text FROM removed_blocks ORDER BY position")
        .unwrap()
        .rows;
    assert_eq!(
        rows,
        vec![
            vec![json!(0), json!("navigation"), json!("Home\nWorld")],
            vec![
                json!(1),
                json!("related"),
                json!("Related Stories\nBridge opens")
            ],
            vec![json!(2), json!("related"), json!("More from the council")],
        ]
    );
}

#[test]
fn duplicates_within_one_batch_are_skipped() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut records = corpus();
    records.extend(corpus());
    let summary = store.write_batch(&records, false).unwrap();
    assert_eq!((summary.articles, summary.skipped), (4, 5));
}

#[test]
fn force_replaces_the_article_and_its_parts() {
    let db = TempDb::new();
    let mut store = db.open();
    store.write_batch(&corpus(), false).unwrap();
    let before = table_counts(&store);
    // Forcing the identical batch rewrites everything and leaves the same counts.
    let summary = store.write_batch(&corpus(), true).unwrap();
    assert_eq!(
        (
            summary.replaced,
            summary.articles,
            summary.failed,
            summary.skipped
        ),
        (5, 4, 1, 0)
    );
    assert_eq!(table_counts(&store), before);

    // A re-extraction of the failed page now succeeds, and the follow-up changes text.
    let fixed = page(
        "h-broken",
        "Login wall bypassed",
        "Officials in Wellington met on Tuesday.",
    )
    .published("2024-11-05T09:00:00+13:00", "2024-11-04T20:00:00Z")
    .entity("Wellington", "Wellington", EntityType::Place)
    .build();
    let summary = store.write_batch(&[fixed], true).unwrap();
    assert_eq!((summary.replaced, summary.articles), (1, 1));
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.documents, stats.ok, stats.errors, stats.articles),
        (5, 5, 0, 5)
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM documents WHERE error IS NOT NULL"
        ),
        0
    );
    assert_eq!(store.search("Wellington", 10).unwrap().len(), 1);

    // And back to a failure: the article, its mentions and its FTS row disappear.
    store
        .write_batch(&[failed("h-broken", "timeout")], true)
        .unwrap();
    assert!(store.search("Wellington", 10).unwrap().is_empty());
    assert_eq!(count(&store, "SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE e.name = 'Wellington'"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM documents"), 5);
}

#[test]
fn failures_are_rows_with_a_one_line_reason() {
    let db = TempDb::new();
    let mut store = db.open();
    store.write_batch(&corpus(), false).unwrap();
    let rows = store
        .query(
            "SELECT path, status, error, bytes, ingested_at FROM documents WHERE status = 'error'",
        )
        .unwrap()
        .rows;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][0], json!("pages/h-broken.html"));
    assert_eq!(
        rows[0][2],
        json!("no article text found (page is a login wall)")
    );
    assert_eq!(rows[0][3], json!(12));
    let at = rows[0][4].as_str().unwrap();
    assert!(at.len() == 20 && at.ends_with('Z'), "{at}");
    assert_eq!(count(&store, "SELECT count(*) FROM articles a JOIN documents d ON d.id = a.document_id WHERE d.status <> 'ok'"), 0);
}

#[test]
fn entities_are_shared_across_articles_with_aliases() {
    let db = TempDb::new();
    let mut store = db.open();
    store.write_batch(&corpus(), false).unwrap();
    let borrell = store
        .query("SELECT id FROM entities WHERE name = 'Josep Borrell' AND type = 'PERSON'")
        .unwrap()
        .rows;
    assert_eq!(borrell.len(), 1);
    let aliases = store
        .query("SELECT group_concat(alias, '|') FROM (SELECT alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE e.name = 'European Union' ORDER BY alias)")
        .unwrap()
        .rows;
    assert_eq!(aliases[0][0], json!("EU|European Union"));
    // Each entity is counted once however many batches mention it.
    let mut store2 = store;
    store2
        .write_batch(
            &[page("h-more", "More on Borrell", "Josep Borrell spoke.")
                .entity("Josep Borrell", "Josep Borrell", EntityType::Person)
                .build()],
            false,
        )
        .unwrap();
    assert_eq!(
        count(
            &store2,
            "SELECT count(*) FROM entities WHERE name = 'Josep Borrell'"
        ),
        1
    );
    assert_eq!(
        count(
            &store2,
            "SELECT articles FROM entity_stats WHERE entity = 'Josep Borrell'"
        ),
        4
    );
}

#[test]
fn names_written_by_another_connection_between_batches_are_reused() {
    let db = TempDb::new();
    let mut first = db.open();
    let mut second = db.open();
    let about = |hash: &str, name: &str| {
        page(hash, "Talks", &format!("{name} spoke."))
            .entity(name, name, EntityType::Person)
            .build()
    };
    first
        .write_batch(&[about("h-a", "Josep Borrell")], false)
        .unwrap();
    // The other connection adds a name and regroups entities, changing stored ids.
    second
        .write_batch(&[about("h-b", "Cho Tae-yul")], false)
        .unwrap();
    second.resolve_entities().unwrap();
    first
        .write_batch(
            &[about("h-c", "Cho Tae-yul"), about("h-d", "Josep Borrell")],
            false,
        )
        .unwrap();
    for name in ["Cho Tae-yul", "Josep Borrell"] {
        let sql = format!("SELECT count(*) FROM entity_names WHERE name = '{name}'");
        assert_eq!(count(&first, &sql), 1, "{name}");
        let sql = format!(
            "SELECT count(DISTINCT m.entity_id) FROM mentions m JOIN entity_names n
                 ON n.id = m.name_id AND n.entity_id = m.entity_id WHERE n.name = '{name}'"
        );
        assert_eq!(count(&first, &sql), 1, "{name}");
    }
    assert_eq!(count(&first, "SELECT count(*) FROM mentions"), 4);
    assert_eq!(
        count(&first, "SELECT count(*) FROM pragma_foreign_key_check"),
        0
    );
}

#[test]
fn a_new_name_joins_a_stored_entity_of_that_name_that_has_no_name_row() {
    let db = TempDb::new();
    let mut store = db.open();
    let about = |hash: &str, name: &str| {
        page(hash, "Talks", &format!("{name} met."))
            .entity(name, name, EntityType::Org)
            .build()
    };
    store.write_batch(&[about("h-a", "Unesco")], false).unwrap();
    // An entity no name row carries the name of (as regrouping or merging can leave), written
    // by another connection.
    let other = rusqlite::Connection::open(db.path()).unwrap();
    other
        .execute(
            "INSERT INTO entities (name, type) VALUES ('European Union', 'ORG')",
            [],
        )
        .unwrap();
    let orphan = other.last_insert_rowid();
    drop(other);
    store
        .write_batch(&[about("h-b", "European Union")], false)
        .unwrap();
    let sql = "SELECT entity_id FROM entity_names WHERE name = 'European Union'";
    assert_eq!(count(&store, sql), orphan);
    assert_eq!(count(&store, "SELECT count(*) FROM entities"), 2);
    let sql = "SELECT count(*) FROM mentions WHERE entity_id = ".to_owned() + &orphan.to_string();
    assert_eq!(count(&store, &sql), 1);
}

#[test]
fn exact_duplicates_share_a_cluster_with_the_earliest_as_original() {
    let db = TempDb::new();
    let mut store = db.open();
    // Write the later copy first: the original is chosen by date, not by arrival.
    let records = corpus();
    store.write_batch(&records[1..2], false).unwrap();
    store.write_batch(&records[0..1], false).unwrap();
    store.write_batch(&records[2..], false).unwrap();
    let rows = store
        .query("SELECT a.cluster_id, d.content_hash, c.original_article_id = a.id FROM articles a JOIN documents d ON d.id = a.document_id LEFT JOIN clusters c ON c.id = a.cluster_id ORDER BY d.content_hash")
        .unwrap()
        .rows;
    let by_hash = |h: &str| rows.iter().find(|r| r[1] == json!(h)).unwrap().clone();
    assert_eq!(by_hash("h-copy")[0], by_hash("h-yonhap")[0]);
    assert!(by_hash("h-copy")[0].is_i64());
    assert_eq!(by_hash("h-yonhap")[2], json!(1));
    assert_eq!(by_hash("h-copy")[2], json!(0));
    assert!(by_hash("h-followup")[0].is_null());

    // Replacing one copy with different text dissolves the cluster.
    let changed = page("h-copy", "Rewritten", "An entirely different body.").build();
    store.write_batch(&[changed], true).unwrap();
    assert_eq!(store.stats().unwrap().clusters, 0);
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM articles WHERE cluster_id IS NOT NULL"
        ),
        0
    );
}

#[test]
fn normalised_bodies_match_despite_spacing_and_case() {
    let db = TempDb::new();
    let mut store = db.open();
    let shouty = SEOUL_BODY.to_uppercase().replace("\n\n", "\n");
    store
        .write_batch(
            &[
                corpus().remove(0),
                page("h-shouty", "COPY", &shouty).build(),
            ],
            false,
        )
        .unwrap();
    assert_eq!(store.stats().unwrap().clusters, 1);
}

#[test]
fn spans_outside_the_body_are_dropped_not_stored() {
    let db = TempDb::new();
    let mut store = db.open();
    let mut record = page("h-bad", "Bad spans", "Short body about Oslo.")
        .entity("Oslo", "Oslo", EntityType::Place)
        .build();
    if let store::Outcome::Article(a) = &mut record.outcome {
        let mut wild = a.annotations.entities[0].clone();
        wild.start = 100;
        wild.end = 104;
        a.annotations.entities.push(wild);
    }
    let summary = store.write_batch(&[record], false).unwrap();
    assert_eq!((summary.mentions, summary.invalid_spans), (1, 1));
}

#[test]
fn clusters_grown_batch_by_batch_match_one_batch() {
    let para = |n: usize| {
        format!("Paragraph {n} tells how the council voted on the new bridge after a long debate about its cost and route through the old town.")
    };
    let full: Vec<String> = (0..6).map(para).collect();
    let body = full.join("\n\n");
    let edited = format!("{body}\n\nFollow us for more news every day.");
    let cut = full[..5].join("\n\n");
    let at = |d: u32| {
        (
            format!("2024-11-{d:02}T10:00:00+00:00"),
            format!("2024-11-{d:02}T10:00:00Z"),
        )
    };
    let dated = |hash: &str, text: &str, d: u32, site: &str| {
        let (local, utc) = at(d);
        page(hash, "Bridge vote", text)
            .published(&local, &utc)
            .site(site)
    };
    let records = vec![
        dated("c1", &body, 5, "a.example").agency("Yonhap").build(),
        dated("c2", &body, 6, "b.example").build(),
        dated("c3", &edited, 7, "c.example").agency("AFP").build(),
        page(
            "c9",
            "Weather",
            "Rain in the north and sun in the south, with nothing in common.",
        )
        .build(),
        // Earlier than the original so far: the cluster gets a new original.
        dated("c4", &body, 4, "d.example").agency("AFP").build(),
        page("c5", "Bridge vote", &cut).site("e.example").build(),
        dated("c6", &body, 8, "f.example").agency("AFP").build(),
    ];
    let snapshot = |store: &Store| {
        store
            .query(
                "SELECT d.content_hash, a.cluster_role, a.cluster_similarity, od.content_hash,
                        c.members, c.method, c.agency
                   FROM articles a JOIN documents d ON d.id = a.document_id
                   LEFT JOIN clusters c ON c.id = a.cluster_id
                   LEFT JOIN articles o ON o.id = c.original_article_id
                   LEFT JOIN documents od ON od.id = o.document_id
                  ORDER BY d.content_hash",
            )
            .unwrap()
            .rows
    };
    let one = TempDb::new();
    let mut whole = one.open();
    whole.write_batch(&records, false).unwrap();
    let many = TempDb::new();
    let mut grown = many.open();
    for record in &records {
        grown
            .write_batch(std::slice::from_ref(record), false)
            .unwrap();
    }
    let expected = snapshot(&whole);
    assert_eq!(snapshot(&grown), expected);
    let c6 = expected.iter().find(|r| r[0] == json!("c6")).unwrap();
    assert_eq!(c6[1], json!("exact"));
    assert_eq!(c6[3], json!("c4"));
    assert_eq!(c6[4], json!(6));
    assert_eq!(c6[5], json!("near"));
    assert_eq!(c6[6], json!("AFP"));
    assert_eq!(
        count(&grown, "SELECT count(*) FROM clusters WHERE votes IS NULL"),
        0
    );
}
