//! Parsing the timestamps pages show (ISO 8601 in metadata, "November 3, 2024 15:05 IST" in bylines)
//! into a [`Timestamp`] that keeps the page's own offset.
//!
//! Zone abbreviations resolve through nlp-lite's explicit table; an unknown or ambiguous one leaves
//! the offset empty rather than guessing.

use std::sync::LazyLock;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;
use regex::Regex;

use crate::article::{Source, Timestamp};

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*(\d{4})-(\d{1,2})-(\d{1,2})
          (?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?
          \s*(Z|z|[+-]\d{2}(?::?\d{2})?)?",
    )
    .expect("static regex")
});

const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b){MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?-u:\b)"
    ))
    .expect("static regex")
});

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+(\d{{4}})(?-u:\b)"
    ))
    .expect("static regex")
});

static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:,|(?-u:\b)at(?-u:\b)|-|\||•)?\s*(?:,\s*)?
          (\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*
          (a\.?\s?m\.?|p\.?\s?m\.?)?\s*
          (?:\(?(?-u:\b)([A-Za-z]{2,5})(?-u:\b)\)?(?:\s*([+-]\d{1,2}(?::?\d{2})?))?|([+-]\d{2}:?\d{2}))?",
    )
    .expect("static regex")
});

/// Parses a timestamp string from metadata or visible text. Returns `None` when it holds no date.
pub fn parse(raw: &str, source: Source) -> Option<Timestamp> {
    // Every accepted form has a four-digit year: most lines asked about have none.
    if raw.bytes().filter(u8::is_ascii_digit).count() < 4 {
        return None;
    }
    let raw_trimmed = raw.trim();
    if let Some(ts) = parse_iso(raw_trimmed, source) {
        return Some(ts);
    }
    parse_human(raw_trimmed, source)
}

fn parse_iso(raw: &str, source: Source) -> Option<Timestamp> {
    let caps = ISO.captures(raw)?;
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
    let date = Date::new(
        i16::try_from(num(1)?).ok()?,
        i8::try_from(num(2)?).ok()?,
        i8::try_from(num(3)?).ok()?,
    )
    .ok()?;
    let time = match (num(4), num(5)) {
        (Some(h), Some(m)) => Some(
            Time::new(
                i8::try_from(h).ok()?,
                i8::try_from(m).ok()?,
                i8::try_from(num(6).unwrap_or(0)).ok()?,
                0,
            )
            .ok()?,
        ),
        _ => None,
    };
    let offset = caps.get(7).and_then(|m| parse_numeric_offset(m.as_str()));
    Some(build(date, time, offset, raw, source))
}

fn parse_human(raw: &str, source: Source) -> Option<Timestamp> {
    let (date, end) = if let Some(c) = MONTH_DAY_YEAR.captures(raw) {
        let m = month_number(c.get(1)?.as_str())?;
        let d: i8 = c.get(2)?.as_str().parse().ok()?;
        let y: i16 = c.get(3)?.as_str().parse().ok()?;
        (Date::new(y, m, d).ok()?, c.get(0)?.end())
    } else if let Some(c) = DAY_MONTH_YEAR.captures(raw) {
        let d: i8 = c.get(1)?.as_str().parse().ok()?;
        let m = month_number(c.get(2)?.as_str())?;
        let y: i16 = c.get(3)?.as_str().parse().ok()?;
        (Date::new(y, m, d).ok()?, c.get(0)?.end())
    } else {
        return None;
    };
    let mut time = None;
    let mut offset = None;
    if let Some(c) = TIME_AFTER.captures(&raw[end..]) {
        let mut h: i8 = c.get(1).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
        let min: i8 = c.get(2).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
        let sec: i8 = c.get(3).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
        if let Some(ampm) = c.get(4) {
            let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
            if h == 12 {
                h = 0;
            }
            if pm {
                h += 12;
            }
        }
        time = Time::new(h, min, sec, 0).ok();
        offset = match (c.get(5), c.get(6), c.get(7)) {
            (_, _, Some(num)) => parse_numeric_offset(num.as_str()),
            (Some(abbr), Some(num), _)
                if matches!(abbr.as_str().to_ascii_uppercase().as_str(), "GMT" | "UTC") =>
            {
                parse_numeric_offset(num.as_str())
            }
            (Some(abbr), _, _) => nlp_lite::zones::offset_seconds(abbr.as_str())
                .and_then(|s| Offset::from_seconds(s).ok()),
            _ => None,
        };
    }
    Some(build(date, time, offset, raw, source))
}

fn build(
    date: Date,
    time: Option<Time>,
    offset: Option<Offset>,
    raw: &str,
    source: Source,
) -> Timestamp {
    let raw = raw.to_owned();
    let Some(time) = time else {
        return Timestamp {
            local: date.to_string(),
            utc: None,
            raw,
            source,
        };
    };
    let dt = DateTime::from_parts(date, time);
    let civil = dt.strftime("%Y-%m-%dT%H:%M:%S").to_string();
    match offset.and_then(|o| o.to_timestamp(dt).ok().map(|ts| (o, ts))) {
        Some((o, ts)) => Timestamp {
            local: format!("{civil}{}", format_offset(o)),
            utc: Some(ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()),
            raw,
            source,
        },
        None => Timestamp {
            local: civil,
            utc: None,
            raw,
            source,
        },
    }
}

fn format_offset(o: Offset) -> String {
    let secs = o.seconds();
    if secs == 0 {
        return "+00:00".to_owned();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60)
}

fn parse_numeric_offset(s: &str) -> Option<Offset> {
    if s.eq_ignore_ascii_case("z") {
        return Some(Offset::UTC);
    }
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 => (
            digits[..1].parse::<i32>().ok()?,
            digits[1..].parse::<i32>().ok()?,
        ),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

fn month_number(name: &str) -> Option<i8> {
    let n = name.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| n.starts_with(m))
        .and_then(|i| i8::try_from(i + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, local: &str, utc: Option<&str>) {
        let ts = parse(raw, Source::Meta).unwrap_or_else(|| panic!("no date in {raw:?}"));
        assert_eq!(ts.local, local, "{raw}");
        assert_eq!(ts.utc.as_deref(), utc, "{raw}");
    }

    #[test]
    fn forms() {
        check(
            "November 3, 2024 15:05 IST",
            "2024-11-03T15:05:00+05:30",
            Some("2024-11-03T09:35:00Z"),
        );
        check(
            "2024-11-03T15:05:00+05:30",
            "2024-11-03T15:05:00+05:30",
            Some("2024-11-03T09:35:00Z"),
        );
        check(
            "2024-11-03T09:35:00.000Z",
            "2024-11-03T09:35:00+00:00",
            Some("2024-11-03T09:35:00Z"),
        );
        check("2024-11-03", "2024-11-03", None);
        check("3 Nov 2024, 3:05 pm", "2024-11-03T15:05:00", None);
        check(
            "Sunday, Nov. 3, 2024 at 3:05 p.m. EST",
            "2024-11-03T15:05:00-05:00",
            Some("2024-11-03T20:05:00Z"),
        );
        check(
            "Mar 9, 2025 10:00 GMT+2",
            "2025-03-09T10:00:00+02:00",
            Some("2025-03-09T08:00:00Z"),
        );
        assert!(parse("no date here", Source::Meta).is_none());
        assert!(parse("2024-13-45", Source::Meta).is_none());
    }
}
