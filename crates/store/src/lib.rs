//! The embedded store: articles and their layers in SQLite, full text in tantivy, both under one folder.
//!
//! Entry point: [`Store`] (`open`, `put_batch`, `get`, `search`). Uses `marsad-article` for the model and
//! its JSON form, and `marsad-text` for the analyzers, which [`analyzers`] adapts to tantivy and registers
//! by name. Only this crate and `marsad-read` touch the disk.
//!
//! Layout of a store folder: `marsad.sqlite` (the record of truth: one row per article holding its
//! article JSON) and `index/` (tantivy, derived from those rows). Writes go to tantivy first and to
//! SQLite second, and the index never gets a second document with an id it holds: an ingest killed
//! between the two commits leaves articles that SQLite does not know yet, and the rerun stores them
//! in SQLite while the index keeps the copy it has. Search only returns ids that SQLite holds.

pub mod analyzers;
mod db;
mod index;
mod search;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use marsad_article::Article;

pub use search::{Hit, SearchOptions, SearchResults};

/// What can go wrong with a store. Each variant names the store folder or the article concerned.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot create the store folder: {source}")]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("{path}: SQLite database: {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("{path}: the store was written by a newer Marsad (schema {found}, this build knows {known})")]
    SchemaTooNew { path: PathBuf, found: i64, known: i64 },
    #[error("{path}: full-text index: {source}")]
    Index { path: PathBuf, source: tantivy::TantivyError },
    #[error("{path}: another marsad process is writing to this store")]
    Locked { path: PathBuf },
    #[error("article {id}: stored JSON cannot be read back: {reason}")]
    Corrupt { id: String, reason: String },
}

/// What [`Store::put_batch`] did with a batch.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PutOutcome {
    /// Articles written now.
    pub stored: usize,
    /// Articles whose id the store (or an earlier article of the same batch) already held.
    pub already_stored: usize,
}

pub struct Store {
    dir: PathBuf,
    db: Mutex<rusqlite::Connection>,
    index: index::FullText,
}

impl Store {
    /// Opens the store in `dir`, creating it when missing.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir)
            .map_err(|source| StoreError::CreateDir { path: dir.to_path_buf(), source })?;
        let db = db::open(&dir.join("marsad.sqlite"))?;
        let index = index::FullText::open(&dir.join("index"))?;
        Ok(Store { dir: dir.to_path_buf(), db: Mutex::new(db), index })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Number of articles stored.
    pub fn len(&self) -> Result<u64, StoreError> {
        db::count(&self.conn(), &self.db_path())
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }

    /// Whether an article with this id is stored.
    pub fn contains(&self, id: &str) -> Result<bool, StoreError> {
        db::contains(&self.conn(), &self.db_path(), id)
    }

    /// Stores the articles not stored yet, indexing them for search. Idempotent: an id already
    /// present is counted in `already_stored` and left as it is.
    pub fn put_batch(&self, articles: &[Article]) -> Result<PutOutcome, StoreError> {
        let mut conn = self.conn();
        let mut seen = std::collections::HashSet::new();
        let mut fresh = Vec::with_capacity(articles.len());
        for a in articles {
            if seen.insert(a.id.as_str()) && !db::contains(&conn, &self.db_path(), &a.id)? {
                fresh.push(a);
            }
        }
        let outcome = PutOutcome { stored: fresh.len(), already_stored: articles.len() - fresh.len() };
        if fresh.is_empty() {
            return Ok(outcome);
        }
        self.index.put(&fresh)?;
        db::insert(&mut conn, &self.db_path(), &fresh)?;
        Ok(outcome)
    }

    /// The stored article, with every stored layer.
    pub fn get(&self, id: &str) -> Result<Option<Article>, StoreError> {
        db::get(&self.conn(), &self.db_path(), id)
    }

    /// Full-text search over headlines and bodies with the `ar_search` analyzer.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults, StoreError> {
        let found = self.index.search(query, options)?;
        search::fetch_hits(&self.conn(), &self.db_path(), query, found)
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, rusqlite::Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (transactions roll back),
        // so a poisoned lock is safe to reuse.
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn db_path(&self) -> PathBuf {
        self.dir.join("marsad.sqlite")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_article::{layer, Meta, Span};

    fn article(headline: &str, body: &str) -> Article {
        let original = format!("{headline}\n\n{body}");
        let meta = Meta {
            origin: "test".into(),
            format: "jsonl".into(),
            outlet: Some("وكالة الاختبار".into()),
            headline: Some(0..headline.len()),
            ..Meta::default()
        };
        let mut a = Article::new(meta, original);
        a.add_layer(layer::HEADLINE, vec![Span::new(0..headline.len(), "HEADLINE")]).unwrap();
        a
    }

    #[test]
    fn stores_once_and_reads_back_every_layer() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let a = article("اجتماع في عمّان", "عقد الوزراء اجتماعا مطولا في عمّان.");
        let outcome = store.put_batch(&[a.clone(), a.clone()]).unwrap();
        assert_eq!(outcome, PutOutcome { stored: 1, already_stored: 1 });
        assert_eq!(
            store.put_batch(std::slice::from_ref(&a)).unwrap(),
            PutOutcome { stored: 0, already_stored: 1 }
        );
        assert_eq!(store.len().unwrap(), 1);
        let back = store.get(&a.id).unwrap().unwrap();
        assert_eq!(back.layers, a.layers);
        assert_eq!(back.clean, a.clean);
        assert_eq!(back.meta.outlet, a.meta.outlet);
        assert!(store.get("ffffffffffffffff").unwrap().is_none());
    }

    #[test]
    fn search_finds_clitic_forms_and_pages() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let batch: Vec<Article> = (0..15)
            .map(|i| article(&format!("جولة رقم {i}"), "واستؤنفت المحادثات بين الطرفين اليوم."))
            .chain([article("طقس", "أمطار متفرقة على الساحل.")])
            .collect();
        store.put_batch(&batch).unwrap();
        let page = store.search("محادثات", &SearchOptions { limit: 10, offset: 0 }).unwrap();
        assert_eq!(page.total, 15);
        assert_eq!(page.hits.len(), 10);
        let hit = &page.hits[0];
        let [s, e] = hit.highlights[0];
        let marked: String = hit.snippet.chars().skip(s).take(e - s).collect();
        assert_eq!(marked, "المحادثات");
        let rest = store.search("محادثات", &SearchOptions { limit: 10, offset: 10 }).unwrap();
        assert_eq!(rest.hits.len(), 5);
    }

    /// An ingest killed after the index commit but before the SQLite commit is repaired by the rerun,
    /// with one document per article in the index.
    #[test]
    fn rerun_after_a_cut_between_the_two_commits_leaves_one_copy() {
        let dir = tempfile::tempdir().unwrap();
        let a = article("قمة اقتصادية", "افتتحت القمة الاقتصادية أعمالها في الدوحة.");
        {
            let store = Store::open(dir.path()).unwrap();
            store.index.put(&[&a]).unwrap();
            // Killed here: SQLite never saw the article.
            assert!(store.search("القمة", &SearchOptions::default()).unwrap().hits.is_empty());
        }
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.put_batch(std::slice::from_ref(&a)).unwrap().stored, 1);
        let found = store.search("القمة", &SearchOptions::default()).unwrap();
        assert_eq!(found.total, 1);
        assert_eq!(found.hits[0].id, a.id);
    }
}
