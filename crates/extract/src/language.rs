//! Body language as an ISO 639-1 code, by the whatlang detector (trigram profiles, no I/O).

/// Detects the language of a text; `None` when the text is short or the guess unreliable.
pub(crate) fn detect(text: &str) -> Option<String> {
    let sample: String = text.chars().take(4000).collect();
    if sample.split_whitespace().count() < 5 {
        return None;
    }
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    let code = info.lang().code();
    Some(iso_639_1(code).unwrap_or(code).to_owned())
}

/// Maps whatlang's ISO 639-3 codes to the two-letter codes pages declare.
fn iso_639_1(code: &str) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("eng", "en"),
        ("fra", "fr"),
        ("deu", "de"),
        ("spa", "es"),
        ("por", "pt"),
        ("ita", "it"),
        ("nld", "nl"),
        ("rus", "ru"),
        ("ukr", "uk"),
        ("pol", "pl"),
        ("ces", "cs"),
        ("slk", "sk"),
        ("swe", "sv"),
        ("dan", "da"),
        ("nob", "nb"),
        ("fin", "fi"),
        ("hun", "hu"),
        ("ron", "ro"),
        ("bul", "bg"),
        ("hrv", "hr"),
        ("srp", "sr"),
        ("slv", "sl"),
        ("ell", "el"),
        ("tur", "tr"),
        ("ara", "ar"),
        ("heb", "he"),
        ("pes", "fa"),
        ("urd", "ur"),
        ("hin", "hi"),
        ("ben", "bn"),
        ("mar", "mr"),
        ("tam", "ta"),
        ("tel", "te"),
        ("guj", "gu"),
        ("kan", "kn"),
        ("mal", "ml"),
        ("pan", "pa"),
        ("cmn", "zh"),
        ("jpn", "ja"),
        ("kor", "ko"),
        ("vie", "vi"),
        ("tha", "th"),
        ("ind", "id"),
        ("zsm", "ms"),
        ("tgl", "tl"),
        ("swh", "sw"),
        ("afr", "af"),
        ("cat", "ca"),
        ("lit", "lt"),
        ("lav", "lv"),
        ("est", "et"),
        ("bel", "be"),
        ("kat", "ka"),
        ("hye", "hy"),
        ("aze", "az"),
        ("kaz", "kk"),
        ("uzb", "uz"),
        ("nep", "ne"),
        ("sin", "si"),
        ("khm", "km"),
        ("mya", "my"),
        ("amh", "am"),
        ("yor", "yo"),
        ("epo", "eo"),
        ("lat", "la"),
        ("yid", "yi"),
    ];
    TABLE
        .iter()
        .find(|(three, _)| *three == code)
        .map(|(_, two)| *two)
}

#[cfg(test)]
mod tests {
    #[test]
    fn english_and_short() {
        assert_eq!(
            super::detect("The committee met on Tuesday to discuss the budget and the new school building plans.").as_deref(),
            Some("en")
        );
        assert_eq!(super::detect("Hello there"), None);
    }
}
