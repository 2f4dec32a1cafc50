//! Throughput of each analysis step, and of the Rust peers doing the same or less work, on one text.
//!
//! Each row times passes over the whole text on the calling thread, by wall clock and, on Linux,
//! by this thread's CPU time (`/proc/thread-self/stat`, in 10 ms ticks), which stays meaningful on
//! a machine that is busy with other work. A step is repeated until it has run for a second, so the
//! tick size does not swamp fast steps; `ar_search` also gets a row for its first pass alone, since
//! its per-thread memo of analysed words makes later passes faster. Feed it real news bodies, not a
//! repeated paragraph: repetition inside the text flatters every cache.

use std::time::Instant;

use marsad_text::normalize::Normalizer;
use marsad_text::segment::words;
use marsad_text::{sentences, Analyzer, ANALYZER_NAMES};
use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer, TokenStream};

pub struct Row {
    pub name: String,
    /// What the step does, so rows doing different work are not compared blindly.
    pub work: &'static str,
    /// Tokens (or sentences, or bytes) produced by one pass: a check that the step did its work.
    pub items: usize,
    /// Passes over the text timed together.
    pub passes: usize,
    pub wall_seconds: f64,
    pub cpu_seconds: Option<f64>,
}

impl Row {
    /// MB of input per second of CPU time where known, else of wall time.
    pub fn mb_per_s(&self, bytes: usize) -> f64 {
        (bytes * self.passes) as f64 / 1e6 / self.cpu_seconds.unwrap_or(self.wall_seconds).max(1e-3)
    }
}

/// Seconds a step is repeated for at least.
const MIN_SECONDS: f64 = 1.0;

fn time(name: String, work: &'static str, mut step: impl FnMut() -> usize) -> Row {
    time_passes(name, work, MIN_SECONDS, &mut step)
}

fn time_passes(name: String, work: &'static str, min_seconds: f64, step: &mut impl FnMut() -> usize) -> Row {
    let (wall, cpu) = (Instant::now(), thread_cpu_seconds());
    let mut items = 0;
    let mut passes = 0;
    while passes == 0 || wall.elapsed().as_secs_f64() < min_seconds {
        items = step();
        passes += 1;
    }
    let cpu_seconds = match (cpu, thread_cpu_seconds()) {
        (Some(start), Some(end)) => Some(end - start),
        _ => None,
    };
    Row { name, work, items, passes, wall_seconds: wall.elapsed().as_secs_f64(), cpu_seconds }
}

/// Times every step of Marsad's chain and the Rust peers over `text`.
pub fn measure(text: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let normalizer = Normalizer::search();
    rows.push(time("marsad normalize (search form)".into(), "normalise", || {
        normalizer.normalize(text).len()
    }));
    rows.push(time("marsad words".into(), "tokenise", || words(text).count()));
    rows.push(time("marsad sentences".into(), "split sentences", || sentences(text).len()));
    for name in ANALYZER_NAMES {
        let Some(analyzer) = Analyzer::by_name(name) else { continue };
        // Build the chain and its lexicon before timing.
        analyzer.tokens("تهيئة");
        let work = match name {
            "ar_search" => "normalise + tokenise + clitics + stem + stopwords",
            "ar_exact" => "lossless normalise + tokenise",
            "ar_lucene" => "normalise + tokenise + Light stem + stopwords",
            "ar_snowball" => "tokenise + Snowball stem + stopwords",
            _ => "tokenise",
        };
        let mut pass = || {
            let mut n = 0;
            analyzer.for_each_token(text, |_| n += 1);
            n
        };
        if name == "ar_search" {
            rows.push(time_passes(format!("marsad {name}, first pass"), work, 0.0, &mut pass));
        }
        rows.push(time(format!("marsad {name}"), work, pass));
    }
    let mut tantivy_snowball = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::Arabic))
        .build();
    rows.push(time("tantivy simple + lowercase + snowball".into(), "tokenise + Snowball stem", || {
        let mut stream = tantivy_snowball.token_stream(text);
        let mut n = 0;
        while stream.advance() {
            n += 1;
        }
        n
    }));
    rows.push(time("charabia tokenize".into(), "segment + normalise", || {
        use charabia::Tokenize;
        text.tokenize().filter(|t| t.is_word()).count()
    }));
    rows
}

/// This thread's user + system time, from `/proc/thread-self/stat` (Linux; `None` elsewhere).
pub fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_step_produces_output() {
        let text =
            "انطلقت المحادثات بين الوفدين في مسقط صباح اليوم. وقال الوزير إن الجولة كانت مثمرة.\n".repeat(20);
        for row in super::measure(&text) {
            assert!(row.items > 0, "{} produced nothing", row.name);
            assert!(row.mb_per_s(text.len()) > 0.0);
        }
    }
}
