//! Measurements of Marsad beside its peers, on the same inputs in the same run.
//!
//! - [`retrieval`]: known-item search (query = a title, index = bodies) with tantivy's BM25 and each
//!   analysis chain: Marsad's named chains, tantivy's own tokenizer with and without its Snowball
//!   stemmer, and Meilisearch's charabia. Runs are written in TREC format so that
//!   `bench/retrieval/score.py` scores them exactly like the out-of-process peers (Lucene,
//!   PostgreSQL, Xapian) that `bench/run_peers.sh` runs on the same files.
//! - [`throughput`]: MB/s of each analysis step and of the in-process Rust peers on one text.
//!
//! Used by `marsad eval retrieval` and `marsad bench text`. Uses `marsad-text`, `marsad-store` (its
//! tantivy adapter), tantivy and charabia; reads nothing itself: callers pass file contents.

pub mod retrieval;
pub mod throughput;
