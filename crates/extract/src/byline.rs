//! Bylines and credits: "By IANS | Updated: November 3, 2024 15:05 IST", "By Jane Doe and
//! John Roe", "Yonhap news agency reported", and the list of wire agencies they name.

use std::sync::LazyLock;

use regex::Regex;

use crate::article::{Attribution, AttributionKind, Source, Timestamp};
use crate::blocks::swar;
use crate::boilerplate::OpeningWords;
use crate::timestamp;

/// Wire agencies: (name as credited, aliases that may appear in a byline), all lower-case aliases.
const AGENCIES: &[(&str, &[&str])] = &[
    ("IANS", &["ians", "indo-asian news service"]),
    ("PTI", &["pti", "press trust of india"]),
    ("ANI", &["ani", "asian news international"]),
    ("UNI", &["uni", "united news of india"]),
    ("AP", &["ap", "associated press", "the associated press"]),
    (
        "AFP",
        &["afp", "agence france-presse", "agence france presse"],
    ),
    ("Reuters", &["reuters", "thomson reuters"]),
    ("Yonhap", &["yonhap"]),
    ("Xinhua", &["xinhua"]),
    ("Kyodo", &["kyodo", "kyodo news"]),
    ("Bloomberg", &["bloomberg"]),
    ("dpa", &["dpa", "deutsche presse-agentur"]),
    ("EFE", &["efe"]),
    ("ANSA", &["ansa"]),
    ("TASS", &["tass"]),
    ("RIA Novosti", &["ria novosti"]),
    ("Anadolu", &["anadolu", "anadolu agency", "aa"]),
    ("Bernama", &["bernama"]),
    ("Antara", &["antara"]),
    ("WAM", &["wam", "emirates news agency"]),
    ("APP", &["app", "associated press of pakistan"]),
    ("BSS", &["bss", "bangladesh sangbad sangstha"]),
    ("CNA", &["cna", "central news agency"]),
    ("PA", &["pa", "pa media", "press association"]),
    ("AAP", &["aap", "australian associated press"]),
    ("CP", &["the canadian press", "canadian press"]),
    ("Europa Press", &["europa press"]),
    ("NTB", &["ntb"]),
    ("TT", &["tt nyhetsbyrån"]),
];

/// The length in bytes of the longest alias with " news agency" after it: no longer ASCII name
/// can be an agency's.
const LONGEST_CREDIT: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < AGENCIES.len() {
        let aliases = AGENCIES[i].1;
        let mut j = 0;
        while j < aliases.len() {
            if aliases[j].len() > longest {
                longest = aliases[j].len();
            }
            j += 1;
        }
        i += 1;
    }
    longest + " news agency".len()
};

/// Per lower-cased first byte, a bit for the length in bytes of each alias opening with it: a
/// name whose first byte and length fit no alias is none, without comparing strings.
static ALIAS_SHAPES: [u64; 256] = {
    let mut shapes = [0u64; 256];
    let mut i = 0;
    while i < AGENCIES.len() {
        let aliases = AGENCIES[i].1;
        let mut j = 0;
        while j < aliases.len() {
            let alias = aliases[j].as_bytes();
            assert!(!alias.is_empty() && alias.len() < 64);
            // Lower-case, as `credited_agency`'s comparisons ignoring ASCII case need.
            let mut k = 0;
            while k < alias.len() {
                assert!(!alias[k].is_ascii_uppercase());
                k += 1;
            }
            shapes[alias[0] as usize] |= 1 << alias.len();
            j += 1;
        }
        i += 1;
    }
    shapes
};

/// The agency a name refers to, by its credited form.
pub(crate) fn agency_name(name: &str) -> Option<&'static str> {
    let name = name.trim().trim_end_matches(['.', ',']);
    // Most lines asked about are longer than any credit. Lower-casing may shorten a non-ASCII
    // name, but it makes each character one or more characters of a byte or more: a name of
    // more characters than that is none either.
    if name.len() > LONGEST_CREDIT && name.chars().count() > LONGEST_CREDIT {
        return None;
    }
    if name.is_ascii() {
        // Fast path: an ASCII name is compared ignoring ASCII case, which is comparing its
        // lower-cased form (the aliases are lower-case), without making that form.
        return credited_agency(name.as_bytes());
    }
    credited_agency(name.to_lowercase().as_bytes())
}

/// The agency whose alias `name` is, ignoring ASCII case, with or without " news agency" after
/// it.
fn credited_agency(name: &[u8]) -> Option<&'static str> {
    const SUFFIX: &[u8] = b" news agency";
    let stem = match name.len().checked_sub(SUFFIX.len()) {
        Some(cut) if name[cut..].eq_ignore_ascii_case(SUFFIX) => &name[..cut],
        _ => name,
    };
    let shape = stem.first().map_or(0, |&first| {
        ALIAS_SHAPES[usize::from(first.to_ascii_lowercase())]
    });
    if stem.len() >= 64 || shape >> stem.len() & 1 == 0 {
        return None;
    }
    AGENCIES
        .iter()
        .find(|(_, aliases)| {
            aliases
                .iter()
                .any(|a| a.as_bytes().eq_ignore_ascii_case(stem))
        })
        .map(|(name, _)| *name)
}

/// What a byline line says.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Byline {
    /// People credited.
    pub authors: Vec<String>,
    /// Agencies credited.
    pub agencies: Vec<&'static str>,
    /// "Published" or unlabelled timestamp.
    pub published: Option<Timestamp>,
    /// "Updated" timestamp.
    pub updated: Option<Timestamp>,
}

static BY: LazyLock<Regex> = LazyLock::new(|| {
    // The foreign prepositions are case-sensitive: "AF Group" or "PAR 3" are not bylines.
    // "Author: Jane Doe" and "Contributors: …" need their colon ("Author Jane Doe" is a caption);
    // a colon may lose the space after it in a copy ("Written by:Jane Doe").
    Regex::new(
        r"^\s*(?:(?i:(written|posted|reported|edited|reviewed|medically\s+reviewed|fact[\s-]checked|story|words|text|article|photos?|photography|illustrations?)\s+)?(?:(?i:by)|[Pp]ar|[Pp]or|[Vv]on|[Dd]oor|[Aa]v|[Aa]f)(?:\s*:\s*|\s+)|(?i:authors?|contributors?)\s*:\s*)(\S.*)$",
    )
    .expect("static regex")
});
/// "… by Jane Doe" after a date on the same line ("Published May 2, 2024 by Jane Doe").
static MID_BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s[Bb][Yy]\s*:?\s+\S").expect("static regex"));
/// A label in front of a name taken from markup ("Author: Jane Doe", "Written by Jane Doe").
static LEADING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:(?:written|posted|reported|article|text|words|story)\s+by|by|authors?|written|posted)(?-u:\b)\s*:?\s*",
    )
    .expect("static regex")
});
static LABELLED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(last\s+updated|updated|modified|published|first\s+published|posted|created|date)\s*(?:on|at)?\s*:?\s*",
    )
    .expect("static regex")
});
static NAME_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:,\s*and\s+|,|;|\s+and\s+|\s+&\s+|\s+with\s+)\s*").expect("static regex")
});
static SEPARATORS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[|•·⋅∙●–—]\s+|\s*\|\s*|\s+-\s+").expect("static regex"));

/// Words that show a credited "name" is a desk, not a person.
const NOT_PEOPLE: &[&str] = &[
    "staff",
    "desk",
    "bureau",
    "team",
    "editor",
    "editors",
    "editorial",
    "correspondent",
    "reporter",
    "newsroom",
    "agencies",
    "agency",
    "news",
    "service",
    "wire",
    "online",
    "web",
    "digital",
    "admin",
    "guest",
    "contributor",
    "media",
    "bio",
    "posts",
    "recent",
    "updated",
    "published",
    "released",
    "genre",
    "licensed",
    "certified",
    "former",
    "journalism",
    "network",
    "association",
    "institute",
    "foundation",
    "university",
    "council",
    "society",
    "group",
    "inc",
    "llc",
    "ltd",
    "corporation",
    "hotels",
    "clinic",
    "academy",
    "magazine",
    "blog",
];

/// Words that, all together, make a "By …" line a sort or filter label ("By Company Size",
/// "By Role", "By Category"), not a credit.
const FACETS: &[&str] = &[
    "company",
    "size",
    "role",
    "industry",
    "type",
    "category",
    "categories",
    "manufacturer",
    "brand",
    "state",
    "style",
    "modality",
    "solution",
    "solutions",
    "service",
    "services",
    "topic",
    "topics",
    "date",
    "price",
    "location",
    "region",
    "country",
    "product",
    "products",
    "subject",
    "level",
    "year",
    "month",
    "tag",
    "tags",
    "title",
    "name",
    "popularity",
    "relevance",
    "rating",
    "department",
    "function",
    "use",
    "case",
    "sector",
    "audience",
    "language",
    "platform",
    "goal",
    "interest",
    "stage",
    "program",
    "degree",
    "area",
    "format",
    "collection",
    "season",
    "occasion",
    "color",
    "colour",
    "material",
    "feature",
    "features",
    "application",
    "market",
    "channel",
    "skill",
    "resource",
    "resources",
    "newest",
    "oldest",
    "latest",
    "popular",
    "&",
    "and",
    "of",
];

/// Job titles that end a credited name ("Jane Doe Senior Writer") or make up a whole credit.
const ROLES: &[&str] = &[
    "writer",
    "writers",
    "author",
    "authors",
    "founder",
    "co-founder",
    "cofounder",
    "ceo",
    "cto",
    "cfo",
    "coo",
    "expert",
    "educator",
    "specialist",
    "strategist",
    "manager",
    "director",
    "president",
    "winemaker",
    "horticulturalist",
    "horticulturist",
    "consultant",
    "analyst",
    "researcher",
    "scientist",
    "marketer",
    "designer",
    "developer",
    "photographer",
    "nutritionist",
    "dietitian",
    "therapist",
    "attorney",
    "lawyer",
    "advisor",
    "adviser",
    "instructor",
    "professor",
    "lecturer",
    "administrator",
    "webmaster",
    "moderator",
    "producer",
    "columnist",
    "blogger",
    "journalist",
    "freelancer",
    "officer",
    "engineer",
    "reviewer",
    // Newsroom titles: a credit that is nothing but one is no name ("By Editor").
    "editor",
    "reporter",
    "correspondent",
    "contributor",
];

/// Words that qualify a job title ("Senior", "Contributing", "AI" in "AI Writer").
const ROLE_MODIFIERS: &[&str] = &[
    "senior",
    "junior",
    "staff",
    "contributing",
    "content",
    "chief",
    "head",
    "lead",
    "managing",
    "executive",
    "associate",
    "assistant",
    "deputy",
    "guest",
    "freelance",
    "tech",
    "technical",
    "technology",
    "master",
    "garden",
    "certified",
    "registered",
    "marketing",
    "seo",
    "digital",
    "security",
    "home",
    "privacy",
    "ai",
    "and",
    "&",
    "co",
    "&amp;",
    "editorial",
    "news",
    "product",
    "research",
    "software",
    "data",
    "travel",
    "food",
    "health",
    "science",
];

/// Post-nominal credentials dropped from the end of a name ("Jane Doe CPP", "John Roe MD").
const CREDENTIALS: &[&str] = &[
    "md", "do", "rd", "rn", "np", "cpp", "phd", "ms", "mba", "cpa", "cfa", "cfp", "lcsw", "lpc",
    "dds", "dmd", "esq", "facp", "cde", "cscs", "ldn", "msc", "bsc", "mph", "dvm", "pharmd", "cpt",
    "pmp", "cissp", "rdn", "lmft", "psyd", "fnp", "aprn", "ibclc",
];

fn word_key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '-')
        .to_lowercase()
}

/// Whether a word is a job title ("Writer", "CEO", "Expert").
pub(crate) fn is_role(w: &str) -> bool {
    ROLES.contains(&word_key(w).as_str())
}

/// The person a credited string names, cleaned of a leading label ("Author:"), a trailing job
/// title ("Senior Writer") and credentials ("CPP"); `None` when it names no person.
pub(crate) fn person_name(raw: &str) -> Option<String> {
    let s = LEADING_LABEL
        .find(raw)
        .map_or(raw, |m| &raw[m.end()..])
        .trim();
    let mut words: Vec<&str> = s.split_whitespace().collect();
    // "Jane Doe In Travel", "Jane Doe Former Editor": what follows is no part of the name.
    if let Some(cut) = (2..words.len()).find(|&i| {
        ["in", "at", "on", "for", "from", "former", "is", "view"]
            .contains(&word_key(words[i]).as_str())
    }) {
        words.truncate(cut);
    }
    while words.len() >= 2
        && words
            .last()
            .is_some_and(|w| CREDENTIALS.contains(&word_key(w).replace('.', "").as_str()))
    {
        words.pop();
    }
    if words.last().is_some_and(|w| is_role(w)) {
        words.pop();
        while words.last().is_some_and(|w| {
            let k = word_key(w);
            ROLES.contains(&k.as_str())
                || ROLE_MODIFIERS.contains(&k.as_str())
                || (w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
        }) {
            words.pop();
        }
        let qualified = words
            .iter()
            .any(|w| ROLE_MODIFIERS.contains(&word_key(w).as_str()));
        if words.len() < 2 || qualified {
            return None;
        }
    }
    let name = words.join(" ");
    if looks_like_person(&name) {
        return Some(unshout(&name));
    }
    // "ROB STOTT": short words in capitals look like an acronym ("USA TODAY") until they are
    // written as people write names and the entity tagger takes them for a person's.
    let shouted = (2..=4).contains(&words.len()) && !name.chars().any(char::is_lowercase);
    let written = unshout(&name);
    (shouted && looks_like_person(&written) && is_person_name(&written)).then_some(written)
}

/// A person's name printed with no credit around it (a site's name, a name after a date): two
/// to four words that look like a name, open with a given name and read as a person's to the
/// entity tagger (which takes site names like "Skip Navigation" for people), written as people
/// write names.
pub(crate) fn uncredited_person(text: &str) -> Option<String> {
    let words = text.split_whitespace().count();
    let given = text
        .split_whitespace()
        .next()
        .is_some_and(nlp_lite::is_given_name);
    ((2..=4).contains(&words) && given && looks_like_person(text) && is_person_name(text))
        .then(|| unshout(text))
}

/// Whether a short text is one person's name and nothing else, by the entity tagger.
pub(crate) fn is_person_name(text: &str) -> bool {
    let len = text.chars().count();
    nlp_lite::tag_entities(text)
        .iter()
        .any(|e| e.ty == nlp_lite::EntityType::Person && e.start == 0 && e.end == len)
}

/// A name printed in capitals ("KORIN MILLER", "SEAN O'BRIEN-SMITH") in the case people write
/// it; any other name comes back as it is.
pub(crate) fn unshout(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

/// Parses a byline line, or returns `None` when the line is not one.
pub(crate) fn parse(line: &str) -> Option<Byline> {
    // 31 words take at least 61 bytes: shorter lines need no count.
    if line.len() > 60 && line.split_whitespace().nth(30).is_some() {
        return None;
    }
    parse_short(line)
}

/// [`parse`] for a line the caller knows to have at most 30 words (as `split_whitespace`
/// counts them), which `parse` would otherwise count.
pub(crate) fn parse_short(line: &str) -> Option<Byline> {
    let line = line.trim();
    // The ungluing below only inserts spaces: what this pass finds holds for the unglued line.
    let scan = LineBytes::of(line);
    // "ByJane Doe": a byline whose space was lost in the copy.
    let unglued;
    let line = match line.strip_prefix("By") {
        Some(rest) if rest.starts_with(|c: char| c.is_uppercase()) => {
            unglued = format!("By {rest}");
            unglued.as_str()
        }
        _ => line,
    };
    // Every label opens with 'P' or 'U'.
    let unglued_label = scan.p_or_u.then(|| unglue_label(line)).flatten();
    let line = unglued_label.as_deref().unwrap_or(line);
    // Every date this function reads has a four-digit year: most lines have none, and their
    // parts need no date tests.
    let line_dated = scan.digits >= 4;
    let unglued_date = line_dated.then(|| unglue_month(line)).flatten();
    let line = unglued_date.as_deref().unwrap_or(line);
    let mut out = Byline::default();
    // Fast path: a line where no separator can match is one part (no regex run).
    let recognised = if scan.separator && may_separate(line) {
        // Every part is read, even after one is recognised.
        SEPARATORS.split(line).fold(false, |any, part| {
            read_part(part, line_dated, &mut out) | any
        })
    } else {
        read_part(line, line_dated, &mut out)
    };
    recognised.then_some(out)
}

/// What [`parse_short`] needs to know of a line's bytes, found in one pass.
#[derive(Default)]
struct LineBytes {
    /// ASCII digits.
    digits: usize,
    /// Whether it holds a 'P' or a 'U'.
    p_or_u: bool,
    /// Whether it holds a '|', a '-' or a non-ASCII byte, one of which every separator has
    /// (see [`may_separate`]).
    separator: bool,
}

impl LineBytes {
    /// Reads the bytes of `line`.
    fn of(line: &str) -> LineBytes {
        let bytes = line.as_bytes();
        let mut out = LineBytes::default();
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: eight ASCII bytes at once (the spaces padding the last ones match
            // none of the tests).
            if let Some((x, len)) = swar::ascii_at(bytes, i) {
                out.digits += swar::count(swar::in_range(x, b'0', b'9'));
                out.p_or_u |= swar::eq(x, b'P') | swar::eq(x, b'U') != 0;
                out.separator |= swar::eq(x, b'|') | swar::eq(x, b'-') != 0;
                i += len;
                continue;
            }
            let b = bytes[i];
            out.digits += usize::from(b.is_ascii_digit());
            out.p_or_u |= matches!(b, b'P' | b'U');
            out.separator |= matches!(b, b'|' | b'-') || !b.is_ascii();
            i += 1;
        }
        out
    }
}

/// Reads one part of a byline line into `out`; whether it was recognised. `line_dated`: whether
/// the whole line holds four ASCII digits (no part without them is read for a date).
fn read_part(part: &str, line_dated: bool, out: &mut Byline) -> bool {
    let part = part.trim();
    if part.is_empty() {
        return false;
    }
    // `is_match` runs on the DFA; the capturing engines only see real bylines. Most parts
    // open with no word [`BY`] can open with and skip the regex.
    let by = may_open_credit(part) && BY.is_match(part);
    let dated = line_dated && part.bytes().filter(u8::is_ascii_digit).count() >= 4;
    // "Published May 2, 2024 by Jane Doe": a date, then the credit.
    // The regex only runs on parts holding a year and "by" in some case.
    let mid = (!by && dated && has_by(part))
        .then(|| MID_BY.find(part))
        .flatten()
        .filter(|m| part[..m.start()].split_whitespace().count() <= 6);
    if let Some(m) = mid {
        let (left, right) = (&part[..m.start()], part[m.start()..].trim_start());
        if let Some(names) = parse(right) {
            // A numeric date whose day and month could be swapped ("03/01/2017 by Jane
            // Doe") still makes the line a byline; the page's other dates decide it.
            let date = parse(left).filter(|d| d.published.is_some() || d.updated.is_some());
            if date.is_some() || timestamp::is_numeric_date(left) {
                if let Some(date) = date {
                    merge(out, date);
                }
                merge(out, names);
                return true;
            }
        }
    }
    // A labelled date needs a year; the regex only runs on parts with four digits.
    let labelled = if !by && dated && may_hold_date_label(part) {
        LABELLED_DATE.captures(part)
    } else {
        None
    };
    if let Some(label) = labelled {
        let Some(whole) = label.get(0) else {
            return false;
        };
        let rest = &part[whole.end()..];
        if let Some(ts) = timestamp::parse(rest, Source::Byline) {
            let key = label
                .get(1)
                .map(|m| m.as_str().to_lowercase())
                .unwrap_or_default();
            let updated = key.contains("updated") || key.contains("modified");
            // "Updated May 9, 2024 Originally published May 2, 2024": a second label with
            // the other kind of date.
            let other = LABELLED_DATE
                .captures_iter(rest)
                .filter_map(|c| Some((c.get(0)?.end(), c.get(1)?.as_str().to_lowercase())))
                .find(|(_, k)| (k.contains("updated") || k.contains("modified")) != updated)
                .and_then(|(end, _)| timestamp::parse(&rest[end..], Source::Byline));
            let (first, second) = if updated {
                (&mut out.updated, &mut out.published)
            } else {
                (&mut out.published, &mut out.updated)
            };
            *first = Some(ts);
            if let Some(o) = other {
                *second = Some(o);
            }
            return true;
        }
    }
    // `is_match` runs on the DFA; the capturing engines only see real bylines.
    if let Some(caps) = by.then(|| BY.captures(part)).flatten() {
        // Editors, reviewers and photographers are credited, but they are not authors.
        let writes = caps.get(1).is_none_or(|m| {
            let role = m.as_str().to_ascii_lowercase();
            [
                "written", "posted", "reported", "story", "words", "text", "article",
            ]
            .contains(&role.as_str())
        });
        let names = caps.get(2).map(|m| m.as_str()).unwrap_or_default();
        // A date glued to the names ("By Jane Doe November 3, 2024") is split off.
        let (names, date) = split_trailing_date(names);
        if let Some(ts) = date {
            out.published.get_or_insert(ts);
        }
        let names = without_counts(names);
        if names.starts_with(char::is_lowercase) && agency_name(names).is_none() {
            // "By contrast, …", "By submitting your email, …": a sentence, not a credit.
            return false;
        }
        if writes {
            add_names(names, out);
        }
        return true;
    }
    // A bare numeric date is a date line only when it is nearly all the part: "Sync from rust
    // 2025/11/01" is a list entry. A part of more than eight words is no date line: it is not
    // parsed.
    if dated {
        let words = part.split_whitespace().count();
        if let Some(ts) = (words <= 8)
            .then(|| timestamp::parse(part, Source::Byline))
            .flatten()
        {
            if words <= 3 || timestamp::has_named_or_iso_date(part) {
                out.published.get_or_insert(ts);
                return true;
            }
        }
    }
    if let Some(agency) = agency_name(part) {
        out.agencies.push(agency);
        return true;
    }
    false
}

/// Four letters every label of [`LABELLED_DATE`] holds: "updated" and "date" hold "date",
/// "modified" "difi", "published" "blis", "posted" "oste", "created" "reat".
const DATE_LABEL_WINDOWS: [&[u8; 4]; 5] = [b"date", b"difi", b"blis", b"oste", b"reat"];

/// Whether [`LABELLED_DATE`] may match `part`: it holds one of [`DATE_LABEL_WINDOWS`], ignoring
/// ASCII case. A part with a non-ASCII character (which may fold to an ASCII letter: "ſ" to
/// "s") is left to the regex.
// Most dated parts are bare dates ("May 2, 2025"); the regex's automaton would read each to its
// end, where four-byte comparisons of each window rule it out. No regex call does this.
fn may_hold_date_label(part: &str) -> bool {
    // Setting the case bit of every byte lower-cases the ASCII letters and makes no other byte
    // a small letter.
    let windows = DATE_LABEL_WINDOWS.map(|w| u32::from_le_bytes(*w));
    !part.is_ascii()
        || part.as_bytes().windows(4).any(|w| {
            let x = w.try_into().map_or(0, u32::from_le_bytes) | 0x2020_2020;
            windows.contains(&x)
        })
}

/// The words [`BY`] can open with (lower-cased): its roles' first words and its prepositions.
const CREDIT_OPENERS: &[&str] = &[
    "written",
    "posted",
    "reported",
    "edited",
    "reviewed",
    "medically",
    "fact",
    "story",
    "words",
    "text",
    "article",
    "photo",
    "photos",
    "photography",
    "illustration",
    "illustrations",
    "author",
    "authors",
    "contributor",
    "contributors",
    "by",
    "par",
    "por",
    "von",
    "door",
    "av",
    "af",
];

/// Whether a trimmed part may match [`BY`]: its leading ASCII letters, lower-cased, are one of
/// [`CREDIT_OPENERS`]. A non-ASCII letter right after them may fold to an ASCII one in the
/// regex's case-insensitive match ("ſ" to "s"): such a part is left to the regex.
fn may_open_credit(part: &str) -> bool {
    let bytes = part.as_bytes();
    let n = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if bytes.get(n).is_some_and(|b| !b.is_ascii()) {
        return true;
    }
    let mut buf = [0u8; 16];
    let Some(word) = buf.get_mut(..n) else {
        return false;
    };
    word.copy_from_slice(&bytes[..n]);
    word.make_ascii_lowercase();
    CREDIT_OPENERS.iter().any(|w| w.as_bytes() == &*word)
}

/// Whether [`SEPARATORS`] may match in `line`: every separator holds a '|', or a '-', '•', '·',
/// '⋅', '∙', '●', '–' or '—' with white space (`\s`, which is [`char::is_whitespace`]) right after it. Most
/// lines with a hyphen or a curly quote (whose first byte '–' and '—' share) have none.
fn may_separate(line: &str) -> bool {
    let bytes = line.as_bytes();
    // Only bytes that open one of those characters are looked at; each is a character boundary.
    bytes.iter().enumerate().any(|(at, &b)| match b {
        b'|' => true,
        b'-' | 0xc2 | 0xe2 => {
            let mut rest = line.get(at..).unwrap_or_default().chars();
            matches!(
                rest.next(),
                Some('-' | '•' | '·' | '⋅' | '∙' | '●' | '–' | '—')
            ) && rest.next().is_some_and(char::is_whitespace)
        }
        _ => false,
    })
}

/// Whether `text` holds the letters "by" in any case (what [`MID_BY`] needs).
fn has_by(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] | 0x20 == b'b' && w[1] | 0x20 == b'y')
}

/// `line` with a space put before a date label glued to the name in front ("BY JANE
/// DOEPUBLISHED: JAN 29, 2025"), or `None` when nothing is glued. Only the first occurrence of
/// each label counts.
fn unglue_label(line: &str) -> Option<String> {
    const LABELS: &[&str] = &["PUBLISHED", "UPDATED", "Published", "Updated"];
    let bytes = line.as_bytes();
    let mut seen = [false; LABELS.len()];
    // One pass over the line: every label opens with 'P' or 'U', so only those bytes are
    // looked at; the first glued label found is the earliest.
    for (at, &b) in bytes.iter().enumerate() {
        if b != b'P' && b != b'U' {
            continue;
        }
        for (k, label) in LABELS.iter().enumerate() {
            if seen[k] || !bytes[at..].starts_with(label.as_bytes()) {
                continue;
            }
            seen[k] = true;
            let glued = line[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
            let labelled = line[at + label.len()..].starts_with([':', ' ']);
            if glued && labelled {
                return Some(format!("{} {}", &line[..at], &line[at..]));
            }
        }
    }
    None
}

/// `line` with a space put before a month name glued to the word in front ("Jane DoeMarch 3,
/// 2024", "OpinionSep 8, 2022"), or `None` when nothing is glued. Only a capitalised month
/// followed by a day counts.
fn unglue_month(line: &str) -> Option<String> {
    const MONTHS: &[&str] = &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sept",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ];
    // Cheap prefilter: a date needs a year.
    if line.bytes().filter(u8::is_ascii_digit).count() < 4 {
        return None;
    }
    let bytes = line.as_bytes();
    let mut cuts = Vec::new();
    for i in 1..bytes.len() {
        if !(bytes[i - 1].is_ascii_lowercase() && bytes[i].is_ascii_uppercase()) {
            continue;
        }
        let rest = &line[i..];
        let glued = MONTHS.iter().any(|m| {
            rest.strip_prefix(m)
                .map(|r| r.strip_prefix('.').unwrap_or(r))
                .and_then(|r| r.strip_prefix(' '))
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        });
        if glued {
            cuts.push(i);
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(line.len() + cuts.len());
    let mut from = 0;
    for cut in cuts {
        out.push_str(&line[from..cut]);
        out.push(' ');
        from = cut;
    }
    out.push_str(&line[from..]);
    Some(out)
}

/// The date a line opens with, as a byline holding only that date: "Posted on May 2, 2024 by
/// Jane Doe - 5 Comments on …", "Jane Doe 2 May 2024 SEO, Guides". Only the first few words
/// are read, and only dates come back (no names: the line was not a credit).
pub(crate) fn date_line(text: &str) -> Option<Byline> {
    const WORDS: usize = 12;
    // Cheap prefilter: a date needs a year.
    if text.bytes().take(160).filter(u8::is_ascii_digit).count() < 4 {
        return None;
    }
    // The byte offset where word number WORDS starts.
    let mut words = 0;
    let mut end = text.len();
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            if words == WORDS {
                end = i;
                break;
            }
            words += 1;
        }
    }
    let head = text.get(..end)?;
    // A short line holding a date anywhere ("Jane Doe 2 May 2024 SEO, Guides").
    let b = parse(head).or_else(|| {
        let ts = (words < WORDS || end == text.len())
            .then(|| timestamp::parse(head, Source::Byline))??;
        Some(Byline {
            published: Some(ts),
            ..Byline::default()
        })
    })?;
    (b.published.is_some() || b.updated.is_some()).then(|| Byline {
        published: b.published,
        updated: b.updated,
        ..Byline::default()
    })
}

/// A short line holding a numeric date whose day and month could be swapped ("03/04/2025 |
/// 5 min read"), read in the page's `order`, as a byline holding only that date.
pub(crate) fn ordered_date_line(text: &str, order: timestamp::DayOrder) -> Option<Byline> {
    if text.split_whitespace().nth(12).is_some() {
        return None;
    }
    let ts = timestamp::parse_in_order(text, Source::Byline, order)?;
    Some(Byline {
        published: Some(ts),
        ..Byline::default()
    })
}

/// Adds what `from` credits to `into`.
fn merge(into: &mut Byline, from: Byline) {
    for a in from.authors {
        if !into.authors.contains(&a) {
            into.authors.push(a);
        }
    }
    for a in from.agencies {
        if !into.agencies.contains(&a) {
            into.agencies.push(a);
        }
    }
    if into.published.is_none() {
        into.published = from.published;
    }
    if into.updated.is_none() {
        into.updated = from.updated;
    }
}

fn split_trailing_date(names: &str) -> (&str, Option<Timestamp>) {
    // The first whole word that can open a date: a month ("Marenko" is no "Mar"), a label or a
    // year.
    let mut offset: usize = 0;
    let mut cut = None;
    for (k, w) in names.split(' ').enumerate() {
        let key = w.trim_end_matches(['.', ',', ':']).to_lowercase();
        let year = key.len() == 4 && (key.starts_with("20") || key.starts_with("19"));
        // A date may open the names too ("Written By Feb 11, 2019"): it still needs to parse.
        let month = timestamp::is_month_word(&key);
        let month_first = k == 0 && month;
        if (k > 0 || month_first)
            && (month
                || key == "updated"
                || key == "published"
                || year
                || key.starts_with(|c: char| c.is_ascii_digit()))
        {
            cut = Some(offset.saturating_sub(1));
            break;
        }
        offset += w.len() + 1;
    }
    match cut {
        Some(i) if names.is_char_boundary(i) => {
            let ts = timestamp::parse(&names[i..], Source::Byline);
            if ts.is_some() && i == 0 {
                return ("", ts);
            }
            if ts.is_some() {
                let kept = names[..i].trim_end_matches([',', ' ', '-']);
                // "Posted by Jane at May 2, 2024", "By Jane Doe on May 2, 2024".
                let kept = kept.trim_end_matches(['.', ' ']);
                let kept = [" on", " at", " On", " At", " last", " Last"]
                    .iter()
                    .find_map(|w| kept.strip_suffix(w))
                    .unwrap_or(kept);
                (kept.trim_end_matches([',', ' ', '-']), ts)
            } else {
                (names, None)
            }
        }
        _ => (names, None),
    }
}

/// The names of a credit without a reading time or a comment count printed after them ("Jane
/// Doe 15 min read", "Jane Doe—10 min read", "Jane Doe 4 Comments").
fn without_counts(names: &str) -> &str {
    static COUNT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s*[—–-]?\s*\d+(?:\s*[–-]\s*\d+)?\s*(?:mins?|minutes?|comments?|responses?|replies)(?:\s+read)?\.?\s*$")
            .expect("static regex")
    });
    if !names.bytes().any(|b| b.is_ascii_digit()) {
        return names;
    }
    COUNT.find(names).map_or(names, |m| &names[..m.start()])
}

fn add_names(names: &str, out: &mut Byline) {
    // "Jane Doe, Home and Garden Expert": a later comma part holding a job title is dropped
    // whole, before its "and" can split it into a name.
    // The parts after a job title name where the person works ("Jane Doe, Senior Director,
    // Example Corp"), unless an "and" opens them ("Jane Doe, Editor, and John Roe").
    let mut after_role = false;
    let kept: Vec<&str> = names
        .split([',', ';'])
        .enumerate()
        .filter(|&(k, part)| {
            if k == 0 {
                return true;
            }
            if part.split_whitespace().any(is_role) {
                after_role = true;
                return false;
            }
            let listed =
                part.trim_start().starts_with("and ") || part.trim_start().starts_with("& ");
            !after_role || listed
        })
        .map(|(_, part)| before_title_and(part))
        .collect();
    let names = kept.join(",");
    for (k, name) in NAME_SPLIT.split(&names).enumerate() {
        let name = clean_name(name);
        if name.is_empty() {
            continue;
        }
        if let Some(agency) = agency_name(&name) {
            if !out.agencies.contains(&agency) {
                out.agencies.push(agency);
            }
        } else if let Some(person) = person_name(&name) {
            if !out.authors.contains(&person) {
                out.authors.push(person);
            }
        } else if k == 0 {
            // The first name is a desk, a filter label or words: what follows is no list of
            // people ("By Staff, Ellen Hart's readers …").
            return;
        }
    }
}

/// A comma part of a credit cut before an "and" that follows a job title ("Jane Doe Digital
/// Editor and Master Gardener"): what follows the "and" goes on with the title and names no
/// one else.
fn before_title_and(part: &str) -> &str {
    let mut from = 0;
    while let Some(at) = part.get(from..).and_then(|rest| rest.find(" and ")) {
        let at = from + at;
        let before = part.get(..at).unwrap_or_default();
        if before.split_whitespace().last().is_some_and(is_role) {
            return before;
        }
        from = at + " and ".len();
    }
    part
}

/// Strips roles and handles: "Jane Doe, Staff Writer" has already been split; this drops
/// "@handle", "(Reuters)" and trailing punctuation.
fn clean_name(name: &str) -> String {
    let mut s = name.trim();
    if let Some(i) = s.find(" (") {
        s = &s[..i];
    }
    if let Some(i) = s.find(" @") {
        s = &s[..i];
    }
    s.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ',' | ':' | '-' | '|' | '•' | '·' | '⋅' | '∙' | '●' | '–' | '—'
            )
    })
    .to_owned()
}

/// The first words of the labels [`is_bare_label`] knows, after white space.
static LABEL_OPENERS: LazyLock<OpeningWords> = LazyLock::new(|| {
    OpeningWords::new(
        |b| matches!(b, b'\t'..=b'\r' | b' '),
        &[
            "by", "written", "article", "text", "posted", "words", "story", "author", "authors",
            "reported",
        ],
        &[],
    )
});

/// Whether a line is only a byline label ("By", "Written by", "Author:") whose names follow on
/// the next line.
pub(crate) fn is_bare_label(line: &str) -> bool {
    // Most lines open with a word no label opens with: they need no trimming and comparing
    // (this runs on every block of a page).
    if !LABEL_OPENERS.admit(line) {
        return false;
    }
    let l = line.trim().trim_end_matches(':').trim();
    [
        "by",
        "written by",
        "article by",
        "article written by",
        "text by",
        "posted by",
        "words by",
        "story by",
        "author",
        "authors",
        "reported by",
    ]
    .iter()
    .any(|label| label.eq_ignore_ascii_case(l))
}

/// Bytes of the longest word [`looks_like_person`] takes for part of a name.
const LONGEST_NAME_WORD: usize = 24;

/// A plausible person's name: one to five words, capitalised, no desk words, no digits.
pub(crate) fn looks_like_person(name: &str) -> bool {
    let count = name.split_whitespace().take(6).count();
    if count == 0 || count > 5 || name.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // Words run together ("Doethoughtsprojectsabout": a name glued to a menu) are no name.
    if name.split_whitespace().any(|w| w.len() > LONGEST_NAME_WORD) {
        return false;
    }
    // The cheapest test, which most lines fail, runs first (the tests below only rule out more).
    if !name.split_whitespace().all(is_capitalised_name_word) {
        return false;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    // Handles and words glued by markup ("jane_doe", "ChecklistsJust") are no names.
    if name.contains(['@', ':', '_'])
        || words.iter().any(|w| is_glued(w))
        || name.contains("://")
        || name.contains('.') && !name.contains(". ") && words.len() == 1
    {
        return false;
    }
    let lower = name.to_lowercase();
    if lower.split_whitespace().any(|w| NOT_PEOPLE.contains(&w)) {
        return false;
    }
    // "The Daily Record", "Company Size", "Senior Writer", "Written By".
    if words[0].eq_ignore_ascii_case("the")
        || words.iter().all(|w| FACETS.contains(&word_key(w).as_str()))
        || words.iter().any(|w| is_role(w))
        || is_bare_label(name)
    {
        return false;
    }
    // Credentials and acronyms ("MS", "RD", "CEPF®", "USA TODAY") are not names.
    let all_caps = words.iter().all(|w| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase())
    });
    !all_caps && !name.contains(['®', '™'])
}

/// A word of a name: capitalised, or a lower-case particle ("de", "van", "bin", …).
pub(crate) fn is_capitalised_name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        || [
            "de", "van", "von", "der", "da", "di", "bin", "al", "el", "la", "le",
        ]
        .contains(&w)
}

/// A run of five lower-case letters and then a capital inside one word ("ChecklistsJust");
/// "McNally", "MacDonald" and "DiBenedetto" have shorter runs.
fn is_glued(word: &str) -> bool {
    let mut run = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            run += 1;
        } else if c.is_uppercase() && run >= 5 {
            return true;
        } else {
            run = 0;
        }
    }
    false
}

/// The shapes of a credit in running text, one regex each, with what a match credits and a
/// word it cannot match without: "Yonhap news agency reported", "according to (the) Reuters
/// (news agency)", "(AFP) —", "via AP". The regex engine looks for the literal that opens the
/// last three before it runs them; the first opens with any capitalised word, so a plain
/// search for its word decides whether it runs at all (one alternation of all four had no
/// literal to look for and ran its automaton over every byte of every body).
static REPORTED: LazyLock<[(Regex, AttributionKind, &str); 4]> = LazyLock::new(|| {
    let re = |pattern: &str| Regex::new(pattern).expect("static regex");
    [
        (
            re(
                r"(?-u:\b)([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})\s+news\s+agency\s+(?:reported|said|quoted|added|cited)",
            ),
            AttributionKind::ReportedBy,
            "agency",
        ),
        (
            re(
                r"according\s+to\s+(?:the\s+)?([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})(?:\s+news\s+agency)?(?-u:\b)",
            ),
            AttributionKind::ReportedBy,
            "according",
        ),
        (
            re(r"\(([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})\)\s*[-–—]"),
            AttributionKind::BylineAgency,
            "(",
        ),
        (
            re(r"(?-u:\b)via\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})"),
            AttributionKind::Via,
            "via",
        ),
    ]
});

/// Credits made in running text: "Yonhap news agency reported", "according to Reuters",
/// "(AFP) —", "via AP". Only wire agencies (or explicit "X news agency") count.
pub(crate) fn attributions_in_text(text: &str) -> Vec<Attribution> {
    // Every credit of every shape, in the order of the text, as one search for all the shapes
    // would find them: leftmost first, the earlier shape first where two start together, and
    // none that overlaps one taken before it. Captures run only on the (short) matches.
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (shape, (re, _, needs)) in REPORTED.iter().enumerate() {
        if text.contains(needs) {
            found.extend(re.find_iter(text).map(|m| (m.start(), shape, m.end())));
        }
    }
    found.sort_unstable();
    let mut out: Vec<Attribution> = Vec::new();
    let mut taken_to = 0;
    for (start, shape, end) in found {
        if start < taken_to {
            continue;
        }
        let (re, kind, _) = &REPORTED[shape];
        let Some(m) = re.captures(&text[start..end]).and_then(|c| c.get(1)) else {
            continue;
        };
        taken_to = end;
        let name = m.as_str();
        // A name that is no known agency counts when the text calls it a news agency: always
        // in the first shape, in "according to X news agency" in the second.
        let explicit = match shape {
            0 => true,
            1 => text[start..end].ends_with("agency"),
            _ => false,
        };
        let name = match agency_name(name) {
            Some(a) => a.to_owned(),
            None if explicit => name.trim().to_owned(),
            None => continue,
        };
        if !out.iter().any(|a| a.name == name && a.kind == *kind) {
            out.push(Attribution { name, kind: *kind });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_tests_are_no_narrower_than_the_regexes() {
        for line in [
            "By Jane Doe | May 2, 2024",
            "By Jane Doe|Reuters",
            "Jane Doe - Staff Writer",
            "Jane Doe -Staff",
            "Co-founder's note, 2024",
            "Jane Doe \u{2014} 3 May 2024",
            "Jane Doe\u{2014}3 May 2024",
            "Don\u{2019}t miss \u{201c}this\u{201d}",
            "Jane Doe \u{b7}\u{a0}Reuters",
            "Jane Doe \u{2022}\u{3000}PTI",
            "Price: 1999 Pounds Per Unit",
            "",
        ] {
            let scan = LineBytes::of(line);
            assert_eq!(
                scan.digits,
                line.bytes().filter(u8::is_ascii_digit).count(),
                "{line:?}"
            );
            assert_eq!(
                scan.p_or_u,
                line.contains('P') || line.contains('U'),
                "{line:?}"
            );
            if SEPARATORS.is_match(line) {
                assert!(scan.separator && may_separate(line), "{line:?}");
            }
        }
    }

    #[test]
    fn date_label_test_is_no_narrower_than_the_regex() {
        crate::testing::check_gate(
            &LABELLED_DATE,
            may_hold_date_label,
            &[
                "Last Updated: May 2, 2024",
                "UPDATED 3 May 2024",
                "modified on 2024-05-02",
                "First published May 2, 2024",
                "Posted at 10:30, May 2, 2024",
                "Created: 2024",
                "Date: 02/05/2024",
                "Publi\u{17f}hed 2 May 2024",
            ],
            &[
                "May 2, 2024",
                "Jane Doe 2024/05/02",
                "Sync from rust 2025/11/01",
            ],
        );
    }

    proptest::proptest! {
        #[test]
        fn date_label_test_never_rejects_a_label(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "last", "updated", "UPDATED", "Up", "dated", "modified", "published", "first",
                    "posted", "Posted", "created", "date", "Date", "DA", "te", "on", "at", ":",
                    " ", " ", "", "ſ", "é", "2024", "May", "_", "-",
                ]),
                1..8,
            )
        ) {
            let part = pieces.concat();
            proptest::prop_assert!(
                may_hold_date_label(&part) || !LABELLED_DATE.is_match(&part),
                "{:?}",
                part
            );
        }
    }

    #[test]
    fn agencies_in_any_case() {
        assert_eq!(agency_name(" reuters. "), Some("Reuters"));
        assert_eq!(agency_name("YONHAP NEWS AGENCY"), Some("Yonhap"));
        assert_eq!(agency_name("TT NYHETSBYRÅN"), Some("TT"));
        assert_eq!(agency_name("\u{212a}yodo"), Some("Kyodo"));
        assert_eq!(agency_name("News agency"), None);
        assert_eq!(agency_name("Reuters staff"), None);
    }

    #[test]
    fn agency_byline_with_update() {
        let b = parse("By IANS | Updated: November 3, 2024 15:05 IST").expect("byline");
        assert_eq!(b.agencies, vec!["IANS"]);
        assert!(b.authors.is_empty());
        assert_eq!(
            b.updated.map(|t| t.local),
            Some("2024-11-03T15:05:00+05:30".to_owned())
        );
    }

    #[test]
    fn a_credit_whose_colon_lost_its_space() {
        let b = parse("Written by:Liesel Marsh").expect("byline");
        assert_eq!(b.authors, vec!["Liesel Marsh"]);
        let b = parse("Author:Liesel Marsh").expect("byline");
        assert_eq!(b.authors, vec!["Liesel Marsh"]);
        // No colon and no space: a word, not a credit.
        assert!(parse("Byways of the old town").is_none());
    }

    #[test]
    fn people() {
        let b = parse("By Jane Doe and John Roe, Staff").expect("byline");
        assert_eq!(b.authors, vec!["Jane Doe", "John Roe"]);
        let b = parse("Written by Ana María Ruiz | 4 March 2025").expect("byline");
        assert_eq!(b.authors, vec!["Ana María Ruiz"]);
        assert_eq!(b.published.map(|t| t.local), Some("2025-03-04".to_owned()));
        let b = parse("ByNina Okafor").expect("glued byline");
        assert_eq!(b.authors, vec!["Nina Okafor"]);
        assert!(parse("Bypass roads reopen").is_none());
        assert!(
            is_bare_label("Written By") && is_bare_label("by:") && !is_bare_label("by the river")
        );
        // Every label, however it is spaced, cased and colon-ended, passes the first-letter test.
        for label in [
            "\u{a0}By ",
            "  AUTHOR::",
            "Authors:",
            "article by",
            "Article Written By:",
            "text by",
            "Posted by",
            "words by",
            "Story By",
            "Reported by :",
            "\tWRITTEN BY",
        ] {
            assert!(is_bare_label(label), "{label:?}");
        }
        for line in ["Home", "Jane Doe", "", ":::", "Ву"] {
            assert!(!is_bare_label(line), "{line:?}");
        }
        let b = parse("By Reuters Staff").expect("byline");
        assert!(b.authors.is_empty());
        assert!(parse("The minister said the plan would go ahead.").is_none());
    }

    #[test]
    fn date_then_credit_on_one_line() {
        let b = parse("Published March 3, 2024 by Tomas Verhoek").expect("byline");
        assert_eq!(b.authors, vec!["Tomas Verhoek"]);
        assert!(b.published.is_some());
        let b = parse("Posted by Ilse on March 3, 2024").expect("byline");
        assert_eq!(b.authors, vec!["Ilse"]);
        let b = parse("By Ilse Marenko Last Updated: March 3, 2024").expect("byline");
        assert_eq!(b.authors, vec!["Ilse Marenko"]);
        // Day and month could be swapped: the names count, the date is left to the page.
        let b = parse("04/02/2019 by Petra Olsen, Member of the Review Board").expect("byline");
        assert_eq!(b.authors, vec!["Petra Olsen"]);
        assert!(b.published.is_none());
        assert!(parse("Release 04/02/2019 by the board").is_none());
    }

    #[test]
    fn labelled_credits_need_their_colon() {
        let b = parse("Contributors: Maren Holt").expect("byline");
        assert_eq!(b.authors, vec!["Maren Holt"]);
        let b = parse("Authors: Maren Holt and Idris Bello").expect("byline");
        assert_eq!(b.authors, vec!["Maren Holt", "Idris Bello"]);
        assert!(parse("Author Maren Holt").is_none());
        assert!(parse("Authors say the rules are unclear").is_none());
    }

    #[test]
    fn glued_and_leading_dates() {
        let b = parse("By Odile FarrowApril 7, 2023").expect("byline");
        assert_eq!(b.authors, vec!["Odile Farrow"]);
        assert_eq!(b.published.map(|t| t.local).as_deref(), Some("2023-04-07"));
        let b = parse("Written By Jun 4, 2018 · 6 min read").expect("byline");
        assert!(b.authors.is_empty());
        assert_eq!(b.published.map(|t| t.local).as_deref(), Some("2018-06-04"));
        let b = parse("ReviewsAug 30, 2021").expect("date line");
        assert_eq!(b.published.map(|t| t.local).as_deref(), Some("2021-08-30"));
        assert_eq!(unglue_month("McDonald 2020"), None);
    }

    #[test]
    fn date_lines_near_the_headline() {
        let day = |t: &str| date_line(t).and_then(|b| b.published).map(|t| t.local);
        assert_eq!(
            day("Posted on June 2, 2022 by Oskar Lindqvist (Nordwind) - 3 Comments on Why the harbour froze early this winter").as_deref(),
            Some("2022-06-02")
        );
        assert_eq!(
            day("Mira Solberg 4 October 2023 Gardening, Soil, Compost").as_deref(),
            Some("2023-10-04")
        );
        assert!(day("The harbour froze early this winter, the earliest since records began in 1911 and the third time in a decade").is_none());
        assert!(date_line("Oskar Lindqvist").is_none());
    }

    #[test]
    fn numeric_dates_need_a_short_part() {
        assert!(parse("2024/10/03").is_some());
        assert!(parse("Merge from upstream 2024/10/03").is_none());
        assert!(parse("Merged from upstream on October 3, 2024").is_some());
    }

    #[test]
    fn updated_then_originally_published() {
        let b = parse("Updated June 3, 2021 Originally published May 28, 2021").expect("byline");
        assert_eq!(b.updated.map(|t| t.local).as_deref(), Some("2021-06-03"));
        assert_eq!(b.published.map(|t| t.local).as_deref(), Some("2021-05-28"));
    }

    #[test]
    fn sentences_and_filters_are_not_credits() {
        assert!(parse("By contrast, the northern valleys stayed dry all summer.").is_none());
        assert!(parse("By signing up, you accept the Terms and Privacy Policy").is_none());
        for label in [
            "By Company Size",
            "BY PRODUCT TYPE",
            "By Region",
            "By Service & Solution",
        ] {
            let b = parse(label).expect("still a credit line");
            assert!(b.authors.is_empty(), "{label}");
        }
        assert!(parse("AF Holdings").is_none());
        let b = parse("Edited by Maren Tolliver").expect("byline");
        assert!(b.authors.is_empty());
        let b = parse("By Orla Quist, Kitchen and Garden Expert").expect("byline");
        assert_eq!(b.authors, vec!["Orla Quist"]);
    }

    #[test]
    fn names_lose_titles_labels_and_credentials() {
        assert_eq!(
            person_name("Petra Lindqvist Senior Writer").as_deref(),
            Some("Petra Lindqvist")
        );
        assert_eq!(
            person_name("Rafe Okonjo CPA").as_deref(),
            Some("Rafe Okonjo")
        );
        assert_eq!(
            person_name("Author: Dalia Fenwick").as_deref(),
            Some("Dalia Fenwick")
        );
        assert_eq!(
            person_name("Dalia Fenwick In Travel").as_deref(),
            Some("Dalia Fenwick")
        );
        assert_eq!(
            person_name("Dr. Emil Sand").as_deref(),
            Some("Dr. Emil Sand")
        );
        for not_a_person in [
            "Written By",
            "Author",
            "Content Writer",
            "Co-Founder",
            "Certified Sleep Consultant",
            "The Valley Gazette",
            "Recent Posts",
            "Full Bio",
            "Garden Network",
            "Updated January",
            "jo_writes",
            "Tips ChecklistsPlanning",
        ] {
            assert_eq!(person_name(not_a_person), None, "{not_a_person}");
        }
        assert!(looks_like_person("Nadia McAllister") && looks_like_person("Lu DiMarco"));
    }

    #[test]
    fn glued_labels_and_shouted_names() {
        let b = parse("BY KORIN MILLERPUBLISHED: JAN 29, 2025").expect("byline");
        assert_eq!(b.authors, vec!["Korin Miller"]);
        assert_eq!(b.published.map(|t| t.local), Some("2025-01-29".to_owned()));
        assert_eq!(unshout("SEAN O'BRIEN-SMITH"), "Sean O'Brien-Smith");
        assert_eq!(unshout("Jane McDONALD"), "Jane McDONALD");
        assert_eq!(unglue_label("Updated daily"), None);
    }

    #[test]
    fn text_credits() {
        let a = attributions_in_text(
            "the talks, Yonhap news agency reported. Later, according to Reuters, more.",
        );
        assert_eq!(
            a,
            vec![
                Attribution {
                    name: "Yonhap".into(),
                    kind: AttributionKind::ReportedBy
                },
                Attribution {
                    name: "Reuters".into(),
                    kind: AttributionKind::ReportedBy
                },
            ]
        );
        assert!(attributions_in_text("according to John Smith, it rained").is_empty());
        let dash = attributions_in_text("PARIS (AFP) \u{2014} Talks resumed.");
        assert_eq!(dash[0].kind, AttributionKind::BylineAgency);
    }

    /// The authors [`parse`] reads in `line` (none when it is no byline).
    fn authors(line: &str) -> Vec<String> {
        parse(line).map(|b| b.authors).unwrap_or_default()
    }

    #[test]
    fn words_run_together_are_no_name() {
        assert!(looks_like_person("Dana Whitfield"));
        assert!(!looks_like_person(
            "Dana Whitfieldnotesprojectsaboutarchive"
        ));
    }

    #[test]
    fn names_lose_reading_times_and_comment_counts() {
        assert_eq!(authors("By Dana Whitfield 15 min read"), ["Dana Whitfield"]);
        assert_eq!(
            authors("by Dana Whitfield\u{2014}10 min read"),
            ["Dana Whitfield"]
        );
        assert_eq!(
            authors("By Dana Whitfield 2\u{2013}3 minutes"),
            ["Dana Whitfield"]
        );
        let b = parse("May 3, 2017 By Dana Whitfield 4 Comments").expect("byline");
        assert_eq!(b.authors, ["Dana Whitfield"]);
        assert!(b.published.is_some());
        // A number that is no count stays and keeps the name from being a person's.
        assert!(authors("By Agent 47 Films").is_empty());
        // A desk stays no person once its count is gone.
        assert!(authors("By Example Team\u{2022} 4 mins read").is_empty());
    }

    #[test]
    fn dots_and_bullets_separate_credit_parts() {
        let b = parse(
            "By Dana Whitfield \u{22c5} Founder and Editor-in-Chief \u{22c5} Updated May 6, 2025",
        )
        .expect("byline");
        assert_eq!(b.authors, ["Dana Whitfield"]);
        assert!(b.published.is_some() || b.updated.is_some());
        let b = parse("By Dana Whitfield \u{25cf} December 23, 2025 \u{25cf} 6 min read")
            .expect("byline");
        assert_eq!(b.authors, ["Dana Whitfield"]);
        assert!(b.published.is_some());
        assert_eq!(
            authors("By Dana Whitfield \u{2219} Review Editor"),
            ["Dana Whitfield"]
        );
    }

    #[test]
    fn names_in_capitals_when_the_tagger_takes_them_for_people() {
        assert_eq!(authors("WRITTEN BY ROB STOTT"), ["Rob Stott"]);
        // Filter labels and titles in capitals are no names.
        assert!(authors("BY USE CASE").is_empty());
        assert!(authors("BY COMPANY TYPE").is_empty());
        assert!(authors("By USA TODAY").is_empty());
    }

    #[test]
    fn the_employer_after_a_job_title_is_no_author() {
        assert_eq!(
            authors("By: Dana Whitfield, Sr. Director of Operations, Harbour Van Lines"),
            ["Dana Whitfield"]
        );
        assert_eq!(
            authors("by Dana Whitfield, Senior Director, Content & Marketing, Example Labs"),
            ["Dana Whitfield"]
        );
        assert_eq!(
            authors("By Dana Whitfield, Omar Castell, Ines Marrow"),
            ["Dana Whitfield", "Omar Castell", "Ines Marrow"]
        );
    }

    #[test]
    fn a_job_title_goes_on_past_its_and() {
        assert_eq!(
            authors("Written By: Dana Whitfield Executive Digital Editor and Master Gardener"),
            ["Dana Whitfield"]
        );
        assert_eq!(
            authors("By Dana Whitfield, Senior Editor and Writer"),
            ["Dana Whitfield"]
        );
        // Between names, "and" still lists people.
        assert_eq!(
            authors("By Dana Whitfield and Omar Castell"),
            ["Dana Whitfield", "Omar Castell"]
        );
        assert_eq!(
            authors("By Dana Whitfield, Editor, and Omar Castell"),
            ["Dana Whitfield", "Omar Castell"]
        );
    }

    #[test]
    fn a_date_and_by_apart_by_any_white_space() {
        let b = parse("October 11, 2023\u{a0} by Dana Whitfield").expect("byline");
        assert_eq!(b.authors, ["Dana Whitfield"]);
        assert!(b.published.is_some());
    }
}
