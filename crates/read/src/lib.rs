//! Reading articles: files, folders and archives in, [`marsad_article::Article`]s out.
//!
//! Entry point: [`Reader::read_paths`] (or [`Reader::read_stream`] for standard input), which calls
//! back with one [`Item`] per article, rejected input or skipped file, in a deterministic order, and
//! returns the [`Totals`]. Uses: `marsad-article`. With `marsad-store`, the only crate that touches
//! the disk; it knows nothing of cleaning, analysis or storage.
//!
//! Formats, detected per file by content first and extension second (see [`walk`]):
//! - plain text in the seed's form ([`txt`]): the whole file is the original, the first non-empty
//!   line the headline;
//! - JSON Lines ([`jsonl`]): one article per line;
//! - TREC-like `<DOC>` files of the ANT corpora ([`trec`]): one or several documents per file;
//! - HTML pages ([`html`]): the main text, title, time, author and canonical URL, furniture removed;
//! - WARC files ([`warc`], `.warc` or `.warc.gz`): the HTML pages of their `response` records.
//!
//! RSS and Atom feeds ([`feed`]) are parsed into entry links for `marsad-watch`, not walked.
//!
//! HTML pages, alone or in WARC files, go on only when they are in Arabic ([`lang`]); the others
//! are [`Item::Skipped`] with the language found, so a run can say how many of each it left out.
//!
//! Folders are walked recursively in sorted order; `.tar.gz`, `.tgz` and `.tar` archives are streamed
//! member by member and `.gz` files decompressed on the fly, never unpacked to disk. `meta.origin`
//! says where an article came from: `path`, `path:line N` for a JSON Lines record,
//! `archive.tar.gz!member/path` for an archive member, `path#doc N` for one of several `<DOC>`s,
//! `crawl.warc.gz#record N` for a WARC record. `.gz` files may hold several gzip members (every
//! `.warc.gz` does); all are read.
//!
//! Every item names the [`Format`] of the input it came from (WARC pages are `warc`, not `html`), so
//! a run can count per format; inputs refused before their format was known carry none.
//!
//! Progress: [`walk::input_bytes`] sums the sizes of the files a walk will open, and
//! [`Reader::with_progress`] counts the bytes read from them as the walk goes, compressed bytes for
//! compressed files, so that a progress bar's share done and its ETA are honest for `.gz` inputs.
//!
//! Bad input is reported as an [`Item::Rejected`] with its coordinates and a [`Reason`] (invalid
//! UTF-8, empty, binary, too large, truncated, bad JSON, no text, unknown format, unreadable) and
//! the walk goes on, so one broken file never costs the rest of a batch. No input makes it panic.
//! Memory stays bounded by [`Reader::with_max_record_bytes`]: a record (a text or TREC file, a JSON
//! line) over the limit is refused without being held whole; an HTML page or WARC record body is
//! held only up to [`html::MAX_HTML_BYTES`] as well, and pages nested deeper than
//! [`html::MAX_NESTING`] are refused before parsing.

pub mod date;
mod error;
pub mod feed;
pub mod html;
pub mod jsonl;
pub mod lang;
mod text;
pub mod trec;
pub mod txt;
pub mod walk;
pub mod warc;

use std::io::Read;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use marsad_article::Article;

pub use error::{thousands, ReadError, Reason, Record};

/// The kind of input an item was read from, as counted in a run's report. Containers (`.gz`,
/// `.tar`) are not formats: a `.txt` inside a `.tar.gz` is `Txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Txt,
    Jsonl,
    Trec,
    /// An HTML page read as a file.
    Html,
    /// The HTML pages of a WARC file's `response` records.
    Warc,
    /// Feeds polled by `marsad-watch` and the pages of their entries.
    Feed,
}

impl Format {
    /// The short stable name reports count by: `txt`, `jsonl`, `trec`, `html`, `warc`, `feed`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Jsonl => "jsonl",
            Format::Trec => "trec",
            Format::Html => "html",
            Format::Warc => "warc",
            Format::Feed => "feed",
        }
    }
}

/// One result of a walk, in input order.
// Nearly every item is an article, so boxing it would cost an allocation per article for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Item {
    /// An article, the size of its record in the (decompressed) input, for throughput figures, and
    /// the format of that input.
    Article { article: Article, bytes: u64, format: Format },
    /// An input or record that could not be read; the walk went on.
    Rejected(ReadError),
    /// A file or record that is not an article (a README, an image, a WARC request record), or a
    /// page in another language than Arabic: then `lang` is its ISO 639-3 code (`eng`, `fas`,
    /// `und` when too short to tell). `format` is `None` for files skipped by name.
    Skipped { origin: String, why: &'static str, lang: Option<&'static str>, format: Option<Format> },
}

/// Counts over one call of [`Reader::read_paths`] or [`Reader::read_stream`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Files and archive members opened.
    pub inputs: u64,
    /// Bytes of text read, after decompression.
    pub bytes: u64,
    pub articles: u64,
    pub rejected: u64,
    /// Everything skipped, those in another language included.
    pub skipped: u64,
    /// Pages skipped because they are not in Arabic.
    pub other_language: u64,
}

/// Reads articles; holds the options. `Reader::default()` is ready to use.
#[derive(Debug, Clone)]
pub struct Reader {
    max_record_bytes: u64,
    progress: Option<Arc<AtomicU64>>,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader { max_record_bytes: Reader::DEFAULT_MAX_RECORD_BYTES, progress: None }
    }
}

impl Reader {
    /// 64 MiB: far above any news article, far below the machine's memory.
    pub const DEFAULT_MAX_RECORD_BYTES: u64 = 64 << 20;

    pub fn new() -> Reader {
        Reader::default()
    }

    /// The largest record read: a whole text or TREC file, or one JSON line. Larger ones are
    /// rejected as [`Reason::TooLarge`].
    pub fn with_max_record_bytes(mut self, max: u64) -> Reader {
        self.max_record_bytes = max;
        self
    }

    /// Counts into `bytes_read` the bytes read from files (not standard input) as they are read:
    /// compressed bytes for compressed files. When a file is done the counter has grown by the
    /// file's size, whatever part of it was read, so that it ends at [`walk::input_bytes`] of the
    /// same paths. Another thread may watch it to draw a progress bar.
    pub fn with_progress(mut self, bytes_read: Arc<AtomicU64>) -> Reader {
        self.progress = Some(bytes_read);
        self
    }

    /// Reads files and folders, calling `on_item` for every article, rejection and skipped file.
    /// A path named here is read whatever its extension; files met inside folders and archives
    /// are read only when named like articles (see [`walk::skip_when_walking`]).
    pub fn read_paths(&self, paths: &[PathBuf], mut on_item: impl FnMut(Item)) -> Totals {
        let mut walk = walk::Walk::new(self.max_record_bytes, self.progress.clone(), &mut on_item);
        for path in paths {
            walk.path(path);
        }
        walk.totals
    }

    /// Reads one stream (standard input, a network body) as if it were a file named `origin`; the
    /// name's extension is a hint for detection, as for files.
    pub fn read_stream(&self, origin: &str, input: &mut dyn Read, mut on_item: impl FnMut(Item)) -> Totals {
        let mut walk = walk::Walk::new(self.max_record_bytes, None, &mut on_item);
        let name = origin.rsplit('/').next().unwrap_or(origin);
        walk.totals.inputs += 1;
        // A broken stream has been reported as a rejection; there is nothing after it to go on with.
        let _ = walk.source(origin, name, None, input, 0, false);
        walk.totals
    }
}
