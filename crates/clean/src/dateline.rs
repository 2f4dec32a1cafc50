//! Datelines: the places and the source that open a wire story, e.g. `بيروت - (أ ف ب) -` (Beirut, AFP)
//! or, on a line of its own, `نودلهي/ حمص/ وكالات` (New Delhi / Homs / agencies).
//!
//! Entry point: [`find_dateline`], called by `clean` on the first line of the body; it returns the spans
//! of the `dateline` layer: one `DATELINE` over the whole dateline, one `PLACE` per place (attributes
//! `canonical`, `name_en`, `country`, `match` when the gazetteer knows it), and one `AGENCY` (attributes
//! `canonical`, `name_en` when known) or `REPORTER`. Uses `marsad-gazetteer`. A line without a
//! dateline gives no spans, not an error.
//!
//! Rules rather than a list. A dateline is a few short items, each of at most [`MAX_ITEM_WORDS`] words
//! or a bracketed source, separated by `/`, `،`, `-`, `–`, `:`; it ends after its source, or at the
//! end of the line. An item is
//! - a source when the gazetteer knows the agency (`وكالات`, `أ ف ب`), or it is in parentheses
//!   (`(رويترز)`) or, after a dash, in quotes or guillemets (`«القدس العربي»`), and a dash, a slash or
//!   the end of the line follows it; or when it comes after a dash as the last item and looks like a
//!   name (`القاهرة- أحمد الريدي`: two to four words, none a verb or function word);
//! - a place when the gazetteer knows it (one letter off allowed for names of five letters or more:
//!   `نودلهي` → `نيودلهي`), or when the form makes it clear: before `/` or before a source in
//!   parentheses.
//!
//! A first sentence is not a dateline: it has longer items, unknown places before `،`, and no source.
//! Forms covered (the tests name each): `نودلهي/ حمص/ وكالات`, `بيروت - (أ ف ب) -`,
//! `القاهرة (رويترز) -`, `دمشق، (د ب أ) -`, `واشنطن - أ ف ب:`, `القاهرة- أحمد الريدي`, `غزة – خاص`,
//! `جنيف - ` (a known place alone before a dash), `(أ ف ب) -` (a source alone),
//! `دبي، الإمارات العربية المتحدة (CNN).- –` (a city, its country, an agency the gazetteer does not know).

use std::ops::Range;

use marsad_article::Span;
use marsad_gazetteer::{Gazetteer, PlaceKind};

/// An item with more words than this is prose, not a place or a source.
pub const MAX_ITEM_WORDS: usize = 4;
/// A dateline has at most this many items.
const MAX_ITEMS: usize = 6;

/// Words that never occur in a reporter's name: verbs of saying and function words that open a
/// sentence (`القاهرة - قال مسؤول …`).
const NOT_IN_NAMES: [&str; 40] = [
    "قال",
    "قالت",
    "أعلن",
    "أعلنت",
    "أكد",
    "أكدت",
    "ذكر",
    "ذكرت",
    "أفاد",
    "أفادت",
    "كشف",
    "كشفت",
    "أعرب",
    "أعربت",
    "في",
    "من",
    "على",
    "إلى",
    "عن",
    "أن",
    "إن",
    "مع",
    "بعد",
    "قبل",
    "هذا",
    "هذه",
    "التي",
    "الذي",
    "لا",
    "لم",
    "لن",
    "قد",
    "ما",
    "كان",
    "كانت",
    "وزير",
    "رئيس",
    "مصدر",
    "مصادر",
    "أمس",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// `/`
    Slash,
    /// `،` or `,`
    Comma,
    /// `-`, `–`, `—` or `:`
    Dash,
    /// A bracketed source follows directly.
    Bracket,
    /// The end of the line.
    End,
    /// Anything else: the dateline, if any, ended before this item.
    Other,
}

#[derive(Debug, Clone)]
struct Item {
    /// Byte range of the item's text in the line (inside the brackets for a bracketed one).
    text: Range<usize>,
    words: usize,
    bracketed: bool,
    /// Bracketed by `(` `)` rather than quotes or guillemets.
    paren: bool,
    sep: Sep,
    /// Where the dateline ends if it ends after this item: after the separator, if any.
    end: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Reads the items at the start of `line`.
fn read_items(line: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut pos = 0;
    while items.len() < MAX_ITEMS {
        pos = skip_spaces(line, pos);
        let Some(first) = line[pos..].chars().next() else { break };
        let (text, words, bracketed, after) = if let Some(close) = closing_bracket(first) {
            let inner_start = pos + first.len_utf8();
            let Some(len) = line[inner_start..].find(close) else { break };
            let inner = inner_start..inner_start + len;
            let inner = trim_range(line, inner);
            let words = line[inner.clone()].split_whitespace().count();
            if words == 0 || words > MAX_ITEM_WORDS {
                break;
            }
            let mut after = inner_start + len + close.len_utf8();
            // `(CNN).- ` : a full stop straight after the brackets belongs to the dateline.
            if line[after..].starts_with('.') {
                after += 1;
            }
            (inner, words, true, after)
        } else {
            let (range, words) = read_words(line, pos);
            if words == 0 {
                break;
            }
            (range.clone(), words, false, range.end)
        };
        let after_spaces = skip_spaces(line, after);
        let (sep, end) = match line[after_spaces..].chars().next() {
            None => (Sep::End, after),
            Some('/') => (Sep::Slash, after_spaces + 1),
            Some(c @ ('،' | ',')) => (Sep::Comma, after_spaces + c.len_utf8()),
            Some(c @ ('-' | '–' | '—' | ':')) => {
                let mut end = after_spaces + c.len_utf8();
                // `- :` or `-:` closes one dateline as well as `-` does.
                let next = skip_spaces(line, end);
                if let Some(c2 @ ('-' | '–' | '—' | ':')) = line[next..].chars().next() {
                    end = next + c2.len_utf8();
                }
                (Sep::Dash, end)
            }
            Some(c) if closing_bracket(c).is_some() => (Sep::Bracket, after),
            Some(_) => (Sep::Other, after),
        };
        let stop = matches!(sep, Sep::End | Sep::Other) || (words > MAX_ITEM_WORDS);
        items.push(Item { text, words, bracketed, paren: bracketed && first == '(', sep, end });
        if stop {
            break;
        }
        pos = end;
    }
    items
}

fn next_is_paren(items: &[Item], i: usize) -> bool {
    items.get(i + 1).is_some_and(|next| next.paren)
}

fn closing_bracket(open: char) -> Option<char> {
    match open {
        '(' => Some(')'),
        '«' => Some('»'),
        '“' => Some('”'),
        '"' => Some('"'),
        '[' => Some(']'),
        _ => None,
    }
}

fn skip_spaces(line: &str, pos: usize) -> usize {
    pos + line[pos..].len() - line[pos..].trim_start_matches(' ').len()
}

fn trim_range(line: &str, r: Range<usize>) -> Range<usize> {
    let s = &line[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

/// Reads up to `MAX_ITEM_WORDS + 1` words separated by single spaces; a word may hold dots between
/// letters (`أ.ف.ب`).
fn read_words(line: &str, start: usize) -> (Range<usize>, usize) {
    let mut words = 0;
    let mut end = start;
    let mut pos = start;
    loop {
        let word_end = pos
            + line[pos..]
                .char_indices()
                .find(|&(i, c)| {
                    !(is_word_char(c)
                        || (c == '.'
                            && i > 0
                            && line[pos + i + 1..].chars().next().is_some_and(is_word_char)))
                })
                .map_or(line.len() - pos, |(i, _)| i);
        if word_end == pos {
            break;
        }
        words += 1;
        end = word_end;
        if words > MAX_ITEM_WORDS || !line[end..].starts_with(' ') {
            break;
        }
        let next = end + 1;
        if !line[next..].chars().next().is_some_and(is_word_char) {
            break;
        }
        pos = next;
    }
    (start..end, words)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Place,
    Agency,
    Reporter,
}

/// Finds the dateline at the start of `line`, which starts at byte `base` of the cleaned text. Returns
/// the spans of the `dateline` layer, or nothing.
pub fn find_dateline(line: &str, base: usize) -> Vec<Span> {
    let gazetteer = Gazetteer::get();
    let items = read_items(line);
    let mut roles: Vec<(usize, Role)> = Vec::new();
    let mut known_place = false;
    let mut source = false;
    for (i, item) in items.iter().enumerate() {
        if item.words > MAX_ITEM_WORDS || item.sep == Sep::Other {
            break;
        }
        let text = &line[item.text.clone()];
        let after_dash = i > 0 && items[i - 1].sep == Sep::Dash;
        let last = matches!(item.sep, Sep::End | Sep::Dash);
        let role = if item.bracketed {
            // `(رويترز) -` closes a dateline; `"نيويورك تايمز"،` is a quotation in a sentence. Quotes
            // and guillemets hold a source only after a dash (`بيروت – «القدس العربي»:`).
            let closes = matches!(item.sep, Sep::Dash | Sep::End | Sep::Slash);
            if !closes || !(item.paren || after_dash) {
                break;
            }
            Role::Agency
        } else if i > 0 && gazetteer.agency(text).is_some() {
            Role::Agency
        } else if gazetteer.place_fuzzy(text).is_some() {
            known_place = true;
            Role::Place
        } else if i == 0 && gazetteer.agency(text).is_some() && item.sep == Sep::Dash {
            Role::Agency
        } else if (item.sep == Sep::Slash || (item.sep == Sep::Bracket && next_is_paren(&items, i)))
            && item.words <= 3
            && !source
        {
            Role::Place
        } else if after_dash && last && looks_like_name(text, item.words) {
            Role::Reporter
        } else {
            break;
        };
        if role == Role::Place && source {
            break;
        }
        roles.push((i, role));
        if role != Role::Place {
            source = true;
            if item.sep != Sep::Slash {
                break;
            }
        }
    }
    // Drop trailing places that did not end the dateline in a clear way: `دمشق، حلب، حمص` in a
    // sentence must be followed by a dash, a source or the end of the line.
    while let Some(&(i, Role::Place)) = roles.last() {
        if source || matches!(items[i].sep, Sep::Dash) || (items[i].sep == Sep::End && known_place) {
            break;
        }
        roles.pop();
    }
    if roles.is_empty() || !(source || known_place) {
        return Vec::new();
    }
    let Some(&(last, _)) = roles.last() else { return Vec::new() };
    let mut end = items[last].end;
    end = trim_range(line, 0..end).end;
    let mut spans = vec![Span::new(base..base + end, "DATELINE")];
    for &(i, role) in &roles {
        let item = &items[i];
        let text = &line[item.text.clone()];
        let range = base + item.text.start..base + item.text.end;
        spans.push(match role {
            Role::Place => place_span(gazetteer, range, text),
            Role::Agency => match gazetteer.agency(text) {
                Some(a) => Span::new(range, "AGENCY")
                    .with_attr("canonical", a.canonical)
                    .with_attr("name_en", a.name_en),
                None => Span::new(range, "AGENCY"),
            },
            Role::Reporter => Span::new(range, "REPORTER"),
        });
    }
    spans
}

fn place_span(gazetteer: &Gazetteer, range: Range<usize>, text: &str) -> Span {
    let span = Span::new(range, "PLACE");
    let (place, how) = match gazetteer.place(text) {
        Some(p) => (p, "exact"),
        None => match gazetteer.place_fuzzy(text) {
            Some(p) => (p, "fuzzy"),
            None => return span,
        },
    };
    let kind = match place.kind {
        PlaceKind::City => "city",
        PlaceKind::Country => "country",
    };
    span.with_attr("canonical", place.name)
        .with_attr("name_en", place.name_en)
        .with_attr("country", place.country_code)
        .with_attr("kind", kind)
        .with_attr("match", how)
}

/// Two to four words, none of them a verb of saying or a function word, the first without `ال`.
fn looks_like_name(text: &str, words: usize) -> bool {
    (2..=MAX_ITEM_WORDS).contains(&words)
        && !text.starts_with("ال")
        && text.split_whitespace().all(|w| !NOT_IN_NAMES.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(label, text, attribute canonical if any)` of one span.
    type Part = (String, String, Option<String>);

    /// The `DATELINE` text, and the [`Part`] of every span after it.
    fn parse(line: &str) -> (Option<String>, Vec<Part>) {
        let spans = find_dateline(line, 0);
        let whole = spans.first().map(|s| line[s.range()].to_string());
        let parts = spans
            .iter()
            .skip(1)
            .map(|s| {
                let canonical = s.attr_str("canonical").map(str::to_string);
                (s.label.clone(), line[s.range()].to_string(), canonical)
            })
            .collect();
        (whole, parts)
    }

    fn part(label: &str, text: &str, canonical: Option<&str>) -> Part {
        (label.into(), text.into(), canonical.map(str::to_string))
    }

    #[test]
    fn own_line_places_and_agencies_with_slashes() {
        let (whole, parts) = parse("نودلهي/ حمص/ وكالات");
        assert_eq!(whole.as_deref(), Some("نودلهي/ حمص/ وكالات"));
        assert_eq!(
            parts,
            [
                part("PLACE", "نودلهي", Some("نيودلهي")),
                part("PLACE", "حمص", Some("حمص")),
                part("AGENCY", "وكالات", Some("وكالات")),
            ]
        );
    }

    #[test]
    fn forms_with_bracketed_and_bare_agencies() {
        let cases = [
            // place - (agency) -
            ("بيروت - (أ ف ب) - أعلن الجيش اللبناني", "بيروت - (أ ف ب) -", "بيروت", "أ ف ب", "فرانس برس"),
            // place (agency) -
            ("القاهرة (رويترز) - قالت الحكومة المصرية", "القاهرة (رويترز) -", "القاهرة", "رويترز", "رويترز"),
            // place، (agency) -
            ("دمشق، (د ب أ) - أفادت مصادر محلية", "دمشق، (د ب أ) -", "دمشق", "د ب أ", "د ب أ"),
            // place - agency:
            ("واشنطن - أ ف ب: قال مسؤول أمريكي", "واشنطن - أ ف ب:", "واشنطن", "أ ف ب", "فرانس برس"),
            // place – exclusive
            ("غزة – خاص", "غزة – خاص", "غزة", "خاص", "خاص"),
            // place - agency - with a long agency name in guillemets
            ("عمان - «بترا» - افتتح", "عمان - «بترا» -", "عمان", "بترا", "بترا"),
        ];
        for (line, whole, place, agency, canonical) in cases {
            let (got_whole, parts) = parse(line);
            assert_eq!(got_whole.as_deref(), Some(whole), "dateline of {line:?}");
            assert_eq!(parts.len(), 2, "{line:?}: {parts:?}");
            assert_eq!((parts[0].0.as_str(), parts[0].1.as_str()), ("PLACE", place), "{line:?}");
            assert_eq!(parts[1], part("AGENCY", agency, Some(canonical)), "{line:?}");
        }
    }

    #[test]
    fn a_city_and_its_country_before_the_agency() {
        let (whole, parts) = parse("دبي، الإمارات العربية المتحدة (CNN).- – أعلنت الشركة");
        assert_eq!(whole.as_deref(), Some("دبي، الإمارات العربية المتحدة (CNN).- –"));
        let labels: Vec<(&str, &str)> = parts.iter().map(|p| (p.0.as_str(), p.1.as_str())).collect();
        assert_eq!(labels, [("PLACE", "دبي"), ("PLACE", "الإمارات العربية المتحدة"), ("AGENCY", "CNN")]);
        assert_eq!(parts[1].2.as_deref(), Some("الإمارات العربية المتحدة"));
    }

    #[test]
    fn a_reporter_after_the_city() {
        let (whole, parts) = parse("القاهرة- أحمد الريدي");
        assert_eq!(whole.as_deref(), Some("القاهرة- أحمد الريدي"));
        assert_eq!(parts, [part("PLACE", "القاهرة", Some("القاهرة")), part("REPORTER", "أحمد الريدي", None)]);
        let (whole, _) = parse("القاهرة - سامي يوسف: أعلنت وزارة الصحة");
        assert_eq!(whole.as_deref(), Some("القاهرة - سامي يوسف:"));
    }

    #[test]
    fn unknown_places_count_only_in_clear_forms() {
        // before a slash
        let (_, parts) = parse("كفرنبودة/ وكالات");
        assert_eq!(parts, [part("PLACE", "كفرنبودة", None), part("AGENCY", "وكالات", Some("وكالات"))]);
        // before a bracketed agency
        let (_, parts) = parse("كفرنبودة (رويترز) - قتل");
        assert_eq!(parts[0], part("PLACE", "كفرنبودة", None));
        // before a dash, with no source: not clear
        assert_eq!(parse("كفرنبودة - قتل ثلاثة مدنيين").0, None);
    }

    #[test]
    fn a_known_place_or_a_source_alone() {
        let (whole, parts) = parse("جنيف - قال المبعوث الأممي إن الجولة المقبلة ستعقد قريبا.");
        assert_eq!(whole.as_deref(), Some("جنيف -"));
        assert_eq!(parts, [part("PLACE", "جنيف", Some("جنيف"))]);
        let (whole, parts) = parse("(أ ف ب) - أعلنت الشرطة");
        assert_eq!(whole.as_deref(), Some("(أ ف ب) -"));
        assert_eq!(parts, [part("AGENCY", "أ ف ب", Some("فرانس برس"))]);
    }

    #[test]
    fn first_sentences_are_not_datelines() {
        let lines = [
            "أعرب وزير الخارجية الأمريكي، جون كيري، عن أمله في أن تتاح الفرصة.",
            "قال الوزير إن المحادثات كانت جيدة.",
            "دمشق، حلب، حمص وحماة شهدت مظاهرات.",
            "القاهرة - قال مسؤول مصري إن الاتفاق قريب",
            "في بيروت - حيث عقد الاجتماع - قال الوزير",
            "قالت صحيفة \"نيويورك تايمز\"، إن الاجتماع تأجل",
            "أطلقت شركة «سامسونغ» - كما كان متوقعا - هاتفها الجديد",
            "رحلت “سمراء النيل”، بعد مسيرة طويلة",
            "",
            "-- (",
        ];
        for line in lines {
            let (whole, parts) = parse(line);
            let is_place_only = parts.iter().all(|p| p.0 == "PLACE");
            if line.starts_with("القاهرة") {
                assert_eq!(whole.as_deref(), Some("القاهرة -"), "a known place before a dash still is");
                assert!(is_place_only, "{parts:?}");
                continue;
            }
            assert_eq!(whole, None, "{line:?} is not a dateline: {parts:?}");
        }
    }
}
