//! Bylines and credits: "By IANS | Updated: November 3, 2024 15:05 IST", "By Jane Doe and
//! John Roe", "Yonhap news agency reported", and the list of wire agencies they name.

use std::sync::LazyLock;

use regex::Regex;

use crate::article::{Attribution, AttributionKind, Source, Timestamp};
use crate::timestamp;

/// Wire agencies: (name as credited, aliases that may appear in a byline), all lower-case aliases.
const AGENCIES: &[(&str, &[&str])] = &[
    ("IANS", &["ians", "indo-asian news service"]),
    ("PTI", &["pti", "press trust of india"]),
    ("ANI", &["ani", "asian news international"]),
    ("UNI", &["uni", "united news of india"]),
    ("AP", &["ap", "associated press", "the associated press"]),
    (
        "AFP",
        &["afp", "agence france-presse", "agence france presse"],
    ),
    ("Reuters", &["reuters", "thomson reuters"]),
    ("Yonhap", &["yonhap"]),
    ("Xinhua", &["xinhua"]),
    ("Kyodo", &["kyodo", "kyodo news"]),
    ("Bloomberg", &["bloomberg"]),
    ("dpa", &["dpa", "deutsche presse-agentur"]),
    ("EFE", &["efe"]),
    ("ANSA", &["ansa"]),
    ("TASS", &["tass"]),
    ("RIA Novosti", &["ria novosti"]),
    ("Anadolu", &["anadolu", "anadolu agency", "aa"]),
    ("Bernama", &["bernama"]),
    ("Antara", &["antara"]),
    ("WAM", &["wam", "emirates news agency"]),
    ("APP", &["app", "associated press of pakistan"]),
    ("BSS", &["bss", "bangladesh sangbad sangstha"]),
    ("CNA", &["cna", "central news agency"]),
    ("PA", &["pa", "pa media", "press association"]),
    ("AAP", &["aap", "australian associated press"]),
    ("CP", &["the canadian press", "canadian press"]),
    ("Europa Press", &["europa press"]),
    ("NTB", &["ntb"]),
    ("TT", &["tt nyhetsbyrån"]),
];

/// The agency a name refers to, by its credited form.
pub(crate) fn agency_name(name: &str) -> Option<&'static str> {
    let lower = name.trim().trim_end_matches(['.', ',']).to_lowercase();
    let lower = lower.strip_suffix(" news agency").unwrap_or(&lower);
    AGENCIES
        .iter()
        .find(|(_, aliases)| aliases.contains(&lower))
        .map(|(name, _)| *name)
}

/// What a byline line says.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Byline {
    /// People credited.
    pub authors: Vec<String>,
    /// Agencies credited.
    pub agencies: Vec<&'static str>,
    /// "Published" or unlabelled timestamp.
    pub published: Option<Timestamp>,
    /// "Updated" timestamp.
    pub updated: Option<Timestamp>,
}

static BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:written\s+|posted\s+|reported\s+|edited\s+|story\s+)?(?:by|par|por|von|door|av|af)\s*:?\s+(.+)$")
        .expect("static regex")
});
static LABELLED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(last\s+updated|updated|modified|published|first\s+published|posted|created|date)\s*(?:on|at)?\s*:?\s*",
    )
    .expect("static regex")
});
static NAME_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:,\s*and\s+|,|;|\s+and\s+|\s+&\s+|\s+with\s+)\s*").expect("static regex")
});
static SEPARATORS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[|•·–—]\s+|\s*\|\s*|\s+-\s+").expect("static regex"));

/// Words that show a credited "name" is a desk, not a person.
const NOT_PEOPLE: &[&str] = &[
    "staff",
    "desk",
    "bureau",
    "team",
    "editor",
    "editors",
    "editorial",
    "correspondent",
    "reporter",
    "newsroom",
    "agencies",
    "agency",
    "news",
    "service",
    "wire",
    "online",
    "web",
    "digital",
    "admin",
    "guest",
    "contributor",
    "media",
];

/// Parses a byline line, or returns `None` when the line is not one.
pub(crate) fn parse(line: &str) -> Option<Byline> {
    let line = line.trim();
    if line.split_whitespace().count() > 30 {
        return None;
    }
    // "ByJane Doe": a byline whose space was lost in the copy.
    let unglued;
    let line = match line.strip_prefix("By") {
        Some(rest) if rest.starts_with(|c: char| c.is_uppercase()) => {
            unglued = format!("By {rest}");
            unglued.as_str()
        }
        _ => line,
    };
    let mut out = Byline::default();
    let mut recognised = false;
    for part in SEPARATORS.split(line) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        // A labelled date needs a year; the regex only runs on parts with four digits.
        let labelled = if part.bytes().filter(u8::is_ascii_digit).count() >= 4 {
            LABELLED_DATE.captures(part)
        } else {
            None
        };
        if let Some(label) = labelled {
            let Some(whole) = label.get(0) else { continue };
            let rest = &part[whole.end()..];
            if let Some(ts) = timestamp::parse(rest, Source::Byline) {
                let key = label
                    .get(1)
                    .map(|m| m.as_str().to_lowercase())
                    .unwrap_or_default();
                if key.contains("updated") || key.contains("modified") {
                    out.updated = Some(ts);
                } else {
                    out.published = Some(ts);
                }
                recognised = true;
                continue;
            }
        }
        // `is_match` runs on the DFA; the capturing engines only see real bylines.
        if let Some(caps) = BY.is_match(part).then(|| BY.captures(part)).flatten() {
            let names = caps.get(1).map(|m| m.as_str()).unwrap_or_default();
            // A date glued to the names ("By Jane Doe November 3, 2024") is split off.
            let (names, date) = split_trailing_date(names);
            if let Some(ts) = date {
                out.published.get_or_insert(ts);
            }
            add_names(names, &mut out);
            recognised = true;
            continue;
        }
        if let Some(ts) = timestamp::parse(part, Source::Byline) {
            if part.split_whitespace().count() <= 8 {
                out.published.get_or_insert(ts);
                recognised = true;
                continue;
            }
        }
        if let Some(agency) = agency_name(part) {
            out.agencies.push(agency);
            recognised = true;
        }
    }
    recognised.then_some(out)
}

fn split_trailing_date(names: &str) -> (&str, Option<Timestamp>) {
    let months = [
        " jan",
        " feb",
        " mar",
        " apr",
        " may ",
        " jun",
        " jul",
        " aug",
        " sep",
        " oct",
        " nov",
        " dec",
        " updated",
        " published",
        " 20",
        " 19",
    ];
    let lower = names.to_lowercase();
    let cut = months.iter().filter_map(|m| lower.find(m)).min();
    match cut {
        Some(i) if names.is_char_boundary(i) => {
            let ts = timestamp::parse(&names[i..], Source::Byline);
            if ts.is_some() {
                (names[..i].trim_end_matches([',', ' ', '-']), ts)
            } else {
                (names, None)
            }
        }
        _ => (names, None),
    }
}

fn add_names(names: &str, out: &mut Byline) {
    for name in NAME_SPLIT.split(names) {
        let name = clean_name(name);
        if name.is_empty() {
            continue;
        }
        if let Some(agency) = agency_name(&name) {
            if !out.agencies.contains(&agency) {
                out.agencies.push(agency);
            }
        } else if looks_like_person(&name) && !out.authors.contains(&name) {
            out.authors.push(name);
        }
    }
}

/// Strips roles and handles: "Jane Doe, Staff Writer" has already been split; this drops
/// "@handle", "(Reuters)" and trailing punctuation.
fn clean_name(name: &str) -> String {
    let mut s = name.trim();
    if let Some(i) = s.find(" (") {
        s = &s[..i];
    }
    if let Some(i) = s.find(" @") {
        s = &s[..i];
    }
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ':' | '-' | '|'))
        .to_owned()
}

/// Whether a line is only a byline label ("By", "Written by", "Author:") whose names follow on
/// the next line.
pub(crate) fn is_bare_label(line: &str) -> bool {
    let l = line.trim().trim_end_matches(':').trim();
    [
        "by",
        "written by",
        "posted by",
        "words by",
        "story by",
        "author",
        "authors",
        "reported by",
    ]
    .iter()
    .any(|label| label.eq_ignore_ascii_case(l))
}

/// A plausible person's name: one to five words, capitalised, no desk words, no digits.
pub(crate) fn looks_like_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || name.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if name.contains('@')
        || name.contains("://")
        || name.contains('.') && !name.contains(". ") && words.len() == 1
    {
        return false;
    }
    let lower = name.to_lowercase();
    if lower.split_whitespace().any(|w| NOT_PEOPLE.contains(&w)) {
        return false;
    }
    // Credentials and acronyms ("MS", "RD", "CEPF®", "USA TODAY") are not names.
    let all_caps = words.iter().all(|w| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase())
    });
    if all_caps || name.contains(['®', '™']) {
        return false;
    }
    words.iter().all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        first.is_uppercase()
            || [
                "de", "van", "von", "der", "da", "di", "bin", "al", "el", "la", "le",
            ]
            .contains(w)
    })
}

static REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?-u:\b)([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})\s+news\s+agency\s+(?:reported|said|quoted|added|cited)
          |according\s+to\s+(?:the\s+)?([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})(?:\s+news\s+agency)?(?-u:\b)
          |\(([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})\)\s*[-–—]
          |(?-u:\b)via\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})",
    )
    .expect("static regex")
});

/// Credits made in running text: "Yonhap news agency reported", "according to Reuters",
/// "(AFP) —", "via AP". Only wire agencies (or explicit "X news agency") count.
pub(crate) fn attributions_in_text(text: &str) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::new();
    // A whole-text search with capture groups is slow; find matches with the fast engine, then
    // read the groups of each (short) match.
    for found in REPORTED.find_iter(text) {
        let Some(caps) = REPORTED.captures(found.as_str()) else {
            continue;
        };
        let (name, kind, explicit) = if let Some(m) = caps.get(1) {
            (m.as_str(), AttributionKind::ReportedBy, true)
        } else if let Some(m) = caps.get(2) {
            let explicit = caps.get(0).is_some_and(|w| w.as_str().ends_with("agency"));
            (m.as_str(), AttributionKind::ReportedBy, explicit)
        } else if let Some(m) = caps.get(3) {
            (m.as_str(), AttributionKind::BylineAgency, false)
        } else if let Some(m) = caps.get(4) {
            (m.as_str(), AttributionKind::Via, false)
        } else {
            continue;
        };
        let name = match agency_name(name) {
            Some(a) => a.to_owned(),
            None if explicit => name.trim().to_owned(),
            None => continue,
        };
        if !out.iter().any(|a| a.name == name && a.kind == kind) {
            out.push(Attribution { name, kind });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_byline_with_update() {
        let b = parse("By IANS | Updated: November 3, 2024 15:05 IST").expect("byline");
        assert_eq!(b.agencies, vec!["IANS"]);
        assert!(b.authors.is_empty());
        assert_eq!(
            b.updated.map(|t| t.local),
            Some("2024-11-03T15:05:00+05:30".to_owned())
        );
    }

    #[test]
    fn people() {
        let b = parse("By Jane Doe and John Roe, Staff").expect("byline");
        assert_eq!(b.authors, vec!["Jane Doe", "John Roe"]);
        let b = parse("Written by Ana María Ruiz | 4 March 2025").expect("byline");
        assert_eq!(b.authors, vec!["Ana María Ruiz"]);
        assert_eq!(b.published.map(|t| t.local), Some("2025-03-04".to_owned()));
        let b = parse("ByNina Okafor").expect("glued byline");
        assert_eq!(b.authors, vec!["Nina Okafor"]);
        assert!(parse("Bypass roads reopen").is_none());
        assert!(
            is_bare_label("Written By") && is_bare_label("by:") && !is_bare_label("by the river")
        );
        let b = parse("By Reuters Staff").expect("byline");
        assert!(b.authors.is_empty());
        assert!(parse("The minister said the plan would go ahead.").is_none());
    }

    #[test]
    fn text_credits() {
        let a = attributions_in_text(
            "the talks, Yonhap news agency reported. Later, according to Reuters, more.",
        );
        assert_eq!(
            a,
            vec![
                Attribution {
                    name: "Yonhap".into(),
                    kind: AttributionKind::ReportedBy
                },
                Attribution {
                    name: "Reuters".into(),
                    kind: AttributionKind::ReportedBy
                },
            ]
        );
        assert!(attributions_in_text("according to John Smith, it rained").is_empty());
    }
}
