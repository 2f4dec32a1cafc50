//! Events: who did what to whom, where and when, coded in PLOVER from the Arabic directly, e.g.
//! `أجرى لافروف وكيري محادثات في جنيف يوم الجمعة` → CONSULT, source Lavrov, target Kerry, place
//! Geneva, date of that Friday.
//!
//! Adds the `events` layer: one span per event over its trigger word or phrase, label = the PLOVER
//! type ([`PLOVER_TYPES`]: AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST,
//! ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT). Attributes:
//!
//! | attr | value |
//! |---|---|
//! | `event` | id in the article: `v1`, `v2`, … |
//! | `mode` | PLOVER mode when the trigger gives one (`airstrike`, `meet`, `ceasefire`, `sign`…) |
//! | `source`, `target` | the actors' text as written |
//! | `source_key`, `target_key` | an entity's corpus-wide `key` (`PER:جون_كيري`), or for an agent noun `AGENT:<code>` with the country of a following adjective (`الجيش السوري` → `AGENT:MIL:SY`) |
//! | `place`, `place_key` | a place entity of the sentence (one after `في`/`ب` first), else the dateline's first place |
//! | `date`, `date_from` | a `DATE`/`DATETIME` of the sentence (nearest the trigger; `date_from=times`), else the publication date (`published`) |
//! | `sentence` | index of the sentence in the `sentences` layer |
//! | `confidence` | 0–1, from the trigger's origin and whether a source was found |
//! | `lexicon` | `hand` (the team's table), `upd` (UniversalPetrarch, with `cameo` = its CAMEO code) or `rule` (protesters acting) |
//!
//! No ACTOR spans: actors are entities (linked by their `key`) or agent nouns named in the event.
//!
//! Entry point: [`find_events`], called by `extract::run` after entities and times. Uses
//! `marsad-article` and `marsad-text` (word and clitic segmentation, search folding). Reads no
//! files: the trigger and agent tables in `data/events/` are compiled in ([`lexicon`]).
//!
//! How it works, and why rules: Universal PETRARCH needed a dependency parse; here triggers are
//! matched on words ([`Lexicon::triggers_for`]) and actors are taken by position and preposition,
//! which suits the verb-subject-object order of news Arabic: the first actor after a verb without a
//! preposition is its source (not after a verb with a plural ending, which holds its subject:
//! `وطالبوا الهيئات`), the next one (bare or after `على` `ضد` `مع` `إلى` `ل` `ب` `بحق`) its target;
//! a definite noun right after a one-word verb that is no actor, with an object after it, is its
//! subject (`خطفت الجبهة طائرة`); with nothing after it, the nearest bare actor before it (`المتظاهرون اعتصموا`) is the
//! source; so is the actor right after `أن`/`إن` however far from its verb (reported speech), and
//! a reflexive bomber across a comma (`انتحاريا يقود سيارة، فجر نفسه`). A noun trigger takes the
//! actor after it (`غارات الطيران`) as source, the one after a verb of doing (`ضربة نفذها الجيش`,
//! `مسيرات نظمتها النقابات`; the plain noun there when no actor is) or between such a verb and the
//! noun (`قامت دبابة بقصف`); with a possessive pronoun (`كثف الطيران غاراته`) the actor before it.
//! Passives: the doer follows `على يد` `من قبل` `من جانب` `بنيران`; verbs read only as passives
//! (`أصيب` `اغتيل`) and `تعرض ل` take their actor as the victim (the owner named before when a
//! pronoun says whose convoy it was). A killing verb is read as passive, its actor the victim, when
//! an indefinite noun after it has no object after it (`قتل جنديان أميركيان وأصيب…`, but `قتل
//! مسلحون ثلاثة جنود`), or when its fronted subject is counted or has no object (`أن 11 مدنيا
//! قتلوا`); a bomb that went off (`انفجرت`) has no doer, only what it stood by. Victims joined by
//! `و` or commas or in a construct are one target (`11 مدنيا وأربعة من رجال الشرطة`, `عناصر الشرطة`). An
//! agent noun with a pronoun (`قواته`) stands for the actor named before it, and one without a
//! country takes the country of the same kind of agent named before it (`الجيش السوري … الطيران
//! الحربي` → `AGENT:MIL:SY`). A nationality after a word of attack is an actor, the attacker
//! (`غارات روسية`, `في الضربات الجوية الأميركية` → `AGENT:MIL:US`). Then rules of the event type:
//! a PROTEST's source is the people found as its subject or doer, else the protesters the
//! sentence names, else the activists or civilians nearest it; an ASSAULT without an armed source
//! takes whoever claimed it (`تبنت الحركة`), else the nearest armed agent (military, gunmen,
//! militants, unidentified) of its clause that is no victim, else the verb's noun subject, else
//! an armed agent of another clause; counted people (`سبعة أشخاص`, `ثلاثة من عناصر الشرطة`) are
//! never an attack's doer unless subject of a verb with an object. An ASSAULT without a target
//! takes the nearest counted noun (`مقتل سبعة أشخاص`, `مقتل شخص`), which a noun-named attack
//! prefers to any other target. Dictionary patterns count only when both actors are entities or
//! agent nouns, and never hide a trigger of the team's table inside them; no word inside a
//! person's or organisation's name, nor after `مكافحة`, is a trigger. With no entity or agent noun
//! at hand, the plain noun after a verb (or after `ضد` for a protest) stands in, without a key.
//! Protesters doing anything (`أحرق المتظاهرون`) make a PROTEST of low confidence when no protest
//! word is in the sentence. A sentence keeps at most
//! [`MAX_ACTORS`] actors, what every trigger shares is found once per sentence, and each trigger
//! looks at a fixed window, so time per sentence is linear in its length whatever the number of
//! names. Weak triggers (casualty and weapon nouns) count only when nothing stronger of their type
//! is in the sentence. Triggers that report no event (sport, negated or hypothetical verbs, natural
//! causes, figurative uses, names) are dropped (`non_events.rs`). Scores: [`eval`],
//! [`judgements`] and `docs/evaluation.md`.

pub mod eval;
pub mod judgements;
pub mod lexicon;
mod non_events;

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use marsad_article::Span;
use marsad_text::segment::{words, PieceKind, SplitClitics};
use marsad_text::TokenKind;

pub use eval::{eval_events, parse_gold, EventError, EventReport, GoldSentence};
pub use judgements::{coded_events, parse_judgements, score_judgements, CodedEvent, JudgedReport, Judgement};
pub use lexicon::{
    compile_dictionaries, plover_of_cameo, word_key, Compiled, Lexicon, Origin, Pos, Trigger, PLOVER_TYPES,
};

/// The most actors one sentence keeps (in text order); the rest are ignored.
pub const MAX_ACTORS: usize = 64;

/// How many words after a trigger its source and target are looked for.
const WINDOW_AFTER: usize = 10;
/// How many words before a trigger a fronted source is looked for.
const WINDOW_BEFORE: usize = 8;

/// Finds the events of an article. `sentences` are the ranges of the `sentences` layer,
/// `entities` and `times` the spans of those layers, `dateline_places` the `PLACE` ranges of the
/// `dateline` layer. Pure; never fails.
pub fn find_events(
    clean: &str,
    sentences: &[Range<usize>],
    entities: &[Span],
    times: &[Span],
    published: Option<DateTime<FixedOffset>>,
    dateline_places: &[Range<usize>],
) -> Vec<Span> {
    let lexicon = Lexicon::builtin();
    let dateline_place = dateline_places.first().and_then(|range| {
        let text = clean.get(range.clone())?;
        let key = entities
            .iter()
            .find(|e| e.start < range.end && range.start < e.end)
            .and_then(|e| e.attr_str("key"))
            .map(str::to_string)
            .unwrap_or_else(|| format!("LOC:{}", crate::entities::entity_key(text).replace(' ', "_")));
        Some((text.to_string(), key))
    });
    let published_date = published.map(|p| p.date_naive().to_string());
    let mut out = Vec::new();
    let all_words: Vec<Option<Vec<Word>>> = sentences
        .iter()
        .map(|sentence| Some(sentence_words(clean.get(sentence.clone())?, sentence.start)))
        .collect();
    let sport: Vec<bool> = all_words.iter().map(|w| w.as_deref().is_some_and(non_events::is_sport)).collect();
    // The events of a sports article are matches and transfers.
    if non_events::is_sport_article(&sport) {
        return Vec::new();
    }
    for ((index, sentence), words) in sentences.iter().enumerate().zip(all_words) {
        let Some(words) = words.filter(|_| !sport[index]) else { continue };
        let actors = sentence_actors(clean, &words, sentence, entities, lexicon);
        let names: Vec<Range<usize>> =
            actors.iter().filter(|a| a.is_name).map(|a| a.first..a.last + 1).collect();
        let mut triggers = sentence_triggers(&words, &names, lexicon);
        if let Some(found) = protester_rule(&words, &actors, &triggers) {
            triggers.push(found);
            triggers.sort_by_key(|f| f.first);
        }
        if triggers.is_empty() {
            continue;
        }
        // Looked for once per sentence, not once per trigger: time stays linear in its length.
        let facts = sentence_facts(&words, &actors, &triggers);
        for found in &triggers {
            let (mut source, mut target) = assign_actors(found, &facts);
            // The dictionary's patterns are machine-built and match idioms and nouns read as verbs
            // (`إحراز تقدم باتجاه` progress towards, `التي نجريها اليوم` which we hold today): they
            // count only when both actors are entities or agent nouns (on the hand-judged ANT
            // sample, every pattern event with one keyed actor or none was no event).
            let dictionary =
                matches!(found.trigger.origin, Origin::DictionaryPattern | Origin::DictionaryVerb);
            if dictionary
                && ![&source, &target].into_iter().all(|a| a.as_ref().is_some_and(|a| !a.key.is_empty()))
            {
                continue;
            }
            let trigger_text = clean.get(found.range.clone()).unwrap_or_default();
            if non_events::reports_no_event(
                trigger_text,
                found,
                &triggers,
                &words,
                source.as_ref(),
                target.as_ref(),
            ) {
                continue;
            }
            // Nor when the pattern's object is an actor right after the verb: there it is the
            // verb's subject (`قال الجيش` the army said), not the object the pattern wants.
            let object_is_subject =
                found.last == found.first + 1 && actors.iter().any(|a| a.first == found.last);
            if found.trigger.origin == Origin::DictionaryPattern && object_is_subject {
                continue;
            }
            let mut span = Span::new(found.range.clone(), found.trigger.plover)
                .with_attr("event", format!("v{}", out.len() + 1))
                .with_attr("sentence", index.to_string());
            if !found.trigger.mode.is_empty() {
                span = span.with_attr("mode", found.trigger.mode.clone());
            }
            for actor in [&mut source, &mut target].into_iter().flatten().filter(|a| a.text.is_empty()) {
                actor.text = clean.get(actor.range.clone()).unwrap_or_default().to_string();
            }
            for (role, actor) in [("source", &source), ("target", &target)] {
                if let Some(actor) = actor {
                    span = span.with_attr(role, actor.text.clone());
                    if !actor.key.is_empty() {
                        span = span.with_attr(&format!("{role}_key"), actor.key.clone());
                    }
                }
            }
            let used: Vec<&Range<usize>> =
                [&source, &target].into_iter().flatten().map(|a| &a.range).collect();
            let place = actors
                .iter()
                .filter(|a| a.is_place && !used.contains(&&a.range))
                .min_by_key(|a| (!a.after_place_preposition, distance(&a.range, &found.range)))
                .map(|a| (a.text.clone(), a.key.clone()))
                .or_else(|| dateline_place.clone());
            if let Some((place, key)) = place {
                span = span.with_attr("place", place).with_attr("place_key", key);
            }
            let date = times
                .iter()
                .filter(|t| t.start >= sentence.start && t.end <= sentence.end)
                .filter(|t| t.label == "DATE" || t.label == "DATETIME")
                .filter_map(|t| Some((t, t.attr_str("value")?)))
                .min_by_key(|(t, _)| distance(&t.range(), &found.range))
                .map(|(_, value)| (value.split('T').next().unwrap_or(value).to_string(), "times"))
                .or_else(|| published_date.clone().map(|d| (d, "published")));
            if let Some((date, from)) = date {
                span = span.with_attr("date", date).with_attr("date_from", from);
            }
            let base = match (found.trigger.origin, found.trigger.pos) {
                (Origin::Hand, Pos::Weak) => 0.5,
                (Origin::Hand, _) => 0.7,
                (Origin::DictionaryPattern, _) => 0.5,
                (Origin::DictionaryVerb | Origin::Rule, _) => 0.4,
            };
            let confidence: f64 =
                base + if source.as_ref().is_some_and(|s| !s.key.is_empty()) { 0.15 } else { 0.0 };
            span = span.with_attr("confidence", format!("{:.2}", confidence.min(0.95)));
            span = match found.trigger.origin {
                Origin::Hand => span.with_attr("lexicon", "hand"),
                Origin::Rule => span.with_attr("lexicon", "rule"),
                _ => span.with_attr("lexicon", "upd").with_attr("cameo", found.trigger.cameo.clone()),
            };
            out.push(span);
        }
    }
    out
}

/// Bytes between two ranges (0 when they touch or overlap).
fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// One token of a sentence, with what the matchers need.
#[derive(Debug)]
struct Word {
    /// Byte range in the cleaned text.
    range: Range<usize>,
    /// [`word_key`] for Arabic words, empty for the rest.
    key: String,
    /// The word carried the article `ال`.
    has_article: bool,
    /// The word's proclitic preposition (`ب` `ل` `ك`), if any.
    particle: Option<char>,
    /// The word carries an attached pronoun (`قواته` its forces).
    has_pronoun: bool,
    /// The word starts with the conjunction `و` or `ف` (`وأربعة`, `وقتل`).
    has_conjunction: bool,
    /// A comma, full stop, colon or semicolon: the end of a clause (a dash or quote is not).
    is_break: bool,
    /// A comma (`،` or `,`), which may also go on a list.
    is_comma: bool,
    /// Digits or a number word (`ثلاثة`, `عشرات`, `آلاف`): what comes after is counted, as victims are.
    is_number: bool,
    /// Written with the damma of a passive perfect (`اعتُقل`, `اتُهمت`, `قُتل`); not an imperfect,
    /// whose prefix takes a damma in active forms too (`يُهاجم`).
    marked_passive: bool,
}

/// Search-form beginnings of number words (cardinals and `عشرات` `مئات` `آلاف` `عدد`).
const NUMBER_WORDS: [&str; 16] = [
    "اثن",
    "ثلاث",
    "اربع",
    "خمس",
    "ست",
    "سبع",
    "ثماني",
    "تسع",
    "عشر",
    "مئ",
    "مائ",
    "الف",
    "الاف",
    "عدد",
    "بضع",
    "نحو",
];

fn sentence_words(text: &str, offset: usize) -> Vec<Word> {
    let splitter = SplitClitics::builtin();
    words(text)
        .map(|token| {
            let range = offset + token.start..offset + token.end;
            if token.kind != TokenKind::Arabic {
                let is_break =
                    token.kind == TokenKind::Punct && ".,،;؛:!?؟".contains(&text[token.start..token.end]);
                let is_comma =
                    token.kind == TokenKind::Punct && ["،", ","].contains(&&text[token.start..token.end]);
                let is_number = token.kind == TokenKind::Number;
                return Word {
                    range,
                    key: String::new(),
                    has_article: false,
                    particle: None,
                    has_pronoun: false,
                    has_conjunction: false,
                    is_break,
                    is_comma,
                    is_number,
                    marked_passive: false,
                };
            }
            let word = &text[token.start..token.end];
            let split = splitter.split_for_search(word);
            let mut has_article = false;
            let mut particle = None;
            let mut has_pronoun = false;
            let mut has_conjunction = false;
            for piece in split.pieces() {
                match piece.kind {
                    PieceKind::Conjunction => has_conjunction = true,
                    PieceKind::Article => has_article = true,
                    PieceKind::Particle => particle = word[piece.range].chars().next(),
                    PieceKind::Pronoun => has_pronoun = true,
                    _ => {}
                }
            }
            let key = lexicon::key_of_split(word, &split);
            let is_number = NUMBER_WORDS.iter().any(|n| key.starts_with(n));
            let marked_passive = !has_article
                && word.contains('\u{064F}')
                && word[split.stem()].chars().next().is_some_and(|c| !['ي', 'ت', 'ن'].contains(&c));
            Word {
                range,
                key,
                has_article,
                particle,
                has_pronoun,
                has_conjunction,
                is_break: false,
                is_comma: false,
                is_number,
                marked_passive,
            }
        })
        .collect()
}

/// A trigger found in a sentence.
#[derive(Debug)]
struct Found<'a> {
    trigger: &'a Trigger,
    /// Byte range of the trigger's words.
    range: Range<usize>,
    /// Index of its first and last word in the sentence's words.
    first: usize,
    last: usize,
}

impl Found<'_> {
    /// A verb-or-noun trigger is read as a verb where it carries no article (`قصفت` not `القصف`).
    fn reads_as_verb(&self, words: &[Word]) -> bool {
        self.trigger.pos == Pos::Verb || (self.trigger.pos == Pos::Either && !words[self.first].has_article)
    }
}

/// Matches every trigger, keeps the best per starting word (longest phrase, then the team's table
/// over the dictionary's), drops weak triggers outdone by a stronger one of their type and
/// triggers of one type that repeat within two words. Words inside a name (`names`: word index
/// ranges of person and organisation entities) are no triggers: `حركة طالبان` demands nothing.
fn sentence_triggers<'a>(words: &[Word], names: &[Range<usize>], lexicon: &'a Lexicon) -> Vec<Found<'a>> {
    let mut found: Vec<Found<'a>> = Vec::new();
    let mut covered_until = 0;
    for (i, word) in words.iter().enumerate() {
        if word.key.is_empty() || i < covered_until || names.iter().any(|n| n.contains(&i)) {
            continue;
        }
        // Nor is a word after `مكافحة` (fighting against): `قوات مكافحة الشغب` are riot police.
        if is_time_of_day(words, i) || i > 0 && words[i - 1].key.ends_with("مكافحه") {
            continue;
        }
        let mut best: Option<(usize, usize, &Trigger)> = None;
        for trigger in lexicon.triggers_for(&word.key, word.has_article) {
            // Dictionary patterns are looser (lemmatised, machine-built): their object must follow
            // at once, or after one word.
            let gap = if trigger.origin == Origin::Hand { lexicon::PHRASE_GAP } else { 1 };
            let Some(last) = match_phrase(words, i, &trigger.keys[1..], gap) else { continue };
            // The team's table first (the dictionary's patterns are noisier), then the longer phrase.
            let rank = |t: &Trigger| match t.origin {
                Origin::Hand | Origin::Rule => 2,
                Origin::DictionaryPattern => 1,
                Origin::DictionaryVerb => 0,
            };
            let better = match best {
                None => true,
                Some((_, len, b)) => (rank(trigger), trigger.keys.len()) > (rank(b), len),
            };
            if better {
                best = Some((last, trigger.keys.len(), trigger));
            }
        }
        if let Some((last, _, trigger)) = best {
            // A pattern must not hide a trigger of the team's table inside it: `تعرضت للهجوم` is an
            // attack, not the pattern's ACCUSE.
            let hides_hand_trigger = || {
                (i + 1..=last).any(|j| {
                    !words[j].key.is_empty()
                        && lexicon
                            .triggers_for(&words[j].key, words[j].has_article)
                            .iter()
                            .any(|t| t.origin == Origin::Hand)
                })
            };
            if trigger.origin == Origin::DictionaryPattern && hides_hand_trigger() {
                continue;
            }
            found.push(Found { trigger, range: word.range.start..words[last].range.end, first: i, last });
            covered_until = last + 1;
        }
    }
    let strong: Vec<&str> =
        found.iter().filter(|f| f.trigger.pos != Pos::Weak).map(|f| f.trigger.plover).collect();
    found.retain(|f| f.trigger.pos != Pos::Weak || !strong.contains(&f.trigger.plover));
    let mut kept: Vec<Found<'a>> = Vec::with_capacity(found.len());
    for f in found {
        let repeat =
            kept.last().is_some_and(|k| k.trigger.plover == f.trigger.plover && f.first <= k.last + 2);
        if !repeat {
            kept.push(f);
        }
    }
    kept
}

/// Protesters doing something are protesting (`أحرق المتظاهرون سيارات`, `ومنع المتظاهرون الشاحنات`):
/// when a sentence names protesters (`متظاهر` `محتج` `معتصم`) and no PROTEST trigger, the verb
/// just before them (or the noun itself) becomes a PROTEST trigger of low confidence.
fn protester_rule<'a>(words: &[Word], actors: &[Actor], found: &[Found<'a>]) -> Option<Found<'a>> {
    static RULE: LazyLock<Trigger> = LazyLock::new(|| Trigger {
        keys: Vec::new(),
        plover: "PROTEST",
        pos: Pos::Verb,
        mode: "demonstrate".into(),
        cameo: String::new(),
        origin: Origin::Rule,
    });
    if found.iter().any(|f| f.trigger.plover == "PROTEST") {
        return None;
    }
    let protesters = actors.iter().find(|a| {
        let key = &words[a.first].key;
        ["متظاهر", "محتج", "معتصم"].iter().any(|stem| key.contains(stem))
    })?;
    let at = protesters.first;
    // The verb may stand before their number (`ورشق مئات المتظاهرين`).
    let verb = at
        .checked_sub(1)
        .and_then(|p| if words[p].is_number { p.checked_sub(1) } else { Some(p) })
        .filter(|&p| !words[p].key.is_empty() && !words[p].has_article && words[p].particle.is_none())
        .filter(|&p| !marsad_text::stem::is_stopword(&words[p].key));
    let (first, last) = verb.map_or((at, protesters.last), |p| (p, p));
    Some(Found { trigger: &RULE, range: words[first].range.start..words[last].range.end, first, last })
}

/// True for `فجر` (dawn, or "blew up") and `ظهر` (noon, or "appeared") used as times: followed by
/// a day word (`فجر أمس`, `ظهر اليوم`, `فجر الاثنين`) or after `بعد` `قبل` `عند`.
fn is_time_of_day(words: &[Word], i: usize) -> bool {
    const DAY_WORDS: [&str; 11] =
        ["امس", "اليوم", "يوم", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "غد"];
    const BEFORE: [&str; 4] = ["بعد", "قبل", "عند", "حتي"];
    let key = words[i].key.as_str();
    let key = key.strip_prefix(['و', 'ف']).filter(|k| k.chars().count() == 3).unwrap_or(key);
    if key != "فجر" && key != "ظهر" {
        return false;
    }
    let next = words.get(i + 1).map(|w| w.key.as_str()).unwrap_or_default();
    let next_text_day = DAY_WORDS.iter().any(|d| word_key(d) == next || *d == next);
    let before = i.checked_sub(1).is_some_and(|p| BEFORE.contains(&words[p].key.as_str()));
    next_text_day || before
}

/// The index of the last word of a phrase whose first word is at `start` and whose other words
/// have `keys`, each at most `gap` words after the previous.
fn match_phrase(words: &[Word], start: usize, keys: &[String], gap: usize) -> Option<usize> {
    let mut at = start;
    for key in keys {
        let end = (at + 2 + gap).min(words.len());
        at = (at + 1..end).find(|&j| &words[j].key == key)?;
    }
    Some(at)
}

/// A candidate actor of a sentence: an entity or an agent noun.
#[derive(Debug, Clone)]
struct Actor {
    range: Range<usize>,
    text: String,
    key: String,
    /// Index of its first and last word.
    first: usize,
    last: usize,
    /// The preposition before it (a word such as `على`, or its own proclitic `ب` `ل`), search form.
    preposition: Option<String>,
    /// A `LOC` entity: a place when it follows `في`/`ب`/`قرب`…, a state actor otherwise.
    is_place: bool,
    after_place_preposition: bool,
    /// Counted (`سبعة أشخاص`, `15 مدنيا`): victims rather than doers.
    counted: bool,
    /// A person or organisation entity (not an agent noun).
    is_name: bool,
}

/// Prepositions (search form) that put a place before them rather than an actor.
const PLACE_PREPOSITIONS: [&str; 10] =
    ["في", "ب", "قرب", "شمال", "جنوب", "شرق", "غرب", "داخل", "وسط", "مدينه"];
/// Prepositions that introduce a target.
const TARGET_PREPOSITIONS: [&str; 11] =
    ["علي", "ضد", "مع", "الي", "ل", "ب", "بحق", "باتجاه", "نحو", "لدي", "عن"];

fn sentence_actors(
    clean: &str,
    words: &[Word],
    sentence: &Range<usize>,
    entities: &[Span],
    lexicon: &Lexicon,
) -> Vec<Actor> {
    let word_at = |byte: usize| words.iter().position(|w| w.range.start <= byte && byte < w.range.end);
    let mut actors: Vec<Actor> = Vec::new();
    for entity in entities.iter().filter(|e| e.start >= sentence.start && e.end <= sentence.end) {
        if !matches!(entity.label.as_str(), "PER" | "ORG" | "LOC") {
            continue;
        }
        let (Some(first), Some(last)) = (word_at(entity.start), word_at(entity.end.saturating_sub(1))) else {
            continue;
        };
        let key = agent_key(words, first, last, lexicon)
            .or_else(|| entity.attr_str("key").map(str::to_string))
            .unwrap_or_else(|| format!("{}:{}", entity.label, entity.start));
        let text = clean.get(entity.range()).unwrap_or_default().to_string();
        let is_name = entity.label != "LOC";
        actors.push(Actor {
            is_name,
            ..actor(words, first, last, entity.range(), text, key, entity.label == "LOC")
        });
        if actors.len() >= MAX_ACTORS {
            break;
        }
    }
    let taken: Vec<Range<usize>> = actors.iter().map(|a| a.first..a.last + 1).collect();
    let mut i = 0;
    while i < words.len() && actors.len() < MAX_ACTORS {
        if words[i].key.is_empty() || taken.iter().any(|t| t.contains(&i)) {
            i += 1;
            continue;
        }
        // A nationality after a word of attack (`غارات روسية`, `قصف تركي`, `الضربات الجوية
        // الأميركية`, `صاروخ إسرائيلي`) names the attacker: that country's forces; after a word of
        // state action (`العقوبات الأمريكية`, `محادثات أميركية`), its government.
        let after = |nouns: &[&str]| {
            (i.saturating_sub(2)..i)
                .rev()
                .take_while(|&j| !words[j].is_break)
                .any(|j| nouns.iter().any(|n| words[j].key.starts_with(n)))
        };
        let kind = if after(&ATTACK_NOUNS) {
            Some("MIL")
        } else if after(&STATE_ACTION_NOUNS) {
            Some("GOV")
        } else {
            None
        };
        if let Some((country, kind)) = nisba_country(&words[i].key).zip(kind) {
            let range = words[i].range.clone();
            let text = clean.get(range.clone()).unwrap_or_default().to_string();
            actors.push(actor(words, i, i, range, text, format!("AGENT:{kind}:{country}"), false));
            i += 1;
            continue;
        }
        let mut best: Option<(usize, &str)> = None;
        for (keys, code) in lexicon.agents_for(&words[i].key) {
            if let Some(last) = match_agent(words, i, &keys[1..]) {
                if best.is_none_or(|(l, _)| last > l) {
                    best = Some((last, code));
                }
            }
        }
        // A people named by its nisba in the plural (`الإسرائيليين`, `تونسيون`) acts as civilians.
        if best.is_none() && words[i].key.ends_with("ين") || words[i].key.ends_with("ون") {
            if let Some(country) = nisba_country(&words[i].key) {
                let range = words[i].range.clone();
                let text = clean.get(range.clone()).unwrap_or_default().to_string();
                actors.push(actor(words, i, i, range, text, format!("AGENT:CVL:{country}"), false));
                i += 1;
                continue;
            }
        }
        // `هجوم مسلح`, `تنظيم مسلح`: armed, an adjective, not a gunman.
        let adjective = ["مسلح", "مسلحه"].contains(&words[i].key.as_str())
            && i > 0
            && ARMED_NOUNS.iter().any(|n| words[i - 1].key.starts_with(n));
        let Some((mut last, code)) = best.filter(|_| !adjective) else {
            i += 1;
            continue;
        };
        let mut key = format!("AGENT:{code}");
        if let Some(country) = words.get(last + 1).and_then(|w| nisba_country(&w.key)) {
            last += 1;
            key.push(':');
            key.push_str(country);
        }
        let range = words[i].range.start..words[last].range.end;
        let text = clean.get(range.clone()).unwrap_or_default().to_string();
        actors.push(actor(words, i, last, range, text, key, false));
        i = last + 1;
    }
    actors.sort_by_key(|a| a.first);
    // A title right before a person's name is part of it (`اللواء توفيق أبو نعيم`, `نائب رئيس
    // الوزراء بكير بوزداغ`): one actor, the person, not a title acting on the person. Not a group
    // (`أنصار الحريري` are not Hariri).
    let mut merged: Vec<Actor> = Vec::with_capacity(actors.len());
    for person in actors {
        let is_title = |title: &mut Actor| {
            title.key.starts_with("AGENT:")
                && person.key.starts_with("PER:")
                && person.first > title.last
                && person.first - title.last <= 2
                && !(title.last..person.first).any(|j| words[j].is_break)
                && crate::entities::is_role_head(
                    clean.get(words[title.first].range.clone()).unwrap_or_default(),
                )
        };
        match merged.pop_if(is_title) {
            Some(title) => {
                let range = title.range.start..person.range.end;
                let text = clean.get(range.clone()).unwrap_or_default().to_string();
                merged.push(Actor {
                    is_name: true,
                    ..actor(words, title.first, person.last, range, text, person.key, false)
                });
            }
            None => merged.push(person),
        }
    }
    let mut actors = merged;
    // An agent noun without a country belongs to the country of the same kind of agent named
    // before it (`رد الجيش السوري … كثف الطيران الحربي` → the Syrian air force).
    for i in 1..actors.len() {
        let key = &actors[i].key;
        if !key.starts_with("AGENT:") || key.matches(':').count() != 1 {
            continue;
        }
        let prefix = format!("{key}:");
        if let Some(national) =
            actors[..i].iter().rfind(|a| a.key.starts_with(&prefix)).map(|a| a.key.clone())
        {
            actors[i].key = national;
        }
    }
    actors
}

/// Search-form beginnings of words of attack after which a nationality names the attacker.
const ATTACK_NOUNS: [&str; 10] =
    ["قصف", "غار", "ضرب", "صاروخ", "صواريخ", "قذيف", "قذائف", "هجوم", "هجمات", "نيران"];

/// Search-form beginnings of verbs of saying, whose subject reports what follows `إن`/`أن`.
const SAYING: [&str; 10] = ["قال", "اعلن", "اكد", "اضاف", "اوضح", "ذكر", "افاد", "اشار", "صرح", "كشف"];

/// Search-form beginnings of nouns that `مسلح` (armed) qualifies.
const ARMED_NOUNS: [&str; 9] = ["هجوم", "هجمات", "اعتداء", "تنظيم", "جماع", "نزاع", "صراع", "كفاح", "تمرد"];

/// Search-form beginnings of words of state action after which a nationality names the state.
const STATE_ACTION_NOUNS: [&str; 7] = ["عقوب", "محادث", "مباحث", "مفاوض", "اتهام", "انتقاد", "ضغوط"];

/// The agent key of an entity that is an agent noun with at most a nisba after it (`الجيش السوري`
/// tagged ORG → `AGENT:MIL:SY`), so the same force gets one key whether the tagger saw a name or not.
fn agent_key(words: &[Word], first: usize, last: usize, lexicon: &Lexicon) -> Option<String> {
    let (_, code) = lexicon.agents_for(&words[first].key).into_iter().find(|(keys, _)| keys.len() == 1)?;
    match last - first {
        0 => Some(format!("AGENT:{code}")),
        1 => nisba_country(&words[last].key).map(|country| format!("AGENT:{code}:{country}")),
        _ => None,
    }
}

/// Agent phrases are contiguous.
fn match_agent(words: &[Word], start: usize, keys: &[String]) -> Option<usize> {
    let mut at = start;
    for key in keys {
        at += 1;
        if words.get(at)?.key != *key {
            return None;
        }
    }
    Some(at)
}

fn actor(
    words: &[Word],
    first: usize,
    last: usize,
    range: Range<usize>,
    text: String,
    key: String,
    loc: bool,
) -> Actor {
    let preposition = match words[first].particle {
        Some(c) => Some(c.to_string()),
        None => first
            .checked_sub(1)
            .map(|p| &words[p].key)
            .filter(|k| PLACE_PREPOSITIONS.contains(&k.as_str()) || TARGET_PREPOSITIONS.contains(&k.as_str()))
            .cloned(),
    };
    let after_place_preposition = preposition.as_deref().is_some_and(|p| PLACE_PREPOSITIONS.contains(&p));
    // `سبعة أشخاص`, `ثلاثة من عناصر الشرطة`, `أحد الجنود`: counted, as casualties are.
    let counted = first.checked_sub(1).is_some_and(|p| {
        words[p].is_number
            || ["احد", "احدي"].contains(&words[p].key.as_str())
            || words[p].key == "من" && p.checked_sub(1).is_some_and(|q| words[q].is_number)
    });
    Actor {
        range,
        text,
        key,
        first,
        last,
        preposition,
        is_place: loc,
        after_place_preposition,
        counted,
        is_name: false,
    }
}

/// The ISO country of a nisba adjective's key (`سوري`, `العراقية` → `عراقيه`).
fn nisba_country(key: &str) -> Option<&'static str> {
    const NISBA: [(&str, &str); 49] = [
        ("سوري", "SY"),
        ("عراقي", "IQ"),
        ("لبناني", "LB"),
        ("اردني", "JO"),
        ("مصري", "EG"),
        ("سعودي", "SA"),
        ("يمني", "YE"),
        ("ليبي", "LY"),
        ("تونسي", "TN"),
        ("جزائري", "DZ"),
        ("مغربي", "MA"),
        ("سوداني", "SD"),
        ("فلسطيني", "PS"),
        ("اسرائيلي", "IL"),
        ("تركي", "TR"),
        ("ايراني", "IR"),
        ("روسي", "RU"),
        ("امريكي", "US"),
        ("اميركي", "US"),
        ("فرنسي", "FR"),
        ("بريطاني", "GB"),
        ("افغاني", "AF"),
        ("باكستاني", "PK"),
        ("كويتي", "KW"),
        ("اماراتي", "AE"),
        ("قطري", "QA"),
        ("بحريني", "BH"),
        ("عماني", "OM"),
        ("صومالي", "SO"),
        ("موريتاني", "MR"),
        ("اثيوبي", "ET"),
        ("اريتري", "ER"),
        ("صيني", "CN"),
        ("ياباني", "JP"),
        ("هندي", "IN"),
        ("الماني", "DE"),
        ("ايطالي", "IT"),
        ("اسباني", "ES"),
        ("يوناني", "GR"),
        ("بولندي", "PL"),
        ("اوكراني", "UA"),
        ("جورجي", "GE"),
        ("كوري", "KR"),
        ("اندونيسي", "ID"),
        ("نيبالي", "NP"),
        ("بنغالي", "BD"),
        ("نيجيري", "NG"),
        ("كيني", "KE"),
        ("تشادي", "TD"),
    ];
    let key = key.strip_suffix('ه').unwrap_or(key);
    let key = ["ين", "ون", "ان"].iter().find_map(|end| key.strip_suffix(end)).unwrap_or(key);
    if !key.ends_with('ي') {
        return None;
    }
    NISBA.iter().find(|(n, _)| *n == key).map(|(_, c)| *c)
}

/// Trigger modes whose bare or counted actors are victims (targets), not doers.
const VICTIM_MODES: [&str; 4] = ["kill", "wound", "assassinate", "abduct"];

/// A casualty the sentence counts (`أربعة أشخاص`, `15 مدنيا`) or names after a casualty noun
/// (`مقتل شخص`).
struct Counted {
    actor: Actor,
    /// Right after a casualty noun (`مقتل 15 شخصا`, `إصابة جندي`).
    after_casualty_noun: bool,
}

/// What every trigger of a sentence shares, found once per sentence so that the time per sentence
/// stays linear in its length however many triggers it holds.
struct SentenceFacts<'s> {
    words: &'s [Word],
    actors: &'s [Actor],
    /// Whoever claimed an attack ([`claimant`]).
    claimed: Option<Actor>,
    /// The counted casualties, in text order, at most [`MAX_ACTORS`].
    counted: Vec<Counted>,
    /// Words after which a protest names what it is against ([`AGAINST`]), in text order.
    against: Vec<usize>,
    /// First words of the actors a killing verb of the sentence reads as passive (`قتل جنديان`):
    /// victims, whom no attack of the sentence takes as its armed doer.
    victims: Vec<usize>,
    /// First words of the sentence's triggers.
    trigger_words: Vec<usize>,
}

fn sentence_facts<'s>(words: &'s [Word], actors: &'s [Actor], triggers: &[Found]) -> SentenceFacts<'s> {
    let mut counted = Vec::new();
    for j in 0..words.len() {
        if counted.len() >= MAX_ACTORS {
            break;
        }
        let after_casualty_noun = j > 0 && CASUALTY_NOUNS.iter().any(|c| words[j - 1].key.starts_with(c));
        let actor = if words[j].is_number {
            let noun = noun_after(words, j + 1, (j + 2).min(words.len()));
            noun.filter(|n| !words[n.first].has_pronoun).or_else(|| {
                // `ثلاثة من عناصر الشرطة`, `13 معظمهم من أفراد الشرطة`: the actor after `من`.
                let of = (j + 1..(j + 3).min(words.len())).find(|&k| words[k].key == "من")?;
                actors.iter().find(|a| a.first > of && a.first <= of + 2).cloned()
            })
        } else if after_casualty_noun && !words[j].has_conjunction {
            // `مقتل شخص`, `إصابة جندي`: one casualty, named without a number.
            actors.iter().find(|a| a.first == j && !a.is_name && !a.is_place).cloned()
        } else {
            None
        };
        if let Some(actor) = actor {
            counted.push(Counted { actor, after_casualty_noun });
        }
    }
    let against = (0..words.len()).filter(|&j| AGAINST.iter().any(|w| words[j].key.ends_with(w))).collect();
    let victims = triggers
        .iter()
        .filter(|f| VICTIM_MODES.contains(&f.trigger.mode.as_str()) && f.trigger.pos != Pos::Noun)
        .filter_map(|f| actors.iter().find(|a| a.first == f.last + 1))
        .filter(|a| !a.is_name && !words[a.first].has_article && !object_at(words, a.last + 1))
        .map(|a| a.first)
        .collect();
    let trigger_words: Vec<usize> = triggers.iter().map(|f| f.first).collect();
    SentenceFacts {
        words,
        actors,
        claimed: claimant(words, actors, &trigger_words),
        counted,
        against,
        victims,
        trigger_words,
    }
}

/// Picks the source and target of a trigger among the sentence's actors (see the module doc).
/// With no actor after a verb, the noun that follows it is the target (`هاجم مفجرون سياسيين`),
/// without a key.
fn assign_actors(found: &Found, facts: &SentenceFacts) -> (Option<Actor>, Option<Actor>) {
    let (words, actors) = (facts.words, facts.actors);
    let clause_end = (found.last + 1..words.len())
        .take(WINDOW_AFTER)
        .find(|&j| words[j].is_break)
        .unwrap_or((found.last + WINDOW_AFTER).min(words.len()));
    let is_verb = found.reads_as_verb(words);
    let victims = VICTIM_MODES.contains(&found.trigger.mode.as_str());
    let bare_key = |j: usize| words[j].key.strip_prefix(['و', 'ف']).unwrap_or(&words[j].key);
    // `أصيب` `اغتيل` `لقي حتفه`: verbs read only as passives, whose actor is the victim; so is
    // a verb written as a passive (`اعتُقل`).
    let passive = is_verb
        && (PASSIVE_VERBS.iter().any(|v| bare_key(found.first).starts_with(v))
            || words[found.first].marked_passive);
    // `على يد` `على أيدي` `من قبل` `من جانب` `بنيران` `برصاص`: who did it, named after a passive
    // (`قتل أحد عناصر الشرطة بنيران مسلحين`, `خطفوا على أيدي رجال مسلحين`).
    let marker = (found.last + 1..words.len())
        .take(WINDOW_AFTER + 2)
        .take_while(|&j| !words[j].is_break)
        .filter(|&j| is_agent_marker(words, j))
        .find_map(|j| Some((j, actors.iter().find(|a| a.first > j && a.first <= j + 3 && !a.is_place)?)))
        .filter(|_| found.trigger.plover == "ASSAULT" || passive);
    let by_agent = marker.map(|(_, a)| a);
    let meeting_noun = !is_verb && found.trigger.plover == "CONSULT";
    // A one-word verb carrying an object pronoun with its subject right after it (`رفات جنديين
    // تحتجزهما حماس`, `الصين التي تتهمها الإدارة الأميركية`) has its object before it, the
    // pronoun's antecedent. Without that subject the word may be a noun with a possessive
    // (`معلنين رفضهم لترشيح`: their refusal), whose owner is its doer.
    if is_verb && !passive && found.first == found.last && words[found.first].has_pronoun {
        let subject = actors.iter().find(|a| a.first == found.last + 1 && a.preposition.is_none());
        let object = actors
            .iter()
            .rfind(|a| a.last < found.first && a.first + WINDOW_BEFORE >= found.first && !a.is_place);
        if let Some((subject, object)) = subject.zip(object) {
            return (Some(antecedent(subject.clone(), words, actors)), Some(object.clone()));
        }
    }
    // Actors after the trigger's first word: a phrase trigger may hold its subject
    // (`أحرق متظاهرون أعلام`).
    let after: Vec<&Actor> = actors
        .iter()
        .filter(|a| a.first > found.first && a.first <= clause_end && !a.after_place_preposition)
        // A place right after a meeting names where it is (`اجتماع لوكسمبورغ`), not who meets.
        .filter(|a| !(meeting_noun && a.first == found.last + 1 && a.key.starts_with("LOC:")))
        .filter(|a| marker.is_none_or(|(j, _)| a.first < j))
        .collect();
    let start = found.first.saturating_sub(WINDOW_BEFORE);
    let before = actors.iter().rfind(|a| {
        a.last < found.first
            && a.first >= start
            && a.preposition.is_none()
            && !a.is_place
            && !(a.last..found.first).any(|j| words[j].is_break)
    });
    // Reported speech and subordinate clauses put the subject first: the actor right after
    // `أن`/`إن` is the subject of the verb that ends the clause, however long its phrase
    // (`قال إن القوات الأميركية المتمركزة شرق المدينة قصفت`).
    // The `إن`/`أن` (without a pronoun) that opens the trigger's clause, if any.
    let that = (0..found.first)
        .rev()
        .take_while(|&j| !words[j].is_break)
        .find(|&j| words[j].key == "ان" && !words[j].has_pronoun);
    let after_that =
        that.filter(|&that| is_verb && that + WINDOW_BEFORE + 4 >= found.first).and_then(|that| {
            actors.iter().find(|a| {
                a.first > that && a.first <= that + 2 && a.last < found.first && a.preposition.is_none()
            })
        });
    // A verb after a relative pronoun has the actor before the pronoun as its subject, across a
    // place (`السكان المحليين في مدينة بلد وين الذين خرجوا`), unless the verb carries an object
    // pronoun or has its own subject after it (`الغارات التي شنتها الطائرات`).
    let relative_subject = is_verb
        .then(|| {
            let p = found.first.checked_sub(1).filter(|&p| RELATIVES.contains(&words[p].key.as_str()))?;
            if words[found.first].has_pronoun || actors.iter().any(|a| a.first == found.last + 1) {
                return None;
            }
            actors.iter().rfind(|a| {
                a.last < p
                    && a.first + WINDOW_BEFORE >= p
                    && a.preposition.is_none()
                    && !a.after_place_preposition
                    && !a.is_place
            })
        })
        .flatten();
    // A bare actor just before a verb is its subject (`أن مسلحين هاجموا`, `المتظاهرون اعتصموا`),
    // but the victim of a killing verb with no object after it (`أن شخصين قتلا في الهجوم`, `أن
    // أحد الجنود قتل`), with a counted subject (`سبعة أشخاص قتلوا`), or with its doer named after
    // it (`أن مهندسين خطفوا على أيدي مسلحين`).
    let fronted = relative_subject.or(before.filter(|a| found.first - a.last <= 3 && is_verb)).or(after_that);
    let no_object = !object_at(words, found.last + 1);
    // A bomb that went off has no doer in its clause: what it stood by is the target (`أن سيارة
    // مفخخة متوقفة أمام المديرية انفجرت`).
    let explodes = is_verb && bare_key(found.first).starts_with("انفجر");
    let fronted_victim =
        fronted.filter(|a| passive || explodes || victims && (a.counted || no_object || marker.is_some()));
    // Counted people are an attack's casualties, never its doers (`انفجار … مقتل أربعة أشخاص`).
    let assault = found.trigger.plover == "ASSAULT";
    let doer = |a: &&&Actor| {
        a.preposition.is_none() && !(victims && (a.counted || !is_verb)) && !(assault && a.counted)
    };
    // A noun trigger's doer follows a verb of doing (`ضربة جوية نفذها الجيش`, `هجوم شنه مسلحون`),
    // the plain noun there when no actor is (`هجوم نفذه متطرف`), or comes between such a verb and
    // the noun (`قامت دبابة إسرائيلية بقصف`, `نفذت القوات ضربة`).
    let carried_out: Option<Actor> = (!is_verb)
        .then(|| {
            let verb = (found.last + 1..clause_end)
                .find(|&j| DOING_VERBS.iter().any(|v| words[j].key.starts_with(v)))?;
            after
                .iter()
                .find(|a| a.first > verb && a.first <= verb + 2 && a.preposition.is_none())
                .map(|a| (*a).clone())
                .or_else(|| noun_after(words, verb + 1, clause_end))
        })
        .flatten();
    let done_by = (!is_verb)
        .then(|| {
            let verb = (start..found.first)
                .rev()
                .take_while(|&j| !words[j].is_break)
                .find(|&j| DOING_BEFORE.iter().any(|v| bare_key(j).starts_with(v)))?;
            // Right after the verb and right before the noun: `قامت ميليشيات … باعتقال المئات من
            // أبناء الحديدة عقب الغارات` names no doer of the raids.
            actors.iter().find(|a| {
                a.first > verb
                    && a.first <= verb + 2
                    && a.last < found.first
                    && found.first <= a.last + 2
                    && a.preposition.is_none()
                    && !a.after_place_preposition
            })
        })
        .flatten();
    // A noun with a possessive pronoun (`كثف الطيران الحربي غاراته` stepped up its raids) was
    // made by the actor named before it, not by one after it.
    let owner = (!is_verb && words[found.first].has_pronoun)
        .then(|| {
            actors.iter().rfind(|a| {
                a.last < found.first
                    && a.first >= start
                    && a.preposition.is_none()
                    && !a.is_place
                    && !a.counted
                    && !(a.last..found.first).any(|j| words[j].is_break)
            })
        })
        .flatten();
    // `تعرضت قافلته لهجوم`: whoever was subjected to the attack is its target.
    let subjected = (start..found.first)
        .rev()
        .take(4)
        .find(|&j| ["تعرض", "يتعرض"].iter().any(|v| bare_key(j).starts_with(v)))
        .and_then(|t| {
            // `أصيب السفير عندما تعرض موكبه لهجوم`: the owner of the convoy named before.
            let owner = words.get(t + 1).is_some_and(|w| w.has_pronoun).then(|| {
                actors
                    .iter()
                    .rfind(|a| a.last < t && a.first + WINDOW_BEFORE >= t && !a.is_place && !a.counted)
            });
            owner.flatten().or_else(|| {
                actors
                    .iter()
                    .find(|a| a.first > t && a.last < found.first && a.preposition.is_none())
                    .or_else(|| before.filter(|b| b.last < t))
            })
        });
    let armed =
        |a: &Actor| ["AGENT:MIL", "AGENT:REB", "AGENT:UAF", "AGENT:IMG"].iter().any(|k| a.key.starts_with(k));
    // `قتل جنديان` (two soldiers were killed): a killing verb is passive when its one actor after
    // it is the last, or is indefinite with no object after it (`قتل جنديان أميركيان وأصيب تسعة`;
    // but `قتل مسلحون ثلاثة جنود`); its actor is the victim.
    // A definite armed agent there is the doer (`اغتال الطيران الإسرائيلي، أمس، خمسة`).
    // A verb with a plural ending (`وطالبوا`, `يهاجمون`) comes after its subject or holds it: the
    // actor after it is its object.
    let plural_verb = is_verb && ["وا", "ون"].iter().any(|end| words[found.first].key.ends_with(end));
    let first_after = if is_verb && !plural_verb { after.iter().find(doer).copied() } else { None };
    let indefinite = |f: &Actor| !f.is_name && !words[f.first].has_article;
    let read_passive = passive
        || explodes
        || victims
            && first_after.is_some_and(|f| {
                // An unarmed actor with no other actor after it is the victim whatever follows it
                // (`فقتلت المدرس هاني شعبان نعيم`); an armed one only with no object after it
                // (`قتلت قوات الاحتلال العشرات`).
                !object_at(words, f.last + 1) && (indefinite(f) || !armed(f))
                    || !armed(f) && !after.iter().any(|a| a.first > f.last)
            });
    // The victim named so far, whom no later rule may make the doer.
    let victim = fronted_victim
        .or(first_after.filter(|f| read_passive && (victims || explodes) && f.first <= found.last + 3));
    // `فجر نفسه` (blew himself up): the actor after the verb is no subject; the bomber stands
    // before it, across a comma (`أن انتحاريا يقود سيارة مفخخة، فجر نفسه قرب موكب الشيخ`), and
    // what he blew himself up near is the target.
    let reflexive =
        is_verb && words.get(found.last + 1).is_some_and(|w| w.key.starts_with("نفس") && w.has_pronoun);
    let bomber = reflexive
        .then(|| {
            actors.iter().rfind(|a| {
                a.last < found.first
                    && a.first + WINDOW_BEFORE + 4 >= found.first
                    && a.preposition.is_none()
                    && !a.is_place
            })
        })
        .flatten();
    let blown_up = reflexive
        .then(|| actors.iter().find(|a| a.first > found.last + 1 && a.first <= clause_end && !a.is_place))
        .flatten();
    // Verb-subject-object: a definite noun right after a one-word verb trigger that is no actor is
    // its subject (`خطفت الجبهة طائرة`), and the actor after it the object, when an object follows
    // it that is no name in apposition (`قتل الرجل في الهجوم` is passive, `وحظر السفر على` has the
    // subject in the verb, and in `فقتلت المدرس هاني` the teacher is the victim).
    let noun_subject =
        (is_verb && !passive && !reflexive && !explodes && !plural_verb && found.first == found.last)
            .then(|| noun_after(words, found.last + 1, clause_end))
            .flatten()
            .filter(|n| n.first == found.last + 1 && words[n.first].has_article)
            .filter(|n| {
                object_at(words, n.last + 1) && !actors.iter().any(|a| a.first == n.last + 1 && a.is_name)
            })
            .filter(|n| !actors.iter().any(|a| a.first <= n.first && n.first <= a.last))
            // An event noun is no doer (`استهدف الانفجار الموكب`).
            .filter(|n| !facts.trigger_words.contains(&n.first));
    // Said who did it, in so many words: no rule of the event type overrides it.
    let explicit = by_agent.is_some()
        || done_by.is_some()
        || carried_out.is_some()
        || owner.is_some()
        || bomber.is_some();
    let source = match fronted {
        _ if by_agent.is_some() => by_agent,
        _ if done_by.is_some() => done_by,
        _ if owner.is_some() => owner,
        _ if bomber.is_some() => bomber,
        Some(a) if fronted_victim.is_none() && subjected.is_none_or(|s| s.range != a.range) => Some(a),
        _ => carried_out.as_ref().or_else(|| {
            let following = if is_verb {
                first_after.filter(|_| !read_passive && !reflexive && noun_subject.is_none())
            } else {
                let genitive = |a: &&&Actor| doer(a) || (!victims && a.preposition.as_deref() == Some("ل"));
                after.iter().filter(|a| a.first <= found.last + 3).find(genitive).copied()
            };
            // A noun after a preposition (`قتل جنديان … في انفجار`) is no clause of its own: the
            // actor before it belongs to another verb.
            let governed =
                !is_verb && found.first.checked_sub(1).is_some_and(|p| GOVERNING.contains(&bare_key(p)));
            following.or(before.filter(|_| {
                fronted_victim.is_none() && !victims && !explodes && subjected.is_none() && !governed
            }))
        }),
    };
    // Counted people are the casualties of an attack, not its doers, unless they are the subject
    // of a verb with an object (`أن العشرات من المستوطنين هاجموا المواطنين`).
    let active_subject = |s: &Actor| is_verb && !no_object && fronted.is_some_and(|f| f.range == s.range);
    let source = source.filter(|s| !(assault && s.counted) || active_subject(s));
    // Protests are made by people: the people found as the trigger's subject or doer (`تظاهر مئات
    // الأشخاص`, `أن العمال تجمعوا`, `مسيرات نظمتها النقابات`), else the protesters the sentence
    // names, else the activists or civilians nearest the trigger, before any other actor.
    let people = |a: &&Actor| ["AGENT:OPP", "AGENT:CVL", "AGENT:LAB"].iter().any(|k| a.key.starts_with(k));
    let protester =
        |a: &Actor| ["متظاهر", "محتج", "معتصم"].iter().any(|stem| words[a.first].key.contains(stem));
    // A trigger word that is also an agent noun (`تجمهر` a crowd gathered) is not its own actor,
    // unless protesters themselves made the trigger (`protester_rule`).
    let not_trigger = |a: &&Actor| a.first != found.first || found.trigger.origin == Origin::Rule;
    let source: Option<Actor> = match found.trigger.plover {
        "PROTEST" => source
            .filter(people)
            .filter(not_trigger)
            // The actor before a noun is no subject of it (`في قرية المعصرة … أثناء مسيرة`).
            .filter(|s| is_verb || explicit || before.is_none_or(|b| b.range != s.range))
            .or_else(|| {
                actors
                    .iter()
                    .filter(people)
                    .filter(not_trigger)
                    .filter(|a| a.preposition.as_deref().is_none_or(|p| !TARGET_PREPOSITIONS.contains(&p)))
                    .min_by_key(|a| (!protester(a), a.first.abs_diff(found.first)))
            })
            .or(source)
            .cloned(),
        // Attacks are made by armed men: with no armed or named source yet, whoever claimed it
        // (`تبنت الحركة`, `أعلنت حركة طالبان مسؤوليتها`), else the nearest armed agent of the
        // sentence that is not counted among the casualties (a nationality after a word of attack
        // is one: `في الضربات الجوية الأميركية`).
        "ASSAULT" if source.is_none_or(|s| !(armed(s) || s.is_name && is_verb)) && !explicit => {
            let nearest_armed = |in_clause: bool| {
                actors
                    .iter()
                    .filter(|a| armed(a) && !a.counted && a.preposition.as_deref().is_none_or(|p| p == "ل"))
                    .filter(|a| !in_clause || a.first >= start && a.first <= clause_end)
                    // After the verb's noun subject, an armed agent is its object.
                    .filter(|a| !in_clause || noun_subject.as_ref().is_none_or(|n| a.first < n.first))
                    .filter(|a| subjected.or(victim).is_none_or(|s| s.range != a.range))
                    .filter(|a| !facts.victims.contains(&a.first))
                    // `مقتل مسلحين`: those killed are no doers.
                    .filter(|a| {
                        !facts.counted.iter().any(|c| c.after_casualty_noun && c.actor.range == a.range)
                    })
                    .min_by_key(|a| a.first.abs_diff(found.first))
            };
            // An armed agent of the clause, else the verb's noun subject (`خطفت الجبهة الشعبية
            // ثلاث طائرات`), else an armed agent of another clause.
            let subject = noun_subject.clone().filter(|_| source.is_none());
            facts
                .claimed
                .clone()
                .or_else(|| nearest_armed(true).cloned())
                .or(subject)
                .or_else(|| nearest_armed(false).cloned())
                .or(source.cloned())
        }
        _ => source.cloned(),
    };
    let target: Option<Actor> = fronted_victim
        .or(subjected)
        .or(blown_up)
        .or_else(|| {
            after
                .iter()
                .filter(|a| source.as_ref().is_none_or(|s| s.range != a.range && s.key != a.key))
                .find(|a| a.preposition.as_deref().is_none_or(|p| TARGET_PREPOSITIONS.contains(&p)))
                .copied()
        })
        .cloned();
    // A protest is against someone: the first actor after `ضد`, `على`, or a call for someone's
    // fall or resignation (`برحيل`, `باستقالة`, `يسقط`), anywhere after the trigger; after `ضد`,
    // the plain noun when no actor is there (`ضد الحكم`).
    let target =
        if found.trigger.plover == "PROTEST" && target.as_ref().is_none_or(|t| t.first > found.last + 4) {
            let at = facts.against.partition_point(|&j| j < found.first);
            facts
                .against
                .get(at)
                .and_then(|&j| {
                    actors.iter().find(|a| a.first > j && a.first <= j + 3 && !people(a)).cloned().or_else(
                        || (words[j].key == "ضد").then(|| noun_after(words, j + 1, words.len())).flatten(),
                    )
                })
                .or(target)
        } else {
            target
        };
    // Meetings and agreements are between equals: the other party may stand before the source
    // (`لافروف والأمريكي كيري أجريا محادثات`).
    let target = target.or_else(|| {
        let source = source.as_ref()?;
        if !SYMMETRIC_TYPES.contains(&found.trigger.plover) {
            return None;
        }
        actors
            .iter()
            .rfind(|a| {
                a.last < source.first
                    && a.first >= start
                    && !a.is_place
                    && a.key != source.key
                    && !(a.last..source.first).any(|j| words[j].is_break)
            })
            .cloned()
    });
    let source = source.or(noun_subject).or_else(|| {
        let from = if is_verb && !victims && !explodes && !plural_verb && !passive {
            found.last + 1
        } else {
            return None;
        };
        noun_after(words, from, clause_end)
    });
    let target = target.or_else(|| {
        // What went off is the bomb, not its target.
        if !(is_verb || victims) || explodes {
            return None;
        }
        let from = source.as_ref().filter(|s| s.first > found.last).map_or(found.last, |s| s.last) + 1;
        noun_after(words, from, clause_end)
    });
    let not_source = |c: &&Counted| {
        source.as_ref().is_none_or(|s| s.range != c.actor.range)
            && (c.actor.first > found.last || c.actor.last < found.first)
    };
    // An attack with no target yet hits whoever the sentence counts among its casualties
    // (`انفجار … أسفر عن مقتل سبعة أشخاص`), the counted noun nearest the trigger.
    let target = target.or_else(|| {
        if !assault {
            return None;
        }
        facts
            .counted
            .iter()
            .filter(not_source)
            .min_by_key(|c| c.actor.first.abs_diff(found.first))
            .map(|c| c.actor.clone())
    });
    // An attack named by a noun has no object: when the sentence counts its dead or wounded
    // (`هجوم انتحاري … أدى إلى مقتل 15 شخصا`, `مقتل شخص`), they are its target.
    let target = if assault && !is_verb {
        facts
            .counted
            .iter()
            .filter(|c| c.after_casualty_noun)
            .filter(not_source)
            .min_by_key(|c| c.actor.first.abs_diff(found.first))
            .map(|c| c.actor.clone())
            .or(target)
    } else {
        target
    };
    // Who reports an event is not its doer: the actor before a verb of saying and its `إن`/`أن`
    // is the speaker (`قالت وزارة الدفاع الروسية إن الاشتباكات أسفرت`), unless the sentence says
    // in so many words that it did it; not so with a pronoun that points back to it (`إن
    // قواته قصفت`, `أقر التحالف أنه نفذ`).
    let reported = that.filter(|&that| {
        (that.saturating_sub(6)..that).any(|j| SAYING.iter().any(|v| bare_key(j).starts_with(v)))
    });
    let source = source.filter(|s| explicit || reported.is_none_or(|that| s.last > that));
    let source = source.map(|a| antecedent(a, words, actors));
    let target = target
        .map(|a| antecedent(a, words, actors))
        .filter(|t| source.as_ref().is_none_or(|s| s.range != t.range));
    // Coordinated victims are all the target (`قتل مسلحون جنديين وشرطيا`); a list that opens
    // right after `أن` and ends in the fronted victim is one (`أن 11 مدنيا وأربعة من رجال الشرطة
    // قتلوا`).
    let target = target.map(|t| {
        let first = after_that
            .filter(|a| fronted_victim.is_some_and(|v| v.range == t.range) && a.first < t.first)
            .map(|a| coordinated(a.clone(), words, actors))
            .filter(|joined| joined.last >= t.last);
        first.unwrap_or_else(|| coordinated(t, words, actors))
    });
    (source, target)
}

/// Whether a bare object can start at word `j` (after times of day or week): a word that is no
/// break, preposition, stopword, or word opening with a conjunction or preposition.
fn object_at(words: &[Word], j: usize) -> bool {
    let Some(j) = (j..words.len()).take(3).find(|&k| !is_time_word(&words[k].key)) else { return false };
    let word = &words[j];
    !word.is_break
        && !word.has_conjunction
        && word.particle.is_none()
        && !word.has_pronoun
        && !is_preposition(&word.key)
        && !NOT_ACTORS.iter().chain(&ADVERBIALS).any(|w| word.key.starts_with(w))
        && (word.is_number || !word.key.is_empty() && !marsad_text::stem::is_stopword(&word.key))
}

/// Relative pronouns (search form, with and without the article as the splitter leaves them).
const RELATIVES: [&str; 10] =
    ["الذين", "ذين", "الذي", "ذي", "التي", "تي", "اللذين", "لذين", "اللواتي", "لواتي"];

/// Prepositions (search form) before a noun-named attack that make it part of another clause.
const GOVERNING: [&str; 9] = ["في", "جراء", "اثر", "عن", "خلال", "من", "بعد", "عقب", "اثناء"];

/// Words (search-form beginnings) that open an adverbial after a verb, not its object (`قتلوا
/// جراء الانفجار`, `قتلوا إثر هجوم`, `قتلوا حين`).
const ADVERBIALS: [&str; 8] = ["اثر", "خلال", "بعد", "عندما", "حين", "بينما", "حتف", "اثناء"];

/// Words (search-form beginnings) of times of day and week, which stand between a verb and its
/// object (`قتل مسلحون أمس ثلاثة جنود`).
const TIME_WORDS: [&str; 8] = ["امس", "اليوم", "يوم", "مساء", "صباح", "ليل", "فجر", "ظهر"];

fn is_time_word(key: &str) -> bool {
    TIME_WORDS.iter().any(|w| key.starts_with(w))
}

/// The actor with the actors joined to it by `و` or a comma (`جنديين وشرطيا`, `وأربعة من رجال
/// الشرطة`, `جنود، ومسلحين`) or right after it (`عناصر الشرطة`), at most four more: one range over
/// all, the key of the first.
fn coordinated(actor: Actor, words: &[Word], actors: &[Actor]) -> Actor {
    let mut last = actor.last;
    // Right after it only in a construct: an agent noun without the article (`عناصر الشرطة`), not
    // two names in a row (`استقبل الرئيس الضيف`, `تركيا عبد الله أوجلان`).
    let construct_of = |a: &Actor| a.key.starts_with("AGENT:") && !words[a.last].has_article;
    let mut construct = construct_of(&actor);
    for _ in 0..4 {
        let Some(word) = words.get(last + 1) else { break };
        // A comma goes on the list before `و` (`جنود، ومسلحين، ومدنيين`).
        let comma = word.is_comma;
        let next = if comma { last + 2 } else { last + 1 };
        let Some(word) = words.get(next) else { break };
        if !comma && !word.has_conjunction && !construct {
            break;
        }
        let limit = if word.has_conjunction && word.is_number { next + 2 } else { next };
        let joined = actors
            .iter()
            .find(|a| a.first >= next && a.first <= limit && !a.is_place && a.preposition.is_none());
        // After a comma only an item with `و`: one without is a name in apposition (`أمير قطر،
        // تميم بن حمد`).
        match joined.filter(|_| !comma || word.has_conjunction) {
            Some(a) => {
                last = a.last;
                construct = construct_of(a);
            }
            None => break,
        }
    }
    if last == actor.last {
        return actor;
    }
    Actor { range: actor.range.start..words[last].range.end, text: String::new(), last, ..actor }
}

/// An agent noun with an attached pronoun (`قواته` its forces, `طائراتها` its planes) stands for
/// the actor named before it in the sentence (`قال الجيش الأميركي إن قواته قصفت`): that actor,
/// else the agent noun itself.
fn antecedent(actor: Actor, words: &[Word], actors: &[Actor]) -> Actor {
    if !actor.key.starts_with("AGENT:") || !words[actor.first].has_pronoun {
        return actor;
    }
    actors
        .iter()
        .rfind(|a| {
            a.last < actor.first && !a.after_place_preposition && !words[a.first].has_pronoun && !a.counted
        })
        .cloned()
        .unwrap_or(actor)
}

/// `على يد`/`على أيدي`, `من قبل`, `من جانب`, `بنيران`, `برصاص` at word `j`: the doer follows.
fn is_agent_marker(words: &[Word], j: usize) -> bool {
    let key = words[j].key.as_str();
    let previous = j.checked_sub(1).map_or("", |p| words[p].key.as_str());
    match key {
        "يد" | "ايدي" => previous == "علي",
        "قبل" | "جانب" => previous == "من",
        _ => words[j].particle == Some('ب') && (key.starts_with("نيران") || key.starts_with("رصاص")),
    }
}

/// The actor who claimed an attack: after `تبنى` (`تبنت الحركة`, `تبناه تنظيم القاعدة`; the plain
/// noun there when no actor is, unless it is a trigger at `trigger_words`) or before `مسؤوليته`
/// (`أعلنت حركة طالبان مسؤوليتها`).
fn claimant(words: &[Word], actors: &[Actor], trigger_words: &[usize]) -> Option<Actor> {
    let bare = |j: usize| words[j].key.strip_prefix(['و', 'ف']).unwrap_or(&words[j].key).to_string();
    (0..words.len()).find_map(|j| {
        let key = bare(j);
        if key.starts_with("تبن") {
            actors
                .iter()
                .find(|a| a.first > j && a.first <= j + 3 && !a.is_place)
                .cloned()
                .or_else(|| noun_after(words, j + 1, (j + 2).min(words.len())))
                // What was claimed is no claimant (`تبنى هجمات`).
                .filter(|a| !trigger_words.contains(&a.first))
        } else if key.starts_with("مسؤوليت") || key == "مسؤوليه" {
            actors.iter().rfind(|a| a.last < j && j - a.last <= 2 && !a.is_place).cloned()
        } else {
            None
        }
    })
}

/// Nouns (search-form beginnings) before the number of an attack's dead or wounded.
const CASUALTY_NOUNS: [&str; 4] = ["مقتل", "اصاب", "جرح", "سقوط"];
/// Verbs (search-form beginnings) only read as passives: the actor after them is the victim.
const PASSIVE_VERBS: [&str; 5] = ["اصيب", "اغتيل", "يصاب", "توفي", "لقي"];
/// Verbs (search-form beginnings) before the doer of a noun trigger (`قامت دبابة بقصف`).
const DOING_BEFORE: [&str; 5] = ["قام", "نفذ", "شن", "وجه", "ارتكب"];

/// Verbs (search-form beginnings) saying who carried out an attack or operation.
const DOING_VERBS: [&str; 6] = ["نفذ", "شن", "تبن", "ارتكب", "نظم", "نصب"];
/// Words (search form) after which a protest names what it is against.
const AGAINST: [&str; 7] = ["ضد", "علي", "رحيل", "استقاله", "يسقط", "اسقاط", "المناهضه"];
/// Types whose two parties act together.
const SYMMETRIC_TYPES: [&str; 3] = ["CONSULT", "AGREE", "COOPERATE"];

/// Words (search-form beginnings) that are never a verb's subject or object: times of day and
/// week, adverbs and prepositions the stopword list lacks. Skipped when looking for a plain noun.
const NOT_ACTORS: [&str; 28] = [
    "اسبوع",
    "امس",
    "اليوم",
    "يوم",
    "شهر",
    "عام",
    // the adjectives of a date (`الشهر الماضي`, `الأسبوع المقبل`)
    "ماضي",
    "الماضي",
    "مقبل",
    "المقبل",
    "فائت",
    "الفائت",
    "جاري",
    "الجاري",
    "حالي",
    "الحالي",
    "مساء",
    "صباح",
    "ليل",
    "عند",
    "حوالي",
    "مباشره",
    "اخرين",
    "ايضا",
    "نفس",
    "جراء",
    // `ما يقرب من 300`, `قرابة`: about, before a number
    "يقرب",
    "قرابه",
];

/// Months and weekdays (search form, article off): no subject, object or counted noun (`27
/// يوليو`, `خطفوا الخميس`).
const DATE_WORDS: [&str; 28] = [
    "يناير",
    "فبراير",
    "مارس",
    "ابريل",
    "مايو",
    "يونيو",
    "يوليو",
    "اغسطس",
    "سبتمبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "شباط",
    "اذار",
    "نيسان",
    "ايار",
    "حزيران",
    "تموز",
    "ايلول",
    "تشرين",
    "اثنين",
    "ثلاثاء",
    "اربعاء",
    "خميس",
    "جمعه",
    "سبت",
    "احد",
];

/// A preposition (search form) that opens a phrase no bare subject or object stands in.
fn is_preposition(key: &str) -> bool {
    PLACE_PREPOSITIONS.contains(&key) || TARGET_PREPOSITIONS.contains(&key)
}

/// The first plain noun in the next three words (no number, preposition or stopword), as an actor
/// without a key: the subject or object of a verb when no entity or agent noun is there.
fn noun_after(words: &[Word], from: usize, clause_end: usize) -> Option<Actor> {
    let noun = (from..clause_end.min(from + 3).min(words.len()))
        .take_while(|&j| !words[j].is_break && !is_preposition(&words[j].key))
        .filter(|&j| {
            let key = words[j].key.as_str();
            !NOT_ACTORS.iter().any(|w| key.starts_with(w)) && !is_time_word(key) && !DATE_WORDS.contains(&key)
        })
        .find(|&j| words[j].key.chars().count() >= 3 && !words[j].is_number && words[j].particle.is_none())
        .filter(|&j| !marsad_text::stem::is_stopword(&words[j].key))?;
    Some(Actor {
        range: words[noun].range.clone(),
        text: String::new(),
        key: String::new(),
        first: noun,
        last: noun,
        preposition: None,
        is_place: false,
        after_place_preposition: false,
        counted: noun > 0 && words[noun - 1].is_number,
        is_name: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(text: &str) -> Vec<Span> {
        let sentences = marsad_text::sentences(text);
        let entities = crate::entities::find_entities(text, &sentences, &[]);
        find_events(text, &sentences, &entities, &[], None, &[])
    }

    fn summary(text: &str) -> Vec<String> {
        events(text)
            .iter()
            .map(|e| {
                let get = |k: &str| e.attr_str(k).unwrap_or("-").to_string();
                format!("{} {} {}>{}", e.label, &text[e.range()], get("source_key"), get("target_key"))
            })
            .collect()
    }

    #[test]
    fn codes_types_and_actors() {
        for (text, expected) in [
            ("قصف الجيش السوري مواقع المسلحين في حمص.", vec!["ASSAULT قصف AGENT:MIL:SY>AGENT:REB"]),
            ("وتظاهر آلاف الطلاب أمام السفارة.", vec!["PROTEST وتظاهر AGENT:OPP>AGENT:GOV"]),
            ("المتظاهرون اعتصموا أمام البرلمان.", vec!["PROTEST اعتصموا AGENT:OPP>AGENT:LEG"]),
            ("وصل الوفد إلى القاهرة مساء أمس.", vec![]),
        ] {
            assert_eq!(summary(text), expected, "{text}");
        }
    }

    /// Each event as `TYPE trigger source>target`, with the actors' text.
    fn roles(text: &str) -> Vec<String> {
        events(text)
            .iter()
            .map(|e| {
                let get = |k: &str| e.attr_str(k).unwrap_or("-").to_string();
                format!("{} {} {}>{}", e.label, &text[e.range()], get("source"), get("target"))
            })
            .collect()
    }

    #[test]
    fn victims_of_killing_verbs() {
        for (text, expected) in [
            // Coordinated victims are all the target, listed with commas too.
            (
                "وقتلت الغارة ثلاثة جنود، ومسلحين، ومدنيين في القرية.",
                vec!["ASSAULT وقتلت الغارة>جنود، ومسلحين، ومدنيين"],
            ),
            (
                "وقتل المسلحون جنديين وثلاثة من رجال الشرطة قرب الحدود.",
                vec!["ASSAULT وقتل المسلحون>جنديين وثلاثة من رجال الشرطة"],
            ),
            // A list after `إن` ending in a verb with no object: the victims, not the doers.
            (
                "وقال مصدر أمني إن خمسة مدنيين وأربعة من رجال الشرطة قتلوا في المدينة.",
                vec!["ASSAULT قتلوا ->مدنيين وأربعة من رجال الشرطة"],
            ),
            ("وقال المتحدث إن أحد عناصر الشرطة قتل في المدينة.", vec!["ASSAULT قتل ->عناصر الشرطة"]),
            // `قتل` with an indefinite noun and no object after it is passive…
            (
                "قتل جنديان أميركيان وأصيب ثلاثة مدنيين في انفجار عبوة ناسفة.",
                vec!["ASSAULT قتل ->جنديان أميركيان", "ASSAULT انفجار ->مدنيين"],
            ),
            // … but active with an object after it.
            ("قتل مسلحون ثلاثة جنود قرب الحدود.", vec!["ASSAULT قتل مسلحون>جنود"]),
            // A definite armed agent after it is its doer, even with no actor after it.
            ("اغتال الطيران الحربي فجر اليوم قائدا ميدانيا.", vec!["ASSAULT اغتال الطيران الحربي>قائدا"]),
            // The doer after `على أيدي` makes the fronted noun the victim.
            (
                "وأفاد المصدر أن مهندسين خطفوا على أيدي مسلحين قرب الحدود.",
                vec!["ASSAULT خطفوا مسلحين>مهندسين"],
            ),
            // The counted dead of a noun-named attack are its target, not its doer.
            ("وقع انفجار في السوق أدى إلى مقتل شخص.", vec!["ASSAULT انفجار ->شخص"]),
            (
                "وأعلنت الشرطة مقتل أربعة أشخاص في انفجار سيارة مفخخة وسط المدينة.",
                vec!["ASSAULT انفجار ->أشخاص"],
            ),
            // A bomb that went off has no doer; what it stood by is the target.
            (
                "وقال المصدر إن سيارة مفخخة متوقفة أمام مقر الشرطة انفجرت صباح اليوم.",
                vec!["ASSAULT انفجرت ->الشرطة"],
            ),
            // Whoever owns the convoy that came under attack is the target.
            (
                "وأصيب السفير المصري عندما تعرضت قافلته في العاصمة لهجوم بالقنابل.",
                vec!["ASSAULT لهجوم ->السفير المصري"],
            ),
            // No doer for a bomb, not even the noun after it.
            ("وانفجرت السيارة المفخخة عند الساعة العاشرة.", vec!["ASSAULT وانفجرت ->-"]),
            // The actor before a relative pronoun is the subject of the verb after it.
            ("وشيع السكان في القرية الجنود الذين قتلوا في الكمين.", vec!["ASSAULT قتلوا ->الجنود"]),
            // Counted doers of a verb with an object stay its doers.
            (
                "وأعلنت الشرطة أن عشرات المستوطنين هاجموا المزارعين قرب القرية.",
                vec!["ASSAULT هاجموا المستوطنين>المزارعين"],
            ),
        ] {
            assert_eq!(roles(text), expected, "{text}");
        }
    }

    #[test]
    fn doers_named_apart_from_their_verb() {
        for (text, expected) in [
            // A nationality after a word of attack names the attacker, of a verb too.
            ("وأدت غارات روسية إلى تدمير المستشفى.", vec!["ASSAULT غارات AGENT:MIL:RU>-"]),
            (
                "وقتل عشرة مدنيين في الضربات الجوية الأميركية على القرية.",
                vec!["ASSAULT وقتل AGENT:MIL:US>AGENT:CVL"],
            ),
            // The pronoun of a noun trigger points back to the actor before it, whose country an
            // agent noun of its kind inherits.
            (
                "ورد الجيش السوري حيث كثف الطيران الحربي غاراته على مواقع المسلحين.",
                vec!["ASSAULT غاراته AGENT:MIL:SY>AGENT:REB"],
            ),
            // `قواته` after `أن` stands for the army named before it.
            (
                "وأعلن الجيش العراقي أن قواته قصفت مواقع المسلحين.",
                vec!["ASSAULT قصفت AGENT:MIL:IQ>AGENT:REB"],
            ),
            (
                "وقال الجيش الأميركي إن قواته أطلقت على الأقل صاروخا على مواقع المسلحين.",
                vec!["ASSAULT أطلقت على الأقل صاروخا AGENT:MIL:US>AGENT:REB"],
            ),
            // A reflexive bomber stands before the verb, across a comma.
            (
                "وقال الضابط إن انتحاريا يقود سيارة، فجر نفسه قرب موكب المحافظ.",
                vec!["ASSAULT فجر AGENT:IMG>AGENT:GOV"],
            ),
            // The verb's definite subject, before an armed agent of another clause.
            ("خطفت الجبهة طائرة ركاب، مما دفع الجيش إلى مواجهة الفصائل.", vec!["ASSAULT خطفت ->AGENT:CVL"]),
        ] {
            assert_eq!(summary(text), expected, "{text}");
        }
        assert_eq!(
            roles("خطفت الجبهة طائرة ركاب، مما دفع الجيش إلى مواجهة الفصائل."),
            vec!["ASSAULT خطفت الجبهة>طائرة"]
        );
        assert_eq!(roles("وأسفر هجوم نفذه متطرف عن مقتل شخص."), vec!["ASSAULT هجوم متطرف>شخص"]);
        // Who set an ambush carried it out.
        assert_eq!(
            roles("وسقط ثلاثة جنود في كمين نصبه مسلحو التنظيم قرب الحدود."),
            vec!["ASSAULT كمين مسلحو>جنود"]
        );
        for (text, expected) in [
            // A plural verb holds its subject: the actor after it is the object.
            ("وقال الشهود إنهم هاجموا المستوطنين قرب القرية.", vec!["ASSAULT هاجموا ->المستوطنين"]),
            // A doer of `قام` must stand between the verb and the noun, and an attack after `عقب`
            // belongs to no actor before it.
            (
                "وقامت الشرطة باعتقال أبناء القرية عقب الهجوم على الحاجز.",
                vec!["COERCE باعتقال الشرطة>القرية", "ASSAULT الهجوم ->-"],
            ),
            // A name after a comma is in apposition, not on the list.
            ("واستقبل الرئيس أمير قطر، تميم بن حمد، في القصر.", vec!["CONSULT واستقبل الرئيس>قطر"]),
        ] {
            assert_eq!(roles(text), expected, "{text}");
        }
        assert_eq!(roles("وتبنت الجبهة الهجوم على دورية الشرطة."), vec!["ASSAULT الهجوم الجبهة>الشرطة"]);
    }

    /// Words of triggers, actors and the rules about them, shuffled into sentences by the property
    /// test below: every rule meets its words at a sentence's start, its end and next to others.
    const RULE_WORDS: [&str; 44] = [
        "قصف",
        "الجيش",
        "السوري",
        "لم",
        "لن",
        "قد",
        "يهدد",
        "مباراة",
        "اعتُقل",
        "تحتجزهما",
        "حماس",
        "هجوم",
        "مسلح",
        "اللواء",
        "توفيق",
        "أبو",
        "نعيم",
        "العقوبات",
        "الأمريكية",
        "،",
        ".",
        "إذا",
        "طالب",
        "وقف",
        "منظمة",
        "حظر",
        "استهدف",
        "تحقيق",
        "الاتفاق",
        "من",
        "هنا",
        "بين",
        "و",
        "7",
        "أشخاص",
        "قتل",
        "انفجرت",
        "نفسه",
        "فجر",
        "على يد",
        "ما يقرب من",
        "مستوطن",
        "المتظاهرون",
        "محادثات",
    ];

    proptest::proptest! {
        #[test]
        fn any_sentence_of_rule_words_codes_without_panic(
            picks in proptest::collection::vec(0..RULE_WORDS.len(), 0..60)
        ) {
            let text = picks.iter().map(|&i| RULE_WORDS[i]).collect::<Vec<_>>().join(" ");
            for event in events(&text) {
                proptest::prop_assert!(event.start < event.end && event.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(event.start) && text.is_char_boundary(event.end));
            }
        }
    }

    #[test]
    fn titles_pronouns_passives_and_nationalities() {
        for (text, expected) in [
            // A title before a name is the person; a group before a name is not.
            (
                "واغتال مسلحون اللواء توفيق أبو نعيم في غزة.",
                vec!["ASSAULT واغتال مسلحون>اللواء توفيق أبو نعيم"],
            ),
            // A verb with an object pronoun and its subject after it: the object is named before.
            ("وقالت إسرائيل إن رفات جنديين تحتجزهما حماس منذ الحرب.", vec!["COERCE تحتجزهما حماس>جنديين"]),
            // Written as a passive: the actor after it is the one arrested, not the arresting.
            ("واعتُقل سبعة أشخاص في المدينة.", vec!["COERCE واعتُقل ->أشخاص"]),
            // Who reports an attack did not make it, unless a pronoun says so.
            ("وقالت وزارة الدفاع إن الاشتباكات أسفرت عن مقتل مسلحين.", vec!["ASSAULT الاشتباكات ->مسلحين"]),
            ("وقال الجيش الأميركي إن قواته قصفت مواقع المسلحين.", vec!["ASSAULT قصفت الجيش الأميركي>المسلحين"]),
            // A nationality after sanctions names the state that imposes them.
            ("وتضررت الشركات من العقوبات الأمريكية.", vec!["SANCTION العقوبات الأمريكية>-"]),
        ] {
            assert_eq!(roles(text), expected, "{text}");
        }
    }

    #[test]
    fn triggers_that_report_no_event() {
        let types = |text: &str| events(text).iter().map(|e| e.label.clone()).collect::<Vec<_>>();
        for (text, expected) in [
            // Sport: a match, a player's injury.
            ("ويلتقي المنتخب المغربي نظيره التونسي في مباراة ودية الثلاثاء.", vec![]),
            ("وغاب اللاعب عن التدريبات بسبب إصابة في الركبة.", vec![]),
            // Negated and hypothetical; the same verbs stated happen.
            ("ولم تقصف الطائرات المدينة منذ أسبوع.", vec![]),
            ("وقصفت الطائرات المدينة منذ أسبوع.", vec!["ASSAULT"]),
            ("وقال إن الحكومة لن تفاوض المسلحين.", vec![]),
            ("وقال إنه إذا هاجم المسلحون القرية فإن الجيش سيرد.", vec![]),
            ("وهو صاروخ قد يهدد المدن الساحلية.", vec![]),
            ("وأكد أن عدم التوصل إلى اتفاق يطيل الأزمة.", vec![]),
            // `لم` before a noun subject does not negate it: the attack happened.
            ("ولم يسفر الهجوم على الحاجز عن إصابات.", vec!["ASSAULT"]),
            // `قد` before a perfect verb is "has": it happened.
            ("وكان الجيش قد قصف مواقع المسلحين.", vec!["ASSAULT"]),
            // Natural causes.
            ("وقتل عشرة أشخاص في زلزال ضرب الإقليم.", vec![]),
            ("وقتل عشرة أشخاص في هجوم على الإقليم.", vec!["ASSAULT", "ASSAULT"]),
            // Figurative `استهدف`, incitement, a body's name, an agreement named.
            ("وتستهدف الخطة تحقيق نمو اقتصادي.", vec![]),
            ("واستهدفت الغارات مواقع المسلحين.", vec!["ASSAULT"]),
            ("ووجهت إليه تهمة التحريض على قتل الشرطي.", vec![]),
            ("وأرسلت منظمة حظر الأسلحة الكيميائية خبراء.", vec![]),
            ("ويبقى الاتفاق النووي محور النقاش.", vec![]),
            ("وأعلن الرئيس انسحاب بلاده من الاتفاق مع إيران.", vec!["RETREAT"]),
            ("وتوصلت الحكومة إلى اتفاق مع النقابات.", vec!["AGREE"]),
            // What is asked for has not happened; what one asks to end has.
            ("وستطلب الإدارة من إسرائيل الانسحاب من الأحياء.", vec!["REQUEST"]),
            ("وتطالب إسرائيل بإعادة جنديين تحتجزهما حماس.", vec!["REQUEST", "COERCE"]),
            ("ودعا الأمين العام إلى وقف القتال في المدينة.", vec!["REQUEST", "ASSAULT"]),
            // `تستهدف` aiming at a goal, even with a keyed subject.
            ("وقال إن الوزارة تستهدف الانتهاء من التحقيق في يوليو.", vec![]),
            // `هنا` (here) is not `هنأ` (congratulated); a ministry's name holds no cooperation.
            ("وقال الوزير: إن الوضع هنا مستقر.", vec![]),
            ("وأعلنت وزارة الاستثمار والتعاون الدولي خطة جديدة.", vec![]),
        ] {
            assert_eq!(types(text), expected, "{text}");
        }
        // An article that is about sport codes nothing, even in a sentence without a sport word.
        let article =
            "فاز الفريق على ضيفه في مباراة الدوري. وسجل اللاعب هدفين. واتفق النادي مع المدرب على التجديد.";
        assert_eq!(types(article), Vec::<String>::new());
        // One sport sentence in a political article leaves the others alone.
        let politics = "وقصفت الطائرات المدينة. وحضر الرئيس مباراة الدوري. واجتمع الوزير بنظيره في عمان.";
        assert_eq!(types(politics), vec!["ASSAULT", "CONSULT"]);
    }

    #[test]
    fn protest_sources_and_targets() {
        for (text, expected) in [
            // The verb's own subject first, then the protesters the sentence names.
            (
                "وقالت الوكالة إن العمال تجمعوا أمام الوزارة ثم انضم إليهم المتظاهرون.",
                vec!["PROTEST تجمعوا العمال>الوزارة"],
            ),
            ("وأعلن سكان الحي الإضراب أمام المصنع.", vec!["PROTEST الإضراب سكان>-"]),
            (
                "وشل الإضراب المدينة لليوم الثالث، وتجمع السكان والمتظاهرون قرب المبنى.",
                vec!["PROTEST الإضراب والمتظاهرون>-"],
            ),
            // The actor before a noun trigger is not its subject.
            (
                "واشتبك المتظاهرون مع الجيش قرب قرية بلعين وقرية نعلين أثناء مسيرة ضد الجدار.",
                vec!["ASSAULT واشتبك المتظاهرون>الجيش", "PROTEST مسيرة المتظاهرون>الجدار"],
            ),
            // The actor before a relative pronoun, across a place, is the verb's subject.
            (
                "وأثار اعتقال الناشط غضب السكان في مدينة الحديدة الذين خرجوا إلى الشوارع.",
                vec!["COERCE اعتقال الناشط>السكان", "PROTEST خرجوا إلى الشوارع السكان>-"],
            ),
            // After `ضد`, the plain noun when no actor is there.
            ("وخرجت مظاهرات في المدينة ضد الحكم.", vec!["PROTEST مظاهرات ->الحكم"]),
            // Protesters acting before their number; riot police are no riot.
            ("ورشق مئات المتظاهرين قوات مكافحة الشغب بالحجارة.", vec!["PROTEST ورشق المتظاهرين>قوات"]),
        ] {
            assert_eq!(roles(text), expected, "{text}");
        }
    }

    #[test]
    fn actors_of_passives_reported_speech_and_pronouns() {
        for (text, expected) in [
            // The subject after `إن`, however far from its verb.
            (
                "وقال مصدر أمني إن مسلحين مجهولين يستقلون سيارة سوداء هاجموا القرية.",
                vec!["ASSAULT هاجموا AGENT:REB>AGENT:CVL"],
            ),
            // The doer after `بنيران` / `على أيدي` of a passive.
            ("وقتل شرطي بنيران مسلحين مجهولين في بغداد.", vec!["ASSAULT وقتل AGENT:REB>-"]),
            ("وخطف مهندسان على أيدي مسلحين قرب الحدود.", vec!["ASSAULT وخطف AGENT:REB>AGENT:CVL"]),
            // `قواتها` stands for the police named before it.
            ("وقالت الشرطة إن قواتها قتلت مسلحين.", vec!["ASSAULT قتلت AGENT:COP>AGENT:REB"]),
            // The doer between `قام` and the noun; the target of `تعرض ل`.
            ("وقامت دبابة إسرائيلية بقصف منزل في غزة.", vec!["ASSAULT بقصف AGENT:MIL:IL>-"]),
            ("وتعرضت قافلة الجنود لهجوم شنه مسلحون.", vec!["ASSAULT لهجوم AGENT:REB>AGENT:MIL"]),
            // A nationality after a noun-named attack names its doer.
            ("وأدت غارات إسرائيلية إلى مقتل ثلاثة مدنيين.", vec!["ASSAULT غارات AGENT:MIL:IL>-"]),
            // A dictionary pattern with no actor codes nothing (`تقدم باتجاه` progress towards).
            ("ونأمل إحراز تقدم باتجاه الحل في الأيام المقبلة.", vec![]),
            // `تعرض` (was subjected to) is a verb of its own, not the imperfect of `عرض` (presented),
            // whose dictionary rows would make a protest of it.
            // `مسلح` after `هجوم` is "armed", not a gunman: the attacker is not named.
            ("وتعرض موكب المحافظ لهجوم مسلح قرب المدينة.", vec!["ASSAULT لهجوم ->AGENT:GOV"]),
            ("وأطلق مسلح النار على الحاجز.", vec!["ASSAULT وأطلق مسلح النار AGENT:REB>-"]),
            // The adjective of a date is no object.
            ("واعتقلت الشرطة الشهر الماضي.", vec!["COERCE واعتقلت AGENT:COP>-"]),
            // A convoy alone is no aid (one of aid is, by `مساعدات`).
            ("ووصلت القافلة إلى البلدة صباح اليوم.", vec![]),
        ] {
            assert_eq!(summary(text), expected, "{text}");
        }
    }

    #[test]
    fn nisba_adjectives_give_countries() {
        for (word, expected) in
            [("السوري", Some("SY")), ("العراقية", Some("IQ")), ("الأمريكيين", Some("US")), ("الكبير", None)]
        {
            assert_eq!(nisba_country(&word_key(word)), expected, "{word}: key {}", word_key(word));
        }
    }

    #[test]
    fn many_candidate_actors_stay_bounded() {
        let names = "وأحمد وعلي وسعيد وخالد ومحمود".repeat(12);
        let text = format!("هاجم مسلحون {names} في بغداد.");
        let found = events(&text);
        assert_eq!(found.len(), 1);
        let words = sentence_words(&text, 0);
        let sentence = 0..text.len();
        let entities = crate::entities::find_entities(&text, std::slice::from_ref(&sentence), &[]);
        assert!(sentence_actors(&text, &words, &sentence, &entities, Lexicon::builtin()).len() <= MAX_ACTORS);
    }
}
