//! The region model: logistic regression over block features, one weight vector for HTML and one
//! for text dumps, fitted by `cargo xtask train extract` and embedded from `model/region.txt`.
//!
//! A block's value for the region is its expected shingle gain, (2p − 1) × words, where p is the
//! model's probability that the block is article text: the maximum-sum run then maximises the
//! expected overlap with the true body.

use std::fmt::Write;
use std::sync::LazyLock;

use crate::article::PageFormat;
use crate::features::{Features, FEATURES, FEATURE_NAMES};
use crate::title::{TITLE_FEATURES, TITLE_FEATURE_NAMES};

/// Weights of the region model for both formats.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionModel {
    /// Weights for HTML pages, in `FEATURE_NAMES` order.
    pub html: Vec<f32>,
    /// Weights for text dumps, in `FEATURE_NAMES` order.
    pub text: Vec<f32>,
    /// Weights of the text-dump headline chooser, in `TITLE_FEATURE_NAMES` order.
    pub title: Vec<f32>,
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("region model, line {line}: {reason}")]
pub struct ModelError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

static EMBEDDED: LazyLock<RegionModel> = LazyLock::new(|| {
    RegionModel::parse(include_str!("../model/region.txt"))
        .unwrap_or_else(|_| RegionModel::neutral())
});

impl RegionModel {
    /// The model shipped in the binary.
    pub fn embedded() -> &'static RegionModel {
        &EMBEDDED
    }

    /// All-zero weights (every block has p = 0.5); only a fallback that a test rules out.
    pub fn neutral() -> RegionModel {
        RegionModel {
            html: vec![0.0; FEATURES],
            text: vec![0.0; FEATURES],
            title: vec![0.0; TITLE_FEATURES],
        }
    }

    /// The feature names the weights refer to.
    pub fn feature_names() -> &'static [&'static str] {
        FEATURE_NAMES
    }

    /// The probability that a block is article text.
    pub fn probability(&self, format: PageFormat, x: &Features) -> f32 {
        let w = match format {
            PageFormat::Html => &self.html,
            PageFormat::Text => &self.text,
        };
        let z: f32 = w.iter().zip(x.iter()).map(|(a, b)| a * b).sum();
        1.0 / (1.0 + (-z).exp())
    }

    /// Reads the text form: lines `format<TAB>feature<TAB>weight` (format `html`, `text`, or
    /// `title` for the headline chooser); `#` starts a comment. Every feature must have a
    /// weight, so a model older than the features is refused.
    pub fn parse(text: &str) -> Result<RegionModel, ModelError> {
        let mut model = RegionModel::neutral();
        let mut given = [
            vec![false; FEATURES],
            vec![false; FEATURES],
            vec![false; TITLE_FEATURES],
        ];
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |reason: &str| ModelError {
                line: n + 1,
                reason: reason.to_owned(),
            };
            let mut parts = line.split('\t');
            let (Some(format), Some(name), Some(weight)) =
                (parts.next(), parts.next(), parts.next())
            else {
                return Err(err("expected format, feature and weight separated by tabs"));
            };
            let (weights, slot, names) = match format {
                "html" => (&mut model.html, 0, FEATURE_NAMES),
                "text" => (&mut model.text, 1, FEATURE_NAMES),
                "title" => (&mut model.title, 2, TITLE_FEATURE_NAMES),
                _ => return Err(err("format must be html, text or title")),
            };
            let index = names
                .iter()
                .position(|f| *f == name)
                .ok_or_else(|| err("unknown feature"))?;
            weights[index] = weight.parse().map_err(|_| err("weight is not a number"))?;
            given[slot][index] = true;
        }
        let lines = text.lines().count();
        for (slot, (format, names)) in [
            ("html", FEATURE_NAMES),
            ("text", FEATURE_NAMES),
            ("title", TITLE_FEATURE_NAMES),
        ]
        .iter()
        .enumerate()
        {
            if let Some(missing) = given[slot].iter().position(|g| !g) {
                return Err(ModelError {
                    line: lines,
                    reason: format!("no {format} weight for feature {}", names[missing]),
                });
            }
        }
        Ok(model)
    }

    /// Writes the text form read by [`RegionModel::parse`].
    pub fn to_text(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            let _ = writeln!(out, "# {line}");
        }
        for (format, weights, names) in [
            ("html", &self.html, FEATURE_NAMES),
            ("text", &self.text, FEATURE_NAMES),
            ("title", &self.title, TITLE_FEATURE_NAMES),
        ] {
            for (name, w) in names.iter().zip(weights) {
                let _ = writeln!(out, "{format}\t{name}\t{w}");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let mut m = RegionModel::neutral();
        m.html[1] = 0.5;
        m.text[3] = -1.25;
        m.title[2] = 0.75;
        assert_eq!(RegionModel::parse(&m.to_text("test")), Ok(m));
        assert!(RegionModel::parse("html\tnope\t1").is_err());
        assert!(
            RegionModel::parse("html\tbias\t1").is_err(),
            "incomplete models are refused"
        );
        assert!(RegionModel::parse("pdf\tbias\t1").is_err());
    }

    #[test]
    fn the_embedded_model_is_trained() {
        let m = RegionModel::embedded();
        assert_ne!(m, &RegionModel::neutral(), "model/region.txt did not parse");
    }
}
