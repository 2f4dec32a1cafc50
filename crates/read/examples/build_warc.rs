//! Builds a WARC file of Arabic news pages for the throughput benchmark (issue 8): every article
//! read from the inputs (the ANT or SaudiNewsNet archives, any format `Reader` reads) is wrapped in
//! the HTML of a news page, with a navigation bar, a share bar, an `اقرأ أيضا` box and a
//! `الأكثر قراءة` list around the story, and written as one gzip member per record, as CC-NEWS is.
//! Every fourth page is encoded in windows-1256 with no charset declared anywhere, and each page
//! is preceded by its `request` record, so the reader meets what a crawl holds.
//!
//! Usage: `build_warc OUT.warc.gz [--limit N] [--by-date] INPUT...`. `--by-date` writes the pages
//! in publication order (undated ones last), as a crawl of live news meets them, for measuring
//! memory over a time-ordered input. Prints what it wrote.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;
use marsad_read::warc::response_record;
use marsad_read::{Item, Reader};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The page of one article: headline, paragraphs (the original's lines) and the widgets around.
fn page(headline: &str, body: &str, published: Option<String>, n: u64) -> String {
    let published = published
        .map_or(String::new(), |p| format!("<meta property=\"article:published_time\" content=\"{p}\">"));
    let paragraphs: String = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("<p>{}</p>\n", escape(l)))
        .collect();
    let headline = escape(headline);
    format!(
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\"><head><title>{headline} | أخبار</title>{published}\
         <meta property=\"og:title\" content=\"{headline}\"></head><body>\
         <nav><a href=\"/\">الرئيسية</a> <a href=\"/politics\">سياسة</a> <a href=\"/economy\">اقتصاد</a></nav>\
         <main><article><h1>{headline}</h1>\
         <div class=\"share-bar\"><span>شارك</span><a>فيسبوك</a><a>تويتر</a><a>واتساب</a></div>\
         <div class=\"article-body\">\n{paragraphs}</div>\
         <div class=\"read-also\"><h4>اقرأ أيضا</h4><ul><li><a href=\"/{a}\">خبر ذو صلة رقم {a}</a></li>\
         <li><a href=\"/{b}\">خبر ذو صلة رقم {b}</a></li></ul></div></article></main>\
         <aside><h3>الأكثر قراءة</h3><ol><li><a href=\"/x\">عنوان مقروء</a></li></ol></aside>\
         <footer>جميع الحقوق محفوظة</footer></body></html>\n",
        a = n + 1,
        b = n + 2,
    )
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let out =
        PathBuf::from(args.next().context("usage: build_warc OUT.warc.gz [--limit N] [--by-date] INPUT...")?);
    let (mut limit, mut by_date, mut inputs) = (u64::MAX, false, Vec::new());
    while let Some(arg) = args.next() {
        if arg == "--by-date" {
            by_date = true;
        } else if arg == "--limit" {
            limit =
                args.next().context("--limit needs a number")?.parse().context("--limit needs a number")?;
        } else {
            inputs.push(PathBuf::from(arg));
        }
    }
    if inputs.is_empty() {
        bail!("no input given");
    }
    let mut writer = BufWriter::new(File::create(&out).with_context(|| format!("{}", out.display()))?);
    let mut articles = Vec::new();
    Reader::new().read_paths(&inputs, |item| {
        if let Item::Article { article, .. } = item {
            if by_date || (articles.len() as u64) < limit {
                articles.push(article);
            }
        }
    });
    if by_date {
        articles.sort_by(|a, b| {
            let key = |a: &marsad_article::Article| (a.meta.published.is_none(), a.meta.published);
            key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
        });
    }
    let (mut pages, mut html_bytes, mut error) = (0u64, 0u64, None);
    for article in articles {
        if pages >= limit || error.is_some() {
            break;
        }
        let headline = article.meta.headline.clone().map_or("", |h| &article.original[h]).trim().to_string();
        let body =
            article.meta.headline.clone().map_or(article.original.as_str(), |h| &article.original[h.end..]);
        let html = page(&headline, body, article.meta.published.map(|t| t.to_rfc3339()), pages);
        let legacy = pages % 4 == 3;
        let (bytes, charset) = if legacy {
            (encoding_rs::WINDOWS_1256.encode(&html).0.into_owned(), None)
        } else {
            (html.into_bytes(), Some("utf-8"))
        };
        html_bytes += bytes.len() as u64;
        let url = format!(
            "https://news.example/{}/{}",
            article.meta.outlet.as_deref().unwrap_or("ant"),
            article.id
        );
        let request = format!(
            "WARC/1.0\r\nWARC-Type: request\r\nWARC-Target-URI: {url}\r\nContent-Length: 18\r\n\r\nGET / HTTP/1.1\r\n\r\n\r\n\r\n"
        );
        for record in [request.into_bytes(), response_record(&url, &bytes, charset)] {
            let mut gz = GzEncoder::new(Vec::new(), Compression::default());
            let written =
                gz.write_all(&record).and_then(|()| gz.finish()).and_then(|member| writer.write_all(&member));
            if let Err(e) = written {
                error = Some(e);
            }
        }
        pages += 1;
    }
    if let Some(e) = error {
        bail!("{}: {e}", out.display());
    }
    writer.flush().with_context(|| format!("{}", out.display()))?;
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    println!("{}: {pages} pages, {html_bytes} bytes of HTML, {size} bytes compressed", out.display());
    Ok(())
}
