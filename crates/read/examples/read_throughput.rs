//! The reading stage alone over some inputs (a WARC built by `build_warc`, a folder of pages): one
//! thread, articles per second (wall and per CPU second), MB per second of decompressed input, skips by language, rejections
//! by reason, and the process's peak resident memory (Linux `VmHWM`).
//!
//! Usage: `read_throughput INPUT...`

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use marsad_read::{Item, Reader};

fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU seconds this process has used (user and system), from `/proc/self/stat` in clock ticks of
/// 1/100 s, so a machine shared with other work does not make the stage look slower than it is.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

fn main() {
    let inputs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let (mut languages, mut reasons) = (BTreeMap::new(), BTreeMap::new());
    let (started, cpu_started) = (Instant::now(), cpu_seconds());
    let totals = Reader::new().read_paths(&inputs, |item| match item {
        Item::Article { .. } => {}
        Item::Skipped { lang: Some(lang), .. } => *languages.entry(lang).or_insert(0u64) += 1,
        Item::Skipped { .. } => {}
        Item::Rejected(e) => *reasons.entry(e.reason.name()).or_insert(0u64) += 1,
    });
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    println!(
        "{} articles in {seconds:.2} s: {:.0} articles/s, {:.2} MB/s ({} MB read), 1 thread",
        totals.articles,
        totals.articles as f64 / seconds,
        totals.bytes as f64 / 1e6 / seconds,
        totals.bytes / 1_000_000
    );
    if let (Some(before), Some(after)) = (cpu_started, cpu_seconds()) {
        let cpu = (after - before).max(1e-9);
        println!(
            "CPU {cpu:.2} s: {:.0} articles/s and {:.2} MB/s per CPU second",
            totals.articles as f64 / cpu,
            totals.bytes as f64 / 1e6 / cpu
        );
    }
    println!(
        "skipped for language: {languages:?}; rejected: {reasons:?}; skipped in all: {}",
        totals.skipped
    );
    if let Some(kib) = peak_memory_kib() {
        println!("peak memory: {:.1} MiB", kib as f64 / 1024.0);
    }
}
