//! Umm al-Qura Hijri ↔ Gregorian conversion for 1356–1500 AH (1937-03-14 – 2077-11-16).
//!
//! The table holds, per Hijri year, one bit per month: set = 30 days, clear = 29 (one month of
//! the published table, Sha'ban 1364, has 28 days and is listed apart). It was encoded
//! for Marsad from the published Umm al-Qura month-start dates (see `data/SOURCES.md`); day
//! counts are summed from the anchor 1 Muharram 1356 = 1937-03-14. Outside the table there is
//! no conversion: Umm al-Qura is an observed calendar, so an arithmetic guess would be a silent
//! wrong date.

use chrono::NaiveDate;

/// The first Hijri year in [`MONTH_BITS`].
pub const FIRST_YEAR: i32 = 1356;
/// The last Hijri year in [`MONTH_BITS`].
pub const LAST_YEAR: i32 = 1500;

/// Bit `m - 1` set: month `m` of that year has 30 days.
const MONTH_BITS: [u16; (LAST_YEAR - FIRST_YEAR + 1) as usize] = [
    0x4d4, 0xd55, 0x64b, 0x497, 0xd55, 0x555, 0x555, 0xd55, 0x755, 0xd55, 0x555, 0x555, //
    0xd55, 0x6d5, 0x555, 0xea5, 0xd2a, 0xaaa, 0xcd5, 0x655, 0x572, 0xda9, 0x555, 0xaaa, //
    0x555, 0x52d, 0xa6d, 0x55a, 0x555, 0x74d, 0xd53, 0xd54, 0x556, 0xd55, 0x2d5, 0xd55, //
    0xd54, 0xd45, 0x655, 0x52d, 0xa5d, 0x55a, 0xad5, 0x6aa, 0xd4b, 0x52a, 0xa57, 0x4ae, //
    0x976, 0x56c, 0xb55, 0xaaa, 0xa55, 0x4ad, 0x95d, 0x2da, 0x5d9, 0xdb2, 0xba4, 0xb4a, //
    0xa55, 0x2b5, 0x575, 0xb6a, 0xbd2, 0xbc4, 0xb89, 0xa95, 0x52d, 0x5ad, 0xb6a, 0x6d4, //
    0xdc9, 0xd92, 0xaa6, 0x956, 0x2ae, 0x56d, 0x36a, 0xb55, 0xaaa, 0x94d, 0x49d, 0x95d, //
    0x2ba, 0x5b5, 0x5aa, 0xd55, 0xa9a, 0x92e, 0x26e, 0x55d, 0xada, 0x6d4, 0x6a5, 0x54b, //
    0xa97, 0x54e, 0xaae, 0x5ac, 0xba9, 0xd92, 0xb25, 0x64b, 0xcab, 0x55a, 0xb55, 0x6d2, //
    0xea5, 0xe4a, 0xa95, 0x52d, 0xaad, 0x36c, 0x759, 0x6d2, 0x695, 0x52d, 0xa5b, 0x4ba, //
    0x9ba, 0x3b4, 0xb69, 0xb52, 0xaa6, 0x4b6, 0x96d, 0x2ec, 0x6d9, 0xeb2, 0xd54, 0xd2a, //
    0xa56, 0x4ae, 0x96d, 0xd6a, 0xb54, 0xb29, 0xa93, 0x52b, 0xa57, 0x536, 0xab5, 0x6aa, //
    0xe93,
];

/// Months the published table gives 28 days, which one bit cannot say.
const SHORT_MONTHS: [(i32, u32); 1] = [(1364, 8)];

/// Why a Hijri date has no Gregorian value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HijriError {
    YearOutOfRange,
    NoSuchDay,
}

fn anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(1937, 3, 14).expect("a valid constant date")
}

/// Days in Hijri month `month` (1–12) of `year`, if the year is in the table.
pub fn month_length(year: i32, month: u32) -> Option<u32> {
    let bits = MONTH_BITS.get(usize::try_from(year - FIRST_YEAR).ok()?)?;
    if SHORT_MONTHS.contains(&(year, month)) {
        return Some(28);
    }
    (1..=12).contains(&month).then(|| if bits >> (month - 1) & 1 == 1 { 30 } else { 29 })
}

fn year_length(year: i32) -> i64 {
    (1..=12).map(|m| i64::from(month_length(year, m).unwrap_or(0))).sum()
}

/// The Gregorian date of a Hijri date.
pub fn to_gregorian(year: i32, month: u32, day: u32) -> Result<NaiveDate, HijriError> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(HijriError::YearOutOfRange);
    }
    let length = month_length(year, month).ok_or(HijriError::NoSuchDay)?;
    if day == 0 || day > length {
        return Err(HijriError::NoSuchDay);
    }
    let mut days: i64 = (FIRST_YEAR..year).map(year_length).sum();
    days += (1..month).map(|m| i64::from(month_length(year, m).unwrap_or(0))).sum::<i64>();
    days += i64::from(day - 1);
    Ok(anchor() + chrono::Duration::days(days))
}

/// The Hijri date (year, month, day) of a Gregorian date inside the table's range.
pub fn from_gregorian(date: NaiveDate) -> Option<(i32, u32, u32)> {
    let mut left = (date - anchor()).num_days();
    if left < 0 {
        return None;
    }
    for year in FIRST_YEAR..=LAST_YEAR {
        for month in 1..=12 {
            let length = i64::from(month_length(year, month)?);
            if left < length {
                return Some((year, month, u32::try_from(left + 1).ok()?));
            }
            left -= length;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn converts_known_umm_al_qura_dates() {
        let cases = [
            ((1356, 1, 1), ymd(1937, 3, 14)),
            ((1447, 9, 12), ymd(2026, 3, 1)),
            ((1364, 9, 1), ymd(1945, 8, 8)),
            ((1447, 9, 27), ymd(2026, 3, 16)),
            ((1500, 12, 29), ymd(2077, 11, 15)),
        ];
        for ((y, m, d), expected) in cases {
            assert_eq!(to_gregorian(y, m, d), Ok(expected), "{y}-{m}-{d}");
            assert_eq!(from_gregorian(expected), Some((y, m, d)));
        }
    }

    #[test]
    fn refuses_years_outside_the_table_and_impossible_days() {
        assert_eq!(to_gregorian(1355, 1, 1), Err(HijriError::YearOutOfRange));
        assert_eq!(to_gregorian(1501, 1, 1), Err(HijriError::YearOutOfRange));
        assert_eq!(to_gregorian(1447, 9, 31), Err(HijriError::NoSuchDay));
        assert_eq!(to_gregorian(1447, 13, 1), Err(HijriError::NoSuchDay));
        assert_eq!(from_gregorian(ymd(1900, 1, 1)), None);
    }
}
