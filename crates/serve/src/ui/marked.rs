//! An article's cleaned text as paragraphs of markup with its layers highlighted in place.
//!
//! Entry point: [`marked_text`]. Layers overlap (a name inside a quote, an event trigger inside a
//! time), so the text is cut at every span edge and every line break, and each piece is wrapped
//! once with the classes of all the spans covering it; an entity piece links to the entity's page.
//! The page's checkboxes hide a layer by adding `hide-<class>` to the container (see `ui.js`).
//! Spans whose byte offsets fall outside the text or inside a character are skipped, not trusted.

use marsad_article::{layer, Article, Span};

use super::html::{entity_href, escape, event_type_name};

/// The layers shown, with the CSS class that marks them and their Arabic name for the toggles.
pub const SHOWN_LAYERS: [(&str, &str, &str); 4] = [
    (layer::ENTITIES, "ent", "الكيانات"),
    (layer::QUOTES, "quo", "الاقتباسات"),
    (layer::TIMES, "tim", "التواريخ"),
    (layer::EVENTS, "evt", "الأحداث"),
];

struct Mark<'a> {
    start: usize,
    end: usize,
    classes: String,
    title: String,
    entity_key: Option<&'a str>,
}

fn attr<'a>(span: &'a Span, key: &str) -> Option<&'a str> {
    span.attr_str(key).filter(|s| !s.is_empty())
}

fn mark<'a>(class: &str, span: &'a Span) -> Mark<'a> {
    let label = span.label.as_str();
    let (classes, title, entity_key) = match class {
        "ent" => {
            let name = attr(span, "canonical").unwrap_or_default();
            let en = attr(span, "name_en").map(|e| format!(" ({e})")).unwrap_or_default();
            (format!("ent ent-{}", css_word(label)), format!("{label}: {name}{en}"), attr(span, "key"))
        }
        "quo" => {
            let part = match label {
                "CUE" => "quo-cue",
                "SPEAKER" => "quo-speaker",
                _ => "quo-text",
            };
            let speaker = attr(span, "speaker").map(|s| format!(": {s}")).unwrap_or_default();
            (format!("quo {part}"), format!("اقتباس {label}{speaker}"), None)
        }
        "tim" => {
            let value = attr(span, "value").unwrap_or("?");
            ("tim".to_string(), format!("{label} = {value}"), None)
        }
        _ => ("evt".to_string(), format!("حدث: {} ({label})", event_type_name(label)), None),
    };
    Mark { start: span.start, end: span.end, classes, title, entity_key }
}

/// A label reduced to letters, digits and `-`, fit for a class name whatever the store holds.
fn css_word(label: &str) -> String {
    label.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect()
}

/// The article's body (after its headline) as `<p>` paragraphs, the shown layers marked.
pub fn marked_text(article: &Article) -> String {
    let text = article.clean.as_str();
    let body_start = article
        .layer(layer::HEADLINE)
        .first()
        .map(|h| h.end)
        .filter(|&end| text.is_char_boundary(end) && end <= text.len())
        .unwrap_or(0);
    let valid = |s: &Span| {
        s.start < s.end
            && s.end <= text.len()
            && s.start >= body_start
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let marks: Vec<Mark> = SHOWN_LAYERS
        .iter()
        .flat_map(|(name, class, _)| article.layer(name).iter().filter(|s| valid(s)).map(|s| mark(class, s)))
        .collect();
    let mut cuts: Vec<usize> = vec![body_start, text.len()];
    cuts.extend(marks.iter().flat_map(|m| [m.start, m.end]));
    for (i, _) in text[body_start..].match_indices('\n') {
        cuts.extend([body_start + i, body_start + i + 1]);
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let piece = &text[a..b];
        if piece == "\n" {
            if !current.trim().is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            current.clear();
            continue;
        }
        let covering: Vec<&Mark> = marks.iter().filter(|m| m.start <= a && m.end >= b).collect();
        if covering.is_empty() {
            current.push_str(&escape(piece));
            continue;
        }
        let classes: Vec<&str> = covering.iter().map(|m| m.classes.as_str()).collect();
        let title: Vec<&str> = covering.iter().map(|m| m.title.as_str()).collect();
        let (classes, title, piece) = (escape(&classes.join(" ")), escape(&title.join(" · ")), escape(piece));
        match covering.iter().find_map(|m| m.entity_key) {
            Some(key) => current.push_str(&format!(
                r#"<a class="{classes}" href="{}" title="{title}">{piece}</a>"#,
                entity_href(key)
            )),
            None => current.push_str(&format!(r#"<span class="{classes}" title="{title}">{piece}</span>"#)),
        }
    }
    if !current.trim().is_empty() {
        paragraphs.push(current);
    }
    paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_article::Meta;

    fn article(text: &str) -> Article {
        Article::new(Meta { origin: "t".into(), format: "txt".into(), ..Meta::default() }, text.into())
    }

    #[test]
    fn overlapping_layers_are_cut_into_pieces_and_lines_into_paragraphs() {
        let text = "قال لافروف أمس إن الهدنة ستصمد.\nوانتهى اللقاء.";
        let mut a = article(text);
        let at = |n: &str| text.find(n).map(|s| s..s + n.len()).unwrap();
        let quote = text.find("لافروف").unwrap()..text.find('.').unwrap();
        a.add_layer(layer::ENTITIES, vec![Span::new(at("لافروف"), "PER").with_attr("key", "PER:لافروف")])
            .unwrap();
        a.add_layer(layer::QUOTES, vec![Span::new(quote, "INDIRECT")]).unwrap();
        a.add_layer(layer::TIMES, vec![Span::new(at("أمس"), "DATE").with_attr("value", "2016-08-31")])
            .unwrap();
        let html = marked_text(&a);
        assert_eq!(html.matches("<p>").count(), 2, "{html}");
        assert!(html.contains(r#"<a class="ent ent-PER quo quo-text" href="/entity/PER%3A"#), "{html}");
        assert!(
            html.contains(
                r#"class="quo quo-text tim" title="اقتباس INDIRECT · DATE = 2016-08-31">أمس</span>"#
            ),
            "{html}"
        );
        assert!(html.starts_with("<p>قال "), "{html}");
    }

    #[test]
    fn spans_outside_the_text_or_inside_a_character_are_skipped() {
        let text = "جنيف";
        let mut a = article(text);
        // Byte 1 is inside the first letter; 99 is past the end: neither may panic nor be marked.
        a.layers.insert(layer::TIMES.into(), vec![Span::new(1..3, "DATE"), Span::new(0..99, "DATE")]);
        assert_eq!(marked_text(&a), "<p>جنيف</p>\n");
    }
}
