//! `FoldDigits`: Arabic-Indic and Persian digits and the Arabic decimal and thousands separators
//! written in ASCII. Lossless in meaning (the number's value is kept).
//!
//! | from | code points | to |
//! |---|---|---|
//! | Arabic-Indic digits `٠`…`٩` | U+0660–U+0669 | `0`…`9` |
//! | Persian digits `۰`…`۹` | U+06F0–U+06F9 | `0`…`9` |
//! | Arabic decimal separator `٫` | U+066B | `.` |
//! | Arabic thousands separator `٬` | U+066C | `,` |
//!
//! Applies to numbers, hashtags, mentions and URLs.

use super::{Fold, Step};
use crate::TokenKind;

/// See the module table.
pub struct FoldDigits;

impl Step for FoldDigits {
    fn name(&self) -> &'static str {
        "FoldDigits"
    }
    fn lossless(&self) -> bool {
        true
    }
    fn applies_to(&self, kind: TokenKind) -> bool {
        matches!(kind, TokenKind::Number | TokenKind::Hashtag | TokenKind::Mention | TokenKind::Url)
    }
    fn fold(&self, c: char) -> Fold {
        match c {
            '\u{0660}'..='\u{0669}' => Fold::To(char::from(b'0' + (c as u32 - 0x0660) as u8)),
            '\u{06F0}'..='\u{06F9}' => Fold::To(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
            '\u{066B}' => Fold::To('.'),
            '\u{066C}' => Fold::To(','),
            _ => Fold::Keep,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    #[test]
    fn folds_to_ascii() {
        let n = Normalizer::new(vec![&FoldDigits]);
        for (input, expected) in [("١٢٣٤", "1234"), ("۱۹۹۰", "1990"), ("١٢٫٥", "12.5"), ("١٬٠٠٠", "1,000")]
        {
            assert_eq!(n.normalize(input), expected);
        }
    }
}
