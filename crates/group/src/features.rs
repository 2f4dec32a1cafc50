//! What story clustering knows of an article: its weighted words, the entities, places and event
//! types it names, its outlet and its publication time.
//!
//! Entry points: [`ArticleFeatures::from_article`] (a cleaned, extracted article) and
//! [`ArticleFeatures::from_text`] (a headline and body without layers, as in benchmarks).
//! Uses `marsad-article` (layers `entities`, `dateline`, `events`) and `marsad-text` (`ar_search`).
//!
//! Words are kept as hashes ([`crate::hash::hash_word`] of the `ar_search` term) with their
//! counts, weighted by [`TermWeights`]: the headline and the lead count more because they name
//! the development in few words. Entities are their corpus-wide `key` attribute (`PER:جون_كيري`), so
//! spelling variants across outlets meet; places are the canonical names of the dateline's
//! `PLACE` spans; event types are the labels of the `events` layer when an earlier stage added
//! one. Weights (TF-IDF) are the index's business, because document frequencies belong to the
//! corpus, not to one article.

use marsad_article::{layer, Article};
use marsad_text::Analyzer;

use crate::hash::hash_word;

/// How the words of an article count towards its features. A news article says what happened
/// in its headline and first sentences and spends the rest on background that other stories
/// share, so the first terms count more and the tail is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermWeights {
    /// Times a headline term counts.
    pub headline: u32,
    /// Times one of the first `lead_terms` body terms counts.
    pub lead: u32,
    pub lead_terms: usize,
    /// Body terms read at most (the rest of a long article is background).
    pub max_body_terms: usize,
    /// Distinct terms kept, most counted first: bounds the work per article.
    pub max_terms: usize,
}

impl Default for TermWeights {
    /// As measured on the ANT pairs (see the crate doc).
    fn default() -> TermWeights {
        TermWeights { headline: 3, lead: 2, lead_terms: 40, max_body_terms: 100, max_terms: 400 }
    }
}

/// The story-relevant content of one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleFeatures {
    pub id: String,
    /// Publication time in seconds since 1970 (UTC); `None` when the input gave none.
    pub published: Option<i64>,
    pub outlet: Option<String>,
    /// `(hash of an ar_search term, count)`, sorted by hash (see [`TermWeights`]).
    pub terms: Vec<(u64, u32)>,
    /// `(entity key, mentions)`, sorted by key.
    pub entities: Vec<(String, u32)>,
    /// Canonical names of the dateline's places.
    pub places: Vec<String>,
    /// Event types (the `events` layer's labels), sorted, without repeats.
    pub events: Vec<String>,
}

impl ArticleFeatures {
    /// The features of an article that went through cleaning and extraction. Layers it lacks
    /// give no features of that kind (an article without `entities` is clustered on its words).
    pub fn from_article(article: &Article) -> ArticleFeatures {
        let mut entities: Vec<(String, u32)> = Vec::new();
        for span in article.layer(layer::ENTITIES) {
            if let Some(key) = span.attrs.get("key").and_then(|k| k.as_str()) {
                entities.push((key.to_string(), 1));
            }
        }
        let places = article
            .dateline_places()
            .map(|s| s.attr_str("canonical").unwrap_or(article.text_of(s)))
            .map(str::to_string)
            .collect();
        let mut events: Vec<String> = article.layer(layer::EVENTS).iter().map(|s| s.label.clone()).collect();
        events.sort();
        events.dedup();
        ArticleFeatures {
            id: article.id.clone(),
            published: article.meta.published.map(|t| t.timestamp()),
            outlet: article.meta.outlet.clone(),
            terms: term_counts(
                article.headline().unwrap_or_default(),
                article.body(),
                &TermWeights::default(),
            ),
            entities: merge_counts(entities),
            places,
            events,
        }
    }

    /// Features from words alone: the terms of `headline` and `body`, no entities or places.
    pub fn from_text(id: &str, headline: &str, body: &str, published: Option<i64>) -> ArticleFeatures {
        ArticleFeatures {
            id: id.to_string(),
            published,
            terms: term_counts(headline, body, &TermWeights::default()),
            ..ArticleFeatures::default()
        }
    }
}

/// The `ar_search` terms of a headline and body as `(hash, count)` weighted by `weights`, sorted
/// by hash.
pub fn term_counts(headline: &str, body: &str, weights: &TermWeights) -> Vec<(u64, u32)> {
    let analyzer = Analyzer::ar_search();
    let mut headline_terms = Vec::new();
    analyzer.for_each_token(headline, |t| headline_terms.push(hash_word(&t.text)));
    let mut body_terms = Vec::new();
    analyzer.for_each_token(body, |t| {
        if body_terms.len() < weights.max_body_terms {
            body_terms.push(hash_word(&t.text));
        }
    });
    term_counts_of_hashes(&headline_terms, &body_terms, weights)
}

/// [`term_counts`] of terms already analysed and hashed with [`crate::hash::hash_word`] (as
/// for shingles, so that one pass of the analyser serves copy detection and stories).
pub fn term_counts_of_hashes(headline: &[u64], body: &[u64], weights: &TermWeights) -> Vec<(u64, u32)> {
    let mut hashes: Vec<(u64, u32)> = headline.iter().map(|&h| (h, weights.headline)).collect();
    for (i, &h) in body.iter().take(weights.max_body_terms).enumerate() {
        hashes.push((h, if i < weights.lead_terms { weights.lead } else { 1 }));
    }
    let mut counts = merge_counts(hashes);
    if counts.len() > weights.max_terms {
        counts.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counts.truncate(weights.max_terms);
        counts.sort_unstable();
    }
    counts
}

/// Sorts `(key, count)` pairs and adds up the counts of equal keys.
fn merge_counts<K: Ord>(mut items: Vec<(K, u32)>) -> Vec<(K, u32)> {
    items.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut merged: Vec<(K, u32)> = Vec::with_capacity(items.len());
    for (key, count) in items {
        match merged.last_mut() {
            Some((last, total)) if *last == key => *total = total.saturating_add(count),
            _ => merged.push((key, count)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use marsad_article::{Meta, Span};

    use super::*;

    #[test]
    fn headline_terms_count_more_than_body_terms() {
        let weights = TermWeights { lead_terms: 1, ..TermWeights::default() };
        let counts = term_counts("زلزال في تركيا", "ضرب زلزال جنوب تركيا", &weights);
        let count_of = |word: &str| {
            let mut hash = 0;
            Analyzer::ar_search().for_each_token(word, |t| hash = hash_word(&t.text));
            counts.iter().find(|(h, _)| *h == hash).map(|&(_, c)| c)
        };
        let cases = [("زلزال", Some(3 + 1)), ("ضرب", Some(2)), ("جنوب", Some(1)), ("مصر", None)];
        for (word, expected) in cases {
            assert_eq!(count_of(word), expected, "{word}");
        }
    }

    #[test]
    fn empty_text_has_no_terms() {
        let weights = TermWeights::default();
        assert!(term_counts("", "", &weights).is_empty());
        assert!(term_counts("  \n", "...", &weights).is_empty());
    }

    #[test]
    fn body_terms_past_the_limit_are_not_read() {
        let body = "أول ثاني ثالث رابع";
        let weights = TermWeights { lead_terms: 0, max_body_terms: 2, ..TermWeights::default() };
        assert_eq!(term_counts("", body, &weights).len(), 2);
    }

    #[test]
    fn long_texts_keep_the_most_frequent_terms() {
        let body: String = "تكرار ".repeat(5) + &(0..1000).map(|i| format!("كلمة{i} ")).collect::<String>();
        let weights =
            TermWeights { lead_terms: 0, max_body_terms: 2000, max_terms: 400, ..TermWeights::default() };
        let counts = term_counts("", &body, &weights);
        assert_eq!(counts.len(), 400);
        assert!(counts.iter().any(|&(_, c)| c == 5), "the repeated word is kept");
        assert!(counts.windows(2).all(|w| w[0].0 < w[1].0), "sorted by hash");
    }

    #[test]
    fn features_come_from_layers() {
        let text = "القاهرة - قال وزير الخارجية المصري سامح شكري إن شكري سيزور عمان";
        let mut article = Article::new(Meta::default(), text.to_string());
        article.clean = text.to_string();
        let place_end = "القاهرة".len();
        let shoukry = text.find("سامح").unwrap_or(0);
        let second = text.rfind("شكري").unwrap_or(0);
        let key = |s: Span| s.with_attr("key", "PER:سامح_شكري");
        let entities = vec![
            key(Span::new(shoukry..shoukry + "سامح شكري".len(), "PER")),
            key(Span::new(second..second + "شكري".len(), "PER")),
        ];
        let dateline = vec![Span::new(0..place_end, "PLACE").with_attr("canonical", "القاهرة")];
        let events = vec![Span::new(0..place_end, "CONSULT"), Span::new(0..place_end, "CONSULT")];
        for (name, spans) in
            [(layer::ENTITIES, entities), (layer::DATELINE, dateline), (layer::EVENTS, events)]
        {
            if let Err(e) = article.add_layer(name, spans) {
                panic!("{name}: {e}");
            }
        }
        let features = ArticleFeatures::from_article(&article);
        assert_eq!(features.entities, vec![("PER:سامح_شكري".to_string(), 2)]);
        assert_eq!(features.places, vec!["القاهرة".to_string()]);
        assert_eq!(features.events, vec!["CONSULT".to_string()]);
        assert!(!features.terms.is_empty());
    }
}
