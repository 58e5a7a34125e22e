//! Pattern families: one regex and one normalisation function per kind of expression.
//!
//! Each family's regex is compiled once (in `FAMILIES`). A named group `t` marks the TIMEX3
//! span when it differs from the whole match (prepositions such as "on" in "on Sunday" are
//! matched for context but left out of the span). To add a kind of expression, add a family
//! and a test line in `dates::tests`.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::{Captures, Regex};

use super::resolve::{self, at_granularity, duration, placeholder, shift};
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
        }
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
    // ASCII word boundaries keep the regex engine on its fast DFA path on non-ASCII text.
    let pattern = pattern.replace(r"\b", r"(?-u:\b)");
    // Patterns are fixed strings; a bad one is a bug caught by the unit tests, not a panic.
    let re = Regex::new(&format!("(?i){pattern}")).ok()?;
    Some(Family { name, re, norm })
}

/// All families, in priority order (earlier wins among equally long matches).
pub(crate) static FAMILIES: LazyLock<Vec<Family>> = LazyLock::new(|| {
    let zone = r"(?-i:[A-Z]{1,5})";
    let specs: Vec<(&'static str, String, NormFn)> = vec![
        ("iso", r"\b(?P<y>[12][0-9]{3})-(?P<m>[01][0-9])-(?P<d>[0-3][0-9])(?:[T ](?P<h>[0-2][0-9]):(?P<mi>[0-5][0-9])(?::[0-5][0-9])?(?P<z>Z|[+-][0-2][0-9]:?[0-5][0-9])?)?\b".into(), iso),
        ("mdy", format!(r"\b(?:{WEEKDAY},?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})\b"), full_date),
        ("dmy", format!(r"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>{YEAR})\b"), full_date),
        ("numeric", format!(r"\b(?P<a>[01]?[0-9])/(?P<b>[0-3]?[0-9])/(?P<y>{YEAR})\b"), numeric_date),
        ("md", format!(r"\b(?:{WEEKDAY},?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY})\b"), partial_date),
        ("dm", format!(r"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})\b"), partial_date),
        ("month-year", format!(r"\b(?:(?P<mod>early|late|mid-?)\s*)?(?P<mon>{MONTH})\s+(?:of\s+)?(?P<y>{YEAR})\b"), month_year),
        ("time", format!(r"\b(?P<h>[0-2]?[0-9])(?:[:.](?P<mi>[0-5][0-9]))?\s*(?P<ap>[ap]\.m\.|[ap]m\b|[ap]\.m\b)?(?:\s*\(?(?P<z>{zone})\b\)?)?"), time),
        ("noon", r"\b(?P<t>noon|midnight)\b".into(), noon),
        ("part-of-day", r"\b(?P<t>(?:(?P<rel>this|yesterday|tomorrow|last|early|late)\s+)?(?P<pod>morning|afternoon|evening|night)|tonight|overnight)\b".into(), part_of_day),
        ("day-rel", r"\b(?P<t>(?:the\s+day\s+(?P<ba>before|after)\s+)?(?:(?P<mod>late|early)\s+)?(?P<w>today|yesterday|tomorrow))\b".into(), day_rel),
        ("weekday", format!(r"\b(?:(?:on|by|until|since|from|before|after|through)\s+)?(?P<t>(?:(?P<rel>last|next|this|coming|past|the\s+previous|previous|the\s+following|following)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<pod>morning|afternoon|evening|night))?)"), weekday),
        ("month-prep", format!(r"\b(?:in|since|by|until|till|through|during|from|before|after|of|last|next|this)\s+(?P<t>(?:(?P<mod>early|late|mid-?)\s*)?(?P<mon>{MONTH_FULL}))"), month_alone),
        ("month-rel", format!(r"\b(?P<t>(?P<rel>last|next|this|early|late|mid-?|(?:the\s+)?(?:end|beginning|start|middle)\s+of)\s*(?P<mon>{MONTH_FULL}))"), month_alone),
        ("unit-rel", r"\b(?P<t>(?P<rel>this|last|next|past|coming|current|previous|following|this\s+past|(?:earlier|later|early|late)\s+(?:this|last|next)|the\s+(?:past|last|previous|next|coming|current|following|same))\s+(?P<u>week|weekend|month|year|quarter|decade|century|spring|summer|autumn|fall|winter))\b".into(), unit_rel),
        ("ago", format!(r"\b(?P<t>(?P<n>{NUMBER})\s+(?P<u>{UNIT})\s+(?:ago|from\s+now|hence|earlier|later|before))\b"), ago),
        ("duration", format!(r"\b(?P<t>(?:(?P<mod>more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|about|around|approximately|roughly|nearly|almost|some|up\s+to|just\s+over|just\s+under)\s+)?(?:the\s+(?:(?:past|last|next|first|coming|previous|following|latest)\s+)?)?(?P<n>{NUMBER})[\s-]+(?P<u>{UNIT}))\b"), duration_fam),
        ("past-units", r"\b(?P<t>the\s+(?:past|last|coming|next|previous)\s+(?:(?P<q>few|several|many)\s+)?(?P<u>days|weeks|months|years|decades))\b".into(), vague_duration),
        ("vague-duration", r"\b(?:for|in|over|within|after)\s+(?P<t>(?:(?P<q>several|many|the\s+coming|coming)\s+)?(?P<u>days|weeks|months|years|decades))\b".into(), vague_duration),
        ("set", format!(r"\b(?P<t>(?:every|each)\s+(?:other\s+)?(?P<u>day|week|month|year|morning|afternoon|evening|night|weekend|{WEEKDAY})|(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly)|(?:once|twice|(?:three|four|[0-9]+)\s+times)\s+(?:a|per|each|every)\s+(?P<u2>day|week|month|year))\b"), set),
        ("fuzzy", r"\b(?:in\s+)?(?P<t>now|currently|current|at\s+present|nowadays|these\s+days|at\s+the\s+moment|recently|lately|recent\s+(?:years|months|weeks|days|times)|the\s+past|the\s+future)\b".into(), fuzzy),
        ("quarter", format!(r"\b(?P<t>(?:the\s+(?:fiscal\s+)?)?(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year))?|(?-i:Q(?P<q>[1-4]))(?:\s+(?P<y2>{YEAR}))?)\b"), quarter),
        ("half", format!(r"\b(?P<t>(?:the\s+)?(?P<ord>first|second)\s+half\s+of\s+(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year))\b"), half),
        ("season", format!(r"\b(?:in\s+)?(?P<t>(?:(?P<rel>the|this|last|next|early|late|past)\s+)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>{YEAR}))?)\b"), season),
        ("decade", r"\b(?P<t>(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<dec>1[5-9][0-9]|20[0-9])0s|'(?P<d2>[0-9])0s))\b".into(), decade),
        ("century", r"\b(?P<t>(?:the\s+)?(?P<ord>[0-9]{1,2}(?:st|nd|rd|th)|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century)\b".into(), century),
        ("year", format!(r"\b(?P<t>(?:(?P<fisc>fiscal)\s+|(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+)?(?:(?P<mod>early|late|mid-?)\s*)?(?P<y>{YEAR}))\b"), year),
    ];
    specs
        .into_iter()
        .filter_map(|(name, pattern, norm)| family(name, &pattern, norm))
        .collect()
});

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
            let z = group(c, "z").map_or(String::new(), |z| {
                if z == "Z" {
                    "+00:00".into()
                } else if z.contains(':') {
                    z.into()
                } else {
                    format!("{}:{}", &z[..3], &z[3..])
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
    // "Nov 3" followed by a colon or more digits is something else (a time, a year range).
    let whole = c.get(0)?;
    let next = ctx.text.get(whole.end()..).and_then(|r| r.chars().next());
    if matches!(next, Some(':' | '0'..='9')) {
        return None;
    }
    match ctx.anchor {
        Some(a) => {
            let y = resolve::year_for(a, m, Some(d), ctx.tense(whole.start(), whole.end()))?;
            Some(Norm::new(TimexType::Date, date_value(y, m, d)?, true))
        }
        // Validate against a leap year so "Feb 29" stays possible.
        None => Date::new(2000, m, d)
            .ok()
            .map(|_| Norm::new(TimexType::Date, format!("XXXX-{m:02}-{d:02}"), false)),
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
    let ap = group(c, "ap").map(|s| s.to_ascii_lowercase());
    if mi.is_none() && ap.is_none() {
        return None;
    }
    if c.name("mi").is_some() && ap.is_none() && c.get(0)?.as_str().contains('.') {
        return None; // "3.30" is a number more often than a time
    }
    match ap.as_deref().and_then(|s| s.chars().next()) {
        Some('p') if (1..12).contains(&h) => h += 12,
        Some('a') if h == 12 => h = 0,
        _ => {}
    }
    if h > 24 {
        return None;
    }
    let mut end = c.name("ap").or_else(|| c.name("mi")).map(|m| m.end());
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

fn noon(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let t = if group(c, "t")?.eq_ignore_ascii_case("noon") {
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
    let (offset, code) = match (t.as_str(), rel.as_deref()) {
        ("tonight" | "overnight", _) => (0, "NI"),
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
    let next = ctx
        .text
        .get(wd_match.end()..)
        .and_then(|r| r.chars().next());
    if !capitalised(wd_text) || next.is_some_and(char::is_alphanumeric) {
        return None;
    }
    let wd = weekday_num(wd_text)?;
    let rel =
        group(c, "rel").map(
            |r| match r.to_ascii_lowercase().trim_start_matches("the ").trim() {
                "previous" => "last".to_string(),
                "following" => "next".to_string(),
                other => other.to_string(),
            },
        );
    let pod = group(c, "pod")
        .map(|p| format!("T{}", pod_code(p)))
        .unwrap_or_default();
    let ty = if pod.is_empty() {
        TimexType::Date
    } else {
        TimexType::Time
    };
    let t = c.name("t")?;
    Some(match ctx.anchor {
        Some(a) => {
            let d = resolve::weekday(a, wd, ctx.tense(t.start(), t.end()), rel.as_deref())?;
            Norm::new(ty, format!("{}{pod}", resolve::day(d)), true)
        }
        None => Norm::new(ty, format!("XXXX-WXX-{wd}{pod}"), false),
    })
}

fn month_alone(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let m = month_num(group(c, "mon")?)?;
    let rel = group(c, "rel").map(|r| r.to_ascii_lowercase());
    let modv = modifier(group(c, "mod")).or_else(|| match rel.as_deref() {
        Some(r) if r.contains("end") => Some("END"),
        Some(r) if r.contains("beginning") || r.contains("start") => Some("START"),
        Some(r) if r.contains("middle") => Some("MID"),
        r => modifier(r),
    });
    let t = c.name("t")?;
    let Some(a) = ctx.anchor else {
        return Some(Norm::new(TimexType::Date, format!("XXXX-{m:02}"), false).with_mod(modv));
    };
    let y = match rel.as_deref() {
        Some("last") => {
            if m < a.month() {
                a.year()
            } else {
                a.year() - 1
            }
        }
        Some("next") => {
            if m > a.month() {
                a.year()
            } else {
                a.year() + 1
            }
        }
        Some("this") => a.year(),
        _ => resolve::year_for(a, m, None, ctx.tense(t.start(), t.end()))?,
    };
    Some(Norm::new(TimexType::Date, format!("{y:04}-{m:02}"), true).with_mod(modv))
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
        "last" | "past" | "previous" | "the previous" | "early last" | "late last"
        | "earlier last" | "later last" => -1,
        "next" | "coming" | "following" | "the next" | "the coming" | "the following"
        | "early next" | "late next" | "later next" | "earlier next" => 1,
        _ => 0,
    };
    let m = if rel.starts_with("early") {
        Some("START")
    } else if rel.starts_with("late ") {
        Some("END")
    } else {
        None
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
    Some(
        match ctx.anchor {
            Some(a) => Norm::new(
                TimexType::Date,
                at_granularity(shift(a, unit, offset)?, unit),
                true,
            ),
            None => Norm::new(TimexType::Date, placeholder(unit), false),
        }
        .with_mod(m),
    )
}

fn ago(c: &Captures<'_>, ctx: &Ctx<'_>) -> Option<Norm> {
    let n = number(group(c, "n")?)?;
    let unit = Unit::parse(group(c, "u")?)?;
    let whole = group(c, "t")?.to_ascii_lowercase();
    let sign = if whole.ends_with("ago") || whole.ends_with("earlier") || whole.ends_with("before")
    {
        -1
    } else {
        1
    };
    let Some(n) = n else {
        return Some(Norm::new(
            TimexType::Date,
            if sign < 0 { "PAST_REF" } else { "FUTURE_REF" },
            true,
        ));
    };
    if n.fract() != 0.0 || n > 1e6 {
        return None;
    }
    Some(match ctx.anchor {
        Some(a) => Norm::new(
            TimexType::Date,
            at_granularity(shift(a, unit, sign * n as i64)?, unit),
            true,
        ),
        None => Norm::new(TimexType::Date, placeholder(unit), false),
    })
}

fn duration_fam(c: &Captures<'_>, _: &Ctx<'_>) -> Option<Norm> {
    let n_text = group(c, "n")?.to_ascii_lowercase();
    let u_text = group(c, "u")?.to_ascii_lowercase();
    if matches!(n_text.as_str(), "a" | "an") && u_text == "second" {
        return None; // "a second term"
    }
    let n = number(&n_text)?;
    let unit = Unit::parse(&u_text)?;
    Some(
        Norm::new(TimexType::Duration, duration(n, unit), true).with_mod(modifier(group(c, "mod"))),
    )
}

fn vague_duration(c: &Captures<'_>, _: &Ctx<'_>) -> Option<Norm> {
    let unit = Unit::parse(group(c, "u")?)?;
    Some(Norm::new(TimexType::Duration, duration(None, unit), true))
}

fn set(c: &Captures<'_>, _: &Ctx<'_>) -> Option<Norm> {
    if let Some(adv) = group(c, "adv") {
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
    let u = group(c, "u").or_else(|| group(c, "u2"))?;
    if let Some(wd) = weekday_num(u).filter(|_| u.len() > 3 || u.ends_with('.')) {
        return Some(Norm::new(TimexType::Set, format!("XXXX-WXX-{wd}"), true));
    }
    let v = match u.to_ascii_lowercase().as_str() {
        "morning" | "afternoon" | "evening" | "night" => format!("XXXX-XX-XXT{}", pod_code(u)),
        "weekend" => "XXXX-WXX-WE".into(),
        other => duration(Some(1.0), Unit::parse(other)?),
    };
    Some(Norm::new(TimexType::Set, v, true))
}

fn fuzzy(c: &Captures<'_>, _: &Ctx<'_>) -> Option<Norm> {
    let t = group(c, "t")?.to_ascii_lowercase();
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
    let (y, anchored) = match group(c, "y2") {
        Some(y) => (y.to_string(), true),
        None => year_of(c, ctx, "y", "rel")?,
    };
    let mut n = Norm::new(TimexType::Date, format!("{y}-Q{q}"), anchored);
    // "the third-quarter results": the determiner belongs to the noun, not the timex.
    if let Some(o) = c.name("ord") {
        if ctx.text.get(o.end()..).is_some_and(|r| r.starts_with('-')) {
            n.start = Some(o.start());
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
    let rel = group(c, "rel").map(|r| r.to_ascii_lowercase());
    let whole = c.get(0)?.as_str().to_ascii_lowercase();
    let year = group(c, "y");
    // Bare "fall"/"spring" are verbs or nouns far more often than seasons.
    if rel.is_none() && year.is_none() && !whole.starts_with("in ") {
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
    Some(
        match ctx.anchor {
            Some(a) => Norm::new(
                TimexType::Date,
                format!("{:04}-{code}", i32::from(a.year()) + off),
                true,
            ),
            None => Norm::new(TimexType::Date, format!("XXXX-{code}"), false),
        }
        .with_mod(m),
    )
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
    Some(Norm::new(TimexType::Date, format!("{:02}", n - 1), true))
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
        Norm::new(TimexType::Date, format!("{y:04}"), true)
            .with_mod(modifier(group(c, "mod")).or(edge)),
    )
}

/// Names of the families, in priority order.
#[cfg(test)]
pub(crate) fn family_names() -> Vec<&'static str> {
    FAMILIES.iter().map(|f| f.name).collect()
}
