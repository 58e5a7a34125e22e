//! Corpus-wide entity resolution: acronyms, spelling variants and surnames join one entity,
//! shared surnames do not, demonyms are linked, and the result does not depend on order.

use std::collections::BTreeSet;

use crate::fixtures::{corpus, corpus_resolution, page, TempDb};
use nlp_lite::EntityType;
use store::Store;

/// Every entity as "name/type: sorted aliases".
fn entities(store: &Store) -> BTreeSet<String> {
    let rows = store
        .query(
            "SELECT e.name || '/' || e.type || ': ' ||
                    coalesce((SELECT group_concat(alias, '|') FROM
                        (SELECT alias FROM entity_aliases x WHERE x.entity_id = e.id ORDER BY alias)), '')
               FROM entities e",
        )
        .unwrap();
    rows.rows
        .iter()
        .map(|r| r[0].as_str().unwrap_or("").to_owned())
        .collect()
}

/// The entity a name resolved to, as "name/type".
fn resolved(store: &Store, name: &str) -> String {
    let sql = format!(
        "SELECT e.name || '/' || e.type FROM entity_names n JOIN entities e ON e.id = n.entity_id
          WHERE n.name = '{name}'"
    );
    let rows = store.query(&sql).unwrap().rows;
    assert_eq!(rows.len(), 1, "{name}: {rows:?}");
    rows[0][0].as_str().unwrap_or("").to_owned()
}

#[test]
fn names_resolve_across_articles_and_shared_surnames_do_not() {
    let db = TempDb::new();
    let mut store = db.open();
    store.write_batch(&corpus(), false).unwrap();
    store.write_batch(&corpus_resolution(), false).unwrap();
    let summary = store.resolve_entities().unwrap();
    assert!(summary.merged >= 3, "{summary:?}");
    assert_eq!(resolved(&store, "EU"), "European Union/ORG");
    assert_eq!(resolved(&store, "Cho Tae Yul"), "Cho Tae-yul/PERSON");
    assert_eq!(resolved(&store, "Trump"), "Donald Trump/PERSON");
    assert_eq!(resolved(&store, "Lopez"), "Lopez/PERSON");
    assert_eq!(resolved(&store, "Maria Lopez"), "Maria Lopez/PERSON");
    let report = store.merge_report().unwrap();
    let rule = |name: &str| {
        report
            .iter()
            .find(|r| r.name == name)
            .map(|r| r.rule.clone())
            .unwrap_or_default()
    };
    assert_eq!(rule("EU"), "acronym");
    assert_eq!(rule("Trump"), "surname");
    assert_eq!(rule("Cho Tae Yul"), "variant");
    assert_eq!(rule("Lopez"), "ambiguous");
    // Mentions follow their names; the merged-away entity rows are gone.
    let eu = store
        .query("SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE e.name = 'European Union'")
        .unwrap();
    assert_eq!(eu.rows[0][0], serde_json::json!(9));
    assert!(store
        .query("SELECT 1 FROM entities WHERE name IN ('EU', 'Trump', 'Cho Tae Yul')")
        .unwrap()
        .rows
        .is_empty());
    let profile = store.entity_profile("South Korean", 5).unwrap();
    assert_eq!(profile.linked.len(), 1);
    assert_eq!(profile.linked[0].name, "South Korea");
    let all = entities(&store);
    assert!(
        all.contains("Donald Trump/PERSON: Donald Trump|Trump"),
        "{all:?}"
    );
}

#[test]
fn resolution_does_not_depend_on_ingest_order() {
    let forward = TempDb::new();
    let mut a = forward.open();
    a.write_batch(&corpus(), false).unwrap();
    a.resolve_entities().unwrap();
    a.write_batch(&corpus_resolution(), false).unwrap();
    a.resolve_entities().unwrap();
    let backward = TempDb::new();
    let mut b = backward.open();
    for record in corpus_resolution().into_iter().rev() {
        b.write_batch(&[record], false).unwrap();
        b.resolve_entities().unwrap();
    }
    b.write_batch(&corpus(), false).unwrap();
    b.resolve_entities().unwrap();
    assert_eq!(entities(&a), entities(&b));
}

#[test]
fn merge_equals_a_single_database() {
    let single = TempDb::new();
    let mut one = single.open();
    one.write_batch(&corpus(), false).unwrap();
    one.write_batch(&corpus_resolution(), false).unwrap();
    one.resolve_entities().unwrap();
    let (left, right, out) = (TempDb::new(), TempDb::new(), TempDb::new());
    let mut l = left.open();
    l.write_batch(&corpus(), false).unwrap();
    l.resolve_entities().unwrap();
    drop(l);
    let mut r = right.open();
    r.write_batch(&corpus_resolution(), false).unwrap();
    r.resolve_entities().unwrap();
    drop(r);
    let mut merged = out.open();
    let summary = merged
        .merge(&[
            left.path().as_path(),
            right.path().as_path(),
            left.path().as_path(),
        ])
        .unwrap();
    assert_eq!(summary.inputs, 3);
    assert!(summary.duplicates > 0);
    assert_eq!(entities(&merged), entities(&one));
    for table in [
        "documents",
        "articles",
        "mentions",
        "timexes",
        "entity_aliases",
        "clusters",
        "attributions",
        "removed_blocks",
        "articles_fts",
    ] {
        let sql = format!("SELECT count(*) FROM {table}");
        assert_eq!(
            merged.query(&sql).unwrap().rows,
            one.query(&sql).unwrap().rows,
            "{table}"
        );
    }
    assert_eq!(
        merged.search("borrell", 10).unwrap().len(),
        one.search("borrell", 10).unwrap().len()
    );
    drop(merged);
    rusqlite::Connection::open(out.path())
        .unwrap()
        .execute(
            "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')",
            [],
        )
        .expect("FTS index matches the merged articles");
}

#[test]
fn resolution_is_current_until_a_new_name_or_acronym_is_stored() {
    let db = TempDb::new();
    let mut store = db.open();
    assert!(!store.entities_resolved().unwrap(), "never resolved");
    store.write_batch(&corpus(), false).unwrap();
    store.resolve_entities().unwrap();
    assert!(store.entities_resolved().unwrap());
    // Writes a page whose text names `surface`, tagged `canonical` of type `ty`.
    let write = |store: &mut Store, hash: &str, text: &str, mention: (&str, &str, EntityType)| {
        let record = page(hash, "Talks", text)
            .entity(mention.0, mention.1, mention.2)
            .build();
        store.write_batch(&[record], false).unwrap();
    };
    let unesco = ("Unesco", "Unesco", EntityType::Org);
    // A page that names only stored names changes nothing resolution reads.
    write(&mut store, "h-known", "Unesco met again.", unesco);
    store.resolve_entities().unwrap();
    write(&mut store, "h-known-2", "Unesco met once more.", unesco);
    assert!(store.entities_resolved().unwrap());
    // A new name does.
    let varga = ("Ilse Varga", "Ilse Varga", EntityType::Person);
    write(&mut store, "h-new", "Ilse Varga met.", varga);
    assert!(!store.entities_resolved().unwrap());
    store.resolve_entities().unwrap();
    assert!(store.entities_resolved().unwrap());
    // And so does a new acronym of a stored name.
    let acronym = ("IV", "Ilse Varga", EntityType::Person);
    write(&mut store, "h-acronym", "The IV team met.", acronym);
    assert!(!store.entities_resolved().unwrap());
}
