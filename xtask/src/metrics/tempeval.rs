//! TempEval-3 task A for date and time expressions.
//!
//! Predicted and gold timexes that overlap are paired one to one, greedily in text order (each
//! gold timex, in order of its start, takes the first unpaired overlapping prediction). Relaxed
//! F1 counts the pairs, strict F1 the pairs with identical spans; type and value accuracy are
//! exact-string agreement over the pairs; value F1 = value accuracy × relaxed F1.

/// A timex span with its TIMEX3 attributes; offsets are characters, end-exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// TIMEX3 type (`DATE`, `TIME`, `DURATION`, `SET`).
    pub ty: String,
    /// TIMEX3 value.
    pub value: String,
}

impl Span {
    /// Whether the two spans share at least one character.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The one-to-one overlap pairing of one document: `(gold index, predicted index)` pairs.
pub fn pair(gold: &[Span], pred: &[Span]) -> Vec<(usize, usize)> {
    let mut g_order: Vec<usize> = (0..gold.len()).collect();
    g_order.sort_by_key(|&i| (gold[i].start, gold[i].end));
    let mut p_order: Vec<usize> = (0..pred.len()).collect();
    p_order.sort_by_key(|&i| (pred[i].start, pred[i].end));
    let mut used = vec![false; pred.len()];
    let mut out = Vec::new();
    for gi in g_order {
        let hit = p_order
            .iter()
            .copied()
            .find(|&pi| !used[pi] && gold[gi].overlaps(&pred[pi]));
        if let Some(pi) = hit {
            used[pi] = true;
            out.push((gi, pi));
        }
    }
    out
}

/// Counts from which every TempEval-3 task A figure follows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold timexes.
    pub gold: usize,
    /// Predicted timexes.
    pub pred: usize,
    /// Overlapping pairs.
    pub relaxed: usize,
    /// Pairs with identical spans.
    pub strict: usize,
    /// Pairs whose types agree.
    pub type_ok: usize,
    /// Pairs whose values agree.
    pub value_ok: usize,
}

/// F1 of `tp` matches among `gold` true and `pred` predicted items.
fn f1_of(tp: usize, gold: usize, pred: usize) -> f64 {
    if gold + pred == 0 {
        0.0
    } else {
        2.0 * tp as f64 / (gold + pred) as f64
    }
}

impl Counts {
    /// Scores one document and adds it to the counts.
    pub fn add_doc(&mut self, gold: &[Span], pred: &[Span]) {
        self.gold += gold.len();
        self.pred += pred.len();
        for (gi, pi) in pair(gold, pred) {
            let (g, p) = (&gold[gi], &pred[pi]);
            self.relaxed += 1;
            self.strict += usize::from(g.start == p.start && g.end == p.end);
            self.type_ok += usize::from(g.ty == p.ty);
            self.value_ok += usize::from(g.value == p.value);
        }
    }

    /// Adds another set of counts.
    pub fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.relaxed += o.relaxed;
        self.strict += o.strict;
        self.type_ok += o.type_ok;
        self.value_ok += o.value_ok;
    }

    /// Relaxed precision: pairs / predicted.
    pub fn relaxed_p(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.relaxed as f64 / self.pred as f64
        }
    }

    /// Relaxed recall: pairs / gold.
    pub fn relaxed_r(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.relaxed as f64 / self.gold as f64
        }
    }

    /// Relaxed F1 (overlapping pairs).
    pub fn relaxed_f1(&self) -> f64 {
        f1_of(self.relaxed, self.gold, self.pred)
    }

    /// Strict F1 (identical spans).
    pub fn strict_f1(&self) -> f64 {
        f1_of(self.strict, self.gold, self.pred)
    }

    /// Type accuracy over the pairs.
    pub fn type_acc(&self) -> f64 {
        if self.relaxed == 0 {
            0.0
        } else {
            self.type_ok as f64 / self.relaxed as f64
        }
    }

    /// Value accuracy over the pairs.
    pub fn value_acc(&self) -> f64 {
        if self.relaxed == 0 {
            0.0
        } else {
            self.value_ok as f64 / self.relaxed as f64
        }
    }

    /// The headline: value accuracy × relaxed F1.
    pub fn value_f1(&self) -> f64 {
        self.value_acc() * self.relaxed_f1()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(start: usize, end: usize, ty: &str, value: &str) -> Span {
        Span {
            start,
            end,
            ty: ty.into(),
            value: value.into(),
        }
    }

    #[test]
    fn pairs_one_to_one_in_text_order() {
        // One long prediction overlaps two gold timexes: only the first gets it.
        let gold = [s(0, 5, "DATE", "2024"), s(6, 10, "DATE", "2024-11")];
        let pred = [s(0, 10, "DATE", "2024")];
        assert_eq!(pair(&gold, &pred), vec![(0, 0)]);
        // Unsorted input is handled by offsets, not by slice order.
        let gold = [s(20, 25, "DATE", "b"), s(0, 5, "DATE", "a")];
        let pred = [s(21, 23, "DATE", "b"), s(2, 8, "DATE", "a")];
        assert_eq!(pair(&gold, &pred), vec![(1, 1), (0, 0)]);
        assert!(pair(&gold, &[s(5, 20, "DATE", "x")]).is_empty());
    }

    #[test]
    fn figures() {
        let gold = [
            s(0, 10, "DATE", "2024-11-03"),
            s(20, 29, "DURATION", "P5Y"),
            s(40, 44, "DATE", "1998"),
            s(60, 70, "TIME", "T15:05"),
        ];
        let pred = [
            s(0, 10, "DATE", "2024-11-03"),   // strict, value right
            s(20, 24, "DATE", "P5Y"),         // relaxed, wrong type, value right
            s(40, 44, "DATE", "1999"),        // strict, wrong value
            s(80, 85, "DATE", "PRESENT_REF"), // spurious
        ];
        let mut c = Counts::default();
        c.add_doc(&gold, &pred);
        assert_eq!(
            c,
            Counts {
                gold: 4,
                pred: 4,
                relaxed: 3,
                strict: 2,
                type_ok: 2,
                value_ok: 2
            }
        );
        assert!((c.relaxed_f1() - 0.75).abs() < 1e-12);
        assert!((c.strict_f1() - 0.5).abs() < 1e-12);
        assert!((c.type_acc() - 2.0 / 3.0).abs() < 1e-12);
        assert!((c.value_f1() - 0.5).abs() < 1e-12);
        assert_eq!(Counts::default().value_f1(), 0.0);
    }
}
