//! Trains the entity tagger as `marsad train ner` does and scores it in the same process, for
//! feature experiments: no rebuild of the binary between a change and its score. Scores the
//! tagger alone (what `marsad eval ner` reports) and the whole layer with its article rules.
//!
//! `cargo run --release -p marsad-extract --example train_eval_ner [EPOCHS] [--seed=N]
//! [--self-train=SENTENCES] [--write | --shipped]`: prints the ANERcorp test and NewsFANE
//! held-out-fifth reports; `--write` also replaces `data/ner.model` (what `marsad train ner` would
//! write); `--seed=N` changes the sentence order, to see how much of a difference is noise;
//! `--shipped` scores `data/ner.model` without training. `--self-train=N` is the self-training
//! experiment of docs/evaluation.md: the model trained as usual tags ANT v1.1, and its first N
//! sentences of 5 to 60 tokens with an entity are added to the training texts, labelled as tagged.
//! Reads `../shared` via the `MARSAD_SHARED` convention of `marsad-testkit`.

use std::path::Path;

use marsad_extract::entities::{
    eval_conll_with, eval_layer_conll_with, newsfane_split, train_ner, Model, Tag, TrainOptions, TrainingText,
};

#[path = "common/ant.rs"]
mod ant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let shared = marsad_testkit::shared_dir().ok_or("../shared not found")?;
    let read = |rel: &str| {
        let path = shared.join(rel);
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let anercorp = read("data/anercorp/camel_split_approx/ANERCorp_CamelSplit_approx_train.txt")?;
    let test = read("data/anercorp/camel_split_approx/ANERCorp_CamelSplit_approx_test.txt")?;
    let newsfane = read("data/newsfane_gold/NewsFANE_Gold_2014_170K.txt")?;
    let (newsfane_train, newsfane_held_out) = newsfane_split(&newsfane);
    let mut options = TrainOptions::default();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(epochs) = args.iter().find_map(|a| a.parse::<usize>().ok()) {
        options.epochs = epochs;
    }
    if let Some(seed) = args.iter().find_map(|a| a.strip_prefix("--seed=")?.parse::<u64>().ok()) {
        options.seed = seed;
    }
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ner.model");
    let bytes = if args.iter().any(|a| a == "--shipped") {
        std::fs::read(&shipped).map_err(|e| format!("{}: {e}", shipped.display()))?
    } else {
        let started = std::time::Instant::now();
        let texts = [
            TrainingText { conll: &anercorp, misc_annotated: true },
            TrainingText { conll: newsfane_train, misc_annotated: false },
        ];
        let mut bytes = train_ner(&texts, &[&test], options)?;
        if let Some(wanted) = args.iter().find_map(|a| a.strip_prefix("--self-train=")?.parse::<usize>().ok())
        {
            let ant = shared.join("data/ant_corpus_v1.1/antcorpus_v1.1.tar.gz");
            let silver = silver_conll(&Model::from_bytes(&bytes)?, &ant::ant_texts(&ant)?, wanted);
            eprintln!("self-training with {} sentences of ANT v1.1", silver.matches("\n\n").count());
            let with_silver = [texts[0], texts[1], TrainingText { conll: &silver, misc_annotated: true }];
            bytes = train_ner(&with_silver, &[&test], options)?;
        }
        let seconds = started.elapsed().as_secs_f64();
        eprintln!("trained {} epochs in {seconds:.1} s, {} bytes", options.epochs, bytes.len());
        bytes
    };
    let model = Model::from_bytes(&bytes)?;
    let on_test = eval_conll_with(&model, &test)?;
    let on_newsfane = eval_conll_with(&model, newsfane_held_out)?;
    println!("ANERcorp test\n{on_test}\nNewsFANE held-out fifth\n{on_newsfane}");
    let layer_on_test = eval_layer_conll_with(&model, &test)?;
    let layer_on_newsfane = eval_layer_conll_with(&model, newsfane_held_out)?;
    println!(
        "Whole layer (tagger and article rules)\nANERcorp test\n{layer_on_test}\nNewsFANE held-out fifth\n{layer_on_newsfane}"
    );
    if args.iter().any(|a| a == "--write") {
        std::fs::write(&shipped, &bytes).map_err(|e| format!("{}: {e}", shipped.display()))?;
        eprintln!("wrote {}", shipped.display());
    }
    Ok(())
}

/// The first `wanted` sentences of `texts` of 5 to 60 tokens in which `model` tags an entity, as a
/// CoNLL text labelled with its tags.
fn silver_conll(model: &Model, texts: &[String], wanted: usize) -> String {
    let mut conll = String::new();
    let mut sentences = 0;
    for text in texts {
        let document: Vec<Vec<&str>> = marsad_text::sentences(text)
            .into_iter()
            .map(|range| {
                let sentence = &text[range];
                marsad_text::segment::words(sentence).map(|t| &sentence[t.start..t.end]).collect()
            })
            .collect();
        for (words, tags) in document.iter().zip(model.tag_document(&document)) {
            if sentences == wanted {
                return conll;
            }
            if !(5..=60).contains(&words.len()) || tags.iter().all(|t| *t == Tag::O) {
                continue;
            }
            for (word, tag) in words.iter().zip(tags) {
                conll.push_str(&format!("{word} {tag}\n"));
            }
            conll.push('\n');
            sentences += 1;
        }
    }
    conll
}
