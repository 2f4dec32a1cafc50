//! Synthetic recall and precision of copy detection: copies of known articles with controlled
//! edits, among thousands of other articles, for MinHash and SimHash at several thresholds.
//!
//! ```text
//! cargo run --release -p marsad-group --example synthetic [-- SOURCES]
//! ```
//! Originals: the team's articles (`examples/news`) and the ANT v1.1 bodies (Apache-2.0) from
//! `../shared`. The team's articles and SOURCES ANT articles (default 2,000, evenly spread) each
//! get one copy per `Edit::ALL`; all originals are added first, then the copies in a shuffled
//! order. A copy counts as found when it is called a copy of its own original; a copy attributed
//! to another article, and an original called a copy, are false positives.

mod common;

use common::{ant, shared_dir, team_news, Doc, Result};
use marsad_group::eval::{apply_edit, DetectionScore, Edit};
use marsad_group::hash::SplitMix;
use marsad_group::{DupConfig, DupIndex, Method, Shingles, Verdict};

fn one_sentence_per_line(text: &str) -> String {
    let sentences: Vec<&str> = marsad_text::sentences(text).into_iter().map(|r| text[r].trim()).collect();
    sentences.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n")
}

struct Copy {
    source: usize,
    /// Which half of the sources (alternate ones) it comes from, to check a rule chosen on one
    /// half against the other.
    half: usize,
    edit: usize,
    body: String,
}

fn main() -> Result<()> {
    let sources_wanted: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let ant_path = shared_dir().join("data/ant_corpus_v1.1/antcorpus_v1.1.tar.gz");
    let mut originals: Vec<Doc> = team_news()?;
    let team = originals.len();
    // ANT v1.1 repeats 195 bodies verbatim under other DOCNOs: keep the first of each, so that
    // the originals are distinct articles. Its bodies also lost their paragraph breaks; rebuild
    // them as one sentence per line, the way wire copy is laid out, so "a paragraph dropped" is
    // one paragraph and not half the text.
    let mut seen = std::collections::HashSet::new();
    for mut doc in ant(&ant_path)? {
        if seen.insert(doc.body.clone()) {
            doc.body = one_sentence_per_line(&doc.body);
            originals.push(doc);
        }
    }
    let ant_count = originals.len() - team;
    let step = (ant_count / sources_wanted.max(1)).max(1);
    let sources: Vec<usize> =
        (0..team).chain((team..originals.len()).step_by(step).take(sources_wanted)).collect();

    let mut vocabulary: Vec<&str> =
        originals.iter().take(2000).flat_map(|d| d.body.split_whitespace()).collect();
    vocabulary.sort_unstable();
    vocabulary.dedup();
    let mut copies = Vec::new();
    for (position, &source) in sources.iter().enumerate() {
        let text = originals[source].text();
        for (edit_number, &edit) in Edit::ALL.iter().enumerate() {
            let seed = (source as u64) << 8 | edit_number as u64;
            let edited = apply_edit(&text, edit, seed, &vocabulary);
            let body = edited.split_once('\n').map_or(String::new(), |(_, b)| b.to_string());
            copies.push(Copy { source, half: position % 2, edit: edit_number, body });
        }
    }
    let mut rng = SplitMix::new(2026);
    for i in (1..copies.len()).rev() {
        copies.swap(i, rng.below(i + 1));
    }
    println!(
        "originals: {} ({} team, {} ANT v1.1); sources copied: {}; copies: {}\n",
        originals.len(),
        team,
        ant_count,
        sources.len(),
        copies.len()
    );

    // (words per shingle, method, containment threshold, word confirmation)
    let methods = [
        (2, Method::MinHash { bands: 32, rows: 2 }, None, None),
        (2, Method::MinHash { bands: 32, rows: 2 }, Some(0.9), None),
        (2, Method::MinHash { bands: 32, rows: 2 }, None, Some((0.4, 0.55))),
        (3, Method::MinHash { bands: 32, rows: 2 }, None, None),
        (2, Method::MinHash { bands: 16, rows: 4 }, None, None),
        (2, Method::SimHash { max_distance: 3 }, None, None),
        (2, Method::SimHash { max_distance: 7 }, None, None),
    ];
    let thresholds = [0.3, 0.4, 0.5, 0.6, 0.7];
    print!("| shingle | method | min J | min C | words below J 0.4 | precision | recall |");
    for edit in Edit::ALL {
        print!(" {} |", edit.label());
    }
    println!(" originals called copies | P, R of each half |");
    println!("|{}", "---|".repeat(9 + Edit::ALL.len()));
    let mut shingle_cache: Vec<(usize, Vec<Shingles>, Vec<Shingles>)> = Vec::new();
    for (words, method, min_containment, confirm_by_words) in methods {
        if !shingle_cache.iter().any(|(w, _, _)| *w == words) {
            let o = originals.iter().map(|d| Shingles::from_text(&d.body, words)).collect();
            let c = copies.iter().map(|c| Shingles::from_text(&c.body, words)).collect();
            shingle_cache.push((words, o, c));
        }
        let Some((_, original_shingles, copy_shingles)) = shingle_cache.iter().find(|(w, _, _)| *w == words)
        else {
            continue;
        };
        for min_jaccard in thresholds {
            let config = DupConfig {
                shingle_words: words,
                method,
                min_jaccard,
                min_containment,
                confirm_by_words,
                ..DupConfig::default()
            };
            let mut index = DupIndex::new(config);
            let mut score = DetectionScore::default();
            let mut per_edit = vec![DetectionScore::default(); Edit::ALL.len()];
            let mut per_half = [DetectionScore::default(); 2];
            let mut originals_flagged = Vec::new();
            for (i, s) in original_shingles.iter().enumerate() {
                if let Verdict::CopyOf { id, similarity } = index.add_shingles(i, s) {
                    originals_flagged.push((i, id, similarity));
                }
            }
            // A copy of an original that is itself a copy belongs to that original's canonical.
            let canonical_of = |i: usize| match index.verdict(&i) {
                Some(Verdict::CopyOf { id, .. }) => id,
                _ => i,
            };
            let expected: Vec<usize> = (0..originals.len()).map(canonical_of).collect();
            for (i, (copy, s)) in copies.iter().zip(copy_shingles).enumerate() {
                let verdict = index.add_shingles(originals.len() + i, s);
                let outcome = match verdict {
                    Verdict::CopyOf { id, .. } if id == expected[copy.source] => {
                        DetectionScore { true_positives: 1, ..Default::default() }
                    }
                    Verdict::CopyOf { .. } => {
                        DetectionScore { false_positives: 1, false_negatives: 1, ..Default::default() }
                    }
                    Verdict::Canonical => DetectionScore { false_negatives: 1, ..Default::default() },
                };
                score.add(outcome);
                per_half[copy.half].add(outcome);
                per_edit[copy.edit].add(outcome);
            }
            score.false_positives += originals_flagged.len();
            for (i, _, _) in &originals_flagged {
                per_half[i % 2].false_positives += 1;
            }
            let containment = min_containment.map_or("off".to_string(), |c| c.to_string());
            let word_rule = confirm_by_words.map_or("off".to_string(), |(_, w)| format!("≥ {w}"));
            print!(
                "| {words} | {} | {min_jaccard} | {containment} | {word_rule} | {:.4} | {:.4} |",
                method.label(),
                score.precision(),
                score.recall()
            );
            for s in &per_edit {
                print!(" {:.3} |", s.recall());
            }
            print!(" {} |", originals_flagged.len());
            println!(
                " {:.3}, {:.3}; {:.3}, {:.3} |",
                per_half[0].precision(),
                per_half[0].recall(),
                per_half[1].precision(),
                per_half[1].recall()
            );
            if std::env::var_os("SHOW_FLAGGED").is_some() {
                for (i, canonical, similarity) in &originals_flagged {
                    eprintln!(
                        "{words}\t{}\t{min_jaccard}\t{similarity:.3}\t{}\t{}",
                        method.label(),
                        originals[*i].id,
                        originals[*canonical].id
                    );
                }
            }
        }
    }
    Ok(())
}
