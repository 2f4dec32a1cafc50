//! Runs the quote finder, the time-expression finder or the event coder over a corpus, reports
//! counts and throughput, then prints a seeded random sample to read by hand (the notes in
//! docs/evaluation.md come from it).
//!
//! Each article is read with marsad-read, cleaned with marsad-clean and annotated with
//! `extract::run` (sentences, entities, times, events, quotes); the time reported is that of the
//! chosen finder alone (`quotes::find_quotes`, `times::find_times` or `events::find_events`), run
//! again on the same inputs, so the other layers do not count. Times resolve against each
//! article's publication time when the corpus gives one.
//!
//! `cargo run --release -p marsad-extract --example layer_corpus -- quotes|times|events [PATH]
//! [--sample N] [--seed S] [--limit ARTICLES]` (PATH defaults to
//! ../shared/data/ant_corpus_multisource_v2.1).
//! Progress goes to stderr every 2,000 articles.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use marsad_article::{layer, Article, Span};
use marsad_extract::events::find_events;
use marsad_extract::quotes::find_quotes;
use marsad_extract::times::find_times;
use marsad_read::{Item, Reader};

#[derive(Clone, Copy, PartialEq)]
enum Layer {
    Quotes,
    Times,
    Events,
}

#[derive(Default)]
struct Totals {
    articles: u64,
    with_published: u64,
    sentences: u64,
    bytes: u64,
    spans: u64,
    /// Quotes: by label, with a speaker, an entity speaker, an elided-subject speaker. Times: by
    /// label, by kind, with a value, anchored to the publication time.
    counts: BTreeMap<String, u64>,
    diagnostics: u64,
    elapsed: Duration,
}

impl Totals {
    fn count(&mut self, what: impl Into<String>) {
        *self.counts.entry(what.into()).or_default() += 1;
    }
}

/// One span kept for the hand-read sample.
struct Shown {
    origin: String,
    line: String,
}

fn attr<'a>(span: &'a Span, key: &str) -> &'a str {
    span.attr_str(key).unwrap_or("-")
}

/// The sentence around `span`, cut to `chars` characters.
fn sentence_of(article: &Article, span: &Span, chars: usize) -> String {
    let text = article.sentence_of(span).map_or_else(|| article.text_of(span), |s| article.text_of(s));
    text.chars().take(chars).collect()
}

/// The spans of the chosen layer in `article`, timed, with one sample line per span.
fn find(which: Layer, article: &Article, totals: &mut Totals) -> Vec<(Span, String)> {
    let sentences: Vec<_> = article.layer(layer::SENTENCES).iter().map(Span::range).collect();
    let started = Instant::now();
    let spans = match which {
        Layer::Quotes => find_quotes(&article.clean, &sentences, article.layer(layer::ENTITIES)),
        Layer::Times => find_times(&article.clean, article.meta.published),
        Layer::Events => {
            let datelines: Vec<_> = article.dateline_places().map(Span::range).collect();
            let (entities, times) = (article.layer(layer::ENTITIES), article.layer(layer::TIMES));
            find_events(&article.clean, &sentences, entities, times, article.meta.published, &datelines)
        }
    };
    totals.elapsed += started.elapsed();
    let diagnostic = |s: &Span| s.attrs.get("diagnostic").map_or(String::new(), |d| format!(" [{d}]"));
    match which {
        Layer::Quotes => spans
            .into_iter()
            .filter(|s| s.label == "DIRECT" || s.label == "INDIRECT")
            .map(|q| {
                let content: String = article.text_of(&q).chars().take(160).collect();
                let line = format!(
                    "{} | verb {} | speaker {} ({}, {}) | {}{}",
                    q.label,
                    attr(&q, "verb"),
                    attr(&q, "speaker"),
                    attr(&q, "speaker_via"),
                    attr(&q, "speaker_canonical"),
                    content,
                    diagnostic(&q),
                );
                (q, line)
            })
            .collect(),
        Layer::Times => spans
            .into_iter()
            .map(|t| {
                let line = format!(
                    "{} {} → {} ({}, anchor {}){} | {}",
                    t.label,
                    article.text_of(&t),
                    attr(&t, "value"),
                    attr(&t, "kind"),
                    attr(&t, "anchor"),
                    diagnostic(&t),
                    sentence_of(article, &t, 160),
                );
                (t, line)
            })
            .collect(),
        Layer::Events => spans
            .into_iter()
            .map(|e| {
                let line = format!(
                    "{} {} | sentence {} | {} | {} > {} | {}",
                    e.label,
                    article.text_of(&e),
                    attr(&e, "sentence"),
                    attr(&e, "lexicon"),
                    attr(&e, "source"),
                    attr(&e, "target"),
                    sentence_of(article, &e, 200),
                );
                (e, line)
            })
            .collect(),
    }
}

fn tally(which: Layer, span: &Span, totals: &mut Totals) {
    totals.spans += 1;
    totals.diagnostics += u64::from(span.attrs.contains_key("diagnostic"));
    totals.count(format!("label {}", span.label));
    match which {
        Layer::Quotes => {
            for (key, what) in [("speaker", "with a speaker"), ("speaker_entity", "with an entity speaker")] {
                if span.attrs.contains_key(key) {
                    totals.count(what);
                }
            }
            if attr(span, "speaker_via") == "anaphora" {
                totals.count("elided-subject speaker");
            }
        }
        Layer::Events => {
            for (key, what) in [("source", "with a source"), ("target", "with a target")] {
                if span.attrs.contains_key(key) {
                    totals.count(what);
                }
            }
        }
        Layer::Times => {
            totals.count(format!("kind {}", attr(span, "kind")));
            if span.attrs.contains_key("value") {
                totals.count("with a value");
            }
            if attr(span, "anchor") == "published" {
                totals.count("resolved against the publication time");
            }
        }
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let which = match args.next().as_deref() {
        Some("quotes") => Layer::Quotes,
        Some("times") => Layer::Times,
        Some("events") => Layer::Events,
        _ => return usage("the first argument names the layer: quotes, times or events"),
    };
    let mut path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ant_corpus_multisource_v2.1");
    let mut sample = 30usize;
    let mut seed = 5u64;
    let mut limit = u64::MAX;
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
        let found = find(which, &article, &mut totals);
        totals.articles += 1;
        totals.with_published += u64::from(article.meta.published.is_some());
        if totals.articles % 2000 == 0 {
            eprintln!("layer_corpus: {} articles, {} spans", totals.articles, totals.spans);
        }
        totals.sentences += article.layer(layer::SENTENCES).len() as u64;
        totals.bytes += article.clean.len() as u64;
        for (span, line) in found {
            tally(which, &span, &mut totals);
            // Reservoir sampling with a fixed xorshift seed: the same corpus gives the same sample.
            seen += 1;
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let slot = (rng % seen) as usize;
            let entry = || Shown { origin: article.meta.origin.clone(), line: line.clone() };
            if shown.len() < sample {
                shown.push(entry());
            } else if slot < sample {
                shown[slot] = entry();
            }
        }
    });
    if totals.articles == 0 {
        eprintln!("layer_corpus: {}: no article read ({} rejected)", path.display(), read.rejected);
        return ExitCode::from(2);
    }
    let seconds = totals.elapsed.as_secs_f64();
    let share = |n: u64| 100.0 * n as f64 / totals.spans.max(1) as f64;
    println!(
        "corpus {}: {} articles ({} with a publication time), {} sentences, {:.1} MB cleaned",
        path.display(),
        totals.articles,
        totals.with_published,
        totals.sentences,
        totals.bytes as f64 / 1e6
    );
    println!(
        "spans {} ({:.2} per article), diagnostics {}",
        totals.spans,
        totals.spans as f64 / totals.articles as f64,
        totals.diagnostics
    );
    for (what, n) in &totals.counts {
        println!("  {what}: {n} ({:.1}%)", share(*n));
    }
    println!(
        "finder alone: {:.2} s, {:.0} sentences/s, {:.1} MB/s, {:.0} articles/s",
        seconds,
        totals.sentences as f64 / seconds,
        totals.bytes as f64 / 1e6 / seconds,
        totals.articles as f64 / seconds
    );
    println!("sample of {} spans (seed {seed}):", shown.len());
    for (n, s) in shown.iter().enumerate() {
        println!("{:>2}. {}\n    {}", n + 1, s.origin, s.line);
    }
    ExitCode::SUCCESS
}

fn usage(problem: &str) -> ExitCode {
    eprintln!(
        "layer_corpus: {problem}\nusage: layer_corpus quotes|times [PATH] [--sample N] [--seed S] [--limit ARTICLES]"
    );
    ExitCode::from(2)
}
