//! Entity tagger cases: one `check` line per behaviour.

use super::{tag_entities, tag_tokens};
use crate::EntityType;

/// Asserts the full list of (surface, type, canonical) found in `input`.
fn check(input: &str, expected: &[(&str, &str, &str)]) {
    let got: Vec<(String, &str, String)> = tag_entities(input)
        .into_iter()
        .map(|e| (e.text, e.ty.as_str(), e.canonical))
        .collect();
    let want: Vec<(String, &str, String)> = expected
        .iter()
        .map(|&(t, ty, c)| (t.to_string(), ty, c.to_string()))
        .collect();
    assert_eq!(got, want, "input {input:?}");
}

#[test]
fn persons_and_titles() {
    check(
        "Foreign Minister Cho Tae-yul met Defense Minister Kim Yong-hyun.",
        &[
            ("Cho Tae-yul", "PERSON", "Cho Tae-yul"),
            ("Kim Yong-hyun", "PERSON", "Kim Yong-hyun"),
        ],
    );
    check(
        "Josep Borrell said it. Later, Mr. Borrell left. Borrell wrote more.",
        &[
            ("Josep Borrell", "PERSON", "Josep Borrell"),
            ("Borrell", "PERSON", "Josep Borrell"),
            ("Borrell", "PERSON", "Josep Borrell"),
        ],
    );
    check(
        "U.S. President Donald Trump spoke. President Trump left.",
        &[
            ("U.S.", "PLACE", "United States"),
            ("Donald Trump", "PERSON", "Donald Trump"),
            ("Trump", "PERSON", "Donald Trump"),
        ],
    );
    check(
        "President Yoon Suk Yeol’s impeachment",
        &[("Yoon Suk Yeol", "PERSON", "Yoon Suk Yeol")],
    );
    check(
        "NATO Secretary General Mark Rutte arrived.",
        &[
            ("NATO", "ORG", "NATO"),
            ("Mark Rutte", "PERSON", "Mark Rutte"),
        ],
    );
    check(
        "The minister, Cho Tae-yul, arrived. Cho will speak.",
        &[
            ("Cho Tae-yul", "PERSON", "Cho Tae-yul"),
            ("Cho", "PERSON", "Cho Tae-yul"),
        ],
    );
    check("He met Dr. Zorblat.", &[("Zorblat", "PERSON", "Zorblat")]);
}

#[test]
fn organisations() {
    check(
        "The European Union (EU) said the EU's plan works.",
        &[
            ("European Union", "ORG", "European Union"),
            ("EU", "ORG", "European Union"),
            ("EU", "ORG", "European Union"),
        ],
    );
    check(
        "Yonhap news agency reported it.",
        &[("Yonhap", "ORG", "Yonhap")],
    );
    check(
        "The South Korean Foreign Ministry and the South Korean Constitutional Court agreed.",
        &[
            (
                "South Korean Foreign Ministry",
                "ORG",
                "South Korean Foreign Ministry",
            ),
            (
                "South Korean Constitutional Court",
                "ORG",
                "South Korean Constitutional Court",
            ),
        ],
    );
    check(
        "Shares of Zentrix Holdings Inc rose.",
        &[("Zentrix Holdings Inc", "ORG", "Zentrix Holdings Inc")],
    );
    check(
        "according to the European External Action Service.",
        &[(
            "European External Action Service",
            "ORG",
            "European External Action Service",
        )],
    );
}

#[test]
fn headlines_and_connectors() {
    check("SOCCER - UNITED BEAT THE CHAMPIONS IN FINAL", &[]);
    check(
        "He studied at the University of Glasgow and the Bank of England.",
        &[
            ("University of Glasgow", "ORG", "University of Glasgow"),
            ("Bank of England", "ORG", "Bank of England"),
        ],
    );
    check(
        "Reuters reported that the U.N. agreed.",
        &[
            ("Reuters", "ORG", "Reuters"),
            ("U.N.", "ORG", "United Nations"),
        ],
    );
}

#[test]
fn places_and_groups() {
    check(
        "North Korea's troops and North Korea’s missiles",
        &[
            ("North Korea", "PLACE", "North Korea"),
            ("North Korea", "PLACE", "North Korea"),
        ],
    );
    check(
        "South Korean and Japanese officials met Ukrainian troops.",
        &[
            ("South Korean", "NORP", "South Korean"),
            ("Japanese", "NORP", "Japanese"),
            ("Ukrainian", "NORP", "Ukrainian"),
        ],
    );
    check(
        "the Russia-Ukraine conflict",
        &[
            ("Russia", "PLACE", "Russia"),
            ("Ukraine", "PLACE", "Ukraine"),
        ],
    );
    check(
        "the Indo-Pacific region",
        &[("Indo-Pacific", "PLACE", "Indo-Pacific")],
    );
    check(
        "the Joint Security Area in the Demilitarised Zone",
        &[
            ("Joint Security Area", "PLACE", "Joint Security Area"),
            ("Demilitarised Zone", "PLACE", "Demilitarised Zone"),
        ],
    );
    check(
        "He flew to Brussels and Seoul.",
        &[
            ("Brussels", "PLACE", "Brussels"),
            ("Seoul", "PLACE", "Seoul"),
        ],
    );
    check("Seoul, Nov 3 talks began.", &[("Seoul", "PLACE", "Seoul")]);
}

#[test]
fn ordinary_words_are_not_entities() {
    check(
        "During his visit, he spoke. Last week, it rained. Discussions are likely.",
        &[],
    );
    check("The President said the Foreign Minister would go.", &[]);
    check(
        "He posted on social media platform X on Sunday in November.",
        &[],
    );
    check("", &[]);
    check(
        "progress with the Digital, Green & Health Partnerships, he wrote.",
        &[],
    );
    check("the two Koreas", &[]);
}

#[test]
fn token_tags() {
    let tags = tag_tokens(&["Marco", "Rubio", "visited", "South", "Korea", "."]);
    assert_eq!(
        tags,
        vec![
            Some((EntityType::Person, true)),
            Some((EntityType::Person, false)),
            None,
            Some((EntityType::Place, true)),
            Some((EntityType::Place, false)),
            None,
        ]
    );
    assert!(tag_tokens(&[]).is_empty());
    // Odd tokens (empty, blank, clitics) keep their places.
    assert_eq!(tag_tokens(&["", "Seoul", " ", "’s", "\u{0}"]).len(), 5);
}
