//! Corpus readers shared by this crate's examples: the team's own articles, ANT (TREC-like XML
//! in a .tar.gz) and SaudiNewsNet (one JSON array per .zip). Evaluation input only.

#![allow(dead_code)] // Each example uses a different subset of these readers.

use std::error::Error;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

pub type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// One article for evaluation: an id (file name, DOCNO, or source + url), headline and body.
#[derive(Debug, Clone)]
pub struct Doc {
    pub id: String,
    pub title: String,
    pub body: String,
    /// Publication time when the corpus gives one (SaudiNewsNet: midnight UTC of the crawl day).
    pub published: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// The outlet (ANT `SRC`, SaudiNewsNet `source`), when the corpus names it.
    pub outlet: Option<String>,
}

impl Doc {
    /// Headline, then the body: the layout `marsad_group::eval::apply_edit` expects.
    pub fn text(&self) -> String {
        format!("{}\n{}", self.title, self.body)
    }
}

/// `../shared` seen from the repository root (the crate is two levels down).
pub fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

pub fn repo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The team's articles in `examples/news/*.txt`: headline on the first line, the rest the body.
pub fn team_news() -> Result<Vec<Doc>> {
    let dir = repo_dir().join("examples/news");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut docs = Vec::new();
    for path in paths {
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (title, body) = text.split_once('\n').unwrap_or((text.as_str(), ""));
        let id = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        docs.push(Doc {
            id,
            title: title.trim().to_string(),
            body: body.trim().to_string(),
            published: None,
            outlet: None,
        });
    }
    Ok(docs)
}

/// Articles of an ANT corpus archive (`<DOC>` files inside a .tar.gz), sorted by DOCNO.
pub fn ant(archive: &Path) -> Result<Vec<Doc>> {
    let file = fs::File::open(archive).map_err(|e| format!("{}: {e}", archive.display()))?;
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut docs = Vec::new();
    for entry in tar.entries()? {
        let mut entry = entry?;
        let is_txt = entry.path()?.extension().is_some_and(|x| x == "txt");
        if !is_txt {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        let text = String::from_utf8_lossy(&bytes);
        let (Some(id), Some(body)) = (tag(&text, "DOCNO"), tag(&text, "TEXT")) else { continue };
        let title = tag(&text, "TITLE").unwrap_or_default();
        // `Mon, 26 Feb 2018 02:20:10 GMT`
        let published = tag(&text, "TIME").and_then(|t| chrono::DateTime::parse_from_rfc2822(t).ok());
        docs.push(Doc {
            id: id.to_string(),
            title: title.to_string(),
            body: body.to_string(),
            published,
            outlet: tag(&text, "SRC").map(str::to_string),
        });
    }
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(docs)
}

fn tag<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = text.find(&open)? + open.len();
    let end = start + text[start..].find(&close)?;
    Some(text[start..end].trim())
}

/// SaudiNewsNet articles from every `.zip` in `dir` (one JSON array per zip), in file order.
pub fn saudinewsnet(dir: &Path) -> Result<Vec<Doc>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "zip"))
        .collect();
    paths.sort();
    let mut docs = Vec::new();
    for path in paths {
        // The file is named for the crawl day (`2015-07-21.zip`).
        let day = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let published = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc().fixed_offset());
        let json = unzip_single(&path)?;
        let records: Vec<serde_json::Value> =
            serde_json::from_slice(&json).map_err(|e| format!("{}: {e}", path.display()))?;
        for r in records {
            let field = |k: &str| r.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let id = format!("{} {}", field("source"), field("url"));
            let outlet = Some(field("source"));
            docs.push(Doc { id, title: field("title"), body: field("content"), published, outlet });
        }
    }
    Ok(docs)
}

/// The first member of a zip file, which must be stored or deflated with its sizes in the local
/// header (as SaudiNewsNet's are).
fn unzip_single(path: &Path) -> Result<Vec<u8>> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let u16_at = |i: usize| bytes.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as usize);
    let u32_at =
        |i: usize| bytes.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    let bad =
        || format!("{}: byte 0: not a single-member zip with sizes in its local header", path.display());
    if u32_at(0) != Some(0x0403_4b50) {
        return Err(bad().into());
    }
    let (method, size) = (u16_at(8).ok_or_else(bad)?, u32_at(18).ok_or_else(bad)?);
    let start = 30 + u16_at(26).ok_or_else(bad)? + u16_at(28).ok_or_else(bad)?;
    let data = bytes.get(start..start + size).ok_or_else(bad)?;
    match method {
        0 => Ok(data.to_vec()),
        8 => {
            let mut out = Vec::new();
            flate2::read::DeflateDecoder::new(data).read_to_end(&mut out)?;
            Ok(out)
        }
        _ => Err(format!("{}: compression method {method} not supported", path.display()).into()),
    }
}

/// The process's peak resident memory in MiB (Linux `VmHWM`), if known.
pub fn peak_memory_mib() -> Option<f64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// CPU seconds this process has used (user + system, Linux `/proc/self/stat`), if known. Wall
/// time on a shared 2-core machine depends on the neighbours; CPU time much less.
pub fn cpu_seconds() -> Option<f64> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold spaces; the fields after its closing parenthesis do not.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// One article's story features with the text a person reads to label it (evaluation only: the
/// cache lives under `target/`, never in the repository).
#[derive(Debug, Clone)]
pub struct Cached {
    pub features: marsad_group::ArticleFeatures,
    pub title: String,
    /// The start of the body, up to [`LEAD_CHARS`] characters, on one line.
    pub lead: String,
    /// The whole body on one line, so that term weighting can be tuned without extracting again.
    pub body: String,
}

pub const LEAD_CHARS: usize = 400;

fn one_line(text: &str) -> String {
    text.chars().map(|c| if c == '\t' || c == '\n' || c == '\r' { ' ' } else { c }).collect()
}

/// One cache line: id, outlet, published, title, lead, terms (`hash:count`), entities, places,
/// events (`|`-separated, an entity's count after its last `#`), body.
pub fn cache_line(c: &Cached) -> String {
    let f = &c.features;
    let terms: Vec<String> = f.terms.iter().map(|(h, n)| format!("{h:x}:{n}")).collect();
    let entities: Vec<String> = f.entities.iter().map(|(k, n)| format!("{}#{n}", one_line(k))).collect();
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
        one_line(&f.id),
        one_line(f.outlet.as_deref().unwrap_or_default()),
        f.published.map(|t| t.to_string()).unwrap_or_default(),
        one_line(&c.title),
        one_line(&c.lead),
        terms.join(" "),
        entities.join("|"),
        f.places.iter().map(|p| one_line(p)).collect::<Vec<_>>().join("|"),
        f.events.join("|"),
        one_line(&c.body),
    )
}

/// Reads a cache written with [`cache_line`].
pub fn read_cache(path: &Path) -> Result<Vec<Cached>> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let bad = |what: &str| format!("{}: line {}: {what}", path.display(), n + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != 10 {
            return Err(bad("expected 10 tab-separated fields").into());
        }
        let list =
            |s: &str| -> Vec<String> { s.split('|').filter(|x| !x.is_empty()).map(str::to_string).collect() };
        let mut terms = Vec::new();
        for item in fields[5].split(' ').filter(|x| !x.is_empty()) {
            let (h, c) = item.split_once(':').ok_or_else(|| bad("term without count"))?;
            terms.push((u64::from_str_radix(h, 16)?, c.parse()?));
        }
        let mut entities = Vec::new();
        for item in list(fields[6]) {
            let (k, c) = item.rsplit_once('#').ok_or_else(|| bad("entity without count"))?;
            entities.push((k.to_string(), c.parse()?));
        }
        let features = marsad_group::ArticleFeatures {
            id: fields[0].to_string(),
            outlet: Some(fields[1].to_string()).filter(|s| !s.is_empty()),
            published: fields[2].parse().ok(),
            terms,
            entities,
            places: list(fields[7]),
            events: list(fields[8]),
        };
        out.push(Cached {
            features,
            title: fields[3].to_string(),
            lead: fields[4].to_string(),
            body: fields[9].to_string(),
        });
    }
    Ok(out)
}

/// The first `LEAD_CHARS` characters of a body, on one line.
pub fn lead_of(body: &str) -> String {
    one_line(&body.chars().take(LEAD_CHARS).collect::<String>())
}
