//! The stages one article goes through, in order, and what a rejected input looks like.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use marsad_article::Article;
use marsad_read::Format;

#[derive(Debug, Clone)]
pub struct Options {
    /// Keep the `tokens` layer (printed by `analyze`, not stored by `ingest`).
    pub tokens: bool,
    /// Publication date for articles whose input carries none.
    pub published: Option<DateTime<FixedOffset>>,
}

/// An input or article that could not go through, with its coordinates and reason.
#[derive(Debug)]
pub enum Rejection {
    Read(marsad_read::ReadError),
    Stage { origin: String, stage: &'static str, error: String },
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rejection::Read(e) => write!(f, "{e}"),
            Rejection::Stage { origin, stage, error } => write!(f, "{origin}: {stage} failed: {error}"),
        }
    }
}

impl Rejection {
    /// The short name rejections are counted under in the summary.
    pub fn reason(&self) -> &str {
        match self {
            Rejection::Read(e) => e.reason.name(),
            Rejection::Stage { stage, .. } => stage,
        }
    }

    /// The format of the input the reader refused; `None` for a stage's rejection, whose caller
    /// knows the article's format, and for inputs refused before their format was known.
    pub fn read_format(&self) -> Option<Format> {
        match self {
            Rejection::Read(e) => e.format,
            Rejection::Stage { .. } => None,
        }
    }

    /// What the user can do about it, when there is something to do.
    pub fn hint(&self) -> Option<String> {
        match self {
            Rejection::Read(e) => e.hint(),
            Rejection::Stage { .. } => {
                Some("this is a bug in Marsad: please report it with the input".into())
            }
        }
    }
}

/// Parses `--published`: a date (taken as midnight UTC) or an RFC 3339 timestamp.
pub fn parse_published(s: &str) -> Result<DateTime<FixedOffset>, String> {
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Ok(d);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc().fixed_offset())
        .map_err(|_| {
            format!(
                "{s:?} is not a date: use YYYY-MM-DD (2016-09-01) or RFC 3339 (2016-09-01T10:00:00+03:00)"
            )
        })
}

/// Cleans and annotates one article.
pub fn process(mut article: Article, options: &Options) -> Result<Article, Rejection> {
    if article.meta.published.is_none() {
        article.meta.published = options.published;
    }
    let stage_err = |article: &Article, stage: &'static str, error: String| Rejection::Stage {
        origin: article.meta.origin.clone(),
        stage,
        error,
    };
    if let Err(e) = marsad_clean::clean(&mut article) {
        return Err(stage_err(&article, "cleaning", e.to_string()));
    }
    let extract = marsad_extract::Options { tokens: options.tokens };
    if let Err(e) = marsad_extract::run(&mut article, &extract) {
        return Err(stage_err(&article, "extraction", e.to_string()));
    }
    Ok(article)
}

/// What reading one input gave, with the format of the input for the per-format report.
// Articles are by far the most common input and travel one at a time through a bounded channel, so
// boxing them to shrink the rarer variants would cost an allocation each for nothing.
#[allow(clippy::large_enum_variant)]
pub enum Input {
    /// An article, with the bytes it was read from.
    Article(Article, u64, Format),
    /// Refused by the reader; the error names its format when it was known.
    Rejected(Rejection),
    /// Left out on purpose: a page in another language, a file that is not an article.
    Skipped { why: &'static str, lang: Option<&'static str>, format: Option<Format> },
}

/// Reads every path (files, folders, archives, WARC files), handing each input to `on_input`.
pub fn read_all(paths: &[PathBuf], mut on_input: impl FnMut(Input)) {
    marsad_read::Reader::new().read_paths(paths, |item| on_input(input(item)));
}

pub fn input(item: marsad_read::Item) -> Input {
    match item {
        marsad_read::Item::Article { article, bytes, format } => Input::Article(article, bytes, format),
        marsad_read::Item::Rejected(e) => Input::Rejected(Rejection::Read(e)),
        marsad_read::Item::Skipped { why, lang, format, .. } => Input::Skipped { why, lang, format },
    }
}

/// Reads one path, or standard input when it is `-`.
pub fn read_one(path: &Path, mut on_item: impl FnMut(Result<Article, Rejection>)) -> anyhow::Result<()> {
    let mut on_input = |read: Input| match read {
        Input::Article(a, ..) => on_item(Ok(a)),
        Input::Rejected(r) => on_item(Err(r)),
        Input::Skipped { .. } => {}
    };
    if path == Path::new("-") {
        marsad_read::Reader::new()
            .read_stream("-", &mut std::io::stdin().lock(), |item| on_input(input(item)));
        return Ok(());
    }
    if !path.exists() {
        anyhow::bail!("{}: no such file or folder", path.display());
    }
    read_all(&[path.to_path_buf()], on_input);
    Ok(())
}
