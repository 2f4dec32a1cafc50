//! Search results: ranked ids from tantivy turned into hits with headline, outlet, date and a snippet
//! whose matches are found by the same analyzer that indexed the text.

use std::collections::HashSet;
use std::path::Path;

use marsad_article::CharIndex;
use marsad_text::Analyzer;
use serde::Serialize;

use crate::db;
use crate::index::Found;
use crate::StoreError;

/// Characters of context shown before the first match in a snippet.
const SNIPPET_BEFORE: usize = 60;
/// Characters a snippet holds at most.
const SNIPPET_LEN: usize = 240;

#[derive(Debug, Clone)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    pub filters: SearchFilters,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { limit: 10, offset: 0, sort: Sort::Relevance, filters: SearchFilters::default() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

/// Restrictions on a search; the default restricts nothing but leaves copies out. Days are
/// `YYYY-MM-DD`, inclusive; a day that does not parse does not restrict.
#[derive(Debug, Clone, Default)]
pub struct SearchFilters {
    pub outlet: Option<String>,
    pub published_from: Option<String>,
    pub published_to: Option<String>,
    /// Days the text talks about (the `times` layer), not the day it was published.
    pub event_from: Option<String>,
    pub event_to: Option<String>,
    /// Corpus-wide entity keys the article must all mention, separated by commas (keys hold none).
    pub entity: Option<String>,
    /// A PLOVER event type (`CONSULT`, `ASSAULT`) the article must report.
    pub event_type: Option<String>,
    /// A story number the article must belong to.
    pub story: Option<u32>,
    /// Return syndicated copies as hits of their own rather than only their canonical article.
    pub include_copies: bool,
}

/// One page of results. Serialized as is by `marsad search --json` and the HTTP API.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Matching articles in all, not only on this page.
    pub total: usize,
    pub hits: Vec<Hit>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    pub headline: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    /// A passage of the cleaned text around the first match.
    pub snippet: String,
    /// `[start_char, end_char]` of each match inside `snippet`.
    pub highlights: Vec<[usize; 2]>,
    /// Stored near-copies of this article (by other outlets or the same one), not shown as hits.
    pub copies: u64,
}

/// The one field of the article JSON a hit needs.
#[derive(serde::Deserialize)]
struct CleanText {
    clean: String,
}

pub(crate) fn fetch_hits(
    conn: &rusqlite::Connection,
    path: &Path,
    query: &str,
    found: Found,
) -> Result<SearchResults, StoreError> {
    let analyzer = Analyzer::ar_search();
    let terms: HashSet<String> = analyzer.tokens(query).into_iter().map(|t| t.text).collect();
    let path = path.to_path_buf();
    let mut hits = Vec::with_capacity(found.ranked.len());
    for (id, score) in found.ranked {
        // An id the index holds but SQLite does not belongs to an ingest cut between its two
        // commits; the rerun stores it, and until then it is not shown.
        let Some(row) = db::hit_row(conn, &path, &id)? else { continue };
        // Only the cleaned text is read: the layers are skipped, not built into values.
        let clean = serde_json::from_str::<CleanText>(&row.json)
            .map(|c| c.clean)
            .map_err(|e| StoreError::Corrupt { id: id.clone(), reason: format!("no cleaned text: {e}") })?;
        // The headline is shown on its own; the snippet comes from the body when the body matches.
        let body_start = row.headline.as_deref().filter(|h| clean.starts_with(h)).map_or(0, str::len);
        let (mut snippet_text, mut highlights) = snippet(analyzer, clean[body_start..].trim_start(), &terms);
        if highlights.is_empty() && body_start > 0 {
            (snippet_text, highlights) = snippet(analyzer, &clean, &terms);
        }
        hits.push(Hit {
            score,
            headline: row.headline,
            outlet: row.outlet,
            published: row.published,
            url: row.url,
            snippet: snippet_text,
            highlights,
            copies: crate::query::copy_count(conn, &path, &id)?,
            id,
        });
    }
    Ok(SearchResults { total: found.total, hits })
}

/// A window of `text` around the first token whose indexed form is one of `terms`, with the char
/// ranges of every matching token inside it.
fn snippet(analyzer: &Analyzer, text: &str, terms: &HashSet<String>) -> (String, Vec<[usize; 2]>) {
    let matches: Vec<(usize, usize)> = analyzer
        .tokens(text)
        .into_iter()
        .filter(|t| terms.contains(&t.text))
        .map(|t| (t.start, t.end))
        .collect();
    let chars = CharIndex::new(text);
    let first = matches.first().map_or(0, |m| chars.char_of_byte(m.0).unwrap_or(0));
    let mut start = first.saturating_sub(SNIPPET_BEFORE);
    // Start the window at a word edge, so the snippet does not open on half a word.
    let start_byte = chars.byte_of_char(start).unwrap_or(0);
    if start > 0 {
        if let Some(space) = text[start_byte..].find(char::is_whitespace) {
            let skipped = text[start_byte..start_byte + space].chars().count() + 1;
            if start + skipped <= first {
                start += skipped;
            }
        }
    }
    let end = (start + SNIPPET_LEN).min(chars.char_len());
    let (sb, eb) = (chars.byte_of_char(start).unwrap_or(0), chars.byte_of_char(end).unwrap_or(text.len()));
    let highlights = matches
        .iter()
        .filter(|(s, e)| *s >= sb && *e <= eb)
        .filter_map(|(s, e)| Some([chars.char_of_byte(*s)? - start, chars.char_of_byte(*e)? - start]))
        .collect();
    (text[sb..eb].to_string(), highlights)
}
