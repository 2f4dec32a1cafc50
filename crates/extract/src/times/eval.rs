//! Scoring [`find_times`](super::find_times) against a gold set.
//!
//! Gold format (`testdata/times/gold.tsv`, described in its README): one item per line,
//! `id <TAB> published (YYYY-MM-DD or -) <TAB> text`, the expressions marked inline as
//! `[[surface|value]]`, value `-` for an expression that must get a span but no value
//! (impossible dates, years out of range). A predicted span matches a gold one when the spans are
//! equal (exact) or overlap (overlap) and the values are equal; each is used once.

use std::fmt;
use std::ops::Range;

use chrono::{FixedOffset, NaiveDate, TimeZone};

use super::TimesError;

/// One gold item: its text with the markup removed and the marked expressions.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDoc {
    pub id: String,
    pub published: Option<NaiveDate>,
    pub text: String,
    /// Byte range in `text` and expected value (`None` = a span without a value).
    pub times: Vec<(Range<usize>, Option<String>)>,
}

/// Parses the gold TSV.
pub fn parse_gold(tsv: &str) -> Result<Vec<GoldDoc>, TimesError> {
    let mut docs = Vec::new();
    for (index, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| TimesError::Gold { line: index + 1, reason };
        let mut cols = line.splitn(3, '\t');
        let (Some(id), Some(published), Some(marked)) = (cols.next(), cols.next(), cols.next()) else {
            return Err(bad("expected 3 tab-separated columns: id, published, text".into()));
        };
        let published = match published {
            "-" => None,
            date => Some(
                NaiveDate::parse_from_str(date, "%Y-%m-%d")
                    .map_err(|e| bad(format!("published {date:?} is not YYYY-MM-DD: {e}")))?,
            ),
        };
        let mut text = String::new();
        let mut times = Vec::new();
        let mut rest = marked;
        while let Some(open) = rest.find("[[") {
            text.push_str(&rest[..open]);
            let after = &rest[open + 2..];
            let close = after
                .find("]]")
                .ok_or_else(|| bad(format!("unclosed [[ at byte {}", line.len() - rest.len() + open)))?;
            let (surface, value) = after[..close]
                .split_once('|')
                .ok_or_else(|| bad(format!("no |value in {:?}", &after[..close])))?;
            let start = text.len();
            text.push_str(surface);
            times.push((start..text.len(), (value != "-").then(|| value.to_string())));
            rest = &after[close + 2..];
        }
        if rest.contains("]]") {
            return Err(bad("]] without [[".into()));
        }
        text.push_str(rest);
        docs.push(GoldDoc { id: id.to_string(), published, text, times });
    }
    Ok(docs)
}

/// Counts for one matching rule.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    /// Matched with equal values.
    pub correct: usize,
    /// Matched by span alone.
    pub span_only: usize,
}

/// Precision, recall and F1 of span+value (and of span alone), under exact and overlap matching.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimesReport {
    pub gold: usize,
    pub predicted: usize,
    pub exact: Counts,
    pub overlap: Counts,
    /// Gold expressions without a correct overlapping prediction: `id: surface (want value, got value)`.
    pub misses: Vec<String>,
    /// Predictions overlapping no gold expression: `id: surface = value`.
    pub spurious: Vec<String>,
}

use crate::precision_recall_f1 as prf;

impl TimesReport {
    /// F1 of span+value under overlap matching, the headline number.
    pub fn f1(&self) -> f64 {
        prf(self.overlap.correct, self.predicted, self.gold).2
    }
}

impl fmt::Display for TimesReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "gold {} predicted {}", self.gold, self.predicted)?;
        writeln!(f, "{:<22} {:>6} {:>6} {:>6}", "rule", "P", "R", "F1")?;
        for (name, correct) in [
            ("exact span + value", self.exact.correct),
            ("overlap + value", self.overlap.correct),
            ("exact span", self.exact.span_only),
            ("overlap span", self.overlap.span_only),
        ] {
            let (p, r, f1) = prf(correct, self.predicted, self.gold);
            writeln!(f, "{name:<22} {p:>6.3} {r:>6.3} {f1:>6.3}")?;
        }
        Ok(())
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Greedy one-to-one matching in text order.
fn count(
    gold: &[(Range<usize>, Option<String>)],
    predicted: &[(Range<usize>, Option<String>)],
    same_span: impl Fn(&Range<usize>, &Range<usize>) -> bool,
    with_value: bool,
) -> usize {
    let mut used = vec![false; predicted.len()];
    let mut n = 0;
    for (g_range, g_value) in gold {
        let found = predicted.iter().enumerate().position(|(k, (p_range, p_value))| {
            !used[k] && same_span(g_range, p_range) && (!with_value || g_value == p_value)
        });
        if let Some(k) = found {
            used[k] = true;
            n += 1;
        }
    }
    n
}

/// Runs [`find_times`](super::find_times) on every gold item (published at noon UTC) and scores it.
pub fn eval_times(gold: &[GoldDoc]) -> TimesReport {
    let mut report = TimesReport::default();
    let noon = |d: NaiveDate| {
        FixedOffset::east_opt(0).and_then(|z| z.from_local_datetime(&d.and_hms_opt(12, 0, 0)?).single())
    };
    for doc in gold {
        let spans = super::find_times(&doc.text, doc.published.and_then(noon));
        let predicted: Vec<(Range<usize>, Option<String>)> =
            spans.iter().map(|s| (s.range(), s.attr_str("value").map(str::to_string))).collect();
        report.gold += doc.times.len();
        report.predicted += predicted.len();
        let exact = |a: &Range<usize>, b: &Range<usize>| a == b;
        report.exact.correct += count(&doc.times, &predicted, exact, true);
        report.exact.span_only += count(&doc.times, &predicted, exact, false);
        report.overlap.correct += count(&doc.times, &predicted, overlaps, true);
        report.overlap.span_only += count(&doc.times, &predicted, overlaps, false);
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        for (g_range, g_value) in &doc.times {
            let ok = predicted.iter().any(|(p, v)| overlaps(g_range, p) && v == g_value);
            if !ok {
                let got: Vec<String> =
                    predicted.iter().filter(|(p, _)| overlaps(g_range, p)).map(|(_, v)| show(v)).collect();
                report.misses.push(format!(
                    "{}: {} (want {}, got {})",
                    doc.id,
                    &doc.text[g_range.clone()],
                    show(g_value),
                    if got.is_empty() { "nothing".into() } else { got.join(" ") }
                ));
            }
        }
        for (p_range, p_value) in &predicted {
            if !doc.times.iter().any(|(g, _)| overlaps(g, p_range)) {
                report.spurious.push(format!(
                    "{}: {} = {}",
                    doc.id,
                    &doc.text[p_range.clone()],
                    show(p_value)
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
    fn parses_inline_markup_into_ranges() {
        let docs =
            parse_gold("# comment\nx1\t2016-09-01\tوصل [[أمس|2016-08-31]] وبقي [[31 فبراير|-]].\n").unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.text, "وصل أمس وبقي 31 فبراير.");
        assert_eq!(&d.text[d.times[0].0.clone()], "أمس");
        assert_eq!(d.times[0].1.as_deref(), Some("2016-08-31"));
        assert_eq!(d.times[1].1, None);
    }

    #[test]
    fn bad_gold_lines_name_the_line() {
        assert_eq!(
            parse_gold("a\tb").unwrap_err().to_string(),
            "gold line 1: expected 3 tab-separated columns: id, published, text"
        );
        assert!(parse_gold("a\t-\t[[x|1").unwrap_err().to_string().starts_with("gold line 1: unclosed [["));
        assert!(parse_gold("a\t2016-13-01\tx").is_err());
    }

    #[test]
    fn scores_exact_and_overlapping_matches() {
        let docs = parse_gold("a\t2016-09-01\t[[أمس الأربعاء|2016-08-31]] و[[غدا|2016-09-09]]\n").unwrap();
        let report = eval_times(&docs);
        assert_eq!((report.gold, report.predicted), (2, 2));
        assert_eq!(report.exact, Counts { correct: 1, span_only: 2 });
        assert_eq!(report.misses.len(), 1);
        assert_eq!(prf(1, 2, 2), (0.5, 0.5, 0.5));
    }
}
