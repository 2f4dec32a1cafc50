//! `LightStem`: Larkey, Ballesteros and Connell's Light10 stemmer, the one behind Lucene's
//! `ArabicStemFilter`. Lossy.
//!
//! | strips | what | guard (Lucene's) |
//! |---|---|---|
//! | first of `ال` `وال` `بال` `كال` `فال` `لل` `و` | one prefix | `و` needs ≥ 4 letters; others leave ≥ 2 |
//! | each of `ها` `ان` `ات` `ون` `ين` `يه` `ية` `ه` `ة` `ي`, in this order | suffixes | leaves ≥ 2 letters (guarded: ≥ 3) |
//!
//! [`LightStem::lucene`] is exactly that. [`LightStem::guarded`] is the search chain's variant: no
//! prefixes (the clitic segmenter has removed them with the lexicon), at least three letters left,
//! the suffixes names end in (`ان` `ين` `ون`) stripped only when the lexicon knows other members
//! of the stem's family, so `لبنان` and `حسين` stay whole while `الطرفان` → `طرف`; the feminine
//! nisba `يه` cut to `ي`, and `ي` stripped only when the stem's nisba forms (`يه` `يين` `يون`,
//! with or without the article) are attested, so `عربي`, `عربية` → `عرب` while the names `كيري`
//! and `نودلهي` stay whole; and a final `ا`
//! dropped when the lexicon knows the word without it (`سهلا` → `سهل`, `سوريا` → `سور` like
//! `السورية`). Both are deliberate departures from Lucene.
//! Applies to Arabic tokens.

use std::borrow::Cow;

use crate::lexicon::Lexicon;

const PREFIXES: [&str; 7] = ["ال", "وال", "بال", "كال", "فال", "لل", "و"];
const SUFFIXES: [&str; 10] = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];
/// Suffixes that also end many names and nouns, checked against the lexicon when guarded.
const NAME_LIKE_SUFFIXES: [&str; 4] = ["ان", "ين", "ون", "ي"];
/// A word seen fewer times than this is treated as unknown: the plain rule applies.
const KNOWN_WORD_COUNT: u32 = 5;
/// The family other than the word itself must hold at least 1/FAMILY_SHARE of the word's count.
const FAMILY_SHARE: u32 = 10;

/// How often the feminine and plural forms must occur for a final `ي` to be read as a nisba.
const NISBA_EVIDENCE: u32 = 2;

/// See the module table.
pub struct LightStem {
    prefixes: bool,
    guard: Option<&'static Lexicon>,
}

impl LightStem {
    /// Lucene's `ArabicStemmer`, prefixes and suffixes, no lexicon.
    pub fn lucene() -> Self {
        LightStem { prefixes: true, guard: None }
    }

    /// Suffixes only, the name-like ones checked against `lexicon`.
    pub fn guarded(lexicon: &'static Lexicon) -> Self {
        LightStem { prefixes: false, guard: Some(lexicon) }
    }

    /// The stem of `word`.
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        let mut stem = word;
        let mut chars = stem.chars().count();
        if self.prefixes {
            for prefix in PREFIXES {
                let prefix_chars = prefix.chars().count();
                let long_enough = if prefix_chars == 1 { chars >= 4 } else { chars >= prefix_chars + 2 };
                if long_enough && stem.starts_with(prefix) {
                    stem = &stem[prefix.len()..];
                    chars -= prefix_chars;
                    break;
                }
            }
        }
        // Lucene leaves two letters; the guarded stemmer three, since two-letter stems conflate
        // unrelated words (`مرهون` → `مر`).
        let min_left = if self.guard.is_some() { 3 } else { 2 };
        if chars > min_left && stem.ends_with('ا') && self.drops_final_alef(stem) {
            stem = &stem[..stem.len() - 'ا'.len_utf8()];
            chars -= 1;
        }
        for suffix in SUFFIXES {
            let suffix_chars = suffix.chars().count();
            if chars >= suffix_chars + min_left && stem.ends_with(suffix) {
                // The guarded stemmer cuts the feminine nisba `يه`/`ية` to the masculine `ي`,
                // which the nisba test below then keeps or removes for the whole family alike.
                let cut = match (self.guard, suffix) {
                    (Some(_), "يه" | "ية") => suffix.len() - 'ي'.len_utf8(),
                    _ => suffix.len(),
                };
                let shorter = &stem[..stem.len() - cut];
                if self.allows(stem, shorter, suffix) {
                    chars -= stem[shorter.len()..].chars().count();
                    stem = shorter;
                }
            }
        }
        Cow::Borrowed(stem)
    }

    /// The guarded stemmer's extra step: a final `ا` goes when the lexicon knows the word without
    /// it or its adjectives, so the accusative `سهلا` meets `سهل` and `سوريا` meets `سوري`,
    /// `السورية`; `قضايا` and unknown names (`موراتا`) keep it.
    fn drops_final_alef(&self, word: &str) -> bool {
        let Some(lexicon) = self.guard else { return false };
        let word_count = lexicon.count(word);
        if word_count < KNOWN_WORD_COUNT {
            return false;
        }
        let bare = &word[..word.len() - 'ا'.len_utf8()];
        let mut buffer = String::with_capacity(bare.len() + 8);
        let mut family = lexicon.count(bare);
        for ending in ["ه", "ي", "يه", "يين"] {
            buffer.clear();
            buffer.push_str(bare);
            buffer.push_str(ending);
            family = family.saturating_add(lexicon.count(&buffer));
        }
        family.saturating_mul(FAMILY_SHARE) >= word_count
    }

    /// True when `stem` + `ي` is a nisba adjective: its feminine or plural is attested, as for
    /// `عربي` (`عربيه`), `حوثي` (`الحوثيين`). Names ending in `ي` have no such forms, so `كيري`
    /// (Kerry) stays apart from `كير` (Kiir), and unknown names (`نودلهي`) keep their `ي`.
    fn is_nisba(&self, lexicon: &Lexicon, stem: &str) -> bool {
        let mut buffer = String::with_capacity(stem.len() + 12);
        let mut family = 0u32;
        for (article, ending) in
            [("", "يه"), ("ال", "يه"), ("", "يين"), ("ال", "يين"), ("", "يون"), ("ال", "يون")]
        {
            buffer.clear();
            buffer.push_str(article);
            buffer.push_str(stem);
            buffer.push_str(ending);
            family = family.saturating_add(lexicon.count(&buffer));
        }
        family >= NISBA_EVIDENCE
    }

    fn allows(&self, word: &str, stem: &str, suffix: &str) -> bool {
        let Some(lexicon) = self.guard else { return true };
        if !NAME_LIKE_SUFFIXES.contains(&suffix) {
            return true;
        }
        if suffix == "ي" {
            return self.is_nisba(lexicon, stem);
        }
        let word_count = lexicon.count(word);
        if word_count < KNOWN_WORD_COUNT {
            return true;
        }
        let mut buffer = String::with_capacity(stem.len() + 8);
        let mut family = lexicon.count(stem);
        for other in ["ه", "ات", "ان", "ون", "ين", "ي", "يه", "يون", "يين", "ها"] {
            if other == suffix {
                continue;
            }
            buffer.clear();
            buffer.push_str(stem);
            buffer.push_str(other);
            family = family.saturating_add(lexicon.count(&buffer));
        }
        family.saturating_mul(FAMILY_SHARE) >= word_count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lucene_light10_table() {
        let cases = [
            ("الحسن", "حسن"),
            ("والحسن", "حسن"),
            ("للاخر", "اخر"),
            ("وحسن", "حسن"),
            ("ساهدهات", "ساهد"),
            ("وساهدون", "ساهد"),
            ("الو", "الو"),
            ("English", "English"),
            ("", ""),
        ];
        let stemmer = LightStem::lucene();
        for (input, expected) in cases {
            assert_eq!(stemmer.stem(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn guarded_keeps_names_and_strips_plurals() {
        let stemmer = LightStem::guarded(Lexicon::builtin());
        let cases = [
            ("لبنان", "لبنان"),
            ("محادثات", "محادث"),
            ("مفاوضات", "مفاوض"),
            ("الحسن", "الحسن"),
            ("سهلا", "سهل"),
            ("قضايا", "قضايا"),
            ("كيري", "كيري"),
            ("نودلهي", "نودلهي"),
            ("عربي", "عرب"),
            ("عربيه", "عرب"),
        ];
        for (input, expected) in cases {
            assert_eq!(stemmer.stem(input), expected, "input {input:?}");
        }
    }
}
