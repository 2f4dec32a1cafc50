//! Reading ANT corpus archives, for the examples that learn from unlabelled news
//! (`#[path = "common/ant.rs"] mod ant;`).

use std::io::Read;
use std::path::Path;

/// The texts of an ANT archive (`.tar.gz` of TREC-like files), in file-name order.
pub fn ant_texts(path: &Path) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let file = std::fs::File::open(path)?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut entries: Vec<(String, String)> = Vec::new();
    for entry in archive.entries()? {
        let mut entry = entry?;
        let name = entry.path()?.display().to_string();
        let mut raw = Vec::new();
        entry.read_to_end(&mut raw)?;
        let Ok(body) = String::from_utf8(raw) else { continue };
        // The <TITLE>, <ABSTRACT> and <TEXT> elements hold the words; the rest is metadata.
        let mut text = String::new();
        for tag in ["TITLE", "ABSTRACT", "TEXT"] {
            let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
            if let (Some(a), Some(b)) = (body.find(&open), body.find(&close)) {
                if a + open.len() <= b {
                    text.push_str(&body[a + open.len()..b]);
                    text.push('\n');
                }
            }
        }
        if !text.trim().is_empty() {
            entries.push((name, text));
        }
    }
    entries.sort();
    Ok(entries.into_iter().map(|(_, t)| t).collect())
}
