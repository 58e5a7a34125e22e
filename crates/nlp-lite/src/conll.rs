//! Reading CoNLL-format NER files into training documents.
//!
//! One token per line, whitespace-separated columns with the word first and the NE tag last;
//! blank lines end sentences and `-DOCSTART-` lines end documents. Tags are read leniently as
//! IOB1 or IOB2 (`B-X` always starts a span, `I-X` continues a span of type X or starts one), with
//! CoNLL's PER/ORG/LOC/MISC types. Silver data (GMB) puts titles inside person spans;
//! [`strip_person_titles`] takes them out, as the CoNLL guidelines do.

use crate::entities::train::{TrainDoc, TrainSentence};
use crate::lexicon::TITLE_SET;
use crate::EntityType;

/// Parses a CoNLL-format file into documents (a file without `-DOCSTART-` is one document).
pub fn read_conll(text: &str) -> Vec<TrainDoc> {
    let mut docs = Vec::new();
    let mut doc = TrainDoc::default();
    let mut sent = TrainSentence::default();
    let mut open: Option<(usize, EntityType)> = None;
    let close = |sent: &mut TrainSentence, open: &mut Option<(usize, EntityType)>| {
        if let Some((s, ty)) = open.take() {
            sent.spans.push((s..sent.words.len(), ty));
        }
    };
    let end_sentence = |doc: &mut TrainDoc, sent: &mut TrainSentence, open: &mut _| {
        close(sent, open);
        if !sent.words.is_empty() {
            doc.sentences.push(std::mem::take(sent));
        }
    };
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let (Some(&word), Some(&tag)) = (cols.first(), cols.last()) else {
            end_sentence(&mut doc, &mut sent, &mut open);
            continue;
        };
        if word == "-DOCSTART-" {
            end_sentence(&mut doc, &mut sent, &mut open);
            if !doc.sentences.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let (bio, ty) = tag.split_once('-').unwrap_or(("O", ""));
        let ty = EntityType::parse(ty).filter(|_| cols.len() >= 2);
        match (bio, ty) {
            ("I", Some(ty)) if open.is_some_and(|(_, t)| t == ty) => {}
            ("B" | "I", Some(ty)) => {
                close(&mut sent, &mut open);
                open = Some((sent.words.len(), ty));
            }
            _ => close(&mut sent, &mut open),
        }
        sent.words.push(word.to_string());
    }
    end_sentence(&mut doc, &mut sent, &mut open);
    if !doc.sentences.is_empty() {
        docs.push(doc);
    }
    docs
}

/// Removes title words ("President", "Foreign Minister") from the start of person spans,
/// dropping spans left empty.
pub fn strip_person_titles(docs: &mut [TrainDoc]) {
    for s in docs.iter_mut().flat_map(|d| d.sentences.iter_mut()) {
        let words = &s.words;
        s.spans.retain_mut(|(r, ty)| {
            if *ty == EntityType::Person {
                while r.start < r.end
                    && words
                        .get(r.start)
                        .is_some_and(|w| TITLE_SET.has(&w.to_ascii_lowercase()))
                {
                    r.start += 1;
                }
            }
            r.start < r.end
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iob1_and_iob2() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP I-ORG\nrejects VBZ O\nGerman JJ I-MISC\n\
                    Peter NNP I-PER\nSmith NNP I-PER\nJohn NNP B-PER\n\n-DOCSTART- -X- O O\n\n\
                    President NNP B-PER\nBush NNP I-PER\nin IN O\nNew NNP B-LOC\nYork NNP I-LOC\n";
        let mut docs = read_conll(text);
        assert_eq!(docs.len(), 2);
        let s = &docs[0].sentences[0];
        assert_eq!(s.words.len(), 6);
        assert_eq!(
            s.spans,
            vec![
                (0..1, EntityType::Org),
                (2..3, EntityType::Misc),
                (3..5, EntityType::Person),
                (5..6, EntityType::Person),
            ]
        );
        strip_person_titles(&mut docs);
        assert_eq!(
            docs[1].sentences[0].spans,
            vec![(1..2, EntityType::Person), (3..5, EntityType::Place)]
        );
        assert!(read_conll("").is_empty());
    }
}
