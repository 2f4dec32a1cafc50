//! `marsad bench pipeline PATH...`: the cost of each stage an article goes through, per core.
//!
//! Reads the articles into memory first (reading is timed on its own), then runs each stage over all
//! of them on one thread, one stage at a time, keeping what the next stage needs: clean, sentences,
//! entities, times, events, quotes, copy detection, then the store (into a temporary folder). Each
//! row gives this thread's CPU time (so the figures hold on a busy machine), articles per
//! CPU-second, and words per CPU-second for the text stages. The last row, the sum, is the
//! one-core throughput of the whole pipeline; `marsad ingest` spreads the per-article stages over
//! all cores.
//!
//! `marsad bench ner --news PATH...` times one stage's core the same way: the entity tagger alone
//! over the same articles, read and split first.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use marsad_article::{Article, Span};
use marsad_bench::throughput::thread_cpu_seconds;
use marsad_extract::{entities, events, quotes, times};
use marsad_group::{DupConfig, DupIndex};
use marsad_store::{Group, Store};

use crate::pipeline::Input;

struct Stage {
    name: &'static str,
    cpu_seconds: f64,
    /// How many things the stage found, as a check that it did its work.
    found: usize,
}

/// `count` per second of `seconds`, or `—` when the time is too short to measure (a rate from a
/// few clock ticks would be noise, or infinite).
fn rate(count: usize, seconds: f64) -> String {
    if seconds < 0.02 {
        "—".to_string()
    } else {
        format!("{:.0}", count as f64 / seconds)
    }
}

/// Runs `step` and returns its result with the CPU seconds it took on this thread (wall time where
/// the platform has no per-thread clock).
fn timed<T>(step: impl FnOnce() -> T) -> (T, f64) {
    let (cpu, wall) = (thread_cpu_seconds(), Instant::now());
    let out = step();
    let seconds = match (cpu, thread_cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => wall.elapsed().as_secs_f64(),
    };
    (out, seconds)
}

/// The first `limit` articles of `paths`, and how many inputs were rejected.
fn read_articles(paths: &[PathBuf], limit: usize) -> (Vec<Article>, usize) {
    let (mut articles, mut rejected) = (Vec::new(), 0);
    crate::pipeline::read_all(paths, |input| match input {
        Input::Article(a, ..) if articles.len() < limit => articles.push(a),
        Input::Rejected(_) => rejected += 1,
        Input::Article(..) | Input::Skipped { .. } => {}
    });
    (articles, rejected)
}

pub fn bench_pipeline(paths: &[PathBuf], limit: usize) -> Result<()> {
    let ((mut articles, rejected), read_seconds) = timed(|| read_articles(paths, limit));
    let n = articles.len();
    let bytes: usize = articles.iter().map(|a| a.original.len()).sum();
    let mut stages = vec![Stage { name: "read", cpu_seconds: read_seconds, found: n }];

    let (cleaned, s) = timed(|| articles.iter_mut().map(marsad_clean::clean).filter(Result::is_ok).count());
    stages.push(Stage { name: "clean", cpu_seconds: s, found: cleaned });
    let words: usize = articles.iter().map(|a| a.clean.split_whitespace().count()).sum();

    let (sentences, s) =
        timed(|| articles.iter().map(|a| marsad_text::sentences(&a.clean)).collect::<Vec<_>>());
    stages.push(Stage { name: "sentences", cpu_seconds: s, found: sentences.iter().map(Vec::len).sum() });

    let places: Vec<Vec<_>> =
        articles.iter().map(|a| a.dateline_places().map(Span::range).collect()).collect();
    let (found_entities, s) = timed(|| {
        articles
            .iter()
            .zip(&sentences)
            .zip(&places)
            .map(|((a, ss), p)| entities::find_entities(&a.clean, ss, p))
            .collect::<Vec<_>>()
    });
    stages.push(Stage { name: "entities", cpu_seconds: s, found: found_entities.iter().map(Vec::len).sum() });

    let (found_times, s) =
        timed(|| articles.iter().map(|a| times::find_times(&a.clean, a.meta.published)).collect::<Vec<_>>());
    stages.push(Stage { name: "times", cpu_seconds: s, found: found_times.iter().map(Vec::len).sum() });

    let (found_events, s) = timed(|| {
        let mut count = 0;
        for (i, a) in articles.iter().enumerate() {
            let e = events::find_events(
                &a.clean,
                &sentences[i],
                &found_entities[i],
                &found_times[i],
                a.meta.published,
                &places[i],
            );
            count += e.len();
        }
        count
    });
    stages.push(Stage { name: "events", cpu_seconds: s, found: found_events });

    let (found_quotes, s) = timed(|| {
        articles
            .iter()
            .enumerate()
            .map(|(i, a)| quotes::find_quotes(&a.clean, &sentences[i], &found_entities[i]).len())
            .sum::<usize>()
    });
    stages.push(Stage { name: "quotes", cpu_seconds: s, found: found_quotes });

    // The store needs whole articles: run the extraction stage for real (not timed again).
    let options = marsad_extract::Options::default();
    articles.retain_mut(|a| marsad_extract::run(a, &options).is_ok());

    let ((copies, groups), s) = timed(|| {
        let mut index = DupIndex::new(DupConfig::default());
        let groups: Vec<Group> = articles
            .iter()
            .map(|a| match index.add_article(a) {
                marsad_group::Verdict::CopyOf { id, similarity } => Group::copy_of(&id, similarity),
                marsad_group::Verdict::Canonical => Group::canonical(&a.id),
            })
            .collect();
        (groups.iter().zip(&articles).filter(|(g, a)| g.canonical_id != a.id).count(), groups)
    });
    stages.push(Stage { name: "copies", cpu_seconds: s, found: copies });

    let dir = tempfile::tempdir().context("cannot make a temporary store")?;
    let store = Store::open(dir.path())?;
    let (stored, s) = timed(|| -> Result<usize> {
        let mut stored = 0;
        for (chunk, groups) in articles.chunks(512).zip(groups.chunks(512)) {
            stored += store.put_grouped(chunk, groups)?.stored;
        }
        Ok(stored)
    });
    stages.push(Stage { name: "store + index", cpu_seconds: s, found: stored? });

    outln!(
        "input: {n} articles, {:.1} MB, {words} words ({rejected} inputs rejected); one thread, CPU time",
        bytes as f64 / 1e6
    );
    outln!("| stage | CPU s | articles/s | words/s | found |");
    outln!("|---|---:|---:|---:|---:|");
    let total: f64 = stages.iter().map(|s| s.cpu_seconds).sum();
    for stage in &stages {
        let (secs, found) = (stage.cpu_seconds, stage.found);
        outln!("| {} | {secs:.2} | {} | {} | {found} |", stage.name, rate(n, secs), rate(words, secs));
    }
    outln!("| **all stages** | {total:.2} | {} | {} | |", rate(n, total), rate(words, total));
    // Issue 6 states the event coder's speed per sentence.
    if let Some(events) = stages.iter().find(|s| s.name == "events") {
        let count: usize = sentences.iter().map(Vec::len).sum();
        outln!("events: {} sentences/s on one core", rate(count, events.cpu_seconds));
    }
    Ok(())
}

/// `marsad bench ner --news PATH...`: the entity tagger alone (features and both passes) over the
/// articles of `paths` as one stream on one thread, each article tagged once as `marsad ingest`
/// tags it: cleaned and split into sentences and words first (untimed), in a fresh process, so the
/// per-word caches start empty and fill as news repeats its words. Prints tokens per CPU second.
pub fn bench_ner_news(paths: &[PathBuf], limit: usize) -> Result<()> {
    let (mut articles, _) = read_articles(paths, limit);
    articles.retain_mut(|a| marsad_clean::clean(a).is_ok());
    anyhow::ensure!(!articles.is_empty(), "no article could be read and cleaned from the paths given");
    let mut punctuation = 0;
    let documents: Vec<Vec<Vec<&str>>> = articles
        .iter()
        .map(|a| {
            marsad_text::sentences(&a.clean)
                .into_iter()
                .map(|range| {
                    let sentence = &a.clean[range];
                    let tokens: Vec<_> = marsad_text::segment::words(sentence).collect();
                    punctuation += tokens.iter().filter(|t| t.kind == marsad_text::TokenKind::Punct).count();
                    tokens.iter().map(|t| &sentence[t.start..t.end]).collect()
                })
                .collect()
        })
        .collect();
    let tokens: usize = documents.iter().flatten().map(Vec::len).sum();
    let distinct = documents.iter().flatten().flatten().collect::<std::collections::HashSet<_>>().len();
    let model = entities::builtin_model();
    // Load the tables the features read before the clock starts.
    model.tag(&["تمهيد"]);
    let wall = Instant::now();
    let (tagged, cpu_seconds) = timed(|| {
        documents
            .iter()
            .map(|d| model.tag_document(d).iter().flatten().filter(|&&t| t != entities::Tag::O).count())
            .sum::<usize>()
    });
    outln!(
        "entity tagging, {} articles, {tokens} tokens ({punctuation} of them punctuation; {distinct} distinct), one thread, caches empty at the start",
        documents.len()
    );
    outln!(
        "  {:.0} tokens per CPU second ({cpu_seconds:.2} CPU s, {:.2} s wall; {tagged} tokens tagged as entities)",
        tokens as f64 / cpu_seconds,
        wall.elapsed().as_secs_f64()
    );
    Ok(())
}
