//! extract: bytes of a news page (HTML or a plain-text dump) to a clean [`Article`].
//!
//! Both formats become one block model (`blocks`), scored by one region chooser (`region`) and
//! labelled by shared detectors (`boilerplate`, `byline`), then assembled (`assemble`). No I/O,
//! no clock: the caller passes the bytes and any context (URL, fallback anchor date).

mod article;
mod assemble;
mod blocks;
mod boilerplate;
mod byline;
mod casing;
mod contents;
mod decode;
mod error;
mod features;
mod html;
mod language;
mod limits;
mod model;
mod region;
mod text;
mod timestamp;
mod title;

pub use article::{
    Article, Attribution, AttributionKind, Author, Dateline, PageFormat, RemovedBlock, RemovedKind,
    Source, Timestamp,
};
pub use assemble::BlockTrace;
pub use decode::{decode, Page};
pub use error::ExtractError;
pub use features::{Features, FEATURES, FEATURE_NAMES};
pub use limits::Limits;
pub use model::{ModelError, RegionModel};
pub use title::{TitleFeatures, TITLE_FEATURES, TITLE_FEATURE_NAMES};

/// Context for extracting one page.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The page's URL, when the input carries one (WARC records, file names do not).
    pub url: Option<String>,
    /// Limits on page size and shape.
    pub limits: Limits,
    /// The date to anchor a dateline's partial date on when the page shows no date.
    pub anchor: Option<jiff::civil::Date>,
    /// When the page was fetched (RFC 3339, e.g. a WARC record's date): used as the publication
    /// time, with source `fetch`, when the page shows neither a published nor an updated time.
    pub fetched: Option<String>,
    /// Region-model weights to use instead of the embedded ones (for training and evaluation).
    pub model: Option<std::sync::Arc<RegionModel>>,
}

/// Extracts the article from a decoded page.
pub fn extract_page(page: &Page, options: &Options) -> Result<Article, ExtractError> {
    let (article, _) = run(page, options, assemble::Trace::Skip)?;
    if article.body.trim().is_empty() {
        return Err(ExtractError::NoContent);
    }
    Ok(article)
}

/// Extracts the article and reports, block by block, the score and the decision taken. Unlike
/// [`extract_page`], an empty body is not an error here: the trace shows why it is empty.
pub fn explain_page(
    page: &Page,
    options: &Options,
) -> Result<(Article, Vec<BlockTrace>), ExtractError> {
    run(page, options, assemble::Trace::Keep)
}

/// Extracts the article, with the block trace when `keep` asks for it.
fn run(
    page: &Page,
    options: &Options,
    keep: assemble::Trace,
) -> Result<(Article, Vec<BlockTrace>), ExtractError> {
    let model = options
        .model
        .as_deref()
        .unwrap_or_else(|| RegionModel::embedded());
    let (article, trace) = match page.format {
        PageFormat::Html => html::extract(&page.text, options, model, keep)?,
        PageFormat::Text => assemble::assemble(
            text::blocks(&page.text),
            PageFormat::Text,
            assemble::Hints {
                url: options.url.clone(),
                ..Default::default()
            },
            options.anchor,
            model,
            keep,
        ),
    };
    let mut article = article;
    if article.published.is_none() && article.updated.is_none() {
        article.published = options
            .fetched
            .as_deref()
            .and_then(|raw| timestamp::parse(raw, Source::Fetch));
    }
    Ok((article, trace))
}

/// Decodes and extracts in one step.
pub fn extract(bytes: &[u8], options: &Options) -> Result<(Page, Article), ExtractError> {
    let page = decode(bytes, &options.limits)?;
    let article = extract_page(&page, options)?;
    Ok((page, article))
}

/// Test support shared by the modules' tests.
#[cfg(test)]
pub(crate) mod testing {
    /// Checks a cheap gate against the regex it stands in front of: every text of `matching`
    /// is matched by `regex` and let through by `gate`; every text of `ruled_out` is not let
    /// through.
    pub(crate) fn check_gate(
        regex: &regex::Regex,
        gate: impl Fn(&str) -> bool,
        matching: &[&str],
        ruled_out: &[&str],
    ) {
        for text in matching {
            assert!(regex.is_match(text), "the regex misses {text:?}");
            assert!(gate(text), "the gate rules out {text:?}");
        }
        for text in ruled_out {
            assert!(!gate(text), "the gate lets through {text:?}");
        }
    }
}
