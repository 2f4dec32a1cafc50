//! Counts over time as an inline SVG bar chart, drawn on the server so pages need no script.
//!
//! Entry points: [`bins_by_day`] (days from timestamps, by day when the range is short, by month when
//! it is long, empty bins kept so gaps show) and [`bar_chart`]. Time runs left to right, as on most
//! Arabic news charts, so the SVG is marked `dir="ltr"`.

use chrono::{Datelike, NaiveDate};

use super::html::escape;

/// Ranges longer than this many days are counted by month.
const MAX_DAY_BINS: i64 = 92;

/// One bar: its label (a day or a month) and its count.
pub type Bin = (String, u64);

/// Counts of the `YYYY-MM-DD` days that start `stamps` (others are ignored), with every day or
/// month between the first and the last present.
pub fn bins_by_day<'a>(stamps: impl IntoIterator<Item = &'a str>) -> Vec<Bin> {
    let mut days: Vec<NaiveDate> = stamps
        .into_iter()
        .filter_map(|s| s.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()))
        .collect();
    days.sort_unstable();
    let (Some(&first), Some(&last)) = (days.first(), days.last()) else { return Vec::new() };
    let by_month = (last - first).num_days() > MAX_DAY_BINS;
    let key = |d: NaiveDate| {
        if by_month {
            format!("{:04}-{:02}", d.year(), d.month())
        } else {
            d.format("%Y-%m-%d").to_string()
        }
    };
    let mut bins: Vec<Bin> = Vec::new();
    let mut day = first;
    while day <= last {
        let k = key(day);
        if bins.last().map(|(l, _)| l != &k).unwrap_or(true) {
            bins.push((k, 0));
        }
        day = match day.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
    for d in days {
        let k = key(d);
        if let Ok(i) = bins.binary_search_by(|(l, _)| l.as_str().cmp(k.as_str())) {
            bins[i].1 += 1;
        }
    }
    bins
}

/// A bar chart of `bins` with a title per bar (shown on hover) and the first and last labels.
pub fn bar_chart(bins: &[Bin], caption: &str) -> String {
    if bins.is_empty() {
        return String::new();
    }
    let (width, height, base) = (640.0_f64, 140.0_f64, 120.0_f64);
    let max = bins.iter().map(|b| b.1).max().unwrap_or(1).max(1) as f64;
    let step = width / bins.len() as f64;
    let bar = (step * 0.8).max(1.0);
    let mut svg = format!(
        r#"<figure class="chart"><svg dir="ltr" viewBox="0 0 {width} {height}" role="img" aria-label="{caption}" xmlns="http://www.w3.org/2000/svg">"#,
        caption = escape(caption)
    );
    for (i, (label, count)) in bins.iter().enumerate() {
        let h = (*count as f64 / max) * (base - 10.0);
        svg.push_str(&format!(
            r#"<rect x="{:.1}" y="{:.1}" width="{bar:.1}" height="{h:.1}"><title>{}: {count}</title></rect>"#,
            i as f64 * step,
            base - h,
            escape(label)
        ));
    }
    let last = bins.last().map_or("", |b| b.0.as_str());
    svg.push_str(&format!(
        r#"<line x1="0" y1="{base}" x2="{width}" y2="{base}"/><text x="0" y="{}">{}</text><text x="{width}" y="{}" text-anchor="end">{}</text></svg><figcaption>{}</figcaption></figure>"#,
        base + 15.0,
        escape(&bins[0].0),
        base + 15.0,
        escape(last),
        escape(caption)
    ));
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ranges_count_by_day_with_gaps_long_ones_by_month() {
        type Case<'a> = (&'a [&'a str], &'a [(&'a str, u64)]);
        let table: [Case; 4] = [
            (&[], &[]),
            (
                &["2026-03-10T08:00:00+00:00", "2026-03-12", "2026-03-12T23:00:00+03:00", "bad"],
                &[("2026-03-10", 1), ("2026-03-11", 0), ("2026-03-12", 2)],
            ),
            (
                &["2016-01-05", "2016-03-01", "2016-06-30"],
                &[
                    ("2016-01", 1),
                    ("2016-02", 0),
                    ("2016-03", 1),
                    ("2016-04", 0),
                    ("2016-05", 0),
                    ("2016-06", 1),
                ],
            ),
            (&["2020-02-29"], &[("2020-02-29", 1)]),
        ];
        for (stamps, expected) in table {
            let got = bins_by_day(stamps.iter().copied());
            let expected: Vec<Bin> = expected.iter().map(|(l, n)| (l.to_string(), *n)).collect();
            assert_eq!(got, expected, "{stamps:?}");
        }
    }

    #[test]
    fn one_bar_per_bin_with_escaped_labels() {
        let svg = bar_chart(&[("<a>".into(), 2), ("b".into(), 0)], "مقالات");
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("&lt;a&gt;: 2") && !svg.contains("<a>"));
        assert_eq!(bar_chart(&[], "x"), "");
    }
}
