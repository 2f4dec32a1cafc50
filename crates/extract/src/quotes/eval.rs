//! Scoring a `quotes` layer against the hand-made gold set.
//!
//! Gold format (`testdata/quotes/gold.tsv`, described in its README): one quote per line,
//! `article <TAB> kind (DIRECT|INDIRECT) <TAB> speaker (alternatives split by |) <TAB> verb <TAB>
//! quote`, the quote written exactly as in the article's cleaned text. A predicted quote matches a
//! gold quote when their spans overlap substantially (Dice ≥ 0.5 over bytes: twice the overlap
//! is at least half the two lengths together) and, for the headline score, the speaker matches:
//! the predicted `speaker_canonical` or `speaker`, folded and without quotation marks, equals a
//! gold alternative or one contains the other as whole words (the shorter side at least two
//! words, or one word when it is an entity's canonical name). Each prediction matches once.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use marsad_article::Span;

use super::lexicon::fold;
use super::{QuoteKind, QuotesError};

/// One gold quote.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldQuote {
    /// The article's file name without `.txt`.
    pub article: String,
    pub kind: QuoteKind,
    /// Acceptable speakers (a name, or a source phrase when no name is given).
    pub speakers: Vec<String>,
    pub verb: String,
    /// The quote's text as it stands in the cleaned article.
    pub text: String,
    /// Line in the TSV, for messages.
    pub line: usize,
}

/// Parses the gold TSV; `#` lines and blank lines are skipped.
pub fn parse_gold(tsv: &str) -> Result<Vec<GoldQuote>, QuotesError> {
    let mut gold = Vec::new();
    for (index, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| QuotesError::Gold { line: index + 1, reason };
        let cols: Vec<&str> = line.split('\t').collect();
        let [article, kind, speaker, verb, text] = cols[..] else {
            return Err(bad(format!(
                "expected 5 tab-separated columns (article, kind, speaker, verb, quote), found {}",
                cols.len()
            )));
        };
        let kind = QuoteKind::from_label(kind)
            .ok_or_else(|| bad(format!("kind {kind:?} is not DIRECT or INDIRECT")))?;
        if text.trim().is_empty() {
            return Err(bad("empty quote".into()));
        }
        gold.push(GoldQuote {
            article: article.to_string(),
            kind,
            speakers: speaker.split('|').map(str::to_string).collect(),
            verb: verb.to_string(),
            text: text.to_string(),
            line: index + 1,
        });
    }
    Ok(gold)
}

/// One article's predictions: its name (as in the gold `article` column), cleaned text and
/// `quotes` layer.
#[derive(Debug, Clone, Copy)]
pub struct ArticleQuotes<'a> {
    pub name: &'a str,
    pub clean: &'a str,
    pub quotes: &'a [Span],
}

/// Matched counts for one slice of the gold (all, or one kind).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    /// Span and speaker match.
    pub correct: usize,
    /// Span matches, speaker aside.
    pub span_only: usize,
}

impl Counts {
    pub fn prf(&self, correct: usize) -> (f64, f64, f64) {
        crate::precision_recall_f1(correct, self.predicted, self.gold)
    }
}

/// Precision, recall and F1 of span+speaker and of span alone, overall and per kind; the
/// quotes missed, the wrong speakers and the predictions matching nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuotesReport {
    pub all: Counts,
    /// Per gold kind; a prediction counts for the kind of its label.
    pub by_kind: BTreeMap<&'static str, Counts>,
    /// Span matches whose predicted label equals the gold kind.
    pub kind_correct: usize,
    /// Gold quotes without a span match: `article: quote`.
    pub misses: Vec<String>,
    /// Span matches with another speaker: `article: quote (want …, got …)`.
    pub wrong_speaker: Vec<String>,
    /// Predictions overlapping no gold quote: `article: quote [speaker]`.
    pub spurious: Vec<String>,
    /// Gold quotes whose text is not in the article, or whose article was not given.
    pub unlocated: Vec<String>,
}

impl QuotesReport {
    /// F1 of span+speaker over all quotes, the headline number.
    pub fn f1(&self) -> f64 {
        self.all.prf(self.all.correct).2
    }
}

impl fmt::Display for QuotesReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "gold {} predicted {}", self.all.gold, self.all.predicted)?;
        writeln!(f, "{:<26} {:>6} {:>6} {:>6}", "match", "P", "R", "F1")?;
        let mut row = |name: String, c: &Counts, correct: usize| {
            let (p, r, f1) = c.prf(correct);
            writeln!(f, "{name:<26} {p:>6.3} {r:>6.3} {f1:>6.3}")
        };
        row("span + speaker".into(), &self.all, self.all.correct)?;
        row("span".into(), &self.all, self.all.span_only)?;
        row("span + kind".into(), &self.all, self.kind_correct)?;
        for (kind, c) in &self.by_kind {
            row(format!("{kind} span + speaker"), c, c.correct)?;
            row(format!("{kind} span"), c, c.span_only)?;
        }
        if !self.unlocated.is_empty() {
            writeln!(f, "{} gold quotes not found in their article", self.unlocated.len())?;
        }
        Ok(())
    }
}

fn dice(a: &Range<usize>, b: &Range<usize>) -> f64 {
    let overlap = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let total = a.len() + b.len();
    if total == 0 {
        0.0
    } else {
        2.0 * overlap as f64 / total as f64
    }
}

/// A speaker phrase for comparison: folded words without quotation marks and punctuation.
fn speaker_words(s: &str) -> Vec<String> {
    fold(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

fn contains_words(long: &[String], short: &[String]) -> bool {
    !short.is_empty() && long.windows(short.len()).any(|w| w == short)
}

fn speaker_matches(gold: &[String], predicted: &Span) -> bool {
    let attr = |k: &str| predicted.attr_str(k);
    let has_entity = predicted.attrs.contains_key("speaker_entity");
    let candidates = [(attr("speaker_canonical"), true), (attr("speaker"), false)];
    gold.iter().map(|g| speaker_words(g)).any(|g| {
        candidates.iter().filter_map(|&(c, canonical)| Some((speaker_words(c?), canonical))).any(
            |(p, canonical)| {
                if p == g {
                    return true;
                }
                let (long, short, short_is_canonical) =
                    if p.len() >= g.len() { (&p, &g, false) } else { (&g, &p, canonical && has_entity) };
                (short.len() >= 2 || short_is_canonical) && contains_words(long, short)
            },
        )
    })
}

struct Predicted<'a> {
    span: &'a Span,
    kind: QuoteKind,
}

/// Scores every article's `quotes` layer against the gold quotes of that article.
pub fn eval_quotes(gold: &[GoldQuote], articles: &[ArticleQuotes<'_>]) -> QuotesReport {
    let mut report = QuotesReport::default();
    for kind in [QuoteKind::Direct, QuoteKind::Indirect] {
        report.by_kind.insert(kind.label(), Counts::default());
    }
    for article in articles {
        let predicted: Vec<Predicted> = article
            .quotes
            .iter()
            .filter_map(|s| Some(Predicted { span: s, kind: QuoteKind::from_label(&s.label)? }))
            .collect();
        let mut located: Vec<(&GoldQuote, Range<usize>)> = Vec::new();
        for g in gold.iter().filter(|g| g.article == article.name) {
            match article.clean.find(&g.text) {
                Some(at) => located.push((g, at..at + g.text.len())),
                None => report.unlocated.push(format!("{} line {}: {}", g.article, g.line, g.text)),
            }
        }
        report.all.gold += located.len();
        report.all.predicted += predicted.len();
        for p in &predicted {
            if let Some(c) = report.by_kind.get_mut(p.kind.label()) {
                c.predicted += 1;
            }
        }
        for (g, _) in &located {
            if let Some(c) = report.by_kind.get_mut(g.kind.label()) {
                c.gold += 1;
            }
        }
        // Span+speaker first, so a prediction with the right speaker is not taken by a neighbour.
        let mut used = vec![false; predicted.len()];
        let mut matched = vec![None; located.len()];
        for pass_needs_speaker in [true, false] {
            for (gi, (g, range)) in located.iter().enumerate() {
                if matched[gi].is_some() {
                    continue;
                }
                let found = predicted.iter().enumerate().position(|(k, p)| {
                    !used[k]
                        && dice(range, &p.span.range()) >= 0.5
                        && (!pass_needs_speaker || speaker_matches(&g.speakers, p.span))
                });
                if let Some(k) = found {
                    used[k] = true;
                    matched[gi] = Some(k);
                }
            }
        }
        for (gi, (g, range)) in located.iter().enumerate() {
            let Some(k) = matched[gi] else {
                report.misses.push(format!("{}: {} [{}]", g.article, g.text, g.speakers.join("|")));
                continue;
            };
            let p = &predicted[k];
            let speaker_ok = speaker_matches(&g.speakers, p.span);
            report.all.span_only += 1;
            if p.kind == g.kind {
                report.kind_correct += 1;
            }
            if let Some(c) = report.by_kind.get_mut(g.kind.label()).filter(|_| p.kind == g.kind) {
                c.span_only += 1;
                c.correct += usize::from(speaker_ok);
            }
            if speaker_ok {
                report.all.correct += 1;
            } else {
                let got = |key: &str| p.span.attr_str(key).unwrap_or("-").to_string();
                report.wrong_speaker.push(format!(
                    "{}: {} (want {}, got {} / {})",
                    g.article,
                    &article.clean[range.clone()],
                    g.speakers.join("|"),
                    got("speaker"),
                    got("speaker_canonical")
                ));
            }
        }
        for (k, p) in predicted.iter().enumerate() {
            if !used[k] {
                let speaker = p.span.attr_str("speaker").unwrap_or("-");
                report.spurious.push(format!(
                    "{}: {} [{speaker}]",
                    article.name,
                    &article.clean[p.span.range()]
                ));
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_gold_lines_and_names_bad_ones() {
        let gold = parse_gold("# c\na1\tDIRECT\tجون كيري|كيري\tقال\tنص الاقتباس\n").unwrap();
        assert_eq!(gold.len(), 1);
        assert_eq!(gold[0].speakers, ["جون كيري", "كيري"]);
        assert_eq!(gold[0].line, 2);
        assert_eq!(
            parse_gold("a\tDIRECT\tx").unwrap_err().to_string(),
            "gold line 1: expected 5 tab-separated columns (article, kind, speaker, verb, quote), found 3"
        );
        assert!(parse_gold("a\tQUOTE\tx\ty\tz").unwrap_err().to_string().contains("not DIRECT or INDIRECT"));
    }

    #[test]
    fn scores_span_speaker_and_kind() {
        let clean = "قال الوزير إن الاتفاق قريب. وأضاف: «سنوقع غدا». وذكرت مصادر أن الموعد تأجل.";
        let gold = parse_gold(
            "a\tINDIRECT\tوزير الخارجية\tقال\tالاتفاق قريب\n\
             a\tDIRECT\tوزير الخارجية\tوأضاف\tسنوقع غدا\n\
             a\tINDIRECT\tمصادر مطلعة\tوذكرت\tالموعد تأجل\n",
        )
        .unwrap();
        let span = |text: &str, label: &str, speaker: &str| {
            let at = clean.find(text).unwrap();
            Span::new(at..at + text.len(), label).with_attr("speaker", speaker)
        };
        let predicted = [
            span("الاتفاق قريب", "INDIRECT", "وزير الخارجية"),
            span("سنوقع غدا", "INDIRECT", "وزير الخارجية الأمريكي"),
            span("الموعد", "INDIRECT", "مصادر"),
            span("قال الوزير", "DIRECT", "-"),
        ];
        let report = eval_quotes(&gold, &[ArticleQuotes { name: "a", clean, quotes: &predicted }]);
        assert_eq!(report.all, Counts { gold: 3, predicted: 4, correct: 2, span_only: 3 });
        assert_eq!(report.kind_correct, 2);
        assert_eq!(report.by_kind["DIRECT"], Counts { gold: 1, predicted: 1, correct: 0, span_only: 0 });
        assert_eq!(report.wrong_speaker.len(), 1);
        assert_eq!(report.spurious.len(), 1);
        assert!((report.f1() - 2.0 * (0.5 * 2.0 / 3.0) / (0.5 + 2.0 / 3.0)).abs() < 1e-9);
    }
}
