//! JSON Lines: one article per line, as an object with `id`, `url`, `source`, `published`,
//! `headline`, `text` and `author`.
//!
//! Entry point: [`parse_record`], for one line already cut and decoded by the walker (which also
//! enforces the line-size limit). Common aliases are accepted, the first present wins:
//!
//! | field | also read from | goes to |
//! |---|---|---|
//! | `headline` | `title` | the original's first line, `meta.headline` |
//! | `text` | `body`, `content` | the rest of the original |
//! | `published` | `date` | `meta.published` (see [`crate::date`]) |
//! | `source` | `outlet` | `meta.outlet` |
//! | `id` (string or number) | | `meta.source_id` |
//! | `url`, `author` (string or list of strings) | | `meta.url`, `meta.author` |
//!
//! The original is `headline + "\n\n" + text`, so `marsad-clean` sees the same shape as a text file.

use marsad_article::{Article, Meta};
use serde_json::{Map, Value};

use crate::date::parse_published;
use crate::error::Reason;

/// Builds an article from one JSON line; `origin` (the path and line) becomes `meta.origin`.
pub fn parse_record(line: &str, origin: String) -> Result<Article, Reason> {
    let value: Value = serde_json::from_str(line).map_err(|e| Reason::BadJson { detail: e.to_string() })?;
    let Value::Object(fields) = value else {
        return Err(Reason::BadJson { detail: "the line is not a JSON object".into() });
    };
    let headline = text_field(&fields, &["headline", "title"])?.map(one_line).unwrap_or_default();
    let text = text_field(&fields, &["text", "body", "content"])?.map(str::trim).unwrap_or_default();
    let (original, headline_range) = match (headline.is_empty(), text.is_empty()) {
        (true, true) => {
            return Err(Reason::MissingText {
                detail: "none of text, body, content, headline or title holds any",
            })
        }
        (true, false) => (text.to_string(), None),
        (false, true) => (headline.clone(), Some(0..headline.len())),
        (false, false) => (format!("{headline}\n\n{text}"), Some(0..headline.len())),
    };
    let meta = Meta {
        source_id: fields.get("id").and_then(id_string),
        url: string(&fields, &["url"]),
        outlet: string(&fields, &["source", "outlet"]),
        published: string(&fields, &["published", "date"]).as_deref().and_then(parse_published),
        author: author(&fields),
        origin,
        format: "jsonl".to_string(),
        headline: headline_range,
    };
    Ok(Article::new(meta, original))
}

/// The first of `names` present; a present field that is not a string is an error, because
/// dropping the text of an article silently would lose it.
fn text_field<'a>(fields: &'a Map<String, Value>, names: &[&'static str]) -> Result<Option<&'a str>, Reason> {
    for name in names {
        match fields.get(*name) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => return Ok(Some(s)),
            Some(_) => return Err(Reason::BadJson { detail: format!("field {name:?} is not a string") }),
        }
    }
    Ok(None)
}

/// Optional metadata: the first of `names` that is a non-empty string, trimmed.
fn string(fields: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names
        .iter()
        .filter_map(|n| fields.get(*n)?.as_str())
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(String::from)
}

fn id_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn author(fields: &Map<String, Value>) -> Option<String> {
    match fields.get("author")? {
        Value::Array(names) => {
            let names: Vec<&str> = names.iter().filter_map(Value::as_str).map(str::trim).collect();
            let joined = names.into_iter().filter(|n| !n.is_empty()).collect::<Vec<_>>().join(", ");
            (!joined.is_empty()).then_some(joined)
        }
        _ => string(fields, &["author"]),
    }
}

/// A headline on one line: line breaks inside it become single spaces, so the original's first line
/// is the whole headline.
pub(crate) fn one_line(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Result<Article, Reason> {
        parse_record(line, "a.jsonl:line 1".into())
    }

    #[test]
    fn reads_fields_and_aliases() {
        let line = r#"{"id": 7, "url": "https://example.org/a", "source": "وكالة المثال", "published": "2018-02-26T02:20:10Z", "title": "عنوان\nالخبر", "body": " نص الخبر. ", "author": ["أحمد", "سلمى"]}"#;
        let a = read(line).unwrap();
        assert_eq!(a.original, "عنوان الخبر\n\nنص الخبر.");
        assert_eq!(a.meta.headline, Some(0.."عنوان الخبر".len()));
        assert_eq!(a.meta.source_id.as_deref(), Some("7"));
        assert_eq!(a.meta.outlet.as_deref(), Some("وكالة المثال"));
        assert_eq!(a.meta.author.as_deref(), Some("أحمد, سلمى"));
        assert_eq!(a.meta.published.map(|t| t.to_rfc3339()).as_deref(), Some("2018-02-26T02:20:10+00:00"));
        assert_eq!(a.meta.format, "jsonl");
        assert_eq!(a.meta.origin, "a.jsonl:line 1");
    }

    #[test]
    fn original_shape_follows_what_is_present() {
        let cases = [
            (r#"{"headline": "عنوان", "text": "نص"}"#, Ok(("عنوان\n\nنص", true))),
            (r#"{"text": "نص فقط"}"#, Ok(("نص فقط", false))),
            (r#"{"content": "نص", "date": "not a date"}"#, Ok(("نص", false))),
            (r#"{"headline": "عنوان فقط", "text": ""}"#, Ok(("عنوان فقط", true))),
            (r#"{"id": "x", "text": "  "}"#, Err("no text")),
            (r#"{"text": 12}"#, Err("bad JSON")),
            (r#"[1, 2]"#, Err("bad JSON")),
            (r#"{"text": "نص""#, Err("bad JSON")),
        ];
        for (line, expected) in cases {
            let got =
                read(line).map(|a| (a.original.clone(), a.meta.headline.is_some())).map_err(|r| r.name());
            let expected = expected.map(|(o, h)| (o.to_string(), h));
            assert_eq!(got, expected, "line {line}");
        }
    }
}
