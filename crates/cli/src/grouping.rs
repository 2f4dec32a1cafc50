//! The group stage of `marsad ingest`: decides, article by article in input order, whether a new
//! article is a near-copy of an earlier one ([`marsad_group::DupIndex`]) and which story and thread
//! it belongs to ([`marsad_group::StoryIndex`]).
//!
//! Both indexes live in memory. They are rebuilt at the start of every ingest from the articles the
//! store holds, in the order they were stored and with the copy groups they were stored with, so an
//! ingest that was killed and rerun decides the remaining articles exactly as an uninterrupted run
//! would, and story numbers stay stable as the corpus grows. Shingles and features are computed on
//! all cores; the decisions run in order on one thread, which keeps them deterministic.

use anyhow::{Context, Result};
use marsad_article::Article;
use marsad_group::{ArticleFeatures, DupConfig, DupIndex, StoryConfig, StoryIndex, Verdict};
use marsad_store::{Group, Store};
use rayon::prelude::*;

/// How far back in time an ingest may jump and still join the stories it left: corpora arrive
/// outlet by outlet (each in time order), so every outlet starts again at the corpus's first day,
/// and a story retired before the next outlet reaches its days is lost to it. Two years covers
/// the archives measured here (ANT multi-source spans eight months: with half a year, stories as
/// ingest builds them scored pairwise F1 0.68 against 0.84 in publication order; see
/// docs/evaluation.md). Memory grows with the stories kept live (about 65 MiB for ANT's 31,525
/// articles).
const ARCHIVE_LAG_SECS: i64 = 731 * 24 * 60 * 60;

/// Stored articles read back per parallel step when rebuilding.
const REBUILD_CHUNK: usize = 1024;

pub struct GroupStage {
    copies: DupIndex<String>,
    stories: StoryIndex,
    /// Stored articles that the rebuilt story index put in another story than the one stored (a
    /// store grouped by an earlier version of the story settings).
    stories_differing: usize,
}

impl GroupStage {
    /// The copy and story indexes of every article `store` holds.
    pub fn from_store(store: &Store) -> Result<GroupStage> {
        let stories = StoryConfig { retire_after_secs: ARCHIVE_LAG_SECS, ..StoryConfig::default() };
        let mut stage = GroupStage {
            copies: DupIndex::new(DupConfig::default()),
            stories: StoryIndex::new(stories),
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
            if let Some(s) = shingles {
                self.copies.add_shingles(a.id.clone(), s);
            }
            let copy_of = (g.canonical_id != a.id).then_some(g.canonical_id.as_str());
            let rebuilt = self.stories.add(features, copy_of);
            if g.story.is_some_and(|stored| stored != rebuilt.story.0) {
                self.stories_differing += 1;
            }
        }
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
                let mut group = match self.copies.add_shingles(a.id.clone(), shingles) {
                    Verdict::CopyOf { id, similarity } => Group::copy_of(&id, similarity),
                    Verdict::Canonical => Group::canonical(&a.id),
                };
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
            let mut groups = GroupStage::from_store(&store).expect("an empty store").decide(&articles);
            if tampered {
                groups[1].story = Some(999);
            }
            store.put_grouped(&articles, &groups).expect("stored");
            let rebuilt = GroupStage::from_store(&store).expect("the store read back");
            assert_eq!(rebuilt.stories_differing, differing, "tampered: {tampered}");
        }
    }
}
