//! Throughput of the analysis chain on real news: the articles of the ANT corpus v1.1
//! (about 14 MB, read from `../shared` and decompressed in memory), not a repeated paragraph,
//! since repeated text flatters every cache (the `ar_search` memo most of all).
//!
//! `cargo bench -p marsad-text --bench chain`; without `../shared` it prints a notice and
//! measures nothing. Benchmarks: `normalise` (search-form folding of the whole text), `words`
//! (the tokenizer), `ar_search` and `ar_exact` (the full chains), each in bytes per second.
//! Criterion repeats each pass, so from the second pass on `ar_search` finds every word in its
//! per-thread memo: this measures the steady state of a long run. The cold single pass (every
//! distinct word analysed once) is what `marsad bench text FILE` times.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use marsad_read::{Item, Reader};
use marsad_text::normalize::Normalizer;
use marsad_text::segment::words;
use marsad_text::Analyzer;

/// The articles of the ANT v1.1 archive (headline and body) joined by blank lines, read with
/// Marsad's own reader; `None` when `../shared` is absent.
fn ant_bodies() -> Option<String> {
    let archive = marsad_testkit::shared_dir()?.join("data/ant_corpus_v1.1/antcorpus_v1.1.tar.gz");
    let mut bodies = String::new();
    Reader::new().read_paths(&[archive], |item| match item {
        Item::Article { article, .. } => {
            bodies.push_str(&article.original);
            bodies.push_str("\n\n");
        }
        Item::Rejected(e) => panic!("{e}"),
        Item::Skipped { .. } => {}
    });
    Some(bodies)
}

fn chain(c: &mut Criterion) {
    let Some(text) = ant_bodies() else { return };
    let mut group = c.benchmark_group("chain");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    let search = Normalizer::shared_search();
    group.bench_function("normalise", |b| b.iter(|| search.normalize(&text).len()));
    group.bench_function("words", |b| b.iter(|| words(&text).count()));
    for analyzer in [Analyzer::ar_search(), Analyzer::ar_exact()] {
        group.bench_function(analyzer.name(), |b| {
            b.iter(|| {
                let mut n = 0usize;
                analyzer.for_each_token(&text, |t| n += t.text.len());
                n
            })
        });
    }
    group.finish();
}

criterion_group!(benches, chain);
criterion_main!(benches);
