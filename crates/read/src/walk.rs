//! Walking inputs: paths, folders (recursively, in sorted order), `.tar.gz` / `.tgz` / `.tar`
//! archives (streamed member by member, never unpacked to disk) and `.gz` files (every gzip member,
//! as `.warc.gz` files are one member per record); then, per file, detecting the format and handing
//! the bytes to [`crate::txt`], [`crate::jsonl`], [`crate::trec`], [`crate::html`] or the records
//! of [`crate::warc`] to [`crate::html`].
//!
//! Entry point: [`Walk`], driven by [`crate::Reader`]. This is the only module that opens files.
//!
//! Detection looks at the first 8 KiB, content first: gzip magic → decompress and look again; a
//! `ustar` header → tar archive; `WARC/1.` → WARC; NUL or mostly control bytes → binary; `<DOC>` as
//! the first tag → TREC; `{` as the first character → JSON Lines; `<!DOCTYPE html` or `<html` →
//! HTML; otherwise the extension decides (`.jsonl`, `.ndjson` → JSON Lines; `.html`, `.htm` →
//! HTML; `.xml`, `.trec`, `.sgml` without `<DOC>` → unknown format) and plain text is the default.
//! HTML pages not in Arabic are skipped with their language ([`crate::lang`]).
//!
//! Folders and archives are *walked*: there, only files named like articles are read (see
//! [`skip_when_walking`]), so a corpus's README or LICENSE is not taken for an article. A path
//! named explicitly is always read.
//!
//! Each item is stamped with the format detected for its input ([`crate::Format`]); a WARC
//! record's page is `warc`. [`input_bytes`] sums, without opening anything, the sizes of the files
//! a walk of the same paths opens, the total against which [`crate::Reader::with_progress`] counts.
//!
//! Each failure is reported and the walk goes on. A broken stream (a cut `.tar.gz`) ends the walk of
//! that archive only: the members before the cut have already been delivered.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;
use marsad_article::Article;

use crate::error::{ReadError, Reason, Record};
use crate::text::{binary_sniff, decode_utf8, Utf8Problem};
use crate::warc::{Entry, Records};
use crate::{html, jsonl, lang, trec, txt, warc, Format, Item, Totals};

/// How much of an input detection looks at.
const HEAD_BYTES: u64 = 8 * 1024;
/// Archives inside archives inside archives: deeper than this is refused, not followed.
const MAX_NESTING: u32 = 4;
/// Extensions read when walking a folder or an archive; `gz`, `tgz` and `tar` wrap the others.
const READ_EXTENSIONS: [&str; 13] =
    ["txt", "text", "jsonl", "ndjson", "xml", "trec", "sgml", "html", "htm", "warc", "gz", "tgz", "tar"];
/// File stems of a corpus's own documentation, never articles, even as `.txt`.
const DOC_STEMS: [&str; 9] =
    ["readme", "license", "licence", "copying", "notice", "authors", "changelog", "source", "citation"];

/// Why a file met while walking is not read, if it is not.
pub fn skip_when_walking(name: &str) -> Option<&'static str> {
    if name.starts_with('.') {
        return Some("hidden file");
    }
    let (stem, ext) = name.split_once('.').unwrap_or((name, ""));
    if DOC_STEMS.iter().any(|d| stem.eq_ignore_ascii_case(d)) {
        return Some("a corpus's documentation, not an article");
    }
    let last_ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    if ext.is_empty() || !READ_EXTENSIONS.iter().any(|e| last_ext.eq_ignore_ascii_case(e)) {
        return Some("not a file type Marsad reads");
    }
    None
}

/// A read failed part-way; it has been reported. The enclosing archive stops, because its stream is
/// no longer where the next member starts.
pub(crate) struct StreamBroken;

/// What the first bytes of an input say it is.
enum Detected {
    Gzip,
    Tar,
    Text(Format),
    Refused(Reason),
}

fn detect(head: &[u8], name: &str) -> Detected {
    if head.starts_with(&[0x1F, 0x8B]) {
        return Detected::Gzip;
    }
    if head.get(257..262) == Some(b"ustar") {
        return Detected::Tar;
    }
    if warc::looks_like_warc(head) {
        return Detected::Text(Format::Warc);
    }
    if let Some(why) = binary_sniff(head) {
        return Detected::Refused(Reason::Binary { why });
    }
    let ext = name.rsplit_once('.').map_or(String::new(), |(_, e)| e.to_ascii_lowercase());
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    let body = &body[start..];
    let starts_ci = |prefix: &[u8]| body.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
    let is_trec = (starts_ci(b"<DOC>") || starts_ci(b"<DOC "))
        || (body.first() == Some(&b'<') && memchr::memmem::find(body, b"<DOC>").is_some());
    match body.first() {
        // Blank so far: the reader of the whole input decides whether anything follows.
        None if matches!(ext.as_str(), "jsonl" | "ndjson") => Detected::Text(Format::Jsonl),
        None => Detected::Text(Format::Txt),
        Some(_) if is_trec => Detected::Text(Format::Trec),
        Some(b'{') => Detected::Text(Format::Jsonl),
        Some(_) if matches!(ext.as_str(), "jsonl" | "ndjson") => Detected::Text(Format::Jsonl),
        Some(b'[') => Detected::Refused(Reason::UnknownFormat {
            detail: "a JSON array; write one object per line (JSON Lines) instead",
        }),
        Some(_) if starts_ci(b"<!DOCTYPE html") || starts_ci(b"<html") => Detected::Text(Format::Html),
        Some(b'<') if matches!(ext.as_str(), "html" | "htm") => Detected::Text(Format::Html),
        Some(_) if matches!(ext.as_str(), "xml" | "trec" | "sgml") => {
            Detected::Refused(Reason::UnknownFormat { detail: "markup without a <DOC> element" })
        }
        Some(_) => Detected::Text(Format::Txt),
    }
}

/// The total size of the files that a walk of `paths` opens: files named in `paths`, and files
/// met in their folders that are read when walking (see [`skip_when_walking`]). Paths that cannot
/// be listed count for nothing. Archive members are inside their archive's size.
pub fn input_bytes(paths: &[PathBuf]) -> u64 {
    fn under(dir: &Path) -> u64 {
        let Ok(entries) = fs::read_dir(dir) else { return 0 };
        let mut total = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            // As in the walk, links to folders are not followed.
            let (Ok(link), Ok(target)) = (fs::symlink_metadata(&path), fs::metadata(&path)) else { continue };
            if target.is_dir() {
                if !link.file_type().is_symlink() {
                    total += under(&path);
                }
            } else if skip_when_walking(&entry.file_name().to_string_lossy()).is_none() {
                total += target.len();
            }
        }
        total
    }
    paths
        .iter()
        .map(|path| match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => under(path),
            Ok(meta) => meta.len(),
            Err(_) => 0,
        })
        .sum()
}

/// Counts the bytes read through it into a shared counter, on top of what the counter held when
/// the file was opened.
struct Counting<'a, R> {
    inner: R,
    read: u64,
    start: u64,
    counter: &'a AtomicU64,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        self.counter.store(self.start + self.read, Ordering::Relaxed);
        Ok(n)
    }
}

/// A stream that failed: each read gives its error again.
struct Broken(io::ErrorKind, String);

impl Read for Broken {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(io::Error::new(self.0, self.1.clone()))
    }
}

/// One walk over some inputs: delivers items and keeps the totals.
pub(crate) struct Walk<'a> {
    max_record_bytes: u64,
    on_item: &'a mut dyn FnMut(Item),
    pub totals: Totals,
    /// Bytes of files read so far, for progress bars; only this walk writes it.
    progress: Option<Arc<AtomicU64>>,
    /// The format of the input being read, stamped on every item it gives.
    format: Option<Format>,
}

impl<'a> Walk<'a> {
    pub(crate) fn new(
        max_record_bytes: u64,
        progress: Option<Arc<AtomicU64>>,
        on_item: &'a mut dyn FnMut(Item),
    ) -> Walk<'a> {
        Walk { max_record_bytes, on_item, totals: Totals::default(), progress, format: None }
    }
}

impl Walk<'_> {
    fn article(&mut self, article: Article, bytes: u64) {
        self.totals.articles += 1;
        // Articles are given only once a format has been detected.
        let format = self.format.unwrap_or(Format::Txt);
        (self.on_item)(Item::Article { article, bytes, format });
    }

    fn reject(&mut self, mut error: ReadError) {
        self.totals.rejected += 1;
        error.format = error.format.or(self.format);
        (self.on_item)(Item::Rejected(error));
    }

    fn skip(&mut self, origin: String, why: &'static str) {
        self.totals.skipped += 1;
        (self.on_item)(Item::Skipped { origin, why, lang: None, format: self.format });
    }

    /// Delivers a page read from HTML if it is in Arabic, or skips it naming its language.
    fn page(&mut self, article: marsad_article::Article, bytes: u64) {
        match lang::language(&article.original) {
            "ara" => self.article(article, bytes),
            code => {
                self.totals.skipped += 1;
                self.totals.other_language += 1;
                let origin = article.meta.origin;
                let format = self.format;
                (self.on_item)(Item::Skipped { origin, why: "not in Arabic", lang: Some(code), format });
            }
        }
    }

    /// A path given by the user: a folder is walked, a file is read whatever its name.
    pub(crate) fn path(&mut self, path: &Path) {
        let origin = path.display().to_string();
        match fs::metadata(path) {
            Err(e) => self.reject(ReadError::new(&origin, Reason::io(&e))),
            Ok(meta) if meta.is_dir() => self.dir(path),
            Ok(meta) => self.file(path, origin, meta.len()),
        }
    }

    fn dir(&mut self, dir: &Path) {
        let origin = dir.display().to_string();
        let listing = match fs::read_dir(dir).and_then(|entries| entries.collect::<io::Result<Vec<_>>>()) {
            Ok(listing) => listing,
            Err(e) => return self.reject(ReadError::new(&origin, Reason::io(&e))),
        };
        let mut names: Vec<_> = listing.into_iter().map(|e| e.file_name()).collect();
        names.sort();
        for name in names {
            let path = dir.join(&name);
            let origin = path.display().to_string();
            // Symbolic links to folders are not followed, so a link cycle cannot loop the walk.
            let link_meta = fs::symlink_metadata(&path);
            match (link_meta, fs::metadata(&path)) {
                (Err(e), _) | (_, Err(e)) => self.reject(ReadError::new(&origin, Reason::io(&e))),
                (Ok(link), Ok(target)) if target.is_dir() => {
                    if link.file_type().is_symlink() {
                        self.skip(origin, "a link to a folder, not followed");
                    } else {
                        self.dir(&path);
                    }
                }
                (Ok(_), Ok(target)) => match skip_when_walking(&name.to_string_lossy()) {
                    Some(why) => self.skip(origin, why),
                    None => self.file(&path, origin, target.len()),
                },
            }
        }
    }

    fn file(&mut self, path: &Path, origin: String, size: u64) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let progress = self.progress.clone();
        let start = progress.as_ref().map_or(0, |p| p.load(Ordering::Relaxed));
        match File::open(path) {
            Err(e) => self.reject(ReadError::new(&origin, Reason::io(&e))),
            Ok(mut file) => {
                self.totals.inputs += 1;
                // The file is done either way; a broken stream matters only inside archives.
                let _ = match &progress {
                    Some(counter) => {
                        let mut counted = Counting { inner: &mut file, read: 0, start, counter };
                        self.source(&origin, &name, Some(size), &mut counted, 0, false)
                    }
                    None => self.source(&origin, &name, Some(size), &mut file, 0, false),
                };
            }
        }
        // Done with the file, read whole or not: it counts for its size, as in `input_bytes`.
        if let Some(counter) = progress {
            counter.store(start + size, Ordering::Relaxed);
        }
    }

    /// Reads one input of any kind. `size` is its length when known (a file, an archive member);
    /// `packed` says whether read errors mean a cut or corrupt archive rather than an I/O failure.
    pub(crate) fn source(
        &mut self,
        origin: &str,
        name: &str,
        size: Option<u64>,
        input: &mut dyn Read,
        depth: u32,
        packed: bool,
    ) -> Result<(), StreamBroken> {
        // The format is this input's while it is read, its container's again after.
        let outer = self.format.take();
        let read = self.detect_and_read(origin, name, size, input, depth, packed);
        self.format = outer;
        read
    }

    fn detect_and_read(
        &mut self,
        origin: &str,
        name: &str,
        size: Option<u64>,
        input: &mut dyn Read,
        depth: u32,
        packed: bool,
    ) -> Result<(), StreamBroken> {
        let mut head = Vec::new();
        // A stream that breaks within its first bytes (a small .warc.gz whose last member is cut)
        // still gives what came before the break: the error is handed on after the head.
        let mut broken_after_head;
        let mut after_head = input;
        if let Err(e) = (&mut after_head).take(HEAD_BYTES).read_to_end(&mut head) {
            if head.is_empty() {
                return self.broken(origin, &e, packed);
            }
            broken_after_head = Broken(e.kind(), e.to_string());
            after_head = &mut broken_after_head;
        }
        if head.is_empty() {
            self.reject(ReadError::new(origin, Reason::Empty));
            return Ok(());
        }
        let mut rest = Cursor::new(head.clone()).chain(after_head);
        let detected = detect(&head, name);
        if let Detected::Text(format) = detected {
            self.format = Some(format);
        }
        match detected {
            Detected::Gzip if depth >= MAX_NESTING => {
                let detail = "archives nested too deep";
                self.reject(ReadError::new(origin, Reason::UnknownFormat { detail }));
                Ok(())
            }
            Detected::Gzip => {
                let inner = unpacked_name(name);
                let mut unzipped = MultiGzDecoder::new(rest);
                self.source(origin, &inner, None, &mut unzipped, depth + 1, true)
            }
            Detected::Tar => self.archive(origin, &mut rest, depth),
            Detected::Refused(reason) => {
                self.reject(ReadError::new(origin, reason));
                Ok(())
            }
            Detected::Text(Format::Jsonl) => self.jsonl(origin, &mut rest, packed),
            Detected::Text(Format::Warc) => self.warc(origin, &mut rest, packed),
            Detected::Text(Format::Html) => {
                let limit = self.max_record_bytes.min(html::MAX_HTML_BYTES);
                let too_large = |size| Reason::TooLarge { what: "HTML page", size, limit };
                if let Some(size) = size.filter(|&s| s > limit) {
                    self.reject(ReadError::new(origin, too_large(Some(size))));
                    return Ok(());
                }
                let mut all = Vec::new();
                if let Err(e) = rest.take(limit + 1).read_to_end(&mut all) {
                    return self.broken(origin, &e, packed);
                }
                self.totals.bytes += all.len() as u64;
                if all.len() as u64 > limit {
                    self.reject(ReadError::new(origin, too_large(None)));
                    return Ok(());
                }
                match html::read(&all, None, None, origin) {
                    Ok(article) => self.page(article, all.len() as u64),
                    Err(reason) => self.reject(ReadError::new(origin, reason)),
                }
                Ok(())
            }
            Detected::Text(format) => {
                if let Some(size) = size.filter(|&s| s > self.max_record_bytes) {
                    let reason =
                        Reason::TooLarge { what: "file", size: Some(size), limit: self.max_record_bytes };
                    self.reject(ReadError::new(origin, reason));
                    return Ok(());
                }
                let mut all = Vec::new();
                if let Err(e) = rest.take(self.max_record_bytes + 1).read_to_end(&mut all) {
                    return self.broken(origin, &e, packed);
                }
                self.totals.bytes += all.len() as u64;
                if all.len() as u64 > self.max_record_bytes {
                    let reason = Reason::TooLarge { what: "file", size: None, limit: self.max_record_bytes };
                    self.reject(ReadError::new(origin, reason));
                    return Ok(());
                }
                match format {
                    Format::Trec => self.trec(origin, &all),
                    _ => match txt::read(&all, origin) {
                        Ok(article) => self.article(article, all.len() as u64),
                        Err((reason, byte)) => self.reject(ReadError::new(origin, reason).at(None, byte)),
                    },
                }
                Ok(())
            }
        }
    }

    fn broken(&mut self, origin: &str, error: &io::Error, packed: bool) -> Result<(), StreamBroken> {
        let reason = if packed {
            Reason::Truncated {
                detail: format!("the compressed or archived data ends or breaks here ({error})"),
            }
        } else {
            Reason::io(error)
        };
        self.reject(ReadError::new(origin, reason));
        Err(StreamBroken)
    }

    /// Streams the records of a WARC file: each HTML response becomes an article (origin
    /// `file#record N`), each other record a skip, each damaged one a rejection.
    fn warc(&mut self, origin: &str, input: &mut dyn Read, packed: bool) -> Result<(), StreamBroken> {
        let limit = self.max_record_bytes.min(html::MAX_HTML_BYTES);
        for entry in Records::new(input, limit) {
            match entry {
                Entry::Page { number, offset, page } => {
                    self.totals.bytes += page.body.len() as u64;
                    let record_origin = format!("{origin}#record {number}");
                    match html::read(&page.body, page.charset.as_deref(), page.url.as_deref(), &record_origin)
                    {
                        Ok(article) => self.page(article, page.body.len() as u64),
                        Err(reason) => {
                            let error = ReadError::new(origin, reason);
                            self.reject(error.at(Some(Record::Warc(number)), Some(offset)));
                        }
                    }
                }
                Entry::Skipped { number, why, .. } => self.skip(format!("{origin}#record {number}"), why),
                Entry::Rejected { number, offset, reason } => {
                    self.reject(ReadError::new(origin, reason).at(Some(Record::Warc(number)), Some(offset)));
                }
                Entry::Broken { offset, error } => {
                    let reason = if packed {
                        Reason::Truncated {
                            detail: format!("the compressed data ends or breaks here ({error})"),
                        }
                    } else {
                        Reason::io(&error)
                    };
                    self.reject(ReadError::new(origin, reason).at(None, Some(offset)));
                    return Err(StreamBroken);
                }
            }
        }
        Ok(())
    }

    fn trec(&mut self, origin: &str, bytes: &[u8]) {
        let docs = trec::scan(bytes);
        if docs.is_empty() {
            let detail = "no <DOC> element";
            return self.reject(ReadError::new(origin, Reason::UnknownFormat { detail }));
        }
        let several = docs.len() > 1;
        for (i, doc) in docs.iter().enumerate() {
            let number = i as u64 + 1;
            let doc_origin = if several { format!("{origin}#doc {number}") } else { origin.to_string() };
            match trec::article(bytes, doc, doc_origin) {
                Ok(article) => self.article(article, doc.span.len() as u64),
                Err((reason, byte)) => {
                    let record = several.then_some(Record::Doc(number));
                    self.reject(ReadError::new(origin, reason).at(record, byte));
                }
            }
        }
    }

    /// Reads line by line through a buffer capped at the record limit, so a 200 MB line costs
    /// 64 MiB of memory at most, and the lines after it are still read.
    fn jsonl(&mut self, origin: &str, input: &mut dyn Read, packed: bool) -> Result<(), StreamBroken> {
        let mut lines = BufReader::with_capacity(64 * 1024, input);
        let mut line = Vec::new();
        let (mut number, mut offset, mut records) = (0u64, 0u64, 0u64);
        loop {
            line.clear();
            let read = (&mut lines).take(self.max_record_bytes + 1).read_until(b'\n', &mut line);
            let len = match read {
                Ok(0) if records == 0 => {
                    self.reject(ReadError::new(origin, Reason::Empty));
                    return Ok(());
                }
                Ok(0) => return Ok(()),
                Ok(len) => len as u64,
                Err(e) => return self.broken(origin, &e, packed),
            };
            number += 1;
            let start = offset;
            offset += len;
            self.totals.bytes += len;
            let at = |reason| ReadError::new(origin, reason).at(Some(Record::Line(number)), Some(start));
            if line.last() != Some(&b'\n') && len > self.max_record_bytes {
                records += 1;
                match lines.skip_until(b'\n') {
                    Ok(skipped) => {
                        offset += skipped as u64;
                        self.totals.bytes += skipped as u64;
                    }
                    Err(e) => return self.broken(origin, &e, packed),
                }
                self.reject(at(Reason::TooLarge { what: "line", size: None, limit: self.max_record_bytes }));
                continue;
            }
            let mut record = line.as_slice();
            if number == 1 {
                record = record.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(record);
            }
            if record.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            records += 1;
            let text = match decode_utf8(record) {
                Ok(text) => text,
                Err(Utf8Problem { at: bad, invalid }) => {
                    let error = ReadError::new(origin, Reason::NotUtf8 { invalid });
                    self.reject(error.at(Some(Record::Line(number)), Some(start + bad as u64)));
                    continue;
                }
            };
            match jsonl::parse_record(text.trim_end(), format!("{origin}:line {number}")) {
                Ok(article) => self.article(article, len),
                Err(reason) => self.reject(at(reason)),
            }
        }
    }

    /// Streams a tar archive: each regular member named like an article is read as a source of its
    /// own, with origin `archive!member`.
    fn archive(&mut self, origin: &str, input: &mut dyn Read, depth: u32) -> Result<(), StreamBroken> {
        let mut archive = tar::Archive::new(input);
        let entries = match archive.entries() {
            Ok(entries) => entries,
            Err(e) => {
                self.reject(ReadError::new(origin, Reason::io(&e)));
                return Err(StreamBroken);
            }
        };
        let (mut members, mut last) = (0u64, None::<String>);
        for entry in entries {
            let mut entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let after = last.map_or("before its first member".to_string(), |m| {
                        format!("after {m} (member {members})")
                    });
                    let detail = format!("the archive ends or breaks {after}: {e}");
                    self.reject(ReadError::new(origin, Reason::Truncated { detail }));
                    return Err(StreamBroken);
                }
            };
            if !matches!(entry.header().entry_type(), tar::EntryType::Regular | tar::EntryType::Continuous) {
                continue;
            }
            members += 1;
            let member = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
            let member_origin = format!("{origin}!{member}");
            let name = member.rsplit('/').next().unwrap_or_default().to_string();
            if let Some(why) = skip_when_walking(&name) {
                self.skip(member_origin, why);
            } else {
                let size = entry.size();
                self.totals.inputs += 1;
                self.source(&member_origin, &name, Some(size), &mut entry, depth + 1, true)?;
            }
            last = Some(member);
        }
        if members == 0 {
            self.reject(ReadError::new(origin, Reason::Empty));
        }
        Ok(())
    }
}

/// The name of what a `.gz` holds: `a.txt.gz` → `a.txt`, `a.tgz` → `a.tar`.
fn unpacked_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".tgz") {
        format!("{}.tar", &name[..name.len() - 4])
    } else if lower.ends_with(".gz") {
        name[..name.len() - 3].to_string()
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walking_skips_documentation_and_foreign_types() {
        let cases = [
            ("AL-culture-1-20180218.txt", None),
            ("feed.jsonl", None),
            ("docs.xml", None),
            ("cc.tar.gz", None),
            ("page.html", None),
            ("CC-NEWS-1.warc.gz", None),
            ("news.txt.gz", None),
            ("README.md", Some("a corpus's documentation, not an article")),
            ("LICENSE", Some("a corpus's documentation, not an article")),
            ("SOURCE.txt", Some("a corpus's documentation, not an article")),
            (".DS_Store", Some("hidden file")),
            ("photo.jpg", Some("not a file type Marsad reads")),
            ("Makefile", Some("not a file type Marsad reads")),
        ];
        for (name, expected) in cases {
            assert_eq!(skip_when_walking(name), expected, "name {name}");
        }
    }

    #[test]
    fn detection_reads_content_first_then_the_extension() {
        let cases: [(&[u8], &str, &str); 15] = [
            (b"<!DOCTYPE html><html>", "a.txt", "html"),
            (b"\n <HTML lang=ar>", "a", "html"),
            (b"<div>x</div>", "page.htm", "html"),
            (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n\x00", "a.warc", "warc"),
            (b"<DOC>\n<DOCNO>1</DOCNO>", "a.txt", "trec"),
            (b"\xEF\xBB\xBF  <doc>", "a", "trec"),
            (b"<?xml version=\"1.0\"?>\n<DOC>", "a.xml", "trec"),
            (b"{\"text\": \"x\"}\n", "a.txt", "jsonl"),
            (b"\n\n{\"text\": \"x\"}\n", "a", "jsonl"),
            ("عنوان\n\nنص".as_bytes(), "a.jsonl", "jsonl"),
            ("عنوان\n\nنص".as_bytes(), "a.txt", "txt"),
            (b"<root><item/></root>", "a.xml", "unknown format"),
            (b"[{\"text\": \"x\"}]", "a.json", "unknown format"),
            (b"\x00\x01\x02", "a.txt", "binary"),
            (b"  \n ", "a.jsonl", "jsonl"),
        ];
        for (head, name, expected) in cases {
            let got = match detect(head, name) {
                Detected::Text(format) => format.name(),
                Detected::Gzip => "gzip",
                Detected::Tar => "tar",
                Detected::Refused(reason) => reason.name(),
            };
            assert_eq!(got, expected, "head {:?} name {name}", String::from_utf8_lossy(head));
        }
    }

    #[test]
    fn gz_names_unwrap() {
        for (name, expected) in [("a.txt.gz", "a.txt"), ("a.tgz", "a.tar"), ("A.TAR.GZ", "A.TAR"), ("x", "x")]
        {
            assert_eq!(unpacked_name(name), expected);
        }
    }
}
