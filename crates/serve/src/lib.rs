//! The HTTP API: search and articles as JSON, over one [`Store`].
//!
//! Entry points: [`router`] (the routes, for tests and embedding) and [`serve`] (binds and runs).
//! Uses `marsad-store` and `marsad-article`'s JSON form; knows nothing of reading or cleaning.
//! Store calls block (SQLite, tantivy), so each runs on tokio's blocking pool.
//!
//! Routes (all `GET`, all JSON unless said otherwise):
//! - `/api/search?q=..&limit=..&offset=..&sort=relevance|newest|oldest` with filters `outlet`,
//!   `from`/`to` (publication day), `event_from`/`event_to` (days the text talks about), `entity`
//!   (keys, comma-separated, all required), `event_type`, `story`, `all_copies=true`; `q` may be
//!   empty when a filter is given. `facets=true` adds the top [`FACET_TOP`] values of each facet
//!   over the first [`FACET_SAMPLE`] results.
//! - `/api/articles/{id}`: the article JSON with its `copy_group` and `related` articles.
//! - `/api/stories/{story}`: a story's title, outlets, timeline, main entities, events and thread.
//! - `/api/entities?name=..&type=..`, `/api/entities/{key}`: an entity with its spellings, articles,
//!   co-occurring entities, quotes and events.
//! - `/api/quotes?speaker=..&article=..&from=..&to=..`.
//! - `/api/events?type=..&actor=..&place=..&from=..&to=..&format=json|jsonl|csv`.
//! - `/api/health`.
//! - `/openapi.json`: the OpenAPI 3 description of the routes above.
//!
//! The web pages (`/`, `/article/{id}`, `/story/{n}`, `/entity/{key}`, `/events`) live in [`ui`].
//!
//! Every list takes `limit` (1 to [`MAX_PAGE_SIZE`]) and `offset`. Errors are JSON objects
//! `{"error": "..."}` with a 4xx/5xx status.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use marsad_store::{EventFilter, QuoteFilter, SearchFilters, SearchOptions, Sort, Store};
use serde::de::DeserializeOwned;
use serde::Deserialize;

mod ui;

/// Longest query accepted, in characters: longer ones are refused rather than parsed.
pub const MAX_QUERY_CHARS: usize = 512;
/// Most hits one page may ask for.
pub const MAX_PAGE_SIZE: usize = 100;

struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(serde_json::json!({ "error": self.message }))).into_response()
    }
}

impl From<marsad_store::StoreError> for ApiError {
    fn from(e: marsad_store::StoreError) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

#[derive(Deserialize)]
struct SearchParams {
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
    sort: Option<Sort>,
    outlet: Option<String>,
    from: Option<String>,
    to: Option<String>,
    event_from: Option<String>,
    event_to: Option<String>,
    entity: Option<String>,
    event_type: Option<String>,
    story: Option<String>,
    all_copies: Option<bool>,
    facets: Option<bool>,
}

/// Results the facets of a search are counted over: its first ones, in the order asked. Each
/// facet is a join over these articles' rows in SQLite, so its cost grows with this number
/// (docs/benchmarks.md, issue 9).
pub const FACET_SAMPLE: usize = 100;
/// Values listed per facet.
pub const FACET_TOP: usize = 10;

/// Most results one may page through: deeper pages cost the index more than they are worth.
const MAX_OFFSET: usize = 10_000;

fn bad_request(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, message)
}

/// Query parameters whose errors (`limit=abc`, `all_copies=maybe`) are JSON like every other API
/// error; axum's own `Query` answers them in plain text.
struct ApiQuery<T>(T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(params)) => Ok(ApiQuery(params)),
            Err(e) => Err(bad_request(e.body_text())),
        }
    }
}

fn page(
    limit: Option<usize>,
    offset: Option<usize>,
    default_limit: usize,
) -> Result<(usize, usize), ApiError> {
    let limit = limit.unwrap_or(default_limit);
    if limit == 0 || limit > MAX_PAGE_SIZE {
        return Err(bad_request(format!("limit must be 1 to {MAX_PAGE_SIZE}")));
    }
    Ok((limit, offset.unwrap_or(0).min(MAX_OFFSET)))
}

/// A `YYYY-MM-DD` day parameter, refused when malformed rather than silently ignored.
fn day(name: &str, value: Option<String>) -> Result<Option<String>, ApiError> {
    match value.filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d")
            .map(|d| Some(d.format("%Y-%m-%d").to_string()))
            .map_err(|_| bad_request(format!("{name}={v:?} is not a day: use YYYY-MM-DD"))),
    }
}

/// A short text parameter (a key, an outlet, a type), bounded like a query.
fn short(name: &str, value: Option<String>) -> Result<Option<String>, ApiError> {
    match value.filter(|v| !v.is_empty()) {
        Some(v) if v.chars().count() > MAX_QUERY_CHARS => {
            Err(bad_request(format!("{name} is longer than {MAX_QUERY_CHARS} characters")))
        }
        v => Ok(v),
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("request failed: {e}")))?
}

async fn search(
    State(store): State<Arc<Store>>,
    ApiQuery(p): ApiQuery<SearchParams>,
) -> Result<Response, ApiError> {
    let q = p.q.unwrap_or_default();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(bad_request(format!("query is longer than {MAX_QUERY_CHARS} characters")));
    }
    let (limit, offset) = page(p.limit, p.offset, 10)?;
    let filters = SearchFilters {
        outlet: short("outlet", p.outlet)?,
        published_from: day("from", p.from)?,
        published_to: day("to", p.to)?,
        event_from: day("event_from", p.event_from)?,
        event_to: day("event_to", p.event_to)?,
        entity: short("entity", p.entity)?,
        event_type: short("event_type", p.event_type)?,
        story: match short("story", p.story)? {
            None => None,
            Some(s) => {
                Some(s.parse().map_err(|_| bad_request(format!("story={s:?} is not a story number")))?)
            }
        },
        include_copies: p.all_copies.unwrap_or(false),
    };
    let filtered = filters.outlet.is_some()
        || filters.published_from.is_some()
        || filters.published_to.is_some()
        || filters.event_from.is_some()
        || filters.event_to.is_some()
        || filters.entity.is_some()
        || filters.event_type.is_some()
        || filters.story.is_some();
    if q.trim().is_empty() && !filtered {
        return Err(bad_request(
            "missing query: use /api/search?q=words (or give a filter such as entity=KEY)",
        ));
    }
    let options = SearchOptions { limit, offset, sort: p.sort.unwrap_or_default(), filters };
    let with_facets = p.facets.unwrap_or(false);
    let body = blocking(move || {
        let mut body = serde_json::to_value(store.search(&q, &options)?).unwrap_or_default();
        if with_facets {
            let sample = SearchOptions { limit: FACET_SAMPLE, offset: 0, ..options };
            body["facets"] = serde_json::to_value(store.facets(&q, &sample, FACET_TOP)?).unwrap_or_default();
        }
        Ok(body)
    })
    .await?;
    Ok(Json(body).into_response())
}

async fn article(State(store): State<Arc<Store>>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let (found, group, related) = blocking(move || {
        let a = store.get(&id)?;
        let a =
            a.ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, format!("no article with id {id:?}")))?;
        Ok((a, store.copy_group(&id)?, store.related(&id, RELATED_ARTICLES)?))
    })
    .await?;
    let mut v = marsad_article::json::to_json(&found);
    v["copy_group"] = serde_json::to_value(group).unwrap_or_default();
    v["related"] = serde_json::to_value(related).unwrap_or_default();
    Ok(Json(v).into_response())
}

/// Related articles listed with an article.
const RELATED_ARTICLES: usize = 10;

async fn story(State(store): State<Arc<Store>>, Path(story): Path<String>) -> Result<Response, ApiError> {
    let number: u32 = story.parse().map_err(|_| bad_request(format!("{story:?} is not a story number")))?;
    let found = blocking(move || {
        store.story(number)?.ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, format!("no story {number}")))
    })
    .await?;
    Ok(Json(found).into_response())
}

#[derive(Deserialize)]
struct EntitiesParams {
    name: Option<String>,
    #[serde(rename = "type")]
    entity_type: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn entities(
    State(store): State<Arc<Store>>,
    ApiQuery(p): ApiQuery<EntitiesParams>,
) -> Result<Response, ApiError> {
    let (limit, offset) = page(p.limit, p.offset, 20)?;
    let name = short("name", p.name)?;
    let entity_type = short("type", p.entity_type)?;
    let list =
        blocking(move || Ok(store.entities(name.as_deref(), entity_type.as_deref(), limit, offset)?)).await?;
    Ok(Json(serde_json::json!({ "entities": list })).into_response())
}

#[derive(Deserialize)]
struct PageParams {
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn entity(
    State(store): State<Arc<Store>>,
    Path(key): Path<String>,
    ApiQuery(p): ApiQuery<PageParams>,
) -> Result<Response, ApiError> {
    let (limit, offset) = page(p.limit, p.offset, 20)?;
    let body = blocking(move || {
        let Some(entity) = store.entity(&key)? else {
            return Err(ApiError::new(StatusCode::NOT_FOUND, format!("no entity with key {key:?}")));
        };
        let quotes =
            store.quotes(&QuoteFilter { speaker: Some(key.clone()), limit, ..QuoteFilter::default() })?;
        let events =
            store.events(&EventFilter { actor: Some(key.clone()), limit, ..EventFilter::default() })?;
        Ok(serde_json::json!({
            "entity": entity,
            "articles": store.entity_articles(&key, limit, offset)?,
            "cooccurring": store.cooccurring(&key, 20)?,
            "quotes": quotes,
            "events": events,
        }))
    })
    .await?;
    Ok(Json(body).into_response())
}

#[derive(Deserialize)]
struct QuotesParams {
    speaker: Option<String>,
    article: Option<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn quotes(
    State(store): State<Arc<Store>>,
    ApiQuery(p): ApiQuery<QuotesParams>,
) -> Result<Response, ApiError> {
    let (limit, offset) = page(p.limit, p.offset, 20)?;
    let filter = QuoteFilter {
        speaker: short("speaker", p.speaker)?,
        article: short("article", p.article)?,
        from: day("from", p.from)?,
        to: day("to", p.to)?,
        limit,
        offset,
    };
    let list = blocking(move || Ok(store.quotes(&filter)?)).await?;
    Ok(Json(serde_json::json!({ "quotes": list })).into_response())
}

#[derive(Deserialize)]
struct EventsParams {
    #[serde(rename = "type")]
    event_type: Option<String>,
    actor: Option<String>,
    place: Option<String>,
    from: Option<String>,
    to: Option<String>,
    article: Option<String>,
    format: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn events(
    State(store): State<Arc<Store>>,
    ApiQuery(p): ApiQuery<EventsParams>,
) -> Result<Response, ApiError> {
    let (limit, offset) = page(p.limit, p.offset, 50)?;
    let format = p.format.unwrap_or_else(|| "json".into());
    if !["json", "jsonl", "csv"].contains(&format.as_str()) {
        return Err(bad_request(format!("format={format:?}: use json, jsonl or csv")));
    }
    let filter = EventFilter {
        event_type: short("type", p.event_type)?,
        actor: short("actor", p.actor)?,
        place: short("place", p.place)?,
        from: day("from", p.from)?,
        to: day("to", p.to)?,
        article: short("article", p.article)?,
        limit,
        offset,
    };
    let list = blocking(move || Ok(store.events(&filter)?)).await?;
    if format == "csv" {
        return Ok(([(axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8")], events_csv(&list))
            .into_response());
    }
    if format == "jsonl" {
        let mut body = String::new();
        for v in &list {
            body.push_str(&serde_json::to_string(v).unwrap_or_default());
            body.push('\n');
        }
        return Ok(
            ([(axum::http::header::CONTENT_TYPE, "application/jsonl; charset=utf-8")], body).into_response()
        );
    }
    Ok(Json(serde_json::json!({ "events": list })).into_response())
}

/// Events as CSV with a header row, in [`marsad_store::EventInfo`]'s column order plus the article.
fn events_csv(list: &[marsad_store::EventInfo]) -> String {
    let mut out = String::from(
        "event_date,event_type,actor1,actor1_key,actor2,actor2_key,location,location_key,trigger,sentence,article_id,article_headline,outlet,published\n",
    );
    for v in list {
        let fields = [
            v.event_date.as_deref(),
            Some(v.event_type.as_str()),
            v.actor1.as_deref(),
            v.actor1_key.as_deref(),
            v.actor2.as_deref(),
            v.actor2_key.as_deref(),
            v.location.as_deref(),
            v.location_key.as_deref(),
            Some(v.trigger.as_str()),
            Some(v.sentence.as_str()),
            Some(v.article.id.as_str()),
            v.article.headline.as_deref(),
            v.article.outlet.as_deref(),
            v.article.published.as_deref(),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f.unwrap_or(""))).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// One CSV field (RFC 4180 quoting). A field a spreadsheet would run as a formula (`=`, `+`, `-`,
/// `@` first) gets a leading `'`, since these texts come from the open web.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_string() };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

async fn health(State(store): State<Arc<Store>>) -> Result<Response, ApiError> {
    let n = blocking(move || Ok(store.len()?)).await?;
    Ok(Json(serde_json::json!({ "status": "ok", "articles": n })).into_response())
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such route: try /api/search?q=..., /api/articles/{id}, /api/stories/{n}, /api/entities, /api/quotes, /api/events, /api/health",
    )
}

/// The API's routes over a store.
pub fn router(store: Arc<Store>) -> Router {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/articles/{id}", get(article))
        .route("/api/stories/{story}", get(story))
        .route("/api/entities", get(entities))
        .route("/api/entities/{key}", get(entity))
        .route("/api/quotes", get(quotes))
        .route("/api/events", get(events))
        .route("/api/health", get(health))
        .merge(ui::routes())
        .fallback(not_found)
        .with_state(store)
}

/// Serves the API on `addr` until the process is stopped (Ctrl-C ends it cleanly).
pub async fn serve(store: Arc<Store>, addr: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, router(store))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use marsad_article::{Article, Meta};
    use tower::ServiceExt;

    async fn get(store: &Arc<Store>, uri: &str) -> (StatusCode, serde_json::Value) {
        let response =
            router(store.clone()).oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).expect("every answer is JSON"))
    }

    fn store_with_one_article() -> (tempfile::TempDir, Arc<Store>, String) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let meta = Meta { origin: "t".into(), format: "txt".into(), ..Meta::default() };
        let a = Article::new(meta, "انطلقت المحادثات في جنيف صباح اليوم.".into());
        store.put_batch(std::slice::from_ref(&a)).unwrap();
        (dir, Arc::new(store), a.id)
    }

    #[tokio::test]
    async fn search_article_and_errors_are_json() {
        let (_dir, store, id) = store_with_one_article();
        let (status, body) = get(&store, "/api/search?q=%D9%85%D8%AD%D8%A7%D8%AF%D8%AB%D8%A7%D8%AA").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["total"], 1);
        assert_eq!(body["hits"][0]["id"], id.as_str());

        let (status, body) = get(&store, &format!("/api/articles/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["id"], id.as_str());

        let (status, body) = get(&store, "/api/articles/0000000000000000").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(body["error"].as_str().unwrap().contains("no article"));

        let (status, _) = get(&store, "/api/search?q=").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let long = "ا".repeat(MAX_QUERY_CHARS + 1);
        let (status, body) = get(&store, &format!("/api/search?q={long}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        let (status, _) = get(&store, "/api/search?q=x&limit=1000").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        for malformed in
            ["/api/search?q=x&limit=abc", "/api/events?offset=-1", "/api/search?q=x&all_copies=maybe"]
        {
            let (status, body) = get(&store, malformed).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{malformed}");
            assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()), "{malformed}: {body}");
        }
        let (status, body) = get(&store, "/nowhere").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(body["error"].as_str().unwrap().contains("/api/search"));
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        let table = [
            ("جنيف", "جنيف"),
            ("a,b", "\"a,b\""),
            ("قال \"نعم\"", "\"قال \"\"نعم\"\"\""),
            ("سطر\nثان", "\"سطر\nثان\""),
            ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
            ("-1+1", "'-1+1"),
        ];
        for (input, expected) in table {
            assert_eq!(csv_field(input), expected, "{input}");
        }
    }

    #[tokio::test]
    async fn entities_quotes_events_and_filters() {
        use marsad_article::{layer, Span};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let text = "قال لافروف في جنيف أمس إن الهدنة ستصمد.";
        let meta = Meta {
            origin: "t".into(),
            format: "txt".into(),
            published: chrono::DateTime::parse_from_rfc3339("2016-09-01T10:00:00+03:00").ok(),
            ..Meta::default()
        };
        let mut a = Article::new(meta, text.into());
        let at = |needle: &str| text.find(needle).map(|s| s..s + needle.len()).unwrap();
        let key = "PER:سيرجي_لافروف";
        a.add_layer(layer::SENTENCES, vec![Span::new(0..text.len(), "S")]).unwrap();
        a.add_layer(layer::ENTITIES, vec![Span::new(at("لافروف"), "PER").with_attr("key", key)]).unwrap();
        a.add_layer(layer::TIMES, vec![Span::new(at("أمس"), "DATE").with_attr("value", "2016-08-31")])
            .unwrap();
        a.add_layer(
            layer::QUOTES,
            vec![Span::new(at("الهدنة ستصمد"), "INDIRECT")
                .with_attr("speaker_key", key)
                .with_attr("speaker", "لافروف")],
        )
        .unwrap();
        a.add_layer(
            layer::EVENTS,
            vec![Span::new(at("الهدنة"), "AGREE")
                .with_attr("source_key", key)
                .with_attr("date", "2016-08-31")],
        )
        .unwrap();
        store.put_batch(std::slice::from_ref(&a)).unwrap();
        let store = Arc::new(store);
        let key_q = "PER:%D8%B3%D9%8A%D8%B1%D8%AC%D9%8A_%D9%84%D8%A7%D9%81%D8%B1%D9%88%D9%81";

        let (status, body) = get(&store, "/api/entities?type=PER").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["entities"][0]["key"], key);
        let (status, body) = get(&store, &format!("/api/entities/{key_q}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["articles"][0]["id"], a.id.as_str());
        assert_eq!(body["quotes"][0]["text"], "الهدنة ستصمد");
        assert_eq!(body["events"][0]["event_type"], "AGREE");
        let (status, _) = get(&store, "/api/entities/PER:nobody").await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        let (_, body) = get(&store, "/api/events?type=AGREE&from=2016-08-31&to=2016-08-31").await;
        assert_eq!(body["events"].as_array().unwrap().len(), 1);
        let (_, body) = get(&store, "/api/events?from=2016-09-01").await;
        assert_eq!(body["events"].as_array().unwrap().len(), 0);
        let csv = router(store.clone())
            .oneshot(Request::get("/api/events?type=AGREE&format=csv").body(Body::empty()).unwrap())
            .await
            .unwrap();
        let csv = String::from_utf8(csv.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 2, "{csv}");
        assert!(lines[0].starts_with("event_date,event_type,actor1"));
        assert!(lines[1].starts_with("2016-08-31,AGREE,"), "{csv}");
        let (status, body) = get(&store, "/api/events?from=31-08-2016").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body["error"].as_str().unwrap().contains("YYYY-MM-DD"));

        // A search by filter alone, by the day the text talks about.
        let (status, body) = get(&store, "/api/search?event_from=2016-08-31&event_to=2016-08-31").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["total"], 1);
        let (_, body) = get(&store, &format!("/api/search?entity={key_q}&sort=newest")).await;
        assert_eq!(body["hits"][0]["id"], a.id.as_str());
        let (_, body) = get(&store, &format!("/api/articles/{}", a.id)).await;
        assert_eq!(body["copy_group"]["canonical_id"], a.id.as_str());
    }
}
