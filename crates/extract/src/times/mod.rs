//! Time expressions: dates in every month system Arabic outlets use, Hijri dates, relative days,
//! times of day and durations, each normalised to ISO 8601 — e.g. `الساعة الثالثة ظهرا أمس الأربعاء`
//! published 2016-09-01 → `2016-08-31T15:00`.
//!
//! Adds the `times` layer: spans labelled `DATE`, `TIME`, `DATETIME`, `DURATION` or `SET` (a
//! recurrence: `يوميا`, `كل ثلاثة أشهر`, valued by its period) with attributes
//! `value` (ISO 8601: `2016-08-31`, `2016-W35`, `2016-08-31TEV`, `PT48H`), `kind` (`absolute`,
//! `relative`, `hijri`), `hijri` (the Hijri date as written), `anchor` (`published` when resolved
//! against the publication date), `year` (`inferred` for dates written without one), `mod`
//! (`START`/`MID`/`END` for مطلع/منتصف/نهاية), `published_weekday` (the weekday the text pins
//! when no publication date is known: `أمس الأربعاء` ⇒ `thursday`) and `diagnostic` (impossible
//! date, year out of range, Hijri year outside the table, weekday conflict, no anchor).
//! A span with a `diagnostic` other than a weekday conflict has no `value`: never a guessed date.
//!
//! Entry point: [`find_times`]. Scoring: [`eval::eval_times`] over the gold set in
//! `testdata/times/`. Uses `marsad-article` and the month table compiled from CLDR
//! ([`months`], `data/months.tsv`); reads no files at run time.
//!
//! Rules rather than a model: the constructions are a closed set (see the gold README) and each
//! rule's tests name the forms covered. Month names alone (`مارس`, `آب`) are also ordinary words,
//! so they count only with a day, a year, `شهر` or a modifier.

pub mod eval;
pub mod hijri;
mod matcher;
pub mod months;
mod words;

use chrono::{DateTime, FixedOffset};
use marsad_article::Span;

pub use eval::{eval_times, parse_gold, GoldDoc, TimesReport};

/// Why a data file of this module could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TimesError {
    #[error("cldr {locale}: {reason}")]
    Cldr { locale: String, reason: String },
    #[error("months.tsv line {line}: {reason}")]
    MonthTable { line: usize, reason: String },
    #[error("gold line {line}: {reason}")]
    Gold { line: usize, reason: String },
}

/// Finds the time expressions of a cleaned text, resolving relative ones against `published`
/// (its local date). Spans are in text order, do not overlap and lie on char boundaries.
pub fn find_times(clean: &str, published: Option<DateTime<FixedOffset>>) -> Vec<Span> {
    matcher::Matcher::new(clean, published.map(|p| p.date_naive())).spans()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(date: &str) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(&format!("{date}T10:00:00+03:00")).ok()
    }

    /// (text, published, expected [(surface, label, value or "-")]).
    fn check(text: &str, date: Option<&str>, expected: &[(&str, &str, &str)]) {
        let spans = find_times(text, date.and_then(published));
        let got: Vec<(&str, &str, String)> = spans
            .iter()
            .map(|s| {
                let value = s.attr_str("value").unwrap_or("-").to_string();
                (&text[s.range()], s.label.as_str(), value)
            })
            .collect();
        let want: Vec<(&str, &str, String)> =
            expected.iter().map(|&(a, b, c)| (a, b, c.to_string())).collect();
        assert_eq!(got, want, "\ntext: {text}\nspans: {spans:#?}");
    }

    #[test]
    fn absolute_dates_in_every_month_system() {
        let p = Some("2026-03-05");
        check("وقع في 15 مارس/آذار 2026 اتفاق", p, &[("15 مارس/آذار 2026", "DATE", "2026-03-15")]);
        check("يوم 22 كانون الثاني/يناير المقبل", p, &[("22 كانون الثاني/يناير", "DATE", "2026-01-22")]);
        check("منذ 3 جويلية 2025", p, &[("3 جويلية 2025", "DATE", "2025-07-03")]);
        check("في 14 غشت 2026", p, &[("14 غشت 2026", "DATE", "2026-08-14")]);
        check("حتى ١٢ دجنبر ٢٠٢٦", p, &[("١٢ دجنبر ٢٠٢٦", "DATE", "2026-12-12")]);
        check("في ۵ شباط ۲۰۲۶", p, &[("۵ شباط ۲۰۲۶", "DATE", "2026-02-05")]);
        check("في 2 إبريل", p, &[("2 إبريل", "DATE", "2026-04-02")]);
        check("خلال كانون الثاني/يناير 2026", p, &[("كانون الثاني/يناير 2026", "DATE", "2026-01")]);
        check("مطلع شهر أكتوبر المقبل", p, &[("مطلع شهر أكتوبر المقبل", "DATE", "2026-10")]);
        check("مارس الأمن دوره", p, &[]);
        check("بتاريخ 16/03/2026 صدر", p, &[("16/03/2026", "DATE", "2026-03-16")]);
        check("بتاريخ 4-12-1436", p, &[("4-12-1436", "DATE", "2015-09-17")]);
        check("الخميس 4 /12 / 1436هـ", p, &[("الخميس 4 /12 / 1436هـ", "DATE", "2015-09-17")]);
    }

    /// Constructions met reading a sample of the ANT corpus (docs/evaluation.md).
    #[test]
    fn months_with_joined_years_repeated_names_and_conjunctions() {
        let p = Some("2018-07-12");
        check("شهد في أكتوبر من عام 2016 محاولة", p, &[("أكتوبر من عام 2016", "DATE", "2016-10")]);
        check("في مايو عام 2015", p, &[("مايو عام 2015", "DATE", "2015-05")]);
        check("في يناير من العام الماضي", p, &[("يناير من العام الماضي", "DATE", "2017-01")]);
        check("في شهر فبراير شباط الماضي", p, &[("شهر فبراير شباط الماضي", "DATE", "2018-02")]);
        check(
            "بين 25 يناير والسادس من فبراير 2018",
            p,
            &[("25 يناير", "DATE", "2018-01-25"), ("السادس من فبراير 2018", "DATE", "2018-02-06")],
        );
    }

    #[test]
    fn hijri_dates_convert_with_umm_al_qura() {
        let p = Some("2026-03-01");
        check("في 12 رمضان 1447 هـ", p, &[("12 رمضان 1447 هـ", "DATE", "2026-03-01")]);
        check("الموافق 27 رمضان 1447هـ", p, &[("27 رمضان 1447هـ", "DATE", "2026-03-16")]);
        check("في 27 رمضان", p, &[("27 رمضان", "DATE", "2026-03-16")]);
        check("في 1 محرم 1600 هـ", p, &[("1 محرم 1600 هـ", "DATE", "-")]);
        let spans = find_times("في 1 محرم 1600 هـ", None);
        assert!(spans[0].attrs["diagnostic"].as_str().unwrap().contains("1356–1500"));
    }

    #[test]
    fn relative_days_resolve_against_publication() {
        let p = Some("2016-09-01");
        check("أمس الأربعاء", p, &[("أمس الأربعاء", "DATE", "2016-08-31")]);
        check("وأول أمس", p, &[("أول أمس", "DATE", "2016-08-30")]);
        check("بعد غد", p, &[("بعد غد", "DATE", "2016-09-03")]);
        check("يوم الجمعة الماضي", p, &[("يوم الجمعة الماضي", "DATE", "2016-08-26")]);
        check("الاثنين المقبل", p, &[("الاثنين المقبل", "DATE", "2016-09-05")]);
        check("الأسبوع المقبل", p, &[("الأسبوع المقبل", "DATE", "2016-W36")]);
        check("الشهر الماضي", p, &[("الشهر الماضي", "DATE", "2016-08")]);
        check("مطلع الشهر", p, &[("مطلع الشهر", "DATE", "2016-09")]);
        check("قناة روسيا اليوم", p, &[]);
    }

    #[test]
    fn weekday_conflicts_and_missing_anchors_are_said_not_guessed() {
        let spans = find_times("أمس الثلاثاء", published("2016-09-01"));
        assert_eq!(spans[0].attrs["value"], "2016-08-31");
        assert!(spans[0].attrs["diagnostic"].as_str().unwrap().starts_with("conflict"));
        let spans = find_times("أمس الأربعاء", None);
        assert_eq!(spans[0].attrs.get("value"), None);
        assert_eq!(spans[0].attrs["published_weekday"], "thursday");
        let spans = find_times("الأربعاء 12 آذار/مارس 2026", None);
        assert_eq!(spans[0].attrs["value"], "2026-03-12");
        assert!(spans[0].attrs["diagnostic"].as_str().unwrap().contains("the date is a thursday"));
        let spans = find_times("الأربعاء 11 آذار/مارس 2026", None);
        assert_eq!(spans[0].attrs["value"], "2026-03-11");
        assert_eq!(spans[0].attrs.get("diagnostic"), None);
    }

    #[test]
    fn times_of_day_attach_to_their_day() {
        let p = Some("2016-09-01");
        check(
            "تنتهي في الساعة الثالثة ظهرا أمس الأربعاء،",
            p,
            &[("الساعة الثالثة ظهرا أمس الأربعاء", "DATETIME", "2016-08-31T15:00")],
        );
        check("الساعة 15:00", p, &[("الساعة 15:00", "TIME", "T15:00")]);
        check("الساعة السابعة والنصف صباحا", p, &[("الساعة السابعة والنصف صباحا", "TIME", "T07:30")]);
        check("مساء الاثنين", p, &[("مساء الاثنين", "DATETIME", "2016-08-29TEV")]);
        check("صباح اليوم الخميس", p, &[("صباح اليوم الخميس", "DATETIME", "2016-09-01TMO")]);
    }

    #[test]
    fn ordinal_days_shared_months_nights_and_minutes() {
        let p = Some("2026-03-16");
        check("في الحادي عشر من الشهر الجاري", p, &[("الحادي عشر من الشهر الجاري", "DATE", "2026-03-11")]);
        check("في الأول من أكتوبر", p, &[("الأول من أكتوبر", "DATE", "2025-10-01")]);
        check(
            "يومي 28 و29 جانفي 2026",
            p,
            &[("28", "DATE", "2026-01-28"), ("29 جانفي 2026", "DATE", "2026-01-29")],
        );
        check("الليلة الماضية", p, &[("الليلة الماضية", "DATETIME", "2026-03-15TNI")]);
        check("ليلة الجمعة", p, &[("ليلة الجمعة", "DATETIME", "2026-03-12TNI")]);
        check("منتصف الليل", p, &[("منتصف الليل", "TIME", "T00:00")]);
        check("الساعة الثالثة وعشر دقائق فجرا", p, &[("الساعة الثالثة وعشر دقائق فجرا", "TIME", "T03:10")]);
        check("الساعة الثالثة بعد الظهر", p, &[("الساعة الثالثة بعد الظهر", "TIME", "T15:00")]);
        check("حتى الثامنة مساء", p, &[("الثامنة مساء", "TIME", "T20:00")]);
        check(
            "الساعة الثامنة من مساء الأحد",
            p,
            &[("الساعة الثامنة من مساء الأحد", "DATETIME", "2026-03-15T20:00")],
        );
        check("وشهد اليوم الأول إقبالا", p, &[]);
        check("في حزيران", p, &[("حزيران", "DATE", "2026-06")]);
        check("وشهري جوان وجويلية", p, &[("جوان", "DATE", "2026-06"), ("جويلية", "DATE", "2026-07")]);
        check("في 14 مايو (أيار) 2015", p, &[("14 مايو (أيار) 2015", "DATE", "2015-05-14")]);
        check(
            "الفترة 17 - 23 شوال 1436هـ",
            p,
            &[("17", "DATE", "2015-08-02"), ("23 شوال 1436هـ", "DATE", "2015-08-08")],
        );
    }

    #[test]
    fn durations_with_digits_words_and_duals() {
        let p = Some("2016-09-01");
        check("هدنة لمدة 48 ساعة", p, &[("48 ساعة", "DURATION", "PT48H")]);
        check("ثلاثة أيام", p, &[("ثلاثة أيام", "DURATION", "P3D")]);
        check("بعد أسبوعين", p, &[("أسبوعين", "DURATION", "P2W")]);
        check("خمسة وعشرين عاما", p, &[("خمسة وعشرين عاما", "DURATION", "P25Y")]);
        check("ثلاثة آلاف ساعة", p, &[("ثلاثة آلاف ساعة", "DURATION", "PT3000H")]);
        check("يوما واحدا", p, &[("يوما واحدا", "DURATION", "P1D")]);
        check("خلال أسبوع", p, &[("أسبوع", "DURATION", "P1W")]);
        check("ربع ساعة", p, &[("ربع ساعة", "DURATION", "PT15M")]);
        check("إضرابا عاما", p, &[]);
        check("عشرة آلاف برميل يوميا", p, &[("يوميا", "SET", "P1D")]);
        check("من كل عام", p, &[("كل عام", "SET", "P1Y")]);
        check("كل ثلاثة أشهر", p, &[("كل ثلاثة أشهر", "SET", "P3M")]);
        check("في الاربع و عشرين ساعة", p, &[("الاربع و عشرين ساعة", "DURATION", "PT24H")]);
        check("خلال الأربع والعشرين ساعة", p, &[("الأربع والعشرين ساعة", "DURATION", "PT24H")]);
    }

    #[test]
    fn impossible_dates_get_a_diagnostic_and_no_value() {
        let p = Some("2016-09-01");
        check("31 فبراير 2016", p, &[("31 فبراير 2016", "DATE", "-")]);
        check("سنة 99999", p, &[("سنة 99999", "DATE", "-")]);
        check("31 فبراير 99999", p, &[("31 فبراير 99999", "DATE", "-")]);
        let spans = find_times("31 فبراير 2016", published("2016-09-01"));
        assert!(spans[0].attrs["diagnostic"].as_str().unwrap().starts_with("impossible date"));
    }
}
