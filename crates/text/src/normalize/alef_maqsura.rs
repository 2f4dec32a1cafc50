//! `FoldAlefMaqsura`: alef maqsura written as yeh, as most search engines do. Lossy.
//!
//! | from | code point | to |
//! |---|---|---|
//! | `ى` alef maqsura | U+0649 | `ي` U+064A |
//! | `ی` Farsi yeh | U+06CC | `ي` |
//!
//! Applies to Arabic tokens, hashtags and mentions.

use super::{Fold, Step};
use crate::TokenKind;

/// See the module table.
pub struct FoldAlefMaqsura;

impl Step for FoldAlefMaqsura {
    fn name(&self) -> &'static str {
        "FoldAlefMaqsura"
    }
    fn lossless(&self) -> bool {
        false
    }
    fn applies_to(&self, kind: TokenKind) -> bool {
        kind.has_arabic()
    }
    fn fold(&self, c: char) -> Fold {
        match c {
            '\u{0649}' | '\u{06CC}' => Fold::To('\u{064A}'),
            _ => Fold::Keep,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    #[test]
    fn folds_to_yeh() {
        let n = Normalizer::new(vec![&FoldAlefMaqsura]);
        for (input, expected) in [("بنى", "بني"), ("مصطفى", "مصطفي"), ("یک", "يک")] {
            assert_eq!(n.normalize(input), expected);
        }
    }
}
