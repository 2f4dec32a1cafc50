//! `marsad ingest` and `marsad watch`: process batches of articles on all cores, group them with
//! what the store holds, store each batch in one commit, and count what was read, stored, already
//! there and rejected.
//!
//! A bad input is reported as it is met and counted by reason and format; the batch goes on.
//! Because each batch is committed before the next is stored and the store skips ids it holds, a
//! rerun after an interruption stores exactly what the first run did not.
//!
//! On a terminal, `ingest` draws a bar over the input bytes (the sizes of the files to read, known
//! before reading starts; compressed files advance by compressed bytes read) with articles per
//! second and the time left; `watch`, whose work has no end, a spinner. Neither is drawn with
//! `--quiet` or when stderr is not a terminal.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use marsad_article::Article;
use marsad_read::Format;
use marsad_store::Store;
use rayon::prelude::*;

use crate::grouping::GroupStage;
use crate::pipeline::{self, Input, Rejection};
use crate::report::Summary;

/// Articles processed and committed together. Large enough to keep both cores busy and commits rare,
/// small enough that an interrupted run loses little work.
const BATCH: usize = 512;

/// One run of batches into one store.
pub struct Ingest<'a> {
    store: &'a Store,
    groups: GroupStage,
    options: pipeline::Options,
    progress: Progress,
    pub summary: Summary,
}

impl<'a> Ingest<'a> {
    fn new(
        store: &'a Store,
        published: Option<chrono::DateTime<chrono::FixedOffset>>,
        window_days: u32,
        progress: Progress,
    ) -> Result<Ingest<'a>> {
        Ok(Ingest {
            store,
            groups: GroupStage::from_store(store, window_days)?,
            options: pipeline::Options { tokens: false, published },
            progress,
            summary: Summary::default(),
        })
    }

    /// Counts what one input gave; articles go into `batch`, with their format. `bytes_read` is how
    /// far into the input bytes the reader was when it gave it, for the progress bar.
    fn take(&mut self, input: Input, bytes_read: Option<u64>, batch: &mut Vec<(Article, Format)>) {
        self.progress.advance(bytes_read, self.summary.read);
        match input {
            Input::Article(article, bytes, format) => {
                self.summary.count_read(format, bytes);
                batch.push((article, format));
            }
            Input::Rejected(r) => self.reject(&r, r.read_format(), true),
            Input::Skipped { why, lang, format } => self.summary.skip(why, lang, format),
        }
    }

    /// Reports and counts an input that could not go through.
    fn reject(&mut self, r: &Rejection, format: Option<Format>, by_reader: bool) {
        self.progress.bar.suspend(|| {
            eprintln!("marsad: error: {r}");
            if let Some(hint) = r.hint() {
                eprintln!("  hint: {hint}");
            }
        });
        self.summary.reject(r.reason(), format, by_reader);
    }

    /// Processes, groups and stores one batch in one commit.
    fn store_batch(&mut self, batch: Vec<(Article, Format)>) -> Result<()> {
        // Articles the store holds (or met earlier in this batch) are counted and not processed
        // again: the id is the hash of the original text, known before any stage runs.
        let mut seen = std::collections::HashSet::new();
        let mut fresh = Vec::with_capacity(batch.len());
        for (a, format) in batch {
            if seen.insert(a.id.clone()) && !self.store.contains(&a.id)? {
                fresh.push((a, format));
            } else {
                self.summary.count_already_stored(format);
            }
        }
        let options = &self.options;
        let processed: Vec<(Result<Article, Rejection>, Format)> =
            fresh.into_par_iter().map(|(a, format)| (pipeline::process(a, options), format)).collect();
        let (mut ok, mut formats) =
            (Vec::with_capacity(processed.len()), Vec::with_capacity(processed.len()));
        for (p, format) in processed {
            match p {
                Ok(a) => {
                    ok.push(a);
                    formats.push(format);
                }
                Err(r) => self.reject(&r, Some(format), false),
            }
        }
        let groups = self.groups.decide(&ok);
        let outcome = self
            .store
            .put_grouped(&ok, &groups)
            .context("cannot store a batch; articles stored before it are kept")?;
        // Every article here was checked absent above, and the store has one writer at a time (its
        // index is locked), so all of them were stored now: counted one by one for their formats.
        debug_assert_eq!(outcome.stored, ok.len());
        for ((a, g), format) in ok.iter().zip(&groups).zip(formats) {
            self.summary.count_stored(format, g.canonical_id != a.id);
        }
        Ok(())
    }

    fn finish(self, started: Instant) -> Summary {
        self.progress.bar.finish_and_clear();
        let mut summary = self.summary;
        summary.seconds = started.elapsed().as_secs_f64();
        summary.group_index_bytes = self.groups.memory_bytes();
        summary
    }
}

pub fn run(
    store: &Store,
    paths: &[PathBuf],
    published: Option<chrono::DateTime<chrono::FixedOffset>>,
    window_days: u32,
    quiet: bool,
) -> Result<Summary> {
    let started = Instant::now();
    let mut ingest = Ingest::new(store, published, window_days, Progress::over_bytes(paths, quiet))?;
    ingest.summary.inputs = paths.len();

    // The reader runs ahead on its own thread; the bounded channel keeps memory flat. Each input
    // travels with the count of input bytes read when it was read, so that the bar shows what has
    // been taken off the channel rather than how far the reader ran ahead.
    let (tx, rx) = mpsc::sync_channel::<(Input, u64)>(BATCH * 2);
    let reader_paths = paths.to_vec();
    let reader = std::thread::spawn(move || {
        let bytes_read = Arc::new(AtomicU64::new(0));
        let reader = marsad_read::Reader::new().with_progress(Arc::clone(&bytes_read));
        reader.read_paths(&reader_paths, |item| {
            // The receiver is gone only when storing failed; the error is reported there.
            let _ = tx.send((pipeline::input(item), bytes_read.load(Ordering::Relaxed)));
        })
    });

    let mut batch = Vec::with_capacity(BATCH);
    for (input, bytes_read) in rx {
        ingest.take(input, Some(bytes_read), &mut batch);
        if batch.len() == BATCH {
            ingest.store_batch(std::mem::take(&mut batch))?;
        }
    }
    ingest.store_batch(batch)?;
    reader.join().map_err(|_| anyhow::anyhow!("the reader thread panicked"))?;
    let summary = ingest.finish(started);
    summary.print();
    Ok(summary)
}

/// `marsad watch`: polls the feeds, fetches new article pages and stores them after each poll.
/// Stopping it (Ctrl-C, or a kill) at any moment is safe: each poll's articles are one commit, and
/// a restarted watcher fetches the feeds' current entries again, which the store skips.
pub fn watch(
    store: &Store,
    feeds: Vec<String>,
    options: marsad_watch::Options,
    interval: Option<Duration>,
    window_days: u32,
    quiet: bool,
) -> Result<Summary> {
    let started = Instant::now();
    let mut ingest = Ingest::new(store, None, window_days, Progress::open_ended(quiet))?;
    ingest.summary.inputs = feeds.len();
    let mut watcher = marsad_watch::Watcher::new(feeds, options);
    let mut poll_once = |ingest: &mut Ingest| -> Result<marsad_watch::PollReport> {
        let mut batch = Vec::new();
        let report = watcher.poll(|item| ingest.take(pipeline::input(item), None, &mut batch));
        ingest.store_batch(batch)?;
        Ok(report)
    };
    match interval {
        None => {
            let report = poll_once(&mut ingest)?;
            print_poll(&report);
        }
        Some(interval) => {
            // Runs until the process is stopped, which is safe (see above).
            loop {
                let polled = Instant::now();
                let report = poll_once(&mut ingest)?;
                print_poll(&report);
                std::thread::sleep(interval.saturating_sub(polled.elapsed()));
            }
        }
    }
    let summary = ingest.finish(started);
    summary.print();
    Ok(summary)
}

fn print_poll(r: &marsad_watch::PollReport) {
    eprintln!(
        "{:>12} {} feeds changed, {} unchanged, {} failed; {} new entries, {} articles, {} skipped, {} rejected",
        "Polled",
        r.feeds_changed,
        r.feeds_unchanged,
        r.feeds_failed,
        r.new_entries,
        r.articles,
        r.skipped,
        r.rejected
    );
}

/// The progress line: a bar over input bytes with articles per second and the time left, or a
/// spinner when the work has no known size.
struct Progress {
    bar: ProgressBar,
    started: Instant,
    last_drawn: Instant,
}

/// How often the position and message are updated; the bar redraws at most this often anyway.
const REDRAW: Duration = Duration::from_millis(100);

impl Progress {
    /// Whether a progress line is drawn at all.
    fn drawn(quiet: bool) -> bool {
        !quiet && std::io::stderr().is_terminal()
    }

    fn new(bar: ProgressBar) -> Progress {
        let now = Instant::now();
        Progress { bar, started: now, last_drawn: now }
    }

    /// A bar over the sizes of the files under `paths`. Summing them means listing the folders once
    /// more; that is skipped when no bar is drawn.
    fn over_bytes(paths: &[PathBuf], quiet: bool) -> Progress {
        if !Progress::drawn(quiet) {
            return Progress::new(ProgressBar::hidden());
        }
        let bar = ProgressBar::new(marsad_read::walk::input_bytes(paths));
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:30} {percent:>3}% {msg}  {binary_bytes}/{binary_total_bytes}  ETA {eta}",
            )
            .expect("the template is valid"),
        );
        bar.enable_steady_tick(Duration::from_millis(500));
        Progress::new(bar)
    }

    /// A spinner with the article count and rate.
    fn open_ended(quiet: bool) -> Progress {
        if !Progress::drawn(quiet) {
            return Progress::new(ProgressBar::hidden());
        }
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("the template is valid"),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress::new(bar)
    }

    /// Moves the bar to `bytes_read` and shows the articles read, at most every [`REDRAW`].
    fn advance(&mut self, bytes_read: Option<u64>, articles: u64) {
        if self.last_drawn.elapsed() < REDRAW || self.bar.is_hidden() {
            return;
        }
        self.last_drawn = Instant::now();
        if let Some(bytes) = bytes_read {
            self.bar.set_position(bytes);
        }
        self.bar.set_message(articles_message(articles, self.started.elapsed()));
    }
}

/// `12,345 articles, 850/s`.
fn articles_message(articles: u64, elapsed: Duration) -> String {
    let rate = articles as f64 / elapsed.as_secs_f64().max(1e-3);
    format!("{} articles, {}/s", marsad_read::thousands(articles), marsad_read::thousands(rate as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_gives_articles_and_their_rate() {
        let cases = [
            (0, Duration::ZERO, "0 articles, 0/s"),
            (12_345, Duration::from_secs(10), "12,345 articles, 1,234/s"),
            (500, Duration::from_millis(250), "500 articles, 2,000/s"),
        ];
        for (articles, elapsed, expected) in cases {
            assert_eq!(articles_message(articles, elapsed), expected);
        }
    }
}
