//! Page furniture in the markup: the boxes around an Arabic story that are not the story (`اقرأ
//! أيضا` with its list of links, `الأكثر قراءة`, `تابعونا على`, share bars, tag lists, navigation),
//! removed from the parsed page before the main text is chosen, while their structure still shows.
//!
//! Entry point: [`remove_furniture`], then [`is_furniture_line`] on the extracted text as a last
//! sweep. The rules, each conservative so that no paragraph of the story goes:
//! - **by element**: `nav`, `aside`, `footer`, `button`, `iframe`, `select` (not `form`: ASP.NET
//!   pages wrap the whole page in one);
//! - **by name**: an element whose `class` or `id` has a token containing `share`, `social`,
//!   `related`, `read-more`, `most-read`, `newsletter`, `breadcrumb`, `advert`… or a token that is
//!   exactly `tags`, `comments`, `ads`, `popular`…, when it holds under a quarter of the page's
//!   text (so a wrapper of the whole story named `post-share-wrapper` stays);
//! - **by cue**: an element whose whole text is an Arabic widget cue (`اقرأ أيضا`, `الأكثر قراءة`,
//!   `شارك`…) goes, and with it the list or the link box that follows it; a box that holds a cue
//!   and otherwise mostly links goes whole; a paragraph `اقرأ أيضا: <a>title</a>` goes;
//! - **share rows**: an element whose text is only share-button words (`فيسبوك تويتر واتساب`).
//!
//! Cues are compared on a folded key (no harakat or tatweel, `أإآ` → `ا`, `ة` → `ه`, `ى` → `ي`,
//! edge punctuation dropped), so `إقرأ أيضاً:` and `اقرا ايضا` match alike. A cue word inside a
//! sentence (`شارك الوزير في …`) never matches, because every rule looks at a whole element or line.
//! The text-level rules of `marsad-clean` run again on the article later; this module exists
//! because the markup tells a link box from a short paragraph, and plain text no longer does.

use dom_query::{Document, NodeRef};
use marsad_article::furniture::{LINK_CUES, SHARE_WORDS, WHOLE_LINE_CUES};

/// Pieces of a `class` or `id` token that name a widget wherever they occur in it (`post-share-bar`,
/// `relatedPosts`), compared in lower case.
const WIDGET_NAME_PIECES: [&str; 16] = [
    "share",
    "social",
    "related",
    "readmore",
    "read-more",
    "read-also",
    "readalso",
    "mostread",
    "most-read",
    "most-popular",
    "newsletter",
    "breadcrumb",
    "outbrain",
    "taboola",
    "advert",
    "subscribe",
];

/// Whole `class` or `id` tokens that name a widget; as pieces they are too common (`tag-sport` is a
/// WordPress class on the story itself).
const WIDGET_NAME_TOKENS: [&str; 12] = [
    "tags",
    "post-tags",
    "article-tags",
    "keywords",
    "comments",
    "comment-list",
    "ads",
    "ad",
    "promo",
    "popular",
    "trending",
    "recommended",
];

/// Elements that are never the story.
const NEVER_STORY: &str = "nav, aside, footer, button, iframe, select";

/// A widget named by its class holds at most this share of the page's text.
const WIDGET_MAX_TEXT_SHARE: f64 = 0.25;
/// A widget named by its class that is not mostly links holds at most this many letters (a share
/// bar, a tag line); a bigger one may be the story in a badly named wrapper.
const WIDGET_MAX_CHARS: usize = 200;
/// A box is a link box when links hold at least this share of its text.
const LINK_BOX_DENSITY: f64 = 0.5;

/// Folds Arabic spelling variants and drops edge punctuation, for comparing cues.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ة' => out.push('ه'),
            'ى' => out.push('ي'),
            c => out.extend(c.to_lowercase()),
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    words.join(" ").trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// When `key` starts with `cue` as whole words: the rest after it.
fn after_cue<'a>(key: &'a str, cue: &str) -> Option<&'a str> {
    let rest = key.strip_prefix(cue)?;
    (!rest.chars().next().is_some_and(char::is_alphanumeric)).then_some(rest)
}

/// Whether a whole element's or line's text is a widget cue.
fn is_cue(key: &str) -> bool {
    LINK_CUES.contains(&key) || WHOLE_LINE_CUES.contains(&key)
}

/// Whether a line of text, as a whole, is furniture: a cue, a share row, or a cue, a separator and
/// a short title (`اقرأ أيضا: وزير المالية يعلن موازنة جديدة`).
pub fn is_furniture_line(line: &str) -> bool {
    let key = fold(line);
    if key.is_empty() {
        return false;
    }
    if is_cue(&key) || is_share_row(&key) {
        return true;
    }
    LINK_CUES.iter().filter_map(|cue| after_cue(&key, cue)).any(|rest| {
        let rest = rest.trim_start();
        let separated = rest.starts_with([':', '|', '-', '–', '—', '»', '«', '>', '/', '؛', '؟']);
        let words = rest.split_whitespace().count();
        separated && words <= 25 || words <= 15 && !line.trim_end().ends_with(['.', '!', '؟', '…'])
    })
}

fn is_share_row(key: &str) -> bool {
    let words: Vec<&str> = key
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | '-' | '،' | ',' | '·' | '•'))
        .filter(|w| !w.is_empty())
        .collect();
    let share_word = |w: &&str| {
        SHARE_WORDS.contains(w) || w.strip_prefix('و').is_some_and(|rest| SHARE_WORDS.contains(&rest))
    };
    !words.is_empty() && words.iter().all(share_word) && words.iter().any(|w| w.chars().count() > 2)
}

fn text_len(node: &NodeRef) -> usize {
    node.text().chars().filter(|c| !c.is_whitespace()).count()
}

/// Share of an element's text that sits inside links.
fn link_density(node: &NodeRef) -> f64 {
    let all = text_len(node);
    if all == 0 {
        return 0.0;
    }
    let in_links: usize = node.find(&["a"]).iter().map(text_len).sum();
    in_links as f64 / all as f64
}

fn has_widget_name(node: &NodeRef) -> bool {
    ["class", "id"].iter().filter_map(|a| node.attr(a)).any(|value| {
        value.to_ascii_lowercase().split_whitespace().any(|token| {
            let token = token.replace('_', "-");
            WIDGET_NAME_TOKENS.contains(&token.as_str())
                || WIDGET_NAME_PIECES.iter().any(|p| token.contains(p))
        })
    })
}

/// Removes the furniture of a parsed page in place; returns how many elements went.
pub fn remove_furniture(page: &Document) -> usize {
    let mut removed = 0;
    let never = page.select(NEVER_STORY);
    removed += never.length();
    never.remove();
    let page_text = page.select("body").nodes().first().map_or(0, text_len).max(1);
    for node in page.select("[class], [id]").nodes() {
        if node.is_element() && has_widget_name(node) && !in_removed_tree(node) {
            let len = text_len(node);
            let share = len as f64 / page_text as f64;
            if share <= WIDGET_MAX_TEXT_SHARE
                && (len <= WIDGET_MAX_CHARS || link_density(node) >= LINK_BOX_DENSITY)
            {
                node.remove_from_parent();
                removed += 1;
            }
        }
    }
    let blocks = page.select("h1, h2, h3, h4, h5, h6, p, div, span, strong, b, li, section, header, ul");
    for node in blocks.nodes() {
        if in_removed_tree(node) {
            continue;
        }
        let text = node.text();
        if text.len() > 600 {
            continue;
        }
        let key = fold(&text);
        if key.is_empty() {
            continue;
        }
        if is_cue(&key) {
            // The cue goes with the list or link box right after it, or with its box if the box is
            // only the cue and links.
            let parent = node.parent().filter(|p| p.is_element() && !p.is("body, article, main"));
            if let Some(parent) = parent.filter(|p| text_len(p) < page_text / 4) {
                let rest = text_len(&parent) - text_len(node);
                let links: usize = parent.find(&["a"]).iter().map(text_len).sum();
                if rest == 0 || links as f64 >= rest as f64 * LINK_BOX_DENSITY {
                    parent.remove_from_parent();
                    removed += 1;
                    continue;
                }
            }
            if let Some(next) = node.next_element_sibling() {
                if next.is("ul, ol") || link_density(&next) >= LINK_BOX_DENSITY {
                    next.remove_from_parent();
                    removed += 1;
                }
            }
            node.remove_from_parent();
            removed += 1;
        } else if is_share_row(&key) || (is_furniture_line(&text) && link_density(node) >= LINK_BOX_DENSITY) {
            node.remove_from_parent();
            removed += 1;
        }
    }
    removed
}

/// Whether an element is no longer in the page (an ancestor of it was removed earlier in the pass).
fn in_removed_tree(node: &NodeRef) -> bool {
    !node.ancestors(None).iter().any(|a| a.is_document())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_furniture_only_as_a_whole() {
        let cases = [
            ("اقرأ أيضاً:", true),
            ("إقرأ أيضا | افتتاح معرض الكتاب في الشارقة", true),
            ("الأكثر قراءة", true),
            ("تابعونا علي", true),
            ("فيسبوك تويتر واتساب", true),
            ("Facebook | Twitter | WhatsApp", true),
            ("شارك", true),
            ("شارك الوزير في الاجتماع الذي عقد في جنيف أمس.", false),
            ("وأضاف: اقرأوا أيضا بيان الوزارة.", false),
            ("قال الوزير إن الاتفاق سيوقع قريبا.", false),
            ("", false),
        ];
        for (line, expected) in cases {
            assert_eq!(is_furniture_line(line), expected, "line {line:?}");
        }
    }

    #[test]
    fn cue_lists_are_written_folded() {
        for cue in LINK_CUES.iter().chain(WHOLE_LINE_CUES).chain(SHARE_WORDS) {
            assert_eq!(fold(cue), *cue);
        }
    }

    #[test]
    fn folding_makes_spellings_agree() {
        for (a, b) in [("إقرأ أيضاً:", "اقرا ايضا"), ("الأكثر قراءة", "الاكثر قراءه"), ("  شارك  ", "شارك")]
        {
            assert_eq!(fold(a), fold(b));
        }
    }

    fn cleaned(html: &str) -> String {
        let page = Document::from(html);
        remove_furniture(&page);
        page.select("body").text().split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn widgets_go_and_the_story_stays() {
        let story = "<p>قال وزير المالية إن الحكومة ستعرض الموازنة الجديدة على البرلمان الأسبوع المقبل بعد مشاورات طويلة مع النقابات.</p>";
        let cases = [
            (format!("{story}<h3>اقرأ أيضا</h3><ul><li><a href=/1>خبر أول</a></li><li><a href=/2>خبر ثان</a></li></ul>"), vec!["خبر أول", "اقرأ"]),
            (format!("<div class=box><span>الأكثر قراءة</span><a href=/1>عنوان مقترح</a></div>{story}"), vec!["عنوان مقترح", "الأكثر"]),
            (format!("{story}<p>اقرأ أيضا: <a href=/3>ارتفاع أسعار الذهب</a></p>"), vec!["ارتفاع أسعار الذهب"]),
            (format!("{story}<div class=\"post-share\"><a>فيسبوك</a><a>تويتر</a></div>"), vec!["فيسبوك"]),
            (format!("{story}<div><a>فيسبوك</a> <a>واتساب</a></div>"), vec!["واتساب"]),
            (format!("<nav><a>الرئيسية</a></nav>{story}<footer>جميع الحقوق محفوظة</footer>"), vec!["الرئيسية", "الحقوق"]),
        ];
        for (html, gone) in cases {
            let text = cleaned(&format!("<html><body>{html}</body></html>"));
            assert!(text.contains("ستعرض الموازنة الجديدة"), "story lost from {html}: {text}");
            for g in gone {
                assert!(!text.contains(g), "{g:?} survived in {text}");
            }
        }
    }

    #[test]
    fn a_wrapper_named_like_a_widget_keeps_the_story() {
        let html = "<html><body><div class=\"share-wrapper\"><p>قال وزير المالية إن الحكومة ستعرض الموازنة الجديدة على البرلمان.</p></div></body></html>";
        assert!(cleaned(html).contains("ستعرض الموازنة"));
    }
}
