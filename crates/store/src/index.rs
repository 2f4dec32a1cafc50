//! The tantivy side: schema, writing by id, and query parsing.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use std::ops::Bound;
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;

use tantivy::query::{
    AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED, STRING,
};
use tantivy::{
    doc, DateTime, DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term,
};

use crate::{Fresh, SearchOptions, Sort, StoreError};

/// Bytes of memory the index writer may buffer before it flushes a segment.
const WRITER_MEMORY: usize = 128 * 1024 * 1024;

struct Fields {
    id: Field,
    headline: Field,
    body: Field,
    outlet: Field,
    published: Field,
    /// `canonical` or `copy`: copies are left out of results unless asked for.
    group_role: Field,
    /// Every calendar day the `times` layer resolved (multi-valued).
    event_date: Field,
    /// Every corpus-wide entity key the article mentions (multi-valued).
    entity: Field,
}

pub(crate) struct FullText {
    path: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    writer: Mutex<Option<IndexWriter>>,
}

/// Ids and scores of the best matches, and how many matched in all.
pub(crate) struct Found {
    pub total: usize,
    pub ranked: Vec<(String, f32)>,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("ar_search")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        headline: b.add_text_field("headline", text.clone()),
        body: b.add_text_field("body", text),
        outlet: b.add_text_field("outlet", STRING | FAST),
        published: b.add_date_field("published", INDEXED | FAST),
        group_role: b.add_text_field("group_role", STRING),
        event_date: b.add_date_field("event_date", INDEXED),
        entity: b.add_text_field("entity", STRING),
    };
    (b.build(), fields)
}

impl FullText {
    pub(crate) fn open(path: &Path) -> Result<FullText, StoreError> {
        let e = |source| StoreError::Index { path: path.to_path_buf(), source };
        std::fs::create_dir_all(path)
            .map_err(|source| StoreError::CreateDir { path: path.to_path_buf(), source })?;
        let (schema, fields) = schema();
        let dir = MmapDirectory::open(path).map_err(|err| e(err.into()))?;
        let index = Index::open_or_create(dir, schema).map_err(|source| match source {
            tantivy::TantivyError::SchemaError(reason) => {
                StoreError::IndexSchema { path: path.to_path_buf(), reason }
            }
            source => e(source),
        })?;
        crate::analyzers::register_all(index.tokenizers());
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(e)?;
        Ok(FullText { path: path.to_path_buf(), index, reader, fields, writer: Mutex::new(None) })
    }

    fn err(&self) -> impl Fn(tantivy::TantivyError) -> StoreError + '_ {
        |source| match source {
            tantivy::TantivyError::LockFailure(..) => StoreError::Locked { path: self.path.clone() },
            source => StoreError::Index { path: self.path.clone(), source },
        }
    }

    /// Adds the articles the index does not hold yet, and commits. An article already there was
    /// written by an ingest cut before its SQLite commit; its text is the same (the id is the hash of
    /// the text), so it is left as it is rather than deleted and added again, which would leave a
    /// deleted copy in the term statistics and change scores until the next merge.
    pub(crate) fn put(&self, articles: &[Fresh]) -> Result<(), StoreError> {
        let e = self.err();
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            *guard = Some(self.index.writer(WRITER_MEMORY).map_err(&e)?);
        }
        let writer = guard.as_mut().expect("writer was just created");
        let f = &self.fields;
        let searcher = self.reader.searcher();
        for Fresh { article: a, group, derived } in articles {
            let id = Term::from_field_text(f.id, &a.id);
            let held = searcher.search(&TermQuery::new(id, IndexRecordOption::Basic), &Count).map_err(&e)?;
            if held > 0 {
                continue;
            }
            let mut d = doc!(
                f.id => a.id.as_str(),
                f.headline => a.headline().unwrap_or(""),
                f.body => a.body(),
            );
            if let Some(outlet) = &a.meta.outlet {
                d.add_text(f.outlet, outlet);
            }
            if let Some(p) = a.meta.published {
                d.add_date(f.published, DateTime::from_timestamp_secs(p.timestamp()));
            }
            d.add_text(f.group_role, if group.canonical_id == a.id { "canonical" } else { "copy" });
            for day in &derived.dates {
                if let Some(t) = day_timestamp(day) {
                    d.add_date(f.event_date, DateTime::from_timestamp_secs(t));
                }
            }
            for key in derived.entities().into_keys() {
                d.add_text(f.entity, key);
            }
            writer.add_document(d).map_err(&e)?;
        }
        writer.commit().map_err(&e)?;
        self.reader.reload().map_err(&e)?;
        Ok(())
    }

    /// The best matches of `query` under `options`; with `only`, among those ids alone (the filters
    /// SQLite answers, such as event type and story, arrive as such a set).
    pub(crate) fn search(
        &self,
        query: &str,
        options: &SearchOptions,
        only: Option<&[String]>,
    ) -> Result<Found, StoreError> {
        let e = self.err();
        let f = &self.fields;
        let mut parser = QueryParser::for_index(&self.index, vec![f.headline, f.body]);
        parser.set_field_boost(f.headline, 2.0);
        parser.set_conjunction_by_default();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !query.trim().is_empty() {
            // Lenient: a stray quote or colon in an Arabic query is text, not a syntax error.
            let (text, _ignored) = parser.parse_query_lenient(query);
            clauses.push((Occur::Must, text));
        }
        let term = |field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
        };
        let filters = &options.filters;
        if !filters.include_copies {
            clauses.push((Occur::Must, term(f.group_role, "canonical")));
        }
        if let Some(outlet) = &filters.outlet {
            clauses.push((Occur::Must, term(f.outlet, outlet)));
        }
        for key in filters.entity.iter().flat_map(|keys| keys.split(',')).filter(|k| !k.is_empty()) {
            clauses.push((Occur::Must, term(f.entity, key)));
        }
        if let Some(ids) = only {
            if ids.is_empty() {
                return Ok(Found { total: 0, ranked: Vec::new() });
            }
            let ids = ids.iter().map(|id| Term::from_field_text(f.id, id));
            clauses.push((Occur::Must, Box::new(TermSetQuery::new(ids))));
        }
        for (field, from, to) in [
            (f.published, &filters.published_from, &filters.published_to),
            (f.event_date, &filters.event_from, &filters.event_to),
        ] {
            if from.is_none() && to.is_none() {
                continue;
            }
            let at = |t: i64| Term::from_field_date(field, DateTime::from_timestamp_secs(t));
            // Days are inclusive at both ends: up to, not including, midnight after `to`.
            let lower =
                from.as_deref().and_then(day_timestamp).map_or(Bound::Unbounded, |t| Bound::Included(at(t)));
            let upper = to
                .as_deref()
                .and_then(day_timestamp)
                .map_or(Bound::Unbounded, |t| Bound::Excluded(at(t + 86_400)));
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        let query: Box<dyn Query> =
            if clauses.is_empty() { Box::new(AllQuery) } else { Box::new(BooleanQuery::new(clauses)) };
        let searcher = self.reader.searcher();
        let top = TopDocs::with_limit(options.limit.max(1)).and_offset(options.offset);
        let addresses: Vec<(f32, DocAddress)>;
        let total;
        match options.sort {
            Sort::Relevance => {
                // Equal scores come back in index order, which depends on how batches fell into
                // segments; the id decides instead, so two stores with the same articles answer
                // alike. Hits from the top, with a margin, are ranked by (score, id) and the page cut
                // from them, so ties across the page's edge are decided the same way too.
                let wanted = options.offset + options.limit.max(1);
                let margin = TopDocs::with_limit(wanted + TIE_MARGIN).order_by_score();
                let (top, count) = searcher.search(&query, &(margin, Count)).map_err(&e)?;
                (addresses, total) = (top, count);
            }
            Sort::Newest | Sort::Oldest => {
                let order = if options.sort == Sort::Newest { Order::Desc } else { Order::Asc };
                let by_date = top.order_by_fast_field::<DateTime>("published", order);
                let (top, count) = searcher.search(&query, &(by_date, Count)).map_err(&e)?;
                // Date order has no score; 0 keeps the hit shape the same.
                (addresses, total) = (top.into_iter().map(|(_, a)| (0.0, a)).collect(), count);
            }
        }
        let mut addresses = addresses;
        let mut skip = 0;
        if options.sort == Sort::Relevance {
            // Only the page and the hits tied with its first or last score need their ids.
            let (first, last) = (options.offset, options.offset + options.limit.max(1) - 1);
            let last = last.min(addresses.len().saturating_sub(1));
            if first < addresses.len() {
                let lo = addresses[..first].partition_point(|(s, _)| *s > addresses[first].0);
                let hi = last + 1 + addresses[last + 1..].partition_point(|(s, _)| *s >= addresses[last].0);
                skip = first - lo;
                addresses = addresses[lo..hi].to_vec();
            } else {
                addresses.clear();
            }
        }
        let mut ranked = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let d: TantivyDocument = searcher.doc(address).map_err(&e)?;
            if let Some(id) = d.get_first(f.id).and_then(|v| v.as_str()) {
                ranked.push((id.to_string(), score));
            }
        }
        if options.sort == Sort::Relevance {
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            ranked = ranked.into_iter().skip(skip).take(options.limit.max(1)).collect();
        }
        Ok(Found { total, ranked })
    }
}

/// Hits fetched beyond a relevance page so that equal scores at its edge are ordered by id: more
/// than this many articles tied at the edge could still fall differently.
const TIE_MARGIN: usize = 64;

/// Midnight UTC of a `YYYY-MM-DD` day, in seconds since the epoch.
fn day_timestamp(day: &str) -> Option<i64> {
    let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
}
