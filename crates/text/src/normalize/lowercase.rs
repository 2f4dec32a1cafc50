//! `Lowercase`: letters with case written in lower case (Unicode `to_lowercase`). Lossy.
//!
//! | from | to |
//! |---|---|
//! | `A`…`Z`, `À`, `Σ`, ... (any cased letter) | its lower case |
//!
//! Applies to Latin and other-script tokens, hashtags, mentions and URLs; Arabic has no case.

use super::{Fold, Step};
use crate::TokenKind;

/// See the module table.
pub struct Lowercase;

impl Step for Lowercase {
    fn name(&self) -> &'static str {
        "Lowercase"
    }
    fn lossless(&self) -> bool {
        false
    }
    fn applies_to(&self, kind: TokenKind) -> bool {
        !matches!(kind, TokenKind::Arabic | TokenKind::Number | TokenKind::Punct)
    }
    fn fold(&self, c: char) -> Fold {
        if c.is_ascii() {
            return if c.is_ascii_uppercase() { Fold::To(c.to_ascii_lowercase()) } else { Fold::Keep };
        }
        if !c.is_uppercase() {
            return Fold::Keep;
        }
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) => Fold::To(l),
            // The few letters that lower to two code points (`İ`) are kept as written.
            _ => Fold::Keep,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    #[test]
    fn lowers_latin_and_greek() {
        let n = Normalizer::new(vec![&Lowercase]);
        for (input, expected) in [("English", "english"), ("ÉTÉ", "été"), ("ΣΑ", "σα"), ("سوريا", "سوريا")]
        {
            assert_eq!(n.normalize(input), expected);
        }
    }
}
