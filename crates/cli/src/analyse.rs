//! One page, start to finish, without a database: decode, extract, annotate. Used by `ingest`
//! (in the rayon workers) and by `extract`. A panic inside becomes a failed record.

use std::panic::{catch_unwind, AssertUnwindSafe};

use extract::{Article, Options};
use nlp_lite::Annotations;
use store::{AnalysedArticle, DocumentInfo, Fingerprint, Outcome, Record};

use crate::input::Input;

/// Extracts and annotates one page; the anchor for relative dates is the article's own date,
/// else `fallback_anchor`.
pub fn analyse(
    bytes: &[u8],
    options: &Options,
) -> Result<(extract::Page, Article, Annotations), String> {
    let page = extract::decode(bytes, &options.limits).map_err(|e| e.to_string())?;
    let article = extract::extract_page(&page, options).map_err(|e| e.to_string())?;
    let anchor = article.anchor_date().or(options.anchor);
    let annotations = nlp_lite::analyse(&article.body, anchor);
    Ok((page, article, annotations))
}

/// Turns one read input into the record the writer stores, catching panics.
pub fn record(input: Input, options: &Options) -> Record {
    let mut document = DocumentInfo {
        path: input.source.display(),
        content_hash: input.hash,
        bytes: input.raw_len,
        format: None,
        encoding: None,
    };
    let outcome = match input.bytes {
        Err(reason) => Outcome::Failed(reason),
        Ok(bytes) => match catch_unwind(AssertUnwindSafe(|| analyse(&bytes, options))) {
            Ok(Ok((page, article, annotations))) => {
                document.format = Some(page.format.as_str().to_owned());
                document.encoding = Some(page.encoding.to_owned());
                Outcome::Article(Box::new(AnalysedArticle {
                    fingerprint: Fingerprint::of(&article.body),
                    article,
                    annotations,
                }))
            }
            Ok(Err(reason)) => Outcome::Failed(reason),
            Err(panic) => Outcome::Failed(format!(
                "internal error (a bug in newsdb, please report it): {}",
                panic_message(&panic)
            )),
        },
    };
    Record { document, outcome }
}

/// The message of a caught panic.
pub fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}
