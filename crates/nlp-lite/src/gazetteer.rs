//! Embedded gazetteers, parsed once.
//!
//! Names from open lists (GeoNames cities, country names and demonyms, US Census first names and
//! surnames, the compromise lexicon, cleanco legal suffixes; see NOTICE) are keyed by their
//! normalised token sequence: tokens as `tokens::byte_tokens` splits them, ASCII-lowercased and
//! joined by one space. The entity tagger looks up token windows with the same normalisation.

// Fx hashing: these maps are probed for every token, and keys are not attacker-chosen
// in a way that matters for a batch tool.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use crate::lexicon::{COUNTRY_ALIASES, EXTRA_NORP, ORG_NAMES, REGIONS};
use crate::tokens::byte_tokens;

/// A country (or a country alias).
pub(crate) const COUNTRY: u16 = 1;
/// A city.
pub(crate) const CITY: u16 = 1 << 1;
/// A region: state, province, continent.
pub(crate) const REGION: u16 = 1 << 2;
/// A nationality or group adjective/noun ("Japanese", "Koreans").
pub(crate) const DEMONYM: u16 = 1 << 3;
/// An organisation name.
pub(crate) const ORG: u16 = 1 << 4;
/// A given name.
pub(crate) const FIRST: u16 = 1 << 5;
/// A family name.
pub(crate) const LAST: u16 = 1 << 6;
/// A well-known person's full name.
pub(crate) const PERSON: u16 = 1 << 7;
/// An honorific or title word.
pub(crate) const HONORIFIC: u16 = 1 << 8;
/// Any place flag.
pub(crate) const PLACE: u16 = COUNTRY | CITY | REGION;

/// What the gazetteers know about one name.
#[derive(Debug, Default, Clone)]
pub(crate) struct Entry {
    /// Bit set of the kinds above.
    pub flags: u16,
    /// The canonical name for places, organisations and demonyms ("United States" for "U.S.").
    pub canonical: Option<Box<str>>,
    /// Largest population among cities of this name.
    pub population: u32,
}

/// All embedded name lists.
pub(crate) struct Gazetteer {
    names: HashMap<String, Entry>,
    /// Every key's beginnings that end before one of its spaces ("new", "new york" for "new
    /// york city"): a token window that is none of these starts no longer name.
    prefixes: HashSet<String>,
    legal_suffixes: HashSet<String>,
    /// Longest key, in tokens.
    pub max_len: usize,
}

static COUNTRIES: &str = include_str!("../data/countries.tsv");
static CITIES: &str = include_str!("../data/cities100k.tsv");
static US_STATES: &str = include_str!("../data/us_states.tsv");
static FIRST_NAMES: &str = include_str!("../data/first_names.txt");
static SURNAMES: &str = include_str!("../data/surnames.txt");
static LEGAL: &str = include_str!("../data/legal_suffixes.txt");
static COMPROMISE: &str = include_str!("../data/compromise_lexicon.tsv");

/// The gazetteer, built on first use.
pub(crate) static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);

/// Normalises a name to its key: tokens, ASCII-lowercased, joined by one space.
pub(crate) fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for (s, e) in byte_tokens(name) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&name[s..e].to_ascii_lowercase());
    }
    out
}

impl Gazetteer {
    fn build() -> Self {
        let mut g = Gazetteer {
            names: HashMap::with_capacity_and_hasher(60_000, Default::default()),
            prefixes: HashSet::default(),
            legal_suffixes: HashSet::default(),
            max_len: 1,
        };
        for line in COUNTRIES.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(&name) = cols.get(1) else { continue };
            g.add(name, COUNTRY, Some(name), 0);
            for col in [2usize, 5] {
                for alt in cols.get(col).unwrap_or(&"").split('|') {
                    if !alt.contains(',') {
                        g.add(alt.trim(), COUNTRY, Some(name), 0);
                    }
                }
            }
            for dem in cols.get(3).unwrap_or(&"").split(['|', ',']) {
                g.add(dem.trim(), DEMONYM, Some(dem.trim()), 0);
            }
            if let Some(cap) = cols.get(4) {
                g.add(cap.trim(), CITY, Some(cap.trim()), 1_000_000);
            }
        }
        for &(alias, name) in COUNTRY_ALIASES {
            g.add(alias, COUNTRY, Some(name), 0);
        }
        for line in CITIES.lines().skip(1) {
            let mut cols = line.split('\t');
            let (Some(name), _, Some(pop)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            g.add(name, CITY, Some(name), pop.trim().parse().unwrap_or(0));
        }
        for line in US_STATES.lines() {
            if let Some((_, name)) = line.split_once('\t') {
                g.add(name, REGION, Some(name), 0);
            }
        }
        for &r in REGIONS {
            g.add(r, REGION, Some(r), 0);
        }
        for &(name, canonical) in ORG_NAMES {
            g.add(name, ORG, Some(canonical), 0);
        }
        for &n in EXTRA_NORP {
            g.add(n, DEMONYM, Some(n), 0);
        }
        for line in FIRST_NAMES.lines() {
            g.add(line, FIRST, None, 0);
        }
        for line in SURNAMES.lines() {
            g.add(line, LAST, None, 0);
        }
        for line in COMPROMISE.lines() {
            let Some((kind, name)) = line.split_once('\t') else {
                continue;
            };
            let flags = match kind {
                "City" => CITY,
                "Country" => COUNTRY,
                "Region" => REGION,
                "Demonym" => DEMONYM,
                "Organization" | "SportsTeam" => ORG,
                "FemaleName" | "MaleName" | "FirstName" => FIRST,
                "LastName" => LAST,
                "Person" => PERSON,
                "Honorific" => HONORIFIC,
                _ => continue,
            };
            // The lexicon is lowercase: keep canonical names only where the case is known.
            let canonical =
                (flags & (FIRST | LAST | PERSON | HONORIFIC) == 0).then(|| title_case(name));
            g.add(name, flags, canonical.as_deref(), 0);
        }
        for k in g.names.keys() {
            for (p, _) in k.match_indices(' ') {
                g.prefixes.insert(k[..p].to_string());
            }
        }
        for line in LEGAL.lines() {
            let k = key(line.trim());
            if !k.is_empty() {
                g.legal_suffixes.insert(k);
            }
        }
        g
    }

    fn add(&mut self, name: &str, flags: u16, canonical: Option<&str>, population: u32) {
        let k = key(name);
        if k.is_empty() {
            return;
        }
        self.max_len = self.max_len.max(k.split(' ').count().min(6));
        let e = self.names.entry(k).or_default();
        e.flags |= flags;
        e.population = e.population.max(population);
        if e.canonical.is_none() {
            e.canonical = canonical.map(Box::from);
        }
        // A country's own name wins over a city or lexicon spelling.
        if flags & COUNTRY != 0 && canonical.is_some() {
            e.canonical = canonical.map(Box::from);
        }
    }

    /// The entry for a normalised key.
    pub(crate) fn get(&self, key: &str) -> Option<&Entry> {
        self.names.get(key)
    }

    /// True when some longer key starts with `key` and a space.
    pub(crate) fn is_prefix(&self, key: &str) -> bool {
        self.prefixes.contains(key)
    }

    /// True when `key` is a company legal-form suffix ("inc", "ltd", "gmbh").
    pub(crate) fn is_legal_suffix(&self, key: &str) -> bool {
        self.legal_suffixes.contains(key)
    }
}

/// "united nations" → "United Nations" (lexicon names are stored lowercase).
fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut up = true;
    for c in name.chars() {
        if up {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        up = c == ' ' || c == '-';
    }
    if out.len() <= 4 && !out.contains(' ') {
        // Short lexicon organisations are acronyms: "nato" → "NATO".
        return out.to_uppercase();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, flag: u16, canonical: Option<&str>) {
        let e = GAZETTEER.get(&key(name));
        assert!(
            e.is_some_and(|e| e.flags & flag != 0),
            "{name} lacks flag {flag}"
        );
        if canonical.is_some() {
            assert_eq!(e.and_then(|e| e.canonical.as_deref()), canonical, "{name}");
        }
    }

    #[test]
    fn lookups() {
        check("South Korea", COUNTRY, Some("South Korea"));
        check("U.S.", COUNTRY, Some("United States"));
        check("Seoul", CITY, Some("Seoul"));
        check("Japanese", DEMONYM, None);
        check("South Korean", DEMONYM, None);
        check("NATO", ORG, Some("NATO"));
        check("Europe", REGION, Some("Europe"));
        check("Donald", FIRST, None);
        assert!(GAZETTEER.is_legal_suffix("inc"));
    }

    #[test]
    fn given_names_in_any_case() {
        assert!(crate::is_given_name("Cassidy") && crate::is_given_name("ERIC"));
        assert!(!crate::is_given_name("Learn") && !crate::is_given_name("Navigation"));
        assert!(!crate::is_given_name(""));
    }

    #[test]
    fn prefixes() {
        assert!(GAZETTEER.is_prefix("south"), "South Korea");
        assert!(GAZETTEER.is_prefix("new"), "New York");
        assert!(!GAZETTEER.is_prefix("south korea"), "a whole name only");
        assert!(!GAZETTEER.is_prefix("seoul"));
        assert!(!GAZETTEER.is_prefix(""));
    }
}
