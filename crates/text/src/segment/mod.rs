//! Segmenters: text into words ([`words()`]), text into sentences ([`sentences()`]), and an Arabic
//! word into clitics and base ([`SplitClitics`]).
//!
//! Segmenters never drop characters: word tokens and sentence ranges point into the input, and the
//! pieces of a clitic split join back into the word (checked by property tests).

pub mod clitics;
pub mod sentences;
pub mod words;

pub use clitics::{CliticSplit, Piece, PieceKind, SplitClitics};
pub use sentences::sentences;
pub use words::{words, Words};
