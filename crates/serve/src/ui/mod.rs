//! The analyst's web interface: server-rendered Arabic (RTL) pages over the same [`Store`] as the
//! JSON API, with their stylesheet, script, font and the OpenAPI document embedded in the binary.
//!
//! Entry point: [`routes`], merged into the API router by `crate::router`. Pages: `/` (search with
//! facets), `/article/{id}`, `/story/{n}`, `/entity/{key}`, `/events`; assets under `/assets/`;
//! `/openapi.json`. Each handler reads the store on the blocking pool and renders with a plain
//! function of `pages` that returns a `String`; [`html`] holds the escaping every page relies on.
//! Pages carry a Content-Security-Policy that allows only this server's script and style, so even
//! markup that slipped through escaping could not run.

mod chart;
pub mod html;
mod map;
mod marked;
mod pages;

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use marsad_store::Store;
use serde::Deserialize;

use pages::{EventsParams, SearchParams};

/// The OpenAPI 3 description of every `/api` route, served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("../../assets/openapi.json");
const STYLE: &str = include_str!("../../assets/style.css");
const SCRIPT: &str = include_str!("../../assets/ui.js");
const FONT_REGULAR: &[u8] = include_bytes!("../../assets/noto-naskh-arabic-arabic-400-normal.woff2");
const FONT_BOLD: &[u8] = include_bytes!("../../assets/noto-naskh-arabic-arabic-700-normal.woff2");
const FONT_LICENCE: &str = include_str!("../../assets/OFL.txt");

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; \
                   img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; \
                   frame-ancestors 'none'";

/// The page and asset routes; state is added by the caller.
pub fn routes() -> Router<Arc<Store>> {
    Router::new()
        .route("/", get(search_page))
        .route("/article/{id}", get(article_page))
        .route("/story/{story}", get(story_page))
        .route("/entity/{key}", get(entity_page))
        .route("/events", get(events_page))
        .route("/openapi.json", get(|| async { asset("application/json", OPENAPI.as_bytes()) }))
        .route("/assets/style.css", get(|| async { asset("text/css; charset=utf-8", STYLE.as_bytes()) }))
        .route("/assets/ui.js", get(|| async { asset("text/javascript; charset=utf-8", SCRIPT.as_bytes()) }))
        .route("/assets/naskh-400.woff2", get(|| async { asset("font/woff2", FONT_REGULAR) }))
        .route("/assets/naskh-700.woff2", get(|| async { asset("font/woff2", FONT_BOLD) }))
        .route(
            "/assets/OFL.txt",
            get(|| async { asset("text/plain; charset=utf-8", FONT_LICENCE.as_bytes()) }),
        )
}

fn asset(content_type: &'static str, body: &'static [u8]) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// A rendered page with its status and the security headers.
fn page(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

/// A page that went wrong, told in Arabic with the reason.
pub(crate) struct PageError {
    status: StatusCode,
    message: String,
}

impl PageError {
    fn not_found(message: String) -> PageError {
        PageError { status: StatusCode::NOT_FOUND, message }
    }
}

impl From<marsad_store::StoreError> for PageError {
    fn from(e: marsad_store::StoreError) -> PageError {
        PageError { status: StatusCode::INTERNAL_SERVER_ERROR, message: e.to_string() }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let body = format!(
            r#"<section class="error"><h1>تعذّر عرض الصفحة</h1><p>{}</p><p><a href="/">العودة إلى البحث</a></p></section>"#,
            html::escape(&self.message)
        );
        page(self.status, html::layout("خطأ", "", &body))
    }
}

/// Runs `render` on the blocking pool (store calls block) and wraps its markup in a page.
async fn render(render: impl FnOnce() -> Result<String, PageError> + Send + 'static) -> Response {
    match tokio::task::spawn_blocking(render).await {
        Ok(Ok(body)) => page(StatusCode::OK, body),
        Ok(Err(e)) => e.into_response(),
        Err(e) => {
            PageError { status: StatusCode::INTERNAL_SERVER_ERROR, message: format!("request failed: {e}") }
                .into_response()
        }
    }
}

async fn search_page(State(store): State<Arc<Store>>, Query(p): Query<SearchParams>) -> Response {
    render(move || pages::search(&store, &p)).await
}

async fn article_page(State(store): State<Arc<Store>>, Path(id): Path<String>) -> Response {
    render(move || pages::article(&store, &id)).await
}

async fn story_page(State(store): State<Arc<Store>>, Path(story): Path<String>) -> Response {
    render(move || {
        let number: u32 =
            story.parse().map_err(|_| PageError::not_found(format!("«{story}» ليس رقم قصة")))?;
        pages::story(&store, number)
    })
    .await
}

#[derive(Deserialize)]
struct EntityPageParams {
    page: Option<String>,
}

async fn entity_page(
    State(store): State<Arc<Store>>,
    Path(key): Path<String>,
    Query(p): Query<EntityPageParams>,
) -> Response {
    render(move || pages::entity(&store, &key, pages::page_number(p.page.as_deref()))).await
}

async fn events_page(State(store): State<Arc<Store>>, Query(p): Query<EventsParams>) -> Response {
    render(move || pages::events(&store, &p)).await
}

#[cfg(test)]
mod tests;
