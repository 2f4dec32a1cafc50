//! Story clustering on ANT multi-source v2.1 (5 outlets, Feb–Oct 2018), scored against the
//! hand-labelled pairs of `testdata/story_pairs.tsv`, with ten story timelines for the docs.
//!
//! ```text
//! target/release/marsad analyze ../shared/data/ant_corpus_multisource_v2.1/antcorpus_multisource_v2.1.tar.gz \
//!   | cargo run --release -p marsad-group --example story_features -- target/group/tmp/ant_features.tsv
//! cargo run --release -p marsad-group --example story_eval -- target/group/tmp/ant_features.tsv
//! ```
//! Articles are added in order of publication (ties by id) to one `StoryIndex` per setting, or
//! with `--archive-order` in the order of the cache, which is the order `marsad ingest` reads the
//! archive in (outlet by outlet, category by category); add `retire_days=731` to retire stories
//! as ingest does. Settings are `name=value` (see `configured`).
//! A labelled pair counts as clustered together when both articles got the same story. The
//! similarity threshold is swept and scored on the odd and even halves of the labels apart, so
//! that a threshold chosen on one half can be checked on the other.

mod common;

use std::collections::BTreeMap;
use std::time::Instant;

use common::{read_cache, Cached, Result};
use marsad_group::eval::PairScore;
use marsad_group::{term_counts, StoryConfig, StoryId, StoryIndex, TermWeights};

struct Label {
    first: String,
    second: String,
    stratum: String,
    same: bool,
}

fn read_labels(path: &str) -> Result<Vec<Label>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut labels = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let [first, second, stratum, same] = f.as_slice() else {
            return Err(format!("{path}: line {}: expected 4 tab-separated fields", n + 1).into());
        };
        let same = match *same {
            "yes" => true,
            "no" => false,
            other => {
                return Err(format!("{path}: line {}: label {other:?}, expected yes or no", n + 1).into())
            }
        };
        labels.push(Label {
            first: first.to_string(),
            second: second.to_string(),
            stratum: stratum.to_string(),
            same,
        });
    }
    Ok(labels)
}

fn run(docs: &[Cached], config: StoryConfig) -> (StoryIndex, f64) {
    let started = Instant::now();
    let mut index = StoryIndex::new(config);
    for d in docs {
        index.add(&d.features, None);
    }
    (index, started.elapsed().as_secs_f64())
}

fn score<'a>(index: &StoryIndex, labels: impl Iterator<Item = &'a Label>) -> PairScore {
    PairScore::of(labels.map(|l| {
        let story = |id: &str| index.assignment(id).map(|a| a.story);
        let together = story(&l.first).is_some() && story(&l.first) == story(&l.second);
        (l.same, together)
    }))
}

/// The default configuration with `name=value` settings (for tuning runs).
fn configured<'a>(settings: impl Iterator<Item = &'a String>) -> Result<(StoryConfig, TermWeights)> {
    let mut c = StoryConfig::default();
    let mut w = TermWeights::default();
    for setting in settings {
        let (name, value) = setting.split_once('=').unwrap_or_default();
        let number: f64 = value.parse().map_err(|_| format!("{setting}: not a number"))?;
        match name {
            "min_similarity" => c.min_similarity = number as f32,
            "thread_similarity" => c.thread_similarity = number as f32,
            "min_centroid_similarity" => c.min_centroid_similarity = number as f32,
            "recent_articles" => c.recent_articles = number as usize,
            "time_decay" => c.time_decay = number as f32,
            "article_features" => c.article_features = number as usize,
            "key_features" => c.key_features = number as usize,
            "key_entities" => c.key_entities = number as usize,
            "centroid_features" => c.centroid_features = number as usize,
            "max_candidates" => c.max_candidates = number as usize,
            "entity_weight" => c.entity_weight = number as f32,
            "window_days" => c.window_secs = (number * 86400.0) as i64,
            "max_story_days" => c.max_story_secs = (number * 86400.0) as i64,
            "retire_days" => c.retire_after_secs = (number * 86400.0) as i64,
            "posting_cap" => c.posting_cap = number as usize,
            "headline" => w.headline = number as u32,
            "lead" => w.lead = number as u32,
            "lead_terms" => w.lead_terms = number as usize,
            "max_body_terms" => w.max_body_terms = number as usize,
            _ => return Err(format!("{name}: unknown setting").into()),
        }
    }
    Ok((c, w))
}

fn day(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0).map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cache) = args.first() else {
        return Err("usage: story_eval FEATURES.tsv [LABELS.tsv]".into());
    };
    let archive_order = args.iter().any(|a| a == "--archive-order");
    let labels_path = args
        .get(1)
        .filter(|a| !a.contains('=') && !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| format!("{}/testdata/story_pairs.tsv", env!("CARGO_MANIFEST_DIR")));
    let (base, weights) = configured(args.iter().filter(|a| a.contains('=')))?;
    let labels = read_labels(&labels_path)?;
    let mut docs = read_cache(std::path::Path::new(cache))?;
    // Terms again from the text, with the weights being measured.
    for d in &mut docs {
        d.features.terms = term_counts(&d.title, &d.body, &weights);
    }
    if !archive_order {
        docs.sort_by(|a, b| {
            (a.features.published, &a.features.id).cmp(&(b.features.published, &b.features.id))
        });
    }
    let titles: BTreeMap<&str, &Cached> = docs.iter().map(|d| (d.features.id.as_str(), d)).collect();
    for l in &labels {
        for id in [&l.first, &l.second] {
            if !titles.contains_key(id.as_str()) {
                return Err(format!("{labels_path}: {id} is not in {cache}").into());
            }
        }
    }
    let positives = labels.iter().filter(|l| l.same).count();
    println!("{} articles; {} labelled pairs ({positives} same story)\n", docs.len(), labels.len());

    println!("| min similarity | P | R | F1 | F1 odd pairs | F1 even pairs | stories | seconds |");
    println!("|---|---|---|---|---|---|---|---|");
    for min_similarity in [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5] {
        let (index, seconds) = run(&docs, StoryConfig { min_similarity, ..base.clone() });
        let all = score(&index, labels.iter());
        let odd = score(&index, labels.iter().step_by(2));
        let even = score(&index, labels.iter().skip(1).step_by(2));
        println!(
            "| {min_similarity:.2} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {} | {seconds:.1} |",
            all.precision(),
            all.recall(),
            all.f1(),
            odd.f1(),
            even.f1(),
            index.stats().stories
        );
    }

    let (index, seconds) = run(&docs, base);
    let stats = index.stats();
    let all = score(&index, labels.iter());
    println!(
        "\ndefault ({:.2}): P {:.3} R {:.3} F1 {:.3} (tp {}, fp {}, fn {}, tn {}); {seconds:.1} s",
        index.config().min_similarity,
        all.precision(),
        all.recall(),
        all.f1(),
        all.true_positives,
        all.false_positives,
        all.false_negatives,
        all.true_negatives
    );
    for stratum in ["plausible", "random"] {
        let s = score(&index, labels.iter().filter(|l| l.stratum == stratum));
        println!("  {stratum}: P {:.3} R {:.3} F1 {:.3}", s.precision(), s.recall(), s.f1());
    }
    println!(
        "{} stories, {} threads; comparisons {}, posting evictions {}, retired {}, memory {:.1} MiB",
        stats.stories,
        stats.threads,
        stats.comparisons,
        stats.posting_evictions,
        stats.retired,
        index.memory_bytes() as f64 / (1 << 20) as f64
    );
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for s in 0..stats.stories {
        if let Some(info) = index.story(StoryId(s as u32)) {
            *sizes.entry(info.articles.min(10)).or_default() += 1;
        }
    }
    println!("stories by size (10 = 10 or more): {sizes:?}");

    for l in labels.iter().filter(|l| {
        let story = |id: &str| index.assignment(id).map(|a| a.story);
        l.same != (story(&l.first) == story(&l.second))
    }) {
        let show = |id: &str| {
            index
                .assignment(id)
                .map(|a| {
                    let size = index.story(a.story).map_or(0, |s| s.articles);
                    format!(
                        "story {} ({size}) sim {:.2}{}",
                        a.story.0,
                        a.similarity,
                        if a.new_story { " new" } else { "" }
                    )
                })
                .unwrap_or_default()
        };
        eprintln!(
            "{}\t{} | {}\t{}\t{}\t{}",
            if l.same { "missed" } else { "wrongly joined" },
            show(&l.first),
            show(&l.second),
            l.first,
            titles[l.first.as_str()].title,
            titles[l.second.as_str()].title
        );
    }

    // Ten timelines: the stories covered by the most outlets, then the most articles.
    let mut stories: Vec<_> = (0..stats.stories).filter_map(|s| index.story(StoryId(s as u32))).collect();
    stories.sort_by(|a, b| (b.outlets.len(), b.articles, a.id).cmp(&(a.outlets.len(), a.articles, b.id)));
    println!("\n| story | title | outlets | first seen | last seen | articles | thread stories |");
    println!("|---|---|---|---|---|---|---|");
    for info in stories.iter().take(10) {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            info.id.0,
            titles[info.title_article.as_str()].title,
            info.outlets.join(", "),
            day(info.first_seen),
            day(info.last_seen),
            info.articles,
            index.thread_stories(info.thread).len()
        );
    }
    if let Some(info) = stories.first() {
        println!("\ntimeline of story {}:", info.id.0);
        for (id, time, _) in index.timeline(info.id) {
            println!("  {} {id} {}", day(time), titles[id].title);
        }
        println!("related to {}:", info.title_article);
        for r in index.related(&info.title_article, 8) {
            println!("  {:.2} {:?} {} {}", r.score, r.reason, r.id, titles[r.id.as_str()].title);
        }
        let thread = index.thread_stories(info.thread);
        println!("thread of story {} ({} stories):", info.id.0, thread.len());
        for s in thread.iter().take(12) {
            if let Some(t) = index.story(*s) {
                println!(
                    "  {} to {} ({} articles) {}",
                    day(t.first_seen),
                    day(t.last_seen),
                    t.articles,
                    titles[t.title_article.as_str()].title
                );
            }
        }
    }
    Ok(())
}
