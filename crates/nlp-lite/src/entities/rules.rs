//! The rule tagger: capitalised runs, gazetteers, head words and context cues.
//!
//! A capitalised run (with "of"/"&"/name particles inside) is segmented left to right into
//! gazetteer names (places, demonyms, organisations), title phrases (kept out of person spans)
//! and name chunks, which context types: a title before, a verb of saying after, an appositive
//! ("X, the … minister"), a given name, Korean-style hyphenated given names, "X news agency",
//! legal suffixes, acronyms. Runs ending in an organisation or place head noun ("… Ministry",
//! "… Zone") are one span. Single unknown words are left untyped for document-level linking.
//!
//! Its spans are features of the trained model, its high-precision spans override the model's in
//! documents (`model::overrule`), and it tags alone when no model is embedded.

use crate::gazetteer::{self, Entry, GAZETTEER};
use crate::lexicon::{
    GEO_SET, MISC_HEAD_SET, NON_ACRONYM_SET, NOT_ALONE_SET, OF_TAKER_SET, ORG_CUE_SET,
    ORG_HEAD_SET, PARTICLE_SET, PLACE_HEAD_SET, SAY_SET, STOP_SET, TITLE_CORE_SET, TITLE_SET,
};
use crate::zones;
use crate::EntityType;

use super::doc::{Doc, Shape};
use super::{Mention, MentionTagger};

/// The gazetteer-and-rules tagger.
pub(crate) struct RuleTagger;

impl MentionTagger for RuleTagger {
    fn mentions(&self, doc: &Doc<'_>) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut buf = String::new();
        let n = doc.toks.len();
        let mut i = 0;
        while i < n {
            if !doc.is_cap(i) || doc.is_calendar(i) {
                i += 1;
                continue;
            }
            let j = run_end(doc, i);
            Run { doc, a: i, b: j }.segment(&mut buf, &mut out);
            i = j.max(i + 1);
        }
        out
    }
}

fn same_sentence(doc: &Doc<'_>, i: usize, j: usize) -> bool {
    match (doc.toks.get(i), doc.toks.get(j)) {
        (Some(a), Some(b)) => a.sent == b.sent,
        _ => false,
    }
}

/// One past the last token of the capitalised run starting at `i`.
fn run_end(doc: &Doc<'_>, i: usize) -> usize {
    let n = doc.toks.len();
    let name_tok =
        |k: usize| k < n && doc.is_cap(k) && !doc.is_calendar(k) && same_sentence(doc, i, k);
    let mut j = i + 1;
    loop {
        if name_tok(j) {
            j += 1;
            continue;
        }
        let w = doc.low(j);
        let prev = doc.low(j.wrapping_sub(1));
        if (w == "of" || w == "for") && (OF_TAKER_SET.has(prev) || ORG_HEAD_SET.has(prev)) {
            let k = if doc.low(j + 1) == "the" {
                j + 2
            } else {
                j + 1
            };
            if name_tok(k) {
                j = k + 1;
                continue;
            }
        }
        if w == "&" && name_tok(j + 1) {
            j += 2;
            continue;
        }
        if PARTICLE_SET.has(w) && doc.toks.get(j).is_some_and(|t| t.shape == Shape::Lower) {
            let mut k = j;
            while PARTICLE_SET.has(doc.low(k)) && k < j + 3 {
                k += 1;
            }
            if name_tok(k) {
                j = k + 1;
                continue;
            }
        }
        return j;
    }
}

/// Type of a gazetteer entry, when it names a place, group or organisation.
fn gaz_type(e: &Entry) -> Option<EntityType> {
    if e.flags & gazetteer::DEMONYM != 0 && e.flags & gazetteer::COUNTRY == 0 {
        Some(EntityType::Norp)
    } else if e.flags & gazetteer::PLACE != 0 {
        Some(EntityType::Place)
    } else if e.flags & gazetteer::ORG != 0 {
        Some(EntityType::Org)
    } else if e.flags & gazetteer::PERSON != 0 {
        Some(EntityType::Person)
    } else {
        None
    }
}

struct Run<'d, 'a> {
    doc: &'d Doc<'a>,
    a: usize,
    b: usize,
}

impl Run<'_, '_> {
    fn mention(&self, ti: usize, tj: usize, ty: Option<EntityType>, strong: bool) -> Mention {
        let s = self.doc.toks.get(ti).map_or(0, |t| t.s);
        let e = self.doc.toks.get(tj.saturating_sub(1)).map_or(s, |t| t.e);
        Mention {
            s,
            e,
            ti,
            tj,
            ty,
            canonical: None,
            strong,
            gaz: false,
        }
    }

    fn segment(&self, buf: &mut String, out: &mut Vec<Mention>) {
        let doc = self.doc;
        let mut a = self.a;
        let b = self.b;
        while a < b
            && STOP_SET.has(doc.low(a))
            && doc.toks.get(a).is_some_and(|t| t.shape == Shape::Title)
        {
            a += 1;
        }
        if a >= b || (a..b).all(|k| TITLE_SET.has(doc.low(k))) {
            return;
        }
        let initial = doc.toks.get(a).is_some_and(|t| t.sent_initial);
        // Whole-run gazetteer name.
        if let Some(e) = doc.lookup(a, b, buf) {
            if let Some(ty) = gaz_type(e) {
                if b - a >= 2 || !initial || strong_initial(doc, a, e) {
                    out.push(self.gaz_mention(a, b, ty, e));
                    return;
                }
            }
        }
        let last = doc.low(b - 1);
        if b - a >= 2 && (ORG_HEAD_SET.has(last) || legal_suffix(doc, b - 1)) {
            out.push(self.mention(a, b, Some(EntityType::Org), true));
            return;
        }
        if b - a >= 2 && MISC_HEAD_SET.has(last) && !initial {
            out.push(self.mention(a, b, Some(EntityType::Misc), true));
            return;
        }
        if b - a >= 2 && PLACE_HEAD_SET.has(last) && !(a..b - 1).all(|k| TITLE_SET.has(doc.low(k)))
        {
            out.push(self.mention(a, b, Some(EntityType::Place), true));
            return;
        }
        // "University of Glasgow", "Bank of England": an organisation head before "of".
        if let Some(k) = (a + 1..b).find(|&k| matches!(doc.low(k), "of" | "for")) {
            if ORG_HEAD_SET.has(doc.low(k - 1)) && !TITLE_SET.has(doc.low(a)) {
                out.push(self.mention(a, b, Some(EntityType::Org), true));
                return;
            }
        }
        let mut p = a;
        let mut after_title = false;
        let mut chunk: Option<usize> = None;
        while p < b {
            if let Some((l, ty, e)) = self.longest_gaz(p, buf) {
                let first_name = l == 1 && e.flags & gazetteer::FIRST != 0 && p + 1 < b && {
                    let next = doc.toks.get(p + 1).map_or(0, |t| t.gaz);
                    next & (gazetteer::PLACE | gazetteer::ORG | gazetteer::DEMONYM) == 0
                        && !TITLE_SET.has(doc.low(p + 1))
                };
                let chunk_started = chunk.is_some() && ty == EntityType::Person;
                if !first_name && !chunk_started && !after_title_name(after_title, ty) {
                    self.flush(chunk.take(), p, after_title, out);
                    if !(p == a && initial && l == 1 && !strong_initial(doc, p, e)) {
                        out.push(self.gaz_mention(p, p + l, ty, e));
                    } else {
                        out.push(Mention {
                            strong: false,
                            ..self.gaz_mention(p, p + l, ty, e)
                        });
                    }
                    after_title = false;
                    p += l;
                    continue;
                }
            }
            if TITLE_SET.has(doc.low(p)) && chunk.is_none() {
                let mut k = p;
                let mut core = false;
                while k < b && TITLE_SET.has(doc.low(k)) {
                    core |= TITLE_CORE_SET.has(doc.low(k));
                    k += 1;
                }
                if core {
                    after_title = true;
                    p = k;
                    continue;
                }
            }
            chunk.get_or_insert(p);
            p += 1;
        }
        self.flush(chunk, b, after_title, out);
    }

    fn gaz_mention(&self, ti: usize, tj: usize, ty: EntityType, e: &Entry) -> Mention {
        let mut m = self.mention(ti, tj, Some(ty), true);
        m.canonical = e.canonical.as_deref().map(String::from);
        m.gaz = true;
        m
    }

    /// The longest gazetteer name (place, group, organisation, person) starting at `p`.
    fn longest_gaz(
        &self,
        p: usize,
        buf: &mut String,
    ) -> Option<(usize, EntityType, &'static Entry)> {
        let max = self
            .doc
            .name_reach(p, (self.b - p).min(GAZETTEER.max_len), buf);
        (1..=max).rev().find_map(|l| {
            let e = self.doc.lookup(p, p + l, buf)?;
            gaz_type(e).map(|ty| (l, ty, e))
        })
    }

    /// Types the name chunk `c0..c1` and pushes its mention(s).
    fn flush(&self, c0: Option<usize>, c1: usize, after_title: bool, out: &mut Vec<Mention>) {
        let Some(c0) = c0 else { return };
        let mut c1 = c1;
        // A chunk cut short by a gazetteer name must not end on a connector ("University of").
        while c1 > c0 && !self.doc.is_cap(c1 - 1) {
            c1 -= 1;
        }
        if c0 >= c1 {
            return;
        }
        let doc = self.doc;
        let len = c1 - c0;
        let initial = doc.toks.get(c0).is_some_and(|t| t.sent_initial);
        let at_end = c1 == self.b;
        let first = doc.text(c0);
        // Hyphenated compounds of places: "Russia-Ukraine" → two places, "Indo-Pacific" → one.
        if len == 1 && first.contains('-') {
            if let Some(ms) = self.split_places(c0) {
                out.extend(ms);
                return;
            }
        }
        let person_shape = (c0..c1).skip(1).any(|k| korean_given(doc.text(k)))
            || (len == 3
                && (c0..c1).all(|k| {
                    doc.text(k).chars().count() <= 4
                        && doc.toks.get(k).is_some_and(|t| t.shape == Shape::Title)
                })
                && after_title);
        let first_name = len >= 2
            && doc
                .toks
                .get(c0)
                .is_some_and(|t| t.gaz & gazetteer::FIRST != 0);
        let said = at_end && (SAY_SET.has(doc.low(c1)) || appositive(doc, c1));
        let acronym = len == 1
            && doc.toks.get(c0).is_some_and(|t| t.shape == Shape::Upper)
            && !NON_ACRONYM_SET.has(doc.low(c0))
            && zones::offset_seconds(first).is_none();
        let org_cue = at_end
            && (ORG_CUE_SET.has(doc.low(c1))
                || (doc.low(c1) == "news" && ORG_CUE_SET.has(doc.low(c1 + 1))));
        let names = len >= 2
            && (c0..c1).all(|k| {
                doc.toks
                    .get(k)
                    .is_some_and(|t| t.gaz & (gazetteer::FIRST | gazetteer::LAST) != 0)
            });
        // "Josep Borrell": an unknown word then a known surname.
        let surname_pair = len == 2
            && doc.toks.get(c0).is_some_and(|t| t.shape == Shape::Title)
            && doc
                .toks
                .get(c0 + 1)
                .is_some_and(|t| t.shape == Shape::Title && t.gaz & gazetteer::LAST != 0);
        let shout = doc.toks.get(c0).is_some_and(|t| t.shout);
        // A lone known surname in mid-sentence ("Yeltsin said", "talks with Dole").
        let surname = len == 1
            && !initial
            && doc
                .toks
                .get(c0)
                .is_some_and(|t| t.shape == Shape::Title && t.gaz & gazetteer::LAST != 0)
            && !NOT_ALONE_SET.has(doc.low(c0));
        let org = (legal_suffix(doc, c1 - 1) && len >= 2) || org_cue || (acronym && !shout);
        let person = after_title
            || said
            || (!shout && (person_shape || first_name || names || surname_pair || surname));
        if shout && !org && !person {
            return;
        }
        let (ty, strong) = if org {
            (Some(EntityType::Org), true)
        } else if person {
            (Some(EntityType::Person), true)
        } else if len >= 2 {
            (Some(EntityType::Misc), !initial)
        } else {
            (None, false)
        };
        out.push(self.mention(c0, c1, ty, strong));
    }

    /// Splits a hyphenated token whose parts are all places, or types it as one place when a
    /// part is a geographic word.
    fn split_places(&self, k: usize) -> Option<Vec<Mention>> {
        let doc = self.doc;
        let tok = doc.toks.get(k)?;
        let low = &doc.lower[tok.s..tok.e];
        let mut parts = Vec::new();
        let mut off = tok.s;
        for part in low.split('-') {
            parts.push((off, off + part.len(), GAZETTEER.get(part)));
            off += part.len() + 1;
        }
        let place = |e: Option<&Entry>| e.is_some_and(|e| e.flags & gazetteer::PLACE != 0);
        if parts.iter().all(|&(_, _, e)| place(e)) {
            return Some(
                parts
                    .into_iter()
                    .map(|(s, e, entry)| Mention {
                        s,
                        e,
                        ti: k,
                        tj: k + 1,
                        ty: Some(EntityType::Place),
                        canonical: entry.and_then(|x| x.canonical.as_deref()).map(String::from),
                        strong: true,
                        gaz: true,
                    })
                    .collect(),
            );
        }
        if low.split('-').any(|p| GEO_SET.has(p)) {
            return Some(vec![self.mention(k, k + 1, Some(EntityType::Place), true)]);
        }
        None
    }
}

/// After a person title, a gazetteer name that could be a person's stays in the name chunk.
fn after_title_name(after_title: bool, ty: EntityType) -> bool {
    after_title && ty == EntityType::Person
}

/// True when a sentence-initial single-word gazetteer name is trustworthy on its own.
fn strong_initial(doc: &Doc<'_>, i: usize, e: &Entry) -> bool {
    let reliable = gazetteer::COUNTRY | gazetteer::REGION | gazetteer::DEMONYM | gazetteer::ORG;
    e.flags & reliable != 0 || e.population >= 1_000_000 || doc.text(i + 1) == ","
}

/// True for a Korean-style hyphenated given name: "Tae-yul", "Yong-hyun", "Jong-un".
fn korean_given(t: &str) -> bool {
    let Some((a, b)) = t.split_once('-') else {
        return false;
    };
    let lower_start = b.chars().next().is_some_and(char::is_lowercase);
    let short = a.chars().count() <= 4 && b.chars().count() <= 5;
    a.chars().next().is_some_and(char::is_uppercase) && lower_start && short && !b.contains('-')
}

/// True when token `i` is a company legal-form suffix written as one ("Inc", "Ltd.", "GmbH").
fn legal_suffix(doc: &Doc<'_>, i: usize) -> bool {
    let low = doc.low(i);
    let text = doc.text(i);
    let short = low.trim_end_matches('.').len() <= 2;
    (!short
        || low.trim_end_matches('.') == "co"
        || text.chars().all(|c| c.is_uppercase() || c == '.'))
        && text.chars().next().is_some_and(char::is_uppercase)
        && GAZETTEER.is_legal_suffix(low)
}

/// True for an appositive title after a name: "X, the EU's high representative".
fn appositive(doc: &Doc<'_>, i: usize) -> bool {
    if doc.text(i) != "," || !matches!(doc.low(i + 1), "the" | "a" | "an") {
        return false;
    }
    (i + 2..i + 12)
        .take_while(|&k| !matches!(doc.text(k), "," | "." | ";" | ""))
        .any(|k| {
            TITLE_CORE_SET.has(doc.low(k))
                || matches!(
                    doc.low(k),
                    "representative" | "head" | "founder" | "author" | "spokesperson" | "official"
                )
        })
}
