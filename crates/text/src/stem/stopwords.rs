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
    let bit = filter_bit(word);
    word.len() <= LONGEST
        && FILTER[bit / 64] >> (bit % 64) & 1 == 1
        && STOPWORDS.binary_search_by(|w| w.as_bytes().cmp(word)).is_ok()
}

/// A word's bit in [`FILTER`], from its length and last three bytes (the clitic segmenter asks
/// about a dozen candidate stems per new word, nearly all of them no stopword: the filter answers
/// most of them without the binary search).
const fn filter_bit(word: &[u8]) -> usize {
    let n = word.len();
    (n * 131 + byte_from_end(word, 1) * 31 + byte_from_end(word, 2) * 7 + byte_from_end(word, 3) * 17) % 1024
}

/// The `back`-th byte from the end of `word` (1: the last), or 0 when the word is shorter.
const fn byte_from_end(word: &[u8], back: usize) -> usize {
    if word.len() >= back {
        word[word.len() - back] as usize
    } else {
        0
    }
}

/// One bit per [`filter_bit`] value, set for the stopwords'.
const FILTER: [u64; 16] = {
    let mut filter = [0u64; 16];
    let mut i = 0;
    while i < STOPWORDS.len() {
        let bit = filter_bit(STOPWORDS[i].as_bytes());
        filter[bit / 64] |= 1 << (bit % 64);
        i += 1;
    }
    filter
};

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
