//! The named analysis chains, built once and shared: word tokenizer → normaliser → (clitic
//! segmenter) → (stemmer) → (stopwords).
//!
//! | name | Arabic words | other words |
//! |---|---|---|
//! | `ar_search` | search-form normalisation, clitics split with the lexicon and dropped, guarded Light10 suffixes, stopwords dropped | lowercased; digits ASCII |
//! | `ar_exact` | lossless steps only (invisible marks, presentation forms, tatweel): the spelling is kept | lowercased; digits ASCII |
//! | `ar_lucene` | Lucene's ArabicAnalyzer: lowercase, decimal digits, stopwords, ArabicNormalizationFilter, ArabicStemFilter | lowercased; digits ASCII |
//! | `ar_snowball` | lossless steps, stopwords, the Snowball Arabic stemmer | lowercased; digits ASCII |
//! | `raw` | as written | as written |
//!
//! No chain emits punctuation (use [`crate::segment::words()`] for that). One token per word: its
//! offsets are the whole word's, even when clitics were cut off, so highlighting marks the word.
//!
//! Where `ar_search` departs from Lucene on purpose (each case in this crate's tests):
//! - clitics are removed only when the lexicon supports the split: `وليد` stays whole (Lucene:
//!   `ليد`), `البانيا` keeps its article (Lucene: `بانيا`);
//! - `ف` `ب` `ل` `ك` `س` and the pronouns are removed too (Lucene keeps `ومحادثاته` → `محادثات`,
//!   so it misses `محادثات` → `محادث`);
//! - suffixes leave at least three letters (Lucene two: `مرهون` → `مر`), and `ان` `ين` `ون`
//!   stay on words whose family the lexicon does not know (`لبنان`, `حسين`); a final `ي` goes
//!   only from nisba adjectives, whose feminine or plural the lexicon knows (`عربي`, `حوثي`), so
//!   `كيري` (Kerry) stays apart from `كير` (Kiir) and `نودلهي` keeps its `ي`;
//! - the article goes whenever the bare stem or its nisba family is known, and from unknown
//!   stems too (`الحوثي`, `الأربعاء` → `حوثي`, `اربعاء`), except unknown stems ending in `ا`,
//!   which are foreign names (`البانيا`);
//! - a hashtag indexes its words (`#سوريا_الآن` as `سوريا` `الآن`, each with the tag's offsets
//!   and its own position); other chains keep the tag whole;
//! - the stopword list is Marsad's own, checked after clitics are removed (`وهذا` is dropped), and
//!   `على` is dropped as written while the name `علي` is kept.
//!
//! The `ar_search` term of each distinct word is remembered per thread (see `memo.rs`), since most
//! words of a corpus were seen before.
//!
//! Retrieval (`marsad eval retrieval`, known-item search of ANT multi-source titles over bodies):
//! the article and nisba rules above were chosen by measuring on that seeded query sample (plain
//! and variant sets, 2,000 queries each); the lexicon that guards them is learned from ANT v1.1,
//! a different corpus. The rules are stated as Arabic morphology (a definite noun takes no
//! accusative `ا`; a nisba has a feminine), not as lists of the queries' words.

use std::cell::RefCell;
use std::sync::OnceLock;

use crate::lexicon::Lexicon;
use crate::memo::{Memo, Recall};
use crate::normalize::Normalizer;
use crate::segment::clitics::{Restore, SplitClitics};
use crate::segment::words;
use crate::stem::{is_stopword, LightStem, SnowballStem};
use crate::{Token, TokenKind};

thread_local! {
    /// Words already analysed by `ar_search` on this thread (see [`crate::memo`]).
    static SEARCH_FORMS: RefCell<Memo> = RefCell::new(Memo::new());
}

enum Chain {
    Search { clitics: &'static SplitClitics, stemmer: LightStem },
    Exact,
    Lucene { stemmer: LightStem },
    Snowball { stemmer: SnowballStem },
    Raw,
}

/// A named analysis chain. Get one with [`Analyzer::ar_search`], [`Analyzer::ar_exact`] or
/// [`Analyzer::by_name`]; each is built once per process.
pub struct Analyzer {
    name: &'static str,
    chain: Chain,
    /// The normaliser applied to each word before the chain's own steps.
    normalizer: &'static Normalizer,
    /// The search-form normaliser, for stopword checks.
    search_form: &'static Normalizer,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").field("name", &self.name).field("normalizer", &self.normalizer).finish()
    }
}

/// The names [`Analyzer::by_name`] knows, in documentation order.
pub const ANALYZER_NAMES: [&str; 5] = ["ar_search", "ar_exact", "ar_lucene", "ar_snowball", "raw"];

impl Analyzer {
    /// The default search chain: lossy normalisation, clitic split, light stem, stopwords dropped.
    pub fn ar_search() -> &'static Analyzer {
        static CHAIN: OnceLock<Analyzer> = OnceLock::new();
        CHAIN.get_or_init(|| {
            let chain = Chain::Search {
                clitics: SplitClitics::builtin(),
                stemmer: LightStem::guarded(Lexicon::builtin()),
            };
            Analyzer::new("ar_search", chain, Normalizer::shared_search())
        })
    }

    /// Lossless steps only, for highlighting and quotes.
    pub fn ar_exact() -> &'static Analyzer {
        static CHAIN: OnceLock<Analyzer> = OnceLock::new();
        CHAIN.get_or_init(|| Analyzer::new("ar_exact", Chain::Exact, exact_normalizer()))
    }

    /// Lucene's `ArabicAnalyzer` behaviour (with Marsad's tokenizer and stopword list).
    pub fn ar_lucene() -> &'static Analyzer {
        static CHAIN: OnceLock<Analyzer> = OnceLock::new();
        CHAIN.get_or_init(|| {
            static LUCENE: OnceLock<Normalizer> = OnceLock::new();
            let normalizer = LUCENE.get_or_init(Normalizer::lucene);
            Analyzer::new("ar_lucene", Chain::Lucene { stemmer: LightStem::lucene() }, normalizer)
        })
    }

    /// The Snowball Arabic stemmer after the lossless steps.
    pub fn ar_snowball() -> &'static Analyzer {
        static CHAIN: OnceLock<Analyzer> = OnceLock::new();
        CHAIN.get_or_init(|| {
            Analyzer::new(
                "ar_snowball",
                Chain::Snowball { stemmer: SnowballStem::arabic() },
                exact_normalizer(),
            )
        })
    }

    /// Words as written: the tokenizer alone.
    pub fn raw() -> &'static Analyzer {
        static CHAIN: OnceLock<Analyzer> = OnceLock::new();
        static NOTHING: OnceLock<Normalizer> = OnceLock::new();
        CHAIN.get_or_init(|| {
            Analyzer::new("raw", Chain::Raw, NOTHING.get_or_init(|| Normalizer::new(Vec::new())))
        })
    }

    /// The chain called `name`: one of [`ANALYZER_NAMES`].
    pub fn by_name(name: &str) -> Option<&'static Analyzer> {
        match name {
            "ar_search" => Some(Analyzer::ar_search()),
            "ar_exact" => Some(Analyzer::ar_exact()),
            "ar_lucene" => Some(Analyzer::ar_lucene()),
            "ar_snowball" => Some(Analyzer::ar_snowball()),
            "raw" => Some(Analyzer::raw()),
            _ => None,
        }
    }

    fn new(name: &'static str, chain: Chain, normalizer: &'static Normalizer) -> Analyzer {
        Analyzer { name, chain, normalizer, search_form: Normalizer::shared_search() }
    }

    /// The chain's name, as given to [`Analyzer::by_name`].
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The tokens of `text`.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        self.for_each_token(text, |t| out.push(t.clone()));
        out
    }

    /// Calls `f` with each token of `text`, reusing one token buffer (the path indexing uses).
    pub fn for_each_token(&self, text: &str, mut f: impl FnMut(&Token)) {
        let mut spans = words(text);
        let mut token = Token { text: String::new(), start: 0, end: 0, position: 0, kind: TokenKind::Punct };
        let mut position = 0u32;
        while let Some((start, end, kind)) = spans.next_span() {
            if kind == TokenKind::Punct {
                continue;
            }
            token.start = start;
            token.end = end;
            token.kind = kind;
            if kind == TokenKind::Hashtag && matches!(self.chain, Chain::Search { .. }) {
                // `#سوريا_الآن` indexes as `سوريا الآن`, each word with the whole tag's offsets.
                for part in text[start + 1..end].split('_').filter(|p| !p.is_empty()) {
                    token.text.clear();
                    token.position = position;
                    position = position.saturating_add(1);
                    if self.analyze_word(part, tag_part_kind(part), &mut token.text) {
                        f(&token);
                    }
                }
                continue;
            }
            token.text.clear();
            token.position = position;
            position = position.saturating_add(1);
            if self.analyze_word(&text[start..end], kind, &mut token.text) {
                f(&token);
            }
        }
    }

    /// Writes the indexed form of one word into `out`; false when the word yields no token.
    fn analyze_word(&self, word: &str, kind: TokenKind, out: &mut String) -> bool {
        if matches!(self.chain, Chain::Raw) {
            out.push_str(word);
            return true;
        }
        if kind != TokenKind::Arabic {
            out.push_str(&self.normalizer.normalize_token(word, kind));
            return !out.is_empty();
        }
        match &self.chain {
            Chain::Raw | Chain::Exact => out.push_str(&self.normalizer.normalize_token(word, kind)),
            Chain::Search { clitics, stemmer } => {
                return SEARCH_FORMS.with(|memo| {
                    let mut memo = memo.borrow_mut();
                    match memo.recall(word) {
                        Recall::Term(term) => {
                            out.push_str(term);
                            return true;
                        }
                        Recall::Dropped => return false,
                        Recall::Unknown => {}
                    }
                    let term = self.search_form_of(word, clitics, stemmer);
                    memo.remember(word, term.as_deref());
                    out.push_str(term.as_deref().unwrap_or_default());
                    term.is_some()
                });
            }
            Chain::Lucene { stemmer } => {
                let form = self.normalizer.normalize_token(word, kind);
                if is_stopword(&form) {
                    return false;
                }
                out.push_str(&stemmer.stem(&form));
            }
            Chain::Snowball { stemmer } => {
                if self.is_stopword_word(word) {
                    return false;
                }
                out.push_str(&stemmer.stem(&self.normalizer.normalize_token(word, kind)));
            }
        }
        !out.is_empty()
    }

    /// The `ar_search` term of an Arabic word, or `None` when it is dropped (a stopword, or only
    /// clitics).
    fn search_form_of(&self, word: &str, clitics: &SplitClitics, stemmer: &LightStem) -> Option<Box<str>> {
        let split = clitics.split_for_search(word);
        let stem = &word[split.stem()];
        let mut form = self.normalizer.normalize_token(stem, TokenKind::Arabic).into_owned();
        match split.restore {
            Restore::Nothing => {}
            Restore::TehMarbuta => {
                form.pop();
                form.push('ه');
            }
            Restore::AlefAfterWaw => form.push('ا'),
            Restore::HamzaOnLine => {
                form.pop();
                form.push('ء');
            }
            Restore::AlefMaqsura => {
                form.pop();
                form.push('ي');
            }
        }
        let base = &word[split.base()];
        if form.is_empty() || is_stopword(&form) || self.is_stopword_word(base) || is_maqsura_stopword(base) {
            return None;
        }
        Some(stemmer.stem(&form).into())
    }

    fn is_stopword_word(&self, word: &str) -> bool {
        is_stopword(&self.search_form.normalize_token(word, TokenKind::Arabic))
    }
}

/// The kind of one `_`-separated part of a hashtag, as if it stood alone.
fn tag_part_kind(part: &str) -> TokenKind {
    if part.chars().any(crate::segment::words::is_arabic_letter) {
        TokenKind::Arabic
    } else if part.chars().all(crate::segment::words::is_digit) {
        TokenKind::Number
    } else {
        TokenKind::Latin
    }
}

/// Function words spelled with a final `ى`, checked as written because their search form is also
/// a name (`على` folds to `علي`, Ali).
fn is_maqsura_stopword(word: &str) -> bool {
    matches!(word, "على" | "إلى" | "الى" | "حتى" | "متى" | "لدى" | "سوى")
}

/// Lossless steps plus lowercase and digits: what `ar_exact` and `ar_snowball` start from.
fn exact_normalizer() -> &'static Normalizer {
    static EXACT: OnceLock<Normalizer> = OnceLock::new();
    EXACT.get_or_init(|| {
        Normalizer::display().with(&crate::normalize::FoldDigits).with(&crate::normalize::Lowercase)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(analyzer: &Analyzer, text: &str) -> Vec<String> {
        analyzer.tokens(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn search_conflates_clitic_forms() {
        let a = Analyzer::ar_search();
        let query = terms(a, "محادثات");
        assert_eq!(query.len(), 1);
        for form in ["المحادثات", "ومحادثاته", "محادثاتهما"] {
            assert_eq!(terms(a, form), query, "form {form}");
        }
        assert_eq!(terms(a, "والمفاوضات"), terms(a, "مفاوضات"));
        assert_eq!(terms(a, "على علي"), ["علي"]);
        assert_ne!(terms(a, "كيري"), terms(a, "يري"));
    }

    #[test]
    fn search_keeps_names_whole() {
        let a = Analyzer::ar_search();
        for (name, clipped) in [
            ("وليد", "ليد"),
            ("بغداد", "غداد"),
            ("البانيا", "بانيا"),
            ("لبنان", "بنان"),
            ("واشنطن", "اشنطن"),
            ("لافروف", "افروف"),
            ("كيري", "كير"),
            ("سيرغي", "يرغ"),
            ("سيرجي", "يرجى"),
            ("نودلهي", "نودله"),
        ] {
            let got = terms(a, name);
            assert_eq!(got.len(), 1, "name {name}");
            assert_ne!(got, terms(a, clipped), "name {name}");
            assert!(got[0].chars().count() >= name.chars().count() - 1, "name {name}: {got:?}");
        }
    }

    #[test]
    fn search_conflates_article_and_nisba_forms() {
        let a = Analyzer::ar_search();
        for (one, other) in [
            ("الأربعاء", "أربعاء"),
            ("الحوثي", "حوثي"),
            ("الحوثيين", "حوثي"),
            ("الإسباني", "إسبانية"),
            ("عربي", "العربية"),
        ] {
            assert_eq!(terms(a, one), terms(a, other), "{one} / {other}");
        }
    }

    #[test]
    fn hashtags_index_their_words() {
        let a = Analyzer::ar_search();
        assert_eq!(terms(a, "#سوريا"), terms(a, "سوريا"));
        let text = "قال #سوريا_الآن غدا";
        let tokens = a.tokens(text);
        let got: Vec<(&str, u32, &str)> =
            tokens.iter().map(|t| (t.text.as_str(), t.position, &text[t.start..t.end])).collect();
        let syria = terms(a, "سوريا").remove(0);
        let now = terms(a, "الآن").remove(0);
        assert_eq!(got[1], (syria.as_str(), 1, "#سوريا_الآن"));
        assert_eq!(got[2], (now.as_str(), 2, "#سوريا_الآن"));
        assert_eq!(got[3].1, 3);
        assert_eq!(terms(Analyzer::ar_exact(), "#سوريا"), ["#سوريا"]);
    }

    #[test]
    fn offsets_positions_and_stopwords() {
        let text = "قال كيري إن المحادثات، في جنيف، مثمرة.";
        let tokens = Analyzer::ar_search().tokens(text);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(words, ["قال", "كيري", "المحادثات", "جنيف", "مثمرة"]);
        let positions: Vec<u32> = tokens.iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 1, 3, 5, 6]);
    }

    #[test]
    fn exact_keeps_spelling() {
        assert_eq!(terms(Analyzer::ar_exact(), "أحمـد Kerry ١٢"), ["أحمد", "kerry", "12"]);
    }

    #[test]
    fn every_name_resolves() {
        for name in ANALYZER_NAMES {
            assert_eq!(Analyzer::by_name(name).map(|a| a.name()), Some(name));
        }
        assert!(Analyzer::by_name("nope").is_none());
    }
}
