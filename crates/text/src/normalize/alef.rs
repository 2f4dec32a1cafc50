//! `FoldAlef`: the hamza seats and madda of alef folded to bare alef. Lossy (the hamza is lost).
//!
//! | from | code point | to |
//! |---|---|---|
//! | `أ` alef with hamza above | U+0623 | `ا` U+0627 |
//! | `إ` alef with hamza below | U+0625 | `ا` |
//! | `آ` alef with madda | U+0622 | `ا` |
//! | `ٱ` alef wasla | U+0671 | `ا` |
//!
//! Applies to Arabic tokens, hashtags and mentions.

use super::{Fold, Step};
use crate::TokenKind;

/// See the module table.
pub struct FoldAlef;

impl Step for FoldAlef {
    fn name(&self) -> &'static str {
        "FoldAlef"
    }
    fn lossless(&self) -> bool {
        false
    }
    fn applies_to(&self, kind: TokenKind) -> bool {
        kind.has_arabic()
    }
    fn fold(&self, c: char) -> Fold {
        match c {
            '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => Fold::To('\u{0627}'),
            _ => Fold::Keep,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    #[test]
    fn folds_every_seat() {
        let n = Normalizer::new(vec![&FoldAlef]);
        for (input, expected) in
            [("أحمد", "احمد"), ("إعاذ", "اعاذ"), ("آجن", "اجن"), ("ٱلله", "الله"), ("ؤئ", "ؤئ")]
        {
            assert_eq!(n.normalize(input), expected);
        }
    }
}
