//! The article: one original text, one cleaned text, and every annotation as stand-off span layers.
//!
//! Owns [`Article`], [`Meta`], [`Span`], the layer names in [`layer`] (and the words of the
//! furniture layer in [`furniture`]), the offset maps in [`offsets`] and the versioned JSON form in
//! [`json`]. Depends on nothing else in Marsad; every other crate
//! depends on it. Readers create an `Article` with [`Article::new`]; `marsad-clean` replaces its
//! cleaned text once with [`Article::set_clean`]; later stages only add layers with
//! [`Article::add_layer`] and never edit a layer another stage wrote.
//!
//! Spans hold byte offsets into `clean` (`start`, `end`); the JSON form speaks in characters.

pub mod furniture;
pub mod json;
pub mod offsets;

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{DateTime, FixedOffset};

pub use offsets::{CharIndex, CleanTextBuilder, OffsetMap};

/// The names of the layers Marsad writes. A layer name is also the key in the JSON `layers` object.
pub mod layer {
    /// Ranges of the original that cleaning removed (page furniture). Zero-width in `clean`; the
    /// removed original range is in the span's `original_start_char` / `original_end_char` attributes.
    pub const FURNITURE: &str = "furniture";
    /// The headline: one span with label `HEADLINE`.
    pub const HEADLINE: &str = "headline";
    /// The dateline: one `DATELINE` span over the whole line, `PLACE` and `AGENCY` or `REPORTER` inside it.
    pub const DATELINE: &str = "dateline";
    /// Sentences of the headline and body, label `S`.
    pub const SENTENCES: &str = "sentences";
    /// Word tokens with their search form in the `norm` attribute, label by kind (`AR`, `LATIN`, `NUM`…).
    pub const TOKENS: &str = "tokens";
    /// Named entities: `PER`, `LOC`, `ORG`, `MISC`.
    pub const ENTITIES: &str = "entities";
    /// Quotations.
    pub const QUOTES: &str = "quotes";
    /// Time expressions.
    pub const TIMES: &str = "times";
    /// Events, labelled by their type: one of [`EVENT_TYPES`].
    pub const EVENTS: &str = "events";

    /// The labels of `events` spans: the sixteen PLOVER event types, in PLOVER's order (cooperation
    /// to conflict). The events layer codes them; the web interface offers them as filters.
    pub const EVENT_TYPES: [&str; 16] = [
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    ];
}

/// What is known about an article apart from its text. Everything is optional but `origin`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// The identifier the input gave (a TREC `DOCNO`, a JSON Lines `id`).
    pub source_id: Option<String>,
    pub url: Option<String>,
    /// The outlet that published the page (JSON Lines `source`, TREC `SRC`).
    pub outlet: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    pub author: Option<String>,
    /// Where the article was read: a path, with `:line N` or `!member` for records inside a file.
    pub origin: String,
    /// The reader that produced it: `txt`, `jsonl`, `trec`.
    pub format: String,
    /// The byte range of the headline in the original, when the input says where it is.
    pub headline: Option<Range<usize>>,
}

/// A labelled range of the cleaned text, with optional attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Byte offset into `Article::clean`, on a char boundary.
    pub start: usize,
    /// Exclusive byte offset into `Article::clean`, on a char boundary.
    pub end: usize,
    pub label: String,
    /// Values a stage wants to keep with the span (a normalised value, a canonical name, a link to
    /// another span written as `layer#index`).
    pub attrs: BTreeMap<String, serde_json::Value>,
}

impl Span {
    pub fn new(range: Range<usize>, label: impl Into<String>) -> Span {
        Span { start: range.start, end: range.end, label: label.into(), attrs: BTreeMap::new() }
    }

    pub fn with_attr(mut self, key: &str, value: impl Into<serde_json::Value>) -> Span {
        self.attrs.insert(key.to_string(), value.into());
        self
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The attribute `key` when it is a string.
    pub fn attr_str(&self, key: &str) -> Option<&str> {
        self.attrs.get(key).and_then(serde_json::Value::as_str)
    }
}

/// A stable article identifier: 16 hex digits of the BLAKE3 hash of the original text, so the same
/// text read twice, from any path, gets the same id.
pub fn article_id(original: &str) -> String {
    let hash = blake3::hash(original.as_bytes());
    hash.to_hex()[..16].to_string()
}

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: String,
    pub meta: Meta,
    pub original: String,
    pub clean: String,
    pub offsets: OffsetMap,
    pub layers: BTreeMap<String, Vec<Span>>,
}

/// Why a layer or a cleaned text was refused. These are programming errors in a stage, not bad input.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ModelError {
    #[error("layer {layer:?} already exists; a stage adds layers and never edits another stage's")]
    LayerExists { layer: String },
    #[error("the cleaned text can be set only before any layer is added (found {layers:?})")]
    CleanAfterLayers { layers: Vec<String> },
    #[error("layer {layer:?} span {index} ({start}..{end}) is not on char boundaries of the {len}-byte cleaned text")]
    BadSpan { layer: String, index: usize, start: usize, end: usize, len: usize },
}

impl Article {
    /// A new article whose cleaned text is, for now, the original.
    pub fn new(meta: Meta, original: String) -> Article {
        let id = article_id(&original);
        let clean = original.clone();
        let offsets = OffsetMap::identity(original.len());
        Article { id, meta, original, clean, offsets, layers: BTreeMap::new() }
    }

    /// Replaces the cleaned text and its map. Allowed only while no layer exists, because layers
    /// point into the cleaned text.
    pub fn set_clean(&mut self, clean: String, offsets: OffsetMap) -> Result<(), ModelError> {
        if !self.layers.is_empty() {
            return Err(ModelError::CleanAfterLayers { layers: self.layers.keys().cloned().collect() });
        }
        self.clean = clean;
        self.offsets = offsets;
        Ok(())
    }

    /// Adds a layer, sorted by position. Refuses a name already present and spans off char boundaries.
    pub fn add_layer(&mut self, name: &str, mut spans: Vec<Span>) -> Result<(), ModelError> {
        if self.layers.contains_key(name) {
            return Err(ModelError::LayerExists { layer: name.to_string() });
        }
        for (index, s) in spans.iter().enumerate() {
            if !self.is_valid_range(s.range()) {
                return Err(ModelError::BadSpan {
                    layer: name.to_string(),
                    index,
                    start: s.start,
                    end: s.end,
                    len: self.clean.len(),
                });
            }
        }
        spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
        self.layers.insert(name.to_string(), spans);
        Ok(())
    }

    pub fn layer(&self, name: &str) -> &[Span] {
        self.layers.get(name).map_or(&[], |v| v.as_slice())
    }

    /// The cleaned text a span covers.
    pub fn text_of(&self, span: &Span) -> &str {
        &self.clean[span.range()]
    }

    /// The `PLACE` spans of the dateline: the cities the article is filed from.
    pub fn dateline_places(&self) -> impl Iterator<Item = &Span> {
        self.layer(layer::DATELINE).iter().filter(|s| s.label == "PLACE")
    }

    /// The span of the `sentences` layer that holds `span`, if one does.
    pub fn sentence_of(&self, span: &Span) -> Option<&Span> {
        self.layer(layer::SENTENCES).iter().find(|s| s.start <= span.start && span.end <= s.end)
    }

    /// The headline as cleaned, if the article has one.
    pub fn headline(&self) -> Option<&str> {
        self.layer(layer::HEADLINE).first().map(|s| self.text_of(s))
    }

    /// The cleaned text after the headline: what search indexes as the body.
    pub fn body(&self) -> &str {
        let start = self.layer(layer::HEADLINE).first().map_or(0, |s| s.end);
        self.clean[start..].trim_start()
    }

    fn is_valid_range(&self, r: Range<usize>) -> bool {
        r.start <= r.end
            && r.end <= self.clean.len()
            && self.clean.is_char_boundary(r.start)
            && self.clean.is_char_boundary(r.end)
    }

    /// Checks the invariant every stage relies on: each span slices `clean` on char boundaries and
    /// maps back to a range of `original` on char boundaries.
    pub fn check_invariants(&self) -> Result<(), ModelError> {
        for (name, spans) in &self.layers {
            for (index, s) in spans.iter().enumerate() {
                let orig = self.offsets.range_to_original(s.range());
                let ok = self.is_valid_range(s.range())
                    && orig.start <= orig.end
                    && orig.end <= self.original.len()
                    && self.original.is_char_boundary(orig.start)
                    && self.original.is_char_boundary(orig.end);
                if !ok {
                    return Err(ModelError::BadSpan {
                        layer: name.clone(),
                        index,
                        start: s.start,
                        end: s.end,
                        len: self.clean.len(),
                    });
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article::new(Meta { origin: "test".into(), format: "txt".into(), ..Meta::default() }, text.into())
    }

    #[test]
    fn same_text_same_id_other_text_other_id() {
        assert_eq!(article("نص").id, article("نص").id);
        assert_ne!(article("نص").id, article("نص ").id);
        assert_eq!(article("نص").id.len(), 16);
    }

    #[test]
    fn layers_are_added_once_and_never_replaced() {
        let mut a = article("كيري ولافروف");
        a.add_layer(layer::ENTITIES, vec![Span::new(0..8, "PER")]).unwrap();
        let again = a.add_layer(layer::ENTITIES, vec![]);
        assert_eq!(again, Err(ModelError::LayerExists { layer: "entities".into() }));
        assert_eq!(a.text_of(&a.layer(layer::ENTITIES)[0]), "كيري");
    }

    #[test]
    fn spans_off_char_boundaries_are_refused() {
        let mut a = article("كيري");
        assert!(matches!(a.add_layer("x", vec![Span::new(1..4, "X")]), Err(ModelError::BadSpan { .. })));
        assert!(matches!(a.add_layer("y", vec![Span::new(0..10, "X")]), Err(ModelError::BadSpan { .. })));
    }

    #[test]
    fn clean_text_cannot_change_under_existing_layers() {
        let mut a = article("نص");
        a.add_layer(layer::TOKENS, vec![]).unwrap();
        assert!(a.set_clean("x".into(), OffsetMap::identity(1)).is_err());
    }
}
