//! HTML pages: the article's main text, title, publication time, author and canonical URL out of
//! a news page, with the page's furniture left behind.
//!
//! Entry points: [`read`] (bytes of a page → [`Article`], used by the walker for `.html` files and
//! WARC records) and [`extract`] (text of a page → [`Extracted`], used by the extraction
//! benchmark). Uses `rs-trafilatura` (a Rust port of trafilatura) to choose the main text, because
//! it measured best on the ScrapingHub benchmark among the crates tried (see
//! `bench/extraction/README.md`), `dom_query` for the edits before it, `encoding_rs`/`chardetng`
//! for charsets ([`charset`]).
//!
//! Steps: decode ([`charset`]) → refuse pages too large or nested too deep (the parsers recurse)
//! → parse → read the metadata ([`meta`]) → remove Arabic furniture from the markup
//! ([`furniture`]) → extract the main text → drop leftover furniture lines → compose the original
//! as `title`, a blank line, then the paragraphs separated by blank lines, which is the shape
//! `marsad-clean` expects of a text file.

pub mod charset;
pub mod furniture;
pub mod meta;
pub mod score;

use dom_query::Document;
use marsad_article::{Article, Meta};

use crate::error::Reason;
pub use meta::PageMeta;

/// The largest page extracted: news pages are well under 2 MB; a 50 MB page is not an article.
pub const MAX_HTML_BYTES: u64 = 8 << 20;
/// The deepest element nesting accepted. Real pages stay under a hundred; the HTML parser and the
/// extractor walk the tree recursively, so a page nested thousands deep is refused before parsing.
pub const MAX_NESTING: usize = 400;

/// Elements without a closing tag, or closed implicitly by the next one of their kind, which the
/// nesting estimate does not count as opening a level.
const NOT_NESTING: [&str; 22] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th",
];

/// The main text of a page and what the page says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub title: Option<String>,
    /// Paragraphs separated by one blank line, furniture removed.
    pub text: String,
    pub meta: PageMeta,
}

/// Reads a page as an article. `declared_charset` comes from an HTTP header when there is one;
/// `url` is where the page was fetched from (a WARC record's target), used for the canonical URL
/// and a date in the path. `meta.format` is `html`.
pub fn read(
    bytes: &[u8],
    declared_charset: Option<&str>,
    url: Option<&str>,
    origin: &str,
) -> Result<Article, Reason> {
    if bytes.len() as u64 > MAX_HTML_BYTES {
        return Err(Reason::TooLarge {
            what: "HTML page",
            size: Some(bytes.len() as u64),
            limit: MAX_HTML_BYTES,
        });
    }
    let (html, _encoding) = charset::decode(bytes, declared_charset);
    let page = extract(&html, url)?;
    let title = page.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let (original, headline) = match title {
        Some(title) if page.text.is_empty() => (title.to_string(), Some(0..title.len())),
        Some(title) => (format!("{title}\n\n{}", page.text), Some(0..title.len())),
        None if page.text.is_empty() => {
            return Err(Reason::MissingText { detail: "the page has no main text and no title" })
        }
        None => (page.text.clone(), None),
    };
    let meta = Meta {
        source_id: None,
        url: page.meta.canonical,
        outlet: page.meta.outlet,
        published: page.meta.published,
        author: page.meta.author,
        origin: origin.to_string(),
        format: "html".to_string(),
        headline,
    };
    Ok(Article::new(meta, original))
}

/// Extracts the main text and metadata of a decoded page.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted, Reason> {
    if html.len() as u64 > MAX_HTML_BYTES {
        return Err(Reason::TooLarge {
            what: "HTML page",
            size: Some(html.len() as u64),
            limit: MAX_HTML_BYTES,
        });
    }
    if nesting_estimate(html) > MAX_NESTING {
        return Err(Reason::UnknownFormat { detail: "HTML nested deeper than any real page" });
    }
    let page = Document::from(html);
    let meta = PageMeta::read(&page, url);
    furniture::remove_furniture(&page);
    // The URL is not passed on: with it the extractor scored 0.002 F1 lower on the benchmark.
    let extracted = rs_trafilatura::extract(&page.html())
        .map_err(|_| Reason::MissingText { detail: "no main text found in the page" })?;
    let title = meta.title.clone().or(extracted.metadata.title);
    let title_key = title.as_deref().map(furniture::fold);
    let mut paragraphs = Vec::new();
    for line in extracted.content_text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() || furniture::is_furniture_line(&line) {
            continue;
        }
        // The extractor often repeats the headline as the story's first line.
        if paragraphs.is_empty() && title_key.as_deref() == Some(furniture::fold(&line).as_str()) {
            continue;
        }
        paragraphs.push(line);
    }
    // The extractor's byline may be a dateline, `الرباط - سعاد بنعلي`: the name is after the dash.
    let byline = extracted
        .metadata
        .author
        .map(|a| a.rsplit_once(" - ").map_or(a.clone(), |(_, name)| name.trim().to_string()));
    let meta = PageMeta { author: meta.author.or(byline), ..meta };
    Ok(Extracted { title, text: paragraphs.join("\n\n"), meta })
}

/// An upper estimate of how deep the page's elements nest, from its tags alone, without parsing:
/// every start tag that is not void or implicitly closed opens a level, every end tag closes one;
/// comments and the insides of `script`, `style` and `textarea` are passed over.
pub fn nesting_estimate(html: &str) -> usize {
    let bytes = html.as_bytes();
    let lower_find = |from: usize, needle: &[u8]| {
        memchr::memmem::find_iter(&bytes[from..], b"</")
            .map(|i| from + i)
            .find(|&i| bytes.get(i + 2..i + 2 + needle.len()).is_some_and(|n| n.eq_ignore_ascii_case(needle)))
    };
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + found + 1;
        at = start;
        if bytes[start..].starts_with(b"!--") {
            at = memchr::memmem::find(&bytes[start..], b"-->").map_or(bytes.len(), |n| start + n + 3);
            continue;
        }
        match bytes.get(start) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let end = bytes[start..]
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
                    .map_or(bytes.len(), |n| start + n);
                let name = html[start..end].to_ascii_lowercase();
                if matches!(name.as_str(), "script" | "style" | "textarea") {
                    // The raw text runs to the end tag, which closes the element: no level either way.
                    at = lower_find(end, name.as_bytes()).map_or(bytes.len(), |i| i + 2);
                    continue;
                }
                let close = memchr::memchr(b'>', &bytes[end..]).map(|n| end + n);
                let self_closing = close.is_some_and(|c| c > 0 && bytes[c - 1] == b'/');
                if !self_closing && !NOT_NESTING.contains(&name.as_str()) {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
            }
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_open_elements_only() {
        let cases = [
            ("<html><body><div><p>a<p>b</div></body></html>", 3),
            ("<div><br><img src=x><hr/></div>", 1),
            ("<div><!-- unclosed <div>", 1),
            ("<div><span/><span></span></div>", 2),
            ("no markup", 0),
            ("a < b and c<", 0),
            ("<div><script>if (a<b) { x = '<div><div>'; }</script><style>p<q</style><!-- <div><div> --></div>", 1),
            ("<div><SCRIPT>var s = '<span>';</Script><span>x</span></div>", 2),
        ];
        for (html, expected) in cases {
            assert_eq!(nesting_estimate(html), expected, "html {html}");
        }
        assert_eq!(nesting_estimate(&"<div>".repeat(10_000)), 10_000);
    }

    #[test]
    fn pages_too_deep_or_too_large_are_refused_before_parsing() {
        let deep =
            format!("<html><body>{}نص{}</body></html>", "<div>".repeat(10_000), "</div>".repeat(10_000));
        assert!(matches!(extract(&deep, None), Err(Reason::UnknownFormat { .. })));
        let big = vec![b'a'; MAX_HTML_BYTES as usize + 1];
        assert!(matches!(read(&big, None, None, "big.html"), Err(Reason::TooLarge { .. })));
    }

    #[test]
    fn a_page_becomes_title_blank_line_paragraphs() {
        let html = r#"<html><head><title>وزير المالية يعرض الموازنة</title>
            <meta property="article:published_time" content="2024-03-18T09:15:00+03:00"></head>
            <body><article><h1>وزير المالية يعرض الموازنة</h1>
            <p>عرض وزير المالية اليوم مشروع الموازنة العامة للدولة على مجلس النواب، مؤكدا أن العجز سينخفض خلال العام المقبل إلى أدنى مستوى له منذ عشر سنوات.</p>
            <p>وقال الوزير في كلمته أمام المجلس إن الحكومة ستواصل دعم السلع الأساسية، وإن الإنفاق على الصحة والتعليم سيرتفع بنسبة واضحة مقارنة بالعام الماضي.</p>
            </article></body></html>"#;
        let article = read(html.as_bytes(), None, Some("https://news.example/a/1"), "a.html").unwrap();
        let headline = article.meta.headline.clone().map(|h| &article.original[h]);
        assert_eq!(headline, Some("وزير المالية يعرض الموازنة"));
        assert!(
            article.original.starts_with("وزير المالية يعرض الموازنة\n\nعرض وزير المالية"),
            "{}",
            article.original
        );
        assert!(
            article.original.contains("العشر سنوات")
                || article.original.contains("عشر سنوات.\n\nوقال الوزير")
        );
        assert_eq!(article.meta.format, "html");
        assert_eq!(article.meta.url.as_deref(), Some("https://news.example/a/1"));
        assert_eq!(
            article.meta.published.map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-03-18T09:15:00+03:00")
        );
    }
}
