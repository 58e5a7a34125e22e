//! Vocabulary of date expressions: month, weekday, number and unit words, as regex fragments
//! and as values.

/// Regex fragment for a month name or abbreviation (case-insensitive context).
pub(crate) const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

/// Regex fragment for a full, capitalised month name (case-sensitive).
pub(crate) const MONTH_FULL: &str = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)";

/// Regex fragment for a weekday name or abbreviation.
pub(crate) const WEEKDAY: &str = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?-i:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.)";

/// Regex fragment for a day of the month with optional ordinal suffix.
pub(crate) const DAY: &str = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?";

/// Regex fragment for a four-digit year.
pub(crate) const YEAR: &str = r"(?:1[5-9][0-9]{2}|20[0-9]{2})";

/// Regex fragment for a number in digits or words ("24", "twenty-four", "a", "several").
pub(crate) const NUMBER: &str = r"(?:[0-9]+(?:\.[0-9]+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|one hundred|hundreds of|a|an|a few|few|several|many|some|a couple of|couple of|a number of|half a|half an|dozens of|a dozen|thousands of)";

/// Regex fragment for a time unit, singular or plural.
pub(crate) const UNIT: &str =
    r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|centuries)s?";

/// Month number of a month word (`"Nov."` → 11).
pub(crate) fn month_num(w: &str) -> Option<i8> {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix = w.get(..3)?;
    let i = NAMES.iter().position(|&m| m == prefix)?;
    i8::try_from(i + 1).ok()
}

/// ISO weekday number (Monday = 1) of a weekday word.
pub(crate) fn weekday_num(w: &str) -> Option<i8> {
    let w = w.to_ascii_lowercase();
    const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let prefix = w.get(..3)?;
    let i = NAMES.iter().position(|&m| m == prefix)?;
    i8::try_from(i + 1).ok()
}

/// The value of a number phrase: `Some(Some(n))` for a known count, `Some(None)` for a vague
/// one ("several"), `None` when it is not a number.
pub(crate) fn number(w: &str) -> Option<Option<f64>> {
    let w = w.trim().to_ascii_lowercase();
    if let Ok(n) = w.parse::<f64>() {
        return Some(Some(n));
    }
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    match w.as_str() {
        "a" | "an" => return Some(Some(1.0)),
        "a couple of" | "couple of" => return Some(Some(2.0)),
        "a dozen" => return Some(Some(12.0)),
        "half a" | "half an" => return Some(Some(0.5)),
        "a hundred" | "one hundred" => return Some(Some(100.0)),
        "a few" | "few" | "several" | "many" | "some" | "a number of" | "hundreds of"
        | "dozens of" | "thousands of" => return Some(None),
        _ => {}
    }
    let mut total = 0usize;
    for part in w.split([' ', '-']).filter(|p| !p.is_empty()) {
        if let Some(i) = ONES.iter().position(|&o| o == part) {
            total += i;
        } else if let Some(i) = TENS.iter().position(|&t| t == part) {
            total += (i + 2) * 10;
        } else {
            return None;
        }
    }
    Some(Some(total as f64))
}

/// A time unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Quarters.
    Quarter,
    /// Years.
    Year,
    /// Decades.
    Decade,
    /// Centuries.
    Century,
}

impl Unit {
    /// Parses a unit word, singular or plural.
    pub(crate) fn parse(w: &str) -> Option<Unit> {
        let w = w.to_ascii_lowercase();
        let w = w.trim_end_matches('s');
        Some(match w {
            "second" => Unit::Second,
            "minute" => Unit::Minute,
            "hour" => Unit::Hour,
            "day" => Unit::Day,
            "week" => Unit::Week,
            "month" => Unit::Month,
            "quarter" => Unit::Quarter,
            "year" => Unit::Year,
            "decade" => Unit::Decade,
            "century" | "centurie" => Unit::Century,
            _ => return None,
        })
    }

    /// The ISO 8601 duration letter, and whether it goes after `T`.
    pub(crate) fn letter(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Week => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(month_num("Nov."), Some(11));
        assert_eq!(month_num("september"), Some(9));
        assert_eq!(month_num("no"), None);
        assert_eq!(weekday_num("Sunday"), Some(7));
        assert_eq!(number("twenty-four"), Some(Some(24.0)));
        assert_eq!(number("twenty four"), Some(Some(24.0)));
        assert_eq!(number("several"), Some(None));
        assert_eq!(number("1.5"), Some(Some(1.5)));
        assert_eq!(number("lots"), None);
        assert_eq!(Unit::parse("Centuries"), Some(Unit::Century));
    }
}
