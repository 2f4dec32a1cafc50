//! Commands on the team's examples (examples/news) and on small texts written here.

use crate::util::{run, stderr, stdout, TestDir};

fn analyze_json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_str(stdout(out).lines().next().expect("one article")).expect("article JSON")
}

fn texts(article: &serde_json::Value, layer: &str, label: &str) -> Vec<String> {
    article["layers"][layer]
        .as_array()
        .map(|spans| {
            spans
                .iter()
                .filter(|s| s["label"] == label)
                .map(|s| s["attrs"]["canonical"].as_str().or(s["text"].as_str()).unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn analyze_seed_finds_headline_dateline_and_drops_furniture() {
    let shared = require_shared!();
    let t = TestDir::new();
    let seed = shared.join("seed/000_4a6ac2aa93eeae7b.txt");
    let out = run(t.marsad().arg("analyze").arg(&seed).args(["--published", "2016-09-01"]), 0);
    let a = analyze_json(&out);
    let first_line = std::fs::read_to_string(&seed).unwrap().lines().next().unwrap().trim().to_string();
    assert_eq!(a["headline"], first_line);
    assert_eq!(texts(&a, "dateline", "PLACE"), ["نيودلهي", "حمص"]);
    assert_eq!(texts(&a, "dateline", "AGENCY"), ["وكالات"]);
    let clean = a["clean"].as_str().unwrap();
    assert!(!clean.trim_end().ends_with("قد يعجبك ايضا"), "furniture left at the end: {clean}");
    assert!(clean.trim_end().ends_with("اتفاق داريا الأخير."));
    assert_eq!(a["published"], "2016-09-01T00:00:00+00:00");
    assert!(a["layers"]["sentences"].as_array().unwrap().len() >= 15);
    // The dateline's cities are places in the entity layer too, and each minister is one entity.
    let entities = a["layers"]["entities"].as_array().unwrap();
    for city in ["نودلهي", "حمص"] {
        assert!(entities.iter().any(|e| e["text"] == city && e["label"] == "LOC"), "{city} is not a LOC");
    }
    for (full, surname) in [("جون كيري", "كيري"), ("سيرغي لافروف", "لافروف")] {
        let ids: Vec<&serde_json::Value> = entities
            .iter()
            .filter(|e| e["text"] == full || e["text"] == surname)
            .map(|e| &e["attrs"]["entity"])
            .collect();
        assert!(ids.len() >= 3 && ids.iter().all(|id| *id == ids[0]), "{full}: {ids:?}");
    }
    let times = a["layers"]["times"].as_array().unwrap();
    let value_of = |text: &str| times.iter().find(|t| t["text"] == text).map(|t| t["attrs"]["value"].clone());
    assert_eq!(value_of("أمس الأربعاء"), Some("2016-08-31".into()));
    assert_eq!(value_of("الساعة الثالثة ظهرا أمس الأربعاء"), Some("2016-08-31T15:00".into()));
}

#[test]
fn analyze_reads_stdin() {
    let t = TestDir::new();
    let mut child = t
        .marsad()
        .args(["analyze", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("عنوان الخبر\n\nالرباط - (أ ف ب) - بدأت اليوم أعمال المؤتمر.\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let a = analyze_json(&out);
    assert_eq!(a["headline"], "عنوان الخبر");
    assert_eq!(texts(&a, "dateline", "PLACE"), ["الرباط"]);
}

/// Three short articles written for this test: two use محادثات only with clitics attached.
fn clitic_corpus(t: &TestDir) -> std::path::PathBuf {
    t.write("in/a.txt", "انطلاق جولة جديدة\n\nانطلقت المحادثات بين الوفدين في مسقط صباح اليوم.\n");
    t.write(
        "in/b.txt",
        "الوزير يعود من الجولة\n\nعاد الوزير إلى بلاده بعد انتهاء جولته ومحادثاته مع نظيره.\n",
    );
    t.write("in/c.txt", "أمطار غزيرة في الشمال\n\nهطلت أمطار غزيرة على المدن الشمالية طوال الليل.\n");
    t.path().join("in")
}

#[test]
fn ingest_is_idempotent_and_search_matches_clitic_forms() {
    let t = TestDir::new();
    let input = clitic_corpus(&t);
    let first = run(t.marsad().arg("ingest").arg(&input), 0);
    assert!(
        stderr(&first).contains("Stored 3 articles (0 near-copies of another; 0 already stored)"),
        "{}",
        stderr(&first)
    );
    let again = run(t.marsad().arg("ingest").arg(&input), 0);
    assert!(
        stderr(&again).contains("Stored 0 articles (0 near-copies of another; 3 already stored)"),
        "{}",
        stderr(&again)
    );

    let out = run(t.marsad().args(["search", "محادثات", "--json"]), 0);
    let lines: Vec<serde_json::Value> =
        stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["total"], 2, "{lines:?}");
    let mut headlines: Vec<&str> = lines[1..].iter().map(|h| h["headline"].as_str().unwrap()).collect();
    headlines.sort();
    assert_eq!(headlines, ["الوزير يعود من الجولة", "انطلاق جولة جديدة"]);
    for hit in &lines[1..] {
        assert!(!hit["highlights"].as_array().unwrap().is_empty(), "no highlight in {hit}");
    }
}

/// A wire story in four paragraphs, written for this test.
const WIRE: &str = "تونس تفتتح أكبر محطة لتحلية مياه البحر\n\n\
    افتتحت الحكومة التونسية اليوم محطة لتحلية مياه البحر في مدينة صفاقس بطاقة مئة ألف متر مكعب يوميا، \
    في أكبر مشروع من نوعه في البلاد منذ عقدين.\n\n\
    وقال وزير الفلاحة والموارد المائية خلال حفل الافتتاح إن المحطة ستؤمن مياه الشرب لأكثر من ثمانمئة ألف \
    نسمة في الولاية وما جاورها، وإنها ستخفف الضغط على السدود التي تراجع مخزونها بسبب الجفاف.\n\n\
    وبلغت كلفة المشروع نحو ثلاثمئة مليون دينار، مولت قرض ميسر من صندوق عربي جزءا كبيرا منها، \
    وتولت شركة محلية أشغال البناء التي استمرت ثلاث سنوات.\n\n\
    وتعاني تونس منذ خمس سنوات من شح متواصل في الأمطار دفع السلطات إلى قطع المياه ليلا في عدة مدن.\n";

#[test]
fn copies_are_found_across_runs_and_folded_in_search() {
    let t = TestDir::new();
    let original = t.write("day1/wire.txt", WIRE);
    let copy_text =
        WIRE.replace("تونس تفتتح أكبر محطة", "افتتاح أكبر محطة") + "\nتابعونا على مواقع التواصل الاجتماعي.\n";
    let copy = t.write("day2/copy.txt", &copy_text);
    run(t.marsad().arg("ingest").arg(&original), 0);
    // The second run rebuilds the copy index from the store before deciding.
    let second = run(t.marsad().arg("ingest").arg(&copy), 0);
    assert!(stderr(&second).contains("Stored 1 articles (1 near-copies of another"), "{}", stderr(&second));

    let hits = |extra: &[&str]| -> Vec<serde_json::Value> {
        let out = run(t.marsad().args(["search", "تحلية", "--json"]).args(extra), 0);
        stdout(&out).lines().skip(1).map(|l| serde_json::from_str(l).unwrap()).collect()
    };
    let folded = hits(&[]);
    assert_eq!(folded.len(), 1, "{folded:?}");
    assert_eq!(folded[0]["copies"], 1);
    assert_eq!(folded[0]["headline"], "تونس تفتتح أكبر محطة لتحلية مياه البحر");
    let all = hits(&["--all-copies"]);
    assert_eq!(all.len(), 2);
    let copy_id = all.iter().find(|h| h["copies"] == 0).unwrap()["id"].as_str().unwrap().to_string();
    let shown = run(t.marsad().args(["show", &copy_id]), 0);
    assert!(
        stdout(&shown).contains(&format!("copy of {}", folded[0]["id"].as_str().unwrap())),
        "{}",
        stdout(&shown)
    );
}

#[test]
fn show_prints_a_stored_article() {
    let t = TestDir::new();
    let input = clitic_corpus(&t);
    run(t.marsad().arg("ingest").arg(&input), 0);
    let out = run(t.marsad().args(["search", "أمطار", "--json"]), 0);
    let hit: serde_json::Value = serde_json::from_str(stdout(&out).lines().nth(1).unwrap()).unwrap();
    let id = hit["id"].as_str().unwrap();
    let shown = run(t.marsad().args(["show", id]), 0);
    assert!(stdout(&shown).contains("هطلت أمطار غزيرة"));
    let missing = run(t.marsad().args(["show", "0000000000000000"]), 2);
    assert!(stderr(&missing).contains("no article with id"));
}

#[test]
fn examples_ingest_without_rejections() {
    let t = TestDir::new();
    let examples = crate::util::repo().join("examples/news");
    let n = std::fs::read_dir(&examples)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "txt"))
        .count();
    let jsonl_lines = std::fs::read_to_string(examples.join("articles.jsonl")).unwrap().lines().count();
    let out = run(t.marsad().arg("ingest").arg(&examples), 0);
    let expected = format!("Stored {} articles", n + jsonl_lines);
    assert!(stderr(&out).contains(&expected), "expected {expected:?} in {}", stderr(&out));
}

#[test]
fn serve_answers_search_and_article_requests() {
    let t = TestDir::new();
    let input = clitic_corpus(&t);
    run(t.marsad().arg("ingest").arg(&input), 0);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let addr = format!("127.0.0.1:{port}");
    let mut server =
        t.marsad().args(["serve", "--addr", &addr]).stderr(std::process::Stdio::null()).spawn().unwrap();
    let get = |path: &str| -> Option<String> {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(&addr).ok()?;
        s.set_read_timeout(Some(std::time::Duration::from_secs(10))).ok()?;
        write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").ok()?;
        let mut body = String::new();
        s.read_to_string(&mut body).ok()?;
        Some(body)
    };
    let mut health = None;
    for _ in 0..100 {
        health = get("/api/health");
        if health.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let search = get("/api/search?q=%D8%A3%D9%85%D8%B7%D8%A7%D8%B1");
    let missing = get("/api/articles/nope");
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(health.expect("the server answers").contains("\"articles\":3"));
    let search = search.unwrap();
    assert!(search.starts_with("HTTP/1.1 200"), "{search}");
    assert!(search.contains("\"total\":1"), "{search}");
    let missing = missing.unwrap();
    assert!(missing.starts_with("HTTP/1.1 404") && missing.contains("\"error\""), "{missing}");
}

#[test]
fn a_closed_stdout_ends_an_evaluation_quietly() {
    // (`marsad eval quotes | head`: the reader is gone before the first line is written)
    let t = TestDir::new();
    let mut child = t
        .marsad()
        .args(["eval", "quotes"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("marsad runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("marsad ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && !stderr.contains("panicked"), "{:?}: {stderr}", out.status);
}
