//! Throughput of the analysis steps on a real text file, in MB/s of input.
//!
//! `cargo run --release -p marsad-text --example bench_text FILE...` prints one line per step:
//! search-form normalisation of the whole text, the word tokenizer, sentence splitting, and each
//! named chain, per second of wall time and, on Linux, per second of this thread's CPU time (from
//! `/proc/thread-self/stat`, 10 ms ticks), which stays meaningful on a machine shared with other
//! jobs. Use real news bodies (e.g. the ANT corpus v1.1 `<TEXT>`s), not a repeated paragraph:
//! repetition flatters every cache.

use std::time::Instant;

use marsad_text::normalize::Normalizer;
use marsad_text::segment::words;
use marsad_text::{sentences, Analyzer, ANALYZER_NAMES};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut text = String::new();
    for path in std::env::args().skip(1) {
        text.push_str(&std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?);
        text.push('\n');
    }
    if text.trim().is_empty() {
        return Err("usage: bench_text FILE...".into());
    }
    let megabytes = text.len() as f64 / 1e6;
    println!("input: {megabytes:.1} MB");
    let report = |step: &str, items: usize, (seconds, cpu): (f64, Option<f64>)| {
        let per_cpu = cpu.map_or_else(|| "-".to_string(), |c| format!("{:.1}", megabytes / c.max(0.01)));
        println!("{step:<20} {:>7.1} MB/s wall {per_cpu:>7} MB/s cpu  ({items} items)", megabytes / seconds);
    };
    let normalizer = Normalizer::search();
    let started = Clock::start();
    let folded = normalizer.normalize(&text).len();
    report("normalize (search)", folded, started.stop());
    let started = Clock::start();
    let count = words(&text).count();
    report("words", count, started.stop());
    let started = Clock::start();
    let count = sentences(&text).len();
    report("sentences", count, started.stop());
    for name in ANALYZER_NAMES {
        let Some(analyzer) = Analyzer::by_name(name) else { continue };
        // Build the chain (and its lexicon) before timing.
        analyzer.tokens("تهيئة");
        let started = Clock::start();
        let mut count = 0usize;
        analyzer.for_each_token(&text, |_| count += 1);
        report(name, count, started.stop());
    }
    Ok(())
}

/// Wall and thread CPU time since `start`.
struct Clock {
    wall: Instant,
    cpu: Option<f64>,
}

impl Clock {
    fn start() -> Clock {
        Clock { wall: Instant::now(), cpu: thread_cpu_seconds() }
    }

    fn stop(&self) -> (f64, Option<f64>) {
        let cpu = match (self.cpu, thread_cpu_seconds()) {
            (Some(start), Some(end)) => Some(end - start),
            _ => None,
        };
        (self.wall.elapsed().as_secs_f64(), cpu)
    }
}

/// This thread's user + system time, from `/proc/thread-self/stat` (Linux; `None` elsewhere).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
