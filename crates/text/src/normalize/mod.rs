//! Normalisation steps: one character fold per file, composed into a [`Normalizer`].
//!
//! Each step maps one code point to itself, to nothing, to another code point or to a short string
//! ([`Fold`]), says whether it is lossless (spelling and meaning kept) and which token kinds it
//! applies to, so a Latin or digit token never pays for Arabic folds. Entry point: [`Normalizer`],
//! with the ready-made sets [`Normalizer::search`], [`Normalizer::display`] and [`Normalizer::lucene`].
//! Uses nothing outside this crate; no allocation per character: a token is folded into one output
//! `String` and left untouched (borrowed) when no step changes it.

mod alef;
mod alef_maqsura;
mod digits;
pub(crate) mod harakat;
pub(crate) mod invisible;
mod lowercase;
mod presentation;
mod tatweel;
mod teh_marbuta;

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::TokenKind;

pub use alef::FoldAlef;
pub use alef_maqsura::FoldAlefMaqsura;
pub use digits::FoldDigits;
pub use harakat::{StripHarakat, StripHarakatLucene};
pub use invisible::StripInvisible;
pub use lowercase::Lowercase;
pub use presentation::UnfoldPresentationForms;
pub use tatweel::StripTatweel;
pub use teh_marbuta::FoldTehMarbuta;

/// What a step does with one code point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// The code point is not this step's business.
    Keep,
    /// Remove the code point.
    Drop,
    /// Replace it with another code point.
    To(char),
    /// Replace it with several code points (ligatures such as `ﻻ` → `لا`).
    ToStr(&'static str),
}

/// One normalisation step. Implemented by the unit structs of this module; each one's doc comment
/// is its from/to table.
pub trait Step: Sync + Send {
    /// The step's name, as in the doc tables (`FoldAlef`, ...).
    fn name(&self) -> &'static str;
    /// True when the step keeps spelling and meaning (a reader sees the same word).
    fn lossless(&self) -> bool;
    /// True when tokens of this kind can contain code points the step changes.
    fn applies_to(&self, kind: TokenKind) -> bool;
    /// The fold of one code point.
    fn fold(&self, c: char) -> Fold;
}

/// An ordered list of steps applied in one pass over a token's characters.
///
/// The steps are compiled on first use into a table over the Basic Multilingual Plane (one per
/// token kind used, since [`Step::applies_to`] varies by kind), so folding a character is one
/// array read whatever the number of steps; characters beyond the BMP run the steps directly.
pub struct Normalizer {
    steps: Vec<&'static dyn Step>,
    /// Index 0: every step; index 1 + kind: the steps that apply to that kind.
    tables: [OnceLock<Table>; 9],
}

impl std::fmt::Debug for Normalizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.steps.iter().map(|s| s.name())).finish()
    }
}

/// Arabic script code points: letters, marks, digits, punctuation and the presentation-form blocks.
pub(crate) fn is_arabic_block(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

const KINDS: [TokenKind; 8] = [
    TokenKind::Arabic,
    TokenKind::Latin,
    TokenKind::Other,
    TokenKind::Number,
    TokenKind::Url,
    TokenKind::Hashtag,
    TokenKind::Mention,
    TokenKind::Punct,
];

/// Entry value for a dropped code point.
const DROP: u32 = u32::MAX;
/// Entry flag for a code point that becomes several: the rest holds `offset << 8 | byte length`
/// into the table's pool.
const MANY: u32 = 1 << 31;

/// The folds of every BMP code point under a fixed list of steps.
struct Table {
    steps: Vec<&'static dyn Step>,
    /// Per code point: the folded code point, [`DROP`], or [`MANY`] with a pool slice.
    entries: Box<[u32]>,
    pool: String,
}

impl Table {
    fn build(steps: Vec<&'static dyn Step>) -> Table {
        let mut entries = vec![0u32; 0x1_0000].into_boxed_slice();
        let mut pool = String::new();
        let mut folded = String::new();
        for (code, entry) in entries.iter_mut().enumerate() {
            let Some(c) = char::from_u32(code as u32) else {
                *entry = code as u32;
                continue;
            };
            folded.clear();
            fold_with(&steps, c, &mut |d| folded.push(d));
            let mut chars = folded.chars();
            *entry = match (chars.next(), chars.next()) {
                (None, _) => DROP,
                (Some(d), None) => d as u32,
                (Some(_), Some(_)) => {
                    let offset = pool.len() as u32;
                    pool.push_str(&folded);
                    MANY | offset << 8 | folded.len() as u32
                }
            };
        }
        Table { steps, entries, pool }
    }

    /// True when `c` folds to itself.
    fn keeps(&self, c: char) -> bool {
        match self.entries.get(c as usize) {
            Some(&entry) => entry == c as u32,
            None => self.steps.iter().all(|s| s.fold(c) == Fold::Keep),
        }
    }

    fn fold(&self, c: char, f: &mut impl FnMut(char)) {
        match self.entries.get(c as usize) {
            Some(&DROP) => {}
            Some(&entry) if entry & MANY != 0 => {
                let offset = ((entry & !MANY) >> 8) as usize;
                let len = (entry & 0xFF) as usize;
                self.pool.get(offset..offset + len).unwrap_or_default().chars().for_each(f);
            }
            Some(&entry) => f(char::from_u32(entry).unwrap_or(c)),
            None => fold_with(&self.steps, c, f),
        }
    }

    fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        // Until the first character that changes, the text is its own output.
        let Some((at, _)) = text.char_indices().find(|&(_, c)| !self.keeps(c)) else {
            return Cow::Borrowed(text);
        };
        let mut out = String::with_capacity(text.len());
        out.push_str(&text[..at]);
        for c in text[at..].chars() {
            self.fold(c, &mut |d| out.push(d));
        }
        Cow::Owned(out)
    }
}

impl Normalizer {
    /// A normaliser running `steps` in order.
    pub fn new(steps: Vec<&'static dyn Step>) -> Self {
        Normalizer { steps, tables: Default::default() }
    }

    /// The search form: every fold, lossy ones included (Latin lowercased, alef seats, ى, ة,
    /// harakat, tatweel, presentation forms, digits, invisible marks).
    pub fn search() -> Self {
        Normalizer::new(vec![
            &StripInvisible,
            &UnfoldPresentationForms,
            &StripTatweel,
            &StripHarakat,
            &FoldAlef,
            &FoldAlefMaqsura,
            &FoldTehMarbuta,
            &FoldDigits,
            &Lowercase,
        ])
    }

    /// The search-form normaliser shared by the whole process, so its tables are built once.
    pub fn shared_search() -> &'static Normalizer {
        static SEARCH: OnceLock<Normalizer> = OnceLock::new();
        SEARCH.get_or_init(Normalizer::search)
    }

    /// The display-preserving form: lossless steps only (invisible marks, presentation forms,
    /// tatweel). Digits, letters and harakat stay as written.
    pub fn display() -> Self {
        Normalizer::new(vec![&StripInvisible, &UnfoldPresentationForms, &StripTatweel])
    }

    /// Lucene's `ArabicNormalizationFilter` plus its analyzer's lowercase and decimal-digit filters.
    pub fn lucene() -> Self {
        Normalizer::new(vec![
            &StripTatweel,
            &StripHarakatLucene,
            &FoldAlef,
            &FoldAlefMaqsura,
            &FoldTehMarbuta,
            &FoldDigits,
            &Lowercase,
        ])
    }

    /// The same normaliser without the step called `name` (e.g. keep ة by dropping `FoldTehMarbuta`).
    pub fn without(self, name: &str) -> Self {
        let mut steps = self.steps;
        steps.retain(|s| s.name() != name);
        Normalizer::new(steps)
    }

    /// The same normaliser with `step` appended.
    pub fn with(self, step: &'static dyn Step) -> Self {
        let mut steps = self.steps;
        steps.push(step);
        Normalizer::new(steps)
    }

    /// The names of the steps, in order.
    pub fn step_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.steps.iter().map(|s| s.name())
    }

    fn table(&self, kind: Option<TokenKind>) -> &Table {
        let index = kind.map_or(0, |k| 1 + KINDS.iter().position(|&x| x == k).unwrap_or(0));
        self.tables[index].get_or_init(|| {
            let steps = self.steps.iter().copied().filter(|s| kind.is_none_or(|k| s.applies_to(k))).collect();
            Table::build(steps)
        })
    }

    /// Normalises a whole text (every step, whatever the script).
    pub fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.table(None).normalize(text)
    }

    /// Normalises one token, running only the steps whose [`Step::applies_to`] accepts `kind`.
    pub fn normalize_token<'a>(&self, text: &'a str, kind: TokenKind) -> Cow<'a, str> {
        self.table(Some(kind)).normalize(text)
    }

    /// Appends the normalised form of `text` (all steps) to `out`.
    pub fn normalize_into(&self, text: &str, out: &mut String) {
        let table = self.table(None);
        for c in text.chars() {
            table.fold(c, &mut |d| out.push(d));
        }
    }

    /// Calls `f` with each code point `c` folds to (none, one or several), all steps.
    pub fn for_each_folded(&self, c: char, f: &mut impl FnMut(char)) {
        self.table(None).fold(c, f);
    }
}

/// Runs `c` through `steps` in order and hands each resulting code point to `f`.
fn fold_with(steps: &[&'static dyn Step], c: char, f: &mut impl FnMut(char)) {
    let Some((step, rest)) = steps.split_first() else {
        f(c);
        return;
    };
    match step.fold(c) {
        Fold::Keep => fold_with(rest, c, f),
        Fold::Drop => {}
        Fold::To(d) => fold_with(rest, d, f),
        Fold::ToStr(s) => s.chars().for_each(|d| fold_with(rest, d, f)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_form_table() {
        let cases = [
            ("أَحْمَدُ", "احمد"),
            ("إلى", "الي"),
            ("مدرسـة", "مدرسه"),
            ("ﻻ", "لا"),
            ("١٢٫٥", "12.5"),
            ("\u{200F}سوريا\u{200E}", "سوريا"),
            ("Kerry", "kerry"),
            ("", ""),
        ];
        let n = Normalizer::search();
        for (input, expected) in cases {
            assert_eq!(n.normalize(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn display_form_keeps_letters_and_digits() {
        let n = Normalizer::display();
        assert_eq!(n.normalize("أَحمـد ١٢"), "أَحمد ١٢");
    }

    #[test]
    fn unchanged_text_is_borrowed() {
        assert!(matches!(Normalizer::search().normalize("سوريا"), Cow::Borrowed(_)));
    }

    #[test]
    fn steps_can_be_switched_off() {
        let n = Normalizer::search().without("FoldTehMarbuta");
        assert_eq!(n.normalize("مدرسة"), "مدرسة");
    }

    #[test]
    fn non_bmp_and_multi_code_point_folds() {
        let n = Normalizer::search();
        assert_eq!(n.normalize("\u{1F600}\u{FDF2}A"), "\u{1F600}اللهa");
        let mut out = String::new();
        n.normalize_into("ﻷحمد", &mut out);
        assert_eq!(out, "لاحمد");
    }

    #[test]
    fn latin_token_skips_arabic_steps() {
        let n = Normalizer::search();
        assert_eq!(n.normalize_token("ABC", TokenKind::Latin), "abc");
        assert_eq!(n.normalize_token("أحمد", TokenKind::Latin), "أحمد");
    }
}
