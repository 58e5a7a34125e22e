//! What the pipeline hands the writer for one input document.

use extract::Article;
use nlp_lite::Annotations;

use crate::fingerprint::Fingerprint;

/// Facts about one input (a file, a gzip member, stdin) regardless of whether it could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInfo {
    /// Where the input came from (a path, `-` for stdin).
    pub path: String,
    /// Hex SHA-256 of the raw input bytes: the identity used for idempotent ingest.
    pub content_hash: String,
    /// Size of the raw input in bytes.
    pub bytes: u64,
    /// `html` or `text`, when detected.
    pub format: Option<String>,
    /// The character encoding the bytes were decoded from, when decoded.
    pub encoding: Option<String>,
}

/// The outcome of processing one document.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The page was extracted and annotated.
    Article(Box<AnalysedArticle>),
    /// The page could not be processed; the reason is one line.
    Failed(String),
}

/// An extracted article with the annotations of its body.
#[derive(Debug, Clone)]
pub struct AnalysedArticle {
    /// The extracted article.
    pub article: Article,
    /// Sentences, entities and dates of `article.body`.
    pub annotations: Annotations,
    /// `Fingerprint::of(&article.body)` when the pipeline computed it already (on a worker
    /// thread); the writer computes it when this is `None`.
    pub fingerprint: Option<Fingerprint>,
}

/// One unit of work for the writer: a document and what became of it.
#[derive(Debug, Clone)]
pub struct Record {
    /// The input.
    pub document: DocumentInfo,
    /// What processing it produced.
    pub outcome: Outcome,
}
