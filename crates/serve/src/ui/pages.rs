//! One function per page: reads what it needs from the store and returns the page's markup.
//!
//! Entry points: [`search`], [`article`], [`story`], [`entity`], [`events`]. Every value from the
//! store goes through `html::escape` (or `html::encode` inside a URL) right where it is written.
//! Bounds match the API's: query length, page depth and list sizes are capped here too.

use std::collections::BTreeMap;

use marsad_article::layer;
use marsad_store::{ArticleRef, EventFilter, QuoteFilter, SearchFilters, SearchOptions, Sort, Store};
use serde::Deserialize;

use super::chart::{bar_chart, bins_by_day};
use super::html::{
    article_href, day_of, encode, entity_href, entity_type_name, escape, event_type_name, external_url,
    layout, query,
};
use super::map::places_map;
use super::marked::{marked_text, SHOWN_LAYERS};
use super::PageError;
use crate::{FACET_SAMPLE, FACET_TOP, MAX_QUERY_CHARS};

/// Results on one search page.
const PER_PAGE: usize = 10;
/// Deepest result one may page to, as in the API.
const MAX_OFFSET: usize = 10_000;
/// Rows on one events page (and in one export link).
const EVENTS_PER_PAGE: usize = 50;
/// Most places the events map draws.
const MAP_PLACES: usize = 300;
/// Most articles an entity's mention chart counts.
const CHART_ARTICLES: usize = 5_000;

/// The 1-based page number in `page=`, 1 when missing or malformed.
pub fn page_number(value: Option<&str>) -> usize {
    value.and_then(|v| v.parse::<usize>().ok()).filter(|&n| n >= 1).unwrap_or(1)
}

/// A `YYYY-MM-DD` value, or `None` with a notice when malformed.
fn day(value: &Option<String>, notices: &mut Vec<String>) -> Option<String> {
    let v = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
    match chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        Ok(d) => Some(d.format("%Y-%m-%d").to_string()),
        Err(_) => {
            notices.push(format!("التاريخ «{v}» غير صالح: استعمل الصيغة YYYY-MM-DD"));
            None
        }
    }
}

/// A short text parameter, cut to the API's length bound.
fn short(value: &Option<String>) -> Option<String> {
    let v = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
    Some(v.chars().take(MAX_QUERY_CHARS).collect())
}

fn notices_html(notices: &[String]) -> String {
    notices.iter().map(|n| format!(r#"<p class="notice">{}</p>"#, escape(n))).collect()
}

/// A line in a list of articles: headline link, outlet and day.
fn article_line(a: &ArticleRef) -> String {
    format!(
        r#"<li><a href="{}">{}</a> <span class="meta">{} · {}</span></li>"#,
        article_href(&a.id),
        escape(a.headline.as_deref().unwrap_or("(بلا عنوان)")),
        escape(a.outlet.as_deref().unwrap_or("مصدر غير معروف")),
        day_of(a.published.as_deref())
    )
}

/// The readable name in a key such as `PER:سيرجي_لافروف`.
fn name_of_key(key: &str) -> String {
    key.split_once(':').map_or(key, |(_, name)| name).replace('_', " ")
}

fn entity_link(key: &str, name: &str) -> String {
    let kind = key.split_once(':').map_or("", |(t, _)| t);
    format!(
        r#"<a class="chip ent-{}" href="{}">{}</a>"#,
        escape(&kind.chars().filter(char::is_ascii_alphanumeric).collect::<String>()),
        entity_href(key),
        escape(name)
    )
}

/// The search page's parameters, all optional text so that a malformed one is told, not refused.
#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    pub q: Option<String>,
    pub outlet: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub entity: Option<String>,
    pub event_from: Option<String>,
    pub event_to: Option<String>,
    pub event_type: Option<String>,
    pub story: Option<String>,
    pub sort: Option<String>,
    pub page: Option<String>,
}

/// The current search as link parameters, with `changes` applied (an empty value removes one).
fn search_link(current: &[(&'static str, String)], changes: &[(&'static str, &str)]) -> String {
    let mut pairs: Vec<(&str, &str)> = current.iter().map(|(k, v)| (*k, v.as_str())).collect();
    for (k, v) in changes {
        pairs.retain(|(key, _)| key != k);
        pairs.push((k, v));
    }
    escape(&query("/", &pairs))
}

/// `/`: the search box, results with highlighted snippets, facets, sorting and pages; with no
/// query, the most mentioned people, places and organisations to start from.
pub fn search(store: &Store, p: &SearchParams) -> Result<String, PageError> {
    let mut notices = Vec::new();
    let mut q = p.q.clone().unwrap_or_default();
    if q.chars().count() > MAX_QUERY_CHARS {
        notices.push(format!("قُصّ نص البحث إلى {MAX_QUERY_CHARS} حرفا"));
        q = q.chars().take(MAX_QUERY_CHARS).collect();
    }
    let sort = match p.sort.as_deref() {
        Some("newest") => Sort::Newest,
        Some("oldest") => Sort::Oldest,
        _ => Sort::Relevance,
    };
    let sort_name = match sort {
        Sort::Relevance => "",
        Sort::Newest => "newest",
        Sort::Oldest => "oldest",
    };
    let story = short(&p.story).and_then(|s| match s.parse::<u32>() {
        Ok(n) => Some(n),
        Err(_) => {
            notices.push(format!("«{s}» ليس رقم قصة"));
            None
        }
    });
    let filters = SearchFilters {
        outlet: short(&p.outlet),
        published_from: day(&p.from, &mut notices),
        published_to: day(&p.to, &mut notices),
        event_from: day(&p.event_from, &mut notices),
        event_to: day(&p.event_to, &mut notices),
        entity: short(&p.entity),
        event_type: short(&p.event_type),
        story,
        include_copies: false,
    };
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    let current: Vec<(&'static str, String)> = vec![
        ("q", q.clone()),
        ("outlet", v(&filters.outlet)),
        ("from", v(&filters.published_from)),
        ("to", v(&filters.published_to)),
        ("event_from", v(&filters.event_from)),
        ("event_to", v(&filters.event_to)),
        ("entity", v(&filters.entity)),
        ("event_type", v(&filters.event_type)),
        ("story", filters.story.map(|n| n.to_string()).unwrap_or_default()),
        ("sort", sort_name.to_string()),
    ];
    let filtered = current.iter().any(|(k, v)| !matches!(*k, "q" | "sort") && !v.is_empty());
    if q.trim().is_empty() && !filtered {
        return Ok(layout("بحث", "", &format!("{}{}", notices_html(&notices), home(store)?)));
    }

    let page = page_number(p.page.as_deref());
    let offset = ((page - 1) * PER_PAGE).min(MAX_OFFSET);
    let results =
        store.search(&q, &SearchOptions { limit: PER_PAGE, offset, sort, filters: filters.clone() })?;
    let hits = results.hits;
    let facet_options = SearchOptions { limit: FACET_SAMPLE, offset: 0, sort, filters: filters.clone() };
    let counted = store.facets(&q, &facet_options, FACET_TOP)?;

    let mut body = notices_html(&notices);
    body.push_str(&format!(
        r#"<p class="summary"><strong>{}</strong> نتيجة{}</p>"#,
        results.total,
        if q.trim().is_empty() { String::new() } else { format!(" لـ «{}»", escape(&q)) }
    ));
    body.push_str(&active_filters(&current, &filters));
    body.push_str(r#"<p class="sort">ترتيب: "#);
    for (value, name) in [("", "الصلة"), ("newest", "الأحدث"), ("oldest", "الأقدم")] {
        let class = if value == sort_name { r#" class="current""# } else { "" };
        body.push_str(&format!(
            r#"<a{class} href="{}">{name}</a> "#,
            search_link(&current, &[("sort", value), ("page", "")])
        ));
    }
    body.push_str("</p>");

    body.push_str(r#"<div class="with-side"><section class="results"><ol class="hits">"#);
    for hit in &hits {
        let copies = if hit.copies > 0 {
            format!(r#" · <span class="copies">{} نسخ أخرى</span>"#, hit.copies)
        } else {
            String::new()
        };
        body.push_str(&format!(
            r#"<li class="hit"><h2><a href="{}">{}</a></h2><p class="meta">{} · {}{copies}</p><p class="snippet">{}</p></li>"#,
            article_href(&hit.id),
            escape(hit.headline.as_deref().unwrap_or("(بلا عنوان)")),
            escape(hit.outlet.as_deref().unwrap_or("مصدر غير معروف")),
            day_of(hit.published.as_deref()),
            snippet_html(&hit.snippet, &hit.highlights),
        ));
    }
    body.push_str("</ol>");
    body.push_str(&pager(&current, page, results.total));
    body.push_str("</section>");
    body.push_str(&facets(&current, &counted));
    body.push_str("</div>");
    let title = if q.trim().is_empty() { "بحث".to_string() } else { q.clone() };
    Ok(layout(&title, &q, &body))
}

fn active_filters(current: &[(&'static str, String)], f: &SearchFilters) -> String {
    let mut chips = Vec::new();
    let named = [
        ("outlet", "المصدر", f.outlet.clone()),
        ("from", "نُشر من", f.published_from.clone()),
        ("to", "نُشر إلى", f.published_to.clone()),
        ("event_from", "يتحدث عن يوم من", f.event_from.clone()),
        ("event_to", "يتحدث عن يوم إلى", f.event_to.clone()),
        ("event_type", "نوع الحدث", f.event_type.as_deref().map(|t| event_type_name(t).to_string())),
        ("story", "القصة", f.story.map(|n| n.to_string())),
    ];
    let remove = |changes: &[(&'static str, &str)], label: String| {
        format!(
            r#"<a class="chip active" href="{}" title="إزالة">{} ✕</a>"#,
            search_link(current, &[changes, &[("page", "")]].concat()),
            escape(&label)
        )
    };
    for (key, name, value) in named {
        if let Some(v) = value {
            chips.push(remove(&[(key, "")], format!("{name}: {v}")));
        }
    }
    // Each entity key is a chip of its own; removing one keeps the others.
    let keys = entity_keys(f.entity.as_deref());
    for key in &keys {
        let rest: Vec<&str> = keys.iter().copied().filter(|k| k != key).collect();
        chips.push(remove(&[("entity", &rest.join(","))], format!("الكيان: {}", name_of_key(key))));
    }
    if chips.is_empty() {
        String::new()
    } else {
        format!(r#"<p class="filters">{}</p>"#, chips.join(" "))
    }
}

/// The snippet with its `[start_char, end_char]` matches in `<mark>`; ranges outside it are ignored.
fn snippet_html(snippet: &str, highlights: &[[usize; 2]]) -> String {
    let chars: Vec<char> = snippet.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    let mut ranges: Vec<[usize; 2]> =
        highlights.iter().copied().filter(|[s, e]| s < e && *e <= chars.len()).collect();
    ranges.sort_unstable();
    for [s, e] in ranges {
        if s < at {
            continue;
        }
        out.push_str(&escape(&chars[at..s].iter().collect::<String>()));
        out.push_str(&format!("<mark>{}</mark>", escape(&chars[s..e].iter().collect::<String>())));
        at = e;
    }
    out.push_str(&escape(&chars[at..].iter().collect::<String>()));
    out.push('…');
    out
}

fn pager(current: &[(&'static str, String)], page: usize, total: usize) -> String {
    let last = total.min(MAX_OFFSET + PER_PAGE).div_ceil(PER_PAGE).max(1);
    if last == 1 {
        return String::new();
    }
    let mut out = String::from(r#"<nav class="pager" aria-label="الصفحات">"#);
    let link = |n: usize, text: &str| {
        format!(r#"<a href="{}">{text}</a> "#, search_link(current, &[("page", &n.to_string())]))
    };
    if page > 1 {
        out.push_str(&link(page - 1, "→ السابقة"));
    }
    let first_shown = page.saturating_sub(3).max(1);
    for n in first_shown..=(first_shown + 6).min(last) {
        if n == page {
            out.push_str(&format!(r#"<span class="current">{n}</span> "#));
        } else {
            out.push_str(&link(n, &n.to_string()));
        }
    }
    if page < last {
        out.push_str(&link(page + 1, "التالية ←"));
    }
    out.push_str("</nav>");
    out
}

/// The entity keys of an `entity=` filter (comma-separated).
fn entity_keys(value: Option<&str>) -> Vec<&str> {
    value.map_or_else(Vec::new, |v| v.split(',').filter(|k| !k.is_empty()).collect())
}

/// The first and last day of a `YYYY-MM` month, or `None` when it is not one.
fn month_bounds(month: &str) -> Option<(String, String)> {
    let first = chrono::NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
    let last = first.checked_add_months(chrono::Months::new(1))?.pred_opt()?;
    Some((first.format("%Y-%m-%d").to_string(), last.format("%Y-%m-%d").to_string()))
}

/// The facets of the search (counted by the store over its first results), each value a link that
/// adds it as a filter; and a form for a publication date range.
fn facets(current: &[(&'static str, String)], f: &marsad_store::Facets) -> String {
    let value = |k: &str| current.iter().find(|(key, _)| *key == k).map_or("", |(_, v)| v.as_str());
    let mut out = format!(
        r#"<aside class="facets"><p class="hint">الأعداد في أول {} نتيجة</p>"#,
        f.counted.min(FACET_SAMPLE)
    );
    let section = |out: &mut String, class: &str, title: &str, items: Vec<(String, String, u64)>| {
        if items.is_empty() {
            return;
        }
        out.push_str(&format!(r#"<section class="facet facet-{class}"><h3>{title}</h3><ul>"#));
        for (href, label, n) in items {
            out.push_str(&format!(r#"<li><a href="{href}">{label}</a> <span class="count">{n}</span></li>"#));
        }
        out.push_str("</ul></section>");
    };
    let plain = |values: &[marsad_store::FacetValue], key: &'static str| -> Vec<(String, String, u64)> {
        values
            .iter()
            .map(|v| (search_link(current, &[(key, &v.value), ("page", "")]), escape(&v.value), v.count))
            .collect()
    };
    let months = |values: &[marsad_store::FacetValue], from: &'static str, to: &'static str| {
        values
            .iter()
            .filter_map(|v| {
                let (first, last) = month_bounds(&v.value)?;
                let href = search_link(current, &[(from, &first), (to, &last), ("page", "")]);
                Some((href, format!(r#"<span dir="ltr">{}</span>"#, escape(&v.value)), v.count))
            })
            .collect::<Vec<_>>()
    };
    let active = entity_keys(Some(value("entity")));
    let entities = |values: &[marsad_store::FacetValue]| {
        values
            .iter()
            .filter(|v| !active.contains(&v.value.as_str()))
            .map(|v| {
                let keys = [active.clone(), vec![v.value.as_str()]].concat().join(",");
                let name = v.label.clone().unwrap_or_else(|| name_of_key(&v.value));
                (search_link(current, &[("entity", &keys), ("page", "")]), escape(&name), v.count)
            })
            .collect::<Vec<_>>()
    };
    section(&mut out, "outlet", "المصادر", plain(&f.outlet, "outlet"));
    section(&mut out, "published", "تاريخ النشر", months(&f.published_month, "from", "to"));
    section(&mut out, "event-date", "تاريخ الأحداث", months(&f.event_month, "event_from", "event_to"));
    section(&mut out, "person", "أشخاص", entities(&f.person));
    section(&mut out, "place", "أماكن", entities(&f.place));
    section(&mut out, "organisation", "منظمات", entities(&f.organisation));
    let event_types = f
        .event_type
        .iter()
        .map(|v| {
            let href = search_link(current, &[("event_type", &v.value), ("page", "")]);
            (href, escape(event_type_name(&v.value)), v.count)
        })
        .collect();
    section(&mut out, "event-type", "نوع الحدث", event_types);
    let stories = f
        .story
        .iter()
        .map(|v| {
            let title = v.label.clone().unwrap_or_else(|| format!("القصة {}", v.value));
            (search_link(current, &[("story", &v.value), ("page", "")]), escape(&title), v.count)
        })
        .collect();
    section(&mut out, "story", "القصص", stories);
    // The date form keeps every other filter of the search as a hidden field.
    out.push_str(r#"<h3>الفترة</h3><form class="range" action="/" method="get">"#);
    for (key, v) in current.iter().filter(|(k, v)| !matches!(*k, "from" | "to") && !v.is_empty()) {
        out.push_str(&format!(r#"<input type="hidden" name="{key}" value="{}">"#, escape(v)));
    }
    out.push_str(&format!(
        r#"<label>من <input type="date" name="from" value="{}"></label><label>إلى <input type="date" name="to" value="{}"></label><button type="submit">تطبيق</button></form>"#,
        escape(value("from")),
        escape(value("to")),
    ));
    out.push_str("</aside>");
    out
}

/// The start page: the most mentioned people, places and organisations.
fn home(store: &Store) -> Result<String, PageError> {
    let mut out = format!(
        r#"<section class="home"><h1>مرصد الأخبار</h1><p>{} مقالا في المخزن. ابحث بالكلمات، أو ابدأ من الكيانات الأكثر ذكرا.</p>"#,
        store.len()?
    );
    for (kind, title) in [("PER", "أشخاص"), ("LOC", "أماكن"), ("ORG", "منظمات")] {
        out.push_str(&format!(r#"<h2>{title}</h2><p class="chips">"#));
        for e in store.entities(None, Some(kind), 20, 0)? {
            out.push_str(&entity_link(&e.key, &e.name));
            out.push(' ');
        }
        out.push_str("</p>");
    }
    out.push_str("</section>");
    Ok(out)
}

/// `/article/{id}`: the cleaned text with its layers marked and toggles, its dateline and source,
/// its copies, story and related articles.
pub fn article(store: &Store, id: &str) -> Result<String, PageError> {
    let Some(a) = store.get(id)? else {
        return Err(PageError::not_found(format!("لا يوجد مقال بالمعرّف «{id}»")));
    };
    let group = store.copy_group(id)?;
    let related = store.related(id, 10)?;
    let headline = a.headline().unwrap_or("(بلا عنوان)").to_string();
    let mut body = format!(
        r#"<div class="with-side"><article class="article"><h1>{}</h1><p class="meta">"#,
        escape(&headline)
    );
    let mut meta = vec![escape(a.meta.outlet.as_deref().unwrap_or("مصدر غير معروف"))];
    if let Some(p) = a.meta.published {
        meta.push(format!(r#"<time dir="ltr">{}</time>"#, escape(&p.format("%Y-%m-%d %H:%M").to_string())));
    }
    if let Some(dateline) = a.layer(layer::DATELINE).iter().find(|s| s.label == "DATELINE") {
        if let Some(text) = a.clean.get(dateline.start..dateline.end) {
            meta.push(format!("المكان والوكالة: {}", escape(text)));
        }
    }
    if let Some(author) = &a.meta.author {
        meta.push(escape(author));
    }
    if let Some(url) = a.meta.url.as_deref().and_then(external_url) {
        meta.push(format!(r#"<a href="{url}" rel="noopener noreferrer nofollow">المصدر الأصلي</a>"#));
    }
    if let Some(story) = group.as_ref().and_then(|g| g.story) {
        meta.push(format!(r#"<a class="story-link" href="/story/{story}">القصة {story}</a>"#));
    }
    body.push_str(&meta.join(" · "));
    body.push_str("</p><p class=\"toggles\">إظهار: ");
    for (_, class, name) in SHOWN_LAYERS {
        body.push_str(&format!(
            r#"<label class="toggle t-{class}"><input type="checkbox" data-layer="{class}" checked> {name}</label> "#
        ));
    }
    body.push_str(r#"</p><div id="article-text" class="text">"#);
    body.push_str(&marked_text(&a));
    body.push_str("</div></article><aside class=\"side\">");

    // Who and what the article names, once each, by number of mentions.
    let mut named: BTreeMap<&str, (&str, u64)> = BTreeMap::new();
    for span in a.layer(layer::ENTITIES) {
        if let Some(key) = span.attrs.get("key").and_then(|k| k.as_str()) {
            let name = span.attrs.get("canonical").and_then(|c| c.as_str()).unwrap_or(key);
            named.entry(key).or_insert((name, 0)).1 += 1;
        }
    }
    let mut named: Vec<_> = named.into_iter().collect();
    named.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(b.0)));
    body.push_str(r#"<h3>الكيانات</h3><p class="chips">"#);
    for (key, (name, _)) in named.iter().take(30) {
        body.push_str(&entity_link(key, name));
        body.push(' ');
    }
    body.push_str("</p>");
    if let Some(g) = &group {
        if !g.members.is_empty() {
            body.push_str(&format!(r#"<h3>النسخ ({})</h3><ul class="copies">"#, g.members.len()));
            for (member, similarity) in g.members.iter().take(30) {
                body.push_str(&article_line(member).replace(
                    "</li>",
                    &format!(
                        r#" <span class="count" title="التشابه">{:.0}%</span></li>"#,
                        similarity * 100.0
                    ),
                ));
            }
            body.push_str("</ul>");
        }
    }
    if !related.is_empty() {
        body.push_str(r#"<h3>مقالات ذات صلة</h3><ul class="related">"#);
        for r in &related {
            let why = match r.reason {
                "same_story" => "من القصة نفسها",
                "same_thread" => "من السلسلة نفسها",
                _ => "كيانات مشتركة",
            };
            body.push_str(
                &article_line(&r.article)
                    .replace("</li>", &format!(r#" <span class="reason">{why}</span></li>"#)),
            );
        }
        body.push_str("</ul>");
    }
    body.push_str(&format!(
        r#"<p class="small"><a href="/api/articles/{}" dir="ltr">JSON</a></p></aside></div>"#,
        encode(id)
    ));
    Ok(layout(&headline, "", &body))
}

/// `/story/{n}`: title, outlets, articles per day, main entities, events and the thread.
pub fn story(store: &Store, number: u32) -> Result<String, PageError> {
    let Some(s) = store.story(number)? else {
        return Err(PageError::not_found(format!("لا توجد قصة رقمها {number}")));
    };
    let title = s.title.clone().unwrap_or_else(|| format!("القصة {number}"));
    let mut body = format!(
        r#"<div class="with-side"><section class="story"><h1>{}</h1><p class="meta">{} مقالا ({} أصلية) · من <span dir="ltr">{}</span> إلى <span dir="ltr">{}</span></p>"#,
        escape(&title),
        s.articles,
        s.canonical_articles,
        day_of(s.first_seen.as_deref()),
        day_of(s.last_seen.as_deref()),
    );
    if !s.outlets.is_empty() {
        body.push_str(r#"<p class="chips">المصادر: "#);
        for outlet in &s.outlets {
            body.push_str(&format!(
                r#"<a class="chip" href="{}">{}</a> "#,
                escape(&query("/", &[("outlet", outlet)])),
                escape(outlet)
            ));
        }
        body.push_str("</p>");
    }
    let bins = bins_by_day(s.timeline.iter().filter_map(|(a, _)| a.published.as_deref()));
    body.push_str(&bar_chart(&bins, "عدد المقالات حسب التاريخ"));
    body.push_str(r#"<h2>المقالات</h2><ol class="timeline">"#);
    for (a, is_copy) in &s.timeline {
        let line = article_line(a);
        body.push_str(&if *is_copy { line.replace("<li>", r#"<li class="copy">"#) } else { line });
    }
    body.push_str("</ol></section><aside class=\"side\"><h3>الكيانات الرئيسية</h3><ul>");
    for (key, name, n) in &s.main_entities {
        body.push_str(&format!(r#"<li>{} <span class="count">{n}</span></li>"#, entity_link(key, name)));
    }
    body.push_str("</ul><h3>الأحداث</h3><ul>");
    for (event_type, n) in &s.events {
        body.push_str(&format!(
            r#"<li><a href="{}">{}</a> <span class="count">{n}</span></li>"#,
            escape(&query("/events", &[("type", event_type)])),
            escape(event_type_name(event_type))
        ));
    }
    body.push_str("</ul>");
    if let (Some(thread), false) = (s.thread, s.thread_stories.is_empty()) {
        body.push_str(&format!(r#"<h3>السلسلة {thread}</h3><ul>"#));
        for (other, other_title, first) in &s.thread_stories {
            body.push_str(&format!(
                r#"<li><a href="/story/{other}">{}</a> <span class="meta">{}</span></li>"#,
                escape(other_title.as_deref().unwrap_or("(بلا عنوان)")),
                day_of(first.as_deref())
            ));
        }
        body.push_str("</ul>");
    }
    body.push_str(&format!(
        r#"<p class="small"><a href="/api/stories/{number}" dir="ltr">JSON</a></p></aside></div>"#
    ));
    Ok(layout(&title, "", &body))
}

/// `/entity/{key}`: names, role, mentions over time, quotes by date, events as actor, articles
/// and the entities named alongside.
pub fn entity(store: &Store, key: &str, page: usize) -> Result<String, PageError> {
    let Some(e) = store.entity(key)? else {
        return Err(PageError::not_found(format!("لا يوجد كيان بالمفتاح «{key}»")));
    };
    let offset = ((page - 1) * 20).min(MAX_OFFSET);
    let articles = store.entity_articles(key, 20, offset)?;
    let dated = store.entity_articles(key, CHART_ARTICLES, 0)?;
    let quotes =
        store.quotes(&QuoteFilter { speaker: Some(key.into()), limit: 30, ..QuoteFilter::default() })?;
    let events =
        store.events(&EventFilter { actor: Some(key.into()), limit: 30, ..EventFilter::default() })?;
    let cooccurring = store.cooccurring(key, 20)?;

    let mut body = format!(
        r#"<div class="with-side"><section class="entity"><h1>{}</h1><p class="meta"><span class="chip ent-{}">{}</span>{}{} · {} مقالا · {} ذكرا</p>"#,
        escape(&e.name),
        escape(&e.entity_type.chars().filter(char::is_ascii_alphanumeric).collect::<String>()),
        escape(entity_type_name(&e.entity_type)),
        e.role.as_deref().map(|r| format!(" · {}", escape(r))).unwrap_or_default(),
        e.name_en
            .as_deref()
            .map(|n| format!(r#" · <span dir="ltr">{}</span>"#, escape(n)))
            .unwrap_or_default(),
        e.articles,
        e.mentions,
    );
    body.push_str(r#"<p class="names">الأسماء والتهجئات: "#);
    let names: Vec<String> =
        e.names.iter().map(|(n, c)| format!(r#"{} <span class="count">{c}</span>"#, escape(n))).collect();
    body.push_str(&names.join("، "));
    body.push_str("</p>");
    let bins = bins_by_day(dated.iter().filter_map(|a| a.published.as_deref()));
    if bins.is_empty() {
        body.push_str(r#"<p class="hint no-dates">لا تاريخ نشر لأي من مقالاته، فلا رسم لذكره عبر الزمن.</p>"#);
    }
    body.push_str(&bar_chart(&bins, "المقالات التي تذكره عبر الزمن"));
    body.push_str(&format!(
        r#"<p><a href="{}">البحث في مقالاته</a></p>"#,
        escape(&query("/", &[("entity", key), ("sort", "newest")]))
    ));

    if !quotes.is_empty() {
        body.push_str(r#"<h2>أقواله</h2><ul class="quotes">"#);
        for q in &quotes {
            body.push_str(&format!(
                r#"<li><blockquote>{}</blockquote><p class="meta">{} · <a href="{}">{}</a></p></li>"#,
                escape(&q.text),
                day_of(q.article.published.as_deref()),
                article_href(&q.article.id),
                escape(q.article.headline.as_deref().unwrap_or("(بلا عنوان)"))
            ));
        }
        body.push_str("</ul>");
    }
    if !events.is_empty() {
        body.push_str(r#"<h2>أحداث هو طرف فيها</h2>"#);
        body.push_str(&events_table(&events));
    }
    body.push_str(r#"<h2>المقالات</h2><ul class="articles">"#);
    for a in &articles {
        body.push_str(&article_line(a));
    }
    body.push_str("</ul>");
    let here = format!("/entity/{}", encode(key));
    body.push_str(r#"<nav class="pager">"#);
    if page > 1 {
        let prev = (page - 1).to_string();
        body.push_str(&format!(r#"<a href="{}">→ السابقة</a> "#, escape(&query(&here, &[("page", &prev)]))));
    }
    if articles.len() == 20 && offset + 20 < e.articles as usize {
        let next = (page + 1).to_string();
        body.push_str(&format!(r#"<a href="{}">التالية ←</a>"#, escape(&query(&here, &[("page", &next)]))));
    }
    body.push_str("</nav></section><aside class=\"side\"><h3>يُذكر معه</h3><ul>");
    for (other, shared) in &cooccurring {
        let name = store.entity(other)?.map_or_else(|| name_of_key(other), |o| o.name);
        body.push_str(&format!(
            r#"<li>{} <span class="count">{shared}</span></li>"#,
            entity_link(other, &name)
        ));
    }
    body.push_str(&format!(
        r#"</ul><p class="small"><a href="/api/entities/{}" dir="ltr">JSON</a></p></aside></div>"#,
        encode(key)
    ));
    Ok(layout(&e.name, "", &body))
}

fn events_table(events: &[marsad_store::EventInfo]) -> String {
    let actor = |name: &Option<String>, key: &Option<String>| match (name, key) {
        (Some(n), Some(k)) => format!(r#"<a href="{}">{}</a>"#, entity_href(k), escape(n)),
        (Some(n), None) => escape(n),
        (None, Some(k)) => entity_link(k, &name_of_key(k)),
        (None, None) => String::new(),
    };
    let mut out = String::from(
        r#"<table class="events"><thead><tr><th>التاريخ</th><th>النوع</th><th>الطرف الأول</th><th>الطرف الثاني</th><th>المكان</th><th>الجملة</th><th>المقال</th></tr></thead><tbody>"#,
    );
    for v in events {
        let sentence: String = v.sentence.chars().take(200).collect();
        out.push_str(&format!(
            r#"<tr><td dir="ltr">{}</td><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class="sentence">{}</td><td><a href="{}">{}</a></td></tr>"#,
            escape(v.event_date.as_deref().unwrap_or("—")),
            escape(&query("/events", &[("type", &v.event_type)])),
            escape(event_type_name(&v.event_type)),
            actor(&v.actor1, &v.actor1_key),
            actor(&v.actor2, &v.actor2_key),
            actor(&v.location, &v.location_key),
            escape(&sentence),
            article_href(&v.article.id),
            escape(v.article.headline.as_deref().unwrap_or("المقال")),
        ));
    }
    out.push_str("</tbody></table>");
    out
}

/// The events page's parameters, as text so a malformed one is told, not refused.
#[derive(Debug, Default, Deserialize)]
pub struct EventsParams {
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    pub actor: Option<String>,
    pub place: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: Option<String>,
}

/// `/events`: the events table with filters by type, actor, place and date, and export links.
pub fn events(store: &Store, p: &EventsParams) -> Result<String, PageError> {
    let mut notices = Vec::new();
    let filter = EventFilter {
        event_type: short(&p.event_type),
        actor: short(&p.actor),
        place: short(&p.place),
        from: day(&p.from, &mut notices),
        to: day(&p.to, &mut notices),
        article: None,
        limit: EVENTS_PER_PAGE,
        offset: ((page_number(p.page.as_deref()) - 1) * EVENTS_PER_PAGE).min(MAX_OFFSET),
    };
    let list = store.events(&filter)?;
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    let pairs = [
        ("type", v(&filter.event_type)),
        ("actor", v(&filter.actor)),
        ("place", v(&filter.place)),
        ("from", v(&filter.from)),
        ("to", v(&filter.to)),
    ];
    let mut body = notices_html(&notices);
    body.push_str(r#"<h1>الأحداث</h1><form class="event-filters" action="/events" method="get"><label>النوع <select name="type"><option value="">الكل</option>"#);
    for t in marsad_article::layer::EVENT_TYPES {
        let selected = if filter.event_type.as_deref() == Some(t) { " selected" } else { "" };
        body.push_str(&format!(r#"<option value="{t}"{selected}>{} ({t})</option>"#, event_type_name(t)));
    }
    body.push_str(&format!(
        r#"</select></label><label>الطرف <input name="actor" value="{}" placeholder="PER:..." dir="auto"></label><label>المكان <input name="place" value="{}" placeholder="LOC:..." dir="auto"></label><label>من <input type="date" name="from" value="{}"></label><label>إلى <input type="date" name="to" value="{}"></label><button type="submit">تصفية</button></form>"#,
        escape(&pairs[1].1),
        escape(&pairs[2].1),
        escape(&pairs[3].1),
        escape(&pairs[4].1),
    ));
    let mut export: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let limit = EVENTS_PER_PAGE.to_string();
    let offset = filter.offset.to_string();
    export.push(("limit", &limit));
    export.push(("offset", if filter.offset > 0 { &offset } else { "" }));
    let mut csv = export.clone();
    csv.push(("format", "csv"));
    let mut jsonl = export;
    jsonl.push(("format", "jsonl"));
    body.push_str(&format!(
        r#"<p class="export">{} حدثا في هذه الصفحة · تنزيل: <a href="{}" download>CSV</a> · <a href="{}" download>JSON Lines</a></p>"#,
        list.len(),
        escape(&query("/api/events", &csv)),
        escape(&query("/api/events", &jsonl)),
    ));
    // The map shows every place of the filtered events, not only this page's.
    let places = store.event_places(&EventFilter { limit: MAP_PLACES, offset: 0, ..filter.clone() })?;
    body.push_str(&places_map(&places, |key| {
        let mut link: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        link.retain(|(k, _)| *k != "place");
        link.push(("place", key));
        escape(&query("/events", &link))
    }));
    body.push_str(&events_table(&list));
    let page = page_number(p.page.as_deref());
    let here: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    body.push_str(r#"<nav class="pager">"#);
    if page > 1 {
        let prev = (page - 1).to_string();
        let mut link = here.clone();
        link.push(("page", &prev));
        body.push_str(&format!(r#"<a href="{}">→ السابقة</a> "#, escape(&query("/events", &link))));
    }
    if list.len() == EVENTS_PER_PAGE {
        let next = (page + 1).to_string();
        let mut link = here;
        link.push(("page", &next));
        body.push_str(&format!(r#"<a href="{}">التالية ←</a>"#, escape(&query("/events", &link))));
    }
    body.push_str("</nav>");
    Ok(layout("الأحداث", "", &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_mark_matches_and_ignore_bad_ranges() {
        let table: [(&str, &[[usize; 2]], &str); 3] = [
            ("بدأت المحادثات اليوم", &[[5, 14]], "بدأت <mark>المحادثات</mark> اليوم…"),
            ("<b>", &[[0, 3]], "<mark>&lt;b&gt;</mark>…"),
            ("نص", &[[1, 9], [2, 1]], "نص…"),
        ];
        for (snippet, ranges, expected) in table {
            assert_eq!(snippet_html(snippet, ranges), expected);
        }
    }

    #[test]
    fn page_numbers_are_lenient() {
        let table = [(None, 1), (Some("3"), 3), (Some("0"), 1), (Some("x"), 1), (Some("-2"), 1)];
        for (input, expected) in table {
            assert_eq!(page_number(input), expected, "{input:?}");
        }
    }
}
