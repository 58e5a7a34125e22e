//! `cargo xtask train ner`: trains the entity tagger on CoNLL-2003 `eng.train` (never on
//! `eng.testa`, the development set the scores are reported on, nor on wikigold, the
//! out-of-domain test) and writes `crates/nlp-lite/model/ner.bin`, which nlp-lite embeds.
//! Deterministic: the same data and settings give a byte-identical model.

use std::time::Instant;

use anyhow::{Context, Result};
use nlp_lite::{read_conll, train_ner, TrainConfig};

use crate::args::Args;

/// Runs the command.
pub fn run(args: &Args) -> Result<()> {
    let path = crate::data_dir(args).join("ner/conll2003/eng.train");
    if !path.exists() {
        crate::skip_missing(&path);
        return Ok(());
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let docs = read_conll(&text);
    let config = TrainConfig::default();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    println!(
        "training on {} documents, {sentences} sentences, {config:?}",
        docs.len()
    );
    let started = Instant::now();
    let model = train_ner(&docs, &config);
    println!(
        "trained in {:.1} s, model {} bytes",
        started.elapsed().as_secs_f64(),
        model.len()
    );
    let out = crate::workspace_root().join("crates/nlp-lite/model/ner.bin");
    std::fs::write(&out, &model).with_context(|| format!("cannot write {}", out.display()))?;
    println!(
        "wrote {} (run `cargo xtask eval ner` to score it)",
        out.display()
    );
    Ok(())
}
