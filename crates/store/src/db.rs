//! The SQLite side: schema, migrations, and the article rows.

use std::path::Path;

use marsad_article::{json, Article};
use rusqlite::{params, Connection, OptionalExtension};

use crate::derived::Derived;
use crate::{Fresh, Group, StoreError};

/// Version of the schema this build writes. Each step in `MIGRATIONS` moves one version up.
const SCHEMA_VERSION: i64 = 2;

const MIGRATIONS: &[&str] = &[
    "CREATE TABLE articles (
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
    CREATE INDEX articles_outlet ON articles(outlet);",
    // Version 2: rows derived from the layers (see `derived.rs`) and each article's copy group.
    // Stores of version 1 get empty tables: their articles were stored before these layers existed.
    "CREATE TABLE groups (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        canonical_id TEXT NOT NULL, -- the article itself when it is canonical
        similarity REAL NOT NULL,
        story INTEGER, -- story and thread numbers of the group stage, stable as the corpus grows
        thread INTEGER,
        story_similarity REAL -- cosine with the story when the article joined it: its centrality
    );
    CREATE INDEX articles_source_id ON articles(source_id);
    CREATE INDEX groups_canonical ON groups(canonical_id);
    CREATE INDEX groups_story ON groups(story);
    CREATE INDEX groups_thread ON groups(thread);
    CREATE TABLE entities (
        key TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT,
        name_en TEXT,
        articles INTEGER NOT NULL,
        mentions INTEGER NOT NULL
    );
    CREATE INDEX entities_articles ON entities(articles);
    -- Spellings of an entity across the corpus, with how often each was its canonical name.
    CREATE TABLE entity_names (
        key TEXT NOT NULL,
        name TEXT NOT NULL,
        articles INTEGER NOT NULL,
        PRIMARY KEY (key, name)
    ) WITHOUT ROWID;
    CREATE TABLE mentions (
        article_id TEXT NOT NULL,
        key TEXT NOT NULL,
        text TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL
    );
    CREATE INDEX mentions_key ON mentions(key, article_id);
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE TABLE quotes (
        article_id TEXT NOT NULL,
        quote TEXT NOT NULL,
        kind TEXT NOT NULL,
        speaker TEXT,
        speaker_key TEXT,
        verb TEXT,
        text TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        published_utc TEXT
    );
    CREATE INDEX quotes_speaker ON quotes(speaker_key, published_utc);
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE TABLE events (
        article_id TEXT NOT NULL,
        event TEXT NOT NULL,
        type TEXT NOT NULL,
        trigger TEXT NOT NULL,
        source TEXT,
        source_key TEXT,
        target TEXT,
        target_key TEXT,
        place TEXT,
        place_key TEXT,
        date TEXT,
        sentence TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        published_utc TEXT
    );
    CREATE INDEX events_type_date ON events(type, date);
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_source ON events(source_key);
    CREATE INDEX events_target ON events(target_key);
    CREATE INDEX events_place ON events(place_key);
    CREATE INDEX events_article ON events(article_id);
    CREATE TABLE article_dates (
        article_id TEXT NOT NULL,
        date TEXT NOT NULL,
        PRIMARY KEY (article_id, date)
    ) WITHOUT ROWID;
    CREATE INDEX article_dates_date ON article_dates(date);",
];

fn err(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::Sqlite { path: path.to_path_buf(), source }
}

pub(crate) fn open(path: &Path) -> Result<Connection, StoreError> {
    let e = err(path);
    let mut conn = Connection::open(path).map_err(&e)?;
    // WAL lets `marsad serve` read while an ingest writes; NORMAL sync is durable at each commit in WAL.
    conn.pragma_update(None, "journal_mode", "WAL").map_err(&e)?;
    conn.pragma_update(None, "synchronous", "NORMAL").map_err(&e)?;
    // The derived tables' indexes take inserts all over their key space (entity keys, article ids):
    // with SQLite's default 2 MB page cache, every batch past a few thousand articles rereads most
    // of their pages from the OS. 64 MB holds them for a corpus of hundreds of thousands.
    conn.pragma_update(None, "cache_size", -64 * 1024).map_err(&e)?;
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

pub(crate) fn insert(conn: &mut Connection, path: &Path, articles: &[Fresh]) -> Result<(), StoreError> {
    let e = err(path);
    let now = chrono::Utc::now().to_rfc3339();
    // One compression context for the batch: making one costs as much as compressing a short article.
    let mut compressor = zstd::bulk::Compressor::new(ZSTD_LEVEL).expect("level 3 is a valid zstd level");
    let tx = conn.transaction().map_err(&e)?;
    for Fresh { article: a, group, derived } in articles {
        let m = &a.meta;
        let published_utc = m.published.map(|d| d.with_timezone(&chrono::Utc).to_rfc3339());
        let inserted = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO articles (id, source_id, url, outlet, published, published_utc,
                 headline, origin, format, article, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .and_then(|mut stmt| {
                stmt.execute(params![
                    a.id,
                    m.source_id,
                    m.url,
                    m.outlet,
                    m.published.map(|d| d.to_rfc3339()),
                    published_utc,
                    a.headline(),
                    m.origin,
                    m.format,
                    compress(&mut compressor, a),
                    now,
                ])
            })
            .map_err(&e)?;
        // Derived rows are written once, with the article row, in the same transaction.
        if inserted == 1 {
            insert_derived(&tx, a, group, derived, published_utc.as_deref()).map_err(&e)?;
        }
    }
    tx.commit().map_err(&e)
}

fn insert_derived(
    tx: &rusqlite::Transaction,
    a: &Article,
    group: &Group,
    derived: &Derived,
    published_utc: Option<&str>,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO groups (article_id, canonical_id, similarity, story, thread, story_similarity)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        a.id,
        group.canonical_id,
        group.similarity,
        group.story,
        group.thread,
        group.story_similarity
    ])?;
    for (key, entity) in derived.entities() {
        tx.prepare_cached(
            "INSERT INTO entities (key, type, name, role, name_en, articles, mentions)
             VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)
             ON CONFLICT(key) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions,
               role = coalesce(role, excluded.role), name_en = coalesce(name_en, excluded.name_en)",
        )?
        .execute(params![
            key,
            entity.entity_type,
            entity.canonical,
            entity.role,
            entity.name_en,
            entity.mentions
        ])?;
        tx.prepare_cached(
            "INSERT INTO entity_names (key, name, articles) VALUES (?1, ?2, 1)
             ON CONFLICT(key, name) DO UPDATE SET articles = articles + 1",
        )?
        .execute(params![key, entity.canonical])?;
    }
    for m in &derived.mentions {
        tx.prepare_cached(
            "INSERT INTO mentions (article_id, key, text, start_char, end_char) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![a.id, m.key, m.text, m.start_char as i64, m.end_char as i64])?;
    }
    // The entity's display name is its most frequent canonical spelling so far (the earlier one on a
    // tie): only this article's spelling can have overtaken it, so two key lookups decide.
    for (key, entity) in derived.entities() {
        tx.prepare_cached(
            "UPDATE entities SET name = ?2
             WHERE key = ?1 AND name <> ?2
               AND (SELECT articles FROM entity_names WHERE key = ?1 AND name = ?2)
                 > (SELECT articles FROM entity_names n WHERE n.key = ?1 AND n.name = entities.name)",
        )?
        .execute(params![key, entity.canonical])?;
    }
    for q in &derived.quotes {
        tx.prepare_cached(
            "INSERT INTO quotes (article_id, quote, kind, speaker, speaker_key, verb, text, start_char,
             end_char, published_utc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            a.id,
            q.quote,
            q.kind,
            q.speaker,
            q.speaker_key,
            q.verb,
            q.text,
            q.start_char as i64,
            q.end_char as i64,
            published_utc
        ])?;
    }
    for v in &derived.events {
        tx.prepare_cached(
            "INSERT INTO events (article_id, event, type, trigger, source, source_key, target, target_key,
             place, place_key, date, sentence, start_char, end_char, published_utc)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            a.id,
            v.event,
            v.event_type,
            v.trigger,
            v.source,
            v.source_key,
            v.target,
            v.target_key,
            v.place,
            v.place_key,
            v.date,
            v.sentence,
            v.start_char as i64,
            v.end_char as i64,
            published_utc
        ])?;
    }
    for day in &derived.dates {
        tx.prepare_cached("INSERT OR IGNORE INTO article_dates (article_id, date) VALUES (?1, ?2)")?
            .execute(params![a.id, day])?;
    }
    Ok(())
}

/// zstd level: 3 compresses Arabic article JSON about fourfold at a few hundred MB/s.
const ZSTD_LEVEL: i32 = 3;

fn compress(compressor: &mut zstd::bulk::Compressor, a: &Article) -> Vec<u8> {
    let text = json::to_json_compact_string(a);
    compressor.compress(text.as_bytes()).expect("compressing to memory cannot fail")
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
