//! `marsad entities`, `quotes`, `events` and the filters of `marsad search`: what the store knows,
//! listed from the command line as a table or as JSON Lines, and events also as CSV for analysts'
//! spreadsheets (columns in the order of ACLED and POLECAT exports).

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Result};
use clap::Args;
use marsad_store::{EventFilter, QuoteFilter, SearchFilters, Sort, Store};

/// Most rows one listing prints, whatever `--limit` says.
const MAX_ROWS: usize = 100_000;

pub fn parse_sort(s: &str) -> Result<Sort, String> {
    match s {
        "relevance" => Ok(Sort::Relevance),
        "newest" => Ok(Sort::Newest),
        "oldest" => Ok(Sort::Oldest),
        _ => Err(format!("{s:?} is not an order: use relevance, newest or oldest")),
    }
}

/// A `YYYY-MM-DD` day, checked so that a typo is an error rather than a filter that matches nothing.
fn parse_day(s: &str) -> Result<String, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| format!("{s:?} is not a day: use YYYY-MM-DD, e.g. 2016-08-31"))
}

#[derive(Args, Debug, Default)]
pub struct FilterArgs {
    /// Only articles from this outlet (exact name).
    #[arg(long)]
    outlet: Option<String>,
    /// Only articles published on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    from: Option<String>,
    /// Only articles published on or before this day.
    #[arg(long, value_parser = parse_day)]
    to: Option<String>,
    /// Only articles that talk about a day on or after this one (dates in the text).
    #[arg(long, value_parser = parse_day)]
    event_from: Option<String>,
    /// Only articles that talk about a day on or before this one.
    #[arg(long, value_parser = parse_day)]
    event_to: Option<String>,
    /// Only articles mentioning this entity (a key from `marsad entities`, e.g. PER:جون_كيري).
    #[arg(long)]
    entity: Option<String>,
    /// Show syndicated copies as results of their own.
    #[arg(long)]
    all_copies: bool,
}

impl FilterArgs {
    pub fn into_filters(self) -> Result<SearchFilters> {
        if let (Some(from), Some(to)) = (&self.from, &self.to) {
            if from > to {
                bail!("--from {from} is after --to {to}");
            }
        }
        Ok(SearchFilters {
            outlet: self.outlet,
            published_from: self.from,
            published_to: self.to,
            event_from: self.event_from,
            event_to: self.event_to,
            entity: self.entity,
            include_copies: self.all_copies,
            ..SearchFilters::default()
        })
    }
}

pub fn story(store: &Store, number: u32, json: bool) -> Result<ExitCode> {
    let Some(story) = store.story(number)? else {
        bail!("no story {number}; `marsad show ID` names an article's story");
    };
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string(&story)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let day =
        |d: &Option<String>| d.as_deref().map_or(String::new(), |d| d.get(..16).unwrap_or(d).to_string());
    writeln!(out, "story {}: {}", story.story, story.title.as_deref().unwrap_or("-"))?;
    writeln!(
        out,
        "{} articles ({} not copies), {} → {}, thread {}",
        story.articles,
        story.canonical_articles,
        day(&story.first_seen),
        day(&story.last_seen),
        story.thread.map_or("-".into(), |t| t.to_string())
    )?;
    writeln!(out, "outlets:   {}", story.outlets.join("، "))?;
    let entities: Vec<String> =
        story.main_entities.iter().map(|(_, name, n)| format!("{name} ({n})")).collect();
    writeln!(out, "entities:  {}", entities.join("، "))?;
    let events: Vec<String> = story.events.iter().map(|(t, n)| format!("{t} {n}")).collect();
    writeln!(out, "events:    {}", events.join(", "))?;
    for (a, copy) in &story.timeline {
        let mark = if *copy { "copy" } else { "    " };
        writeln!(
            out,
            "  {}  {mark}  {}  {}",
            day(&a.published),
            a.outlet.as_deref().unwrap_or("-"),
            a.headline.as_deref().unwrap_or("")
        )?;
    }
    for (other, title, first) in &story.thread_stories {
        writeln!(out, "thread:    story {other}  {}  {}", day(first), title.as_deref().unwrap_or(""))?;
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct EntitiesArgs {
    /// Show this entity (a key such as PER:سيرجي_لافروف) with its spellings, articles and co-occurring entities.
    #[arg(long)]
    key: Option<String>,
    /// Only entities with a spelling containing this text.
    name: Option<String>,
    /// Only this type: PER, LOC, ORG or MISC.
    #[arg(long = "type")]
    entity_type: Option<String>,
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// One JSON object per line.
    #[arg(long)]
    json: bool,
}

pub fn entities(store: &Store, args: &EntitiesArgs) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let limit = args.limit.min(MAX_ROWS);
    if let Some(key) = &args.key {
        let Some(entity) = store.entity(key)? else {
            bail!("no entity with key {key:?}; `marsad entities NAME` lists keys");
        };
        let articles = store.entity_articles(key, limit, args.offset)?;
        let together = store.cooccurring(key, 10)?;
        if args.json {
            let v = serde_json::json!({ "entity": entity, "articles": articles, "cooccurring": together });
            writeln!(out, "{v}")?;
            return Ok(ExitCode::SUCCESS);
        }
        writeln!(out, "{}  {}  {}", entity.key, entity.entity_type, entity.name)?;
        if let Some(en) = &entity.name_en {
            writeln!(out, "latin:     {en}")?;
        }
        if let Some(role) = &entity.role {
            writeln!(out, "role:      {role}")?;
        }
        let names: Vec<String> = entity.names.iter().map(|(n, c)| format!("{n} ({c})")).collect();
        writeln!(out, "spellings: {}", names.join("، "))?;
        writeln!(out, "articles:  {}   mentions: {}", entity.articles, entity.mentions)?;
        let with: Vec<String> = together.iter().map(|(k, c)| format!("{k} ({c})")).collect();
        writeln!(out, "with:      {}", with.join("، "))?;
        for a in articles {
            let date = a.published.as_deref().map_or("", |d| d.get(..10).unwrap_or(d));
            writeln!(
                out,
                "  {}  {date}  {}  {}",
                a.id,
                a.outlet.as_deref().unwrap_or("-"),
                a.headline.unwrap_or_default()
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let list = store.entities(args.name.as_deref(), args.entity_type.as_deref(), limit, args.offset)?;
    for e in list {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(&e)?)?;
        } else {
            writeln!(out, "{:>7} {:>8}  {:<4} {}  {}", e.articles, e.mentions, e.entity_type, e.key, e.name)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct QuotesArgs {
    /// Only quotes of this speaker (an entity key from `marsad entities`).
    #[arg(long)]
    speaker: Option<String>,
    /// Only quotes in this article.
    #[arg(long)]
    article: Option<String>,
    /// Only articles published on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    from: Option<String>,
    #[arg(long, value_parser = parse_day)]
    to: Option<String>,
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[arg(long, default_value_t = 0)]
    offset: usize,
    #[arg(long)]
    json: bool,
}

pub fn quotes(store: &Store, args: &QuotesArgs) -> Result<ExitCode> {
    let filter = QuoteFilter {
        speaker: args.speaker.clone(),
        article: args.article.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        limit: args.limit.min(MAX_ROWS),
        offset: args.offset,
    };
    let mut out = std::io::stdout().lock();
    for q in store.quotes(&filter)? {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(&q)?)?;
        } else {
            let date = q.article.published.as_deref().map_or("", |d| d.get(..10).unwrap_or(d));
            writeln!(
                out,
                "{date}  {}  {} ({}): {}",
                q.article.id,
                q.speaker.as_deref().unwrap_or("?"),
                q.kind,
                q.text.replace('\n', " ")
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct EventsArgs {
    /// Only this PLOVER type (ASSAULT, AGREE, CONSULT, ...).
    #[arg(long = "type")]
    event_type: Option<String>,
    /// Only events with this entity key as source or target.
    #[arg(long)]
    actor: Option<String>,
    /// Only events at this place (an entity key such as LOC:حمص).
    #[arg(long)]
    place: Option<String>,
    /// Only events dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    from: Option<String>,
    #[arg(long, value_parser = parse_day)]
    to: Option<String>,
    #[arg(long, default_value_t = 50)]
    limit: usize,
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Output: table, jsonl or csv.
    #[arg(long, default_value = "table")]
    format: String,
}

/// Columns of the CSV export, in the order ACLED and POLECAT users expect.
const EVENT_COLUMNS: [&str; 11] = [
    "event_date",
    "event_type",
    "actor1",
    "actor1_key",
    "actor2",
    "actor2_key",
    "location",
    "location_key",
    "source_article",
    "outlet",
    "sentence",
];

/// A CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn events(store: &Store, args: &EventsArgs) -> Result<ExitCode> {
    if !["table", "jsonl", "csv"].contains(&args.format.as_str()) {
        bail!("--format {:?}: use table, jsonl or csv", args.format);
    }
    let filter = EventFilter {
        event_type: args.event_type.clone(),
        actor: args.actor.clone(),
        place: args.place.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        article: None,
        limit: args.limit.min(MAX_ROWS),
        offset: args.offset,
    };
    let mut out = std::io::stdout().lock();
    if args.format == "csv" {
        writeln!(out, "{}", EVENT_COLUMNS.join(","))?;
    }
    for v in store.events(&filter)? {
        let o = |s: &Option<String>| s.clone().unwrap_or_default();
        match args.format.as_str() {
            "jsonl" => writeln!(out, "{}", serde_json::to_string(&v)?)?,
            "csv" => {
                let row = [
                    o(&v.event_date),
                    v.event_type.clone(),
                    o(&v.actor1),
                    o(&v.actor1_key),
                    o(&v.actor2),
                    o(&v.actor2_key),
                    o(&v.location),
                    o(&v.location_key),
                    v.article.id.clone(),
                    o(&v.article.outlet),
                    v.sentence.clone(),
                ];
                let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
                writeln!(out, "{}", fields.join(","))?;
            }
            _ => writeln!(
                out,
                "{:<10}  {:<9}  {} → {}  @ {}  [{}]",
                o(&v.event_date),
                v.event_type,
                v.actor1.as_deref().unwrap_or("-"),
                v.actor2.as_deref().unwrap_or("-"),
                v.location.as_deref().unwrap_or("-"),
                v.trigger
            )?,
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        for (field, expected) in [
            ("حمص", "حمص"),
            ("قال: \"نعم\"", "\"قال: \"\"نعم\"\"\""),
            ("أ، ب, ج", "\"أ، ب, ج\""),
            ("سطر\nثان", "\"سطر\nثان\""),
        ] {
            assert_eq!(csv_field(field), expected);
        }
    }

    #[test]
    fn days_and_orders_are_checked() {
        assert_eq!(parse_day("2016-08-31").unwrap(), "2016-08-31");
        assert!(parse_day("2016-02-30").is_err());
        assert!(parse_day("31/08/2016").is_err());
        assert_eq!(parse_sort("newest").unwrap(), Sort::Newest);
        assert!(parse_sort("best").is_err());
    }
}
