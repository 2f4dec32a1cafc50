//! Names the tagger misses but a phrase gives away, and role phrases that stand for a person
//! named earlier: `وزارة الخارجية الروسية` (an organisation head and what defines it), `الجيش
//! السوري` (the army of a nation), `روسيا اليوم` (a name on a short list), `حي الوعر` (a place noun
//! and the place), and `الوزير الأمريكي` after `وزير الخارجية الأمريكي، جون كيري` (Kerry again).
//!
//! Entry points: [`phrase_mentions`] (run before linking, on the words of each sentence) and
//! [`role_mentions`] (run after linking, on the spans). Called by `find_entities_with`. Uses the
//! gazetteer; reads no files. Each rule is narrow on purpose: the tests in `mod.rs` and the
//! layer score on the ANERcorp test (`eval_layer_conll_with`) check that they add more names
//! than errors.

use std::ops::Range;
use std::sync::LazyLock;

use marsad_article::Span;
use marsad_gazetteer::{Gazetteer, PlaceKind};

use marsad_text::lexicon::Lexicon;
use marsad_text::normalize::Normalizer;

use super::features::{definite_code, MOSTLY_BARE};
use super::{entity_key, EntityType, ROLE_HEADS};

/// One token of a sentence as the rules see it.
#[derive(Debug, Clone)]
pub(super) struct Word {
    /// Bytes in the text, proclitics (`و`, `ب`, `ل`, `ف`, `ك`) left out.
    pub range: Range<usize>,
    /// The word as written, proclitics left out.
    pub text: String,
    /// [`entity_key`] of `text`; empty for punctuation.
    pub key: String,
    /// An Arabic word (not Latin, a number or punctuation).
    pub arabic: bool,
    /// True when a proclitic was left out (`والأمريكي`): such a word opens a new phrase.
    pub proclitic: bool,
}

impl Word {
    fn is_arabic(&self) -> bool {
        self.arabic && !self.key.is_empty()
    }

    /// Written with the article: `الخارجية`, not `خارجية`.
    fn definite(&self) -> bool {
        self.text.starts_with("ال") && self.text.chars().count() > 3
    }
}

/// Organisation heads in construct state: the definite words after them name the organisation
/// (`وزارة الخارجية`, `جامعة الدول العربية`, `حزب الله`). Keys ([`entity_key`]).
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
    "معهد",
    "نادي",
    "محكمه",
    "مصرف",
    "مفوضيه",
    "صندوق",
];

/// Definite heads that name an organisation with a nationality adjective (`الجيش السوري`,
/// `الحكومة الروسية`), and whether the head is feminine: the adjective must agree, which tells
/// `وزير الخارجية الروسي` (the adjective is the minister's) from `الخارجية الروسية`.
const NATIONAL_HEADS: &[(&str, bool)] =
    &[("جيش", false), ("برلمان", false), ("حكومة", true), ("شرطة", true), ("خارجية", true)];

/// The keys ([`entity_key`]) of a list of words, computed once per list.
fn keys_of(list: &'static [&'static str]) -> Vec<String> {
    list.iter().map(|w| entity_key(w)).collect()
}

static ORGANISATION_HEAD_KEYS: LazyLock<Vec<String>> = LazyLock::new(|| keys_of(ORGANISATION_HEADS));
static NATIONAL_HEAD_KEYS: LazyLock<Vec<(String, bool)>> =
    LazyLock::new(|| NATIONAL_HEADS.iter().map(|(w, feminine)| (entity_key(w), *feminine)).collect());
static PLACE_NOUN_KEYS: LazyLock<Vec<String>> = LazyLock::new(|| keys_of(PLACE_NOUNS));
static ROLE_HEAD_KEYS: LazyLock<Vec<String>> = LazyLock::new(|| keys_of(ROLE_HEADS));

/// Definite words that end an organisation's name rather than continue it: relative pronouns,
/// demonstratives and time words (`مجلس الأمن الذي`, `وزارة الدفاع اليوم`). As written.
const NOT_IN_A_NAME: &[&str] = &[
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللتان",
    "اللذان",
    "اللاتي",
    "اللواتي",
    "الآن",
    "اليوم",
    "الأمس",
    "الأسبوع",
    "الشهر",
    "العام",
    "السنة",
    "الماضي",
    "الماضية",
    "المقبل",
    "المقبلة",
    "الحالي",
    "الحالية",
    "الجاري",
    "الجارية",
    "الأول",
    "الأولى",
    "الثاني",
    "الثانية",
    "الأخير",
    "الأخيرة",
    "نفسه",
    "نفسها",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
];

/// Names of organisations that the words alone do not give away (a place and a common word:
/// `روسيا اليوم`), as facts, matched by key. Only names of two words or more, or of one word
/// that means nothing else.
const KNOWN_ORGANISATIONS: &[&str] = &[
    "روسيا اليوم",
    "بي بي سي",
    "سكاي نيوز",
    "فرانس 24",
    "دويتشه فيله",
    "صوت أمريكا",
    "الأمم المتحدة",
    "مجلس الأمن",
    "الاتحاد الأوروبي",
    "الاتحاد الأفريقي",
    "حلف شمال الأطلسي",
    "الناتو",
    "جامعة الدول العربية",
    "الجامعة العربية",
    "الصليب الأحمر",
    "الهلال الأحمر",
    "البنك الدولي",
    "صندوق النقد الدولي",
    "منظمة الصحة العالمية",
    "اليونسكو",
    "اليونيسف",
    "الإنتربول",
    "البنتاغون",
    "البنتاجون",
    "الكرملين",
    "البيت الأبيض",
    "داعش",
];

/// Nouns after which one word is a place (`حي الوعر`, `مدينة حمص`, `ريف دمشق`).
const PLACE_NOUNS: &[&str] =
    &["حي", "مدينة", "بلدة", "قرية", "محافظة", "ريف", "مخيم", "ولاية", "إقليم", "عاصمة", "ضاحية"];

/// The most words a phrase rule reads after its head.
const MOST_WORDS_AFTER_HEAD: usize = 3;

/// A name found by a phrase rule: its type and bytes.
pub(super) type Found = (EntityType, Range<usize>);

/// The names the phrase rules find in one sentence (see the module doc). The caller keeps those
/// that do not cross a mention the tagger found.
pub(super) fn phrase_mentions(words: &[Word]) -> Vec<Found> {
    let mut found = Vec::new();
    let known = known_organisations(words);
    let mut i = 0;
    while i < words.len() {
        if let Some(name) = known.iter().find(|name| name.start == i) {
            found.push((EntityType::Org, words[i].range.start..words[name.end - 1].range.end));
            i = name.end;
            continue;
        }
        if let Some(end) = organisation_phrase(words, i) {
            found.push((EntityType::Org, words[i].range.start..words[end - 1].range.end));
            i = end;
            continue;
        }
        if let Some(place) = place_after_noun(words, i) {
            found.push((EntityType::Loc, words[place].range.clone()));
        }
        i += 1;
    }
    found
}

/// `وزارة الخارجية الروسية` or `الجيش السوري` starting at `i`: one past its last word.
fn organisation_phrase(words: &[Word], i: usize) -> Option<usize> {
    let head = &words[i];
    let national = NATIONAL_HEAD_KEYS.iter().find(|(key, _)| head.definite() && *key == head.key);
    if national.is_none() && (head.definite() || !ORGANISATION_HEAD_KEYS.contains(&head.key)) {
        return None;
    }
    // `وزيرة الخارجية الأمريكية`: the phrase belongs to a role, not to an organisation.
    if i > 0 && is_role_head(&words[i - 1]) {
        return None;
    }
    let mut end = i + 1;
    while end < words.len() && end - i <= MOST_WORDS_AFTER_HEAD {
        let w = &words[end];
        if !w.is_arabic() || w.proclitic || !w.definite() || NOT_IN_A_NAME.contains(&w.text.as_str()) {
            break;
        }
        end += 1;
    }
    if end == i + 1 {
        return None;
    }
    // A national head needs its nationality adjective (`السوري`, `الروسية`) right after it, and
    // only that.
    if let Some(&(_, feminine)) = national {
        if !is_nisba(&words[i + 1], feminine) {
            return None;
        }
        end = i + 2;
    }
    Some(end)
}

/// A nationality or relation adjective by its ending as written, of the gender asked: `السوري`,
/// `الروسية`.
fn is_nisba(word: &Word, feminine: bool) -> bool {
    let text = word.text.as_str();
    text.chars().count() >= 5
        && if feminine { text.ends_with("ية") || text.ends_with("يه") } else { text.ends_with('ي') }
}

/// A word that opens a role phrase (`وزير`, `الوزيرة`, `وزيري`), see [`ROLE_HEADS`].
fn is_role_head(word: &Word) -> bool {
    let key = word.key.as_str();
    let singular = key.strip_suffix('ي').or_else(|| key.strip_suffix('ا')).unwrap_or(key);
    word.is_arabic() && ROLE_HEAD_KEYS.iter().any(|role| role == key || role == singular)
}

/// The place named right after a place noun at `i` (`حي الوعر`): the next word, when it is
/// definite or a place the gazetteer knows (`مدينة حمص`, not `مدينة كبيرة`).
fn place_after_noun(words: &[Word], i: usize) -> Option<usize> {
    let noun = &words[i];
    if noun.definite() || !PLACE_NOUN_KEYS.contains(&noun.key) {
        return None;
    }
    let next = words.get(i + 1)?;
    if !next.is_arabic() || next.proclitic || NOT_IN_A_NAME.contains(&next.text.as_str()) {
        return None;
    }
    (next.definite() || Gazetteer::get().place(&next.text).is_some()).then_some(i + 1)
}

/// Occurrences of [`KNOWN_ORGANISATIONS`] as ranges of word indices, the longest at each word.
fn known_organisations(words: &[Word]) -> Vec<Range<usize>> {
    static KEYS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
        let mut keys: Vec<Vec<String>> = KNOWN_ORGANISATIONS
            .iter()
            .map(|name| name.split(' ').map(entity_key).collect::<Vec<_>>())
            .collect();
        keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        keys
    });
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let hit = KEYS.iter().find(|name| {
            words.get(i..i + name.len()).is_some_and(|span| {
                span.iter()
                    .zip(name.iter())
                    .enumerate()
                    .all(|(n, (w, k))| (n == 0 || !w.proclitic) && w.key == *k)
            })
        });
        match hit {
            Some(name) => {
                found.push(i..i + name.len());
                i += name.len();
            }
            None => i += 1,
        }
    }
    found
}

/// A one-word place the gazetteer knows well (a country, or a city of 100,000 people or more)
/// that the tagger left untagged: `حمص`. The gazetteer also holds common words (`دولة`, `مدينة`,
/// `الجديدة` are towns somewhere), so the word must be written without `ال`, spelled exactly as
/// the gazetteer has it, and be a word the news lexicon sees mostly bare, as names are.
pub(super) fn known_place(word: &Word) -> bool {
    if !word.is_arabic() || word.definite() || word.key.chars().count() < 3 {
        return false;
    }
    let form = Normalizer::shared_search().normalize(&word.text);
    if definite_code(Lexicon::builtin(), &form) != MOSTLY_BARE {
        return false;
    }
    Gazetteer::get().place(&word.text).is_some_and(|place| {
        place.kind == PlaceKind::Country || place.population.is_some_and(|n| n >= 100_000)
    })
}

/// Role phrases that stand alone for a person named earlier in the article: after
/// `وزير الخارجية الأمريكي، جون كيري`, the phrases `وزير الخارجية الأمريكي` and `الوزير الأمريكي`
/// (same head, words all in the role) are Kerry. Each becomes a `PER` span with the person's
/// attributes and `mention` = `role`. `spans` are the linked spans, in text order; phrases
/// overlapping one of them are skipped.
pub(super) fn role_mentions(sentences: &[Vec<Word>], spans: &[Span]) -> Vec<Span> {
    let people: Vec<(&Span, Vec<String>)> = spans
        .iter()
        .filter(|s| s.label == EntityType::Per.label())
        .filter_map(|s| {
            let role = s.attrs.get("role")?.as_str()?;
            Some((s, entity_key(role).split(' ').map(str::to_string).collect()))
        })
        .collect();
    if people.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for words in sentences {
        let mut i = 0;
        while i < words.len() {
            let Some(end) = role_phrase(words, i) else {
                i += 1;
                continue;
            };
            let range = words[i].range.start..words[end - 1].range.end;
            let phrase: Vec<&str> = words[i..end].iter().map(|w| w.key.as_str()).collect();
            let free = !spans.iter().any(|s| s.start < range.end && range.start < s.end);
            // `وزير الخارجية الروسي سيرغي لافروف`: a phrase right before a name is that name's
            // `role` attribute already, not a mention of its own.
            let after = words[end..].iter().find(|w| !matches!(w.text.as_str(), "،" | ","));
            let apposition = after.is_some_and(|w| {
                spans.iter().any(|s| s.start == w.range.start && s.label == EntityType::Per.label())
            });
            // The person named last before the phrase whose role has the same head and holds
            // every word of the phrase.
            let person =
                people.iter().rev().filter(|(s, _)| s.end <= range.start).find(|(_, role)| {
                    role[0] == phrase[0] && phrase.iter().all(|w| role.iter().any(|r| r == w))
                });
            match person {
                Some((span, _)) if free && !apposition => {
                    let mut mention = Span::new(range, span.label.as_str());
                    mention.attrs = span.attrs.clone();
                    out.push(mention.with_attr("mention", "role"));
                    i = end;
                }
                _ => i += 1,
            }
        }
    }
    out
}

/// A role phrase at `i`: a [`ROLE_HEADS`] word with or without the article, then up to three
/// definite words (`الوزير الأمريكي`, `وزير الخارجية الروسي`); one past its last word.
fn role_phrase(words: &[Word], i: usize) -> Option<usize> {
    let head = &words[i];
    if !head.is_arabic() || !ROLE_HEAD_KEYS.contains(&head.key) {
        return None;
    }
    let mut end = i + 1;
    while end < words.len() && end - i <= MOST_WORDS_AFTER_HEAD {
        let w = &words[end];
        if !w.is_arabic() || w.proclitic || !w.definite() || NOT_IN_A_NAME.contains(&w.text.as_str()) {
            break;
        }
        end += 1;
    }
    (end > i + 1).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::segment::words;

    /// The words of a one-sentence text, as `find_entities_with` builds them.
    fn sentence(text: &str) -> Vec<Word> {
        let tokens: Vec<_> = words(text).collect();
        let mut analysed = std::collections::HashMap::new();
        tokens.iter().map(|t| super::super::phrase_word(text, 0, t, &mut analysed)).collect()
    }

    #[test]
    fn phrases_give_away_organisations_and_places() {
        use EntityType::*;
        let table: &[(&str, &[(&str, EntityType)])] = &[
            ("أعلنت وزارة الخارجية الروسية أمس", &[("وزارة الخارجية الروسية", Org)]),
            ("وقال وزير الخارجية الروسي إن", &[]),
            ("وصرحت وزيرة الخارجية الأمريكية بأن", &[]),
            ("وعلى أثرها رد الجيش السوري بقصف", &[("الجيش السوري", Org)]),
            ("ودعت الحكومة اللبنانية إلى", &[("الحكومة اللبنانية", Org)]),
            ("وقرر مجلس الأمن الدولي الذي اجتمع", &[("مجلس الأمن", Org)]),
            ("وقررت لجنة الانتخابات المركزية الذي", &[("لجنة الانتخابات المركزية", Org)]),
            ("وقال حزب الله اليوم", &[("حزب الله", Org)]),
            ("وأشارت مراسلة روسيا اليوم إلى", &[("روسيا اليوم", Org)]),
            ("دخل حي الوعر في هدنة", &[("الوعر", Loc)]),
            ("في مدينة حمص أمس", &[("حمص", Loc)]),
            ("في مدينة كبيرة", &[]),
            ("وقالت الشركة إن", &[]),
        ];
        for (text, expected) in table {
            let found: Vec<(&str, EntityType)> =
                phrase_mentions(&sentence(text)).into_iter().map(|(kind, r)| (&text[r], kind)).collect();
            assert_eq!(found, *expected, "{text}");
        }
    }

    #[test]
    fn known_places_must_look_like_names() {
        let table = [("حمص", true), ("موسكو", true), ("دولة", false), ("الجديدة", false), ("مدينة", false)];
        for (word, expected) in table {
            assert_eq!(sentence(word).iter().any(known_place), expected, "{word}");
        }
    }

    #[test]
    fn role_phrases_need_a_person_named_before_with_that_role() {
        let text = "قال الوزير الفرنسي إن الوفد وصل. التقى وزير الخارجية الفرنسي جان مارك إيرولت نظيره. \
                    وقال الوزير الفرنسي إن المحادثات مفيدة. وأضاف وزير الخارجية الفرنسي أن الاتفاق قريب. \
                    وقال الوزير المصري إن";
        let spans = crate::entities::find_entities(text, &marsad_text::sentences(text), &[]);
        let attr = |s: &Span, k: &str| s.attr_str(k).unwrap_or("").to_string();
        let person =
            spans.iter().find(|s| text[s.start..s.end].ends_with("إيرولت")).expect("Ayrault is found");
        let roles: Vec<(usize, &str, String)> = spans
            .iter()
            .filter(|s| attr(s, "mention") == "role")
            .map(|s| (s.start, &text[s.start..s.end], attr(s, "entity")))
            .collect();
        let second = text.match_indices("الوزير الفرنسي").nth(1).map(|(at, _)| at);
        let last = text.rfind("وزير الخارجية الفرنسي");
        let id = attr(person, "entity");
        assert_eq!(
            roles,
            [
                (second.unwrap_or(0), "الوزير الفرنسي", id.clone()),
                (last.unwrap_or(0), "وزير الخارجية الفرنسي", id),
            ]
        );
        let role_span = spans.iter().find(|s| attr(s, "mention") == "role").expect("a role mention");
        assert_eq!(
            (role_span.label.as_str(), attr(role_span, "canonical")),
            ("PER", attr(person, "canonical"))
        );
    }
}
