//! The SQLite side: schema, migrations, and the article rows.

use std::path::{Path, PathBuf};

use marsad_article::{json, Article};
use rusqlite::{params, Connection, OptionalExtension};

use crate::StoreError;

/// Version of the schema this build writes. Each step in `MIGRATIONS` moves one version up.
const SCHEMA_VERSION: i64 = 1;

const MIGRATIONS: &[&str] = &["CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source_id TEXT,
        url TEXT,
        outlet TEXT,
        published TEXT,
        published_utc TEXT,
        headline TEXT,
        origin TEXT NOT NULL,
        format TEXT NOT NULL,
        json TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_published_utc ON articles(published_utc);
    CREATE INDEX articles_outlet ON articles(outlet);"];

fn err(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::Sqlite { path: path.to_path_buf(), source }
}

pub(crate) fn open(path: &Path) -> Result<Connection, StoreError> {
    let e = err(path);
    let mut conn = Connection::open(path).map_err(&e)?;
    // WAL lets `marsad serve` read while an ingest writes; NORMAL sync is durable at each commit in WAL.
    conn.pragma_update(None, "journal_mode", "WAL").map_err(&e)?;
    conn.pragma_update(None, "synchronous", "NORMAL").map_err(&e)?;
    conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(&e)?;
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(&e)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew { path: path.to_path_buf(), found, known: SCHEMA_VERSION });
    }
    let tx = conn.transaction().map_err(&e)?;
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql).map_err(&e)?;
        tx.pragma_update(None, "user_version", step as i64 + 1).map_err(&e)?;
    }
    tx.commit().map_err(&e)?;
    Ok(conn)
}

pub(crate) fn count(conn: &Connection, path: &Path) -> Result<u64, StoreError> {
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
        .map(|n| n as u64)
        .map_err(err(path))
}

pub(crate) fn contains(conn: &Connection, path: &Path, id: &str) -> Result<bool, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM articles WHERE id = ?1").map_err(err(path))?;
    stmt.exists([id]).map_err(err(path))
}

pub(crate) fn insert(conn: &mut Connection, path: &Path, articles: &[&Article]) -> Result<(), StoreError> {
    let e = err(path);
    let now = chrono::Utc::now().to_rfc3339();
    let tx = conn.transaction().map_err(&e)?;
    {
        let mut stmt = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO articles (id, source_id, url, outlet, published, published_utc,
                 headline, origin, format, json, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .map_err(&e)?;
        for a in articles {
            let m = &a.meta;
            stmt.execute(params![
                a.id,
                m.source_id,
                m.url,
                m.outlet,
                m.published.map(|d| d.to_rfc3339()),
                m.published.map(|d| d.with_timezone(&chrono::Utc).to_rfc3339()),
                a.headline(),
                m.origin,
                m.format,
                json::to_json(a).to_string(),
                now,
            ])
            .map_err(&e)?;
        }
    }
    tx.commit().map_err(&e)
}

pub(crate) fn get(conn: &Connection, path: &Path, id: &str) -> Result<Option<Article>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT json FROM articles WHERE id = ?1").map_err(err(path))?;
    let text: Option<String> = stmt.query_row([id], |r| r.get(0)).optional().map_err(err(path))?;
    text.map(|t| {
        json::from_json(&t).map_err(|e| StoreError::Corrupt { id: id.to_string(), reason: e.to_string() })
    })
    .transpose()
}

/// The columns a search hit shows, without parsing the whole article.
pub(crate) struct HitRow {
    pub headline: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub json: String,
}

pub(crate) fn hit_row(conn: &Connection, path: &PathBuf, id: &str) -> Result<Option<HitRow>, StoreError> {
    let mut stmt = conn
        .prepare_cached("SELECT headline, outlet, published, url, json FROM articles WHERE id = ?1")
        .map_err(err(path))?;
    stmt.query_row([id], |r| {
        Ok(HitRow {
            headline: r.get(0)?,
            outlet: r.get(1)?,
            published: r.get(2)?,
            url: r.get(3)?,
            json: r.get(4)?,
        })
    })
    .optional()
    .map_err(err(path))
}
