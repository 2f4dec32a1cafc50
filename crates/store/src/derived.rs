//! Rows derived from an article's layers, so that the store can answer by entity, speaker, event and
//! event date without reading every article: entity mentions, quotes, events and the dates the text
//! talks about.
//!
//! Reads only the layer names of `marsad_article::layer` and the attributes the extraction stage
//! documents (`entities`: `key`, `canonical`, `role`, `name_en`; `quotes`: label `DIRECT`/`INDIRECT`
//! with `speaker`, `speaker_key`, `verb`; `events`: label = PLOVER type with `source(_key)`,
//! `target(_key)`, `place(_key)`, `date`; `times`: `value`). A layer or attribute that is missing
//! gives no row or an empty column, never an error: the article JSON stays the record of truth and
//! these rows can always be rebuilt from it. Offsets are in characters, as in the article JSON.

use std::collections::BTreeMap;

use marsad_article::{layer, Article, CharIndex, Span};

/// One mention of an entity the extraction stage keyed across the corpus.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MentionRow {
    pub key: String,
    pub entity_type: String,
    pub text: String,
    pub canonical: String,
    pub role: Option<String>,
    pub name_en: Option<String>,
    pub start_char: usize,
    pub end_char: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct QuoteRow {
    pub quote: String,
    pub kind: String,
    pub speaker: Option<String>,
    pub speaker_key: Option<String>,
    pub verb: Option<String>,
    pub text: String,
    pub start_char: usize,
    pub end_char: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EventRow {
    pub event: String,
    pub event_type: String,
    pub trigger: String,
    pub source: Option<String>,
    pub source_key: Option<String>,
    pub target: Option<String>,
    pub target_key: Option<String>,
    pub place: Option<String>,
    pub place_key: Option<String>,
    /// ISO date (or month, year) of the event, as the events layer gives it.
    pub date: Option<String>,
    /// The sentence the trigger is in, for analysts reading an export.
    pub sentence: String,
    pub start_char: usize,
    pub end_char: usize,
}

/// Everything derived from one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Derived {
    pub mentions: Vec<MentionRow>,
    pub quotes: Vec<QuoteRow>,
    pub events: Vec<EventRow>,
    /// Distinct calendar days (`YYYY-MM-DD`) the `times` layer resolved, sorted.
    pub dates: Vec<String>,
}

fn attr(span: &Span, key: &str) -> Option<String> {
    match span.attrs.get(key)? {
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The `YYYY-MM-DD` day at the start of an ISO value (`2016-08-31`, `2016-08-31T15:00`), if any.
pub(crate) fn iso_day(value: &str) -> Option<&str> {
    let day = value.get(..10)?;
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)).then_some(day)
}

impl Derived {
    pub(crate) fn of(article: &Article) -> Derived {
        let chars = CharIndex::new(&article.clean);
        let char_range =
            |s: &Span| (chars.char_of_byte(s.start).unwrap_or(0), chars.char_of_byte(s.end).unwrap_or(0));
        let mentions = article
            .layer(layer::ENTITIES)
            .iter()
            .filter_map(|s| {
                let key = attr(s, "key")?;
                let text = article.text_of(s).to_string();
                let (start_char, end_char) = char_range(s);
                Some(MentionRow {
                    key,
                    entity_type: s.label.clone(),
                    canonical: attr(s, "canonical").unwrap_or_else(|| text.clone()),
                    text,
                    role: attr(s, "role"),
                    name_en: attr(s, "name_en"),
                    start_char,
                    end_char,
                })
            })
            .collect();
        let quotes = article
            .layer(layer::QUOTES)
            .iter()
            .filter(|s| s.label == "DIRECT" || s.label == "INDIRECT")
            .enumerate()
            .map(|(i, s)| {
                let (start_char, end_char) = char_range(s);
                QuoteRow {
                    quote: attr(s, "quote").unwrap_or_else(|| format!("q{}", i + 1)),
                    kind: s.label.to_lowercase(),
                    speaker: attr(s, "speaker"),
                    speaker_key: attr(s, "speaker_key"),
                    verb: attr(s, "verb"),
                    text: article.text_of(s).to_string(),
                    start_char,
                    end_char,
                }
            })
            .collect();
        let events = article
            .layer(layer::EVENTS)
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let (start_char, end_char) = char_range(s);
                let sentence =
                    article.sentence_of(s).map_or_else(String::new, |z| article.text_of(z).to_string());
                EventRow {
                    event: attr(s, "event").unwrap_or_else(|| format!("v{}", i + 1)),
                    event_type: s.label.clone(),
                    trigger: article.text_of(s).to_string(),
                    source: attr(s, "source"),
                    source_key: attr(s, "source_key"),
                    target: attr(s, "target"),
                    target_key: attr(s, "target_key"),
                    place: attr(s, "place"),
                    place_key: attr(s, "place_key"),
                    date: attr(s, "date"),
                    sentence,
                    start_char,
                    end_char,
                }
            })
            .collect();
        let mut dates: Vec<String> = article
            .layer(layer::TIMES)
            .iter()
            .filter_map(|s| attr(s, "value"))
            .filter_map(|v| iso_day(&v).map(str::to_string))
            .collect();
        dates.sort();
        dates.dedup();
        Derived { mentions, quotes, events, dates }
    }

    /// The distinct entity keys of the article, each with its type, most used name, role and
    /// Latin name, and the number of mentions.
    pub(crate) fn entities(&self) -> BTreeMap<&str, EntitySummary<'_>> {
        let mut out: BTreeMap<&str, EntitySummary> = BTreeMap::new();
        for m in &self.mentions {
            let e = out.entry(&m.key).or_insert_with(|| EntitySummary {
                entity_type: &m.entity_type,
                canonical: &m.canonical,
                role: None,
                name_en: None,
                mentions: 0,
            });
            e.mentions += 1;
            e.role = e.role.or(m.role.as_deref());
            e.name_en = e.name_en.or(m.name_en.as_deref());
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EntitySummary<'a> {
    pub entity_type: &'a str,
    pub canonical: &'a str,
    pub role: Option<&'a str>,
    pub name_en: Option<&'a str>,
    pub mentions: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_article::Meta;

    #[test]
    fn iso_days() {
        for (value, day) in [
            ("2016-08-31", Some("2016-08-31")),
            ("2016-08-31T15:00", Some("2016-08-31")),
            ("2016-08", None),
            ("PT48H", None),
            ("٢٠١٦-٠٨-٣١", None),
            ("", None),
        ] {
            assert_eq!(iso_day(value), day, "{value}");
        }
    }

    #[test]
    fn rows_from_layers_in_chars() {
        let text = "قال لافروف في موسكو أمس إن الهدنة صامدة.";
        let mut a =
            Article::new(Meta { origin: "t".into(), format: "txt".into(), ..Meta::default() }, text.into());
        let at = |needle: &str| {
            let s = text.find(needle).unwrap();
            s..s + needle.len()
        };
        a.add_layer(layer::SENTENCES, vec![Span::new(0..text.len(), "S")]).unwrap();
        a.add_layer(
            layer::ENTITIES,
            vec![
                Span::new(at("لافروف"), "PER")
                    .with_attr("key", "PER:لافروف")
                    .with_attr("canonical", "سيرغي لافروف"),
                Span::new(at("موسكو"), "LOC").with_attr("key", "LOC:موسكو").with_attr("name_en", "Moscow"),
                Span::new(at("قال"), "PER"),
            ],
        )
        .unwrap();
        a.add_layer(
            layer::QUOTES,
            vec![
                Span::new(at("قال"), "CUE"),
                Span::new(at("الهدنة صامدة"), "INDIRECT")
                    .with_attr("speaker", "لافروف")
                    .with_attr("speaker_key", "PER:لافروف"),
            ],
        )
        .unwrap();
        a.add_layer(layer::TIMES, vec![Span::new(at("أمس"), "DATE").with_attr("value", "2016-08-31")])
            .unwrap();
        a.add_layer(layer::EVENTS, vec![Span::new(at("الهدنة"), "AGREE").with_attr("date", "2016-08-31")])
            .unwrap();

        let d = Derived::of(&a);
        assert_eq!(d.mentions.len(), 2, "a span without a key is not a mention row");
        assert_eq!(d.mentions[0].canonical, "سيرغي لافروف");
        assert_eq!((d.mentions[0].start_char, d.mentions[0].end_char), (4, 10));
        assert_eq!(d.mentions[1].canonical, "موسكو");
        assert_eq!(d.quotes.len(), 1);
        assert_eq!(d.quotes[0].kind, "indirect");
        assert_eq!(d.quotes[0].text, "الهدنة صامدة");
        assert_eq!(d.events[0].sentence, text);
        assert_eq!(d.events[0].event, "v1");
        assert_eq!(d.dates, ["2016-08-31"]);
        let entities = d.entities();
        assert_eq!(entities["LOC:موسكو"].name_en, Some("Moscow"));
        assert_eq!(entities["PER:لافروف"].mentions, 1);
    }
}
