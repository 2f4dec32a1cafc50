//! `marsad`: the command line. Glue only: parses flags, runs the stages in order
//! (read → clean → extract → store), shows progress and the end-of-run summary, and maps outcomes
//! to exit codes. Everything that knows about Arabic or about files lives in the library crates.
//!
//! Exit codes: 0 when everything asked for was done, 1 when a run finished but rejected some input,
//! 2 when it could not run (bad flags, unusable store). Results go to stdout; messages to stderr.

/// `println!` for result lines: a closed stdout (`marsad eval … | head`) becomes an error that
/// `main` ends on quietly, where `println!` would panic. For functions returning `anyhow::Result`.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)?
    }};
}

/// `print!` likewise.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout(), $($arg)*)?
    }};
}

mod bench_pipeline;
mod browse;
mod grouping;
mod ingest;
mod measure;
mod pipeline;
mod report;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use marsad_store::{SearchOptions, Store};

// The pipeline makes and drops many small strings and vectors per word; mimalloc's thread-local
// free lists serve them faster than glibc's allocator (measured in docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The time window of copy and story grouping, shared by `ingest` and `watch`.
#[derive(clap::Args)]
struct GroupWindow {
    /// Days of publication time within which articles are grouped as copies and stories: the
    /// articles and stories further behind the latest one are dropped from memory. It is also how
    /// far back in time the input may jump (an archive read outlet by outlet) and still be grouped
    /// with what came before. Inputs in time order (feeds, CC-NEWS) can use a few days and keep
    /// memory flat. Use the same value for every ingest into one store.
    #[arg(long, default_value_t = grouping::DEFAULT_WINDOW_DAYS, value_parser = clap::value_parser!(u32).range(1..))]
    group_window_days: u32,
}

#[derive(Parser)]
#[command(name = "marsad", version, about = "Reads Arabic news: ingest, analyse, search and serve.")]
struct Cli {
    /// Folder of the embedded store (SQLite + full-text index); created when missing.
    #[arg(long, global = true, default_value = "marsad-data", env = "MARSAD_STORE")]
    store: PathBuf,
    /// Print only errors and the summary.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read files, folders and archives into the store: plain text, JSON Lines, TREC <DOC>, HTML pages,
    /// WARC (.warc, .warc.gz; only Arabic pages are kept), .gz and .tar.gz.
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Publication date for articles whose input carries none (YYYY-MM-DD or RFC 3339).
        #[arg(long, value_parser = pipeline::parse_published)]
        published: Option<chrono::DateTime<chrono::FixedOffset>>,
        /// Also write the end-of-run summary as JSON to this file.
        #[arg(long)]
        report: Option<PathBuf>,
        #[command(flatten)]
        window: GroupWindow,
    },
    /// Poll RSS/Atom feeds (FEEDS: one URL a line), fetch new article pages and store them.
    Watch {
        feeds: PathBuf,
        /// Seconds between polls; without it, poll once and stop.
        #[arg(long)]
        interval: Option<u64>,
        /// Seconds one request (feed or page) may take, connect to last byte.
        #[arg(long, default_value_t = 20)]
        timeout: u64,
        #[command(flatten)]
        window: GroupWindow,
    },
    /// Print the article JSON, with every layer, of each article in FILE (`-` reads stdin).
    Analyze {
        file: PathBuf,
        /// Publication date for articles whose input carries none (YYYY-MM-DD or RFC 3339).
        #[arg(long, value_parser = pipeline::parse_published)]
        published: Option<chrono::DateTime<chrono::FixedOffset>>,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
    },
    /// Search stored articles (Arabic-aware: clitics, spelling variants and stems match).
    Search {
        #[arg(required = true)]
        query: Vec<String>,
        /// Print one JSON object per line (the first is the total) instead of a table.
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Order: relevance, newest or oldest (by publication time).
        #[arg(long, default_value = "relevance", value_parser = browse::parse_sort)]
        sort: marsad_store::Sort,
        #[command(flatten)]
        filters: browse::FilterArgs,
    },
    /// Show a story: title, outlets, timeline, main entities, events and the other stories of its thread.
    Story {
        number: u32,
        #[arg(long)]
        json: bool,
    },
    /// List entities (people, places, organisations) by number of articles, or show one by key.
    Entities(browse::EntitiesArgs),
    /// List quotes, newest first, optionally by one speaker (an entity key).
    Quotes(browse::QuotesArgs),
    /// List or export events (PLOVER types) with their actors, place and date.
    Events(browse::EventsArgs),
    /// Print one stored article.
    Show {
        id: String,
        /// Print the whole article JSON instead of the text.
        #[arg(long)]
        json: bool,
    },
    /// Measure speed beside the peers (see docs/benchmarks.md).
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Measure accuracy on data written by others (see docs/evaluation.md).
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Rebuild a model shipped with Marsad from the data in ../shared.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Serve the HTTP JSON API over the store.
    Serve {
        /// Address to listen on; the loopback address keeps the API private to this machine.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Ingest these paths before serving.
        #[arg(long)]
        ingest: Vec<PathBuf>,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// CPU time of each pipeline stage (read, clean, each extractor, copies, store) per article.
    Pipeline {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Read at most this many articles.
        #[arg(long, default_value_t = usize::MAX)]
        limit: usize,
    },
    /// MB/s of each analysis step and of the Rust peers on real text (FILE... joined).
    Text {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Tokens/s of the entity tagger alone: on the words of a CoNLL file, cold and warm, or (with
    /// --news) on a stream of real articles, each tagged once as ingestion would.
    Ner {
        #[arg(required_unless_present = "news", conflicts_with = "news")]
        gold: Option<PathBuf>,
        /// Article files or folders (any format `marsad ingest` reads) to tag as one stream.
        #[arg(long, num_args = 1..)]
        news: Vec<PathBuf>,
        /// Read at most this many articles of --news.
        #[arg(long, default_value_t = usize::MAX)]
        limit: usize,
    },
}

#[derive(Subcommand)]
enum TrainCommand {
    /// Retrain the entity tagger from ANERcorp and NewsFANE in ../shared (deterministic, seconds).
    /// The binary embeds the model: rebuild Marsad after writing it.
    Ner {
        /// The shared data folder.
        #[arg(long, default_value = "../shared")]
        shared: PathBuf,
        #[arg(long, default_value = "crates/extract/data/ner.model")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Known-item search: MRR@10 and recall@10 per analysis chain (inputs: bench/retrieval/make_known_items.py).
    Retrieval {
        /// `docno TAB body` per line.
        #[arg(long)]
        docs: PathBuf,
        /// `qid TAB query TAB target-docno` per line; give several sets to score them side by side.
        #[arg(long, required = true)]
        queries: Vec<PathBuf>,
        /// Comma-separated systems (default: all), e.g. marsad:ar_search,tantivy:snowball,charabia.
        #[arg(long)]
        systems: Option<String>,
        /// Write each run in TREC format into this folder, for bench/retrieval/score.py.
        #[arg(long)]
        runs: Option<PathBuf>,
    },
    /// Named entities against a CoNLL file (`TOKEN TAG` per line): CoNLL exact-span P/R/F1 per type.
    Ner {
        #[arg(long)]
        gold: PathBuf,
        /// Score only the last fifth of the file: for NewsFANE, whose first four fifths train the model.
        #[arg(long)]
        held_out_fifth: bool,
        /// Score the whole entity layer (tagger plus the article rules), not the tagger alone.
        #[arg(long)]
        layer: bool,
        /// Also print each gold entity the tagger does not return exactly, a line each: `missed`,
        /// type, words, the tags given them (tab-separated; count with `sort | uniq -c`).
        #[arg(long, conflicts_with = "layer")]
        misses: bool,
    },
    /// Time expressions against gold TSV files (format: crates/extract/testdata/times/README.md).
    Times {
        #[arg(long, required = true)]
        gold: Vec<PathBuf>,
    },
    /// Quotations against a gold folder (articles/*.txt plus gold TSV files; see its README).
    Quotes {
        #[arg(long, default_value = "crates/extract/testdata/quotes")]
        gold: PathBuf,
        /// Also list the gold quotes missed, the wrong speakers and the predictions matching nothing.
        #[arg(long)]
        errors: bool,
    },
    /// Events against gold files or folders (UniversalPetrarch validation XML, or Marsad's TSV).
    Events {
        #[arg(long, required = true)]
        gold: Vec<PathBuf>,
        /// Score only the odd (1st, 3rd, …) or even records, to tune on one half and test on the other.
        #[arg(long, value_parser = ["odd", "even"])]
        half: Option<String>,
        /// Also print one line per gold event missed (type, trigger, source or target).
        #[arg(long)]
        misses: bool,
    },
    /// Events on whole articles: reruns the coder on the articles of hand judgements of coded
    /// events (real or not) and reports precision and the real events lost.
    EventJudgements {
        #[arg(long, default_value = "crates/extract/testdata/event_judgements/ant_events.tsv")]
        judgements: PathBuf,
        /// The corpus the judged articles come from.
        #[arg(long, default_value = "../shared/data/ant_corpus_multisource_v2.1")]
        corpus: PathBuf,
        /// Score only the `dev` or the `test` rows.
        #[arg(long, value_parser = ["dev", "test"])]
        part: Option<String>,
        /// Also print one line per real event still coded: its coded and gold actors, its sentence.
        #[arg(long)]
        show: bool,
    },
    /// Story clustering of the stored articles against hand-labelled pairs of source ids (TSV:
    /// first, second, stratum, same_story yes/no); ingest the pairs' corpus into --store first.
    Stories {
        #[arg(long, default_value = "crates/group/testdata/story_pairs.tsv")]
        labels: PathBuf,
    },
    /// Clitic segmentation against a UD treebank in CoNLL-U (e.g. UD Arabic-PUD).
    Segmentation {
        conllu: PathBuf,
        /// Also print this many words segmented differently from the treebank.
        #[arg(long, default_value_t = 0)]
        errors: usize,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`marsad search ... | head`) is not an error worth a message.
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("marsad: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn open_store(cli_store: &std::path::Path) -> Result<Store> {
    Store::open(cli_store).with_context(|| format!("cannot open the store in {}", cli_store.display()))
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest { paths, published, report, window } => {
            let store = open_store(&cli.store)?;
            let summary = ingest::run(&store, &paths, published, window.group_window_days, cli.quiet)?;
            if let Some(path) = report {
                std::fs::write(&path, serde_json::to_string_pretty(&summary)?)
                    .with_context(|| format!("cannot write the report to {}", path.display()))?;
            }
            Ok(summary.exit_code())
        }
        Command::Watch { feeds, interval, timeout, window } => {
            let text = std::fs::read_to_string(&feeds)
                .with_context(|| format!("cannot read the feed list {}", feeds.display()))?;
            let urls = marsad_watch::feed_list(&text);
            if urls.is_empty() {
                bail!("{}: no feed URL (one a line; # starts a comment)", feeds.display());
            }
            let store = open_store(&cli.store)?;
            let options = marsad_watch::Options {
                timeout: Duration::from_secs(timeout),
                ..marsad_watch::Options::default()
            };
            let interval = interval.map(Duration::from_secs);
            Ok(ingest::watch(&store, urls, options, interval, window.group_window_days, cli.quiet)?
                .exit_code())
        }
        Command::Analyze { file, published, pretty } => analyze(&file, published, pretty),
        Command::Search { query, json, limit, offset, sort, filters } => {
            let store = open_store(&cli.store)?;
            if store.is_empty()? {
                eprintln!(
                    "marsad: warning: the store in {} holds no articles\n  hint: run `marsad ingest PATH` first",
                    cli.store.display()
                );
            }
            let options = SearchOptions { limit, offset, sort, filters: filters.into_filters()? };
            let results = store.search(&query.join(" "), &options)?;
            report::print_search(&results, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Story { number, json } => browse::story(&open_store(&cli.store)?, number, json),
        Command::Entities(args) => browse::entities(&open_store(&cli.store)?, &args),
        Command::Quotes(args) => browse::quotes(&open_store(&cli.store)?, &args),
        Command::Events(args) => browse::events(&open_store(&cli.store)?, &args),
        Command::Show { id, json } => {
            let store = open_store(&cli.store)?;
            let Some(article) = store.get(&id)? else {
                bail!("no article with id {id:?} in {}", cli.store.display());
            };
            let mut out = std::io::stdout().lock();
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&marsad_article::json::to_json(&article))?)?;
            } else {
                report::print_article(&mut out, &article)?;
                if let Some(group) = store.copy_group(&id)? {
                    report::print_copy_group(&mut out, &id, &group)?;
                }
                report::print_related(&mut out, &store.related(&id, 10)?)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Pipeline { paths, limit }) => {
            bench_pipeline::bench_pipeline(&paths, limit)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Text { files }) => {
            measure::bench_text(&files)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Retrieval { docs, queries, systems, runs }) => {
            measure::eval_retrieval(&docs, &queries, systems.as_deref(), runs.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Ner { gold, news, limit }) => {
            match gold {
                Some(gold) => measure::bench_ner(&gold)?,
                None => bench_pipeline::bench_ner_news(&news, limit)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Ner { gold, held_out_fifth, layer, misses }) => {
            measure::eval_ner(&gold, held_out_fifth, layer, misses)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Times { gold }) => {
            measure::eval_times(&gold)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Train(TrainCommand::Ner { shared, out }) => {
            measure::train_ner(&shared, &out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Quotes { gold, errors }) => {
            measure::eval_quotes(&gold, errors)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Events { gold, half, misses }) => {
            measure::eval_events(&gold, half.as_deref(), misses)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::EventJudgements { judgements, corpus, part, show }) => {
            measure::eval_event_judgements(&judgements, &corpus, part.as_deref(), show)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Stories { labels }) => {
            measure::eval_stories(&open_store(&cli.store)?, &labels)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Segmentation { conllu, errors }) => {
            measure::eval_segmentation(&conllu, errors)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { addr, ingest: paths } => {
            let store = open_store(&cli.store)?;
            let mut code = ExitCode::SUCCESS;
            if !paths.is_empty() {
                code =
                    ingest::run(&store, &paths, None, grouping::DEFAULT_WINDOW_DAYS, cli.quiet)?.exit_code();
            }
            if !addr.ip().is_loopback() {
                eprintln!("marsad: warning: serving on {addr}, reachable from other machines");
            }
            eprintln!(
                "{:>12} http://{addr}/ ({} articles; JSON API under /api, described at /openapi.json)",
                "Serving",
                store.len()?
            );
            let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
            runtime
                .block_on(marsad_serve::serve(Arc::new(store), addr))
                .with_context(|| format!("cannot serve on {addr}"))?;
            Ok(code)
        }
    }
}

/// Reads one input, runs every stage but the store, and prints each article's JSON.
fn analyze(
    file: &std::path::Path,
    published: Option<chrono::DateTime<chrono::FixedOffset>>,
    pretty: bool,
) -> Result<ExitCode> {
    let options = pipeline::Options { tokens: true, published };
    let mut out = std::io::stdout().lock();
    let mut rejected = 0;
    let mut write_err = None;
    pipeline::read_one(file, |item| {
        if write_err.is_some() {
            return;
        }
        match item.and_then(|a| pipeline::process(a, &options)) {
            Ok(article) => {
                let v = marsad_article::json::to_json(&article);
                let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) };
                if let Err(e) = text.map_err(std::io::Error::from).and_then(|t| writeln!(out, "{t}")) {
                    write_err = Some(e);
                }
            }
            Err(e) => {
                rejected += 1;
                eprintln!("marsad: error: {e}");
            }
        }
    })?;
    if let Some(e) = write_err {
        return Err(e.into());
    }
    Ok(if rejected > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
