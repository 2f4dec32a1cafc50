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
mod derived;
mod index;
mod query;
mod search;

use derived::Derived;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use marsad_article::{json, Article};

pub use query::{
    ArticleRef, CopyGroup, EntityInfo, EventFilter, EventInfo, FacetValue, Facets, QuoteFilter, QuoteInfo,
    RelatedArticle, StoryInfo,
};
pub use search::{Hit, SearchFilters, SearchOptions, SearchResults, Sort};

/// What can go wrong with a store. Each variant names the store folder or the article concerned.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot create the store folder: {source}")]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("{path}: SQLite database: {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("{path}: the store was written by a newer Marsad (schema {found}, this build knows {known})")]
    SchemaTooNew { path: PathBuf, found: i64, known: i64 },
    #[error("{path}: the full-text index was built by another version of Marsad ({reason}); delete the store folder and ingest again")]
    IndexSchema { path: PathBuf, reason: String },
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

/// An article about to be stored, with what both halves of the store read from its layers.
pub(crate) struct Fresh<'a> {
    pub article: &'a Article,
    pub group: &'a Group,
    pub derived: Derived,
}

/// The copy group an article belongs to, as the group stage decided before storing.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The article itself when it is canonical, else the canonical article it copies.
    pub canonical_id: String,
    /// Jaccard similarity to the canonical article (1 for the canonical article itself).
    pub similarity: f32,
    /// The story and thread numbers the group stage gave the article, when it ran.
    pub story: Option<u32>,
    pub thread: Option<u32>,
    /// How close the article was to its story when it joined (0 for the first article of a story,
    /// 1 for a copy); the story's title is the headline of its closest canonical article.
    pub story_similarity: Option<f32>,
}

impl Group {
    /// An article that copies no other, in no story yet.
    pub fn canonical(id: &str) -> Group {
        Group {
            canonical_id: id.to_string(),
            similarity: 1.0,
            story: None,
            thread: None,
            story_similarity: None,
        }
    }

    /// A near-copy of `canonical_id`, in no story yet.
    pub fn copy_of(canonical_id: &str, similarity: f32) -> Group {
        Group {
            canonical_id: canonical_id.to_string(),
            similarity,
            story: None,
            thread: None,
            story_similarity: None,
        }
    }
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

    /// Stores the articles not stored yet, each its own canonical article. See [`Store::put_grouped`].
    pub fn put_batch(&self, articles: &[Article]) -> Result<PutOutcome, StoreError> {
        let groups: Vec<Group> = articles.iter().map(|a| Group::canonical(&a.id)).collect();
        self.put_grouped(articles, &groups)
    }

    /// Stores the articles not stored yet, with their copy groups (`groups[i]` is `articles[i]`'s),
    /// indexing them for search and writing the rows derived from their layers. Idempotent: an id
    /// already present is counted in `already_stored` and left as it is.
    pub fn put_grouped(&self, articles: &[Article], groups: &[Group]) -> Result<PutOutcome, StoreError> {
        assert_eq!(articles.len(), groups.len(), "one group per article");
        let mut conn = self.conn();
        let mut seen = std::collections::HashSet::new();
        let mut fresh = Vec::with_capacity(articles.len());
        for (article, group) in articles.iter().zip(groups) {
            if seen.insert(article.id.as_str()) && !db::contains(&conn, &self.db_path(), &article.id)? {
                fresh.push(Fresh { article, group, derived: Derived::of(article) });
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
        let only = self.only_ids(&options.filters)?;
        let found = self.index.search(query, options, only.as_deref())?;
        search::fetch_hits(&self.conn(), &self.db_path(), query, found)
    }

    /// Facets of a search: over its first `options.limit` results (in `options.sort` order), the
    /// `top` most frequent outlets, months of publication, months talked about, people, places,
    /// organisations, event types and stories, each with the number of those results it is in.
    pub fn facets(&self, query: &str, options: &SearchOptions, top: usize) -> Result<Facets, StoreError> {
        let only = self.only_ids(&options.filters)?;
        let sample = SearchOptions { offset: 0, ..options.clone() };
        let found = self.index.search(query, &sample, only.as_deref())?;
        let ids: Vec<String> = found.ranked.into_iter().map(|(id, _)| id).collect();
        query::facets(&self.conn(), &self.db_path(), &ids, top)
    }

    /// The ids the filters that SQLite answers (event type, story) allow, or `None` when neither is set.
    fn only_ids(&self, filters: &SearchFilters) -> Result<Option<Vec<String>>, StoreError> {
        if filters.event_type.is_none() && filters.story.is_none() {
            return Ok(None);
        }
        query::articles_with(&self.conn(), &self.db_path(), filters.event_type.as_deref(), filters.story)
            .map(Some)
    }

    /// The copy group of a stored article: its canonical article and the other members.
    pub fn copy_group(&self, id: &str) -> Result<Option<CopyGroup>, StoreError> {
        query::copy_group(&self.conn(), &self.db_path(), id)
    }

    /// An entity by its corpus-wide key, with its spellings.
    pub fn entity(&self, key: &str) -> Result<Option<EntityInfo>, StoreError> {
        query::entity(&self.conn(), &self.db_path(), key)
    }

    /// Entities by number of articles, optionally of one type (`PER`, `LOC`, `ORG`, `MISC`) and with
    /// a spelling containing `name`.
    pub fn entities(
        &self,
        name: Option<&str>,
        entity_type: Option<&str>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<EntityInfo>, StoreError> {
        query::entities(&self.conn(), &self.db_path(), name, entity_type, limit, offset)
    }

    /// Articles mentioning an entity, newest first.
    pub fn entity_articles(
        &self,
        key: &str,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<ArticleRef>, StoreError> {
        query::entity_articles(&self.conn(), &self.db_path(), key, limit, offset)
    }

    /// Entities mentioned in the same articles as `key`, with the number of shared articles.
    pub fn cooccurring(&self, key: &str, limit: usize) -> Result<Vec<(String, u64)>, StoreError> {
        query::cooccurring(&self.conn(), &self.db_path(), key, limit)
    }

    /// Quotes, newest first.
    pub fn quotes(&self, filter: &QuoteFilter) -> Result<Vec<QuoteInfo>, StoreError> {
        query::quotes(&self.conn(), &self.db_path(), filter)
    }

    /// Events, latest event date first.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventInfo>, StoreError> {
        query::events(&self.conn(), &self.db_path(), filter)
    }

    /// The places of the events `filter` selects, most events first: (place key, name, events).
    /// `filter.limit` and `offset` count places.
    pub fn event_places(&self, filter: &EventFilter) -> Result<Vec<(String, String, u64)>, StoreError> {
        query::event_places(&self.conn(), &self.db_path(), filter)
    }

    /// The story number of the article with this source id (a TREC `DOCNO`, a JSON Lines `id`).
    pub fn story_of_source(&self, source_id: &str) -> Result<Option<u32>, StoreError> {
        query::story_of_source(&self.conn(), &self.db_path(), source_id)
    }

    /// A story: title, outlets, first and last seen, timeline, main entities, events, its thread.
    pub fn story(&self, story: u32) -> Result<Option<StoryInfo>, StoreError> {
        query::story(&self.conn(), &self.db_path(), story)
    }

    /// Up to `k` articles to read after `id`: its story's, then its thread's, then those sharing the
    /// most of its people and organisations; never itself or a copy of the same text.
    pub fn related(&self, id: &str, k: usize) -> Result<Vec<RelatedArticle>, StoreError> {
        query::related(&self.conn(), &self.db_path(), id, k)
    }

    /// Calls `each` with every stored article and its group, in the order they were stored, so the
    /// group stage can rebuild its indexes and decide new articles as an uninterrupted run would.
    pub fn for_each_stored(
        &self,
        mut each: impl FnMut(Result<(Article, Group), StoreError>),
    ) -> Result<(), StoreError> {
        query::for_each_stored(&self.conn(), &self.db_path(), |id, blob, group| {
            each(db::decompress(&id, &blob).and_then(|text| {
                json::from_json(&text)
                    .map(|a| (a, group))
                    .map_err(|e| StoreError::Corrupt { id, reason: e.to_string() })
            }))
        })
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
        let page = store
            .search("محادثات", &SearchOptions { limit: 10, offset: 0, ..SearchOptions::default() })
            .unwrap();
        assert_eq!(page.total, 15);
        assert_eq!(page.hits.len(), 10);
        let hit = &page.hits[0];
        let [s, e] = hit.highlights[0];
        let marked: String = hit.snippet.chars().skip(s).take(e - s).collect();
        assert_eq!(marked, "المحادثات");
        let rest = store
            .search("محادثات", &SearchOptions { limit: 10, offset: 10, ..SearchOptions::default() })
            .unwrap();
        assert_eq!(rest.hits.len(), 5);
    }

    /// Hits of equal score are ordered by id on every page, whatever order and batches the articles
    /// came in: a rerun after an interruption must answer like an uninterrupted run.
    #[test]
    fn equal_scores_page_the_same_whatever_the_order_of_arrival() {
        let batch: Vec<Article> = (0..15)
            .map(|i| article(&format!("جولة رقم {}", 10 + i), "واستؤنفت المحادثات بين الطرفين اليوم."))
            .collect();
        let pages = |articles: Vec<&Article>, batch_size: usize| -> Vec<String> {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(dir.path()).unwrap();
            for chunk in articles.chunks(batch_size) {
                store.put_batch(&chunk.iter().map(|a| (*a).clone()).collect::<Vec<_>>()).unwrap();
            }
            (0..4)
                .flat_map(|page| {
                    let options = SearchOptions { limit: 4, offset: 4 * page, ..SearchOptions::default() };
                    store.search("محادثات", &options).unwrap().hits.into_iter().map(|h| h.id)
                })
                .collect()
        };
        let forward = pages(batch.iter().collect(), 1);
        let backward = pages(batch.iter().rev().collect(), 4);
        let mut by_id: Vec<String> = batch.iter().map(|a| a.id.clone()).collect();
        by_id.sort();
        assert_eq!(forward, by_id);
        assert_eq!(backward, by_id);
    }

    /// An ingest killed after the index commit but before the SQLite commit is repaired by the rerun,
    /// with one document per article in the index.
    #[test]
    fn rerun_after_a_cut_between_the_two_commits_leaves_one_copy() {
        let dir = tempfile::tempdir().unwrap();
        let a = article("قمة اقتصادية", "افتتحت القمة الاقتصادية أعمالها في الدوحة.");
        {
            let store = Store::open(dir.path()).unwrap();
            let group = Group::canonical(&a.id);
            store.index.put(&[Fresh { article: &a, group: &group, derived: Derived::of(&a) }]).unwrap();
            // Killed here: SQLite never saw the article.
            assert!(store.search("القمة", &SearchOptions::default()).unwrap().hits.is_empty());
        }
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.put_batch(std::slice::from_ref(&a)).unwrap().stored, 1);
        let found = store.search("القمة", &SearchOptions::default()).unwrap();
        assert_eq!(found.total, 1);
        assert_eq!(found.hits[0].id, a.id);
    }

    /// An annotated article: a headline, a body, and the layers the extraction stage would add.
    fn annotated(headline: &str, body: &str, published: &str, day: &str, person: (&str, &str)) -> Article {
        let mut a = article(headline, body);
        a.meta.published = chrono::DateTime::parse_from_rfc3339(published).ok();
        let at = |needle: &str| {
            let s = a.clean.find(needle).expect("needle in text");
            s..s + needle.len()
        };
        let (name, key) = person;
        let (who, when) = (at(name), at("أمس"));
        a.add_layer(
            layer::ENTITIES,
            vec![Span::new(who.clone(), "PER").with_attr("key", key).with_attr("canonical", name)],
        )
        .unwrap();
        a.add_layer(layer::TIMES, vec![Span::new(when.clone(), "DATE").with_attr("value", day)]).unwrap();
        a.add_layer(
            layer::QUOTES,
            vec![Span::new(when, "INDIRECT").with_attr("speaker", name).with_attr("speaker_key", key)],
        )
        .unwrap();
        a.add_layer(
            layer::EVENTS,
            vec![Span::new(who, "CONSULT").with_attr("source_key", key).with_attr("date", day)],
        )
        .unwrap();
        a
    }

    #[test]
    fn facets_count_the_first_results_and_filter_by_event_type_and_story() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let (lavrov, kerry) = ("PER:سيرجي_لافروف", "PER:جون_كيري");
        let articles = [
            (
                "لافروف في جنيف",
                "وصل لافروف إلى جنيف أمس.",
                "2016-09-01T10:00:00+03:00",
                "2016-08-31",
                ("لافروف", lavrov),
            ),
            (
                "لافروف يلتقي نظيره",
                "التقى لافروف نظيره أمس.",
                "2016-10-02T10:00:00+03:00",
                "2016-10-01",
                ("لافروف", lavrov),
            ),
            (
                "كيري في واشنطن",
                "عاد كيري إلى واشنطن أمس.",
                "2016-09-05T09:00:00+03:00",
                "2016-09-04",
                ("كيري", kerry),
            ),
        ]
        .map(|(h, b, p, d, who)| annotated(h, b, p, d, who));
        let in_story = |a: &Article, story| Group { story: Some(story), ..Group::canonical(&a.id) };
        let groups = [in_story(&articles[0], 7), in_story(&articles[1], 7), in_story(&articles[2], 8)];
        store.put_grouped(&articles, &groups).unwrap();

        let all = SearchOptions { limit: 100, ..SearchOptions::default() };
        let f = store.facets("", &all, 10).unwrap();
        let pairs = |values: &[FacetValue]| -> Vec<(String, u64)> {
            values.iter().map(|v| (v.value.clone(), v.count)).collect()
        };
        let expect = |list: &[(&str, u64)]| -> Vec<(String, u64)> {
            list.iter().map(|(v, n)| (v.to_string(), *n)).collect()
        };
        assert_eq!(f.counted, 3);
        assert_eq!(pairs(&f.person), expect(&[(lavrov, 2), (kerry, 1)]));
        assert_eq!(f.person[0].label.as_deref(), Some("لافروف"));
        assert_eq!(pairs(&f.outlet), expect(&[("وكالة الاختبار", 3)]));
        assert_eq!(pairs(&f.published_month), expect(&[("2016-10", 1), ("2016-09", 2)]));
        assert_eq!(pairs(&f.event_month), expect(&[("2016-10", 1), ("2016-09", 1), ("2016-08", 1)]));
        assert_eq!(pairs(&f.event_type), expect(&[("CONSULT", 3)]));
        assert_eq!(pairs(&f.story), expect(&[("7", 2), ("8", 1)]));
        assert!(f.story[0].label.as_deref().is_some_and(|t| t.starts_with("لافروف")));
        // Counts are bounded by `top` and by the results counted.
        assert_eq!(store.facets("", &all, 1).unwrap().person.len(), 1);
        let first = SearchOptions { limit: 1, sort: Sort::Oldest, ..SearchOptions::default() };
        assert_eq!(pairs(&store.facets("", &first, 10).unwrap().person), expect(&[(lavrov, 1)]));

        let ids = |filters: SearchFilters| -> Vec<String> {
            let o = SearchOptions { filters, sort: Sort::Oldest, ..SearchOptions::default() };
            store.search("", &o).unwrap().hits.into_iter().map(|h| h.id).collect()
        };
        let story = |n| SearchFilters { story: Some(n), ..SearchFilters::default() };
        assert_eq!(ids(story(8)), [articles[2].id.clone()]);
        let consult_in_7 = SearchFilters { event_type: Some("CONSULT".into()), ..story(7) };
        assert_eq!(ids(consult_in_7), [articles[0].id.clone(), articles[1].id.clone()]);
        let assault = SearchFilters { event_type: Some("ASSAULT".into()), ..SearchFilters::default() };
        assert!(ids(assault).is_empty());
        let both = SearchFilters { entity: Some(format!("{lavrov},{kerry}")), ..SearchFilters::default() };
        assert!(ids(both).is_empty());
    }

    #[test]
    fn event_places_count_events_by_place() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut a = article("قصف في دمشق", "قصفت الطائرات دمشق وحلب ثم دمشق مرة أخرى.");
        let event = |word: &str, nth: usize, kind: &str| {
            let start = a.clean.match_indices(word).nth(nth).unwrap().0;
            Span::new(start..start + word.len(), kind)
                .with_attr("place", word)
                .with_attr("place_key", format!("LOC:{word}"))
                .with_attr("date", "2016-09-01")
        };
        let events =
            vec![event("دمشق", 1, "ASSAULT"), event("حلب", 0, "ASSAULT"), event("دمشق", 2, "COERCE")];
        a.add_layer(layer::EVENTS, events).unwrap();
        store.put_batch(std::slice::from_ref(&a)).unwrap();
        let places = |event_type: Option<&str>, limit| {
            let f =
                EventFilter { event_type: event_type.map(str::to_string), limit, ..EventFilter::default() };
            store.event_places(&f).unwrap()
        };
        let row = |key: &str, name: &str, n| (key.to_string(), name.to_string(), n);
        assert_eq!(places(None, 10), [row("LOC:دمشق", "دمشق", 2), row("LOC:حلب", "حلب", 1)]);
        assert_eq!(places(Some("ASSAULT"), 10), [row("LOC:حلب", "حلب", 1), row("LOC:دمشق", "دمشق", 1)]);
        assert_eq!(places(None, 1).len(), 1);
    }

    #[test]
    fn copies_entities_quotes_events_and_filters() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let key = "PER:سيرجي_لافروف";
        let wire = annotated(
            "لافروف في جنيف",
            "وصل لافروف إلى جنيف أمس لبحث الهدنة.",
            "2016-09-01T10:00:00+03:00",
            "2016-08-31",
            ("لافروف", key),
        );
        let mut copy = annotated(
            "لافروف يصل جنيف",
            "وصل لافروف إلى جنيف أمس لبحث الهدنة في سوريا.",
            "2016-09-01T12:00:00+03:00",
            "2016-08-31",
            ("لافروف", key),
        );
        copy.meta.outlet = Some("صحيفة الغد".into());
        let later = annotated(
            "كيري في واشنطن",
            "عاد كيري إلى واشنطن أمس بعد محادثات الهدنة.",
            "2016-09-05T09:00:00+03:00",
            "2016-09-04",
            ("كيري", "PER:جون_كيري"),
        );
        let groups = [Group::canonical(&wire.id), Group::copy_of(&wire.id, 0.8), Group::canonical(&later.id)];
        store.put_grouped(&[wire.clone(), copy.clone(), later.clone()], &groups).unwrap();

        // Copies are folded into their canonical article unless asked for.
        let found = store.search("الهدنة", &SearchOptions::default()).unwrap();
        assert_eq!(found.hits.iter().map(|h| (h.id.as_str(), h.copies)).collect::<Vec<_>>().len(), 2);
        assert_eq!(found.hits.iter().find(|h| h.id == wire.id).unwrap().copies, 1);
        let mut all = SearchOptions::default();
        all.filters.include_copies = true;
        assert_eq!(store.search("الهدنة", &all).unwrap().total, 3);
        let group = store.copy_group(&copy.id).unwrap().unwrap();
        assert_eq!(group.canonical_id, wire.id);
        assert_eq!(group.members[0].0.id, wire.id);

        // Filters by event day, publication day, entity; sorting by date; no text at all.
        let by = |f: SearchFilters, sort: Sort| -> Vec<String> {
            let o = SearchOptions { filters: f, sort, ..SearchOptions::default() };
            store.search("", &o).unwrap().hits.into_iter().map(|h| h.id).collect()
        };
        let event_day = SearchFilters {
            event_from: Some("2016-08-31".into()),
            event_to: Some("2016-08-31".into()),
            ..SearchFilters::default()
        };
        assert_eq!(by(event_day, Sort::Relevance), std::slice::from_ref(&wire.id));
        let published =
            SearchFilters { published_from: Some("2016-09-02".into()), ..SearchFilters::default() };
        assert_eq!(by(published, Sort::Relevance), std::slice::from_ref(&later.id));
        let entity = SearchFilters { entity: Some(key.into()), ..SearchFilters::default() };
        assert_eq!(by(entity, Sort::Relevance), std::slice::from_ref(&wire.id));
        assert_eq!(by(SearchFilters::default(), Sort::Newest), [later.id.clone(), wire.id.clone()]);
        assert_eq!(by(SearchFilters::default(), Sort::Oldest), [wire.id.clone(), later.id.clone()]);

        // Entities, quotes and events by key.
        let lavrov = store.entity(key).unwrap().unwrap();
        assert_eq!((lavrov.articles, lavrov.mentions, lavrov.name.as_str()), (2, 2, "لافروف"));
        assert_eq!(store.entities(None, Some("PER"), 10, 0).unwrap()[0].key, key);
        assert_eq!(store.entities(Some("كيري"), None, 10, 0).unwrap().len(), 1);
        assert_eq!(store.entity_articles(key, 10, 0).unwrap().len(), 2);
        let quotes =
            store.quotes(&QuoteFilter { speaker: Some(key.into()), limit: 10, ..QuoteFilter::default() });
        assert_eq!(quotes.unwrap().len(), 2);
        let events = |from: &str, to: &str| {
            let f = EventFilter {
                from: Some(from.into()),
                to: Some(to.into()),
                limit: 10,
                ..EventFilter::default()
            };
            store.events(&f).unwrap().len()
        };
        assert_eq!(events("2016-08-31", "2016-08-31"), 2);
        assert_eq!(events("2016-09-01", "2016-09-30"), 1);
        let consult = EventFilter {
            event_type: Some("CONSULT".into()),
            actor: Some(key.into()),
            limit: 10,
            ..EventFilter::default()
        };
        assert_eq!(store.events(&consult).unwrap()[0].actor1_key.as_deref(), Some(key));

        // The group stage sees canonical articles only, in the order they were stored.
        let mut stored = Vec::new();
        store.for_each_stored(|r| stored.push(r.map(|(a, g)| (a.id, g.canonical_id)).unwrap())).unwrap();
        let expected = [(&wire.id, &wire.id), (&copy.id, &wire.id), (&later.id, &later.id)];
        assert_eq!(stored, expected.map(|(a, b)| (a.clone(), b.clone())));
    }
}
