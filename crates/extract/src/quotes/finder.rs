//! The rules that turn reporting verbs, complementisers, colons and quotation marks into quotes
//! with speakers. Called only through [`super::find_quotes`].
//!
//! For each reporting verb, left to right: look right (at most [`MAX_SPEAKER_WORDS`] words, same
//! sentence) for what introduces the content: a colon, an opening mark, `أن`/`إن`, the verb's
//! preposition (`شدد على`, `أعرب عن`), `بـ` after `وصف`. The words between verb and introducer
//! are the speaker phrase, cut where the circumstances start (`في بيان`, `للصحفيين`, `أمس`).
//! No speaker there: the subject stood before the verb (`وكان كيري وصف`), or it is elided and
//! taken from the last speaker whose verb agreed in gender and number (`وأضافت`), or, for a
//! participle (`مضيفا`), from the quote just before in the sentence. A quotation followed by
//! `، قال X` gets X. Each step looks at a bounded window, so the whole pass is linear.

use std::ops::Range;

use marsad_article::Span;

use super::lexicon::{
    ends_clause, ends_speaker, fold, is_complementiser, is_source_noun, reporting_verb, Agreement, Frame,
    Tense, VerbForm,
};
use super::marks::{find_marks, Marks};
use super::QuoteKind;

/// Words allowed between a reporting verb and what introduces its content.
pub const MAX_SPEAKER_WORDS: usize = 16;
/// Words a speaker phrase keeps when no entity bounds it.
const MAX_SPEAKER_PHRASE: usize = 8;
/// Tokens a reported clause may run before it is cut, so one endless sentence stays linear.
const MAX_CLAUSE_TOKENS: usize = 400;
/// Earlier speakers searched when resolving `وأضافت` or `الوزير`.
const HISTORY: usize = 24;
/// Entities searched on each side of a phrase for a role or a surname, so a text with thousands
/// of names stays linear.
const NEARBY: usize = 200;

#[derive(Debug)]
struct Token<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    folded: String,
    word: bool,
}

fn is_word_char(c: char) -> bool {
    marsad_text::segment::words::is_alphanumeric(c)
        || ('\u{064B}'..='\u{065F}').contains(&c)
        || c == '\u{0670}'
        || c == 'ـ'
}

fn tokenize<'a>(text: &'a str) -> Vec<Token<'a>> {
    let mut tokens = Vec::new();
    let mut word_start: Option<usize> = None;
    let push_word = |tokens: &mut Vec<Token<'a>>, start: usize, end: usize| {
        let t = &text[start..end];
        tokens.push(Token { start, end, text: t, folded: fold(t), word: true });
    };
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(s) = word_start.take() {
            push_word(&mut tokens, s, i);
        }
        if !c.is_whitespace() {
            let end = i + c.len_utf8();
            tokens.push(Token { start: i, end, text: &text[i..end], folded: String::new(), word: false });
        }
    }
    if let Some(s) = word_start {
        push_word(&mut tokens, s, text.len());
    }
    tokens
}

/// Who said it, as found.
#[derive(Debug, Clone)]
pub struct Speaker {
    /// The mention in the text (for an elided subject, the antecedent's mention).
    pub mention: Range<usize>,
    /// The mention's text.
    pub text: String,
    /// The entity span the speaker is, when there is one.
    pub entity: Option<Span>,
    /// The fullest name known: the entity's canonical name, or an antecedent's phrase.
    pub canonical: Option<String>,
    /// How the speaker was found: `mention`, `role`, `title`, `subject`, `surname`, `anaphora`.
    pub via: &'static str,
}

#[derive(Debug, Clone)]
pub struct FoundQuote {
    pub kind: QuoteKind,
    pub content: Range<usize>,
    pub cue: Range<usize>,
    pub verb: String,
    pub speaker: Option<Speaker>,
    pub diagnostic: Option<&'static str>,
}

/// What introduces a verb's content, found to its right.
enum Intro {
    /// A colon at this token.
    Colon(usize),
    /// An opening mark at this token.
    Mark(usize),
    /// `أن`/`إن` at this token; the clause follows it.
    Clause(usize),
    /// A noun phrase starting at this token (after `على`, `عن`, `إلى`, `من`, `بـ`).
    Noun(usize),
}

pub struct Finder<'a> {
    text: &'a str,
    tokens: Vec<Token<'a>>,
    /// Per token, the index of its sentence (one past the last sentence for text outside them).
    sentence_of: Vec<usize>,
    /// Per sentence, its first token and one past its last.
    sentence_tokens: Vec<Range<usize>>,
    entities: Vec<&'a Span>,
    marks: Marks,
}

impl<'a> Finder<'a> {
    pub fn new(text: &'a str, sentences: &[Range<usize>], entities: &'a [Span]) -> Finder<'a> {
        let tokens = tokenize(text);
        let mut sentence_of = Vec::with_capacity(tokens.len());
        let mut sentence_tokens = vec![0..0; sentences.len()];
        let mut s = 0;
        for (k, t) in tokens.iter().enumerate() {
            while s < sentences.len() && sentences[s].end <= t.start {
                s += 1;
            }
            let inside = s < sentences.len() && sentences[s].start <= t.start;
            sentence_of.push(if inside { s } else { sentences.len() });
            if inside {
                if sentence_tokens[s].is_empty() {
                    sentence_tokens[s] = k..k + 1;
                } else {
                    sentence_tokens[s].end = k + 1;
                }
            }
        }
        let mut entities: Vec<&Span> = entities.iter().collect();
        entities.sort_by_key(|e| (e.start, e.end));
        Finder { text, tokens, sentence_of, sentence_tokens, entities, marks: find_marks(text) }
    }

    /// The sentence index of a byte offset (for the `sentence` attribute).
    pub fn sentence_at(&self, byte: usize) -> Option<usize> {
        let k = self.tokens.partition_point(|t| t.end <= byte);
        self.sentence_of.get(k).copied().filter(|&s| s < self.sentence_tokens.len())
    }

    /// The tokens of the sentence token `k` is in (for text outside every sentence, the line).
    fn sentence_span(&self, k: usize) -> Range<usize> {
        match self.sentence_tokens.get(self.sentence_of[k]) {
            Some(r) if !r.is_empty() => r.clone(),
            _ => {
                let mut end = k + 1;
                while end < self.tokens.len()
                    && !self.text[self.tokens[k].end..self.tokens[end].start].contains('\n')
                {
                    end += 1;
                }
                k..end
            }
        }
    }

    fn is_punct(&self, k: usize, chars: &str) -> bool {
        self.tokens.get(k).is_some_and(|t| !t.word && chars.contains(t.text))
    }

    fn is_comma(&self, k: usize) -> bool {
        self.is_punct(k, "،,")
    }

    /// Entities whose span lies in `range`, in order.
    fn entities_in(&self, range: Range<usize>) -> impl Iterator<Item = &'a Span> + '_ {
        let k = self.entities.partition_point(|e| e.start < range.start);
        self.entities[k..]
            .iter()
            .copied()
            .take_while(move |e| e.start < range.end)
            .filter(move |e| e.end <= range.end)
    }

    /// The entity ending exactly at the end of token `k`.
    fn entity_ending_at(&self, k: usize) -> Option<&'a Span> {
        let t = &self.tokens[k];
        let i = self.entities.partition_point(|e| e.start < t.end);
        self.entities[..i].iter().rev().take(8).copied().find(|e| e.end == t.end && is_speaker_type(e))
    }

    pub fn find(&self) -> Vec<FoundQuote> {
        let mut quotes: Vec<FoundQuote> = Vec::new();
        // (speaker, agreement of the verb that introduced it), most recent last.
        let mut history: Vec<(Speaker, Agreement)> = Vec::new();
        let mut covered = 0..0;
        let mut colon_lines = self.colon_lines().into_iter().peekable();
        for i in 0..self.tokens.len() {
            if let Some(q) = colon_lines.next_if(|q| q.cue.start <= self.tokens[i].start) {
                if let Some(s) = &q.speaker {
                    history.push((s.clone(), Agreement::Masculine));
                }
                covered = q.content.clone();
                quotes.push(q);
            }
            let token = &self.tokens[i];
            if !token.word {
                continue;
            }
            let Some((verb, conj)) = reporting_verb(token.text) else { continue };
            if covered.contains(&token.start) || self.marks.inside_quotation(token.start, 12) {
                continue;
            }
            let previous_in_sentence = quotes
                .last()
                .filter(|q| self.sentence_at(q.cue.start) == self.sentence_at(token.start))
                .and_then(|q| q.speaker.clone());
            let Some(mut quote) = self.attribute(i, verb, conj, previous_in_sentence, &history, &covered)
            else {
                continue;
            };
            if quote.content.is_empty() || quotes.iter().rev().take(4).any(|q| q.content == quote.content) {
                continue;
            }
            if let Some(s) = &mut quote.speaker {
                if s.canonical.is_none() && s.entity.is_none() && s.via == "mention" {
                    if let Some(antecedent) = self.title_antecedent(&s.text, &history) {
                        s.entity = antecedent.entity;
                        s.canonical = antecedent.canonical.or(Some(antecedent.text));
                        s.via = "title";
                    }
                }
                history.push((s.clone(), verb.agreement));
                if history.len() > 4 * HISTORY {
                    history.drain(..2 * HISTORY);
                }
            }
            covered = quote.content.clone();
            quotes.push(quote);
        }
        quotes
    }

    /// Finds the content and speaker of the reporting verb at token `i`.
    fn attribute(
        &self,
        i: usize,
        verb: VerbForm,
        conj: bool,
        previous_in_sentence: Option<Speaker>,
        history: &[(Speaker, Agreement)],
        covered: &Range<usize>,
    ) -> Option<FoundQuote> {
        let sentence = self.sentence_span(i);
        let cue = self.tokens[i].start..self.tokens[i].end;
        let verb_text = self.tokens[i].text.to_string();
        let new = |kind, content, speaker, diagnostic| FoundQuote {
            kind,
            content,
            cue: cue.clone(),
            verb: verb_text.clone(),
            speaker,
            diagnostic,
        };

        let waw = conj && self.tokens[i].folded.starts_with('و');
        let Some((intro, region)) = self.introducer(i, verb, &sentence) else {
            // `«…»، قال X`: the quotation came first, the speaker follows the verb.
            let pair = self.quotation_just_before(i).filter(|p| !waw && !covered.contains(&p.inner.start))?;
            let speaker = self.speaker_in(i + 1..sentence.end, false).or_else(|| self.elided(verb, history));
            return Some(new(QuoteKind::Direct, pair.inner.clone(), speaker, None));
        };
        let subject =
            if waw { None } else { self.subject_before(i).or_else(|| self.headline_subject(i, verb)) };
        // A participle continues the clause before it: `مؤكدا`, `داعيا الدول إلى` keep its speaker,
        // and the words after it are an object.
        let continued = if verb.tense == Tense::Participle { previous_in_sentence.clone() } else { None };
        let speaker = if let Some(s) = continued {
            Some(s)
        } else if verb.frame == Frame::Describe {
            subject.or_else(|| self.speaker_in(region.clone(), true))
        } else {
            self.speaker_in(region.clone(), false).or(subject)
        };
        let speaker = match speaker {
            Some(s) => Some(s),
            // `يذكر أن` ("it is worth mentioning"), `يتوقع أن` / `كان يتوقع أن` ("it is expected"):
            // unvowelled, the present passive of these verbs has no speaker.
            None if verb.tense == Tense::Present
                && matches!(verb.lemma, "ذكر" | "توقع" | "رجح" | "اعتبر") =>
            {
                return None
            }
            None if verb.tense == Tense::Participle => previous_in_sentence
                .or_else(|| self.subject_of_earlier_verb(i, &sentence))
                .or_else(|| self.elided(verb, history)),
            None => self.elided(verb, history),
        };

        let (kind, content, diagnostic) = match intro {
            Intro::Mark(k) => self.quotation_at(k)?,
            Intro::Colon(k) => match self.quotation_at(k + 1).filter(|_| self.tokens.get(k + 1).is_some()) {
                Some(q) => q,
                None => {
                    let start = self.tokens.get(k + 1).filter(|_| k + 1 < sentence.end)?.start;
                    let end = self.tokens[sentence.end - 1].end;
                    match self.marks.dangling_in(start..end) {
                        Some(close) => {
                            (QuoteKind::Direct, start..close, Some("closing mark without opening"))
                        }
                        None => (QuoteKind::Direct, start..self.trim(start, end), None),
                    }
                }
            },
            Intro::Clause(k) => {
                let whole =
                    self.quotation_at(k + 1).filter(|(_, inner, _)| self.ends_clause_after(inner.end));
                match whole {
                    Some(q) => q,
                    None => {
                        let start = self.tokens.get(k + 1).filter(|_| k + 1 < sentence.end)?.start;
                        (QuoteKind::Indirect, start..self.clause_end(k + 1, &sentence), None)
                    }
                }
            }
            Intro::Noun(k) => {
                let whole = self.quotation_at(k).filter(|(_, inner, _)| self.ends_clause_after(inner.end));
                match whole {
                    Some(q) => q,
                    None => {
                        let start = self.tokens[k].start;
                        (QuoteKind::Indirect, start..self.clause_end(k, &sentence), None)
                    }
                }
            }
        };
        Some(new(kind, content, speaker, diagnostic))
    }

    /// Looks right of the verb at `i` for what introduces its content; returns it and the tokens
    /// in between (the speaker phrase).
    fn introducer(&self, i: usize, verb: VerbForm, sentence: &Range<usize>) -> Option<(Intro, Range<usize>)> {
        let (intro, region, relayed) = self.scan_right(i, verb, sentence)?;
        relayed.then_some((intro, region))
    }

    /// [`Self::introducer`]'s scan; also says whether a `نقل` met its `عن`.
    fn scan_right(
        &self,
        i: usize,
        verb: VerbForm,
        sentence: &Range<usize>,
    ) -> Option<(Intro, Range<usize>, bool)> {
        let mut region_start = i + 1;
        // `نقل` reports speech only as `نقل عن X`; alone it is also the noun "transfer".
        let mut relayed = verb.frame != Frame::Relay;
        let mut words = 0;
        let mut j = i + 1;
        while j < sentence.end && words <= MAX_SPEAKER_WORDS {
            let t = &self.tokens[j];
            if !t.word {
                if t.text == ":" {
                    return Some((Intro::Colon(j), region_start..j, relayed));
                }
                if let Some(pair) = self.marks.opening_at(t.start) {
                    // A short quotation inside the phrase is a name (`صحيفة "الاقتصادية" أن`).
                    let words = self.text[pair.inner.clone()].split_whitespace().count();
                    let after_naming_noun =
                        j > 0 && self.tokens[j - 1].word && names_a_title(&self.tokens[j - 1].folded);
                    let is_name = pair.close.is_some() && (words < 3 || after_naming_noun);
                    if !is_name {
                        return Some((Intro::Mark(j), region_start..j, relayed));
                    }
                    let close = pair.close.unwrap_or(pair.inner.end);
                    while j + 1 < sentence.end && self.tokens[j].start < close {
                        j += 1;
                    }
                }
                if t.text == "." {
                    return None;
                }
                j += 1;
                continue;
            }
            let f = t.folded.as_str();
            if is_complementiser(f) {
                return Some((Intro::Clause(j), region_start..j, relayed));
            }
            match verb.frame {
                Frame::Prep(p) if f == fold(p) => {
                    if self.tokens.get(j + 1).is_some_and(|n| n.word && is_complementiser(&n.folded)) {
                        return Some((Intro::Clause(j + 1), region_start..j, relayed));
                    }
                    if j + 1 < sentence.end {
                        return Some((Intro::Noun(j + 1), region_start..j, relayed));
                    }
                }
                Frame::Describe if f == "ب" && j + 1 < sentence.end => {
                    return Some((Intro::Noun(j + 1), region_start..j, relayed));
                }
                Frame::Describe if f.starts_with("بال") => {
                    return Some((Intro::Noun(j), region_start..j, relayed))
                }
                Frame::Relay if f == "عن" => {
                    region_start = j + 1;
                    relayed = true;
                }
                _ => {}
            }
            if j > i + 1 && reporting_verb(t.text).is_some() {
                return None;
            }
            words += 1;
            j += 1;
        }
        if verb.frame == Frame::Object {
            // `نفى المتحدث باسم القيادة أحمد المسماري وجود تحشيدات`: the object follows the name.
            let end = self.tokens[(i + MAX_SPEAKER_WORDS).min(sentence.end - 1)].end;
            let person = self.entities_in(self.tokens[i].end..end).find(|e| e.label == "PER")?;
            let k = self.tokens.partition_point(|t| t.start < person.end);
            let clause_words = (k..sentence.end).filter(|&m| self.tokens[m].word).count();
            if clause_words >= 3 {
                return Some((Intro::Noun(k), i + 1..k, relayed));
            }
        }
        None
    }

    /// The quotation whose opening mark is token `k`: (kind, inner, diagnostic).
    fn quotation_at(&self, k: usize) -> Option<(QuoteKind, Range<usize>, Option<&'static str>)> {
        let t = self.tokens.get(k).filter(|t| !t.word)?;
        let pair = self.marks.opening_at(t.start)?;
        let diagnostic = pair.close.is_none().then_some("unclosed quote");
        Some((QuoteKind::Direct, pair.inner.clone(), diagnostic))
    }

    /// Whether what follows byte `at` (a closing mark) ends the clause: a stop, a comma, a line end.
    fn ends_clause_after(&self, at: usize) -> bool {
        let rest = self.text[at..].trim_start_matches(['"', '“', '”', '«', '»', '„', '‟']);
        let rest = rest.trim_start_matches([' ', '\t']);
        rest.is_empty() || rest.starts_with(['.', '،', ',', '؛', '\n', '!', '؟', ')'])
    }

    /// A quotation that ends right before token `i` (`«…»، قال`), not yet taken.
    fn quotation_just_before(&self, i: usize) -> Option<&super::marks::MarkPair> {
        let mut k = i.checked_sub(1)?;
        if self.is_comma(k) {
            k = k.checked_sub(1)?;
        }
        let t = &self.tokens[k];
        if t.word {
            return None;
        }
        self.marks.closing_at(t.start).filter(|p| self.text[p.inner.clone()].split_whitespace().count() >= 3)
    }

    /// The end of a reported clause starting at token `from`: the sentence end, or a comma before
    /// another attribution (`، مضيفا`, `، فيما قال`, `، حسبما`).
    fn clause_end(&self, from: usize, sentence: &Range<usize>) -> usize {
        let last = sentence.end.min(from + MAX_CLAUSE_TOKENS);
        let start = self.tokens[from].start;
        for k in from..last {
            if self.is_comma(k) {
                if let Some(next) = self.tokens.get(k + 1).filter(|n| n.word) {
                    if ends_clause(&next.folded) || reporting_verb(next.text).is_some() {
                        return self.trim(start, self.tokens[k].start);
                    }
                }
            }
        }
        let end = if last > from { self.tokens[last - 1].end } else { self.tokens[from].end };
        self.trim(start, end)
    }

    fn trim(&self, start: usize, end: usize) -> usize {
        let trimmed =
            self.text[start..end].trim_end_matches(|c: char| c.is_whitespace() || ".،,؛:".contains(c));
        start + trimmed.len()
    }

    /// The speaker phrase in tokens `region`, cut where the circumstances start, bounded by the
    /// first person named in it. `head_only` (for `وصف X بـ`) keeps only the subject, not the object.
    fn speaker_in(&self, region: Range<usize>, head_only: bool) -> Option<Speaker> {
        let mut a = region.start;
        while a < region.end && !self.tokens[a].word {
            a += 1;
        }
        if a >= region.end {
            return None;
        }
        let source = is_source_noun(&self.tokens[a].folded);
        let mut used_fi = false;
        let mut cut = region.end;
        let mut k = a;
        while k < region.end {
            let t = &self.tokens[k];
            if t.word && ends_speaker(&t.folded) {
                if t.folded == "في" && source && !used_fi && k - a <= 4 {
                    used_fi = true;
                } else if t.folded.starts_with("لل") && !addresses_media(&t.folded) {
                    // `المديرة التنفيذية للبرنامج سيندي ماكين`: a genitive inside a title, not an
                    // addressee (`للصحفيين`).
                } else {
                    cut = k;
                    break;
                }
            } else if !t.word && self.is_comma(k) {
                if self.tokens.get(k + 1).is_some_and(|n| n.word && ends_speaker(&n.folded)) {
                    cut = k;
                    break;
                }
            } else if t.word && (t.folded.starts_with("قول") && k > a) {
                // `عن مصدر قوله`: the speaker ends before `قوله`.
                cut = k;
                break;
            } else if let Some(pair) = self.marks.opening_at(t.start) {
                if let Some(close) = pair.close {
                    while k + 1 < region.end && self.tokens[k + 1].start <= close {
                        k += 1;
                    }
                }
            }
            k += 1;
        }
        let mut b = cut;
        while b > a && !self.tokens[b - 1].word && self.marks.closing_at(self.tokens[b - 1].start).is_none() {
            b -= 1;
        }
        if b <= a {
            return None;
        }
        let phrase = self.tokens[a].start..self.tokens[b - 1].end;
        if let Some(person) = self.entities_in(phrase.clone()).find(|e| e.label == "PER") {
            let mention = phrase.start..person.end;
            return Some(self.speaker(mention, Some(person), "mention"));
        }
        if let Some((person, role_words)) = self.role_holder(&phrase) {
            let end = (a..b)
                .filter(|&k| self.tokens[k].word)
                .nth(role_words - 1)
                .map_or(phrase.end, |k| self.tokens[k].end);
            let end = if head_only {
                end
            } else {
                phrase.end.min(self.tokens[b.min(a + MAX_SPEAKER_PHRASE) - 1].end).max(end)
            };
            return Some(self.speaker(phrase.start..end, Some(person), "role"));
        }
        let head = self.tokens[a].start..self.tokens[(a + 2).min(b) - 1].end;
        if let Some(org) = self.entities_in(phrase.clone()).find(|e| is_speaker_type(e) && e.start < head.end)
        {
            let end = if head_only { org.end } else { phrase.end };
            return Some(self.speaker(phrase.start..end, Some(org), "mention"));
        }
        let mut words_end = if head_only { a + 1 } else { b.min(a + MAX_SPEAKER_PHRASE) };
        while words_end > a + 1
            && !self.tokens[words_end - 1].word
            && self.marks.closing_at(self.tokens[words_end - 1].start).is_none()
        {
            words_end -= 1;
        }
        let phrase = phrase.start..self.tokens[words_end - 1].end;
        if words_end - a <= 2 {
            if let Some(person) = self.person_by_surname(&phrase) {
                return Some(self.speaker(phrase, Some(person), "surname"));
            }
        }
        Some(self.speaker(phrase, None, "mention"))
    }

    /// A person of the article whose canonical name ends with the phrase's last word, when the
    /// tagger missed a lone surname (`وقال توفيق` after `هاني توفيق`); the nearest before first.
    fn person_by_surname(&self, phrase: &Range<usize>) -> Option<&'a Span> {
        let last = fold(self.text[phrase.clone()].split_whitespace().last()?);
        let one_word = self.text[phrase.clone()].split_whitespace().count() == 1;
        if last.chars().count() < 3 || (last.starts_with("ال") && !one_word) {
            return None;
        }
        let mut candidates = self.nearby_entities(phrase.start);
        candidates
            .find(|e| {
                e.label == "PER"
                    && e.attrs.get("canonical").and_then(|c| c.as_str()).is_some_and(|c| {
                        c.split_whitespace().count() >= 2
                            && c.split_whitespace().last().map(fold) == Some(last.clone())
                    })
            })
            .copied()
    }

    /// The [`NEARBY`] entities before byte `at`, nearest first, then the [`NEARBY`] after it.
    fn nearby_entities(&self, at: usize) -> impl Iterator<Item = &&'a Span> + '_ {
        let before = self.entities.partition_point(|e| e.start < at);
        self.entities[..before].iter().rev().take(NEARBY).chain(self.entities[before..].iter().take(NEARBY))
    }

    fn speaker(&self, mention: Range<usize>, entity: Option<&Span>, via: &'static str) -> Speaker {
        let text = self.text[mention.clone()].to_string();
        let canonical =
            entity.and_then(|e| e.attrs.get("canonical")).and_then(|v| v.as_str()).map(str::to_string);
        Speaker { mention, text, entity: entity.cloned(), canonical, via }
    }

    /// The person whose `role` attribute the phrase starts with (`وزير الخارجية الأمريكي` →
    /// Kerry), the nearest mention before the phrase first.
    /// Returns the entity and the number of words of its role.
    fn role_holder(&self, phrase: &Range<usize>) -> Option<(&'a Span, usize)> {
        let folded: String =
            fold(&self.text[phrase.clone()]).split_whitespace().collect::<Vec<_>>().join(" ");
        let folded = folded.replace(['،', ','], "");
        let mut candidates = self.nearby_entities(phrase.start);
        candidates.find_map(|e| {
            let role = fold(e.attrs.get("role")?.as_str()?);
            let words = role.split_whitespace().count();
            let fits =
                e.label == "PER" && words > 0 && (folded == role || folded.starts_with(&format!("{role} ")));
            fits.then_some((*e, words))
        })
    }

    /// The subject written before the verb: `وكان كيري وصف`, `أما النائب فلان فرأى`, `كيري يصف`.
    fn subject_before(&self, i: usize) -> Option<Speaker> {
        let mut k = i.checked_sub(1)?;
        for _ in 0..2 {
            let t = &self.tokens[k];
            if t.word
                && matches!(
                    t.folded.as_str(),
                    "قد" | "كان" | "وكان" | "فكان" | "كانت" | "وكانت" | "وقد" | "فقد"
                )
            {
                k = k.checked_sub(1)?;
            }
        }
        if self.sentence_of[k] != self.sentence_of[i] || !self.tokens[k].word {
            return None;
        }
        let entity = self.entity_ending_at(k)?;
        Some(self.speaker(entity.range(), Some(entity), "subject"))
    }

    /// For a participle after a verb that introduced nothing itself (`وأضاف الوزير في برنامج
    /// "…" قائلا "…"`), the speaker phrase of that verb.
    fn subject_of_earlier_verb(&self, i: usize, sentence: &Range<usize>) -> Option<Speaker> {
        let from = sentence.start.max(i.saturating_sub(MAX_SPEAKER_WORDS + 4));
        let verb = (from..i)
            .rev()
            .find(|&k| self.tokens[k].word && reporting_verb(self.tokens[k].text).is_some())?;
        self.speaker_in(verb + 1..i, false)
    }

    /// The words opening the first sentence (the headline) before a present-tense verb, its
    /// subject (`العاهل الأردني يحذر من …`): at most six words and no punctuation.
    fn headline_subject(&self, i: usize, verb: VerbForm) -> Option<Speaker> {
        // Only in the headline: in the body, words before a present-tense verb are rarely its
        // subject (`وهو ما يؤكد أن`).
        if verb.tense != Tense::Present || self.sentence_of[i] != 0 {
            return None;
        }
        let sentence = self.sentence_span(i);
        let before = sentence.start..i;
        if before.is_empty() || before.len() > 6 || before.clone().any(|k| !self.tokens[k].word) {
            return None;
        }
        let phrase = self.tokens[before.start].start..self.tokens[i - 1].end;
        let entity = self.entities_in(phrase.clone()).find(|e| is_speaker_type(e));
        Some(self.speaker(phrase, entity, "subject"))
    }

    /// A line that opens with a person or organisation and a colon, the headline form
    /// `الكرملين: لا مفاوضات مع كييف`: the rest of the line is what they said.
    pub fn colon_lines(&self) -> Vec<FoundQuote> {
        let mut found = Vec::new();
        let mut line_start = 0;
        for k in 0..self.tokens.len() {
            let starts_line =
                k == 0 || self.text[self.tokens[k - 1].end..self.tokens[k].start].contains('\n');
            if starts_line {
                line_start = k;
            }
            if self.tokens[k].text != ":" || k == line_start || k - line_start > 4 {
                continue;
            }
            let name = self.tokens[line_start].start..self.tokens[k - 1].end;
            let entity = self
                .entities_in(name.clone())
                .find(|e| e.range() == name && matches!(e.label.as_str(), "PER" | "ORG"));
            let person = entity
                .or_else(|| self.role_holder(&name).filter(|&(_, w)| w == k - line_start).map(|(e, _)| e));
            let Some(person) = person else { continue };
            let mut end = k + 1;
            while end < self.tokens.len()
                && !self.text[self.tokens[end - 1].end..self.tokens[end].start].contains('\n')
            {
                end += 1;
            }
            let Some(first) = self.tokens.get(k + 1).filter(|_| end > k + 1) else { continue };
            let content = first.start..self.trim(first.start, self.tokens[end - 1].end);
            let via = if entity.is_some() { "mention" } else { "role" };
            found.push(FoundQuote {
                kind: QuoteKind::Direct,
                content,
                cue: self.tokens[k].start..self.tokens[k].end,
                verb: ":".into(),
                speaker: Some(self.speaker(name, Some(person), via)),
                diagnostic: None,
            });
        }
        found
    }

    /// The antecedent of an elided subject: the last speaker whose verb agreed (`وأضافت` → the
    /// last feminine one), else the last speaker.
    fn elided(&self, verb: VerbForm, history: &[(Speaker, Agreement)]) -> Option<Speaker> {
        let recent = history.iter().rev().take(HISTORY);
        let agreeing = recent.clone().find(|(_, a)| *a == verb.agreement);
        // A masculine or feminine verb never goes back to a speaker of the other gender
        // (`مشيرا` after only `رئيسة المجلس`): no speaker is better than the wrong one.
        let crossing = |(_, a): &&(Speaker, Agreement)| {
            matches!(
                (a, verb.agreement),
                (Agreement::Masculine, Agreement::Feminine) | (Agreement::Feminine, Agreement::Masculine)
            )
        };
        let (speaker, _) = agreeing.or_else(|| history.last().filter(|last| !crossing(last)))?;
        let mut s = speaker.clone();
        if s.canonical.is_none() && s.entity.is_none() {
            s.canonical = Some(s.text.clone());
        }
        s.via = "anaphora";
        Some(s)
    }

    /// For a definite title phrase without a name (`الوزير`, `الوزير التركي`, `المصدر`), the
    /// latest earlier speaker or role holder whose words include the title's head word.
    fn title_antecedent(&self, phrase: &str, history: &[(Speaker, Agreement)]) -> Option<Speaker> {
        let words: Vec<String> = phrase.split_whitespace().take(4).map(bare).collect();
        let head = words.first().filter(|_| fold(phrase).starts_with("ال"))?;
        let mut best: Option<(usize, &Speaker)> = None;
        for (s, _) in history.iter().rev().take(HISTORY) {
            // The head must be the antecedent's own head or in its role: `المصدر` is the
            // `مصدر في وزارة الخارجية`, `الوزارة` is not.
            let mut known: Vec<String> = s.text.split_whitespace().take(1).map(bare).collect();
            if let Some(role) = s.entity.as_ref().and_then(|e| e.attrs.get("role")).and_then(|v| v.as_str()) {
                known.extend(role.split_whitespace().map(bare));
            }
            if !known.contains(head) || fold(&s.text) == fold(phrase) {
                continue;
            }
            known.extend(s.text.split_whitespace().map(bare));
            let score = words.iter().filter(|w| known.contains(w)).count();
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, s));
            }
        }
        best.map(|(_, s)| s.clone())
    }
}

/// Words that put a title in quotation marks: `برنامج "فوكس نيوز صنداي"`, `لصحيفة "النهار"`,
/// `لـ"الشروق"`, with or without the article or `ل`.
fn names_a_title(folded: &str) -> bool {
    const NOUNS: &[&str] = &[
        "برنامج",
        "صحيفه",
        "قناه",
        "موقع",
        "وكاله",
        "مجله",
        "كتاب",
        "فيلم",
        "مسلسل",
        "حمله",
        "عمليه",
        "شعار",
        "اسم",
        "مبادره",
        "تقرير",
        "مؤتمر",
        "منتدي",
        "حزب",
        "حركه",
        "جماعه",
        "تنظيم",
        "وسم",
        "هاشتاغ",
        "منظمه",
        "مراسل",
        "مراسله",
        "شركه",
        "جمعيه",
        "مجموعه",
        "فريق",
        "نادي",
    ];
    if matches!(folded, "ل" | "ب") {
        return true;
    }
    let without_l = folded.strip_prefix('ل').unwrap_or(folded);
    let bare = without_l.strip_prefix("ال").or_else(|| without_l.strip_prefix('ل')).unwrap_or(without_l);
    NOUNS.contains(&bare) || NOUNS.contains(&folded)
}

/// `للصحفيين`, `للتلفزيون`: the people or outlet a statement was made to, which end a speaker
/// phrase, unlike a genitive (`المدير العام للوكالة`).
fn addresses_media(folded: &str) -> bool {
    const ADDRESSEES: &[&str] = &[
        "صحفيين",
        "صحافيين",
        "صحافه",
        "صحفي",
        "تلفزيون",
        "اذاعه",
        "قناه",
        "موقع",
        "صحيفه",
        "مراسلين",
        "اعلاميين",
        "اعلام",
        "جزيره",
        "عربيه",
        "مجله",
    ];
    folded.strip_prefix("لل").is_some_and(|rest| ADDRESSEES.contains(&rest))
}

/// A word folded and without the article, for comparing titles: `الوزير` ~ `وزير`.
fn bare(word: &str) -> String {
    let f = fold(word.trim_matches(|c: char| !c.is_alphanumeric()));
    match f.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => rest.to_string(),
        _ => f,
    }
}

fn is_speaker_type(e: &Span) -> bool {
    matches!(e.label.as_str(), "PER" | "ORG" | "LOC")
}
