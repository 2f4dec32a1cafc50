//! Questions answered from the derived tables rather than the full-text index: an article's copy
//! group, entities and their articles, quotes by speaker, events by type, actor, place and date.
//!
//! Every list is ordered by something stable (date then id, or count then key), so that pages do not
//! shift between two identical stores, and every list is bounded by the caller's `limit`.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::{Group, StoreError};

fn err(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::Sqlite { path: path.to_path_buf(), source }
}

/// An article as a line in a list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ArticleRef {
    pub id: String,
    pub headline: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
}

/// An article's place in its copy group.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CopyGroup {
    /// The first article of the group the store received (the article itself when canonical).
    pub canonical_id: String,
    /// Jaccard similarity to the canonical article (1 for the canonical article itself).
    pub similarity: f32,
    /// The other members of the group, oldest first, each with its similarity to the canonical one.
    pub members: Vec<(ArticleRef, f32)>,
    /// The story the article belongs to, when the group stage gave it one.
    pub story: Option<u32>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityInfo {
    /// The corpus-wide key (`PER:سيرجي_لافروف`).
    pub key: String,
    #[serde(rename = "type")]
    pub entity_type: String,
    /// The most frequent canonical spelling.
    pub name: String,
    pub role: Option<String>,
    pub name_en: Option<String>,
    pub articles: u64,
    pub mentions: u64,
    /// Every canonical spelling seen for this key, with the number of articles using it.
    pub names: Vec<(String, u64)>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuoteInfo {
    pub article: ArticleRef,
    pub kind: String,
    pub speaker: Option<String>,
    pub speaker_key: Option<String>,
    pub verb: Option<String>,
    pub text: String,
    pub start_char: u64,
    pub end_char: u64,
}

/// One event, in the column order analysts know from ACLED and POLECAT exports.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventInfo {
    pub event_date: Option<String>,
    pub event_type: String,
    pub actor1: Option<String>,
    pub actor1_key: Option<String>,
    pub actor2: Option<String>,
    pub actor2_key: Option<String>,
    pub location: Option<String>,
    pub location_key: Option<String>,
    pub trigger: String,
    pub sentence: String,
    pub article: ArticleRef,
    pub start_char: u64,
    pub end_char: u64,
}

/// Which events to list; empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub event_type: Option<String>,
    /// An entity key that is the source or the target.
    pub actor: Option<String>,
    pub place: Option<String>,
    /// Inclusive bounds on the event date, `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    pub article: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

/// Which quotes to list; empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct QuoteFilter {
    pub speaker: Option<String>,
    pub article: Option<String>,
    /// Inclusive bounds on the publication day, `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

fn article_ref(row: &Row, first: usize) -> rusqlite::Result<ArticleRef> {
    Ok(ArticleRef {
        id: row.get(first)?,
        headline: row.get(first + 1)?,
        outlet: row.get(first + 2)?,
        published: row.get(first + 3)?,
    })
}

/// The day after `day` as text bound: `to` is inclusive, timestamps compare as text.
fn end_of(day: &str) -> String {
    format!("{day}T99")
}

pub(crate) fn copy_group(conn: &Connection, path: &Path, id: &str) -> Result<Option<CopyGroup>, StoreError> {
    let e = err(path);
    let found: Option<(String, f32, Option<u32>)> = conn
        .prepare_cached("SELECT canonical_id, similarity, story FROM groups WHERE article_id = ?1")
        .and_then(|mut s| s.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional())
        .map_err(&e)?;
    let Some((canonical_id, similarity, story)) = found else { return Ok(None) };
    let mut stmt = conn
        .prepare_cached(
            "SELECT a.id, a.headline, a.outlet, a.published, g.similarity FROM groups g
             JOIN articles a ON a.id = g.article_id
             WHERE g.canonical_id = ?1 AND g.article_id <> ?2
             ORDER BY a.published_utc, a.id LIMIT 1000",
        )
        .map_err(&e)?;
    let members = stmt
        .query_map(params![canonical_id, id], |r| Ok((article_ref(r, 0)?, r.get(4)?)))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .map_err(&e)?;
    let mut group = CopyGroup { canonical_id: canonical_id.clone(), similarity, members, story };
    if canonical_id != id {
        // A copy's group starts with its canonical article.
        if let Some(canonical) = article_ref_of(conn, path, &canonical_id)? {
            group.members.insert(0, (canonical, 1.0));
        }
    }
    Ok(Some(group))
}

pub(crate) fn article_ref_of(
    conn: &Connection,
    path: &Path,
    id: &str,
) -> Result<Option<ArticleRef>, StoreError> {
    conn.prepare_cached("SELECT id, headline, outlet, published FROM articles WHERE id = ?1")
        .and_then(|mut s| s.query_row([id], |r| article_ref(r, 0)).optional())
        .map_err(err(path))
}

/// How many stored copies each canonical article has (0 for articles that are copies).
pub(crate) fn copy_count(conn: &Connection, path: &Path, id: &str) -> Result<u64, StoreError> {
    conn.prepare_cached("SELECT count(*) FROM groups WHERE canonical_id = ?1 AND article_id <> ?1")
        .and_then(|mut s| s.query_row([id], |r| r.get::<_, i64>(0)))
        .map(|n| n as u64)
        .map_err(err(path))
}

fn entity_from_row(row: &Row) -> rusqlite::Result<EntityInfo> {
    Ok(EntityInfo {
        key: row.get(0)?,
        entity_type: row.get(1)?,
        name: row.get(2)?,
        role: row.get(3)?,
        name_en: row.get(4)?,
        articles: row.get::<_, i64>(5)? as u64,
        mentions: row.get::<_, i64>(6)? as u64,
        names: Vec::new(),
    })
}

const ENTITY_COLUMNS: &str = "key, type, name, role, name_en, articles, mentions";

pub(crate) fn entity(conn: &Connection, path: &Path, key: &str) -> Result<Option<EntityInfo>, StoreError> {
    let e = err(path);
    let sql = format!("SELECT {ENTITY_COLUMNS} FROM entities WHERE key = ?1");
    let found = conn.prepare_cached(&sql).and_then(|mut s| s.query_row([key], entity_from_row).optional());
    let Some(mut info) = found.map_err(&e)? else { return Ok(None) };
    info.names = conn
        .prepare_cached("SELECT name, articles FROM entity_names WHERE key = ?1 ORDER BY articles DESC, name")
        .and_then(|mut s| {
            s.query_map([key], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(&e)?;
    Ok(Some(info))
}

/// Entities by number of articles, optionally of one type and with a spelling containing `name`.
pub(crate) fn entities(
    conn: &Connection,
    path: &Path,
    name: Option<&str>,
    entity_type: Option<&str>,
    limit: usize,
    offset: usize,
) -> Result<Vec<EntityInfo>, StoreError> {
    let sql = format!(
        "SELECT {ENTITY_COLUMNS} FROM entities e
         WHERE (?1 IS NULL OR type = ?1)
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM entity_names n WHERE n.key = e.key AND instr(n.name, ?2) > 0))
         ORDER BY articles DESC, key LIMIT ?3 OFFSET ?4"
    );
    conn.prepare_cached(&sql)
        .and_then(|mut s| {
            s.query_map(params![entity_type, name, limit as i64, offset as i64], entity_from_row)?
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(err(path))
}

/// Articles that mention an entity, newest first.
pub(crate) fn entity_articles(
    conn: &Connection,
    path: &Path,
    key: &str,
    limit: usize,
    offset: usize,
) -> Result<Vec<ArticleRef>, StoreError> {
    conn.prepare_cached(
        "SELECT a.id, a.headline, a.outlet, a.published FROM articles a
         WHERE a.id IN (SELECT article_id FROM mentions WHERE key = ?1)
         ORDER BY a.published_utc DESC, a.id LIMIT ?2 OFFSET ?3",
    )
    .and_then(|mut s| {
        s.query_map(params![key, limit as i64, offset as i64], |r| article_ref(r, 0))?
            .collect::<Result<Vec<_>, _>>()
    })
    .map_err(err(path))
}

/// Entities named in the same articles as `key`, by number of shared articles.
pub(crate) fn cooccurring(
    conn: &Connection,
    path: &Path,
    key: &str,
    limit: usize,
) -> Result<Vec<(String, u64)>, StoreError> {
    conn.prepare_cached(
        "SELECT m2.key, count(DISTINCT m2.article_id) AS shared FROM mentions m1
         JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.key <> m1.key
         WHERE m1.key = ?1 GROUP BY m2.key ORDER BY shared DESC, m2.key LIMIT ?2",
    )
    .and_then(|mut s| {
        s.query_map(params![key, limit as i64], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
            .collect::<Result<Vec<_>, _>>()
    })
    .map_err(err(path))
}

pub(crate) fn quotes(conn: &Connection, path: &Path, f: &QuoteFilter) -> Result<Vec<QuoteInfo>, StoreError> {
    let (conditions, values) = given_conditions(
        [
            ("q.speaker_key = ?", f.speaker.clone()),
            ("q.article_id = ?", f.article.clone()),
            ("q.published_utc >= ?", f.from.clone()),
            ("q.published_utc <= ?", f.to.as_deref().map(end_of)),
        ],
        f.limit,
        f.offset,
    );
    let n = values.len();
    conn.prepare_cached(&format!(
        "SELECT a.id, a.headline, a.outlet, a.published, q.kind, q.speaker, q.speaker_key, q.verb, q.text,
                q.start_char, q.end_char
         FROM (SELECT * FROM quotes q WHERE {}
               ORDER BY q.published_utc DESC, q.article_id, q.start_char LIMIT ?{} OFFSET ?{n}) AS q
         JOIN articles a ON a.id = q.article_id
         ORDER BY q.published_utc DESC, q.article_id, q.start_char",
        conditions,
        n - 1
    ))
    .and_then(|mut s| {
        s.query_map(rusqlite::params_from_iter(values), |r| {
            Ok(QuoteInfo {
                article: article_ref(r, 0)?,
                kind: r.get(4)?,
                speaker: r.get(5)?,
                speaker_key: r.get(6)?,
                verb: r.get(7)?,
                text: r.get(8)?,
                start_char: r.get::<_, i64>(9)? as u64,
                end_char: r.get::<_, i64>(10)? as u64,
            })
        })?
        .collect::<Result<Vec<_>, _>>()
    })
    .map_err(err(path))
}

/// The `WHERE` conditions of the filters given (`?` in a condition stands for its value), joined
/// with `AND`, and their values numbered `?1`, `?2`… followed by `limit` and `offset`. Only the
/// filters given are written, so that SQLite sees which index each one can use (`?1 IS NULL OR
/// ...` hides it and scans every row).
fn given_conditions<const N: usize>(
    filters: [(&str, Option<String>); N],
    limit: usize,
    offset: usize,
) -> (String, Vec<rusqlite::types::Value>) {
    let mut conditions = vec!["1".to_string()];
    let mut values: Vec<rusqlite::types::Value> = Vec::new();
    for (condition, value) in filters {
        if let Some(value) = value {
            values.push(value.into());
            conditions.push(condition.replace('?', &format!("?{}", values.len())));
        }
    }
    values.push((limit as i64).into());
    values.push((offset as i64).into());
    (conditions.join(" AND "), values)
}

/// The `WHERE` conditions of an event filter over `events v`, with their values.
fn event_conditions(f: &EventFilter) -> (String, Vec<rusqlite::types::Value>) {
    given_conditions(
        [
            ("v.type = ?", f.event_type.clone()),
            ("(v.source_key = ? OR v.target_key = ?)", f.actor.clone()),
            ("v.place_key = ?", f.place.clone()),
            ("v.date >= ?", f.from.clone()),
            ("v.date <= ?", f.to.as_deref().map(end_of)),
            ("v.article_id = ?", f.article.clone()),
        ],
        f.limit,
        f.offset,
    )
}

pub(crate) fn events(conn: &Connection, path: &Path, f: &EventFilter) -> Result<Vec<EventInfo>, StoreError> {
    // The page of events is chosen from `events` alone, then joined to its articles: with the join
    // inside, SQLite may sort every event of the store to return fifty.
    // With no filter an index answers better, the date index gives the order: SQLite 3.54 (bundled)
    // would rather scan and sort every event, 120 ms on the ANT store against 0.1 ms.
    let (conditions, values) = event_conditions(f);
    let by_date = f.event_type.is_none() && f.actor.is_none() && f.place.is_none() && f.article.is_none();
    let hint = if by_date { "INDEXED BY events_date" } else { "" };
    let n = values.len();
    conn.prepare_cached(&format!(
        "SELECT a.id, a.headline, a.outlet, a.published, v.date, v.type, v.source, v.source_key, v.target,
                v.target_key, v.place, v.place_key, v.trigger, v.sentence, v.start_char, v.end_char
         FROM (SELECT * FROM events v {hint} WHERE {conditions}
               ORDER BY v.date DESC, v.article_id, v.start_char LIMIT ?{} OFFSET ?{n}) AS v
         JOIN articles a ON a.id = v.article_id
         ORDER BY v.date DESC, v.article_id, v.start_char",
        n - 1
    ))
    .and_then(|mut s| {
        s.query_map(rusqlite::params_from_iter(values), |r| {
            Ok(EventInfo {
                article: article_ref(r, 0)?,
                event_date: r.get(4)?,
                event_type: r.get(5)?,
                actor1: r.get(6)?,
                actor1_key: r.get(7)?,
                actor2: r.get(8)?,
                actor2_key: r.get(9)?,
                location: r.get(10)?,
                location_key: r.get(11)?,
                trigger: r.get(12)?,
                sentence: r.get(13)?,
                start_char: r.get::<_, i64>(14)? as u64,
                end_char: r.get::<_, i64>(15)? as u64,
            })
        })?
        .collect::<Result<Vec<_>, _>>()
    })
    .map_err(err(path))
}

/// Calls `each` with the id, article JSON and group of every stored article, in stored order.
/// Articles stored before groups existed (schema 1) come as their own canonical article.
pub(crate) fn for_each_stored(
    conn: &Connection,
    path: &Path,
    mut each: impl FnMut(String, Vec<u8>, Group),
) -> Result<(), StoreError> {
    let e = err(path);
    let mut stmt = conn
        .prepare(
            "SELECT a.id, a.article, g.canonical_id, g.similarity, g.story, g.thread, g.story_similarity
             FROM articles a LEFT JOIN groups g ON g.article_id = a.id ORDER BY a.rowid",
        )
        .map_err(&e)?;
    let mut rows = stmt.query([]).map_err(&e)?;
    while let Some(row) = rows.next().map_err(&e)? {
        let id: String = row.get(0).map_err(&e)?;
        let canonical: Option<String> = row.get(2).map_err(&e)?;
        let group = Group {
            canonical_id: canonical.unwrap_or_else(|| id.clone()),
            similarity: row.get::<_, Option<f32>>(3).map_err(&e)?.unwrap_or(1.0),
            story: row.get(4).map_err(&e)?,
            thread: row.get(5).map_err(&e)?,
            story_similarity: row.get(6).map_err(&e)?,
        };
        each(id, row.get(1).map_err(&e)?, group);
    }
    Ok(())
}

/// A story as the store can tell it from its articles' rows.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StoryInfo {
    pub story: u32,
    pub thread: Option<u32>,
    /// The headline of the story's most central canonical article.
    pub title: Option<String>,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// Articles, copies included, and the canonical ones among them.
    pub articles: u64,
    pub canonical_articles: u64,
    pub outlets: Vec<String>,
    /// Articles by publication time, each with whether it is a copy.
    pub timeline: Vec<(ArticleRef, bool)>,
    /// Entity keys named in most of the story's articles, with their names and article counts.
    pub main_entities: Vec<(String, String, u64)>,
    /// Event types in the story's articles with their counts.
    pub events: Vec<(String, u64)>,
    /// The other stories of the thread, by first article: (story, title, first seen).
    pub thread_stories: Vec<(u32, Option<String>, Option<String>)>,
}

/// One suggestion of [`crate::Store::related`].
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RelatedArticle {
    pub article: ArticleRef,
    /// `same_story`, `same_thread` or `shared_entities`.
    pub reason: &'static str,
    /// Entity keys shared with the article, for `shared_entities`.
    pub shared: Vec<String>,
}

/// Most articles a story's timeline lists.
const TIMELINE_CAP: i64 = 500;

fn story_title(conn: &Connection, story: u32) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached(
        "SELECT a.headline FROM groups g JOIN articles a ON a.id = g.article_id
         WHERE g.story = ?1 AND g.canonical_id = g.article_id
         ORDER BY g.story_similarity DESC, a.published_utc, a.id LIMIT 1",
    )?
    .query_row([story], |r| r.get(0))
    .optional()
    .map(Option::flatten)
}

pub(crate) fn story(conn: &Connection, path: &Path, story: u32) -> Result<Option<StoryInfo>, StoreError> {
    let e = err(path);
    let counts: (i64, i64, Option<u32>, Option<String>, Option<String>) = conn
        .prepare_cached(
            "SELECT count(*), sum(g.canonical_id = g.article_id), max(g.thread),
                    min(a.published_utc), max(a.published_utc)
             FROM groups g JOIN articles a ON a.id = g.article_id WHERE g.story = ?1",
        )
        .and_then(|mut s| {
            s.query_row([story], |r| {
                Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0), r.get(2)?, r.get(3)?, r.get(4)?))
            })
        })
        .map_err(&e)?;
    if counts.0 == 0 {
        return Ok(None);
    }
    let strings = |sql: &str| -> rusqlite::Result<Vec<String>> {
        conn.prepare_cached(sql)?.query_map([story], |r| r.get(0))?.collect()
    };
    let outlets = strings(
        "SELECT DISTINCT a.outlet FROM groups g JOIN articles a ON a.id = g.article_id
         WHERE g.story = ?1 AND a.outlet IS NOT NULL ORDER BY a.outlet",
    )
    .map_err(&e)?;
    let timeline = conn
        .prepare_cached(&format!(
            "SELECT a.id, a.headline, a.outlet, a.published, g.canonical_id <> g.article_id
             FROM groups g JOIN articles a ON a.id = g.article_id
             WHERE g.story = ?1 ORDER BY a.published_utc, a.id LIMIT {TIMELINE_CAP}"
        ))
        .and_then(|mut s| {
            s.query_map([story], |r| Ok((article_ref(r, 0)?, r.get(4)?)))?.collect::<Result<Vec<_>, _>>()
        })
        .map_err(&e)?;
    let main_entities = conn
        .prepare_cached(
            "SELECT m.key, e.name, count(DISTINCT m.article_id) AS n FROM groups g
             JOIN mentions m ON m.article_id = g.article_id JOIN entities e ON e.key = m.key
             WHERE g.story = ?1 GROUP BY m.key ORDER BY n DESC, m.key LIMIT 10",
        )
        .and_then(|mut s| {
            s.query_map([story], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64)))?
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(&e)?;
    let events = conn
        .prepare_cached(
            "SELECT v.type, count(*) AS n FROM groups g JOIN events v ON v.article_id = g.article_id
             WHERE g.story = ?1 AND g.canonical_id = g.article_id GROUP BY v.type ORDER BY n DESC, v.type",
        )
        .and_then(|mut s| {
            s.query_map([story], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(&e)?;
    let mut thread_stories = Vec::new();
    if let Some(thread) = counts.2 {
        let others: Vec<(u32, Option<String>)> = conn
            .prepare_cached(
                "SELECT g.story, min(a.published_utc) AS first FROM groups g JOIN articles a ON a.id = g.article_id
                 WHERE g.thread = ?1 AND g.story <> ?2 GROUP BY g.story ORDER BY first, g.story LIMIT 50",
            )
            .and_then(|mut s| s.query_map(params![thread, story], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>, _>>())
            .map_err(&e)?;
        for (other, first) in others {
            thread_stories.push((other, story_title(conn, other).map_err(&e)?, first));
        }
    }
    Ok(Some(StoryInfo {
        story,
        thread: counts.2,
        title: story_title(conn, story).map_err(&e)?,
        first_seen: counts.3,
        last_seen: counts.4,
        articles: counts.0 as u64,
        canonical_articles: counts.1 as u64,
        outlets,
        timeline,
        main_entities,
        events,
        thread_stories,
    }))
}

/// Entities named in more articles than this are too common to say two articles are related.
const COMMON_ENTITY_ARTICLES: i64 = 2_000;

pub(crate) fn related(
    conn: &Connection,
    path: &Path,
    id: &str,
    k: usize,
) -> Result<Vec<RelatedArticle>, StoreError> {
    let e = err(path);
    let found: Option<(String, Option<u32>, Option<u32>)> = conn
        .prepare_cached("SELECT canonical_id, story, thread FROM groups WHERE article_id = ?1")
        .and_then(|mut s| s.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional())
        .map_err(&e)?;
    let Some((canonical, story, thread)) = found else { return Ok(Vec::new()) };
    let mut out: Vec<RelatedArticle> = Vec::new();
    let mut seen = std::collections::HashSet::from([canonical.clone(), id.to_string()]);
    let mut push =
        |a: ArticleRef, reason: &'static str, shared: Vec<String>, out: &mut Vec<RelatedArticle>| {
            if out.len() < k && seen.insert(a.id.clone()) {
                out.push(RelatedArticle { article: a, reason, shared });
            }
        };
    // One article per copy group: canonical articles only.
    if let Some(story) = story {
        let same = conn
            .prepare_cached(
                "SELECT a.id, a.headline, a.outlet, a.published FROM groups g JOIN articles a ON a.id = g.article_id
                 WHERE g.story = ?1 AND g.canonical_id = g.article_id
                 ORDER BY g.story_similarity DESC, a.published_utc, a.id LIMIT ?2",
            )
            .and_then(|mut s| s.query_map(params![story, k as i64 + 2], |r| article_ref(r, 0))?.collect::<Result<Vec<_>, _>>())
            .map_err(&e)?;
        for a in same {
            push(a, "same_story", Vec::new(), &mut out);
        }
    }
    if let (Some(thread), Some(story)) = (thread, story) {
        let stories: Vec<u32> = conn
            .prepare_cached("SELECT DISTINCT story FROM groups WHERE thread = ?1 AND story <> ?2 ORDER BY story DESC LIMIT ?3")
            .and_then(|mut s| s.query_map(params![thread, story, k as i64], |r| r.get(0))?.collect::<Result<Vec<_>, _>>())
            .map_err(&e)?;
        for other in stories {
            let central = conn
                .prepare_cached(
                    "SELECT a.id, a.headline, a.outlet, a.published FROM groups g JOIN articles a ON a.id = g.article_id
                     WHERE g.story = ?1 AND g.canonical_id = g.article_id
                     ORDER BY g.story_similarity DESC, a.published_utc, a.id LIMIT 1",
                )
                .and_then(|mut s| s.query_row([other], |r| article_ref(r, 0)).optional())
                .map_err(&e)?;
            if let Some(a) = central {
                push(a, "same_thread", Vec::new(), &mut out);
            }
        }
    }
    if out.len() < k {
        let sharing: Vec<(String, String)> = conn
            .prepare_cached(&format!(
                "SELECT m2.article_id, group_concat(DISTINCT m2.key) FROM mentions m1
                 JOIN entities en ON en.key = m1.key AND en.type IN ('PER', 'ORG') AND en.articles <= {COMMON_ENTITY_ARTICLES}
                 JOIN mentions m2 ON m2.key = m1.key AND m2.article_id <> m1.article_id
                 JOIN groups g ON g.article_id = m2.article_id AND g.canonical_id = g.article_id
                 WHERE m1.article_id = ?1
                 GROUP BY m2.article_id ORDER BY count(DISTINCT m2.key) DESC, m2.article_id LIMIT ?2"
            ))
            .and_then(|mut s| s.query_map(params![id, (k * 2) as i64], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>, _>>())
            .map_err(&e)?;
        for (other, keys) in sharing {
            if let Some(a) = article_ref_of(conn, path, &other)? {
                let mut shared: Vec<String> = keys.split(',').map(str::to_string).collect();
                shared.sort();
                push(a, "shared_entities", shared, &mut out);
            }
        }
    }
    Ok(out)
}

pub(crate) fn story_of_source(
    conn: &Connection,
    path: &Path,
    source_id: &str,
) -> Result<Option<u32>, StoreError> {
    conn.prepare_cached(
        "SELECT g.story FROM articles a JOIN groups g ON g.article_id = a.id WHERE a.source_id = ?1 LIMIT 1",
    )
    .and_then(|mut s| s.query_row([source_id], |r| r.get(0)).optional())
    .map(Option::flatten)
    .map_err(err(path))
}

/// One value of a facet: what to filter by, how to show it, and in how many of the counted results.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FacetValue {
    /// The filter value: an outlet, a month `YYYY-MM`, an entity key, an event type, a story number.
    pub value: String,
    /// A display name when the value is a key or a number: the entity's name, the story's title.
    pub label: Option<String>,
    pub count: u64,
}

/// The facets of a search, counted over its first results (see [`crate::Store::facets`]).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Facets {
    /// How many results the counts are over.
    pub counted: usize,
    pub outlet: Vec<FacetValue>,
    /// Months of publication, newest first.
    pub published_month: Vec<FacetValue>,
    /// Months the articles talk about (the `times` layer), newest first.
    pub event_month: Vec<FacetValue>,
    pub person: Vec<FacetValue>,
    pub place: Vec<FacetValue>,
    pub organisation: Vec<FacetValue>,
    pub event_type: Vec<FacetValue>,
    pub story: Vec<FacetValue>,
}

/// The facets of the articles `ids`, the `top` values of each by count (months: the `top` months
/// with most articles, then newest first). Each count is of articles, not of mentions.
pub(crate) fn facets(
    conn: &Connection,
    path: &Path,
    ids: &[String],
    top: usize,
) -> Result<Facets, StoreError> {
    let e = err(path);
    let ids_json = serde_json::Value::from(ids.to_vec()).to_string();
    // The ids come as one JSON array parameter; `hit` is scanned first and joined by index.
    let values = |sql: &str| -> rusqlite::Result<Vec<FacetValue>> {
        let sql = format!("WITH hit(id) AS (SELECT value FROM json_each(?1)) {sql}");
        conn.prepare_cached(&sql)?
            .query_map(params![ids_json, top as i64], |r| {
                Ok(FacetValue {
                    value: r.get::<_, rusqlite::types::Value>(0).map(|v| match v {
                        rusqlite::types::Value::Integer(n) => n.to_string(),
                        rusqlite::types::Value::Text(t) => t,
                        _ => String::new(),
                    })?,
                    label: r.get(1)?,
                    count: r.get::<_, i64>(2)? as u64,
                })
            })?
            .collect()
    };
    let mut facets = Facets {
        counted: ids.len(),
        outlet: values(
            "SELECT a.outlet, NULL, count(*) AS n FROM hit CROSS JOIN articles a ON a.id = hit.id
             WHERE a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY n DESC, a.outlet LIMIT ?2",
        )
        .map_err(&e)?,
        published_month: values(
            "SELECT m, NULL, n FROM (
               SELECT substr(a.published, 1, 7) AS m, count(*) AS n FROM hit CROSS JOIN articles a ON a.id = hit.id
               WHERE a.published IS NOT NULL GROUP BY m ORDER BY n DESC, m DESC LIMIT ?2)
             ORDER BY m DESC",
        )
        .map_err(&e)?,
        event_month: values(
            "SELECT m, NULL, n FROM (
               SELECT substr(d.date, 1, 7) AS m, count(DISTINCT d.article_id) AS n
               FROM hit CROSS JOIN article_dates d ON d.article_id = hit.id
               GROUP BY m ORDER BY n DESC, m DESC LIMIT ?2)
             ORDER BY m DESC",
        )
        .map_err(&e)?,
        event_type: values(
            "SELECT v.type, NULL, count(DISTINCT v.article_id) AS n FROM hit CROSS JOIN events v ON v.article_id = hit.id
             GROUP BY v.type ORDER BY n DESC, v.type LIMIT ?2",
        )
        .map_err(&e)?,
        story: values(
            "SELECT g.story, NULL, count(*) AS n FROM hit CROSS JOIN groups g ON g.article_id = hit.id
             WHERE g.story IS NOT NULL GROUP BY g.story ORDER BY n DESC, g.story LIMIT ?2",
        )
        .map_err(&e)?,
        ..Facets::default()
    };
    for story in &mut facets.story {
        if let Ok(number) = story.value.parse::<u32>() {
            story.label = story_title(conn, number).map_err(&e)?;
        }
    }
    // Entities of the three shown types in one pass, each (article, key) pair once: the entities
    // table is read per key, not per mention. The top of each type is kept.
    let mut stmt = conn
        .prepare_cached(
            "WITH hit(id) AS (SELECT value FROM json_each(?1)),
               pair AS (SELECT DISTINCT m.article_id, m.key FROM hit CROSS JOIN mentions m ON m.article_id = hit.id),
               counted AS (SELECT key, count(*) AS n FROM pair GROUP BY key)
             SELECT en.type, c.key, en.name, c.n FROM counted c JOIN entities en ON en.key = c.key
             WHERE en.type IN ('PER', 'LOC', 'ORG') ORDER BY c.n DESC, c.key",
        )
        .map_err(&e)?;
    let mut rows = stmt.query(params![ids_json]).map_err(&e)?;
    while let Some(row) = rows.next().map_err(&e)? {
        let entity_type: String = row.get(0).map_err(&e)?;
        let list = match entity_type.as_str() {
            "PER" => &mut facets.person,
            "LOC" => &mut facets.place,
            _ => &mut facets.organisation,
        };
        if list.len() < top {
            list.push(FacetValue {
                value: row.get(1).map_err(&e)?,
                label: Some(row.get(2).map_err(&e)?),
                count: row.get::<_, i64>(3).map_err(&e)? as u64,
            });
        }
    }
    Ok(facets)
}

/// Articles that report an event of `event_type` and belong to `story` (each when given), by id.
pub(crate) fn articles_with(
    conn: &Connection,
    path: &Path,
    event_type: Option<&str>,
    story: Option<u32>,
) -> Result<Vec<String>, StoreError> {
    conn.prepare_cached(
        "SELECT DISTINCT v.article_id FROM events v WHERE ?1 IS NOT NULL AND v.type = ?1
           AND (?2 IS NULL OR v.article_id IN (SELECT article_id FROM groups WHERE story = ?2))
         UNION
         SELECT g.article_id FROM groups g WHERE ?1 IS NULL AND g.story = ?2
         ORDER BY 1",
    )
    .and_then(|mut s| s.query_map(params![event_type, story], |r| r.get(0))?.collect::<Result<Vec<_>, _>>())
    .map_err(err(path))
}

/// Places of the events `f` selects (its `limit` and `offset` bound the places, not the events),
/// by number of events: (place key, its name, events).
pub(crate) fn event_places(
    conn: &Connection,
    path: &Path,
    f: &EventFilter,
) -> Result<Vec<(String, String, u64)>, StoreError> {
    // Counted first (on the `events_place` index when no other filter is given), named after.
    let (conditions, values) = event_conditions(f);
    let n = values.len();
    conn.prepare_cached(&format!(
        "SELECT c.key, coalesce(en.name, (SELECT place FROM events WHERE place_key = c.key LIMIT 1), c.key), c.n
         FROM (SELECT v.place_key AS key, count(*) AS n FROM events v
               WHERE v.place_key IS NOT NULL AND {conditions}
               GROUP BY v.place_key ORDER BY n DESC, key LIMIT ?{} OFFSET ?{n}) AS c
         LEFT JOIN entities en ON en.key = c.key ORDER BY c.n DESC, c.key",
        n - 1
    ))
    .and_then(|mut s| {
        s.query_map(rusqlite::params_from_iter(values), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
        })?
        .collect::<Result<Vec<_>, _>>()
    })
    .map_err(err(path))
}
