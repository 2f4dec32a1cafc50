//! The real corpora in `../shared/data`: every ANT article is read, none is rejected.
//! Skipped with a notice when `../shared` is absent, unless MARSAD_REQUIRE_SHARED=1.

use marsad_testkit::shared_dir as shared;
use std::time::Instant;

use marsad_read::{Item, Reader, Totals};

/// Reads one archive; checks that every article has an id, a date and an outlet and that origins
/// name the member.
fn read_archive(relative: &str) -> Option<Totals> {
    let path = shared()?.join(relative);
    let started = Instant::now();
    let mut problems = Vec::new();
    let totals = Reader::new().read_paths(&[path], |item| match item {
        Item::Article { article, .. } => {
            let m = &article.meta;
            if m.source_id.is_none() || m.published.is_none() || !m.origin.contains(".tar.gz!") {
                problems.push(format!("{}: id {:?}, published {:?}", m.origin, m.source_id, m.published));
            }
        }
        Item::Rejected(error) => problems.push(error.to_string()),
        Item::Skipped { .. } => {}
    });
    eprintln!("{relative}: {totals:?} in {:.2} s", started.elapsed().as_secs_f64());
    assert!(
        problems.is_empty(),
        "{} problems, first: {:?}",
        problems.len(),
        &problems[..problems.len().min(5)]
    );
    Some(totals)
}

#[test]
fn ant_v1_1_archive_gives_10_161_articles() {
    let Some(totals) = read_archive("data/ant_corpus_v1.1/antcorpus_v1.1.tar.gz") else { return };
    assert_eq!(
        (totals.articles, totals.rejected, totals.skipped),
        (10_161, 0, 2),
        "LICENSE and README.md skipped"
    );
}

#[test]
fn ant_multisource_v2_1_archive_gives_31_525_articles() {
    let Some(totals) = read_archive("data/ant_corpus_multisource_v2.1/antcorpus_multisource_v2.1.tar.gz")
    else {
        return;
    };
    assert_eq!((totals.articles, totals.rejected, totals.skipped), (31_525, 0, 1), "README.md skipped");
}

#[test]
fn seed_text_reads_with_its_first_line_as_headline() {
    let Some(shared) = shared() else { return };
    let mut articles = Vec::new();
    Reader::new().read_paths(&[shared.join("seed/000_4a6ac2aa93eeae7b.txt")], |item| match item {
        Item::Article { article, .. } => articles.push(article),
        other => panic!("unexpected {other:?}"),
    });
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert_eq!(a.meta.format, "txt");
    let headline = &a.original[a.meta.headline.clone().expect("a headline")];
    assert_eq!(Some(headline), a.original.lines().next());
    assert!(headline.starts_with("كيري"), "headline {headline:?}");
}
