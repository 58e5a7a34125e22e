//! Metadata from the page head and structured data: JSON-LD (`NewsArticle` and kin), OpenGraph
//! and `article:*` meta tags, `<time datetime>`, canonical link, `lang`, and dates in the URL.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{Html, Selector};
use serde_json::Value;

use crate::article::{Author, Source};
use crate::assemble::Hints;
use crate::byline::{self, agency_name};
use crate::timestamp;

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("static selector")
}

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static JSONLD: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector(r#"link[rel="canonical"]"#));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static HTML_LANG: LazyLock<Selector> = LazyLock::new(|| selector("html[lang]"));
static AUTHOR_LINKS: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"a[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]:not(:has([itemprop="name"])), [class*="author-name"], [class*="author__name"], [class*="authorName"], [class*="byline__name"], [class*="byline-name"], [class$="__author"], [class~="author"], [class~="byline"]"#,
    )
});
static NUMERIC_ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));").expect("static regex")
});
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)").expect("static regex")
});

/// What the head and structured data say, plus the `<title>` and og:title for title choice.
pub(crate) struct PageMeta {
    /// The hints handed to assembly.
    pub hints: Hints,
    /// JSON-LD headline.
    pub headline: Option<String>,
    /// og:title / twitter:title.
    pub og_title: Option<String>,
    /// The `<title>` element.
    pub html_title: Option<String>,
    /// Standfirst candidate from the description tags.
    pub description: Option<String>,
}

/// Reads the page's metadata.
pub(crate) fn read(doc: &Html, url: Option<&str>) -> PageMeta {
    let mut hints = Hints {
        url: url.map(str::to_owned),
        ..Hints::default()
    };
    let mut headline = None;
    let mut description = None;
    let mut og_title = None;

    for script in doc.select(&JSONLD) {
        let raw: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let mut items = Vec::new();
        flatten_jsonld(&value, &mut items, 0);
        for item in items {
            if !is_article_type(item) {
                continue;
            }
            if headline.is_none() {
                headline = str_field(item, "headline").or_else(|| str_field(item, "name"));
            }
            if hints.published.is_none() {
                hints.published = str_field(item, "datePublished")
                    .and_then(|d| timestamp::parse(&d, Source::Jsonld));
            }
            if hints.updated.is_none() {
                hints.updated = str_field(item, "dateModified")
                    .and_then(|d| timestamp::parse(&d, Source::Jsonld));
            }
            if hints.authors.is_empty() {
                if let Some(author) = item.get("author") {
                    people(author, &mut hints.authors, &mut hints.agencies);
                }
            }
            if hints.site.is_none() {
                hints.site = item.get("publisher").and_then(|p| str_field(p, "name"));
            }
            if description.is_none() {
                description = str_field(item, "description");
            }
        }
    }

    let mut meta_authors: Vec<String> = Vec::new();
    for m in doc.select(&META) {
        let el = m.value();
        let key = el
            .attr("property")
            .or_else(|| el.attr("name"))
            .or_else(|| el.attr("itemprop"))
            .or_else(|| el.attr("http-equiv"))
            .unwrap_or_default()
            .to_ascii_lowercase();
        let Some(content) = el.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        match key.as_str() {
            "og:title" | "twitter:title" => {
                og_title.get_or_insert_with(|| content.to_owned());
            }
            "og:site_name" | "application-name" => {
                hints.site.get_or_insert_with(|| content.to_owned());
            }
            "og:url" => {
                hints.url.get_or_insert_with(|| content.to_owned());
            }
            "og:description" | "description" | "twitter:description" => {
                description.get_or_insert_with(|| content.to_owned());
            }
            "article:published_time"
            | "datepublished"
            | "pubdate"
            | "publishdate"
            | "publish-date"
            | "date"
            | "dc.date.issued"
            | "dc.date"
            | "dcterms.created"
            | "sailthru.date"
            | "parsely-pub-date"
            | "article.published"
            | "og:published_time"
            | "publication_date" => {
                hints.published = hints
                    .published
                    .take()
                    .or_else(|| timestamp::parse(content, Source::Meta));
            }
            "article:modified_time"
            | "og:updated_time"
            | "datemodified"
            | "dcterms.modified"
            | "last-modified"
            | "article.updated" => {
                hints.updated = hints
                    .updated
                    .take()
                    .or_else(|| timestamp::parse(content, Source::Meta));
            }
            "author" | "article:author" | "dc.creator" | "parsely-author" | "sailthru.author"
                if !content.contains("://") =>
            {
                meta_authors.push(content.to_owned());
            }
            "content-language" | "og:locale" | "language" => {
                hints.language.get_or_insert_with(|| lang_code(content));
            }
            _ => {}
        }
    }
    if hints.authors.is_empty() {
        for raw in &meta_authors {
            add_author_names(raw, Source::Meta, &mut hints.authors, &mut hints.agencies);
        }
    }
    if hints.authors.is_empty() {
        for el in doc.select(&AUTHOR_LINKS).take(6) {
            let text: String = el.text().collect::<Vec<_>>().join(" ");
            if text.split_whitespace().count() > 8 {
                continue;
            }
            add_author_names(&text, Source::Text, &mut hints.authors, &mut hints.agencies);
        }
    }
    if hints.published.is_none() {
        hints.published = doc.select(&TIME).find_map(|t| {
            t.value()
                .attr("datetime")
                .and_then(|d| timestamp::parse(d, Source::TimeElement))
        });
    }
    if let Some(el) = doc.select(&CANONICAL).next() {
        hints.canonical_url = el.value().attr("href").map(str::to_owned);
    }
    if hints.published.is_none() {
        let from_url = hints
            .canonical_url
            .as_deref()
            .or(hints.url.as_deref())
            .unwrap_or_default();
        if let Some(c) = URL_DATE.captures(from_url) {
            let iso = format!("{}-{:0>2}-{:0>2}", &c[1], &c[2], &c[3]);
            hints.published = timestamp::parse(&iso, Source::Url).map(|mut t| {
                t.raw = c[0].to_owned();
                t
            });
        }
    }
    if let Some(el) = doc.select(&HTML_LANG).next() {
        if let Some(l) = el.value().attr("lang").filter(|l| !l.trim().is_empty()) {
            hints.language = Some(lang_code(l));
        }
    }
    if hints.site.is_none() {
        hints.site = hints
            .canonical_url
            .as_deref()
            .or(hints.url.as_deref())
            .and_then(host);
    }
    let html_title = doc
        .select(&TITLE)
        .next()
        .map(|t| crate::blocks::collapse_ws(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    PageMeta {
        hints,
        headline,
        og_title,
        html_title,
        description,
    }
}

fn flatten_jsonld<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| flatten_jsonld(i, out, depth + 1)),
        Value::Object(map) => {
            out.push(v);
            if let Some(graph) = map.get("@graph") {
                flatten_jsonld(graph, out, depth + 1);
            }
            if let Some(main) = map.get("mainEntity") {
                flatten_jsonld(main, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn is_article_type(item: &Value) -> bool {
    let check = |t: &str| {
        matches!(
            t,
            "NewsArticle"
                | "Article"
                | "BlogPosting"
                | "ReportageNewsArticle"
                | "AnalysisNewsArticle"
                | "OpinionNewsArticle"
                | "BackgroundNewsArticle"
                | "TechArticle"
                | "ScholarlyArticle"
                | "LiveBlogPosting"
                | "Report"
                | "SocialMediaPosting"
        )
    };
    match item.get("@type") {
        Some(Value::String(t)) => check(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(check),
        _ => false,
    }
}

fn str_field(item: &Value, key: &str) -> Option<String> {
    match item.get(key)? {
        Value::String(s) => {
            Some(crate::blocks::collapse_ws(&decode_entities(s))).filter(|s| !s.is_empty())
        }
        Value::Array(a) => a.first().and_then(|v| v.as_str()).map(str::to_owned),
        _ => None,
    }
}

/// JSON-LD strings sometimes carry HTML entities; decode numeric ones and the common named ones.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let numeric = NUMERIC_ENTITY.replace_all(s, |c: &regex::Captures| {
        let (digits, radix) = match c.get(1) {
            Some(hex) => (hex.as_str(), 16),
            None => (c.get(2).map_or("", |m| m.as_str()), 10),
        };
        u32::from_str_radix(digits, radix)
            .ok()
            .and_then(char::from_u32)
            .map_or_else(|| c[0].to_owned(), String::from)
    });
    numeric
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
}

fn people(v: &Value, authors: &mut Vec<Author>, agencies: &mut Vec<String>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| people(i, authors, agencies)),
        Value::String(s) => add_author_names(s, Source::Jsonld, authors, agencies),
        Value::Object(map) => {
            let is_org = map
                .get("@type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.contains("Organization"));
            let names: Vec<&str> = match map.get("name") {
                Some(Value::String(s)) => vec![s.as_str()],
                Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            for name in names {
                if is_org {
                    if let Some(a) = agency_name(name) {
                        agencies.push(a.to_owned());
                    }
                } else {
                    add_author_names(name, Source::Jsonld, authors, agencies);
                }
            }
        }
        _ => {}
    }
}

/// Splits an author string ("A, B and C") into people and agencies.
fn add_author_names(
    raw: &str,
    source: Source,
    authors: &mut Vec<Author>,
    agencies: &mut Vec<String>,
) {
    let text = crate::blocks::collapse_ws(raw);
    let text = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("by "))
        .unwrap_or(&text);
    if text.is_empty() || text.contains("://") {
        return;
    }
    // What follows a '|' or '/' is an affiliation ("Jane Doe | The Daily").
    let text = text.split(['|', '/']).next().unwrap_or_default();
    for part in text.split([',', ';', '&']).flat_map(|p| p.split(" and ")) {
        let name = part.trim();
        if name.is_empty() {
            continue;
        }
        if let Some(a) = agency_name(name) {
            if !agencies.iter().any(|x| x == a) {
                agencies.push(a.to_owned());
            }
        } else if byline::looks_like_person(name)
            && !authors.iter().any(|x| x.name.eq_ignore_ascii_case(name))
        {
            authors.push(Author {
                name: name.to_owned(),
                source,
            });
        }
    }
}

fn lang_code(raw: &str) -> String {
    raw.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}
