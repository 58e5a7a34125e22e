//! Recognising boilerplate blocks by what they say ("Open in App", "Related Stories",
//! "Leave a Reply", "Disclaimer: …"). Shared by the HTML and text paths.
//!
//! The phrases are generic web furniture, never the names of particular sites.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use regex::{Regex, RegexSet};

use crate::article::RemovedKind;

/// Whether a block detected by its text ends the article: a disclaimer, a comment form, a footer,
/// an author bio, or a heading over a list of other stories. Inline "Also read: …" links and
/// source credits under a chart do not: articles go on after them.
pub(crate) fn ends_article(kind: RemovedKind, text: &str) -> bool {
    match kind {
        RemovedKind::Related => {
            is_related_heading(text) && !is_more_link(text) && !is_picks_heading(text)
        }
        RemovedKind::Attribution => text.to_lowercase().starts_with("original source"),
        _ => is_barrier(kind),
    }
}

/// Whether blocks of this kind end the article and type what follows them.
pub(crate) fn is_barrier(kind: RemovedKind) -> bool {
    matches!(
        kind,
        RemovedKind::Disclaimer
            | RemovedKind::Attribution
            | RemovedKind::Related
            | RemovedKind::Comments
            | RemovedKind::Footer
            | RemovedKind::AuthorBio
    )
}

/// Phrases that make a short block boilerplate wherever they occur in it.
const SHORT_PHRASES: &[(&str, RemovedKind)] = &[
    ("open in app", RemovedKind::Promo),
    ("read in app", RemovedKind::Promo),
    ("download the app", RemovedKind::Promo),
    ("download our app", RemovedKind::Promo),
    ("get the app", RemovedKind::Promo),
    ("sign up for our newsletter", RemovedKind::Promo),
    ("subscribe to our newsletter", RemovedKind::Promo),
    ("sign up for the", RemovedKind::Promo),
    ("subscribe now", RemovedKind::Promo),
    ("subscribe to", RemovedKind::Promo),
    ("follow us on", RemovedKind::Promo),
    ("join our whatsapp", RemovedKind::Promo),
    ("join our telegram", RemovedKind::Promo),
    ("click here to", RemovedKind::Promo),
    ("already a subscriber", RemovedKind::Promo),
    ("thanks for subscribing", RemovedKind::Promo),
    ("thank you for subscribing", RemovedKind::Promo),
    ("thanks for signing up", RemovedKind::Promo),
    ("log in to continue", RemovedKind::Promo),
    ("share this article", RemovedKind::Share),
    ("share this story", RemovedKind::Share),
    ("share on facebook", RemovedKind::Share),
    ("share on twitter", RemovedKind::Share),
    ("share via", RemovedKind::Share),
    ("copy link", RemovedKind::Share),
    ("leave a reply", RemovedKind::Comments),
    ("leave a comment", RemovedKind::Comments),
    ("post a comment", RemovedKind::Comments),
    ("add a comment", RemovedKind::Comments),
    ("join the conversation", RemovedKind::Comments),
    (
        "your email address will not be published",
        RemovedKind::Comments,
    ),
    ("required fields are marked", RemovedKind::Comments),
    ("all rights reserved", RemovedKind::Footer),
    ("privacy policy", RemovedKind::Footer),
    ("terms of use", RemovedKind::Footer),
    ("terms of service", RemovedKind::Footer),
    ("terms and conditions", RemovedKind::Footer),
    ("cookie policy", RemovedKind::Footer),
    ("we use cookies", RemovedKind::Other),
    ("accept cookies", RemovedKind::Other),
    ("accept all cookies", RemovedKind::Other),
    ("cookie settings", RemovedKind::Other),
];

/// [`SHORT_PHRASES`] as one regex, ASCII case-insensitive. Longer phrases come first, so that
/// at the leftmost position where any matches the regex takes the longest one (as a
/// leftmost-longest search does); its lazy DFA scans a block faster than an automaton that
/// has no prefilter for so many case-insensitive phrases.
static SHORT_MATCHER: LazyLock<Regex> = LazyLock::new(|| {
    let mut phrases: Vec<&str> = SHORT_PHRASES.iter().map(|(p, _)| *p).collect();
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let alternation: Vec<String> = phrases.iter().map(|p| regex::escape(p)).collect();
    Regex::new(&format!("(?i-u:{})", alternation.join("|"))).expect("static phrase list")
});

/// Block openings that mark a kind whatever the block's length, as one set (one pass per block).
static OPENINGS: LazyLock<(RegexSet, Vec<RemovedKind>)> = LazyLock::new(|| {
    let openings = [
        (r"(?i)^\s*disclaimer(?-u:\b)", RemovedKind::Disclaimer),
        (
            r"(?i)^\s*\(?(this (post|story|article|report) (has been|was|is) (auto-?published|generated|published) from|except for the headline, this story|views expressed (here|in this article))",
            RemovedKind::Disclaimer,
        ),
        // "This material is not intended to replace the advice of…", "The information on this
        // website is for general informational purposes only": the subject is the page itself.
        (
            r"(?i)^\s*\(?(the|this)\s+([\w-]+\s+){0,3}?(material|information|content|contents|article|post|blog|page|website|site|podcast|video|publication|communication|newsletter|guide)(?-u:\b)[^.]{0,60}?(?-u:\b)(is|are)\s+(not\s+intended\s+(to|as|for)|(provided|intended|offered|shared)\s+((solely|only|strictly)\s+)?(for|as)\s+(general\s+)?(informational|information|educational)|((solely|only|strictly)\s+)?for\s+(general\s+)?(informational|information|educational)(\s+and\s+(informational|educational))?\s+purposes|not\s+(a\s+substitute|medical|legal|financial|investment|tax|professional)(?-u:\b))",
            RemovedKind::Disclaimer,
        ),
        (r"(?i)^\s*(original source|source|sources|courtesy)\s*:", RemovedKind::Attribution),
        (r"(?i)^\s*\(?with inputs from(?-u:\b)", RemovedKind::Attribution),
        // "By signing up, you agree to our Terms…": the consent line of a sign-up form, which
        // sits inside articles as often as in footers (a reader is its subject: "By signing
        // the deal, both sides agreed…" is news).
        (
            r"(?i)^\s*by\s+(clicking|using|submitting|signing|subscribing|continuing|entering|registering|providing|creating|tapping|checking|pressing|joining|completing|proceeding)(?-u:\b)[^.]{0,160}(?-u:\b)(you|i)(\s+hereby)?(\s+are|'re|’re)?\s+(agree|agreeing|consent|consenting|accept|accepting|acknowledge|authori[sz]e|confirm)(?-u:\b)",
            RemovedKind::Promo,
        ),
        (r"(?i)^\s*(©|\(c\))", RemovedKind::Footer),
        // "Copyright © 2025 …", "Copyright 2017-2025", "Copyright Policy", but not a heading about
        // copyright ("Copyright Office Weighs In on AI Training").
        (
            r"(?i)^\s*copyright(?-u:\b)\s*($|[©@:,|&]|\(c\)|\d|(policy|notice|guidelines|agent|infringement|and|information|menu|statement)(?-u:\b)|.{0,60}(?-u:\b)(19|20)\d\d(?-u:\b))",
            RemovedKind::Footer,
        ),
        (r"(?i)^\s*advertisement\s*$", RemovedKind::Advert),
        (r"(?i)^\s*(sponsored|promoted)( content| stories| links)?\s*$", RemovedKind::Advert),
        (r"(?i)^\s*\d+\s+comments?\s*$", RemovedKind::Comments),
        (r"(?i)^\s*(comments?|responses?)\s*(\(\d+\))?\s*$", RemovedKind::Comments),
        (r"(?i)^\s*(about the author|about the writer)(?-u:\b)", RemovedKind::AuthorBio),
        (r"(?i)^\s*[\[(]?\s*(also read|read also|read more|see also|must read|don't miss|recommended|related)\s*[:|-]", RemovedKind::Related),
        (r"(?i)^\s*(next|previous|prev)\s+(story|article|post)\s*:", RemovedKind::Related),
        (r"(?i)^\s*(share|share this|share article|tweet|email|print|whatsapp|facebook|twitter|linkedin|telegram|reddit|x)(\s*[|/·•,]?\s*(share|tweet|email|print|whatsapp|facebook|twitter|linkedin|telegram|reddit|pinterest|x|copy link))*\s*$", RemovedKind::Share),
        (r"(?i)^\s*(tags|topics|filed under|filed in|posted in|category|categories)\s*:", RemovedKind::Navigation),
        (r"(?i)^\s*(share( this( article| story| post| page)?)?|like this|spread the word)\s*:\s*$", RemovedKind::Share),
        (r"(?i)^\s*like\s+loading", RemovedKind::Share),
        (r"(?i)^\s*\d+\s+(comments?|responses?|replies|thoughts)\s+(on|to)(?-u:\b)", RemovedKind::Comments),
    ]
    .into_iter()
    .unzip::<&str, RemovedKind, Vec<&str>, Vec<RemovedKind>>();
    let (patterns, kinds) = openings;
    (RegexSet::new(patterns).expect("static regexes"), kinds)
});

/// Openings that mark a short block whatever follows them, each with the most words such a
/// block has: picture credits ("Photo: …", "Image courtesy of …", "Credit: …"), shop buttons
/// ("Check Price", "Buy now at …", "+ More Info"), the placeholders of embedded posts, and
/// the labels of form fields.
/// Longer blocks that open so are sentences ("Shop owners say …").
const SHORT_OPENINGS: &[(&str, RemovedKind, usize)] = &[
    (
        r"(?i)^\s*\(?(photo|image|picture|pic|illustration|(header|featured|cover|top|main) image)s?\s*(credits?|courtesy|source|by)?\s*:",
        RemovedKind::Caption,
        15,
    ),
    (
        r"(?i)^\s*\(?(photo|image|picture|illustration|graphic)s?\s+(by|courtesy(\s+of)?|via|from|credits?)\s",
        RemovedKind::Caption,
        15,
    ),
    (
        r"(?i)^\s*(photo\s+|image\s+)?credits?\s*:\s*\S",
        RemovedKind::Caption,
        15,
    ),
    (
        r"(?i)^\W*(check|see|view|compare|get|find)\s+(the\s+)?((latest|current|best|lowest|today'?s|today’s)\s+)?(prices?|deals?|availability|offers?)(\s+(at|on|from|here|now|today)(\s+\S+){0,2})?\W*$",
        RemovedKind::Advert,
        8,
    ),
    (
        r"(?i)^\W*(check|see|view|get)\s+(the\s+)?((latest|current|best|lowest)\s+)?(price|deal)((\s+(at|on|from)\s|\s*[-–|:]\s).*)?$",
        RemovedKind::Advert,
        8,
    ),
    (
        r"(?i)^\W*(buy|shop|order|book)\s+(it\s+|one\s+)?(now|today|here)\W*((at|on|from)\s.*)?$",
        RemovedKind::Advert,
        8,
    ),
    (
        r"(?i)^\W*(buy|shop|order)\s+(it\s+)?(on|at|from)\s",
        RemovedKind::Advert,
        8,
    ),
    (
        r"(?i)^\W*(check|see|buy)\s+((it\s+)?(on|at)\s+)?amazon(?-u:\b)",
        RemovedKind::Advert,
        8,
    ),
    (r"(?i)^\W*read\s+full\s+review\W*$", RemovedKind::Advert, 8),
    // Call-to-action buttons: "Learn more", "Get started", "Contact us", "Visit website",
    // "Best prices today:", "Jump to review", "Learn More Apply Today"; in the dev dumps 1 080
    // such lines, none in a true body.
    (
        r"(?i)^\W*(?:(?:learn\s+more|get\s+started|apply\s+(?:now|today)|contact\s+us|sign\s+up|join\s+now|request\s+(?:a\s+)?(?:demo|quote|info)|visit\s+(?:the\s+)?(?:web)?site|best\s+prices?\s+today|jump\s+to\s+(?:the\s+)?(?:full\s+)?review)\W*)+$",
        RemovedKind::Promo,
        8,
    ),
    (
        r"(?i)^\W*get\s+(?:a|an|your)\s+(?:free\s+)?(?:quote|demo|estimate)(?-u:\b)",
        RemovedKind::Promo,
        8,
    ),
    // "$1,599.00 from Example Store", "$10 $8 at Example Shop": a price button.
    (
        r"(?i)^\W*[$£€]\s?\d[\d,.]*(\s+[$£€]\s?\d[\d,.]*)?\s+(at|from|@)\s+\S",
        RemovedKind::Advert,
        8,
    ),
    (
        r"(?i)^\W*price\s+comparison\s+from(?-u:\b)",
        RemovedKind::Advert,
        8,
    ),
    (r"(?i)^\W*(\+\s*)?more\s+info\W*$", RemovedKind::Other, 8),
    (r"(?i)^\W*(back|return)\s+to\s", RemovedKind::Navigation, 6),
    // The labels of a form's fields: "Name*", "Email Address", "Website".
    (
        r"(?i)^\W*(your\s+)?(name|email|e-mail|email\s+address|website|comment|message)\s*\*?\s*(\((required|optional)\))?\s*\*?$",
        RemovedKind::Other,
        3,
    ),
    (
        r"(?i)^\W*(view|see|show)\s+(all|more)(\s+\S+){0,2}\W*$",
        RemovedKind::Navigation,
        6,
    ),
    (
        r"(?i)^\W*(previous|prev|next)(\s*[|/·•]?\s*(previous|prev|next))*\W*$",
        RemovedKind::Navigation,
        6,
    ),
    (
        r"(?i)^\s*(view\s+(this\s+)?post\s+on|a\s+post\s+shared\s+by)\s",
        RemovedKind::Other,
        8,
    ),
];

/// The most words of any block [`SHORT_OPENINGS`] can mark.
const SHORT_OPENING_WORDS: usize = most_words(SHORT_OPENINGS);

/// The largest word bound in a table of openings.
const fn most_words(openings: &[(&str, RemovedKind, usize)]) -> usize {
    let mut most = 0;
    let mut i = 0;
    while i < openings.len() {
        if openings[i].2 > most {
            most = openings[i].2;
        }
        i += 1;
    }
    most
}

/// [`SHORT_OPENINGS`] as one set.
static SHORT_OPENING_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(SHORT_OPENINGS.iter().map(|(p, _, _)| *p)).expect("static regexes")
});

/// A heading that opens a list of other headlines: "Related Stories", "International Realted
/// Stories", "More from Sport", "Trending now", "You may also like".
static RELATED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:[\w&-]+\s+){0,2}
          (?:related|realted|relatd|more|top|latest|trending|recommended|popular|most\s+read|most\s+viewed|read\s+(?:this\s+)?next|up\s+next|editor'?s?\s+picks?|also\s+read|read\s+more|must\s+read|further\s+reading|you\s+may\s+(?:also\s+)?like|you\s+might\s+(?:also\s+)?like|recent|other)
          (?:\s+[\w&-]+){0,3}?
          \s*(?:stories|story|news|articles|posts|reads|headlines|videos|now|for\s+you|like|(?:from|on)\s+[\w&-]+(?:\s+[\w&-]+){0,3})?\s*:?\s*$",
    )
    .expect("static regex")
});

/// The kind of boilerplate a block is, judged from its text alone; `words` is the text's word
/// count (as `split_whitespace` counts them).
pub(crate) fn detect(text: &str, words: usize) -> Option<RemovedKind> {
    let (set, kinds) = &*OPENINGS;
    // Fast path: `is_match` stops at the first match and allocates nothing; most blocks have
    // no boilerplate opening, and only the others need to know which pattern matched.
    if set.is_match(text) {
        if let Some(first) = set.matches(text).iter().next() {
            let kind = kinds.get(first).copied();
            if kind == Some(RemovedKind::Footer) && is_picture_credit(text, words) {
                return Some(RemovedKind::Caption);
            }
            return kind;
        }
    }
    if words <= CAPTION_WORDS && ends_with_picture_credit(text) {
        return Some(RemovedKind::Caption);
    }
    if words <= REFERENCE_WORDS && is_reference(text) {
        return Some(RemovedKind::Other);
    }
    if words <= COOKIE_NOTICE_WORDS && text.contains("ookie") && is_cookie_notice(text) {
        return Some(RemovedKind::Other);
    }
    if words <= SHORT_OPENING_WORDS {
        let set = &*SHORT_OPENING_SET;
        if set.is_match(text) {
            let found = set.matches(text).iter().find_map(|i| {
                let &(_, kind, most) = SHORT_OPENINGS.get(i)?;
                (words <= most).then_some(kind)
            });
            if found.is_some() {
                return found;
            }
        }
    }
    if words <= 7 && is_related_heading(text) {
        return Some(RemovedKind::Related);
    }
    if words <= 25 {
        if let Some(m) = SHORT_MATCHER.find(text) {
            return SHORT_PHRASES
                .iter()
                .find(|(p, _)| p.eq_ignore_ascii_case(m.as_str()))
                .map(|(_, kind)| *kind);
        }
    }
    None
}

/// "Read more", "Continue reading": the link under a teaser, or under a section of a
/// listicle, rather than a heading over other stories.
fn is_more_link(text: &str) -> bool {
    static MORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(read\s+more|continue\s+reading|keep\s+reading)[^\w:]*$")
            .expect("static regex")
    });
    MORE.is_match(text)
}

/// Most words of a © line that credits a picture.
const CREDIT_WORDS: usize = 16;

/// "© Example Stock / Jane Roe", "© Example Co. — used by permission": a © line that credits a
/// picture or a chart, which the article goes on after. A page's copyright line names no
/// picture and mostly a year.
fn is_picture_credit(text: &str, words: usize) -> bool {
    static PICTURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(photo|image|picture|stock|getty|dreamstime|shutterstock|istock|used\s+by\s+permission)(?-u:\b)")
            .expect("static regex")
    });
    let opens = text.trim_start();
    (opens.starts_with('©')
        || opens
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case("(c)")))
        && words <= CREDIT_WORDS
        && !text.bytes().any(|b| b.is_ascii_digit())
        && PICTURE.is_match(text)
}

/// Most words of a caption that ends with its picture's credit.
const CAPTION_WORDS: usize = 80;

/// Bytes at the end of a block searched for a picture credit: the credit and the end of the
/// sentence before it. This bounds the credit's length, so the regex needs no counted
/// repetition (which would make its automaton large and slow to build).
const CREDIT_TAIL: usize = 96;

/// "A ranger checks the gauge at dawn. Photo: Jane Roe/Example Agency", "… on the pier (Image
/// credit: Example Stock)": a picture's caption, which ends with its credit. Article sentences
/// do not end with a "Photo:" label; in the dev dumps 145 lines end so outside the true
/// bodies and 1 inside.
fn ends_with_picture_credit(text: &str) -> bool {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)(?:[.!?”"]\s+(?:photo|photograph|image|picture|illustration|credit)s?(?:\s+credit)?\s*:\s*\S[^:]*|\(\s*(?:photo|photograph|image|picture)s?(?:\s+(?:credit|courtesy|by)\s*:?|\s*:)\s*[^()]+\))\s*$"#)
            .expect("static regex")
    });
    let mut from = text.len().saturating_sub(CREDIT_TAIL);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let tail = text.get(from..).unwrap_or_default();
    (tail.contains(':') || tail.trim_end().ends_with(')')) && CREDIT.is_match(tail)
}

/// Most words of an entry in a list of references.
const REFERENCE_WORDS: usize = 80;

/// "Roe J, et al. (2021). A look at winter cycling.", "Doe, J., & Poe, K. (2015). Title.": an
/// entry of the references under an article, which extraction benchmarks leave out of the body
/// (in the dev dumps 19 such lines outside the true bodies, 1 inside).
fn is_reference(text: &str) -> bool {
    static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[A-Z][\w'’-]+,?\s+(?:[A-Z]{1,3}|[A-Z]\.(?:\s?[A-Z]\.)*)(?:,|\s+(?i:et\s+al)|\s+and\s|\s*&).*?\((?:19|20)\d\d[a-z]?\)\.")
            .expect("static regex")
    });
    // A year in brackets first: one memchr pass, where two substring searches cost more than
    // the rest of `detect` on most blocks.
    let bytes = text.as_bytes();
    text.starts_with(|c: char| c.is_ascii_uppercase())
        && text
            .match_indices('(')
            .any(|(at, _)| matches!(bytes.get(at + 1), Some(b'1' | b'2')))
        && REFERENCE.is_match(text)
}

/// Most words of a cookie notice ("X and third parties use cookies to … Select Accept to
/// consent …"); the short ones are caught by their phrases already.
const COOKIE_NOTICE_WORDS: usize = 150;

/// Whether a block is a cookie-consent notice: it names cookies and consent, settings or the
/// site, and either speaks for the site ("we", "our", "this website", "by continuing") or
/// describes a category of cookies ("Performance cookies are used to…"). An article about
/// cookies, or one that mentions them, does neither.
fn is_cookie_notice(text: &str) -> bool {
    static COOKIES: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)cookies(?-u:\b)").expect("static regex"));
    static CUE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(consent|accept|reject|decline|preferences|settings|privacy|browsing|analytics|personali[sz]e|third[- ]part|non-essential|opt[- ]out|site|website)").expect("static regex")
    });
    static VOICE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(we|we're|our|us|this\s+(web)?site|by\s+(continuing|clicking|using|browsing)|you\s+(can\s+)?(accept|agree|consent|choose|reject|manage|decline))(?-u:\b)|^\W*(strictly\s+)?(necessary|functional|performance|analytics?|analytical|advertisement|advertising|marketing|targeting|essential|preference|statistics?)\s+cookies\s+(are|help|allow|ensure|collect|track|enable|may)(?-u:\b)|cookie\s+consent")
            .expect("static regex")
    });
    COOKIES.is_match(text) && CUE.is_match(text) && VOICE.is_match(text)
}

/// "Top Picks", "Our top picks", "2026 Top Picks Overview": a buying guide's summary of its
/// own choices, which its reviews follow, unlike an editor's picks of other stories.
fn is_picks_heading(text: &str) -> bool {
    static PICKS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*((our|top|best|all|\d{4})\s+){1,3}picks?(\s+overview)?\W*$")
            .expect("static regex")
    });
    PICKS.is_match(text)
}

/// Whether a short block is a heading over a list of other stories.
pub(crate) fn is_related_heading(text: &str) -> bool {
    // The anchored regex rules most blocks out within their first words; the word list reads
    // the whole block, so it comes second.
    RELATED_HEADING.is_match(text) && LIST_WORDS.is_match(text)
}

/// Words one of which every related-stories heading has: a line the regex takes without one
/// ("Top officials met on Sunday") is not a heading.
static LIST_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .build([
            "stor",
            "news",
            "article",
            "post",
            "read",
            "headline",
            "like",
            "trending",
            "popular",
            "picks",
            "more from",
            "video",
        ])
        .expect("static word list")
});

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Option<RemovedKind>) {
        let words = text.split_whitespace().count();
        assert_eq!(detect(text, words), expected, "{text:?}");
    }

    #[test]
    fn credits_buttons_and_embeds() {
        use RemovedKind::*;
        check("Photo: Jane Roe / Example Agency", Some(Caption));
        check("Image courtesy of the city council", Some(Caption));
        check("Credit: Example Studio", Some(Caption));
        check("Featured image credit: Example Stock", Some(Caption));
        // A caption that ends with its picture's credit, and sentences that only look so.
        check(
            "A ranger reads the rain gauge at dawn. Photo: Jane Roe/Example Agency",
            Some(Caption),
        );
        check(
            "Volunteers sort the harvest in the old barn (Image credit: Example Stock)",
            Some(Caption),
        );
        check("Book the key vendors (photo, video, florist, band)", None);
        check(
            "The photo desk kept one rule: every image is credited. The ratio was 3:1.",
            None,
        );
        check("CHECK PRICE", Some(Advert));
        check("View Deal", Some(Advert));
        check("$1,299.00 from Example Store", Some(Advert));
        check("Learn more", Some(Promo));
        check("LEARN MORE Apply Today", Some(Promo));
        check("Best Prices Today:", Some(Promo));
        check("Get a Quote Links to example.com", Some(Promo));
        check("Learn more about the harbour's history in our guide.", None);
        check("Contact us if the gauge reads zero", None);
        check("$12 $9 at Example Shop", Some(Advert));
        check(
            "$40 at the door buys a seat for the whole evening and a drink.",
            None,
        );
        check(
            "Related: How the old harbour got its cranes back",
            Some(Related),
        );
        assert!(!ends_article(
            Related,
            "Related: How the old harbour got its cranes back"
        ));
        check(
            "Roe J, et al. (2021). A look at winter cycling in small towns.",
            Some(Other),
        );
        check(
            "Doe, J., Poe, K. L., & Moe, S. (2015). Making room: a new model for the street.",
            Some(Other),
        );
        check(
            "Smith, the mayor, said (2021) was the year the bridge reopened.",
            None,
        );
        check("Buy now at Example Store", Some(Advert));
        check("See on Amazon", Some(Advert));
        check("+ More Info", Some(Other));
        check("View this post on Instagram", Some(Other));
        check("Check price at Example Outfitters (on sale!)", Some(Advert));
        check("Back to Research", Some(Navigation));
        check("Your Email*", Some(Other));
        check("Website", Some(Other));
        check("View All", Some(Navigation));
        check("Previous Next", Some(Navigation));
        check("PreviousNext", Some(Navigation));
        check(
            "Thanks for subscribing! Look out for the first issue.",
            Some(Promo),
        );
        check("[Read more: How the harbour was rebuilt]", Some(Related));
        check("Next story: The harbour reopens", Some(Related));
        // Sentences that open the same way are the article's.
        check("Photo agencies said demand had doubled.", None);
        check("Buy now, pay later schemes have grown.", None);
        check("Compare prices at several stores before buying.", None);
        check("Check prices carefully, the regulator said.", None);
        check("Graphics: integrated", None);
        check("Credits:", None);
    }

    #[test]
    fn a_read_more_link_does_not_end_the_article() {
        let ends = |text: &str| ends_article(RemovedKind::Related, text);
        assert!(!ends("Read More"));
        assert!(!ends("Continue reading →"));
        assert!(ends("Read more:"));
        assert!(ends("Related Stories"));
        assert!(!ends("Our Top Picks"));
        assert!(ends("Editor's Picks"));
    }

    #[test]
    fn cookie_notices() {
        check(
            "Example and third parties use essential and non-essential cookies to provide, secure, \
             analyse and improve our services and to show you relevant ads. Select Accept to consent \
             or Reject to decline non-essential cookies for this use.",
            Some(RemovedKind::Other),
        );
        check(
            "Performance cookies are used to understand how visitors interact with the website and \
             which pages they read most, so that the site can be improved over time.",
            Some(RemovedKind::Other),
        );
        // Articles that mention cookies are articles.
        check(
            "Behavioural tracking: use cookies and session data to follow what users do across \
             your website, from page views to the time spent on each page and the links clicked.",
            None,
        );
        check(
            "We baked three trays of cookies for the school fair, and the chocolate ones sold out \
             before noon while the oat ones lasted until the end of the afternoon.",
            None,
        );
    }

    #[test]
    fn kinds() {
        use RemovedKind::*;
        check("Open in App", Some(Promo));
        check("Related Stories", Some(Related));
        check("International Realted Stories", Some(Related));
        check("More from Business", Some(Related));
        check("You may also like", Some(Related));
        check("Leave a Reply", Some(Comments));
        check(
            "Your email address will not be published. Required fields are marked *",
            Some(Comments),
        );
        check(
            "Disclaimer: This post has been auto-published from an agency feed.",
            Some(Disclaimer),
        );
        check("Original Source: example.org", Some(Attribution));
        check("© 2024 Example Media. All rights reserved.", Some(Footer));
        check("Share | Tweet | Email", Some(Share));
        check("Advertisement", Some(Advert));
        check("Share:", Some(Share));
        check("Like this:", Some(Share));
        check("59 Comments on “A review”", Some(Comments));
        check("Read This Next", Some(Related));
        check("Category: Travel", Some(Navigation));
        check(
            "By signing up, you agree to our Terms of Use and Privacy Policy.",
            Some(Promo),
        );
        check(
            "By clicking Subscribe you consent to Example Inc. processing your information.",
            Some(Promo),
        );
        check(
            "By using var instead of the exact type name, the code is easier to change.",
            None,
        );
        check(
            "By signing the accord, the two governments agreed to reopen the border.",
            None,
        );
        check("By continuing, I agree to the cookie policy", Some(Promo));
        check(
            "This material is not intended to replace the advice of a qualified adviser.",
            Some(Disclaimer),
        );
        check(
            "The information on this website is for general informational purposes only.",
            Some(Disclaimer),
        );
        check("This blog post is not legal advice.", Some(Disclaimer));
        // A statement about anything but the page is news.
        check(
            "The vaccine is not intended for children under five, the agency said.",
            None,
        );
        check(
            "This information is what the council needs before it votes, she said.",
            None,
        );
        check("Copyright © 2025 Example Media", Some(Footer));
        check("© Example Stock / Jane Roe", Some(Caption));
        check("© Example Ratings Co. — used by permission", Some(Caption));
        check("© 2025 Example Photo Agency", Some(Footer));
        check("Copyright 2017-2025", Some(Footer));
        check("Copyright Policy", Some(Footer));
        check("Copyright Office Weighs In on AI Training", None);
        check(
            "The minister said more stories would follow next year about the budget.",
            None,
        );
        check("Top officials met on Sunday", None);
        check(
            "Related talks continued into the night as negotiators sought a deal.",
            None,
        );
    }
}
