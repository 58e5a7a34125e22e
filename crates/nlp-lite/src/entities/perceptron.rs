//! The sequence model: BILOU tags, hashed emission weights, first-order transitions, Viterbi.
//!
//! Tag 0 is outside; tag `1 + 4 * type + position` is a type's Begin, Inside, Last or Unit tag.
//! A token's score for a tag is the sum of the weight rows of its hashed features; a tag
//! sequence adds transition weights, and Viterbi finds the best sequence among those BILOU
//! allows. Trained weights are averaged, quantised to `i16` with one scale, and stored sparsely
//! (zero runs and values as LEB128 varints), so the embedded file stays small.

use super::features::TYPES;

/// Number of tags: outside plus BILOU for each type.
pub(crate) const NT: usize = 1 + 4 * TYPES;
/// The boundary index in the transition matrix (sentence start and end).
const EDGE: usize = NT;
/// File magic and version.
const MAGIC: &[u8; 8] = b"NLNER\x00\x00\x01";

/// The type index (0..TYPES) and BILOU position (0..4) of a non-outside tag.
pub(crate) fn split_tag(tag: usize) -> Option<(usize, usize)> {
    (1..NT)
        .contains(&tag)
        .then(|| ((tag - 1) / 4, (tag - 1) % 4))
}

/// The tag of a type and BILOU position.
pub(crate) fn make_tag(ty: usize, pos: usize) -> usize {
    1 + 4 * ty + pos
}

/// True when BILOU allows tag `q` after tag `p` (`EDGE` for the sentence boundary).
const fn allowed(p: usize, q: usize) -> bool {
    // An open tag (Begin or Inside) must be followed by Inside or Last of its type; anything
    // else by outside, a Begin or a Unit tag, or the boundary.
    let p_open = p >= 1 && p < NT && (p - 1) % 4 <= 1;
    let q_tag = q >= 1 && q < NT;
    if p_open {
        q_tag && (p - 1) / 4 == (q - 1) / 4 && matches!((q - 1) % 4, 1 | 2)
    } else if q_tag {
        matches!((q - 1) % 4, 0 | 3)
    } else {
        true
    }
}

/// The tags that may precede outside, a Begin or a Unit tag: outside, Last and Unit tags.
const CLOSED: [usize; 1 + 2 * TYPES] = {
    let mut out = [0usize; 1 + 2 * TYPES];
    let mut ty = 0;
    while ty < TYPES {
        out[1 + 2 * ty] = 1 + 4 * ty + 2;
        out[2 + 2 * ty] = 1 + 4 * ty + 3;
        ty += 1;
    }
    out
};

/// The tags that may follow a closed tag: outside, Begin and Unit tags (their predecessors are
/// [`CLOSED`]).
const OPENING: [usize; 1 + 2 * TYPES] = {
    let mut out = [0usize; 1 + 2 * TYPES];
    let mut ty = 0;
    while ty < TYPES {
        out[1 + 2 * ty] = 1 + 4 * ty;
        out[2 + 2 * ty] = 1 + 4 * ty + 3;
        ty += 1;
    }
    out
};

/// The tags BILOU allows before tag `q`, ascending (for Inside and Last: Begin and Inside of
/// the same type): the rule `viterbi` unrolls, kept for the tests that check it against
/// `allowed`.
#[cfg(test)]
fn predecessors(q: usize) -> Result<[usize; 2], [usize; 1 + 2 * TYPES]> {
    match split_tag(q) {
        Some((ty, 1 | 2)) => Ok([make_tag(ty, 0), make_tag(ty, 1)]),
        _ => Err(CLOSED),
    }
}

/// Transition scores with BILOU's constraints folded in (disallowed = -inf), stored by target
/// tag: `table[q][p]` is the score of `p → q` (either may be the boundary, `NT`).
pub(crate) type Arrivals = [[f32; NT + 1]; NT + 1];

/// The arrival table of `scorer`'s transitions.
fn arrivals(scorer: &impl Scorer) -> Arrivals {
    let mut into = [[f32::NEG_INFINITY; NT + 1]; NT + 1];
    for (q, row) in into.iter_mut().enumerate() {
        for (p, t) in row.iter_mut().enumerate() {
            if allowed(p, q) {
                *t = scorer.transition(p, q);
            }
        }
    }
    into
}

/// Anything that scores tags: the trained model or the weights being trained.
pub(crate) trait Scorer {
    /// Adds the emission scores of features `ids` to `out`.
    fn emissions(&self, ids: &[u32], out: &mut [f32; NT]);
    /// The transition score from `p` to `q` (either may be the boundary, `NT`).
    fn transition(&self, p: usize, q: usize) -> f32;
    /// All transition scores, as Viterbi reads them.
    fn arrivals(&self) -> Arrivals
    where
        Self: Sized,
    {
        arrivals(self)
    }
}

/// Lanes of the opening-tag step of [`viterbi`]: the [`OPENING`] tags, padded to a multiple of
/// four so that the loop over them vectorises.
const LANES: usize = OPENING.len().div_ceil(4) * 4;

/// The best of `prev[p] + into[q][p]` over the tags `p` BILOU allows before `q`, taken in
/// ascending order: the first maximum (`(-inf, 0)` when none beats -inf).
fn best_before(prev: &[f32; NT], into: &Arrivals, q: usize) -> (f32, usize) {
    let mut best = (f32::NEG_INFINITY, 0);
    let consider = |p: usize| {
        let s = prev[p] + into[q][p];
        if s > best.0 {
            best = (s, p);
        }
    };
    match split_tag(q) {
        // Inside and Last follow Begin or Inside of their type.
        Some((ty, 1 | 2)) => [make_tag(ty, 0), make_tag(ty, 1)]
            .into_iter()
            .for_each(consider),
        _ => CLOSED.into_iter().for_each(consider),
    }
    best
}

/// The best allowed tag sequence for per-token emission scores `emit`, into `out` (see
/// [`Decoder::decode`]).
pub(crate) fn viterbi(scorer: &impl Scorer, emit: &[[f32; NT]], out: &mut Vec<usize>) {
    Decoder::new(scorer).decode(emit, out);
}

/// Viterbi decoding under one scorer's transitions, keeping its tables and working space from
/// one sentence to the next.
pub(crate) struct Decoder {
    /// The scorer's transitions.
    into: Arrivals,
    /// The opening tags' transitions by predecessor: `open[i][j]` is the score of
    /// `CLOSED[i] → OPENING[j]` (padding lanes stay -inf and are never read back).
    open: [[f32; LANES]; CLOSED.len()],
    /// Each position's best scores.
    score: Vec<[f32; NT]>,
}

impl Decoder {
    /// A decoder for `scorer`'s transitions (which must not change while it is used).
    pub(crate) fn new(scorer: &impl Scorer) -> Self {
        let into = scorer.arrivals();
        let mut open = [[f32::NEG_INFINITY; LANES]; CLOSED.len()];
        for (row, &p) in open.iter_mut().zip(&CLOSED) {
            for (t, &q) in row.iter_mut().zip(&OPENING) {
                *t = into[q][p];
            }
        }
        Decoder {
            into,
            open,
            score: Vec::new(),
        }
    }

    /// The best allowed tag sequence for per-token emission scores `emit`, into `out`.
    ///
    /// The forward pass keeps only each position's best scores; the backward pass recomputes,
    /// for the one tag it follows at each position, which predecessor gave that score (the
    /// same sums over the same stored scores, so the same choice), instead of recording every
    /// tag's.
    pub(crate) fn decode(&mut self, emit: &[[f32; NT]], out: &mut Vec<usize>) {
        out.clear();
        let n = emit.len();
        if n == 0 {
            return;
        }
        let (into, open, score) = (&self.into, &self.open, &mut self.score);
        score.clear();
        score.resize(n, [f32::NEG_INFINITY; NT]);
        for (q, s) in score[0].iter_mut().enumerate() {
            *s = emit[0][q] + into[q][EDGE];
        }
        for (i, e) in emit.iter().enumerate().skip(1) {
            let (done, rest) = score.split_at_mut(i);
            let (Some(prev), Some(cur)) = (done.last(), rest.first_mut()) else {
                break;
            };
            // Only allowed predecessors: the others add -inf and never win the strict
            // comparison, so skipping them changes nothing. Each tag's score is the running
            // maximum over its predecessors in ascending order, which depends only on `prev`,
            // so the opening tags, which share their predecessors (`CLOSED`), are done
            // together, lane by lane.
            let mut best = [f32::NEG_INFINITY; LANES];
            for (row, &p) in open.iter().zip(&CLOSED) {
                let s = prev[p];
                for (b, &t) in best.iter_mut().zip(row) {
                    let c = s + t;
                    *b = if c > *b { c } else { *b };
                }
            }
            for (&q, &b) in OPENING.iter().zip(&best) {
                cur[q] = b + e[q];
            }
            for ty in 0..TYPES {
                for q in [make_tag(ty, 1), make_tag(ty, 2)] {
                    cur[q] = best_before(prev, into, q).0 + e[q];
                }
            }
        }
        let mut best = (f32::NEG_INFINITY, 0usize);
        for (p, &sp) in score[n - 1].iter().enumerate() {
            let s = sp + into[EDGE][p];
            if s > best.0 {
                best = (s, p);
            }
        }
        out.resize(n, 0);
        let mut tag = best.1;
        for i in (0..n).rev() {
            out[i] = tag;
            if i > 0 {
                tag = best_before(&score[i - 1], into, tag).1;
            }
        }
    }
}

/// Trained weights, quantised: the form embedded in the binary.
///
/// Of the `2^bits` hashed feature rows only a few percent carry weights, so the rows that do
/// are stored densely, in row order, and found through a rank index: one bit per hashed row
/// (set when it has weights) with the count of set bits before each 64-bit word, so a row's
/// dense position is that count plus the set bits below it in its word. The index is a few
/// hundred kilobytes and stays in cache; a feature without weights costs no other memory access.
pub(crate) struct Model {
    mask: usize,
    /// Per 64 hashed rows: which have weights, and how many rows before them do.
    present: Vec<(u64, u32)>,
    rows: Vec<[i16; NT]>,
    trans: Vec<f32>,
    scale: f32,
    /// The transitions as Viterbi reads them, computed once.
    into: Arrivals,
}

impl Model {
    /// The weights of hashed feature `id`, when it has any.
    fn row(&self, id: u32) -> Option<&[i16; NT]> {
        let r = id as usize & self.mask;
        let &(bits, before) = self.present.get(r / 64)?;
        let bit = 1u64 << (r % 64);
        if bits & bit == 0 {
            return None;
        }
        let rank = before as usize + (bits & (bit - 1)).count_ones() as usize;
        self.rows.get(rank)
    }

    /// Builds the rank index over `2^bits` hashed rows, given the (ascending) hashed row number
    /// of each dense row.
    fn index(bits: u8, keys: &[u32]) -> Vec<(u64, u32)> {
        let mut present = vec![(0u64, 0u32); ((1usize << bits) / 64).max(1)];
        for &key in keys {
            if let Some(p) = present.get_mut(key as usize / 64) {
                p.0 |= 1 << (key % 64);
            }
        }
        let mut before = 0u32;
        for p in &mut present {
            p.1 = before;
            before += p.0.count_ones();
        }
        present
    }
}

impl Model {
    /// Adds the quantised weight rows of features `ids` to `acc`.
    pub(crate) fn add_rows(&self, ids: &[u32], acc: &mut [i32; NT]) {
        for &id in ids {
            if let Some(w) = self.row(id) {
                for (a, &x) in acc.iter_mut().zip(w) {
                    *a += i32::from(x);
                }
            }
        }
    }

    /// Adds summed quantised weights `acc` (from [`Model::add_rows`]), scaled, to `out`.
    pub(crate) fn add_scaled(&self, acc: &[i32; NT], out: &mut [f32; NT]) {
        for (o, &a) in out.iter_mut().zip(acc) {
            *o += a as f32 * self.scale;
        }
    }
}

impl Scorer for Model {
    fn emissions(&self, ids: &[u32], out: &mut [f32; NT]) {
        let mut acc = [0i32; NT];
        self.add_rows(ids, &mut acc);
        self.add_scaled(&acc, out);
    }

    fn transition(&self, p: usize, q: usize) -> f32 {
        self.trans.get(p * (NT + 1) + q).copied().unwrap_or(0.0)
    }

    fn arrivals(&self) -> Arrivals {
        self.into
    }
}

/// Appends `x` as a LEB128 varint.
pub(crate) fn put_varint(out: &mut Vec<u8>, mut x: u64) {
    while x >= 0x80 {
        out.push((x as u8) | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

/// Reads a LEB128 varint at `pos`, advancing it; `None` when the bytes end first.
pub(crate) fn get_varint(data: &[u8], pos: &mut usize) -> Option<u64> {
    let mut x = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *data.get(*pos)?;
        *pos += 1;
        x |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(x);
        }
    }
    None
}

fn get_f32(data: &[u8], pos: &mut usize) -> Option<f32> {
    let b: [u8; 4] = data.get(*pos..*pos + 4)?.try_into().ok()?;
    *pos += 4;
    Some(f32::from_le_bytes(b))
}

impl Model {
    /// Quantises float weights (`rows × NT` emissions, `(NT+1)²` transitions) and encodes them.
    /// Emission weights smaller than `prune` in absolute value are dropped.
    pub(crate) fn encode(bits: u8, weights: &[f32], trans: &[f32], prune: f32) -> Vec<u8> {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut out = Vec::with_capacity(1 << 20);
        out.extend_from_slice(MAGIC);
        out.push(bits);
        out.push(NT as u8);
        out.extend_from_slice(&scale.to_le_bytes());
        for &t in trans {
            out.extend_from_slice(&t.to_le_bytes());
        }
        let mut last = 0usize;
        for (i, &w) in weights.iter().enumerate() {
            if w.abs() < prune {
                continue;
            }
            let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
            if q == 0 {
                continue;
            }
            put_varint(&mut out, (i - last) as u64);
            // Zigzag.
            put_varint(
                &mut out,
                ((i64::from(q) << 1) ^ (i64::from(q) >> 63)) as u64,
            );
            last = i;
        }
        out
    }

    /// Decodes a model written by [`Model::encode`]; `None` when the bytes are not one.
    pub(crate) fn decode(data: &[u8]) -> Option<Model> {
        if data.get(..MAGIC.len())? != MAGIC {
            return None;
        }
        let mut pos = MAGIC.len();
        let bits = *data.get(pos)?;
        let nt = usize::from(*data.get(pos + 1)?);
        pos += 2;
        if nt != NT || !(8..=24).contains(&bits) {
            return None;
        }
        let scale = get_f32(data, &mut pos)?;
        let mut trans = Vec::with_capacity((NT + 1) * (NT + 1));
        for _ in 0..(NT + 1) * (NT + 1) {
            trans.push(get_f32(data, &mut pos)?);
        }
        let table_rows = 1usize << bits;
        let (mut keys, mut rows): (Vec<u32>, Vec<[i16; NT]>) = (Vec::new(), Vec::new());
        let mut idx = 0usize;
        while pos < data.len() {
            idx = idx.checked_add(usize::try_from(get_varint(data, &mut pos)?).ok()?)?;
            let z = get_varint(data, &mut pos)?;
            let v = ((z >> 1) as i64) ^ -((z & 1) as i64);
            let (row, col) = (idx / NT, idx % NT);
            if row >= table_rows {
                return None;
            }
            // Indices only increase, so a row's weights arrive together.
            if keys.last() != Some(&(row as u32)) {
                keys.push(row as u32);
                rows.push([0; NT]);
            }
            *rows.last_mut()?.get_mut(col)? = i16::try_from(v).ok()?;
        }
        let mut model = Model {
            mask: table_rows - 1,
            present: Model::index(bits, &keys),
            rows,
            trans,
            scale,
            into: [[f32::NEG_INFINITY; NT + 1]; NT + 1],
        };
        model.into = arrivals(&model);
        Some(model)
    }
}

/// Weights being trained: plain sums plus the timestamp-weighted sums that averaging needs.
pub(crate) struct Training {
    mask: usize,
    w: Vec<f32>,
    u: Vec<f64>,
    trans: Vec<f32>,
    trans_u: Vec<f64>,
    /// Number of examples seen (the averaging clock), starting at 1.
    pub clock: f64,
}

impl Scorer for Training {
    fn emissions(&self, ids: &[u32], out: &mut [f32; NT]) {
        for &id in ids {
            let row = (id as usize & self.mask) * NT;
            if let Some(w) = self.w.get(row..row + NT) {
                for (o, &x) in out.iter_mut().zip(w) {
                    *o += x;
                }
            }
        }
    }

    fn transition(&self, p: usize, q: usize) -> f32 {
        self.trans.get(p * (NT + 1) + q).copied().unwrap_or(0.0)
    }
}

impl Training {
    /// Zero weights with `2^bits` feature rows.
    pub(crate) fn new(bits: u8) -> Self {
        let rows = 1usize << bits;
        Training {
            mask: rows - 1,
            w: vec![0.0; rows * NT],
            u: vec![0.0; rows * NT],
            trans: vec![0.0; (NT + 1) * (NT + 1)],
            trans_u: vec![0.0; (NT + 1) * (NT + 1)],
            clock: 1.0,
        }
    }

    /// Adds `d` to the weights of features `ids` for `tag`.
    pub(crate) fn update(&mut self, ids: &[u32], tag: usize, d: f32) {
        for &id in ids {
            let k = (id as usize & self.mask) * NT + tag;
            if let (Some(w), Some(u)) = (self.w.get_mut(k), self.u.get_mut(k)) {
                *w += d;
                *u += self.clock * f64::from(d);
            }
        }
    }

    /// Adds `d` to the transition weight `p → q`.
    pub(crate) fn update_transition(&mut self, p: usize, q: usize, d: f32) {
        let k = p * (NT + 1) + q;
        if let (Some(w), Some(u)) = (self.trans.get_mut(k), self.trans_u.get_mut(k)) {
            *w += d;
            *u += self.clock * f64::from(d);
        }
    }

    /// The averaged weights, divided by `runs`, added to `sum` (emissions, transitions); `sum`
    /// starts empty.
    pub(crate) fn add_average(&self, runs: usize, sum: &mut (Vec<f32>, Vec<f32>)) {
        let runs = runs.max(1) as f64;
        let add = |w: &[f32], u: &[f64], out: &mut Vec<f32>| {
            out.resize(w.len(), 0.0);
            for ((o, &w), &u) in out.iter_mut().zip(w).zip(u) {
                *o += ((f64::from(w) - u / self.clock) / runs) as f32;
            }
        };
        add(&self.w, &self.u, &mut sum.0);
        add(&self.trans, &self.trans_u, &mut sum.1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predecessor_lists() {
        for q in 0..NT {
            let want: Vec<usize> = (0..NT).filter(|&p| allowed(p, q)).collect();
            let got = match predecessors(q) {
                Ok(ps) => ps.to_vec(),
                Err(ps) => ps.to_vec(),
            };
            assert_eq!(got, want, "before {q}");
        }
    }

    #[test]
    fn opening_tags_follow_closed_ones() {
        let closed_preds: Vec<usize> = (0..NT).filter(|&q| predecessors(q).is_err()).collect();
        assert_eq!(OPENING.to_vec(), closed_preds);
    }

    #[test]
    fn bilou_constraints() {
        let b_per = make_tag(0, 0);
        let i_per = make_tag(0, 1);
        let l_per = make_tag(0, 2);
        let u_org = make_tag(1, 3);
        assert!(allowed(EDGE, b_per) && allowed(EDGE, 0) && allowed(EDGE, u_org));
        assert!(!allowed(EDGE, i_per) && !allowed(b_per, EDGE));
        assert!(allowed(b_per, i_per) && allowed(i_per, l_per) && !allowed(b_per, u_org));
        assert!(allowed(l_per, EDGE) && allowed(l_per, u_org) && !allowed(0, l_per));
        assert_eq!(split_tag(u_org), Some((1, 3)));
        assert_eq!(split_tag(0), None);
    }

    /// Scores from a fixed table: emissions by feature id = token position.
    struct Table(Vec<[f32; NT]>);

    impl Scorer for Table {
        fn emissions(&self, ids: &[u32], out: &mut [f32; NT]) {
            for &i in ids {
                for (o, x) in out.iter_mut().zip(self.0[i as usize]) {
                    *o += x;
                }
            }
        }
        fn transition(&self, _: usize, _: usize) -> f32 {
            0.0
        }
    }

    #[test]
    fn decoding_respects_bilou() {
        // Token 0 prefers B-PER, token 1 prefers O: the only allowed reading is U-PER, O
        // or B-PER, L-PER; emissions decide.
        let mut t0 = [0.0; NT];
        t0[make_tag(0, 0)] = 5.0;
        t0[make_tag(0, 3)] = 1.0;
        let mut t1 = [0.0; NT];
        t1[0] = 3.0;
        t1[make_tag(0, 2)] = 1.0;
        let table = Table(vec![t0, t1]);
        let emit: Vec<[f32; NT]> = (0..2u32)
            .map(|i| {
                let mut e = [0.0; NT];
                table.emissions(&[i], &mut e);
                e
            })
            .collect();
        let mut out = Vec::new();
        viterbi(&table, &emit, &mut out);
        // B,L = 5+1 = 6 beats U,O = 1+3 = 4.
        assert_eq!(out, vec![make_tag(0, 0), make_tag(0, 2)]);
        viterbi(&table, &[], &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn model_round_trip() {
        let bits = 8;
        let mut w = vec![0.0f32; (1 << bits) * NT];
        w[3] = 1.5;
        w[NT * 7 + 2] = -0.25;
        w[NT * 255 + NT - 1] = 0.75;
        let mut trans = vec![0.0f32; (NT + 1) * (NT + 1)];
        trans[5] = -2.0;
        let bytes = Model::encode(bits, &w, &trans, 0.0);
        let m = Model::decode(&bytes).expect("decodes");
        let mut out = [0.0; NT];
        m.emissions(&[0], &mut out);
        assert!((out[3] - 1.5).abs() < 1e-3);
        let mut out = [0.0; NT];
        m.emissions(&[7 + 256 * 5], &mut out);
        assert!((out[2] + 0.25).abs() < 1e-3);
        let mut out = [0.0; NT];
        m.emissions(&[255], &mut out);
        assert!((out[NT - 1] - 0.75).abs() < 1e-3);
        assert_eq!(m.transition(0, 5), -2.0);
        // Truncated or foreign bytes never panic.
        for cut in 0..bytes.len().min(64) {
            let _ = Model::decode(&bytes[..cut]);
        }
        assert!(Model::decode(b"garbage").is_none());
        assert!(Model::decode(&[]).is_none());
    }
}
