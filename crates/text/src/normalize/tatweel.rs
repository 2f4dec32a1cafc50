//! `StripTatweel`: the kashida used to stretch words is removed. Lossless (pure layout).
//!
//! | from | code point | to |
//! |---|---|---|
//! | `ـ` tatweel | U+0640 | nothing |
//!
//! Applies to Arabic tokens, hashtags and mentions.

use super::{Fold, Step};
use crate::TokenKind;

/// See the module table.
pub struct StripTatweel;

impl Step for StripTatweel {
    fn name(&self) -> &'static str {
        "StripTatweel"
    }
    fn lossless(&self) -> bool {
        true
    }
    fn applies_to(&self, kind: TokenKind) -> bool {
        kind.has_arabic()
    }
    fn fold(&self, c: char) -> Fold {
        match c {
            '\u{0640}' => Fold::Drop,
            _ => Fold::Keep,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    #[test]
    fn strips_tatweel_inside_word() {
        let n = Normalizer::new(vec![&StripTatweel]);
        for (input, expected) in [("روبرـــــت", "روبرت"), ("بـ", "ب")] {
            assert_eq!(n.normalize(input), expected);
        }
    }
}
