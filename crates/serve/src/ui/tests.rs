//! Pages rendered through the router from a store holding one hostile article: every page must
//! answer, in Arabic and right to left, and nothing the article carries may become live markup.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use marsad_article::{layer, Article, Meta, Span};
use marsad_store::{Group, Store};
use tower::ServiceExt;

use crate::router;

/// Markup an attacker might plant in a feed, in every field an article has.
const HOSTILE: &str = r#"<script>alert(1)</script><img src=x onerror=alert(2)>"' onmouseover="alert(3)"#;
const PERSON_KEY: &str = r#"PER:"><script>alert(4)</script>"#;

async fn get(store: &Arc<Store>, uri: &str) -> (StatusCode, String) {
    let response =
        router(store.clone()).oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).expect("pages are UTF-8"))
}

fn hostile_store() -> (tempfile::TempDir, Arc<Store>, String) {
    let headline = format!("عنوان {HOSTILE}");
    let body = format!(
        "قال لافروف أمس إن الهدنة {HOSTILE} ستصمد في جنيف.\nوانتهى اللقاء {HOSTILE} javascript:alert(5)."
    );
    let text = format!("{headline}\n{body}");
    let meta = Meta {
        origin: "t".into(),
        format: "txt".into(),
        outlet: Some(format!("وكالة {HOSTILE}")),
        url: Some("javascript:alert(6)".into()),
        author: Some(HOSTILE.into()),
        published: chrono::DateTime::parse_from_rfc3339("2016-09-01T10:00:00+03:00").ok(),
        headline: Some(0..headline.len()),
        ..Meta::default()
    };
    let mut a = Article::new(meta, text.clone());
    let at = |needle: &str| text.find(needle).map(|s| s..s + needle.len()).unwrap();
    a.add_layer(layer::HEADLINE, vec![Span::new(0..headline.len(), "HEADLINE")]).unwrap();
    a.add_layer(layer::SENTENCES, vec![Span::new(headline.len() + 1..text.len(), "S")]).unwrap();
    a.add_layer(
        layer::ENTITIES,
        vec![Span::new(at("لافروف"), "PER")
            .with_attr("key", PERSON_KEY)
            .with_attr("canonical", HOSTILE)
            .with_attr("name_en", HOSTILE)],
    )
    .unwrap();
    a.add_layer(layer::TIMES, vec![Span::new(at("أمس"), "DATE").with_attr("value", HOSTILE)]).unwrap();
    let quote = text.find("الهدنة").unwrap()..text.find("ستصمد").unwrap() + "ستصمد".len();
    a.add_layer(
        layer::QUOTES,
        vec![Span::new(quote, "INDIRECT").with_attr("speaker", HOSTILE).with_attr("speaker_key", PERSON_KEY)],
    )
    .unwrap();
    a.add_layer(
        layer::EVENTS,
        vec![Span::new(at("الهدنة"), "AGREE")
            .with_attr("source_key", PERSON_KEY)
            .with_attr("source", HOSTILE)
            .with_attr("place", HOSTILE)
            .with_attr("place_key", "LOC:جنيف")
            .with_attr("date", "2016-08-31")],
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let group = Group { story: Some(3), thread: Some(1), ..Group::canonical(&a.id) };
    store.put_grouped(std::slice::from_ref(&a), &[group]).unwrap();
    (dir, Arc::new(store), a.id)
}

/// The tags of a page with, for each, its attribute names and values. Escaped text holds no `<`,
/// so every `<...>` is a real tag; values are always double-quoted by the pages.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    for piece in html.split('<').skip(1) {
        let Some((inside, _)) = piece.split_once('>') else { continue };
        let mut chars = inside.chars().peekable();
        let name: String = chars.by_ref().take_while(|c| !c.is_whitespace()).collect();
        let mut attrs = Vec::new();
        loop {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            let attr: String = chars.by_ref().take_while(|c| *c != '=' && !c.is_whitespace()).collect();
            if attr.is_empty() {
                break;
            }
            let mut value = String::new();
            if chars.peek() == Some(&'"') {
                chars.next();
                value = chars.by_ref().take_while(|c| *c != '"').collect();
            }
            attrs.push((attr.to_ascii_lowercase(), value));
        }
        out.push((name.to_ascii_lowercase(), attrs));
    }
    out
}

fn assert_inert(uri: &str, html: &str) {
    let tags = tags(html);
    let scripts: Vec<_> = tags.iter().filter(|(name, _)| name == "script").collect();
    assert_eq!(scripts.len(), 1, "{uri}: only the page's own script may run\n{html}");
    assert_eq!(scripts[0].1, [("src".to_string(), "/assets/ui.js".to_string()), ("defer".into(), "".into())]);
    for (name, attrs) in &tags {
        assert!(name != "img", "{uri}: an <img> came from the article\n{html}");
        for (attr, value) in attrs {
            assert!(!attr.starts_with("on"), "{uri}: <{name} {attr}=...>\n{html}");
            let v = value.trim_start().to_ascii_lowercase();
            // The page's own empty icon (`data:,`) keeps browsers from asking for /favicon.ico.
            let own_icon = name == "link" && v == "data:,";
            assert!(
                own_icon
                    || !(attr == "href" || attr == "src" || attr == "action")
                    || !(v.starts_with("javascript:") || v.starts_with("data:")),
                "{uri}: <{name} {attr}=\"{value}\">"
            );
        }
    }
}

#[tokio::test]
async fn a_hostile_article_renders_inert_on_every_page() {
    let (_dir, store, id) = hostile_store();
    let key = crate::ui::html::encode(PERSON_KEY);
    let pages = [
        "/".to_string(),
        "/?q=%D8%A7%D9%84%D9%87%D8%AF%D9%86%D8%A9".to_string(),
        format!("/?q=%3Cscript%3Ealert(7)%3C%2Fscript%3E&outlet=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(8)%3E&entity={key}"),
        format!("/?entity={key}&sort=newest&from=2016-01-01&to=bad%3Cx%3E"),
        format!("/?entity={key},{key}&event_type=%3Cscript%3E&story=%3Cb%3E&event_from=x%22"),
        "/?story=3&event_type=AGREE&event_from=2016-08-01&event_to=2016-08-31".to_string(),
        format!("/article/{id}"),
        format!("/entity/{key}"),
        "/story/3".to_string(),
        format!("/events?actor={key}&type=%3Cscript%3E"),
        "/events".to_string(),
        "/article/%3Cscript%3Ealert(9)%3C%2Fscript%3E".to_string(),
        "/entity/%22%3E%3Cimg%20onerror%3Dx%3E".to_string(),
        "/story/%3Cb%3E".to_string(),
    ];
    for uri in pages {
        let (status, html) = get(&store, &uri).await;
        assert!(status == StatusCode::OK || status == StatusCode::NOT_FOUND, "{uri}: {status}\n{html}");
        assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "{uri}");
        assert_inert(&uri, &html);
    }
}

#[tokio::test]
async fn pages_show_the_article_its_layers_and_its_links() {
    let (_dir, store, id) = hostile_store();
    let (status, html) = get(&store, "/?q=%D8%A7%D9%84%D9%87%D8%AF%D9%86%D8%A9").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<mark>الهدنة</mark>"), "{html}");
    assert!(html.contains(&format!(r#"href="/article/{id}""#)));
    assert!(html.contains("2016-09"), "month facet: {html}");
    // Every facet the store counts is shown, each value a link that adds its filter.
    for (class, link) in [
        ("facet-outlet", "outlet="),
        ("facet-published", "from=2016-09-01&amp;to=2016-09-30"),
        ("facet-person", "entity=PER%3A"),
        ("facet-event-type", "event_type=AGREE"),
        ("facet-story", "story=3"),
    ] {
        let section = html.split(&format!(r#"class="facet {class}""#)).nth(1).unwrap_or_default();
        let section = section.split("</section>").next().unwrap_or_default();
        assert!(section.contains(link), "{class} has no {link} link:\n{html}");
    }
    // The article's only time has no day (its value is markup), so no month is talked about.
    assert!(!html.contains("facet-event-date"), "{html}");
    let (_, html) = get(&store, "/?story=3&event_type=AGREE").await;
    assert!(html.contains(&format!(r#"href="/article/{id}""#)), "facet filters find the article: {html}");
    let (_, html) = get(&store, "/?story=4").await;
    assert!(html.contains("<strong>0</strong>"), "another story finds nothing: {html}");

    let (_, html) = get(&store, &format!("/article/{id}")).await;
    for needle in [
        r#"data-layer="ent""#,
        r#"class="ent ent-PER"#,
        r#"class="tim"#,
        "quo-text",
        "evt",
        r#"href="/story/3""#,
    ] {
        assert!(html.contains(needle), "{needle}\n{html}");
    }
    assert!(!html.contains("المصدر الأصلي"), "a javascript: source URL is not linked");

    let (status, html) = get(&store, "/story/3").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<svg") && html.contains("<rect"), "{html}");

    let key = crate::ui::html::encode(PERSON_KEY);
    let (status, html) = get(&store, &format!("/entity/{key}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("<blockquote>الهدنة"), "quotes: {html}");
    assert!(html.contains("<table class=\"events\">"), "events: {html}");

    let (status, html) = get(&store, "/events?type=AGREE").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("format=csv") && html.contains("اتفاق"), "{html}");
    // Geneva, found in the gazetteer by the place's key, is a dot linked to its events.
    let map = html.split(r#"<figure class="map">"#).nth(1).expect("a map").split("</figure>").next().unwrap();
    assert!(map.contains("<circle") && map.contains("place=LOC%3A%D8%AC%D9%86%D9%8A%D9%81"), "{map}");
    let (_, html) = get(&store, "/events?type=SANCTION").await;
    assert!(!html.contains(r#"<figure class="map">"#), "no events, no map");
    let (status, html) = get(&store, "/article/0000000000000000").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("لا يوجد مقال"));
}

#[tokio::test]
async fn assets_are_served_from_the_binary() {
    let (_dir, store, _) = hostile_store();
    for (uri, type_prefix) in [
        ("/assets/style.css", "text/css"),
        ("/assets/ui.js", "text/javascript"),
        ("/assets/naskh-400.woff2", "font/woff2"),
        ("/assets/naskh-700.woff2", "font/woff2"),
        ("/assets/OFL.txt", "text/plain"),
        ("/openapi.json", "application/json"),
    ] {
        let response =
            router(store.clone()).oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        let content_type = response.headers()["content-type"].to_str().unwrap().to_string();
        assert!(content_type.starts_with(type_prefix), "{uri}: {content_type}");
    }
}

/// The search parameters and the facets the OpenAPI document lists are those the code reads and
/// writes.
#[tokio::test]
async fn openapi_lists_the_search_parameters_and_facets() {
    let doc: serde_json::Value = serde_json::from_str(super::OPENAPI).expect("openapi.json is JSON");
    let listed: Vec<&str> = doc["paths"]["/api/search"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    let source = include_str!("../lib.rs");
    let fields = source.split("struct SearchParams {").nth(1).unwrap().split('}').next().unwrap();
    let read: Vec<&str> =
        fields.lines().filter_map(|l| l.trim().split_once(':')).map(|(name, _)| name).collect();
    assert!(read.len() >= 13, "{read:?}");
    let mut sorted = (listed.clone(), read.clone());
    sorted.0.sort_unstable();
    sorted.1.sort_unstable();
    assert_eq!(sorted.0, sorted.1, "parameters of /api/search");

    let (_dir, store, _) = hostile_store();
    let (status, body) = get(&store, "/api/search?q=%D8%A7%D9%84%D9%87%D8%AF%D9%86%D8%A9&facets=true").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    let mut returned: Vec<&String> = body["facets"].as_object().expect("facets asked for").keys().collect();
    let schema = &doc["components"]["schemas"]["Facets"];
    let mut described: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    returned.sort_unstable();
    described.sort_unstable();
    assert_eq!(returned, described);
    assert_eq!(body["facets"]["story"][0]["value"], "3");
    assert_eq!(body["facets"]["event_type"][0]["value"], "AGREE");
    let (_, body) = get(&store, "/api/search?q=%D8%A7%D9%84%D9%87%D8%AF%D9%86%D8%A9").await;
    assert!(!body.contains("\"facets\""), "facets only when asked: {body}");
    let (status, body) = get(&store, "/api/search?story=three").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

/// Every `/api` route the router registers is described in the OpenAPI document, and every path
/// it describes is answered by a route rather than by the fallback.
#[tokio::test]
async fn openapi_describes_every_api_route() {
    let doc: serde_json::Value = serde_json::from_str(super::OPENAPI).expect("openapi.json is JSON");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let described: Vec<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    let source = include_str!("../lib.rs");
    let registered: Vec<&str> = source
        .split(".route(\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(path, _)| path))
        .filter(|path| path.starts_with("/api/"))
        .collect();
    assert!(registered.len() >= 8, "{registered:?}");
    for path in &registered {
        assert!(described.contains(path), "{path} is routed but not in openapi.json");
    }
    let (_dir, store, id) = hostile_store();
    for path in described {
        assert!(registered.contains(&path), "{path} is in openapi.json but not routed");
        let uri = path.replace("{id}", &id).replace("{story}", "3").replace("{key}", "PER:nobody");
        let uri = if uri == "/api/search" { "/api/search?q=x".to_string() } else { uri };
        let (_, body) = get(&store, &uri).await;
        assert!(!body.contains("no such route"), "{uri}: {body}");
        for p in doc["paths"][path]["get"]["parameters"].as_array().unwrap() {
            assert!(p["name"].is_string() && p["schema"].is_object(), "{path}: {p}");
        }
    }
}
