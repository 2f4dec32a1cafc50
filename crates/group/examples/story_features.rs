//! Turns article JSON (the output of `marsad analyze`: cleaned, with every layer) into the story
//! features cache the other story examples read, so that they need not run extraction again
//! (evaluation input only; the cache goes under `target/`).
//!
//! ```text
//! marsad analyze ../shared/data/ant_corpus_multisource_v2.1/antcorpus_multisource_v2.1.tar.gz \
//!   | cargo run --release -p marsad-group --example story_features -- OUT.tsv
//! cargo run --release -p marsad-group --example story_features -- --saudinewsnet-jsonl SNN.jsonl
//! marsad analyze SNN.jsonl | cargo run --release -p marsad-group --example story_features -- OUT.tsv
//! ```
//! An article's id in the cache is its `source_id` when the input had one (ANT's `DOCNO`, the
//! `id` the SaudiNewsNet lines are given: `source url`), else Marsad's id. The second form writes
//! SaudiNewsNet as JSON Lines for `marsad analyze` (time: midnight UTC of the day in the file
//! name). Lines are in input order; see `common::cache_line` for the columns.

mod common;

use std::io::{BufRead as _, Write as _};
use std::time::Instant;

use common::{cache_line, lead_of, shared_dir, Cached, Result};
use marsad_group::ArticleFeatures;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, out] if flag == "--saudinewsnet-jsonl" => write_saudinewsnet(out),
        [out] => write_cache(out),
        _ => Err(
            "usage: story_features OUT.tsv < ARTICLES.jsonl | story_features --saudinewsnet-jsonl OUT.jsonl"
                .into(),
        ),
    }
}

fn write_cache(out: &str) -> Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).map_err(|e| format!("{out}: {e}"))?);
    let started = Instant::now();
    let mut count = 0usize;
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line?;
        let mut article = marsad_article::json::from_json(&line)
            .map_err(|e| format!("standard input: line {}: {e}", n + 1))?;
        if let Some(source_id) = article.meta.source_id.clone() {
            article.id = source_id;
        }
        let cached = Cached {
            features: ArticleFeatures::from_article(&article),
            title: article.headline().unwrap_or_default().to_string(),
            lead: lead_of(article.body()),
            body: article.body().to_string(),
        };
        file.write_all(cache_line(&cached).as_bytes())?;
        count += 1;
    }
    file.flush()?;
    eprintln!("wrote {count} articles to {out} in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn write_saudinewsnet(out: &str) -> Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).map_err(|e| format!("{out}: {e}"))?);
    let docs = common::saudinewsnet(&shared_dir().join("data/saudinewsnet/dataset"))?;
    for doc in &docs {
        let record = serde_json::json!({
            "id": doc.id,
            "source": doc.outlet,
            "published": doc.published.map(|t| t.to_rfc3339()),
            "headline": doc.title,
            "text": doc.body,
        });
        writeln!(file, "{record}")?;
    }
    file.flush()?;
    eprintln!("wrote {} articles to {out}", docs.len());
    Ok(())
}
