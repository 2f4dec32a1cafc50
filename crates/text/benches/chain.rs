//! Throughput of the analysis chain on real news: the `<TEXT>` bodies of the ANT corpus v1.1
//! (about 12 MB, read from `../shared` and decompressed in memory), not a repeated paragraph,
//! since repeated text flatters every cache (the `ar_search` memo most of all).
//!
//! `cargo bench -p marsad-text --bench chain`; without `../shared` it prints a notice and
//! measures nothing. Benchmarks: `normalise` (search-form folding of the whole text), `words`
//! (the tokenizer), `ar_search` and `ar_exact` (the full chains), each in bytes per second.
//! Criterion repeats each pass, so from the second pass on `ar_search` finds every word in its
//! per-thread memo: this measures the steady state of a long run. The cold single pass (every
//! distinct word analysed once) is what `marsad bench text FILE` times.

use std::io::Read;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use marsad_text::normalize::Normalizer;
use marsad_text::segment::words;
use marsad_text::Analyzer;

/// The corpus archive, relative to the crate.
const ANT: &str = "../../../shared/data/ant_corpus_v1.1/antcorpus_v1.1.tar.gz";

/// The `<TEXT>` bodies of the archive joined by blank lines; `None` when `../shared` is absent.
fn ant_bodies() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(ANT);
    if !path.is_file() {
        println!("skipped: ../shared not found ({})", path.display());
        return None;
    }
    match read_bodies(&path) {
        Ok(text) => Some(text),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

fn read_bodies(path: &Path) -> std::io::Result<String> {
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(std::fs::File::open(path)?));
    let mut bodies = String::new();
    for entry in archive.entries()? {
        let mut entry = entry?;
        if !entry.path()?.to_string_lossy().ends_with(".txt") {
            continue;
        }
        let mut raw = Vec::new();
        entry.read_to_end(&mut raw)?;
        let doc = String::from_utf8_lossy(&raw);
        if let Some(start) = doc.find("<TEXT>") {
            let body = &doc[start + "<TEXT>".len()..];
            let end = body.find("</TEXT>").unwrap_or(body.len());
            bodies.push_str(&body[..end]);
            bodies.push_str("\n\n");
        }
    }
    Ok(bodies)
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
