//! `SnowballStem`: the Snowball Arabic stemmer (Tamer Yousef's algorithm, as in
//! `rust-stemmers` 1.2), which normalises (alef seats, harakat, digits) and strips prefixes and
//! suffixes by rule. Lossy. Applies to Arabic tokens.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

/// See the module doc.
pub struct SnowballStem {
    stemmer: Stemmer,
}

impl SnowballStem {
    /// The Arabic Snowball stemmer.
    pub fn arabic() -> Self {
        SnowballStem { stemmer: Stemmer::create(Algorithm::Arabic) }
    }

    /// The stem of `word`.
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        self.stemmer.stem(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_article_and_plural() {
        let stemmer = SnowballStem::arabic();
        assert_eq!(stemmer.stem("الكتاب"), stemmer.stem("كتاب"));
    }
}
