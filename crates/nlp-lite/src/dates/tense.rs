//! Tense of the clause around a date expression, to resolve "Sunday" or "in March" to the past
//! or future occurrence.

/// The tense a relative expression should be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    /// Past-tense cue nearest ("said", "was", "-ed").
    Past,
    /// Future cue nearest ("will", "plans to", "next").
    Future,
    /// No cue.
    None,
}

const FUTURE: &[&str] = &[
    "will",
    "shall",
    "'ll",
    "going",
    "plans",
    "plan",
    "planned",
    "scheduled",
    "expected",
    "upcoming",
    "due",
    "intends",
    "aims",
    "forthcoming",
    "payable",
    "expects",
    "would",
];
const PAST: &[&str] = &[
    "was", "were", "had", "did", "said", "told", "met", "held", "took", "gave", "made", "went",
    "came", "wrote", "ago", "earlier", "saw", "began", "won", "lost", "left", "spoke", "sent",
    "became", "fell", "rose", "paid", "found", "led", "got", "knew", "thought", "brought", "hit",
    "cut", "put", "quit", "kept", "ran", "sold", "bought", "struck", "shot", "died", "been",
];
/// Words ending in "-ed" that are not past-tense verbs.
const NOT_PAST: &[&str] = &[
    "need",
    "succeed",
    "exceed",
    "proceed",
    "indeed",
    "speed",
    "based",
    "limited",
    "united",
    "hundred",
    "related",
    "interested",
    "concerned",
    "proposed",
    "detailed",
    "continued",
    "advanced",
    "alleged",
    "supposed",
    "scheduled",
    "expected",
    "planned",
];
/// Auxiliaries that put a following participle in the future ("will be paid", "is to be
/// held", "would be released").
const FUTURE_AUX: &[&str] = &["will", "shall", "'ll", "would", "to"];
/// Present auxiliaries that make a following participle a present passive ("is being
/// traded", "are based"), not a past event.
const PRESENT_AUX: &[&str] = &["is", "are", "am", "being"];
/// Words that may sit between such an auxiliary and its participle.
const AUX_FILLER: &[&str] = &[
    "be",
    "not",
    "also",
    "then",
    "now",
    "probably",
    "likely",
    "soon",
    "still",
    "again",
    "only",
    "never",
    "already",
    "first",
    "finally",
    "eventually",
];
/// Future cues that are also nouns ("the plan", "vacation plans"): a cue only as a verb with
/// an infinitive ("plans to", "plan to").
const NOUN_OR_VERB: &[&str] = &["plan", "plans"];

fn cue(word: &str) -> Tense {
    let w = word.to_ascii_lowercase();
    if FUTURE.contains(&w.as_str()) {
        Tense::Future
    } else if PAST.contains(&w.as_str())
        || (w.len() > 4 && w.ends_with("ed") && !NOT_PAST.contains(&w.as_str()))
    {
        Tense::Past
    } else {
        Tense::None
    }
}

/// Words before an "-ed" form that make it an adjective ("a still unspecified date", "the
/// proposed merger") rather than a past-tense verb.
const DETERMINERS: &[&str] = &[
    "a",
    "an",
    "the",
    "its",
    "their",
    "his",
    "her",
    "our",
    "still",
    "very",
    "more",
    "most",
    "newly",
    "previously",
    "recently",
    "well",
    "fully",
    "un",
];
/// Words that turn a past "was"/"were" into a future in the past ("were planning to",
/// "was scheduled to", "was to").
const FUTURE_IN_PAST: &[&str] = &[
    "planning",
    "going",
    "to",
    "scheduled",
    "expected",
    "due",
    "set",
    "slated",
];

fn lower(w: Option<&&str>) -> String {
    w.map(|w| w.to_ascii_lowercase()).unwrap_or_default()
}

/// The lower-cased word before word `i` of `words` ("" for the first).
fn lower_before(words: &[&str], i: usize) -> String {
    lower(i.checked_sub(1).and_then(|k| words.get(k)))
}

/// The future cue `w` (word `i` of `words`), unless it is a future seen from the past ("had
/// been due to expire Friday", "was scheduled to open Monday"): then the date may lie on either
/// side of the anchor, and the cue decides for neither.
fn future_cue(words: &[&str], i: usize, w: &str) -> Tense {
    let seen_from_past = FUTURE_IN_PAST.contains(&w)
        && matches!(lower_before(words, i).as_str(), "was" | "were" | "been");
    if seen_from_past {
        Tense::None
    } else {
        Tense::Future
    }
}

/// The cue of word `i` of `words` (text order), read in context: an auxiliary before a
/// participle decides its tense ("will be paid" is future, "is being traded" present), an
/// "-ed" form after a determiner is an adjective, and "was planning to" decides for neither
/// side. `None` when the word is no cue. The date expression itself was cut out before word
/// `gap`.
fn cue_at(words: &[&str], i: usize, gap: usize) -> Option<Tense> {
    let w = words[i].to_ascii_lowercase();
    // "set to resume", "is to resume": a plan.
    if matches!(w.as_str(), "set" | "is" | "are") && lower(words.get(i + 1)) == "to" {
        return Some(future_cue(words, i, &w));
    }
    if NOUN_OR_VERB.contains(&w.as_str()) && lower(words.get(i + 1)) != "to" {
        return None;
    }
    // "the planned merger", "is planned for", "planned to leave": ahead; "a hastily planned
    // trip", "they planned the attack": in the past.
    if w == "planned" {
        let prev = lower_before(words, i);
        let ahead = DETERMINERS.contains(&prev.as_str())
            || matches!(
                prev.as_str(),
                "is" | "are" | "was" | "were" | "be" | "being"
            )
            || lower(words.get(i + 1)) == "to";
        return Some(if ahead { Tense::Future } else { Tense::Past });
    }
    match cue(words[i]) {
        Tense::Past => {}
        Tense::Future => return Some(future_cue(words, i, &w)),
        Tense::None => return None,
    }
    if matches!(w.as_str(), "was" | "were") {
        // "were planning to", "was scheduled to": a future seen from the past.
        if FUTURE_IN_PAST.contains(&lower(words.get(i + 1)).as_str()) {
            return Some(Tense::None);
        }
        return Some(Tense::Past);
    }
    let mut k = i;
    let mut first = true;
    while k > 0 && i - k < 3 {
        k -= 1;
        let b = words[k].to_ascii_lowercase();
        if FUTURE_AUX.contains(&b.as_str()) {
            return Some(Tense::Future);
        }
        if PRESENT_AUX.contains(&b.as_str()) {
            return None;
        }
        if first && !PAST.contains(&w.as_str()) && DETERMINERS.contains(&b.as_str()) {
            return None;
        }
        first = false;
        if !AUX_FILLER.contains(&b.as_str()) {
            break;
        }
    }
    // "markets untouched by the crisis", "a letter signed by": a participle after a noun,
    // with no auxiliary, describes the noun and says nothing of the clause's tense.
    let prev = lower_before(words, i);
    if !PAST.contains(&w.as_str())
        && i + 1 != gap
        && lower(words.get(i + 1)) == "by"
        && !matches!(
            prev.as_str(),
            "was" | "were" | "had" | "has" | "have" | "been" | "and" | "or"
        )
    {
        return None;
    }
    Some(Tense::Past)
}

/// Verbs that put something off: what they put it off until lies ahead, however past the verb
/// ("postponed until Tuesday morning", "delayed to Monday").
const DELAYED: &[&str] = &[
    "postponed",
    "delayed",
    "deferred",
    "adjourned",
    "recessed",
    "rescheduled",
];

/// A cue from the words just before the expression: "as early as Tuesday" points ahead,
/// "since Monday", "as of Friday" back, "postponed until Tuesday" ahead. `strong` cues override
/// the verbs; a plain "until Friday" only decides when no verb does ("until Thursday, they had
/// not").
fn preposition_cue(left: &[&str]) -> (Tense, bool) {
    let w = |i: usize| {
        left.get(i)
            .map(|w| w.to_ascii_lowercase())
            .unwrap_or_default()
    };
    match (w(0).as_str(), w(1).as_str(), w(2).as_str()) {
        ("as", "soon" | "early", "as") => (Tense::Future, true),
        ("until" | "till" | "to", delay, _) if DELAYED.contains(&delay) => (Tense::Future, true),
        // "put off until", "pushed back until" (not "back to": "looking back to Sunday").
        ("until" | "till", "off" | "back", _) => (Tense::Future, true),
        ("since", _, _) | ("of", "as", _) => (Tense::Past, true),
        ("until" | "till", _, _) | ("on" | "by", "until" | "till", _) => (Tense::Future, false),
        _ => (Tense::None, false),
    }
}

/// The words of `t`.
fn words(t: &str) -> Vec<&str> {
    t.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Quotation marks: a quote and its attribution ("'' Castro said") are read apart.
const QUOTES: &[char] = &['"', '\u{201C}', '\u{201D}', '`'];

/// Whether byte `i` of `t` starts a quotation mark (a straight or curly double quote, a
/// doubled backquote or a doubled apostrophe, as in ``this'').
fn quote_at(t: &str, i: usize) -> bool {
    let rest = t.get(i..).unwrap_or("");
    rest.starts_with(QUOTES) || rest.starts_with("''")
}

/// The part of `t` after its last quotation mark (all of `t` without one).
fn after_last_quote(t: &str) -> &str {
    let cut = t
        .char_indices()
        .rev()
        .find(|&(i, _)| quote_at(t, i))
        .map_or(0, |(i, ch)| i + ch.len_utf8());
    t.get(cut..).unwrap_or("")
}

/// The part of `t` before its first quotation mark (all of `t` without one).
fn before_first_quote(t: &str) -> &str {
    let cut = t
        .char_indices()
        .find(|&(i, _)| quote_at(t, i))
        .map_or(t.len(), |(i, _)| i);
    t.get(..cut).unwrap_or("")
}

/// The tense cue nearest to the expression at `s..e` within its sentence `sentence` (byte spans).
pub(crate) fn tense_at(text: &str, sentence: (usize, usize), s: usize, e: usize) -> Tense {
    let before = after_last_quote(text.get(sentence.0..s).unwrap_or(""));
    let after = before_first_quote(text.get(e..sentence.1).unwrap_or(""));
    let mut all = words(before);
    let pos = all.len();
    all.extend(words(after));
    let left: Vec<&str> = all[..pos].iter().rev().copied().collect();
    let (prep, strong) = preposition_cue(&left);
    if strong {
        return prep;
    }
    // "remain in Miami until March 6" in a sentence told in the past: a verb of another
    // clause, far away, sets no direction against the preposition, so the nearest occurrence
    // is taken ("Until Monday, nobody had noticed" keeps its past).
    let settle = |t: Tense, d: usize| {
        if prep == Tense::Future && t == Tense::Past && d > 6 {
            Tense::None
        } else {
            t
        }
    };
    for d in 0..pos.max(all.len() - pos) {
        for i in [
            pos.checked_sub(1 + d),
            Some(pos + d).filter(|&i| i < all.len()),
        ]
        .into_iter()
        .flatten()
        {
            if let Some(t) = cue_at(&all, i, pos) {
                return settle(t, d);
            }
        }
    }
    prep
}
