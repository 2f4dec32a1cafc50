//! `marsad ingest` and `marsad watch`: process batches of articles on all cores, group them with
//! what the store holds, store each batch in one commit, and count what was read, stored, already
//! there and rejected.
//!
//! A bad input is reported as it is met and counted by reason; the batch goes on. Because each batch
//! is committed before the next is stored and the store skips ids it holds, a rerun after an
//! interruption stores exactly what the first run did not.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use marsad_article::Article;
use marsad_store::Store;
use rayon::prelude::*;

use crate::grouping::GroupStage;
use crate::pipeline::{self, Rejection};
use crate::report::Summary;

/// Articles processed and committed together. Large enough to keep both cores busy and commits rare,
/// small enough that an interrupted run loses little work.
const BATCH: usize = 512;

/// One run of batches into one store.
pub struct Ingest<'a> {
    store: &'a Store,
    groups: GroupStage,
    options: pipeline::Options,
    progress: ProgressBar,
    pub summary: Summary,
}

impl<'a> Ingest<'a> {
    pub fn new(
        store: &'a Store,
        published: Option<chrono::DateTime<chrono::FixedOffset>>,
        quiet: bool,
    ) -> Result<Ingest<'a>> {
        Ok(Ingest {
            store,
            groups: GroupStage::from_store(store)?,
            options: pipeline::Options { tokens: false, published },
            progress: progress_bar(quiet),
            summary: Summary::default(),
        })
    }

    /// Counts an article read, before it is batched.
    pub fn read_one(&mut self, bytes: u64) {
        self.summary.read += 1;
        self.summary.bytes += bytes;
        self.progress.inc(1);
    }

    /// Reports and counts an input that could not go through.
    pub fn reject(&mut self, r: &Rejection) {
        self.progress.suspend(|| {
            eprintln!("marsad: error: {r}");
            if let Some(hint) = r.hint() {
                eprintln!("  hint: {hint}");
            }
        });
        self.summary.reject(r.reason());
    }

    /// Counts an input left out on purpose (a page not in Arabic, a file that is not an article).
    pub fn skip(&mut self, why: &str, lang: Option<&str>) {
        let reason = lang.map_or_else(|| why.to_string(), |l| format!("{why} ({l})"));
        *self.summary.skipped_by_reason.entry(reason).or_default() += 1;
        self.summary.skipped += 1;
    }

    /// Processes, groups and stores one batch in one commit.
    pub fn store_batch(&mut self, batch: Vec<Article>) -> Result<()> {
        // Articles the store holds (or met earlier in this batch) are counted and not processed
        // again: the id is the hash of the original text, known before any stage runs.
        let mut seen = std::collections::HashSet::new();
        let mut fresh = Vec::with_capacity(batch.len());
        for a in batch {
            if seen.insert(a.id.clone()) && !self.store.contains(&a.id)? {
                fresh.push(a);
            } else {
                self.summary.already_stored += 1;
            }
        }
        let options = &self.options;
        let processed: Vec<Result<Article, Rejection>> =
            fresh.into_par_iter().map(|a| pipeline::process(a, options)).collect();
        let mut ok = Vec::with_capacity(processed.len());
        for p in processed {
            match p {
                Ok(a) => ok.push(a),
                Err(r) => self.reject(&r),
            }
        }
        let groups = self.groups.decide(&ok);
        self.summary.copies += ok.iter().zip(&groups).filter(|(a, g)| g.canonical_id != a.id).count() as u64;
        let outcome = self
            .store
            .put_grouped(&ok, &groups)
            .context("cannot store a batch; articles stored before it are kept")?;
        self.summary.stored += outcome.stored as u64;
        self.summary.already_stored += outcome.already_stored as u64;
        Ok(())
    }

    pub fn finish(self, started: Instant) -> Summary {
        self.progress.finish_and_clear();
        let mut summary = self.summary;
        summary.seconds = started.elapsed().as_secs_f64();
        summary
    }
}

pub fn run(
    store: &Store,
    paths: &[PathBuf],
    published: Option<chrono::DateTime<chrono::FixedOffset>>,
    quiet: bool,
) -> Result<Summary> {
    let started = Instant::now();
    let mut ingest = Ingest::new(store, published, quiet)?;
    ingest.summary.inputs = paths.len();

    // The reader runs ahead on its own thread; the bounded channel keeps memory flat.
    let (tx, rx) = mpsc::sync_channel::<pipeline::Input>(BATCH * 2);
    let reader_paths = paths.to_vec();
    let reader = std::thread::spawn(move || {
        pipeline::read_all(&reader_paths, |item| {
            // The receiver is gone only when storing failed; the error is reported there.
            let _ = tx.send(item);
        })
    });

    let mut batch: Vec<Article> = Vec::with_capacity(BATCH);
    for item in rx {
        match item {
            pipeline::Input::Article(article, bytes) => {
                ingest.read_one(bytes);
                batch.push(article);
                if batch.len() == BATCH {
                    ingest.store_batch(std::mem::take(&mut batch))?;
                }
            }
            pipeline::Input::Rejected(r) => ingest.reject(&r),
            pipeline::Input::Skipped { why, lang } => ingest.skip(why, lang),
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
    quiet: bool,
) -> Result<Summary> {
    let started = Instant::now();
    let mut ingest = Ingest::new(store, None, quiet)?;
    ingest.summary.inputs = feeds.len();
    let mut watcher = marsad_watch::Watcher::new(feeds, options);
    let mut poll_once = |ingest: &mut Ingest| -> Result<marsad_watch::PollReport> {
        let mut batch = Vec::new();
        let report = watcher.poll(|item| match item {
            marsad_read::Item::Article { article, bytes } => {
                ingest.read_one(bytes);
                batch.push(article);
            }
            marsad_read::Item::Rejected(e) => ingest.reject(&Rejection::Read(e)),
            marsad_read::Item::Skipped { why, lang, .. } => ingest.skip(why, lang),
        });
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

/// A spinner with the article count and rate, drawn only when stderr is a terminal.
fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {human_pos} articles ({per_sec}, {elapsed})")
            .expect("the template is valid"),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
