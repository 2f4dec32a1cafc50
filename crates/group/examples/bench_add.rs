//! Throughput and memory of copy detection on one thread: `DupIndex::add` over the corpora,
//! replicated with perturbed copies to reach a target size.
//!
//! ```text
//! cargo run --release -p marsad-group --example bench_add [-- ARTICLES [METHOD]]
//! ```
//! ARTICLES (default 100,000) are built from SaudiNewsNet, ANT multi-source and ANT v1.1 bodies
//! in that order; past the ~72,700 originals, each further article is an original with 5% of
//! its words changed (`Edit::Words(0.05)`, a new seed per round), so a quarter of a 100k run is
//! near-copies. METHOD is `minhash` (default) or `simhash`. Reports articles/s for shingling
//! (the `ar_search` chain, all articles first) and for `add` (then all of them in order), in
//! wall and CPU seconds; the recall on the injected near-copies; the index's memory estimate and
//! the process's peak resident memory (which also holds all texts and shingle sets). With `--dump PATH`, also writes every article's
//! shingle hashes (per article: a little-endian `u32` count, then that many `u64`) for the
//! datasketch comparison (`bench/group/datasketch_lsh.py`).

mod common;

use std::io::Write as _;
use std::time::Instant;

use common::{ant, cpu_seconds, peak_memory_mib, saudinewsnet, shared_dir, Result};
use marsad_group::eval::{apply_edit, Edit};
use marsad_group::{DupConfig, DupIndex, Method, Shingles, Verdict};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dump = args.iter().position(|a| a == "--dump").and_then(|i| args.get(i + 1)).cloned();
    let positional: Vec<&String> =
        args.iter().filter(|a| !a.starts_with("--") && Some(*a) != dump.as_ref()).collect();
    let wanted: usize = positional.first().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let method = match positional.get(1).map(|s| s.as_str()) {
        Some("simhash") => Method::SimHash { max_distance: 3 },
        _ => DupConfig::default().method,
    };

    let data = shared_dir().join("data");
    let mut originals: Vec<String> =
        saudinewsnet(&data.join("saudinewsnet/dataset"))?.into_iter().map(|d| d.body).collect();
    for archive in [
        "ant_corpus_multisource_v2.1/antcorpus_multisource_v2.1.tar.gz",
        "ant_corpus_v1.1/antcorpus_v1.1.tar.gz",
    ] {
        originals.extend(ant(&data.join(archive))?.into_iter().map(|d| d.body));
    }
    let vocabulary: Vec<String> =
        originals.iter().take(1000).flat_map(|b| b.split_whitespace().map(str::to_string)).collect();
    let vocabulary: Vec<&str> = vocabulary.iter().map(String::as_str).collect();
    let mut bodies: Vec<String> = Vec::with_capacity(wanted);
    let mut round = 0u64;
    while bodies.len() < wanted && !originals.is_empty() {
        for (i, body) in originals.iter().enumerate() {
            if bodies.len() == wanted {
                break;
            }
            bodies.push(if round == 0 {
                body.clone()
            } else {
                apply_edit(body, Edit::Words(0.05), round << 32 | i as u64, &vocabulary)
            });
        }
        round += 1;
    }
    let words: usize = bodies.iter().map(|b| b.split_whitespace().count()).sum();
    let config = DupConfig { method, ..DupConfig::default() };
    let mut out = match &dump {
        Some(path) => {
            Some(std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?))
        }
        None => None,
    };

    let cpu = || cpu_seconds().unwrap_or(f64::NAN);
    let (started, cpu_started) = (Instant::now(), cpu());
    let mut shingles = Vec::with_capacity(bodies.len());
    for body in &mut bodies {
        shingles.push(Shingles::from_text(&std::mem::take(body), config.shingle_words));
    }
    let (shingle_seconds, shingle_cpu) = (started.elapsed().as_secs_f64(), cpu() - cpu_started);
    if let Some(out) = out.as_mut() {
        for s in &shingles {
            out.write_all(&(s.len() as u32).to_le_bytes())?;
            for h in s.hashes() {
                out.write_all(&h.to_le_bytes())?;
            }
        }
        out.flush()?;
    }

    let (started, cpu_started) = (Instant::now(), cpu());
    let mut index = DupIndex::new(config.clone());
    let (mut copies, mut injected_found) = (0usize, 0usize);
    for (i, s) in shingles.iter().enumerate() {
        if matches!(index.add_shingles(i, s), Verdict::CopyOf { .. }) {
            copies += 1;
            injected_found += usize::from(i >= originals.len());
        }
    }
    let (add_seconds, add_cpu) = (started.elapsed().as_secs_f64(), cpu() - cpu_started);
    let n = shingles.len();
    let injected = n.saturating_sub(originals.len());
    let stats = index.stats();
    println!(
        "method: {}; articles: {n} ({} originals); words: {words}; copies found: {copies}",
        method.label(),
        originals.len().min(n)
    );
    println!("injected 5% copies found: {injected_found} of {injected}");
    let rate = |seconds: f64| n as f64 / seconds;
    println!(
        "shingling (ar_search + hashing): {shingle_seconds:.2} s wall, {shingle_cpu:.2} s CPU, {:.0} articles per CPU second",
        rate(shingle_cpu)
    );
    println!(
        "add (sketch + candidates + confirm): {add_seconds:.2} s wall, {add_cpu:.2} s CPU, {:.0} articles per CPU second",
        rate(add_cpu)
    );
    println!("both: {:.0} articles per CPU second", rate(shingle_cpu + add_cpu));
    println!("index memory estimate: {:.0} MiB", index.memory_bytes() as f64 / (1 << 20) as f64);
    println!(
        "comparisons: {}; bucket entries: {}; bucket overflows: {}",
        stats.comparisons, stats.bucket_entries, stats.bucket_overflows
    );
    if let Some(mib) = peak_memory_mib() {
        println!("peak resident memory: {mib:.0} MiB (all texts, all shingle sets and the index)");
    }
    Ok(())
}
