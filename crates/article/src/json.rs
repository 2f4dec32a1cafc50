//! The article JSON form, version 1: the one serialized shape Marsad promises (see docs/article-json.md).
//!
//! Entry points: [`to_json`] and [`from_json`]. Offsets are in Unicode code points (`start_char`,
//! `end_char`), because byte offsets mean nothing to a reader in Python or JavaScript. Each span also
//! carries its `text`, written for people and ignored when read back.

use std::collections::BTreeMap;

use chrono::DateTime;
use serde::{Deserialize, Serialize};

use crate::offsets::{CharIndex, Piece};
use crate::{Article, Meta, OffsetMap, Span};

pub const FORMAT_VERSION: u32 = 1;

/// The read form of an article JSON; [`ArticleJsonOut`] writes it.
#[derive(Deserialize)]
struct ArticleJson {
    marsad_article: u32,
    id: String,
    #[serde(default)]
    source_id: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    author: Option<String>,
    origin: String,
    format: String,
    original: String,
    clean: String,
    /// `[clean_start_char, clean_len_chars, original_start_char, original_len_chars, copy]` per piece.
    offset_map: Vec<(usize, usize, usize, usize, bool)>,
    layers: BTreeMap<String, Vec<SpanJson>>,
}

#[derive(Deserialize)]
/// A span as read back; its `text`, written for people, is ignored.
struct SpanJson {
    start_char: usize,
    end_char: usize,
    label: String,
    #[serde(default)]
    attrs: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, thiserror::Error)]
pub enum JsonError {
    #[error("not an article JSON object: {0}")]
    Syntax(#[from] serde_json::Error),
    #[error("article JSON version {found} is not supported (this build reads version {FORMAT_VERSION})")]
    Version { found: u32 },
    #[error("{what} at character {at} is past the end of the {len}-character text")]
    OutOfRange { what: &'static str, at: usize, len: usize },
    #[error("published date {0:?} is not RFC 3339")]
    Date(String),
}

/// The JSON value of an article, each span with the `text` it covers.
pub fn to_json(article: &Article) -> serde_json::Value {
    serde_json::to_value(ArticleJsonOut::of(article, true)).expect("article JSON has only string keys")
}

/// The JSON value of an article without the spans' `text`, which a reader can slice from `clean`:
/// the form stores keep.
pub fn to_json_compact(article: &Article) -> serde_json::Value {
    serde_json::to_value(ArticleJsonOut::of(article, false)).expect("article JSON has only string keys")
}

/// The text of [`to_json_compact`], byte for byte, written without building the JSON value first.
pub fn to_json_compact_string(article: &Article) -> String {
    serde_json::to_string(&ArticleJsonOut::of(article, false)).expect("article JSON has only string keys")
}

/// The written form of [`ArticleJson`], borrowing from the article. Its fields, and those of
/// [`SpanJsonOut`], are in alphabetical order: `serde_json::Value` keeps object keys sorted, so
/// writing this struct directly gives the same text as writing its value.
#[derive(Serialize)]
struct ArticleJsonOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    clean: &'a str,
    format: &'a str,
    /// Convenience copy of the `headline` layer's text (not read back: the layer is the truth).
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    id: &'a str,
    layers: BTreeMap<&'a str, Vec<SpanJsonOut<'a>>>,
    marsad_article: u32,
    offset_map: Vec<(usize, usize, usize, usize, bool)>,
    origin: &'a str,
    original: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct SpanJsonOut<'a> {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attrs: &'a BTreeMap<String, serde_json::Value>,
    end_char: usize,
    label: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    text: &'a str,
    start_char: usize,
}

impl<'a> ArticleJsonOut<'a> {
    fn of(article: &'a Article, span_text: bool) -> ArticleJsonOut<'a> {
        let clean_idx = CharIndex::new(&article.clean);
        let orig_idx = CharIndex::new(&article.original);
        let ch =
            |idx: &CharIndex, b: usize| idx.char_of_byte(b).expect("offsets are kept on char boundaries");
        let offset_map = article
            .offsets
            .pieces()
            .iter()
            .map(|p| {
                let cs = ch(&clean_idx, p.clean_start);
                let os = ch(&orig_idx, p.orig_start);
                (
                    cs,
                    ch(&clean_idx, p.clean_start + p.clean_len) - cs,
                    os,
                    ch(&orig_idx, p.orig_start + p.orig_len) - os,
                    p.copy,
                )
            })
            .collect();
        let layers = article
            .layers
            .iter()
            .map(|(name, spans)| {
                let spans = spans
                    .iter()
                    .map(|s| SpanJsonOut {
                        start_char: ch(&clean_idx, s.start),
                        end_char: ch(&clean_idx, s.end),
                        label: &s.label,
                        text: if span_text { article.text_of(s) } else { "" },
                        attrs: &s.attrs,
                    })
                    .collect();
                (name.as_str(), spans)
            })
            .collect();
        let m = &article.meta;
        ArticleJsonOut {
            marsad_article: FORMAT_VERSION,
            id: &article.id,
            source_id: m.source_id.as_deref(),
            url: m.url.as_deref(),
            outlet: m.outlet.as_deref(),
            published: m.published.map(|d| d.to_rfc3339()),
            author: m.author.as_deref(),
            origin: &m.origin,
            format: &m.format,
            headline: article.headline(),
            original: &article.original,
            clean: &article.clean,
            offset_map,
            layers,
        }
    }
}

/// Reads an article back from its JSON form.
pub fn from_json(text: &str) -> Result<Article, JsonError> {
    let j: ArticleJson = serde_json::from_str(text)?;
    if j.marsad_article != FORMAT_VERSION {
        return Err(JsonError::Version { found: j.marsad_article });
    }
    let clean_idx = CharIndex::new(&j.clean);
    let orig_idx = CharIndex::new(&j.original);
    let byte = |idx: &CharIndex, what: &'static str, c: usize| {
        idx.byte_of_char(c).ok_or(JsonError::OutOfRange { what, at: c, len: idx.char_len() })
    };
    let mut pieces = Vec::with_capacity(j.offset_map.len());
    for (cs, cl, os, ol, copy) in j.offset_map {
        let clean_start = byte(&clean_idx, "offset map piece", cs)?;
        let orig_start = byte(&orig_idx, "offset map piece", os)?;
        pieces.push(Piece {
            clean_start,
            clean_len: byte(&clean_idx, "offset map piece", cs + cl)? - clean_start,
            orig_start,
            orig_len: byte(&orig_idx, "offset map piece", os + ol)? - orig_start,
            copy,
        });
    }
    let mut layers = BTreeMap::new();
    for (name, spans) in j.layers {
        let mut out = Vec::with_capacity(spans.len());
        for s in spans {
            out.push(Span {
                start: byte(&clean_idx, "span start", s.start_char)?,
                end: byte(&clean_idx, "span end", s.end_char)?,
                label: s.label,
                attrs: s.attrs,
            });
        }
        layers.insert(name, out);
    }
    let published = match j.published {
        Some(p) => Some(DateTime::parse_from_rfc3339(&p).map_err(|_| JsonError::Date(p))?),
        None => None,
    };
    let meta = Meta {
        source_id: j.source_id,
        url: j.url,
        outlet: j.outlet,
        published,
        author: j.author,
        origin: j.origin,
        format: j.format,
        headline: None,
    };
    Ok(Article {
        id: j.id,
        meta,
        original: j.original,
        clean: j.clean,
        offsets: OffsetMap::from_pieces(pieces),
        layers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{layer, CleanTextBuilder};

    #[test]
    fn round_trips_with_char_offsets() {
        let original = "عاجل\u{200F}: كيري ـ";
        let mut a = Article::new(
            Meta {
                origin: "t.txt".into(),
                format: "txt".into(),
                source_id: Some("doc-1".into()),
                url: Some("https://example.com/a".into()),
                outlet: Some("وكالة".into()),
                published: DateTime::parse_from_rfc3339("2016-09-01T10:00:00+03:00").ok(),
                author: Some("مراسل \"خاص\"".into()),
                ..Meta::default()
            },
            original.into(),
        );
        let mut b = CleanTextBuilder::new(original);
        b.copy(0..8);
        b.skip(8..11);
        b.copy(11..original.len() - 3);
        let (clean, map) = b.finish();
        a.set_clean(clean, map).unwrap();
        a.add_layer(layer::HEADLINE, vec![Span::new(0..8, "HEADLINE")]).unwrap();
        a.add_layer(layer::ENTITIES, vec![Span::new(10..18, "PER").with_attr("canonical", "جون كيري")])
            .unwrap();
        let v = to_json(&a);
        assert_eq!(v["layers"]["entities"][0]["start_char"], 6);
        assert_eq!(v["layers"]["entities"][0]["text"], "كيري");
        assert_eq!(v["headline"], "عاجل");
        let back = from_json(&v.to_string()).unwrap();
        assert_eq!(back.layers, a.layers);
        let compact = to_json_compact(&a);
        assert!(compact["layers"]["entities"][0].get("text").is_none());
        assert_eq!(from_json(&compact.to_string()).unwrap(), back);
        assert_eq!(to_json_compact_string(&a), compact.to_string());
        assert_eq!(back.offsets, a.offsets);
        assert_eq!(back.clean, a.clean);
    }

    #[test]
    fn refuses_other_versions_and_out_of_range_spans() {
        let a =
            Article::new(Meta { origin: "t".into(), format: "txt".into(), ..Meta::default() }, "نص".into());
        let mut v = to_json(&a);
        v["marsad_article"] = 2.into();
        assert!(matches!(from_json(&v.to_string()), Err(JsonError::Version { found: 2 })));
        let mut v = to_json(&a);
        v["layers"] = serde_json::json!({"x": [{"start_char": 0, "end_char": 9, "label": "X"}]});
        assert!(matches!(from_json(&v.to_string()), Err(JsonError::OutOfRange { .. })));
    }
}
