//! Draws the article pairs of the story evaluation from ANT multi-source: 300 pairs of articles
//! from different outlets published within 3 days of each other, half of them plausible (their
//! TF-IDF cosine is at least 0.15) and half drawn at random, with a fixed seed. Writes the pairs
//! (ids only) and, for labelling, a reading sheet with each article's headline and lead.
//!
//! ```text
//! cargo run --release -p marsad-group --example story_features -- ant target/group/tmp/ant_features.tsv
//! cargo run --release -p marsad-group --example story_sample -- target/group/tmp/ant_features.tsv PAIRS.tsv SHEET.txt
//! ```
//! The plausibility cosine is computed here over all terms and entity keys (log TF × IDF of
//! the whole corpus), independently of `StoryIndex`, so the sample does not favour its choices.

mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use common::{read_cache, Cached, Result};
use marsad_group::hash::{hash_word, SplitMix};
use rustc_hash::FxHashMap;

const PAIRS_PER_STRATUM: usize = 150;
const WINDOW_SECS: i64 = 3 * 24 * 3600;
const PLAUSIBLE_COSINE: f32 = 0.15;

fn vectors(docs: &[Cached]) -> Vec<Vec<(u64, f32)>> {
    let mut df: FxHashMap<u64, u32> = FxHashMap::default();
    let raw: Vec<Vec<(u64, f32)>> = docs
        .iter()
        .map(|d| {
            let mut v: Vec<(u64, f32)> =
                d.features.terms.iter().map(|&(h, c)| (h, 1.0 + (c as f32).ln())).collect();
            v.extend(d.features.entities.iter().map(|(k, c)| (hash_word(k) ^ 1, 1.0 + (*c as f32).ln())));
            v.sort_by_key(|f| f.0);
            v.dedup_by_key(|f| f.0);
            for f in &v {
                *df.entry(f.0).or_default() += 1;
            }
            v
        })
        .collect();
    let n = docs.len() as f32;
    raw.into_iter()
        .map(|mut v| {
            for f in &mut v {
                f.1 *= (n / df[&f.0] as f32).ln();
            }
            let norm = v.iter().map(|f| f.1 * f.1).sum::<f32>().sqrt().max(1e-9);
            v.iter_mut().for_each(|f| f.1 /= norm);
            v
        })
        .collect()
}

fn cosine(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        if a[i].0 < b[j].0 {
            i += 1;
        } else if a[i].0 > b[j].0 {
            j += 1;
        } else {
            s += a[i].1 * b[j].1;
            i += 1;
            j += 1;
        }
    }
    s
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(cache), Some(pairs_out), Some(sheet_out)) = (args.first(), args.get(1), args.get(2)) else {
        return Err("usage: story_sample FEATURES.tsv PAIRS.tsv SHEET.txt".into());
    };
    let mut docs: Vec<Cached> = read_cache(std::path::Path::new(cache))?;
    docs.retain(|d| d.features.published.is_some() && !d.features.terms.is_empty());
    docs.sort_by(|a, b| (a.features.published, &a.features.id).cmp(&(b.features.published, &b.features.id)));
    let times: Vec<i64> = docs.iter().map(|d| d.features.published.unwrap_or_default()).collect();
    let vecs = vectors(&docs);
    let window = |i: usize| {
        let lo = times.partition_point(|&t| t < times[i] - WINDOW_SECS);
        let hi = times.partition_point(|&t| t <= times[i] + WINDOW_SECS);
        (lo..hi).filter(move |&j| j != i)
    };
    let mut rng = SplitMix::new(2018);
    let mut chosen: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut pairs: Vec<(usize, usize, &str, f32)> = Vec::new();
    for stratum in ["plausible", "random"] {
        let mut taken = 0;
        while taken < PAIRS_PER_STRATUM {
            let a = rng.below(docs.len());
            let outlet = &docs[a].features.outlet;
            let others: Vec<usize> = window(a)
                .filter(|&j| &docs[j].features.outlet != outlet)
                .filter(|&j| stratum == "random" || cosine(&vecs[a], &vecs[j]) >= PLAUSIBLE_COSINE)
                .collect();
            if others.is_empty() {
                continue;
            }
            let b = others[rng.below(others.len())];
            let key = (a.min(b), a.max(b));
            if chosen.insert(key) {
                pairs.push((key.0, key.1, stratum, cosine(&vecs[a], &vecs[b])));
                taken += 1;
            }
        }
    }
    let mut tsv = String::from("first\tsecond\tstratum\tcosine\tsame_story\n");
    let mut sheet = String::new();
    for (n, &(a, b, stratum, cos)) in pairs.iter().enumerate() {
        let (da, db) = (&docs[a], &docs[b]);
        writeln!(tsv, "{}\t{}\t{stratum}\t{cos:.3}\t", da.features.id, db.features.id)?;
        writeln!(sheet, "#{} {stratum} cos {cos:.2}", n + 1)?;
        for d in [da, db] {
            writeln!(sheet, "  [{}] {}", d.features.id, d.title)?;
            writeln!(sheet, "      {}", d.lead.chars().take(260).collect::<String>())?;
        }
    }
    std::fs::write(pairs_out, tsv).map_err(|e| format!("{pairs_out}: {e}"))?;
    std::fs::write(sheet_out, sheet).map_err(|e| format!("{sheet_out}: {e}"))?;
    eprintln!("wrote {} pairs to {pairs_out} and the reading sheet to {sheet_out}", pairs.len());
    Ok(())
}
