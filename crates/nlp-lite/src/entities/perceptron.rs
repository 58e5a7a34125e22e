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
fn allowed(p: usize, q: usize) -> bool {
    let open = |t: usize| split_tag(t).filter(|&(_, pos)| pos <= 1);
    match (open(p), split_tag(q)) {
        (Some((ty, _)), Some((tq, pq))) => ty == tq && (pq == 1 || pq == 2),
        (Some(_), None) => false,
        (None, Some((_, pq))) => q != EDGE && (pq == 0 || pq == 3),
        (None, None) => true,
    }
}

/// Anything that scores tags: the trained model or the weights being trained.
pub(crate) trait Scorer {
    /// Adds the emission scores of features `ids` to `out`.
    fn emissions(&self, ids: &[u32], out: &mut [f32; NT]);
    /// The transition score from `p` to `q` (either may be the boundary, `NT`).
    fn transition(&self, p: usize, q: usize) -> f32;
}

/// The best allowed tag sequence for per-token emission scores `emit`, into `out`.
pub(crate) fn viterbi(scorer: &impl Scorer, emit: &[[f32; NT]], out: &mut Vec<usize>) {
    out.clear();
    let n = emit.len();
    if n == 0 {
        return;
    }
    // Transition scores with BILOU's constraints folded in (disallowed = -inf), and stored
    // by target tag, so that the inner loop is a plain maximum.
    let mut into = [[f32::NEG_INFINITY; NT + 1]; NT + 1];
    for (q, row) in into.iter_mut().enumerate() {
        for (p, t) in row.iter_mut().enumerate() {
            if allowed(p, q) {
                *t = scorer.transition(p, q);
            }
        }
    }
    let mut score = vec![[f32::NEG_INFINITY; NT]; n];
    let mut back = vec![[0u8; NT]; n];
    for q in 0..NT {
        score[0][q] = emit[0][q] + into[q][EDGE];
    }
    for i in 1..n {
        let prev = score[i - 1];
        for q in 0..NT {
            let mut best = (f32::NEG_INFINITY, 0usize);
            for (p, (&sp, &t)) in prev.iter().zip(&into[q]).enumerate() {
                let s = sp + t;
                if s > best.0 {
                    best = (s, p);
                }
            }
            score[i][q] = best.0 + emit[i][q];
            back[i][q] = best.1 as u8;
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
        tag = usize::from(back[i][tag]);
    }
}

/// Trained weights, quantised: the form embedded in the binary.
///
/// Of the `2^bits` hashed feature rows only a few percent carry weights, so the rows that do
/// are stored densely and found through a small open-addressing index: the full table would
/// be tens of megabytes, and tagging would wait on a cache miss for almost every feature.
pub(crate) struct Model {
    mask: usize,
    /// `(hashed row + 1, dense row)` per slot; `0` marks an empty slot. Length a power of two.
    slots: Vec<(u32, u32)>,
    rows: Vec<[i16; NT]>,
    trans: Vec<f32>,
    scale: f32,
}

impl Model {
    /// The weights of hashed feature `id`, when it has any.
    fn row(&self, id: u32) -> Option<&[i16; NT]> {
        let key = (id as usize & self.mask) as u32 + 1;
        let slot_mask = self.slots.len().checked_sub(1)?;
        // Feature ids are hashes already: their low bits spread well.
        let mut s = key as usize & slot_mask;
        loop {
            let &(k, row) = self.slots.get(s)?;
            if k == key {
                return self.rows.get(row as usize);
            }
            if k == 0 {
                return None;
            }
            s = (s + 1) & slot_mask;
        }
    }

    /// Builds the index over `rows`, given the hashed row number of each.
    fn index(keys: &[u32]) -> Vec<(u32, u32)> {
        let len = (keys.len() * 2).next_power_of_two().max(2);
        let mut slots = vec![(0u32, 0u32); len];
        for (dense, &key) in keys.iter().enumerate() {
            let mut s = (key + 1) as usize & (len - 1);
            while slots[s].0 != 0 {
                s = (s + 1) & (len - 1);
            }
            slots[s] = (key + 1, dense as u32);
        }
        slots
    }
}

impl Scorer for Model {
    fn emissions(&self, ids: &[u32], out: &mut [f32; NT]) {
        let mut acc = [0i32; NT];
        for &id in ids {
            if let Some(w) = self.row(id) {
                for (a, &x) in acc.iter_mut().zip(w) {
                    *a += i32::from(x);
                }
            }
        }
        for (o, a) in out.iter_mut().zip(acc) {
            *o += a as f32 * self.scale;
        }
    }

    fn transition(&self, p: usize, q: usize) -> f32 {
        self.trans.get(p * (NT + 1) + q).copied().unwrap_or(0.0)
    }
}

fn put_varint(out: &mut Vec<u8>, mut x: u64) {
    while x >= 0x80 {
        out.push((x as u8) | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

fn get_varint(data: &[u8], pos: &mut usize) -> Option<u64> {
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
        Some(Model {
            mask: table_rows - 1,
            slots: Model::index(&keys),
            rows,
            trans,
            scale,
        })
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
