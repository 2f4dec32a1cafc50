//! The group stage of `marsad ingest`: decides, article by article in input order, whether a new
//! article is a near-copy of an earlier one ([`marsad_group::DupIndex`]) and which story and thread
//! it belongs to ([`marsad_group::StoryIndex`]).
//!
//! Both indexes live in memory. They are rebuilt at the start of every ingest from the articles the
//! store holds, in the order they were stored and with the copy groups they were stored with, so an
//! ingest that was killed and rerun decides the remaining articles exactly as an uninterrupted run
//! would, and story numbers stay stable as the corpus grows. Shingles and features are computed on
//! all cores; the decisions run in order on one thread, which keeps them deterministic.
//!
//! Memory is bounded by a window in publication time (`--group-window-days`): stories whose last
//! article is that far behind the latest one read are retired and dropped, and articles that old
//! are forgotten by the copy index, so what the indexes hold is the window, however long the
//! input (for input in time order; input that jumps back holds more until it catches up). The
//! window is also how far back the input may jump and still be grouped with what came before,
//! which is why the default is long.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use anyhow::{Context, Result};
use marsad_article::Article;
use marsad_group::{ArticleFeatures, DupConfig, DupIndex, StoryConfig, StoryIndex, Verdict};
use marsad_store::{Group, Store};
use rayon::prelude::*;

/// The default window, in days: how far back in time an ingest may jump and still join the
/// stories and copies it left. Corpora arrive outlet by outlet (each in time order), so every
/// outlet starts again at the corpus's first day, and a story retired before the next outlet
/// reaches its days is lost to it. Two years covers the archives measured here (ANT multi-source
/// spans eight months: with half a year, stories as ingest builds them scored pairwise F1 0.68
/// against 0.84 in publication order; see docs/evaluation.md). Inputs in time order (feeds,
/// CC-NEWS crawls) can use a window of days and keep memory flat.
pub const DEFAULT_WINDOW_DAYS: u32 = 731;

/// Stored articles read back per parallel step when rebuilding.
const REBUILD_CHUNK: usize = 1024;

pub struct GroupStage {
    copies: DupIndex<String>,
    stories: StoryIndex,
    window_secs: i64,
    /// Articles the copy index still holds, oldest first: (publication time, arrival number, id).
    copy_window: BinaryHeap<Reverse<(i64, u64, String)>>,
    /// The latest publication time seen, and articles seen so far.
    latest: i64,
    arrivals: u64,
    /// Stored articles that the rebuilt story index put in another story than the one stored (a
    /// store grouped by an earlier version of the story settings).
    stories_differing: usize,
}

impl GroupStage {
    /// The copy and story indexes of the articles `store` holds within `window_days` of the
    /// latest. The window must be the one the store was grouped with for new articles to be
    /// decided as an uninterrupted run would.
    pub fn from_store(store: &Store, window_days: u32) -> Result<GroupStage> {
        let window_secs = i64::from(window_days.max(1)) * 24 * 60 * 60;
        let stories =
            StoryConfig { retire_after_secs: window_secs, forget_retired: true, ..StoryConfig::default() };
        let mut stage = GroupStage {
            copies: DupIndex::new(DupConfig::default()),
            stories: StoryIndex::new(stories),
            window_secs,
            copy_window: BinaryHeap::new(),
            latest: i64::MIN,
            arrivals: 0,
            stories_differing: 0,
        };
        let mut chunk: Vec<(Article, Group)> = Vec::with_capacity(REBUILD_CHUNK);
        let mut failed = None;
        store
            .for_each_stored(|stored| match stored {
                Ok(pair) => {
                    chunk.push(pair);
                    if chunk.len() == REBUILD_CHUNK {
                        stage.add_stored(&std::mem::take(&mut chunk));
                    }
                }
                Err(e) => {
                    failed.get_or_insert(e);
                }
            })
            .and_then(|()| failed.map_or(Ok(()), Err))
            .context("cannot read the stored articles back to group new ones with them")?;
        stage.add_stored(&chunk);
        if stage.stories_differing > 0 {
            eprintln!(
                "marsad: warning: {} stored articles are in other stories than a rebuild gives (the store was \
                 grouped by another version of Marsad); new articles may get story numbers the store already uses\n  \
                 hint: ingest again into a new store for consistent story numbers",
                stage.stories_differing
            );
        }
        Ok(stage)
    }

    /// The heap memory both indexes hold, by their own estimates.
    pub fn memory_bytes(&self) -> usize {
        self.copies.memory_bytes() + self.stories.memory_bytes()
    }

    /// Adds stored articles with the groups they were stored with, without deciding anything.
    fn add_stored(&mut self, stored: &[(Article, Group)]) {
        let copies = &self.copies;
        let prepared: Vec<_> = stored
            .par_iter()
            .map(|(a, g)| {
                let shingles = (g.canonical_id == a.id).then(|| copies.shingles(a.body()));
                (shingles, ArticleFeatures::from_article(a))
            })
            .collect();
        for ((a, g), (shingles, features)) in stored.iter().zip(&prepared) {
            let time = self.slide_window(a);
            if let Some(s) = shingles {
                self.copies.add_shingles(a.id.clone(), s);
            }
            // Copies are not in the rebuilt copy index, so forgetting them changes nothing; they
            // are remembered as `decide` remembers them, which keeps the two paths alike.
            self.remember(a, time);
            let copy_of = (g.canonical_id != a.id).then_some(g.canonical_id.as_str());
            let rebuilt = self.stories.add(features, copy_of);
            if g.story.is_some_and(|stored| stored != rebuilt.story.0) {
                self.stories_differing += 1;
            }
        }
    }

    /// Moves the copy window on to `article`'s time before it is compared: forgets the articles
    /// now out of the window. Returns the article's time. (The story index retires its own
    /// stories.)
    fn slide_window(&mut self, article: &Article) -> i64 {
        // An article without a date counts as published at the latest time seen, as the story
        // index counts it.
        let time = article.meta.published.map(|t| t.timestamp()).unwrap_or(self.latest.max(0));
        self.latest = self.latest.max(time);
        let horizon = self.latest.saturating_sub(self.window_secs);
        while self.copy_window.peek().is_some_and(|Reverse((t, _, _))| *t < horizon) {
            if let Some(Reverse((_, _, id))) = self.copy_window.pop() {
                self.copies.forget(&id);
            }
        }
        time
    }

    /// Keeps `article`, published at `time`, in the copy window.
    fn remember(&mut self, article: &Article, time: i64) {
        self.arrivals += 1;
        self.copy_window.push(Reverse((time, self.arrivals, article.id.clone())));
    }

    /// The group of each article, deciding them in order: each is compared with the articles stored
    /// before this run and with those before it in `articles`. The articles must be new to the store
    /// (an article already stored keeps the group it was stored with).
    pub fn decide(&mut self, articles: &[Article]) -> Vec<Group> {
        let copies = &self.copies;
        let prepared: Vec<_> = articles
            .par_iter()
            .map(|a| (copies.shingles(a.body()), ArticleFeatures::from_article(a)))
            .collect();
        articles
            .iter()
            .zip(&prepared)
            .map(|(a, (shingles, features))| {
                let time = self.slide_window(a);
                let mut group = match self.copies.add_shingles(a.id.clone(), shingles) {
                    Verdict::CopyOf { id, similarity } => Group::copy_of(&id, similarity),
                    Verdict::Canonical => Group::canonical(&a.id),
                };
                self.remember(a, time);
                let copy_of = (group.canonical_id != a.id).then_some(group.canonical_id.as_str());
                let assigned = self.stories.add(features, copy_of);
                group.story = Some(assigned.story.0);
                group.thread = Some(assigned.thread.0);
                group.story_similarity = Some(assigned.similarity);
                group
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use marsad_article::Meta;

    use super::*;

    fn article(text: &str) -> Article {
        let meta = Meta { origin: "test".into(), format: "txt".into(), ..Meta::default() };
        Article::new(meta, text.to_string())
    }

    fn dated(text: &str, day: u32) -> Article {
        let published =
            chrono::DateTime::parse_from_rfc3339(&format!("2026-03-{:02}T09:00:00Z", day + 1)).ok();
        let meta = Meta { origin: "test".into(), format: "txt".into(), published, ..Meta::default() };
        Article::new(meta, text.to_string())
    }

    const TEXTS: [&str; 3] = [
        "افتتح وزير النقل اليوم الطريق السريع الجديد الذي يربط العاصمة بالمدن الساحلية بطول مئة وعشرين كيلومترا بعد أربع سنوات من الأشغال المتواصلة",
        "أعلنت إدارة المهرجان الوطني للمسرح عن قائمة العروض المشاركة في دورته المقبلة التي تنطلق مطلع الشهر القادم بمشاركة فرق من ثماني دول عربية",
        "قررت الحكومة رفع الدعم عن أسعار الوقود بشكل تدريجي خلال العام المقبل مع صرف تعويضات نقدية للأسر محدودة الدخل وفق ما أعلنه وزير المالية",
    ];

    #[test]
    fn copies_are_found_within_the_window_only_and_a_rerun_decides_alike() {
        // (text, day, suffix that makes it another article): with a window of two days, the
        // copy of day 5 no longer meets the original of day 0, and that of day 6 meets day 5's.
        let articles: Vec<Article> = [
            (0, 0, ""),
            (0, 0, " تابعونا"),
            (1, 1, ""),
            (0, 5, " المصدر وكالات"),
            (2, 5, ""),
            (1, 6, " المصدر وكالات"),
            (2, 6, " تابعونا"),
        ]
        .iter()
        .map(|&(text, day, suffix)| dated(&format!("{}{suffix}", TEXTS[text]), day))
        .collect();
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = Store::open(dir.path()).expect("a new store");
        let whole = GroupStage::from_store(&store, 2).expect("an empty store").decide(&articles);
        // (the position of each article's canonical article)
        let canonical: Vec<Option<usize>> =
            whole.iter().map(|g| articles.iter().position(|a| a.id == g.canonical_id)).collect();
        assert_eq!(canonical, [0, 0, 2, 3, 4, 5, 4].map(Some));

        // Stored in two runs, the second rebuilding the indexes from the store.
        let (first, rest) = articles.split_at(4);
        let groups = GroupStage::from_store(&store, 2).expect("an empty store").decide(first);
        store.put_grouped(first, &groups).expect("stored");
        let resumed = GroupStage::from_store(&store, 2).expect("the store read back").decide(rest);
        let key = |g: &Group| (g.canonical_id.clone(), g.story, g.thread);
        let two_runs: Vec<_> = groups.iter().chain(&resumed).map(key).collect();
        assert_eq!(two_runs, whole.iter().map(key).collect::<Vec<_>>());
    }

    #[test]
    fn a_rebuild_gives_the_stored_stories_and_says_when_it_does_not() {
        let articles: Vec<Article> = [
            "افتتح وزير الصحة مستشفى جديدا في مدينة الزرقاء بسعة مئتي سرير لخدمة سكان المحافظة",
            "أعلن الاتحاد المحلي لكرة القدم موعد انطلاق الدوري الجديد في منتصف الشهر المقبل",
            "قال وزير الصحة إن مستشفى الزرقاء الجديد سيخدم أكثر من نصف مليون نسمة",
        ]
        .iter()
        .map(|t| article(t))
        .collect();
        // (a stored story changed by hand, stored articles a rebuild puts elsewhere)
        for (tampered, differing) in [(false, 0), (true, 1)] {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let store = Store::open(dir.path()).expect("a new store");
            let mut groups = GroupStage::from_store(&store, DEFAULT_WINDOW_DAYS)
                .expect("an empty store")
                .decide(&articles);
            if tampered {
                groups[1].story = Some(999);
            }
            store.put_grouped(&articles, &groups).expect("stored");
            let rebuilt = GroupStage::from_store(&store, DEFAULT_WINDOW_DAYS).expect("the store read back");
            assert_eq!(rebuilt.stories_differing, differing, "tampered: {tampered}");
        }
    }
}
