//! Clitic segmentation evaluation against a CoNLL-U treebank (UD Arabic-PUD): how often
//! [`crate::segment::SplitClitics`] cuts an orthographic word exactly as the
//! treebank does. Entry point: [`eval_segmentation`]. Pure: the caller reads the file.
//!
//! An orthographic word is a run of tokens joined by `SpaceAfter=No`, split at punctuation
//! tokens; only words made of Arabic letters (and harakat) are scored. The prediction is
//! [`crate::segment::CliticSplit::ud_pieces`] (the article stays on its
//! noun, as in UD). Word accuracy counts a word right when every piece is right.

use std::collections::BTreeMap;

use crate::normalize::harakat::is_haraka;
use crate::normalize::Normalizer;
use crate::segment::clitics::{Piece, PieceKind, SplitClitics};
use crate::segment::words::is_arabic_letter;

/// Scores of one evaluation run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SegEval {
    /// Arabic orthographic words scored.
    pub words: usize,
    /// Words whose pieces all match the treebank.
    pub words_right: usize,
    /// Words the treebank splits.
    pub gold_split_words: usize,
    /// Per clitic form (search form, e.g. `و`, `ه`): (true positives, predicted, gold).
    pub per_clitic: BTreeMap<String, (usize, usize, usize)>,
    /// The words cut differently from the treebank, in treebank order.
    pub errors: Vec<SegError>,
}

/// One word the segmenter cut differently from the treebank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegError {
    /// The orthographic word.
    pub word: String,
    /// The treebank's pieces.
    pub gold: Vec<String>,
    /// The segmenter's pieces.
    pub predicted: Vec<String>,
}

impl SegEval {
    /// Word-level accuracy in [0, 1].
    pub fn accuracy(&self) -> f64 {
        if self.words == 0 {
            return 0.0;
        }
        self.words_right as f64 / self.words as f64
    }

    /// Precision and recall of one clitic form.
    pub fn precision_recall(&self, clitic: &str) -> Option<(f64, f64)> {
        let &(tp, predicted, gold) = self.per_clitic.get(clitic)?;
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        Some((ratio(tp, predicted), ratio(tp, gold)))
    }
}

/// Proclitic forms, in search form.
const PROCLITICS: [&str; 6] = ["و", "ف", "ب", "ل", "ك", "س"];
/// Pronoun forms, in search form.
const PRONOUNS: [&str; 12] = ["ه", "ها", "هم", "هما", "هن", "كم", "كما", "كن", "نا", "ني", "ي", "ك"];

/// Scores the built-in segmenter on the CoNLL-U text `conllu`.
pub fn eval_segmentation(conllu: &str) -> SegEval {
    let segmenter = SplitClitics::builtin();
    let search = Normalizer::shared_search();
    let mut eval = SegEval::default();
    for gold in orthographic_words(conllu) {
        let word: String = gold.concat();
        if !word.chars().all(|c| is_arabic_letter(c) || is_haraka(c)) {
            continue;
        }
        let split = segmenter.split(&word);
        let predicted: Vec<Piece> = split.ud_pieces().collect();
        let predicted_ranges: Vec<(usize, usize)> =
            predicted.iter().map(|p| (p.range.start, p.range.end)).collect();
        let gold_ranges = gold_ranges(&gold);
        eval.words += 1;
        if gold.len() > 1 {
            eval.gold_split_words += 1;
        }
        if predicted_ranges == gold_ranges {
            eval.words_right += 1;
        } else {
            eval.errors.push(SegError {
                word: word.clone(),
                gold: gold.iter().map(|g| g.to_string()).collect(),
                predicted: predicted.iter().map(|p| word[p.range.clone()].to_string()).collect(),
            });
        }
        let form = |(s, e): (usize, usize)| search.normalize(&word[s..e]).into_owned();
        let predicted_clitics: Vec<(usize, usize)> = predicted
            .iter()
            .filter(|p| p.kind != PieceKind::Stem)
            .map(|p| (p.range.start, p.range.end))
            .collect();
        let gold_clitics = gold_clitics(&gold_ranges, &form);
        for &range in &gold_clitics {
            let entry = eval.per_clitic.entry(form(range)).or_default();
            entry.2 += 1;
            if predicted_clitics.contains(&range) {
                entry.0 += 1;
            }
        }
        for &range in &predicted_clitics {
            eval.per_clitic.entry(form(range)).or_default().1 += 1;
        }
    }
    eval
}

/// The treebank's clitics: leading one-letter proclitics and a trailing pronoun, as long as a
/// host remains between them.
fn gold_clitics(ranges: &[(usize, usize)], form: &impl Fn((usize, usize)) -> String) -> Vec<(usize, usize)> {
    let mut first = 0;
    let mut last = ranges.len();
    while last - first > 1 && PROCLITICS.contains(&form(ranges[first]).as_str()) {
        first += 1;
    }
    let pronoun = last - first > 1 && PRONOUNS.contains(&form(ranges[last - 1]).as_str());
    if pronoun {
        last -= 1;
    }
    let mut clitics: Vec<(usize, usize)> = ranges[..first].to_vec();
    clitics.extend_from_slice(&ranges[last..]);
    clitics
}

fn gold_ranges(pieces: &[&str]) -> Vec<(usize, usize)> {
    let mut at = 0;
    pieces
        .iter()
        .map(|p| {
            let range = (at, at + p.len());
            at += p.len();
            range
        })
        .collect()
}

/// The treebank's orthographic words as lists of token forms.
fn orthographic_words(conllu: &str) -> Vec<Vec<&str>> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in conllu.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 10 || !fields[0].bytes().all(|b| b.is_ascii_digit()) {
            if line.is_empty() && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let (form, upos, misc) = (fields[1], fields[3], fields[9]);
        if upos == "PUNCT" {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        current.push(form);
        if !misc.split('|').any(|m| m == "SpaceAfter=No") {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_a_written_sentence() {
        // Our own sentence: وبحثهما الوزير = و + بحث + هما, الوزير whole.
        let conllu = "# text = وبحثهما الوزير\n\
            1\tو\tو\tCCONJ\t_\t_\t0\troot\t_\tSpaceAfter=No\n\
            2\tبحث\tبحث\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No\n\
            3\tهما\tهما\tPRON\t_\t_\t0\troot\t_\t_\n\
            4\tالوزير\tوزير\tNOUN\t_\t_\t0\troot\t_\t_\n\n";
        let eval = eval_segmentation(conllu);
        assert_eq!(eval.words, 2);
        assert_eq!(eval.gold_split_words, 1);
        assert_eq!(eval.per_clitic.get("و").map(|e| e.2), Some(1));
        assert_eq!(eval.per_clitic.get("هما").map(|e| e.2), Some(1));
        assert_eq!(eval.words_right + eval.errors.len(), eval.words);
    }
}
