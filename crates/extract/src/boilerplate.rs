//! Recognising boilerplate blocks by what they say ("Open in App", "Related Stories",
//! "Leave a Reply", "Disclaimer: …"). Shared by the HTML and text paths.
//!
//! The phrases are generic web furniture, never the names of particular sites.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use regex::{Regex, RegexSet, RegexSetBuilder};

use crate::article::RemovedKind;
use crate::blocks::swar;

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

/// Four-byte windows of [`SHORT_PHRASES`] (lower-case): for each phrase, the one fewest short
/// lines of the dev dumps hold. Only which lines [`SHORT_MATCHER`] searches depends on them.
const PHRASE_WINDOWS: &[&str] = &[
    "n ap", "ad i", "ownl", "r ap", "et t", "r ou", "o ou", "up f", "be n", "be t", "w us", "tsap",
    "legr", "ck h", "dy a", "ribi", "gnin", "inue", "hare", "is s", "n fa", "n tw", "re v", "py l",
    "eave", "a co", "dd a", "rsat", "ot b", "rked", "rved", "cy p", "f us", "f se", "ms a", "ie p",
    "we u", "pt c", "pt a", "ie s",
];

// Every phrase has a four-byte window.
const _: () = {
    let mut i = 0;
    while i < SHORT_PHRASES.len() {
        assert!(SHORT_PHRASES[i].0.len() >= 4);
        i += 1;
    }
};

/// A window of every phrase of [`SHORT_PHRASES`] (one of [`PHRASE_WINDOWS`], or its first four
/// bytes), as bits of a hashed table (see [`window_slot`]).
static PHRASE_FILTER: LazyLock<[u64; 64]> = LazyLock::new(|| {
    let mut table = [0u64; 64];
    for (phrase, _) in SHORT_PHRASES {
        let listed = PHRASE_WINDOWS.iter().find(|w| phrase.contains(*w));
        let window = listed.map_or(phrase.as_bytes(), |w| w.as_bytes());
        if let Some(&window) = window.first_chunk::<4>() {
            let slot = window_slot(u32::from_le_bytes(window));
            table[slot / 64] |= 1 << (slot % 64);
        }
    }
    table
});

/// The bit (of 4 096) of four bytes in [`PHRASE_FILTER`]: a multiplicative hash of them with
/// their ASCII case bits set.
fn window_slot(window: u32) -> usize {
    ((window | 0x2020_2020).wrapping_mul(0x9e37_79b1) >> 20) as usize
}

/// Whether `text` may hold one of [`SHORT_PHRASES`] (ignoring ASCII case, as [`SHORT_MATCHER`]
/// does): a phrase matches only where the text holds its window, which matches its bits in
/// the table with the ASCII case bits set (a space stays a space, a capital becomes its small
/// letter). Other bytes that share a bit only cost a search.
// The phrase regex's automaton reads a block byte by byte, each step waiting on the last; the
// windows here are looked up independently of each other, and rule out most short blocks at a
// fraction of that cost. The regex crate finds no prefilter for so many case-insensitive
// phrases.
fn may_hold_short_phrase(text: &str) -> bool {
    let filter = &*PHRASE_FILTER;
    text.as_bytes().windows(4).any(|w| {
        let slot = window_slot(w.try_into().map_or(0, u32::from_le_bytes));
        filter[slot / 64] >> (slot % 64) & 1 != 0
    })
}

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
    // The set's lazy DFA needs more room than the default 2 MiB: the disclaimer openings'
    // counted repetitions make many states, and a full cache is cleared and rebuilt over and
    // over (a quarter of the set's time on the dev dumps). The limit changes no match.
    let set = RegexSetBuilder::new(patterns)
        .dfa_size_limit(OPENINGS_DFA_BYTES)
        .build()
        .expect("static regexes");
    (set, kinds)
});

/// The lazy-DFA cache of [`OPENINGS`], per thread (it grows to this only as states are made).
const OPENINGS_DFA_BYTES: usize = 8 << 20;

/// The words [`OPENINGS`] open with after their white space (and the bracket some allow).
static OPENERS: LazyLock<OpeningWords> = LazyLock::new(|| {
    OpeningWords::new(
        |b| matches!(b, b'\t'..=b'\r' | b' '),
        &[
            "disclaimer",
            "this",
            "except",
            "views",
            "the",
            "original",
            "source",
            "sources",
            "courtesy",
            "with",
            "by",
            "copyright",
            "advertisement",
            "sponsored",
            "promoted",
            "comment",
            "comments",
            "response",
            "responses",
            "about",
            "also",
            "read",
            "see",
            "must",
            "don",
            "recommended",
            "related",
            "next",
            "previous",
            "prev",
            "tags",
            "topics",
            "filed",
            "posted",
            "category",
            "categories",
            "like",
            "spread",
        ],
        // The share-button row may run its names together ("Sharex").
        &[
            "share", "tweet", "email", "print", "whatsapp", "facebook", "twitter", "linkedin",
            "telegram", "reddit", "x",
        ],
    )
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
    // "Skip to content", "Skip Navigation", "Skip to main content": a page's skip link.
    (
        r"(?i)^\W*skip\s+(to\s+)?(the\s+)?(main\s+)?(content|navigation|main|menu|footer|search)(?-u:\b)",
        RemovedKind::Navigation,
        5,
    ),
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

/// The words [`SHORT_OPENINGS`] open with after their non-word characters (`\W*`, or white
/// space and a bracket).
static SHORT_OPENERS: LazyLock<OpeningWords> = LazyLock::new(|| {
    OpeningWords::new(
        |b| b.is_ascii() && !b.is_ascii_alphanumeric() && b != b'_',
        &[
            "header", "featured", "cover", "top", "main", "graphic", "graphics", "credit",
            "credits", "check", "see", "view", "compare", "get", "find", "buy", "shop", "order",
            "book", "read", "learn", "apply", "contact", "sign", "join", "request", "visit",
            "best", "jump", "price", "more", "back", "return", "your", "name", "email", "e",
            "website", "comment", "message", "show", "a", "skip",
        ],
        // A picture's label may run into its credit ("Photocredit:"), and "Previous" into "Next".
        &[
            "photo",
            "image",
            "picture",
            "pic",
            "illustration",
            "previous",
            "prev",
            "next",
        ],
    )
});

/// The opening words of a table of patterns that are all anchored at the start of a block: after
/// the ASCII bytes `skip` passes over, a block a pattern matches opens with one of `words`, or
/// with a run of letters that starts with one of `runs` (words a pattern may repeat with no
/// space between), followed by no ASCII letter.
// A regex set costs a search per block, even when its anchored automaton gives up after one
// letter; most blocks are ruled out here by their first letter or one bit of a hashed table. The
// regex crate has no such cheap test for a set of anchored, case-insensitive patterns.
pub(crate) struct OpeningWords {
    /// The ASCII bytes the patterns may skip before their first word, as bits.
    skip: u128,
    /// The first letters of the words and runs, as bits (`a` is bit 0).
    letters: u32,
    /// The first letters of the runs, as bits.
    run_letters: u32,
    /// The words, one bit each at [`OpeningWords::slot`] (others may share it).
    words: [u64; 64],
    /// The runs: the mask of a run's first (up to) eight bytes in a key, and its key. A run
    /// longer than eight letters is matched by its first eight.
    runs: Vec<(u64, u64)>,
}

impl OpeningWords {
    /// The opening words of `words` and `runs` (lower-case ASCII letters), after the bytes
    /// `skip` passes.
    pub(crate) fn new(skip: fn(u8) -> bool, words: &[&str], runs: &[&str]) -> OpeningWords {
        let letter = |w: &&str| w.bytes().next().map_or(0, Self::letter);
        let mut table = [0u64; 64];
        for w in words {
            let slot = Self::slot(Self::key(w.as_bytes()), w.len());
            table[slot / 64] |= 1 << (slot % 64);
        }
        OpeningWords {
            skip: (0..128u8)
                .filter(|&b| skip(b))
                .fold(0, |bits, b| bits | 1 << b),
            letters: words.iter().chain(runs).map(letter).fold(0, |a, b| a | b),
            run_letters: runs.iter().map(letter).fold(0, |a, b| a | b),
            words: table,
            runs: runs
                .iter()
                .map(|w| (Self::low_bytes(w.len()), Self::key(w.as_bytes())))
                .collect(),
        }
    }

    /// The bit of an ASCII letter (either case) in [`OpeningWords::letters`].
    fn letter(b: u8) -> u32 {
        1u32.checked_shl(u32::from((b | 0x20).wrapping_sub(b'a')))
            .unwrap_or(0)
    }

    /// The first eight (or fewer) bytes of a run of ASCII letters, lower-cased, in little-endian
    /// order.
    fn key(run: &[u8]) -> u64 {
        let mut eight = [0u8; 8];
        let n = run.len().min(8);
        eight[..n].copy_from_slice(&run[..n]);
        (u64::from_le_bytes(eight) | swar::CASE) & Self::low_bytes(n)
    }

    /// The bit (of 4 096) of a run with this key and length: a multiplicative hash. A run that
    /// only shares its bit with a word is let through, which costs a regex search, never a match.
    fn slot(key: u64, len: usize) -> usize {
        ((key ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 52) as usize
    }

    /// A mask of the low `n` bytes of a `u64` (`n` at most eight).
    fn low_bytes(n: usize) -> u64 {
        u64::MAX.checked_shr(8 * (8 - n.min(8)) as u32).unwrap_or(0)
    }

    /// Whether a pattern may match `text`: false only when its opening run of ASCII letters,
    /// ended by an ASCII byte or the end, is none of the words. A text that opens with anything
    /// else (a digit, a bracket, "©", a non-ASCII letter, which may fold to an ASCII one in a
    /// case-insensitive match: "ſ" to "s") or whose opening letters a non-ASCII character
    /// follows is left to the patterns.
    pub(crate) fn admit(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let start = bytes
            .iter()
            .take_while(|&&b| {
                self.skip
                    .checked_shr(u32::from(b))
                    .is_some_and(|s| s & 1 != 0)
            })
            .count();
        let rest = bytes.get(start..).unwrap_or_default();
        let letter = match rest.first() {
            Some(&b) if b.is_ascii_alphabetic() => Self::letter(b),
            _ => return true,
        };
        if self.letters & letter == 0 {
            return false;
        }
        // The letters among the first eight bytes, up to the first non-ASCII one.
        let Some((x, _)) = swar::ascii_prefix(rest) else {
            return true;
        };
        let letters = swar::in_range(x | swar::CASE, b'a', b'z');
        let mut n = ((!letters & swar::HIGH).trailing_zeros() / 8) as usize;
        if n == 8 {
            n += rest
                .iter()
                .skip(8)
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
        }
        if rest.get(n).is_some_and(|b| !b.is_ascii()) {
            return true;
        }
        let key = (x | swar::CASE) & Self::low_bytes(n);
        let slot = Self::slot(key, n);
        self.words[slot / 64] >> (slot % 64) & 1 != 0
            || self.run_letters & letter != 0
                && self.runs.iter().any(|&(mask, run)| key & mask == run)
    }
}

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
    if OPENERS.admit(text) && set.is_match(text) {
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
    // A byte search for the "k" first: most blocks have none, and it costs a fraction of the
    // substring search's set-up on a short block.
    if words <= COOKIE_NOTICE_WORDS
        && text.as_bytes().contains(&b'k')
        && text.contains("ookie")
        && is_cookie_notice(text)
    {
        return Some(RemovedKind::Other);
    }
    if words <= SHORT_OPENING_WORDS {
        let set = &*SHORT_OPENING_SET;
        if SHORT_OPENERS.admit(text) && set.is_match(text) {
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
    if words <= 25 && may_hold_short_phrase(text) {
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

/// The credit that ends a caption: "…. Photo: Jane Roe/Example Agency", "… (Image credit:
/// Example Stock)".
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:[.!?”"]\s+(?:photo|photograph|image|picture|illustration|credit)s?(?:\s+credit)?\s*:\s*\S[^:]*|\(\s*(?:photo|photograph|image|picture)s?(?:\s+(?:credit|courtesy|by)\s*:?|\s*:)\s*[^()]+\))\s*$"#)
        .expect("static regex")
});

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
    let mut from = text.len().saturating_sub(CREDIT_TAIL);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let tail = text.get(from..).unwrap_or_default();
    (tail.trim_end().ends_with(')') || may_end_with_credit_label(tail)) && CREDIT.is_match(tail)
}

/// The labels a credit that ends a caption after a colon ends with ("Photo credit:"), lower-case.
const CREDIT_LABELS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "photographs",
    "image",
    "images",
    "picture",
    "pictures",
    "illustration",
    "illustrations",
    "credit",
    "credits",
];

/// Whether a tail that does not end with a bracket may end with a labelled credit ("…. Photo:
/// Jane Roe"): the credit regex's colon is the tail's last (no colon follows it) and a label
/// ends right before it, white space aside. When the last colon follows another ("Photo::
/// Jane"), or a non-ASCII character (which may fold to an ASCII letter: "ſ" to "s") is among
/// the bytes a label could take, the regex decides.
// Many short blocks hold a colon (times, "Note:", "Watch:"); the credit regex's automaton would
// read each to its end. No regex call tests a text's end this cheaply.
fn may_end_with_credit_label(tail: &str) -> bool {
    let Some(before) = tail.rfind(':').and_then(|colon| tail.get(..colon)) else {
        return false;
    };
    let before = before.trim_end().as_bytes();
    let end = before
        .get(before.len().saturating_sub(16)..)
        .unwrap_or_default();
    before.ends_with(b":")
        || !end.is_ascii()
        || CREDIT_LABELS.iter().any(|label| {
            end.len() >= label.len()
                && end[end.len() - label.len()..].eq_ignore_ascii_case(label.as_bytes())
        })
}

/// Most words of an entry in a list of references.
const REFERENCE_WORDS: usize = 80;

/// An entry of a list of references (see [`is_reference`]).
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][\w'’-]+,?\s+(?:[A-Z]{1,3}|[A-Z]\.(?:\s?[A-Z]\.)*)(?:,|\s+(?i:et\s+al)|\s+and\s|\s*&).*?\((?:19|20)\d\d[a-z]?\)\.")
        .expect("static regex")
});

/// "Roe J, et al. (2021). A look at winter cycling.", "Doe, J., & Poe, K. (2015). Title.": an
/// entry of the references under an article, which extraction benchmarks leave out of the body
/// (in the dev dumps 19 such lines outside the true bodies, 1 inside).
fn is_reference(text: &str) -> bool {
    // A year in brackets first: one memchr pass, where two substring searches cost more than
    // the rest of `detect` on most blocks.
    let bytes = text.as_bytes();
    text.starts_with(|c: char| c.is_ascii_uppercase())
        && may_open_reference(bytes)
        && text
            .match_indices('(')
            .any(|(at, _)| matches!(bytes.get(at + 1), Some(b'1' | b'2')))
        && REFERENCE.is_match(text)
}

/// Whether a text that opens with a capital may open like a reference (what the reference
/// regex needs of its second word): "Roe J,", "Doe, J.,", "Roe JK and", "Roe J &": the second
/// word opens with a capital followed by a capital, a full stop, a comma, an ampersand or white
/// space. Most lines that open with a capital are sentences or headlines ("The council met",
/// "Council Weighs Budget"), ruled out here before the whole line is searched for a year. A
/// non-ASCII character before that point (a letter of the first word, or white space the regex
/// splits at) leaves the line to the regex.
fn may_open_reference(bytes: &[u8]) -> bool {
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let first = bytes
        .iter()
        .take_while(|&&b| b.is_ascii() && !space(b))
        .count();
    let gap = bytes.iter().skip(first).take_while(|&&b| space(b)).count();
    match bytes.get(first + gap..) {
        Some([b, ..]) if !b.is_ascii() => true,
        Some([b'A'..=b'Z', next, ..]) => {
            !next.is_ascii() || next.is_ascii_uppercase() || space(*next) || b".,&".contains(next)
        }
        _ => false,
    }
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
    may_open_related_heading(text) && RELATED_HEADING.is_match(text) && LIST_WORDS.is_match(text)
}

/// Whether [`RELATED_HEADING`] may match `text`: its keyword opens one of the block's first
/// three words (the regex allows two words before it, and a word glued after it:
/// "TopStories"). A word with a non-ASCII character (white space the regex splits at, or a
/// letter that folds to an ASCII one: "ſ" to "s") is left to the regex.
// The regex's Unicode word classes make its lazy DFA large and slow to run on every short
// block; this looks at the first letters of three words. The regex crate has no such test.
fn may_open_related_heading(text: &str) -> bool {
    let bytes = text.as_bytes();
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let mut at = 0;
    for _ in 0..3 {
        while bytes.get(at).copied().is_some_and(space) {
            at += 1;
        }
        let start = at;
        while let Some(&b) = bytes.get(at).filter(|&&b| !space(b)) {
            if !b.is_ascii() {
                return true;
            }
            at += 1;
        }
        let word = bytes.get(start..at).unwrap_or_default();
        let keywords: &[&str] = match word.first().map(u8::to_ascii_lowercase) {
            Some(b'r') => &[
                "related",
                "realted",
                "relatd",
                "recommended",
                "read",
                "recent",
            ],
            Some(b'm') => &["more", "most", "must"],
            Some(b't') => &["top", "trending"],
            Some(b'l') => &["latest"],
            Some(b'p') => &["popular"],
            Some(b'u') => &["up"],
            Some(b'e') => &["editor"],
            Some(b'a') => &["also"],
            Some(b'f') => &["further"],
            Some(b'y') => &["you"],
            Some(b'o') => &["other"],
            Some(_) => &[],
            None => return false,
        };
        let opens = |k: &&str| {
            word.get(..k.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(k.as_bytes()))
        };
        if keywords.iter().any(opens) {
            return true;
        }
    }
    false
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
    use proptest::prelude::*;

    /// A block each pattern of [`OPENINGS`] matches, in the table's order.
    const OPENING_EXAMPLES: &[&str] = &[
        "Disclaimer: views are the author's own",
        "(This story was auto-published from a syndicated feed.)",
        "The content on this site is for informational purposes only.",
        "Source: Example Agency",
        "(With inputs from agencies)",
        "By signing up, you agree to our Terms of Use.",
        "© 2025 Example Media",
        "Copyright 2025 Example Media",
        "ADVERTISEMENT",
        "Sponsored Content",
        "12 Comments",
        "Comments (4)",
        "About the Author",
        "[Also read: How the harbour was rebuilt]",
        "Next story: The harbour reopens",
        "Share Tweet Email",
        "Tags: harbour, cranes",
        "Share this:",
        "Like Loading...",
        "3 thoughts on “Repainting the shed”",
    ];

    /// A block each pattern of [`SHORT_OPENINGS`] matches, in the table's order.
    const SHORT_OPENING_EXAMPLES: &[&str] = &[
        "Photo credit: Jane Roe",
        "Images courtesy of the council",
        "Credits: Example Studio",
        "» Check the latest prices at Example Store",
        "See the price at Example Store",
        "Buy it now at Example Store",
        "Shop at Example Store",
        "Check on Amazon",
        "Read full review",
        "Learn More Apply Today",
        "Get a free quote",
        "$1,299.00 from Example Store",
        "Price comparison from Example",
        "+ More Info",
        "Back to Research",
        "Skip to main content",
        "Your E-mail (required)",
        "View all stories",
        "PreviousNext",
        "A post shared by Jane Roe (@janeroe)",
    ];

    #[test]
    fn every_opening_passes_its_word_gate() {
        let (set, _) = &*OPENINGS;
        assert_eq!(OPENING_EXAMPLES.len(), set.len(), "one example per pattern");
        for (i, text) in OPENING_EXAMPLES.iter().enumerate() {
            assert!(set.matches(text).matched(i), "pattern {i}: {text:?}");
            assert!(OPENERS.admit(text), "{text:?}");
        }
        let set = &*SHORT_OPENING_SET;
        assert_eq!(
            SHORT_OPENING_EXAMPLES.len(),
            set.len(),
            "one example per pattern"
        );
        for (i, text) in SHORT_OPENING_EXAMPLES.iter().enumerate() {
            assert!(set.matches(text).matched(i), "pattern {i}: {text:?}");
            assert!(SHORT_OPENERS.admit(text), "{text:?}");
        }
    }

    #[test]
    fn word_gates_leave_look_alikes_to_the_regexes() {
        // Blocks the patterns match that open with no listed word as such: names run together,
        // letters that fold to ASCII ones ("ſ" to "s", the Kelvin sign to "k"), brackets, other
        // digits and white space.
        for text in [
            "ShareTweetEmail",
            "Xfacebook",
            "ſhare",
            "Tagſ: harbour",
            "Li\u{212a}e loading",
            "( also read: the harbour",
            "\u{2003}Disclaimer: views are the author's own",
            "١٢ comments",
        ] {
            assert!(OPENINGS.0.is_match(text), "{text:?}");
            assert!(OPENERS.admit(text), "{text:?}");
        }
        for text in [
            "Photocredit: Jane Roe",
            "PrevNext",
            "“Read full review”",
            "ſhop at Example Store",
            "Boo\u{212a} now",
            "€12 at Example Shop",
        ] {
            assert!(SHORT_OPENING_SET.is_match(text), "{text:?}");
            assert!(SHORT_OPENERS.admit(text), "{text:?}");
        }
        // Most blocks open with a word no pattern opens with.
        for text in [
            "Tops of the trees",
            "Harbour cranes return",
            "Sharing the load",
            "Them and us",
        ] {
            assert!(!OPENERS.admit(text), "{text:?}");
            assert!(!SHORT_OPENERS.admit(text), "{text:?}");
        }
    }

    #[test]
    fn the_credit_label_gate_leaves_credits_to_the_regex() {
        crate::testing::check_gate(
            &CREDIT,
            may_end_with_credit_label,
            &[
                "A ranger reads the gauge. Photo: Jane Roe",
                "At dawn. PHOTOS : Example Agency",
                "At dawn. Photo credit:Jane Roe",
                "At dawn. Photo:: Jane Roe",
                "At dawn. Photo: :Jane Roe",
                "At dawn. Illuſtrations: Jane Roe",
                "At dawn.\u{a0}Images\u{2003}: Jane Roe",
            ],
            &[
                "The meeting starts at 10:30",
                "Watch: the harbour at night",
                "No colon",
            ],
        );
    }

    /// Pieces of text near the patterns' openings, to be strung together at random.
    fn opening_piece() -> impl Strategy<Value = String> {
        let words = [
            "disclaimer",
            "this",
            "the",
            "source",
            "sources",
            "by",
            "copyright",
            "comments",
            "about",
            "also",
            "read",
            "more",
            "see",
            "don't",
            "related",
            "next",
            "prev",
            "previous",
            "share",
            "tweet",
            "x",
            "email",
            "e-mail",
            "tags",
            "like",
            "loading",
            "photo",
            "image",
            "credit",
            "check",
            "price",
            "buy",
            "shop",
            "view",
            "all",
            "post",
            "a",
            "learn",
            "your",
            "name",
            "top",
            "stories",
            "sign",
            "up",
            "book",
            "amazon",
            "info",
        ];
        let others = [
            " ", " ", " ", "", ":", "(", "[", "|", "-", "*", "$", "€", "©", "(c)", "12", "١٢", "ſ",
            "\u{212a}", "\u{a0}", "\u{2003}", "'", "’", "“", "»", "+", "é", "\t",
        ];
        prop_oneof![
            3 => prop::sample::select(words.to_vec()).prop_flat_map(|w| {
                prop_oneof![
                    Just(w.to_owned()),
                    Just(w.to_uppercase()),
                    Just(w[..1].to_uppercase() + &w[1..]),
                ]
            }),
            2 => prop::sample::select(others.to_vec()).prop_map(str::to_owned),
            1 => "[a-zA-Z]{1,6}",
        ]
    }

    #[test]
    fn the_related_heading_gate_leaves_headings_to_the_regex() {
        // One heading per keyword of the regex, keywords after one or two words or glued to the
        // next word, and letters that fold to ASCII ones.
        crate::testing::check_gate(
            &RELATED_HEADING,
            may_open_related_heading,
            &[
                "Related Stories",
                "International Realted Stories",
                "Relatd news",
                "More from Sport",
                "TopStories",
                "Latest news",
                "Trending now",
                "Recommended for you",
                "Popular posts",
                "Most read",
                "Most viewed",
                "Read this next",
                "Up next",
                "Editor's picks",
                "Also read",
                "Read more",
                "Must read",
                "Further reading",
                "You may also like",
                "You might like",
                "Recent posts",
                "Other stories",
                "Our latest headlines",
                "Sport & More stories",
                "Mo\u{17f}t read",
                "World\u{a0}news Top stories",
            ],
            &[
                "Council weighs budget",
                "The minister said",
                "Harbour cranes return home",
            ],
        );
    }

    #[test]
    fn the_reference_gate_leaves_references_to_the_regex() {
        crate::testing::check_gate(
            &REFERENCE,
            |t| may_open_reference(t.as_bytes()),
            &[
                "Roe J, et al. (2021). A look at winter cycling in small towns.",
                "Doe, J., Poe, K. L., & Moe, S. (2015). Making room: a new model for the street.",
                "Roe JK and Doe P (2020). Harbour cranes.",
                "Roe J & Doe P (2019). Harbour cranes.",
                "O’Neil J, et al. (2021). Harbour cranes.",
                "Roe\u{a0}J, et al. (2021). Harbour cranes.",
            ],
            &[
                "Council Weighs Budget (2024).",
                "The council met (2021).",
                "Roe",
            ],
        );
    }

    #[test]
    fn every_short_phrase_passes_the_window_filter() {
        for (phrase, _) in SHORT_PHRASES {
            // Each phrase holds a listed window, which keeps the filter's table small.
            assert!(
                PHRASE_WINDOWS.iter().any(|w| phrase.contains(w)),
                "{phrase:?}"
            );
            let upper = phrase.to_uppercase();
            for text in [phrase.to_string(), upper, format!("» Please {phrase} …")] {
                assert!(SHORT_MATCHER.is_match(&text), "{text:?}");
                assert!(may_hold_short_phrase(&text), "{text:?}");
            }
        }
        for text in ["Harbour cranes return", "The minister said", "Home"] {
            assert!(!may_hold_short_phrase(text), "{text:?}");
        }
    }

    /// Pieces of text near a caption's credit, to be strung together at random.
    fn credit_piece() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "photo",
            "Photo",
            "PHOTOS",
            "photograph",
            "image",
            "Images",
            "picture",
            "illustration",
            "credit",
            "Credit",
            "courtesy",
            "by",
            "Jane Roe",
            ".",
            "!",
            "”",
            "\"",
            " ",
            " ",
            "  ",
            ":",
            ":",
            "(",
            ")",
            "ſ",
            "\u{a0}",
            "\u{2003}",
            "s",
            "x",
            "10",
            "é",
        ])
        .prop_map(str::to_owned)
    }

    proptest! {
        #[test]
        fn word_gates_never_reject_a_match(
            pieces in prop::collection::vec(opening_piece(), 1..8)
        ) {
            let text = pieces.concat();
            prop_assert!(OPENERS.admit(&text) || !OPENINGS.0.is_match(&text), "{:?}", text);
            prop_assert!(
                SHORT_OPENERS.admit(&text) || !SHORT_OPENING_SET.is_match(&text),
                "{:?}",
                text
            );
        }

        #[test]
        fn the_related_heading_gate_never_rejects_a_heading(
            pieces in prop::collection::vec(
                prop::sample::select(vec![
                    "related", "Related", "realted", "more", "MORE", "top", "latest", "trending",
                    "recommended", "popular", "most", "read", "this", "next", "up", "editor's",
                    "editors", "picks", "also", "must", "further", "reading", "you", "may",
                    "might", "like", "recent", "other", "stories", "news", "from", "sport", "our",
                    "world", "&", "-", " ", " ", "", ":", "ſ", "\u{a0}", "é", "2024",
                ]),
                1..9,
            )
        ) {
            let text = pieces.concat();
            prop_assert!(
                may_open_related_heading(&text) || !RELATED_HEADING.is_match(&text),
                "{:?}",
                text
            );
        }

        #[test]
        fn the_reference_gate_never_rejects_a_reference(
            pieces in prop::collection::vec(
                prop::sample::select(vec![
                    "Roe", "Doe", "O’Neil", "J", "JK", "J.", "K.", "L", "the", "Council", ",",
                    " ", " ", "", "&", "and", "et", "al", ".", "(2021).", "(1999a).", "(20", "\u{a0}",
                    "é", "Harbour",
                ]),
                1..10,
            )
        ) {
            let text = pieces.concat();
            prop_assert!(
                !text.starts_with(|c: char| c.is_ascii_uppercase())
                    || may_open_reference(text.as_bytes())
                    || !REFERENCE.is_match(&text),
                "{:?}",
                text
            );
        }

        #[test]
        fn the_window_filter_never_rejects_a_phrase(
            pieces in prop::collection::vec(
                prop::sample::select(vec![
                    "open", "in", "app", "read", "download", "the", "our", "get", "sign", "up",
                    "for", "newsletter", "subscribe", "to", "now", "follow", "us", "on", "join",
                    "whatsapp", "click", "here", "already", "a", "subscriber", "thanks", "thank",
                    "you", "subscribing", "signing", "log", "continue", "share", "this",
                    "article", "story", "facebook", "twitter", "via", "copy", "link", "leave",
                    "reply", "comment", "post", "add", "conversation", "your", "email",
                    "address", "required", "fields", "all", "rights", "reserved", "privacy",
                    "policy", "terms", "of", "use", "service", "and", "conditions", "cookie",
                    "cookies", "we", "accept", "settings", " ", " ", " ", "", "SHARE", "Cookie",
                    "é", "\u{a0}", "\0", "@",
                ]),
                1..10,
            )
        ) {
            let text = pieces.concat();
            prop_assert!(
                may_hold_short_phrase(&text) || !SHORT_MATCHER.is_match(&text),
                "{:?}",
                text
            );
        }

        #[test]
        fn the_credit_label_gate_never_rejects_a_credit(
            pieces in prop::collection::vec(credit_piece(), 1..10)
        ) {
            let tail = pieces.concat();
            prop_assert!(
                tail.trim_end().ends_with(')')
                    || may_end_with_credit_label(&tail)
                    || !CREDIT.is_match(&tail),
                "{:?}",
                tail
            );
        }
    }

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
        check("Skip to content", Some(Navigation));
        check("Skip Navigation", Some(Navigation));
        check("Skip to main content", Some(Navigation));
        check("Skip the queue at the ferry terminal", None);
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
