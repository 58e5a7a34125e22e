//! Date and time expressions (TIMEX3), HeidelTime-style.
//!
//! Every pattern family (`patterns::FAMILIES`) runs over the text; overlapping candidates are
//! resolved longest-first (ties go to the earlier family); a date directly followed by a time
//! ("November 3, 2024 15:05 IST") merges into one TIME. Relative expressions resolve against the
//! anchor date with `jiff`, reading the tense of the sentence for weekdays and bare months;
//! without an anchor they keep X placeholders (`XXXX-WXX`) and `anchored = false`.

mod patterns;
mod resolve;
mod tense;
#[cfg(test)]
mod tests;
mod words;

use std::cell::OnceCell;

use jiff::civil::Date;

use crate::offsets::CharMap;
use crate::sentences::byte_sentences;
use crate::tokens::byte_tokens;
use crate::{Timex, TimexType};

use patterns::{Norm, FAMILIES};
use tense::Tense;

/// What normalisation functions may consult besides their match.
pub(crate) struct Ctx<'a> {
    /// The whole text.
    pub text: &'a str,
    /// The anchor (document creation) date.
    pub anchor: Option<Date>,
    /// Sentence byte spans, computed on first need.
    sentences: OnceCell<Vec<(usize, usize)>>,
}

impl Ctx<'_> {
    /// The tense of the sentence around bytes `s..e`.
    pub(crate) fn tense(&self, s: usize, e: usize) -> Tense {
        let sents = self
            .sentences
            .get_or_init(|| byte_sentences(self.text, &byte_tokens(self.text)));
        let i = sents.partition_point(|&(_, se)| se <= s);
        let span = sents.get(i).copied().unwrap_or((0, self.text.len()));
        tense::tense_at(self.text, span, s, e)
    }
}

/// A candidate in byte offsets.
struct Candidate {
    s: usize,
    e: usize,
    family: usize,
    norm: Norm,
}

/// Finds date and time expressions in `text`, resolving relative ones against `anchor`.
pub fn tag_dates(text: &str, anchor: Option<Date>) -> Vec<Timex> {
    timexes_of(text, anchor, OnceCell::new(), &CharMap::new(text))
}

/// Date expressions of `text`, reusing sentence spans when the caller already has them.
pub(crate) fn timexes_of(
    text: &str,
    anchor: Option<Date>,
    sentences: OnceCell<Vec<(usize, usize)>>,
    map: &CharMap<'_>,
) -> Vec<Timex> {
    let ctx = Ctx {
        text,
        anchor,
        sentences,
    };
    let mut cands = Vec::new();
    for (fi, fam) in FAMILIES.iter().enumerate() {
        for caps in fam.re.captures_iter(text) {
            let Some(span) = caps.name("t").or_else(|| caps.get(0)) else {
                continue;
            };
            if let Some(norm) = (fam.norm)(&caps, &ctx) {
                let e = norm.end.unwrap_or(span.end()).min(span.end());
                let s = norm.start.unwrap_or(span.start()).max(span.start());
                if e > s {
                    cands.push(Candidate {
                        s,
                        e,
                        family: fi,
                        norm,
                    });
                }
            }
        }
    }
    cands.sort_by_key(|c| (c.s, std::cmp::Reverse(c.e - c.s), c.family));
    // Longest first: keep a candidate only if it overlaps nothing kept.
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(cands[i].e - cands[i].s),
            cands[i].family,
            cands[i].s,
        )
    });
    let mut kept: Vec<usize> = Vec::new();
    for i in order {
        let c = &cands[i];
        if kept.iter().all(|&k| cands[k].e <= c.s || c.e <= cands[k].s) {
            kept.push(i);
        }
    }
    kept.sort_by_key(|&i| cands[i].s);
    let mut chosen: Vec<Candidate> = Vec::with_capacity(kept.len());
    let mut slots: Vec<Option<Candidate>> = cands.into_iter().map(Some).collect();
    for i in kept {
        if let Some(c) = slots.get_mut(i).and_then(Option::take) {
            chosen.push(c);
        }
    }
    let chosen = narrative_years(text, chosen);
    let chosen = merge_date_time(text, chosen);
    chosen
        .into_iter()
        .map(|c| Timex {
            text: text.get(c.s..c.e).unwrap_or("").to_string(),
            start: map.char_of(c.s),
            end: map.char_of(c.e),
            ty: c.norm.ty,
            value: c.norm.value,
            anchored: c.norm.anchored,
            modifier: c.norm.modifier.map(String::from),
        })
        .collect()
}

/// Families whose expressions carry an explicit year.
const WITH_YEAR: &[&str] = &["iso", "mdy", "dmy", "numeric", "month-year", "year"];
/// Families whose expressions borrow a year (from the anchor, or from the narrative).
const YEARLESS: &[&str] = &["md", "dm", "month-prep"];

/// Narrative reference time: a month or day without a year ("in March", "June 10") takes the
/// year of the latest full date or sentence-opening year in the same paragraph ("In 1941 … in
/// March") — or, without
/// an anchor, anywhere before it — instead of the anchor's, unless that year is within one year
/// of the anchor-based reading (then the anchor and tense decide, as news reads best).
fn narrative_years(text: &str, mut cands: Vec<Candidate>) -> Vec<Candidate> {
    let mut last_year: Option<i16> = None;
    let mut same_paragraph = false;
    let mut prev_end = 0;
    for c in &mut cands {
        let gap = text.get(prev_end..c.s).unwrap_or("");
        if gap.contains("\n\n") || gap.contains("\n\r\n") {
            same_paragraph = false;
        }
        prev_end = c.e;
        let Some(family) = FAMILIES.get(c.family).map(|f| f.name) else {
            continue;
        };
        if WITH_YEAR.contains(&family) {
            // A bare year sets the scene only when it opens its sentence ("In 1941, …").
            let before = text.get(..c.s).unwrap_or("").trim_end();
            let opener = before
                .strip_suffix("In")
                .or_else(|| before.strip_suffix("By"))
                .or_else(|| before.strip_suffix("During"))
                .or_else(|| before.strip_suffix("Since"))
                .or_else(|| before.strip_suffix("After"))
                .is_some_and(|b| {
                    b.trim_end().is_empty() || b.trim_end().ends_with(['.', '\n', '"'])
                });
            if family != "year" || opener {
                last_year = c.norm.value.get(..4).and_then(|y| y.parse().ok());
                same_paragraph = true;
            }
            continue;
        }
        let Some(y) = last_year else { continue };
        // Near the anchor's own year, the anchor and tense already resolve better (news style).
        let current = c.norm.value.get(..4).and_then(|v| v.parse::<i16>().ok());
        if current.is_some_and(|cy| (i32::from(cy) - i32::from(y)).abs() <= 1) {
            continue;
        }
        let usable = same_paragraph || !c.norm.anchored;
        if !(YEARLESS.contains(&family) && usable) {
            continue;
        }
        let rest = c.norm.value.get(4..).unwrap_or("");
        let value = format!("{y:04}{rest}");
        // Re-check the day exists in that year (Feb 29).
        let valid = value.len() != 10 || value.parse::<Date>().is_ok();
        if valid && value.len() >= 7 {
            c.norm.value = value;
            c.norm.anchored = true;
        }
    }
    cands
}

/// Merges a full date directly followed by a time into one TIME expression.
fn merge_date_time(text: &str, cands: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::with_capacity(cands.len());
    for c in cands {
        if let Some(prev) = out.last_mut() {
            let gap = text.get(prev.e..c.s).unwrap_or("x").trim();
            let gap_ok = matches!(gap, "" | "," | "at" | ", at" | "-");
            let date_ok = prev.norm.ty == TimexType::Date
                && prev.norm.value.len() == 10
                && prev
                    .norm
                    .value
                    .bytes()
                    .take(4)
                    .all(|b| b.is_ascii_digit() || b == b'X');
            if gap_ok && date_ok && c.norm.ty == TimexType::Time {
                if let Some(t) = c.norm.value.find('T') {
                    prev.norm.value = format!("{}{}", prev.norm.value, &c.norm.value[t..]);
                    prev.norm.ty = TimexType::Time;
                    prev.e = c.e;
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// Names of the pattern families, in priority order.
#[cfg(test)]
pub(crate) fn date_families() -> Vec<&'static str> {
    patterns::family_names()
}
