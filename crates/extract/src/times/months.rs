//! The month-name table: CLDR's Arabic month names for every locale, plus spellings news uses that
//! CLDR lacks. [`compile_months`] turns CLDR JSON into the TSV compiled into the crate
//! (`data/months.tsv`, written by `cargo run -p marsad-extract --example compile_months`);
//! [`month_table`] reads that TSV once.
//!
//! One table rather than per-country lists because outlets mix systems (`15 مارس/آذار`) and a
//! reader cannot know the outlet's country from the text.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::TimesError;

/// Which calendar a month name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Calendar {
    Gregorian,
    /// The Islamic (Hijri) calendar, converted with Umm al-Qura.
    Hijri,
}

impl Calendar {
    fn as_str(self) -> &'static str {
        match self {
            Calendar::Gregorian => "gregorian",
            Calendar::Hijri => "islamic",
        }
    }
}

/// One row of the table: a spelling, its calendar and month number (1–12).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthName {
    pub form: String,
    pub calendar: Calendar,
    pub month: u32,
}

/// Spellings seen in news that no CLDR locale lists: hamza-less and alternative forms.
const HAND_VARIANTS: &[(Calendar, u32, &str)] = &[
    (Calendar::Gregorian, 1, "كانون ثاني"),
    (Calendar::Gregorian, 2, "فبرير"),
    (Calendar::Gregorian, 4, "إبريل"),
    (Calendar::Gregorian, 4, "ابريل"),
    (Calendar::Gregorian, 4, "أفريل"),
    (Calendar::Gregorian, 4, "افريل"),
    (Calendar::Gregorian, 5, "مايس"),
    (Calendar::Gregorian, 6, "يونيه"),
    (Calendar::Gregorian, 6, "جوان"),
    (Calendar::Gregorian, 7, "يوليه"),
    (Calendar::Gregorian, 7, "جويلية"),
    (Calendar::Gregorian, 8, "اغسطس"),
    (Calendar::Gregorian, 8, "أغسطوس"),
    (Calendar::Gregorian, 8, "أوت"),
    (Calendar::Gregorian, 8, "اوت"),
    (Calendar::Gregorian, 9, "سبتمبير"),
    (Calendar::Gregorian, 10, "اكتوبر"),
    (Calendar::Gregorian, 10, "تشرين أول"),
    (Calendar::Gregorian, 11, "تشرين ثاني"),
    (Calendar::Gregorian, 11, "نوفمير"),
    (Calendar::Gregorian, 12, "كانون أول"),
    (Calendar::Hijri, 1, "المحرم"),
    (Calendar::Hijri, 3, "ربيع أول"),
    (Calendar::Hijri, 4, "ربيع الثاني"),
    (Calendar::Hijri, 4, "ربيع ثاني"),
    (Calendar::Hijri, 5, "جمادى الأول"),
    (Calendar::Hijri, 6, "جمادى الثانية"),
    (Calendar::Hijri, 6, "جمادى الآخر"),
    (Calendar::Hijri, 11, "ذي القعدة"),
    (Calendar::Hijri, 12, "ذي الحجة"),
];

/// One CLDR calendar file: the locale (`ar-MA`), the calendar, and the file's JSON text.
pub struct CldrFile<'a> {
    pub locale: &'a str,
    pub calendar: Calendar,
    pub json: &'a str,
}

/// Builds the month TSV (`calendar  month  form  sources`, one spelling per line, sorted) from
/// CLDR `ca-gregorian.json` / `ca-islamic*.json` files and [`HAND_VARIANTS`]. Takes the wide
/// month names of both the format and stand-alone contexts.
pub fn compile_months(files: &[CldrFile<'_>]) -> Result<String, TimesError> {
    let mut rows: BTreeMap<(Calendar, u32, String), Vec<String>> = BTreeMap::new();
    for file in files {
        let bad = |reason: &str| TimesError::Cldr { locale: file.locale.to_string(), reason: reason.into() };
        let doc: serde_json::Value = serde_json::from_str(file.json).map_err(|e| bad(&e.to_string()))?;
        let calendars = doc["main"][file.locale]["dates"]["calendars"]
            .as_object()
            .ok_or_else(|| bad("no main.<locale>.dates.calendars object"))?;
        for calendar in calendars.values() {
            for context in ["format", "stand-alone"] {
                let Some(wide) = calendar["months"][context]["wide"].as_object() else { continue };
                for (number, name) in wide {
                    let month: u32 = number.parse().map_err(|_| bad(&format!("month key {number:?}")))?;
                    let form =
                        name.as_str().ok_or_else(|| bad(&format!("month {number} is not a string")))?;
                    if !(1..=12).contains(&month) {
                        return Err(bad(&format!("month key {number:?} outside 1..=12")));
                    }
                    let sources = rows.entry((file.calendar, month, form.to_string())).or_default();
                    if !sources.iter().any(|s| s == file.locale) {
                        sources.push(file.locale.to_string());
                    }
                }
            }
        }
    }
    for &(calendar, month, form) in HAND_VARIANTS {
        rows.entry((calendar, month, form.to_string())).or_insert_with(|| vec!["hand".into()]);
    }
    let mut out = String::from("# calendar\tmonth\tform\tsources (CLDR 48.2 locales, or hand)\n");
    for ((calendar, month, form), sources) in rows {
        out.push_str(&format!("{}\t{month}\t{form}\t{}\n", calendar.as_str(), sources.join(",")));
    }
    Ok(out)
}

/// Reads the month TSV. Lines starting with `#` are comments.
pub fn parse_months(tsv: &str) -> Result<Vec<MonthName>, TimesError> {
    let mut names = Vec::new();
    for (index, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = |reason: &str| TimesError::MonthTable { line: index + 1, reason: reason.into() };
        let cols: Vec<&str> = line.split('\t').collect();
        let [calendar, month, form, ..] = cols[..] else {
            return Err(bad("expected 4 tab-separated columns"));
        };
        let calendar = match calendar {
            "gregorian" => Calendar::Gregorian,
            "islamic" => Calendar::Hijri,
            other => return Err(bad(&format!("unknown calendar {other:?}"))),
        };
        let month =
            month.parse().ok().filter(|m| (1..=12).contains(m)).ok_or_else(|| bad("month not in 1..=12"))?;
        names.push(MonthName { form: form.to_string(), calendar, month });
    }
    Ok(names)
}

/// The compiled-in table (`data/months.tsv`).
pub fn month_table() -> &'static [MonthName] {
    static TABLE: OnceLock<Vec<MonthName>> = OnceLock::new();
    TABLE.get_or_init(|| {
        parse_months(include_str!("../../data/months.tsv"))
            .expect("data/months.tsv is checked by a unit test")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_cldr_months_and_merges_locales() {
        let ar = r#"{"main":{"ar":{"dates":{"calendars":{"gregorian":{"months":{"format":{"wide":{"1":"يناير","2":"فبراير"}}}}}}}}}"#;
        let eg = r#"{"main":{"ar-EG":{"dates":{"calendars":{"gregorian":{"months":{"format":{"wide":{"1":"يناير"}}}}}}}}}"#;
        let files = [
            CldrFile { locale: "ar", calendar: Calendar::Gregorian, json: ar },
            CldrFile { locale: "ar-EG", calendar: Calendar::Gregorian, json: eg },
        ];
        let tsv = compile_months(&files).unwrap();
        assert!(tsv.contains("gregorian\t1\tيناير\tar,ar-EG\n"));
        assert!(tsv.contains("gregorian\t4\tإبريل\thand\n"));
        let names = parse_months(&tsv).unwrap();
        assert!(names.iter().any(|n| n.form == "فبراير" && n.month == 2));
    }

    #[test]
    fn bad_cldr_and_bad_tsv_are_errors_naming_where() {
        let files = [CldrFile { locale: "ar-XX", calendar: Calendar::Gregorian, json: "{" }];
        assert!(compile_months(&files).unwrap_err().to_string().starts_with("cldr ar-XX:"));
        let err = parse_months("gregorian\t13\tx\thand\n").unwrap_err();
        assert_eq!(err.to_string(), "months.tsv line 1: month not in 1..=12");
    }

    #[test]
    fn shipped_table_parses_and_covers_every_system() {
        let table = month_table();
        for (form, month) in [("كانون الثاني", 1), ("فيفري", 2), ("غشت", 8), ("شتنبر", 9), ("دجنبر", 12)]
        {
            assert!(table.iter().any(|n| n.form == form && n.month == month), "{form}");
        }
        assert!(table.iter().any(|n| n.form == "رمضان" && n.calendar == Calendar::Hijri && n.month == 9));
    }
}
