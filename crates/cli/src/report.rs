//! What people see: the end-of-run summary, search results as a table or JSON lines, an article as
//! text. All messages go to stderr; only results go to stdout.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use marsad_article::{layer, Article};
use marsad_read::thousands;
use marsad_store::SearchResults;
use serde::Serialize;

/// The end-of-run summary of an ingest; `--report` writes it as JSON.
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
}

impl Summary {
    pub fn reject(&mut self, reason: &str) {
        self.rejected += 1;
        *self.rejected_by_reason.entry(reason.to_string()).or_default() += 1;
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
