//! Features of a token in its sentence, hashed: what the tagger sees.
//!
//! Entry point: [`sentence_features`], giving for each token the hashed features that do not
//! depend on the tags already chosen; [`tag_features`] and [`transition_feature`] add those that do. Every feature is a
//! template number mixed with a 64-bit hash of its value, so the model needs no feature
//! dictionary and the same word always lands in the same bucket. The hash is fixed (FNV-1a and a
//! splitmix finaliser), not `std`'s seeded one, so training is deterministic and models portable.
//!
//! Per word: the search form (`marsad-text`'s lossy normaliser: alef seats, ى, ة, harakat folded),
//! the stem without clitics (`SplitClitics`), which clitics it carries, the stem's first and last
//! letters, its script shape, how often it occurs in the text crate's news lexicon, and whether it
//! is a place (`marsad-gazetteer`) or a word of an actor's name ([`super::actors`]). Per position:
//! those of the two words either side, word pairs, and the previous tags.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::{LazyLock, RwLock};

use marsad_gazetteer::{Gazetteer, PlaceKind};
use marsad_text::lexicon::Lexicon;
use marsad_text::normalize::Normalizer;
use marsad_text::segment::{PieceKind, SplitClitics};

use super::actors::{actor_names, ActorWord};
use super::clusters::{signature, Prehashed};
use super::model::LABELS;

/// What one word contributes to its own and its neighbours' features.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordInfo {
    form: u64,
    stem: u64,
    prefixes: [u64; 4],
    suffixes: [u64; 4],
    definite: u64,
    cluster: u64,
    shape: u64,
    clitics: u64,
    gazetteer: u64,
    frequency: u64,
    length: u64,
    /// The stem is a word that heads an organisation's name ([`ORGANISATION_HEADS`]).
    organisation_head: bool,
}

/// Nouns that open the name of an organisation (`وزارة الخارجية الروسية`, `جامعة القاهرة`,
/// `حزب الله`), in search form: the words after one are likely part of an `ORG` name.
const ORGANISATION_HEADS: &[&str] = &[
    "وزاره",
    "جامعه",
    "شركه",
    "حزب",
    "منظمه",
    "مجلس",
    "وكاله",
    "هيئه",
    "مؤسسه",
    "اتحاد",
    "بنك",
    "جمعيه",
    "لجنه",
    "صحيفه",
    "قناه",
    "حركه",
    "جبهه",
    "مركز",
    "معهد",
    "نادي",
    "محكمه",
    "مصرف",
    "تنظيم",
    "جيش",
    "اكاديميه",
    "برلمان",
    "كليه",
    "مكتب",
    "اداره",
    "سلطه",
    "جماعه",
    "مفوضيه",
    "صندوق",
    "تحالف",
    "ائتلاف",
];

/// 64-bit FNV-1a: a fixed, fast string hash.
pub(crate) fn hash_str(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// splitmix64's finaliser: spreads a combined value over all 64 bits.
pub(crate) fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A feature: template `template` with value hash `value`.
fn feature(template: u64, value: u64) -> u64 {
    mix(value ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// A feature of two values.
fn feature2(template: u64, a: u64, b: u64) -> u64 {
    feature(template, mix(a).wrapping_add(b.rotate_left(17)))
}

/// The script shape of a word: a small code, hashed later.
fn shape(word: &str) -> u64 {
    let (mut arabic, mut latin, mut upper, mut digit, mut other) = (false, false, false, false, false);
    for c in word.chars() {
        match c {
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FEFF}' => {
                if c.is_numeric() {
                    digit = true
                } else {
                    arabic = true
                }
            }
            c if c.is_ascii_digit() || c.is_numeric() => digit = true,
            c if c.is_alphabetic() => {
                latin = true;
                upper |= c.is_uppercase();
            }
            _ => other = true,
        }
    }
    u64::from(arabic)
        | u64::from(latin) << 1
        | u64::from(upper) << 2
        | u64::from(digit) << 3
        | u64::from(other) << 4
}

/// Log-2 bucket of a count, so that frequency is a handful of features.
fn bucket(count: u32) -> u64 {
    u64::from(32 - count.leading_zeros())
}

/// Words analysed so far, by [`hash_str`] of the word as written: news repeats its words, and the
/// analysis (normalising, clitics, four table lookups) costs more than the tagging. Bounded: once
/// [`CACHE_WORDS`] words are kept, new words are analysed each time.
static CACHE: LazyLock<RwLock<HashMap<u64, WordInfo, BuildHasherDefault<Prehashed>>>> =
    LazyLock::new(Default::default);

/// The most words [`CACHE`] keeps (about 200 bytes each).
const CACHE_WORDS: usize = 200_000;

/// What the features read before a sentence's first word and after its last.
pub(crate) const BEYOND_SENTENCE: WordInfo = WordInfo {
    form: 1,
    stem: 1,
    prefixes: [0; 4],
    suffixes: [0; 4],
    definite: 0,
    cluster: u64::MAX - 1,
    shape: 1 << 5,
    clitics: 0,
    gazetteer: 0,
    frequency: 0,
    length: 0,
    organisation_head: false,
};

/// Analyses one word (a token as written), through [`CACHE`].
pub(crate) fn word_info(written: &str) -> WordInfo {
    word_info_keyed(hash_str(written), written)
}

/// [`word_info`] of a word whose [`hash_str`] the caller has already.
pub(crate) fn word_info_keyed(key: u64, written: &str) -> WordInfo {
    if let Some(info) = CACHE.read().ok().and_then(|cache| cache.get(&key).cloned()) {
        return info;
    }
    let info = analyse(written);
    if let Ok(mut cache) = CACHE.write() {
        if cache.len() < CACHE_WORDS {
            cache.insert(key, info.clone());
        }
    }
    info
}

/// Analyses one word (a token as written).
fn analyse(written: &str) -> WordInfo {
    // ANERcorp leaves punctuation on some words (`كابول؛`); the shape keeps it, the rest does not.
    let trimmed = written.trim_matches(|c: char| !c.is_alphanumeric());
    let word = if trimmed.is_empty() { written } else { trimmed };
    let normalizer = Normalizer::shared_search();
    let form = normalizer.normalize(word);
    let split = SplitClitics::builtin().split(word);
    let mut clitics = 0u64;
    for piece in split.pieces() {
        clitics |= match piece.kind {
            PieceKind::Conjunction => 1,
            PieceKind::Particle => 2,
            PieceKind::Article => 4,
            PieceKind::Stem => 0,
            PieceKind::Pronoun => 8,
        };
    }
    let stem_raw = word.get(split.stem()).filter(|s| !s.is_empty()).unwrap_or(word);
    let base_raw = word.get(split.base()).filter(|s| !s.is_empty()).unwrap_or(word);
    let stem = normalizer.normalize(stem_raw);
    // Byte offsets of the stem's chars, and its end: the first and last n letters are slices.
    let bounds: Vec<usize> = stem.char_indices().map(|(at, _)| at).chain([stem.len()]).collect();
    let letters = bounds.len() - 1;
    let mut prefixes = [0u64; 4];
    let mut suffixes = [0u64; 4];
    for n in 1..=4 {
        if letters > n {
            prefixes[n - 1] = hash_str(&stem[..bounds[n]]) ^ n as u64;
            suffixes[n - 1] = hash_str(&stem[bounds[letters - n]..]) ^ n as u64;
        }
    }
    let gazetteer = gazetteer_code(base_raw, stem_raw, &stem);
    let lexicon = Lexicon::builtin();
    WordInfo {
        form: hash_str(&form),
        stem: hash_str(&stem),
        prefixes,
        suffixes,
        shape: shape(written),
        clitics,
        gazetteer,
        frequency: bucket(lexicon.count(&form)),
        definite: definite_code(lexicon, &stem),
        cluster: signature(hash_str(&stem)).unwrap_or(u64::MAX),
        length: letters.min(12) as u64,
        organisation_head: ORGANISATION_HEADS.contains(&stem.as_ref()),
    }
}

/// [`definite_code`] of a word the lexicon sees mostly without `ال`.
pub(crate) const MOSTLY_BARE: u64 = 2;

/// How the stem is used in the news lexicon: with `ال` much more often than bare (a common noun
/// or adjective), about as often, or mostly bare (a name, a verb, a particle): 1, 3,
/// [`MOSTLY_BARE`] (0 when the lexicon has neither). The stem is in search form.
pub(crate) fn definite_code(lexicon: &Lexicon, stem: &str) -> u64 {
    let bare = lexicon.count(stem);
    let mut definite_form = String::with_capacity(stem.len() + 4);
    definite_form.push_str("ال");
    definite_form.push_str(stem);
    let definite = lexicon.count(&definite_form);
    match (bare, definite) {
        (0, 0) => 0,
        (b, d) if d > 4 * b.max(1) => 1,
        (b, d) if b > 4 * d.max(1) => MOSTLY_BARE,
        _ => 3,
    }
}

/// Gazetteer membership as bit flags: city, country, agency, actor first/last/inner word.
fn gazetteer_code(base: &str, stem: &str, stem_form: &str) -> u64 {
    let places = Gazetteer::get();
    let mut code = 0u64;
    for name in [base, stem] {
        if let Some(place) = places.place(name) {
            code |= match place.kind {
                PlaceKind::City => 1,
                PlaceKind::Country => 2,
            };
        }
    }
    if places.agency(base).is_some() {
        code |= 4;
    }
    code |= match actor_names().word(stem_form) {
        Some(ActorWord { first, last, inner }) => {
            u64::from(first) << 3 | u64::from(last) << 4 | u64::from(inner) << 5
        }
        None => 0,
    };
    code
}

/// The tag-independent features of every token of a sentence, flattened: [`FEATURES`] per token,
/// [`word_features`], [`combined_features`] and what the neighbours give ([`as_adjacent`],
/// [`as_second`]) at the positions of [`WORD_ONLY`], [`COMBINED`] and [`ONE_NEIGHBOUR`]. Training
/// reads them all; the tagger reads the word's own and its neighbours' once per word.
pub(crate) fn sentence_features(words: &[WordInfo], out: &mut Vec<u64>) {
    out.clear();
    let at = |i: Option<usize>| i.and_then(|i| words.get(i)).unwrap_or(&BEYOND_SENTENCE);
    for (i, word) in words.iter().enumerate() {
        let [p1_form, p1_stem, p1_cluster, p1_gazetteer] = as_adjacent(at(i.checked_sub(1)), Side::Before);
        let [n1_form, n1_stem, n1_cluster, n1_gazetteer] = as_adjacent(at(Some(i + 1)), Side::After);
        let [p2_form, p2_stem] = as_second(at(i.checked_sub(2)), Side::Before);
        let [n2_form, n2_stem] = as_second(at(Some(i + 2)), Side::After);
        let neighbours = [
            p1_form,
            n1_form,
            p2_form,
            n2_form,
            p1_stem,
            n1_stem,
            p1_cluster,
            n1_cluster,
            p1_gazetteer,
            n1_gazetteer,
            p2_stem,
            n2_stem,
        ];
        let mut token = [0u64; FEATURES];
        for (at, feature) in WORD_ONLY.into_iter().zip(word_features(word)) {
            token[at] = feature;
        }
        for (at, feature) in COMBINED.into_iter().zip(combined_features(words, i)) {
            token[at] = feature;
        }
        for (at, feature) in ONE_NEIGHBOUR.into_iter().zip(neighbours) {
            token[at] = feature;
        }
        out.extend_from_slice(&token);
    }
}

/// The features of a word alone, in the order of [`WORD_ONLY`]: the same wherever it occurs.
pub(crate) fn word_features(w: &WordInfo) -> [u64; 24] {
    [
        feature(1, 0),
        feature(2, w.form),
        feature(3, w.stem),
        feature(12, w.prefixes[0]),
        feature(13, w.prefixes[1]),
        feature(14, w.prefixes[2]),
        feature(15, w.suffixes[0]),
        feature(16, w.suffixes[1]),
        feature(17, w.suffixes[2]),
        feature(33, w.prefixes[3]),
        feature(34, w.suffixes[3]),
        feature(35, w.definite),
        feature(37, w.cluster & 0x3f),
        feature(38, w.cluster >> 6 & 0x3f),
        feature(39, w.cluster >> 12 & 0x3f),
        feature(40, w.cluster >> 18 & 0xfff),
        feature(41, w.cluster >> 30 & 0xfff),
        feature(18, w.shape),
        feature(20, w.clitics),
        feature(21, w.gazetteer),
        feature(24, w.frequency),
        feature(25, w.length),
        feature(28, w.frequency | w.clitics << 8 | w.gazetteer << 16),
        feature2(32, w.stem, w.clitics),
    ]
}

/// The features of token `i` that read it together with its neighbours, in the order of
/// [`COMBINED`].
pub(crate) fn combined_features(words: &[WordInfo], i: usize) -> CombinedFeatures {
    let w = &words[i];
    let p1 = i.checked_sub(1).map_or(&BEYOND_SENTENCE, |p| &words[p]);
    let n1 = words.get(i + 1).unwrap_or(&BEYOND_SENTENCE);
    [
        feature2(10, p1.form, w.form),
        feature2(11, w.form, n1.form),
        feature(36, p1.definite | w.definite << 4 | n1.definite << 8),
        feature(44, p1.cluster >> 42 & 0x3f | (n1.cluster >> 42 & 0x3f) << 6),
        feature(19, p1.shape | w.shape << 8 | n1.shape << 16),
        feature2(26, p1.stem, w.stem),
        feature2(27, w.stem, n1.stem),
        feature(31, n1.frequency | w.frequency << 8),
        feature(45, organisation_head_distance(words, i) | w.definite << 4 | (w.clitics & 4) << 8),
    ]
}

/// How many tag-independent features each token has.
pub(crate) const FEATURES: usize = 45;

/// The positions, among a token's [`FEATURES`], of the features that read the word alone (not its
/// neighbours): the same wherever the word occurs, so the tagger sums their weights once per word.
pub(crate) const WORD_ONLY: [usize; 24] =
    [0, 1, 2, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 29, 31, 32, 35, 36, 39, 43];

/// The positions of the features that read the word with a neighbour, or several words
/// ([`combined_features`]): looked up for every token.
pub(crate) const COMBINED: [usize; 9] = [9, 10, 20, 28, 30, 37, 38, 42, 44];

/// A token's [`combined_features`].
pub(crate) type CombinedFeatures = [u64; COMBINED.len()];

/// The positions of the features that read one neighbour alone ([`as_adjacent`], [`as_second`]):
/// the same for a word wherever it stands at that distance, so the tagger sums them once per word
/// too.
const ONE_NEIGHBOUR: [usize; 12] = [3, 4, 5, 6, 7, 8, 26, 27, 33, 34, 40, 41];

/// Which side of the token whose features read it a neighbour stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Before,
    After,
}

/// The features a word gives the token next to it on `side`: its form, stem, cluster and
/// gazetteer code.
pub(crate) fn as_adjacent(word: &WordInfo, side: Side) -> [u64; 4] {
    match side {
        Side::Before => [
            feature(4, word.form),
            feature(8, word.stem),
            feature(42, word.cluster & 0xfff),
            feature(22, word.gazetteer),
        ],
        Side::After => [
            feature(5, word.form),
            feature(9, word.stem),
            feature(43, word.cluster & 0xfff),
            feature(23, word.gazetteer),
        ],
    }
}

/// The features a word gives the token two words from it on `side`: its form and stem.
pub(crate) fn as_second(word: &WordInfo, side: Side) -> [u64; 2] {
    match side {
        Side::Before => [feature(6, word.form), feature(29, word.stem)],
        Side::After => [feature(7, word.form), feature(30, word.stem)],
    }
}

/// How many words back the nearest organisation head is, within four (0: none; 1: this word).
fn organisation_head_distance(words: &[WordInfo], i: usize) -> u64 {
    (0..=4.min(i)).find(|&back| words[i - back].organisation_head).map_or(0, |back| back as u64 + 1)
}

/// The feature of the previous token's tag alone (`prev` = [`super::model::LABELS`] at the start
/// of a sentence): the same at every position, so the decoder scores it once per sentence.
pub(crate) fn transition_feature(prev: usize) -> u64 {
    feature(60, prev as u64 + 1)
}

/// The features of the previous token's tag together with this word.
pub(crate) fn tag_features(word: &WordInfo, prev: usize) -> [u64; 2] {
    let p = prev as u64 + 1;
    [feature2(62, p, word.form), feature2(63, p, word.stem)]
}

/// How many features each token gets from the first pass in the second: [`stacked_features`].
pub(crate) const STACKED: usize = 5;

/// The coarse class of a label index: 0 for `O`, 1 to 4 for the four entity types.
fn class_of(label: usize) -> usize {
    label.div_ceil(2)
}

/// How the first pass tagged one stem in a document: occurrences per class (`O`, then the four
/// types), and the types it had inside names of two words or more, as bits 1 to 4.
#[derive(Debug, Clone, Copy, Default)]
struct StemTally {
    counts: [u32; 5],
    in_long_name: u8,
}

impl StemTally {
    fn add(&mut self, labels: &[usize], i: usize) {
        let class = class_of(labels[i]);
        self.counts[class] += 1;
        let continued = labels.get(i + 1).is_some_and(|&next| next != 0 && next.is_multiple_of(2));
        let continues = labels[i] != 0 && labels[i].is_multiple_of(2);
        if class != 0 && (continued || continues) {
            self.in_long_name |= 1 << class;
        }
    }

    /// This tally without `other` (counts never go below zero; name bits of `other` are kept
    /// only when they also come from elsewhere, which a tally cannot tell, so they are dropped
    /// when `other` holds every occurrence of the class).
    fn without(mut self, other: &StemTally) -> StemTally {
        for (c, o) in self.counts.iter_mut().zip(other.counts) {
            *c = c.saturating_sub(o);
        }
        for class in 1..5 {
            if self.counts[class] == 0 {
                self.in_long_name &= !(1 << class);
            }
        }
        self
    }

    /// A code of what the rest of the document says: the most frequent entity class (0 for
    /// none), and whether the stem was seen elsewhere never as a name, mostly not, mostly as a
    /// name, or always as one.
    fn verdict(&self) -> u64 {
        let names: u32 = self.counts[1..].iter().sum();
        let majority = (1..5).fold(0, |best, c| {
            if self.counts[c] > 0 && (best == 0 || self.counts[c] > self.counts[best]) {
                c
            } else {
                best
            }
        });
        let share = match (names, self.counts[0]) {
            (0, 0) => 0,
            (0, _) => 1,
            (n, o) if o > n => 2,
            (_, 0) => 4,
            _ => 3,
        };
        majority as u64 | share << 4
    }

    fn seen_mask(&self) -> u64 {
        let mut mask = 0u64;
        for class in 1..5 {
            if self.counts[class] > 0 {
                mask |= 1 << class;
            }
        }
        mask | u64::from(self.in_long_name) << 8
    }
}

type Tallies = HashMap<u64, StemTally, BuildHasherDefault<Prehashed>>;

/// What the second pass adds to every sentence of a document: [`STACKED`] features a token reads
/// from the first pass's labels (`first`, label indices): its own and its neighbours' first-pass
/// labels, and how the first pass tagged the same stem in the document's other sentences (a name
/// tagged `PER` twice elsewhere is likely a person here too). The second pass sees these after the
/// token's [`sentence_features`].
pub(crate) fn stacked_features(sentences: &[&[WordInfo]], first: &[Vec<usize>]) -> Vec<Vec<u64>> {
    // A document of one sentence has no elsewhere: skip the tallies.
    let mut document = Tallies::default();
    if sentences.len() > 1 {
        for (words, labels) in sentences.iter().zip(first) {
            for (i, word) in words.iter().enumerate() {
                document.entry(word.stem).or_default().add(labels, i);
            }
        }
    }
    let mut local = Tallies::default();
    let mut out = Vec::with_capacity(sentences.len());
    for (words, labels) in sentences.iter().zip(first) {
        local.clear();
        if !document.is_empty() {
            for (i, word) in words.iter().enumerate() {
                local.entry(word.stem).or_default().add(labels, i);
            }
        }
        let mut features = Vec::with_capacity(words.len() * STACKED);
        for (i, word) in words.iter().enumerate() {
            let own = labels[i] as u64;
            let prev = if i == 0 { LABELS as u64 } else { labels[i - 1] as u64 };
            let next = labels.get(i + 1).map_or(LABELS as u64, |&l| l as u64);
            let empty = StemTally::default();
            let elsewhere = document
                .get(&word.stem)
                .map_or(empty, |t| t.without(local.get(&word.stem).unwrap_or(&empty)));
            let verdict = elsewhere.verdict();
            features.extend_from_slice(&[
                feature(80, own),
                feature(81, prev | own << 4 | next << 8),
                feature(82, verdict),
                feature(83, elsewhere.seen_mask()),
                feature(84, verdict | own << 8),
            ]);
        }
        out.push(features);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped model's weights sit in the buckets these features hash to: a change to any
    /// feature, or to the word analysis they read, silently costs accuracy until the model is
    /// retrained. This fingerprint of one sentence's features catches it.
    #[test]
    fn features_are_those_the_shipped_model_was_trained_on() {
        let infos: Vec<WordInfo> = ["قال", "وزير", "الخارجية", "سيرغي", "لافروف", "،", "Reuters", "2016"]
            .iter()
            .map(|w| word_info(w))
            .collect();
        let mut features = Vec::new();
        sentence_features(&infos, &mut features);
        let fingerprint = features.iter().fold(0u64, |h, &f| mix(h ^ f));
        assert_eq!(
            fingerprint, 15_745_530_141_876_054_202,
            "the features changed: retrain with `marsad train ner`, check the scores, then update this value"
        );
    }

    #[test]
    fn word_only_features_split_the_features_and_ignore_the_neighbours() {
        let mut all: Vec<usize> = WORD_ONLY.iter().chain(&ONE_NEIGHBOUR).chain(&COMBINED).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..FEATURES).collect::<Vec<_>>());
        // The same word (`موسكو`, at 1 and 2) among different neighbours.
        let sentences = [["وصل", "موسكو", "أمس"], ["الوزير", "في", "موسكو"]];
        let features: Vec<Vec<u64>> = sentences
            .iter()
            .map(|words| {
                let infos: Vec<WordInfo> = words.iter().map(|w| word_info(w)).collect();
                let mut out = Vec::new();
                sentence_features(&infos, &mut out);
                out
            })
            .collect();
        let (a, b) = (&features[0][FEATURES..2 * FEATURES], &features[1][2 * FEATURES..]);
        for at in WORD_ONLY {
            assert_eq!(a[at], b[at], "feature at {at}");
        }
    }
}
