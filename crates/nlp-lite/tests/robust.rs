//! Odd input never panics and always yields well-formed spans.

use nlp_lite::{analyse, sentences, tag_dates, tag_entities, tag_tokens, tokenize, zones};

fn check(input: &str) {
    let n = input.chars().count();
    for anchor in [
        None,
        "2024-02-29".parse().ok(),
        "2024-12-31".parse().ok(),
        Some(jiff::civil::Date::MIN),
        Some(jiff::civil::Date::MAX),
    ] {
        let a = analyse(input, anchor);
        for s in &a.sentences {
            assert!(s.start <= s.end && s.end <= n, "{input:?} sentence {s:?}");
        }
        for e in &a.entities {
            assert!(e.start < e.end && e.end <= n, "{input:?} entity {e:?}");
        }
        for t in tag_dates(input, anchor) {
            assert!(t.start < t.end && t.end <= n, "{input:?} timex {t:?}");
        }
    }
    let mut last = 0;
    for t in tokenize(input) {
        assert!(
            t.start >= last && t.start < t.end && t.end <= n,
            "{input:?} token {t:?}"
        );
        last = t.end;
    }
    let _ = sentences(input);
    let _ = tag_entities(input);
    let words: Vec<&str> = input.split_whitespace().collect();
    assert_eq!(tag_tokens(&words).len(), words.len());
    let _ = zones::offset_seconds(input);
}

#[test]
fn odd_strings() {
    let long_word = "A".repeat(10_000);
    let many = "U.S. Mr. ’s 's (EU) ".repeat(2_000);
    let cases = [
        "",
        " ",
        "\n\n\n",
        "\0",
        "’",
        "'s",
        "’s’s",
        ".",
        "...",
        "Mr.",
        "U.S.",
        "(",
        "()",
        "( EU )",
        "-",
        "a-",
        "-a",
        "9999-99-99",
        "0000-00-00 99:99",
        "Feb 29",
        "Feb 30 2023",
        "99999999999999999999999 years ago",
        "99999999999999999999999 days",
        "1.5.5 years",
        "the 990s",
        "Q9 2024",
        "the 99th century",
        "25:99 IST",
        "12 p.m. ZZZZZ",
        "every",
        "Sunday",
        "Nov 31",
        "ǅemal İstanbul ΣΊΣΥΦΟΣ straße",
        "👩‍👩‍👧 Seoul 🇰🇷 Nov 3",
        "مرحبا Seoul العالم",
        "e\u{301}te\u{301} Borrell",
        "\u{200b}\u{feff}North\u{200b}Korea",
        "Kim Yong-hyun--Cho Tae-yul",
        "A. B. C. D. E.",
        "1,000,000,000.5:30",
        long_word.as_str(),
        many.as_str(),
    ];
    for c in cases {
        check(c);
    }
}

#[test]
fn analyse_matches_the_parts() {
    let text = "Seoul, Nov 3 European Union (EU) chief Josep Borrell said on Sunday. Last week, Borrell left.\n\nNorth Korea’s troops";
    let anchor = "2024-11-03".parse().ok();
    let a = analyse(text, anchor);
    assert_eq!(a.sentences, sentences(text));
    assert_eq!(a.entities, tag_entities(text));
    assert_eq!(a.timexes, tag_dates(text, anchor));
}
