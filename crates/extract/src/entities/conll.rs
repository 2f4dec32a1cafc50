//! CoNLL files of tagged words, and entity-level scoring against them.
//!
//! Entry points: [`parse_conll`] (text in, [`TaggedSentence`]s out) and [`score`] (gold and
//! predicted tags in, a [`NerReport`] out, printed as a table by its `Display`).
//!
//! A line is `WORD TAG` (space or tab; the word is the first field, the tag the last); a blank
//! line ends a sentence. Left-to-right marks (U+200E, U+200F), a byte-order mark and `\r` are
//! stripped. Types are mapped to the coarse scheme by [`coarse_type`], which reads ANERcorp's
//! (`PERS`, `LOC`, `ORG`, `MISC`) and NewsFANE's fine classes (table in its doc); a class that maps
//! to nothing is read as `O`.
//!
//! Scoring is CoNLL's: an entity counts when its type and both ends match exactly; an `I-X`
//! after a tag that is not of type X opens an entity, as conlleval does.

use std::fmt;

use super::model::{EntityType, Tag, TaggedSentence};
use super::EntityError;

/// The coarse type of a class name from ANERcorp or NewsFANE.
///
/// | coarse | classes |
/// |---|---|
/// | PER | PER, PERS, Politician, Athlete, Artist, Other_PER, Religious_PER, Scientist, Businessperson, Police-PER (any `*_PER`) |
/// | LOC | LOC, Nation, Population-Center, State-or-Province, County-or-District, GPE-Cluster, Continent, Water-Body, Land, Land-Region-Natural, Celestial, Address, Boundary, Region-International, Region-General, Building-Grounds, Airport, Path, Subarea-Facility, Plant |
/// | ORG | ORG, Government, Non-Governmental, Media, Commercial, Educational, Sports, Police, Medical-Science, Entertainment, Religious |
/// | MISC | MISC, Book, Movie, Software, Sound, Food, Drug, Blunt, Chemical, Exploding, Shooting, Sharp, Nuclear, Biological, Projectile, Air, Land-Vehicle, Water-Vehicle, Subarea-Vehicle, Spacecraft, Group |
///
/// NewsFANE's `Group` (a group of people named by nation, creed or party) is closest to
/// ANERcorp's MISC, which tags nationalities; any other class is `None` (read as `O`).
pub fn coarse_type(class: &str) -> Option<EntityType> {
    use EntityType::*;
    Some(match class {
        "PER" | "PERS" | "Politician" | "Athlete" | "Artist" | "Scientist" | "Businessperson" => Per,
        c if c.ends_with("_PER") => Per,
        "LOC"
        | "Nation"
        | "Population-Center"
        | "State-or-Province"
        | "County-or-District"
        | "GPE-Cluster"
        | "Continent"
        | "Water-Body"
        | "Land"
        | "Land-Region-Natural"
        | "Celestial"
        | "Address"
        | "Boundary"
        | "Region-International"
        | "Region-General"
        | "Building-Grounds"
        | "Airport"
        | "Path"
        | "Subarea-Facility"
        | "Plant" => Loc,
        "ORG" | "Government" | "Non-Governmental" | "Media" | "Commercial" | "Educational" | "Sports"
        | "Police" | "Medical-Science" | "Entertainment" | "Religious" => Org,
        "MISC" | "Book" | "Movie" | "Software" | "Sound" | "Food" | "Drug" | "Blunt" | "Chemical"
        | "Exploding" | "Shooting" | "Sharp" | "Nuclear" | "Biological" | "Projectile" | "Air"
        | "Land-Vehicle" | "Water-Vehicle" | "Subarea-Vehicle" | "Spacecraft" | "Group" => Misc,
        _ => return None,
    })
}

fn parse_tag(tag: &str) -> Option<Tag> {
    if tag == "O" {
        return Some(Tag::O);
    }
    let (bio, class) = tag.split_once('-')?;
    match (bio, coarse_type(class)) {
        ("B" | "I", None) => Some(Tag::O),
        ("B", Some(t)) => Some(Tag::B(t)),
        ("I", Some(t)) => Some(Tag::I(t)),
        _ => None,
    }
}

/// Reads a CoNLL file (see the module doc).
pub fn parse_conll(text: &str) -> Result<Vec<TaggedSentence>, EntityError> {
    let mut sentences = Vec::new();
    let mut current = TaggedSentence { words: Vec::new(), tags: Vec::new(), misc_annotated: true };
    for (n, line) in text.lines().enumerate() {
        let line: String =
            line.chars().filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{FEFF}' | '\r')).collect();
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            if !current.words.is_empty() {
                sentences.push(std::mem::replace(
                    &mut current,
                    TaggedSentence { words: Vec::new(), tags: Vec::new(), misc_annotated: true },
                ));
            }
            continue;
        }
        let (word, tag) = match fields.as_slice() {
            [word, .., tag] => (*word, *tag),
            _ => {
                return Err(EntityError::Conll {
                    line: n + 1,
                    reason: "expected `WORD TAG`, found one field".into(),
                })
            }
        };
        let tag = parse_tag(tag).ok_or_else(|| EntityError::Conll {
            line: n + 1,
            reason: format!("unknown tag `{tag}` (expected O, B-TYPE or I-TYPE)"),
        })?;
        current.words.push(word.to_string());
        current.tags.push(tag);
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// An entity in a tag sequence: type, first token, one past the last token.
pub type Chunk = (EntityType, usize, usize);

/// The entities of a tag sequence.
pub fn chunks(tags: &[Tag]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut open: Option<(EntityType, usize)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (Tag::I(t), Some((o, _))) if t == o);
        if continues {
            continue;
        }
        if let Some((t, start)) = open.take() {
            out.push((t, start, i));
        }
        if let Tag::B(t) | Tag::I(t) = tag {
            open = Some((t, i));
        }
    }
    if let Some((t, start)) = open {
        out.push((t, start, tags.len()));
    }
    out
}

/// Counts for one entity type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted entities that match a gold one exactly.
    pub correct: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Gold entities.
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        crate::ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        crate::ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        crate::precision_recall_f1(self.correct, self.predicted, self.gold).2
    }
}

/// Entity-level scores of a tagger against a gold file.
#[derive(Debug, Clone, PartialEq)]
pub struct NerReport {
    /// Per type, in [`EntityType::ALL`] order.
    pub per_type: [(EntityType, Counts); 4],
    /// Tokens scored.
    pub tokens: usize,
    /// Sentences scored.
    pub sentences: usize,
}

impl NerReport {
    /// All types together (micro-averaged).
    pub fn overall(&self) -> Counts {
        self.per_type.iter().fold(Counts::default(), |a, (_, c)| Counts {
            correct: a.correct + c.correct,
            predicted: a.predicted + c.predicted,
            gold: a.gold + c.gold,
        })
    }
}

/// Scores predicted against gold tags, sentence by sentence.
pub fn score<'a>(pairs: impl IntoIterator<Item = (&'a [Tag], &'a [Tag])>) -> NerReport {
    let mut report =
        NerReport { per_type: EntityType::ALL.map(|t| (t, Counts::default())), tokens: 0, sentences: 0 };
    for (gold, predicted) in pairs {
        report.tokens += gold.len();
        report.sentences += 1;
        let gold = chunks(gold);
        let predicted = chunks(predicted);
        for &(t, ..) in &gold {
            report.per_type[t as usize].1.gold += 1;
        }
        for p in &predicted {
            let counts = &mut report.per_type[p.0 as usize].1;
            counts.predicted += 1;
            if gold.contains(p) {
                counts.correct += 1;
            }
        }
    }
    report
}

impl fmt::Display for NerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<8} {:>9} {:>9} {:>7} {:>7} {:>7}", "type", "gold", "predicted", "P", "R", "F1")?;
        let rows = self.per_type.iter().map(|(t, c)| (t.label(), *c)).chain([("overall", self.overall())]);
        for (name, c) in rows {
            writeln!(
                f,
                "{:<8} {:>9} {:>9} {:>7.2} {:>7.2} {:>7.2}",
                name,
                c.gold,
                c.predicted,
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1()
            )?;
        }
        write!(f, "({} sentences, {} tokens; CoNLL exact-span entity scoring)", self.sentences, self.tokens)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::*;

    #[test]
    fn reads_both_tag_schemes_and_strips_marks() {
        let text =
            "\u{200E}سمير\tB-Politician\r\nنادر I-Politician\nفي O\nطنطا B-LOC\n\nكتاب B-Unknown-Class\n";
        let sentences = parse_conll(text).unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].words[0], "سمير");
        assert_eq!(sentences[0].tags, [Tag::B(Per), Tag::I(Per), Tag::O, Tag::B(Loc)]);
        assert_eq!(sentences[1].tags, [Tag::O]);
        let err = parse_conll("a O\nb X-Y\n").unwrap_err().to_string();
        assert!(err.starts_with("line 2: unknown tag"), "{err}");
    }

    #[test]
    fn chunks_follow_conlleval() {
        let table: &[(&[Tag], &[Chunk])] = &[
            (&[Tag::B(Per), Tag::I(Per), Tag::O], &[(Per, 0, 2)]),
            (&[Tag::I(Loc), Tag::B(Loc)], &[(Loc, 0, 1), (Loc, 1, 2)]),
            (&[Tag::B(Per), Tag::I(Org)], &[(Per, 0, 1), (Org, 1, 2)]),
            (&[Tag::O, Tag::B(Misc)], &[(Misc, 1, 2)]),
        ];
        for (tags, expected) in table {
            assert_eq!(&chunks(tags), expected, "{tags:?}");
        }
    }

    #[test]
    fn scores_exact_spans_only() {
        let gold = [Tag::B(Per), Tag::I(Per), Tag::O, Tag::B(Loc)];
        let predicted = [Tag::B(Per), Tag::O, Tag::O, Tag::B(Loc)];
        let report = score([(&gold[..], &predicted[..])]);
        assert_eq!(report.overall(), Counts { correct: 1, predicted: 2, gold: 2 });
        assert!((report.overall().f1() - 0.5).abs() < 1e-9);
        assert!(report.to_string().contains("overall"));
    }
}
