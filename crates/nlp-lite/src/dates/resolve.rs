//! Calendar arithmetic on `jiff` and TIMEX3 value formatting.

use jiff::civil::Date;
use jiff::Span;

use super::tense::Tense;
use super::words::Unit;

/// `d` shifted by `n` units (days, weeks, months, quarters, years, decades, centuries).
pub(crate) fn shift(d: Date, unit: Unit, n: i64) -> Option<Date> {
    let span = match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Span::new(),
        Unit::Day => Span::new().try_days(n).ok()?,
        Unit::Week => Span::new().try_weeks(n).ok()?,
        Unit::Month => Span::new().try_months(n).ok()?,
        Unit::Quarter => Span::new().try_months(n.checked_mul(3)?).ok()?,
        Unit::Year => Span::new().try_years(n).ok()?,
        Unit::Decade => Span::new().try_years(n.checked_mul(10)?).ok()?,
        Unit::Century => Span::new().try_years(n.checked_mul(100)?).ok()?,
    };
    d.checked_add(span).ok()
}

/// `2024-11-03`.
pub(crate) fn day(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `2024-W44` (ISO week-numbering year).
pub(crate) fn week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// `2024-11`.
pub(crate) fn month(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// `2024-Q4`.
pub(crate) fn quarter(d: Date) -> String {
    format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1)
}

/// The value of `d` at the granularity of `unit`.
pub(crate) fn at_granularity(d: Date, unit: Unit) -> String {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => day(d),
        Unit::Week => week(d),
        Unit::Month => month(d),
        Unit::Quarter => quarter(d),
        Unit::Year => format!("{:04}", d.year()),
        Unit::Decade => format!("{:03}", d.year().div_euclid(10)),
        Unit::Century => format!("{:02}", d.year().div_euclid(100)),
    }
}

/// The unresolved placeholder for a relative expression at the granularity of `unit`.
pub(crate) fn placeholder(unit: Unit) -> &'static str {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => "XXXX-XX-XX",
        Unit::Week => "XXXX-WXX",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Year => "XXXX",
        Unit::Decade => "XXX",
        Unit::Century => "XX",
    }
}

/// The occurrence of ISO weekday `wd` (Monday = 1) nearest `anchor` in `tense`: past → on or
/// before, future → on or after, no cue → the nearer one (the past on a tie). `rel` is
/// `last`/`next`/`this` when the text said so.
pub(crate) fn weekday(anchor: Date, wd: i8, tense: Tense, rel: Option<&str>) -> Option<Date> {
    let a = anchor.weekday().to_monday_one_offset();
    let back = i64::from((a - wd).rem_euclid(7));
    let fwd = i64::from((wd - a).rem_euclid(7));
    let delta = match (rel, tense) {
        (Some("last" | "past"), _) => -(if back == 0 { 7 } else { back }),
        (Some("next" | "coming"), _) => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        (Some("this"), _) => i64::from(wd - a),
        (_, Tense::Past) => -back,
        (_, Tense::Future) => fwd,
        (_, Tense::None) => {
            if back <= fwd {
                -back
            } else {
                fwd
            }
        }
    };
    shift(anchor, Unit::Day, delta)
}

/// The year for a month (and optional day) written without one: the candidate nearest the
/// anchor (the tense breaks a tie), moved a year when the tense clearly points the other way (a past-tense "Dec. 7" more
/// than 45 days ahead of the anchor is last year's; a month alone more than two months ahead).
pub(crate) fn year_for(anchor: Date, month: i8, day: Option<i8>, tense: Tense) -> Option<i16> {
    let y = anchor.year();
    let candidates: Vec<Date> = [y.checked_sub(1), Some(y), y.checked_add(1)]
        .into_iter()
        .flatten()
        .filter_map(|cy| Date::new(cy, month, day.unwrap_or(1)).ok())
        .collect();
    let slack = if day.is_some() { 45 } else { 2 };
    let dist = |d: &Date| -> i64 {
        if day.is_some() {
            i64::from((*d - anchor).get_days())
        } else {
            i64::from(d.year()) * 12 + i64::from(d.month())
                - (i64::from(y) * 12 + i64::from(anchor.month()))
        }
    };
    // On a tie (a month six months away) the tense picks the side; the past without one.
    let nearest = if tense == Tense::Future {
        candidates.iter().rev().min_by_key(|d| dist(d).abs())
    } else {
        candidates.iter().min_by_key(|d| dist(d).abs())
    }
    .copied()?;
    let chosen = match tense {
        Tense::Past if dist(&nearest) > slack => candidates.iter().rev().find(|c| **c < nearest),
        Tense::Future if dist(&nearest) < -slack => candidates.iter().find(|c| **c > nearest),
        _ => None,
    };
    Some(chosen.copied().unwrap_or(nearest).year())
}

/// `P5Y`, `PT24H`, `PXW`, `P1.5Y`.
pub(crate) fn duration(n: Option<f64>, unit: Unit) -> String {
    // TimeBank writes decades as years ("the past decade" → P10Y).
    if unit == Unit::Decade {
        return duration(n.map(|n| n * 10.0), Unit::Year).replace("PXY", "PXDE");
    }
    if let Some(v) = n.and_then(|n| and_a_half(n, unit)) {
        return v;
    }
    let (letter, time) = unit.letter();
    let t = if time { "T" } else { "" };
    match n {
        None => format!("P{t}X{letter}"),
        Some(n) if n.fract() == 0.0 && n.abs() < 1e12 => format!("P{t}{}{letter}", n as i64),
        Some(n) => format!("P{t}{n}{letter}"),
    }
}

/// `n` units when `n` is a whole number and a half, written with the next smaller unit as
/// TimeBank does ("2 1/2 years" → `P2Y6M`, "5 1/2 hours" → `PT5H30M`); `None` otherwise.
fn and_a_half(n: f64, unit: Unit) -> Option<String> {
    if n.fract() != 0.5 || !(0.0..1e6).contains(&n) {
        return None;
    }
    let whole = n.trunc() as i64;
    let (big, small) = match unit {
        Unit::Year => ("Y", "6M"),
        Unit::Day => ("D", "T12H"),
        Unit::Hour => ("TH", "30M"),
        Unit::Minute => ("TM", "30S"),
        _ => return None,
    };
    let (t, big) = big.split_at(big.len() - 1);
    Some(match (whole, t) {
        (0, "T") => format!("PT{small}"),
        (0, _) => format!("P{small}"),
        (w, _) => format!("P{t}{w}{big}{small}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weeks_and_weekdays() {
        assert_eq!(week(date(2024, 10, 27)), "2024-W43");
        assert_eq!(week(date(2024, 12, 26)), "2024-W52");
        assert_eq!(week(date(2024, 12, 30)), "2025-W01");
        let sun = date(2024, 11, 3);
        assert_eq!(weekday(sun, 7, Tense::Past, None), Some(sun));
        assert_eq!(weekday(sun, 7, Tense::Future, None), Some(sun));
        assert_eq!(weekday(sun, 5, Tense::Past, None), Some(date(2024, 11, 1)));
        assert_eq!(
            weekday(sun, 1, Tense::Future, None),
            Some(date(2024, 11, 4))
        );
        assert_eq!(
            weekday(sun, 7, Tense::None, Some("last")),
            Some(date(2024, 10, 27))
        );
        assert_eq!(
            year_for(date(2025, 1, 2), 12, Some(28), Tense::None),
            Some(2024)
        );
        assert_eq!(
            year_for(date(2024, 11, 3), 11, Some(3), Tense::Past),
            Some(2024)
        );
        assert_eq!(
            year_for(date(2024, 11, 3), 3, None, Tense::Future),
            Some(2025)
        );
        assert_eq!(
            year_for(date(2024, 11, 3), 3, None, Tense::Past),
            Some(2024)
        );
        assert_eq!(
            year_for(date(2024, 11, 3), 1, None, Tense::None),
            Some(2025)
        );
        assert_eq!(
            year_for(date(2024, 3, 1), 2, Some(29), Tense::None),
            Some(2024)
        );
        assert_eq!(duration(Some(5.0), Unit::Year), "P5Y");
        assert_eq!(duration(Some(24.0), Unit::Hour), "PT24H");
        assert_eq!(duration(None, Unit::Week), "PXW");
        assert_eq!(duration(Some(2.5), Unit::Year), "P2Y6M");
        assert_eq!(duration(Some(5.5), Unit::Hour), "PT5H30M");
        assert_eq!(duration(Some(1.5), Unit::Minute), "PT1M30S");
        assert_eq!(duration(Some(1.5), Unit::Day), "P1DT12H");
        assert_eq!(duration(Some(0.5), Unit::Hour), "PT30M");
        assert_eq!(duration(Some(0.5), Unit::Year), "P6M");
        assert_eq!(duration(Some(1.5), Unit::Month), "P1.5M");
    }
}
