//! What people see: the end-of-run summary, search results as a table or JSON lines, an article as
//! text. All messages go to stderr; only results go to stdout.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use marsad_article::{layer, Article};
use marsad_read::{thousands, Format};
use marsad_store::SearchResults;
use serde::Serialize;

/// The end-of-run summary of an ingest; `--report` writes it as JSON. The totals come first, then
/// the same counts per input format in `by_format`.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub inputs: usize,
    pub read: u64,
    pub bytes: u64,
    pub stored: u64,
    pub already_stored: u64,
    /// Articles stored now that are near-copies of an article stored before them.
    pub copies: u64,
    /// Inputs left out on purpose (pages not in Arabic), by reason and language.
    pub skipped: u64,
    pub skipped_by_reason: BTreeMap<String, u64>,
    pub rejected: u64,
    /// Rejections counted by reason.
    pub rejected_by_reason: BTreeMap<String, u64>,
    pub seconds: f64,
    /// What the copy and story indexes hold at the end, by their own estimates: with a window of
    /// days it stays flat however long the input (docs/benchmarks.md).
    pub group_index_bytes: usize,
    /// Counts per input format, keyed by [`Format::name`]; [`OTHER`] holds the inputs refused or
    /// skipped before their format was known (missing, empty, binary, cut between archive members,
    /// files not named like articles).
    pub by_format: BTreeMap<&'static str, FormatSummary>,
}

/// The `by_format` key of inputs whose format was never known.
pub const OTHER: &str = "other";

/// What happened to the inputs of one format. Each record read ends in exactly one of: stored,
/// already stored, rejected, skipped for its language; so `read = stored + already_stored +
/// rejected + sum(skipped_by_language)`.
#[derive(Debug, Default, Serialize, PartialEq)]
pub struct FormatSummary {
    /// Records read: articles, pages in another language and records the reader refused.
    pub read: u64,
    /// Articles passed on to the pipeline: the pages found to be in Arabic by language
    /// identification (html, warc, feed), and every article of the formats read without it
    /// (txt, jsonl, trec, whose corpora are Arabic).
    pub arabic: u64,
    /// Articles stored by this run, near-copies included.
    pub stored: u64,
    /// `already_stored + near_copies`: articles that added no new text to the store.
    pub duplicates: u64,
    /// Articles whose exact text the store held before, or met earlier in this run.
    pub already_stored: u64,
    /// Articles stored now that are near-copies of an article stored before them.
    pub near_copies: u64,
    pub rejected: u64,
    pub rejected_by_reason: BTreeMap<String, u64>,
    /// Pages left out because they are not in Arabic, by ISO 639-3 code (`und` when too short).
    pub skipped_by_language: BTreeMap<String, u64>,
    /// Records and files left out for another reason (a WARC request record, a README); not
    /// counted in `read`.
    pub skipped_other: u64,
}

impl Summary {
    fn format(&mut self, format: Option<Format>) -> &mut FormatSummary {
        self.by_format.entry(format.map_or(OTHER, Format::name)).or_default()
    }

    /// Counts an article read, before it is processed.
    pub fn count_read(&mut self, format: Format, bytes: u64) {
        self.read += 1;
        self.bytes += bytes;
        let f = self.format(Some(format));
        f.read += 1;
        f.arabic += 1;
    }

    /// Counts a rejection. `by_reader` says the reader refused it, so it was not counted as read
    /// yet; a stage's rejection is of an article already counted.
    pub fn reject(&mut self, reason: &str, format: Option<Format>, by_reader: bool) {
        self.rejected += 1;
        *self.rejected_by_reason.entry(reason.to_string()).or_default() += 1;
        let f = self.format(format);
        f.read += u64::from(by_reader);
        f.rejected += 1;
        *f.rejected_by_reason.entry(reason.to_string()).or_default() += 1;
    }

    /// Counts an input left out on purpose: a page not in Arabic (`lang` is its language), a file
    /// or record that is not an article.
    pub fn skip(&mut self, why: &str, lang: Option<&str>, format: Option<Format>) {
        let reason = lang.map_or_else(|| why.to_string(), |l| format!("{why} ({l})"));
        *self.skipped_by_reason.entry(reason).or_default() += 1;
        self.skipped += 1;
        let f = self.format(format);
        match lang {
            Some(lang) => {
                f.read += 1;
                *f.skipped_by_language.entry(lang.to_string()).or_default() += 1;
            }
            None => f.skipped_other += 1,
        }
    }

    /// Counts an article of `format` found already stored.
    pub fn count_already_stored(&mut self, format: Format) {
        self.already_stored += 1;
        let f = self.format(Some(format));
        f.already_stored += 1;
        f.duplicates += 1;
    }

    /// Counts an article of `format` stored now, `near_copy` when it is a near-copy of another.
    pub fn count_stored(&mut self, format: Format, near_copy: bool) {
        self.stored += 1;
        self.copies += u64::from(near_copy);
        let f = self.format(Some(format));
        f.stored += 1;
        f.near_copies += u64::from(near_copy);
        f.duplicates += u64::from(near_copy);
    }

    pub fn exit_code(&self) -> ExitCode {
        if self.skipped > 0 {
            let reasons: Vec<String> =
                self.skipped_by_reason.iter().map(|(r, n)| format!("{} {r}", thousands(*n))).collect();
            eprintln!("{:>12} {}: {}", "Skipped", thousands(self.skipped), reasons.join(", "));
        }
        if self.rejected > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }

    /// Prints the cargo-style summary lines to stderr.
    pub fn print(&self) {
        let secs = self.seconds.max(1e-9);
        eprintln!(
            "{:>12} {} articles from {} input{} in {:.1} s ({} articles/s, {:.1} MB/s)",
            "Read",
            thousands(self.read),
            self.inputs,
            if self.inputs == 1 { "" } else { "s" },
            self.seconds,
            thousands((self.read as f64 / secs) as u64),
            self.bytes as f64 / 1e6 / secs
        );
        eprintln!(
            "{:>12} {} articles ({} near-copies of another; {} already stored)",
            "Stored",
            thousands(self.stored),
            thousands(self.copies),
            thousands(self.already_stored)
        );
        if self.rejected > 0 {
            let reasons: Vec<String> =
                self.rejected_by_reason.iter().map(|(r, n)| format!("{} {r}", thousands(*n))).collect();
            eprintln!("{:>12} {}: {}", "Rejected", thousands(self.rejected), reasons.join(", "));
        }
        for (format, counts) in &self.by_format {
            if let Some(line) = counts.line() {
                eprintln!("{format:>12} {line}");
            }
        }
    }
}

impl FormatSummary {
    /// One line of the printed summary, the counts that are not zero; `None` when nothing was read
    /// or refused (a format only skipped by name).
    fn line(&self) -> Option<String> {
        if self.read == 0 {
            return None;
        }
        let by = |counts: &BTreeMap<String, u64>| -> String {
            counts.iter().map(|(k, n)| format!("{} {k}", thousands(*n))).collect::<Vec<_>>().join(", ")
        };
        let mut parts = Vec::new();
        if self.arabic > 0 {
            parts.push(format!("{} Arabic", thousands(self.arabic)));
            parts.push(format!("{} stored", thousands(self.stored)));
            parts.push(format!(
                "{} duplicates ({} already stored, {} near-copies)",
                thousands(self.duplicates),
                thousands(self.already_stored),
                thousands(self.near_copies)
            ));
        }
        if self.rejected > 0 {
            parts.push(format!("{} rejected ({})", thousands(self.rejected), by(&self.rejected_by_reason)));
        }
        let other_languages: u64 = self.skipped_by_language.values().sum();
        if other_languages > 0 {
            parts.push(format!(
                "{} in other languages ({})",
                thousands(other_languages),
                by(&self.skipped_by_language)
            ));
        }
        Some(format!("{} read: {}", thousands(self.read), parts.join(", ")))
    }
}

pub fn print_search(results: &SearchResults, json: bool) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::json!({ "total": results.total }))?;
        for hit in &results.hits {
            writeln!(out, "{}", serde_json::to_string(hit)?)?;
        }
        return Ok(());
    }
    eprintln!("{} matching articles", thousands(results.total as u64));
    for hit in &results.hits {
        let date = hit.published.as_deref().map_or("", |d| d.get(..10).unwrap_or(d));
        writeln!(
            out,
            "{}  {:>6.2}  {}  {}  {}",
            hit.id,
            hit.score,
            date,
            hit.outlet.as_deref().unwrap_or("-"),
            hit.headline.as_deref().unwrap_or("")
        )?;
        writeln!(out, "    {}", hit.snippet.replace('\n', " "))?;
    }
    Ok(())
}

pub fn print_article(out: &mut impl Write, a: &Article) -> std::io::Result<()> {
    writeln!(out, "id:        {}", a.id)?;
    let m = &a.meta;
    for (name, value) in [
        ("outlet", m.outlet.clone()),
        ("published", m.published.map(|d| d.to_rfc3339())),
        ("url", m.url.clone()),
        ("origin", Some(m.origin.clone())),
    ] {
        if let Some(v) = value {
            writeln!(out, "{:<10} {v}", format!("{name}:"))?;
        }
    }
    let dateline: Vec<String> = a
        .layer(layer::DATELINE)
        .iter()
        .filter(|s| s.label != "DATELINE")
        .map(|s| format!("{}={}", s.label, a.text_of(s)))
        .collect();
    if !dateline.is_empty() {
        writeln!(out, "dateline:  {}", dateline.join(", "))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", a.clean)
}

pub fn print_copy_group(
    out: &mut impl Write,
    id: &str,
    group: &marsad_store::CopyGroup,
) -> std::io::Result<()> {
    writeln!(out)?;
    if let Some(story) = group.story {
        writeln!(out, "story:     {story} (marsad story {story})")?;
    }
    if group.members.is_empty() {
        return Ok(());
    }
    if group.canonical_id == id {
        writeln!(out, "copies ({}):", group.members.len())?;
    } else {
        writeln!(out, "copy of {} (similarity {:.2}); its group:", group.canonical_id, group.similarity)?;
    }
    for (member, similarity) in &group.members {
        let date = member.published.as_deref().map_or("", |d| d.get(..10).unwrap_or(d));
        writeln!(
            out,
            "  {}  {similarity:.2}  {date}  {}  {}",
            member.id,
            member.outlet.as_deref().unwrap_or("-"),
            member.headline.as_deref().unwrap_or("")
        )?;
    }
    Ok(())
}

pub fn print_related(out: &mut impl Write, related: &[marsad_store::RelatedArticle]) -> std::io::Result<()> {
    if related.is_empty() {
        return Ok(());
    }
    writeln!(out, "related:")?;
    for r in related {
        let a = &r.article;
        let date = a.published.as_deref().map_or("", |d| d.get(..10).unwrap_or(d));
        let why = if r.shared.is_empty() {
            r.reason.to_string()
        } else {
            format!("{} {}", r.reason, r.shared.join(" "))
        };
        writeln!(out, "  {}  {date}  {}  [{why}]", a.id, a.headline.as_deref().unwrap_or(""))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_record_is_counted_once_under_its_format() {
        let mut s = Summary::default();
        s.count_read(Format::Warc, 100);
        s.count_stored(Format::Warc, false);
        s.count_read(Format::Warc, 100);
        s.count_stored(Format::Warc, true);
        s.count_read(Format::Warc, 100);
        s.count_already_stored(Format::Warc);
        s.count_read(Format::Warc, 100);
        s.reject("extraction", Some(Format::Warc), false);
        s.reject("truncated", Some(Format::Warc), true);
        s.skip("not in Arabic", Some("eng"), Some(Format::Warc));
        s.skip("a request record", None, Some(Format::Warc));
        s.count_read(Format::Txt, 10);
        s.count_stored(Format::Txt, false);
        s.reject("empty", None, true);
        s.skip("a corpus's documentation, not an article", None, None);

        assert_eq!((s.read, s.stored, s.copies, s.already_stored, s.rejected, s.skipped), (5, 3, 1, 1, 3, 3));
        let warc = &s.by_format["warc"];
        assert_eq!(
            (warc.read, warc.arabic, warc.stored, warc.duplicates, warc.rejected, warc.skipped_other),
            (6, 4, 2, 2, 2, 1)
        );
        assert_eq!(
            warc.read,
            warc.stored
                + warc.already_stored
                + warc.rejected
                + warc.skipped_by_language.values().sum::<u64>()
        );
        let lines: Vec<(&str, Option<String>)> = s.by_format.iter().map(|(f, c)| (*f, c.line())).collect();
        assert_eq!(
            lines,
            [
                ("other", Some("1 read: 1 rejected (1 empty)".into())),
                (
                    "txt",
                    Some("1 read: 1 Arabic, 1 stored, 0 duplicates (0 already stored, 0 near-copies)".into())
                ),
                (
                    "warc",
                    Some(
                        "6 read: 4 Arabic, 2 stored, 2 duplicates (1 already stored, 1 near-copies), \
                         2 rejected (1 extraction, 1 truncated), 1 in other languages (1 eng)"
                            .into()
                    )
                ),
            ]
        );
    }
}
