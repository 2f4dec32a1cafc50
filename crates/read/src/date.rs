//! Publication dates as inputs write them, turned into one `DateTime<FixedOffset>`.
//!
//! Entry point: [`parse_published`]. Forms, in the order tried (each seen in the ANT corpora or
//! common in JSON exports):
//!
//! | form | example | offset |
//! |---|---|---|
//! | RFC 3339 / ISO 8601 | `2017-01-25T14:36:00+01:00` | as written |
//! | RFC 2822 | `Mon, 26 Feb 2018 02:20:10 GMT`, `... +0400` | as written; a wrong weekday is forgiven |
//! | ISO without offset | `2017-01-22T18:56:00`, `2017-01-22T185600`, `2017-01-22 18:56:00` | UTC |
//! | date only | `2017-01-22`, `22/01/2017` (day first, as Arabic outlets write it) | midnight UTC |
//!
//! Anything else gives `None`: an unreadable date is a missing date, not a rejected article.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

const NAIVE_DATE_TIMES: [&str; 5] =
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H%M%S", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"];
const DATES: [&str; 3] = ["%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d"];

/// Parses a publication date in any of the forms in the module table.
pub fn parse_published(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t);
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        return Some(t);
    }
    // chrono refuses a weekday that does not match the date; the date is what matters.
    if let Some((_, rest)) = text.split_once(", ") {
        if let Ok(t) = DateTime::parse_from_rfc2822(rest) {
            return Some(t);
        }
    }
    if let Ok(t) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%z") {
        return Some(t);
    }
    let utc = FixedOffset::east_opt(0)?;
    for form in NAIVE_DATE_TIMES {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, form) {
            return t.and_local_timezone(utc).single();
        }
    }
    for form in DATES {
        if let Ok(d) = NaiveDate::parse_from_str(text, form) {
            return d.and_time(NaiveTime::MIN).and_local_timezone(utc).single();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form_in_the_table() {
        let cases = [
            ("2017-01-25T14:36:00+01:00", Some("2017-01-25T14:36:00+01:00")),
            ("Mon, 26 Feb 2018 02:20:10 GMT", Some("2018-02-26T02:20:10+00:00")),
            ("Sun, 18 Feb 2018 21:35:43 +0400", Some("2018-02-18T21:35:43+04:00")),
            ("Tue, 18 Feb 2018 21:35:43 +0400", Some("2018-02-18T21:35:43+04:00")),
            ("2017-01-22T185600", Some("2017-01-22T18:56:00+00:00")),
            ("2017-01-22T18:56:00", Some("2017-01-22T18:56:00+00:00")),
            ("2017-01-22 18:56:00", Some("2017-01-22T18:56:00+00:00")),
            ("2017-01-22 18:56:00+0300", Some("2017-01-22T18:56:00+03:00")),
            ("  2017-01-22 ", Some("2017-01-22T00:00:00+00:00")),
            ("17/05/2015", Some("2015-05-17T00:00:00+00:00")),
            ("", None),
            ("أمس", None),
            ("31/02/2017", None),
        ];
        for (input, expected) in cases {
            let got = parse_published(input).map(|t| t.to_rfc3339());
            assert_eq!(got.as_deref(), expected, "input {input:?}");
        }
    }
}
