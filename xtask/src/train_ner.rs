//! `cargo xtask train ner`: learns word clusters from unlabeled text, then trains the entity
//! tagger on CoNLL-2003 `eng.train`, and writes `crates/nlp-lite/model/clusters.bin` and
//! `crates/nlp-lite/model/ner.bin`, which nlp-lite embeds.
//!
//! The unlabeled text for the clusters is the token column of GMB and of `eng.train` (labels
//! ignored) and the article bodies of the extract dev set (`extract-dev/truth.jsonl`). Never
//! `eng.testa` (the development set the scores are reported on) nor wikigold (the out-of-domain
//! test). `--keep-clusters` skips the clustering and trains with the table already in the model
//! directory. Deterministic: the same data and settings give byte-identical files.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use nlp_lite::{read_conll, train_clusters, train_ner, ClusterConfig, TrainConfig};

use crate::args::Args;

/// Runs the command.
pub fn run(args: &Args) -> Result<()> {
    let data = crate::data_dir(args);
    let path = data.join("ner/conll2003/eng.train");
    if !path.exists() {
        crate::skip_missing(&path);
        return Ok(());
    }
    let text = read(&path)?;
    let model_dir = crate::workspace_root().join("crates/nlp-lite/model");
    let clusters_path = model_dir.join("clusters.bin");
    let clusters = if args.flag("--keep-clusters") {
        std::fs::read(&clusters_path)
            .with_context(|| format!("cannot read {}", clusters_path.display()))?
    } else {
        let clusters = cluster(&data, &text)?;
        write(&clusters_path, &clusters)?;
        clusters
    };
    let docs = read_conll(&text);
    let config = TrainConfig::default();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    println!(
        "training on {} documents, {sentences} sentences, {config:?}",
        docs.len()
    );
    let started = Instant::now();
    let model = train_ner(&docs, &clusters, &config);
    println!(
        "trained in {:.1} s, model {} bytes",
        started.elapsed().as_secs_f64(),
        model.len()
    );
    write(&model_dir.join("ner.bin"), &model)?;
    println!("(run `cargo xtask eval ner` to score it)");
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    println!("wrote {} ({} bytes)", path.display(), bytes.len());
    Ok(())
}

/// Clusters the unlabeled text (`eng_train` is the text of `eng.train`) and returns the table.
fn cluster(data: &Path, eng_train: &str) -> Result<Vec<u8>> {
    let mut sentences = conll_sentences(eng_train);
    let gmb = data.join("ner/gmb/gmb_ner_dataset.conll");
    if gmb.exists() {
        sentences.extend(conll_sentences(&read(&gmb)?));
    }
    let truth = data.join("extract-dev/truth.jsonl");
    if truth.exists() {
        sentences.extend(body_sentences(&read(&truth)?)?);
    }
    let config = ClusterConfig::default();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    println!(
        "clustering {} sentences, {tokens} tokens, {config:?}",
        sentences.len()
    );
    let started = Instant::now();
    let table = train_clusters(&sentences, &config);
    println!("clustered in {:.1} s", started.elapsed().as_secs_f64());
    Ok(table)
}

/// The token column of CoNLL-format text, as sentences (labels ignored).
fn conll_sentences(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        match line.split_whitespace().next() {
            Some(word) if word != "-DOCSTART-" => cur.push(word.to_owned()),
            _ => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The `body` fields of a JSON-lines file, split into sentences of tokens by nlp-lite.
fn body_sentences(jsonl: &str) -> Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    for (i, line) in jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let value: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("truth.jsonl line {}", i + 1))?;
        if let Some(body) = value.get("body").and_then(|b| b.as_str()) {
            out.extend(split_text(body));
        }
    }
    Ok(out)
}

/// `text` as sentences of tokens.
fn split_text(text: &str) -> Vec<Vec<String>> {
    // nlp-lite reports character offsets; map them to byte offsets.
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let slice = |s: usize, e: usize| -> Option<&str> { text.get(*bytes.get(s)?..*bytes.get(e)?) };
    let mut tokens = nlp_lite::tokenize(text).into_iter().peekable();
    let mut out = Vec::new();
    for s in nlp_lite::sentences(text) {
        let mut words = Vec::new();
        while let Some(t) = tokens.next_if(|t| t.start < s.end) {
            if t.start >= s.start {
                words.extend(slice(t.start, t.end).map(String::from));
            }
        }
        if !words.is_empty() {
            out.push(words);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_token_columns_and_bodies() {
        let conll = "-DOCSTART- -X- O O\n\nEU NNP I-ORG\nrejects VBZ O\n\nPeter I-PER\n";
        assert_eq!(
            conll_sentences(conll),
            vec![vec!["EU", "rejects"], vec!["Peter"]]
        );
        let jsonl = "{\"body\": \"Zoë visited Seoul. She left.\"}\n{\"id\": 2}\n";
        let got = body_sentences(jsonl).expect("parses");
        assert_eq!(
            got,
            vec![
                vec!["Zoë", "visited", "Seoul", "."],
                vec!["She", "left", "."]
            ]
        );
    }
}
