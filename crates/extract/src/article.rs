//! The Article: what extraction produces for one page (DESIGN §3), serialised as `newsdb extract` JSON.

use serde::{Deserialize, Serialize};

/// One extracted news article with its metadata and every block that was removed from it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Whether the page was HTML or a plain-text dump.
    pub format: PageFormat,
    /// The headline shown on the page, without the site name.
    pub title: Option<String>,
    /// The standfirst or teaser, when the page has a distinct one.
    pub lead: Option<String>,
    /// The article text: paragraphs joined by a blank line. Spans elsewhere are character offsets into it.
    pub body: String,
    /// The people who wrote the article (never agencies or "Staff").
    pub authors: Vec<Author>,
    /// The wire service that authored the article (IANS, AP, Reuters, …).
    pub agency: Option<String>,
    /// Agencies and sources credited by the page.
    pub attributions: Vec<Attribution>,
    /// When the article was first published.
    pub published: Option<Timestamp>,
    /// When the article was last updated.
    pub updated: Option<Timestamp>,
    /// The place and date that open the body ("Seoul, Nov 3").
    pub dateline: Option<Dateline>,
    /// The site's name or domain.
    pub site: Option<String>,
    /// The page URL, when known.
    pub url: Option<String>,
    /// The canonical URL the page declares.
    pub canonical_url: Option<String>,
    /// ISO 639-1 code of the body's language.
    pub language: Option<String>,
    /// Whether the article is syndicated from an agency feed or another source.
    pub syndicated: bool,
    /// Every block that is not the article, in page order, with its kind.
    pub removed: Vec<RemovedBlock>,
}

/// The two input formats newsdb reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageFormat {
    /// An HTML document.
    #[default]
    Html,
    /// A plain-text dump of a whole rendered page.
    Text,
}

impl PageFormat {
    /// The lowercase name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            PageFormat::Html => "html",
            PageFormat::Text => "text",
        }
    }
}

/// An author and where the name was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// The person's name as shown.
    pub name: String,
    /// Where the name came from.
    pub source: Source,
}

/// Where a piece of metadata was found on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A JSON-LD block (`NewsArticle` and friends).
    Jsonld,
    /// A `<meta>` tag (OpenGraph, article:*, name=author, …).
    Meta,
    /// A `<time datetime>` element.
    TimeElement,
    /// The visible byline ("By IANS | Updated: …").
    Byline,
    /// The dateline at the start of the body.
    Dateline,
    /// The page URL.
    Url,
    /// An author bio block after the article.
    AuthorBio,
    /// Visible text elsewhere on the page.
    Text,
    /// When the page was fetched (a WARC record's date): a fallback, not the page's own claim.
    Fetch,
}

impl Source {
    /// The snake_case name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Jsonld => "jsonld",
            Source::Meta => "meta",
            Source::TimeElement => "time_element",
            Source::Byline => "byline",
            Source::Dateline => "dateline",
            Source::Url => "url",
            Source::AuthorBio => "author_bio",
            Source::Text => "text",
            Source::Fetch => "fetch",
        }
    }
}

/// A credited agency or source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The agency or source name ("Yonhap", "vietnamnews.vn").
    pub name: String,
    /// How it is credited.
    pub kind: AttributionKind,
}

/// How a source is credited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionKind {
    /// The agency named in the byline ("By IANS").
    BylineAgency,
    /// "Yonhap news agency reported".
    ReportedBy,
    /// "Original Source: vietnamnews.vn".
    OriginalSource,
    /// "(via Reuters)".
    Via,
}

impl AttributionKind {
    /// The snake_case name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionKind::BylineAgency => "byline_agency",
            AttributionKind::ReportedBy => "reported_by",
            AttributionKind::OriginalSource => "original_source",
            AttributionKind::Via => "via",
        }
    }
}

/// A point in time as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timestamp {
    /// RFC 3339 local form with the page's offset (`2024-11-03T15:05:00+05:30`), or a bare
    /// civil date/time when the page gives no (unambiguous) zone.
    pub local: String,
    /// The instant in UTC (`2024-11-03T09:35:00Z`), when the offset is known.
    pub utc: Option<String>,
    /// The text as found on the page.
    pub raw: String,
    /// Where it was found.
    pub source: Source,
}

impl Timestamp {
    /// The calendar day (`YYYY-MM-DD`) in the page's own zone.
    pub fn day(&self) -> Option<jiff::civil::Date> {
        self.local.get(..10).and_then(|d| d.parse().ok())
    }
}

/// The place and date that open a wire story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The place ("Seoul").
    pub place: String,
    /// The date, ISO `YYYY-MM-DD`, when it resolves.
    pub date: Option<String>,
}

/// A block removed from the article, kept for audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedBlock {
    /// What kind of boilerplate it is.
    pub kind: RemovedKind,
    /// Its text.
    pub text: String,
    /// Whether the block just before it in the page was removed too (no article text between
    /// them), so that a store may keep a run of one kind as one record. Not in the JSON.
    #[serde(skip)]
    pub follows_removed: bool,
}

/// The kinds of removed blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovedKind {
    /// Menus and section links.
    Navigation,
    /// Site name, tagline, masthead.
    SiteHeader,
    /// "Open in App", newsletter and subscription prompts.
    Promo,
    /// Share buttons and rows.
    Share,
    /// "Related Stories" and other headline lists.
    Related,
    /// Disclaimers ("auto-published from an agency feed").
    Disclaimer,
    /// Source credits ("Original Source: …").
    Attribution,
    /// An author's biography.
    AuthorBio,
    /// Comment sections and forms ("Leave a Reply").
    Comments,
    /// Page footers, copyright lines.
    Footer,
    /// Advertisements.
    Advert,
    /// Image and video captions.
    Caption,
    /// Byline and date lines (their content lives in the metadata fields).
    Byline,
    /// The headline (its content lives in `title`).
    Title,
    /// The standfirst (its content lives in `lead`).
    Lead,
    /// Anything else outside the article.
    Other,
}

impl RemovedKind {
    /// The snake_case name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            RemovedKind::Navigation => "navigation",
            RemovedKind::SiteHeader => "site_header",
            RemovedKind::Promo => "promo",
            RemovedKind::Share => "share",
            RemovedKind::Related => "related",
            RemovedKind::Disclaimer => "disclaimer",
            RemovedKind::Attribution => "attribution",
            RemovedKind::AuthorBio => "author_bio",
            RemovedKind::Comments => "comments",
            RemovedKind::Footer => "footer",
            RemovedKind::Advert => "advert",
            RemovedKind::Caption => "caption",
            RemovedKind::Byline => "byline",
            RemovedKind::Title => "title",
            RemovedKind::Lead => "lead",
            RemovedKind::Other => "other",
        }
    }
}

impl Article {
    /// The date relative expressions in the body are anchored on: published, else updated,
    /// else the dateline's date.
    pub fn anchor_date(&self) -> Option<jiff::civil::Date> {
        self.published
            .as_ref()
            .and_then(Timestamp::day)
            .or_else(|| self.updated.as_ref().and_then(Timestamp::day))
            .or_else(|| {
                self.dateline
                    .as_ref()
                    .and_then(|d| d.date.as_deref())
                    .and_then(|d| d.parse().ok())
            })
    }
}
