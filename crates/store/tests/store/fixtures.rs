//! Synthetic pages (invented text) with entities and dates, and small database helpers.

use extract::{
    Article, Attribution, AttributionKind, Author, Dateline, PageFormat, RemovedBlock, RemovedKind,
    Source, Timestamp,
};
use nlp_lite::{Annotations, Entity, EntityType, Sentence, Timex, TimexType};
use store::{AnalysedArticle, DocumentInfo, Outcome, Record, Store};

/// A temporary directory holding `news.db`.
pub struct TempDb {
    pub dir: tempfile::TempDir,
}

impl TempDb {
    pub fn new() -> TempDb {
        TempDb {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("news.db")
    }

    pub fn open(&self) -> Store {
        Store::open(self.path()).expect("open store")
    }
}

/// Builds one page record.
pub struct Page {
    hash: String,
    article: Article,
    entities: Vec<(String, String, EntityType)>,
    timexes: Vec<(String, TimexType, String)>,
}

/// A page with this content hash, title, body and publication instant (`local`, `utc`).
pub fn page(hash: &str, title: &str, body: &str) -> Page {
    Page {
        hash: hash.to_owned(),
        article: Article {
            format: PageFormat::Html,
            title: Some(title.to_owned()),
            body: body.to_owned(),
            language: Some("en".to_owned()),
            ..Article::default()
        },
        entities: Vec::new(),
        timexes: Vec::new(),
    }
}

impl Page {
    pub fn published(mut self, local: &str, utc: &str) -> Page {
        self.article.published = Some(Timestamp {
            local: local.to_owned(),
            utc: Some(utc.to_owned()),
            raw: local.to_owned(),
            source: Source::Jsonld,
        });
        self
    }

    pub fn site(mut self, site: &str) -> Page {
        self.article.site = Some(site.to_owned());
        self.article.url = Some(format!("https://{site}/story/{}", self.hash));
        self
    }

    pub fn agency(mut self, agency: &str) -> Page {
        self.article.agency = Some(agency.to_owned());
        self.article.syndicated = true;
        self.article.attributions.push(Attribution {
            name: agency.to_owned(),
            kind: AttributionKind::BylineAgency,
        });
        self
    }

    pub fn author(mut self, name: &str) -> Page {
        self.article.authors.push(Author {
            name: name.to_owned(),
            source: Source::Byline,
        });
        self
    }

    pub fn dateline(mut self, place: &str, date: Option<&str>) -> Page {
        self.article.dateline = Some(Dateline {
            place: place.to_owned(),
            date: date.map(str::to_owned),
        });
        self
    }

    /// A removed block with article text before it.
    pub fn removed(mut self, kind: RemovedKind, text: &str) -> Page {
        self.article.removed.push(RemovedBlock {
            kind,
            text: text.to_owned(),
            follows_removed: false,
        });
        self
    }

    /// A removed block right after the previous removed block in the page.
    pub fn removed_next(mut self, kind: RemovedKind, text: &str) -> Page {
        self.article.removed.push(RemovedBlock {
            kind,
            text: text.to_owned(),
            follows_removed: true,
        });
        self
    }

    pub fn lead(mut self, lead: &str) -> Page {
        self.article.lead = Some(lead.to_owned());
        self
    }

    /// Tags every occurrence of `surface` as a mention of (`canonical`, `ty`); in `with [Borrell]`
    /// only the bracketed part is the mention, the rest is context to find it.
    pub fn entity(mut self, surface: &str, canonical: &str, ty: EntityType) -> Page {
        self.entities
            .push((surface.to_owned(), canonical.to_owned(), ty));
        self
    }

    /// Tags the first occurrence of `surface` as a timex.
    pub fn timex(mut self, surface: &str, ty: TimexType, value: &str) -> Page {
        self.timexes
            .push((surface.to_owned(), ty, value.to_owned()));
        self
    }

    pub fn build(self) -> Record {
        let body = &self.article.body;
        let mut entities = Vec::new();
        for (pattern, canonical, ty) in &self.entities {
            let context: String = pattern.chars().filter(|c| *c != '[' && *c != ']').collect();
            let (skip, surface) = match (pattern.find('['), pattern.find(']')) {
                (Some(open), Some(close)) => {
                    (pattern[..open].chars().count(), &pattern[open + 1..close])
                }
                _ => (0, pattern.as_str()),
            };
            for at in char_occurrences(body, &context) {
                let start = at + skip;
                entities.push(Entity {
                    text: surface.to_owned(),
                    start,
                    end: start + surface.chars().count(),
                    ty: *ty,
                    canonical: canonical.clone(),
                });
            }
        }
        entities.sort_by_key(|e| e.start);
        let timexes = self
            .timexes
            .iter()
            .filter_map(|(surface, ty, value)| {
                let start = *char_occurrences(body, surface).first()?;
                Some(Timex {
                    text: surface.clone(),
                    start,
                    end: start + surface.chars().count(),
                    ty: *ty,
                    value: value.clone(),
                    anchored: true,
                    modifier: None,
                })
            })
            .collect();
        Record {
            document: DocumentInfo {
                path: format!("pages/{}.html", self.hash),
                content_hash: self.hash.clone(),
                bytes: body.len() as u64 + 500,
                format: Some("html".to_owned()),
                encoding: Some("UTF-8".to_owned()),
            },
            outcome: Outcome::Article(Box::new(AnalysedArticle {
                annotations: Annotations {
                    sentences: paragraphs(body),
                    entities,
                    timexes,
                },
                article: self.article,
                fingerprint: None,
            })),
        }
    }
}

/// A record for a page that could not be processed.
pub fn failed(hash: &str, reason: &str) -> Record {
    Record {
        document: DocumentInfo {
            path: format!("pages/{hash}.html"),
            content_hash: hash.to_owned(),
            bytes: 12,
            format: None,
            encoding: None,
        },
        outcome: Outcome::Failed(reason.to_owned()),
    }
}

/// Character offsets of every occurrence of `needle` in `haystack`.
fn char_occurrences(haystack: &str, needle: &str) -> Vec<usize> {
    haystack
        .match_indices(needle)
        .map(|(byte, _)| haystack[..byte].chars().count())
        .collect()
}

/// One "sentence" per paragraph, in character offsets.
fn paragraphs(body: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    for para in body.split("\n\n") {
        let len = para.chars().count();
        out.push(Sentence {
            start,
            end: start + len,
        });
        start += len + 2;
    }
    out
}

pub const SEOUL_BODY: &str = "Seoul, Nov 3 — South Korea's Foreign Minister Cho Tae-yul met Josep Borrell of the European Union (EU) in Seoul on Sunday to discuss North Korea.\n\nCho said the talks with Borrell were \u{201c}frank\u{201d} 🙂 and that the EU and Seoul would meet again last week of the month in Zürich.";

/// A small corpus: a Yonhap story, its syndicated copy, a follow-up, an undated note and a failure.
pub fn corpus() -> Vec<Record> {
    let yonhap = |hash: &str, site: &str, local: &str, utc: &str| {
        page(
            hash,
            "Seoul and EU hold frank talks on North Korea",
            SEOUL_BODY,
        )
        .published(local, utc)
        .site(site)
        .agency("Yonhap")
        .dateline("Seoul", Some("2024-11-03"))
        .lead("The foreign minister met the EU's top diplomat.")
        .removed(RemovedKind::Navigation, "Home | World | Asia")
        .removed(RemovedKind::Related, "Related Stories: Seoul weather")
        .entity("Seoul", "Seoul", EntityType::Place)
        .entity("South Korea", "South Korea", EntityType::Place)
        .entity("Cho Tae-yul", "Cho Tae-yul", EntityType::Person)
        .entity("[Cho] said", "Cho Tae-yul", EntityType::Person)
        .entity("Josep Borrell", "Josep Borrell", EntityType::Person)
        .entity("with [Borrell]", "Josep Borrell", EntityType::Person)
        .entity("European Union", "European Union", EntityType::Org)
        .entity("([EU])", "European Union", EntityType::Org)
        .entity("the [EU] and", "European Union", EntityType::Org)
        .entity("North Korea", "North Korea", EntityType::Place)
        .entity("Zürich", "Zürich", EntityType::Place)
        .timex("Nov 3", TimexType::Date, "2024-11-03")
        .timex("Sunday", TimexType::Date, "2024-11-03")
        .timex("last week", TimexType::Date, "2024-W43")
        .build()
    };
    let mut out = vec![
        yonhap(
            "h-yonhap",
            "en.yna.co.kr",
            "2024-11-03T15:05:00+09:00",
            "2024-11-03T06:05:00Z",
        ),
        yonhap(
            "h-copy",
            "koreaherald.example",
            "2024-11-04T08:00:00+09:00",
            "2024-11-03T23:00:00Z",
        ),
    ];
    out.push(
        page(
            "h-followup",
            "Borrell returns to Brussels after Seoul visit",
            "Brussels — Josep Borrell returned from Seoul on Monday, a day after meeting Cho Tae-yul.\n\nThe European Union said Borrell will report to ministers next week.",
        )
        .published("2024-11-04T18:30:00+01:00", "2024-11-04T17:30:00Z")
        .site("euobserver.example")
        .author("Ana Müller")
        .entity("Brussels", "Brussels", EntityType::Place)
        .entity("Josep Borrell", "Josep Borrell", EntityType::Person)
        .entity("said [Borrell]", "Josep Borrell", EntityType::Person)
        .entity("Seoul", "Seoul", EntityType::Place)
        .entity("Cho Tae-yul", "Cho Tae-yul", EntityType::Person)
        .entity("European Union", "European Union", EntityType::Org)
        .timex("Monday", TimexType::Date, "2024-11-04")
        .timex("next week", TimexType::Date, "2024-W46")
        .build(),
    );
    out.push(
        page(
            "h-undated",
            "A note from Pyongyang",
            "Reports from Pyongyang could not be confirmed.",
        )
        .site("notes.example")
        .entity("Pyongyang", "Pyongyang", EntityType::Place)
        .build(),
    );
    out.push(failed(
        "h-broken",
        "no article text found\n  (page is a login wall)",
    ));
    out
}

/// Pages that exercise corpus-wide entity resolution: a bare acronym, a spelling variant, a
/// surname alone, a surname two people share, and a demonym.
pub fn corpus_resolution() -> Vec<Record> {
    vec![
        page(
            "h-bare",
            "Ministers meet",
            "EU ministers met South Korean diplomats and Cho Tae Yul in Lima. Trump was not there.",
        )
        .published("2024-11-05T10:00:00+00:00", "2024-11-05T10:00:00Z")
        .site("wire.example")
        .entity("EU", "EU", EntityType::Org)
        .entity("South Korean", "South Korean", EntityType::Norp)
        .entity("Cho Tae Yul", "Cho Tae Yul", EntityType::Person)
        .entity("Lima", "Lima", EntityType::Place)
        .entity("Trump", "Trump", EntityType::Person)
        .build(),
        page(
            "h-trump",
            "Trump speaks",
            "Donald Trump spoke in Lima about trade with the European Union.",
        )
        .published("2024-11-12T10:00:00+00:00", "2024-11-12T10:00:00Z")
        .site("wire.example")
        .entity("Donald Trump", "Donald Trump", EntityType::Person)
        .entity("Lima", "Lima", EntityType::Place)
        .entity("European Union", "European Union", EntityType::Org)
        .build(),
        page(
            "h-lopez",
            "Two Lopezes",
            "Maria Lopez and Daniel Lopez stood in the election.",
        )
        .published("2024-12-01T10:00:00+00:00", "2024-12-01T10:00:00Z")
        .site("local.example")
        .entity("Maria Lopez", "Maria Lopez", EntityType::Person)
        .entity("Daniel Lopez", "Daniel Lopez", EntityType::Person)
        .build(),
        page(
            "h-lopez-bare",
            "Lopez wins",
            "Lopez won the seat by nine votes.",
        )
        .published("2024-12-02T10:00:00+00:00", "2024-12-02T10:00:00Z")
        .site("local.example")
        .entity("Lopez", "Lopez", EntityType::Person)
        .build(),
    ]
}
