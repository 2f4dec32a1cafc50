//! RSS and Atom feeds: the entries a news feed lists, each with the URL of its article page.
//!
//! Entry point: [`parse_feed`]. Uses `feed-rs`, which reads RSS 0.9 to 2.0, Atom and JSON Feed.
//! A feed holds links, not articles (most Arabic outlets put a summary in `description`, not the
//! story): `marsad-watch` fetches each new entry's page and reads it with [`crate::html::read`].
//! An HTML page where a feed was expected (an error page, a login wall) is refused as such, not
//! parsed into nothing.

use chrono::{DateTime, FixedOffset};

use crate::error::Reason;

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    /// The entry's `guid` or Atom `id`, or its link when it has neither: what "seen" is keyed by.
    pub id: String,
    /// The article page: the `alternate` link, else the first link.
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
}

/// Parses a feed document. Refuses HTML pages and documents `feed-rs` cannot read.
pub fn parse_feed(bytes: &[u8]) -> Result<Vec<FeedEntry>, Reason> {
    let head = &bytes[..bytes.len().min(1024)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let head = head[start..].to_ascii_lowercase();
    if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
        return Err(Reason::UnknownFormat { detail: "an HTML page where a feed was expected" });
    }
    let feed = feed_rs::parser::parse(bytes)
        .map_err(|_| Reason::UnknownFormat { detail: "not an RSS, Atom or JSON feed that can be read" })?;
    Ok(feed
        .entries
        .into_iter()
        .map(|entry| {
            let url = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.trim().to_string())
                .filter(|u| !u.is_empty());
            // feed-rs makes up an id (a hash) when the entry has none; the link is a better key then.
            let id = if entry.id.trim().is_empty() { url.clone().unwrap_or_default() } else { entry.id };
            FeedEntry {
                id,
                url,
                title: entry.title.map(|t| t.content.split_whitespace().collect::<Vec<_>>().join(" ")),
                published: entry.published.or(entry.updated).map(|t| t.fixed_offset()),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_atom_give_links() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>أخبار</title>
            <item><title>وزير المالية يعرض الموازنة</title><link>https://news.example/a/1</link>
            <guid>news-1</guid><pubDate>Sun, 12 May 2024 10:30:00 +0300</pubDate></item>
            <item><title>افتتاح معرض الكتاب</title><link>https://news.example/a/2</link></item>
            </channel></rss>"#;
        let entries = parse_feed(rss.as_bytes()).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].id, "news-1");
        assert_eq!(entries[0].url.as_deref(), Some("https://news.example/a/1"));
        assert_eq!(entries[0].title.as_deref(), Some("وزير المالية يعرض الموازنة"));
        assert_eq!(
            entries[0].published.map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-05-12T07:30:00+00:00")
        );
        assert_eq!(entries[1].url.as_deref(), Some("https://news.example/a/2"));
        assert!(!entries[1].id.is_empty());

        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>أخبار</title><id>urn:feed</id><updated>2024-05-12T10:30:00Z</updated>
            <entry><title>خبر</title><id>urn:entry:1</id><updated>2024-05-12T10:30:00Z</updated>
            <link rel="self" href="https://news.example/api/1"/><link rel="alternate" href="https://news.example/a/1"/></entry></feed>"#;
        let entries = parse_feed(atom.as_bytes()).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(
            (entries[0].id.as_str(), entries[0].url.as_deref()),
            ("urn:entry:1", Some("https://news.example/a/1"))
        );
    }

    #[test]
    fn error_pages_and_garbage_are_refused() {
        let cases: [&[u8]; 4] = [
            b"<!DOCTYPE html><html><body>503 Service Unavailable</body></html>",
            b"  <html><body>Not found</body></html>",
            b"not a feed at all",
            b"",
        ];
        for bytes in cases {
            assert!(
                matches!(parse_feed(bytes), Err(Reason::UnknownFormat { .. })),
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
}
