//! Time-zone abbreviations used in news bylines and datelines.
//!
//! Abbreviations are not unique worldwide, so this is an explicit table of conventions rather
//! than a lookup in the tz database. Choices:
//! - `IST` is India Standard Time (+05:30): in English-language news it overwhelmingly is;
//!   Irish and Israel Standard Time are written out or use `IDT`/`GMT+1` in practice.
//! - `EST/EDT/CST/CDT/MST/MDT/PST/PDT/AKST/HST` are the US zones (not Australian or Cuban).
//! - `BST` is British Summer Time (+01:00), not Bangladesh.
//! - `AEST/AEDT/ACST/AWST` are Australian; `SGT`, `HKT`, `PHT`, `WIB` as their countries use.
//! - Truly ambiguous abbreviations with no settled news convention (`AST` Atlantic/Arabia, `GST`
//!   Gulf/South Georgia, `BDT`, `ECT`, `AMT`, …) are left out and return `None`, so callers keep
//!   the raw text and leave the offset empty rather than guess.

/// (abbreviation, offset east of UTC in seconds).
const ZONES: &[(&str, i32)] = &[
    ("UTC", 0),
    ("GMT", 0),
    ("Z", 0),
    ("UT", 0),
    ("WET", 0),
    ("WEST", 3600),
    ("BST", 3600),
    ("CET", 3600),
    ("CEST", 7200),
    ("MEZ", 3600),
    ("MESZ", 7200),
    ("EET", 7200),
    ("EEST", 10800),
    ("MSK", 10800),
    ("TRT", 10800),
    ("IDT", 10800),
    ("PKT", 18000),
    ("IST", 19800),
    ("NPT", 20700),
    ("ICT", 25200),
    ("WIB", 25200),
    ("SGT", 28800),
    ("HKT", 28800),
    ("PHT", 28800),
    ("MYT", 28800),
    ("AWST", 28800),
    ("CCT", 28800),
    ("KST", 32400),
    ("JST", 32400),
    ("ACST", 34200),
    ("ACDT", 37800),
    ("AEST", 36000),
    ("AEDT", 39600),
    ("NZST", 43200),
    ("NZDT", 46800),
    ("EST", -18000),
    ("EDT", -14400),
    ("CST", -21600),
    ("CDT", -18000),
    ("MST", -25200),
    ("MDT", -21600),
    ("PST", -28800),
    ("PDT", -25200),
    ("AKST", -32400),
    ("AKDT", -28800),
    ("HST", -36000),
    ("NST", -12600),
    ("NDT", -9000),
    ("ET", -18000),
    ("PT", -28800),
];

/// The UTC offset in seconds of a news time-zone abbreviation, or `None` when unknown or ambiguous.
pub fn offset_seconds(abbrev: &str) -> Option<i32> {
    ZONES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(abbrev))
        .map(|&(_, off)| off)
}

/// Formats an offset as `+05:30` / `-05:00` (`Z` is not used so values stay uniform).
pub(crate) fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60)
}

#[cfg(test)]
mod tests {
    use super::{format_offset, offset_seconds};

    fn check(abbrev: &str, expected: Option<&str>) {
        assert_eq!(
            offset_seconds(abbrev).map(format_offset).as_deref(),
            expected,
            "{abbrev}"
        );
    }

    #[test]
    fn zones() {
        check("IST", Some("+05:30"));
        check("ist", Some("+05:30"));
        check("KST", Some("+09:00"));
        check("EST", Some("-05:00"));
        check("PDT", Some("-07:00"));
        check("GMT", Some("+00:00"));
        check("AEDT", Some("+11:00"));
        check("NPT", Some("+05:45"));
        check("AST", None);
        check("GST", None);
        check("XYZ", None);
        check("", None);
    }
}
