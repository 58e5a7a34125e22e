//! `cargo xtask train extract`: fits the region model (logistic regression over block features,
//! one weight vector per input format) on `../shared/data/extract-dev`, reports 5-fold
//! cross-validated body P/R/F1 (folds by page, so no page is scored by weights fitted on it), then
//! fits on every page and writes `crates/extract/model/region.txt`.
//!
//! A block's label is whether at least half of its 4-word shingles occur in the true body.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use extract::{
    Features, Options, PageFormat, RegionModel, TitleFeatures, FEATURES, TITLE_FEATURES,
};
use rayon::prelude::*;

use crate::args::Args;
use crate::eval_extract::{load_truth, read_maybe_gz, Truth};
use crate::metrics::{body, meta};

const FOLDS: usize = 5;
const EPOCHS: usize = 600;
const LEARNING_RATE: f32 = 0.2;
const L2: f32 = 1e-4;

/// One block as a training example.
struct Example {
    x: Features,
    y: f32,
    weight: f32,
}

/// A decoded page with its truth, ready for feature extraction and scoring.
struct Sample {
    page: extract::Page,
    truth: Truth,
    examples: Vec<Example>,
}

/// Runs the command.
pub fn run(args: &Args) -> Result<()> {
    let dir = crate::data_dir(args).join("extract-dev");
    if !dir.exists() {
        crate::skip_missing(&dir);
        return Ok(());
    }
    let truths = load_truth(&dir)?;
    let mut model = RegionModel::neutral();
    let mut report = String::new();
    for format in [PageFormat::Html, PageFormat::Text] {
        let samples = load(&dir, &truths, format)?;
        let (p, r, f) = cross_validate(&samples, format);
        let line = format!(
            "{}: {} pages, {}-fold cross-validated body P {p:.4} R {r:.4} F1 {f:.4}",
            format.as_str(),
            samples.len(),
            FOLDS
        );
        println!("{line}");
        report.push_str(&line);
        report.push('\n');
        let all: Vec<&Example> = samples.iter().flat_map(|s| &s.examples).collect();
        let weights = fit(&all);
        match format {
            PageFormat::Html => model.html = weights,
            PageFormat::Text => model.text = weights,
        }
    }
    // The headline chooser of text dumps, over the candidates the fitted region model leaves.
    let text_samples = load(&dir, &truths, PageFormat::Text)?;
    let pages = title_pages(&text_samples, &model);
    let with_gold = pages.iter().filter(|p| p.iter().any(|c| c.1)).count();
    let cv = title_cross_validate(&pages);
    let line = format!(
        "title: {} text pages ({with_gold} with the true headline among the candidates), \
         {FOLDS}-fold cross-validated exact title rate {cv:.4}",
        pages.len()
    );
    println!("{line}");
    report.push_str(&line);
    report.push('\n');
    model.title = fit_title(&pages.iter().collect::<Vec<_>>());
    let header = format!(
        "Region model for newsdb's extract crate: logistic regression weights per format, and the\n\
         text-dump headline chooser (a softmax over each page's candidates).\n\
         Written by `cargo xtask train extract` from the WCXB dev split in ../shared/data/extract-dev.\n{report}"
    );
    let out = crate::workspace_root().join("crates/extract/model/region.txt");
    std::fs::write(&out, model.to_text(&header))
        .with_context(|| format!("cannot write {}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}

fn load(dir: &Path, truths: &[Truth], format: PageFormat) -> Result<Vec<Sample>> {
    let samples: Vec<Option<Sample>> = truths
        .par_iter()
        .map(|truth| -> Result<Option<Sample>> {
            let path = match format {
                PageFormat::Html => dir.join("html").join(format!("{}.html.gz", truth.id)),
                PageFormat::Text => dir.join("text").join(format!("{}.txt", truth.id)),
            };
            let bytes = read_maybe_gz(&path)?;
            let Ok(mut page) = extract::decode(&bytes, &Options::default().limits) else {
                return Ok(None);
            };
            page.format = format;
            let examples = examples(&page, truth);
            Ok(Some(Sample {
                page,
                truth: truth.clone(),
                examples,
            }))
        })
        .collect::<Result<_>>()?;
    Ok(samples.into_iter().flatten().collect())
}

/// The blocks of a page with their labels. Features do not depend on the model's weights.
fn examples(page: &extract::Page, truth: &Truth) -> Vec<Example> {
    let options = Options {
        model: Some(Arc::new(RegionModel::neutral())),
        ..Options::default()
    };
    let Ok((_, trace)) = extract::explain_page(page, &options) else {
        return Vec::new();
    };
    let truth_tokens = body::tokens(&truth.body);
    let truth_shingles: HashSet<&[&str]> = truth_tokens
        .windows(4.min(truth_tokens.len().max(1)))
        .collect();
    trace
        .into_iter()
        .filter(|t| t.score.is_some())
        .map(|t| {
            let tokens = body::tokens(&t.text);
            let size = 4.min(tokens.len().max(1));
            let shingles: Vec<&[&str]> = tokens.windows(size).collect();
            let hits = shingles
                .iter()
                .filter(|s| truth_shingles.contains(*s))
                .count();
            let y = if !shingles.is_empty() && hits * 2 >= shingles.len() {
                1.0
            } else {
                0.0
            };
            Example {
                x: t.features,
                y,
                weight: (1.0 + tokens.len() as f32).sqrt(),
            }
        })
        .collect()
}

/// Examples per partial gradient: the sum over each chunk is computed in parallel, and the
/// chunks' sums are added in chunk order, so the result does not depend on thread scheduling.
const GRADIENT_CHUNK: usize = 4096;

/// Fits logistic-regression weights by full-batch gradient descent with Adagrad step sizes
/// (deterministic: no sampling, and the gradient summed in fixed chunks in a fixed order).
fn fit(examples: &[&Example]) -> Vec<f32> {
    let mut w = vec![0.0f32; FEATURES];
    let mut g2 = [1e-8f32; FEATURES];
    let total: f32 = examples.iter().map(|e| e.weight).sum::<f32>().max(1.0);
    for _ in 0..EPOCHS {
        let partial: Vec<Vec<f32>> = examples
            .par_chunks(GRADIENT_CHUNK)
            .map(|chunk| {
                let mut g = vec![0.0f32; FEATURES];
                for e in chunk {
                    let z: f32 = w.iter().zip(e.x.iter()).map(|(a, b)| a * b).sum();
                    let p = 1.0 / (1.0 + (-z).exp());
                    let d = (p - e.y) * e.weight;
                    for (gi, xi) in g.iter_mut().zip(e.x.iter()) {
                        *gi += d * xi;
                    }
                }
                g
            })
            .collect();
        let mut grad = vec![0.0f32; FEATURES];
        for g in partial {
            grad.iter_mut().zip(g).for_each(|(x, y)| *x += y);
        }
        for ((wi, gi), si) in w.iter_mut().zip(grad).zip(g2.iter_mut()) {
            let g = gi / total + L2 * *wi;
            *si += g * g;
            *wi -= LEARNING_RATE * g / si.sqrt();
        }
    }
    w
}

/// Mean body P, R and F1 over folds: each fold's pages extracted with weights fitted on the others.
fn cross_validate(samples: &[Sample], format: PageFormat) -> (f64, f64, f64) {
    let mut scores = Vec::with_capacity(samples.len());
    for fold in 0..FOLDS {
        let train: Vec<&Example> = samples
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS != fold)
            .flat_map(|(_, s)| &s.examples)
            .collect();
        let weights = fit(&train);
        let mut model = RegionModel::neutral();
        match format {
            PageFormat::Html => model.html = weights,
            PageFormat::Text => model.text = weights,
        }
        let options = Options {
            model: Some(Arc::new(model)),
            ..Options::default()
        };
        let fold_scores: Vec<body::PageScore> = samples
            .par_iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS == fold)
            .map(|(_, s)| {
                let predicted = extract::extract_page(&s.page, &options)
                    .map(|a| a.body)
                    .unwrap_or_default();
                body::score_page(&s.truth.body, &predicted)
            })
            .collect();
        scores.extend(fold_scores);
    }
    let summary = body::summarise(&scores);
    let (p, r) = (
        summary.precision.unwrap_or(0.0),
        summary.recall.unwrap_or(0.0),
    );
    (p, r, body::f1(p, r))
}

/// One page's headline candidates: features and whether the candidate is the true title.
type TitlePage = Vec<(TitleFeatures, bool)>;

/// The headline candidates of every text page, as the region `model` places the article.
fn title_pages(samples: &[Sample], model: &RegionModel) -> Vec<TitlePage> {
    let options = Options {
        model: Some(Arc::new(model.clone())),
        ..Options::default()
    };
    samples
        .par_iter()
        .map(|s| {
            let Ok((_, trace)) = extract::explain_page(&s.page, &options) else {
                return Vec::new();
            };
            trace
                .into_iter()
                .filter_map(|t| {
                    let x = t.title_features?;
                    Some((x, meta::same(&s.truth.title, &t.text)))
                })
                .collect()
        })
        .collect()
}

fn dot(w: &[f32], x: &TitleFeatures) -> f32 {
    w.iter().zip(x).map(|(a, b)| a * b).sum()
}

/// Fits the headline chooser: a conditional logit (softmax over each page's candidates) by
/// full-batch gradient descent with Adagrad steps; pages whose true title is not a candidate
/// teach nothing and are left out.
fn fit_title(pages: &[&TitlePage]) -> Vec<f32> {
    let mut w = vec![0.0f32; TITLE_FEATURES];
    let mut g2 = [1e-8f32; TITLE_FEATURES];
    let usable: Vec<&&TitlePage> = pages.iter().filter(|p| p.iter().any(|c| c.1)).collect();
    let total = usable.len().max(1) as f32;
    for _ in 0..EPOCHS {
        let mut grad = [0.0f32; TITLE_FEATURES];
        for page in &usable {
            let scores: Vec<f32> = page.iter().map(|(x, _)| dot(&w, x)).collect();
            let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let exp: Vec<f32> = scores.iter().map(|s| (s - max).exp()).collect();
            let z: f32 = exp.iter().sum();
            let gold = page.iter().filter(|c| c.1).count() as f32;
            for ((x, is_gold), e) in page.iter().zip(&exp) {
                // d(-log Σ_gold p) / dw, with the gold mass spread evenly over duplicates.
                let target = if *is_gold { 1.0 / gold } else { 0.0 };
                let d = e / z - target;
                for (g, v) in grad.iter_mut().zip(x) {
                    *g += d * v;
                }
            }
        }
        for ((wi, gi), si) in w.iter_mut().zip(grad).zip(g2.iter_mut()) {
            let g = gi / total + L2 * *wi;
            *si += g * g;
            *wi -= LEARNING_RATE * g / si.sqrt();
        }
    }
    w
}

/// Share of pages whose highest-scoring candidate is the true title, each fold scored with
/// weights fitted on the others (pages without a true candidate count as misses).
fn title_cross_validate(pages: &[TitlePage]) -> f64 {
    let mut right = 0usize;
    for fold in 0..FOLDS {
        let train: Vec<&TitlePage> = pages
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS != fold)
            .map(|(_, p)| p)
            .collect();
        let w = fit_title(&train);
        right += pages
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS == fold)
            .filter(|(_, p)| {
                p.iter()
                    .max_by(|a, b| dot(&w, &a.0).total_cmp(&dot(&w, &b.0)))
                    .is_some_and(|c| c.1)
            })
            .count();
    }
    right as f64 / pages.len().max(1) as f64
}
