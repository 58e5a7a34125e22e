//! Why a page could not be extracted. Each message is one line, fit for the `documents.error` column.

use thiserror::Error;

/// A reason a page could not be turned into an article.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// The input has no bytes, or only white space.
    #[error("empty input")]
    Empty,
    /// The input is larger than the configured limit.
    #[error("page is {bytes} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input.
        bytes: usize,
        /// The limit in force.
        limit: usize,
    },
    /// The input is not text.
    #[error("binary content (NUL or control bytes), not a web page")]
    Binary,
    /// The bytes do not decode in any sensible encoding.
    #[error("text does not decode as {encoding}: too many invalid byte sequences")]
    Undecodable {
        /// The encoding that was tried.
        encoding: &'static str,
    },
    /// The HTML nests deeper than the configured limit.
    #[error("HTML nests {depth} elements deep, over the limit of {limit}")]
    TooDeep {
        /// The depth found.
        depth: usize,
        /// The limit in force.
        limit: usize,
    },
    /// The HTML has more elements than the configured limit.
    #[error("HTML has over {limit} elements")]
    TooManyElements {
        /// The limit in force.
        limit: usize,
    },
    /// Nothing that looks like article text was found.
    #[error("no article text found")]
    NoContent,
}
