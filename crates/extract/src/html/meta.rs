//! Metadata from the page head and structured data: JSON-LD (`NewsArticle` and kin), OpenGraph
//! and `article:*` meta tags, `<time datetime>`, canonical link, `lang`, and dates in the URL.

use std::collections::HashMap;
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
/// Page-level data attributes that carry the publication date (`<body data-pubdate="…">`).
static DATA_PUBDATE: LazyLock<Selector> = LazyLock::new(|| {
    selector("html[data-pubdate], body[data-pubdate], html[data-published], body[data-published], article[data-pubdate], article[data-published], body[data-publish-date]")
});
static HTML_LANG: LazyLock<Selector> = LazyLock::new(|| selector("html[lang]"));
static AUTHOR_LINKS: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"a[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]:not(:has([itemprop="name"])), [class*="author-name"], [class*="author__name"], [class*="authorName"], [class*="byline__name"], [class*="byline-name"], [class$="__author"], [class~="author"], [class~="byline"], [class*="author"][class*="name"]:not([class*="comment"]), [class*="-author"]:not([class*="comment"]):not([class*="avatar"]):not([class*="image"]), [class*="byline"][class*="author"]"#,
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

    let values: Vec<Value> = doc
        .select(&JSONLD)
        .filter_map(|script| {
            let raw: String = script.text().collect();
            serde_json::from_str::<Value>(raw.trim()).ok()
        })
        .collect();
    let mut items = Vec::new();
    for value in &values {
        flatten_jsonld(value, &mut items, 0);
    }
    // Graph nodes by `@id`: an article's `author` is often only a reference to a Person node.
    let nodes: HashMap<&str, &Value> = items
        .iter()
        .filter_map(|i| Some((i.get("@id")?.as_str()?, *i)))
        .collect();
    // Organisations the page names: an "author" with one of these names is not a person.
    let mut organisations: Vec<String> = Vec::new();
    for item in &items {
        if is_organisation(item) {
            organisations.extend(str_field(item, "name"));
        }
        // A publisher typed Person is a one-person site: its name may well be the author's.
        if let Some(publisher) = item.get("publisher").filter(|p| is_organisation(p)) {
            organisations.extend(str_field(publisher, "name"));
        }
    }
    {
        for item in items.iter().copied() {
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
                    people(author, &nodes, &mut hints.authors, &mut hints.agencies);
                }
            }
            if hints.site.is_none() {
                hints.site = item.get("publisher").and_then(|p| str_field(p, "name"));
            }
            if description.is_none() {
                description = str_field(item, "description");
            }
        }
        // Pages that describe themselves only as a `WebPage` still credit its author there.
        if hints.authors.is_empty() {
            for item in items
                .iter()
                .copied()
                .filter(|i| any_type(i, |t| t == "WebPage"))
            {
                if let Some(author) = item.get("author") {
                    people(author, &nodes, &mut hints.authors, &mut hints.agencies);
                }
            }
        }
    }

    let mut meta_authors: Vec<String> = Vec::new();
    // The site's own name: a one-word "author" with this name is the brand ("Acme" on acme.com).
    let mut brands: Vec<String> = Vec::new();
    // Twitter card label/data pairs: (number, content, whether it is the label).
    let mut twitter_cards: Vec<(String, &str, bool)> = Vec::new();

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
                brands.push(name_key(content));
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
            // Site-specific spellings: "published", "published-date", "w-published-date".
            k if is_published_key(k) => {
                hints.published = hints
                    .published
                    .take()
                    .or_else(|| timestamp::parse(content, Source::Meta));
            }
            k if is_updated_key(k) => {
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
            // Yoast's "Written by" card: `twitter:label1` names what `twitter:data1` holds.
            k if k.starts_with("twitter:label") => {
                twitter_cards.push((k["twitter:label".len()..].to_owned(), content, true));
            }
            k if k.starts_with("twitter:data") => {
                twitter_cards.push((k["twitter:data".len()..].to_owned(), content, false));
            }
            "content-language" | "og:locale" | "language" => {
                hints.language.get_or_insert_with(|| lang_code(content));
            }
            _ => {}
        }
    }
    meta_authors.extend(credited_in_cards(&twitter_cards));
    let canonical = doc
        .select(&CANONICAL)
        .next()
        .and_then(|el| el.value().attr("href"));
    for h in [hints.url.as_deref(), canonical]
        .into_iter()
        .flatten()
        .filter_map(host)
    {
        brands.extend(h.split('.').filter(|l| l.len() >= 3).map(name_key));
    }
    let organisations: Vec<String> = organisations.iter().map(|o| name_key(o)).collect();
    let is_organisation_name = |a: &Author| {
        let key = name_key(&a.name);
        organisations.contains(&key)
            || !a.name.contains(char::is_whitespace) && brands.contains(&key)
    };
    hints.authors.retain(|a| !is_organisation_name(a));
    if hints.authors.is_empty() {
        for raw in &meta_authors {
            add_author_names(raw, Source::Meta, &mut hints.authors, &mut hints.agencies);
        }
        hints.authors.retain(|a| !is_organisation_name(a));
    }
    if hints.authors.is_empty() {
        author_elements(doc, &mut hints.authors, &mut hints.agencies);
        hints.authors.retain(|a| !is_organisation_name(a));
    }
    if hints.published.is_none() {
        hints.published = doc.select(&DATA_PUBDATE).find_map(|el| {
            let el = el.value();
            ["data-pubdate", "data-published", "data-publish-date"]
                .into_iter()
                .find_map(|a| el.attr(a))
                .and_then(|d| timestamp::parse(d, Source::Meta))
        });
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

/// A meta name that holds the publication time in a spelling the table above lacks: it names
/// publishing ("published", "publish_date", "x-published-date"), not the publisher.
fn is_published_key(key: &str) -> bool {
    key.contains("publish")
        && !key.contains("publisher")
        && !key.contains("by")
        && !key.contains("modif")
        && !key.contains("update")
}

/// A meta name that holds the modification time ("modified", "last_updated", "x-updated-date").
fn is_updated_key(key: &str) -> bool {
    (key.contains("modified") || key.contains("updated"))
        && !key.contains("by")
        && !key.contains("author")
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
    any_type(item, check)
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

fn people(
    v: &Value,
    nodes: &HashMap<&str, &Value>,
    authors: &mut Vec<Author>,
    agencies: &mut Vec<String>,
) {
    match v {
        Value::Array(items) => items
            .iter()
            .for_each(|i| people(i, nodes, authors, agencies)),
        Value::String(s) => add_author_names(s, Source::Jsonld, authors, agencies),
        Value::Object(map) => {
            // `{"@id": "…#/schema/person/…"}`: the named node elsewhere in the graph.
            let node = match map.get("name") {
                None => map
                    .get("@id")
                    .and_then(Value::as_str)
                    .and_then(|id| nodes.get(id).copied())
                    .and_then(Value::as_object)
                    .unwrap_or(map),
                Some(_) => map,
            };
            let is_org = node
                .get("@type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.contains("Organization"));
            let names: Vec<&str> = match node.get("name") {
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

/// The names that Twitter card pairs credit as authors (`twitter:label1` "Written by",
/// `twitter:data1` "Jane Doe").
fn credited_in_cards(cards: &[(String, &str, bool)]) -> Vec<String> {
    cards
        .iter()
        .filter(|(_, label, is_label)| {
            *is_label
                && ["written by", "author", "by"]
                    .contains(&label.trim_end_matches(':').trim().to_lowercase().as_str())
        })
        .filter_map(|(n, _, _)| {
            cards
                .iter()
                .find(|(m, _, is_label)| m == n && !is_label)
                .map(|(_, data, _)| (*data).to_owned())
        })
        .collect()
}

/// Whether a JSON-LD node is an organisation or a site. A node typed both Person and
/// Organization (the publisher of a one-person site) is a person.
/// Whether a JSON-LD item's `@type` (one type or a list of them) has a type `check` accepts.
fn any_type(item: &Value, check: impl Fn(&str) -> bool) -> bool {
    match item.get("@type") {
        Some(Value::String(t)) => check(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(check),
        _ => false,
    }
}

fn is_organisation(item: &Value) -> bool {
    let check = |t: &str| t.contains("Organization") || t == "Corporation" || t == "WebSite";
    any_type(item, check) && !any_type(item, |t| t == "Person")
}

/// A name reduced to its lower-case letters and digits, for comparing organisation names.
fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Names in author markup (`rel=author`, `.author`, `.byline`, `[itemprop=author]`, …): the
/// first element that names someone, and those in the same byline (its grandparent), not the
/// credits of related stories further down the page.
fn author_elements(doc: &Html, authors: &mut Vec<Author>, agencies: &mut Vec<String>) {
    let mut scope: Option<ego_tree::NodeId> = None;
    for el in doc.select(&AUTHOR_LINKS).take(40) {
        if let Some(scope) = scope {
            if !el.ancestors().take(4).any(|a| a.id() == scope) {
                continue;
            }
        }
        let text: String = el.text().collect::<Vec<_>>().join(" ");
        let text = crate::blocks::collapse_ws(&text);
        let before = authors.len();
        let (parts, date_first): (Vec<&str>, bool) = match cut_at_date(&text) {
            Some(names) => (vec![names], false),
            // "Dec. 19, 2025 · Jane Doe": the date came first, set off by a separator.
            None => (
                text.split(['·', '|', '•'])
                    .skip(1)
                    .filter_map(|part| cut_at_date(part.trim()))
                    .collect(),
                true,
            ),
        };
        for part in parts {
            if part.split_whitespace().count() > 8 {
                continue;
            }
            add_author_names(part, Source::Text, authors, agencies);
            // After a date, a one-word "name" is more often a category ("March 20 | Wellness").
            if date_first && authors[before..].iter().any(|a| !a.name.contains(' ')) {
                authors.truncate(before);
            }
            if authors.len() > before {
                break;
            }
        }
        if scope.is_none() && authors.len() > before {
            scope = el
                .ancestors()
                .nth(1)
                .or_else(|| el.parent())
                .map(|a| a.id());
        }
    }
}

/// "Jane Doe 4 August 2010" → "Jane Doe": author markup often holds the date too. `None` when
/// the date comes before a second word ("Lifestyle March 12, 2025").
fn cut_at_date(text: &str) -> Option<&str> {
    let mut offset = 0;
    for (k, w) in text.split(' ').enumerate() {
        let key = w.trim_end_matches(['.', ',']).to_lowercase();
        let opens_date = timestamp::is_month_word(&key)
            || matches!(key.as_str(), "published" | "updated" | "posted" | "on");
        if k >= 1 && (w.starts_with(|c: char| c.is_ascii_digit()) || opens_date) {
            return (k >= 2)
                .then(|| text[..offset].trim_end_matches([' ', ',', '|', '-', '·', '•']));
        }
        offset += w.len() + 1;
    }
    Some(text)
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
        } else if let Some(name) =
            byline::person_name(name).or_else(|| declared_person(name, source))
        {
            if !authors.iter().any(|x| x.name.eq_ignore_ascii_case(&name)) {
                authors.push(Author { name, source });
            }
        }
    }
}

/// Account words: a handle made of one of them names a role or a shared login, not a person.
const ACCOUNT_WORDS: &[&str] = &[
    "undefined",
    "null",
    "none",
    "unknown",
    "anonymous",
    "admin",
    "team",
    "staff",
    "editor",
    "desk",
    "news",
    "user",
    "guest",
    "author",
    "webmaster",
    "press",
    "office",
    "info",
    "contact",
    "support",
    "marketing",
];

/// A name the page's metadata declares that the byline rules turn down for its form alone: a
/// full name written in lower case ("jane doe") or a person's account handle ("janedoe",
/// "jane.r.doe"), kept as declared. Handles of shared accounts ("admin", "newsteam") are not
/// people. Only for `Meta` and `Jsonld` sources: in running text such words are anything.
fn declared_person(name: &str, source: Source) -> Option<String> {
    if !matches!(source, Source::Meta | Source::Jsonld) {
        return None;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let lower_name = (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.len() >= 2 && w.chars().all(|c| c.is_lowercase() || c == '-' || c == '\''))
        && !words
            .iter()
            .any(|w| byline::is_role(w) || ACCOUNT_WORDS.contains(w));
    let handle = words.len() == 1
        && (4..=30).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
        && name.chars().filter(char::is_ascii_lowercase).count() >= 4
        // Digits only at the end ("jdoe42"): "q6vkpg2ma0ci" is a generated id.
        && !name
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .contains(|c: char| c.is_ascii_digit())
        && !ACCOUNT_WORDS.iter().any(|w| name.contains(w));
    (lower_name || handle).then(|| name.to_owned())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_names_in_lower_case_and_handles() {
        let meta = |n: &str| declared_person(n, Source::Meta);
        assert_eq!(meta("mira tolland").as_deref(), Some("mira tolland"));
        assert_eq!(meta("mtolland").as_deref(), Some("mtolland"));
        assert_eq!(meta("mira.k.tolland").as_deref(), Some("mira.k.tolland"));
        assert_eq!(meta("staff writer"), None);
        assert_eq!(meta("siteadmin"), None);
        assert_eq!(meta("newsteam"), None);
        assert_eq!(meta("abc"), None);
        assert_eq!(meta("undefined"), None);
        assert_eq!(meta("mtolland42").as_deref(), Some("mtolland42"));
        assert_eq!(meta("mtq6vkpg2ma0ci"), None);
        assert_eq!(declared_person("mtolland", Source::Byline), None);
    }

    fn dates_of(html: &str) -> (Option<String>, Option<String>) {
        let hints = read(&Html::parse_document(html), None).hints;
        (
            hints.published.map(|t| t.local),
            hints.updated.map(|t| t.local),
        )
    }

    #[test]
    fn unlisted_meta_date_names_are_read() {
        let html = r#"<html><head><meta name="x-published-date" content="2022-04-09T08:00:00Z">
            <meta name="publisher" content="2019 Quill Press">
            <meta name="page-last-updated" content="May 1, 2023"></head><body></body></html>"#;
        assert_eq!(
            dates_of(html),
            (
                Some("2022-04-09T08:00:00+00:00".to_owned()),
                Some("2023-05-01".to_owned())
            )
        );
    }

    #[test]
    fn body_data_pubdate_is_read() {
        let html = r#"<html><head></head><body data-pubdate="2021-06-30" data-lastmod="2024-01-02">
            <p>Text</p></body></html>"#;
        assert_eq!(dates_of(html).0.as_deref(), Some("2021-06-30"));
    }

    fn authors_of(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        read(&doc, None)
            .hints
            .authors
            .into_iter()
            .map(|a| a.name)
            .collect()
    }

    #[test]
    fn jsonld_author_reference_is_resolved_in_the_graph() {
        let html = r#"<html><head><script type="application/ld+json">
            {"@graph": [
              {"@type": "Article", "headline": "Tides", "author": {"@id": "https://x.test/#p1"}},
              {"@type": "Person", "@id": "https://x.test/#p1", "name": "Corin Maddox"}
            ]}</script></head><body></body></html>"#;
        assert_eq!(authors_of(html), vec!["Corin Maddox"]);
    }

    #[test]
    fn an_author_named_like_the_publisher_is_no_person() {
        let html = r#"<html><head><script type="application/ld+json">
            {"@type": "BlogPosting", "author": {"@type": "Person", "name": "Harbor Clinic"},
             "publisher": {"@type": "Organization", "name": "Harbor Clinic"}}</script>
            <meta name="author" content="Wren Calloway"></head><body></body></html>"#;
        assert_eq!(authors_of(html), vec!["Wren Calloway"]);
        let brand = r#"<html><head><link rel="canonical" href="https://www.lumafix.test/post">
            <meta name="author" content="Lumafix"></head><body></body></html>"#;
        assert!(authors_of(brand).is_empty());
        // A one-person site: the publisher is typed Person and Organization.
        let solo = r#"<html><head><script type="application/ld+json">
            {"@graph": [
              {"@type": "BlogPosting", "author": {"name": "Tamsin Hale", "@id": "https://x.test/#p"},
               "publisher": {"@id": "https://x.test/#p"}},
              {"@type": ["Person", "Organization"], "@id": "https://x.test/#p", "name": "Tamsin Hale"}
            ]}</script></head><body></body></html>"#;
        assert_eq!(authors_of(solo), vec!["Tamsin Hale"]);
    }

    #[test]
    fn twitter_card_credits() {
        let html = r#"<html><head>
            <meta name="twitter:label2" content="Est. reading time">
            <meta name="twitter:data2" content="5 minutes">
            <meta name="twitter:label1" content="Written by">
            <meta name="twitter:data1" content="Odile Ferrant">
            </head><body></body></html>"#;
        assert_eq!(authors_of(html), vec!["Odile Ferrant"]);
    }

    #[test]
    fn author_markup_takes_the_first_byline_only() {
        let html = r#"<html><body>
            <div class="post-meta"><span class="entry-author">Ines Varga 4 May 2024</span></div>
            <article><p>Text.</p></article>
            <ul class="related">
              <li><div><div><span class="card-author">Milo Brandt</span></div></div></li>
            </ul></body></html>"#;
        assert_eq!(authors_of(html), vec!["Ines Varga"]);
    }

    #[test]
    fn a_date_before_the_name_is_set_off() {
        let html = r#"<html><body><div class="publish-date-author">Dec. 19, 2025 &middot;
            Pell Aramburu on behalf of <a href="/team">the docs team</a></div></body></html>"#;
        assert_eq!(authors_of(html), vec!["Pell Aramburu"]);
    }

    #[test]
    fn dates_are_cut_from_author_markup() {
        assert_eq!(cut_at_date("Ines Varga 4 May 2024"), Some("Ines Varga"));
        assert_eq!(cut_at_date("Ines Varga, March 3"), Some("Ines Varga"));
        assert_eq!(cut_at_date("Lifestyle March 12, 2025"), None);
        assert_eq!(cut_at_date("Ines Varga"), Some("Ines Varga"));
    }
}
