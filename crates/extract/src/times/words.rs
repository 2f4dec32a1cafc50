//! Words of time expressions: the tokenizer the matcher walks, the letter folding it matches on,
//! and the small closed lists (weekdays, units, numbers written as words, parts of the day).
//!
//! Own tokenizer rather than `marsad-text`'s because the matcher needs digit runs cut from
//! letters (`1447هـ`, `بـ48`) and `:` kept inside clock times (`15:00`).

/// A token of the cleaned text: its byte range and its folded form.
#[derive(Debug, Clone, PartialEq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    /// Folded form: no tatweel or harakat, alef forms → ا, ى → ي, ة → ه, digits → ASCII.
    pub norm: String,
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
        _ => None,
    }
}

/// Folds one letter; `None` drops it.
fn fold(c: char) -> Option<char> {
    if is_mark(c) {
        return None;
    }
    if let Some(d) = ascii_digit(c) {
        return Some(d);
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        _ => c,
    })
}

#[derive(PartialEq, Clone, Copy)]
enum Class {
    Digit,
    Letter,
    Space,
    Punct,
}

fn class(c: char) -> Class {
    if ascii_digit(c).is_some() {
        Class::Digit
    } else if marsad_text::segment::words::is_alphabetic(c) || is_mark(c) {
        Class::Letter
    } else if c.is_whitespace() {
        Class::Space
    } else {
        Class::Punct
    }
}

/// Cuts text into letter runs, digit runs (with inner `:` for clock times) and single punctuation marks.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let k = class(c);
        let mut j = i + 1;
        match k {
            Class::Space => {
                i = j;
                continue;
            }
            Class::Punct => {}
            Class::Letter => {
                while j < chars.len() && class(chars[j].1) == Class::Letter {
                    j += 1;
                }
            }
            Class::Digit => loop {
                while j < chars.len() && class(chars[j].1) == Class::Digit {
                    j += 1;
                }
                let colon_then_digit =
                    j + 1 < chars.len() && chars[j].1 == ':' && class(chars[j + 1].1) == Class::Digit;
                if !colon_then_digit {
                    break;
                }
                j += 1;
            },
        }
        let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
        let norm: String = text[start..end].chars().filter_map(fold).collect();
        toks.push(Tok { start, end, norm });
        i = j;
    }
    toks
}

/// The forms of a word under its one-letter proclitics, at most three, held without allocating:
/// the matcher asks for them many times per word.
#[derive(Debug, Clone, Copy)]
pub struct Unclitic<'a> {
    forms: [(usize, &'a str); 3],
    len: usize,
}

impl<'a> Unclitic<'a> {
    /// No form (a position past the last word).
    pub const NONE: Unclitic<'static> = Unclitic { forms: [(0, ""); 3], len: 0 };
}

impl<'a> std::ops::Deref for Unclitic<'a> {
    type Target = [(usize, &'a str)];

    fn deref(&self) -> &Self::Target {
        &self.forms[..self.len]
    }
}

impl<'a> IntoIterator for Unclitic<'a> {
    type Item = (usize, &'a str);
    type IntoIter = std::iter::Take<std::array::IntoIter<(usize, &'a str), 3>>;

    fn into_iter(self) -> Self::IntoIter {
        self.forms.into_iter().take(self.len)
    }
}

/// The form under one-letter proclitics: itself, without و/ف, then without ب/ل/ك. Gives
/// (letters dropped, rest). `وبعد` gives (0, وبعد), (1, بعد), (2, عد).
pub fn unclitic(norm: &str) -> Unclitic<'_> {
    let mut out = Unclitic { forms: [(0, norm); 3], len: 1 };
    let mut rest = norm;
    let mut dropped = 0;
    for set in [&['و', 'ف'][..], &['ب', 'ل', 'ك'][..]] {
        if let Some(c) = rest.chars().next().filter(|c| set.contains(c)) {
            rest = &rest[c.len_utf8()..];
            dropped += 1;
            if rest.chars().nth(1).is_some() {
                out.forms[out.len] = (dropped, rest);
                out.len += 1;
            }
        }
    }
    out
}

/// The byte offset in `raw` after its first `letters` letters (and any marks after them).
pub fn skip_letters(raw: &str, letters: usize) -> usize {
    let mut seen = 0;
    for (b, c) in raw.char_indices() {
        if !is_mark(c) {
            if seen == letters {
                return b;
            }
            seen += 1;
        }
    }
    raw.len()
}

/// Weekday number (0 = Monday, as chrono's `num_days_from_monday`) of a folded weekday name.
pub fn weekday(norm: &str) -> Option<u32> {
    Some(match norm {
        "الاثنين" | "الاتنين" => 0,
        "الثلاثاء" => 1,
        "الاربعاء" => 2,
        "الخميس" => 3,
        "الجمعه" => 4,
        "السبت" => 5,
        "الاحد" => 6,
        _ => return None,
    })
}

/// English weekday names for attributes.
pub const WEEKDAY_NAMES: [&str; 7] =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// A direction word after a weekday or unit: last (-1), next (+1), this (0).
pub fn direction(norm: &str) -> Option<i32> {
    Some(match norm {
        "الماضي" | "الماضيه" | "المنصرم" | "المنصرمه" | "الفائت" | "الفائته" | "السابق" => {
            -1
        }
        "المقبل" | "المقبله" | "القادم" | "القادمه" | "الاتي" | "التالي" => {
            1
        }
        "الجاري" | "الجاريه" | "الحالي" | "الحاليه" => 0,
        _ => return None,
    })
}

/// Unit of a duration or relative period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    /// The ISO 8601 duration of `n` units: `PT48H`, `P3D`.
    pub fn duration(self, n: u64) -> String {
        match self {
            Unit::Minute => format!("PT{n}M"),
            Unit::Hour => format!("PT{n}H"),
            Unit::Day => format!("P{n}D"),
            Unit::Week => format!("P{n}W"),
            Unit::Month => format!("P{n}M"),
            Unit::Year => format!("P{n}Y"),
        }
    }
}

/// A unit noun after a number (singular, plural or accusative).
pub fn unit(norm: &str) -> Option<Unit> {
    Some(match norm {
        "دقيقه" | "دقائق" => Unit::Minute,
        "ساعه" | "ساعات" => Unit::Hour,
        "يوم" | "يوما" | "ايام" => Unit::Day,
        "اسبوع" | "اسبوعا" | "اسابيع" => Unit::Week,
        "شهر" | "شهرا" | "اشهر" | "شهور" => Unit::Month,
        "عام" | "عاما" | "اعوام" | "سنه" | "سنوات" | "سنين" => Unit::Year,
        _ => return None,
    })
}

/// A dual noun that is a whole duration: `يومين` = two days.
pub fn dual(norm: &str) -> Option<Unit> {
    Some(match norm {
        "دقيقتين" | "دقيقتان" => Unit::Minute,
        "ساعتين" | "ساعتان" => Unit::Hour,
        "يومين" | "يومان" => Unit::Day,
        "اسبوعين" | "اسبوعان" => Unit::Week,
        "شهرين" | "شهران" => Unit::Month,
        "عامين" | "عامان" | "سنتين" | "سنتان" => Unit::Year,
        _ => return None,
    })
}

/// What a number word adds: a value, or a multiplier of what came before.
pub enum NumberWord {
    Add(u64),
    Times(u64),
}

/// A cardinal written as a word (masculine and feminine, nominative and oblique).
pub fn number_word(norm: &str) -> Option<NumberWord> {
    use NumberWord::{Add, Times};
    let units = [
        (1, &["واحد", "واحده", "احد", "احدي"][..]),
        (2, &["اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي"]),
        (3, &["ثلاث", "ثلاثه"]),
        (4, &["اربع", "اربعه"]),
        (5, &["خمس", "خمسه"]),
        (6, &["ست", "سته"]),
        (7, &["سبع", "سبعه"]),
        (8, &["ثمان", "ثماني", "ثمانيه"]),
        (9, &["تسع", "تسعه"]),
        (10, &["عشر", "عشره"]),
    ];
    for (value, forms) in units {
        if forms.contains(&norm) {
            return Some(Add(value));
        }
    }
    let tens = [
        (20, "عشر"),
        (30, "ثلاث"),
        (40, "اربع"),
        (50, "خمس"),
        (60, "ست"),
        (70, "سبع"),
        (80, "ثمان"),
        (90, "تسع"),
    ];
    for (value, stem) in tens {
        if norm.strip_prefix(stem).is_some_and(|end| end == "ون" || end == "ين") {
            return Some(Add(value));
        }
    }
    let hundred = |s: &str| matches!(s, "مئه" | "مائه");
    if hundred(norm) {
        return Some(Add(100));
    }
    if matches!(norm, "مئتان" | "مئتين" | "مائتان" | "مائتين") {
        return Some(Add(200));
    }
    for (value, stem) in [(3, "ثلاث"), (4, "اربع"), (5, "خمس"), (6, "ست"), (7, "سبع"), (8, "ثمان"), (9, "تسع")]
    {
        if norm.strip_prefix(stem).is_some_and(hundred) {
            return Some(Add(value * 100));
        }
    }
    Some(match norm {
        "الف" | "الاف" | "الفا" => Times(1000),
        "الفان" | "الفين" => Add(2000),
        "مليون" | "ملايين" => Times(1_000_000),
        _ => return None,
    })
}

/// The hour of a feminine ordinal after الساعة (`الثالثة` = 3); `الحادية`/`الثانية` + `عشرة` handled by the caller.
pub fn ordinal_hour(norm: &str) -> Option<u32> {
    Some(match norm {
        "الواحده" => 1,
        "الثانيه" => 2,
        "الثالثه" => 3,
        "الرابعه" => 4,
        "الخامسه" => 5,
        "السادسه" => 6,
        "السابعه" => 7,
        "الثامنه" => 8,
        "التاسعه" => 9,
        "العاشره" => 10,
        "الحاديه" => 11,
        _ => return None,
    })
}

/// A part of the day as an adverb after a clock time: how to read the hour, and its TIMEX code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    Dawn,
    Morning,
    Noon,
    Afternoon,
    Evening,
    Night,
}

impl DayPart {
    /// TIMEX3 part-of-day code used when there is no clock time (`2016-08-31TEV`).
    pub fn code(self) -> &'static str {
        match self {
            DayPart::Dawn => "DA",
            DayPart::Morning => "MO",
            DayPart::Noon => "MI",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
        }
    }

    /// The 24-hour clock hour of `hour` (1–12) said in this part of the day.
    pub fn hour24(self, hour: u32) -> u32 {
        match self {
            DayPart::Dawn | DayPart::Morning => hour % 12,
            DayPart::Noon => {
                if hour <= 5 {
                    hour + 12
                } else {
                    hour
                }
            }
            DayPart::Afternoon | DayPart::Evening => {
                if hour < 12 {
                    hour + 12
                } else {
                    hour
                }
            }
            DayPart::Night => {
                if (6..12).contains(&hour) {
                    hour + 12
                } else {
                    hour % 12
                }
            }
        }
    }
}

/// Adverb form after a time: `ظهرا`, `مساء`.
pub fn day_part_adverb(norm: &str) -> Option<DayPart> {
    Some(match norm {
        "فجرا" => DayPart::Dawn,
        "صباحا" | "صباح" => DayPart::Morning,
        "ظهرا" | "ظهر" => DayPart::Noon,
        "عصرا" | "عصر" => DayPart::Afternoon,
        "مساء" | "مساءا" => DayPart::Evening,
        "ليلا" | "ليل" => DayPart::Night,
        _ => return None,
    })
}

/// Noun form before a day: `مساء الاثنين`, `فجر اليوم`, `ليلة الأحد`. The bool says the night
/// belongs to the eve of the named day (`ليلة الجمعة` = Thursday night).
pub fn day_part_noun(norm: &str) -> Option<(DayPart, bool)> {
    Some(match norm {
        "فجر" => (DayPart::Dawn, false),
        "صباح" => (DayPart::Morning, false),
        "ظهر" | "ظهيره" => (DayPart::Noon, false),
        "عصر" => (DayPart::Afternoon, false),
        "مساء" => (DayPart::Evening, false),
        "ليل" => (DayPart::Night, false),
        "ليله" => (DayPart::Night, true),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_digits_apart_from_letters_and_keeps_clock_colons() {
        let norms: Vec<String> =
            tokenize("في 1447هـ الساعة ١٥:٠٠، بـ48 ساعة").into_iter().map(|t| t.norm).collect();
        assert_eq!(norms, ["في", "1447", "ه", "الساعه", "15:00", "،", "ب", "48", "ساعه"]);
    }

    #[test]
    fn folds_alef_forms_and_final_letters() {
        for (raw, folded) in
            [("الأربعاء", "الاربعاء"), ("إبريل", "ابريل"), ("الجمعة", "الجمعه"), ("ذى", "ذي"), ("۱۲", "12")]
        {
            assert_eq!(tokenize(raw)[0].norm, folded);
        }
    }

    #[test]
    fn strips_proclitics_one_layer_at_a_time() {
        assert_eq!(unclitic("وبيومين")[..], [(0, "وبيومين"), (1, "بيومين"), (2, "يومين")]);
        assert_eq!(unclitic("امس")[..], [(0, "امس")]);
        assert_eq!(unclitic("وب")[..], [(0, "وب")]);
        assert_eq!(skip_letters("وَأمس", 1), "وَ".len());
    }

    #[test]
    fn reads_number_words_and_hours() {
        let add = |w: &str| match number_word(w) {
            Some(NumberWord::Add(n)) => n,
            _ => 0,
        };
        for (word, n) in
            [("ثلاثه", 3), ("عشرين", 20), ("تسعون", 90), ("ستمائه", 600), ("مئه", 100), ("الفين", 2000)]
        {
            assert_eq!(add(word), n, "{word}");
        }
        assert_eq!(DayPart::Noon.hour24(3), 15);
        assert_eq!(DayPart::Morning.hour24(12), 0);
        assert_eq!(DayPart::Night.hour24(10), 22);
        assert_eq!(DayPart::Night.hour24(2), 2);
    }
}
