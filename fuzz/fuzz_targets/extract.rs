//! Fuzz target: arbitrary bytes through `extract::extract` and, when a page comes out, through
//! `nlp_lite::analyse` on its body. Any panic is a bug: broken input must become an
//! `ExtractError`, never a crash. Span invariants are checked too, so an out-of-range offset
//! also shows up as a crash.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = extract::Options::default();
    let Ok((_page, article)) = extract::extract(data, &options) else {
        return;
    };
    let annotations = nlp_lite::analyse(&article.body, article.anchor_date());
    let chars: Vec<char> = article.body.chars().collect();
    let span = |start: usize, end: usize| -> String {
        assert!(
            start <= end && end <= chars.len(),
            "span {start}..{end} out of range"
        );
        chars[start..end].iter().collect()
    };
    for entity in &annotations.entities {
        assert_eq!(span(entity.start, entity.end), entity.text, "entity span");
    }
    for timex in &annotations.timexes {
        assert_eq!(span(timex.start, timex.end), timex.text, "timex span");
    }
    for sentence in &annotations.sentences {
        span(sentence.start, sentence.end);
    }
});
