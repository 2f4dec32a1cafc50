//! The SQLite side: schema, migrations, and the article rows.

use std::path::Path;

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
        article BLOB NOT NULL, -- the compact article JSON, zstd-compressed
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
                 headline, origin, format, article, ingested_at)
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
                compress(a),
                now,
            ])
            .map_err(&e)?;
        }
    }
    tx.commit().map_err(&e)
}

/// zstd level: 3 compresses Arabic article JSON about fourfold at a few hundred MB/s.
const ZSTD_LEVEL: i32 = 3;

fn compress(a: &Article) -> Vec<u8> {
    let text = json::to_json_compact(a).to_string();
    zstd::bulk::compress(text.as_bytes(), ZSTD_LEVEL).expect("compressing to memory cannot fail")
}

/// The article JSON text of a stored row.
pub(crate) fn decompress(id: &str, blob: &[u8]) -> Result<String, StoreError> {
    let corrupt = |reason: String| StoreError::Corrupt { id: id.to_string(), reason };
    let bytes = zstd::stream::decode_all(blob).map_err(|e| corrupt(format!("cannot decompress: {e}")))?;
    String::from_utf8(bytes).map_err(|e| corrupt(format!("not UTF-8: {e}")))
}

pub(crate) fn get(conn: &Connection, path: &Path, id: &str) -> Result<Option<Article>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT article FROM articles WHERE id = ?1").map_err(err(path))?;
    let blob: Option<Vec<u8>> = stmt.query_row([id], |r| r.get(0)).optional().map_err(err(path))?;
    let Some(blob) = blob else { return Ok(None) };
    let text = decompress(id, &blob)?;
    json::from_json(&text)
        .map(Some)
        .map_err(|e| StoreError::Corrupt { id: id.to_string(), reason: e.to_string() })
}

/// The columns a search hit shows, without parsing the whole article.
pub(crate) struct HitRow {
    pub headline: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    /// The article JSON text.
    pub json: String,
}

pub(crate) fn hit_row(conn: &Connection, path: &Path, id: &str) -> Result<Option<HitRow>, StoreError> {
    let mut stmt = conn
        .prepare_cached("SELECT headline, outlet, published, url, article FROM articles WHERE id = ?1")
        .map_err(err(path))?;
    let row = stmt
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, Vec<u8>>(4)?)))
        .optional()
        .map_err(err(path))?;
    row.map(|(headline, outlet, published, url, blob)| {
        Ok(HitRow { headline, outlet, published, url, json: decompress(id, &blob)? })
    })
    .transpose()
}
