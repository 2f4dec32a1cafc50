//! What a copying outlet changed: which paragraphs it added, cut or edited, and whether it
//! rewrote the headline.
//!
//! Entry points: [`diff_copy`] (two articles), [`diff_paragraphs`] (two cleaned texts).
//! Uses `marsad-text` (`ar_search` terms, so spelling variants and clitics are not changes) and
//! `marsad-article`.
//!
//! Paragraphs are the non-empty lines of the text; indices count those lines from 0. A paragraph
//! of the copy whose terms equal a paragraph of the canonical text is kept; one sharing at least
//! half of its distinct terms with a remaining paragraph is edited; the rest are added (in the
//! copy) or dropped (from the canonical).

use marsad_article::Article;
use marsad_text::Analyzer;
use rustc_hash::FxHashMap;

use crate::hash::hash_word;

/// How the paragraphs of a copy relate to those of its canonical article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParagraphDiff {
    /// Paragraphs in the canonical text.
    pub canonical_paragraphs: usize,
    /// Paragraphs in the copy.
    pub copy_paragraphs: usize,
    /// Paragraphs carried over with the same terms.
    pub kept: usize,
    /// Pairs `(canonical index, copy index)` of paragraphs carried over with changes.
    pub edited: Vec<(usize, usize)>,
    /// Indices (in the copy) of paragraphs the copy added.
    pub added: Vec<usize>,
    /// Indices (in the canonical text) of paragraphs the copy dropped.
    pub dropped: Vec<usize>,
}

/// The difference between a copy and its canonical article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyDiff {
    pub paragraphs: ParagraphDiff,
    /// True when the headlines' terms differ (also when only one article has a headline).
    pub headline_changed: bool,
}

/// Above this many unmatched paragraph pairs the edited-paragraph search is skipped (all are then
/// counted added and dropped), so a text of thousands of lines cannot make the diff quadratic.
const MAX_FUZZY_PAIRS: usize = 250_000;

/// Compares the bodies and headlines of a copy and its canonical article.
pub fn diff_copy(canonical: &Article, copy: &Article) -> CopyDiff {
    let headline_terms = |a: &Article| a.headline().map(terms).unwrap_or_default();
    CopyDiff {
        paragraphs: diff_paragraphs(canonical.body(), copy.body()),
        headline_changed: headline_terms(canonical) != headline_terms(copy),
    }
}

/// Compares the paragraphs (non-empty lines) of two texts.
pub fn diff_paragraphs(canonical: &str, copy: &str) -> ParagraphDiff {
    let old: Vec<Vec<u64>> = paragraphs(canonical).map(terms).collect();
    let new: Vec<Vec<u64>> = paragraphs(copy).map(terms).collect();
    let mut diff =
        ParagraphDiff { canonical_paragraphs: old.len(), copy_paragraphs: new.len(), ..Default::default() };

    // Exact matches first, in order, each canonical paragraph used once.
    let mut by_terms: FxHashMap<&[u64], Vec<usize>> = FxHashMap::default();
    for (i, p) in old.iter().enumerate().rev() {
        by_terms.entry(p.as_slice()).or_default().push(i);
    }
    let mut old_used = vec![false; old.len()];
    let mut new_unmatched = Vec::new();
    for (j, p) in new.iter().enumerate() {
        match by_terms.get_mut(p.as_slice()).and_then(Vec::pop) {
            Some(i) => {
                old_used[i] = true;
                diff.kept += 1;
            }
            None => new_unmatched.push(j),
        }
    }

    let old_unmatched: Vec<usize> = (0..old.len()).filter(|&i| !old_used[i]).collect();
    if old_unmatched.len().saturating_mul(new_unmatched.len()) <= MAX_FUZZY_PAIRS {
        let sets: Vec<Vec<u64>> = old.iter().map(|p| distinct(p)).collect();
        for &j in &new_unmatched {
            let terms_j = distinct(&new[j]);
            let best = old_unmatched
                .iter()
                .filter(|&&i| !old_used[i])
                .map(|&i| (i, overlap(&sets[i], &terms_j)))
                .filter(|&(_, o)| o >= 0.5)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            match best {
                Some((i, _)) => {
                    old_used[i] = true;
                    diff.edited.push((i, j));
                }
                None => diff.added.push(j),
            }
        }
    } else {
        diff.added = new_unmatched;
    }
    diff.dropped = (0..old.len()).filter(|&i| !old_used[i]).collect();
    diff
}

fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

fn terms(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    Analyzer::ar_search().for_each_token(text, |t| out.push(hash_word(&t.text)));
    out
}

fn distinct(terms: &[u64]) -> Vec<u64> {
    let mut v = terms.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

/// Shared distinct terms over the larger paragraph's distinct terms (0 when both are empty).
fn overlap(a: &[u64], b: &[u64]) -> f64 {
    let larger = a.len().max(b.len());
    if larger == 0 {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    shared as f64 / larger as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const P1: &str = "أعلنت وزارة الصحة في عمان عن افتتاح مستشفى جديد في مدينة الزرقاء بسعة مئتي سرير.";
    const P2: &str = "وقال الوزير إن المستشفى سيخدم أكثر من نصف مليون نسمة في المحافظة والمناطق المجاورة.";
    const P3: &str = "ومن المقرر أن يبدأ المستشفى استقبال المرضى مطلع الشهر المقبل بعد اكتمال تجهيز الأقسام.";
    const P3_EDITED: &str =
        "ومن المقرر أن يبدأ المستشفى استقبال المرضى منتصف الشهر المقبل بعد اكتمال تجهيز الأقسام.";
    const EXTRA: &str = "تابعوا آخر الأخبار على موقعنا وحساباتنا في مواقع التواصل الاجتماعي.";

    #[test]
    fn paragraph_changes() {
        let canonical = [P1, P2, P3].join("\n");
        let cases = [
            // (copy, kept, edited, added, dropped)
            ([P1, P2, P3].join("\n"), 3, vec![], vec![], vec![]),
            ([P1, P3].join("\n"), 2, vec![], vec![], vec![1]),
            ([P1, P2, P3, EXTRA].join("\n\n"), 3, vec![], vec![3], vec![]),
            ([P1, P2, P3_EDITED].join("\n"), 2, vec![(2, 2)], vec![], vec![]),
            (String::new(), 0, vec![], vec![], vec![0, 1, 2]),
        ];
        for (copy, kept, edited, added, dropped) in cases {
            let d = diff_paragraphs(&canonical, &copy);
            assert_eq!(
                (d.kept, &d.edited, &d.added, &d.dropped),
                (kept, &edited, &added, &dropped),
                "{copy:?}"
            );
        }
    }

    #[test]
    fn headline_change_is_reported() {
        let article = |headline: &str| {
            let original = format!("{headline}\n\n{P1}\n{P2}");
            let mut a = Article::new(Default::default(), original);
            a.add_layer(
                marsad_article::layer::HEADLINE,
                vec![marsad_article::Span::new(0..headline.len(), "HEADLINE")],
            )
            .expect("headline on char boundaries");
            a
        };
        let a = article("افتتاح مستشفى جديد في الزرقاء");
        let b = article("الزرقاء تستقبل مستشفى بمئتي سرير");
        assert!(!diff_copy(&a, &a).headline_changed);
        let d = diff_copy(&a, &b);
        assert!(d.headline_changed);
        assert_eq!(d.paragraphs.kept, 2);
    }
}
