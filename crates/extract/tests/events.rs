//! The events layer end to end: the seed article through the real pipeline (clean, then
//! `extract::run`), the UniversalPetrarch validation records, and the team's gold sentences.

use std::path::PathBuf;

use marsad_article::{layer, Article, Meta, Span};
use marsad_extract::events::{eval_events, parse_gold, GoldSentence};

fn attr<'a>(span: &'a Span, key: &str) -> &'a str {
    span.attr_str(key).unwrap_or("-")
}

/// The seed article, cleaned and annotated as `marsad analyze --published 2016-09-01` does.
fn seed_article() -> Option<Article> {
    let text = marsad_testkit::read("seed/000_4a6ac2aa93eeae7b.txt")?;
    let published = chrono::DateTime::parse_from_rfc3339("2016-09-01T00:00:00+00:00").ok();
    let mut article = Article::new(
        Meta { origin: "seed".into(), format: "txt".into(), published, ..Meta::default() },
        text,
    );
    marsad_clean::clean(&mut article).expect("the seed cleans");
    marsad_extract::run(&mut article, &marsad_extract::Options::default()).expect("the seed annotates");
    Some(article)
}

#[test]
fn seed_article_has_the_geneva_talks_the_homs_assaults_and_the_truce() {
    let Some(article) = seed_article() else { return };
    let events = article.layer(layer::EVENTS);
    for e in events {
        println!(
            "{} {:<10} «{}» src={} ({}) tgt={} ({}) place={} date={} ({}) conf={}",
            attr(e, "event"),
            e.label,
            article.text_of(e),
            attr(e, "source"),
            attr(e, "source_key"),
            attr(e, "target"),
            attr(e, "target_key"),
            attr(e, "place"),
            attr(e, "date"),
            attr(e, "date_from"),
            attr(e, "confidence")
        );
    }
    let keys = |e: &Span| [attr(e, "source_key").to_string(), attr(e, "target_key").to_string()];
    let geneva = events.iter().find(|e| {
        e.label == "CONSULT"
            && attr(e, "date") == "2016-08-26"
            && attr(e, "place") == "جنيف"
            && keys(e).contains(&"PER:جون_كيري".to_string())
            && keys(e).contains(&"PER:سيرجي_لافروف".to_string())
    });
    assert!(geneva.is_some(), "no CONSULT of Kerry and Lavrov in Geneva dated 2016-08-26");
    let homs = events
        .iter()
        .filter(|e| e.label == "ASSAULT" && ["LOC:حمص", "LOC:وعر"].contains(&attr(e, "place_key")))
        .count();
    assert!(
        homs >= 2,
        "expected the sniping, shelling and air strikes in Homs / al-Waer, found {homs} ASSAULTs there"
    );
    let truce = events.iter().any(|e| e.label == "AGREE" && article.text_of(e).contains("هدنة"));
    assert!(truce, "no AGREE on the 48-hour truce");
    article.check_invariants().expect("event spans are valid");
}

fn gold_dir(relative: &str) -> Option<Vec<GoldSentence>> {
    let dir = match relative.strip_prefix("shared:") {
        Some(rest) => marsad_testkit::shared_dir()?.join(rest),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative),
    };
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml" || x == "tsv"))
        .collect();
    names.sort();
    let mut gold = Vec::new();
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        gold.extend(parse_gold(name, &text).unwrap_or_else(|e| panic!("{e}")));
    }
    Some(gold)
}

/// Issue 6's goals are type recall ≥ 0.85 with confusion ≤ 0.05 (met) and source ≥ 0.7, target
/// ≥ 0.6 (not met: 0.64 and 0.46). The actor floors below guard what the rules reach now.
#[test]
fn validation_records_type_recall_and_actor_floors() {
    let Some(gold) = gold_dir("shared:data/universalpetrarch_arabic/validation_dev") else { return };
    let report = eval_events(&gold);
    println!("UniversalPetrarch validation_dev:\n{report}");
    if std::env::var_os("MARSAD_SHOW_MISSES").is_some() {
        report.misses.iter().for_each(|m| println!("miss {m}"));
    }
    assert_eq!(report.sentences, 336);
    assert!(report.type_recall.value() >= 0.85, "type recall {}", report.type_recall);
    assert!(report.confusion.value() <= 0.05, "confusion {}", report.confusion);
    assert!(report.source.value() >= 0.62, "source {}", report.source);
    assert!(report.target.value() >= 0.44, "target {}", report.target);
}

#[test]
fn team_gold_covers_every_type_with_negatives() {
    let Some(gold) = gold_dir("testdata/events") else { return };
    let (held_out, dev): (Vec<_>, Vec<_>) = gold.into_iter().partition(|g| g.id.starts_with("heldout"));
    let dev_report = eval_events(&dev);
    println!("team gold, dev part:\n{dev_report}");
    let held_report = eval_events(&held_out);
    println!("team gold, held-out part:\n{held_report}");
    let all: Vec<GoldSentence> = dev.into_iter().chain(held_out).collect();
    let report = eval_events(&all);
    println!("team gold, all:\n{report}");
    assert!(report.sentences >= 100, "{} sentences, issue 6 asks for 100", report.sentences);
    for (plover, counts) in &report.per_type {
        assert!(
            counts.true_positive + counts.false_negative >= 3,
            "{plover} has fewer than 3 gold sentences"
        );
    }
    assert!(report.type_recall.value() >= 0.8, "type recall {}", report.type_recall);
    assert!(report.negatives_clean.value() >= 0.7, "negatives {}", report.negatives_clean);
}
