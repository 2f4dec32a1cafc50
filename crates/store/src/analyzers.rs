//! Marsad's analyzers as tantivy tokenizers, registered under the names `marsad-text` gives them.
//!
//! The adapter lives here, not in `marsad-text`, so the analysis chain knows nothing of tantivy.
//! Every chain listed in [`REGISTERED`] is registered on every index this crate opens; schema fields
//! refer to a chain by name, and nothing builds a chain inline.

use marsad_text::Analyzer;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer, TokenizerManager};

/// The chains registered with tantivy. Fields of the index use `ar_search`.
pub const REGISTERED: &[&str] = &["ar_search", "ar_exact"];

/// A Marsad analyzer seen through tantivy's `Tokenizer` trait.
#[derive(Clone)]
pub struct MarsadTokenizer {
    analyzer: &'static Analyzer,
}

impl MarsadTokenizer {
    pub fn new(analyzer: &'static Analyzer) -> Self {
        MarsadTokenizer { analyzer }
    }
}

pub struct MarsadTokenStream {
    tokens: std::vec::IntoIter<marsad_text::Token>,
    current: Token,
}

impl Tokenizer for MarsadTokenizer {
    type TokenStream<'a> = MarsadTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> MarsadTokenStream {
        MarsadTokenStream { tokens: self.analyzer.tokens(text).into_iter(), current: Token::default() }
    }
}

impl TokenStream for MarsadTokenStream {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(t) => {
                self.current.offset_from = t.start;
                self.current.offset_to = t.end;
                self.current.position = t.position as usize;
                self.current.text = t.text;
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

/// Registers every chain in [`REGISTERED`] with an index's tokenizer manager.
pub fn register_all(manager: &TokenizerManager) {
    for name in REGISTERED {
        let analyzer = Analyzer::by_name(name).expect("REGISTERED lists only chains marsad-text defines");
        manager.register(name, MarsadTokenizer::new(analyzer));
    }
}
