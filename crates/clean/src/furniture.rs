//! Page furniture: the widgets a scraped page leaves around the story (`قد يعجبك ايضا`, `اقرأ أيضا: …`,
//! share buttons, tag lists), found by rules over whole lines so that no body sentence is ever cut.
//!
//! Entry point: [`find_furniture`], called by `clean`, which turns each [`Removal`] into a zero-width
//! span of the `furniture` layer. Uses `marsad-gazetteer`'s search key only to compare spellings.
//!
//! The rules, each named in the span's `rule` attribute:
//! - `trailing_block`: from a widget line (a cue, a link line or a share line) to the end of the text,
//!   when every line after it is another widget line or a short line without sentence punctuation
//!   (the titles of a related-links box).
//! - `read_also_link`: anywhere, a line that starts with a link cue (`اقرأ أيضا`, `مواضيع ذات صلة`…)
//!   followed by a separator and at most [`LINK_MAX_WORDS`] words (`اقرأ أيضا: <title>`), or by at
//!   most [`TITLE_MAX_WORDS`] words without sentence punctuation at the end.
//! - `widget_cue`: anywhere, a line that is nothing but a cue (`شارك`, `الوسوم`, `تابعونا على`…).
//! - `share_buttons`: anywhere, a line made only of share-button words (`فيسبوك تويتر واتساب`).
//!
//! A line is matched on its search key without edge punctuation, so `اقرأ أيضاً:` and `إقرأ ايضا` match
//! alike; a word inside a sentence (`شارك الوزير في …`) never matches, because every rule looks at a
//! whole line.

use std::sync::LazyLock;

use marsad_article::furniture::{LINK_CUES, SHARE_WORDS, WHOLE_LINE_CUES};
use marsad_gazetteer::key::search_key;

/// A link line has at most this many words after its cue: longer lines are paragraphs.
pub const LINK_MAX_WORDS: usize = 25;
/// A title in a related-links box has at most this many words.
pub const TITLE_MAX_WORDS: usize = 15;

/// What a line is, for the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    /// A whole-line cue.
    Cue,
    /// A cue followed by a title.
    Link,
    Share,
    /// Short, without sentence punctuation at the end: a title in a links box, or a short body line.
    Short,
    Body,
}

/// The search keys of [`LINK_CUES`] and of all cues, made once: every line is compared with them.
static LINK_CUE_KEYS: LazyLock<Vec<String>> =
    LazyLock::new(|| LINK_CUES.iter().map(|c| search_key(c)).collect());
static ALL_CUE_KEYS: LazyLock<Vec<String>> =
    LazyLock::new(|| WHOLE_LINE_CUES.iter().chain(LINK_CUES).map(|c| search_key(c)).collect());

/// A run of lines to remove, as indexes into the lines given to [`find_furniture`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    pub first: usize,
    pub last: usize,
    pub rule: &'static str,
}

/// The key a line is matched on: search key, edge punctuation and bullets dropped.
fn match_key(line: &str) -> String {
    let key = search_key(line);
    key.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// When `key` starts with the words of `cue`: whether a separator (`:`, `|`, `-`, `»`…) follows the
/// cue, and how many words come after it.
fn after_cue(key: &str, cue: &str) -> Option<(bool, usize)> {
    let rest = key.strip_prefix(cue)?;
    if rest.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let separated = rest.trim_start().starts_with([':', '|', '-', '–', '—', '»', '«', '>', '/', '؛']);
    let words = rest.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    Some((separated, words))
}

/// Classifies one unified line.
pub fn classify(line: &str) -> LineKind {
    let key = match_key(line);
    if key.is_empty() {
        return if line.trim().is_empty() { LineKind::Blank } else { LineKind::Short };
    }
    if ALL_CUE_KEYS.contains(&key) {
        return LineKind::Cue;
    }
    let ends_sentence = line.trim_end().ends_with(['.', '!', '…', '"', '”', '»', ':', '؛']);
    let is_link = |(separated, words): (bool, usize)| {
        if separated {
            words <= LINK_MAX_WORDS
        } else {
            words <= TITLE_MAX_WORDS && !ends_sentence
        }
    };
    if LINK_CUE_KEYS.iter().any(|cue| after_cue(&key, cue).is_some_and(is_link)) {
        return LineKind::Link;
    }
    let words: Vec<&str> = key
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | '-' | '،' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    let is_share_word = |w: &&str| {
        let w = w.to_lowercase();
        SHARE_WORDS.contains(&w.as_str())
            || w.strip_prefix('و').is_some_and(|rest| SHARE_WORDS.contains(&rest))
    };
    if words.iter().all(is_share_word) && words.iter().any(|w| w.chars().count() > 2) {
        return LineKind::Share;
    }
    if words.len() <= TITLE_MAX_WORDS && !ends_sentence {
        LineKind::Short
    } else {
        LineKind::Body
    }
}

/// Finds the furniture among `lines` (unified, one per physical line). Lines for which `protected`
/// is true (the headline) are never removed and end the trailing block's search.
pub fn find_furniture(lines: &[&str], protected: impl Fn(usize) -> bool) -> Vec<Removal> {
    let kinds: Vec<LineKind> = lines.iter().map(|l| classify(l)).collect();
    let is_widget = |k: LineKind| matches!(k, LineKind::Cue | LineKind::Link | LineKind::Share);
    // The trailing block: walk back over widget, short and blank lines; it starts at the earliest
    // widget line of that run.
    let mut block_start = None;
    for i in (0..lines.len()).rev() {
        if protected(i) {
            break;
        }
        match kinds[i] {
            k if is_widget(k) => block_start = Some(i),
            LineKind::Short | LineKind::Blank => {}
            _ => break,
        }
    }
    let body_end = block_start.unwrap_or(lines.len());
    let mut removals = Vec::new();
    for (i, kind) in kinds.iter().enumerate().take(body_end) {
        let rule = match kind {
            LineKind::Link => "read_also_link",
            LineKind::Cue => "widget_cue",
            LineKind::Share => "share_buttons",
            _ => continue,
        };
        if !protected(i) {
            removals.push(Removal { first: i, last: i, rule });
        }
    }
    if let Some(start) = block_start {
        // The block ends at its last line that is not blank.
        let last = (start..lines.len()).rev().find(|&i| kinds[i] != LineKind::Blank).unwrap_or(start);
        removals.push(Removal { first: start, last, rule: "trailing_block" });
    }
    removals
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_classified_as_a_whole() {
        let cases = [
            ("قد يعجبك ايضا", LineKind::Cue),
            ("قد يعجبك أيضاً:", LineKind::Cue),
            ("شارك", LineKind::Cue),
            ("- شارك هذا المقال -", LineKind::Cue),
            ("الأكثر قراءة", LineKind::Cue),
            ("تابعونا على", LineKind::Cue),
            ("اقرأ أيضا: وزير المالية يعلن موازنة جديدة", LineKind::Link),
            ("إقرأ أيضاً | افتتاح معرض الكتاب في الشارقة", LineKind::Link),
            ("مواضيع ذات صلة: انخفاض أسعار الذهب", LineKind::Link),
            ("الوسوم: سوريا، روسيا، الأمم المتحدة", LineKind::Link),
            ("فيسبوك تويتر واتساب", LineKind::Share),
            ("Facebook | Twitter | WhatsApp", LineKind::Share),
            ("فيسبوك وتويتر", LineKind::Share),
            ("   ", LineKind::Blank),
            ("وزير المالية يعلن موازنة جديدة", LineKind::Short),
            ("شارك الوزير في الاجتماع الذي عقد في جنيف أمس.", LineKind::Body),
            ("وقال أيضا إن المحادثات ستستأنف الأسبوع المقبل في العاصمة القطرية الدوحة بمشاركة الوفود.", LineKind::Body),
            ("اقرأ أيضا", LineKind::Cue),
            ("اقرأ أيضا التقرير الكامل الذي نشرته الوزارة أمس عن أوضاع اللاجئين في المخيمات الحدودية خلال فصل الشتاء القاسي الذي مر على المنطقة هذا العام.", LineKind::Body),
            ("شاركت الوفود في المؤتمر", LineKind::Short),
            ("ان", LineKind::Short),
        ];
        for (line, expected) in cases {
            assert_eq!(classify(line), expected, "classify {line:?}");
        }
    }

    fn rules(lines: &[&str]) -> Vec<(usize, usize, &'static str)> {
        find_furniture(lines, |i| i == 0).into_iter().map(|r| (r.first, r.last, r.rule)).collect()
    }

    #[test]
    fn trailing_widgets_go_with_the_titles_after_them() {
        let lines = [
            "عنوان الخبر",
            "قال الوزير إن الاتفاق سيوقع قريبا.",
            "وأضاف أن المفاوضات شارك فيها ممثلون عن الطرفين.",
            "",
            "قد يعجبك ايضا",
            "افتتاح معرض الكتاب في الشارقة",
            "ارتفاع أسعار النفط",
            "",
        ];
        assert_eq!(rules(&lines), [(4, 6, "trailing_block")]);
    }

    #[test]
    fn a_short_last_paragraph_before_the_widget_stays() {
        let lines = ["عنوان", "قال الوزير إن الاتفاق سيوقع قريبا.", "والله الموفق", "شارك", "فيسبوك تويتر"];
        assert_eq!(rules(&lines), [(3, 4, "trailing_block")]);
    }

    #[test]
    fn embedded_links_and_buttons_go_alone() {
        let lines = [
            "عنوان",
            "قال الوزير إن الاتفاق سيوقع قريبا.",
            "اقرأ أيضا: وزير المالية يعلن موازنة جديدة",
            "وأضاف الوزير أن الحكومة شاركت أيضا في إعداد الاتفاق.",
            "فيسبوك تويتر واتساب",
            "وختم بالقول إن الشعب سيقرأ أيضا نص الاتفاق كاملا.",
        ];
        assert_eq!(rules(&lines), [(2, 2, "read_also_link"), (4, 4, "share_buttons")]);
    }

    #[test]
    fn body_that_mentions_cue_words_is_never_removed() {
        let lines = [
            "عنوان",
            "شارك الوزير في الاجتماع الذي عقد في جنيف أمس.",
            "وقال إن بلاده ستشارك أيضا في المؤتمر المقبل.",
            "وأضاف: اقرأوا أيضا بيان الوزارة.",
            "شارك",
        ];
        assert_eq!(rules(&lines), [(4, 4, "trailing_block")]);
        assert_eq!(rules(&lines[..4]), []);
    }

    #[test]
    fn the_headline_is_never_furniture() {
        assert_eq!(rules(&["الأكثر قراءة", "نص الخبر."]), []);
        assert_eq!(rules(&["شارك"]), []);
    }
}
