//! Copies and stories at scale: ANT multi-source and SaudiNewsNet replicated with perturbations
//! to ARTICLES articles (default 1,000,000), run through `DupIndex` then `StoryIndex` one by one,
//! on one thread, reporting time, throughput and memory.
//!
//! ```text
//! nice -n 10 cargo run --release -p marsad-group --example story_scale -- ANT.tsv SNN.tsv [ARTICLES]
//! ```
//! The two feature caches come from `story_features` (see `story_eval`). The ~62,500 originals
//! are replayed in rounds; round `r` is published `r / 4` periods later (a period is the span of
//! the corpora plus 30 days) and `r % 4` × 3 hours after the original, so each period holds the
//! original news and three syndicated versions of it within hours: round 0 is the text as is,
//! the other rounds of a period change 5% of the words (`Edit::Words(0.05)`), the first round of a
//! later period changes 30% (a new story in words close to an old one). A replica keeps the
//! original's entities and outlet (with the round appended). Each article's text is analysed once
//! (`ar_search`): the term hashes give both the shingles of `DupIndex` and the story terms.
//! A copy verdict is passed to `StoryIndex::add`; a copy of an article from an earlier period is
//! outside its story's window, so it is clustered as an article of its own (only the copies
//! within a period join their canonical's story directly). Reports the load average before and
//! after, because the machine is shared.

mod common;

use std::time::Instant;

use common::{cpu_seconds, peak_memory_mib, read_cache, Cached, Result};
use marsad_group::eval::{apply_edit, Edit};
use marsad_group::hash::hash_word;
use marsad_group::{
    term_counts_of_hashes, ArticleFeatures, DupConfig, DupIndex, Shingles, StoryConfig, StoryIndex,
    TermWeights, Verdict,
};
use marsad_text::Analyzer;

const ROUNDS_PER_PERIOD: usize = 4;

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(ant), Some(snn)) = (args.first(), args.get(1)) else {
        return Err("usage: story_scale ANT.tsv SNN.tsv [ARTICLES]".into());
    };
    let wanted: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    println!("load average at start: {}", load_average());
    let started = Instant::now();
    let mut originals: Vec<Cached> = read_cache(std::path::Path::new(snn))?;
    originals.extend(read_cache(std::path::Path::new(ant))?);
    originals.retain(|d| d.features.published.is_some());
    // Each corpus in order of publication, as a feed would deliver it.
    originals
        .sort_by(|a, b| (a.features.published, &a.features.id).cmp(&(b.features.published, &b.features.id)));
    let (first, last) = (
        originals.iter().filter_map(|d| d.features.published).min().unwrap_or_default(),
        originals.iter().filter_map(|d| d.features.published).max().unwrap_or_default(),
    );
    let period = last - first + 30 * 86_400;
    let vocabulary: Vec<String> =
        originals.iter().take(1000).flat_map(|d| d.body.split_whitespace().map(str::to_string)).collect();
    let vocabulary: Vec<&str> = vocabulary.iter().map(String::as_str).collect();
    println!(
        "{} originals read in {:.1} s; building {wanted} articles",
        originals.len(),
        started.elapsed().as_secs_f64()
    );

    let cpu = || cpu_seconds().unwrap_or(f64::NAN);
    let (started, cpu_started) = (Instant::now(), cpu());
    let weights = TermWeights::default();
    let dup_config = DupConfig::default();
    let mut dups: DupIndex<u32> = DupIndex::new(dup_config.clone());
    let mut stories = StoryIndex::new(StoryConfig::default());
    let analyzer = Analyzer::ar_search();
    let (mut analyse_secs, mut dup_secs, mut story_secs) = (0.0, 0.0, 0.0);
    let (mut copies, mut copy_joined) = (0usize, 0usize);
    let mut ids: Vec<String> = Vec::with_capacity(wanted);
    let mut n = 0usize;
    'rounds: for round in 0.. {
        let shift =
            (round / ROUNDS_PER_PERIOD) as i64 * period + (round % ROUNDS_PER_PERIOD) as i64 * 3 * 3600;
        let edit = match (round, round % ROUNDS_PER_PERIOD) {
            (0, _) => None,
            (_, 0) => Some(Edit::Words(0.3)),
            _ => Some(Edit::Words(0.05)),
        };
        for (i, original) in originals.iter().enumerate() {
            if n == wanted {
                break 'rounds;
            }
            let t = Instant::now();
            let body = match edit {
                None => original.body.clone(),
                Some(edit) => apply_edit(&original.body, edit, (round as u64) << 32 | i as u64, &vocabulary),
            };
            let mut headline_terms = Vec::new();
            analyzer.for_each_token(&original.title, |tok| headline_terms.push(hash_word(&tok.text)));
            let mut body_terms = Vec::new();
            analyzer.for_each_token(&body, |tok| body_terms.push(hash_word(&tok.text)));
            let shingles = Shingles::from_term_hashes(&body_terms, dup_config.shingle_words);
            let id = format!("{}#{round}", original.features.id);
            let features = ArticleFeatures {
                id: id.clone(),
                published: original.features.published.map(|p| p + shift),
                outlet: original.features.outlet.as_ref().map(|o| format!("{o}#{round}")),
                terms: term_counts_of_hashes(&headline_terms, &body_terms, &weights),
                entities: original.features.entities.clone(),
                places: original.features.places.clone(),
                events: original.features.events.clone(),
            };
            let t2 = Instant::now();
            analyse_secs += (t2 - t).as_secs_f64();
            let verdict = dups.add_shingles(n as u32, &shingles);
            let t3 = Instant::now();
            dup_secs += (t3 - t2).as_secs_f64();
            let copy_of = match verdict {
                Verdict::CopyOf { id, .. } => {
                    copies += 1;
                    Some(id)
                }
                Verdict::Canonical => None,
            };
            let assigned = stories.add(&features, copy_of.map(|c| ids[c as usize].as_str()));
            if copy_of.is_some() && assigned.similarity == 1.0 {
                copy_joined += 1;
            }
            story_secs += t3.elapsed().as_secs_f64();
            ids.push(id);
            n += 1;
            if n.is_multiple_of(100_000) {
                eprintln!(
                    "{n} articles, {:.0} s, load {}, peak {:.0} MiB",
                    started.elapsed().as_secs_f64(),
                    load_average(),
                    peak_memory_mib().unwrap_or(f64::NAN)
                );
            }
        }
    }
    let (wall, cpu_used) = (started.elapsed().as_secs_f64(), cpu() - cpu_started);
    let story_stats = stories.stats();
    let dup_stats = dups.stats();
    println!(
        "articles: {n}; wall {wall:.1} s, CPU {cpu_used:.1} s: {:.0} articles/s wall, {:.0} per CPU second",
        n as f64 / wall,
        n as f64 / cpu_used
    );
    println!("  analysis (ar_search, shingles, terms, edits): {analyse_secs:.1} s");
    println!("  DupIndex::add_shingles: {dup_secs:.1} s");
    println!("  StoryIndex::add: {story_secs:.1} s ({:.0} articles/s)", n as f64 / story_secs);
    println!(
        "copies: {copies} ({copy_joined} joined their canonical's story); DupIndex comparisons {}, bucket overflows {}",
        dup_stats.comparisons, dup_stats.bucket_overflows
    );
    println!(
        "stories: {}; threads: {}; comparisons {}; posting entries {}; evictions {}; retired {}",
        story_stats.stories,
        story_stats.threads,
        story_stats.comparisons,
        story_stats.posting_entries,
        story_stats.posting_evictions,
        story_stats.retired
    );
    println!(
        "memory estimates: DupIndex {:.0} MiB, StoryIndex {:.0} MiB; peak resident {:.0} MiB (also all original texts)",
        dups.memory_bytes() as f64 / (1 << 20) as f64,
        stories.memory_bytes() as f64 / (1 << 20) as f64,
        peak_memory_mib().unwrap_or(f64::NAN)
    );
    println!("load average at end: {}", load_average());
    Ok(())
}
