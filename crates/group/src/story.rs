//! Stories and threads: articles about the same development, across outlets and paraphrases, form
//! a story; stories that follow one another over days (a truce, then the evacuation it allowed,
//! then the next round of talks) form a thread.
//!
//! Entry point: [`StoryIndex::add`], one article at a time, with the copy verdict of
//! [`crate::DupIndex`] when there is one. Then [`StoryIndex::story`], [`StoryIndex::timeline`],
//! [`StoryIndex::related`]. Uses [`crate::ArticleFeatures`] and [`crate::hash`]; no I/O.
//!
//! How an article finds its story, in the manner of Europe Media Monitor's clustering:
//! 1. Its features (terms, entity keys, dateline places, event types) become one sparse vector of
//!    TF-IDF weights (document frequencies counted by the index as articles arrive), cut to the
//!    heaviest [`StoryConfig::article_features`] and normalised.
//! 2. Candidates are the stories posted under its key features (the heaviest terms, which TF-IDF
//!    makes the rare ones, and its entities) on the days around it, whose time span is within
//!    [`StoryConfig::window_secs`] of the article. Postings are kept by day so that an article
//!    finds the stories of its own days in whatever order the corpus arrives.
//! 3. It joins the most similar candidate, if that reaches [`StoryConfig::min_similarity`]: the
//!    similarity to a story is the larger of the cosine with its centroid and with the nearest of
//!    its recent articles (a paraphrase is often closer to one article than to the average), as
//!    long as the cosine with the centroid stays above [`StoryConfig::min_centroid_similarity`];
//!    otherwise it starts a story, which joins the thread of the
//!    most similar story seen in the [`StoryConfig::thread_window_secs`] before it, if that
//!    reaches [`StoryConfig::thread_similarity`], or else starts a thread.
//!
//! A copy (per `DupIndex`) goes straight to its canonical article's story and changes no
//! centroid, frequency or posting, so 10,000 copies of one text cost 10,000 small records; a copy
//! published outside the story's window (a republication months later) is clustered like any
//! other article.
//!
//! **Stable ids:** story and thread numbers are given in order of creation and never change:
//! stories are not merged or split afterwards, so an id handed out stays valid as the corpus
//! grows. The same articles in the same order give the same ids.
//!
//! **Bounds:** a posting list (one per key feature and day) holds at most
//! [`StoryConfig::posting_cap`] stories; an article confirms at most [`StoryConfig::max_candidates`]; a centroid keeps
//! [`StoryConfig::centroid_features`] weights; a story stops taking articles
//! [`StoryConfig::max_story_secs`] after its first one (a long-running subject becomes a thread of
//! stories, not one story that swallows months). Stories out of every window are retired every
//! [`StoryConfig::prune_every`] articles: their postings and centroids are dropped and only
//! their members and main entities stay. Articles without a time take the latest time seen.
//! With [`StoryConfig::forget_retired`], retired stories are dropped whole, oldest first, with
//! their articles, so memory is bounded by the stories within the window, not by the input.

use std::collections::{BTreeMap, VecDeque};

use rustc_hash::FxHashMap;

use crate::features::ArticleFeatures;
use crate::hash::{combine, hash_word};

/// The tuning of a [`StoryIndex`].
#[derive(Debug, Clone, PartialEq)]
pub struct StoryConfig {
    /// An article joins a story only when its time is within this many seconds of the story's
    /// first or last article.
    pub window_secs: i64,
    /// A story takes no article published more than this long after its first one.
    pub max_story_secs: i64,
    /// A new story joins the thread of a story last seen up to this long before it.
    pub thread_window_secs: i64,
    /// The smallest similarity between an article and a story to join it: the larger of its
    /// cosine with the story's centroid and with the nearest of the story's recent articles.
    pub min_similarity: f32,
    /// The smallest cosine with the centroid itself, so that a story does not grow by a chain of
    /// nearest neighbours away from what it is about.
    pub min_centroid_similarity: f32,
    /// Vectors of a story's most recent articles kept for the nearest-article similarity.
    pub recent_articles: usize,
    /// The similarity to a story is divided by `1 + time_decay × days` between the article and
    /// the story's nearest end: developments a few days apart look alike in words, news of the
    /// same day about the same thing are usually one story.
    pub time_decay: f32,
    /// The smallest cosine similarity between a new story's first article and an earlier story's
    /// centroid to share its thread (not decayed by time).
    pub thread_similarity: f32,
    /// Weights kept in an article's vector.
    pub article_features: usize,
    /// The heaviest features of an article used to find and post candidates (entities come on
    /// top, up to `key_entities`).
    pub key_features: usize,
    pub key_entities: usize,
    /// Weights kept in a story's centroid.
    pub centroid_features: usize,
    /// Stories kept per posting list.
    pub posting_cap: usize,
    /// Candidate stories compared per article, most shared key features first.
    pub max_candidates: usize,
    /// Weight of an entity key against a term of the same frequencies.
    pub entity_weight: f32,
    /// Weight of a dateline place.
    pub place_weight: f32,
    /// Weight of an event type.
    pub event_weight: f32,
    /// Articles between two retirements of stale stories.
    pub prune_every: usize,
    /// A story is retired once the latest article seen is this much later than its last article
    /// (at least the thread window). The default suits articles that arrive roughly in time order,
    /// as from feeds; an archive read outlet by outlet jumps back in time at each outlet and needs
    /// a lag as long as the span it covers, or its earlier stories are retired before the other
    /// outlets' articles about them arrive.
    /// (Posting lists are kept by day, so apart from retirement the order of arrival changes
    /// only which article starts a story: on ANT multi-source read outlet by outlet with no
    /// story retired, pairwise F1 0.833 against 0.838 in publication order.)
    pub retire_after_secs: i64,
    /// Drop retired stories and their articles from memory (the oldest first: a story is dropped
    /// once it and every story created before it are retired). Their ids are then unknown to
    /// [`StoryIndex::assignment`], [`StoryIndex::story`] and the rest, and an article copying one
    /// of them is clustered like any other. For a caller that keeps the assignments itself (the
    /// ingest stores them).
    pub forget_retired: bool,
}

const DAY: i64 = 24 * 60 * 60;

impl Default for StoryConfig {
    /// The tuning measured on ANT multi-source (see the crate doc).
    fn default() -> StoryConfig {
        StoryConfig {
            window_secs: 2 * DAY,
            max_story_secs: 4 * DAY,
            thread_window_secs: 7 * DAY,
            min_similarity: 0.15,
            min_centroid_similarity: 0.15,
            recent_articles: 16,
            time_decay: 0.3,
            thread_similarity: 0.2,
            article_features: 64,
            key_features: 8,
            key_entities: 4,
            centroid_features: 96,
            posting_cap: 48,
            max_candidates: 24,
            entity_weight: 0.5,
            place_weight: 0.5,
            event_weight: 0.3,
            prune_every: 4096,
            retire_after_secs: 7 * DAY,
            forget_retired: false,
        }
    }
}

/// A story's number, given in order of creation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StoryId(pub u32);

/// A thread's number, given in order of creation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ThreadId(pub u32);

/// Where [`StoryIndex::add`] put an article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryAssignment {
    pub story: StoryId,
    pub thread: ThreadId,
    /// The cosine similarity to the story's centroid when the article joined an existing story;
    /// 1 for a copy, 0 for the first article of a story.
    pub similarity: f32,
    /// The article started the story.
    pub new_story: bool,
}

/// Why [`StoryIndex::related`] suggests an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Another article of the same story.
    SameStory,
    /// The most central article of another story in the same thread.
    SameThread,
    /// The most central article of a story that names these entities too (their keys).
    SharedEntities(Vec<String>),
}

/// One suggestion of [`StoryIndex::related`]: an article id, a score in `[0, 1]` (higher first
/// within a reason) and the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub id: String,
    pub score: f32,
    pub reason: Reason,
}

/// What a story looks like from outside.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryInfo {
    pub id: StoryId,
    pub thread: ThreadId,
    /// The id of the article closest to the story's centroid: its headline is the story's title.
    pub title_article: String,
    pub first_seen: i64,
    pub last_seen: i64,
    /// Articles, copies included.
    pub articles: usize,
    /// Articles that are not copies of another.
    pub canonical_articles: usize,
    /// Distinct outlets, sorted.
    pub outlets: Vec<String>,
    /// Entity keys with the most weight in the centroid, heaviest first (at most 5).
    pub main_entities: Vec<String>,
}

/// Counters for reports and memory checks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryStats {
    pub articles: usize,
    pub copies: usize,
    pub stories: usize,
    pub threads: usize,
    /// Articles with no feature at all (empty, or only stopwords).
    pub without_features: usize,
    /// Cosine comparisons made with candidate centroids.
    pub comparisons: usize,
    /// Stories dropped from full posting lists to make room.
    pub posting_evictions: usize,
    /// Stories retired (out of every window, centroid and postings dropped).
    pub retired: usize,
    /// Entries held by the posting lists.
    pub posting_entries: usize,
}

/// A sparse vector: `(feature key, weight)` sorted by key.
type Vector = Vec<(u32, f32)>;

/// Slots of the document-frequency table (a hashed count: a fixed 16 MiB whatever the
/// vocabulary; a rare feature sharing a slot with another only looks a little more common).
const DF_SLOTS_LOG2: u32 = 22;

/// Salts that keep the kinds of feature apart in one key space.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Term = 1,
    Entity = 2,
    Place = 3,
    Event = 4,
}

fn feature_key(kind: Kind, hash: u64) -> u64 {
    combine(kind as u64, hash)
}

/// The day (UTC) of a time, counted from 1970.
fn day_of(time: i64) -> i64 {
    time.div_euclid(DAY)
}

/// The posting list of a key feature on one day. Lists by day make the candidates of an article
/// the stories around its own time whatever order the articles arrive in: an archive read outlet
/// by outlet goes back in time at each outlet, and one list per feature, capped, would by then
/// hold only the stories of the last days read.
fn posting_key(feature: u32, day: i64) -> u64 {
    // Days wrap at 2^32 (eleven million years), which only a nonsense time can reach.
    (u64::from(feature) << 32) | (day as u32 as u64)
}

#[derive(Debug)]
struct Story {
    first: i64,
    last: i64,
    thread: u32,
    /// Sum of the members' vectors, cut to the heaviest weights; empty once retired.
    centroid: Vector,
    norm: f32,
    /// Vectors of the most recent canonical members (a ring of `recent_articles`); dropped once
    /// retired.
    recent: Vec<Vector>,
    /// Members added to `recent` so far (the next slot is this modulo its size).
    recent_added: u32,
    members: Vec<u32>,
    canonical_members: u32,
    title_article: u32,
    /// The title article's similarity to the centroid when it joined (for the first article:
    /// that of the second, which was compared with it alone); negative until a second joins.
    title_score: f32,
    /// Main entities (interned numbers), heaviest first; filled when the story is retired.
    retired_entities: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct ArticleRecord {
    story: u32,
    /// The canonical article of its copy group (itself when not a copy).
    canonical: u32,
    time: i64,
    outlet: u32,
    /// Similarity to the story's centroid when it joined (1 for the first article and copies).
    centrality: f32,
}

/// The incremental story index.
#[derive(Debug)]
pub struct StoryIndex {
    config: StoryConfig,
    df: Vec<u32>,
    /// Canonical articles counted in `df`.
    documents: u32,
    /// Articles by number from `article_base` (the ones before it are forgotten), their ids and
    /// records.
    article_base: u32,
    ids: VecDeque<String>,
    numbers: FxHashMap<String, u32>,
    articles: VecDeque<ArticleRecord>,
    /// Stories by number from `story_base`.
    story_base: u32,
    stories: VecDeque<Story>,
    /// The stories of each thread, in order of creation; `next_thread` is the next number.
    threads: FxHashMap<u32, Vec<u32>>,
    next_thread: u32,
    /// Stories by `(key feature, day)` ([`posting_key`]): the stories that had an article posted
    /// under that feature on that day.
    postings: FxHashMap<u64, Vec<u32>>,
    outlets: Vec<String>,
    outlet_numbers: FxHashMap<String, u32>,
    /// Entity keys seen, by number, and by their feature key.
    entity_names: Vec<String>,
    entity_by_feature: FxHashMap<u32, u32>,
    /// The latest article time seen.
    now: i64,
    since_prune: usize,
    stats: StoryStats,
}

impl StoryIndex {
    pub fn new(config: StoryConfig) -> StoryIndex {
        StoryIndex {
            config,
            df: vec![0; 1 << DF_SLOTS_LOG2],
            documents: 0,
            article_base: 0,
            ids: VecDeque::new(),
            numbers: FxHashMap::default(),
            articles: VecDeque::new(),
            story_base: 0,
            stories: VecDeque::new(),
            threads: FxHashMap::default(),
            next_thread: 0,
            postings: FxHashMap::default(),
            outlets: Vec::new(),
            outlet_numbers: FxHashMap::default(),
            entity_names: Vec::new(),
            entity_by_feature: FxHashMap::default(),
            now: i64::MIN,
            since_prune: 0,
            stats: StoryStats::default(),
        }
    }

    pub fn config(&self) -> &StoryConfig {
        &self.config
    }

    pub fn stats(&self) -> StoryStats {
        StoryStats {
            stories: self.story_base as usize + self.stories.len(),
            threads: self.next_thread as usize,
            posting_entries: self.postings.values().map(Vec::len).sum(),
            ..self.stats.clone()
        }
    }

    /// An estimate of the heap memory the index holds, in bytes (id strings counted by length).
    pub fn memory_bytes(&self) -> usize {
        use std::mem::size_of;
        let ids: usize = self.ids.iter().map(|s| s.capacity() * 2 + size_of::<String>() * 2 + 5).sum();
        let stories: usize = self
            .stories
            .iter()
            .map(|s| {
                size_of::<Story>()
                    + s.centroid.capacity() * size_of::<(u32, f32)>()
                    + s.recent
                        .iter()
                        .map(|r| size_of::<Vector>() + r.capacity() * size_of::<(u32, f32)>())
                        .sum::<usize>()
                    + s.members.capacity() * 4
                    + s.retired_entities.capacity() * 4
            })
            .sum();
        let threads: usize =
            self.threads.values().map(|t| size_of::<(u32, Vec<u32>)>() + 1 + t.capacity() * 4).sum();
        let postings: usize =
            self.postings.values().map(|p| size_of::<(u64, Vec<u32>)>() + 1 + p.capacity() * 4).sum();
        let entities: usize = self.entity_names.iter().map(|s| s.capacity() + size_of::<String>() + 9).sum();
        self.df.capacity() * 4
            + ids
            + self.numbers.capacity() * (size_of::<String>() + 5)
            + self.articles.capacity() * size_of::<ArticleRecord>()
            + stories
            + threads
            + postings
            + entities
    }

    /// Adds an article. `copy_of` is the id of the canonical article it copies (the
    /// [`crate::Verdict::CopyOf`] of `DupIndex`), if it is a copy of one already added. Adding an
    /// id again returns its first assignment and changes nothing.
    pub fn add(&mut self, features: &ArticleFeatures, copy_of: Option<&str>) -> StoryAssignment {
        if let Some(&n) = self.numbers.get(&features.id) {
            return self.assignment_of(n);
        }
        let Some(number) = u32::try_from(self.ids.len()).ok().and_then(|n| n.checked_add(self.article_base))
        else {
            // Past 4 billion articles nothing more can be recorded; say where it would have gone.
            return StoryAssignment {
                story: StoryId(0),
                thread: ThreadId(0),
                similarity: 0.0,
                new_story: true,
            };
        };
        let time = match features.published {
            Some(t) => t,
            None if self.now == i64::MIN => 0,
            None => self.now,
        };
        self.now = self.now.max(time);
        let outlet = self.outlet_number(features.outlet.as_deref().unwrap_or_default());
        self.ids.push_back(features.id.clone());
        self.numbers.insert(features.id.clone(), number);
        self.stats.articles += 1;

        // A copy joins its canonical article's story while the story is open to it in time; a
        // republication long after is clustered like any article.
        let canonical = copy_of.and_then(|c| self.numbers.get(c).copied()).filter(|&c| {
            let story = self.story_at(self.article(c).story);
            time >= story.first.saturating_sub(self.config.window_secs)
                && time <= story.last.saturating_add(self.config.window_secs)
        });
        let assignment = match canonical {
            Some(canonical) => {
                let canonical = self.article(canonical).canonical;
                let story = self.article(canonical).story;
                self.stats.copies += 1;
                self.articles.push_back(ArticleRecord { story, canonical, time, outlet, centrality: 1.0 });
                let s = self.story_mut(story);
                s.members.push(number);
                s.first = s.first.min(time);
                s.last = s.last.max(time);
                StoryAssignment {
                    story: StoryId(story),
                    thread: ThreadId(s.thread),
                    similarity: 1.0,
                    new_story: false,
                }
            }
            None => self.add_canonical(number, features, time, outlet),
        };
        self.since_prune += 1;
        if self.since_prune >= self.config.prune_every.max(1) {
            self.since_prune = 0;
            self.retire_stale();
        }
        assignment
    }

    fn add_canonical(
        &mut self,
        number: u32,
        features: &ArticleFeatures,
        time: i64,
        outlet: u32,
    ) -> StoryAssignment {
        let weighted = self.weigh(features);
        if weighted.is_empty() {
            self.stats.without_features += 1;
        }
        let keys = self.key_features(&weighted);
        let vector = to_vector(&weighted, self.config.article_features);
        let (join, thread) = self.best_candidates(&keys, &vector, time);
        let (story, similarity, new_story) = match join {
            Some((story, similarity)) => (story, similarity, false),
            None => {
                let story = self.new_story(time, number, thread);
                (story, 0.0, true)
            }
        };
        let record = ArticleRecord {
            story,
            canonical: number,
            time,
            outlet,
            centrality: if new_story { 1.0 } else { similarity },
        };
        self.articles.push_back(record);
        let centroid_features = self.config.centroid_features;
        let ring = self.config.recent_articles;
        let s = self.story_mut(story);
        s.members.push(number);
        s.canonical_members += 1;
        s.first = s.first.min(time);
        s.last = s.last.max(time);
        if !new_story {
            if s.title_score < 0.0 {
                s.title_score = similarity;
            }
            if similarity > s.title_score {
                s.title_article = number;
                s.title_score = similarity;
            }
        }
        s.centroid = add_to_centroid(&s.centroid, &vector, centroid_features);
        s.norm = norm(&s.centroid);
        if ring > 0 {
            let slot = s.recent_added as usize % ring;
            if slot < s.recent.len() {
                s.recent[slot] = vector;
            } else {
                s.recent.push(vector);
            }
            s.recent_added = s.recent_added.wrapping_add(1);
        }
        let thread = s.thread;
        let day = day_of(time);
        for key in keys {
            self.post(posting_key(key, day), story);
        }
        StoryAssignment { story: StoryId(story), thread: ThreadId(thread), similarity, new_story }
    }

    fn new_story(&mut self, time: i64, first_article: u32, thread: Option<u32>) -> u32 {
        let story = self.story_base + self.stories.len() as u32;
        let thread = match thread {
            Some(t) => t,
            None => {
                self.next_thread += 1;
                self.next_thread - 1
            }
        };
        self.threads.entry(thread).or_default().push(story);
        self.stories.push_back(Story {
            first: time,
            last: time,
            thread,
            centroid: Vec::new(),
            norm: 0.0,
            recent: Vec::new(),
            recent_added: 0,
            members: Vec::new(),
            canonical_members: 0,
            title_article: first_article,
            title_score: -1.0,
            retired_entities: Vec::new(),
        });
        story
    }

    /// The TF-IDF weights of an article's features, with the document frequencies updated:
    /// `(key, weight, is an entity)`, heaviest first (ties by key).
    fn weigh(&mut self, features: &ArticleFeatures) -> Vec<(u32, f32, bool)> {
        let mut raw: Vec<(u64, f32, bool)> = Vec::new();
        for &(hash, count) in &features.terms {
            raw.push((feature_key(Kind::Term, hash), 1.0 + (count.max(1) as f32).ln(), false));
        }
        for (name, mentions) in &features.entities {
            let key = feature_key(Kind::Entity, hash_word(name));
            if !self.entity_by_feature.contains_key(&(key as u32)) {
                self.entity_by_feature.insert(key as u32, self.entity_names.len() as u32);
                self.entity_names.push(name.clone());
            }
            let weight = self.config.entity_weight * (1.0 + ((*mentions).max(1) as f32).ln());
            raw.push((key, weight, true));
        }
        for place in &features.places {
            raw.push((feature_key(Kind::Place, hash_word(place)), self.config.place_weight, false));
        }
        for event in &features.events {
            raw.push((feature_key(Kind::Event, hash_word(event)), self.config.event_weight, false));
        }
        raw.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        raw.dedup_by_key(|f| f.0);
        if raw.is_empty() {
            return Vec::new();
        }
        self.documents = self.documents.saturating_add(1);
        for &(key, _, _) in &raw {
            let slot = &mut self.df[df_slot(key)];
            *slot = slot.saturating_add(1);
        }
        let documents = self.documents as f32;
        let mut weighted: Vec<(u32, f32, bool)> = raw
            .iter()
            .map(|&(key, weight, is_entity)| {
                let df = self.df[df_slot(key)].max(1) as f32;
                (key as u32, weight * (1.0 + documents / df).ln(), is_entity)
            })
            .collect();
        weighted.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        weighted
    }

    /// The features an article is posted and looked up under: its heaviest ones and its heaviest
    /// entities, sorted and without repeats.
    fn key_features(&self, weighted: &[(u32, f32, bool)]) -> Vec<u32> {
        let mut keys: Vec<u32> = weighted.iter().take(self.config.key_features).map(|f| f.0).collect();
        keys.extend(weighted.iter().filter(|f| f.2).take(self.config.key_entities).map(|f| f.0));
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// The story to join (with its similarity) and the thread to join if a new story starts.
    fn best_candidates(
        &mut self,
        keys: &[u32],
        vector: &Vector,
        time: i64,
    ) -> (Option<(u32, f32)>, Option<u32>) {
        let config = &self.config;
        // Every story that can take the article or lead its thread had an article within the
        // window (or the thread window) of it, posted under that article's day.
        let days = day_of(time.saturating_sub(config.thread_window_secs.max(config.window_secs)))
            ..=day_of(time.saturating_add(config.window_secs));
        let mut hits: Vec<(u32, u32)> = Vec::new();
        for &key in keys {
            for day in days.clone() {
                if let Some(list) = self.postings.get(&posting_key(key, day)) {
                    hits.extend(list.iter().map(|&story| (story, key)));
                }
            }
        }
        // A story counts each key it shares once, however many days it was posted under it.
        hits.sort_unstable();
        hits.dedup();
        let mut ranked: Vec<(u32, u32)> = Vec::new();
        for (story, _) in hits {
            match ranked.last_mut() {
                Some((last, n)) if *last == story => *n += 1,
                _ => ranked.push((story, 1)),
            }
        }
        ranked.retain(|&(story, _)| {
            let s = &self.stories[(story - self.story_base) as usize];
            !s.centroid.is_empty() && (joinable(config, s, time) || threadable(config, s, time))
        });
        // Most shared keys first, then the most recent story.
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        ranked.truncate(config.max_candidates);
        let mut join: Option<(u32, f32)> = None;
        let mut thread: Option<(u32, f32)> = None;
        for (story, _) in ranked {
            self.stats.comparisons += 1;
            let s = self.story_at(story);
            let to_centroid = if s.norm > 0.0 { dot(vector, &s.centroid) / s.norm } else { 0.0 };
            let to_nearest = s.recent.iter().map(|r| dot(vector, r)).fold(0.0f32, f32::max);
            let gap =
                if time > s.last { time.saturating_sub(s.last) } else { s.first.saturating_sub(time).max(0) };
            let decay = 1.0 + config.time_decay * gap as f32 / DAY as f32;
            let similarity = to_centroid.max(to_nearest) / decay;
            let better = |best: Option<(u32, f32)>, sim: f32| {
                best.is_none_or(|(b, best_sim)| sim > best_sim || (sim == best_sim && story < b))
            };
            if joinable(config, s, time)
                && similarity >= config.min_similarity
                && to_centroid >= config.min_centroid_similarity
                && better(join, similarity)
            {
                join = Some((story, similarity));
            }
            // Threads link developments days apart, so their similarity is not decayed by time.
            if threadable(config, s, time)
                && to_centroid >= config.thread_similarity
                && better(thread, to_centroid)
            {
                thread = Some((story, to_centroid));
            }
        }
        (join, thread.map(|(story, _)| self.story_at(story).thread))
    }

    /// Puts `story` in the posting list of `key` (a [`posting_key`]), dropping retired stories or
    /// the one farthest in time when the list is full.
    fn post(&mut self, key: u64, story: u32) {
        let cap = self.config.posting_cap.max(1);
        let list = self.postings.entry(key).or_default();
        if list.contains(&story) {
            return;
        }
        let (stories, base) = (&self.stories, self.story_base);
        let story_at = |s: u32| &stories[(s - base) as usize];
        if list.len() >= cap {
            list.retain(|&s| !story_at(s).centroid.is_empty());
        }
        if list.len() >= cap {
            // The story farthest in time from the one posted goes (one list holds one day, so
            // this only matters for a story that spans several).
            let now = story_at(story).last;
            let farthest = (0..list.len())
                .max_by_key(|&i| ((story_at(list[i]).last - now).abs(), std::cmp::Reverse(list[i])));
            if let Some(i) = farthest {
                list.swap_remove(i);
                self.stats.posting_evictions += 1;
            }
        }
        list.push(story);
    }

    /// Retires the stories that no article can join or thread onto any more (last seen before
    /// every window of the latest time), and drops them from the posting lists.
    fn retire_stale(&mut self) {
        let lag =
            self.config.retire_after_secs.max(self.config.thread_window_secs).max(self.config.window_secs);
        let horizon = self.now.saturating_sub(lag);
        let mut retired_any = false;
        for story in &mut self.stories {
            if story.centroid.is_empty() || story.last >= horizon {
                continue;
            }
            story.retired_entities = main_entities(&story.centroid, &self.entity_by_feature, 5);
            story.centroid = Vec::new();
            story.norm = 0.0;
            story.recent = Vec::new();
            self.stats.retired += 1;
            retired_any = true;
        }
        if retired_any {
            let (stories, base) = (&self.stories, self.story_base);
            self.postings.retain(|_, list| {
                list.retain(|&s| !stories[(s - base) as usize].centroid.is_empty());
                !list.is_empty()
            });
            self.postings.shrink_to_fit();
        }
        if self.config.forget_retired {
            self.forget_retired(horizon);
        }
    }

    /// Drops the oldest stories while they are retired (last seen before `horizon`), then the
    /// oldest articles while their story is dropped. A story lasts days, so on input in time
    /// order what is kept is the window; input that jumps back in time keeps more until the
    /// stories before the jump retire.
    fn forget_retired(&mut self, horizon: i64) {
        while self.stories.front().is_some_and(|s| s.last < horizon) {
            if let Some(story) = self.stories.pop_front() {
                if let Some(thread) = self.threads.get_mut(&story.thread) {
                    thread.retain(|&s| s != self.story_base);
                    if thread.is_empty() {
                        self.threads.remove(&story.thread);
                    }
                }
            }
            self.story_base += 1;
        }
        while self.articles.front().is_some_and(|a| a.story < self.story_base) {
            self.articles.pop_front();
            if let Some(id) = self.ids.pop_front() {
                self.numbers.remove(&id);
            }
            self.article_base += 1;
        }
        self.stories.shrink_to(self.stories.len() * 2);
        self.articles.shrink_to(self.articles.len() * 2);
        self.ids.shrink_to(self.ids.len() * 2);
        self.threads.shrink_to(self.threads.len() * 2);
    }

    fn article(&self, number: u32) -> &ArticleRecord {
        &self.articles[(number - self.article_base) as usize]
    }

    fn id_of(&self, number: u32) -> &str {
        &self.ids[(number - self.article_base) as usize]
    }

    fn story_at(&self, number: u32) -> &Story {
        &self.stories[(number - self.story_base) as usize]
    }

    fn story_mut(&mut self, number: u32) -> &mut Story {
        &mut self.stories[(number - self.story_base) as usize]
    }

    /// The story `number` when it is still held.
    fn held_story(&self, number: u32) -> Option<&Story> {
        self.stories.get(number.checked_sub(self.story_base)? as usize)
    }

    fn outlet_number(&mut self, outlet: &str) -> u32 {
        if let Some(&n) = self.outlet_numbers.get(outlet) {
            return n;
        }
        let n = self.outlets.len() as u32;
        self.outlets.push(outlet.to_string());
        self.outlet_numbers.insert(outlet.to_string(), n);
        n
    }

    fn assignment_of(&self, number: u32) -> StoryAssignment {
        let record = self.article(number);
        let story = self.story_at(record.story);
        StoryAssignment {
            story: StoryId(record.story),
            thread: ThreadId(story.thread),
            similarity: if record.canonical != number {
                1.0
            } else if story.members.first() == Some(&number) {
                0.0
            } else {
                record.centrality
            },
            new_story: story.members.first() == Some(&number),
        }
    }

    /// Where an article was put, if it was added.
    pub fn assignment(&self, id: &str) -> Option<StoryAssignment> {
        self.numbers.get(id).map(|&n| self.assignment_of(n))
    }

    /// A story's title article, span, size, outlets and main entities.
    pub fn story(&self, id: StoryId) -> Option<StoryInfo> {
        let s = self.held_story(id.0)?;
        let mut outlets: Vec<&str> = s
            .members
            .iter()
            .map(|&m| self.outlets[self.article(m).outlet as usize].as_str())
            .filter(|o| !o.is_empty())
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        let entities = if s.centroid.is_empty() {
            s.retired_entities.clone()
        } else {
            main_entities(&s.centroid, &self.entity_by_feature, 5)
        };
        Some(StoryInfo {
            id,
            thread: ThreadId(s.thread),
            title_article: self.id_of(s.title_article).to_string(),
            first_seen: s.first,
            last_seen: s.last,
            articles: s.members.len(),
            canonical_articles: s.canonical_members as usize,
            outlets: outlets.into_iter().map(str::to_string).collect(),
            main_entities: entities.iter().map(|&e| self.entity_names[e as usize].clone()).collect(),
        })
    }

    /// A story's articles in time order (ties in order of arrival): `(id, time, is a copy)`.
    pub fn timeline(&self, id: StoryId) -> Vec<(&str, i64, bool)> {
        let Some(s) = self.held_story(id.0) else { return Vec::new() };
        let mut members: Vec<u32> = s.members.clone();
        members.sort_by_key(|&m| (self.article(m).time, m));
        members
            .into_iter()
            .map(|m| {
                let record = self.article(m);
                (self.id_of(m), record.time, record.canonical != m)
            })
            .collect()
    }

    /// The stories of a thread, in order of creation.
    pub fn thread_stories(&self, id: ThreadId) -> Vec<StoryId> {
        self.threads.get(&id.0).map(|t| t.iter().map(|&s| StoryId(s)).collect()).unwrap_or_default()
    }

    /// Up to `k` articles to read after `id`: first other articles of its story, most central
    /// first; then the central articles of the other stories of its thread, nearest in time
    /// first; then those of stories that share its story's main entities, most shared first.
    /// Never `id` itself, an article it copies or a copy of the same text: one article per copy
    /// group, its canonical one.
    pub fn related(&self, id: &str, k: usize) -> Vec<Related> {
        let Some(&number) = self.numbers.get(id) else { return Vec::new() };
        let record = *self.article(number);
        let own_story = self.story_at(record.story);
        let mut out: Vec<Related> = Vec::new();
        let mut seen_groups: Vec<u32> = vec![record.canonical];

        let mut same: Vec<(f32, i64, u32)> = own_story
            .members
            .iter()
            .map(|&m| (m, *self.article(m)))
            .filter(|(m, r)| r.canonical == *m && *m != record.canonical)
            .map(|(m, r)| (r.centrality, r.time.saturating_sub(record.time).saturating_abs(), m))
            .collect();
        same.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (score, _, m) in same {
            if out.len() >= k {
                return out;
            }
            seen_groups.push(m);
            out.push(Related {
                id: self.id_of(m).to_string(),
                score: score.clamp(0.0, 1.0),
                reason: Reason::SameStory,
            });
        }

        let mut thread: Vec<(i64, u32)> = self.threads[&own_story.thread]
            .iter()
            .filter(|&&s| s != record.story)
            .map(|&s| {
                let other = self.story_at(s);
                let distance = if other.last < record.time {
                    record.time.saturating_sub(other.last)
                } else {
                    other.first.saturating_sub(record.time).max(0)
                };
                (distance, s)
            })
            .collect();
        thread.sort_unstable();
        for (distance, s) in thread {
            if out.len() >= k {
                return out;
            }
            let title = self.story_at(s).title_article;
            if seen_groups.contains(&title) {
                continue;
            }
            seen_groups.push(title);
            let days = distance as f32 / DAY as f32;
            out.push(Related {
                id: self.id_of(title).to_string(),
                score: 1.0 / (1.0 + days),
                reason: Reason::SameThread,
            });
        }

        let entities = if own_story.centroid.is_empty() {
            own_story.retired_entities.clone()
        } else {
            main_entities(&own_story.centroid, &self.entity_by_feature, 5)
        };
        let entity_keys: Vec<u32> = self.entity_features(&entities);
        // Stories posted under the entities within a thread window of the story (of its last
        // days: copies can stretch a story past its usual length).
        let reach = self.config.thread_window_secs;
        let first = own_story.first.max(own_story.last.saturating_sub(self.config.max_story_secs));
        let days = day_of(first.saturating_sub(reach))..=day_of(own_story.last.saturating_add(reach));
        let mut shared: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for (&entity, &key) in entities.iter().zip(&entity_keys) {
            let mut stories: Vec<u32> = days
                .clone()
                .filter_map(|day| self.postings.get(&posting_key(key, day)))
                .flatten()
                .copied()
                .filter(|&s| s != record.story && self.story_at(s).thread != own_story.thread)
                .collect();
            stories.sort_unstable();
            stories.dedup();
            for s in stories {
                shared.entry(s).or_default().push(entity);
            }
        }
        let mut by_overlap: Vec<(usize, u32, Vec<u32>)> =
            shared.into_iter().map(|(s, e)| (e.len(), s, e)).collect();
        by_overlap.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
        for (n, s, names) in by_overlap {
            if out.len() >= k {
                break;
            }
            let title = self.story_at(s).title_article;
            if seen_groups.contains(&title) {
                continue;
            }
            seen_groups.push(title);
            out.push(Related {
                id: self.id_of(title).to_string(),
                score: n as f32 / entities.len().max(1) as f32,
                reason: Reason::SharedEntities(
                    names.iter().map(|&e| self.entity_names[e as usize].clone()).collect(),
                ),
            });
        }
        out
    }

    /// The feature keys of interned entities.
    fn entity_features(&self, entities: &[u32]) -> Vec<u32> {
        entities
            .iter()
            .map(|&e| feature_key(Kind::Entity, hash_word(&self.entity_names[e as usize])) as u32)
            .collect()
    }
}

fn df_slot(key: u64) -> usize {
    (key >> (64 - DF_SLOTS_LOG2)) as usize
}

fn joinable(config: &StoryConfig, story: &Story, time: i64) -> bool {
    time >= story.first.saturating_sub(config.window_secs)
        && time <= story.last.saturating_add(config.window_secs)
        && time <= story.first.saturating_add(config.max_story_secs)
        && time >= story.last.saturating_sub(config.max_story_secs)
}

fn threadable(config: &StoryConfig, story: &Story, time: i64) -> bool {
    story.last >= time.saturating_sub(config.thread_window_secs)
        && story.first <= time.saturating_add(config.window_secs)
}

/// The heaviest `size` weights as a normalised vector sorted by key.
fn to_vector(weighted: &[(u32, f32, bool)], size: usize) -> Vector {
    let mut vector: Vector = weighted.iter().take(size).map(|f| (f.0, f.1)).collect();
    vector.sort_unstable_by_key(|f| f.0);
    vector.dedup_by_key(|f| f.0);
    let n = norm(&vector);
    if n > 0.0 {
        for f in &mut vector {
            f.1 /= n;
        }
    }
    vector
}

fn norm(vector: &Vector) -> f32 {
    vector.iter().map(|f| f.1 * f.1).sum::<f32>().sqrt()
}

fn dot(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// `centroid + vector`, cut to the heaviest `size` weights, sorted by key.
fn add_to_centroid(centroid: &Vector, vector: &Vector, size: usize) -> Vector {
    let mut sum: Vector = Vec::with_capacity(centroid.len() + vector.len());
    let (mut i, mut j) = (0, 0);
    while i < centroid.len() || j < vector.len() {
        let take_left = j >= vector.len() || (i < centroid.len() && centroid[i].0 < vector[j].0);
        let take_right = i >= centroid.len() || (j < vector.len() && vector[j].0 < centroid[i].0);
        if take_left {
            sum.push(centroid[i]);
            i += 1;
        } else if take_right {
            sum.push(vector[j]);
            j += 1;
        } else {
            sum.push((centroid[i].0, centroid[i].1 + vector[j].1));
            i += 1;
            j += 1;
        }
    }
    if sum.len() > size {
        sum.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        sum.truncate(size);
        sum.sort_unstable_by_key(|f| f.0);
    }
    sum
}

/// The interned numbers of the entities heaviest in a centroid, at most `n`.
fn main_entities(centroid: &Vector, entity_by_feature: &FxHashMap<u32, u32>, n: usize) -> Vec<u32> {
    let mut entities: Vec<(f32, u32)> =
        centroid.iter().filter_map(|&(key, w)| entity_by_feature.get(&key).map(|&e| (w, e))).collect();
    entities.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    entities.into_iter().take(n).map(|(_, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{term_counts, TermWeights};

    const HOUR: i64 = 3600;
    /// 2026-03-10 00:00 UTC.
    const T0: i64 = 1_773_100_800;

    fn article(
        id: &str,
        outlet: &str,
        hours: i64,
        headline: &str,
        body: &str,
        entities: &[&str],
    ) -> ArticleFeatures {
        ArticleFeatures {
            id: id.to_string(),
            published: Some(T0 + hours * HOUR),
            outlet: Some(outlet.to_string()),
            terms: term_counts(headline, body, &TermWeights::default()),
            entities: entities.iter().map(|e| (e.to_string(), 1)).collect(),
            places: Vec::new(),
            events: Vec::new(),
        }
    }

    fn truce_afp() -> ArticleFeatures {
        article(
            "afp-1",
            "afp",
            0,
            "هدنة إنسانية لسبعة أيام في الفاشر",
            "أعلن طرفا النزاع في السودان موافقتهما على هدنة إنسانية مدتها سبعة أيام في مدينة الفاشر بوساطة سعودية أمريكية تبدأ صباح الأربعاء لإدخال المساعدات وإجلاء الجرحى",
            &["LOC:الفاشر", "LOC:السودان"],
        )
    }

    fn truce_reuters() -> ArticleFeatures {
        article(
            "reuters-4",
            "reuters",
            5,
            "طرفا الحرب في السودان يقبلان هدنة الفاشر",
            "وافق الجيش السوداني وقوات الدعم السريع على هدنة إنسانية في الفاشر لمدة أسبوع بوساطة من السعودية والولايات المتحدة لإيصال المساعدات إلى المدنيين المحاصرين وإجلاء الجرحى",
            &["LOC:الفاشر", "LOC:السودان", "ORG:قوات_الدعم_السريع"],
        )
    }

    fn evacuation(hours: i64) -> ArticleFeatures {
        article(
            "un-9",
            "un-news",
            hours,
            "إجلاء ألفي مدني من الفاشر في اليوم الثاني للهدنة",
            "أعلنت الأمم المتحدة إجلاء أكثر من ألفي مدني وجريح من مدينة الفاشر السودانية خلال اليومين الأولين من الهدنة الإنسانية ونقلهم بالحافلات إلى مخيمات في طويلة",
            &["LOC:الفاشر", "ORG:الأمم_المتحدة"],
        )
    }

    fn book_fair() -> ArticleFeatures {
        article(
            "ahram-2",
            "ahram",
            3,
            "افتتاح معرض القاهرة الدولي للكتاب",
            "افتتح وزير الثقافة المصري معرض القاهرة الدولي للكتاب بمشاركة ألف دار نشر من خمسين دولة وتحل اليونان ضيف شرف على الدورة الجديدة",
            &["LOC:القاهرة"],
        )
    }

    #[test]
    fn paraphrases_across_outlets_share_a_story_and_other_news_does_not() {
        let mut index = StoryIndex::new(StoryConfig::default());
        let first = index.add(&truce_afp(), None);
        assert!(first.new_story);
        let second = index.add(&truce_reuters(), None);
        assert_eq!(second.story, first.story, "{second:?}");
        assert!(!second.new_story && second.similarity >= index.config().min_similarity);
        let other = index.add(&book_fair(), None);
        assert_ne!(other.story, first.story);
        assert_ne!(other.thread, first.thread);
        let info = index.story(first.story).expect("story exists");
        assert_eq!(info.outlets, vec!["afp".to_string(), "reuters".to_string()]);
        assert_eq!((info.articles, info.canonical_articles), (2, 2));
        assert!(info.main_entities.contains(&"LOC:الفاشر".to_string()), "{:?}", info.main_entities);
    }

    #[test]
    fn a_later_development_starts_a_story_in_the_same_thread() {
        // Past the story's span and window the evacuation is its own story, threaded to the truce.
        let config = StoryConfig { max_story_secs: 2 * DAY, window_secs: DAY, ..StoryConfig::default() };
        let mut index = StoryIndex::new(config);
        let truce = index.add(&truce_afp(), None);
        index.add(&truce_reuters(), None);
        let later = index.add(&evacuation(4 * 24), None);
        assert_ne!(later.story, truce.story);
        assert_eq!(later.thread, truce.thread);
        assert_eq!(index.thread_stories(truce.thread), vec![truce.story, later.story]);
    }

    #[test]
    fn an_archive_read_back_in_time_finds_the_stories_of_its_days() {
        // The same wire text every third day for a month fills every posting list of its
        // features; then an older paraphrase arrives, as when the next outlet of an archive starts
        // again at the first day. Lists by day still hold the story of that day.
        let config = StoryConfig { posting_cap: 2, ..StoryConfig::default() };
        let mut index = StoryIndex::new(config);
        let first = index.add(&truce_afp(), None);
        for n in 1..=10 {
            let later =
                ArticleFeatures { id: format!("afp-r{n}"), published: Some(T0 + 3 * n * DAY), ..truce_afp() };
            assert!(index.add(&later, None).new_story);
        }
        let older_outlet = index.add(&truce_reuters(), None);
        assert_eq!(older_outlet.story, first.story, "{older_outlet:?}");
        assert_eq!(index.stats().posting_evictions, 0);
        // An article older than the story's first one joins it too (within the window).
        let mut reversed = StoryIndex::new(StoryConfig::default());
        let late = reversed.add(&truce_reuters(), None);
        assert_eq!(reversed.add(&truce_afp(), None).story, late.story);
        assert_eq!(reversed.story(late.story).map(|s| s.first_seen), Some(T0));
    }

    #[test]
    fn the_same_text_a_month_later_is_not_the_same_story_or_thread() {
        let mut index = StoryIndex::new(StoryConfig::default());
        let first = index.add(&truce_afp(), None);
        let again = ArticleFeatures { id: "afp-2".into(), published: Some(T0 + 30 * DAY), ..truce_afp() };
        let later = index.add(&again, None);
        assert_ne!((later.story, later.thread), (first.story, first.thread));
    }

    #[test]
    fn copies_join_their_canonical_story_and_change_nothing_else() {
        let mut index = StoryIndex::new(StoryConfig::default());
        let first = index.add(&truce_afp(), None);
        let before = index.stats();
        let memory_before = index.memory_bytes();
        for i in 0..10_000 {
            let copy = ArticleFeatures {
                id: format!("copy-{i}"),
                outlet: Some(format!("site-{}", i % 40)),
                ..truce_afp()
            };
            let assigned = index.add(&copy, Some("afp-1"));
            assert_eq!((assigned.story, assigned.similarity), (first.story, 1.0));
        }
        let after = index.stats();
        assert_eq!(after.copies, 10_000);
        // A copy costs its id and a record, nothing that grows with the text or the story.
        let per_copy = (index.memory_bytes() - memory_before) / 10_000;
        assert!(per_copy < 160, "{per_copy} bytes per copy");
        assert_eq!(after.stories, 1);
        assert_eq!((after.comparisons, after.posting_entries), (before.comparisons, before.posting_entries));
        let info = index.story(first.story).expect("story exists");
        assert_eq!((info.articles, info.canonical_articles, info.outlets.len()), (10_001, 1, 41));
        // A copy of a copy belongs to the first canonical article's group.
        let copy_of_copy = ArticleFeatures { id: "copy-of-copy".into(), ..truce_afp() };
        assert_eq!(index.add(&copy_of_copy, Some("copy-7")).story, first.story);
        assert!(index.related("afp-1", 5).iter().all(|r| !r.id.starts_with("copy")));
    }

    #[test]
    fn a_copy_republished_a_month_later_is_clustered_anew() {
        let mut index = StoryIndex::new(StoryConfig::default());
        let first = index.add(&truce_afp(), None);
        let late = ArticleFeatures { id: "late-copy".into(), published: Some(T0 + 30 * DAY), ..truce_afp() };
        let assigned = index.add(&late, Some("afp-1"));
        assert_ne!(assigned.story, first.story);
        assert_eq!(index.stats().copies, 0);
    }

    #[test]
    fn empty_and_unknown_inputs_get_stories_of_their_own() {
        let mut index = StoryIndex::new(StoryConfig::default());
        let empty = |id: &str| ArticleFeatures { id: id.into(), ..ArticleFeatures::default() };
        let a = index.add(&empty("e1"), None);
        let b = index.add(&empty("e2"), None);
        assert_ne!(a.story, b.story);
        // A copy of an id never added is treated as an article of its own.
        let c = index.add(&truce_afp(), Some("never-added"));
        assert!(c.new_story);
        let stats = index.stats();
        assert_eq!((stats.without_features, stats.copies), (2, 0));
        assert!(index.related("e1", 3).is_empty());
        assert!(index.related("not-an-id", 3).is_empty());
        assert_eq!(index.story(StoryId(99)), None);
    }

    #[test]
    fn adding_an_id_twice_keeps_the_first_assignment() {
        let mut index = StoryIndex::new(StoryConfig::default());
        let first = index.add(&truce_afp(), None);
        index.add(&book_fair(), None);
        let again = ArticleFeatures { id: "afp-1".into(), ..book_fair() };
        assert_eq!(index.add(&again, None), first);
        assert_eq!(index.assignment("afp-1"), Some(first));
        assert_eq!(index.stats().articles, 2);
    }

    #[test]
    fn related_lists_the_story_then_the_thread_never_copies() {
        let config = StoryConfig { max_story_secs: 2 * DAY, window_secs: DAY, ..StoryConfig::default() };
        let mut index = StoryIndex::new(config);
        index.add(&truce_afp(), None);
        index.add(&truce_reuters(), None);
        let copy = ArticleFeatures { id: "afp-copy".into(), ..truce_afp() };
        index.add(&copy, Some("afp-1"));
        index.add(&evacuation(4 * 24), None);
        index.add(&book_fair(), None);
        let related = index.related("afp-copy", 10);
        let got: Vec<(&str, &Reason)> = related.iter().map(|r| (r.id.as_str(), &r.reason)).collect();
        assert_eq!(got, vec![("reuters-4", &Reason::SameStory), ("un-9", &Reason::SameThread)]);
        assert!(related.iter().all(|r| (0.0..=1.0).contains(&r.score)));
        assert_eq!(index.related("afp-1", 1).len(), 1);
    }

    #[test]
    fn the_same_input_gives_the_same_ids() {
        let run = || {
            let mut index = StoryIndex::new(StoryConfig::default());
            [truce_afp(), book_fair(), truce_reuters(), evacuation(30)]
                .iter()
                .map(|a| index.add(a, None))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(), run());
    }

    #[test]
    fn shared_boilerplate_keeps_postings_and_work_bounded() {
        // 3,000 articles that are 99% the same boilerplate and a number of their own.
        let boilerplate =
            "تابعوا آخر الأخبار العاجلة على موقعنا وحملوا تطبيقنا المجاني واشتركوا في نشرتنا اليومية ";
        let config = StoryConfig { posting_cap: 16, max_candidates: 8, ..StoryConfig::default() };
        let (cap, max_candidates) = (config.posting_cap, config.max_candidates);
        let mut index = StoryIndex::new(config);
        for i in 0..3_000i64 {
            let body = format!("{} رقم{i}", boilerplate.repeat(20));
            let features = article(&format!("b{i}"), "site", i / 100, "نشرة", &body, &[]);
            index.add(&features, None);
        }
        let stats = index.stats();
        assert!(stats.comparisons <= 3_000 * max_candidates, "{stats:?}");
        assert!(index.postings.values().all(|list| list.len() <= cap));
        assert!(stats.stories >= 1 && stats.articles == 3_000);
    }

    #[test]
    fn one_word_articles_and_nonsense_times_stay_bounded() {
        // 10,000 one-word stubs ("urgent") over 40 days, some at times no clock gives: no panic,
        // no story longer than its limit, bounded work and postings.
        let config = StoryConfig::default();
        let (cap, max_candidates, max_story) =
            (config.posting_cap, config.max_candidates, config.max_story_secs);
        let mut index = StoryIndex::new(config);
        for i in 0..10_000i64 {
            let published = match i % 1000 {
                0 => Some(i64::MIN),
                1 => Some(i64::MAX),
                2 => None,
                _ => Some(T0 + (i % 40) * DAY + i),
            };
            let stub = ArticleFeatures {
                id: format!("stub-{i}"),
                published,
                outlet: Some(format!("site-{}", i % 7)),
                terms: term_counts("عاجل", "", &TermWeights::default()),
                ..ArticleFeatures::default()
            };
            index.add(&stub, None);
        }
        let stats = index.stats();
        assert_eq!(stats.articles, 10_000);
        assert!(stats.comparisons <= 10_000 * max_candidates, "{stats:?}");
        assert!(index.postings.values().all(|list| list.len() <= cap));
        for s in 0..stats.stories as u32 {
            let info = index.story(StoryId(s)).expect("story exists");
            let span = info.last_seen.saturating_sub(info.first_seen);
            assert!(span <= max_story, "story {s} spans {span} s");
        }
        assert!(index.related("stub-1", 5).len() <= 5);
        assert!(index.related("stub-0", 5).len() <= 5);
    }

    #[test]
    fn forgetting_retired_stories_keeps_the_decisions_and_bounds_memory() {
        // Sixty days of three stories a day, two articles each (the second a copy in one of
        // them), with words drawn from a small vocabulary so that some stories share terms.
        use crate::index::tests::VOCABULARY as WORDS;
        let build = |forget: bool| {
            StoryIndex::new(StoryConfig { prune_every: 16, forget_retired: forget, ..StoryConfig::default() })
        };
        let (mut kept, mut forgetting) = (build(false), build(true));
        let mut held = Vec::new();
        for day in 0..60i64 {
            for n in 0..3usize {
                let body: Vec<&str> =
                    (0..12).map(|i| WORDS[(day as usize * 7 + n * 5 + i * i) % WORDS.len()]).collect();
                for k in 0..2i64 {
                    let features = ArticleFeatures {
                        id: format!("{day}-{n}-{k}"),
                        published: Some(T0 + day * DAY + k * HOUR),
                        outlet: Some(format!("outlet{k}")),
                        terms: term_counts(body[0], &body.join(" "), &TermWeights::default()),
                        entities: vec![(format!("LOC:مدينة_{day}_{n}"), 2)],
                        places: Vec::new(),
                        events: Vec::new(),
                    };
                    let copy_of = (k == 1 && n == 0).then(|| format!("{day}-{n}-0"));
                    let expected = kept.add(&features, copy_of.as_deref());
                    assert_eq!(forgetting.add(&features, copy_of.as_deref()), expected, "{}", features.id);
                }
            }
            held.push(forgetting.articles.len());
        }
        assert_eq!(kept.articles.len(), 360);
        // A week's retirement lag, a story of up to four days and a prune every 16 articles:
        // what is held stops growing after the first weeks.
        assert!(held[59] < 150 && held[59] <= held[29] + 16, "{held:?}");
        assert_eq!(forgetting.ids.len(), forgetting.numbers.len());
        assert!(forgetting.threads.len() <= forgetting.stories.len());
        assert!(forgetting.assignment("0-0-0").is_none() && kept.assignment("0-0-0").is_some());
        assert!(forgetting.story(StoryId(0)).is_none());
        assert_eq!(forgetting.assignment("59-2-1"), kept.assignment("59-2-1"));
        assert_eq!(forgetting.stats().stories, kept.stats().stories);
    }

    #[test]
    fn stale_stories_are_retired_and_keep_their_entities() {
        let config = StoryConfig { prune_every: 1, ..StoryConfig::default() };
        let mut index = StoryIndex::new(config);
        let first = index.add(&truce_afp(), None);
        let month_later =
            ArticleFeatures { id: "late".into(), published: Some(T0 + 30 * DAY), ..book_fair() };
        index.add(&month_later, None);
        assert_eq!(index.stats().retired, 1);
        let info = index.story(first.story).expect("story exists");
        assert!(info.main_entities.contains(&"LOC:الفاشر".to_string()));
        assert!(index.postings.values().all(|l| !l.contains(&first.story.0)));
    }
}
