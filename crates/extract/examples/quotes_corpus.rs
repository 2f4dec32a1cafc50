//! Runs the quote finder over a corpus and reports counts and throughput, then prints a seeded
//! random sample of quotes to read by hand (the notes in docs/evaluation.md come from it).
//!
//! Each article is read with marsad-read, cleaned with marsad-clean and annotated with
//! `extract::run` (sentences, entities, times, events, quotes); the time reported is that of
//! `quotes::find_quotes` alone, run again on the same inputs, so the other layers do not count.
//!
//! `cargo run --release -p marsad-extract --example quotes_corpus -- [PATH] [--sample N] [--seed S]
//! [--limit ARTICLES]` (PATH defaults to ../shared/data/ant_corpus_multisource_v2.1). Progress goes
//! to stderr every 2,000 articles.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use marsad_article::{layer, Span};
use marsad_extract::quotes::find_quotes;
use marsad_read::{Item, Reader};

#[derive(Default)]
struct Totals {
    articles: u64,
    sentences: u64,
    bytes: u64,
    quotes: u64,
    direct: u64,
    indirect: u64,
    with_speaker: u64,
    with_entity_speaker: u64,
    elided: u64,
    diagnostics: u64,
    elapsed: Duration,
}

/// One quote kept for the hand-read sample.
struct Shown {
    origin: String,
    line: String,
}

fn attr<'a>(span: &'a Span, key: &str) -> &'a str {
    span.attrs.get(key).and_then(|v| v.as_str()).unwrap_or("-")
}

fn main() -> ExitCode {
    let mut path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ant_corpus_multisource_v2.1");
    let mut sample = 30usize;
    let mut seed = 5u64;
    let mut limit = u64::MAX;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let number = |v: Option<String>| v.and_then(|v| v.parse::<u64>().ok());
        match arg.as_str() {
            "--sample" => match number(args.next()) {
                Some(n) => sample = n as usize,
                None => return usage("--sample takes a number"),
            },
            "--seed" => match number(args.next()) {
                Some(n) => seed = n,
                None => return usage("--seed takes a number"),
            },
            "--limit" => match number(args.next()) {
                Some(n) => limit = n,
                None => return usage("--limit takes a number"),
            },
            other => path = PathBuf::from(other),
        }
    }
    let mut totals = Totals::default();
    let mut shown: Vec<Shown> = Vec::new();
    let mut seen = 0u64;
    let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let reader = Reader::new();
    let read = reader.read_paths(&[path.clone()], |item| {
        let Item::Article { mut article, .. } = item else { return };
        if totals.articles >= limit {
            return;
        }
        if marsad_clean::clean(&mut article).is_err()
            || marsad_extract::run(&mut article, &marsad_extract::Options::default()).is_err()
        {
            return;
        }
        let sentences: Vec<_> = article.layer(layer::SENTENCES).iter().map(Span::range).collect();
        let started = Instant::now();
        let quotes = find_quotes(&article.clean, &sentences, article.layer(layer::ENTITIES));
        totals.elapsed += started.elapsed();
        totals.articles += 1;
        if totals.articles % 2000 == 0 {
            eprintln!("quotes_corpus: {} articles, {} quotes", totals.articles, totals.quotes);
        }
        totals.sentences += sentences.len() as u64;
        totals.bytes += article.clean.len() as u64;
        for q in quotes.iter().filter(|s| s.label == "DIRECT" || s.label == "INDIRECT") {
            totals.quotes += 1;
            if q.label == "DIRECT" {
                totals.direct += 1;
            } else {
                totals.indirect += 1;
            }
            totals.with_speaker += u64::from(q.attrs.contains_key("speaker"));
            totals.with_entity_speaker += u64::from(q.attrs.contains_key("speaker_entity"));
            totals.elided += u64::from(attr(q, "speaker_via") == "anaphora");
            totals.diagnostics += u64::from(q.attrs.contains_key("diagnostic"));
            // Reservoir sampling with a fixed xorshift seed: the same corpus gives the same sample.
            seen += 1;
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let slot = (rng % seen) as usize;
            if shown.len() < sample || slot < sample {
                let content: String = article.text_of(q).chars().take(160).collect();
                let line = format!(
                    "{} | verb {} | speaker {} ({}, {}) | {}{}",
                    q.label,
                    attr(q, "verb"),
                    attr(q, "speaker"),
                    attr(q, "speaker_via"),
                    attr(q, "speaker_canonical"),
                    content,
                    q.attrs.get("diagnostic").map_or(String::new(), |d| format!(" [{d}]")),
                );
                let entry = Shown { origin: article.meta.origin.clone(), line };
                if shown.len() < sample {
                    shown.push(entry);
                } else {
                    shown[slot] = entry;
                }
            }
        }
    });
    if totals.articles == 0 {
        eprintln!("quotes_corpus: {}: no article read ({} rejected)", path.display(), read.rejected);
        return ExitCode::from(2);
    }
    let seconds = totals.elapsed.as_secs_f64();
    let share = |n: u64| 100.0 * n as f64 / totals.quotes.max(1) as f64;
    println!(
        "corpus {}: {} articles, {} sentences, {:.1} MB cleaned",
        path.display(),
        totals.articles,
        totals.sentences,
        totals.bytes as f64 / 1e6
    );
    println!(
        "quotes {} ({:.2} per article): direct {} indirect {}; with a speaker {} ({:.1}%), with an entity speaker {} ({:.1}%), elided-subject speakers {} ({:.1}%), diagnostics {}",
        totals.quotes,
        totals.quotes as f64 / totals.articles as f64,
        totals.direct,
        totals.indirect,
        totals.with_speaker,
        share(totals.with_speaker),
        totals.with_entity_speaker,
        share(totals.with_entity_speaker),
        totals.elided,
        share(totals.elided),
        totals.diagnostics,
    );
    println!(
        "find_quotes: {:.2} s, {:.0} sentences/s, {:.1} MB/s, {:.0} articles/s",
        seconds,
        totals.sentences as f64 / seconds,
        totals.bytes as f64 / 1e6 / seconds,
        totals.articles as f64 / seconds
    );
    println!("sample of {} quotes (seed {seed}):", shown.len());
    for (n, s) in shown.iter().enumerate() {
        println!("{:>2}. {}\n    {}", n + 1, s.origin, s.line);
    }
    ExitCode::SUCCESS
}

fn usage(problem: &str) -> ExitCode {
    eprintln!(
        "quotes_corpus: {problem}\nusage: quotes_corpus [PATH] [--sample N] [--seed S] [--limit ARTICLES]"
    );
    ExitCode::from(2)
}
