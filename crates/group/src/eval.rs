//! Measuring copy detection and story clustering: deterministic synthetic copies of known
//! articles, the scores of a copy detector over them, and the pairwise agreement of a story
//! clustering with hand labels. Pure functions; the drivers that read corpora are this crate's
//! examples.
//!
//! Entry points: [`Edit`], [`apply_edit`], [`DetectionScore`], [`PairScore`]. Uses nothing
//! outside this crate.
//!
//! A synthetic copy is the body of an article changed by one [`Edit`]; the word edits replace,
//! delete or insert words (a third each on average) with words drawn from a vocabulary, which is
//! how a copying outlet's light rewording looks to shingles.

use crate::hash::{mix64, SplitMix};

/// One kind of controlled change made to an article to build a synthetic copy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Edit {
    /// The text unchanged.
    Exact,
    /// One paragraph (line) removed; texts of one paragraph are returned unchanged.
    DropParagraph,
    /// The headline (first line) replaced by other words, the body unchanged.
    RewriteHeadline,
    /// Every number replaced by another.
    ChangeNumbers,
    /// This fraction of the words replaced, deleted or followed by an inserted word.
    Words(f64),
}

impl Edit {
    /// The edits of the synthetic test, in report order.
    pub const ALL: [Edit; 8] = [
        Edit::Exact,
        Edit::DropParagraph,
        Edit::RewriteHeadline,
        Edit::ChangeNumbers,
        Edit::Words(0.05),
        Edit::Words(0.10),
        Edit::Words(0.20),
        Edit::Words(0.30),
    ];

    pub fn label(&self) -> String {
        match *self {
            Edit::Exact => "exact".to_string(),
            Edit::DropParagraph => "paragraph dropped".to_string(),
            Edit::RewriteHeadline => "headline rewritten".to_string(),
            Edit::ChangeNumbers => "numbers changed".to_string(),
            Edit::Words(fraction) => format!("{:.0}% words", fraction * 100.0),
        }
    }
}

/// Applies `edit` to `text` (first line the headline, then paragraphs, one per line). The same
/// `seed` always gives the same copy; `vocabulary` supplies replacement and inserted words (an
/// empty vocabulary makes replacements and insertions use `كلمة`).
pub fn apply_edit(text: &str, edit: Edit, seed: u64, vocabulary: &[&str]) -> String {
    let mut rng = SplitMix::new(mix64(seed));
    let pick = |rng: &mut SplitMix| vocabulary.get(rng.below(vocabulary.len())).copied().unwrap_or("كلمة");
    match edit {
        Edit::Exact => text.to_string(),
        Edit::DropParagraph => {
            let lines: Vec<&str> = text.lines().collect();
            let body: Vec<usize> = (1..lines.len()).filter(|&i| !lines[i].trim().is_empty()).collect();
            if body.len() < 2 {
                return text.to_string();
            }
            let drop = body[rng.below(body.len())];
            lines
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != drop)
                .map(|(_, l)| *l)
                .collect::<Vec<_>>()
                .join("\n")
        }
        Edit::RewriteHeadline => {
            let rest = text.split_once('\n').map_or("", |(_, rest)| rest);
            let headline: Vec<&str> = (0..8).map(|_| pick(&mut rng)).collect();
            format!("{}\n{rest}", headline.join(" "))
        }
        Edit::ChangeNumbers => {
            let mut out = String::with_capacity(text.len());
            let mut in_number = false;
            for c in text.chars() {
                if c.is_ascii_digit() || ('٠'..='٩').contains(&c) {
                    if !in_number {
                        out.push_str(&(rng.below(9000) + 10).to_string());
                    }
                    in_number = true;
                } else {
                    in_number = false;
                    out.push(c);
                }
            }
            out
        }
        Edit::Words(fraction) => {
            let mut lines = Vec::new();
            for line in text.lines() {
                let mut words = Vec::new();
                for word in line.split_whitespace() {
                    if rng.unit() >= fraction {
                        words.push(word);
                        continue;
                    }
                    match rng.below(3) {
                        0 => words.push(pick(&mut rng)),
                        1 => {}
                        _ => {
                            words.push(word);
                            words.push(pick(&mut rng));
                        }
                    }
                }
                lines.push(words.join(" "));
            }
            lines.join("\n")
        }
    }
}

/// Counts for precision and recall of a copy detector.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DetectionScore {
    /// Copies found and attributed to their original.
    pub true_positives: usize,
    /// Copies not found.
    pub false_negatives: usize,
    /// Verdicts of "copy" that are wrong: a copy given the wrong original, or an original article
    /// called a copy of another.
    pub false_positives: usize,
}

impl DetectionScore {
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }

    pub fn add(&mut self, other: DetectionScore) {
        self.true_positives += other.true_positives;
        self.false_negatives += other.false_negatives;
        self.false_positives += other.false_positives;
    }
}

/// Pairwise agreement of a clustering with hand labels: each labelled pair of articles is
/// either in the same story or not, by the labeller and by the clustering.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PairScore {
    /// Same story by both.
    pub true_positives: usize,
    /// Put together, labelled apart.
    pub false_positives: usize,
    /// Labelled together, put apart.
    pub false_negatives: usize,
    /// Apart by both.
    pub true_negatives: usize,
}

impl PairScore {
    /// Scores `(labelled same story, clustered together)` pairs.
    pub fn of(pairs: impl IntoIterator<Item = (bool, bool)>) -> PairScore {
        let mut score = PairScore::default();
        for (labelled, clustered) in pairs {
            match (labelled, clustered) {
                (true, true) => score.true_positives += 1,
                (false, true) => score.false_positives += 1,
                (true, false) => score.false_negatives += 1,
                (false, false) => score.true_negatives += 1,
            }
        }
        score
    }

    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }

    /// The harmonic mean of precision and recall (0 when both are 0).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// `a / b`, or 1 when `b` is 0 (nothing to get wrong).
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "عنوان الخبر هنا\nالفقرة الأولى فيها 12 كلمة و 3 أرقام\nالفقرة الثانية\nالفقرة الثالثة";

    #[test]
    fn edits_are_deterministic_and_change_what_they_say() {
        let vocab = ["سوق", "مدينة", "طريق"];
        for edit in Edit::ALL {
            let a = apply_edit(TEXT, edit, 7, &vocab);
            assert_eq!(a, apply_edit(TEXT, edit, 7, &vocab), "{}", edit.label());
        }
        assert_eq!(apply_edit(TEXT, Edit::DropParagraph, 1, &vocab).lines().count(), 3);
        let headline = apply_edit(TEXT, Edit::RewriteHeadline, 1, &vocab);
        assert_eq!(headline.split_once('\n').map(|x| x.1), TEXT.split_once('\n').map(|x| x.1));
        let numbers = apply_edit(TEXT, Edit::ChangeNumbers, 1, &vocab);
        assert!(!numbers.contains(" 12 ") && !numbers.contains(" 3 "), "{numbers}");
        assert_eq!(apply_edit(TEXT, Edit::Words(0.0), 1, &vocab), TEXT);
        assert_ne!(apply_edit(TEXT, Edit::Words(1.0), 1, &vocab), TEXT);
    }

    #[test]
    fn scores() {
        let cases = [((9, 1, 0), 1.0, 0.9), ((0, 0, 0), 1.0, 1.0), ((5, 5, 5), 0.5, 0.5)];
        for ((tp, fn_, fp), precision, recall) in cases {
            let s = DetectionScore { true_positives: tp, false_negatives: fn_, false_positives: fp };
            assert_eq!((s.precision(), s.recall()), (precision, recall));
        }
    }

    #[test]
    fn pair_scores() {
        let (yes, no) = (true, false);
        // (labelled, clustered) pairs, then (tp, fp, fn, tn) and F1.
        type Case<'a> = (&'a [(bool, bool)], (usize, usize, usize, usize), f64);
        let cases: [Case; 3] = [
            (&[(yes, yes), (yes, no), (no, yes), (no, no)], (1, 1, 1, 1), 0.5),
            (&[(yes, yes), (no, no)], (1, 0, 0, 1), 1.0),
            (&[(yes, no), (no, yes)], (0, 1, 1, 0), 0.0),
        ];
        for (pairs, (tp, fp, fn_, tn), f1) in cases {
            let s = PairScore::of(pairs.iter().copied());
            assert_eq!(
                (s.true_positives, s.false_positives, s.false_negatives, s.true_negatives),
                (tp, fp, fn_, tn),
                "{pairs:?}"
            );
            assert_eq!(s.f1(), f1, "{pairs:?}");
        }
    }
}
