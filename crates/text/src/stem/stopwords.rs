//! Stopwords: Arabic function words dropped by the search chains, in search form (alef seats,
//! ى and ة folded). A short list written for Marsad: prepositions, pronouns, demonstratives,
//! relatives, conjunctions, particles and the commonest auxiliaries of news prose.

/// Search form, sorted by bytes (binary search). `علي` (على) is left out on purpose: in search
/// form it is also the name Ali.
const STOPWORDS: &[&str] = &[
    "ا",
    "اذ",
    "اذا",
    "ال",
    "الا",
    "التي",
    "الذي",
    "الذين",
    "اللتين",
    "اللذين",
    "اللواتي",
    "الي",
    "اما",
    "ان",
    "انا",
    "انت",
    "انتم",
    "انه",
    "انها",
    "انهم",
    "او",
    "اولئك",
    "اي",
    "ايضا",
    "ايها",
    "ب",
    "بعض",
    "بل",
    "بين",
    "ثم",
    "حتي",
    "حيث",
    "ذلك",
    "عن",
    "ف",
    "فان",
    "فقد",
    "فقط",
    "في",
    "قد",
    "ك",
    "كان",
    "كانت",
    "كل",
    "كلا",
    "كما",
    "كي",
    "كيف",
    "ل",
    "لا",
    "لان",
    "لدي",
    "لقد",
    "لكن",
    "لم",
    "لما",
    "لن",
    "له",
    "لها",
    "ليس",
    "ما",
    "متي",
    "مع",
    "من",
    "منذ",
    "هذا",
    "هذه",
    "هل",
    "هم",
    "هما",
    "هنا",
    "هناك",
    "هو",
    "هي",
    "و",
    "يا",
    "يكون",
];

/// The longest stopword in bytes: longer words are no stopwords without a look-up.
const LONGEST: usize = 14;

/// True when `word` (search form) is a stopword.
pub fn is_stopword(word: &str) -> bool {
    is_stopword_bytes(word.as_bytes())
}

/// [`is_stopword`] of a word given as its UTF-8 bytes.
pub(crate) fn is_stopword_bytes(word: &[u8]) -> bool {
    word.len() <= LONGEST && STOPWORDS.binary_search_by(|w| w.as_bytes().cmp(word)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOPWORDS.iter().all(|w| w.len() <= LONGEST));
    }

    #[test]
    fn function_words_only() {
        for (word, expected) in
            [("في", true), ("الذين", true), ("علي", false), ("محادثات", false), ("the", false)]
        {
            assert_eq!(is_stopword(word), expected, "word {word:?}");
        }
    }
}
