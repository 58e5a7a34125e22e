//! Pattern families: one regex and one normalisation function per kind of expression.
//!
//! Each family's regex is compiled once (in `FAMILIES`). A named group `t` marks the TIMEX3
//! span when it differs from the whole match (prepositions such as "on" in "on Sunday" are
//! matched for context but left out of the span); a normaliser may also narrow the span with
//! `Norm::start`/`Norm::end`, and a range ("1861-1865", "April 6-7") yields its second half
//! as `Norm::extra`. To add a kind of expression, add a family and a test line in
//! `dates::tests`.

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::{Captures, Regex};
use regex_automata::hybrid::dfa::{Cache, OverlappingState, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind};

use super::resolve::{self, at_granularity, duration, placeholder, shift};
use super::tense::Tense;
use super::words::{
    month_num, number, weekday_num, Unit, DAY, MONTH, MONTH_FULL, NUMBER, UNIT, WEEKDAY, YEAR,
};
use super::Ctx;
use crate::zones;
use crate::TimexType;

/// A normalised expression.
pub(crate) struct Norm {
    /// TIMEX3 type.
    pub ty: TimexType,
    /// TIMEX3 value.
    pub value: String,
    /// Whether the value is fully resolved.
    pub anchored: bool,
    /// TIMEX3 `mod`.
    pub modifier: Option<&'static str>,
    /// A span end (bytes) overriding the match's, when trailing text turned out not to belong.
    pub end: Option<usize>,
    /// A span start (bytes) overriding the match's, when leading text turned out not to belong.
    pub start: Option<usize>,
    /// A second expression found by the same match (the end of a range such as "1861-1865"),
    /// with its own `start` and `end` set.
    pub extra: Option<Box<Norm>>,
    /// An anaphoric expression ("the following year", "two days later"): `n` units from the
    /// last date mentioned before it, which replaces the anchor-based value when there is one.
    pub anaphor: Option<(Unit, i64)>,
    /// The month/day carries no year of its own; the narrative may supply one.
    pub yearless: bool,
    /// The TimeML reading in news ("three days later" → the DURATION "three days"): the span
    /// end and value to use when the text is not a narrative.
    pub news_duration: Option<(usize, String)>,
    /// Earnings news: "a year earlier" means the quarter last mentioned, a year before.
    pub year_ago_quarter: bool,
}

impl Norm {
    fn new(ty: TimexType, value: impl Into<String>, anchored: bool) -> Self {
        Norm {
            ty,
            value: value.into(),
            anchored,
            modifier: None,
            end: None,
            start: None,
            extra: None,
            anaphor: None,
            yearless: false,
            news_duration: None,
            year_ago_quarter: false,
        }
    }

    fn with_span(mut self, s: usize, e: usize) -> Self {
        self.start = Some(s);
        self.end = Some(e);
        self
    }

    fn with_mod(mut self, m: Option<&'static str>) -> Self {
        self.modifier = m;
        self
    }
}

type NormFn = fn(&Captures<'_>, &Ctx<'_>) -> Option<Norm>;

/// A family: its name (for tests and debugging), regex and normaliser.
pub(crate) struct Family {
    /// Short name.
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    /// The compiled pattern.
    pub re: Regex,
    /// Turns a match into a value.
    pub norm: NormFn,
}

fn family(name: &'static str, pattern: &str, norm: NormFn) -> Option<Family> {
    // The patterns write word boundaries as ASCII `(?-u:\b)`: a Unicode `\b` would make the
    // regex engine leave its fast DFA on any non-ASCII text.
    // Patterns are fixed strings; a bad one is a bug caught by the unit tests, not a panic.
    let re = Regex::new(&format!("(?i){pattern}")).ok()?;
    Some(Family { name, re, norm })
}

/// A group that never matches (no position is both inside a word and at a word boundary), put
/// before a pattern to keep the regex engine from building a prefilter from the pattern's
/// leading literals: its leading class is too large to extract literals from, so the pattern
/// as a whole has none. For families whose matches start with digits or with words as common
/// as "in", such a prefilter stops at nearly every word and costs 2.4-3.8 times the plain DFA
/// scan (measured on news text). It changes no match.
const NO_PREFILTER: &str = r"(?-u:\w\B\b)?";

/// All families, in priority order (earlier wins among equally long matches).
pub(crate) static FAMILIES: LazyLock<Vec<Family>> = LazyLock::new(|| {
    let zone = r"(?-i:[A-Z]{1,5})";
    const ONES: &str = "one|two|three|four|five|six|seven|eight|nine";
    const TEENS: &str =
        "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
    const TENS: &str = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
    const AP: &str = r"[ap]\.m\.|[ap]m(?-u:\b)|[ap]\.m(?-u:\b)|(?:o'clock\s+)?in\s+the\s+(?:morning|afternoon|evening)(?-u:\b)|o'clock";
    let specs: Vec<(&'static str, String, NormFn)> = vec![
        ("iso", r"(?-u:\b)(?P<y>[12][0-9]{3})-(?P<m>[01][0-9])-(?P<d>[0-3][0-9])(?:[T ](?P<h>[0-2][0-9]):(?P<mi>[0-5][0-9])(?::[0-5][0-9])?(?P<z>Z|[+-][0-2][0-9]:?[0-5][0-9])?)?(?-u:\b)".into(), iso),
        ("mdy", format!(r"(?-u:\b)(?:{WEEKDAY},?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY})(?:,?\s+|\s+of\s+)(?P<y>{YEAR})(?-u:\b)"), full_date),
        ("dmy", format!(r"(?-u:\b)(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>{YEAR})(?-u:\b)"), full_date),
        ("numeric", format!(r"(?-u:\b)(?P<a>[01]?[0-9])/(?P<b>[0-3]?[0-9])/(?P<y>{YEAR})(?-u:\b)"), numeric_date),
        ("year-range", format!(r"(?-u:\b)(?P<y1>{YEAR})\s*[-–]\s*(?P<y2>{YEAR}|[0-9]{{2}})(?-u:\b)"), year_range),
        ("bc-range", r"(?-u:\b)(?P<y1>[0-9]{1,4})\s*[-–]\s*(?P<y2>[0-9]{1,4})\s*(?-i:BCE?(?-u:\b)|B\.C\.(?:E\.)?)".into(), bc_range),
        ("bc", r"(?-u:\b)(?P<t>(?P<y>[0-9]{1,4})\s*(?-i:BCE?(?-u:\b)|B\.C\.(?:E\.)?))".into(), bc),
        ("day-range", format!(r"{NO_PREFILTER}(?-u:\b)(?P<d1>{DAY})(?:\s*[-–]\s*|\s+and\s+)(?P<d2>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH_FULL})(?:,?\s+(?P<y>{YEAR}))?(?-u:\b)"), day_range),
        ("md-range", format!(r"(?-u:\b)(?P<mon>{MONTH_FULL})\s+(?P<d1>{DAY})(?:\s*[-–]\s*|\s+and\s+)(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?(?-u:\b)"), day_range),
        ("md", format!(r"(?-u:\b)(?:{WEEKDAY},?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY})(?-u:\b)"), partial_date),
        ("dm", format!(r"(?-u:\b)(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})(?-u:\b)"), partial_date),
        ("month-year", format!(r"(?-u:\b)(?:(?P<mod>early|late|mid-?)\s*)?(?P<mon>{MONTH})(?:,\s*|\s+of\s+|\s+)(?P<y>{YEAR})(?-u:\b)"), month_year),
        // A time needs minutes or an "a.m."/"o'clock" part (the normaliser rejects a bare
        // number), so the pattern requires one: `ap2` is `ap` when there are no minutes. Bare
        // numbers are common in news and each match would cost a capture resolution.
        ("time", format!(r"{NO_PREFILTER}(?-u:\b)(?P<h>[0-2]?[0-9])(?:[:.](?P<mi>[0-5][0-9])\s*(?P<ap>{AP})?|\s*(?P<ap2>{AP}))(?:\s*\(?(?P<z>{zone})(?-u:\b)\)?)?"), time),
        ("noon", r"(?-u:\b)(?P<t>noon|midnight|midday)(?-u:\b)".into(), noon),
        ("part-of-day", r"(?-u:\b)(?P<t>(?:(?P<rel>this|yesterday|tomorrow|last|early|late)\s+)?(?P<mid>mid[\s-]?)?(?P<pod>morning|afternoon|evening|night)(?:\s+(?P<rel2>yesterday|today|tomorrow))?|tonight|overnight)(?-u:\b)".into(), part_of_day),
        ("day-rel", r"(?-u:\b)(?P<t>(?:the\s+day\s+(?P<ba>before|after)\s+)?(?:(?P<mod>late|early|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow))(?-u:\b)".into(), day_rel),
        ("weekday", format!(r"(?-u:\b)(?:(?:on|by|until|since|from|before|after|through)\s+)?(?P<t>(?:(?P<rel>last|next|this|coming|past|the\s+previous|previous|the\s+following|following)\s+)?(?P<wd>{WEEKDAY})(?P<pl>s(?-u:\b))?(?:\s+(?P<pod>morning|afternoon|evening|night)(?P<pl2>s(?-u:\b))?)?)"), weekday),
        ("month-prep", format!(r"(?-u:\b)(?:in|since|by|until|till|through|during|from|before|after|of|last|next|this|(?P<weak>throughout|for|to|into|and|between)|(?P<det>the|a|an))\s+(?P<t>(?:(?P<mod>early|late|mid-?)\s*)?(?P<mon>{MONTH_FULL})(?:\s+of\s+(?:that|the\s+same)\s+year|\s+(?P<ry>last|this|next)\s+year)?)"), month_alone),
        ("month-rel", format!(r"(?-u:\b)(?P<t>(?P<rel>last|next|this|early|late|mid-?|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[\s-]*(?P<mon>{MONTH_FULL})(?:\s+of\s+(?:that|the\s+same)\s+year|\s+(?P<ry>last|this|next)\s+year)?)"), month_alone),
        ("unit-rel", r"(?-u:\b)(?P<t>(?:(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+)?(?P<rel>this|last|next|past|coming|current|previous|following|that|the|this\s+past|(?:earlier|later|early|late)\s+(?:this|last|next|that)|the\s+(?:past|last|previous|preceding|next|coming|current|following|same|succeeding|subsequent))\s+(?P<u>day|week|weekend|month|year|quarter|decade|century|spring|summer|autumn|fall|winter))(?-u:\b)".into(), unit_rel),
        ("ago", format!(r"(?-u:\b)(?P<t>(?:(?P<mod>more\s+than|less\s+than|at\s+least|about|around|approximately|roughly|nearly|almost|some|just\s+over|just\s+under|only|a\s+mere|just)\s+)?(?P<n>{NUMBER})\s+(?P<u>{UNIT})\s+(?P<dir>ago|from\s+now|hence|earlier|later|before|or\s+so\s+ago))(?-u:\b)"), ago),
        ("duration", format!(r"(?-u:\b)(?P<t>(?:(?P<mod>over|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|about|around|approximately|roughly|nearly|almost|some|up\s+to|just\s+over|just\s+under)\s+)?(?P<the>the\s+(?:(?P<pl>past|last|next|first|coming|previous|following|latest)\s+)?)?(?P<n>{NUMBER})(?P<half>\s+1/2|\s+and\s+(?:a\s+)?half)?[\s-]+(?:(?:more|additional|further|extra|trading|business|working)\s+)?(?P<u>{UNIT})(?P<half2>\s+and\s+a\s+half)?)(?-u:\b)"), duration_fam),
        ("past-units", r"(?-u:\b)(?P<t>the\s+(?:past|last|coming|next|previous)\s+(?:(?P<q>few|several|many)\s+)?(?P<u>days|weeks|months|years|decades))(?-u:\b)".into(), vague_duration),
        ("vague-duration", format!(r"{NO_PREFILTER}(?-u:\b)(?:for|in|over|within|after)\s+(?P<t>(?:(?P<q>several|many|the\s+coming|coming)\s+)?(?P<u>days|weeks|months|years|decades))(?-u:\b)"), vague_duration),
        ("set", format!(r"(?-u:\b)(?P<t>(?:every|each)\s+(?:other\s+)?(?P<u>day|week|month|quarter|year|morning|afternoon|evening|night|weekend|{WEEKDAY})|(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly)|(?:once|twice|(?:three|four|[0-9]+)\s+times)\s+(?:a|per|each|every)\s+(?P<u2>day|week|month|year)|per\s+(?P<u3>day|week|month|year))(?-u:\b)"), set),
        ("fuzzy", r"(?-u:\b)(?:in\s+)?(?P<t>(?:right\s+)?now|currently|current|at\s+present|nowadays|these\s+days|at\s+the\s+moment|recently|lately|recent\s+(?:years|months|weeks|days|times)|the\s+past|the\s+(?:near\s+|immediate\s+|distant\s+)?future)(?-u:\b)".into(), fuzzy),
        ("quarter", format!(r"(?-u:\b)(?P<t>(?:the\s+(?:fiscal\s+)?)?(?:(?P<pre>year-earlier|year-ago|(?P<rel2>this|last|next)\s+year's|(?P<y3>{YEAR})|fiscal)[\s-]+)?(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year))?|(?-i:Q(?P<q>[1-4]))(?:\s+(?P<y2>{YEAR}))?)(?-u:\b)"), quarter),
        ("half", format!(r"(?-u:\b)(?P<t>(?:the\s+)?(?P<ord>first|second)\s+half\s+of\s+(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year))(?-u:\b)"), half),
        ("season", format!(r"(?-u:\b)(?:in\s+)?(?P<t>(?:the\s+(?:(?P<rel2>early|late)\s+)?|(?P<rel>this|last|next|early|late|past)\s+)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>{YEAR}))?)(?-u:\b)"), season),
        ("decade", r"(?-u:\b)(?P<t>(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<dec>1[5-9][0-9]|20[0-9])0s|'(?P<d2>[0-9])0s))(?-u:\b)".into(), decade),
        ("century", r"(?-u:\b)(?P<t>(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<ord>[0-9]{1,2}(?:st|nd|rd|th)|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century)(?-u:\b)".into(), century),
        ("year", format!(r"(?-u:\b)(?P<t>(?:(?P<fisc>fiscal)\s+|(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+|the\s+year\s+)?(?:(?P<mod>early|late|mid-?)\s*|(?P<mod2>early|late|later|earlier)\s+in\s+)?(?P<y>{YEAR}))(?-u:\b)"), year),
        ("word-year", format!(r"(?-u:\b)(?P<t>(?P<pre>the\s+year\s+|(?P<mon>{MONTH_FULL})\s+|(?:the\s+)?(?P<s>spring|summer|autumn|fall|winter)\s+(?:of\s+)?)?(?P<w>(?:nineteen|twenty)[\s-]+(?:{TEENS}|(?:{TENS})(?:[\s-]+(?:{ONES}))?|hundred(?:\s+and)?(?:\s+(?:{ONES}))?)|two\s+thousand(?:\s+(?:and\s+)?(?:{ONES}|ten))?))(?-u:\b)"), word_year),
        ("holiday", format!(r"(?-u:\b)(?P<t>(?:(?P<rel>last|next|this)\s+)?(?P<h>Christmas\s+(?:Day|Eve)|Christmas|New\s+Year's\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Election\s+Day|Independence\s+Day|Halloween|Valentine's\s+Day|Veterans\s+Day|Memorial\s+Day|Labor\s+Day)(?:,?\s+(?P<y>{YEAR}))?)(?-u:\b)"), holiday),
        ("fin-quarter", format!(r"(?-u:\b)(?P<t>(?:the|its)\s+(?:(?P<lat>latest|most\s+recent|recent|current|just-ended|just\s+ended|latest\s+fiscal|fiscal)\s+)?(?P<ya>year-earlier\s+|year-ago\s+|comparable\s+year-ago\s+|comparable\s+year-earlier\s+)?(?:(?P<yy>{YEAR})\s+)?(?P<u>quarter|period)|(?P<adj>year-(?:earlier|ago)))(?-u:\b)"), fin_quarter),
        ("year-end", r"(?-u:\b)(?:by|since|at|until|till|before|after|around|from|through|toward|towards)\s+(?P<t>year[-\s]end|year's\s+end)(?-u:\b)".into(), year_end),
        ("the-year", r"(?-u:\b)(?P<t>(?:(?P<mod>late|later|early|earlier)\s+in\s+|(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+)?the\s+(?:(?P<adj>full|fiscal|calendar|current(?:\s+fiscal)?)\s+)?year)(?-u:\b)(?:\s+(?P<fin>ended|ending|that\s+ended))?".into(), the_year),
    ];
    specs
        .into_iter()
        .filter_map(|(name, pattern, norm)| family(name, &pattern, norm))
        .collect()
});

/// Lazy DFA cache for the gate. With the default (2 MB) a DFA of all the families keeps
/// clearing its cache on news text (a third more instructions for `analyse` than two sets of
/// half the families); with 4 MB it mostly settles, and 8 MB leaves room for more varied text
/// (about 3 MB after 2 800 news bodies). It is held per thread that tags dates.
const GATE_DFA_BYTES: usize = 8 << 20;

/// Makes a gate cache.
type CacheFn = Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// All the family patterns again, as one lazy DFA that reports every end of a match of every
/// family, with its caches.
struct Gate {
    dfa: DFA,
    caches: Pool<Cache, CacheFn>,
}

/// The gate (`None` if it failed to build).
static GATE: LazyLock<Option<Gate>> = LazyLock::new(|| {
    let patterns: Vec<&str> = FAMILIES.iter().map(|f| f.re.as_str()).collect();
    let dfa = DFA::builder()
        .configure(
            DFA::config()
                .match_kind(MatchKind::All)
                .cache_capacity(GATE_DFA_BYTES),
        )
        .thompson(thompson::Config::new().which_captures(WhichCaptures::None))
        .build_many(&patterns)
        .ok()?;
    let for_caches = dfa.clone();
    let create: CacheFn = Box::new(move || for_caches.create_cache());
    Some(Gate {
        dfa,
        caches: Pool::new(create),
    })
});

/// How far each family needs to search `text`: `None` when `FAMILIES[i]` matches nowhere in
/// it, else a byte offset such that a search of `text[..end]` finds exactly the matches a
/// search of `text` finds.
///
/// A fast path: most texts match only a few of the families, and one scan of the gate finds
/// which families match at all, where running them would scan the text once per family. It
/// also finds where each family's last match can end at the latest (the gate reports every
/// end of every match), so a family's search stops there instead of scanning the rest of the
/// text for nothing (about a third of the bytes the families would scan in news text). When
/// the gate is unavailable, every family searches all of `text`.
pub(crate) fn family_reach(text: &str) -> Vec<Option<usize>> {
    let whole = || vec![Some(text.len()); FAMILIES.len()];
    let Some(gate) = GATE.as_ref() else {
        return whole();
    };
    match last_match_ends(gate, text) {
        Some(ends) => ends
            .into_iter()
            .map(|e| e.map(|e| past_word(text, e)))
            .collect(),
        None => whole(),
    }
}

/// The end of the last match of each family in `text` (`None` for a family without one), or
/// `None` when the gate gave up.
fn last_match_ends(gate: &Gate, text: &str) -> Option<Vec<Option<usize>>> {
    let mut ends = vec![None; FAMILIES.len()];
    let mut cache = gate.caches.get();
    let input = Input::new(text);
    let mut state = OverlappingState::start();
    loop {
        gate.dfa
            .try_search_overlapping_fwd(&mut cache, &input, &mut state)
            .ok()?;
        let Some(m) = state.get_match() else {
            return Some(ends);
        };
        if let Some(end) = ends.get_mut(m.pattern().as_usize()) {
            *end = Some(end.map_or(m.offset(), |e: usize| e.max(m.offset())));
        }
    }
}

/// Byte `i` of `text` moved past any ASCII word characters that follow it. A search of
/// `text[..past_word(text, i)]` sees every ASCII word boundary (the only look-around the
/// patterns use) where a search of `text` does, at the cut too: after the cut comes a
/// non-word character or the end, either way not a word character.
fn past_word(text: &str, i: usize) -> usize {
    let rest = text.as_bytes().get(i..).unwrap_or(&[]);
    i + rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count()
}

/// The nearest char boundary of `text` at or before byte `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn int<T: std::str::FromStr>(c: &Captures<'_>, name: &str) -> Option<T> {
    c.name(name)?
        .as_str()
        .trim_end_matches(|ch: char| ch.is_alphabetic())
        .parse()
        .ok()
}

fn group<'t>(c: &Captures<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn modifier(word: Option<&str>) -> Option<&'static str> {
    let w = word?.to_ascii_lowercase();
    Some(match w.trim_end_matches('-') {
        "early" => "START",
        "late" => "END",
        "mid" => "MID",
        "more than" | "over" | "just over" => "MORE_THAN",
        "less than" | "fewer than" | "under" | "just under" => "LESS_THAN",
        "at least" => "EQUAL_OR_MORE",
        "at most" | "up to" | "nearly" | "almost" => "EQUAL_OR_LESS",
        "about" | "around" | "approximately" | "roughly" | "some" => "APPROX",
        _ => return None,
    })
}

fn date_value(y: i16, m: i8, d: i8) -> Option<String> {
    Date::new(y, m, d).ok().map(resolve::day)
}

fn iso(c: &Captures<'_>, _: &Ctx<'_>) -> Option<Norm> {
    let day = date_value(int(c, "y")?, int(c, "m")?, int(c, "d")?)?;
    match (int::<i8>(c, "h"), int::<i8>(c, "mi")) {
        (Some(h), Some(mi)) if h < 24 => {
            // The patterns are case-insensitive, so "z" is UTC too.
            let z = group(c, "z").map_or(String::new(), |z| {
                if z.eq_ignore_ascii_case("z") {
                    return "+00:00".into();
                }
                match (z.contains(':'), z.get(..3), z.get(3..)) {
                    (false, Some(hours), Some(minutes)) => format!("{hours}:{minutes}"),
                    _ => z.into(),
                }
            });
            Some(Norm::new(
                TimexType::Time,
                format!("{day}T{h:02}:{mi:02}{z}"),
                true,
            ))
        }
        _ => Some(Norm::new(TimexType::Date, day, true)),
    }
}

fn full_date(c: &Captures<'_>, _: &Ctx<'_>) -> Option<Norm> {
    let m = month_num(group(c, "mon")?)?;
    capitalised(group(c, "mon")?).then_some(())?;
    Some(Norm::new(
        TimexType::Date,
        date_value(int(c, "y")?, m, int(c, "d")?)?,
        true,
    ))
}

fn numeric_date(c: &Captures<'_>, _: &Ctx<'_>) -> Option<Norm> {
    let (a, b): (i8, i8) = (int(c, "a")?, int(c, "b")?);
    let (m, d) = if a > 12 { (b, a) } else { (a, b) };
    Some(Norm::new(
        TimexType::Date,
        date_value(int(c, "y")?, m, d)?,
        true,
    ))
}

fn partial_date(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let mon = group(c, "mon")?;
    if !capitalised(mon) {
        return None;
    }
    let m = month_num(mon)?;
    let d: i8 = int(c, "d")?;
    // "Nov 3" followed by more digits or a colon and digits is something else (a time, a
    // year range); "Monday, Oct. 26:" before a quotation is a date.
    let whole = c.get(0)?;
    let rest = ctx.text.get(whole.end()..).unwrap_or("");
    let digit_after = |r: &str| r.starts_with(|ch: char| ch.is_ascii_digit());
    if digit_after(rest) || rest.strip_prefix(':').is_some_and(digit_after) {
        return None;
    }
    match ctx.anchor {
        Some(a) => {
            let y = resolve::year_for(a, m, Some(d), ctx.tense(whole.start(), whole.end()))?;
            let mut n = Norm::new(TimexType::Date, date_value(y, m, d)?, true);
            n.yearless = true;
            Some(n)
        }
        // Validate against a leap year so "Feb 29" stays possible.
        None => Date::new(2000, m, d).ok().map(|_| {
            let mut n = Norm::new(TimexType::Date, format!("XXXX-{m:02}-{d:02}"), false);
            n.yearless = true;
            n
        }),
    }
}

fn month_year(c: &Captures<'_>, _: &Ctx<'_>) -> Option<Norm> {
    let mon = group(c, "mon")?;
    capitalised(mon).then_some(())?;
    let y: i16 = int(c, "y")?;
    Some(
        Norm::new(
            TimexType::Date,
            format!("{y:04}-{:02}", month_num(mon)?),
            true,
        )
        .with_mod(modifier(group(c, "mod"))),
    )
}

fn time(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let mut h: i8 = int(c, "h")?;
    let mi: Option<i8> = int(c, "mi");
    let ap_match = c.name("ap").or_else(|| c.name("ap2"));
    let ap = ap_match.map(|m| m.as_str().to_ascii_lowercase());
    if mi.is_none() && ap.is_none() {
        return None;
    }
    if c.name("mi").is_some() && ap.is_none() && c.get(0)?.as_str().contains('.') {
        return None; // "3.30" is a number more often than a time
    }
    let half = ap.as_deref().and_then(meridiem);
    // "4 in the morning", "9 o'clock": a clock hour.
    if ap.as_deref().is_some_and(|a| a.starts_with(['o', 'i'])) && !(1..=12).contains(&h) {
        return None;
    }
    match half {
        Some('p') if (1..12).contains(&h) => h += 12,
        Some('a') if h == 12 => h = 0,
        _ => {}
    }
    if h > 24 {
        return None;
    }
    let mut end = ap_match.or_else(|| c.name("mi")).map(|m| m.end());
    let mut zone = String::new();
    if let Some(z) = c.name("z") {
        match zones::offset_seconds(z.as_str()) {
            Some(off) => {
                zone = zones::format_offset(off);
                end = None;
            }
            None if matches!(
                z.as_str(),
                "AST" | "GST" | "BDT" | "ECT" | "AMT" | "CT" | "MT"
            ) =>
            {
                end = None
            }
            None => {}
        }
    }
    let day = ctx
        .anchor
        .map_or_else(|| "XXXX-XX-XX".to_string(), resolve::day);
    let mut n = Norm::new(
        TimexType::Time,
        format!("{day}T{h:02}:{:02}{zone}", mi.unwrap_or(0)),
        ctx.anchor.is_some(),
    );
    n.end = end;
    Some(n)
}

/// `a` or `p` for a time's "a.m."/"p.m." or "in the morning"/"in the evening"; `None` for
/// "o'clock".
fn meridiem(ap: &str) -> Option<char> {
    if ap.contains("morning") {
        Some('a')
    } else if ap.contains("afternoon") || ap.contains("evening") {
        Some('p')
    } else {
        ap.chars().next().filter(|ch| matches!(ch, 'a' | 'p'))
    }
}

fn noon(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let t = if !group(c, "t")?.eq_ignore_ascii_case("midnight") {
        "12:00"
    } else {
        "24:00"
    };
    let day = ctx
        .anchor
        .map_or_else(|| "XXXX-XX-XX".to_string(), resolve::day);
    Some(Norm::new(
        TimexType::Time,
        format!("{day}T{t}"),
        ctx.anchor.is_some(),
    ))
}

fn pod_code(p: &str) -> &'static str {
    match p.to_ascii_lowercase().as_str() {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        _ => "NI",
    }
}

fn part_of_day(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let t = group(c, "t")?.to_ascii_lowercase();
    let rel = group(c, "rel").map(|r| r.to_ascii_lowercase());
    // "mid-afternoon yesterday": the day may follow.
    let rel = rel.or_else(|| group(c, "rel2").map(|r| r.to_ascii_lowercase()));
    let (offset, code) = match (t.as_str(), rel.as_deref()) {
        ("tonight" | "overnight", _) => (0, "NI"),
        // "mid-afternoon", "midmorning": a time of the day at hand.
        (_, None | Some("today")) if c.name("mid").is_some() || c.name("rel2").is_some() => {
            (0, pod_code(group(c, "pod")?))
        }
        (_, Some("yesterday")) => (-1, pod_code(group(c, "pod")?)),
        (_, Some("tomorrow")) => (1, pod_code(group(c, "pod")?)),
        (_, Some("last")) if group(c, "pod")?.eq_ignore_ascii_case("night") => (-1, "NI"),
        (_, Some("this")) => (0, pod_code(group(c, "pod")?)),
        _ => return None,
    };
    Some(match ctx.anchor {
        Some(a) => Norm::new(
            TimexType::Time,
            format!("{}T{code}", resolve::day(shift(a, Unit::Day, offset)?)),
            true,
        ),
        None => Norm::new(TimexType::Time, format!("XXXX-XX-XXT{code}"), false),
    })
}

fn day_rel(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let mut offset = match group(c, "w")?.to_ascii_lowercase().as_str() {
        "yesterday" => -1,
        "tomorrow" => 1,
        _ => 0,
    };
    match group(c, "ba").map(|s| s.to_ascii_lowercase()).as_deref() {
        Some("before") => offset -= 1,
        Some("after") => offset += 1,
        _ => {}
    }
    let m = modifier(group(c, "mod"));
    Some(
        match ctx.anchor {
            Some(a) => Norm::new(
                TimexType::Date,
                resolve::day(shift(a, Unit::Day, offset)?),
                true,
            ),
            None if offset == 0 => Norm::new(TimexType::Date, "PRESENT_REF", false),
            None => Norm::new(TimexType::Date, "XXXX-XX-XX", false),
        }
        .with_mod(m),
    )
}

fn weekday(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let wd_match = c.name("wd")?;
    let wd_text = wd_match.as_str();
    let t = c.name("t")?;
    let plural_day = c.name("pl").is_some();
    let next = ctx
        .text
        .get(wd_match.end()..)
        .and_then(|r| r.chars().next());
    if !capitalised(wd_text) || next.is_some_and(char::is_alphanumeric) && !plural_day {
        return None;
    }
    let wd = weekday_num(wd_text)?;
    let pod = group(c, "pod")
        .map(|p| format!("T{}", pod_code(p)))
        .unwrap_or_default();
    // "on Mondays", "Tuesday nights": a plural names every such day.
    if group(c, "rel").is_none() && (plural_day || c.name("pl2").is_some()) {
        return Some(Norm::new(
            TimexType::Set,
            format!("XXXX-WXX-{wd}{pod}"),
            true,
        ));
    }
    let rel =
        group(c, "rel").map(
            |r| match r.to_ascii_lowercase().trim_start_matches("the ").trim() {
                "previous" => "last".to_string(),
                "following" => "next".to_string(),
                other => other.to_string(),
            },
        );
    let ty = if pod.is_empty() {
        TimexType::Date
    } else {
        TimexType::Time
    };
    Some(match ctx.anchor {
        Some(a) => {
            // "Friday's close": a possessive weekday names an event already reported.
            let rest = ctx.text.get(t.end()..).unwrap_or("");
            let tense = if rest.starts_with("'s") || rest.starts_with("\u{2019}s") {
                Tense::Past
            } else {
                ctx.tense(t.start(), t.end())
            };
            let d = resolve::weekday(a, wd, tense, rel.as_deref())?;
            Norm::new(ty, format!("{}{pod}", resolve::day(d)), true)
        }
        None => Norm::new(ty, format!("XXXX-WXX-{wd}{pod}"), false),
    })
}

fn month_alone(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let m = month_num(group(c, "mon")?)?;
    // "last Oct. 23": the month belongs to a date.
    let after = ctx.text.get(c.name("mon")?.end()..).unwrap_or("");
    if c.name("ry").is_none()
        && after
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(|ch: char| ch.is_ascii_digit()))
    {
        return None;
    }
    // "the October slaying", "a June agreement": after a determiner the month must modify
    // a following common noun ("the May Department Stores" is a name).
    if c.name("det").is_some() && !before_common_noun(after) {
        return None;
    }
    // "voted for May", "Smith and May": after these words a bare "May" is as often a name.
    if c.name("weak").is_some() && group(c, "mon") == Some("May") && c.name("ry").is_none() {
        return None;
    }
    let rel = group(c, "rel").map(|r| r.to_ascii_lowercase());
    let modv = modifier(group(c, "mod")).or_else(|| match rel.as_deref() {
        Some(r) if r.contains("end") => Some("END"),
        Some(r) if r.contains("beginning") || r.contains("start") => Some("START"),
        Some(r) if r.contains("middle") => Some("MID"),
        r => modifier(r),
    });
    let t = c.name("t")?;
    let ry = group(c, "ry").map(|r| r.to_ascii_lowercase());
    let deictic = matches!(rel.as_deref(), Some("last" | "next" | "this")) || ry.is_some();
    let Some(a) = ctx.anchor else {
        let mut n = Norm::new(TimexType::Date, format!("XXXX-{m:02}"), false).with_mod(modv);
        n.yearless = !deictic;
        return Some(n);
    };
    let y = match (ry.as_deref(), rel.as_deref()) {
        // "June last year": the calendar year before the anchor's.
        (Some("last"), _) => a.year() - 1,
        (Some("next"), _) => a.year() + 1,
        (Some(_), _) => a.year(),
        (None, Some("last")) => {
            if m < a.month() {
                a.year()
            } else {
                a.year() - 1
            }
        }
        (None, Some("next")) => {
            if m > a.month() {
                a.year()
            } else {
                a.year() + 1
            }
        }
        (None, Some("this")) => a.year(),
        _ => resolve::year_for(a, m, None, ctx.tense(t.start(), t.end()))?,
    };
    let mut n = Norm::new(TimexType::Date, format!("{y:04}-{m:02}"), true).with_mod(modv);
    n.yearless = !deictic;
    Some(n)
}

/// Whether `rest` (the text after a month) starts with a space and a lowercase word other
/// than "of" ("the March accession", not "the March of Dimes").
fn before_common_noun(rest: &str) -> bool {
    let Some(r) = rest.strip_prefix(' ') else {
        return false;
    };
    let word = r.split(|ch: char| !ch.is_alphabetic()).next().unwrap_or("");
    word.starts_with(|ch: char| ch.is_lowercase()) && word != "of"
}

fn season_code(s: &str) -> &'static str {
    match s.to_ascii_lowercase().as_str() {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        _ => "WI",
    }
}

fn unit_rel(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    // ABC's "This Week": a quoted phrase in title case names a programme or a column.
    let t = c.name("t")?;
    let before = ctx.text.get(..t.start()).unwrap_or("");
    if group(c, "u").is_some_and(capitalised) && before.ends_with(['"', '\u{201C}', '`', '\'']) {
        return None;
    }
    let rel = group(c, "rel")?.to_ascii_lowercase();
    let rel: String = rel.split_whitespace().collect::<Vec<_>>().join(" ");
    let u = group(c, "u")?.to_ascii_lowercase();
    // "the past year" / "the last decade": a period ending now.
    if matches!(rel.as_str(), "the past" | "the last") {
        let unit = Unit::parse(&u)?;
        return Some(Norm::new(
            TimexType::Duration,
            duration(Some(1.0), unit),
            true,
        ));
    }
    let offset: i64 = match rel.as_str() {
        "last" | "past" | "previous" | "the previous" | "the preceding" | "early last"
        | "late last" | "earlier last" | "later last" => -1,
        "next" | "coming" | "following" | "the next" | "the coming" | "the following"
        | "the succeeding" | "the subsequent" | "early next" | "late next" | "later next"
        | "earlier next" => 1,
        _ => 0,
    };
    // "the following year", "that month", "the next day": counted from the last date
    // mentioned (see `narrative_years`); the anchor stands in until then.
    let anaphoric = rel.contains("that")
        || rel.starts_with("the ")
            && !matches!(
                rel.as_str(),
                "the coming" | "the current" | "the past" | "the last"
            )
        || matches!(rel.as_str(), "previous" | "following");
    if u == "day" && !anaphoric || rel == "the" && u != "weekend" {
        return None;
    }
    let m = match group(c, "edge").map(|e| e.to_ascii_lowercase()).as_deref() {
        Some("end") => Some("END"),
        Some("middle") => Some("MID"),
        Some(_) => Some("START"),
        None if rel.starts_with("early") => Some("START"),
        None if rel.starts_with("late ") => Some("END"),
        None => None,
    };
    if matches!(
        u.as_str(),
        "spring" | "summer" | "autumn" | "fall" | "winter"
    ) {
        let code = season_code(&u);
        return Some(
            match ctx.anchor {
                Some(a) => Norm::new(
                    TimexType::Date,
                    format!("{:04}-{code}", i64::from(a.year()) + offset),
                    true,
                ),
                None => Norm::new(TimexType::Date, format!("XXXX-{code}"), false),
            }
            .with_mod(m),
        );
    }
    if u == "weekend" {
        // "the weekend": the coming one in the future tense, else the latest one.
        let t = c.name("t")?;
        let offset = match (rel.as_str(), ctx.anchor) {
            ("the", Some(a)) => {
                let weekend = a.weekday().to_monday_one_offset() >= 6;
                if weekend || ctx.tense(t.start(), t.end()) == Tense::Future {
                    0
                } else {
                    -1
                }
            }
            _ => offset,
        };
        return Some(match ctx.anchor {
            Some(a) => Norm::new(
                TimexType::Date,
                format!("{}-WE", resolve::week(shift(a, Unit::Week, offset)?)),
                true,
            ),
            None => Norm::new(TimexType::Date, "XXXX-WXX-WE", false),
        });
    }
    let unit = Unit::parse(&u)?;
    let mut n = match ctx.anchor {
        Some(a) => Norm::new(
            TimexType::Date,
            at_granularity(shift(a, unit, offset)?, unit),
            true,
        ),
        None => Norm::new(TimexType::Date, placeholder(unit), false),
    }
    .with_mod(m);
    if anaphoric {
        n.anaphor = Some((unit, offset));
    }
    Some(n)
}

fn ago(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let n = number(group(c, "n")?)?;
    let unit = Unit::parse(group(c, "u")?)?;
    let dir = group(c, "dir")?.to_ascii_lowercase();
    let sign = if dir.ends_with("ago") || dir == "earlier" || dir == "before" {
        -1
    } else {
        1
    };
    // "two days later" counts from the narrative's last date, "two days ago" from the anchor.
    let anaphoric = matches!(dir.as_str(), "earlier" | "later");
    let Some(n) = n else {
        let mut norm = Norm::new(
            TimexType::Date,
            if sign < 0 { "PAST_REF" } else { "FUTURE_REF" },
            true,
        );
        if matches!(dir.as_str(), "later" | "before") {
            norm.news_duration = Some((c.name("u")?.end(), duration(None, unit)));
        }
        return Some(norm);
    };
    if n.fract() != 0.0 || n > 1e6 {
        return None;
    }
    let k = sign * n as i64;
    let t = c.name("t")?;
    // Earnings news: "a year ago" / "a year earlier" beside a quarter means that quarter.
    let window = ctx
        .text
        .get(floor_boundary(ctx.text, t.start().saturating_sub(600))..t.start())
        .unwrap_or("");
    if unit == Unit::Year
        && k == -1
        && (ctx.sentence(t.start()).contains("quarter")
            || window.contains("quarter")
            || window.contains("latest period"))
    {
        if let Some(a) = ctx.anchor {
            let q = shift(shift(a, Unit::Quarter, -1)?, Unit::Year, -1)?;
            let mut n = Norm::new(TimexType::Date, resolve::quarter(q), true);
            n.year_ago_quarter = true;
            return Some(n);
        }
    }
    let mut norm = match ctx.anchor {
        Some(a) => Norm::new(
            TimexType::Date,
            at_granularity(shift(a, unit, k)?, unit),
            true,
        ),
        None => Norm::new(TimexType::Date, placeholder(unit), false),
    };
    if anaphoric {
        norm.anaphor = Some((unit, k));
    }
    if matches!(dir.as_str(), "later" | "before") {
        let end = c.name("u")?.end();
        let mut v = duration(Some(n), unit);
        if group(c, "n").is_some_and(|w| number(w) == Some(None)) {
            v = duration(None, unit);
        }
        norm.news_duration = Some((end, v));
    }
    Some(norm)
}

fn duration_fam(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let n_text = group(c, "n")?.to_ascii_lowercase();
    let u_text = group(c, "u")?.to_ascii_lowercase();
    if matches!(n_text.as_str(), "a" | "an") && u_text == "second" {
        return None; // "a second term"
    }
    if matches!(n_text.as_str(), "a" | "an") && is_rate(ctx.text.get(..c.name("n")?.start())?) {
        return None;
    }
    // "2 1/2 years", "a minute and a half".
    let half = c.name("half").or_else(|| c.name("half2")).is_some();
    let n = number(&n_text)?.map(|n| if half { n + 0.5 } else { n });
    let unit = Unit::parse(&u_text)?;
    let u_end = c.name("u")?.end();
    let rest = ctx.text.get(u_end..).unwrap_or("");
    // "a quarter of the vote", "three-quarters": fractions, not durations.
    let hyphen = ctx.text.get(c.name("n")?.end()..c.name("u")?.start()) == Some("-");
    if u_text.starts_with("quarter") && (rest.starts_with(" of") || hyphen && u_text.ends_with('s'))
    {
        return None;
    }
    // "a 6-year-old": an age, not a duration.
    if rest.starts_with("-old") || rest.starts_with(" old") || rest.starts_with("s-old") {
        return None;
    }
    let mut norm =
        Norm::new(TimexType::Duration, duration(n, unit), true).with_mod(modifier(group(c, "mod")));
    // TimeML leaves out "about", a preposition "over" before "the", and the determiner of
    // an adjective ("the two-week strike", "the two day talks") but keeps it on a noun phrase
    // ("the nine months").
    let n_m = c.name("n")?;
    let adjective = ctx.text.get(n_m.end()..c.name("u")?.start()) == Some("-")
        || !u_text.ends_with('s') && n.is_some_and(|n| n > 1.0);
    let the = c
        .name("the")
        .filter(|_| c.name("pl").is_some() || !adjective);
    let m_low = group(c, "mod").map(|m| m.to_ascii_lowercase());
    let over_count = m_low.as_deref() == Some("over")
        && !matches!(n_text.as_str(), "a" | "an" | "half a" | "half an");
    let drop_mod = matches!(m_low.as_deref(), Some("about")) || over_count;
    if drop_mod || c.name("the").is_some() && the.is_none() {
        norm.start = Some(the.unwrap_or(n_m).start());
    }
    if over_count {
        norm.modifier = None;
    }
    Some(norm)
}

/// Whether the text before "a year"/"a week" makes it a rate ("$5 million a year", "three
/// flights a week"): a number or a plural noun right before it.
fn is_rate(before: &str) -> bool {
    let prev = before
        .trim_end()
        .rsplit(|ch: char| ch.is_whitespace())
        .next()
        .unwrap_or("");
    let number = prev.bytes().last().is_some_and(|b| b.is_ascii_digit())
        || matches!(
            prev.to_ascii_lowercase().as_str(),
            "million" | "billion" | "thousand" | "hundred" | "dollars" | "cents" | "percent"
        );
    let plural = prev.len() > 3
        && prev.ends_with('s')
        && !prev.ends_with("ss")
        && !prev.ends_with("us")
        && prev.bytes().all(|b| b.is_ascii_lowercase())
        && !matches!(
            prev,
            "this"
                | "was"
                | "has"
                | "its"
                | "does"
                | "less"
                | "across"
                | "takes"
                | "lasts"
                | "spends"
                | "needs"
                | "gives"
                | "adds"
        );
    number || plural
}

fn vague_duration(c: &Captures<'_>, _: &Ctx<'_>) -> Option<Norm> {
    let unit = Unit::parse(group(c, "u")?)?;
    Some(Norm::new(TimexType::Duration, duration(None, unit), true))
}

fn set(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    if let Some(adv) = group(c, "adv") {
        // "average daily volume", "the party daily Granma": an adjective or a newspaper.
        let t = c.name("t")?;
        let before = ctx.text.get(..t.start()).unwrap_or("").trim_end();
        let after = ctx.text.get(t.end()..).unwrap_or("").trim_start();
        if before.ends_with("average") || after.starts_with(char::is_uppercase) {
            return None;
        }
        let v = match adv.to_ascii_lowercase().as_str() {
            "daily" => "P1D",
            "weekly" => "P1W",
            "monthly" => "P1M",
            "quarterly" => "P3M",
            "hourly" => "PT1H",
            "nightly" => "XXXX-XX-XXTNI",
            _ => "P1Y",
        };
        return Some(Norm::new(TimexType::Set, v, true));
    }
    let u = group(c, "u")
        .or_else(|| group(c, "u2"))
        .or_else(|| group(c, "u3"))?;
    // "Mon." or "Monday", not "month".
    let weekday_word = u.to_ascii_lowercase().ends_with("day") || u.ends_with('.');
    if let Some(wd) = weekday_num(u).filter(|_| weekday_word) {
        return Some(Norm::new(TimexType::Set, format!("XXXX-WXX-{wd}"), true));
    }
    let v = match u.to_ascii_lowercase().as_str() {
        "morning" | "afternoon" | "evening" | "night" => format!("XXXX-XX-XXT{}", pod_code(u)),
        "weekend" => "XXXX-WXX-WE".into(),
        other => duration(Some(1.0), Unit::parse(other)?),
    };
    Some(Norm::new(TimexType::Set, v, true))
}

fn fuzzy(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let tm = c.name("t")?;
    // A sentence-opening "Now, …" is a discourse marker far more often than a time ("Now
    // the talks resume" is a time).
    let comma = ctx.text.get(tm.end()..).is_some_and(|r| r.starts_with(','));
    if tm.as_str() == "Now" && comma {
        let before = ctx.text.get(..tm.start()).unwrap_or("").trim_end();
        if before.is_empty() || before.ends_with(['.', '\n', '"', '`', '\'', ':']) {
            return None;
        }
    }
    let t = tm.as_str().to_ascii_lowercase();
    // "recent years/months": an unspecified stretch of that unit, as TimeBank annotates it.
    if t.contains("recent") {
        if let Some(unit) = t.split_whitespace().last().and_then(Unit::parse) {
            return Some(Norm::new(TimexType::Duration, duration(None, unit), true));
        }
    }
    let v = if t.contains("recent") || matches!(t.as_str(), "lately" | "the past") {
        "PAST_REF"
    } else if t.contains("future") {
        "FUTURE_REF"
    } else {
        "PRESENT_REF"
    };
    Some(Norm::new(TimexType::Date, v, true))
}

fn ordinal(w: &str) -> Option<i16> {
    let w = w.to_ascii_lowercase();
    if let Ok(n) = w
        .trim_end_matches(|c: char| c.is_alphabetic())
        .parse::<i16>()
    {
        return Some(n);
    }
    Some(match w.as_str() {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" | "final" => 4,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "twenty-first" => 21,
        _ => return None,
    })
}

fn year_of(c: &Captures<'_>, ctx: &Ctx<'_>, y: &str, rel: &str) -> Option<(String, bool)> {
    if let Some(y) = group(c, y).and_then(|s| s.parse::<i16>().ok()) {
        return Some((format!("{y:04}"), true));
    }
    let off = match group(c, rel).map(|r| r.to_ascii_lowercase()).as_deref() {
        Some("last") => -1,
        Some("next") => 1,
        _ => 0,
    };
    Some(match ctx.anchor {
        Some(a) => (format!("{:04}", i32::from(a.year()) + off), true),
        None => ("XXXX".into(), false),
    })
}

fn quarter(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let q = match group(c, "ord") {
        Some(o) => ordinal(o)?,
        None => int(c, "q")?,
    };
    if !(1..=4).contains(&q) {
        return None;
    }
    let pre = group(c, "pre").map(|p| p.to_ascii_lowercase());
    let (y, anchored) = match (group(c, "y2").or_else(|| group(c, "y3")), pre.as_deref()) {
        (Some(y), _) => (y.to_string(), true),
        (None, Some("year-earlier" | "year-ago")) => match ctx.anchor {
            Some(a) => (format!("{:04}", a.year() - 1), true),
            None => ("XXXX".into(), false),
        },
        _ if c.name("rel2").is_some() => year_of(c, ctx, "y", "rel2")?,
        _ => year_of(c, ctx, "y", "rel")?,
    };
    let mut n = Norm::new(TimexType::Date, format!("{y}-Q{q}"), anchored);
    // "the third-quarter results": the determiner belongs to the noun, not the timex.
    if let Some(o) = c.name("ord") {
        if ctx.text.get(o.end()..).is_some_and(|r| r.starts_with('-')) {
            n.start = Some(c.name("pre").unwrap_or(o).start());
        }
    }
    Some(n)
}

fn half(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let h = ordinal(group(c, "ord")?)?;
    let (y, anchored) = year_of(c, ctx, "y", "rel")?;
    Some(Norm::new(TimexType::Date, format!("{y}-H{h}"), anchored))
}

fn season(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let s = group(c, "s")?;
    let rel = group(c, "rel")
        .or_else(|| group(c, "rel2"))
        .map(|r| r.to_ascii_lowercase());
    let whole = c.get(0)?.as_str().to_ascii_lowercase();
    let year = group(c, "y");
    // Bare "fall"/"spring" are verbs or nouns far more often than seasons.
    let unambiguous = matches!(
        s.to_ascii_lowercase().as_str(),
        "winter" | "summer" | "autumn"
    );
    let the = group(c, "t").is_some_and(|t| t.to_ascii_lowercase().starts_with("the "));
    if rel.is_none() && !the && year.is_none() && !whole.starts_with("in ") && !unambiguous {
        return None;
    }
    let code = season_code(s);
    let m = modifier(rel.as_deref());
    if let Some(y) = year {
        return Some(Norm::new(TimexType::Date, format!("{y}-{code}"), true).with_mod(m));
    }
    let off = match rel.as_deref() {
        Some("last" | "past") => -1,
        Some("next") => 1,
        _ => 0,
    };
    let mut n = match ctx.anchor {
        Some(a) => Norm::new(
            TimexType::Date,
            format!("{:04}-{code}", i32::from(a.year()) + off),
            true,
        ),
        None => Norm::new(TimexType::Date, format!("XXXX-{code}"), false),
    }
    .with_mod(m);
    n.yearless = !matches!(rel.as_deref(), Some("last" | "past" | "next" | "this"));
    Some(n)
}

fn decade(c: &Captures<'_>, _: &Ctx<'_>) -> Option<Norm> {
    let v = match (group(c, "dec"), group(c, "d2")) {
        (Some(d), _) => d.to_string(),
        (None, Some(d)) => {
            let century = if d.parse::<u8>().ok()? <= 2 {
                "20"
            } else {
                "19"
            };
            format!("{century}{d}")
        }
        _ => return None,
    };
    Some(Norm::new(TimexType::Date, v, true).with_mod(modifier(group(c, "mod"))))
}

fn century(c: &Captures<'_>, _: &Ctx<'_>) -> Option<Norm> {
    let n = ordinal(group(c, "ord")?)?;
    if !(1..=30).contains(&n) {
        return None;
    }
    Some(
        Norm::new(TimexType::Date, format!("{:02}", n - 1), true)
            .with_mod(modifier(group(c, "mod"))),
    )
}

fn year(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let y: i16 = int(c, "y")?;
    // "in 2000 troops": a count, not a year.
    let t = c.name("t")?;
    let rest = ctx.text.get(t.end()..).unwrap_or("");
    let prev = ctx
        .text
        .get(..t.start())
        .and_then(|p| p.chars().next_back());
    if matches!(
        prev,
        Some('$' | '#' | '.' | ',' | '-' | '/' | '£' | '€' | '0'..='9')
    ) || rest.starts_with(['%', '-', '/'])
        || rest.starts_with(['.', ',', ':'])
            && rest[1..].starts_with(|ch: char| ch.is_ascii_digit())
    {
        return None;
    }
    let next_word = rest.split_whitespace().next().unwrap_or("");
    let plural_noun = next_word.len() > 3
        && next_word.ends_with('s')
        && next_word.chars().all(|ch| ch.is_lowercase())
        && !matches!(next_word, "was" | "has" | "is" | "as" | "this" | "does");
    if plural_noun || next_word.starts_with('%') || next_word.starts_with("percent") {
        return None;
    }
    let edge = group(c, "edge").map(|e| match e.to_ascii_lowercase().as_str() {
        "end" => "END",
        "middle" => "MID",
        _ => "START",
    });
    Some(
        Norm::new(TimexType::Date, format!("{y:04}"), true).with_mod(
            modifier(group(c, "mod"))
                .or(modifier(group(c, "mod2")))
                .or(edge),
        ),
    )
}

/// `1958-59` or `1861-1865`: the second year of a two-digit range takes the first's century.
fn second_year(y1: i16, y2: &str) -> Option<i16> {
    let n: i16 = y2.parse().ok()?;
    if y2.len() == 4 {
        return (n > y1).then_some(n);
    }
    let mut y = y1 - y1.rem_euclid(100) + n;
    if y <= y1 {
        y += 100;
    }
    (y - y1 <= 30).then_some(y)
}

fn year_range(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let (m1, m2) = (c.name("y1")?, c.name("y2")?);
    let rest = ctx.text.get(m2.end()..).unwrap_or("");
    // "2024-11-03" is an ISO date, "1990-94%" something else.
    if rest.starts_with(['-', '/', '%', '.'])
        && rest
            .get(1..2)
            .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let prev = ctx
        .text
        .get(..m1.start())
        .and_then(|p| p.chars().next_back());
    if matches!(prev, Some('$' | '#' | '-' | '/' | '0'..='9')) {
        return None;
    }
    let y1: i16 = m1.as_str().parse().ok()?;
    let y2 = second_year(y1, m2.as_str())?;
    let mut first =
        Norm::new(TimexType::Date, format!("{y1:04}"), true).with_span(m1.start(), m1.end());
    let second =
        Norm::new(TimexType::Date, format!("{y2:04}"), true).with_span(m2.start(), m2.end());
    first.extra = Some(Box::new(second));
    Some(first)
}

fn bc_value(y: &str) -> Option<String> {
    let y: u16 = y.parse().ok()?;
    (y > 0).then(|| format!("BC{y:04}"))
}

fn bc_range(c: &Captures<'_>, _: &Ctx<'_>) -> Option<Norm> {
    let (m1, m2) = (c.name("y1")?, c.name("y2")?);
    let whole = c.get(0)?;
    let mut first =
        Norm::new(TimexType::Date, bc_value(m1.as_str())?, true).with_span(m1.start(), m1.end());
    let second =
        Norm::new(TimexType::Date, bc_value(m2.as_str())?, true).with_span(m2.start(), whole.end());
    first.extra = Some(Box::new(second));
    Some(first)
}

fn bc(c: &Captures<'_>, _: &Ctx<'_>) -> Option<Norm> {
    Some(Norm::new(TimexType::Date, bc_value(group(c, "y")?)?, true))
}

/// `12-14 July 1950` (the first day; the second is an ordinary date) and `April 6-7` (both);
/// "April 24 and 25" and "4 and 5 May" likewise name two days.
fn day_range(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let m = month_num(group(c, "mon")?)?;
    let (m1, m2) = (c.name("d1")?, c.name("d2")?);
    let d1: i8 = int(c, "d1")?;
    let d2: i8 = int(c, "d2")?;
    if d2 <= d1 {
        return None;
    }
    let whole = c.get(0)?;
    let (y, anchored, yearless) = match (int::<i16>(c, "y"), ctx.anchor) {
        (Some(y), _) => (Some(y), true, false),
        (None, Some(a)) => (
            resolve::year_for(a, m, Some(d1), ctx.tense(whole.start(), whole.end())),
            true,
            true,
        ),
        (None, None) => (None, false, false),
    };
    let value = |d: i8| -> Option<String> {
        match y {
            Some(y) => date_value(y, m, d),
            None => Date::new(2000, m, d)
                .ok()
                .map(|_| format!("XXXX-{m:02}-{d:02}")),
        }
    };
    let month_first = c.name("mon")?.start() < m1.start();
    let first_start = if month_first {
        whole.start()
    } else {
        m1.start()
    };
    let mut first =
        Norm::new(TimexType::Date, value(d1)?, anchored).with_span(first_start, m1.end());
    first.yearless = yearless;
    if month_first {
        let mut second =
            Norm::new(TimexType::Date, value(d2)?, anchored).with_span(m2.start(), whole.end());
        second.yearless = yearless;
        first.extra = Some(Box::new(second));
    }
    Some(first)
}

/// The year a spelled-out year names ("nineteen ninety-six", "two thousand").
fn word_year_value(w: &str) -> Option<i16> {
    let w = w.to_ascii_lowercase();
    let parts: Vec<&str> = w.split([' ', '-']).filter(|p| !p.is_empty()).collect();
    let (head, tail) = parts.split_first()?;
    if *head == "two" {
        // two thousand [and] N
        let rest: Vec<&str> = tail
            .iter()
            .skip(1)
            .filter(|p| **p != "and")
            .copied()
            .collect();
        let n = if rest.is_empty() {
            0
        } else {
            number(&rest.join(" "))?? as i16
        };
        return Some(2000 + n);
    }
    let century: i16 = match *head {
        "nineteen" => 19,
        "twenty" => 20,
        _ => return None,
    };
    let rest: Vec<&str> = tail
        .iter()
        .filter(|p| !matches!(**p, "hundred" | "and"))
        .copied()
        .collect();
    let n = if rest.is_empty() {
        0
    } else {
        number(&rest.join(" "))?? as i16
    };
    (0..100).contains(&n).then_some(century * 100 + n)
}

fn word_year(c: &Captures<'_>, _: &Ctx<'_>) -> Option<Norm> {
    let w = group(c, "w")?;
    // "two thousand" alone is a count; it is a year after "the year" or a month.
    if w.to_ascii_lowercase().starts_with("two") && group(c, "pre").is_none() {
        return None;
    }
    let y = word_year_value(w)?;
    // "January nineteen ninety-seven", "the winter of nineteen ninety-four".
    let value = match (group(c, "mon").and_then(month_num), group(c, "s")) {
        (Some(m), _) => format!("{y:04}-{m:02}"),
        (None, Some(s)) => format!("{y:04}-{}", season_code(s)),
        (None, None) => format!("{y:04}"),
    };
    Some(Norm::new(TimexType::Date, value, true))
}

/// Month and day of a holiday in year `y` (Easter by the anonymous Gregorian algorithm).
fn holiday_date(name: &str, y: i16) -> Option<Date> {
    let n = name.to_ascii_lowercase();
    let nth_weekday = |month: i8, wd: i8, nth: i16| -> Option<Date> {
        let first = Date::new(y, month, 1).ok()?;
        let off = (wd - first.weekday().to_monday_one_offset()).rem_euclid(7);
        shift(first, Unit::Day, i64::from(off) + 7 * i64::from(nth - 1))
    };
    if n.starts_with("christmas eve") {
        Date::new(y, 12, 24).ok()
    } else if n.starts_with("christmas") {
        Date::new(y, 12, 25).ok()
    } else if n.starts_with("new year's eve") {
        Date::new(y, 12, 31).ok()
    } else if n.starts_with("new year") {
        Date::new(y, 1, 1).ok()
    } else if n.starts_with("thanksgiving") {
        nth_weekday(11, 4, 4)
    } else if n.starts_with("easter") {
        let a = y % 19;
        let b = y / 100;
        let cc = y % 100;
        let d = b / 4;
        let e = b % 4;
        let f = (b + 8) / 25;
        let g = (b - f + 1) / 3;
        let h = (19 * a + b - d - g + 15) % 30;
        let i = cc / 4;
        let k = cc % 4;
        let l = (32 + 2 * e + 2 * i - h - k) % 7;
        let m = (a + 11 * h + 22 * l) / 451;
        let month = (h + l - 7 * m + 114) / 31;
        let day = (h + l - 7 * m + 114) % 31 + 1;
        Date::new(y, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
    } else if n.starts_with("election") {
        // The Tuesday after the first Monday of November.
        shift(nth_weekday(11, 1, 1)?, Unit::Day, 1)
    } else if n.starts_with("independence") {
        Date::new(y, 7, 4).ok()
    } else if n.starts_with("halloween") {
        Date::new(y, 10, 31).ok()
    } else if n.starts_with("valentine") {
        Date::new(y, 2, 14).ok()
    } else if n.starts_with("veterans") {
        Date::new(y, 11, 11).ok()
    } else if n.starts_with("memorial") {
        shift(nth_weekday(6, 1, 1)?, Unit::Day, -7)
    } else if n.starts_with("labor") {
        nth_weekday(9, 1, 1)
    } else {
        None
    }
}

fn holiday(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let h = group(c, "h")?;
    capitalised(h).then_some(())?;
    let t = c.name("t")?;
    if let Some(y) = int::<i16>(c, "y") {
        return Some(Norm::new(
            TimexType::Date,
            resolve::day(holiday_date(h, y)?),
            true,
        ));
    }
    let Some(a) = ctx.anchor else {
        let d = holiday_date(h, 2000)?;
        let v = if h.to_ascii_lowercase().starts_with(['e', 't', 'l', 'm']) {
            "XXXX-XX-XX".to_string()
        } else {
            format!("XXXX-{:02}-{:02}", d.month(), d.day())
        };
        return Some(Norm::new(TimexType::Date, v, false));
    };
    // The occurrence nearest the anchor, moved by the tense like a bare date ("last" and
    // "next" force the direction).
    let this = holiday_date(h, a.year())?;
    let tense = match group(c, "rel").map(|r| r.to_ascii_lowercase()).as_deref() {
        Some("last") => Tense::Past,
        Some("next") => Tense::Future,
        _ => ctx.tense(t.start(), t.end()),
    };
    let mut y = resolve::year_for(a, this.month(), Some(this.day()), tense)?;
    let on = holiday_date(h, y)?;
    if tense == Tense::Past && on > a {
        y -= 1;
    } else if tense == Tense::Future && on < a {
        y += 1;
    }
    let mut n = Norm::new(TimexType::Date, resolve::day(holiday_date(h, y)?), true);
    n.yearless = !h.to_ascii_lowercase().starts_with(['e', 't', 'l', 'm']);
    Some(n)
}

/// Earnings news: "the quarter", "the latest period" are the last reported quarter (the one
/// before the anchor's); "the year-earlier quarter", "year-ago" the same quarter a year before.
fn fin_quarter(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let t = c.name("t")?;
    let rest = ctx.text.get(t.end()..).unwrap_or("");
    if rest.starts_with(['-', '\'']) || rest.starts_with(" of a") || rest.starts_with(" of the") {
        return None;
    }
    let lat = group(c, "lat").map(|s| s.to_ascii_lowercase());
    let ya = c.name("ya").is_some() || c.name("adj").is_some();
    let is_period = group(c, "u").is_some_and(|u| u.eq_ignore_ascii_case("period"));
    let yy: Option<i16> = int(c, "yy");
    if is_period && lat.is_none() && !ya && yy.is_none() {
        return None;
    }
    let sentence = ctx.sentence(t.start());
    if c.name("adj").is_some() && !sentence.contains("quarter") {
        // "year-earlier" levels without a quarter in sight: last year.
        return Some(match ctx.anchor {
            Some(a) => Norm::new(TimexType::Date, format!("{:04}", a.year() - 1), true),
            None => Norm::new(TimexType::Date, "XXXX", false),
        });
    }
    let Some(a) = ctx.anchor else {
        return Some(Norm::new(TimexType::Date, "XXXX-QX", false));
    };
    let back = if lat.as_deref() == Some("current") {
        0
    } else {
        -1
    };
    let mut q = shift(a, Unit::Quarter, back)?;
    if ya {
        q = shift(q, Unit::Year, -1)?;
    }
    if let Some(y) = yy {
        q = Date::new(y, q.month(), 1).ok()?;
    }
    Some(Norm::new(TimexType::Date, resolve::quarter(q), true))
}

/// "by year-end", "since year end", "by year's end": the end of the anchor's year (TIMEX3
/// `mod="END"`), or of the year before after "since" (the anchor's own year-end lies ahead).
fn year_end(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let t = c.name("t")?;
    // "by year-end 1988": the year family reads the explicit year.
    let rest = ctx.text.get(t.end()..).unwrap_or("").trim_start();
    if rest.starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    let whole = c.get(0)?.as_str().to_ascii_lowercase();
    let back = whole.starts_with("since");
    let n = match ctx.anchor {
        Some(a) => Norm::new(
            TimexType::Date,
            format!("{:04}", a.year() - i16::from(back)),
            true,
        ),
        None => Norm::new(TimexType::Date, "XXXX", false),
    };
    Some(n.with_mod(Some("END")))
}

/// "the year", "the fiscal year", "late in the year": the anchor's year in news, the story's
/// year in a narrative; "the (fiscal) year ended Sept. 30" is the one-year period itself.
fn the_year(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let t = c.name("t")?;
    let rest = ctx.text.get(t.end()..).unwrap_or("");
    // "the year-earlier figure", "the year's results", "the year before": something else.
    if rest.starts_with(['-', '\'']) || rest.starts_with(" before") || rest.starts_with(" after") {
        return None;
    }
    if c.name("fin").is_some() && c.name("mod").is_none() && c.name("edge").is_none() {
        return Some(Norm::new(TimexType::Duration, "P1Y", true));
    }
    let m = match group(c, "edge").map(|e| e.to_ascii_lowercase()).as_deref() {
        Some("end") => Some("END"),
        Some("middle") => Some("MID"),
        Some(_) => Some("START"),
        None => match group(c, "mod").map(|e| e.to_ascii_lowercase()).as_deref() {
            Some("late" | "later") => Some("END"),
            Some("early" | "earlier") => Some("START"),
            _ => None,
        },
    };
    let mut n = match ctx.anchor {
        Some(a) => Norm::new(TimexType::Date, format!("{:04}", a.year()), true),
        None => Norm::new(TimexType::Date, "XXXX", false),
    }
    .with_mod(m);
    n.anaphor = Some((Unit::Year, 0));
    Some(n)
}

/// Names of the families, in priority order.
#[cfg(test)]
pub(crate) fn family_names() -> Vec<&'static str> {
    FAMILIES.iter().map(|f| f.name).collect()
}
