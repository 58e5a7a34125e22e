//! Hand-rolled argument parsing: positional words, `--flag` switches and `--name VALUE` options.

/// The command line after the program name.
#[derive(Debug, Clone, Default)]
pub struct Args {
    words: Vec<String>,
}

/// Options that take a value; every other `--word` is a switch.
const VALUED: &[&str] = &[
    "--data",
    "--file",
    "--docs",
    "--gold",
    "--errors-file",
    "--pages",
];

impl Args {
    /// Reads `std::env::args`, skipping the program name.
    pub fn from_env() -> Args {
        Args {
            words: std::env::args().skip(1).collect(),
        }
    }

    /// Builds arguments from a list of words (for tests).
    #[cfg(test)]
    pub fn from_words(words: &[&str]) -> Args {
        Args {
            words: words.iter().map(|w| (*w).to_owned()).collect(),
        }
    }

    /// The `i`-th word that is neither an option nor an option's value.
    pub fn positional(&self, i: usize) -> Option<&str> {
        let mut out = Vec::new();
        let mut skip = false;
        for w in &self.words {
            if skip {
                skip = false;
            } else if w.starts_with("--") {
                skip = VALUED.contains(&w.as_str());
            } else {
                out.push(w.as_str());
            }
        }
        out.get(i).copied()
    }

    /// Whether the switch `name` was given.
    pub fn flag(&self, name: &str) -> bool {
        self.words.iter().any(|w| w == name)
    }

    /// The value of the last `name VALUE` (or `name=VALUE`).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values(name).last().copied()
    }

    /// Every value given for the option `name`, in order.
    pub fn values(&self, name: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let prefix = format!("{name}=");
        let mut it = self.words.iter();
        while let Some(w) = it.next() {
            if w == name {
                if let Some(v) = it.next() {
                    out.push(v.as_str());
                }
            } else if let Some(v) = w.strip_prefix(&prefix) {
                out.push(v);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Args;

    #[test]
    fn parses_positionals_flags_and_values() {
        let a = Args::from_words(&[
            "eval",
            "ner",
            "--file",
            "a.conll",
            "--json",
            "--file=b.conll",
            "--data",
            "/d",
        ]);
        assert_eq!(a.positional(0), Some("eval"));
        assert_eq!(a.positional(1), Some("ner"));
        assert_eq!(a.positional(2), None);
        assert!(a.flag("--json"));
        assert!(!a.flag("--per-page"));
        assert_eq!(a.values("--file"), vec!["a.conll", "b.conll"]);
        assert_eq!(a.value("--data"), Some("/d"));
    }
}
