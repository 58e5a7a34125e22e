//! Body language as an ISO 639-1 code, by the whatlang detector (trigram profiles, no I/O).

use crate::blocks::{trim_to_alphanumeric, ShortWords};

/// Detects the language of a text; `None` when the text is short or the guess unreliable.
pub(crate) fn detect(text: &str) -> Option<String> {
    // A news body's language shows in its first paragraphs; a longer sample costs more than
    // the rest of the extraction.
    let sample = text
        .char_indices()
        .nth(1500)
        .map_or(text, |(end, _)| &text[..end]);
    // Fewer than five words: no guess.
    sample.split_whitespace().nth(4)?;
    if is_plainly_english(sample) {
        return Some("en".to_owned());
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    let code = info.lang().code();
    Some(iso_639_1(code).unwrap_or(code).to_owned())
}

/// English function words that are not also common words of another language written in
/// Latin letters ("in", "is", "was", "on", "to", "for", "at" are Dutch, German, Danish,
/// Portuguese or Czech words too, so they are left out).
static ENGLISH_FUNCTION_WORDS: ShortWords<15> = ShortWords::new([
    "the", "of", "and", "that", "by", "with", "from", "this", "have", "are", "has", "said",
    "which", "were", "their",
]);

/// Whether a sample is so plainly English that the trigram detector (whose cost per call is
/// larger than the rest of a text page's extraction) can be skipped: at least 40 words, one in
/// sixteen of them (ignoring case and punctuation) an English-only function word. The first
/// 1 500 characters of English news bodies have 2–20 % of them, 99 % over 6.25 %; other
/// languages next to none.
fn is_plainly_english(sample: &str) -> bool {
    let (mut words, mut function) = (0usize, 0usize);
    for w in sample.split_whitespace() {
        words += 1;
        let w = trim_to_alphanumeric(w);
        function += usize::from(ENGLISH_FUNCTION_WORDS.contains(w.as_bytes()));
    }
    words >= 40 && function * 16 >= words
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

    #[test]
    fn english_fast_path_only_for_english() {
        let english = "The council said on Monday that the new bridge over the river will be \
            finished by the end of the year, and that the cost of the work has risen because \
            of the price of steel. It was the second delay in a year for the project, which \
            is the largest in the history of the town.";
        assert!(super::is_plainly_english(english));
        let french = "Le conseil a annoncé lundi que le nouveau pont sur la rivière sera \
            terminé avant la fin de l'année, et que le coût des travaux a augmenté à cause du \
            prix de l'acier. C'est le deuxième retard en un an pour ce projet, le plus grand \
            de l'histoire de la ville, selon le maire et ses adjoints.";
        assert!(!super::is_plainly_english(french));
        assert_eq!(super::detect(french).as_deref(), Some("fr"));
        let german = "Der Rat teilte am Montag mit, dass die neue Brücke über den Fluss bis \
            zum Ende des Jahres fertig sein wird und dass die Kosten der Arbeiten wegen des \
            Stahlpreises gestiegen sind. Es ist die zweite Verzögerung in einem Jahr für das \
            Projekt, das größte in der Geschichte der Stadt, sagte der Bürgermeister.";
        assert!(!super::is_plainly_english(german));
        // Dutch shares "in", "is" and "was" with English.
        let dutch = "Het plan is in januari in de raad besproken, maar de fractie was het er \
            niet mee eens. De wethouder zei dat de kosten in het nieuwe jaar hoger zijn dan \
            gedacht en dat het werk aan de brug in maart is begonnen. Wie betaalt het tekort, \
            vroeg een raadslid, en wat was de rol van de provincie in dit project?";
        assert!(!super::is_plainly_english(dutch));
        assert_eq!(super::detect(dutch).as_deref(), Some("nl"));
    }
}
