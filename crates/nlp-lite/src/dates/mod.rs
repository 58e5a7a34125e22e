//! Date and time expressions (TIMEX3), HeidelTime-style.
//!
//! Every pattern family (`patterns::FAMILIES`) that matches somewhere in the text (one
//! lazy-DFA scan of all of them tells which, and where each one's last match ends, see
//! `patterns::family_reach`) runs over it, up to that end; overlapping
//! candidates are resolved longest-first (ties go to the earlier family); a date directly
//! followed by a time ("November 3, 2024 15:05 IST") merges into one TIME, and so does a time
//! directly followed by a day ("10 p.m. Wednesday"). Relative expressions resolve against the
//! anchor date with `jiff`, reading the tense of the sentence for weekdays and bare months;
//! without an anchor they keep X placeholders (`XXXX-WXX`) and `anchored = false`.
//!
//! A second pass reads the document as a whole: a text whose explicit years mostly lie far
//! from the anchor (a history, WikiWars-style) is a *narrative*, where months and days without
//! a year take the last mentioned year and "two days later" counts from the last mentioned
//! date (HeidelTime's narrative reference time); in news they follow the anchor, and "three
//! days later" is the TimeML DURATION "three days". Anaphoric expressions ("the following
//! year", "that month", "the next day") count from the last mentioned date in both.

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
use words::Unit;

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

    /// The text of the sentence containing byte `s`.
    pub(crate) fn sentence(&self, s: usize) -> &str {
        let sents = self
            .sentences
            .get_or_init(|| byte_sentences(self.text, &byte_tokens(self.text)));
        let i = sents.partition_point(|&(_, se)| se <= s);
        let (a, b) = sents.get(i).copied().unwrap_or((0, self.text.len()));
        self.text.get(a..b).unwrap_or("")
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
    let reach = patterns::family_reach(text);
    for (fi, fam) in FAMILIES.iter().enumerate() {
        let end = match reach.get(fi) {
            Some(&Some(end)) => end,
            Some(None) => continue,
            None => text.len(),
        };
        for caps in fam.re.captures_iter(text.get(..end).unwrap_or(text)) {
            let Some(span) = caps.name("t").or_else(|| caps.get(0)) else {
                continue;
            };
            let mut next = (fam.norm)(&caps, &ctx);
            while let Some(mut norm) = next.take() {
                next = norm.extra.take().map(|b| *b);
                let whole = caps.get(0).map_or(span.end(), |m| m.end());
                let e = norm.end.unwrap_or(span.end()).min(whole);
                let s = norm.start.unwrap_or(span.start()).max(span.start());
                if e > s && ctx.text.is_char_boundary(s) && ctx.text.is_char_boundary(e) {
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
    let chosen = narrative_years(text, anchor, chosen);
    let chosen = merge_date_time(text, chosen);
    let chosen = week_of_day(text, chosen);
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
const WITH_YEAR: &[&str] = &[
    "iso",
    "mdy",
    "dmy",
    "numeric",
    "month-year",
    "year",
    "year-range",
    "word-year",
];

/// Year of a TIMEX3 date value (`1941`, `1941-03`, `1941-03-02`), if it starts with one.
fn value_year(v: &str) -> Option<i16> {
    let y = v.get(..4)?;
    if !y.bytes().all(|b| b.is_ascii_digit()) || v.get(4..5).is_some_and(|s| s != "-") {
        return None;
    }
    y.parse().ok()
}

/// A reference date and its granularity from a TIMEX3 date value.
fn value_ref(v: &str) -> Option<(Date, Unit)> {
    let y = value_year(v)?;
    let m: Option<i8> = v.get(5..7).and_then(|m| m.parse().ok());
    let d: Option<i8> = v.get(8..10).and_then(|d| d.parse().ok());
    match (m, d) {
        (Some(m), Some(d)) if v.len() == 10 => Some((Date::new(y, m, d).ok()?, Unit::Day)),
        (Some(m), _) if v.len() == 7 => Some((Date::new(y, m, 1).ok()?, Unit::Month)),
        _ if v.len() == 4 => Some((Date::new(y, 1, 1).ok()?, Unit::Year)),
        _ => None,
    }
}

/// Coarseness of a unit, to check that a reference is precise enough for an anaphor.
fn rank(u: Unit) -> u8 {
    match u {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => 0,
        Unit::Week => 1,
        Unit::Month => 2,
        Unit::Quarter => 3,
        Unit::Year => 4,
        Unit::Decade => 5,
        Unit::Century => 6,
    }
}

/// Whether the text reads as a narrative of the past (history) rather than news: most explicit
/// years lie far from the anchor (or there is no anchor); and how many explicit years lie far.
fn is_narrative(anchor: Option<Date>, cands: &[Candidate]) -> (bool, usize) {
    let (mut far, mut near) = (0usize, 0usize);
    for c in cands {
        let family = FAMILIES.get(c.family).map_or("", |f| f.name);
        // Deictic expressions ("Tuesday", "yesterday", "last week") mark news.
        if c.norm.anaphor.is_none()
            && matches!(
                family,
                "day-rel" | "weekday" | "part-of-day" | "unit-rel" | "ago"
            )
        {
            near += 1;
            continue;
        }
        if !WITH_YEAR.contains(&family) {
            continue;
        }
        let Some(y) = value_year(&c.norm.value) else {
            continue;
        };
        match anchor {
            Some(a) if (i32::from(a.year()) - i32::from(y)).abs() <= 2 => near += 1,
            _ => far += 1,
        }
    }
    (far >= 3 && far > 3 * near, far)
}

/// Narrative reference time: a month or day without a year ("in March", "June 10") takes the
/// year of the latest full date or sentence-opening year in the same paragraph ("In 1941 … in
/// March") — or, without an anchor, anywhere before it — instead of the anchor's, unless that
/// year is within one year of the anchor-based reading (then the anchor and tense decide, as
/// news reads best). In a narrative of the past (most explicit years far from the anchor, as in
/// a history article) every explicit year sets the scene, HeidelTime-style. Anaphoric
/// expressions ("the following year", "two days later", "that month") count from the last
/// date mentioned, when it is precise enough.
fn narrative_years(text: &str, anchor: Option<Date>, mut cands: Vec<Candidate>) -> Vec<Candidate> {
    let (narrative, far_years) = is_narrative(anchor, &cands);
    // News that only mentions a past year or two keeps the anchor's year for bare months and
    // days; news that keeps returning to past years ("in 2003 … in April") lets them set it.
    let retrospective = narrative || far_years >= 5;
    let mut last_year: Option<i16> = None;
    // Whether `last_year` opened its sentence ("In 1941, …"), which sets the scene even in news.
    let mut last_opener = false;
    let mut last_ref: Option<(Date, Unit)> = None;
    let mut last_quarter: Option<(i16, char)> = None;
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
        if !narrative {
            if let Some((end, v)) = c.norm.news_duration.take() {
                if end > c.s && end <= c.e {
                    c.e = end;
                    c.norm.value = v;
                    c.norm.ty = TimexType::Duration;
                    c.norm.anaphor = None;
                    continue;
                }
            }
        }
        if c.norm.year_ago_quarter {
            if let Some((y, q)) = last_quarter {
                c.norm.value = format!("{:04}-Q{q}", y - 1);
            }
            continue;
        }
        if let Some(y) = value_year(&c.norm.value) {
            let q = c.norm.value.strip_prefix(&format!("{y:04}-Q")[..]);
            if let Some(q) = q
                .and_then(|q| q.chars().next())
                .filter(|_| c.norm.value.len() == 7)
            {
                last_quarter = Some((y, q));
            }
        }
        // "two days later" follows the story in a narrative; news counts from the anchor.
        // "the year" in news is the anchor's year, whatever was mentioned last.
        let anaphor = c
            .norm
            .anaphor
            .filter(|_| narrative || !matches!(family, "ago" | "the-year"));
        if let Some((unit, n)) = anaphor {
            if let Some((d, _)) = last_ref.filter(|(_, g)| rank(*g) <= rank(unit)) {
                let shifted = resolve::shift(d, unit, n);
                if let Some(v) = shifted.map(|d| resolve::at_granularity(d, unit)) {
                    c.norm.value = v;
                    c.norm.anchored = true;
                }
            }
        } else if WITH_YEAR.contains(&family) {
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
            if family != "year" || opener || narrative {
                if let Some(y) = value_year(&c.norm.value) {
                    last_year = Some(y);
                    last_opener = opener;
                    same_paragraph = true;
                }
            }
        } else if let Some(y) = last_year {
            // Near the anchor's own year, the anchor and tense already resolve better (news).
            let current = value_year(&c.norm.value);
            let near = current.is_some_and(|cy| (i32::from(cy) - i32::from(y)).abs() <= 1);
            let usable = same_paragraph || !c.norm.anchored || narrative;
            let sets_scene = retrospective || last_opener || !c.norm.anchored;
            if c.norm.yearless && usable && sets_scene && (narrative || !near) {
                let rest = c.norm.value.get(4..).unwrap_or("");
                let value = format!("{y:04}{rest}");
                // Re-check the day exists in that year (Feb 29).
                let valid = value.len() != 10 || value.parse::<Date>().is_ok();
                if valid && value.len() >= 7 {
                    c.norm.value = value;
                    c.norm.anchored = true;
                }
            }
        }
        if c.norm.ty == TimexType::Date {
            if let Some(r) = value_ref(&c.norm.value) {
                last_ref = Some(r);
                if narrative {
                    last_year = Some(r.0.year());
                    last_opener = false;
                }
            }
        }
    }
    cands
}

/// Merges a full date directly followed by a time into one TIME expression, and gives a time
/// followed by a day (directly, or after a short aside) that day's date.
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
            // "10 p.m. Wednesday", "noon Thursday": the time takes the following day's date,
            // and so does "10:35 a.m. (0735 GMT) Friday", where the aside keeps them two
            // expressions.
            let time_then_day = prev.norm.ty == TimexType::Time
                && c.norm.ty == TimexType::Date
                && c.norm.value.len() == 10;
            let joined = matches!(gap, "" | ",");
            if time_then_day && (joined || is_short_aside(gap)) {
                if let Some(t) = prev.norm.value.find('T') {
                    prev.norm.value = format!("{}{}", c.norm.value, &prev.norm.value[t..]);
                    prev.norm.anchored = c.norm.anchored;
                    if joined {
                        prev.e = c.e;
                        continue;
                    }
                }
            }
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

/// "the week of March 6": the week that holds the day, span and value.
fn week_of_day(text: &str, mut cands: Vec<Candidate>) -> Vec<Candidate> {
    const PREFIX: &str = "the week of ";
    for c in &mut cands {
        let Some(start) = c.s.checked_sub(PREFIX.len()) else {
            continue;
        };
        let before = text.get(start..c.s).unwrap_or("");
        if c.norm.ty != TimexType::Date || !before.eq_ignore_ascii_case(PREFIX) {
            continue;
        }
        if let Ok(day) = c.norm.value.parse::<Date>() {
            c.norm.value = resolve::week(day);
            c.s = start;
        }
    }
    cands
}

/// Whether `gap` is one short parenthesis and nothing else: "(0735 GMT)".
fn is_short_aside(gap: &str) -> bool {
    gap.len() <= 24
        && gap.starts_with('(')
        && gap.ends_with(')')
        && gap.matches(['(', ')']).count() == 2
}

/// Names of the pattern families, in priority order.
#[cfg(test)]
pub(crate) fn date_families() -> Vec<&'static str> {
    patterns::family_names()
}
