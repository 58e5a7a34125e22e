//! Read queries: search, article view, entities, timeline, export, views and raw SQL.

use crate::fixtures::{corpus, TempDb};
use serde_json::json;
use store::{Store, StoreError};

/// A store holding the test corpus.
fn filled() -> (TempDb, Store) {
    let db = TempDb::new();
    let mut store = db.open();
    store.write_batch(&corpus(), false).unwrap();
    (db, store)
}

#[test]
fn search_finds_and_ranks_with_snippets() {
    let (_db, store) = filled();
    let hits = store.search("Brussels", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(
        hits[0].title.as_deref(),
        Some("Borrell returns to Brussels after Seoul visit")
    );
    assert!(
        hits[0].snippet.contains("[Brussels]"),
        "{}",
        hits[0].snippet
    );
    // "Borrell" is in the follow-up's title, so it outranks the two copies that only say it in the body.
    let hits = store.search("borrell", 10).unwrap();
    assert_eq!(hits.len(), 3);
    assert_eq!(hits[0].day.as_deref(), Some("2024-11-04"));
    assert!(hits[0].rank <= hits[1].rank && hits[1].rank <= hits[2].rank);
    assert_eq!(store.search("Borrell", 1).unwrap().len(), 1);
    assert!(
        store
            .search("\"frank talks\" AND title:korea", 10)
            .unwrap()
            .len()
            == 2
    );
    assert!(store.search("Zürich", 10).unwrap().len() == 2);
    assert!(store.search("nothingness", 10).unwrap().is_empty());
    // A hyphen is FTS5 syntax; quoting makes it a phrase.
    assert_eq!(store.search("\"Cho Tae-yul\"", 10).unwrap().len(), 3);
}

#[test]
fn malformed_search_is_a_typed_error() {
    let (_db, store) = filled();
    for query in ["\"unterminated", "AND", "nosuchcolumn:word", "", "(a OR"] {
        match store.search(query, 10) {
            Err(StoreError::BadSearch { .. }) => {}
            other => panic!("{query:?} gave {other:?}"),
        }
    }
}

#[test]
fn substr_of_the_body_returns_each_mention_and_timex() {
    let (_db, store) = filled();
    for table in ["mentions", "timexes"] {
        let total = store
            .query(&format!("SELECT count(*) FROM {table}"))
            .unwrap()
            .rows[0][0]
            .clone();
        assert!(total.as_i64().unwrap() > 0);
        let wrong = store
            .query(&format!(
                "SELECT t.surface, substr(a.body, t.start + 1, t.end - t.start)
                   FROM {table} t JOIN articles a ON a.id = t.article_id
                  WHERE substr(a.body, t.start + 1, t.end - t.start) <> t.surface"
            ))
            .unwrap()
            .rows;
        assert!(wrong.is_empty(), "{table}: {wrong:?}");
    }
    // A mention after non-ASCII text (an em dash, curly quotes, an emoji) still lines up.
    let zurich = store
        .query("SELECT substr(a.body, m.start + 1, m.end - m.start), m.start FROM mentions m JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id WHERE e.name = 'Zürich' LIMIT 1")
        .unwrap()
        .rows;
    assert_eq!(zurich[0][0], json!("Zürich"));
    let expected = crate::fixtures::SEOUL_BODY
        .split("Zürich")
        .next()
        .unwrap()
        .chars()
        .count();
    assert_eq!(zurich[0][1], json!(expected));
}

#[test]
fn article_view_has_every_part() {
    let (_db, store) = filled();
    let id = store.search("Brussels", 1).unwrap()[0].article_id;
    let view = store.article(id).unwrap().unwrap();
    assert_eq!(view.authors, vec!["Ana Müller".to_owned()]);
    assert_eq!(view.day.as_deref(), Some("2024-11-04"));
    assert_eq!(view.paragraphs, 2);
    let published = view.published.as_ref().unwrap();
    assert_eq!(published.utc.as_deref(), Some("2024-11-04T17:30:00Z"));
    assert_eq!(published.source.as_deref(), Some("jsonld"));
    assert!(view.updated.is_none());
    assert_eq!(view.entities[0].name, "Josep Borrell");
    assert_eq!(view.entities[0].mentions.len(), 2);
    assert_eq!(view.entities[0].mentions[1].surface, "Borrell");
    assert_eq!(view.entities[0].mentions[1].sentence, Some(1));
    assert_eq!(view.timexes.len(), 2);
    assert!(view.copies.is_empty());

    let yonhap = store.search("frank", 10).unwrap();
    let original = yonhap
        .iter()
        .find(|h| h.site.as_deref() == Some("en.yna.co.kr"))
        .unwrap();
    let view = store.article(original.article_id).unwrap().unwrap();
    assert_eq!(view.agency.as_deref(), Some("Yonhap"));
    assert!(view.syndicated);
    assert_eq!(view.attributions[0].kind, "byline_agency");
    assert_eq!(view.removed.len(), 2);
    assert_eq!(view.removed[1].kind, "related");
    assert_eq!(view.dateline_place.as_deref(), Some("Seoul"));
    assert_eq!(view.copies.len(), 1);
    assert!(!view.copies[0].original);
    let copy = store.article(view.copies[0].article_id).unwrap().unwrap();
    assert!(copy.copies[0].original);
    assert_eq!(view.timexes[2].value, "2024-W43");
    assert_eq!(view.timexes[2].day, None);
    assert_eq!(view.timexes[0].day.as_deref(), Some("2024-11-03"));
    assert!(serde_json::to_string(&view)
        .unwrap()
        .contains("\"type\":\"PERSON\""));
    assert!(store.article(9999).unwrap().is_none());
}

#[test]
fn entity_list_counts_and_filters() {
    let (_db, store) = filled();
    let all = store.entities(None, 100).unwrap();
    // Ties on mentions and articles are broken by name.
    assert_eq!(
        (all[0].name.as_str(), all[0].mentions, all[0].articles),
        ("European Union", 7, 3)
    );
    assert_eq!(
        (all[1].name.as_str(), all[1].mentions, all[1].articles),
        ("Seoul", 7, 3)
    );
    assert!(all.windows(2).all(|w| w[0].mentions >= w[1].mentions));
    assert_eq!(all[1].first_day.as_deref(), Some("2024-11-03"));
    let people = store.entities(Some("per"), 10).unwrap();
    assert!(people.iter().all(|e| e.ty == "PERSON"));
    let borrell = people.iter().find(|e| e.name == "Josep Borrell").unwrap();
    assert_eq!(
        borrell.aliases,
        vec!["Borrell".to_owned(), "Josep Borrell".to_owned()]
    );
    assert_eq!(borrell.last_day.as_deref(), Some("2024-11-04"));
    assert_eq!(store.entities(Some("ORG"), 1).unwrap().len(), 1);
    let undated = all.iter().find(|e| e.name == "Pyongyang").unwrap();
    assert_eq!((undated.articles, undated.first_day.as_deref()), (1, None));
}

#[test]
fn timelines_per_day() {
    let (_db, store) = filled();
    let all = store.timeline(None).unwrap();
    assert_eq!(
        all.iter()
            .map(|r| (r.day.as_str(), r.articles))
            .collect::<Vec<_>>(),
        vec![("2024-11-03", 1), ("2024-11-04", 2)]
    );
    // Matched by alias, ignoring case.
    let eu = store.timeline(Some("eu")).unwrap();
    assert_eq!(eu.len(), 2);
    assert_eq!((eu[0].articles, eu[0].mentions), (1, 3));
    assert_eq!((eu[1].articles, eu[1].mentions), (2, 4));
    assert!(matches!(
        store.timeline(Some("Atlantis")),
        Err(StoreError::UnknownEntity(_))
    ));
}

#[test]
fn export_streams_every_article() {
    let (_db, store) = filled();
    let mut rows = Vec::new();
    store
        .export_articles(|row| {
            rows.push(row);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    assert_eq!(rows.len(), 4);
    assert!(rows.windows(2).all(|w| w[0].id < w[1].id));
    let first = &rows[0];
    assert!(first.entities.iter().all(|e| first
        .body
        .chars()
        .skip(e.start as usize)
        .take((e.end - e.start) as usize)
        .collect::<String>()
        == e.text));
    assert_eq!(first.timexes.len(), 3);
    let line = serde_json::to_string(first).unwrap();
    assert!(line.contains("\"canonical\":\"Cho Tae-yul\""));
    // The callback's error stops the export and comes back as is.
    let mut seen = 0;
    let stop = store.export_articles(|_| {
        seen += 1;
        Err(StoreError::Corrupt("stop".into()))
    });
    assert!(matches!(stop, Err(StoreError::Corrupt(_))));
    assert_eq!(seen, 1);
}

#[test]
fn views_answer_the_common_questions() {
    let (_db, store) = filled();
    let rows = |sql: &str| store.query(sql).unwrap().rows;
    let ae = rows("SELECT title, day, mentions FROM article_entities WHERE entity = 'Josep Borrell' ORDER BY day");
    assert_eq!(ae.len(), 3);
    assert_eq!(ae[0][2], json!(2));
    let stats = rows("SELECT mentions, articles, first_day, last_day FROM entity_stats WHERE entity = 'European Union'");
    assert_eq!(
        stats,
        vec![vec![
            json!(7),
            json!(3),
            json!("2024-11-03"),
            json!("2024-11-04")
        ]]
    );
    let co = rows("SELECT entity_b, articles FROM cooccurrence WHERE entity_a = 'Josep Borrell' ORDER BY articles DESC, entity_b");
    assert!(co.contains(&vec![json!("Cho Tae-yul"), json!(3)]));
    assert!(co.contains(&vec![json!("Brussels"), json!(1)]));
    let symmetric = rows("SELECT count(*) FROM cooccurrence x WHERE NOT EXISTS (SELECT 1 FROM cooccurrence y WHERE y.entity_a_id = x.entity_b_id AND y.entity_b_id = x.entity_a_id AND y.articles = x.articles)");
    assert_eq!(symmetric[0][0], json!(0));
    let tl = rows(
        "SELECT day, mentions, articles FROM entity_timeline WHERE entity = 'Seoul' ORDER BY day",
    );
    assert_eq!(
        tl,
        vec![
            vec![json!("2024-11-03"), json!(3), json!(1)],
            vec![json!("2024-11-04"), json!(4), json!(2)]
        ]
    );
}

#[test]
fn raw_sql_is_read_only() {
    let (db, store) = filled();
    let result = store
        .query(
            "SELECT id, title, syndicated, 1.5, x'00ff', NULL FROM articles ORDER BY id LIMIT 1;",
        )
        .unwrap();
    assert_eq!(
        result.columns,
        vec!["id", "title", "syndicated", "1.5", "x'00ff'", "NULL"]
    );
    assert_eq!(result.rows[0][2], json!(1));
    assert_eq!(result.rows[0][3], json!(1.5));
    assert_eq!(result.rows[0][4], json!("X'00FF'"));
    assert_eq!(result.rows[0][5], json!(null));
    for bad in [
        "DELETE FROM articles",
        "UPDATE articles SET title = 'x'",
        "SELECT 1; DELETE FROM articles",
        "CREATE TABLE t (x)",
        "SELECT * FROM no_such_table",
        "SELECT ?",
        "   ",
    ] {
        match store.query(bad) {
            Err(StoreError::BadQuery { .. }) => {}
            other => panic!("{bad:?} gave {other:?}"),
        }
    }
    assert_eq!(store.stats().unwrap().articles, 4);
    drop(store);
    let ro = Store::open_read_only(db.path()).unwrap();
    assert_eq!(
        ro.query("SELECT count(*) FROM articles").unwrap().rows[0][0],
        json!(4)
    );
    assert!(ro.query("DELETE FROM articles").is_err());
    let elsewhere = db.dir.path().join("elsewhere.db");
    assert!(ro
        .query(&format!("ATTACH '{}' AS other", elsewhere.display()))
        .is_err());
    assert!(!elsewhere.exists());
}
