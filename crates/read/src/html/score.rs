//! The ScrapingHub (Zyte) article-extraction benchmark's metric, so that Marsad and any other
//! extractor are scored by one function on the same pages.
//!
//! Entry points: [`page_counts`] for one page and [`score`] for a set. The metric, as the
//! benchmark defines it:
//! - tokens are runs of word characters (`\w+`: letters, digits, `_`), case kept;
//! - the units compared are word 4-grams ("shingles"), counted as a multiset; a text of 1 to 3
//!   tokens is one shorter shingle, an empty text none;
//! - per page, true positives are the shingles in common (by count), false positives the surplus
//!   of the prediction, false negatives the surplus of the truth;
//! - precision is averaged over the pages where something was predicted, recall over the pages
//!   with a truth (macro averages); F1 is the harmonic mean of those two averages, not a mean of
//!   per-page F1; accuracy is the share of pages whose token sequences are equal.
//!
//! One difference: Python's `\w` leaves out combining marks, Rust's `char::is_alphanumeric` keeps
//! those that Unicode calls alphabetic (Arabic harakat among them). The benchmark's pages are
//! Latin, Cyrillic and Hangul, where this makes no difference.

use std::collections::HashMap;

/// Word tokens of a text, as the benchmark cuts them.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], u64> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < 4 {
        counts.insert(tokens, 1);
        return counts;
    }
    for window in tokens.windows(4) {
        *counts.entry(window).or_insert(0) += 1;
    }
    counts
}

/// One page's comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageCounts {
    pub true_positives: u64,
    pub false_positives: u64,
    pub false_negatives: u64,
    /// The token sequences are equal.
    pub exact: bool,
}

/// Compares one page's predicted text with its true text.
pub fn page_counts(truth: &str, predicted: &str) -> PageCounts {
    let (truth_tokens, predicted_tokens) = (tokens(truth), tokens(predicted));
    let (truth_shingles, predicted_shingles) = (shingles(&truth_tokens), shingles(&predicted_tokens));
    let mut counts = PageCounts { exact: truth_tokens == predicted_tokens, ..PageCounts::default() };
    for (shingle, &n) in &truth_shingles {
        let p = predicted_shingles.get(shingle).copied().unwrap_or(0);
        counts.true_positives += n.min(p);
        counts.false_negatives += n.saturating_sub(p);
    }
    for (shingle, &n) in &predicted_shingles {
        counts.false_positives += n.saturating_sub(truth_shingles.get(shingle).copied().unwrap_or(0));
    }
    counts
}

/// Scores over a set of pages.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
}

/// Scores (truth, prediction) pairs with the benchmark's macro averages.
pub fn score<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Scores {
    let (mut precision_sum, mut precision_pages, mut recall_sum, mut recall_pages) =
        (0.0, 0usize, 0.0, 0usize);
    let (mut pages, mut exact) = (0usize, 0usize);
    for (truth, predicted) in pairs {
        let c = page_counts(truth, predicted);
        pages += 1;
        exact += usize::from(c.exact);
        let (tp, fp, fn_) = (c.true_positives as f64, c.false_positives as f64, c.false_negatives as f64);
        if tp + fp > 0.0 {
            precision_sum += tp / (tp + fp);
            precision_pages += 1;
        }
        if tp + fn_ > 0.0 {
            recall_sum += tp / (tp + fn_);
            recall_pages += 1;
        }
    }
    let precision = if precision_pages > 0 { precision_sum / precision_pages as f64 } else { 0.0 };
    let recall = if recall_pages > 0 { recall_sum / recall_pages as f64 } else { 0.0 };
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    let accuracy = if pages > 0 { exact as f64 / pages as f64 } else { 0.0 };
    Scores { pages, precision, recall, f1, accuracy }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_word_runs() {
        assert_eq!(tokens("Hello, world! it's 2024_x"), ["Hello", "world", "it", "s", "2024_x"]);
        assert_eq!(tokens("قال الوزير: «نعم»."), ["قال", "الوزير", "نعم"]);
        assert!(tokens(" ,. ").is_empty());
    }

    #[test]
    fn page_counts_by_shingles() {
        let cases = [
            ("a b c d e", "a b c d e", (2, 0, 0, true)),
            ("a b c d e", "a b c d", (1, 0, 1, false)),
            ("a b c d", "x a b c d y", (1, 2, 0, false)),
            ("a b", "a b", (1, 0, 0, true)),
            ("a b c d", "", (0, 0, 1, false)),
            ("a b c d a b c d", "a b c d", (1, 0, 4, false)),
        ];
        for (truth, predicted, (tp, fp, fn_, exact)) in cases {
            let c = page_counts(truth, predicted);
            assert_eq!(
                (c.true_positives, c.false_positives, c.false_negatives, c.exact),
                (tp, fp, fn_, exact),
                "truth {truth:?} predicted {predicted:?}"
            );
        }
    }

    #[test]
    fn macro_averages_skip_empty_predictions_for_precision() {
        let scores = score([("a b c d e", "a b c d e"), ("a b c d e", "")]);
        assert_eq!(scores.pages, 2);
        assert!((scores.precision - 1.0).abs() < 1e-12);
        assert!((scores.recall - 0.5).abs() < 1e-12);
        assert!((scores.f1 - 2.0 / 3.0).abs() < 1e-12);
        assert!((scores.accuracy - 0.5).abs() < 1e-12);
    }
}
