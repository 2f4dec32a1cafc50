//! The matcher: walks the tokens once, left to right, and at each token tries the expression
//! shapes longest-first (clock time with its day, part of day with its day, a day with a trailing
//! time, a recurrence, a duration). Each shape is a small function returning where it stopped.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate};
use marsad_article::Span;

use super::hijri::{self, HijriError};
use super::months::{month_table, Calendar};
use super::words::{self, DayPart, NumberWord, Tok, Unit, WEEKDAY_NAMES};

/// A resolved calendar value at its granularity.
#[derive(Debug, Clone, Copy, PartialEq)]
enum When {
    Day(NaiveDate),
    Month(i32, u32),
    Year(i32),
    Week(i32, u32),
}

impl When {
    fn iso(self) -> String {
        match self {
            When::Day(d) => d.format("%Y-%m-%d").to_string(),
            When::Month(y, m) => format!("{y:04}-{m:02}"),
            When::Year(y) => format!("{y:04}"),
            When::Week(y, w) => format!("{y:04}-W{w:02}"),
        }
    }
}

/// A matched expression before it becomes a [`Span`].
#[derive(Debug, Default)]
struct Hit {
    /// Token after the expression.
    next: usize,
    /// Proclitic letters to leave out of the first token (`وأمس` → `أمس`).
    drop: usize,
    label: &'static str,
    value: Option<String>,
    attrs: Vec<(&'static str, String)>,
}

/// A day (or coarser) expression, before any time of day is attached.
#[derive(Debug)]
struct DateHit {
    next: usize,
    drop: usize,
    when: Option<When>,
    kind: &'static str,
    attrs: Vec<(&'static str, String)>,
}

impl DateHit {
    fn new(next: usize, drop: usize, kind: &'static str) -> DateHit {
        DateHit { next, drop, when: None, kind, attrs: Vec::new() }
    }

    fn anchored(mut self, when: Option<When>) -> DateHit {
        match when {
            Some(w) => {
                self.when = Some(w);
                self.attrs.push(("anchor", "published".into()));
            }
            None => self
                .attrs
                .push(("diagnostic", "no anchor: relative expression without a publication date".into())),
        }
        self
    }

    fn into_hit(self) -> Hit {
        let mut attrs = self.attrs;
        attrs.push(("kind", self.kind.into()));
        Hit { next: self.next, drop: self.drop, label: "DATE", value: self.when.map(When::iso), attrs }
    }
}

/// Folded month names split into tokens, keyed by their first token, longest first.
type MonthForms = HashMap<String, Vec<(Vec<String>, Calendar, u32)>>;

fn months() -> &'static MonthForms {
    static MONTHS: OnceLock<MonthForms> = OnceLock::new();
    MONTHS.get_or_init(|| {
        let mut by_first = MonthForms::new();
        for n in month_table() {
            let forms: Vec<String> = words::tokenize(&n.form).into_iter().map(|t| t.norm).collect();
            if let Some(first) = forms.first() {
                let entry = (forms.clone(), n.calendar, n.month);
                let list = by_first.entry(first.clone()).or_default();
                if !list.contains(&entry) {
                    list.push(entry);
                }
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|(forms, _, _)| std::cmp::Reverse(forms.len()));
        }
        by_first
    })
}

const MAX_YEAR: i64 = 9999;

pub(super) struct Matcher<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    published: Option<NaiveDate>,
}

impl<'a> Matcher<'a> {
    pub(super) fn new(text: &'a str, published: Option<NaiveDate>) -> Matcher<'a> {
        Matcher { text, toks: words::tokenize(text), published }
    }

    pub(super) fn spans(&self) -> Vec<Span> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            let hit = self
                .clock_at(i)
                .or_else(|| self.day_part_at(i))
                .or_else(|| self.date_with_time_at(i))
                .or_else(|| self.set_at(i))
                .or_else(|| self.duration_at(i));
            match hit {
                Some(hit) if hit.next > i => {
                    out.push(self.to_span(i, &hit));
                    i = hit.next;
                }
                _ => i += 1,
            }
        }
        out
    }

    fn to_span(&self, i: usize, hit: &Hit) -> Span {
        let first = &self.toks[i];
        let start = first.start + words::skip_letters(&self.text[first.start..first.end], hit.drop);
        let end = self.toks[hit.next - 1].end.max(start);
        let mut span = Span::new(start..end, hit.label);
        if let Some(v) = &hit.value {
            span = span.with_attr("value", v.as_str());
        }
        for (k, v) in &hit.attrs {
            span = span.with_attr(k, v.as_str());
        }
        span
    }

    fn norm(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.norm.as_str())
    }

    /// The token's forms under proclitics, for the first token of an expression.
    fn heads(&self, i: usize) -> words::Unclitic<'_> {
        self.toks.get(i).map_or(words::Unclitic::NONE, |t| words::unclitic(&t.norm))
    }

    fn number(&self, i: usize) -> Option<u64> {
        let n = self.norm(i);
        (!n.is_empty() && n.len() <= 7 && n.bytes().all(|b| b.is_ascii_digit()))
            .then(|| n.parse().ok())
            .flatten()
    }

    fn weekday_at(&self, i: usize) -> Option<u32> {
        words::weekday(self.norm(i))
    }

    // ---- days -------------------------------------------------------------------------------

    /// A day or coarser expression starting at `i`.
    fn date_at(&self, i: usize) -> Option<DateHit> {
        self.absolute_at(i)
            .or_else(|| self.relative_day_at(i))
            .or_else(|| self.weekday_phrase_at(i))
            .or_else(|| self.period_at(i))
            .or_else(|| self.year_at(i))
    }

    /// A month name at `i` (the first word may carry a proclitic). Returns (calendar, month, next, drop).
    fn month_at(&self, i: usize) -> Option<(Calendar, u32, usize, usize)> {
        self.heads(i).into_iter().find_map(|(drop, first)| {
            months().get(first)?.iter().find_map(|(forms, calendar, month)| {
                let rest = forms.iter().enumerate().skip(1).all(|(k, f)| self.norm(i + k) == f);
                rest.then_some((*calendar, *month, i + forms.len(), drop))
            })
        })
    }

    /// A month name, then any `/other name` of the same month. Returns (calendar, month, next, disagreement).
    fn month_names_at(&self, i: usize) -> Option<(Calendar, u32, usize, bool, usize)> {
        let (calendar, month, mut next, drop) = self.month_at(i)?;
        let mut disagree = false;
        // `15 مارس/آذار`, `14 مايو (أيار)`, `آب - أغسطس`; without a mark only the same month
        // (`فبراير شباط`), since two different months side by side are a list.
        loop {
            if !matches!(self.norm(next), "/" | "-" | "(") {
                match self.month_at(next) {
                    Some((_, other, after, 0)) if other == month => {
                        next = after;
                        continue;
                    }
                    _ => break,
                }
            }
            let Some((_, other, mut after, _)) = self.month_at(next + 1) else { break };
            if self.norm(next) == "(" {
                if self.norm(after) != ")" {
                    break;
                }
                after += 1;
            }
            disagree |= other != month;
            next = after;
        }
        Some((calendar, month, next, disagree, drop))
    }

    /// A year after a month, also joined by `عام`, `من عام`, `من العام`, `سنة`: `أكتوبر من عام
    /// 2016` is one month, not a month of the publication year and a year. Returns (year, next, era).
    fn year_after_month(&self, i: usize) -> Option<(i64, usize, Option<Calendar>)> {
        let at = usize::from(self.norm(i) == "من");
        let joined = matches!(self.norm(i + at), "عام" | "العام" | "سنه" | "السنه");
        if joined {
            return self.year_after(i + at + 1);
        }
        self.year_after(i)
    }

    /// The direction of `من العام الماضي|المقبل|الجاري` at `i` (−1, 1, 0).
    fn year_direction_after_month(&self, i: usize) -> Option<i32> {
        let year_word = matches!(self.norm(i + 1), "العام" | "السنه");
        (self.norm(i) == "من" && year_word).then(|| words::direction(self.norm(i + 2))).flatten()
    }

    /// A year: digits and an optional era mark. Returns (year, next, era).
    fn year_after(&self, i: usize) -> Option<(i64, usize, Option<Calendar>)> {
        let n = self.norm(i);
        if n.len() < 3 || n.len() > 7 || !n.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i64 = n.parse().ok()?;
        let era = match self.norm(i + 1) {
            "ه" | "هجري" | "هجريه" | "للهجره" => Some(Calendar::Hijri),
            "م" | "ميلادي" | "ميلاديه" | "للميلاد" => Some(Calendar::Gregorian),
            _ => None,
        };
        Some((year, if era.is_some() { i + 2 } else { i + 1 }, era))
    }

    /// `[يوم] [الأربعاء][،] 11 [من] [شهر] آذار/مارس [2026]`, `27 رمضان 1447هـ`, and months with
    /// a year or with `شهر`: `كانون الثاني/يناير 2026`, `شهر أكتوبر المقبل`.
    fn absolute_at(&self, i: usize) -> Option<DateHit> {
        let (mut drop, mut j, weekday) = self
            .heads(i)
            .into_iter()
            .find_map(|(drop, w)| {
                if w == "يوم" {
                    self.weekday_at(i + 1).map(|d| (drop, i + 2, Some(d)))
                } else {
                    words::weekday(w).map(|d| (drop, i + 1, Some(d)))
                }
            })
            .unwrap_or((0, i, None));
        if weekday.is_some() && matches!(self.norm(j), "،" | ",") {
            j += 1;
        }
        let day = self.number(j).filter(|d| (1..=31).contains(d) && self.norm(j).len() <= 2);
        let joined = matches!(self.norm(j + 1), "و" | "-" | "–" | "الي" | "حتي");
        let second = (day.is_some() && joined && self.number(j + 2).is_some())
            .then(|| self.absolute_at(j + 2))
            .flatten();
        if let Some(second) = second {
            let mut first = DateHit::new(j + 1, drop, second.kind);
            let hijri = second.attrs.iter().find(|(k, _)| *k == "hijri").map(|(_, v)| v.clone());
            first.attrs = second.attrs.into_iter().filter(|(k, _)| *k != "hijri").collect();
            if let (Some(When::Day(d)), Some(n)) = (second.when, day) {
                let n = n as u32;
                first.when = match hijri.as_deref().and_then(|h| h.get(..7)) {
                    Some(year_month) => {
                        first.attrs.push(("hijri", format!("{year_month}-{n:02}")));
                        let (y, m) = year_month.split_once('-')?;
                        hijri::to_gregorian(y.parse().ok()?, m.parse().ok()?, n).ok().map(When::Day)
                    }
                    None => d.with_day(n).map(When::Day),
                };
                if first.when.is_none() {
                    first.attrs.push(("diagnostic", format!("impossible date: day {n} of that month")));
                }
            }
            return Some(first);
        }
        let (day, j) = match (day, self.ordinal_day_at(j)) {
            (Some(d), _) => (Some(d), j),
            (None, Some((d, end, ordinal_drop))) if self.norm(end) == "من" => {
                // `والسادس من فبراير`: the span starts after the conjunction.
                if j == i {
                    drop = ordinal_drop;
                }
                (Some(d), end - 1)
            }
            _ => (None, j),
        };
        if let Some(day) = day {
            let mut k = j + 1;
            if self.norm(k) == "من" {
                if let Some(when) = self.month_of_day_at(k + 1) {
                    let hit = DateHit::new(when.1, drop, "relative");
                    return Some(match when.0 {
                        None => hit.anchored(None),
                        Some((y, m)) => match NaiveDate::from_ymd_opt(y, m, day as u32) {
                            Some(d) => hit.anchored(Some(When::Day(d))),
                            None => {
                                let mut hit = hit;
                                hit.attrs
                                    .push(("diagnostic", format!("impossible date: day {day} of month {m}")));
                                hit
                            }
                        },
                    });
                }
            }
            if self.norm(k) == "من" {
                k += 1;
            }
            if self.norm(k) == "شهر" {
                k += 1;
            }
            let numeric = self.numeric_month_at(j + 1);
            let (calendar, month, next, disagree) = match numeric {
                Some((month, next)) => (Calendar::Gregorian, month, next, false),
                None => {
                    let (calendar, month, next, disagree, _) = self.month_names_at(k)?;
                    (calendar, month, next, disagree)
                }
            };
            let year = self.year_after_month(next);
            let next = year.map_or(next, |(_, n, _)| n);
            let calendar = match year {
                Some((_, _, Some(Calendar::Hijri))) => Calendar::Hijri,
                // A numeric date with a year like 1436 is Hijri even without `هـ`.
                Some((y, _, None)) if numeric.is_some() && (1300..1600).contains(&y) => Calendar::Hijri,
                _ => calendar,
            };
            let mut hit = self.resolve_day(
                calendar,
                month,
                day as u32,
                year.map(|y| y.0),
                DateHit::new(next, drop, ""),
            );
            if disagree {
                hit.when = None;
                hit.attrs.push(("diagnostic", "month names disagree".into()));
            }
            if let (Some(wd), Some(When::Day(d))) = (weekday, hit.when) {
                if d.weekday().num_days_from_monday() != wd {
                    let said = WEEKDAY_NAMES[wd as usize];
                    let is = WEEKDAY_NAMES[d.weekday().num_days_from_monday() as usize];
                    hit.attrs.push(("diagnostic", format!("conflict: text says {said}, the date is a {is}")));
                }
            }
            return Some(hit);
        }
        if weekday.is_some() {
            return None;
        }
        self.month_phrase_at(i, false)
    }

    /// `/12/` of a numeric date `4/12/1436هـ`, `16-03-2026`: a month number between separators,
    /// a year after them. Returns (month, index of the year).
    fn numeric_month_at(&self, i: usize) -> Option<(u32, usize)> {
        let sep = self.norm(i);
        if !matches!(sep, "/" | "-" | ".") || self.norm(i + 2) != sep {
            return None;
        }
        let month = self.number(i + 1).filter(|m| (1..=12).contains(m) && self.norm(i + 1).len() <= 2)?;
        self.year_after(i + 3)?;
        Some((month as u32, i + 3))
    }

    /// A day written as an ordinal: `الأول`, `الحادي عشر`, `الخامس والعشرين`. Returns (day, next,
    /// bytes of proclitic before it).
    fn ordinal_day_at(&self, i: usize) -> Option<(u64, usize, usize)> {
        const ORDINALS: [&str; 10] = [
            "الاول",
            "الثاني",
            "الثالث",
            "الرابع",
            "الخامس",
            "السادس",
            "السابع",
            "الثامن",
            "التاسع",
            "العاشر",
        ];
        let (drop, first) =
            self.heads(i).into_iter().find(|(_, w)| ORDINALS.contains(w) || *w == "الحادي")?;
        let unit =
            if first == "الحادي" { 1 } else { ORDINALS.iter().position(|w| *w == first)? as u64 + 1 };
        match self.norm(i + 1) {
            "عشر" if unit < 10 => Some((unit + 10, i + 2, drop)),
            "والعشرين" if unit < 10 => Some((unit + 20, i + 2, drop)),
            "والثلاثين" if unit == 1 => Some((31, i + 2, drop)),
            _ if first == "الحادي" => None,
            _ => Some((unit, i + 1, drop)),
        }
        .or_else(|| match first {
            "العشرين" => Some((20, i + 1, drop)),
            "الثلاثين" => Some((30, i + 1, drop)),
            _ => None,
        })
    }

    /// After `يوم من`: `الشهر الجاري|الماضي|المقبل` → that month of the publication date.
    /// Returns ((year, month) if anchored, next).
    fn month_of_day_at(&self, i: usize) -> Option<(Option<(i32, u32)>, usize)> {
        if self.norm(i) != "الشهر" {
            return None;
        }
        let dir = words::direction(self.norm(i + 1))?;
        let month = self.published.map(|p| {
            let m = p.year() * 12 + p.month() as i32 - 1 + dir;
            (m.div_euclid(12), m.rem_euclid(12) as u32 + 1)
        });
        Some((month, i + 2))
    }

    /// `[شهر] آذار/مارس 2026`, `شهر أكتوبر [المقبل]`; a bare month name only after a modifier
    /// (`مطلع مارس`), because `مارس` and `آب` are also ordinary words.
    fn month_phrase_at(&self, i: usize, after_modifier: bool) -> Option<DateHit> {
        let (drop, k, said_month) = self
            .heads(i)
            .into_iter()
            .find_map(|(drop, w)| (w == "شهر").then_some((drop, i + 1, true)))
            .unwrap_or((0, i, false));
        let (calendar, month, next, disagree, month_drop) = self.month_names_at(k)?;
        if calendar == Calendar::Hijri {
            return None;
        }
        let drop = if said_month { drop } else { month_drop };
        // A bare month name counts only if it cannot be an ordinary word (مارس "practised", آب "father").
        let unambiguous = !matches!(self.heads(k).get(month_drop).map(|h| h.1), Some("مارس" | "اب" | "ماي"));
        let mut hit = DateHit::new(next, drop, "absolute");
        if let Some((year, after, _)) = self.year_after_month(next) {
            hit.next = after;
            if !(1..=MAX_YEAR).contains(&year) {
                hit.attrs.push(("diagnostic", format!("year {year} out of range 1–{MAX_YEAR}")));
                return Some(hit);
            }
            hit.when = Some(When::Month(year as i32, month));
        } else if let Some(dir) = self.year_direction_after_month(next) {
            // `يناير من العام الماضي`: that month of the year before the publication year.
            hit.next = next + 3;
            hit.kind = "relative";
            hit = hit.anchored(self.published.map(|p| When::Month(p.year() + dir, month)));
        } else if let Some(dir) = words::direction(self.norm(next)) {
            hit.next = next + 1;
            hit.kind = "relative";
            let when = self.published.map(|p| {
                let mut y = p.year();
                if dir > 0 && month <= p.month() {
                    y += 1;
                } else if dir < 0 && month >= p.month() {
                    y -= 1;
                }
                When::Month(y, month)
            });
            hit = hit.anchored(when);
        } else if said_month || disagree || after_modifier || unambiguous {
            hit.kind = "relative";
            let when = self.published.map(|p| {
                let here = p.year() * 12 + p.month() as i32 - 1;
                let y = [p.year() - 1, p.year(), p.year() + 1]
                    .into_iter()
                    .min_by_key(|y| ((y * 12 + month as i32 - 1) - here).abs())
                    .unwrap_or(p.year());
                When::Month(y, month)
            });
            hit = hit.anchored(when);
            hit.attrs.push(("year", "inferred".into()));
        } else {
            return None;
        }
        if disagree {
            hit.when = None;
            hit.attrs.push(("diagnostic", "month names disagree".into()));
        }
        Some(hit)
    }

    /// A day of a month in either calendar, the year given or inferred from the publication date.
    fn resolve_day(
        &self,
        calendar: Calendar,
        month: u32,
        day: u32,
        year: Option<i64>,
        mut hit: DateHit,
    ) -> DateHit {
        match (calendar, year) {
            (Calendar::Gregorian, Some(y)) => {
                hit.kind = "absolute";
                if !(1..=MAX_YEAR).contains(&y) {
                    hit.attrs.push(("diagnostic", format!("year {y} out of range 1–{MAX_YEAR}")));
                } else if let Some(d) = NaiveDate::from_ymd_opt(y as i32, month, day) {
                    hit.when = Some(When::Day(d));
                } else {
                    hit.attrs.push(("diagnostic", format!("impossible date: day {day} of month {month}")));
                }
            }
            (Calendar::Gregorian, None) => {
                hit.kind = "absolute";
                hit.attrs.push(("year", "inferred".into()));
                let Some(p) = self.published else {
                    hit.attrs.push((
                        "diagnostic",
                        "no anchor: date without a year and no publication date".into(),
                    ));
                    return hit;
                };
                let nearest = [p.year() - 1, p.year(), p.year() + 1]
                    .into_iter()
                    .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                    .min_by_key(|d| (*d - p).num_days().abs());
                match nearest {
                    Some(d) => {
                        hit.when = Some(When::Day(d));
                        hit.attrs.push(("anchor", "published".into()));
                    }
                    None => {
                        hit.attrs.push(("diagnostic", format!("impossible date: day {day} of month {month}")))
                    }
                }
            }
            (Calendar::Hijri, year) => {
                hit.kind = "hijri";
                let year = match year {
                    Some(y) => y,
                    None => {
                        hit.attrs.push(("year", "inferred".into()));
                        let Some((hy, _, _)) = self.published.and_then(hijri::from_gregorian) else {
                            hit.attrs.push((
                                "diagnostic",
                                "no anchor: Hijri date without a year and no publication date".into(),
                            ));
                            return hit;
                        };
                        let p = self.published.unwrap_or_default();
                        let nearest = [hy - 1, hy, hy + 1].into_iter().min_by_key(|y| {
                            hijri::to_gregorian(*y, month, day).map_or(i64::MAX, |d| (d - p).num_days().abs())
                        });
                        i64::from(nearest.unwrap_or(hy))
                    }
                };
                hit.attrs.push(("hijri", format!("{year:04}-{month:02}-{day:02}")));
                let converted = i32::try_from(year)
                    .map_err(|_| HijriError::YearOutOfRange)
                    .and_then(|y| hijri::to_gregorian(y, month, day));
                match converted {
                    Ok(d) => hit.when = Some(When::Day(d)),
                    Err(HijriError::YearOutOfRange) => hit.attrs.push((
                        "diagnostic",
                        format!(
                            "hijri year {year} outside the Umm al-Qura table {}–{}",
                            hijri::FIRST_YEAR,
                            hijri::LAST_YEAR
                        ),
                    )),
                    Err(HijriError::NoSuchDay) => hit
                        .attrs
                        .push(("diagnostic", format!("impossible hijri date: day {day} of month {month}"))),
                }
            }
        }
        hit
    }

    /// `اليوم`, `أمس`, `أول أمس`, `أمس الأول`, `غدا`, `بعد غد`, each with an optional weekday after it.
    fn relative_day_at(&self, i: usize) -> Option<DateHit> {
        let (drop, offset, mut next) = self.heads(i).into_iter().find_map(|(drop, w)| match w {
            "اليوم" => {
                let name = i > 0 && matches!(self.norm(i - 1), "روسيا" | "مصر" | "اخبار" | "عين");
                let day_of = matches!(
                    self.norm(i + 1),
                    "العالمي"
                        | "الدولي"
                        | "الوطني"
                        | "الاول"
                        | "الثاني"
                        | "الثالث"
                        | "الرابع"
                        | "الاخير"
                        | "التالي"
                );
                (!name && !day_of).then_some((drop, 0, i + 1))
            }
            "امس" | "البارحه" if self.norm(i + 1) == "الاول" => Some((drop, -2, i + 2)),
            "امس" | "البارحه" => Some((drop, -1, i + 1)),
            "اول" if self.norm(i + 1) == "امس" => Some((drop, -2, i + 2)),
            "اول" if self.norm(i + 1) == "من" && self.norm(i + 2) == "امس" => Some((drop, -2, i + 3)),
            "غدا" | "غد" | "الغد" => Some((drop, 1, i + 1)),
            "بعد" if self.norm(i + 1) == "غد" => Some((drop, 2, i + 2)),
            _ => None,
        })?;
        let named = self.weekday_at(next);
        if named.is_some() {
            next += 1;
        }
        let mut hit = DateHit::new(next, drop, "relative");
        match (self.published, named) {
            (Some(p), _) => {
                let d = p + Duration::days(offset);
                hit = hit.anchored(Some(When::Day(d)));
                if let Some(wd) = named {
                    if d.weekday().num_days_from_monday() != wd {
                        hit.attrs.push((
                            "diagnostic",
                            format!(
                                "conflict: text says {}, the publication date makes it a {}",
                                WEEKDAY_NAMES[wd as usize],
                                WEEKDAY_NAMES[d.weekday().num_days_from_monday() as usize]
                            ),
                        ));
                    }
                }
            }
            (None, Some(wd)) => {
                let published = (i64::from(wd) - offset).rem_euclid(7) as usize;
                hit.attrs.push(("published_weekday", WEEKDAY_NAMES[published].into()));
                hit = hit.anchored(None);
            }
            (None, None) => hit = hit.anchored(None),
        }
        Some(hit)
    }

    /// `[يوم] الجمعة [الماضي|المقبل]`.
    fn weekday_phrase_at(&self, i: usize) -> Option<DateHit> {
        let (drop, wd, mut next) = self.heads(i).into_iter().find_map(|(drop, w)| {
            if w == "يوم" {
                self.weekday_at(i + 1).map(|d| (drop, d, i + 2))
            } else {
                words::weekday(w).map(|d| (drop, d, i + 1))
            }
        })?;
        let dir = words::direction(self.norm(next));
        if dir.is_some() {
            next += 1;
        }
        let when = self.published.map(|p| {
            let today = i64::from(p.weekday().num_days_from_monday());
            let back = (today - i64::from(wd)).rem_euclid(7);
            let ahead = (i64::from(wd) - today).rem_euclid(7);
            let shift = match dir {
                Some(d) if d < 0 => -(if back == 0 { 7 } else { back }),
                Some(d) if d > 0 => {
                    if ahead == 0 {
                        7
                    } else {
                        ahead
                    }
                }
                // News reports mostly what happened: a bare weekday is the past one unless the
                // coming one is at most two days away and nearer.
                _ if ahead <= 2 && ahead < back => ahead,
                _ => -back,
            };
            When::Day(p + Duration::days(shift))
        });
        Some(DateHit::new(next, drop, "relative").anchored(when))
    }

    /// `الأسبوع الماضي`, `هذا الشهر`, `العام المقبل`, `مطلع الشهر`, `مطلع الأسبوع المقبل`,
    /// `مطلع شهر أكتوبر المقبل`, `نهاية مارس`.
    fn period_at(&self, i: usize) -> Option<DateHit> {
        let modifier = self.heads(i).into_iter().find_map(|(drop, w)| {
            let m = match w {
                "مطلع" | "بدايه" | "اوائل" | "مستهل" => "START",
                "منتصف" | "اواسط" => "MID",
                "نهايه" | "اواخر" | "ختام" => "END",
                _ => return None,
            };
            Some((drop, m))
        });
        let (drop, k) = match modifier {
            Some((drop, _)) => (drop, i + 1),
            None => (0, i),
        };
        let mut hit = if modifier.is_some() {
            self.unit_phrase_at(k, true)
                .or_else(|| self.month_phrase_at(k, true))
                .or_else(|| self.absolute_at(k).filter(|h| h.kind != "hijri"))?
        } else {
            self.unit_phrase_at(k, false)?
        };
        if let Some((d, m)) = modifier {
            hit.drop = d;
            hit.attrs.push(("mod", m.into()));
        } else {
            hit.drop = drop.max(hit.drop);
        }
        Some(hit)
    }

    /// `الأسبوع|الشهر|العام|السنة` + direction, or `هذا|هذه` + unit; the unit alone after a modifier.
    fn unit_phrase_at(&self, i: usize, after_modifier: bool) -> Option<DateHit> {
        let (drop, this, k) = self
            .heads(i)
            .into_iter()
            .find_map(|(drop, w)| matches!(w, "هذا" | "هذه").then_some((drop, true, i + 1)))
            .unwrap_or((0, false, i));
        let (drop, unit) = if this {
            (drop, unit_of(self.norm(k))?)
        } else {
            self.heads(k).into_iter().find_map(|(d, w)| unit_of(w).map(|u| (d, u)))?
        };
        let (dir, next) = match words::direction(self.norm(k + 1)) {
            _ if this => (0, k + 1),
            Some(d) => (d, k + 2),
            None if after_modifier => (0, k + 1),
            None => return None,
        };
        let when = self.published.map(|p| match unit {
            Unit::Week => {
                let w = (p + Duration::days(7 * i64::from(dir))).iso_week();
                When::Week(w.year(), w.week())
            }
            Unit::Month => {
                let m = p.year() * 12 + p.month() as i32 - 1 + dir;
                When::Month(m.div_euclid(12), m.rem_euclid(12) as u32 + 1)
            }
            _ => When::Year(p.year() + dir),
        });
        Some(DateHit::new(next, drop, "relative").anchored(when))
    }

    /// `عام 2026`, `سنة 99999`, `العام 2026م`.
    fn year_at(&self, i: usize) -> Option<DateHit> {
        let drop = self
            .heads(i)
            .into_iter()
            .find_map(|(drop, w)| matches!(w, "عام" | "العام" | "سنه" | "السنه").then_some(drop))?;
        let (year, next, era) = self.year_after(i + 1)?;
        if era == Some(Calendar::Hijri) {
            return None;
        }
        let mut hit = DateHit::new(next, drop, "absolute");
        if (1..=MAX_YEAR).contains(&year) {
            hit.when = Some(When::Year(year as i32));
        } else {
            hit.attrs.push(("diagnostic", format!("year {year} out of range 1–{MAX_YEAR}")));
        }
        Some(hit)
    }

    // ---- times of day -----------------------------------------------------------------------

    /// `الساعة الثالثة ظهرا [من] [يوم] أمس الأربعاء`, `الساعة 15:00`, `الساعة السابعة والنصف صباحا`.
    fn clock_at(&self, i: usize) -> Option<Hit> {
        if let Some(drop) = self.heads(i).into_iter().find_map(|(d, w)| (w == "منتصف").then_some(d)) {
            if self.norm(i + 1) == "الليل" {
                return Some(self.attach_day(i + 2, drop, 0, 0, None));
            }
        }
        let (drop, mut j, said_hour) =
            match self.heads(i).into_iter().find_map(|(d, w)| (w == "الساعه").then_some(d)) {
                Some(drop) => (drop, i + 1, true),
                None => (0, i, false),
            };
        let n = self.norm(j);
        let (mut hour, mut minute) = if let Some((h, m)) = n.split_once(':') {
            (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?)
        } else if let Some(h) = self.number(j) {
            (u32::try_from(h).ok()?, 0)
        } else {
            let h = words::ordinal_hour(n)?;
            if matches!(self.norm(j + 1), "عشر" | "عشره") && matches!(n, "الحاديه" | "الثانيه")
            {
                j += 1;
                (if n == "الحاديه" { 11 } else { 12 }, 0)
            } else {
                (h, 0)
            }
        };
        if hour > 24 || minute > 59 {
            return None;
        }
        j += 1;
        if let Some((m, after)) = self.minutes_at(j) {
            (minute, j) = (m, after);
        }
        match self.norm(j) {
            "والنصف" => (minute, j) = (30, j + 1),
            "والربع" => (minute, j) = (15, j + 1),
            "والثلث" => (minute, j) = (20, j + 1),
            "الا" if matches!(self.norm(j + 1), "ربعا" | "ربع") => {
                (hour, minute, j) = ((hour + 23) % 24, 45, j + 2);
            }
            _ => {}
        }
        let part = self.day_part_adverb_at(j);
        if let Some((_, after)) = part {
            j = after;
        }
        if !said_hour && part.is_none() {
            // `الثامنة` alone is an ordinal of anything; with `مساء` after it, it is a time.
            return None;
        }
        Some(self.attach_day(j, drop, hour, minute, part.map(|p| p.0)))
    }

    /// `وعشر دقائق`, `و 10 دقائق` after an hour. Returns (minutes, next).
    fn minutes_at(&self, i: usize) -> Option<(u32, usize)> {
        let (n, next) = if self.norm(i) == "و" {
            let n = self.number(i + 1).or_else(|| self.number_words_at(i + 1).map(|(_, n, _)| n))?;
            (n, if self.number(i + 1).is_some() { i + 2 } else { self.number_words_at(i + 1)?.2 })
        } else {
            let rest = self.norm(i).strip_prefix('و')?;
            match words::number_word(rest) {
                Some(NumberWord::Add(n)) => (n, i + 1),
                _ => return None,
            }
        };
        let n = u32::try_from(n).ok().filter(|n| *n < 60)?;
        matches!(self.norm(next), "دقيقه" | "دقائق").then_some((n, next + 1))
    }

    /// A part-of-day adverb after a clock time: `ظهرا`, `مساء`, `بعد الظهر`. Returns (part, next).
    fn day_part_adverb_at(&self, i: usize) -> Option<(DayPart, usize)> {
        if self.norm(i) == "بعد" && matches!(self.norm(i + 1), "الظهر" | "الظهيره") {
            return Some((DayPart::Afternoon, i + 2));
        }
        words::day_part_adverb(self.norm(i)).map(|p| (p, i + 1))
    }

    /// A clock time ending before token `j`, joined to the day after it when there is one
    /// (possibly through `من` / `من يوم` / a day-part noun, which also sets the half of the day).
    fn attach_day(&self, j: usize, drop: usize, hour: u32, minute: u32, part: Option<DayPart>) -> Hit {
        let mut k = j;
        if matches!(self.norm(k), "من" | "،" | ",") {
            k += 1;
        }
        let mut part = part;
        if let Some((noun, _)) = words::day_part_noun(self.norm(k)) {
            part = part.or(Some(noun));
            k += 1;
        }
        let hour = part.map_or(hour, |p| p.hour24(hour));
        let clock = format!("T{:02}:{minute:02}", hour % 24);
        if let Some(date) =
            self.date_at(k).filter(|d| matches!(d.when, Some(When::Day(_))) || d.when.is_none())
        {
            let mut hit = date_hit_with_time(date, &clock);
            hit.drop = drop;
            return hit;
        }
        Hit { next: j, drop, label: "TIME", value: Some(clock), attrs: vec![("kind", "absolute".into())] }
    }

    /// `مساء الاثنين`, `صباح اليوم الخميس`, `ليلة الأحد الماضي`: a part-of-day noun and its day.
    fn day_part_at(&self, i: usize) -> Option<Hit> {
        if let Some(drop) = self.heads(i).into_iter().find_map(|(d, w)| (w == "الليله").then_some(d)) {
            // `الليلة` is tonight, `الليلة الماضية` last night.
            let (offset, next) = match words::direction(self.norm(i + 1)) {
                Some(-1) => (-1, i + 2),
                Some(_) => return None,
                None => (0, i + 1),
            };
            let when = self.published.map(|p| When::Day(p + Duration::days(offset)));
            let mut hit = date_hit_with_time(DateHit::new(next, drop, "relative").anchored(when), "TNI");
            hit.drop = drop;
            return Some(hit);
        }
        let (drop, (part, eve)) =
            self.heads(i).into_iter().find_map(|(d, w)| words::day_part_noun(w).map(|p| (d, p)))?;
        let mut k = i + 1;
        if self.norm(k) == "يوم" && self.weekday_at(k + 1).is_none() {
            k += 1;
        }
        let mut date =
            self.date_at(k).filter(|d| matches!(d.when, Some(When::Day(_))) || d.when.is_none())?;
        if eve {
            if let Some(When::Day(d)) = date.when {
                date.when = Some(When::Day(d - Duration::days(1)));
                date.attrs.push(("note", "ليلة X is the night before day X".into()));
            }
        }
        let mut hit = date_hit_with_time(date, &format!("T{}", part.code()));
        hit.drop = drop;
        Some(hit)
    }

    /// A day expression with an optional time after it (`أمس مساء`, `أمس الساعة 15:00`).
    fn date_with_time_at(&self, i: usize) -> Option<Hit> {
        let date = self.date_at(i)?;
        if let Some(When::Day(_)) = date.when {
            let j = date.next;
            if let Some(part) =
                words::day_part_adverb(self.norm(j)).filter(|_| !self.norm(j).starts_with("ال"))
            {
                let code = format!("T{}", part.code());
                let mut hit = date_hit_with_time(date, &code);
                hit.next = j + 1;
                return Some(hit);
            }
            if let Some(clock) = self.clock_at(j).filter(|h| h.label == "TIME") {
                let time = clock.value.clone().unwrap_or_default();
                let mut hit = date_hit_with_time(date, &time);
                hit.next = clock.next;
                return Some(hit);
            }
        }
        Some(date.into_hit())
    }

    // ---- durations --------------------------------------------------------------------------

    /// Recurrences, label `SET` with the period as value: `يوميا` (P1D), `أسبوعيا`, `شهريا`,
    /// `سنويا`, `كل يوم`, `كل عام`, `كل ثلاثة أشهر` (P3M).
    fn set_at(&self, i: usize) -> Option<Hit> {
        let set = |next, drop, value: String| Hit {
            next,
            drop,
            label: "SET",
            value: Some(value),
            attrs: Vec::new(),
        };
        for (drop, w) in self.heads(i) {
            let unit = match w {
                "يوميا" => Unit::Day,
                "اسبوعيا" => Unit::Week,
                "شهريا" => Unit::Month,
                "سنويا" => Unit::Year,
                "كل" => {
                    let one = match self.norm(i + 1) {
                        "ساعه" => Some(Unit::Hour),
                        "يوم" => Some(Unit::Day),
                        "اسبوع" => Some(Unit::Week),
                        "شهر" => Some(Unit::Month),
                        "عام" | "سنه" => Some(Unit::Year),
                        _ => None,
                    };
                    if let Some(unit) = one {
                        return Some(set(i + 2, drop, unit.duration(1)));
                    }
                    let period = self.duration_at(i + 1)?;
                    return Some(set(period.next, drop, period.value?));
                }
                _ => continue,
            };
            return Some(set(i + 1, drop, unit.duration(1)));
        }
        None
    }

    /// `48 ساعة`, `ثلاثة أيام`, `ثلاثين يوما`, `يومين`, `نصف ساعة`.
    fn duration_at(&self, i: usize) -> Option<Hit> {
        let duration = |next, drop, unit: Unit, n: u64| Hit {
            next,
            drop,
            label: "DURATION",
            value: Some(unit.duration(n)),
            attrs: Vec::new(),
        };
        if let Some((drop, unit)) =
            self.heads(i).into_iter().find_map(|(d, w)| words::dual(w).map(|u| (d, u)))
        {
            return Some(duration(i + 1, drop, unit, 2));
        }
        if let Some(drop) = self.heads(i).into_iter().find_map(|(d, w)| (w == "نصف").then_some(d)) {
            return match self.norm(i + 1) {
                "ساعه" => Some(duration(i + 2, drop, Unit::Minute, 30)),
                "يوم" => Some(duration(i + 2, drop, Unit::Hour, 12)),
                _ => None,
            };
        }
        if let Some(drop) = self.heads(i).into_iter().find_map(|(d, w)| (w == "ربع").then_some(d)) {
            return match self.norm(i + 1) {
                "ساعه" => Some(duration(i + 2, drop, Unit::Minute, 15)),
                "يوم" => Some(duration(i + 2, drop, Unit::Hour, 12)),
                _ => None,
            };
        }
        if let Some(n) = self.number(i) {
            let unit = words::unit(self.norm(i + 1))?;
            return Some(duration(i + 2, 0, unit, n));
        }
        if let Some(unit) = words::unit(self.norm(i)) {
            // One unit: `يوما واحدا`, `شهرا كاملا`, `خلال أسبوع`.
            let one = matches!(self.norm(i + 1), "واحد" | "واحدا" | "واحده");
            // An accusative alone is often an adjective's noun (`إضرابا عاما`, a general strike).
            let accusative = matches!(self.norm(i), "يوما" | "شهرا" | "عاما" | "اسبوعا")
                && matches!(self.norm(i + 1), "كاملا" | "كامله");
            let after_preposition = i > 0
                && matches!(self.norm(i - 1), "خلال" | "لمده" | "مده" | "طيله" | "طوال" | "غضون")
                && matches!(self.norm(i), "ساعه" | "يوم" | "اسبوع" | "شهر" | "عام" | "سنه");
            if one {
                return Some(duration(i + 2, 0, unit, 1));
            }
            if accusative || after_preposition {
                return Some(duration(i + 1, 0, unit, 1));
            }
        }
        let (drop, n, next) = self.number_words_at(i)?;
        let unit = words::unit(self.norm(next))?;
        Some(duration(next + 1, drop, unit, n))
    }

    /// Numbers written as words: `ثلاثة آلاف`, `خمسة وعشرين`, `ستمائة ألف`. Returns (drop, value, next).
    fn number_words_at(&self, i: usize) -> Option<(usize, u64, usize)> {
        // `الأربع والعشرين ساعة` (the twenty-four hours) counts too.
        let (drop, first) = self.heads(i).into_iter().find_map(|(d, w)| {
            let bare = w.strip_prefix("ال").filter(|rest| words::number_word(rest).is_some()).unwrap_or(w);
            words::number_word(bare).is_some().then_some((d, bare))
        })?;
        let mut total: u64 = 0;
        let mut current: u64 = 0;
        let mut j = i;
        let mut word = first;
        loop {
            match words::number_word(word) {
                Some(NumberWord::Add(v)) => current = current.saturating_add(v),
                Some(NumberWord::Times(m)) => {
                    total = total.saturating_add(current.max(1).saturating_mul(m));
                    current = 0;
                }
                None => break,
            }
            j += 1;
            if self.norm(j) == "و" && words::number_word(self.norm(j + 1)).is_some() {
                j += 1;
            }
            let next = self.norm(j);
            let next = next.strip_prefix("وال").map_or(next, |rest| {
                if words::number_word(rest).is_some() {
                    rest
                } else {
                    next
                }
            });
            word = match next.strip_prefix('و') {
                Some(rest) if words::number_word(rest).is_some() && words::number_word(next).is_none() => {
                    rest
                }
                _ => next,
            };
        }
        Some((drop, total.saturating_add(current), j))
    }
}

fn unit_of(word: &str) -> Option<Unit> {
    match word {
        "الاسبوع" => Some(Unit::Week),
        "الشهر" => Some(Unit::Month),
        "العام" | "السنه" => Some(Unit::Year),
        _ => None,
    }
}

/// A day hit with a time of day appended to its value: `2016-08-31T15:00`, `2016-08-31TEV`.
fn date_hit_with_time(date: DateHit, time: &str) -> Hit {
    let mut hit = date.into_hit();
    hit.label = "DATETIME";
    hit.value = hit.value.map(|v| format!("{v}{time}"));
    if hit.value.is_none() {
        hit.attrs.push(("time", time.to_string()));
    }
    hit
}
