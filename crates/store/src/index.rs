//! The tantivy side: schema, writing by id, and query parsing.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use marsad_article::Article;
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{QueryParser, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED, STRING,
};
use tantivy::{doc, DateTime, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::{SearchOptions, StoreError};

/// Bytes of memory the index writer may buffer before it flushes a segment.
const WRITER_MEMORY: usize = 128 * 1024 * 1024;

struct Fields {
    id: Field,
    headline: Field,
    body: Field,
    outlet: Field,
    published: Field,
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
        let index = Index::open_or_create(dir, schema).map_err(e)?;
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
    pub(crate) fn put(&self, articles: &[&Article]) -> Result<(), StoreError> {
        let e = self.err();
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            *guard = Some(self.index.writer(WRITER_MEMORY).map_err(&e)?);
        }
        let writer = guard.as_mut().expect("writer was just created");
        let f = &self.fields;
        let searcher = self.reader.searcher();
        for a in articles {
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
            writer.add_document(d).map_err(&e)?;
        }
        writer.commit().map_err(&e)?;
        self.reader.reload().map_err(&e)?;
        Ok(())
    }

    pub(crate) fn search(&self, query: &str, options: &SearchOptions) -> Result<Found, StoreError> {
        let e = self.err();
        let f = &self.fields;
        let mut parser = QueryParser::for_index(&self.index, vec![f.headline, f.body]);
        parser.set_field_boost(f.headline, 2.0);
        parser.set_conjunction_by_default();
        // Lenient: a stray quote or colon in an Arabic query is text, not a syntax error.
        let (query, _ignored) = parser.parse_query_lenient(query);
        let searcher = self.reader.searcher();
        let top = TopDocs::with_limit(options.limit.max(1)).and_offset(options.offset).order_by_score();
        let (top, total) = searcher.search(&query, &(top, Count)).map_err(&e)?;
        let mut ranked = Vec::with_capacity(top.len());
        for (score, address) in top {
            let d: TantivyDocument = searcher.doc(address).map_err(&e)?;
            if let Some(id) = d.get_first(f.id).and_then(|v| v.as_str()) {
                ranked.push((id.to_string(), score));
            }
        }
        // Equal scores come back in index order, which depends on how batches fell into segments;
        // the id decides instead, so two stores with the same articles answer alike.
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(Found { total, ranked })
    }
}
