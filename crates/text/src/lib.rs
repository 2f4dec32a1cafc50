//! Arabic text analysis: normalisation, word, sentence and clitic segmentation, light stemming and
//! the named analysis chains built from them. Start at [`Analyzer`].
//!
//! - [`Analyzer::by_name`] gives the chains: `ar_search` (the default for search), `ar_exact`
//!   (lossless, for highlighting and quotes), `ar_lucene` (Lucene's ArabicAnalyzer behaviour),
//!   `ar_snowball` (the Snowball Arabic stemmer) and `raw` (the words as written).
//! - [`sentences()`] splits a text into sentences; [`segment::words()`] gives every token with its
//!   punctuation; [`segment::SplitClitics`] cuts one word into clitics and stem.
//! - [`normalize`] holds one folding step per file (`FoldAlef`, `StripHarakat`, ...) and the
//!   [`normalize::Normalizer`] sets `search`, `display` (lossless) and `lucene`; [`stem`] holds
//!   Light10, Snowball and the stopwords.
//! - [`build_lexicon`] learns the word-frequency lexicon compiled into the crate, and
//!   [`eval_segmentation`] scores the clitic segmenter against a CoNLL-U treebank.
//!
//! ```
//! use marsad_text::Analyzer;
//!
//! let search = Analyzer::ar_search();
//! let terms = |text: &str| search.tokens(text).into_iter().map(|t| t.text).collect::<Vec<_>>();
//! // "and his talks" and "the talks" index the same term; the name Walid keeps its و.
//! assert_eq!(terms("ومحادثاته"), terms("المحادثات"));
//! assert_ne!(terms("وليد"), terms("ليد"));
//! ```
//!
//! **Invariants:** no I/O and no error type: any string in, tokens out; offsets are byte offsets
//! into the string given. Knows nothing of articles or tantivy (the store crate adapts an
//! [`Analyzer`] to tantivy's tokenizer trait). Depends on `rust-stemmers` only.

mod analyzer;
pub mod eval;
pub mod lexicon;
mod memo;
pub mod normalize;
pub mod segment;
pub mod stem;

pub use analyzer::{Analyzer, ANALYZER_NAMES};
pub use eval::{eval_segmentation, SegError, SegEval};
pub use lexicon::{build_lexicon, Lexicon};
pub use segment::sentences;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word in Arabic script.
    Arabic,
    /// A word in Latin script.
    Latin,
    /// A word in another script (Cyrillic, Greek, Hebrew, CJK, ...).
    Other,
    /// A number: digits with inner `.` `,` `٫` `٬` (`12,5`, `1,000`, `١٢٫٥`).
    Number,
    /// A URL starting with `http://`, `https://` or `www.`.
    Url,
    /// `#tag`.
    Hashtag,
    /// `@name`.
    Mention,
    /// One punctuation mark or symbol (`،` `؛` `؟` `“` `«` included).
    Punct,
}

impl TokenKind {
    /// True for the kinds whose text may hold Arabic letters.
    pub fn has_arabic(self) -> bool {
        matches!(self, TokenKind::Arabic | TokenKind::Hashtag | TokenKind::Mention)
    }

    /// The label used in the `tokens` layer: `AR`, `LATIN`, `OTHER`, `NUM`, `URL`, `HASHTAG`,
    /// `MENTION`, `PUNCT`.
    pub fn label(self) -> &'static str {
        match self {
            TokenKind::Arabic => "AR",
            TokenKind::Latin => "LATIN",
            TokenKind::Other => "OTHER",
            TokenKind::Number => "NUM",
            TokenKind::Url => "URL",
            TokenKind::Hashtag => "HASHTAG",
            TokenKind::Mention => "MENTION",
            TokenKind::Punct => "PUNCT",
        }
    }
}

/// One token: its indexed form and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The indexed form (the chain's output for this word).
    pub text: String,
    /// Byte offset of the word's first byte in the input.
    pub start: usize,
    /// Byte offset just past the word's last byte in the input.
    pub end: usize,
    /// The word's index among the input's words (punctuation not counted); dropped stopwords leave gaps.
    pub position: u32,
    /// What the word is.
    pub kind: TokenKind,
}
