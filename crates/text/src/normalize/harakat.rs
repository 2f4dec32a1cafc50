//! `StripHarakat`: short vowels, tanwin, shadda, sukun, superscript alef and Quranic marks removed.
//! Lossy (the vowelling is lost); news is written without it, so the search form drops it.
//!
//! | from | code points | to |
//! |---|---|---|
//! | Quranic honorifics and marks `ؐ`…`ؚ` | U+0610–U+061A | nothing |
//! | tanwin `ً ٌ ٍ`, `َ ُ ِ` fatha damma kasra, shadda `ّ`, sukun `ْ`, maddah/hamza marks | U+064B–U+065F | nothing |
//! | superscript alef `ٰ` | U+0670 | nothing |
//! | Quranic annotation marks | U+06D6–U+06DC, U+06DF–U+06E4, U+06E7–U+06E8, U+06EA–U+06ED | nothing |
//!
//! `StripHarakatLucene` is the narrower set of Lucene's `ArabicNormalizer`: U+064B–U+0652 only.
//! Both apply to Arabic tokens, hashtags and mentions.

use super::{Fold, Step};
use crate::TokenKind;

/// See the module table.
pub struct StripHarakat;

/// Lucene's set: U+064B–U+0652 (tanwin, the three short vowels, shadda, sukun).
pub struct StripHarakatLucene;

pub(crate) fn is_haraka(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}' | '\u{06E7}'..='\u{06E8}' | '\u{06EA}'..='\u{06ED}')
}

impl Step for StripHarakat {
    fn name(&self) -> &'static str {
        "StripHarakat"
    }
    fn lossless(&self) -> bool {
        false
    }
    fn applies_to(&self, kind: TokenKind) -> bool {
        kind.has_arabic()
    }
    fn fold(&self, c: char) -> Fold {
        if is_haraka(c) {
            Fold::Drop
        } else {
            Fold::Keep
        }
    }
}

impl Step for StripHarakatLucene {
    fn name(&self) -> &'static str {
        "StripHarakatLucene"
    }
    fn lossless(&self) -> bool {
        false
    }
    fn applies_to(&self, kind: TokenKind) -> bool {
        kind.has_arabic()
    }
    fn fold(&self, c: char) -> Fold {
        if matches!(c, '\u{064B}'..='\u{0652}') {
            Fold::Drop
        } else {
            Fold::Keep
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    #[test]
    fn strips_vowels_tanwin_shadda() {
        let n = Normalizer::new(vec![&StripHarakat]);
        let cases =
            [("مَبنا", "مبنا"), ("ولداً", "ولدا"), ("هتميّ", "هتمي"), ("نلْسون", "نلسون"), ("هٰذا", "هذا")];
        for (input, expected) in cases {
            assert_eq!(n.normalize(input), expected);
        }
    }

    #[test]
    fn lucene_set_keeps_superscript_alef() {
        let n = Normalizer::new(vec![&StripHarakatLucene]);
        assert_eq!(n.normalize("هٰذَا"), "هٰذا");
    }
}
