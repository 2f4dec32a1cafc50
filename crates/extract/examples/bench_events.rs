//! Throughput of the events layer on the ANT multi-source corpus (read with `marsad-read`, cleaned
//! with `marsad-clean`): sentences per second through `events::find_events` alone (sentences,
//! entities and times are computed first and not timed), on one core, and the events per type.
//!
//! `nice -n 10 cargo run --release -p marsad-extract --example bench_events [-- MAX_ARTICLES]`
//! (default 3,000 articles; the corpus is `../shared/data/ant_corpus_multisource_v2.1`).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use marsad_article::Span;
use marsad_extract::events::find_events;
use marsad_read::{Item, Reader};

fn main() -> ExitCode {
    let max_articles: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        None => 3_000,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("bench_events: MAX_ARTICLES: {e}");
            return ExitCode::from(2);
        }
    };
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ant_corpus_multisource_v2.1/antcorpus_multisource_v2.1.tar.gz");
    if !corpus.exists() {
        eprintln!("bench_events: {}: not found", corpus.display());
        return ExitCode::from(2);
    }
    // The tables are parsed once per process; timed apart from the per-sentence work.
    let load = Instant::now();
    let triggers = marsad_extract::events::Lexicon::builtin().trigger_count();
    println!("tables: {triggers} trigger rows parsed in {:.0} ms", load.elapsed().as_secs_f64() * 1e3);
    let mut articles = 0usize;
    let mut sentences = 0usize;
    let mut spent = Duration::ZERO;
    let mut per_type: BTreeMap<String, usize> = BTreeMap::new();
    let mut with_source = 0usize;
    Reader::new().read_paths(&[corpus], |item| {
        let Item::Article { mut article, .. } = item else { return };
        if articles >= max_articles || marsad_clean::clean(&mut article).is_err() {
            return;
        }
        articles += 1;
        let clean = &article.clean;
        let sentence_ranges = marsad_text::sentences(clean);
        let dateline: Vec<_> = article.dateline_places().map(Span::range).collect();
        let entities = marsad_extract::entities::find_entities(clean, &sentence_ranges, &dateline);
        let times = marsad_extract::times::find_times(clean, article.meta.published);
        let start = Instant::now();
        let events =
            find_events(clean, &sentence_ranges, &entities, &times, article.meta.published, &dateline);
        spent += start.elapsed();
        sentences += sentence_ranges.len();
        for event in &events {
            *per_type.entry(event.label.clone()).or_default() += 1;
            with_source += usize::from(event.attrs.contains_key("source"));
        }
    });
    let total: usize = per_type.values().sum();
    println!(
        "{articles} articles, {sentences} sentences, {total} events ({with_source} with a source) in {:.2} s of find_events",
        spent.as_secs_f64()
    );
    println!("throughput: {:.0} sentences/s on one core", sentences as f64 / spent.as_secs_f64().max(1e-9));
    for (plover, count) in &per_type {
        println!("{plover:<10} {count:>7}");
    }
    ExitCode::SUCCESS
}
