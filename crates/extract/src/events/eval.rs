//! Scoring the events layer against gold sentences: UniversalPetrarch's Arabic validation records
//! (XML, one PLOVER event per sentence, all positive) and the team's own sentences (TSV, with
//! sentences that hold no event, so precision means something).
//!
//! Entry points: [`parse_gold`] (file name and contents in, gold sentences out; the format is
//! chosen by the extension) and [`eval_events`] (runs the real entity, time and event finders
//! on each sentence and returns an [`EventReport`], printed by its `Display`). Pure: the caller
//! (`marsad eval events --gold DIR`) reads the files.
//!
//! The team's format, one sentence a line:
//!
//! ```text
//! # comment
//! @published 2024-03-10
//! ASSAULT,AGREE<TAB>sentence
//! -<TAB>a sentence without an event
//! ```
//!
//! Measures (sentence level): recall of each gold type among the sentence's predicted types;
//! precision and recall per type; the trigger, source and target of a gold event matched when a
//! predicted event of its type has text sharing a word with them (search form, stopwords
//! ignored); ASSAULT↔PROTEST confusion = sentences of one of the two whose most confident event is
//! of the other type.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use marsad_article::Span;

use super::lexicon::{word_key, PLOVER_TYPES};

/// A gold file that does not parse.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    /// A line or record of a gold file.
    #[error("{name}:{line}: {reason}")]
    Gold { name: String, line: usize, reason: String },
    /// A file neither `.xml` nor `.tsv`.
    #[error("{name}: expected a `.xml` validation file or a `.tsv` gold file")]
    Format { name: String },
}

/// One gold event: its type and, when the gold gives them, the texts of trigger and actors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldEvent {
    /// PLOVER type.
    pub plover: String,
    /// Trigger text (may be empty).
    pub trigger: String,
    /// Source actor text (may be empty).
    pub source: String,
    /// Target actor text (may be empty).
    pub target: String,
}

/// One gold sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldSentence {
    /// `file:line` or `file:record id`.
    pub id: String,
    /// The sentence.
    pub text: String,
    /// Publication date, for relative dates.
    pub published: Option<NaiveDate>,
    /// Its events; empty for a sentence without one.
    pub events: Vec<GoldEvent>,
}

/// Parses a gold file: `.xml` is UniversalPetrarch's validation format, `.tsv` the team's.
pub fn parse_gold(name: &str, text: &str) -> Result<Vec<GoldSentence>, EventError> {
    if name.ends_with(".xml") {
        parse_validation_xml(name, text)
    } else if name.ends_with(".tsv") {
        parse_gold_tsv(name, text)
    } else {
        Err(EventError::Format { name: name.to_string() })
    }
}

fn parse_gold_tsv(name: &str, text: &str) -> Result<Vec<GoldSentence>, EventError> {
    let mut out = Vec::new();
    let mut published = None;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let error = |reason: String| EventError::Gold { name: name.to_string(), line: number, reason };
        if let Some(date) = line.strip_prefix("@published ") {
            published = Some(
                NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
                    .map_err(|e| error(format!("`{date}` is not a YYYY-MM-DD date: {e}")))?,
            );
            continue;
        }
        let Some((types, sentence)) = line.split_once('\t') else {
            return Err(error("expected `TYPES<TAB>sentence` (TYPES = `-` or e.g. `ASSAULT,AGREE`)".into()));
        };
        let mut events = Vec::new();
        if types.trim() != "-" {
            for plover in types.split(',').map(str::trim) {
                if !PLOVER_TYPES.contains(&plover) {
                    return Err(error(format!("`{plover}` is not one of the 16 PLOVER types")));
                }
                events.push(GoldEvent { plover: plover.to_string(), ..GoldEvent::default() });
            }
        }
        out.push(GoldSentence {
            id: format!("{name}:{number}"),
            text: sentence.trim().to_string(),
            published,
            events,
        });
    }
    Ok(out)
}

/// The value of `attr="…"` in an XML start tag, unescaped.
fn xml_attr(tag: &str, attr: &str) -> Option<String> {
    let at = tag.find(&format!(" {attr}=\""))? + attr.len() + 3;
    let end = tag[at..].find('"')? + at;
    Some(xml_unescape(&tag[at..end]))
}

fn xml_unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn parse_validation_xml(name: &str, text: &str) -> Result<Vec<GoldSentence>, EventError> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(at) = rest.find("<Sentence ") {
        let line = text[..offset + at].matches('\n').count() + 1;
        let error =
            |reason: &str| EventError::Gold { name: name.to_string(), line, reason: reason.to_string() };
        let record_end =
            rest[at..].find("</Sentence>").map(|e| at + e).ok_or_else(|| error("no </Sentence>"))?;
        let record = &rest[at..record_end];
        let tag_of = |element: &str| {
            let start = record.find(&format!("<{element} "))?;
            let end = record[start..].find('>')? + start;
            Some(&record[start..end])
        };
        let sentence_tag = tag_of("Sentence").ok_or_else(|| error("unterminated <Sentence> tag"))?;
        let body = record
            .find("<Text>")
            .and_then(|s| record[s + 6..].find("</Text>").map(|e| &record[s + 6..s + 6 + e]))
            .ok_or_else(|| error("record without <Text>"))?;
        let plover = tag_of("EventCoding")
            .and_then(|t| xml_attr(t, "plover"))
            .or_else(|| xml_attr(sentence_tag, "category"))
            .ok_or_else(|| error("record without a PLOVER type"))?;
        let event_text = tag_of("EventText");
        let get = |attr: &str| event_text.and_then(|t| xml_attr(t, attr)).unwrap_or_default();
        let id = xml_attr(sentence_tag, "id").unwrap_or_else(|| line.to_string());
        let published =
            xml_attr(sentence_tag, "date").and_then(|d| NaiveDate::parse_from_str(&d, "%Y%m%d").ok());
        out.push(GoldSentence {
            id: format!("{name}:{id}"),
            text: xml_unescape(body.trim()),
            published,
            events: vec![GoldEvent {
                plover,
                trigger: get("eventtext"),
                source: get("sourcetext"),
                target: get("targettext"),
            }],
        });
        offset += record_end;
        rest = &rest[record_end..];
    }
    Ok(out)
}

/// Hits over a number of cases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rate {
    /// Cases matched.
    pub hit: usize,
    /// Cases counted.
    pub of: usize,
}

impl Rate {
    /// `hit / of`, 0 when nothing was counted.
    pub fn value(&self) -> f64 {
        if self.of == 0 {
            0.0
        } else {
            self.hit as f64 / self.of as f64
        }
    }

    fn add(&mut self, hit: bool) {
        self.of += 1;
        self.hit += usize::from(hit);
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3} ({}/{})", self.value(), self.hit, self.of)
    }
}

/// Sentence-level counts for one PLOVER type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TypeCounts {
    /// Sentences where the type is gold and predicted.
    pub true_positive: usize,
    /// Predicted, not gold.
    pub false_positive: usize,
    /// Gold, not predicted.
    pub false_negative: usize,
}

/// What [`eval_events`] measured.
#[derive(Debug, Clone, Default)]
pub struct EventReport {
    /// Gold sentences read, and those without any event.
    pub sentences: usize,
    pub negative_sentences: usize,
    /// Gold (sentence, type) pairs whose type was predicted in the sentence.
    pub type_recall: Rate,
    /// Gold events with a trigger text that a predicted event of their type overlaps.
    pub trigger: Rate,
    /// Gold events with a source (target) text that the source (target) of a predicted event of
    /// their type overlaps.
    pub source: Rate,
    pub target: Rate,
    /// ASSAULT or PROTEST sentences whose most confident event is of the other of the two.
    pub confusion: Rate,
    /// Negative sentences with no predicted event.
    pub negatives_clean: Rate,
    /// Per PLOVER type.
    pub per_type: BTreeMap<&'static str, TypeCounts>,
    /// One line per gold event with a miss, tagged with what missed (type, trigger, source, target): the sentence id, the
    /// gold and what was predicted, for reading the errors; not part of `Display`.
    pub misses: Vec<String>,
}

/// Words of a text as search keys, stopwords and one-letter pieces left out.
fn key_set(text: &str) -> BTreeSet<String> {
    marsad_text::segment::words(text)
        .filter(|t| t.kind == marsad_text::TokenKind::Arabic)
        .map(|t| word_key(&text[t.start..t.end]))
        .filter(|k| k.chars().count() >= 2 && !marsad_text::stem::is_stopword(k))
        .collect()
}

/// True when `predicted` shares a word (search key, stopwords left out) with `gold`.
pub(super) fn overlaps(gold: &str, predicted: Option<&str>) -> bool {
    let Some(predicted) = predicted else { return false };
    let gold = key_set(gold);
    let predicted = key_set(predicted);
    !gold.is_disjoint(&predicted)
}

/// The events layer of one gold sentence, computed with the real entity and time finders.
pub fn events_of_sentence(text: &str, published: Option<NaiveDate>) -> Vec<Span> {
    let published: Option<DateTime<FixedOffset>> =
        published.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc().fixed_offset());
    let sentences = marsad_text::sentences(text);
    let entities = crate::entities::find_entities(text, &sentences, &[]);
    let times = crate::times::find_times(text, published);
    super::find_events(text, &sentences, &entities, &times, published, &[])
}

/// Runs the event layer on every gold sentence and scores it (see the module doc).
pub fn eval_events(gold: &[GoldSentence]) -> EventReport {
    let mut report = EventReport { sentences: gold.len(), ..EventReport::default() };
    for plover in PLOVER_TYPES {
        report.per_type.insert(plover, TypeCounts::default());
    }
    for sentence in gold {
        let predicted = events_of_sentence(&sentence.text, sentence.published);
        let predicted_types: BTreeSet<&str> = predicted.iter().map(|e| e.label.as_str()).collect();
        let gold_types: BTreeSet<&str> = sentence.events.iter().map(|e| e.plover.as_str()).collect();
        if gold_types.is_empty() {
            report.negative_sentences += 1;
            report.negatives_clean.add(predicted.is_empty());
        }
        for (plover, counts) in report.per_type.iter_mut() {
            match (gold_types.contains(plover), predicted_types.contains(plover)) {
                (true, true) => counts.true_positive += 1,
                (true, false) => counts.false_negative += 1,
                (false, true) => counts.false_positive += 1,
                (false, false) => {}
            }
        }
        for plover in &gold_types {
            report.type_recall.add(predicted_types.contains(plover));
        }
        for event in &sentence.events {
            let of_type: Vec<&Span> = predicted.iter().filter(|e| e.label == event.plover).collect();
            let mut missed: Vec<&str> = if of_type.is_empty() { vec!["type"] } else { Vec::new() };
            if !event.trigger.is_empty() {
                let hit = of_type.iter().any(|e| overlaps(&event.trigger, sentence.text.get(e.range())));
                report.trigger.add(hit);
                if !hit {
                    missed.push("trigger");
                }
            }
            for (gold_actor, attr, rate) in
                [(&event.source, "source", &mut report.source), (&event.target, "target", &mut report.target)]
            {
                if !gold_actor.is_empty() {
                    let hit = of_type.iter().any(|e| overlaps(gold_actor, e.attr_str(attr)));
                    rate.add(hit);
                    if !hit {
                        missed.push(attr);
                    }
                }
            }
            if !missed.is_empty() {
                let found: Vec<String> = predicted
                    .iter()
                    .map(|e| {
                        let get = |k| e.attr_str(k).unwrap_or("-");
                        let trigger = sentence.text.get(e.range()).unwrap_or_default();
                        format!("{} «{trigger}» {} > {}", e.label, get("source"), get("target"))
                    })
                    .collect();
                report.misses.push(format!(
                    "{} [{}]: gold {} «{}» {} > {} | found {} | {}",
                    sentence.id,
                    missed.join(","),
                    event.plover,
                    event.trigger,
                    event.source,
                    event.target,
                    found.join("; "),
                    sentence.text
                ));
            }
        }
        let pair = (gold_types.contains("ASSAULT"), gold_types.contains("PROTEST"));
        if pair.0 != pair.1 {
            let other = if pair.0 { "PROTEST" } else { "ASSAULT" };
            let confidence =
                |e: &Span| e.attr_str("confidence").and_then(|c| c.parse::<f64>().ok()).unwrap_or(0.0);
            let mut main: Option<&Span> = None;
            for e in &predicted {
                if main.is_none_or(|m| confidence(e) > confidence(m)) {
                    main = Some(e);
                }
            }
            let confused = main.filter(|m| m.label == other);
            report.confusion.add(confused.is_some());
            if let Some(m) = confused {
                let trigger = sentence.text.get(m.range()).unwrap_or_default();
                report.misses.push(format!(
                    "{} [confusion]: gold {} | most confident {} «{trigger}» {} | {}",
                    sentence.id,
                    if pair.0 { "ASSAULT" } else { "PROTEST" },
                    m.label,
                    m.attr_str("confidence").unwrap_or("-"),
                    sentence.text
                ));
            }
        }
    }
    report
}

impl fmt::Display for EventReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "sentences {} (without an event: {})", self.sentences, self.negative_sentences)?;
        writeln!(f, "type recall per sentence   {}", self.type_recall)?;
        // The team's gold gives types only: its trigger and actor lines would read 0/0.
        for (name, rate) in [
            ("trigger span overlap      ", self.trigger),
            ("source actor overlap      ", self.source),
            ("target actor overlap      ", self.target),
        ] {
            if rate.of > 0 {
                writeln!(f, "{name} {rate}")?;
            }
        }
        writeln!(f, "ASSAULT<->PROTEST confusion {}", self.confusion)?;
        if self.negative_sentences > 0 {
            writeln!(f, "negatives with no event    {}", self.negatives_clean)?;
        }
        writeln!(f, "{:<10} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5}", "type", "P", "R", "F1", "tp", "fp", "fn")?;
        for (plover, c) in &self.per_type {
            if c.true_positive + c.false_positive + c.false_negative == 0 {
                continue;
            }
            let (p, r, f1) = crate::precision_recall_f1(
                c.true_positive,
                c.true_positive + c.false_positive,
                c.true_positive + c.false_negative,
            );
            writeln!(
                f,
                "{plover:<10} {p:>6.3} {r:>6.3} {f1:>6.3} {:>5} {:>5} {:>5}",
                c.true_positive, c.false_positive, c.false_negative
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_gold_formats() {
        let xml = "<Sentences>\n<Sentence category=\"ASSAULT\" date=\"20080110\" id=\"a1\">\n\
                   <EventText eid=\"0\" eventtext=\"هاجم\" sourcetext=\"مسلحون\" targettext=\"&quot;قرية&quot;\" />\n\
                   <EventCoding eid=\"0\" plover=\"ASSAULT\" />\n<Text>\nهاجم مسلحون قرية.\n</Text>\n</Sentence>\n</Sentences>";
        let gold = parse_gold("v.xml", xml).unwrap();
        assert_eq!(gold.len(), 1);
        assert_eq!(gold[0].id, "v.xml:a1");
        assert_eq!(gold[0].text, "هاجم مسلحون قرية.");
        assert_eq!(gold[0].events[0].target, "\"قرية\"");
        assert_eq!(gold[0].published, NaiveDate::from_ymd_opt(2008, 1, 10));

        let tsv = "# c\n@published 2024-03-10\nASSAULT,AGREE\tجملة.\n-\tجملة أخرى.\n";
        let gold = parse_gold("g.tsv", tsv).unwrap();
        assert_eq!(gold[0].events.len(), 2);
        assert!(gold[1].events.is_empty());
        assert_eq!(gold[1].id, "g.tsv:4");

        for (name, text, expected) in [
            ("g.tsv", "ATTACK\tجملة.\n", "g.tsv:1: `ATTACK` is not one of the 16 PLOVER types"),
            ("g.tsv", "@published 10/03/2024\n", "g.tsv:1: `10/03/2024` is not a YYYY-MM-DD date"),
            ("g.tsv", "جملة بلا نوع\n", "g.tsv:1: expected `TYPES<TAB>sentence`"),
            ("v.xml", "\n<Sentence id=\"x\"><Text>نص</Text>", "v.xml:2: no </Sentence>"),
            ("g.txt", "", "g.txt: expected a `.xml` validation file"),
        ] {
            let error = parse_gold(name, text).unwrap_err().to_string();
            assert!(error.starts_with(expected), "{error}");
        }
    }

    #[test]
    fn scores_types_actors_and_negatives() {
        let gold =
            parse_gold("g.tsv", "ASSAULT\tقصف الجيش السوري مواقع المسلحين.\n-\tوصل الوفد إلى القاهرة.\n")
                .unwrap();
        let report = eval_events(&gold);
        assert_eq!(report.type_recall, Rate { hit: 1, of: 1 });
        assert_eq!(report.negatives_clean, Rate { hit: 1, of: 1 });
        assert_eq!(
            report.per_type["ASSAULT"],
            TypeCounts { true_positive: 1, false_positive: 0, false_negative: 0 }
        );
        assert!(report.to_string().contains("ASSAULT     1.000  1.000"), "{report}");
        assert!(overlaps("الجيش", Some("الجيش السوري")));
        assert!(!overlaps("في", Some("في حمص")));
    }
}
