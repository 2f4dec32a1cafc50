//! Known-item retrieval runs: every system indexes the same bodies and answers the same queries.
//!
//! Inputs are the files `bench/retrieval/make_known_items.py` writes: `docs.tsv` (`docno TAB body`)
//! and `queries.tsv` (`qid TAB title TAB target-docno`). Every system ranks with tantivy's BM25
//! (k1 = 1.2, b = 0.75) over an OR of the query's terms, so only the analysis differs.

use std::time::Instant;

use marsad_store::analyzers::MarsadTokenizer;
use marsad_text::Analyzer;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query as TantivyQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING};
use tantivy::tokenizer::{
    Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer,
};
use tantivy::{doc, Index, TantivyDocument, Term};

/// Results per query that count.
pub const CUTOFF: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("{file}: line {line}: expected {expected} tab-separated fields, found {found}")]
    Format { file: String, line: usize, expected: usize, found: usize },
    #[error("unknown system {0:?}: the systems are {1}")]
    UnknownSystem(String, String),
    #[error("index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

pub struct Doc {
    pub docno: String,
    pub body: String,
}

pub struct KnownItem {
    pub qid: String,
    pub text: String,
    pub target: String,
}

fn fields<'a>(file: &str, tsv: &'a str, expected: usize) -> Result<Vec<Vec<&'a str>>, BenchError> {
    tsv.lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .map(|(n, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() == expected {
                Ok(f)
            } else {
                Err(BenchError::Format { file: file.to_string(), line: n + 1, expected, found: f.len() })
            }
        })
        .collect()
}

/// Parses `docs.tsv`; `file` names it in errors.
pub fn parse_docs(file: &str, tsv: &str) -> Result<Vec<Doc>, BenchError> {
    Ok(fields(file, tsv, 2)?.into_iter().map(|f| Doc { docno: f[0].into(), body: f[1].into() }).collect())
}

/// Parses `queries.tsv`; `file` names it in errors.
pub fn parse_queries(file: &str, tsv: &str) -> Result<Vec<KnownItem>, BenchError> {
    Ok(fields(file, tsv, 3)?
        .into_iter()
        .map(|f| KnownItem { qid: f[0].into(), text: f[1].into(), target: f[2].into() })
        .collect())
}

/// An analysis chain under test.
#[derive(Clone, Copy)]
pub enum System {
    /// One of Marsad's named chains.
    Marsad(&'static Analyzer),
    /// tantivy's default: split on non-alphanumerics, lowercase.
    TantivyDefault,
    /// tantivy's default plus its Snowball Arabic stemmer.
    TantivySnowball,
    /// Meilisearch's charabia (segment, normalise), words only.
    Charabia,
}

impl System {
    pub fn name(&self) -> String {
        match self {
            System::Marsad(a) => format!("marsad:{}", a.name()),
            System::TantivyDefault => "tantivy:default".into(),
            System::TantivySnowball => "tantivy:snowball".into(),
            System::Charabia => "charabia".into(),
        }
    }

    /// Every system, Marsad's default first.
    pub fn all() -> Vec<System> {
        let mut all: Vec<System> = marsad_text::ANALYZER_NAMES
            .iter()
            .filter_map(|n| Analyzer::by_name(n))
            .map(System::Marsad)
            .collect();
        all.extend([System::TantivyDefault, System::TantivySnowball, System::Charabia]);
        all
    }

    pub fn by_name(name: &str) -> Result<System, BenchError> {
        System::all().into_iter().find(|s| s.name() == name).ok_or_else(|| {
            let names: Vec<String> = System::all().iter().map(System::name).collect();
            BenchError::UnknownSystem(name.to_string(), names.join(", "))
        })
    }

    fn text_analyzer(&self) -> TextAnalyzer {
        match self {
            System::Marsad(a) => TextAnalyzer::from(MarsadTokenizer::new(a)),
            System::TantivyDefault => {
                TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).build()
            }
            System::TantivySnowball => TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(Stemmer::new(Language::Arabic))
                .build(),
            System::Charabia => TextAnalyzer::from(CharabiaTokenizer),
        }
    }
}

/// charabia seen through tantivy's tokenizer trait: its word tokens, their lemma as the term.
#[derive(Clone)]
struct CharabiaTokenizer;

struct CharabiaStream {
    tokens: std::vec::IntoIter<Token>,
    current: Token,
}

impl Tokenizer for CharabiaTokenizer {
    type TokenStream<'a> = CharabiaStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> CharabiaStream {
        use charabia::Tokenize;
        let tokens: Vec<Token> = text
            .tokenize()
            .filter(|t| t.is_word())
            .enumerate()
            .map(|(position, t)| Token {
                offset_from: t.byte_start,
                offset_to: t.byte_end,
                position,
                text: t.lemma().to_string(),
                position_length: 1,
            })
            .collect();
        CharabiaStream { tokens: tokens.into_iter(), current: Token::default() }
    }
}

impl TokenStream for CharabiaStream {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(t) => {
                self.current = t;
                true
            }
            None => false,
        }
    }
    fn token(&self) -> &Token {
        &self.current
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

/// One system's answers to one query set.
pub struct Run {
    pub system: String,
    /// Per query, in input order: the qid and up to [`CUTOFF`] (docno, score).
    pub ranked: Vec<(String, Vec<(String, f32)>)>,
    pub query_seconds: f64,
}

/// A system's index over the bodies, ready to answer query sets.
pub struct SystemIndex {
    system: System,
    index: Index,
    body: tantivy::schema::Field,
    docno: tantivy::schema::Field,
    pub index_seconds: f64,
}

impl SystemIndex {
    pub fn build(system: System, docs: &[Doc]) -> Result<SystemIndex, BenchError> {
        let started = Instant::now();
        let mut schema = Schema::builder();
        let docno = schema.add_text_field("docno", STRING | STORED);
        let body = schema.add_text_field(
            "body",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("system")
                    .set_index_option(IndexRecordOption::WithFreqs),
            ),
        );
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register("system", system.text_analyzer());
        let mut writer = index.writer::<TantivyDocument>(256 * 1024 * 1024)?;
        for d in docs {
            writer.add_document(doc!(docno => d.docno.as_str(), body => d.body.as_str()))?;
        }
        writer.commit()?;
        Ok(SystemIndex { system, index, body, docno, index_seconds: started.elapsed().as_secs_f64() })
    }

    /// Answers every query with the top [`CUTOFF`] bodies.
    pub fn run(&self, queries: &[KnownItem]) -> Result<Run, BenchError> {
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let mut analyzer = self.system.text_analyzer();
        let started = Instant::now();
        let mut ranked = Vec::with_capacity(queries.len());
        for q in queries {
            let mut terms: Vec<Box<dyn TantivyQuery>> = Vec::new();
            let mut stream = analyzer.token_stream(&q.text);
            while let Some(t) = stream.next() {
                let term = Term::from_field_text(self.body, &t.text);
                terms.push(Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)));
            }
            let query = BooleanQuery::new(terms.into_iter().map(|t| (Occur::Should, t)).collect());
            let top = searcher.search(&query, &TopDocs::with_limit(CUTOFF).order_by_score())?;
            let mut answers = Vec::with_capacity(top.len());
            for (score, address) in top {
                let d: TantivyDocument = searcher.doc(address)?;
                if let Some(no) = d.get_first(self.docno).and_then(|v| v.as_str()) {
                    answers.push((no.to_string(), score));
                }
            }
            ranked.push((q.qid.clone(), answers));
        }
        Ok(Run { system: self.system.name(), ranked, query_seconds: started.elapsed().as_secs_f64() })
    }
}

/// MRR@10 and recall@10 of a run, with the same rule as `bench/retrieval/score.py`: a query with no
/// answer scores 0.
pub fn score(run: &Run, queries: &[KnownItem]) -> (f64, f64) {
    let mut reciprocal = 0.0;
    let mut found = 0usize;
    for ((qid, answers), q) in run.ranked.iter().zip(queries) {
        debug_assert_eq!(qid, &q.qid);
        if let Some(rank) = answers.iter().take(CUTOFF).position(|(d, _)| *d == q.target) {
            reciprocal += 1.0 / (rank + 1) as f64;
            found += 1;
        }
    }
    let n = queries.len().max(1) as f64;
    (reciprocal / n, found as f64 / n)
}

/// The run in TREC format: `qid Q0 docno rank score tag`.
pub fn to_trec(run: &Run) -> String {
    let tag = run.system.replace(':', "_");
    let mut out = String::new();
    for (qid, answers) in &run.ranked {
        for (rank, (docno, score)) in answers.iter().enumerate() {
            out.push_str(&format!("{qid} Q0 {docno} {} {score:.4} {tag}\n", rank + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_system_finds_the_known_item_in_a_tiny_corpus() {
        let docs = parse_docs(
            "docs.tsv",
            "d1\tانطلقت المحادثات بين الوفدين في مسقط\n\
             d2\tهطلت أمطار غزيرة على المدن الشمالية\n\
             d3\tافتتح المعرض السنوي للكتاب في القاهرة\n",
        )
        .unwrap();
        let queries = parse_queries("q.tsv", "q1\tأمطار غزيرة\td2\nq2\tمعرض الكتاب\td3\n").unwrap();
        for system in System::all() {
            let index = SystemIndex::build(system, &docs).unwrap();
            let run = index.run(&queries).unwrap();
            let (mrr, recall) = score(&run, &queries);
            assert!(recall >= 0.5, "{}: recall {recall}", system.name());
            assert!(mrr > 0.0);
            assert!(to_trec(&run).lines().all(|l| l.split(' ').count() == 6));
        }
        // Marsad's default also matches the article-prefixed form.
        let ar = SystemIndex::build(System::Marsad(Analyzer::ar_search()), &docs).unwrap();
        assert_eq!(score(&ar.run(&queries).unwrap(), &queries), (1.0, 1.0));
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let e = parse_queries("queries.tsv", "q1\tonly two\n").err().unwrap();
        assert_eq!(e.to_string(), "queries.tsv: line 1: expected 3 tab-separated fields, found 2");
        assert!(System::by_name("lucene").is_err());
        assert_eq!(System::by_name("charabia").unwrap().name(), "charabia");
    }
}
