//! `StripInvisible`: bidi controls, zero-width characters and the byte-order mark removed.
//! Lossless (they change neither spelling nor meaning, only rendering).
//!
//! | from | code points | to |
//! |---|---|---|
//! | Arabic letter mark (ALM) | U+061C | nothing |
//! | zero-width space, non-joiner, joiner, LRM, RLM | U+200B–U+200F | nothing |
//! | bidi embeddings and overrides LRE RLE PDF LRO RLO | U+202A–U+202E | nothing |
//! | word joiner, invisible operators, bidi isolates | U+2060–U+2064, U+2066–U+2069 | nothing |
//! | byte-order mark / zero-width no-break space | U+FEFF | nothing |
//! | soft hyphen | U+00AD | nothing |
//!
//! Applies to every token kind.

use super::{Fold, Step};
use crate::TokenKind;

/// See the module table.
pub struct StripInvisible;

pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

impl Step for StripInvisible {
    fn name(&self) -> &'static str {
        "StripInvisible"
    }
    fn lossless(&self) -> bool {
        true
    }
    fn applies_to(&self, _kind: TokenKind) -> bool {
        true
    }
    fn fold(&self, c: char) -> Fold {
        if is_invisible(c) {
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
    fn strips_marks() {
        let n = Normalizer::new(vec![&StripInvisible]);
        let cases =
            [("\u{200F}حمص", "حمص"), ("مي\u{200C}خواهم", "ميخواهم"), ("\u{FEFF}a\u{202B}b\u{202C}", "ab")];
        for (input, expected) in cases {
            assert_eq!(n.normalize(input), expected);
        }
    }
}
