//! conlleval: entity-level precision, recall and F1 with exact span and type match.
//!
//! Chunks are decoded with conlleval's start rules, which read IOB1 and IOB2 alike: `B-X`
//! always starts an entity; `I-X` starts one after `O` or after a tag of another type, and
//! otherwise continues the current one. Scores are micro-averaged over all entities, per type,
//! and over all types but a removed one (MISC).

use std::collections::{BTreeMap, HashSet};

/// An entity chunk: token span `[start, end)` and its type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chunk {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The type (`PER`, `ORG`, `LOC`, `MISC`, …).
    pub ty: String,
}

/// Splits a tag into its prefix (`B`, `I` or `O`) and type.
fn split(tag: &str) -> (char, &str) {
    match tag.split_once('-') {
        Some((p, ty)) if p.len() == 1 => (p.chars().next().unwrap_or('O'), ty),
        _ => ('O', ""),
    }
}

/// The chunks of one sentence's tags (IOB1 or IOB2).
pub fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, ty) = split(tag.as_ref());
        let starts = match (prefix, open) {
            ('B', _) => true,
            ('I', None) => true,
            ('I', Some((_, open_ty))) => open_ty != ty,
            _ => false,
        };
        let ends = prefix == 'O' || starts;
        if ends {
            if let Some((s, open_ty)) = open.take() {
                out.push(Chunk {
                    start: s,
                    end: i,
                    ty: open_ty.to_owned(),
                });
            }
        }
        if starts {
            open = Some((i, ty));
        }
    }
    if let Some((s, ty)) = open {
        out.push(Chunk {
            start: s,
            end: tags.len(),
            ty: ty.to_owned(),
        });
    }
    out
}

/// Gold, predicted and correct entity counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Entities in the gold standard.
    pub gold: usize,
    /// Entities predicted.
    pub pred: usize,
    /// Predicted entities with the exact gold span and type.
    pub correct: usize,
}

impl Counts {
    /// correct / pred (0 when nothing was predicted, as conlleval prints).
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.correct as f64 / self.pred as f64
        }
    }

    /// correct / gold (0 when there is no gold entity).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.correct as f64 / self.gold as f64
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        super::body::f1(self.precision(), self.recall())
    }

    fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.pred += other.pred;
        self.correct += other.correct;
    }
}

/// Entity counts per type, accumulated sentence by sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Counts per entity type.
    pub per_type: BTreeMap<String, Counts>,
}

impl Report {
    /// Adds one sentence's gold and predicted tags (same length).
    pub fn add_sentence<A: AsRef<str>, B: AsRef<str>>(&mut self, gold: &[A], pred: &[B]) {
        let g = chunks(gold);
        let p = chunks(pred);
        let gset: HashSet<&Chunk> = g.iter().collect();
        for c in &g {
            self.per_type.entry(c.ty.clone()).or_default().gold += 1;
        }
        for c in &p {
            let e = self.per_type.entry(c.ty.clone()).or_default();
            e.pred += 1;
            if gset.contains(c) {
                e.correct += 1;
            }
        }
    }

    /// Micro-averaged counts over every type.
    pub fn overall(&self) -> Counts {
        self.overall_without(&[])
    }

    /// Micro-averaged counts over every type not in `removed` (removed from both sides).
    pub fn overall_without(&self, removed: &[&str]) -> Counts {
        let mut total = Counts::default();
        for (ty, c) in &self.per_type {
            if !removed.contains(&ty.as_str()) {
                total.add(*c);
            }
        }
        total
    }

    /// The counts of one type (zeros when absent).
    pub fn of(&self, ty: &str) -> Counts {
        self.per_type.get(ty).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(start: usize, end: usize, ty: &str) -> Chunk {
        Chunk {
            start,
            end,
            ty: ty.into(),
        }
    }

    #[test]
    fn iob1_chunks() {
        // I- after O starts; B- splits two adjacent entities of one type; a type change starts.
        let tags = [
            "I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-LOC", "I-ORG", "O", "I-MISC",
        ];
        assert_eq!(
            chunks(&tags),
            vec![
                c(0, 2, "PER"),
                c(3, 4, "LOC"),
                c(4, 6, "LOC"),
                c(6, 7, "ORG"),
                c(8, 9, "MISC")
            ]
        );
    }

    #[test]
    fn iob2_chunks_and_stray_i() {
        let tags = ["B-ORG", "I-ORG", "B-ORG", "O", "I-PER", "B-PER"];
        assert_eq!(
            chunks(&tags),
            vec![
                c(0, 2, "ORG"),
                c(2, 3, "ORG"),
                c(4, 5, "PER"),
                c(5, 6, "PER")
            ]
        );
        assert!(chunks::<&str>(&["O", "O"]).is_empty());
    }

    #[test]
    fn scores_exact_span_and_type() {
        let mut r = Report::default();
        // Gold: [EU]ORG [Josep Borrell]PER [Seoul]LOC; predicted: [EU]ORG [Josep]PER [Seoul]ORG.
        let gold = ["I-ORG", "O", "I-PER", "I-PER", "O", "I-LOC"];
        let pred = ["B-ORG", "O", "B-PER", "O", "O", "B-ORG"];
        r.add_sentence(&gold, &pred);
        r.add_sentence(&["I-MISC", "O"], &["B-MISC", "O"]);
        let all = r.overall();
        assert_eq!(
            all,
            Counts {
                gold: 4,
                pred: 4,
                correct: 2
            }
        );
        assert!((all.f1() - 0.5).abs() < 1e-12);
        assert_eq!(
            r.of("PER"),
            Counts {
                gold: 1,
                pred: 1,
                correct: 0
            }
        );
        assert_eq!(
            r.of("ORG"),
            Counts {
                gold: 1,
                pred: 2,
                correct: 1
            }
        );
        assert_eq!(
            r.of("LOC"),
            Counts {
                gold: 1,
                pred: 0,
                correct: 0
            }
        );
        let no_misc = r.overall_without(&["MISC"]);
        assert_eq!(
            no_misc,
            Counts {
                gold: 3,
                pred: 3,
                correct: 1
            }
        );
        assert_eq!(Counts::default().f1(), 0.0);
    }
}
