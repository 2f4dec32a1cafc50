//! WARC files (`.warc`, and `.warc.gz` once the walker has put a multi-member gzip decoder in
//! front): the HTML pages of `response` records, streamed one record at a time.
//!
//! Entry point: [`Records`], an iterator of [`Entry`] over any `Read`. Memory is bounded by the
//! largest record body kept ([`Records::new`]'s `max_body`); larger bodies are skipped by reading
//! through them, never held. The walker turns pages into articles with [`crate::html::read`].
//!
//! A record is a `WARC/1.x` line, header lines, a blank line, `Content-Length` bytes of content and
//! two CRLFs. Kept: `response` records whose HTTP status is 200 and whose `Content-Type` is HTML;
//! everything else (`request`, `metadata`, `warcinfo`, redirects, images) is an [`Entry::Skipped`].
//! The HTTP body is un-chunked and un-gzipped when its headers say so.
//!
//! Damage is local: a `Content-Length` that lies (the two CRLFs are not where it says) rejects that
//! record, and reading resumes at the next line that starts with `WARC/1.`, looked for from the
//! start of the bad record's content, so a length too long does not swallow the records after it.
//! A stream that breaks (a truncated gzip member) ends the file after the records before it.

use std::io::{self, Read};

use flate2::read::MultiGzDecoder;

use crate::error::Reason;

/// Why a record of `warc_type` (lower case, not `response`) is skipped, named by its type so that
/// a report tells a crawl's request and metadata records from anything unexpected.
fn record_without_page(warc_type: &str) -> &'static str {
    match warc_type {
        "request" => "WARC request record",
        "metadata" => "WARC metadata record",
        "warcinfo" => "WARC warcinfo record",
        "revisit" => "WARC revisit record",
        "resource" => "WARC resource record",
        _ => "WARC record of another type",
    }
}

/// Header blocks (WARC or HTTP) longer than this are not headers.
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// A page found in a `response` record.
#[derive(Debug)]
pub struct Page {
    /// `WARC-Target-URI`.
    pub url: Option<String>,
    /// The `charset` of the HTTP `Content-Type`, when given.
    pub charset: Option<String>,
    pub body: Vec<u8>,
}

/// One record of a WARC file.
#[derive(Debug)]
pub enum Entry {
    Page {
        number: u64,
        offset: u64,
        page: Page,
    },
    /// A record that is not an HTML page (its type, status or content type says so).
    Skipped {
        number: u64,
        offset: u64,
        why: &'static str,
    },
    /// A record that could not be read; reading went on after it.
    Rejected {
        number: u64,
        offset: u64,
        reason: Reason,
    },
    /// The stream itself failed (a cut gzip member, an I/O error): nothing follows.
    Broken {
        offset: u64,
        error: io::Error,
    },
}

/// A buffered reader that can take bytes back, for resynchronising after a lying length.
struct Stream<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    /// Bytes consumed so far, for record offsets.
    offset: u64,
}

impl<R: Read> Stream<R> {
    fn fill(&mut self) -> io::Result<&[u8]> {
        if self.start == self.buf.len() {
            self.buf.resize(64 * 1024, 0);
            let n = self.inner.read(&mut self.buf)?;
            self.buf.truncate(n);
            self.start = 0;
        }
        Ok(&self.buf[self.start..])
    }

    fn consume(&mut self, n: usize) {
        self.start += n;
        self.offset += n as u64;
    }

    /// Puts bytes back in front of the stream.
    fn unread(&mut self, bytes: &[u8]) {
        let mut buf = bytes.to_vec();
        buf.extend_from_slice(&self.buf[self.start..]);
        self.buf = buf;
        self.start = 0;
        self.offset -= bytes.len() as u64;
    }

    /// One line with its `\n`, at most `max` bytes (a longer one is cut there); empty at the end.
    fn line(&mut self, max: usize) -> io::Result<Vec<u8>> {
        let mut line = Vec::new();
        while line.len() < max {
            let available = self.fill()?;
            if available.is_empty() {
                break;
            }
            let room = max - line.len();
            let take = available.len().min(room);
            match memchr::memchr(b'\n', &available[..take]) {
                Some(i) => {
                    line.extend_from_slice(&available[..=i]);
                    self.consume(i + 1);
                    break;
                }
                None => {
                    line.extend_from_slice(&available[..take]);
                    self.consume(take);
                }
            }
        }
        Ok(line)
    }

    /// Reads up to `n` bytes into a vector; fewer only at the end of the stream.
    fn bytes(&mut self, n: u64) -> io::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(n.min(1 << 20) as usize);
        while (out.len() as u64) < n {
            let available = self.fill()?;
            if available.is_empty() {
                break;
            }
            let take = available.len().min((n - out.len() as u64) as usize);
            out.extend_from_slice(&available[..take]);
            self.consume(take);
        }
        Ok(out)
    }

    /// Reads through `n` bytes without keeping them; returns how many there were.
    fn skip(&mut self, n: u64) -> io::Result<u64> {
        let mut skipped = 0;
        while skipped < n {
            let available = self.fill()?.len();
            if available == 0 {
                break;
            }
            let take = available.min((n - skipped) as usize);
            self.consume(take);
            skipped += take as u64;
        }
        Ok(skipped)
    }
}

/// The records of a WARC stream, in order.
pub struct Records<R> {
    stream: Stream<R>,
    max_body: u64,
    number: u64,
    done: bool,
}

impl<R: Read> Records<R> {
    /// Reads records from `input`; bodies over `max_body` bytes are rejected unread.
    pub fn new(input: R, max_body: u64) -> Records<R> {
        Records {
            stream: Stream { inner: input, buf: Vec::new(), start: 0, offset: 0 },
            max_body,
            number: 0,
            done: false,
        }
    }

    /// Skips to the next line that starts a record and returns it, or an empty line at the end.
    fn next_version_line(&mut self) -> io::Result<Vec<u8>> {
        loop {
            let line = self.stream.line(MAX_HEADER_BYTES)?;
            if line.is_empty() || line.starts_with(b"WARC/1.") {
                return Ok(line);
            }
        }
    }

    fn record(&mut self) -> io::Result<Option<Entry>> {
        let version = self.next_version_line()?;
        if version.is_empty() {
            return Ok(None);
        }
        self.number += 1;
        let (number, offset) = (self.number, self.stream.offset - version.len() as u64);
        let reject = |reason| Ok(Some(Entry::Rejected { number, offset, reason }));
        let Some(headers) = self.headers()? else {
            return reject(Reason::Truncated { detail: "the WARC headers do not end".into() });
        };
        let Some(length) = header(&headers, "content-length").and_then(|v| v.trim().parse::<u64>().ok())
        else {
            return reject(Reason::Truncated {
                detail: "a WARC record without a readable Content-Length".into(),
            });
        };
        let warc_type = header(&headers, "warc-type").unwrap_or_default().to_ascii_lowercase();
        // Contents up to the limit are held, whatever the record type, so that a lying length can
        // be undone; larger ones are read through.
        let held = length <= self.max_body;
        let content_start = self.stream.offset;
        let content = if held { self.stream.bytes(length)? } else { Vec::new() };
        let got = if held { content.len() as u64 } else { self.stream.skip(length)? };
        let trailer = if got == length { self.stream.bytes(4)? } else { Vec::new() };
        let ends_right = trailer == b"\r\n\r\n" || trailer.starts_with(b"\n\n");
        if !ends_right {
            // The length lied, or the file is cut. Look for the next record from just after the
            // headers, so that a length too long does not cost the records it swallowed.
            self.stream.unread(&trailer);
            if held {
                self.stream.unread(&content);
            }
            let detail = if got < length {
                format!("Content-Length is {length} but the file ends {got} bytes after the headers")
            } else {
                format!("Content-Length {length} does not end the record at byte {}", content_start + length)
            };
            return reject(Reason::Truncated {
                detail: format!("{detail}; resumed at the next WARC/1. line"),
            });
        }
        if trailer.starts_with(b"\n\n") {
            self.stream.unread(&trailer[2..]);
        }
        if warc_type != "response" {
            return Ok(Some(Entry::Skipped { number, offset, why: record_without_page(&warc_type) }));
        }
        if !held {
            let reason = Reason::TooLarge { what: "WARC record", size: Some(length), limit: self.max_body };
            return reject(reason);
        }
        let url = header(&headers, "warc-target-uri").map(|u| u.trim().trim_matches(['<', '>']).to_string());
        Ok(Some(match http_page(&content, self.max_body) {
            Ok((body, charset)) => Entry::Page { number, offset, page: Page { url, charset, body } },
            Err(HttpProblem::Skip(why)) => Entry::Skipped { number, offset, why },
            Err(HttpProblem::Bad(reason)) => Entry::Rejected { number, offset, reason },
        }))
    }

    /// Header lines up to the blank line, or `None` when they do not end within the limit.
    fn headers(&mut self) -> io::Result<Option<Vec<(String, String)>>> {
        let mut headers = Vec::new();
        let mut size = 0;
        loop {
            let line = self.stream.line(MAX_HEADER_BYTES)?;
            size += line.len();
            if line.is_empty() || size > MAX_HEADER_BYTES {
                return Ok(None);
            }
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                return Ok(Some(headers));
            }
            if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
            }
        }
    }
}

impl<R: Read> Iterator for Records<R> {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        if self.done {
            return None;
        }
        match self.record() {
            Ok(Some(entry)) => Some(entry),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(error) => {
                self.done = true;
                Some(Entry::Broken { offset: self.stream.offset, error })
            }
        }
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

enum HttpProblem {
    Skip(&'static str),
    Bad(Reason),
}

/// The HTML body of an HTTP response and its declared charset.
fn http_page(content: &[u8], max_body: u64) -> Result<(Vec<u8>, Option<String>), HttpProblem> {
    let Some(split) = memchr::memmem::find(content, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(content, b"\n\n").map(|i| (i, i + 2)))
    else {
        return Err(HttpProblem::Bad(Reason::Truncated { detail: "the HTTP headers do not end".into() }));
    };
    let head = String::from_utf8_lossy(&content[..split.0]);
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).unwrap_or_default();
    if status != "200" {
        return Err(HttpProblem::Skip("not a 200 response"));
    }
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let content_type = header(&headers, "content-type").unwrap_or_default().to_ascii_lowercase();
    if !content_type.is_empty() && !content_type.contains("html") {
        return Err(HttpProblem::Skip("not an HTML page"));
    }
    let charset = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches(['"', '\'']).to_string())
        .next();
    let mut body = content[split.1..].to_vec();
    if header(&headers, "transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        body = unchunk(&body)
            .ok_or(HttpProblem::Bad(Reason::Truncated { detail: "a broken chunked body".into() }))?;
    }
    if header(&headers, "content-encoding").is_some_and(|v| v.eq_ignore_ascii_case("gzip")) {
        let mut plain = Vec::new();
        let read = MultiGzDecoder::new(body.as_slice()).take(max_body + 1).read_to_end(&mut plain);
        if read.is_err() || plain.len() as u64 > max_body {
            let detail = "a gzip body that is broken or too large".into();
            return Err(HttpProblem::Bad(Reason::Truncated { detail }));
        }
        body = plain;
    }
    Ok((body, charset))
}

/// Decodes a chunked HTTP body; `None` when a chunk size is unreadable or runs past the end.
fn unchunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let end = memchr::memchr(b'\n', body)?;
        let size_text = std::str::from_utf8(&body[..end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body.strip_prefix(b"\r\n").or_else(|| body.strip_prefix(b"\n")).unwrap_or(body);
    }
}

/// Whether the first bytes of an input are a WARC record.
pub fn looks_like_warc(head: &[u8]) -> bool {
    head.starts_with(b"WARC/1.")
}

/// Writes one WARC `response` record holding an HTTP 200 HTML page; for tests and the benchmark
/// builder, which need WARC files without a crawler.
pub fn response_record(url: &str, html: &[u8], charset: Option<&str>) -> Vec<u8> {
    let content_type = charset.map_or("text/html".to_string(), |c| format!("text/html; charset={c}"));
    let mut http =
        format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", html.len())
            .into_bytes();
    http.extend_from_slice(html);
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    record.extend_from_slice(&http);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, content: &[u8]) -> Vec<u8> {
        let mut r = format!("WARC/1.0\r\nWARC-Type: {kind}\r\nContent-Length: {}\r\n\r\n", content.len())
            .into_bytes();
        r.extend_from_slice(content);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    /// The record with its WARC `Content-Length` (the first one, before the HTTP headers) replaced.
    fn with_warc_length(record: Vec<u8>, length: u64) -> Vec<u8> {
        let text = String::from_utf8_lossy(&record).into_owned();
        let start = text.find("Content-Length: ").map_or(0, |i| i + "Content-Length: ".len());
        let end = start + text[start..].find('\r').unwrap_or(0);
        format!("{}{length}{}", &text[..start], &text[end..]).into_bytes()
    }

    fn summary(bytes: &[u8], max_body: u64) -> Vec<String> {
        Records::new(bytes, max_body)
            .map(|e| match e {
                Entry::Page { number, page, .. } => {
                    format!(
                        "{number} page {} {}",
                        page.url.unwrap_or_default(),
                        String::from_utf8_lossy(&page.body)
                    )
                }
                Entry::Skipped { number, why, .. } => format!("{number} skipped {why}"),
                Entry::Rejected { number, reason, .. } => format!("{number} rejected {}", reason.name()),
                Entry::Broken { .. } => "broken".to_string(),
            })
            .collect()
    }

    #[test]
    fn keeps_html_responses_and_skips_the_rest() {
        let mut warc = record("warcinfo", b"software: test\r\n");
        warc.extend(record("request", b"GET / HTTP/1.1\r\n\r\n"));
        warc.extend(response_record("https://a.example/1", b"<p>one</p>", Some("utf-8")));
        warc.extend(record("response", b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n"));
        warc.extend(record("response", b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"));
        warc.extend(record(
            "response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>t\r\n5\r\nwo</p\r\n1\r\n>\r\n0\r\n\r\n",
        ));
        assert_eq!(
            summary(&warc, 1 << 20),
            [
                "1 skipped WARC warcinfo record",
                "2 skipped WARC request record",
                "3 page https://a.example/1 <p>one</p>",
                "4 skipped not a 200 response",
                "5 skipped not an HTML page",
                "6 page  <p>two</p>",
            ]
        );
    }

    #[test]
    fn lying_lengths_cost_only_their_record() {
        let good = response_record("https://a.example/ok", b"<p>ok</p>", None);
        let too_short =
            with_warc_length(response_record("https://a.example/short", b"<p>short</p>", None), 20);
        let too_long =
            with_warc_length(response_record("https://a.example/long", b"<p>long</p>", None), 100_000);
        for (bad, name) in [(too_short, "short"), (too_long, "long")] {
            let warc = [good.clone(), bad, good.clone()].concat();
            let got = summary(&warc, 1 << 20);
            assert_eq!(
                got.first().map(String::as_str),
                Some("1 page https://a.example/ok <p>ok</p>"),
                "{name}: {got:?}"
            );
            assert_eq!(got.get(1).map(String::as_str), Some("2 rejected truncated"), "{name}: {got:?}");
            assert_eq!(
                got.last().map(String::as_str),
                Some("3 page https://a.example/ok <p>ok</p>"),
                "{name}: {got:?}"
            );
            assert_eq!(got.len(), 3, "{name}: {got:?}");
        }
    }

    #[test]
    fn bodies_over_the_limit_are_not_kept() {
        let big = vec![b'a'; 5000];
        let warc =
            [response_record("https://a.example/big", &big, None), response_record("u", b"<p>x</p>", None)]
                .concat();
        assert_eq!(summary(&warc, 1000), ["1 rejected too large", "2 page u <p>x</p>"]);
    }

    #[test]
    fn a_cut_file_ends_after_the_records_before_it() {
        let one = response_record("u", b"<p>x</p>", None);
        let cut = [one.clone(), one[..one.len() - 20].to_vec()].concat();
        assert_eq!(summary(&cut, 1 << 20), ["1 page u <p>x</p>", "2 rejected truncated"]);
    }
}
