//! The few helpers every page uses to turn data into markup safely: [`escape`] for any text,
//! [`encode`] for a value placed in a URL, [`query`] for a query string, [`external_url`] for links
//! that leave Marsad, and [`layout`] for the page around a body.
//!
//! Rule: no string that came from an article, a request or the store reaches the output without
//! passing through [`escape`] (text and attribute values) or [`encode`] (inside a URL, then escaped).

/// Text made safe inside an element or a double-quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A value percent-encoded for a path segment or a query value: every byte but the unreserved
/// ASCII ones (RFC 3986 §2.3) becomes `%XX`, so `/`, `?`, `&`, `#` and `:` cannot change the URL.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `path?k=v&...` with every value encoded and empty values left out; not yet escaped for HTML.
pub fn query(path: &str, pairs: &[(&str, &str)]) -> String {
    let parts: Vec<String> =
        pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", encode(v))).collect();
    if parts.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", parts.join("&"))
    }
}

/// A link to the article's source, only when it is an `http(s)` URL: `javascript:`, `data:` and
/// the like are dropped rather than rendered.
pub fn external_url(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then(|| escape(url.trim()))
}

/// Link to an article page.
pub fn article_href(id: &str) -> String {
    escape(&format!("/article/{}", encode(id)))
}

/// Link to an entity page.
pub fn entity_href(key: &str) -> String {
    escape(&format!("/entity/{}", encode(key)))
}

/// A whole page: header with the search box and the navigation, then `body` (already markup).
pub fn layout(title: &str, search_value: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · مرصد</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/style.css">
<script src="/assets/ui.js" defer></script>
</head>
<body>
<header class="top">
<a class="brand" href="/">مرصد</a>
<form class="search" action="/" method="get" role="search">
<input type="search" name="q" value="{search_value}" placeholder="ابحث في الأخبار…" maxlength="512" aria-label="نص البحث">
<button type="submit">بحث</button>
</form>
<nav><a href="/events">الأحداث</a> <a href="/openapi.json" dir="ltr">API</a></nav>
</header>
<main>
{body}
</main>
<footer>مرصد: قراءة الأخبار العربية · الخط: Noto Naskh Arabic (SIL OFL 1.1)</footer>
</body>
</html>
"#,
        title = escape(title),
        search_value = escape(search_value),
    )
}

/// A date as shown on pages: the `YYYY-MM-DD` day of a timestamp, or a dash when unknown.
pub fn day_of(published: Option<&str>) -> String {
    published.map_or_else(|| "—".to_string(), |p| escape(p.get(..10).unwrap_or(p)))
}

/// Arabic name of an entity type.
pub fn entity_type_name(entity_type: &str) -> &str {
    match entity_type {
        "PER" => "شخص",
        "LOC" => "مكان",
        "ORG" => "منظمة",
        "MISC" => "أخرى",
        other => other,
    }
}

/// Arabic name of a PLOVER event type, or the code itself when unknown.
pub fn event_type_name(event_type: &str) -> &str {
    match event_type {
        "AGREE" => "اتفاق",
        "CONSULT" => "تشاور",
        "SUPPORT" => "دعم",
        "CONCEDE" => "تنازل",
        "COOPERATE" => "تعاون",
        "AID" => "مساعدة",
        "RETREAT" => "انسحاب",
        "REQUEST" => "طلب",
        "ACCUSE" => "اتهام",
        "REJECT" => "رفض",
        "THREATEN" => "تهديد",
        "PROTEST" => "احتجاج",
        "SANCTION" => "عقوبات",
        "MOBILIZE" => "تعبئة",
        "COERCE" => "إكراه",
        "ASSAULT" => "هجوم",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        let table = [
            ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
            (r#"" onerror="x"#, "&quot; onerror=&quot;x"),
            ("a & 'b'", "a &amp; &#39;b&#39;"),
            ("القاهرة", "القاهرة"),
        ];
        for (input, expected) in table {
            assert_eq!(escape(input), expected, "{input}");
        }
    }

    #[test]
    fn encodes_everything_that_could_change_a_url() {
        let table = [
            ("PER:سيرجي_لافروف", "PER%3A%D8%B3%D9%8A%D8%B1%D8%AC%D9%8A_%D9%84%D8%A7%D9%81%D8%B1%D9%88%D9%81"),
            ("a/../b?c=d&e#f", "a%2F..%2Fb%3Fc%3Dd%26e%23f"),
            ("\"><x>", "%22%3E%3Cx%3E"),
        ];
        for (input, expected) in table {
            assert_eq!(encode(input), expected, "{input}");
        }
        assert_eq!(query("/", &[("q", "a b"), ("outlet", ""), ("page", "2")]), "/?q=a%20b&page=2");
    }

    #[test]
    fn only_http_links_leave_the_site() {
        let table = [
            ("https://example.com/a?b=1&c=2", Some("https://example.com/a?b=1&amp;c=2")),
            ("HTTP://example.com", Some("HTTP://example.com")),
            ("javascript:alert(1)", None),
            (" JavaScript:alert(1)", None),
            ("data:text/html,<script>", None),
            ("//evil.example", None),
        ];
        for (input, expected) in table {
            assert_eq!(external_url(input).as_deref(), expected, "{input}");
        }
    }
}
