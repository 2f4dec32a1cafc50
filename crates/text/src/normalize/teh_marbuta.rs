//! `FoldTehMarbuta`: teh marbuta written as heh, since writers and keyboards mix them. Lossy.
//!
//! | from | code point | to |
//! |---|---|---|
//! | `ة` teh marbuta | U+0629 | `ه` U+0647 |
//!
//! Applies to Arabic tokens, hashtags and mentions.

use super::{Fold, Step};
use crate::TokenKind;

/// See the module table.
pub struct FoldTehMarbuta;

impl Step for FoldTehMarbuta {
    fn name(&self) -> &'static str {
        "FoldTehMarbuta"
    }
    fn lossless(&self) -> bool {
        false
    }
    fn applies_to(&self, kind: TokenKind) -> bool {
        kind.has_arabic()
    }
    fn fold(&self, c: char) -> Fold {
        match c {
            '\u{0629}' => Fold::To('\u{0647}'),
            _ => Fold::Keep,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    #[test]
    fn folds_to_heh() {
        let n = Normalizer::new(vec![&FoldTehMarbuta]);
        for (input, expected) in [("فاطمة", "فاطمه"), ("مدرسته", "مدرسته")] {
            assert_eq!(n.normalize(input), expected);
        }
    }
}
