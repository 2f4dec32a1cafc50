//! Cleaning: turns an article's original text into the cleaned text every later stage reads, and adds
//! the layers that describe what cleaning found: `furniture`, `headline` and `dateline`.
//!
//! Entry point: [`clean`]. Uses `marsad-article` and `marsad-gazetteer`; reads no files.
//! - [`unify`]: Unicode unification that keeps the display form (presentation forms unfolded, bidi and
//!   zero-width marks and tatweel dropped, spaces and line breaks unified), written through
//!   `CleanTextBuilder` so every cleaned position maps back to the original.
//! - [`furniture`]: page furniture removed by whole-line rules; each removal is a zero-width span of the
//!   `furniture` layer where the text was, with `original_start_char`, `original_end_char` (characters
//!   of the original), `text` (what was removed) and `rule`.
//! - the `headline` layer: `meta.headline` mapped into the cleaned text or, for plain text, the first
//!   line; one `HEADLINE` span.
//! - [`dateline`]: the dateline at the start of the body.
//!
//! Blank lines: paragraphs stay separated by one blank line, lines within a paragraph by one line break.

pub mod dateline;
pub mod furniture;
mod presentation_forms;
pub mod unify;

use std::ops::Range;

use marsad_article::{layer, Article, CharIndex, CleanTextBuilder, ModelError, OffsetMap, Span};

/// What cleaning did to one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanReport {
    /// Furniture removals (spans of the `furniture` layer).
    pub furniture: usize,
    /// Characters of the original that furniture removal dropped.
    pub furniture_chars: usize,
    pub headline: bool,
    pub dateline: bool,
}

/// Why an article could not be cleaned: only when a stage misused the article (cleaned twice, or
/// after layers were added), never because of its text.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CleanError {
    #[error("{origin}: cannot clean: {source}")]
    Model {
        origin: String,
        #[source]
        source: ModelError,
    },
}

/// Cleans `article`: sets its cleaned text and adds the `furniture`, `headline` and `dateline` layers.
/// Must be the first stage: it fails if the article already has layers.
pub fn clean(article: &mut Article) -> Result<CleanReport, CleanError> {
    let origin = article.meta.origin.clone();
    let model_error = |source| CleanError::Model { origin: origin.clone(), source };
    if !article.layers.is_empty() {
        let layers = article.layers.keys().cloned().collect();
        return Err(model_error(ModelError::CleanAfterLayers { layers }));
    }
    let written = write_clean(article);
    let headline = headline_range(article, &written);
    let dateline = dateline_spans(&written, headline.as_ref());
    let furniture = furniture_spans(&article.original, &written.removals);
    let report = CleanReport {
        furniture: written.removals.len(),
        furniture_chars: written
            .removals
            .iter()
            .map(|r| article.original[r.original.clone()].chars().count())
            .sum(),
        headline: headline.is_some(),
        dateline: !dateline.is_empty(),
    };
    let headline_spans: Vec<Span> = headline.into_iter().map(|r| Span::new(r, "HEADLINE")).collect();
    article.set_clean(written.clean, written.offsets).map_err(model_error)?;
    article.add_layer(layer::FURNITURE, furniture).map_err(model_error)?;
    article.add_layer(layer::HEADLINE, headline_spans).map_err(model_error)?;
    article.add_layer(layer::DATELINE, dateline).map_err(model_error)?;
    Ok(report)
}

/// A removed run of lines.
struct Removed {
    /// Byte range in the original, from the first removed line's start to the last one's end.
    original: Range<usize>,
    /// Where it was, in the cleaned text.
    at: usize,
    rule: &'static str,
}

/// The cleaned text and what writing it found.
struct Written {
    clean: String,
    offsets: OffsetMap,
    /// Byte range in the cleaned text of each kept line, in order, with its index among the
    /// original's lines.
    lines: Vec<(usize, Range<usize>)>,
    removals: Vec<Removed>,
    /// Indexes of the original's lines that hold the headline.
    headline_lines: Range<usize>,
}

fn write_clean(article: &Article) -> Written {
    let original = article.original.as_str();
    let lines = unify::split_lines(original);
    let unified: Vec<unify::UnifiedLine> =
        lines.iter().map(|l| unify::unify_line(original, l.content.clone())).collect();
    let headline_lines = headline_lines(article, &lines, &unified);
    let texts: Vec<&str> = unified.iter().map(|u| u.text.as_str()).collect();
    let removals = furniture::find_furniture(&texts, |i| headline_lines.contains(&i));
    let mut removal_at: Vec<Option<&furniture::Removal>> = vec![None; lines.len()];
    for r in &removals {
        removal_at[r.first] = Some(r);
    }

    let mut b = CleanTextBuilder::new(original);
    let mut kept = Vec::new();
    let mut removed = Vec::new();
    // The line break after the last kept line, and the first blank line's break since then.
    let mut line_break: Option<Range<usize>> = None;
    let mut paragraph_break: Option<Range<usize>> = None;
    let mut i = 0;
    while i < lines.len() {
        if let Some(r) = removal_at[i] {
            let original = lines[r.first].content.start..lines[r.last].content.end;
            removed.push(Removed { original, at: b.text().len(), rule: r.rule });
            i = r.last + 1;
            continue;
        }
        let line = &lines[i];
        let u = &unified[i];
        if u.ops.is_empty() {
            if line_break.is_some() && paragraph_break.is_none() && !line.terminator.is_empty() {
                paragraph_break = Some(line.terminator.clone());
            }
            i += 1;
            continue;
        }
        if let Some(br) = line_break.take() {
            b.replace(br, "\n");
            if let Some(pb) = paragraph_break.take() {
                b.replace(pb, "\n");
            }
        }
        let start = b.text().len();
        for op in &u.ops {
            match op {
                unify::Op::Copy(r) => b.copy(r.clone()),
                unify::Op::Replace(r, with) => b.replace(r.clone(), with),
            }
        }
        kept.push((i, start..b.text().len()));
        line_break = Some(line.terminator.clone());
        paragraph_break = None;
        i += 1;
    }
    let (clean, offsets) = b.finish();
    Written { clean, offsets, lines: kept, removals: removed, headline_lines }
}

/// The original's lines that hold the headline: those `meta.headline` overlaps or, for plain text
/// without one, the first line that is not blank.
fn headline_lines(article: &Article, lines: &[unify::Line], unified: &[unify::UnifiedLine]) -> Range<usize> {
    match &article.meta.headline {
        Some(h) => {
            let first = lines.iter().position(|l| l.terminator.end > h.start);
            let last = lines.iter().rposition(|l| l.content.start < h.end);
            match (first, last) {
                (Some(f), Some(l)) if f <= l => f..l + 1,
                _ => 0..0,
            }
        }
        None if article.meta.format == "txt" => {
            unified.iter().position(|u| !u.ops.is_empty()).map_or(0..0, |i| i..i + 1)
        }
        None => 0..0,
    }
}

/// The headline's range in the cleaned text: the kept headline lines, trimmed; `meta.headline` inside
/// a line narrows it to the mapped range.
fn headline_range(article: &Article, written: &Written) -> Option<Range<usize>> {
    let mut in_headline = written.lines.iter().filter(|(i, _)| written.headline_lines.contains(i));
    let first = in_headline.next()?.1.clone();
    let last = in_headline.next_back().map_or(first.clone(), |(_, r)| r.clone());
    let mut range = first.start..last.end;
    if let Some(h) = &article.meta.headline {
        if let Some(mapped) = original_to_clean(&written.offsets, h.clone()) {
            range = range.start.max(mapped.start)..range.end.min(mapped.end);
        }
    }
    let text = &written.clean;
    if range.start >= range.end || !text.is_char_boundary(range.start) || !text.is_char_boundary(range.end) {
        return None;
    }
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.end - (s.len() - s.trim_end().len());
    (start < end).then_some(start..end)
}

/// Maps a range of the original into the cleaned text: from the first cleaned byte that comes from it
/// to the last. `None` when nothing of it was kept.
fn original_to_clean(map: &OffsetMap, orig: Range<usize>) -> Option<Range<usize>> {
    let overlapping = |p: &&marsad_article::offsets::Piece| {
        p.orig_start < orig.end && p.orig_start + p.orig_len > orig.start
    };
    let first = map.pieces().iter().find(overlapping)?;
    let last = map.pieces().iter().rev().find(overlapping)?;
    let start = if first.copy {
        first.clean_start + orig.start.saturating_sub(first.orig_start)
    } else {
        first.clean_start
    };
    let end = if last.copy {
        last.clean_start + (orig.end.min(last.orig_start + last.orig_len) - last.orig_start)
    } else {
        last.clean_start + last.clean_len
    };
    (start < end).then_some(start..end)
}

/// The dateline spans, looked for on the first kept line after the headline (or the first line).
fn dateline_spans(written: &Written, headline: Option<&Range<usize>>) -> Vec<Span> {
    let after = headline.map_or(0, |h| h.end);
    let Some((_, line)) = written.lines.iter().find(|(_, r)| r.start >= after) else { return Vec::new() };
    dateline::find_dateline(&written.clean[line.clone()], line.start)
}

fn furniture_spans(original: &str, removals: &[Removed]) -> Vec<Span> {
    if removals.is_empty() {
        return Vec::new();
    }
    let chars = CharIndex::new(original);
    removals
        .iter()
        .map(|r| {
            let char_of = |byte| chars.char_of_byte(byte).unwrap_or(0);
            Span::new(r.at..r.at, "FURNITURE")
                .with_attr("original_start_char", char_of(r.original.start))
                .with_attr("original_end_char", char_of(r.original.end))
                .with_attr("text", &original[r.original.clone()])
                .with_attr("rule", r.rule)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_article::Meta;

    fn txt(text: &str) -> Article {
        Article::new(Meta { origin: "test".into(), format: "txt".into(), ..Meta::default() }, text.into())
    }

    fn cleaned(text: &str) -> Article {
        let mut a = txt(text);
        clean(&mut a).unwrap();
        a.check_invariants().unwrap();
        a
    }

    fn texts<'a>(a: &'a Article, name: &str) -> Vec<(&'a str, &'a str)> {
        a.layer(name).iter().map(|s| (s.label.as_str(), a.text_of(s))).collect()
    }

    #[test]
    fn unifies_text_and_keeps_paragraphs() {
        let cases = [
            (
                "عنوان\r\n\r\n\r\nفقرة   أولى.\r\nسطر\u{00A0}ثان.\n\n\n\nفقرة ثانية.  \n\n",
                "عنوان\n\nفقرة أولى.\nسطر ثان.\n\nفقرة ثانية.",
            ),
            ("  \n\u{200F}عنوان\u{200F}\n\u{FEFB}جئون يعودون\u{0640}\u{0640}", "عنوان\nلاجئون يعودون"),
            ("\n\n", ""),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(cleaned(input).clean, expected, "clean of {input:?}");
        }
    }

    #[test]
    fn furniture_spans_are_zero_width_and_point_into_the_original() {
        let text = "عنوان الخبر\n\nقال الوزير إن الاتفاق قريب.\nاقرأ أيضا: وزير المالية يعلن موازنة جديدة\nوأضاف أن التوقيع سيتم الأحد.\n\nقد يعجبك أيضاً\nارتفاع أسعار النفط\n";
        let a = cleaned(text);
        assert_eq!(a.clean, "عنوان الخبر\n\nقال الوزير إن الاتفاق قريب.\nوأضاف أن التوقيع سيتم الأحد.");
        let spans = a.layer(layer::FURNITURE);
        assert_eq!(spans.len(), 2);
        let chars: Vec<char> = text.chars().collect();
        let expected = [
            (
                "read_also_link",
                "اقرأ أيضا: وزير المالية يعلن موازنة جديدة",
                "عنوان الخبر\n\nقال الوزير إن الاتفاق قريب.".len(),
            ),
            ("trailing_block", "قد يعجبك أيضاً\nارتفاع أسعار النفط", a.clean.len()),
        ];
        for (span, (rule, removed, at)) in spans.iter().zip(expected) {
            assert_eq!((span.start, span.end), (at, at), "{rule}: zero width where the text was");
            assert_eq!(span.attrs["rule"], rule);
            assert_eq!(span.attrs["text"], removed);
            let start = span.attrs["original_start_char"].as_u64().unwrap() as usize;
            let end = span.attrs["original_end_char"].as_u64().unwrap() as usize;
            assert_eq!(chars[start..end].iter().collect::<String>(), removed, "{rule}: original chars");
        }
    }

    #[test]
    fn headline_is_the_first_line_of_plain_text_or_the_meta_range() {
        let a = cleaned("\n  عنوان الخبر  \nنص الخبر.");
        assert_eq!(texts(&a, layer::HEADLINE), [("HEADLINE", "عنوان الخبر")]);

        let original = "عنوان\u{0640}الخبر\n\nبيروت - (أ ف ب) - نص الخبر.";
        let meta = Meta {
            origin: "t.jsonl:line 1".into(),
            format: "jsonl".into(),
            headline: Some(0.."عنوان\u{0640}الخبر".len()),
            ..Meta::default()
        };
        let mut a = Article::new(meta, original.into());
        clean(&mut a).unwrap();
        a.check_invariants().unwrap();
        assert_eq!(a.headline(), Some("عنوانالخبر"));
        assert_eq!(texts(&a, layer::DATELINE)[0], ("DATELINE", "بيروت - (أ ف ب) -"));

        let mut no_headline = Article::new(
            Meta { origin: "x".into(), format: "jsonl".into(), ..Meta::default() },
            "جنيف - نص.".into(),
        );
        clean(&mut no_headline).unwrap();
        assert!(no_headline.layer(layer::HEADLINE).is_empty());
        assert_eq!(texts(&no_headline, layer::DATELINE)[1], ("PLACE", "جنيف"));
    }

    #[test]
    fn an_article_without_dateline_gets_an_empty_layer() {
        let a = cleaned("عنوان\nقال الوزير إن المحادثات كانت جيدة.");
        assert!(a.layers.contains_key(layer::DATELINE));
        assert!(a.layer(layer::DATELINE).is_empty());
    }

    #[test]
    fn cleaning_twice_is_refused_with_the_origin() {
        let mut a = cleaned("عنوان\nنص.");
        let err = clean(&mut a).unwrap_err().to_string();
        assert!(err.starts_with("test: cannot clean: "), "{err}");
    }
}
