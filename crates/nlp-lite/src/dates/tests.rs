//! One `check` line per pattern family, anchored and unanchored, plus calendar edge cases.

use jiff::civil::Date;

use super::tag_dates;
use crate::TimexType;

/// Asserts the (text, value) pairs found in `input` with `anchor` ("" for none).
fn check(anchor: &str, input: &str, expected: &[(&str, &str)]) {
    let anchor: Option<Date> = if anchor.is_empty() {
        None
    } else {
        anchor.parse().ok()
    };
    let got: Vec<(String, String)> = tag_dates(input, anchor)
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect();
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|&(t, v)| (t.to_string(), v.to_string()))
        .collect();
    assert_eq!(got, want, "input {input:?} anchor {anchor:?}");
}

/// Asserts type, anchored flag and modifier of the single expression in `input`.
fn check_meta(anchor: &str, input: &str, ty: TimexType, anchored: bool, modifier: Option<&str>) {
    let anchor: Option<Date> = if anchor.is_empty() {
        None
    } else {
        anchor.parse().ok()
    };
    let got = tag_dates(input, anchor);
    assert_eq!(got.len(), 1, "{input:?}: {got:?}");
    assert_eq!(got[0].ty, ty, "{input:?}");
    assert_eq!(got[0].anchored, anchored, "{input:?}");
    assert_eq!(got[0].modifier.as_deref(), modifier, "{input:?}");
}

const A: &str = "2024-11-03"; // a Sunday

#[test]
fn families_compile() {
    assert_eq!(super::date_families().len(), 37);
}

#[test]
fn explicit_dates() {
    for anchor in [A, ""] {
        check(
            anchor,
            "on November 3, 2024 he left",
            &[("November 3, 2024", "2024-11-03")],
        );
        check(anchor, "on 3 Nov 2024.", &[("3 Nov 2024", "2024-11-03")]);
        check(anchor, "dated 2024-11-03.", &[("2024-11-03", "2024-11-03")]);
        check(
            anchor,
            "by Sunday, Nov. 3rd, 2024",
            &[("Sunday, Nov. 3rd, 2024", "2024-11-03")],
        );
        check(anchor, "on 11/03/2024", &[("11/03/2024", "2024-11-03")]);
        check(anchor, "in November 2024", &[("November 2024", "2024-11")]);
        check(
            anchor,
            "in 2024 and 1998",
            &[("2024", "2024"), ("1998", "1998")],
        );
        check(anchor, "the 1990s", &[("the 1990s", "199")]);
        check(anchor, "the 20th century", &[("the 20th century", "19")]);
    }
    check("", "on February 30, 2024", &[("2024", "2024")]);
    check("", "on February 30", &[]);
    check("", "sent 2000 troops", &[]);
}

#[test]
fn times_with_zones() {
    check(
        A,
        "at 15:05 IST",
        &[("15:05 IST", "2024-11-03T15:05+05:30")],
    );
    check(
        A,
        "at 3:30 p.m. EST",
        &[("3:30 p.m. EST", "2024-11-03T15:30-05:00")],
    );
    check(
        "",
        "at 15:05 IST",
        &[("15:05 IST", "XXXX-XX-XXT15:05+05:30")],
    );
    check(
        "",
        "Updated: November 3, 2024 15:05 IST",
        &[("November 3, 2024 15:05 IST", "2024-11-03T15:05+05:30")],
    );
    check(
        A,
        "at 10 a.m. local time",
        &[("10 a.m.", "2024-11-03T10:00")],
    );
    check(A, "at 9:15 AST", &[("9:15 AST", "2024-11-03T09:15")]);
    check(
        A,
        "2024-11-03T15:05+05:30",
        &[("2024-11-03T15:05+05:30", "2024-11-03T15:05+05:30")],
    );
    check(A, "at noon", &[("noon", "2024-11-03T12:00")]);
    // Found by the fuzzer: the patterns are case-insensitive, so a lower-case "z" is UTC too.
    check(
        "",
        "2024-11-03T15:05z",
        &[("2024-11-03T15:05z", "2024-11-03T15:05+00:00")],
    );
    check(
        "",
        "2024-11-03 15:05+0530",
        &[("2024-11-03 15:05+0530", "2024-11-03T15:05+05:30")],
    );
    check_meta("", "at 15:05 IST", TimexType::Time, false, None);
}

#[test]
fn partial_dates() {
    check(A, "Seoul, Nov 3 European Union", &[("Nov 3", "2024-11-03")]);
    check(A, "on Dec. 28", &[("Dec. 28", "2024-12-28")]);
    check("2025-01-02", "on Dec. 28", &[("Dec. 28", "2024-12-28")]);
    check("2024-12-30", "due Jan 5", &[("Jan 5", "2025-01-05")]);
    check("", "Nov 3", &[("Nov 3", "XXXX-11-03")]);
    check_meta("", "Nov 3", TimexType::Date, false, None);
    check("2025-03-01", "on Feb. 29", &[("Feb. 29", "2024-02-29")]);
    check(
        "2024-03-01",
        "on 29 February",
        &[("29 February", "2024-02-29")],
    );
}

#[test]
fn months_and_weekdays() {
    check(A, "in March, prices rose", &[("March", "2024-03")]);
    check(A, "talks will resume in March", &[("March", "2025-03")]);
    check(A, "last April", &[("last April", "2024-04")]);
    check(A, "by late January", &[("late January", "2025-01")]);
    check("", "in March", &[("March", "XXXX-03")]);
    check(
        A,
        "Josep Borrell said on Sunday that he will go",
        &[("Sunday", "2024-11-03")],
    );
    check(A, "He arrived on Friday.", &[("Friday", "2024-11-01")]);
    check(
        A,
        "He will arrive on Tuesday.",
        &[("Tuesday", "2024-11-05")],
    );
    check(A, "last Sunday", &[("last Sunday", "2024-10-27")]);
    check(A, "Monday morning", &[("Monday morning", "2024-11-04TMO")]);
    check("", "on Sunday", &[("Sunday", "XXXX-WXX-7")]);
    check(A, "he may 3 times", &[]);
}

#[test]
fn relative() {
    check(A, "Last week, Borrell said", &[("Last week", "2024-W43")]);
    check("2025-01-02", "last week", &[("last week", "2024-W52")]);
    check("2025-01-02", "this week", &[("this week", "2025-W01")]);
    check(A, "this week", &[("this week", "2024-W44")]);
    check("", "this week", &[("this week", "XXXX-WXX")]);
    check(A, "next month", &[("next month", "2024-12")]);
    check("2024-12-15", "next month", &[("next month", "2025-01")]);
    check(A, "last year", &[("last year", "2023")]);
    check("", "last year", &[("last year", "XXXX")]);
    check(
        A,
        "today and yesterday, not tomorrow",
        &[
            ("today", "2024-11-03"),
            ("yesterday", "2024-11-02"),
            ("tomorrow", "2024-11-04"),
        ],
    );
    check("2024-03-01", "yesterday", &[("yesterday", "2024-02-29")]);
    check("", "yesterday", &[("yesterday", "XXXX-XX-XX")]);
    check(A, "two days ago", &[("two days ago", "2024-11-01")]);
    check("2024-03-01", "a year ago", &[("a year ago", "2023")]);
    check("", "two days ago", &[("two days ago", "XXXX-XX-XX")]);
    check(
        A,
        "earlier this month",
        &[("earlier this month", "2024-11")],
    );
    check(A, "this weekend", &[("this weekend", "2024-W44-WE")]);
    check(A, "last night", &[("last night", "2024-11-02TNI")]);
    check(A, "this morning", &[("this morning", "2024-11-03TMO")]);
    check(A, "over the past decade", &[("the past decade", "P10Y")]);
    check_meta(A, "last week", TimexType::Date, true, None);
    check_meta("", "last week", TimexType::Date, false, None);
    check_meta(A, "early next year", TimexType::Date, true, Some("START"));
}

#[test]
fn durations() {
    check("", "for five years", &[("five years", "P5Y")]);
    check(
        "",
        "in the last 24 hours",
        &[("the last 24 hours", "PT24H")],
    );
    check("", "a five-year plan", &[("five-year", "P5Y")]);
    check("", "twenty-four months", &[("twenty-four months", "P24M")]);
    check("", "several weeks", &[("several weeks", "PXW")]);
    check("", "over the past years", &[("the past years", "PXY")]);
    check("", "in the coming weeks", &[("the coming weeks", "PXW")]);
    check("", "for 30 minutes", &[("30 minutes", "PT30M")]);
    check("", "two decades", &[("two decades", "P20Y")]);
    check("", "a second term", &[]);
    check_meta(
        "",
        "more than five years",
        TimexType::Duration,
        true,
        Some("MORE_THAN"),
    );
    check_meta(
        "",
        "nearly forty years",
        TimexType::Duration,
        true,
        Some("EQUAL_OR_LESS"),
    );
}

#[test]
fn sets() {
    check("", "every Monday", &[("every Monday", "XXXX-WXX-1")]);
    check("", "held annually", &[("annually", "P1Y")]);
    check("", "every day", &[("every day", "P1D")]);
    check("", "twice a week", &[("twice a week", "P1W")]);
    check("", "every morning", &[("every morning", "XXXX-XX-XXTMO")]);
    check_meta("", "every Monday", TimexType::Set, true, None);
}

#[test]
fn fuzzy() {
    check("", "now", &[("now", "PRESENT_REF")]);
    check("", "recently", &[("recently", "PAST_REF")]);
    check("", "in recent years", &[("recent years", "PXY")]);
    check("", "in the future", &[("the future", "FUTURE_REF")]);
    check("", "currently", &[("currently", "PRESENT_REF")]);
}

#[test]
fn seasons_quarters() {
    check(A, "last summer", &[("last summer", "2023-SU")]);
    check(A, "in spring", &[("spring", "2024-SP")]);
    check("", "this winter", &[("this winter", "XXXX-WI")]);
    check(
        "",
        "in the winter of 2023",
        &[("the winter of 2023", "2023-WI")],
    );
    check(A, "the third quarter", &[("the third quarter", "2024-Q3")]);
    check("", "third-quarter profit", &[("third-quarter", "XXXX-Q3")]);
    check(
        "",
        "the fourth quarter of 2023",
        &[("the fourth quarter of 2023", "2023-Q4")],
    );
    check("", "Q1 2024", &[("Q1 2024", "2024-Q1")]);
    check(
        A,
        "the first half of next year",
        &[("the first half of next year", "2025-H1")],
    );
    check("", "leaves fall", &[]);
}

#[test]
fn narrative_year() {
    check(
        A,
        "In 1941 the army moved. In March it stopped.",
        &[("1941", "1941"), ("March", "1941-03")],
    );
    check(
        A,
        "In 1941 the army moved.\n\nIn March it stopped.",
        &[("1941", "1941"), ("March", "2024-03")],
    );
    check(
        "",
        "In 1941 it moved.\n\nOn June 10 it stopped.",
        &[("1941", "1941"), ("June 10", "1941-06-10")],
    );
    check(
        "",
        "In 2023 it began. On Feb 29 it ended.",
        &[("2023", "2023"), ("Feb 29", "XXXX-02-29")],
    );
}

#[test]
fn decades() {
    check("", "the 1990s", &[("the 1990s", "199")]);
    check("", "in the late 1980s", &[("the late 1980s", "198")]);
    check("", "the '90s", &[("the '90s", "199")]);
    check_meta("", "the late 1980s", TimexType::Date, true, Some("END"));
}

#[test]
fn char_offsets() {
    let text = "Séoul — Nov 3 là";
    let got = tag_dates(text, "2024-11-03".parse().ok());
    let chars: Vec<char> = text.chars().collect();
    let t = &got[0];
    assert_eq!(chars[t.start..t.end].iter().collect::<String>(), "Nov 3");
}

#[test]
fn ranges() {
    for anchor in [A, ""] {
        check(
            anchor,
            "Diem era, 1955-1963",
            &[("1955", "1955"), ("1963", "1963")],
        );
        check(
            anchor,
            "In 1958-59 the",
            &[("1958", "1958"), ("59", "1959")],
        );
        check(
            anchor,
            "the Ionian Revolt (499-493 BC)",
            &[("499", "BC0499"), ("493 BC", "BC0493")],
        );
        check(
            anchor,
            "on 12-14 July 1950, the",
            &[("12", "1950-07-12"), ("14 July 1950", "1950-07-14")],
        );
        check(
            anchor,
            "between March 5-9, 1918 on",
            &[("March 5", "1918-03-05"), ("9, 1918", "1918-03-09")],
        );
    }
    check(
        A,
        "talks were held on April 6-7 there",
        &[("April 6", "2024-04-06"), ("7", "2024-04-07")],
    );
    check(
        "",
        "on April 6-7 the",
        &[("April 6", "XXXX-04-06"), ("7", "XXXX-04-07")],
    );
    // Not ranges: an ISO date, a score, a backwards pair.
    check("", "on 2024-11-03", &[("2024-11-03", "2024-11-03")]);
    check("", "won 1999-1998", &[]);
}

#[test]
fn bc_years() {
    check(A, "in 241 BC Rome", &[("241 BC", "BC0241")]);
    check("", "by 146 B.C. the", &[("146 B.C.", "BC0146")]);
    check("", "0 BC", &[]);
}

#[test]
fn spelled_years() {
    check(
        A,
        "in nineteen ninety-six",
        &[("nineteen ninety-six", "1996")],
    );
    check(
        "",
        "January nineteen ninety-seven",
        &[("January nineteen ninety-seven", "1997-01")],
    );
    check(
        "",
        "the year two thousand",
        &[("the year two thousand", "2000")],
    );
    check("", "two thousand troops", &[]);
    check(
        "",
        "in the winter of nineteen ninety-four",
        &[("the winter of nineteen ninety-four", "1994-WI")],
    );
}

#[test]
fn holidays() {
    check(A, "by Christmas", &[("Christmas", "2024-12-25")]);
    check(
        "2025-01-02",
        "He said Christmas was quiet",
        &[("Christmas", "2024-12-25")],
    );
    check(A, "Thanksgiving Day", &[("Thanksgiving Day", "2024-11-28")]);
    check(
        A,
        "last Thanksgiving",
        &[("last Thanksgiving", "2023-11-23")],
    );
    check(A, "Election Day", &[("Election Day", "2024-11-05")]);
    check("", "Easter 2024", &[("Easter 2024", "2024-03-31")]);
    check("", "Christmas", &[("Christmas", "XXXX-12-25")]);
    check_meta("", "Christmas", TimexType::Date, false, None);
}

#[test]
fn earnings_quarters() {
    let dct = "1989-10-26";
    check(
        dct,
        "in the quarter, net rose",
        &[("the quarter", "1989-Q3")],
    );
    check(
        dct,
        "the latest quarter",
        &[("the latest quarter", "1989-Q3")],
    );
    check(
        dct,
        "the year-earlier quarter",
        &[("the year-earlier quarter", "1988-Q3")],
    );
    check(
        dct,
        "in the year-ago third quarter",
        &[("the year-ago third quarter", "1988-Q3")],
    );
    check(
        dct,
        "net income for the third quarter rose from $5 a year ago",
        &[("the third quarter", "1989-Q3"), ("a year ago", "1988-Q3")],
    );
    check(dct, "sales fell from a year ago", &[("a year ago", "1988")]);
    // The quarter last mentioned, a year before (a fiscal fourth quarter reported in autumn).
    check(
        "1989-11-01",
        "fourth-quarter profit fell to $5 from $8 a year earlier",
        &[("fourth-quarter", "1989-Q4"), ("a year earlier", "1988-Q4")],
    );
    check(dct, "the 1988 period", &[("the 1988 period", "1988-Q3")]);
    // Year boundary: early January reports the fourth quarter.
    check("2025-01-02", "the quarter", &[("the quarter", "2024-Q4")]);
    check("", "the quarter", &[("the quarter", "XXXX-QX")]);
    check("", "a quarter of the vote", &[]);
}

#[test]
fn narrative_anchoring() {
    // A history: explicit years far from the anchor set the reference time.
    let text = "The war began in 1939. Warsaw fell in 1939. Paris fell in 1940. \
                On June 10 Italy joined. Two days later the line broke. \
                The following year Germany attacked. In 1941 the siege began.";
    check(
        A,
        text,
        &[
            ("1939", "1939"),
            ("1939", "1939"),
            ("1940", "1940"),
            ("June 10", "1940-06-10"),
            ("Two days later", "1940-06-12"),
            ("The following year", "1941"),
            ("1941", "1941"),
        ],
    );
    // Leap day reached by an anaphor.
    let leap = "Fighting raged in 1938 and 1939. Troops landed on February 28, 1940. \
                The next day the fort fell.";
    check(
        A,
        leap,
        &[
            ("1938", "1938"),
            ("1939", "1939"),
            ("February 28, 1940", "1940-02-28"),
            ("The next day", "1940-02-29"),
        ],
    );
    // News: "three days later" is a duration (TimeML), "the following year" still anaphoric.
    check(
        A,
        "He was arrested Tuesday. Three days later he was freed.",
        &[("Tuesday", "2024-10-29"), ("Three days", "P3D")],
    );
    check(
        "",
        "The law passed in 1996. The following year it was repealed.",
        &[("1996", "1996"), ("The following year", "1997")],
    );
    check("", "that year", &[("that year", "XXXX")]);
}

#[test]
fn span_conventions() {
    check("", "the two-week strike", &[("two-week", "P2W")]);
    check("", "for the nine months", &[("the nine months", "P9M")]);
    check("", "about three days", &[("three days", "P3D")]);
    check("", "over a week", &[("over a week", "P1W")]);
    check("", "over three years", &[("three years", "P3Y")]);
    check("", "a 6-year-old boy", &[]);
    check(A, "in June last year", &[("June last year", "2023-06")]);
    check(
        "2025-01-02",
        "in December this year",
        &[("December this year", "2025-12")],
    );
    check(A, "early in 1914", &[("early in 1914", "1914")]);
    check(A, "The year 1950", &[("The year 1950", "1950")]);
    check(
        A,
        "the early 21st century",
        &[("the early 21st century", "20")],
    );
    check(
        A,
        "the end of this week",
        &[("the end of this week", "2024-W44")],
    );
    check(
        A,
        "It started at 10 p.m. Wednesday",
        &[("10 p.m. Wednesday", "2024-10-30T22:00")],
    );
    check(
        A,
        "at 10 p.m. Wednesday",
        &[("10 p.m. Wednesday", "2024-11-06T22:00")],
    );
    check(
        "",
        "at noon Thursday",
        &[("noon Thursday", "XXXX-WXX-4T12:00")],
    );
    check(
        A,
        "The blast came at about 10:35 a.m. (0735 GMT) Friday.",
        &[("10:35 a.m.", "2024-11-01T10:35"), ("Friday", "2024-11-01")],
    );
    check(A, "at 9 a.m. (1400 GMT)", &[("9 a.m.", "2024-11-03T09:00")]);
    check(
        A,
        "hearings in the week of March 6, 2000",
        &[("the week of March 6, 2000", "2000-W10")],
    );
    check("", "the week of March 6", &[("March 6", "XXXX-03-06")]);
    check(A, "Now, he says", &[]);
    check(A, "until now", &[("now", "PRESENT_REF")]);
    check("", "average daily volume", &[]);
    check("", "the party daily Granma", &[]);
    check("", "winter came", &[("winter", "XXXX-WI")]);
    check("", "1.5 per day", &[("per day", "P1D")]);
    check_meta(
        A,
        "the end of this week",
        TimexType::Date,
        true,
        Some("END"),
    );
}

#[test]
fn weekends() {
    // A weekday anchor: the weekend just past, or the coming one in the future tense.
    check(
        "2024-11-05",
        "over the weekend",
        &[("the weekend", "2024-W44-WE")],
    );
    check(
        "2024-11-05",
        "talks will resume over the weekend",
        &[("the weekend", "2024-W45-WE")],
    );
    // Year boundary: 2025-01-02 is in ISO week 2025-W01; the weekend before is 2024-W52.
    check(
        "2025-01-02",
        "over the weekend",
        &[("the weekend", "2024-W52-WE")],
    );
    check("", "the weekend", &[("the weekend", "XXXX-WXX-WE")]);
}

#[test]
fn odd_inputs_never_panic() {
    let cases = [
        "nineteen",
        "nineteen hundred and",
        "two thousand and",
        "the year two thousand ninety-nine",
        "9999 BC",
        "0000-00 BC",
        "1999-00",
        "2099-99",
        "31-30 February",
        "February 29-30, 2023",
        "Christmas 1500",
        "Easter 2099",
        "the 1988 period",
        "year-earlier",
        "a year ago in the quarter",
        "The following day. That month. 99999999999999999999 days later.",
        "12 p.m. Sunday, 1 a.m. Monday",
        "é 1955–1963 ü",
    ];
    for text in cases {
        for anchor in [
            None,
            "2024-02-29".parse().ok(),
            Some(Date::MIN),
            Some(Date::MAX),
        ] {
            let n = text.chars().count();
            for t in tag_dates(text, anchor) {
                assert!(t.start < t.end && t.end <= n, "{text:?} {t:?}");
            }
        }
    }
}

#[test]
fn tense_in_context() {
    // An auxiliary before a participle decides: "will be paid" looks ahead.
    check(
        "2024-10-20",
        "The bonus will be paid Dec. 12 to staff on the roll.",
        &[("Dec. 12", "2024-12-12")],
    );
    // An "-ed" form after a determiner is an adjective, not a past tense.
    check(
        "2024-10-20",
        "The merger would close on a still undisclosed date in February.",
        &[("February", "2025-02")],
    );
    // "was planning to", "set to", "is to": plans.
    check(
        A,
        "The union was planning to strike on Tuesday.",
        &[("Tuesday", "2024-11-05")],
    );
    check(
        A,
        "The hearing, set to resume Thursday, drew a crowd.",
        &[("Thursday", "2024-11-07")],
    );
    // Plural weekdays are sets, with or without an anchor.
    for anchor in [A, ""] {
        check(
            anchor,
            "The show airs on Mondays and on Tuesday nights.",
            &[
                ("Mondays", "XXXX-WXX-1"),
                ("Tuesday nights", "XXXX-WXX-2TNI"),
            ],
        );
    }
    // A future seen from the past ("had been due to") takes the nearest occurrence.
    check(
        "2024-11-04",
        "The offer had been due to expire Friday evening.",
        &[("Friday evening", "2024-11-01TEV")],
    );
    // A quoted title-case programme name is not a date.
    check(A, r#"He spoke on ABC's "This Week" about the vote."#, &[]);
    check(
        A,
        "Prices may ease in the near future.",
        &[("the near future", "FUTURE_REF")],
    );
    // A possessive weekday names an event already reported.
    check(
        "2024-11-04",
        "Shares recovered after Thursday's slump.",
        &[("Thursday", "2024-10-31")],
    );
    // "as early as" points ahead; "until" only when no verb decides.
    check(
        A,
        "The ferry sailed and could return as early as Friday.",
        &[("Friday", "2024-11-08")],
    );
    check(
        A,
        "Until Monday, nobody had noticed the leak.",
        &[("Monday", "2024-10-28")],
    );
    // Putting off points ahead, however past the verb.
    check(
        A,
        "Officials postponed until Tuesday morning any action on the permit.",
        &[("Tuesday morning", "2024-11-05TMO")],
    );
    check(
        A,
        "The vote was delayed to Friday.",
        &[("Friday", "2024-11-08")],
    );
    check(
        A,
        "He looked back to Friday and said it went well.",
        &[("Friday", "2024-11-01")],
    );
    // A far verb of another clause does not send an "until" date a year back.
    check(
        "2024-01-15",
        "The judge rejected a motion that the crew stay in the harbour of the old town until March 6 to hear the claims.",
        &[("March 6", "2024-03-06")],
    );
    // A participle describing a noun ("markets untouched by") is not the clause's verb.
    check(
        "2024-02-13",
        "The airline will add flights to the south by August in search of markets untouched by the slump.",
        &[("August", "2024-08")],
    );
    for (input, want) in [
        ("The bonus will be paid Dec. 12 to staff.", "XXXX-12-12"),
        ("Shares recovered after Thursday's slump.", "XXXX-WXX-4"),
    ] {
        let got = tag_dates(input, None);
        assert_eq!(got.len(), 1, "{input:?}");
        assert_eq!(got[0].value, want, "{input:?}");
        assert!(!got[0].anchored);
    }
}

#[test]
fn news_keeps_anchor_year() {
    // A year mentioned mid-sentence in news does not move a later bare date.
    check(
        "2024-03-20",
        "The 2019 accord still stands. Talks broke down on March 2 in Geneva.",
        &[("2019", "2019"), ("March 2", "2024-03-02")],
    );
    // A sentence-opening year still sets the scene.
    check(
        "2024-03-20",
        "In 2019 the accord was signed. On March 2 the talks broke down.",
        &[("2019", "2019"), ("March 2", "2019-03-02")],
    );
    // A month-year in passing leaves the anchor's reading; without an anchor, any earlier
    // year is better than none.
    check(
        "2024-03-20",
        "The March 2019 accord still stands. Talks collapsed on June 2 in Geneva.",
        &[("March 2019", "2019-03"), ("June 2", "2023-06-02")],
    );
    check(
        "",
        "The March 2019 accord still stands. Talks collapsed on June 2 in Geneva.",
        &[("March 2019", "2019-03"), ("June 2", "2019-06-02")],
    );
    // "last Oct. 23" is a date, not the month "last Oct.".
    check(
        "2024-04-10",
        "The plant was closed last Oct. 23 after a fire.",
        &[("Oct. 23", "2023-10-23")],
    );
}

#[test]
fn the_year() {
    check(
        "2024-11-03",
        "Profit for the year ended Sept. 30 rose.",
        &[("the year", "P1Y"), ("Sept. 30", "2024-09-30")],
    );
    check(
        "2024-11-03",
        "Sales for the full year should rise, and the current fiscal year looks better.",
        &[
            ("the full year", "2024"),
            ("the current fiscal year", "2024"),
        ],
    );
    check(
        "",
        "Sales for the full year should rise.",
        &[("the full year", "XXXX")],
    );
    check_meta(
        "",
        "The plant reopens late in the year.",
        TimexType::Date,
        false,
        Some("END"),
    );
    // A narrative counts from the story's year.
    check(
        "2010-01-01",
        "In 1861 the war began. In 1862 the army marched. In 1863 it crossed the river. By the end of the year it had retreated.",
        &[
            ("1861", "1861"),
            ("1862", "1862"),
            ("1863", "1863"),
            ("the end of the year", "1863"),
        ],
    );
    // "the year before" is not the anchor's year.
    check("2024-11-03", "He recalled the year before.", &[]);
}

#[test]
fn rates_and_now() {
    for anchor in [A, ""] {
        // "a year" after an amount or a plural noun is a rate, not a duration.
        check(anchor, "It costs $5 million a year to run.", &[]);
        check(anchor, "The line adds three flights a week.", &[]);
        check(
            anchor,
            "It should be ready within a week.",
            &[("a week", "P1W")],
        );
        // "Now," opens a sentence as a discourse marker; "Now the …" is a time.
        check(anchor, "Now, consider the costs.", &[]);
        check(
            anchor,
            "Now the talks resume in earnest.",
            &[("Now", "PRESENT_REF")],
        );
    }
}

#[test]
fn tense_reads_quotes_apart() {
    // The attribution after a quote does not set the tense inside it, nor the reverse.
    check(
        A,
        "\"They will march to the square on Thursday,\" said Ana.",
        &[("Thursday", "2024-11-07")],
    );
    check(
        A,
        "``We will leave at dawn,'' the captain said Tuesday.",
        &[("Tuesday", "2024-10-29")],
    );
    check(
        "",
        "\"They will march on Thursday,\" said Ana.",
        &[("Thursday", "XXXX-WXX-4")],
    );
}

#[test]
fn plan_nouns_and_fillers() {
    // "the plan" is a noun, not a future cue; the past verb decides.
    check(
        "1989-10-27",
        "The thrift announced the plan Aug. 21.",
        &[("Aug. 21", "1989-08-21")],
    );
    check(
        "",
        "The thrift announced the plan Aug. 21.",
        &[("Aug. 21", "XXXX-08-21")],
    );
    // "planned" as an adjective after an adverb reads as past; "planned to" looks ahead.
    check(
        "2024-11-04",
        "On Friday, she set aside vacation plans for the hastily planned trip.",
        &[("Friday", "2024-11-01")],
    );
    check(
        "2024-11-06",
        "The team planned to leave on Thursday.",
        &[("Thursday", "2024-11-07")],
    );
    // "would still be held": the adverb does not hide the auxiliary.
    check(
        "1999-02-10",
        "He added that a ceremony would still be held at the summit on April 24.",
        &[("April 24", "1999-04-24")],
    );
}

#[test]
fn month_six_months_away_follows_tense() {
    // Six months either side is a tie: the tense picks the side.
    check(
        "1998-02-13",
        "Qantas will double its flights by August.",
        &[("August", "1998-08")],
    );
    check(
        "1998-02-13",
        "Qantas doubled its flights in August.",
        &[("August", "1997-08")],
    );
    check(
        "",
        "Qantas will double its flights by August.",
        &[("August", "XXXX-08")],
    );
}

#[test]
fn months_after_determiners_and_more_prepositions() {
    for (anchor, january, december, june) in [
        ("1998-02-06", "1998-01", "1997-12", "1997-06"),
        ("", "XXXX-01", "XXXX-12", "XXXX-06"),
    ] {
        check(
            anchor,
            "The job figures for January beat the revision to December's figures.",
            &[("January", january), ("December", december)],
        );
        check(anchor, "They signed a June agreement.", &[("June", june)]);
    }
    // A name, not a month.
    check(
        "1998-02-06",
        "He sold it to the May Department Stores.",
        &[],
    );
    check("1998-02-06", "She gave to the March of Dimes.", &[]);
    // After "for", "to", "and" a bare "May" is as often a person.
    check("2019-03-06", "Most of them voted for May and Hunt.", &[]);
    check(
        "2019-03-06",
        "Talks were moved to April and then to May.",
        &[("April", "2019-04")],
    );
    // "late-November": the hyphen joins the modifier.
    check_meta(
        "2000-01-28",
        "He left in late-November.",
        TimexType::Date,
        true,
        Some("END"),
    );
    check(
        "2000-01-28",
        "He left in late-November.",
        &[("late-November", "1999-11")],
    );
}

#[test]
fn weekday_before_a_date_and_colon() {
    check(
        "1998-10-25",
        "The Times said in an editorial on Monday, Oct. 26: The murder",
        &[("Monday, Oct. 26", "1998-10-26")],
    );
    check(
        "",
        "The Times said in an editorial on Monday, Oct. 26: The murder",
        &[("Monday, Oct. 26", "XXXX-10-26")],
    );
    // A colon and digits still make a time, not a date.
    check(
        "1998-10-25",
        "The score was Nov 3:30 at the break.",
        &[("3:30", "1998-10-25T03:30")],
    );
}

#[test]
fn halves_and_more_units() {
    for anchor in [A, ""] {
        check(
            anchor,
            "They lived in camps for 2 1/2 years.",
            &[("2 1/2 years", "P2Y6M")],
        );
        check(
            anchor,
            "The stop lasts 5 1/2 hours.",
            &[("5 1/2 hours", "PT5H30M")],
        );
        check(
            anchor,
            "It took a minute and a half to land.",
            &[("a minute and a half", "PT1M30S")],
        );
        check(
            anchor,
            "The talks need two more weeks.",
            &[("two more weeks", "P2W")],
        );
        check(
            anchor,
            "He will serve an additional year.",
            &[("an additional year", "P1Y")],
        );
        check(
            anchor,
            "Eight trading days passed.",
            &[("Eight trading days", "P8D")],
        );
    }
}

#[test]
fn sets_of_months_and_quarters() {
    for anchor in [A, ""] {
        check(anchor, "It pays each month.", &[("each month", "P1M")]);
        check(
            anchor,
            "It pays every quarter.",
            &[("every quarter", "P1Q")],
        );
        check(
            anchor,
            "It meets every Monday.",
            &[("every Monday", "XXXX-WXX-1")],
        );
    }
}

#[test]
fn conjoined_days() {
    check(
        "1999-02-10",
        "The summit on April 24 and 25 opens.",
        &[("April 24", "1999-04-24"), ("25", "1999-04-25")],
    );
    check(
        "",
        "The summit on April 24 and 25 opens.",
        &[("April 24", "XXXX-04-24"), ("25", "XXXX-04-25")],
    );
    check(
        "",
        "They surrendered on 4 and 5 May 1865.",
        &[("4", "1865-05-04"), ("5 May 1865", "1865-05-05")],
    );
}

#[test]
fn clock_hours_and_midday() {
    check(
        "2000-04-05",
        "He will leave at 4 in the morning.",
        &[("4 in the morning", "2000-04-05T04:00")],
    );
    check(
        "2000-04-05",
        "They met at 7 in the evening and at 9 o'clock.",
        &[
            ("7 in the evening", "2000-04-05T19:00"),
            ("9 o'clock", "2000-04-05T09:00"),
        ],
    );
    check(
        "",
        "He will leave at 4 in the morning.",
        &[("4 in the morning", "XXXX-XX-XXT04:00")],
    );
    // Not an hour of the clock.
    check("2000-04-05", "They won 14 in the evening session.", &[]);
    check(
        "1999-10-08",
        "He appeared at midday.",
        &[("midday", "1999-10-08T12:00")],
    );
    check(
        "1998-03-06",
        "By mid afternoon, the roads were shut.",
        &[("mid afternoon", "1998-03-06TAF")],
    );
    check(
        "1989-11-02",
        "At mid-afternoon yesterday, shares were up.",
        &[("mid-afternoon yesterday", "1989-11-01TAF")],
    );
    check(
        "",
        "By mid afternoon, the roads were shut.",
        &[("mid afternoon", "XXXX-XX-XXTAF")],
    );
}

#[test]
fn year_end() {
    check_meta(
        "1989-10-26",
        "The deal should close by year-end.",
        TimexType::Date,
        true,
        Some("END"),
    );
    check(
        "1989-10-26",
        "The deal should close by year-end.",
        &[("year-end", "1989")],
    );
    check(
        "1989-10-26",
        "Rules should be in place by year's end.",
        &[("year's end", "1989")],
    );
    check(
        "1989-10-26",
        "The change is since year-end.",
        &[("year-end", "1988")],
    );
    check(
        "",
        "The deal should close by year-end.",
        &[("year-end", "XXXX")],
    );
    // An adjective, not a date.
    check("1989-10-26", "Profit fell when year-end net was low.", &[]);
}
