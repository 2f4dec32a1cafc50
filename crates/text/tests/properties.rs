//! Properties over any input: no panic; token ranges lie on char boundaries, inside the input and
//! in order; clitic pieces join back into the word; sentences are ordered and non-overlapping.

use marsad_text::segment::{words, SplitClitics};
use marsad_text::{sentences, Analyzer, ANALYZER_NAMES};
use proptest::prelude::*;

/// The marks the word tokenizer skips between words, as `StripInvisible` lists them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Strings mixing Arabic letters and marks, presentation forms, digits, Latin, punctuation,
/// bidi and zero-width controls and lone combining marks.
fn mixed_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("و".to_string()),
        Just("ال".to_string()),
        Just("ب".to_string()),
        "[\u{0621}-\u{064A}]{1,8}",
        "[\u{064B}-\u{0652}\u{0670}\u{0640}]{1,3}",
        "[\u{FB50}-\u{FDFF}\u{FE70}-\u{FEFF}]{1,3}",
        "[\u{0660}-\u{0669}\u{06F0}-\u{06F9}0-9][.,\u{066B}\u{066C}]?[0-9]?",
        "[a-zA-Z]{1,6}",
        "[ \n\t.!?\u{061F}\u{060C}\u{061B}\u{201C}\u{201D}\u{00AB}\u{00BB}\"#@_:/-]",
        "[\u{200B}-\u{200F}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{FEFF}\u{0300}-\u{036F}]",
        Just("https://x.org/a".to_string()),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn words_are_ordered_slices(text in mixed_text()) {
        let mut last_end = 0;
        for token in words(&text) {
            prop_assert!(token.start >= last_end && token.start < token.end && token.end <= text.len());
            prop_assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
            prop_assert_eq!(&text[token.start..token.end], token.text.as_str());
            last_end = token.end;
        }
    }

    #[test]
    fn words_drop_only_spaces_and_invisible_marks(text in mixed_text()) {
        let mut covered = vec![false; text.len()];
        for token in words(&text) {
            covered[token.start..token.end].iter_mut().for_each(|c| *c = true);
        }
        for (at, c) in text.char_indices() {
            let skippable = c.is_whitespace() || c.is_control() || is_invisible(c);
            prop_assert!(covered[at] || skippable, "{c:?} at byte {at} is in no token");
        }
    }

    #[test]
    fn sentences_drop_only_spaces_and_invisible_marks(text in mixed_text()) {
        let mut covered = vec![false; text.len()];
        for range in sentences(&text) {
            covered[range].iter_mut().for_each(|c| *c = true);
        }
        for (at, c) in text.char_indices() {
            prop_assert!(covered[at] || c.is_whitespace() || is_invisible(c), "{c:?} at byte {at} is in no sentence");
        }
    }

    #[test]
    fn every_chain_gives_in_order_tokens(text in mixed_text()) {
        for name in ANALYZER_NAMES {
            let Some(analyzer) = Analyzer::by_name(name) else { continue };
            let mut last = (0, 0u32);
            for token in analyzer.tokens(&text) {
                prop_assert!(token.start >= last.0 && token.end <= text.len(), "{name}");
                prop_assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end), "{name}");
                prop_assert!(token.position >= last.1, "{name}");
                prop_assert!(!token.text.is_empty(), "{name}");
                last = (token.end, token.position);
            }
        }
    }

    #[test]
    fn clitic_pieces_join_back(text in mixed_text()) {
        for token in words(&text) {
            let split = SplitClitics::builtin().split(&token.text);
            let joined: String = split.pieces().map(|p| &token.text[p.range]).collect();
            prop_assert_eq!(&joined, &token.text);
            let joined_ud: String = split.ud_pieces().map(|p| &token.text[p.range]).collect();
            prop_assert_eq!(&joined_ud, &token.text);
        }
    }

    #[test]
    fn sentences_are_ordered_slices(text in mixed_text()) {
        let mut last_end = 0;
        for range in sentences(&text) {
            prop_assert!(range.start >= last_end && range.start < range.end && range.end <= text.len());
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            last_end = range.end;
        }
    }
}

#[test]
fn one_megabyte_word_does_not_panic() {
    let word = "ب".repeat(500_000);
    assert_eq!(Analyzer::ar_search().tokens(&word).len(), 1);
    assert_eq!(SplitClitics::builtin().split(&word).pieces().count(), 1);
}

#[test]
fn joins_back_for_every_lexicon_shaped_word() {
    for word in ["وللمفاوضات", "وبالمحادثات", "فسيكتبونها", "لله", "ﻻ", "وَلِلْمُفَاوَضَاتِ", "و\u{200C}ال"]
    {
        let split = SplitClitics::builtin().split(word);
        let joined: String = split.pieces().map(|p| &word[p.range]).collect();
        assert_eq!(joined, word);
    }
}
