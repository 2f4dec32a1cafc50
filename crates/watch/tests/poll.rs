//! The watcher against a small HTTP server that the test starts on 127.0.0.1: conditional GET,
//! new entries only, Arabic pages only, an HTML error page where a feed should be, a server that
//! never answers and one that sends a page a byte at a time (both bounded by the timeout).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use marsad_watch::{Item, Options, PollReport, Watcher};

const ARABIC_PAGE: &str = "<html><head><title>افتتاح معرض الكتاب الدولي في دورته الجديدة</title>\
    <meta property=\"article:published_time\" content=\"2024-05-12T10:30:00+03:00\"></head><body><article>\
    <h1>افتتاح معرض الكتاب الدولي في دورته الجديدة</h1>\
    <p>افتتح وزير الثقافة صباح اليوم معرض الكتاب الدولي في دورته الجديدة، بمشاركة أكثر من ستمئة دار نشر من ثلاثين دولة عربية وأجنبية.</p>\
    <p>وقال الوزير في كلمة الافتتاح إن المعرض يخصص هذا العام جناحا لكتب الأطفال، ويستضيف ندوات يومية يشارك فيها كتاب ومترجمون.</p>\
    </article></body></html>";

const ENGLISH_PAGE: &str = "<html><head><title>Book fair opens</title></head><body><article><h1>Book fair opens</h1>\
    <p>The minister of culture opened the international book fair this morning, with more than six hundred publishers from thirty countries taking part.</p>\
    <p>He said the fair has a wing for children's books this year and hosts daily talks with writers and translators from many countries.</p>\
    </article></body></html>";

/// Serves one request on `stream`: the feed with conditional GET, two pages, an error page in place
/// of a feed, and a path that never answers. `feed_hits` counts full answers of the feed.
fn serve(mut stream: TcpStream, port: u16, feed_hits: &AtomicUsize) {
    let mut request = Vec::new();
    let mut reader = BufReader::new(&mut stream);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        request.push(line);
    }
    let path = request.first().and_then(|l| l.split_whitespace().nth(1)).unwrap_or("/").to_string();
    let has = |header: &str| request.iter().any(|l| l.to_ascii_lowercase().starts_with(header));
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>\
         <item><title>a</title><link>http://127.0.0.1:{port}/a/1</link><guid>1</guid></item>\
         <item><title>b</title><link>http://127.0.0.1:{port}/a/2</link><guid>2</guid></item>\
         </channel></rss>"
    );
    let (status, headers, body) = match path.as_str() {
        "/slow-feed.xml" => (
            "200 OK",
            "Content-Type: application/rss+xml\r\n",
            format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>\
                 <item><title>s</title><link>http://127.0.0.1:{port}/slow-page</link><guid>s</guid></item>\
                 <item><title>a</title><link>http://127.0.0.1:{port}/a/1</link><guid>1</guid></item>\
                 </channel></rss>"
            ),
        ),
        "/slow-page" => {
            // Answers at once, then sends the page a byte every 20 ms (about 20 s in all): only a
            // timeout covering the whole body, not one per read, stops this early.
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
                ARABIC_PAGE.len()
            );
            if stream.write_all(head.as_bytes()).is_err() {
                return;
            }
            for byte in ARABIC_PAGE.bytes() {
                if stream.write_all(&[byte]).and_then(|()| stream.flush()).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            return;
        }
        "/feed.xml" if has("if-none-match: \"v1\"") => {
            ("304 Not Modified", "ETag: \"v1\"\r\n", String::new())
        }
        "/feed.xml" => {
            feed_hits.fetch_add(1, Ordering::SeqCst);
            ("200 OK", "ETag: \"v1\"\r\nContent-Type: application/rss+xml\r\n", feed)
        }
        "/a/1" => ("200 OK", "Content-Type: text/html; charset=utf-8\r\n", ARABIC_PAGE.to_string()),
        "/a/2" => ("200 OK", "Content-Type: text/html\r\n", ENGLISH_PAGE.to_string()),
        "/broken-feed" => (
            "200 OK",
            "Content-Type: text/html\r\n",
            "<!DOCTYPE html><html><body>خطأ 503</body></html>".into(),
        ),
        "/hang" => {
            // Holds the connection without answering until the client gives up.
            std::thread::sleep(Duration::from_secs(3));
            return;
        }
        _ => ("404 Not Found", "", String::new()),
    };
    let answer = format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(answer.as_bytes());
}

/// Starts the server on a free port of 127.0.0.1; it lives as long as the test process.
fn start_server() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binding a port on 127.0.0.1");
    let port = listener.local_addr().expect("a bound address").port();
    let hits = Arc::new(AtomicUsize::new(0));
    let server_hits = Arc::clone(&hits);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let hits = Arc::clone(&server_hits);
            std::thread::spawn(move || serve(stream, port, &hits));
        }
    });
    (port, hits)
}

fn poll(watcher: &mut Watcher) -> (PollReport, Vec<String>) {
    let mut seen = Vec::new();
    let report = watcher.poll(|item| {
        seen.push(match item {
            Item::Article { article, .. } => format!("article {}", article.meta.url.unwrap_or_default()),
            Item::Skipped { origin, lang, .. } => format!("skipped {origin} {}", lang.unwrap_or("-")),
            Item::Rejected(e) => format!("rejected {}", e.reason.name()),
        })
    });
    (report, seen)
}

#[test]
fn polls_read_new_arabic_pages_once_and_use_conditional_get() {
    let (port, feed_hits) = start_server();
    let options = Options { timeout: Duration::from_secs(10), ..Options::default() };
    let mut watcher = Watcher::new(vec![format!("http://127.0.0.1:{port}/feed.xml")], options);

    let (first, seen) = poll(&mut watcher);
    assert_eq!(
        seen,
        [format!("article http://127.0.0.1:{port}/a/1"), format!("skipped http://127.0.0.1:{port}/a/2 eng")]
    );
    assert_eq!((first.feeds_changed, first.new_entries, first.articles, first.skipped), (1, 2, 1, 1));

    let (second, seen) = poll(&mut watcher);
    assert!(seen.is_empty(), "{seen:?}");
    assert_eq!((second.feeds_unchanged, second.new_entries), (1, 0));
    assert_eq!(feed_hits.load(Ordering::SeqCst), 1, "the second poll must be answered 304");
}

#[test]
fn error_pages_and_hanging_servers_are_rejections_and_the_poll_goes_on() {
    let (port, _) = start_server();
    let options = Options { timeout: Duration::from_millis(500), ..Options::default() };
    let feeds =
        ["/broken-feed", "/hang", "/missing", "/feed.xml"].map(|p| format!("http://127.0.0.1:{port}{p}"));
    let mut watcher = Watcher::new(feeds.to_vec(), options);
    let (report, seen) = poll(&mut watcher);
    assert_eq!(report.feeds_failed, 3, "{seen:?}");
    assert_eq!(seen[..3], ["rejected unknown format", "rejected unreadable", "rejected unreadable"]);
    assert_eq!(report.articles, 1, "{seen:?}");
}

#[test]
fn a_page_sent_a_byte_at_a_time_is_cut_by_the_timeout_and_the_next_page_read() {
    let (port, _) = start_server();
    let options = Options { timeout: Duration::from_millis(500), ..Options::default() };
    let mut watcher = Watcher::new(vec![format!("http://127.0.0.1:{port}/slow-feed.xml")], options);
    let (report, seen) = poll(&mut watcher);
    assert_eq!(seen, ["rejected unreadable".to_string(), format!("article http://127.0.0.1:{port}/a/1")]);
    assert_eq!((report.rejected, report.articles), (1, 1), "{seen:?}");
}
