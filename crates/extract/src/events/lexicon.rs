//! Trigger and agent tables: what words stand for an event of which PLOVER type, and which nouns
//! name a kind of actor (`جيش` → military).
//!
//! Entry points: [`compile_dictionaries`] turns UniversalPetrarch's Arabic verb dictionary and agent
//! list into the TSVs shipped in `data/events/` (run by `cargo run -p marsad-extract --example
//! build_events`); [`Lexicon::builtin`] parses the shipped tables once; [`word_key`] and
//! [`Lexicon::triggers_for`] match them against words.
//!
//! Every table word is keyed by its search form without clitics ([`word_key`]: `marsad-text`'s
//! `SplitClitics::split_for_search` then `Normalizer::search`), so `وقصفت` meets `قصف`. A text word
//! is looked up under its key and under the keys left when a verb's person prefix (`ي` `ت` `ن`,
//! with `ا` restored for the derived forms: `يستهدف` → `استهدف`) and suffix (`ت` `وا` `ون` `ا`
//! `ان` `ين` `تا` `ن`) are taken off; nouns are written in the table with each plural.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{LazyLock, RwLock};

use marsad_text::normalize::Normalizer;
use marsad_text::segment::{CliticSplit, SplitClitics};

/// The sixteen PLOVER event types this layer codes: the labels the article model fixes for the
/// `events` layer.
pub use marsad_article::layer::EVENT_TYPES as PLOVER_TYPES;

/// The PLOVER type and mode of a CAMEO event code (`057`, `1246`, `0871`), or `None` for the codes
/// PLOVER has no type for here (`01x` public statements, `09x` investigations) and malformed codes.
///
/// | CAMEO | PLOVER | | CAMEO | PLOVER |
/// |---|---|---|---|---|
/// | 02 appeal, 10 demand | REQUEST | | 11 disapprove | ACCUSE |
/// | 03 intend to cooperate | AGREE (mode `promise`) | | 12 reject | REJECT |
/// | 04 consult | CONSULT | | 13 threaten | THREATEN |
/// | 05 diplomatic cooperation | SUPPORT; 057 AGREE (`sign`) | | 14 protest | PROTEST |
/// | 06 material cooperation | COOPERATE | | 15 force posture | MOBILIZE |
/// | 07 provide aid | AID | | 16 reduce relations | SANCTION |
/// | 08 yield | CONCEDE; 0871 AGREE (`ceasefire`); 0872–0874 RETREAT | | 17 coerce | COERCE |
/// | | | | 18 assault, 19 fight, 20 mass violence | ASSAULT |
pub fn plover_of_cameo(code: &str) -> Option<(&'static str, &'static str)> {
    if !(3..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let root = &code[..2];
    Some(match root {
        "02" => ("REQUEST", "appeal"),
        "03" => ("AGREE", "promise"),
        "04" => ("CONSULT", ""),
        "05" if code.starts_with("057") => ("AGREE", "sign"),
        "05" => ("SUPPORT", ""),
        "06" => ("COOPERATE", ""),
        "07" => ("AID", ""),
        "08" if code.starts_with("0871") => ("AGREE", "ceasefire"),
        "08" if code.starts_with("087") => ("RETREAT", ""),
        "08" => ("CONCEDE", ""),
        "10" => ("REQUEST", "demand"),
        "11" => ("ACCUSE", ""),
        "12" => ("REJECT", ""),
        "13" => ("THREATEN", ""),
        "14" => ("PROTEST", ""),
        "15" => ("MOBILIZE", ""),
        "16" => ("SANCTION", ""),
        "17" => ("COERCE", ""),
        "18" | "19" | "20" => ("ASSAULT", ""),
        _ => return None,
    })
}

/// How a trigger word may be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// A verb: never matched on a word with the article.
    Verb,
    /// A noun: matched only as written (with or without the article and clitics).
    Noun,
    /// A word that is a verb or a noun (`قصف` shelled / shelling): matched as written, and without
    /// the article also in a verb's inflected forms (`قصفت`, `يقصفون`).
    Either,
    /// A noun that signals an event only when no stronger trigger of its type is in the sentence
    /// (`قتلى` dead, `لافتات` banners).
    Weak,
}

/// Where a trigger row came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `triggers_hand.tsv`, written by the team.
    Hand,
    /// A UniversalPetrarch verb with its object word (a pattern line).
    DictionaryPattern,
    /// A UniversalPetrarch verb coded on its own.
    DictionaryVerb,
    /// Not a table row: protesters doing something make a PROTEST (see `events::protester_rule`).
    Rule,
}

/// One trigger: its word keys (a phrase when several), what it codes and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    /// The keys of its words ([`word_key`]), in order; in the team's phrases later words may
    /// follow up to [`PHRASE_GAP`] words after the previous one, in the dictionary's up to one.
    pub keys: Vec<String>,
    /// The PLOVER type.
    pub plover: &'static str,
    /// How the first word may be read.
    pub pos: Pos,
    /// The PLOVER mode, or empty.
    pub mode: String,
    /// The CAMEO code, for rows from the dictionary.
    pub cameo: String,
    /// Where the row came from.
    pub origin: Origin,
}

/// How many words may stand between two words of a trigger phrase (`توصل إلى اتفاق`).
pub const PHRASE_GAP: usize = 3;

/// Particles dropped from dictionary phrases: they are often clitics in text (`بالنار`).
const PARTICLES: [&str; 12] = ["في", "على", "إلى", "الى", "عن", "ل", "ب", "مع", "من", "هوو", "ضد", "حتي"];

/// The key of one word: search form (alef, ى, ة, harakat folded) of its stem, clitics removed.
pub fn word_key(word: &str) -> String {
    key_of_split(word, &SplitClitics::builtin().split_for_search(word))
}

/// [`word_key`] of `word` given its `split_for_search`, for callers that need the split too.
pub(crate) fn key_of_split(word: &str, split: &CliticSplit) -> String {
    let stem = &word[split.stem()];
    let stem = if stem.chars().count() >= 2 { stem } else { word };
    Normalizer::shared_search().normalize(stem).into_owned()
}

/// The key of a word written in an agent table. Table words carry no clitics but the article, so
/// a letter the splitter would read as a proclitic belongs to the stem (`بقال` grocer is no `ب` +
/// `قال` said).
fn table_word_key(word: &str) -> String {
    let key = word_key(word);
    let bare = word.strip_prefix("ال").filter(|rest| rest.chars().count() >= 2).unwrap_or(word);
    let whole = Normalizer::shared_search().normalize(bare).into_owned();
    if whole.chars().count() > key.chars().count() && whole.ends_with(key.as_str()) {
        whole
    } else {
        key
    }
}

/// The keys a text word may stand for: its own key, then the key with a verb's person prefix and
/// subject suffix removed. Longest first; no key shorter than three letters.
pub fn candidate_keys(key: &str) -> Vec<String> {
    const SUFFIXES: [&str; 9] = ["", "ت", "وا", "ون", "ا", "ان", "ين", "تا", "ن"];
    let mut out: Vec<String> = Vec::with_capacity(8);
    let mut push = |s: String| {
        if s.chars().count() >= 3 && !out.contains(&s) {
            out.push(s);
        }
    };
    // A conjunction the clitic splitter left on (`وهتف`) is tried off too.
    let bare = key.strip_prefix(['و', 'ف']).filter(|rest| rest.chars().count() >= 3);
    for (key, suffix) in std::iter::once(key).chain(bare).flat_map(|k| SUFFIXES.map(|s| (k, s))) {
        let chars: Vec<char> = key.chars().collect();
        let Some(body) = key.strip_suffix(suffix) else { continue };
        push(body.to_string());
        let first = chars.first().copied();
        if matches!(first, Some('ي' | 'ت' | 'ن')) && body.chars().count() >= 4 {
            let rest: String = body.chars().skip(1).collect();
            push(format!("ا{rest}"));
            push(rest);
        }
    }
    out
}

/// The parsed trigger and agent tables.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Triggers by the key of their first word.
    triggers: HashMap<String, Vec<Trigger>>,
    /// Agent nouns: key of the first word → (keys of all words, agent code).
    agents: HashMap<String, Vec<(Vec<String>, String)>>,
    /// For the word keys looked up so far, their [`candidate_keys`] that have triggers (most have
    /// none): building the candidates costs more than the lookups. Bounded by [`KNOWN_KEYS`];
    /// emptied when a trigger is added.
    known: RwLock<HashMap<String, Vec<String>>>,
}

/// The most word keys [`Lexicon::known`] keeps.
const KNOWN_KEYS: usize = 100_000;

/// The team's triggers.
const HAND_TRIGGERS: &str = include_str!("../../data/events/triggers_hand.tsv");
/// Triggers compiled from the UniversalPetrarch verb dictionary.
const DICTIONARY_TRIGGERS: &str = include_str!("../../data/events/triggers_upd.tsv");
/// The team's agent nouns.
const HAND_AGENTS: &str = include_str!("../../data/events/agents_hand.tsv");
/// Agent nouns compiled from the UniversalPetrarch agent list.
const DICTIONARY_AGENTS: &str = include_str!("../../data/events/agents_upd.tsv");

impl Lexicon {
    /// The shipped tables, parsed on first use (their warnings are checked empty by a test).
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse_builtin().0);
        &BUILTIN
    }

    /// Parses the shipped tables; returns the lexicon and one warning per malformed line.
    pub fn parse_builtin() -> (Lexicon, Vec<String>) {
        let mut lexicon = Lexicon::default();
        let mut warnings = Vec::new();
        lexicon.add_triggers("triggers_hand.tsv", HAND_TRIGGERS, Origin::Hand, &mut warnings);
        lexicon.add_triggers("triggers_upd.tsv", DICTIONARY_TRIGGERS, Origin::DictionaryVerb, &mut warnings);
        lexicon.add_agents("agents_hand.tsv", HAND_AGENTS, &mut warnings);
        lexicon.add_agents("agents_upd.tsv", DICTIONARY_AGENTS, &mut warnings);
        (lexicon, warnings)
    }

    /// Adds the rows of a trigger TSV (`words \t type \t pos \t mode [\t cameo]`); a row with a
    /// CAMEO code and several words is a dictionary pattern. Malformed rows are skipped with a
    /// warning naming `name` and the line.
    pub fn add_triggers(&mut self, name: &str, tsv: &str, origin: Origin, warnings: &mut Vec<String>) {
        for (number, line) in data_lines(tsv) {
            let fields: Vec<&str> = line.split('\t').collect();
            let plover = fields.get(1).and_then(|t| PLOVER_TYPES.iter().find(|p| *p == t));
            let pos = match fields.get(2).copied() {
                Some("V") => Some(Pos::Verb),
                Some("N") => Some(Pos::Noun),
                Some("*") => Some(Pos::Either),
                Some("W") => Some(Pos::Weak),
                _ => None,
            };
            let keys: Vec<String> = fields[0].split_whitespace().map(word_key).collect();
            let (Some(plover), Some(pos), false) = (plover, pos, keys.is_empty()) else {
                warnings.push(format!(
                    "{name}:{number}: expected `words<TAB>PLOVER type<TAB>V|N|*|W<TAB>mode`, found `{line}`"
                ));
                continue;
            };
            let cameo = fields.get(4).copied().unwrap_or_default().to_string();
            let origin = match origin {
                Origin::Hand => Origin::Hand,
                _ if keys.len() > 1 => Origin::DictionaryPattern,
                _ => Origin::DictionaryVerb,
            };
            let trigger = Trigger {
                keys,
                plover,
                pos,
                mode: fields.get(3).copied().unwrap_or_default().to_string(),
                cameo,
                origin,
            };
            if let Ok(known) = self.known.get_mut() {
                known.clear();
            }
            let rows = self.triggers.entry(trigger.keys[0].clone()).or_default();
            // A hand row wins over dictionary rows with the same words.
            if origin != Origin::Hand && rows.iter().any(|r| r.keys == trigger.keys) {
                continue;
            }
            rows.push(trigger);
        }
    }

    /// Adds the rows of an agent TSV (`words \t code`).
    pub fn add_agents(&mut self, name: &str, tsv: &str, warnings: &mut Vec<String>) {
        for (number, line) in data_lines(tsv) {
            let mut fields = line.split('\t');
            let words: Vec<String> =
                fields.next().unwrap_or_default().split_whitespace().map(table_word_key).collect();
            let code = fields.next().unwrap_or_default().trim();
            if words.is_empty() || code.is_empty() || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                warnings.push(format!("{name}:{number}: expected `words<TAB>agent code`, found `{line}`"));
                continue;
            }
            self.agents.entry(words[0].clone()).or_default().push((words, code.to_string()));
        }
    }

    /// The triggers whose first word may be the word with key `key`, with whether the word
    /// carried the article.
    pub fn triggers_for(&self, key: &str, has_article: bool) -> Vec<&Trigger> {
        let mut out = Vec::new();
        let bare = key.strip_prefix(['و', 'ف']);
        for candidate in self.candidates_with_triggers(key) {
            let exact = candidate == key || Some(candidate.as_str()) == bare;
            for trigger in self.triggers.get(&candidate).into_iter().flatten() {
                // Inflected readings are verb readings; a noun must match as written.
                let ok = match trigger.pos {
                    Pos::Verb => !has_article,
                    Pos::Either => exact || !has_article,
                    Pos::Noun | Pos::Weak => exact,
                };
                if ok {
                    out.push(trigger);
                }
            }
        }
        out
    }

    /// The [`candidate_keys`] of `key` that have triggers, in order, through [`Lexicon::known`].
    fn candidates_with_triggers(&self, key: &str) -> Vec<String> {
        if let Some(candidates) = self.known.read().ok().and_then(|known| known.get(key).cloned()) {
            return candidates;
        }
        let mut candidates: Vec<String> =
            candidate_keys(key).into_iter().filter(|c| self.triggers.contains_key(c)).collect();
        // A word that is itself a verb with triggers (`تعرض` was subjected to) is not read as
        // another verb's imperfect too (`عرض` presented).
        let whole: Vec<String> = candidates
            .iter()
            .filter(|c| c.starts_with(['ي', 'ت', 'ن']) && c.chars().count() >= 4)
            .map(|c| c.chars().skip(1).collect())
            .collect();
        candidates
            .retain(|c| !whole.iter().any(|rest| c == rest || c.strip_prefix('ا') == Some(rest.as_str())));
        if let Ok(mut known) = self.known.write() {
            if known.len() < KNOWN_KEYS {
                known.insert(key.to_string(), candidates.clone());
            }
        }
        candidates
    }

    /// The agent rows whose first word may be the word with key `key` (plural, dual and accusative
    /// endings `ون` `ين` `ات` `ه` `ان` `ا` tried too; not `ي`, which would make `رئيسي` a president).
    pub fn agents_for(&self, key: &str) -> Vec<&(Vec<String>, String)> {
        let mut out = Vec::new();
        for ending in ["", "ون", "ين", "ات", "ه", "يون", "يين", "ا", "ان"] {
            if let Some(body) = key.strip_suffix(ending) {
                if body.chars().count() >= 3 {
                    out.extend(self.agents.get(body).into_iter().flatten());
                }
            }
        }
        out
    }

    /// How many trigger rows are loaded.
    pub fn trigger_count(&self) -> usize {
        self.triggers.values().map(Vec::len).sum()
    }
}

/// The non-empty, non-comment lines of a table after its header, with 1-based line numbers.
fn data_lines(tsv: &str) -> impl Iterator<Item = (usize, &str)> {
    tsv.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
}

/// What [`compile_dictionaries`] produces: the two TSVs and a warning per skipped line.
#[derive(Debug, Default)]
pub struct Compiled {
    /// `triggers_upd.tsv`.
    pub triggers: String,
    /// `agents_upd.tsv`.
    pub agents: String,
    /// `FILE:LINE: reason`, one per malformed line.
    pub warnings: Vec<String>,
}

/// Agent codes kept from the agent list: the ones that name people who act in news events.
const AGENT_CODES: [&str; 18] = [
    "MIL", "COP", "REB", "INS", "UAF", "IMG", "CVL", "OPP", "GOV", "LEG", "JUD", "REF", "MED", "LAB", "EDU",
    "SPY", "CRM", "NGO",
];

/// Compiles UniversalPetrarch's `CAMEO.ar.0.5.txt` (verb blocks, verb lines, `- * object [code]`
/// patterns, `&SYNSET`s) and `agents.all.ar_v3.txt` (`phrase [~CODE]`) into the shipped TSVs.
///
/// A pattern becomes, for every verb of its block, a phrase `verb object` (a synset in the object
/// expands to its first twelve members' first words). A verb's own code is not used: measured on the
/// team's gold, the lemmatised verbs alone (`خرج` coded REJECT, `قوة` ASSAULT) matched far more
/// non-events than events. Codes PLOVER has no type for ([`plover_of_cameo`]) are dropped silently; lines that do
/// not parse are dropped with a warning naming the file and line.
pub fn compile_dictionaries(verbs: &str, agents: &str) -> Compiled {
    const VERBS: &str = "CAMEO.ar.0.5.txt";
    const AGENTS: &str = "agents.all.ar_v3.txt";
    let mut warnings = Vec::new();
    // Synsets: `&NAME` then `+member_words_` lines.
    let mut synsets: HashMap<String, Vec<String>> = HashMap::new();
    let mut current_synset: Option<String> = None;
    // Rows: (words, type, pos, mode, cameo).
    let mut rows: BTreeSet<(String, &str, &str, &str, String)> = BTreeSet::new();
    let mut block_verbs: Vec<String> = Vec::new();
    for (index, raw) in verbs.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim_end_matches('\r');
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(name) = trimmed.strip_prefix('&') {
            current_synset = Some(name.split_whitespace().next().unwrap_or_default().to_string());
            continue;
        }
        if let Some(member) = trimmed.strip_prefix('+') {
            match (&current_synset, member.split('_').find(|w| !w.is_empty())) {
                (Some(set), Some(first)) => synsets.entry(set.clone()).or_default().push(first.to_string()),
                _ => warnings.push(format!("{VERBS}:{number}: synset member outside a synset or empty")),
            }
            continue;
        }
        if current_synset.is_some() && trimmed.starts_with('_') {
            warnings.push(format!("{VERBS}:{number}: synset member `{trimmed}` does not start with `+`"));
            continue;
        }
        current_synset = None;
        let (body, _gloss) = trimmed.split_once('#').unwrap_or((trimmed, ""));
        let code = match (body.find('['), body.find(']')) {
            (Some(open), Some(close)) if open < close => Some(body[open + 1..close].trim()),
            (None, None) => None,
            _ => {
                warnings.push(format!("{VERBS}:{number}: unbalanced `[` `]` in `{trimmed}`"));
                continue;
            }
        };
        let words_part = body.split('[').next().unwrap_or_default().trim();
        if let Some(header) = trimmed.strip_prefix("---") {
            let verb = header.split('[').next().unwrap_or_default().trim();
            block_verbs.clear();
            if verb.is_empty() {
                warnings.push(format!("{VERBS}:{number}: block header without a verb"));
            }
            continue;
        }
        if let Some(pattern) = words_part.strip_prefix('-') {
            let Some(code) = code else {
                warnings.push(format!("{VERBS}:{number}: pattern without a `[code]`"));
                continue;
            };
            if !pattern.contains('*') {
                warnings.push(format!("{VERBS}:{number}: pattern without the verb's place `*`"));
                continue;
            }
            let Some((plover, mode)) = plover_of_cameo(code) else { continue };
            let after = pattern.split('*').nth(1).unwrap_or_default();
            let object = after
                .split(|c: char| c.is_whitespace() || "(){}".contains(c))
                .map(|w| w.trim_matches('_'))
                .find(|w| !w.is_empty() && !PARTICLES.contains(w));
            let objects: Vec<String> = match object {
                Some(synset) if synset.starts_with('&') => {
                    synsets.get(&synset[1..]).cloned().unwrap_or_default().into_iter().take(12).collect()
                }
                Some(word) => vec![word.replace('_', " ")],
                None => Vec::new(),
            };
            for verb in &block_verbs {
                for object in &objects {
                    rows.insert((format!("{verb} {object}"), plover, "V", mode, code.to_string()));
                }
            }
            continue;
        }
        // A verb line: `form [code]`, the form's words joined by `+`.
        let words: Vec<&str> =
            words_part.split('+').map(str::trim).filter(|w| !PARTICLES.contains(w)).collect();
        if words.iter().any(|w| w.contains(' ') || w.is_empty()) {
            warnings.push(format!("{VERBS}:{number}: verb form `{words_part}` has a space inside a word"));
            continue;
        }
        if !words.is_empty() {
            block_verbs.push(words.join(" "));
        }
    }
    let mut triggers = String::from(
        "# Marsad event triggers compiled by `cargo run -p marsad-extract --example build_events` from\n\
         # UniversalPetrarch CAMEO.ar.0.5.txt (MIT, Open Event Data Alliance); see data/SOURCES.md.\n\
         words\ttype\tpos\tmode\tcameo\n",
    );
    for (words, plover, pos, mode, cameo) in &rows {
        triggers.push_str(&format!("{words}\t{plover}\t{pos}\t{mode}\t{cameo}\n"));
    }

    let mut agent_rows: BTreeMap<String, String> = BTreeMap::new();
    for (index, raw) in agents.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim_end_matches('\r').trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (Some(open), Some(close)) = (line.find('['), line.find(']')) else {
            warnings.push(format!("{AGENTS}:{number}: expected `words [~CODE]`, found `{line}`"));
            continue;
        };
        if open > close {
            warnings.push(format!("{AGENTS}:{number}: expected `words [~CODE]`, found `{line}`"));
            continue;
        }
        let code = line[open + 1..close].trim().trim_start_matches('~');
        let code: String = code.chars().take(3).collect();
        let words = line[..open].replace('_', " ");
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        if words.is_empty() || words.split(' ').count() > 3 {
            continue;
        }
        if AGENT_CODES.contains(&code.as_str()) {
            agent_rows.entry(words).or_insert(code);
        }
    }
    let mut agents_tsv = String::from(
        "# Marsad agent nouns compiled by `cargo run -p marsad-extract --example build_events` from\n\
         # UniversalPetrarch agents.all.ar_v3.txt (MIT, Open Event Data Alliance); see data/SOURCES.md.\n\
         words\tcode\n",
    );
    for (words, code) in &agent_rows {
        agents_tsv.push_str(&format!("{words}\t{code}\n"));
    }
    Compiled { triggers, agents: agents_tsv, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_cameo_codes_to_plover() {
        for (code, expected) in [
            ("057", Some(("AGREE", "sign"))),
            ("0871", Some(("AGREE", "ceasefire"))),
            ("0874", Some(("RETREAT", ""))),
            ("084", Some(("CONCEDE", ""))),
            ("190", Some(("ASSAULT", ""))),
            ("1246", Some(("REJECT", ""))),
            ("010", None),
            ("090", None),
            ("---", None),
            ("7", None),
        ] {
            assert_eq!(plover_of_cameo(code), expected, "{code}");
        }
    }

    #[test]
    fn verb_forms_reach_the_perfect() {
        for (word, lemma) in [("قصفت", "قصف"), ("يستهدف", "استهدف"), ("وقصفوا", "قصف"), ("يجتمعون", "اجتمع")]
        {
            let keys = candidate_keys(&word_key(word));
            assert!(keys.contains(&word_key(lemma)), "{word}: {keys:?} lacks {lemma}");
        }
    }

    #[test]
    fn compiles_patterns_and_warns_on_malformed_lines() {
        let verbs = "&ARMS\n+سلاح_ثقيل_\n\n--- ضرب [---] ---\nضرب  # strike\nهاجم [190] # attack\n\
                     - * اتفاق [057] # ضرب\n- * &ARMS [1711] # ضرب\n- * اتفاق [057 # broken\n- اتفاق [057]\n\
                     وضع هوو [152] # put\n";
        let agents = "# header\nجيش [~MIL]\nمزرعة [~AGR]\nشرطة ~COP]\n";
        let compiled = compile_dictionaries(verbs, agents);
        assert!(compiled.triggers.contains("ضرب اتفاق\tAGREE\tV\tsign\t057"), "{}", compiled.triggers);
        assert!(compiled.triggers.contains("هاجم اتفاق\tAGREE"));
        assert!(compiled.triggers.contains("ضرب سلاح\tCOERCE"));
        assert!(!compiled.triggers.contains("هاجم\tASSAULT"));
        assert!(compiled.agents.contains("جيش\tMIL") && !compiled.agents.contains("مزرعة"));
        let lines: Vec<&str> =
            compiled.warnings.iter().map(|w| w.split(": ").next().unwrap_or_default()).collect();
        assert_eq!(
            lines,
            ["CAMEO.ar.0.5.txt:9", "CAMEO.ar.0.5.txt:10", "CAMEO.ar.0.5.txt:11", "agents.all.ar_v3.txt:4"],
            "{:?}",
            compiled.warnings
        );
    }

    #[test]
    fn shipped_tables_parse_without_warnings() {
        let (lexicon, warnings) = Lexicon::parse_builtin();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(lexicon.trigger_count() > 250);
    }

    #[test]
    fn verb_or_noun_rows_match_verb_forms_without_the_article() {
        let mut lexicon = Lexicon::default();
        let mut warnings = Vec::new();
        lexicon.add_triggers(
            "t.tsv",
            "words\ttype\tpos\tmode\nقصف\tASSAULT\t*\t\n",
            Origin::Hand,
            &mut warnings,
        );
        for (word, has_article, expected) in [
            ("قصف", false, 1),
            ("قصفت", false, 1),
            ("يقصفون", false, 1),
            ("القصف", true, 1),
            ("القصفت", true, 0),
        ] {
            assert_eq!(lexicon.triggers_for(&word_key(word), has_article).len(), expected, "{word}");
        }
    }

    #[test]
    fn agent_table_words_keep_letters_that_look_like_clitics() {
        let mut lexicon = Lexicon::default();
        let mut warnings = Vec::new();
        lexicon.add_agents("a.tsv", "words\tcode\nبقال\tCVL\nالقوات\tMIL\n", &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(lexicon.agents_for(&word_key("وقال")).is_empty(), "`وقال` (and said) is no grocer");
        assert_eq!(lexicon.agents_for(&word_key("وقوات")).len(), 1);
    }

    #[test]
    fn malformed_table_rows_are_skipped_with_their_line() {
        let mut lexicon = Lexicon::default();
        let mut warnings = Vec::new();
        lexicon.add_triggers(
            "t.tsv",
            "words\ttype\tpos\tmode\nقصف\tASSAULT\tV\t\nهجوم\tATTACK\tN\t\n",
            Origin::Hand,
            &mut warnings,
        );
        lexicon.add_agents("a.tsv", "words\tcode\nجيش\tMIL\nشرطة\n\nمسلح\treb\n", &mut warnings);
        assert_eq!(lexicon.trigger_count(), 1);
        let lines: Vec<&str> = warnings.iter().map(|w| w.split(": ").next().unwrap_or_default()).collect();
        assert_eq!(lines, ["t.tsv:3", "a.tsv:3", "a.tsv:5"], "{warnings:?}");
    }
}
