//! `marsad ingest`: reads inputs on one thread, processes batches of articles on all cores, stores
//! each batch in one commit, and counts what was read, stored, already there and rejected.
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

pub fn run(
    store: &Store,
    paths: &[PathBuf],
    published: Option<chrono::DateTime<chrono::FixedOffset>>,
    quiet: bool,
) -> Result<Summary> {
    let started = Instant::now();
    let mut summary = Summary { inputs: paths.len(), ..Summary::default() };
    let options = pipeline::Options { tokens: false, published };
    let mut groups_stage = GroupStage::from_store(store)?;
    let progress = progress_bar(quiet);

    // The reader runs ahead on its own thread; the bounded channel keeps memory flat.
    let (tx, rx) = mpsc::sync_channel::<Result<(Article, u64), Rejection>>(BATCH * 2);
    let reader_paths = paths.to_vec();
    let reader = std::thread::spawn(move || {
        pipeline::read_all(&reader_paths, |item| {
            // The receiver is gone only when storing failed; the error is reported there.
            let _ = tx.send(item);
        })
    });

    let mut batch: Vec<Article> = Vec::with_capacity(BATCH);
    let mut store_batch = |batch: &mut Vec<Article>, summary: &mut Summary| -> Result<()> {
        // Articles the store holds (or met earlier in this batch) are counted and not processed
        // again: the id is the hash of the original text, known before any stage runs.
        let mut seen = std::collections::HashSet::new();
        let mut fresh = Vec::with_capacity(batch.len());
        for a in std::mem::take(batch) {
            if seen.insert(a.id.clone()) && !store.contains(&a.id)? {
                fresh.push(a);
            } else {
                summary.already_stored += 1;
            }
        }
        let processed: Vec<Result<Article, Rejection>> =
            fresh.into_par_iter().map(|a| pipeline::process(a, &options)).collect();
        let mut ok = Vec::with_capacity(processed.len());
        for p in processed {
            match p {
                Ok(a) => ok.push(a),
                Err(r) => {
                    progress.suspend(|| eprintln!("marsad: error: {r}"));
                    summary.reject(r.reason());
                }
            }
        }
        let groups = groups_stage.decide(&ok);
        summary.copies += ok.iter().zip(&groups).filter(|(a, g)| g.canonical_id != a.id).count() as u64;
        let outcome = store
            .put_grouped(&ok, &groups)
            .context("cannot store a batch; articles stored before it are kept")?;
        summary.stored += outcome.stored as u64;
        summary.already_stored += outcome.already_stored as u64;
        Ok(())
    };

    for item in rx {
        match item {
            Ok((article, bytes)) => {
                summary.read += 1;
                summary.bytes += bytes;
                progress.inc(1);
                batch.push(article);
                if batch.len() == BATCH {
                    store_batch(&mut batch, &mut summary)?;
                }
            }
            Err(r) => {
                progress.suspend(|| eprintln!("marsad: error: {r}"));
                if let Some(hint) = r.hint() {
                    progress.suspend(|| eprintln!("  hint: {hint}"));
                }
                summary.reject(r.reason());
            }
        }
    }
    store_batch(&mut batch, &mut summary)?;
    reader.join().map_err(|_| anyhow::anyhow!("the reader thread panicked"))?;
    progress.finish_and_clear();
    summary.seconds = started.elapsed().as_secs_f64();
    summary.print();
    Ok(summary)
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
