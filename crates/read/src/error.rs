//! Why an input, or one record of it, was not read: [`ReadError`] (where) wrapping [`Reason`] (what).
//!
//! A rejection is data, not a stop: the walker reports it as an [`crate::Item::Rejected`] and goes
//! on with the next record or file. [`Reason::name`] gives the short stable name the CLI counts by.

use std::fmt;

/// A record inside an input: a line of a JSON Lines file or the n-th `<DOC>` of a TREC file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// 1-based line number.
    Line(u64),
    /// 1-based position of the `<DOC>` in its file.
    Doc(u64),
    /// 1-based position of the record in a WARC file, counting every record type.
    Warc(u64),
}

/// An input or record that could not be read, with its coordinates.
///
/// Display: `{origin}: {record} at byte {byte}: {reason}`, each coordinate present only when known,
/// e.g. `cc.tar.gz!docs/x.txt: at byte 1,204: not UTF-8 (an invalid sequence starts with byte 0xC7)`.
#[derive(Debug, thiserror::Error, PartialEq)]
pub struct ReadError {
    /// The path, with `!member` for archive members.
    pub origin: String,
    pub record: Option<Record>,
    /// Offset of the problem in the (decompressed) input, when known.
    pub byte: Option<u64>,
    /// The format the input was being read as; `None` when it was refused before its format was
    /// known (missing, empty, binary, a cut archive between members).
    pub format: Option<crate::Format>,
    #[source]
    pub reason: Reason,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.origin)?;
        match self.record {
            Some(Record::Line(n)) => write!(f, " line {}", thousands(n))?,
            Some(Record::Doc(n)) => write!(f, " doc {}", thousands(n))?,
            Some(Record::Warc(n)) => write!(f, " record {}", thousands(n))?,
            None => {}
        }
        if let Some(byte) = self.byte {
            write!(f, " at byte {}:", thousands(byte))?;
        } else if self.record.is_some() {
            write!(f, ":")?;
        }
        write!(f, " {}", self.reason)
    }
}

impl ReadError {
    pub(crate) fn new(origin: &str, reason: Reason) -> ReadError {
        ReadError { origin: origin.to_string(), record: None, byte: None, format: None, reason }
    }

    pub(crate) fn at(mut self, record: Option<Record>, byte: Option<u64>) -> ReadError {
        self.record = record;
        self.byte = byte;
        self
    }

    /// What the user can do about it, when there is something to do.
    pub fn hint(&self) -> Option<String> {
        match &self.reason {
            Reason::NotUtf8 { .. } => Some(
                "Arabic text in Windows-1256 can be converted with `iconv -f CP1256 -t UTF-8 FILE`".into(),
            ),
            Reason::Truncated { .. } => Some(
                "the input looks cut short or damaged; the records before the damage were read. Fetch it again"
                    .into(),
            ),
            Reason::TooLarge { .. } => {
                Some("a record this large is not a news article; split the input or raise the limit".into())
            }
            Reason::UnknownFormat { .. } => {
                Some("Marsad reads plain text, JSON Lines (one object per line), TREC <DOC> files, HTML pages and WARC files".into())
            }
            _ => None,
        }
    }
}

/// What was wrong with an input. Display is the reason alone, lower case, without coordinates.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum Reason {
    #[error("not UTF-8 (an invalid sequence starts with byte 0x{invalid:02X})")]
    NotUtf8 { invalid: u8 },
    #[error("empty: no text at all, or only white space")]
    Empty,
    #[error("binary data ({why}), not text")]
    Binary { why: &'static str },
    #[error("too large: {what}{} is over the {} limit", size.map_or(String::new(), |s| format!(" of {} bytes", thousands(s))), bytes_human(*limit))]
    TooLarge { what: &'static str, size: Option<u64>, limit: u64 },
    #[error("truncated: {detail}")]
    Truncated { detail: String },
    #[error("bad JSON: {detail}")]
    BadJson { detail: String },
    #[error("no text: {detail}")]
    MissingText { detail: &'static str },
    #[error("unknown format: {detail}")]
    UnknownFormat { detail: &'static str },
    #[error("cannot read: {detail}")]
    Io { detail: String },
}

impl Reason {
    /// A short stable name for counting rejections in a summary.
    pub fn name(&self) -> &'static str {
        match self {
            Reason::NotUtf8 { .. } => "not UTF-8",
            Reason::Empty => "empty",
            Reason::Binary { .. } => "binary",
            Reason::TooLarge { .. } => "too large",
            Reason::Truncated { .. } => "truncated",
            Reason::BadJson { .. } => "bad JSON",
            Reason::MissingText { .. } => "no text",
            Reason::UnknownFormat { .. } => "unknown format",
            Reason::Io { .. } => "unreadable",
        }
    }

    pub(crate) fn io(err: &std::io::Error) -> Reason {
        Reason::Io { detail: err.to_string() }
    }
}

/// `1204` → `1,204`: offsets and counts are read by people.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn bytes_human(n: u64) -> String {
    const MIB: u64 = 1 << 20;
    if n >= MIB && n % MIB == 0 {
        format!("{} MiB", thousands(n / MIB))
    } else {
        format!("{} bytes", thousands(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        for (n, expected) in [(0, "0"), (999, "999"), (1204, "1,204"), (73_411_992, "73,411,992")] {
            assert_eq!(thousands(n), expected);
        }
    }

    #[test]
    fn display_puts_coordinates_before_the_reason() {
        let cases = [
            (
                ReadError::new("cc.tar.gz!docs/x.txt", Reason::NotUtf8 { invalid: 0xC7 })
                    .at(None, Some(1204)),
                "cc.tar.gz!docs/x.txt: at byte 1,204: not UTF-8 (an invalid sequence starts with byte 0xC7)",
            ),
            (
                ReadError::new("a.jsonl", Reason::TooLarge { what: "line", size: None, limit: 64 << 20 })
                    .at(Some(Record::Line(18_204)), Some(73_411_992)),
                "a.jsonl: line 18,204 at byte 73,411,992: too large: line is over the 64 MiB limit",
            ),
            (
                ReadError::new("b.xml", Reason::MissingText { detail: "no TEXT or TITLE" })
                    .at(Some(Record::Doc(2)), None),
                "b.xml: doc 2: no text: no TEXT or TITLE",
            ),
            (ReadError::new("e.txt", Reason::Empty), "e.txt: empty: no text at all, or only white space"),
            (
                ReadError::new(
                    "h.txt",
                    Reason::TooLarge { what: "file", size: Some(200_000_000), limit: 1000 },
                ),
                "h.txt: too large: file of 200,000,000 bytes is over the 1,000 bytes limit",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), expected);
        }
    }
}
