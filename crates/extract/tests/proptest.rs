//! Property tests: whatever bytes or text come in, `extract::extract` and `nlp_lite::analyse`
//! never panic, every entity, date and sentence span lies inside the body and reads back as its
//! text (`body.chars().skip(start).take(end - start)`), and the same input gives the same output.
//!
//! Inputs are random bytes, random HTML-ish markup (nested and broken tags, attributes, entities,
//! deep nesting, huge attribute values, BOMs and mixed encodings) and random Unicode text
//! (combining marks, right-to-left scripts, emoji, NUL). Case counts are bounded so the whole file
//! stays well under a minute in a debug build. The plain `#[test]`s at the end hold inputs that
//! once broke something, found by the fuzz target in `fuzz/`.

use extract::{Article, ExtractError, Options};
use nlp_lite::Annotations;
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Checks that every span of `annotations` is a valid character range of `text` that reads back
/// as the span's own text.
fn check_spans(text: &str, annotations: &Annotations) {
    let chars: Vec<char> = text.chars().collect();
    let slice = |start: usize, end: usize, what: &str| -> String {
        assert!(
            start <= end && end <= chars.len(),
            "{what} span {start}..{end} outside a body of {} chars",
            chars.len()
        );
        text.chars().skip(start).take(end - start).collect()
    };
    for entity in &annotations.entities {
        let got = slice(entity.start, entity.end, "entity");
        assert_eq!(got, entity.text, "entity {entity:?} does not read back");
    }
    for timex in &annotations.timexes {
        let got = slice(timex.start, timex.end, "timex");
        assert_eq!(got, timex.text, "timex {timex:?} does not read back");
    }
    for sentence in &annotations.sentences {
        slice(sentence.start, sentence.end, "sentence");
    }
}

/// Analyses `text` twice (with and without an anchor) and checks spans and determinism.
fn check_text(text: &str, anchor: Option<jiff::civil::Date>) -> Annotations {
    let first = nlp_lite::analyse(text, anchor);
    check_spans(text, &first);
    let second = nlp_lite::analyse(text, anchor);
    assert_eq!(first, second, "analyse is deterministic");
    first
}

/// What one extraction produced, in a comparable form.
type Outcome = Result<(String, &'static str, Article), ExtractError>;

fn extract_once(bytes: &[u8]) -> Outcome {
    extract::extract(bytes, &Options::default())
        .map(|(page, article)| (page.text, page.encoding, article))
}

/// The whole pipeline on `bytes`: extraction is deterministic, and the body it yields analyses
/// with valid spans.
fn check_bytes(bytes: &[u8]) {
    let first = extract_once(bytes);
    let second = extract_once(bytes);
    assert_eq!(first, second, "extract is deterministic");
    if let Ok((_, _, article)) = first {
        assert!(!article.body.trim().is_empty(), "an Ok article has a body");
        check_text(&article.body, article.anchor_date());
    }
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        // Shrinking a failure can take long; the failing input is printed either way.
        max_shrink_iters: 2_000,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Strategies.

/// Characters that stress offsets: ASCII, Latin-1, combining marks, Hebrew and Arabic (RTL),
/// bidi controls, CJK, emoji (astral plane), zero-width joiners, NUL and other controls.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => proptest::char::range(' ', '~'),
        1 => proptest::char::range('\u{a0}', '\u{ff}'),
        1 => proptest::char::range('\u{300}', '\u{36f}'),
        1 => proptest::char::range('\u{590}', '\u{5ff}'),
        1 => proptest::char::range('\u{600}', '\u{6ff}'),
        1 => prop::sample::select(vec!['\u{200e}', '\u{200f}', '\u{202e}', '\u{2066}', '\u{200d}', '\u{feff}', '\u{fffd}']),
        1 => proptest::char::range('\u{4e00}', '\u{4fff}'),
        1 => proptest::char::range('\u{1f300}', '\u{1f6ff}'),
        1 => prop::sample::select(vec!['\0', '\n', '\n', '\r', '\t', '\u{b}', '\u{c}', '\u{85}', '\u{2028}']),
    ]
}

/// Words that wake up the byline, dateline, entity and date rules.
fn newsy_word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "By",
        "Reuters",
        "IANS",
        "AP",
        "Josep",
        "Borrell",
        "European",
        "Union",
        "EU",
        "Seoul",
        "New",
        "York",
        "Mr.",
        "Dr.",
        "U.S.",
        "last",
        "week",
        "next",
        "Monday",
        "Nov",
        "3,",
        "2024",
        "November",
        "15:05",
        "IST",
        "GMT",
        "ago",
        "two",
        "years",
        "every",
        "day",
        "Published:",
        "Updated:",
        "|",
        "—",
        "said",
        "the",
        "council",
        "in",
        "on",
        "of",
        "and",
        "Related",
        "Stories",
        "Disclaimer:",
        "Open",
        "App",
        "(Yonhap)",
        "--",
        ".",
        ",",
        "\"",
        "Q3",
        "1990s",
        "B.C.",
        "mid-2025",
        "tomorrow",
        "yesterday",
        "1st",
        "31/12/2024",
        "2024-11-03T15:05:00+05:30",
        "Café",
        "Ünïcödé",
        "İstanbul",
        "ΣΊΣΥΦΟΣ",
        "ﬁ",
    ])
    .prop_map(str::to_owned)
}

/// Plain text mixing news words with tricky characters, in lines and paragraphs.
fn unicode_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => newsy_word().prop_map(|w| format!("{w} ")),
        3 => prop::collection::vec(tricky_char(), 1..12).prop_map(|cs| cs.into_iter().collect()),
        1 => Just("\n\n".to_owned()),
        1 => Just("\n".to_owned()),
    ];
    prop::collection::vec(piece, 0..200).prop_map(|ps| ps.concat())
}

const TAGS: &[&str] = &[
    "div",
    "p",
    "span",
    "a",
    "article",
    "main",
    "section",
    "nav",
    "aside",
    "header",
    "footer",
    "h1",
    "h2",
    "time",
    "figure",
    "figcaption",
    "ul",
    "li",
    "table",
    "td",
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "br",
    "img",
    "meta",
    "title",
    "head",
    "body",
    "html",
    "select",
    "option",
    "textarea",
    "pre",
    "b",
    "i",
    "font",
];

const ATTRS: &[&str] = &[
    "class",
    "id",
    "hidden",
    "style",
    "href",
    "datetime",
    "content",
    "property",
    "name",
    "itemprop",
    "rel",
    "charset",
    "lang",
    "aria-hidden",
    "type",
];

fn attr_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "article-body", "content", "related", "comments", "byline", "author", "share",
            "display:none", "hidden", "application/ld+json", "article:published_time",
            "2024-11-03T15:05:00+05:30", "canonical", "https://example.com/2024/11/03/story",
            "windows-1252", "utf-8", "x-user-defined", "utf-16", "en", "ko",
        ]).prop_map(str::to_owned),
        2 => prop::collection::vec(tricky_char(), 0..20).prop_map(|cs| cs.into_iter().collect()),
        // Huge attribute values (up to 100 kB).
        1 => (prop::sample::select(vec!["a", "x\"y", "&amp;", "é", "<"]), 1usize..20_000)
            .prop_map(|(s, n)| s.repeat(n)),
    ]
}

fn attribute() -> impl Strategy<Value = String> {
    (prop::sample::select(ATTRS), attr_value(), 0..4u8).prop_map(|(name, value, quote)| match quote
    {
        0 => format!(" {name}=\"{}\"", value.replace('"', "&quot;")),
        1 => format!(" {name}='{value}'"),
        2 => format!(" {name}={}", value.replace(char::is_whitespace, "")),
        _ => format!(" {name}"),
    })
}

/// Text with HTML entities (valid, numeric, out of range and broken).
fn html_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => newsy_word().prop_map(|w| format!("{w} ")),
        2 => prop::collection::vec(tricky_char(), 1..8).prop_map(|cs| cs.into_iter().collect()),
        1 => prop::sample::select(vec![
            "&amp;", "&lt;", "&gt;", "&nbsp;", "&quot;", "&#39;", "&#x1F600;", "&#0;", "&#xD800;",
            "&#1114112;", "&#99999999999;", "&notanentity;", "&", "&#", "&#x;", "&amp", "&eacute",
        ]).prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|ps| ps.concat())
}

/// Broken and odd markup: unclosed comments, stray closers, CDATA, doctype, processing
/// instructions, JSON-LD fragments.
fn broken_markup() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "<", ">", "</", "<div", "<p class=", "</p>", "</div></div></div>", "<!--", "-->",
        "<!-- unterminated", "<![CDATA[x]]>", "<!DOCTYPE html>", "<?xml version=\"1.0\"?>",
        "<br/>", "<img src=x onerror=y>", "</body>", "</html>", "<html>", "<body>",
        "<script>if (a < b) { x = '</div>'; }</script>",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-11-03T15:05:00+05:30\",\"author\":[{\"name\":\"Clara Jensen\"},null,3]}</script>",
        "<script type=\"application/ld+json\">{\"headline\": [[[[[[[[",
        "<meta charset=\"windows-1252\">", "<meta charset=utf-16>", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=shift_jis\">",
        "<meta property=\"article:published_time\" content=\"not a date\">",
        "<time datetime=\"9999-99-99\">", "<title>", "</title>", "<textarea>", "<plaintext>",
        "<table><tr><td>", "<select><option>", "<svg><foreignObject><p>", "<math><mi>",
        "<template><p>", "<noscript><p>", "\u{0}", "<a href=\"javascript:void(0)\">",
    ])
    .prop_map(str::to_owned)
}

/// Random HTML-ish markup: a tree of elements with attributes and text, with broken pieces
/// mixed in.
fn html_tree() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        3 => html_text(),
        1 => broken_markup(),
    ];
    leaf.prop_recursive(6, 200, 8, |inner| {
        (
            prop::sample::select(TAGS),
            prop::collection::vec(attribute(), 0..3),
            prop::collection::vec(inner, 0..8),
            0..6u8,
        )
            .prop_map(|(tag, attrs, children, close)| {
                let body = children.concat();
                let attrs = attrs.concat();
                match close {
                    // Unclosed, or closed with the wrong tag.
                    0 => format!("<{tag}{attrs}>{body}"),
                    1 => format!("<{tag}{attrs}>{body}</span>"),
                    _ => format!("<{tag}{attrs}>{body}</{tag}>"),
                }
            })
    })
}

/// Deep nesting: up to a few thousand levels, closed or not, around some prose.
fn deep_html() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["div", "span", "p", "b", "table", "li", "a"]),
        1usize..3_000,
        any::<bool>(),
        html_text(),
    )
        .prop_map(|(tag, depth, close, text)| {
            let open = format!("<{tag}>").repeat(depth);
            let end = if close {
                format!("</{tag}>").repeat(depth)
            } else {
                String::new()
            };
            format!(
                "<html><body><p>The council published its report on Monday, setting out plans for new \
                 cycle lanes.</p>{open}{text} The report proposes new trees along the main road.{end}</body></html>"
            )
        })
}

/// How the rendered text is turned into bytes: plain UTF-8, with a BOM (right or wrong), or with
/// Latin-1 and invalid bytes mixed in.
fn encode(text: String, how: u8, noise: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::new();
    match how {
        0 => out.extend_from_slice(text.as_bytes()),
        1 => {
            out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
            out.extend_from_slice(text.as_bytes());
        }
        2 => {
            // A UTF-16LE BOM followed by bytes that may or may not be UTF-16.
            out.extend_from_slice(&[0xFF, 0xFE]);
            if noise.len() & 1 == 0 {
                for unit in text.encode_utf16() {
                    out.extend_from_slice(&unit.to_le_bytes());
                }
            } else {
                out.extend_from_slice(text.as_bytes());
            }
        }
        3 => {
            out.extend_from_slice(&[0xFE, 0xFF]);
            for unit in text.encode_utf16() {
                out.extend_from_slice(&unit.to_be_bytes());
            }
        }
        4 => {
            // A windows-1252 declaration over UTF-8 bytes with stray high bytes spliced in.
            out.extend_from_slice(b"<meta charset=\"windows-1252\">");
            let bytes = text.as_bytes();
            let step = (bytes.len() / (noise.len() + 1)).max(1);
            let mut noise = noise.iter();
            for (i, b) in bytes.iter().enumerate() {
                out.push(*b);
                if i % step == step - 1 {
                    if let Some(n) = noise.next() {
                        out.push(*n);
                    }
                }
            }
        }
        _ => {
            out.extend_from_slice(text.as_bytes());
            out.extend_from_slice(&noise);
        }
    }
    out
}

/// Rendered text as bytes. Half of the cases drop NUL and other control characters first: one
/// NUL makes a page binary, and the other half should get past that test into extraction.
fn encoded(text: impl Strategy<Value = String>) -> impl Strategy<Value = Vec<u8>> {
    (
        text,
        0..6u8,
        prop::collection::vec(0x80u8..=0xFF, 0..16),
        any::<bool>(),
    )
        .prop_map(|(mut text, how, noise, keep_controls)| {
            if !keep_controls {
                text.retain(|c| !c.is_control() || matches!(c, '\n' | '\t' | '\r'));
            }
            encode(text, how, noise)
        })
}

// ---------------------------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check_bytes(&bytes);
    }

    #[test]
    fn random_text_bytes_never_panic(
        bytes in prop::collection::vec(prop_oneof![8 => 0x20u8..0x7F, 1 => Just(b'\n'), 1 => 0x80u8..=0xFF], 0..4096)
    ) {
        check_bytes(&bytes);
    }

    #[test]
    fn html_ish_pages_never_panic(bytes in encoded(html_tree())) {
        check_bytes(&bytes);
    }

    #[test]
    fn unicode_text_pages_never_panic(bytes in encoded(unicode_text())) {
        check_bytes(&bytes);
    }

    #[test]
    fn analyse_keeps_spans_on_unicode_text(text in unicode_text(), anchored in any::<bool>()) {
        let anchor = anchored.then(|| jiff::civil::date(2024, 11, 3));
        check_text(&text, anchor);
    }
}

proptest! {
    #![proptest_config(config(40))]

    #[test]
    fn deeply_nested_html_never_panics(bytes in encoded(deep_html())) {
        check_bytes(&bytes);
    }
}

/// Pages that sit exactly on the nesting limit, and just over it, are handled without a crash and
/// the one over the limit is refused with its reason.
#[test]
fn nesting_at_the_limit_is_accepted_and_over_it_refused() {
    let limit = extract::Limits::default().max_depth;
    let page = |depth: usize| {
        format!(
            "<html><body>{}<p>The council published its report on Monday, setting out plans for \
             new cycle lanes and a library in the town centre.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        )
    };
    check_bytes(page(limit - 10).as_bytes());
    let err =
        extract::extract(page(limit + 10).as_bytes(), &Options::default()).expect_err("too deep");
    assert!(matches!(err, ExtractError::TooDeep { .. }), "{err}");
}

/// A few hand-picked inputs that combine the hard cases at once.
#[test]
fn hand_picked_inputs_keep_their_spans() {
    let cases: Vec<Vec<u8>> = vec![
        b"\xEF\xBB\xBF<p>By Clara Jensen | Updated: November 3, 2024 15:05 IST</p><p>Seoul, Nov 3 (Yonhap) -- Josep Borrell said last week that the EU would meet next Monday.</p>".to_vec(),
        "Caf\u{e9}\u{301} \u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{1f600}\u{200d}\u{1f600} Josep Borrell met officials in Seoul on Nov 3, 2024 and again last week.\n\nThe European Union said it would respond next Monday.".as_bytes().to_vec(),
        "Josep\u{0}Borrell said\u{300}\u{301}\u{302} yesterday\u{202e} that Seoul\u{fe0f} would host talks on 3 November 2024.\n\nThe EU agreed.".as_bytes().to_vec(),
        // Found by the fuzzer: a lower-case zone letter after an ISO time panicked the date tagger.
        b"The council met.\n\nThe page was changed at 2025-06-18T12:05z:00+02:00 and again later that week.".to_vec(),
    ];
    for case in cases {
        check_bytes(&case);
        if let Ok(text) = std::str::from_utf8(&case) {
            check_text(text, Some(jiff::civil::date(2024, 11, 3)));
        }
    }
}
