//! Scores Marsad's HTML extraction on the ScrapingHub article-extraction benchmark, and any other
//! extractor's predictions with the same scorer (`marsad_read::html::score`).
//!
//! Usage: `extraction_benchmark DIR [--write OUT.json] [NAME=PREDICTIONS.json ...]`, where DIR holds
//! `ground-truth.json` and `html/<id>.html.gz`; a predictions file is `{id: {"articleBody": str}}`
//! (as the benchmark's own, e.g. from bench/extraction/trafilatura_extract.py). Prints one line per
//! extractor: pages, precision, recall, F1, accuracy, and for Marsad the extraction time.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use marsad_read::html::{self, score};
use serde_json::{json, Value};

fn bodies(path: &Path) -> Result<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    let value: Value =
        serde_json::from_str(&text).with_context(|| format!("{}: bad JSON", path.display()))?;
    let value = value.get("output").cloned().unwrap_or(value);
    let Value::Object(map) = value else { bail!("{}: not a JSON object", path.display()) };
    Ok(map
        .into_iter()
        .map(|(id, v)| (id, v.get("articleBody").and_then(Value::as_str).unwrap_or_default().to_string()))
        .collect())
}

fn report(name: &str, truth: &BTreeMap<String, String>, predicted: &BTreeMap<String, String>) {
    let pairs = truth.iter().map(|(id, t)| (t.as_str(), predicted.get(id).map_or("", String::as_str)));
    let s = score::score(pairs);
    println!(
        "{name:<12} pages {:>3}  precision {:.3}  recall {:.3}  F1 {:.3}  accuracy {:.3}",
        s.pages, s.precision, s.recall, s.f1, s.accuracy
    );
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next().context("usage: extraction_benchmark DIR [--write OUT.json] [NAME=FILE.json ...]")?,
    );
    let (mut write, mut others) = (None, Vec::new());
    while let Some(arg) = args.next() {
        if arg == "--write" {
            write = Some(PathBuf::from(args.next().context("--write needs a file")?));
        } else if let Some((name, file)) = arg.split_once('=') {
            others.push((name.to_string(), PathBuf::from(file)));
        } else {
            bail!("unexpected argument {arg}");
        }
    }
    let truth = bodies(&dir.join("ground-truth.json"))?;
    let truth_urls: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json"))?)?;
    let mut predicted = BTreeMap::new();
    let mut seconds = 0.0;
    for id in truth.keys() {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(
            std::fs::File::open(&path).with_context(|| format!("{}", path.display()))?,
        )
        .read_to_end(&mut bytes)
        .with_context(|| format!("{}", path.display()))?;
        let url = truth_urls.get(id).and_then(|v| v.get("url")).and_then(Value::as_str);
        let started = Instant::now();
        let (text, _) = html::charset::decode(&bytes, None);
        let body = html::extract(&text, url).map(|page| page.text).unwrap_or_default();
        seconds += started.elapsed().as_secs_f64();
        predicted.insert(id.clone(), body);
    }
    report("marsad", &truth, &predicted);
    println!(
        "{:<12} {:.1} ms per page, {} pages",
        "",
        seconds * 1000.0 / truth.len().max(1) as f64,
        truth.len()
    );
    for (name, file) in others {
        report(&name, &truth, &bodies(&file)?);
    }
    if let Some(out) = write {
        let value: BTreeMap<_, _> =
            predicted.into_iter().map(|(id, b)| (id, json!({ "articleBody": b }))).collect();
        std::fs::write(&out, serde_json::to_string(&value)?).with_context(|| format!("{}", out.display()))?;
    }
    Ok(())
}
