//! Known-item retrieval with each named chain: every k-th article's TITLE is the query, the
//! index holds the BODIES only (BM25, k1 = 1.2, b = 0.75, in memory), and the article itself is the
//! one right answer. Prints MRR@10 and recall@10 per chain, for the titles as written and with
//! light spelling noise (hamza seats dropped, ة written ه, ى written ي on every other word).
//!
//! `cargo run --release -p marsad-text --example known_item -- [ARCHIVE] [EVERY_KTH] [CHAIN,...]`,
//! ARCHIVE defaulting to the ANT multi-source corpus under `../shared/data` (read, never copied),
//! the chains to every named chain.

use std::collections::HashMap;
use std::io::Read;

use marsad_text::{Analyzer, ANALYZER_NAMES};

const DEFAULT_ARCHIVE: &str = "../shared/data/ant_corpus_multisource_v2.1/antcorpus_multisource_v2.1.tar.gz";
const DEFAULT_EVERY: usize = 10;

struct Article {
    title: String,
    body: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let archive = args.next().unwrap_or_else(|| DEFAULT_ARCHIVE.to_string());
    let every: usize = match args.next() {
        Some(n) => n.parse()?,
        None => DEFAULT_EVERY,
    };
    let chains: Vec<String> = match args.next() {
        Some(list) => list.split(',').map(str::to_string).collect(),
        None => ANALYZER_NAMES.iter().map(|n| n.to_string()).collect(),
    };
    let articles = read_articles(&archive)?;
    let queries: Vec<usize> = (0..articles.len()).step_by(every.max(1)).collect();
    println!("{} articles, {} queries (every {every}th title)", articles.len(), queries.len());
    println!("{:<12} {:>8} {:>8} {:>12} {:>12}", "chain", "MRR@10", "R@10", "MRR@10 noisy", "R@10 noisy");
    for name in &chains {
        let Some(analyzer) = Analyzer::by_name(name) else {
            return Err(format!("{name}: no such chain; the chains are {}", ANALYZER_NAMES.join(", ")).into());
        };
        let index = Index::build(analyzer, &articles);
        let clean = evaluate(&index, analyzer, &articles, &queries, false);
        let noisy = evaluate(&index, analyzer, &articles, &queries, true);
        println!("{name:<12} {:>8.4} {:>8.4} {:>12.4} {:>12.4}", clean.0, clean.1, noisy.0, noisy.1);
    }
    Ok(())
}

/// (MRR@10, recall@10) over the queries.
fn evaluate(
    index: &Index,
    analyzer: &Analyzer,
    articles: &[Article],
    queries: &[usize],
    noisy: bool,
) -> (f64, f64) {
    let mut reciprocal = 0.0;
    let mut found = 0usize;
    for &doc in queries {
        let title = if noisy { add_noise(&articles[doc].title) } else { articles[doc].title.clone() };
        let top = index.search(analyzer, &title, 10);
        if let Some(rank) = top.iter().position(|&d| d == doc) {
            reciprocal += 1.0 / (rank + 1) as f64;
            found += 1;
        }
    }
    (reciprocal / queries.len() as f64, found as f64 / queries.len() as f64)
}

/// Spelling variants news writers produce, on every other word.
fn add_noise(title: &str) -> String {
    title
        .split(' ')
        .enumerate()
        .map(|(i, word)| {
            if i % 2 == 1 {
                return word.to_string();
            }
            word.chars()
                .map(|c| match c {
                    'أ' | 'إ' | 'آ' => 'ا',
                    'ة' => 'ه',
                    'ى' => 'ي',
                    _ => c,
                })
                .collect()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

struct Index {
    terms: HashMap<String, usize>,
    postings: Vec<Vec<(u32, u32)>>,
    lengths: Vec<u32>,
    average_length: f64,
}

impl Index {
    fn build(analyzer: &Analyzer, articles: &[Article]) -> Index {
        let mut index =
            Index { terms: HashMap::new(), postings: Vec::new(), lengths: Vec::new(), average_length: 0.0 };
        let mut counts: HashMap<usize, u32> = HashMap::new();
        for (doc, article) in articles.iter().enumerate() {
            counts.clear();
            let mut length = 0u32;
            analyzer.for_each_token(&article.body, |token| {
                let next = index.terms.len();
                let id = *index.terms.entry(token.text.clone()).or_insert(next);
                if id == index.postings.len() {
                    index.postings.push(Vec::new());
                }
                *counts.entry(id).or_default() += 1;
                length += 1;
            });
            for (&id, &tf) in &counts {
                index.postings[id].push((doc as u32, tf));
            }
            index.lengths.push(length);
        }
        let total: u64 = index.lengths.iter().map(|&l| u64::from(l)).sum();
        index.average_length = total as f64 / index.lengths.len().max(1) as f64;
        index
    }

    fn search(&self, analyzer: &Analyzer, query: &str, k: usize) -> Vec<usize> {
        let n = self.lengths.len() as f64;
        let mut scores: HashMap<u32, f64> = HashMap::new();
        for token in analyzer.tokens(query) {
            let Some(&id) = self.terms.get(&token.text) else { continue };
            let postings = &self.postings[id];
            let df = postings.len() as f64;
            let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
            for &(doc, tf) in postings {
                let tf = f64::from(tf);
                let norm = 1.2 * (0.25 + 0.75 * f64::from(self.lengths[doc as usize]) / self.average_length);
                *scores.entry(doc).or_default() += idf * tf * 2.2 / (tf + norm);
            }
        }
        let mut ranked: Vec<(u32, f64)> = scores.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(k).map(|(doc, _)| doc as usize).collect()
    }
}

/// Every `<DOC>` of the archive with a title and a body, in archive order.
fn read_articles(path: &str) -> Result<Vec<Article>, Box<dyn std::error::Error>> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut articles = Vec::new();
    for entry in archive.entries()? {
        let mut entry = entry?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let mut raw = Vec::new();
        entry.read_to_end(&mut raw)?;
        let text = String::from_utf8_lossy(&raw);
        for doc in text.split("</DOC>") {
            if let (Some(title), Some(body)) = (between(doc, "TITLE"), between(doc, "TEXT")) {
                articles.push(Article { title: title.trim().to_string(), body: body.to_string() });
            }
        }
    }
    Ok(articles)
}

fn between<'a>(doc: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = doc.find(&open)? + open.len();
    let end = start + doc[start..].find(&close)?;
    Some(&doc[start..end])
}
