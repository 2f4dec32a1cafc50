//! The tagger: two stacked first-order structured averaged perceptrons over hashed features,
//! each decoded with Viterbi, with their binary model format and their training.
//!
//! Entry points: [`train`] (sentences in, model bytes out), [`Model::from_bytes`],
//! [`Model::tag_document`] and [`Model::tag`]. Why this model: it trains in seconds on ANERcorp,
//! tags a token with 23 table lookups once its word has been seen (about 130 the first time) and
//! no allocation beyond the document's, and Viterbi
//! scored 3 F1 points above greedy left-to-right decoding of the same features (68.0 against 65.2
//! F1 on the ANERcorp test split, trained on ANERcorp alone). Tag transitions that BIO forbids
//! (`I-X` after anything but `B-X` or `I-X`) are never chosen.
//!
//! Two passes: the first tags each sentence alone; the second sees the same features plus the
//! first pass's labels of the word, its neighbours and the same stem in the rest of the document
//! (`features::stacked_features`). The second pass is trained on first-pass labels that the first
//! pass did not learn from (five folds of documents, each tagged by a model trained on the other
//! four), so that it learns how far to trust them on unseen text.
//!
//! The model is two tables of 2^[`TABLE_BITS`] buckets × 9 labels. On disk only the non-zero
//! buckets are kept, weights rounded to `i16` with one scale per table, and all but the magic is
//! one zlib stream (it halves the file: 63% of the kept weights are zero). Byte offsets in
//! [`EntityError::Model`] count the magic, then bytes of the inflated stream.
//!
//! | bytes | content |
//! |---|---|
//! | 8 | magic `MRSDNER3` |
//! | | then, zlib-compressed: |
//! | 4 | table bits (u32 LE) |
//! | | then for the first pass's table and the second's: |
//! | 4 | scale (f32 LE): weight = stored × scale (the tagger needs only the stored values) |
//! | 4 | number of buckets kept (u32 LE) |
//! | 22 × n | bucket index (u32 LE), then 9 weights (i16 LE) |

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::io::{Read, Write};
use std::sync::RwLock;

use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use flate2::Compression;

use super::clusters::Prehashed;
use super::features::{
    as_adjacent, as_second, combined_features, hash_str, sentence_features, stacked_features, tag_features,
    transition_feature, word_features, word_info, word_info_keyed, CombinedFeatures, Side, WordInfo,
    BEYOND_SENTENCE, FEATURES, STACKED,
};
use super::EntityError;

/// log2 of the number of feature buckets.
pub const TABLE_BITS: u32 = 18;
const MAGIC: &[u8; 8] = b"MRSDNER3";
/// Larger inflated bodies are refused rather than read: no model [`train`] writes comes near it.
const MAX_BODY_BYTES: u64 = 256 << 20;
/// Sentences per document when a text has no document breaks (CoNLL files): about one news
/// article of ANERcorp.
pub const DOCUMENT_SENTENCES: usize = 16;
/// Folds of documents for the first-pass labels the second pass trains on.
const FOLDS: usize = 5;
/// Number of labels: `O` and `B`/`I` of four types.
pub const LABELS: usize = 9;

/// An entity type of the coarse ANERcorp scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Per,
    Loc,
    Org,
    Misc,
}

impl EntityType {
    /// All four, in report order.
    pub const ALL: [EntityType; 4] = [EntityType::Per, EntityType::Loc, EntityType::Org, EntityType::Misc];

    /// The span label: `PER`, `LOC`, `ORG`, `MISC`.
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Loc => "LOC",
            EntityType::Org => "ORG",
            EntityType::Misc => "MISC",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A BIO tag: outside, or beginning / inside an entity of a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    O,
    B(EntityType),
    I(EntityType),
}

impl Tag {
    /// The label index in the weight table.
    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(t) => 1 + 2 * t.index(),
            Tag::I(t) => 2 + 2 * t.index(),
        }
    }

    /// The tag of a label index (`0..LABELS`).
    pub fn from_index(index: usize) -> Tag {
        match index {
            0 => Tag::O,
            i if i % 2 == 1 => Tag::B(EntityType::ALL[(i - 1) / 2 % 4]),
            i => Tag::I(EntityType::ALL[(i - 2) / 2 % 4]),
        }
    }

    /// True when this tag may follow `prev` (an `I-X` continues a `B-X` or `I-X`).
    fn may_follow(self, prev: Tag) -> bool {
        match self {
            Tag::I(t) => prev == Tag::B(t) || prev == Tag::I(t),
            _ => true,
        }
    }
}

/// The CoNLL label: `O`, `B-PER`, `I-LOC`…
impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(t) => write!(f, "B-{}", t.label()),
            Tag::I(t) => write!(f, "I-{}", t.label()),
        }
    }
}

/// A trained tagger.
pub struct Model {
    /// The stored `i16` weights of the first pass, one cache line per bucket. They are not
    /// multiplied back by the file's scale: every score is a sum of weights, so one scale changes
    /// no decision.
    first: Vec<Row>,
    /// The same for the second pass.
    second: Vec<Row>,
    bits: u32,
    /// Each pass's [`transitions`], summed once.
    transitions: [Transitions; 2],
    /// Each pass's [`WordScores::neighbour`] of the positions beyond a sentence's ends.
    beyond_sentence: [NeighbourScores; 2],
    /// [`WordScores`] of the words tagged so far, by [`hash_str`] of the word as written: a word's
    /// own features and those it gives its neighbours are most of a token's table lookups, and
    /// each lookup is a likely cache miss in tables of 8 MB. Bounded by [`KNOWN_WORDS`].
    known: RwLock<KnownWords>,
}

/// [`Model::known`]: the words' scores, and the words seen once.
#[derive(Default)]
struct KnownWords {
    scores: HashMap<u64, [WordScores; 2], BuildHasherDefault<Prehashed>>,
    /// The key of the last word not kept at each slot (`key % SEEN_ONCE_SLOTS`): a word is kept
    /// the second time it is found here. Many of a news stream's distinct words occur only once, and
    /// a word kept stays: kept at first sight, they would fill the table. `marsad bench
    /// ner --news` on ANT v2.1, median of 8 runs: 1.65 M tokens/s, against 1.58 M kept at first
    /// sight.
    seen_once: Vec<u64>,
}

/// The most words [`Model::known`] keeps (about 1,100 bytes each).
const KNOWN_WORDS: usize = 50_000;

/// Slots of [`KnownWords::seen_once`] (2 MB).
const SEEN_ONCE_SLOTS: usize = 1 << 18;

impl KnownWords {
    /// Keeps the scores of the words of `fresh` seen once before, while there is room, and notes
    /// the others as seen once.
    fn admit(&mut self, fresh: Vec<(u64, [WordScores; 2])>) {
        if self.seen_once.is_empty() {
            self.seen_once = vec![0; SEEN_ONCE_SLOTS];
        }
        for (key, scores) in fresh {
            if self.scores.len() >= KNOWN_WORDS {
                break;
            }
            let slot = &mut self.seen_once[(key % SEEN_ONCE_SLOTS as u64) as usize];
            if *slot == key {
                self.scores.insert(key, scores);
            } else {
                *slot = key;
            }
        }
    }
}

/// What one word adds to scores in one pass wherever it occurs: the weights of its
/// [`word_features`], of its [`tag_features`] for each previous label (`LABELS` = sentence start),
/// and of the features it gives its neighbours ([`as_adjacent`], [`as_second`]). Sums of stored
/// `i16` weights, in `i32`: any sum of up to 2^8 of them is below 2^24, so exact in `f32` too, and
/// the decoder's scores do not depend on the order of summing.
#[derive(Clone, Copy)]
struct WordScores {
    own: [i32; LABELS],
    lexical: StoredLexical,
    /// What the word adds to the scores of the token after it, the token before it, the token two
    /// after it and the token two before it.
    neighbour: NeighbourScores,
}

type NeighbourScores = [[i32; LABELS]; 4];

type Transitions = [[f32; LABELS]; LABELS + 1];

impl Clone for Model {
    fn clone(&self) -> Self {
        Model::new(self.first.clone(), self.second.clone(), self.bits)
    }
}

/// One bucket's weights, padded and aligned so that a lookup reads one cache line.
#[derive(Clone, Copy, Default)]
#[repr(align(32))]
struct Row([i16; 16]);

/// A weight table the decoder can read: the model's rows, or the plain `f32` table in training.
trait Weights {
    /// Adds the weights of a bucket to the label scores.
    fn add(&self, bucket: usize, scores: &mut [f32; LABELS]);
}

impl Weights for [Row] {
    fn add(&self, bucket: usize, scores: &mut [f32; LABELS]) {
        let row = &self[bucket].0;
        for (s, &w) in scores.iter_mut().zip(row) {
            *s += f32::from(w);
        }
    }
}

impl Weights for [f32] {
    fn add(&self, bucket: usize, scores: &mut [f32; LABELS]) {
        let at = bucket * LABELS;
        for (s, w) in scores.iter_mut().zip(&self[at..at + LABELS]) {
            *s += w;
        }
    }
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model").field("bits", &self.bits).finish_non_exhaustive()
    }
}

fn bucket(feature: u64, bits: u32) -> usize {
    (feature >> (64 - bits)) as usize
}

/// Reads a little-endian `u32` at `at`, if the bytes are there.
fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Reads one table (scale, count, records) starting at `at`; returns it and the offset after it.
fn read_table(bytes: &[u8], at: usize, bits: u32) -> Result<(Vec<Row>, usize), EntityError> {
    let bad = |at: usize, reason: &str| EntityError::Model { byte: at, reason: reason.to_string() };
    let count = u32_at(bytes, at + 4).ok_or_else(|| bad(at, "table header cut short"))? as usize;
    let record = 4 + 2 * LABELS;
    let first = at + 8;
    let end = count.checked_mul(record).and_then(|n| n.checked_add(first)).filter(|&end| end <= bytes.len());
    let end = end.ok_or_else(|| bad(at + 4, "fewer bytes than the number of buckets needs"))?;
    let mut rows = vec![Row::default(); 1usize << bits];
    for r in 0..count {
        let at = first + r * record;
        let index = u32_at(bytes, at).unwrap_or(u32::MAX) as usize;
        if index >= 1 << bits {
            return Err(bad(at, "bucket index beyond the table"));
        }
        for l in 0..LABELS {
            rows[index].0[l] = i16::from_le_bytes([bytes[at + 4 + 2 * l], bytes[at + 5 + 2 * l]]);
        }
    }
    Ok((rows, end))
}

impl Model {
    /// Reads a model written by [`train`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, EntityError> {
        let bad = |at: usize, reason: &str| EntityError::Model { byte: at, reason: reason.to_string() };
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return Err(bad(
                0,
                "not a Marsad NER model (magic MRSDNER3 expected; retrain with `marsad train ner`)",
            ));
        }
        let mut body = Vec::new();
        let inflated = ZlibDecoder::new(&bytes[8..]).take(MAX_BODY_BYTES + 1).read_to_end(&mut body);
        match inflated {
            Err(e) => return Err(bad(8, &format!("the compressed tables cannot be read: {e}"))),
            Ok(n) if n as u64 > MAX_BODY_BYTES => return Err(bad(8, "the tables inflate beyond 256 MiB")),
            Ok(_) => {}
        }
        let bytes = &[MAGIC.as_slice(), &body].concat()[..];
        let bits = u32_at(bytes, 8).unwrap_or(0);
        if !(8..=26).contains(&bits) {
            return Err(bad(8, "table bits out of range 8..=26"));
        }
        let (first, at) = read_table(bytes, 12, bits)?;
        let (second, end) = read_table(bytes, at, bits)?;
        if end != bytes.len() {
            return Err(bad(end, "bytes after the second table"));
        }
        Ok(Model::new(first, second, bits))
    }

    /// A model of two weight tables, with their transition scores summed and no words known yet.
    fn new(first: Vec<Row>, second: Vec<Row>, bits: u32) -> Model {
        let transitions = [transitions(first.as_slice(), bits), transitions(second.as_slice(), bits)];
        let beyond_sentence = [&first, &second].map(|rows| neighbour_scores(rows, bits, &BEYOND_SENTENCE));
        Model { first, second, bits, transitions, beyond_sentence, known: RwLock::default() }
    }

    /// Tags a sentence of words as written (one entry per token, punctuation included), as a
    /// document of one sentence.
    pub fn tag(&self, words: &[&str]) -> Vec<Tag> {
        self.tag_document(&[words.to_vec()]).pop().unwrap_or_default()
    }

    /// Tags the sentences of one document (an article), each a list of words as written: the
    /// second pass reads how the first tagged the same words in the other sentences.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let keys: Vec<Vec<u64>> =
            sentences.iter().map(|words| words.iter().map(|w| hash_str(w)).collect()).collect();
        let infos: Vec<Vec<WordInfo>> = sentences
            .iter()
            .zip(&keys)
            .map(|(words, keys)| words.iter().zip(keys).map(|(w, &key)| word_info_keyed(key, w)).collect())
            .collect();
        let combined: Vec<Vec<CombinedFeatures>> = infos
            .iter()
            .map(|words| (0..words.len()).map(|i| combined_features(words, i)).collect())
            .collect();
        // Each word's scores, read in place from the words known (a copy is 1 kB) while the
        // document is tagged; the new words' are computed once here and kept afterwards.
        let known = self.known.read().ok();
        let mut fresh: Vec<(u64, [WordScores; 2])> = Vec::new();
        let mut fresh_at: HashMap<u64, usize, BuildHasherDefault<Prehashed>> = HashMap::default();
        let sources: Vec<Vec<Result<&[WordScores; 2], usize>>> = keys
            .iter()
            .zip(&infos)
            .map(|(keys, infos)| {
                keys.iter()
                    .zip(infos)
                    .map(|(&key, info)| {
                        if let Some(scores) = known.as_ref().and_then(|known| known.scores.get(&key)) {
                            return Ok(scores);
                        }
                        Err(*fresh_at.entry(key).or_insert_with(|| {
                            let own = word_features(info);
                            fresh.push((
                                key,
                                [&self.first, &self.second]
                                    .map(|rows| WordScores::of(rows, self.bits, info, &own)),
                            ));
                            fresh.len() - 1
                        }))
                    })
                    .collect()
            })
            .collect();
        let scores: Vec<Vec<&[WordScores; 2]>> = sources
            .into_iter()
            .map(|sentence| {
                sentence.into_iter().map(|source| source.unwrap_or_else(|at| &fresh[at].1)).collect()
            })
            .collect();
        let first: Vec<Vec<usize>> = scores
            .iter()
            .zip(&combined)
            .map(|(scores, features)| labels(&self.decode_pass(0, scores, features, &[])))
            .collect();
        let words: Vec<&[WordInfo]> = infos.iter().map(Vec::as_slice).collect();
        let stacked = stacked_features(&words, &first);
        let tags = scores
            .iter()
            .zip(&combined)
            .zip(&stacked)
            .map(|((scores, features), stacked)| self.decode_pass(1, scores, features, stacked))
            .collect();
        // Gives up the read guard before the write lock is asked for.
        let has_room = known.is_some_and(|known| known.scores.len() < KNOWN_WORDS);
        if has_room && !fresh.is_empty() {
            if let Ok(mut known) = self.known.write() {
                known.admit(fresh);
            }
        }
        tags
    }

    /// Tags one sentence with pass `pass` (0 or 1): `known` holds the words' scores, `combined`
    /// their [`combined_features`], `stacked` their [`STACKED`] features in the second pass (empty
    /// in the first).
    fn decode_pass(
        &self,
        pass: usize,
        known: &[&[WordScores; 2]],
        combined: &[CombinedFeatures],
        stacked: &[u64],
    ) -> Vec<Tag> {
        let rows = if pass == 0 { &self.first } else { &self.second };
        let beyond = &self.beyond_sentence[pass];
        let neighbour = |at: Option<usize>, n: usize| match at.and_then(|at| known.get(at)) {
            Some(scores) => &scores[pass].neighbour[n],
            None => &beyond[n],
        };
        let emissions: Vec<[f32; LABELS]> = known
            .iter()
            .enumerate()
            .map(|(i, scores)| {
                let mut sum = scores[pass].own;
                let from_first = stacked.get(i * STACKED..(i + 1) * STACKED).unwrap_or_default();
                for &f in combined[i].iter().chain(from_first) {
                    add_row(&rows[bucket(f, self.bits)], &mut sum);
                }
                // The order of WordScores::neighbour, seen from token i.
                let around = [i.checked_sub(1), Some(i + 1), i.checked_sub(2), Some(i + 2)];
                for (n, at) in around.into_iter().enumerate() {
                    for (s, w) in sum.iter_mut().zip(neighbour(at, n)) {
                        *s += w;
                    }
                }
                sum.map(|s| s as f32)
            })
            .collect();
        let lexical: Vec<&StoredLexical> = known.iter().map(|scores| &scores[pass].lexical).collect();
        decode(&self.transitions[pass], &emissions, &lexical)
    }
}

impl WordScores {
    /// The scores of the word `info` in the table `rows`; `features` are its [`word_features`].
    fn of(rows: &[Row], bits: u32, info: &WordInfo, features: &[u64]) -> WordScores {
        let mut own = [0; LABELS];
        for &f in features {
            add_row(&rows[bucket(f, bits)], &mut own);
        }
        let lexical = std::array::from_fn(|p| {
            let mut sum = [0; LABELS];
            for f in tag_features(info, p) {
                add_row(&rows[bucket(f, bits)], &mut sum);
            }
            sum
        });
        WordScores { own, lexical, neighbour: neighbour_scores(rows, bits, info) }
    }
}

/// [`WordScores::neighbour`] of the word `info` in the table `rows`.
fn neighbour_scores(rows: &[Row], bits: u32, info: &WordInfo) -> NeighbourScores {
    let sum = |features: &[u64]| {
        let mut sum = [0; LABELS];
        for &f in features {
            add_row(&rows[bucket(f, bits)], &mut sum);
        }
        sum
    };
    [
        sum(&as_adjacent(info, Side::Before)),
        sum(&as_adjacent(info, Side::After)),
        sum(&as_second(info, Side::Before)),
        sum(&as_second(info, Side::After)),
    ]
}

/// Adds a bucket's stored weights to integer label scores.
fn add_row(row: &Row, sum: &mut [i32; LABELS]) {
    for (s, &w) in sum.iter_mut().zip(&row.0) {
        *s += i32::from(w);
    }
}

fn labels(tags: &[Tag]) -> Vec<usize> {
    tags.iter().map(|t| t.index()).collect()
}

/// The label scores of a set of features.
fn scores<W: Weights + ?Sized>(weights: &W, bits: u32, features: &[u64]) -> [f32; LABELS] {
    let mut scores = [0f32; LABELS];
    for &f in features {
        weights.add(bucket(f, bits), &mut scores);
    }
    scores
}

/// The best tag sequence (first-order Viterbi; transitions BIO forbids are never taken).
/// `features` holds `per_token` features for each word.
fn viterbi<W: Weights + ?Sized>(
    weights: &W,
    bits: u32,
    infos: &[WordInfo],
    features: &[u64],
    per_token: usize,
) -> Vec<Tag> {
    let emissions: Vec<[f32; LABELS]> = (0..infos.len())
        .map(|i| scores(weights, bits, &features[i * per_token..(i + 1) * per_token]))
        .collect();
    let lexical: Vec<Lexical> = infos
        .iter()
        .map(|info| std::array::from_fn(|p| scores(weights, bits, &tag_features(info, p))))
        .collect();
    decode(&transitions(weights, bits), &emissions, &lexical)
}

/// The scores of the previous tag alone, for each previous label (`LABELS` = sentence start);
/// minus infinity where BIO forbids the transition, so that [`decode`] never takes it.
fn transitions<W: Weights + ?Sized>(weights: &W, bits: u32) -> Transitions {
    std::array::from_fn(|p| {
        let prev_tag = if p == LABELS { Tag::O } else { Tag::from_index(p) };
        let mut scores = scores(weights, bits, &[transition_feature(p)]);
        for (l, score) in scores.iter_mut().enumerate() {
            if !Tag::from_index(l).may_follow(prev_tag) {
                *score = f32::NEG_INFINITY;
            }
        }
        scores
    })
}

/// A word's scores of [`tag_features`], for each previous label (`LABELS` = sentence start).
type Lexical = [[f32; LABELS]; LABELS + 1];

/// The same in the tagger: sums of stored weights.
type StoredLexical = [[i32; LABELS]; LABELS + 1];

/// What [`decode`] reads of a word's [`tag_features`] scores: in training [`Lexical`], in the
/// tagger a [`StoredLexical`] read where the word's scores are kept.
trait LexicalScores {
    /// The score of label `label` after label `prev`.
    fn score(&self, prev: usize, label: usize) -> f32;
}

impl LexicalScores for Lexical {
    fn score(&self, prev: usize, label: usize) -> f32 {
        self[prev][label]
    }
}

impl LexicalScores for &StoredLexical {
    fn score(&self, prev: usize, label: usize) -> f32 {
        // Exact: see WordScores.
        self[prev][label] as f32
    }
}

/// Viterbi over scores already summed: `emissions[i]` of the tag-independent features of word
/// `i`, `lexical[i][p]` of its features with the previous label `p`; `transitions` are minus
/// infinity where BIO forbids them (a path through one never wins: every label may follow `O`).
fn decode(
    transitions: &Transitions,
    emissions: &[[f32; LABELS]],
    lexical: &[impl LexicalScores],
) -> Vec<Tag> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let mut best = vec![[f32::NEG_INFINITY; LABELS]; n];
    let mut back = vec![[0u8; LABELS]; n];
    for (i, (emission, lexical)) in emissions.iter().zip(lexical).enumerate() {
        let previous: &[usize] = if i == 0 { &[LABELS] } else { &ALL_LABELS };
        for &p in previous {
            let from = if i == 0 { 0.0 } else { best[i - 1][p] };
            if from == f32::NEG_INFINITY {
                continue;
            }
            let transitions = &transitions[p];
            for l in 0..LABELS {
                let total = from + transitions[l] + lexical.score(p, l) + emission[l];
                if total > best[i][l] {
                    best[i][l] = total;
                    back[i][l] = if p == LABELS { 0 } else { p as u8 };
                }
            }
        }
    }
    let mut l = (0..LABELS).fold(0, |b, l| if best[n - 1][l] > best[n - 1][b] { l } else { b });
    let mut tags = vec![Tag::O; n];
    for i in (0..n).rev() {
        tags[i] = Tag::from_index(l);
        l = usize::from(back[i][l]);
    }
    tags
}

const ALL_LABELS: [usize; LABELS] = [0, 1, 2, 3, 4, 5, 6, 7, 8];

/// A training sentence: words as written and their gold tags.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedSentence {
    pub words: Vec<String>,
    pub tags: Vec<Tag>,
    /// False for a corpus that does not tag ANERcorp's MISC names (NewsFANE): there, predicting
    /// MISC where the gold says `O` is not counted as an error in training.
    pub misc_annotated: bool,
}

/// How to train.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Seed of the sentence order of each pass.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 8, seed: 0x5eed }
    }
}

/// A sentence ready to learn from: its words' analyses, its features and its gold tags.
struct Example<'a> {
    infos: Vec<WordInfo>,
    features: Vec<u64>,
    sentence: &'a TaggedSentence,
}

/// Trains a model on `sentences` and returns its bytes (the format in the module doc). Every
/// [`DOCUMENT_SENTENCES`] consecutive sentences are one document for the second pass.
/// Deterministic: the same sentences and options give the same bytes.
pub fn train(sentences: &[TaggedSentence], options: TrainOptions) -> Vec<u8> {
    let bits = TABLE_BITS;
    let usable: Vec<&TaggedSentence> =
        sentences.iter().filter(|s| !s.words.is_empty() && s.words.len() == s.tags.len()).collect();
    let first_examples: Vec<Example> = usable
        .iter()
        .map(|&sentence| {
            let infos: Vec<WordInfo> = sentence.words.iter().map(|w| word_info(w)).collect();
            let mut features = Vec::new();
            sentence_features(&infos, &mut features);
            Example { infos, features, sentence }
        })
        .collect();
    let document_of = |s: usize| s / DOCUMENT_SENTENCES;
    // First-pass labels of every sentence from a model that did not see its document.
    let mut first_labels: Vec<Vec<usize>> = vec![Vec::new(); first_examples.len()];
    for fold in 0..FOLDS {
        let others: Vec<&Example> = first_examples
            .iter()
            .enumerate()
            .filter(|(s, _)| document_of(*s) % FOLDS != fold)
            .map(|(_, e)| e)
            .collect();
        let weights = learn(&others, FEATURES, bits, options);
        for (s, example) in first_examples.iter().enumerate().filter(|(s, _)| document_of(*s) % FOLDS == fold)
        {
            first_labels[s] =
                labels(&viterbi(weights.as_slice(), bits, &example.infos, &example.features, FEATURES));
        }
    }
    let first = learn(&first_examples.iter().collect::<Vec<_>>(), FEATURES, bits, options);
    let mut second_examples = Vec::with_capacity(first_examples.len());
    for (d, document) in first_examples.chunks(DOCUMENT_SENTENCES).enumerate() {
        let words: Vec<&[WordInfo]> = document.iter().map(|e| e.infos.as_slice()).collect();
        let from = d * DOCUMENT_SENTENCES;
        let stacked = stacked_features(&words, &first_labels[from..from + document.len()]);
        for (example, stacked) in document.iter().zip(stacked) {
            let features = second_pass_features(&example.features, &stacked);
            second_examples.push(Example {
                infos: example.infos.clone(),
                features,
                sentence: example.sentence,
            });
        }
    }
    let second = learn(&second_examples.iter().collect::<Vec<_>>(), FEATURES + STACKED, bits, options);
    let mut body = Vec::new();
    body.extend_from_slice(&bits.to_le_bytes());
    encode(&first, &mut body);
    encode(&second, &mut body);
    let mut out = ZlibEncoder::new(MAGIC.to_vec(), Compression::best());
    out.write_all(&body).expect("writing to a Vec does not fail");
    out.finish().expect("writing to a Vec does not fail")
}

/// Each token's [`sentence_features`] (`base`) followed by its [`STACKED`] features, as the
/// second pass reads them.
fn second_pass_features(base: &[u64], stacked: &[u64]) -> Vec<u64> {
    base.chunks(FEATURES)
        .zip(stacked.chunks(STACKED))
        .flat_map(|(base, stacked)| base.iter().chain(stacked))
        .copied()
        .collect()
}

/// One averaged perceptron trained on `examples` (each with `per_token` features a word);
/// returns the averaged weight table.
fn learn(examples: &[&Example], per_token: usize, bits: u32, options: TrainOptions) -> Vec<f32> {
    let size = (1usize << bits) * LABELS;
    let mut perceptron =
        Averaged { weights: vec![0.0; size], totals: vec![0.0; size], stamps: vec![0; size], now: 0 };
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = options.seed | 1;
    for _ in 0..options.epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &s in &order {
            let Example { infos, features, sentence } = examples[s];
            perceptron.now += 1;
            let guess = viterbi(perceptron.weights.as_slice(), bits, infos, features, per_token);
            let mut gold = sentence.tags.clone();
            if !sentence.misc_annotated {
                for (g, &p) in gold.iter_mut().zip(&guess) {
                    if *g == Tag::O && matches!(p, Tag::B(EntityType::Misc) | Tag::I(EntityType::Misc)) {
                        *g = p;
                    }
                }
            }
            for i in 0..infos.len() {
                let gold_prev = if i == 0 { LABELS } else { gold[i - 1].index() };
                let guess_prev = if i == 0 { LABELS } else { guess[i - 1].index() };
                let (truth, wrong) = (gold[i].index(), guess[i].index());
                if truth == wrong && gold_prev == guess_prev {
                    continue;
                }
                if truth != wrong {
                    for &f in &features[i * per_token..(i + 1) * per_token] {
                        let at = bucket(f, bits) * LABELS;
                        perceptron.update(at + truth, 1.0);
                        perceptron.update(at + wrong, -1.0);
                    }
                }
                let gold_context = tag_features(&infos[i], gold_prev);
                for f in gold_context.into_iter().chain([transition_feature(gold_prev)]) {
                    perceptron.update(bucket(f, bits) * LABELS + truth, 1.0);
                }
                let guess_context = tag_features(&infos[i], guess_prev);
                for f in guess_context.into_iter().chain([transition_feature(guess_prev)]) {
                    perceptron.update(bucket(f, bits) * LABELS + wrong, -1.0);
                }
            }
        }
    }
    perceptron.average()
}

/// Perceptron weights with lazily kept running totals for averaging.
struct Averaged {
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u64>,
    now: u64,
}

impl Averaged {
    fn update(&mut self, at: usize, delta: f32) {
        self.totals[at] += (self.now - self.stamps[at]) as f64 * f64::from(self.weights[at]);
        self.stamps[at] = self.now;
        self.weights[at] += delta;
    }

    fn average(&self) -> Vec<f32> {
        let now = self.now.max(1);
        (0..self.weights.len())
            .map(|at| {
                let total = self.totals[at] + (now - self.stamps[at]) as f64 * f64::from(self.weights[at]);
                (total / now as f64) as f32
            })
            .collect()
    }
}

/// Appends one weight table in the model format (scale, count, records; see the module doc).
fn encode(weights: &[f32], out: &mut Vec<u8>) {
    let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { max / f32::from(i16::MAX) } else { 1.0 };
    let mut kept = Vec::new();
    for (index, row) in weights.chunks(LABELS).enumerate() {
        let q: Vec<i16> = row.iter().map(|w| (w / scale).round() as i16).collect();
        if q.iter().any(|&w| w != 0) {
            kept.push((index as u32, q));
        }
    }
    out.reserve(8 + kept.len() * (4 + 2 * LABELS));
    out.extend_from_slice(&scale.to_le_bytes());
    out.extend_from_slice(&(kept.len() as u32).to_le_bytes());
    for (index, q) in kept {
        out.extend_from_slice(&index.to_le_bytes());
        for w in q {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(pairs: &[(&str, Tag)]) -> TaggedSentence {
        TaggedSentence {
            words: pairs.iter().map(|(w, _)| w.to_string()).collect(),
            tags: pairs.iter().map(|(_, t)| *t).collect(),
            misc_annotated: true,
        }
    }

    /// The tagger sums each word's own and neighbour features once and keeps them; summing all
    /// features of every token, as training does, must give the same tags.
    #[test]
    fn cached_word_scores_give_the_tags_of_the_full_sums() {
        let model = crate::entities::builtin_model();
        let document: Vec<Vec<&str>> = vec![
            "قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن المحادثات مع جون كيري ستستمر"
                .split(' ')
                .collect(),
            "وأضاف لافروف أن الهدنة في حي الوعر بحمص صامدة ، حسب وكالة نوفوستي".split(' ').collect(),
            vec!["؟"],
            vec![],
        ];
        let infos: Vec<Vec<WordInfo>> =
            document.iter().map(|words| words.iter().map(|w| word_info(w)).collect()).collect();
        let features: Vec<Vec<u64>> = infos
            .iter()
            .map(|infos| {
                let mut out = Vec::new();
                sentence_features(infos, &mut out);
                out
            })
            .collect();
        let first: Vec<Vec<usize>> = infos
            .iter()
            .zip(&features)
            .map(|(infos, f)| labels(&viterbi(model.first.as_slice(), model.bits, infos, f, FEATURES)))
            .collect();
        let words: Vec<&[WordInfo]> = infos.iter().map(Vec::as_slice).collect();
        let expected: Vec<Vec<Tag>> = infos
            .iter()
            .zip(&features)
            .zip(stacked_features(&words, &first))
            .map(|((infos, base), stacked)| {
                let all = second_pass_features(base, &stacked);
                viterbi(model.second.as_slice(), model.bits, infos, &all, FEATURES + STACKED)
            })
            .collect();
        assert!(expected.iter().flatten().filter(|t| **t != Tag::O).count() >= 5, "{expected:?}");
        // The first time the words may be new to the model, the second they are all cached.
        assert_eq!(model.tag_document(&document), expected);
        assert_eq!(model.tag_document(&document), expected);
    }

    #[test]
    fn known_words_are_kept_when_seen_a_second_time() {
        let scores =
            WordScores { own: [0; LABELS], lexical: [[0; LABELS]; LABELS + 1], neighbour: [[0; LABELS]; 4] };
        let mut known = KnownWords::default();
        known.admit(vec![(7, [scores; 2]), (8, [scores; 2])]);
        assert!(known.scores.is_empty());
        known.admit(vec![(7, [scores; 2])]);
        assert_eq!(known.scores.keys().collect::<Vec<_>>(), [&7]);
        // A word on the same slot replaces the one seen there before.
        let same_slot = 8 + SEEN_ONCE_SLOTS as u64;
        known.admit(vec![(same_slot, [scores; 2]), (8, [scores; 2])]);
        assert!(!known.scores.contains_key(&8));
        // No more than KNOWN_WORDS are kept.
        let many: Vec<(u64, [WordScores; 2])> =
            (100..100 + KNOWN_WORDS as u64 + 10).map(|k| (k, [scores; 2])).collect();
        known.admit(many.clone());
        known.admit(many);
        assert_eq!(known.scores.len(), KNOWN_WORDS);
    }

    #[test]
    fn tag_indexes_round_trip() {
        for i in 0..LABELS {
            assert_eq!(Tag::from_index(i).index(), i);
        }
    }

    #[test]
    fn learns_a_toy_corpus_deterministically_and_round_trips() {
        use EntityType::*;
        let data = [
            sentence(&[
                ("قال", Tag::O),
                ("سمير", Tag::B(Per)),
                ("نادر", Tag::I(Per)),
                ("في", Tag::O),
                ("طنطا", Tag::B(Loc)),
            ]),
            sentence(&[("وصل", Tag::O), ("سمير", Tag::B(Per)), ("إلى", Tag::O), ("طنطا", Tag::B(Loc))]),
        ];
        // Enough documents that every fold of the first pass has some to learn from.
        let data: Vec<TaggedSentence> = data.iter().cycle().take(10 * DOCUMENT_SENTENCES).cloned().collect();
        let options = TrainOptions { epochs: 5, seed: 7 };
        let bytes = train(&data, options);
        assert_eq!(bytes, train(&data, options));
        let model = Model::from_bytes(&bytes).unwrap();
        assert_eq!(model.tag(&["قال", "سمير", "نادر", "في", "طنطا"]), data[0].tags);
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Model::from_bytes(b"nonsense").is_err());
    }
}
