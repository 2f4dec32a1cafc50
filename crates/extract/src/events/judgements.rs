//! Scoring the events layer on whole articles: hand judgements of events the coder once produced
//! on a corpus (is each a real event of its type?), checked against what it codes now.
//!
//! The validation sentences of [`super::eval`] each hold an event, so they cannot show an event
//! coded where there is none; on whole articles most sentences hold none. A judgement names an
//! article (its path inside the corpus), a sentence of it, the type and trigger coded, and a
//! verdict: `Y` for a real event of that type, `N` for not (with a reason). Scoring reruns the
//! coder: a judged event still coded (same sentence and type, trigger sharing a word) is kept,
//! else dropped. Kept `Y` over all kept is the precision on that sample; dropped `Y` are real
//! events lost. A real event may also carry its gold source and target (words of the sentence, `-`
//! when it names none): for those still coded, an actor is right when it shares a word with the
//! gold one, or when both are absent. Pure: the caller (`marsad eval event-judgements`) reads the
//! corpus and runs the pipeline. File format: see `crates/extract/testdata/event_judgements/`.

use std::collections::BTreeMap;
use std::fmt;

use marsad_article::{layer, Article};

use super::eval::EventError;
use super::lexicon::PLOVER_TYPES;

/// One hand judgement of a coded event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// Row number given in the file.
    pub row: usize,
    /// `dev` (rules may be written from it) or `test` (only scored).
    pub part: String,
    /// The article's path inside the corpus, as it ends its origin.
    pub article: String,
    /// Index of the sentence in the article's `sentences` layer.
    pub sentence: usize,
    /// PLOVER type coded.
    pub plover: String,
    /// Trigger text coded.
    pub trigger: String,
    /// A real event of that type.
    pub real: bool,
    /// Why not, for `N` (`sport`, `unreal`, `idiom`…); empty for `Y`.
    pub reason: String,
    /// Gold source and target of a real event: `None` when not judged, `Some("")` when the
    /// sentence names none.
    pub source: Option<String>,
    pub target: Option<String>,
}

/// An event coded now, as the scorer compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodedEvent {
    pub sentence: usize,
    pub plover: String,
    pub trigger: String,
    pub source: Option<String>,
    pub target: Option<String>,
    /// The sentence's text, for reading.
    pub context: String,
}

/// The events of an annotated article as the scorer compares them.
pub fn coded_events(article: &Article) -> Vec<CodedEvent> {
    article
        .layer(layer::EVENTS)
        .iter()
        .map(|e| CodedEvent {
            sentence: e.attr_str("sentence").and_then(|s| s.parse().ok()).unwrap_or(usize::MAX),
            plover: e.label.clone(),
            trigger: article.text_of(e).to_string(),
            source: e.attr_str("source").map(String::from),
            target: e.attr_str("target").map(String::from),
            context: article.sentence_of(e).map_or(String::new(), |s| article.text_of(s).to_string()),
        })
        .collect()
}

/// Parses a judgements file: `row part article sentence type trigger Y|N reason [source target]`,
/// tab-separated, `#` lines are comments.
pub fn parse_judgements(name: &str, text: &str) -> Result<Vec<Judgement>, EventError> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let error = |reason: String| EventError::Gold { name: name.to_string(), line: index + 1, reason };
        let cols: Vec<&str> = line.split('\t').collect();
        let (&[row, part, article, sentence, plover, trigger, verdict, reason], actors) =
            cols.split_at(cols.len().min(8))
        else {
            return Err(error(format!(
                "expected 8 tab-separated columns (row, part, article, sentence, type, trigger, Y|N, reason), found {}",
                cols.len()
            )));
        };
        let gold_actor = |text: &str| match text.trim() {
            "" => None,
            "-" => Some(String::new()),
            words => Some(words.to_string()),
        };
        let (source, target) = match actors {
            [] => (None, None),
            [source, target] => (gold_actor(source), gold_actor(target)),
            _ => return Err(error(format!("expected 8 or 10 tab-separated columns, found {}", cols.len()))),
        };
        let number = |what: &str, text: &str| {
            text.parse::<usize>().map_err(|_| error(format!("{what} `{text}` is not a number")))
        };
        if !PLOVER_TYPES.contains(&plover) {
            return Err(error(format!("`{plover}` is not one of the 16 PLOVER types")));
        }
        let real = match verdict {
            "Y" => true,
            "N" => false,
            other => return Err(error(format!("verdict `{other}` is neither Y nor N"))),
        };
        if !real && reason.is_empty() {
            return Err(error("an N verdict needs a reason".into()));
        }
        out.push(Judgement {
            row: number("row", row)?,
            part: part.to_string(),
            article: article.to_string(),
            sentence: number("sentence", sentence)?,
            plover: plover.to_string(),
            trigger: trigger.to_string(),
            real,
            reason: reason.to_string(),
            source,
            target,
        });
    }
    Ok(out)
}

/// How judged events fared.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct JudgedReport {
    pub judged: usize,
    /// Judgements whose article the corpus did not give.
    pub articles_missing: usize,
    pub real_kept: usize,
    pub real_dropped: usize,
    /// Not events, by reason: (still coded, dropped).
    pub not_events: BTreeMap<String, (usize, usize)>,
    /// Rows of real events dropped, to read.
    pub lost_rows: Vec<usize>,
    /// Rows of not-events still coded, to read.
    pub wrong_rows: Vec<usize>,
    /// Real events still coded with a gold source, and how many of those sources are right; the
    /// same for targets.
    pub sources: (usize, usize),
    pub targets: (usize, usize),
    /// One line per real event still coded: row, coded and gold actors, sentence; for reading, not
    /// part of `Display`.
    pub actor_lines: Vec<String>,
}

impl JudgedReport {
    fn not_kept(&self) -> usize {
        self.not_events.values().map(|(kept, _)| kept).sum()
    }

    fn not_dropped(&self) -> usize {
        self.not_events.values().map(|(_, dropped)| dropped).sum()
    }
}

/// True when the coded actor is the gold one: both absent, or sharing a word.
fn actor_right(gold: &str, coded: Option<&str>) -> bool {
    if gold.is_empty() {
        coded.is_none()
    } else {
        super::eval::overlaps(gold, coded)
    }
}

/// True when an event coded now stands for the judged one: same sentence and type, and triggers
/// sharing a word (a rule may lengthen or shorten the phrase).
fn same_event(judged: &Judgement, coded: &CodedEvent) -> bool {
    judged.sentence == coded.sentence
        && judged.plover == coded.plover
        && judged.trigger.split_whitespace().any(|w| coded.trigger.split_whitespace().any(|c| c == w))
}

/// Scores `judgements` against `coded`: the events coded now in each judged article, by article
/// path; an article absent from the map is counted missing.
pub fn score_judgements(judgements: &[Judgement], coded: &BTreeMap<String, Vec<CodedEvent>>) -> JudgedReport {
    let mut report = JudgedReport { judged: judgements.len(), ..JudgedReport::default() };
    for judged in judgements {
        let Some(events) = coded.get(&judged.article) else {
            report.articles_missing += 1;
            continue;
        };
        let kept = events.iter().find(|c| same_event(judged, c));
        match (judged.real, kept) {
            (true, Some(coded)) => {
                report.real_kept += 1;
                let shown = |a: &Option<String>| {
                    a.as_deref().map_or("-", |a| if a.is_empty() { "-" } else { a }).to_string()
                };
                report.actor_lines.push(format!(
                    "row {} {} {} | coded {} > {} | gold {} > {} | {}",
                    judged.row,
                    judged.plover,
                    coded.trigger,
                    shown(&coded.source),
                    shown(&coded.target),
                    judged.source.as_ref().map_or("?".to_string(), |_| shown(&judged.source)),
                    judged.target.as_ref().map_or("?".to_string(), |_| shown(&judged.target)),
                    coded.context
                ));
                for (gold, coded, tally) in [
                    (&judged.source, &coded.source, &mut report.sources),
                    (&judged.target, &coded.target, &mut report.targets),
                ] {
                    if let Some(gold) = gold {
                        tally.0 += 1;
                        tally.1 += usize::from(actor_right(gold, coded.as_deref()));
                    }
                }
            }
            (true, None) => {
                report.real_dropped += 1;
                report.lost_rows.push(judged.row);
            }
            (false, _) => {
                let entry = report.not_events.entry(judged.reason.clone()).or_default();
                if kept.is_some() {
                    entry.0 += 1;
                    report.wrong_rows.push(judged.row);
                } else {
                    entry.1 += 1;
                }
            }
        }
    }
    report
}

impl fmt::Display for JudgedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kept = self.real_kept + self.not_kept();
        writeln!(
            f,
            "judged events {} ({} real); articles missing from the corpus {}",
            self.judged,
            self.real_kept + self.real_dropped,
            self.articles_missing
        )?;
        writeln!(
            f,
            "still coded {kept}: precision {:.3} ({} real of {kept})",
            crate::ratio(self.real_kept, kept),
            self.real_kept
        )?;
        writeln!(
            f,
            "real events kept {:.3} ({} of {}); not events dropped {:.3} ({} of {})",
            crate::ratio(self.real_kept, self.real_kept + self.real_dropped),
            self.real_kept,
            self.real_kept + self.real_dropped,
            crate::ratio(self.not_dropped(), self.not_kept() + self.not_dropped()),
            self.not_dropped(),
            self.not_kept() + self.not_dropped()
        )?;
        for (role, (judged, right)) in [("sources", self.sources), ("targets", self.targets)] {
            if judged > 0 {
                writeln!(
                    f,
                    "{role} right in real events still coded: {:.3} ({right} of {judged})",
                    crate::ratio(right, judged)
                )?;
            }
        }
        writeln!(f, "{:<14} {:>6} {:>8}", "not an event", "coded", "dropped")?;
        for (reason, (kept, dropped)) in &self.not_events {
            writeln!(f, "{reason:<14} {kept:>6} {dropped:>8}")?;
        }
        for (what, rows) in
            [("real events dropped", &self.lost_rows), ("not events still coded", &self.wrong_rows)]
        {
            if !rows.is_empty() {
                let rows: Vec<String> = rows.iter().map(usize::to_string).collect();
                writeln!(f, "{what}, rows: {}", rows.join(" "))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# comment\n\
        1\tdev\tA/one.txt\t3\tASSAULT\tقصفت\tY\t\n\
        2\tdev\tA/one.txt\t5\tCONSULT\tلقاء\tN\tsport\n\
        3\ttest\tA/two.txt\t0\tAGREE\tالاتفاق\tN\treference\n\
        4\ttest\tA/gone.txt\t0\tAGREE\tاتفق\tY\t\n";

    fn coded(sentence: usize, plover: &str, trigger: &str) -> CodedEvent {
        CodedEvent {
            sentence,
            plover: plover.into(),
            trigger: trigger.into(),
            source: None,
            target: None,
            context: String::new(),
        }
    }

    #[test]
    fn parses_rows_and_rejects_bad_ones_by_line() {
        let judged = parse_judgements("j.tsv", FILE).unwrap();
        assert_eq!(judged.len(), 4);
        assert_eq!((judged[1].sentence, judged[1].real, judged[1].reason.as_str()), (5, false, "sport"));
        for (bad, says) in [
            ("1\tdev\tA\t3\tASSAULT\tقصفت\tY\n", "8 tab-separated"),
            ("1\tdev\tA\tthree\tASSAULT\tقصفت\tY\t\n", "sentence `three`"),
            ("1\tdev\tA\t3\tATTACK\tقصفت\tY\t\n", "PLOVER"),
            ("1\tdev\tA\t3\tASSAULT\tقصفت\tmaybe\t\n", "neither Y nor N"),
            ("1\tdev\tA\t3\tASSAULT\tقصفت\tN\t\n", "needs a reason"),
            ("1\tdev\tA\t3\tASSAULT\tقصفت\tY\t\tالجيش\n", "8 or 10"),
        ] {
            let error = parse_judgements("j.tsv", &format!("# c\n{bad}")).unwrap_err().to_string();
            assert!(error.starts_with("j.tsv:2: ") && error.contains(says), "{error}");
        }
    }

    #[test]
    fn scores_gold_actors_of_real_events_still_coded() {
        let file = "1\tdev\tA\t3\tASSAULT\tقصفت\tY\t\tالجيش السوري\t-\n\
                    2\tdev\tA\t4\tASSAULT\tهاجم\tY\t\tمسلحون\tالحاجز\n\
                    3\tdev\tA\t5\tCONSULT\tالتقى\tY\t\n";
        let judged = parse_judgements("j.tsv", file).unwrap();
        assert_eq!(
            (judged[0].source.as_deref(), judged[0].target.as_deref()),
            (Some("الجيش السوري"), Some(""))
        );
        assert_eq!(judged[2].source, None);
        let with =
            |sentence, plover: &str, trigger: &str, source: Option<&str>, target: Option<&str>| CodedEvent {
                source: source.map(String::from),
                target: target.map(String::from),
                ..coded(sentence, plover, trigger)
            };
        let mut now = BTreeMap::new();
        now.insert(
            "A".to_string(),
            vec![
                // Right source (a shared word), right absent target.
                with(3, "ASSAULT", "قصفت", Some("الجيش"), None),
                // Source and target swapped: both wrong.
                with(4, "ASSAULT", "هاجم", Some("الحاجز"), Some("مسلحون")),
                with(5, "CONSULT", "التقى", Some("الوزير"), None),
            ],
        );
        let report = score_judgements(&judged, &now);
        assert_eq!((report.sources, report.targets), ((2, 1), (2, 1)));
        assert!(report.to_string().contains("sources right in real events still coded: 0.500 (1 of 2)"));
    }

    #[test]
    fn counts_kept_and_dropped_by_verdict() {
        let judged = parse_judgements("j.tsv", FILE).unwrap();
        let mut now = BTreeMap::new();
        // Row 1 kept with a longer trigger; row 2 kept (a false event still coded); row 3 dropped.
        now.insert(
            "A/one.txt".to_string(),
            vec![coded(3, "ASSAULT", "قصفت الطائرات"), coded(5, "CONSULT", "لقاء")],
        );
        now.insert("A/two.txt".to_string(), vec![coded(1, "AGREE", "الاتفاق")]);
        let report = score_judgements(&judged, &now);
        assert_eq!((report.real_kept, report.real_dropped, report.articles_missing), (1, 0, 1));
        assert_eq!(report.not_events["sport"], (1, 0));
        assert_eq!(report.not_events["reference"], (0, 1));
        assert_eq!(report.wrong_rows, vec![2]);
        let text = report.to_string();
        assert!(text.contains("still coded 2: precision 0.500"), "{text}");

        // The real event gone: its row is listed.
        now.insert("A/one.txt".to_string(), vec![coded(3, "PROTEST", "قصفت")]);
        let report = score_judgements(&judged, &now);
        assert_eq!(report.lost_rows, vec![1]);
    }
}
