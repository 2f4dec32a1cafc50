//! The incremental near-duplicate index: each article added is either canonical (the first of
//! its group) or a copy of an earlier canonical article.
//!
//! Entry point: [`DupIndex::add_article`] (or [`DupIndex::add_text`], [`DupIndex::add_shingles`]).
//! Uses `marsad-article` for the article body, [`crate::sketch`] for candidates and
//! [`crate::shingle`] for the confirming Jaccard similarity.
//!
//! Only canonical articles go into the buckets and keep a shingle sample; a copy keeps its
//! verdict (8 bytes) and is always compared through its canonical. So 10,000 copies of one text
//! cost 10,000 verdicts and nothing in the buckets, and a group never chains away from its
//! canonical. Each bucket holds at most `bucket_cap` articles (the first seen) and each new article
//! confirms at most `max_candidates` of them, which bounds the work per article when many texts
//! share a band (short texts, boilerplate).
//!
//! [`DupIndex::forget`] bounds memory over a long input: a forgotten canonical article loses its
//! sample and bucket entries at once, and the oldest articles are dropped whole once they and all
//! before them are forgotten, so what is held is the caller's time window, not the input.

use std::collections::VecDeque;
use std::hash::Hash;

use marsad_article::Article;
use rustc_hash::FxHashMap;

use crate::shingle::{containment, sample_jaccard, Shingles};
use crate::sketch::{simhash, simhash_block_keys, Method, MinHasher};

/// The tuning of a [`DupIndex`].
#[derive(Debug, Clone, PartialEq)]
pub struct DupConfig {
    /// Words per shingle.
    pub shingle_words: usize,
    pub method: Method,
    /// The smallest confirmed Jaccard similarity for a copy.
    pub min_jaccard: f64,
    /// Also a copy when this share of the shorter text's shingles is in the longer one and the
    /// Jaccard similarity is at least half of `min_jaccard`: a copy that cut paragraphs, or a
    /// canonical text that a later copy extends. Off by default: on real news it mostly catches
    /// follow-up articles that repeat an earlier article as background (see the crate doc).
    pub min_containment: Option<f64>,
    /// `(below, min_word_jaccard)`: a copy whose Jaccard similarity is under `below` must also
    /// share `min_word_jaccard` of its distinct words. Off by default. Light rewording breaks two
    /// shingles per changed word but keeps most words, while templated articles (fixture lists,
    /// condolences, weather bulletins) share whole phrases and differ in their names and numbers,
    /// so at low shingle similarity words tell them apart: on the synthetic set, Jaccard from
    /// 0.3 with this at `(0.4, 0.55)` (see `examples/synthetic.rs`). Costs a second sample per
    /// canonical article.
    pub confirm_by_words: Option<(f64, f64)>,
    /// Texts with fewer shingles are never copies (photo captions, stubs made of an outlet's link
    /// line and a two-word title).
    pub min_shingles: usize,
    /// Shingle keys kept per canonical article (the comparison is exact up to this many shingles).
    pub sample_size: usize,
    /// Articles kept per bucket; later ones sharing a full bucket are not added to it.
    pub bucket_cap: usize,
    /// Canonical candidates confirmed per new article, most shared buckets first.
    pub max_candidates: usize,
    /// The MinHash pre-filter: a candidate is confirmed only if it shares at least the bands
    /// expected of a Jaccard of `estimate_slack × min_jaccard` (0 confirms every candidate).
    pub estimate_slack: f64,
}

impl Default for DupConfig {
    /// The measured default (see the crate doc): 2-word shingles, MinHash 32 bands of 2 rows,
    /// copies from Jaccard 0.7, texts of at least 8 shingles.
    fn default() -> DupConfig {
        DupConfig {
            shingle_words: 2,
            method: Method::MinHash { bands: 32, rows: 2 },
            min_jaccard: 0.7,
            min_containment: None,
            confirm_by_words: None,
            min_shingles: 8,
            sample_size: 512,
            bucket_cap: 64,
            max_candidates: 32,
            estimate_slack: 0.75,
        }
    }
}

/// What [`DupIndex`] decided about an article.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict<K> {
    /// The first of its group (or without shingles, so never a copy).
    Canonical,
    /// A near-copy of the canonical article `id`, with their Jaccard similarity.
    CopyOf { id: K, similarity: f32 },
}

/// Counters for reports and memory checks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DupStats {
    pub articles: usize,
    pub canonical: usize,
    pub copies: usize,
    /// Articles without shingles (empty, or fewer words than a shingle).
    pub without_shingles: usize,
    /// Times an article was not added to a bucket because the bucket was full.
    pub bucket_overflows: usize,
    /// Candidate comparisons made (Jaccard of samples).
    pub comparisons: usize,
    /// Entries held by all buckets (those of forgotten articles included until the next
    /// compaction).
    pub bucket_entries: usize,
    /// Articles forgotten ([`DupIndex::forget`]).
    pub forgotten: usize,
}

/// One bucket table: key → a chain of postings, with its length so that it can be capped.
#[derive(Debug, Default)]
struct Table {
    heads: FxHashMap<u64, (u32, u32)>,
}

const NO_POSTING: u32 = u32::MAX;

/// What a [`DupIndex`] holds of one article.
#[derive(Debug)]
struct Held<K> {
    id: K,
    verdict: Verdict<K>,
    /// Shingle sample of a canonical article: empty for copies, texts too short to compare and
    /// forgotten articles, which are then never candidates.
    sample: Box<[u32]>,
    /// Word sample, kept only with [`DupConfig::confirm_by_words`].
    word_sample: Box<[u32]>,
    /// Distinct shingles, for containment.
    size: u32,
    /// SimHash fingerprint (only with [`Method::SimHash`]).
    fingerprint: u64,
    forgotten: bool,
}

/// The near-duplicate index over articles named by `K` (an article id).
#[derive(Debug)]
pub struct DupIndex<K> {
    config: DupConfig,
    minhash: Option<MinHasher>,
    tables: Vec<Table>,
    /// `(article, next posting)` chains for all tables.
    postings: Vec<(u32, u32)>,
    /// The articles held, by number from `base` (those before it were forgotten and dropped).
    held: VecDeque<Held<K>>,
    base: u32,
    numbers: FxHashMap<K, u32>,
    /// Bucket entries of forgotten articles still in `postings`.
    dead_postings: usize,
    stats: DupStats,
}

impl<K: Clone + Eq + Hash> DupIndex<K> {
    pub fn new(config: DupConfig) -> DupIndex<K> {
        let minhash = match config.method {
            Method::MinHash { bands, rows } => Some(MinHasher::new(bands, rows)),
            Method::SimHash { .. } => None,
        };
        let tables = (0..config.method.tables()).map(|_| Table::default()).collect();
        DupIndex {
            config,
            minhash,
            tables,
            postings: Vec::new(),
            held: VecDeque::new(),
            base: 0,
            numbers: FxHashMap::default(),
            dead_postings: 0,
            stats: DupStats::default(),
        }
    }

    pub fn config(&self) -> &DupConfig {
        &self.config
    }

    /// An estimate of the heap memory the index holds, in bytes (tables at their capacity; heap
    /// memory owned by the ids themselves, such as a `String`'s text, not counted).
    pub fn memory_bytes(&self) -> usize {
        use std::mem::size_of;
        let table_entry = size_of::<u64>() + size_of::<(u32, u32)>() + 1;
        let tables: usize = self.tables.iter().map(|t| t.heads.capacity() * table_entry).sum();
        let samples: usize =
            self.held.iter().map(|h| (h.sample.len() + h.word_sample.len()) * size_of::<u32>()).sum();
        tables
            + samples
            + self.postings.capacity() * size_of::<(u32, u32)>()
            + self.held.capacity() * size_of::<Held<K>>()
            + self.numbers.capacity() * (size_of::<K>() + size_of::<u32>() + 1)
    }

    pub fn stats(&self) -> DupStats {
        DupStats { bucket_entries: self.postings.len(), ..self.stats.clone() }
    }

    /// The shingles this index uses for `text` (an article body).
    pub fn shingles(&self, text: &str) -> Shingles {
        Shingles::from_text(text, self.config.shingle_words)
    }

    /// Adds a text under `id`; see [`DupIndex::add_shingles`].
    pub fn add_text(&mut self, id: K, text: &str) -> Verdict<K> {
        let shingles = self.shingles(text);
        self.add_shingles(id, &shingles)
    }

    /// Adds a text already analysed into `ar_search` terms; see [`DupIndex::add_shingles`].
    pub fn add_terms<S: AsRef<str>>(&mut self, id: K, terms: &[S]) -> Verdict<K> {
        let shingles = Shingles::from_terms(terms, self.config.shingle_words);
        self.add_shingles(id, &shingles)
    }

    /// The verdict given when `id` was added, if it was.
    pub fn verdict(&self, id: &K) -> Option<Verdict<K>> {
        self.numbers.get(id).map(|&n| self.at(n).verdict.clone())
    }

    fn at(&self, number: u32) -> &Held<K> {
        &self.held[(number - self.base) as usize]
    }

    /// The held article `number` when it is still a candidate (held, canonical, not forgotten).
    fn candidate(&self, number: u32) -> Option<&Held<K>> {
        let held = self.held.get(number.checked_sub(self.base)? as usize)?;
        (!held.sample.is_empty()).then_some(held)
    }

    /// Adds an article and says whether it copies an earlier one. Adding an id again returns its
    /// first verdict and changes nothing (unless it was forgotten: then it is decided anew).
    pub fn add_shingles(&mut self, id: K, shingles: &Shingles) -> Verdict<K> {
        if let Some(&n) = self.numbers.get(&id) {
            return self.at(n).verdict.clone();
        }
        let Some(number) = u32::try_from(self.held.len()).ok().and_then(|n| n.checked_add(self.base)) else {
            // Past 4 billion articles nothing more can be indexed; the article stands alone.
            return Verdict::Canonical;
        };
        self.numbers.insert(id.clone(), number);
        self.stats.articles += 1;
        let mut held = Held {
            id,
            verdict: Verdict::Canonical,
            sample: Box::default(),
            word_sample: Box::default(),
            size: u32::try_from(shingles.len()).unwrap_or(u32::MAX),
            fingerprint: 0,
            forgotten: false,
        };
        if shingles.len() < self.config.min_shingles.max(1) {
            self.stats.without_shingles += 1;
            self.stats.canonical += 1;
            self.held.push_back(held);
            return Verdict::Canonical;
        }
        let sample = shingles.sample(self.config.sample_size);
        let word_sample = match self.config.confirm_by_words {
            Some(_) => shingles.word_sample(self.config.sample_size),
            None => Vec::new(),
        };
        let (keys, fingerprint) = match &self.minhash {
            Some(hasher) => (hasher.band_keys(&hasher.signature(shingles.hashes())), 0),
            None => {
                let fp = simhash(shingles.hashes());
                (simhash_block_keys(fp, self.tables.len()), fp)
            }
        };
        held.fingerprint = fingerprint;
        let best = self.best_match(&keys, fingerprint, &sample, &word_sample, shingles.len());
        match best {
            Some((canonical, similarity)) => {
                self.stats.copies += 1;
                held.verdict =
                    Verdict::CopyOf { id: self.at(canonical).id.clone(), similarity: similarity as f32 };
                let verdict = held.verdict.clone();
                self.held.push_back(held);
                verdict
            }
            None => {
                self.stats.canonical += 1;
                held.sample = sample.into_boxed_slice();
                held.word_sample = word_sample.into_boxed_slice();
                self.held.push_back(held);
                for (table, &key) in keys.iter().enumerate() {
                    self.insert(table, key, number);
                }
                Verdict::Canonical
            }
        }
    }

    /// The canonical article most similar to `sample` (of a text with `size` shingles), when it
    /// reaches `min_jaccard` or `min_containment`.
    fn best_match(
        &mut self,
        keys: &[u64],
        fingerprint: u64,
        sample: &[u32],
        word_sample: &[u32],
        size: usize,
    ) -> Option<(u32, f64)> {
        let mut candidates: Vec<u32> = Vec::new();
        for (table, key) in keys.iter().enumerate() {
            let Some(&(mut posting, _)) = self.tables[table].heads.get(key) else { continue };
            while posting != NO_POSTING {
                let (article, next) = self.postings[posting as usize];
                if self.candidate(article).is_some() {
                    candidates.push(article);
                }
                posting = next;
            }
        }
        if let Some(max_distance) = self.simhash_distance() {
            candidates.retain(|&c| (self.at(c).fingerprint ^ fingerprint).count_ones() <= max_distance);
        }
        // Most shared buckets first: the best MinHash estimate of Jaccard.
        candidates.sort_unstable();
        let mut ranked: Vec<(u32, u32)> = Vec::new();
        for c in candidates {
            match ranked.last_mut() {
                Some((last, hits)) if *last == c => *hits += 1,
                _ => ranked.push((c, 1)),
            }
        }
        // The MinHash estimate first: texts at the smallest Jaccard a copy may have share a band
        // with probability J^rows; a candidate sharing fewer than the bands expected at
        // `estimate_slack` of that Jaccard is not worth confirming (for J = 0.7, slack 0.75 and
        // 32 bands of 2 rows: 9 bands, where a true copy shares 16 on average, 2.4 standard
        // deviations more). This cuts confirmations by an order of magnitude.
        if let Method::MinHash { bands, rows } = self.config.method {
            let lowest = if self.config.min_containment.is_some() {
                self.config.min_jaccard / 2.0
            } else {
                self.config.min_jaccard
            };
            let expected =
                bands.max(1) as f64 * (self.config.estimate_slack * lowest).powi(rows.max(1) as i32);
            let min_hits = (expected.ceil() as u32).max(1);
            ranked.retain(|&(_, hits)| hits >= min_hits);
        }
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(self.config.max_candidates);
        let k = self.config.sample_size;
        let mut best: Option<(u32, f64)> = None;
        for (candidate, _) in ranked {
            self.stats.comparisons += 1;
            let theirs = self.at(candidate);
            let similarity = sample_jaccard(sample, &theirs.sample, k);
            let contained = self.config.min_containment.is_some_and(|min| {
                similarity >= self.config.min_jaccard / 2.0
                    && containment(similarity, size, theirs.size as usize) >= min
            });
            let words_agree = match self.config.confirm_by_words {
                Some((below, min_words)) if similarity < below => {
                    sample_jaccard(word_sample, &theirs.word_sample, k) >= min_words
                }
                _ => true,
            };
            let is_copy = (similarity >= self.config.min_jaccard || contained) && words_agree;
            if is_copy && best.is_none_or(|(_, s)| similarity > s) {
                best = Some((candidate, similarity));
            }
        }
        best
    }

    fn simhash_distance(&self) -> Option<u32> {
        match self.config.method {
            Method::SimHash { max_distance } => Some(max_distance),
            Method::MinHash { .. } => None,
        }
    }

    /// Forgets the article `id`: new articles are no longer compared with it, and once it and
    /// every article added before it are forgotten, its id and verdict are dropped too (then
    /// [`DupIndex::verdict`] does not know it). The verdicts of its copies keep naming it. Returns
    /// false when `id` is unknown or already forgotten.
    ///
    /// For a window over time: the caller forgets the articles older than any copy it may still
    /// be given. What is decided afterwards depends only on the sequence of adds and forgets, not on
    /// when the bucket entries are compacted.
    pub fn forget(&mut self, id: &K) -> bool {
        let Some(&number) = self.numbers.get(id) else { return false };
        let held = &mut self.held[(number - self.base) as usize];
        if held.forgotten {
            return false;
        }
        held.forgotten = true;
        self.stats.forgotten += 1;
        if !held.sample.is_empty() {
            held.sample = Box::default();
            held.word_sample = Box::default();
            self.dead_postings += self.tables.len();
        }
        while self.held.front().is_some_and(|h| h.forgotten) {
            if let Some(front) = self.held.pop_front() {
                self.numbers.remove(&front.id);
            }
            self.base += 1;
        }
        if self.held.capacity() > 64 && self.held.len() * 4 < self.held.capacity() {
            self.held.shrink_to(self.held.len() * 2);
        }
        // Compacting costs a pass over every entry, so it waits until half of them are dead.
        if self.dead_postings > 4096 && self.dead_postings * 2 > self.postings.len() {
            self.compact();
        }
        true
    }

    /// Rebuilds the bucket chains without the entries of forgotten articles.
    fn compact(&mut self) {
        let mut postings = Vec::with_capacity(self.postings.len().saturating_sub(self.dead_postings));
        for table in &mut self.tables {
            table.heads.retain(|_, head| {
                // Walks the chain newest first and relinks the live entries in the same order.
                let mut live = Vec::new();
                let mut posting = head.0;
                while posting != NO_POSTING {
                    let (article, next) = self.postings[posting as usize];
                    let alive = (article.wrapping_sub(self.base) as usize) < self.held.len()
                        && !self.held[(article - self.base) as usize].sample.is_empty();
                    if alive {
                        live.push(article);
                    }
                    posting = next;
                }
                let mut next = NO_POSTING;
                for &article in live.iter().rev() {
                    let at = postings.len() as u32;
                    postings.push((article, next));
                    next = at;
                }
                *head = (next, live.len() as u32);
                !live.is_empty()
            });
            table.heads.shrink_to_fit();
        }
        postings.shrink_to_fit();
        self.postings = postings;
        self.dead_postings = 0;
    }

    fn insert(&mut self, table: usize, key: u64, article: u32) {
        let Ok(posting) = u32::try_from(self.postings.len()) else { return };
        let head = self.tables[table].heads.entry(key).or_insert((NO_POSTING, 0));
        if head.1 as usize >= self.config.bucket_cap {
            self.stats.bucket_overflows += 1;
            return;
        }
        self.postings.push((article, head.0));
        *head = (posting, head.1 + 1);
    }
}

impl DupIndex<String> {
    /// Adds an article by its id, using the shingles of its body (the cleaned text after the
    /// headline).
    pub fn add_article(&mut self, article: &Article) -> Verdict<String> {
        let shingles = self.shingles(article.body());
        self.add_shingles(article.id.clone(), &shingles)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    const WIRE: [&str; 4] = [
        "أعلنت وزارة الموارد المائية في الرباط اليوم الاثنين عن خطة لبناء ثلاثة سدود جديدة في جهة سوس ماسة خلال السنوات الخمس المقبلة بكلفة تقارب ملياري درهم.",
        "وقال وزير التجهيز والماء في مؤتمر صحفي إن السدود الجديدة ستوفر مياه الشرب لنحو مليون نسمة وتسقي عشرين ألف هكتار من الأراضي الزراعية المتضررة من الجفاف.",
        "وأضاف أن الأشغال ستبدأ في الربيع المقبل بعد استكمال دراسات الأثر البيئي ونزع ملكية الأراضي المعنية بتعويض عادل لأصحابها.",
        "ويعاني المغرب منذ ست سنوات من جفاف متواصل أدى إلى تراجع حقينة السدود إلى أقل من ربع طاقتها الاستيعابية بحسب أرقام رسمية.",
    ];
    const OTHER: &str = "استقبل متحف قرطاج في تونس العاصمة معرضا للفسيفساء الرومانية يضم أكثر من مئة قطعة نادرة عثر عليها علماء الآثار في مواقع مختلفة من البلاد.\n\
        وقالت مديرة المتحف إن المعرض سيستمر ثلاثة أشهر وإن الدخول سيكون مجانيا لطلاب المدارس والجامعات طوال فترة العرض.";
    const SAME_TOPIC: &str = "حذر خبراء في المياه بالمغرب من أن بناء السدود وحده لن يكفي لمواجهة الجفاف الذي يضرب البلاد منذ سنوات.\n\
        ودعا الخبراء في ندوة بالدار البيضاء إلى تحلية مياه البحر وإعادة استعمال المياه العادمة في سقي المساحات الخضراء والحد من زراعات تستهلك الماء بكثرة.";

    fn configs() -> Vec<DupConfig> {
        let simhash = DupConfig { method: Method::SimHash { max_distance: 6 }, ..DupConfig::default() };
        vec![DupConfig::default(), simhash]
    }

    #[test]
    fn copies_and_different_articles() {
        let full = WIRE.join("\n");
        let cases = [
            ("exact copy", full.clone(), true),
            ("paragraph dropped", [WIRE[0], WIRE[1], WIRE[3]].join("\n"), true),
            ("outlet line added", format!("{full}\nتابعونا على مواقع التواصل"), true),
            ("different article", OTHER.to_string(), false),
            ("same topic, other text", SAME_TOPIC.to_string(), false),
            ("empty", String::new(), false),
            ("one word", "السدود".to_string(), false),
        ];
        for config in configs() {
            let label = config.method.label();
            let mut index = DupIndex::new(config);
            assert_eq!(index.add_text("wire", &full), Verdict::Canonical, "{label}");
            for (name, text, is_copy) in &cases {
                let verdict = index.add_text(*name, text);
                let found = matches!(verdict, Verdict::CopyOf { id: "wire", .. });
                assert_eq!(found, *is_copy, "{label}: {name}: {verdict:?}");
            }
        }
    }

    #[test]
    fn empty_and_one_word_articles_never_match_each_other() {
        let mut index = DupIndex::new(DupConfig::default());
        for (i, text) in ["", "", "كلمة", "كلمة", "   ", "\n\n"].iter().enumerate() {
            assert_eq!(index.add_text(i, text), Verdict::Canonical, "article {i}: {text:?}");
        }
        assert_eq!(index.stats().without_shingles, 6);
        assert_eq!(index.stats().bucket_entries, 0);
    }

    #[test]
    fn copies_of_copies_point_to_the_canonical() {
        let mut index = DupIndex::new(DupConfig::default());
        let full = WIRE.join("\n");
        index.add_text("a", &full);
        let cut = [WIRE[0], WIRE[1], WIRE[2]].join("\n");
        for id in ["b", "c"] {
            let verdict = index.add_text(id, &cut);
            assert!(matches!(verdict, Verdict::CopyOf { id: "a", .. }), "{id}: {verdict:?}");
        }
    }

    #[test]
    fn containment_rule_finds_copies_that_cut_half_the_text() {
        let full = WIRE.join("\n");
        let half = [WIRE[0], WIRE[1]].join("\n");
        let cases = [(None, false), (Some(0.9), true)];
        for (min_containment, is_copy) in cases {
            let mut index = DupIndex::new(DupConfig { min_containment, ..DupConfig::default() });
            index.add_text("wire", &full);
            let verdict = index.add_text("half", &half);
            assert_eq!(
                matches!(verdict, Verdict::CopyOf { .. }),
                is_copy,
                "{min_containment:?}: {verdict:?}"
            );
        }
    }

    #[test]
    fn word_confirmation_tells_templates_from_reworded_copies() {
        // Two fixture lists of one league (the template), and a copy of the first with a few words
        // changed. At a low shingle threshold the template passes as a copy; sharing too few of
        // its words, it does not with the word confirmation.
        let fixtures = |round: &str, games: &str| {
            format!(
                "تدور اليوم مباريات الجولة {round} من بطولة الرابطة المحترفة الأولى لكرة القدم وفق \
                 البرنامج التالي {games} وتنقل القناة الوطنية المباريات مباشرة على أن تعلن الرابطة \
                 تعيينات الحكام صباح الغد"
            )
        };
        let first = fixtures(
            "الخامسة",
            "الساعة الثالثة النادي الصفاقسي ضد الملعب التونسي الساعة الرابعة الترجي الرياضي ضد النجم \
             الساحلي الساعة الخامسة الاتحاد المنستيري ضد الشبيبة القيروانية والنادي الإفريقي ضد مستقبل المرسى",
        );
        let second = fixtures(
            "السابعة",
            "الساعة الثانية مستقبل قابس ضد نادي حمام الأنف الساعة الثالثة الأولمبي الباجي ضد النادي \
             البنزرتي الساعة السادسة الملعب القابسي ضد اتحاد تطاوين والترجي الجرجيسي ضد أمل حمام سوسة",
        );
        let reworded = first
            .replace("تدور اليوم", "تقام اليوم")
            .replace("مباشرة", "على الهواء")
            .replace("تعيينات الحكام", "أسماء الحكام")
            .replace("صباح الغد", "غدا");
        let index = DupIndex::<u8>::new(DupConfig::default());
        let (a, b, c) = (index.shingles(&first), index.shingles(&second), index.shingles(&reworded));
        let jaccard = |x: &Shingles, y: &Shingles| sample_jaccard(&x.sample(512), &y.sample(512), 512);
        let words =
            |x: &Shingles, y: &Shingles| sample_jaccard(&x.word_sample(512), &y.word_sample(512), 512);
        // Measured: the template 0.295 of shingles and 0.536 of words, the copy 0.768 and 0.804.
        assert!((0.25..0.4).contains(&jaccard(&a, &b)) && words(&a, &b) < 0.55);
        assert!(words(&a, &c) >= 0.55);
        for (confirm_by_words, template_is_copy) in [(None, true), (Some((0.4, 0.55)), false)] {
            let config = DupConfig {
                min_jaccard: 0.25,
                confirm_by_words,
                estimate_slack: 0.0,
                ..DupConfig::default()
            };
            let mut index = DupIndex::new(config);
            assert_eq!(index.add_shingles("first", &a), Verdict::Canonical);
            let template = index.add_shingles("second", &b);
            assert_eq!(matches!(template, Verdict::CopyOf { .. }), template_is_copy, "{template:?}");
            let copy = index.add_shingles("reworded", &c);
            assert!(matches!(copy, Verdict::CopyOf { id: "first", .. }), "{confirm_by_words:?}: {copy:?}");
        }
    }

    #[test]
    fn adding_an_id_twice_keeps_the_first_verdict() {
        let mut index = DupIndex::new(DupConfig::default());
        let full = WIRE.join("\n");
        assert_eq!(index.add_text(1, &full), Verdict::Canonical);
        assert_eq!(index.add_text(1, OTHER), Verdict::Canonical);
        assert_eq!(index.stats().articles, 1);
    }

    #[test]
    fn ten_thousand_copies_stay_bounded() {
        for config in configs() {
            let tables = config.method.tables();
            let mut index = DupIndex::new(config);
            let full = WIRE.join("\n");
            let shingles = index.shingles(&full);
            index.add_shingles(0u32, &shingles);
            for i in 1..10_000u32 {
                assert!(matches!(index.add_shingles(i, &shingles), Verdict::CopyOf { id: 0, .. }));
            }
            let stats = index.stats();
            assert_eq!((stats.copies, stats.canonical), (9_999, 1));
            assert_eq!(stats.bucket_entries, tables, "only the canonical article is in the buckets");
            assert_eq!(stats.comparisons, 9_999, "one comparison per copy, with the canonical");
        }
    }

    #[test]
    fn a_forgotten_article_is_no_longer_copied_but_keeps_its_verdicts() {
        for config in configs() {
            let mut index = DupIndex::new(config);
            let full = WIRE.join("\n");
            assert_eq!(index.add_text(0, &full), Verdict::Canonical);
            assert!(matches!(index.add_text(1, &full), Verdict::CopyOf { id: 0, .. }));
            assert!(!index.forget(&7), "an unknown id");
            assert!(index.forget(&0));
            assert!(!index.forget(&0), "forgotten once");
            assert_eq!(index.add_text(2, &full), Verdict::Canonical, "the same text again stands alone");
            assert!(matches!(index.add_text(3, &full), Verdict::CopyOf { id: 2, .. }));
            // The copy still names the article it copies; the forgotten article is dropped once
            // every article before it is forgotten too.
            assert!(matches!(index.verdict(&1), Some(Verdict::CopyOf { id: 0, .. })));
            assert_eq!(index.verdict(&0), None);
            assert!(index.forget(&1));
            assert_eq!(index.verdict(&1), None);
            assert_eq!((index.held.len(), index.numbers.len()), (2, 2));
            assert_eq!(index.stats().forgotten, 2);
        }
    }

    /// Sixteen common news nouns, for generated test texts here and in the story index's tests.
    pub(crate) const VOCABULARY: [&str; 16] = [
        "الحكومة",
        "البرلمان",
        "المدينة",
        "الاقتصاد",
        "المياه",
        "الطاقة",
        "المدارس",
        "الطرق",
        "الموسم",
        "السوق",
        "الميناء",
        "المطار",
        "الجامعة",
        "المستشفى",
        "الحدود",
        "الزراعة",
    ];

    /// A text of `words` words drawn from a small vocabulary by `seed`: texts of different seeds
    /// share words but hardly any word pairs.
    fn generated_text(seed: u64, words: usize) -> String {
        let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        (0..words)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                format!("{}{}", VOCABULARY[(state % 16) as usize], state >> 60)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_window_of_forgotten_articles_keeps_memory_bounded_and_copies_inside_it() {
        // Even articles are new texts; odd article i copies article i - 1 - 20 (i mod 5), so 1,
        // 21, 41, 61 or 81 articles back. The caller forgets each article 40 behind, so copies
        // from further back stand alone, and compaction runs many times on the way.
        let config = DupConfig::default();
        let tables = config.method.tables();
        let mut windowed = DupIndex::new(config.clone());
        let mut unbounded = DupIndex::new(config);
        let mut copies = 0;
        for i in 0..4_000u64 {
            let back = 1 + 20 * (i % 5);
            let source = if i % 2 == 1 && back <= i { Some(i - back) } else { None };
            let text = generated_text(source.unwrap_or(i), 60);
            let verdict = windowed.add_text(i, &text);
            let expected = match source {
                Some(source) if back <= 40 => Verdict::CopyOf { id: source, similarity: 1.0 },
                _ => Verdict::Canonical,
            };
            assert_eq!(verdict, expected, "article {i}");
            copies += usize::from(expected != Verdict::Canonical);
            if i >= 40 {
                windowed.forget(&(i - 40));
            }
            // (the unbounded index also finds the copies from further back)
            let reference = unbounded.add_text(i, &text);
            assert!(expected == Verdict::Canonical || reference == expected);
        }
        let stats = windowed.stats();
        assert_eq!(stats.copies, copies);
        assert!(stats.forgotten > 1_000, "{stats:?}");
        // Dead entries are compacted away once they pass 4,096 and half of all entries.
        assert!(stats.bucket_entries <= 2 * (4096 + 41 * tables), "{stats:?}");
        assert!(windowed.memory_bytes() * 4 < unbounded.memory_bytes());
        assert_eq!(windowed.held.len(), 40, "only the window is held");
    }

    #[test]
    fn shared_boilerplate_does_not_overfill_buckets() {
        // 2,000 texts that are the same boilerplate plus two words of their own: they are copies
        // of the first (99% the same), and texts sharing only a short phrase stay bounded too.
        let boilerplate = WIRE.join("\n");
        let config = DupConfig { bucket_cap: 16, max_candidates: 8, ..DupConfig::default() };
        let tables = config.method.tables();
        let mut index = DupIndex::new(config);
        for i in 0..2_000 {
            index.add_text(i, &format!("{boilerplate}\nرقم {i}"));
        }
        assert_eq!(index.stats().canonical, 1);
        let mut short =
            DupIndex::new(DupConfig { bucket_cap: 16, max_candidates: 8, ..DupConfig::default() });
        for i in 0..2_000 {
            short.add_text(i, &format!("أخبار السوق اليوم رقم{i} عدد{i}"));
        }
        let stats = short.stats();
        assert!(stats.bucket_entries <= stats.canonical * tables);
        assert!(stats.comparisons <= 2_000 * 8);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn any_texts_give_a_verdict(texts in proptest::collection::vec(".{0,200}", 1..12), simhash in any::<bool>()) {
            let method = if simhash { Method::SimHash { max_distance: 4 } } else { Method::MinHash { bands: 8, rows: 2 } };
            let mut index = DupIndex::new(DupConfig { method, ..DupConfig::default() });
            for (i, text) in texts.iter().enumerate() {
                if let Verdict::CopyOf { similarity, .. } = index.add_text(i, text) {
                    prop_assert!((0.0..=1.0).contains(&similarity));
                }
                let _ = crate::diff_paragraphs(&texts[0], text);
            }
        }

        #[test]
        fn edits_never_panic(text in ".{0,300}", seed in any::<u64>(), fraction in 0.0f64..1.0) {
            for edit in crate::eval::Edit::ALL.into_iter().chain([crate::eval::Edit::Words(fraction)]) {
                let _ = crate::eval::apply_edit(&text, edit, seed, &[]);
            }
        }
    }
}
