//! `marsad bench …` and `marsad eval …`: read the inputs, call the measuring code in `marsad-bench`
//! and `marsad-text`, print tables. Each table says what it measured so it can go in the docs as is.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use marsad_bench::retrieval::{self, System, SystemIndex};
use marsad_extract::{entities, events, quotes, times};

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// `marsad bench text FILE...`: MB/s of each analysis step and of the Rust peers.
pub fn bench_text(files: &[PathBuf]) -> Result<()> {
    let mut text = String::new();
    for f in files {
        text.push_str(&read(f)?);
        text.push('\n');
    }
    outln!(
        "input: {:.1} MB from {} file(s); one thread; MB/s per second of CPU time",
        text.len() as f64 / 1e6,
        files.len()
    );
    outln!("| step | work | MB/s | tokens per pass | passes |");
    outln!("|---|---|---:|---:|---:|");
    for row in marsad_bench::throughput::measure(&text) {
        outln!(
            "| {} | {} | {:.1} | {} | {} |",
            row.name,
            row.work,
            row.mb_per_s(text.len()),
            row.items,
            row.passes
        );
    }
    Ok(())
}

/// `marsad eval retrieval`: every system over the same bodies and query sets, MRR@10 and R@10.
pub fn eval_retrieval(
    docs: &Path,
    queries: &[PathBuf],
    systems: Option<&str>,
    runs: Option<&Path>,
) -> Result<()> {
    let docs_name = docs.display().to_string();
    let bodies = retrieval::parse_docs(&docs_name, &read(docs)?)?;
    let mut sets = Vec::new();
    for q in queries {
        let name =
            q.file_stem().map_or_else(|| q.display().to_string(), |s| s.to_string_lossy().into_owned());
        sets.push((name, retrieval::parse_queries(&q.display().to_string(), &read(q)?)?));
    }
    let systems: Vec<System> = match systems {
        Some(list) => list.split(',').map(|n| System::by_name(n.trim())).collect::<Result<_, _>>()?,
        None => System::all(),
    };
    if let Some(dir) = runs {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    outln!("{} bodies; BM25 (tantivy), OR of the query terms, top {}", bodies.len(), retrieval::CUTOFF);
    out!("| system |");
    for (name, set) in &sets {
        out!(" MRR@10 {name} ({}) | R@10 {name} |", set.len());
    }
    outln!(" index s | query ms/q |");
    outln!("|---|{}---:|---:|", "---:|---:|".repeat(sets.len()));
    for system in systems {
        let index = SystemIndex::build(system, &bodies)?;
        out!("| {} |", system.name());
        let mut query_seconds = 0.0;
        let mut query_count = 0;
        for (name, set) in &sets {
            let run = index.run(set)?;
            let (mrr, recall) = retrieval::score(&run, set);
            out!(" {mrr:.3} | {recall:.3} |");
            query_seconds += run.query_seconds;
            query_count += set.len();
            if let Some(dir) = runs {
                let path = dir.join(format!("run_{}_{name}.txt", system.name().replace(':', "_")));
                std::fs::write(&path, retrieval::to_trec(&run))
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
        }
        outln!(" {:.1} | {:.2} |", index.index_seconds, 1000.0 * query_seconds / query_count.max(1) as f64);
    }
    Ok(())
}

/// `marsad eval segmentation FILE.conllu`: clitic segmentation against a UD treebank.
pub fn eval_segmentation(conllu: &Path, errors: usize) -> Result<()> {
    let eval = marsad_text::eval_segmentation(&read(conllu)?);
    outln!(
        "{}: {} of {} Arabic words segmented exactly as the treebank = {:.2}% ({} split in gold)",
        conllu.display(),
        eval.words_right,
        eval.words,
        100.0 * eval.accuracy(),
        eval.gold_split_words
    );
    outln!("| clitic | precision | recall | gold |");
    outln!("|---|---:|---:|---:|");
    for (clitic, &(_, _, gold)) in &eval.per_clitic {
        let (p, r) = eval.precision_recall(clitic).unwrap_or_default();
        outln!("| {clitic} | {p:.3} | {r:.3} | {gold} |");
    }
    for e in eval.errors.iter().take(errors) {
        outln!("  {}\tgold {}\tgot {}", e.word, e.gold.join("+"), e.predicted.join("+"));
    }
    Ok(())
}

/// `marsad eval ner --gold FILE`: CoNLL exact-span scores of the built-in tagger, and with
/// `misses` the gold entities it does not return.
pub fn eval_ner(gold: &Path, held_out_fifth: bool, whole_layer: bool, misses: bool) -> Result<()> {
    let text = read(gold)?;
    let scored = if held_out_fifth { entities::newsfane_split(&text).1 } else { &text };
    let report = if whole_layer {
        entities::eval_layer_conll_with(entities::builtin_model(), scored)
    } else {
        entities::eval_conll(scored)
    };
    let report = report.with_context(|| format!("{}", gold.display()))?;
    outln!("{}{}\n{report}", gold.display(), if held_out_fifth { " (last fifth)" } else { "" });
    if misses {
        for line in entities::conll_misses(entities::builtin_model(), scored)? {
            outln!("missed\t{line}");
        }
    }
    Ok(())
}

/// `marsad bench ner FILE`: tagging alone, one thread, over the words of a CoNLL file. The first
/// pass fills the per-word analysis cache; the fastest of ten further passes is the warm figure.
pub fn bench_ner(gold: &Path) -> Result<()> {
    let sentences = entities::parse_conll(&read(gold)?).with_context(|| format!("{}", gold.display()))?;
    let words: Vec<Vec<&str>> =
        sentences.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect();
    let tokens: usize = words.iter().map(Vec::len).sum();
    let model = entities::builtin_model();
    // Load the tables the features read before the clock starts.
    model.tag(&["تمهيد"]);
    let mut seconds = Vec::with_capacity(11);
    for _ in 0..11 {
        let started = std::time::Instant::now();
        for sentence in &words {
            model.tag(sentence);
        }
        seconds.push(started.elapsed().as_secs_f64());
    }
    let warm = seconds[1..].iter().copied().fold(f64::INFINITY, f64::min);
    outln!("entity tagging, {tokens} tokens of {}, one thread", gold.display());
    outln!("  cold (first pass): {:.0} tokens/s", tokens as f64 / seconds[0]);
    outln!("  warm (fastest of 10): {:.0} tokens/s", tokens as f64 / warm);
    Ok(())
}

/// `marsad eval times --gold FILE...`: span and value scores of the time layer.
pub fn eval_times(gold: &[PathBuf]) -> Result<()> {
    let mut docs = Vec::new();
    for path in gold {
        docs.extend(times::parse_gold(&read(path)?).with_context(|| format!("{}", path.display()))?);
    }
    out!("{}", times::eval_times(&docs));
    Ok(())
}

/// `marsad eval quotes`: each gold TSV of the folder scored on its articles, run through the whole
/// pipeline as `marsad analyze` runs them.
pub fn eval_quotes(dir: &Path, errors: bool) -> Result<()> {
    let mut tsvs: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the gold folder {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    tsvs.sort();
    if tsvs.is_empty() {
        anyhow::bail!("{}: no gold .tsv file", dir.display());
    }
    let options = crate::pipeline::Options { tokens: false, published: None };
    for tsv in tsvs {
        let gold = quotes::parse_gold(&read(&tsv)?).with_context(|| format!("{}", tsv.display()))?;
        let mut names: Vec<&str> = gold.iter().map(|g| g.article.as_str()).collect();
        names.sort();
        names.dedup();
        let mut articles = Vec::new();
        for name in names {
            let path = dir.join("articles").join(format!("{name}.txt"));
            let mut found = None;
            crate::pipeline::read_one(&path, |item| {
                found = Some(item.and_then(|a| crate::pipeline::process(a, &options)));
            })?;
            match found {
                Some(Ok(article)) => articles.push((name, article)),
                Some(Err(e)) => anyhow::bail!("{e}"),
                None => anyhow::bail!("{}: no article read", path.display()),
            }
        }
        let views: Vec<quotes::ArticleQuotes> = articles
            .iter()
            .map(|(name, a)| quotes::ArticleQuotes {
                name,
                clean: &a.clean,
                quotes: a.layer(marsad_article::layer::QUOTES),
            })
            .collect();
        outln!("== {} ({} quotes in {} articles)", tsv.display(), gold.len(), articles.len());
        let report = quotes::eval_quotes(&gold, &views);
        out!("{report}");
        if errors {
            let lists = [
                ("missed", &report.misses),
                ("wrong speaker", &report.wrong_speaker),
                ("spurious", &report.spurious),
            ];
            for (what, list) in lists {
                for line in list {
                    outln!("{what:>14}: {line}");
                }
            }
        }
    }
    Ok(())
}

/// `marsad eval events`: every `.xml` and `.tsv` gold file under the given files and folders;
/// with `half`, only the odd or even records (counted from 1 over the files in name order).
pub fn eval_events(paths: &[PathBuf], half: Option<&str>, show_misses: bool) -> Result<()> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("cannot read {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "xml" || x == "tsv"))
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(path.clone());
        }
    }
    let mut gold = Vec::new();
    for file in &files {
        let name = file.display().to_string();
        gold.extend(events::parse_gold(&name, &read(file)?)?);
    }
    if let Some(half) = half {
        let keep_odd = half == "odd";
        gold =
            gold.into_iter().enumerate().filter(|(i, _)| (i % 2 == 0) == keep_odd).map(|(_, g)| g).collect();
    }
    let of_half = half.map(|h| format!(" ({h} records)")).unwrap_or_default();
    outln!("{} gold sentences{of_half} from {} file(s)", gold.len(), files.len());
    let report = events::eval_events(&gold);
    out!("{report}");
    if show_misses {
        for m in &report.misses {
            outln!("miss {m}");
        }
    }
    Ok(())
}

/// `marsad eval event-judgements`: the judged articles of `corpus` through the whole pipeline,
/// their events now against the hand judgements.
pub fn eval_event_judgements(judgements: &Path, corpus: &Path, part: Option<&str>, show: bool) -> Result<()> {
    let mut judged = events::parse_judgements(&judgements.display().to_string(), &read(judgements)?)?;
    if let Some(part) = part {
        judged.retain(|j| j.part == part);
    }
    if !corpus.exists() {
        anyhow::bail!(
            "{}: no such corpus (give the judged articles' corpus with --corpus)",
            corpus.display()
        );
    }
    let wanted: std::collections::BTreeSet<&str> = judged.iter().map(|j| j.article.as_str()).collect();
    let options = crate::pipeline::Options { tokens: false, published: None };
    let mut coded = std::collections::BTreeMap::new();
    let mut failed = Vec::new();
    crate::pipeline::read_all(&[corpus.to_path_buf()], |input| {
        let crate::pipeline::Input::Article(article, ..) = input else { return };
        // The origin is `corpus path!path inside the archive` or a file path: match on its end.
        let Some(&key) = wanted.iter().find(|w| article.meta.origin.ends_with(*w)) else { return };
        match crate::pipeline::process(article, &options) {
            Ok(article) => {
                coded.insert(key.to_string(), events::coded_events(&article));
            }
            Err(rejection) => failed.push(rejection.to_string()),
        }
    });
    for f in &failed {
        eprintln!("marsad: warning: {f}");
    }
    let of_part = part.map(|p| format!(", {p} rows")).unwrap_or_default();
    outln!("{} ({} judgements{of_part}; corpus {})", judgements.display(), judged.len(), corpus.display());
    let report = events::score_judgements(&judged, &coded);
    out!("{report}");
    if show {
        for line in &report.actor_lines {
            outln!("{line}");
        }
    }
    Ok(())
}

/// `marsad eval stories`: pairwise precision and recall of the stored story numbers against pairs
/// labelled by hand (same story or not), looked up by the articles' source ids.
pub fn eval_stories(store: &marsad_store::Store, labels: &Path) -> Result<()> {
    let text = read(labels)?;
    let mut pairs = Vec::new();
    let mut missing = 0;
    for (i, line) in text.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [first, second, _stratum, same] = cols[..] else {
            anyhow::bail!("{}:{}: expected 4 tab-separated columns", labels.display(), i + 1);
        };
        let labelled = match same {
            "yes" => true,
            "no" => false,
            other => anyhow::bail!("{}:{}: same_story is {other:?}, not yes or no", labels.display(), i + 1),
        };
        match (store.story_of_source(first)?, store.story_of_source(second)?) {
            (Some(a), Some(b)) => pairs.push((labelled, a == b)),
            _ => missing += 1,
        }
    }
    let score = marsad_group::eval::PairScore::of(pairs.iter().copied());
    outln!(
        "{} labelled pairs ({} with an article missing from the store): P {:.3} R {:.3} F1 {:.3} (TP {} FP {} FN {} TN {})",
        pairs.len(),
        missing,
        score.precision(),
        score.recall(),
        score.f1(),
        score.true_positives,
        score.false_positives,
        score.false_negatives,
        score.true_negatives
    );
    Ok(())
}

/// `marsad train ner`: the shipped model from ANERcorp's training split and NewsFANE's first four
/// fifths, byte for byte the same on every run.
pub fn train_ner(shared: &Path, out: &Path) -> Result<()> {
    let anercorp =
        read(&shared.join("data/anercorp/camel_split_approx/ANERCorp_CamelSplit_approx_train.txt"))?;
    let newsfane = read(&shared.join("data/newsfane_gold/NewsFANE_Gold_2014_170K.txt"))?;
    let test = read(&shared.join("data/anercorp/camel_split_approx/ANERCorp_CamelSplit_approx_test.txt"))?;
    let started = std::time::Instant::now();
    let texts = [
        entities::TrainingText { conll: &anercorp, misc_annotated: true },
        entities::TrainingText { conll: entities::newsfane_split(&newsfane).0, misc_annotated: false },
    ];
    let model = entities::train_ner(&texts, &[&test], entities::TrainOptions::default())
        .context("training failed")?;
    std::fs::write(out, &model).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "{:>12} {} ({} bytes) in {:.1} s; rebuild Marsad to embed it",
        "Wrote",
        out.display(),
        model.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
