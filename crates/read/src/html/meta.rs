//! What a page says about its article apart from the text: title, publication time, author,
//! canonical URL and outlet, read from the markup news sites use.
//!
//! Entry point: [`PageMeta::read`], on a parsed page (before furniture is removed, since a byline
//! box may be among it). Each field takes the first source that gives a usable value:
//!
//! | field | sources, in order |
//! |---|---|
//! | `title` | `og:title`, `twitter:title`, JSON-LD `headline`, the first `<h1>`, `<title>` |
//! | `published` | `article:published_time` and kin (`pubdate`, `publish-date`, `date`, `DC.date.issued`, `parsely-pub-date`, `sailthru.date`), `itemprop=datePublished`, JSON-LD `datePublished`, the first `<time datetime>`, a date in the URL (`/2024/03/18/`, `2024-03-18`) |
//! | `author` | `meta name=author`, `article:author` (when not a URL), JSON-LD `author` (`name`), `itemprop=author`, `rel=author` |
//! | `canonical` | `<link rel=canonical>`, `og:url`, the URL the page was fetched from |
//! | `outlet` | `og:site_name`, JSON-LD `publisher.name` |
//!
//! JSON-LD is read from every `<script type="application/ld+json">`, through `@graph` and lists.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use dom_query::Document;
use serde_json::Value;

use crate::date::parse_published;

/// `<meta>` names and properties that hold the publication time, most specific first.
const PUBLISHED_META: [&str; 10] = [
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "date",
];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    pub author: Option<String>,
    pub canonical: Option<String>,
    pub outlet: Option<String>,
}

impl PageMeta {
    /// Reads the metadata of `page`; `fetched_from` is the URL the page came from, if known.
    pub fn read(page: &Document, fetched_from: Option<&str>) -> PageMeta {
        let ld = json_ld(page);
        let ld_str = |key: &str| ld.iter().find_map(|v| find_key(v, key)).and_then(value_text);
        let title = meta_content(page, &["og:title", "twitter:title"])
            .or_else(|| ld_str("headline"))
            .or_else(|| element_text(page, "h1"))
            .or_else(|| element_text(page, "title"));
        let published = PUBLISHED_META
            .iter()
            .filter_map(|name| meta_content(page, &[name]))
            .chain(attr_of(page, "[itemprop='datePublished']", &["content", "datetime"]))
            .chain(ld_str("datePublished"))
            .chain(attr_of(page, "time[datetime]", &["datetime"]))
            .find_map(|text| parse_published(&text))
            .or_else(|| {
                let url =
                    attr_of(page, "link[rel='canonical']", &["href"]).or(fetched_from.map(String::from));
                url.as_deref().and_then(date_in_url)
            });
        let author = meta_content(page, &["author", "article:author", "dc.creator", "byl"])
            .filter(|a| !a.starts_with("http"))
            .or_else(|| ld.iter().find_map(|v| find_key(v, "author")).and_then(person_name))
            .or_else(|| element_text(page, "[itemprop='author']"))
            .or_else(|| element_text(page, "[rel='author']"));
        let canonical = attr_of(page, "link[rel='canonical']", &["href"])
            .or_else(|| meta_content(page, &["og:url"]))
            .filter(|u| u.starts_with("http"))
            .or(fetched_from.map(String::from));
        let outlet = meta_content(page, &["og:site_name"])
            .or_else(|| ld.iter().find_map(|v| find_key(v, "publisher")).and_then(person_name));
        PageMeta { title, published, author, canonical, outlet }
    }
}

/// The trimmed, non-empty `content` of the first `<meta>` whose `property`, `name` or `itemprop`
/// is one of `names` (compared without case).
fn meta_content(page: &Document, names: &[&str]) -> Option<String> {
    for node in page.select("meta").nodes() {
        let key = ["property", "name", "itemprop"].iter().find_map(|a| node.attr(a));
        let Some(key) = key else { continue };
        if names.iter().any(|n| key.trim().eq_ignore_ascii_case(n)) {
            if let Some(content) = node.attr("content").map(|c| one_line(&c)).filter(|c| !c.is_empty()) {
                return Some(content);
            }
        }
    }
    None
}

/// The first non-empty value of one of `attrs` on an element matching `selector`.
fn attr_of(page: &Document, selector: &str, attrs: &[&str]) -> Option<String> {
    page.select(selector).nodes().iter().find_map(|node| {
        attrs.iter().filter_map(|a| node.attr(a)).map(|v| one_line(&v)).find(|v| !v.is_empty())
    })
}

/// The text of the first element matching `selector` that has some, on one line.
fn element_text(page: &Document, selector: &str) -> Option<String> {
    page.select(selector).nodes().iter().map(|n| one_line(&n.text())).find(|t| !t.is_empty())
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every JSON-LD block that parses; a broken one is ignored, as browsers and search engines do.
fn json_ld(page: &Document) -> Vec<Value> {
    page.select("script[type='application/ld+json']")
        .nodes()
        .iter()
        .filter_map(|n| serde_json::from_str(n.text().trim()).ok())
        .collect()
}

/// The first value under `key`, searching objects, `@graph` and lists depth-first. Bounded by
/// serde_json's own recursion limit on parsing, so the walk is bounded too.
fn find_key<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    match value {
        Value::Object(map) => {
            map.get(key).filter(|v| !v.is_null()).or_else(|| map.values().find_map(|v| find_key(v, key)))
        }
        Value::Array(items) => items.iter().find_map(|v| find_key(v, key)),
        _ => None,
    }
}

fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(one_line(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(value_text),
        _ => None,
    }
}

/// A person or organisation: a string, an object with `name`, or a list of those joined by `، `.
fn person_name(value: &Value) -> Option<String> {
    let names: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(person_name).collect(),
        Value::Object(map) => map.get("name").and_then(value_text).into_iter().collect(),
        other => value_text(other).into_iter().collect(),
    };
    (!names.is_empty()).then(|| names.join("، "))
}

/// A date in a URL path: `/2024/03/18/`, `/2024-03-18-`, `/20240318/`. Midnight UTC.
pub fn date_in_url(url: &str) -> Option<DateTime<FixedOffset>> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let digits_at = |s: &str, i: usize, n: usize| {
        s.get(i..i + n).filter(|d| d.bytes().all(|b| b.is_ascii_digit())).and_then(|d| d.parse::<u32>().ok())
    };
    let bytes = path.as_bytes();
    for start in 0..bytes.len() {
        if start > 0 && bytes[start - 1].is_ascii_digit() {
            continue;
        }
        let Some(year) = digits_at(path, start, 4).filter(|y| (1990..=2100).contains(y)) else { continue };
        let sep = bytes.get(start + 4).copied();
        let (month, day, end) = match sep {
            Some(s @ (b'/' | b'-' | b'_')) => {
                let month = digits_at(path, start + 5, 2);
                let day = (bytes.get(start + 7) == Some(&s)).then(|| digits_at(path, start + 8, 2)).flatten();
                (month, day, start + 10)
            }
            _ => (digits_at(path, start + 4, 2), digits_at(path, start + 6, 2), start + 8),
        };
        let (Some(month), Some(day)) = (month, day) else { continue };
        if bytes.get(end).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let Some(date) = NaiveDate::from_ymd_opt(year as i32, month, day) else { continue };
        return date.and_time(NaiveTime::MIN).and_local_timezone(FixedOffset::east_opt(0)?).single();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> PageMeta {
        PageMeta::read(&Document::from(html), Some("https://news.example/ar/politics/2023/07/09/story-123"))
    }

    #[test]
    fn published_comes_from_the_first_source_in_order() {
        let cases = [
            (
                r#"<meta property="article:published_time" content="2024-03-18T09:15:00+03:00"><time datetime="2020-01-01">"#,
                "2024-03-18T09:15:00+03:00",
            ),
            (r#"<meta name="pubdate" content="2024-03-18 09:15:00">"#, "2024-03-18T09:15:00+00:00"),
            (
                r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2022-11-02T08:00:00+02:00"}]}</script>"#,
                "2022-11-02T08:00:00+02:00",
            ),
            (r#"<span itemprop="datePublished" content="2021-05-04"></span>"#, "2021-05-04T00:00:00+00:00"),
            (
                r#"<p>نشر في <time datetime="2019-12-31T23:00:00Z">أمس</time></p>"#,
                "2019-12-31T23:00:00+00:00",
            ),
            (r#"<script type="application/ld+json">{ broken</script><p>x</p>"#, "2023-07-09T00:00:00+00:00"),
        ];
        for (html, expected) in cases {
            assert_eq!(
                read(html).published.map(|t| t.to_rfc3339()).as_deref(),
                Some(expected),
                "html {html}"
            );
        }
    }

    #[test]
    fn dates_in_urls() {
        let cases = [
            ("https://a.example/2024/03/18/slug", Some("2024-03-18")),
            ("https://a.example/news/2024-03-18-slug", Some("2024-03-18")),
            ("https://a.example/20240318/slug", Some("2024-03-18")),
            ("https://a.example/article/1234567/slug", None),
            ("https://a.example/2024/13/40/slug", None),
            ("https://a.example/id/120240318999", None),
        ];
        for (url, expected) in cases {
            let got = date_in_url(url).map(|t| t.date_naive().to_string());
            assert_eq!(got.as_deref(), expected, "url {url}");
        }
    }

    #[test]
    fn title_author_canonical_outlet() {
        let html = r#"<html><head><title>عنوان | الموقع</title>
            <meta property="og:title" content=" وزير  الخارجية يزور عمّان ">
            <meta property="og:site_name" content="أخبار المدينة">
            <meta property="article:author" content="https://facebook.com/someone">
            <link rel="canonical" href="https://news.example/a/1">
            <script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"سارة الأحمد"}]}</script>
            </head><body><h1>عنوان آخر</h1></body></html>"#;
        let meta = read(html);
        assert_eq!(meta.title.as_deref(), Some("وزير الخارجية يزور عمّان"));
        assert_eq!(meta.author.as_deref(), Some("سارة الأحمد"));
        assert_eq!(meta.canonical.as_deref(), Some("https://news.example/a/1"));
        assert_eq!(meta.outlet.as_deref(), Some("أخبار المدينة"));
        let bare = read("<html><head><title> عنوان الصفحة </title></head><body><p>نص</p></body></html>");
        assert_eq!(bare.title.as_deref(), Some("عنوان الصفحة"));
        assert_eq!(bare.canonical.as_deref(), Some("https://news.example/ar/politics/2023/07/09/story-123"));
        assert_eq!(bare.author, None);
    }
}
