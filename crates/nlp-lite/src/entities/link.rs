//! Document-level consistency and canonical names.
//!
//! After tagging, mentions are reconciled across the document: an acronym introduced in
//! parentheses ("European Union (EU)") takes its long form's type and name everywhere; a short
//! person mention ("Borrell", "Mr. Borrell", "Cho") joins the longest full name in the document
//! that ends (or, failing that, starts) with it; untyped or weak mentions survive only when the
//! document confirms them.

// Fx hashing: the maps are keyed by mention texts of one document and only probed.
use rustc_hash::FxHashMap as HashMap;

use crate::EntityType;

use super::doc::{Doc, Shape};
use super::Mention;

/// Reconciles `mentions` (in text order) across `doc`.
pub(crate) fn link(doc: &Doc<'_>, mut mentions: Vec<Mention>) -> Vec<Mention> {
    // Acronyms defined in parentheses right after their long form.
    let mut acronyms: HashMap<String, (String, EntityType)> = HashMap::default();
    for m in &mentions {
        let (Some(ty), true) = (m.ty, m.tj - m.ti >= 2) else {
            continue;
        };
        if doc.text(m.tj) != "(" || doc.text(m.tj + 2) != ")" {
            continue;
        }
        let acr = doc.text(m.tj + 1);
        let shaped = doc
            .toks
            .get(m.tj + 1)
            .is_some_and(|t| matches!(t.shape, Shape::Upper | Shape::Dotted));
        let long = &doc.text[m.s..m.e];
        let initials_match = acr.chars().next() == long.chars().next();
        if shaped && initials_match {
            let canonical = m.canonical.clone().unwrap_or_else(|| long.to_string());
            acronyms.insert(acr.to_string(), (canonical, ty));
        }
    }
    // Full person names, as token texts, and which of them (in order) end and start with each
    // word: a name can only end with a mention's words if it ends with its last one.
    let persons: Vec<Vec<&str>> = mentions
        .iter()
        .filter(|m| m.ty == Some(EntityType::Person) && m.strong && m.tj - m.ti >= 2)
        .map(|m| (m.ti..m.tj).map(|k| doc.text(k)).collect())
        .collect();
    let everyone: Vec<&Vec<&str>> = persons.iter().collect();
    let mut by_last: HashMap<&str, Vec<&Vec<&str>>> = HashMap::default();
    let mut by_first: HashMap<&str, Vec<&Vec<&str>>> = HashMap::default();
    for p in &persons {
        if let (Some(&first), Some(&last)) = (p.first(), p.last()) {
            by_last.entry(last).or_default().push(p);
            by_first.entry(first).or_default().push(p);
        }
    }
    let mut words: Vec<&str> = Vec::new();
    for m in &mut mentions {
        let text = &doc.text[m.s..m.e];
        if let Some((canonical, ty)) = acronyms.get(text) {
            m.ty = Some(*ty);
            m.canonical = Some(canonical.clone());
            m.strong = true;
            continue;
        }
        let personish =
            matches!(m.ty, None | Some(EntityType::Person | EntityType::Misc)) || !m.gaz;
        if !personish || m.s != doc.toks.get(m.ti).map_or(0, |t| t.s) || persons.is_empty() {
            continue;
        }
        words.clear();
        words.extend((m.ti..m.tj).map(|k| doc.text(k)));
        // Without words (no mention has none) every name would end with them.
        let ending = words.last().map_or(&everyone[..], |w| named(&by_last, w));
        let best =
            longest(ending, |p| p.len() >= words.len() && p.ends_with(&words)).or_else(|| {
                match words[..] {
                    [only] => longest(named(&by_first, only), |_| true),
                    _ => None,
                }
            });
        if let Some(full) = best {
            m.ty = Some(EntityType::Person);
            m.canonical = Some(full.join(" "));
            m.strong = true;
        }
    }
    // Weak mentions need a strong one with the same text (the last one), whose type and name
    // they take.
    let strong: HashMap<&str, usize> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.strong && m.ty.is_some())
        .map(|(i, m)| (&doc.text[m.s..m.e], i))
        .collect();
    let confirmed: Vec<Option<(Option<EntityType>, Option<String>)>> = mentions
        .iter()
        .map(|m| {
            let i = *strong.get(&doc.text[m.s..m.e]).filter(|_| !m.strong)?;
            let by = mentions.get(i)?;
            Some((by.ty, by.canonical.clone()))
        })
        .collect();
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for (mut m, confirmed) in mentions.into_iter().zip(confirmed) {
        if !m.strong {
            let Some((ty, canonical)) = confirmed else {
                continue;
            };
            m.ty = ty;
            m.canonical = canonical;
        }
        if m.ty.is_none() {
            continue;
        }
        if m.canonical.is_none() {
            let mut name = String::with_capacity(m.e - m.s);
            for w in doc.text[m.s..m.e].split_whitespace() {
                if !name.is_empty() {
                    name.push(' ');
                }
                name.push_str(w);
            }
            m.canonical = Some(name);
        }
        out.push(m);
    }
    out
}

/// The names `index` lists under `word`, in document order.
fn named<'i, 'n, 'a>(
    index: &'i HashMap<&str, Vec<&'n Vec<&'a str>>>,
    word: &str,
) -> &'i [&'n Vec<&'a str>] {
    index.get(word).map_or(&[], Vec::as_slice)
}

/// The longest name in `names` satisfying `pred` (the last of the longest).
fn longest<'n, 'a>(
    names: &[&'n Vec<&'a str>],
    pred: impl Fn(&[&'a str]) -> bool,
) -> Option<&'n Vec<&'a str>> {
    names
        .iter()
        .copied()
        .filter(|p| pred(p))
        .max_by_key(|p| p.iter().map(|w| w.len()).sum::<usize>())
}
