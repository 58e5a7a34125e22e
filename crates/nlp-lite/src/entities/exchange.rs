//! Learning word clusters from unlabeled text: the exchange algorithm over a class bigram model
//! (Kneser & Ney 1993; Martin, Liermann & Ney 1998).
//!
//! Words seen at least `min_count` times are clustered; rarer words share one fixed class, and
//! so do sentence boundaries. Starting from a round-robin assignment by frequency, each pass
//! visits the words from most to least frequent and moves each to the class that most raises
//! the likelihood of the text under the class bigram model,
//! `Σ N(c, d) log N(c, d) − 2 Σ N(c) log N(c)`. Passes stop when almost no word moves. Each
//! granularity is clustered on its own. Deterministic: one thread, no hash-order dependence.

use rustc_hash::FxHashMap as HashMap;

use super::clusters::{key, Clusters, MAX_GRAINS};

/// Settings for [`train_clusters`].
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterConfig {
    /// Numbers of classes, one clustering each, coarsest first (at most 8, each 2..=65535).
    pub classes: Vec<u16>,
    /// Words seen fewer times are not clustered.
    pub min_count: u32,
    /// Cluster ASCII-lowercased words (else case-sensitive).
    pub lowercase: bool,
    /// Most passes over the vocabulary per clustering.
    pub max_passes: usize,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            classes: vec![64, 256, 1024],
            min_count: 3,
            lowercase: true,
            max_passes: 10,
        }
    }
}

/// Word bigram counts in compressed rows: for each word its successors and predecessors with
/// counts. Words `0..movable` are the vocabulary by falling frequency; then the boundary, then
/// the shared id of rare words.
struct Bigrams {
    movable: usize,
    /// Occurrences of each word (as the left side of a bigram).
    count: Vec<i64>,
    succ_start: Vec<usize>,
    succ: Vec<(u32, i64)>,
    pred_start: Vec<usize>,
    pred: Vec<(u32, i64)>,
    /// All bigrams.
    total: usize,
}

impl Bigrams {
    fn succ(&self, w: usize) -> &[(u32, i64)] {
        row(&self.succ_start, &self.succ, w)
    }

    fn pred(&self, w: usize) -> &[(u32, i64)] {
        row(&self.pred_start, &self.pred, w)
    }
}

/// Row `w` of a compressed table.
fn row<'a>(starts: &[usize], items: &'a [(u32, i64)], w: usize) -> &'a [(u32, i64)] {
    match (starts.get(w), starts.get(w + 1)) {
        (Some(&a), Some(&b)) => items.get(a..b).unwrap_or(&[]),
        _ => &[],
    }
}

/// The vocabulary: words seen at least `min_count` times, by falling count then text.
fn vocabulary(sentences: &[Vec<String>], config: &ClusterConfig) -> Vec<String> {
    let mut counts: HashMap<String, u32> = HashMap::default();
    for w in sentences.iter().flatten() {
        let k = key(w, config.lowercase);
        match counts.get_mut(k.as_ref()) {
            Some(c) => *c += 1,
            None => {
                counts.insert(k.into_owned(), 1);
            }
        }
    }
    let mut vocab: Vec<(String, u32)> = counts
        .into_iter()
        .filter(|&(_, c)| c >= config.min_count.max(1))
        .collect();
    vocab.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    vocab.into_iter().map(|(w, _)| w).collect()
}

/// Rows of `pairs` (sorted by their first element) as a compressed table over `n` words.
fn compress(n: usize, pairs: &[((u32, u32), i64)]) -> (Vec<usize>, Vec<(u32, i64)>) {
    let mut starts = vec![0usize; n + 1];
    for &((a, _), _) in pairs {
        if let Some(s) = starts.get_mut(a as usize + 1) {
            *s += 1;
        }
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    (starts, pairs.iter().map(|&((_, b), c)| (b, c)).collect())
}

/// The bigram counts of `sentences` over `vocab` (sentence boundaries included).
fn bigrams(sentences: &[Vec<String>], vocab: &[String], lowercase: bool) -> Bigrams {
    let ids: HashMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, w)| (w.as_str(), i as u32))
        .collect();
    let (boundary, rare) = (vocab.len() as u32, vocab.len() as u32 + 1);
    let mut pairs: HashMap<(u32, u32), i64> = HashMap::default();
    for s in sentences.iter().filter(|s| !s.is_empty()) {
        let mut prev = boundary;
        for w in s {
            let id = ids.get(key(w, lowercase).as_ref()).copied().unwrap_or(rare);
            *pairs.entry((prev, id)).or_default() += 1;
            prev = id;
        }
        *pairs.entry((prev, boundary)).or_default() += 1;
    }
    let mut forward: Vec<((u32, u32), i64)> = pairs.into_iter().collect();
    forward.sort_unstable();
    let mut backward: Vec<((u32, u32), i64)> =
        forward.iter().map(|&((a, b), c)| ((b, a), c)).collect();
    backward.sort_unstable();
    let n = vocab.len() + 2;
    let mut count = vec![0i64; n];
    for &((a, _), c) in &forward {
        if let Some(x) = count.get_mut(a as usize) {
            *x += c;
        }
    }
    let total = forward.iter().map(|&(_, c)| c as usize).sum();
    let (succ_start, succ) = compress(n, &forward);
    let (pred_start, pred) = compress(n, &backward);
    Bigrams {
        movable: vocab.len(),
        count,
        succ_start,
        succ,
        pred_start,
        pred,
        total,
    }
}

/// The class bigram counts of one clustering and the working space of a move.
struct Exchange<'b> {
    g: &'b Bigrams,
    /// Movable classes; the boundary and the rare words have classes `classes` and
    /// `classes + 1`.
    classes: usize,
    /// All classes, fixed ones included.
    k: usize,
    class_of: Vec<u32>,
    /// `big[c * k + d]` = N(c, d); `bigt` is its transpose.
    big: Vec<i64>,
    bigt: Vec<i64>,
    uni: Vec<i64>,
    /// `x ln x` for every count up to the number of bigrams.
    xlx: Vec<f64>,
    /// A word's successor and predecessor counts by class, and the classes they touch.
    s: Vec<i64>,
    p: Vec<i64>,
    ts: Vec<u32>,
    tp: Vec<u32>,
}

impl<'b> Exchange<'b> {
    /// The round-robin start: word `w` in class `w % classes`.
    fn new(g: &'b Bigrams, classes: usize) -> Self {
        let k = classes + 2;
        let mut class_of: Vec<u32> = (0..g.movable).map(|w| (w % classes) as u32).collect();
        class_of.extend([classes as u32, classes as u32 + 1]);
        let mut x = Exchange {
            g,
            classes,
            k,
            class_of,
            big: vec![0; k * k],
            bigt: vec![0; k * k],
            uni: vec![0; k],
            xlx: (0..=g.total)
                .map(|n| {
                    if n == 0 {
                        0.0
                    } else {
                        n as f64 * (n as f64).ln()
                    }
                })
                .collect(),
            s: vec![0; k],
            p: vec![0; k],
            ts: Vec::new(),
            tp: Vec::new(),
        };
        for a in 0..g.count.len() {
            let ca = x.class_of[a] as usize;
            x.uni[ca] += g.count[a];
            for &(b, c) in g.succ(a) {
                let cb = x.class_of[b as usize] as usize;
                x.big[ca * k + cb] += c;
                x.bigt[cb * k + ca] += c;
            }
        }
        x
    }

    fn f(&self, n: i64) -> f64 {
        self.xlx.get(n.max(0) as usize).copied().unwrap_or(0.0)
    }

    /// Gathers word `w`'s neighbour counts by class; returns its self-bigram count.
    fn gather(&mut self, w: usize) -> i64 {
        let mut own = 0;
        for (&(v, c), succ) in self
            .g
            .succ(w)
            .iter()
            .map(|e| (e, true))
            .chain(self.g.pred(w).iter().map(|e| (e, false)))
        {
            if v as usize == w {
                own += if succ { c } else { 0 };
                continue;
            }
            let cls = self.class_of[v as usize];
            let (counts, touched) = if succ {
                (&mut self.s, &mut self.ts)
            } else {
                (&mut self.p, &mut self.tp)
            };
            if counts[cls as usize] == 0 {
                touched.push(cls);
            }
            counts[cls as usize] += c;
        }
        own
    }

    /// Adds (`sign` 1) or removes (`sign` −1) word `w`, with gathered counts, to class `c`.
    fn shift(&mut self, w: usize, c: usize, own: i64, sign: i64) {
        let k = self.k;
        for &d in &self.ts {
            let d = d as usize;
            self.big[c * k + d] += sign * self.s[d];
            self.bigt[d * k + c] += sign * self.s[d];
        }
        for &d in &self.tp {
            let d = d as usize;
            self.big[d * k + c] += sign * self.p[d];
            self.bigt[c * k + d] += sign * self.p[d];
        }
        self.big[c * k + c] += sign * own;
        self.bigt[c * k + c] += sign * own;
        self.uni[c] += sign * self.g.count[w];
    }

    /// The change in log-likelihood of adding the removed word `w` to class `c`.
    fn gain(&self, w: usize, c: usize, own: i64) -> f64 {
        let k = self.k;
        let (rowc, colc) = (
            &self.big[c * k..(c + 1) * k],
            &self.bigt[c * k..(c + 1) * k],
        );
        let mut d = 0.0;
        for &e in &self.ts {
            let e = e as usize;
            if e != c {
                d += self.f(rowc[e] + self.s[e]) - self.f(rowc[e]);
            }
        }
        for &e in &self.tp {
            let e = e as usize;
            if e != c {
                d += self.f(colc[e] + self.p[e]) - self.f(colc[e]);
            }
        }
        let cc = rowc[c];
        d += self.f(cc + self.s[c] + self.p[c] + own) - self.f(cc);
        let n = self.uni[c];
        d - 2.0 * (self.f(n + self.g.count[w]) - self.f(n))
    }

    /// Moves word `w` to its best class; true when it changed class.
    fn visit(&mut self, w: usize) -> bool {
        let own = self.gather(w);
        let from = self.class_of[w] as usize;
        self.shift(w, from, own, -1);
        let mut best = (self.gain(w, from, own), from);
        for c in 0..self.classes {
            let g = self.gain(w, c, own);
            if g > best.0 + 1e-9 {
                best = (g, c);
            }
        }
        self.shift(w, best.1, own, 1);
        self.class_of[w] = best.1 as u32;
        for &d in &self.ts {
            self.s[d as usize] = 0;
        }
        for &d in &self.tp {
            self.p[d as usize] = 0;
        }
        self.ts.clear();
        self.tp.clear();
        best.1 != from
    }

    /// Runs passes until fewer than one word in a thousand moves, at most `max_passes`.
    fn run(mut self, max_passes: usize) -> Vec<u32> {
        for _ in 0..max_passes {
            let moved = (0..self.g.movable).filter(|&w| self.visit(w)).count();
            if moved * 1000 <= self.g.movable {
                break;
            }
        }
        self.class_of.truncate(self.g.movable);
        self.class_of
    }
}

/// Clusters the words of unlabeled `sentences` and returns the cluster table (the bytes the
/// crate embeds as `model/clusters.bin`). Deterministic for a given input and `config`.
pub fn train_clusters(sentences: &[Vec<String>], config: &ClusterConfig) -> Vec<u8> {
    let grains: Vec<u16> = config
        .classes
        .iter()
        .map(|&c| c.max(2))
        .take(MAX_GRAINS)
        .collect();
    let vocab = vocabulary(sentences, config);
    let g = bigrams(sentences, &vocab, config.lowercase);
    let per_grain: Vec<Vec<u32>> = grains
        .iter()
        .map(|&c| Exchange::new(&g, usize::from(c)).run(config.max_passes))
        .collect();
    let ids: Vec<u16> = (0..vocab.len())
        .flat_map(|w| per_grain.iter().map(move |cls| cls[w] as u16))
        .collect();
    Clusters::encode(config.lowercase, &grains, &vocab, &ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for (who, verb, place) in [
            ("Anna", "visited", "Paris"),
            ("Boris", "left", "Rome"),
            ("Anna", "left", "Oslo"),
            ("Carl", "visited", "Rome"),
            ("Boris", "visited", "Oslo"),
            ("Carl", "left", "Paris"),
        ] {
            for _ in 0..3 {
                out.push(
                    [who, verb, place, "."]
                        .iter()
                        .map(|w| (*w).to_string())
                        .collect(),
                );
            }
        }
        out
    }

    #[test]
    fn clusters_words_by_their_contexts() {
        let config = ClusterConfig {
            classes: vec![4],
            ..ClusterConfig::default()
        };
        let bytes = train_clusters(&corpus(), &config);
        assert_eq!(bytes, train_clusters(&corpus(), &config), "deterministic");
        let t = Clusters::decode(&bytes).expect("decodes");
        let class = |w: &str| t.get(w).and_then(|c| c.first().copied());
        assert_eq!(class("Anna"), class("Boris"));
        assert_eq!(class("Anna"), class("Carl"));
        assert_eq!(class("Paris"), class("Rome"));
        assert_eq!(class("visited"), class("left"));
        assert_ne!(class("Anna"), class("Paris"));
        assert_ne!(class("Anna"), class("left"));
        assert_eq!(class("Zagreb"), None);
    }
}
