//! The HTTP API: search and articles as JSON, over one [`Store`].
//!
//! Entry points: [`router`] (the routes, for tests and embedding) and [`serve`] (binds and runs).
//! Uses `marsad-store` and `marsad-article`'s JSON form; knows nothing of reading or cleaning.
//! Store calls block (SQLite, tantivy), so each runs on tokio's blocking pool.
//!
//! Routes: `GET /api/search?q=..&limit=..&offset=..`, `GET /api/articles/{id}`, `GET /api/health`.
//! Errors are JSON objects `{"error": "..."}` with a 4xx/5xx status.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use marsad_store::{SearchOptions, Store};
use serde::Deserialize;

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
    Query(p): Query<SearchParams>,
) -> Result<Response, ApiError> {
    let q = p.q.unwrap_or_default();
    if q.trim().is_empty() {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "missing query: use /api/search?q=words"));
    }
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("query is longer than {MAX_QUERY_CHARS} characters"),
        ));
    }
    let limit = p.limit.unwrap_or(10);
    if limit == 0 || limit > MAX_PAGE_SIZE {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, format!("limit must be 1 to {MAX_PAGE_SIZE}")));
    }
    let options = SearchOptions { limit, offset: p.offset.unwrap_or(0).min(10_000) };
    let results = blocking(move || Ok(store.search(&q, &options)?)).await?;
    Ok(Json(results).into_response())
}

async fn article(State(store): State<Arc<Store>>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let found = blocking(move || {
        let a = store.get(&id)?;
        a.ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, format!("no article with id {id:?}")))
    })
    .await?;
    Ok(Json(marsad_article::json::to_json(&found)).into_response())
}

async fn health(State(store): State<Arc<Store>>) -> Result<Response, ApiError> {
    let n = blocking(move || Ok(store.len()?)).await?;
    Ok(Json(serde_json::json!({ "status": "ok", "articles": n })).into_response())
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such route: try /api/search?q=..., /api/articles/{id}, /api/health",
    )
}

/// The API's routes over a store.
pub fn router(store: Arc<Store>) -> Router {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/articles/{id}", get(article))
        .route("/api/health", get(health))
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
        let (status, body) = get(&store, "/nowhere").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(body["error"].as_str().unwrap().contains("/api/search"));
    }
}
