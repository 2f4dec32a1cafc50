//! Watching news feeds: poll RSS/Atom feeds on an interval, fetch the article pages of entries not
//! seen before, and hand them on as [`marsad_read::Item`]s, as a walk over files would.
//!
//! Entry points: [`feed_list`] (the `FEEDS.txt` file: one URL a line, `#` comments) and
//! [`Watcher`] ([`Watcher::poll`] once, [`Watcher::run`] until stopped). Uses `marsad-read` for
//! feeds ([`marsad_read::feed`]) and pages ([`marsad_read::html`]), and `ureq` for HTTP. Knows
//! nothing of cleaning or storage: the caller does with the items what `marsad ingest` does.
//!
//! - **Conditional GET**: each feed's `ETag` and `Last-Modified` are sent back as
//!   `If-None-Match` / `If-Modified-Since`; a `304` costs no parsing and no page fetch.
//! - **Timeouts**: every request has a global timeout ([`Options::timeout`]) covering connect,
//!   send and the whole body, so a server that hangs costs that long and no more; bodies are capped
//!   at [`Options::max_body_bytes`].
//! - **Only what is new**: entries are keyed by their `guid`/`id` and remembered for the life of
//!   the watcher, so each page is fetched once; a page whose fetch failed is tried again next poll.
//! - **Bad input is a rejection, not a stop**: a feed that is an HTML error page, a page that is
//!   not HTML or not Arabic, a status other than 200: each is an item with a reason and the poll
//!   goes on.
//!
//! Every item is of format [`Format::Feed`]: the feeds and the pages of their entries.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub use marsad_read::Item;
use marsad_read::{feed, html, lang, Format, ReadError, Reason};

/// How the watcher talks to servers.
#[derive(Debug, Clone)]
pub struct Options {
    /// The most one request may take, connect to last byte.
    pub timeout: Duration,
    /// The largest feed or page read; larger bodies are rejected.
    pub max_body_bytes: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options { timeout: Duration::from_secs(20), max_body_bytes: html::MAX_HTML_BYTES }
    }
}

/// What one poll did, for the caller's report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PollReport {
    /// Feeds that answered with a new document.
    pub feeds_changed: u64,
    /// Feeds that answered `304 Not Modified`.
    pub feeds_unchanged: u64,
    /// Feeds that failed (timeout, status, not a feed).
    pub feeds_failed: u64,
    /// Entries not seen before.
    pub new_entries: u64,
    pub articles: u64,
    /// Pages not in Arabic, or not articles.
    pub skipped: u64,
    /// Pages that could not be fetched or read.
    pub rejected: u64,
}

struct Feed {
    url: String,
    etag: Option<String>,
    last_modified: Option<String>,
    seen: HashSet<String>,
}

/// The URLs of a feed list: one a line; blank lines and lines starting with `#` are ignored.
pub fn feed_list(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect()
}

/// An HTTP answer, read whole within the limits.
struct Fetched {
    status: u16,
    etag: Option<String>,
    last_modified: Option<String>,
    charset: Option<String>,
    body: Vec<u8>,
}

/// Polls feeds and reads the pages of their new entries.
pub struct Watcher {
    agent: ureq::Agent,
    options: Options,
    feeds: Vec<Feed>,
}

impl Watcher {
    pub fn new(feed_urls: Vec<String>, options: Options) -> Watcher {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(options.timeout))
            .http_status_as_error(false)
            .user_agent("marsad-watch")
            .build()
            .into();
        let feeds = feed_urls
            .into_iter()
            .map(|url| Feed { url, etag: None, last_modified: None, seen: HashSet::new() })
            .collect();
        Watcher { agent, options, feeds }
    }

    fn get(&self, url: &str, conditional: &[(&str, &Option<String>)]) -> Result<Fetched, Reason> {
        let mut request = self.agent.get(url);
        for (name, value) in conditional {
            if let Some(value) = value {
                request = request.header(*name, value.as_str());
            }
        }
        let mut response = request.call().map_err(|e| Reason::Io { detail: e.to_string() })?;
        let header = |name: &str| {
            response.headers().get(name).and_then(|v| v.to_str().ok()).map(|v| v.trim().to_string())
        };
        let (etag, last_modified) = (header("etag"), header("last-modified"));
        let charset = header("content-type").and_then(|ct| {
            ct.split(';')
                .find_map(|p| p.trim().strip_prefix("charset=").map(|c| c.trim_matches('"').to_string()))
        });
        let status = response.status().as_u16();
        let body = if status == 200 {
            response
                .body_mut()
                .with_config()
                .limit(self.options.max_body_bytes)
                .read_to_vec()
                .map_err(|e| Reason::Io { detail: e.to_string() })?
        } else {
            Vec::new()
        };
        Ok(Fetched { status, etag, last_modified, charset, body })
    }

    /// Polls every feed once, calling `on_item` for each new page read (or refused) and for each
    /// feed that failed.
    pub fn poll(&mut self, mut on_item: impl FnMut(Item)) -> PollReport {
        let mut report = PollReport::default();
        for index in 0..self.feeds.len() {
            let feed = &self.feeds[index];
            let url = feed.url.clone();
            let conditional = [("If-None-Match", &feed.etag), ("If-Modified-Since", &feed.last_modified)];
            let fetched = match self.get(&url, &conditional) {
                Ok(f) if f.status == 304 => {
                    report.feeds_unchanged += 1;
                    continue;
                }
                Ok(f) if f.status == 200 => f,
                Ok(f) => {
                    report.feeds_failed += 1;
                    let reason = Reason::Io { detail: format!("HTTP status {}", f.status) };
                    on_item(Item::Rejected(rejection(&url, reason)));
                    continue;
                }
                Err(reason) => {
                    report.feeds_failed += 1;
                    on_item(Item::Rejected(rejection(&url, reason)));
                    continue;
                }
            };
            let entries = match feed::parse_feed(&fetched.body) {
                Ok(entries) => entries,
                Err(reason) => {
                    report.feeds_failed += 1;
                    on_item(Item::Rejected(rejection(&url, reason)));
                    continue;
                }
            };
            report.feeds_changed += 1;
            let feed = &mut self.feeds[index];
            feed.etag = fetched.etag;
            feed.last_modified = fetched.last_modified;
            let new: Vec<_> = entries.into_iter().filter(|e| !feed.seen.contains(&e.id)).collect();
            for entry in new {
                report.new_entries += 1;
                let Some(page_url) = entry.url.clone() else {
                    self.feeds[index].seen.insert(entry.id);
                    report.skipped += 1;
                    on_item(Item::Skipped {
                        origin: url.clone(),
                        why: "a feed entry without a link",
                        lang: None,
                        format: Some(Format::Feed),
                    });
                    continue;
                };
                match self.page(&page_url, &entry) {
                    Ok(item) => {
                        self.feeds[index].seen.insert(entry.id);
                        match &item {
                            Item::Article { .. } => report.articles += 1,
                            Item::Skipped { .. } => report.skipped += 1,
                            Item::Rejected(_) => report.rejected += 1,
                        }
                        on_item(item);
                    }
                    // Not remembered: a page that timed out is tried again at the next poll.
                    Err(reason) => {
                        report.rejected += 1;
                        on_item(Item::Rejected(rejection(&page_url, reason)));
                    }
                }
            }
        }
        report
    }

    /// Fetches and reads one entry's page. `Err` for failures worth retrying (network, status);
    /// `Ok(Item::Rejected)` for pages that will not get better.
    fn page(&self, url: &str, entry: &feed::FeedEntry) -> Result<Item, Reason> {
        let fetched = self.get(url, &[])?;
        if fetched.status != 200 {
            return Err(Reason::Io { detail: format!("HTTP status {}", fetched.status) });
        }
        let bytes = fetched.body.len() as u64;
        Ok(match html::read(&fetched.body, fetched.charset.as_deref(), Some(url), url) {
            Ok(mut article) => {
                if article.meta.published.is_none() {
                    article.meta.published = entry.published;
                }
                match lang::language(&article.original) {
                    "ara" => Item::Article { article, bytes, format: Format::Feed },
                    code => Item::Skipped {
                        origin: url.to_string(),
                        why: "not in Arabic",
                        lang: Some(code),
                        format: Some(Format::Feed),
                    },
                }
            }
            Err(reason) => Item::Rejected(rejection(url, reason)),
        })
    }

    /// Polls every `interval` until `stop` is set, calling `on_poll` after each poll. The wait is
    /// cut into short sleeps so that a stop is seen within a second.
    pub fn run(
        &mut self,
        interval: Duration,
        stop: &AtomicBool,
        mut on_item: impl FnMut(Item),
        mut on_poll: impl FnMut(&PollReport),
    ) {
        while !stop.load(Ordering::Relaxed) {
            let started = Instant::now();
            let report = self.poll(&mut on_item);
            on_poll(&report);
            while !stop.load(Ordering::Relaxed) && started.elapsed() < interval {
                std::thread::sleep(Duration::from_millis(200).min(interval));
            }
        }
    }
}

fn rejection(url: &str, reason: Reason) -> ReadError {
    ReadError { origin: url.to_string(), record: None, byte: None, format: Some(Format::Feed), reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_lists_skip_blanks_and_comments() {
        let text = "# Arabic outlets\nhttps://a.example/rss\n\n  https://b.example/atom.xml  \n#https://c.example/off\n";
        assert_eq!(feed_list(text), ["https://a.example/rss", "https://b.example/atom.xml"]);
    }
}
