//! Extraction: the layers computed from an article's cleaned text.
//!
//! Entry point: [`run`], called once per article after `marsad-clean`. Adds the `sentences` layer
//! (label `S`), the `entities` layer ([`entities`]: people, places, organisations, linked within the
//! article and keyed across the corpus), the `times` layer ([`times`]: dates, times and durations resolved against the
//! publication date), the `events` layer ([`events`]: who did what to whom, where and when, in
//! PLOVER types, after entities and times), the `quotes` layer ([`quotes`]: direct and reported
//! speech with the reporting verb and the speaker linked to an entity) and, when asked, the `tokens` layer (label = token kind, attribute `norm` = the
//! form the `ar_search` analyzer indexes). Uses `marsad-article`, `marsad-text` and
//! `marsad-gazetteer`; reads no files: models and tables are compiled in.
//!
//! Tokens are optional because they are cheap to recompute and large to store: `marsad analyze`
//! prints them, `marsad ingest` does not keep them.

pub mod entities;
pub mod events;
pub mod quotes;
pub mod times;

/// `n / d`, or 0 when `d` is 0: the share every `eval` of this crate reports.
pub fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// (precision, recall, F1) of `correct` matches among `predicted` outputs and `gold` answers, as
/// every `eval` of this crate scores them; 0 where a ratio has nothing to divide by.
pub fn precision_recall_f1(correct: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let (p, r) = (ratio(correct, predicted), ratio(correct, gold));
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

use marsad_article::{layer, Article, ModelError, Span};
use marsad_text::Analyzer;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Add the `tokens` layer.
    pub tokens: bool,
}

/// Adds this stage's layers to a cleaned article.
pub fn run(article: &mut Article, options: &Options) -> Result<(), ModelError> {
    let sentences = marsad_text::sentences(&article.clean);
    let dateline_places: Vec<_> = article.dateline_places().map(Span::range).collect();
    let entities = entities::find_entities(&article.clean, &sentences, &dateline_places);
    article.add_layer(layer::SENTENCES, sentences.iter().map(|r| Span::new(r.clone(), "S")).collect())?;
    article.add_layer(layer::ENTITIES, entities)?;
    let times = times::find_times(&article.clean, article.meta.published);
    let events = events::find_events(
        &article.clean,
        &sentences,
        article.layer(layer::ENTITIES),
        &times,
        article.meta.published,
        &dateline_places,
    );
    article.add_layer(layer::TIMES, times)?;
    article.add_layer(layer::EVENTS, events)?;
    let quotes = quotes::find_quotes(&article.clean, &sentences, article.layer(layer::ENTITIES));
    article.add_layer(layer::QUOTES, quotes)?;
    if options.tokens {
        let tokens = Analyzer::ar_search()
            .tokens(&article.clean)
            .into_iter()
            .map(|t| Span::new(t.start..t.end, t.kind.label()).with_attr("norm", t.text))
            .collect();
        article.add_layer(layer::TOKENS, tokens)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_article::Meta;

    fn article(text: &str) -> Article {
        Article::new(Meta { origin: "test".into(), format: "txt".into(), ..Meta::default() }, text.into())
    }

    #[test]
    fn adds_sentences_and_optionally_tokens() {
        let mut a = article("وصل الوفد إلى القاهرة. وبدأت المحادثات أمس.");
        run(&mut a, &Options { tokens: true }).unwrap();
        let sentences: Vec<&str> = a.layer(layer::SENTENCES).iter().map(|s| a.text_of(s)).collect();
        assert_eq!(sentences, ["وصل الوفد إلى القاهرة.", "وبدأت المحادثات أمس."]);
        let talks = a.layer(layer::TOKENS).iter().find(|t| a.text_of(t) == "المحادثات").expect("a token");
        assert_eq!(talks.label, "AR");
        assert_eq!(talks.attrs["norm"], Analyzer::ar_search().tokens("محادثات")[0].text.as_str());
        a.check_invariants().unwrap();

        let mut b = article("نص قصير.");
        run(&mut b, &Options::default()).unwrap();
        assert!(!b.layers.contains_key(layer::TOKENS));
    }
}
