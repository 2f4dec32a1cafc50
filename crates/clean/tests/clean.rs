//! Cleaning whole articles: the seed article from `../shared` and arbitrary text.

use marsad_testkit::shared_dir;

use marsad_article::{layer, Article, Meta};
use marsad_clean::clean;
use proptest::prelude::*;

fn txt(origin: &str, text: &str) -> Article {
    let first_line = text.find('\n').unwrap_or(text.len());
    Article::new(
        Meta {
            origin: origin.into(),
            format: "txt".into(),
            headline: Some(0..first_line),
            ..Meta::default()
        },
        text.into(),
    )
}

#[test]
fn seed_article_gives_headline_dateline_and_loses_its_furniture() {
    let Some(shared) = shared_dir() else { return };
    let path = shared.join("seed/000_4a6ac2aa93eeae7b.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut a = txt(&path.display().to_string(), &text);
    let report = clean(&mut a).unwrap();
    a.check_invariants().unwrap();

    // The first line as written: its tatweel (`بـ”الجيدة”`) marks a prefix standing apart and stays.
    let first_line = text.lines().next().map(str::trim);
    assert_eq!(a.headline(), first_line);
    let dateline: Vec<(&str, &str, Option<&str>)> = a
        .layer(layer::DATELINE)
        .iter()
        .map(|s| (s.label.as_str(), a.text_of(s), s.attr_str("canonical")))
        .collect();
    assert_eq!(
        dateline,
        [
            ("DATELINE", "نودلهي/ حمص/ وكالات", None),
            ("PLACE", "نودلهي", Some("نيودلهي")),
            ("PLACE", "حمص", Some("حمص")),
            ("AGENCY", "وكالات", Some("وكالات")),
        ]
    );
    assert!(a.clean.ends_with("اتفاق داريا الأخير."), "clean ends with: {:?}", &a.clean[a.clean.len() - 80..]);
    assert!(!a.clean.contains("قد يعجبك"));
    assert_eq!(report.furniture, 1);
    let furniture = &a.layer(layer::FURNITURE)[0];
    assert_eq!(furniture.attrs["rule"], "trailing_block");
    assert_eq!(furniture.attrs["text"], "قد يعجبك ايضا");
}

proptest! {
    #[test]
    fn any_text_cleans_without_panic_and_keeps_invariants(text in "(?s).{0,300}") {
        let mut a = txt("prop", &text);
        clean(&mut a).unwrap();
        prop_assert!(a.check_invariants().is_ok());
        prop_assert!(!a.clean.starts_with(char::is_whitespace) && !a.clean.ends_with(char::is_whitespace));
    }

    #[test]
    fn arabic_news_like_text_keeps_invariants(
        lines in prop::collection::vec(
            "(بيروت|نودلهي|غزة|شارك|قد يعجبك ايضا|اقرأ أيضا:|فيسبوك تويتر|\\(أ ف ب\\)|وكالات|[ -/:،\u{0640}\u{200F}\u{FEFB}\u{00A0}]|[ء-ي]{1,6}|\r|\n){0,12}",
            0..8,
        )
    ) {
        let text = lines.join("\n");
        let mut a = txt("prop", &text);
        clean(&mut a).unwrap();
        prop_assert!(a.check_invariants().is_ok());
        for s in a.layer(layer::FURNITURE) {
            let start = s.attrs["original_start_char"].as_u64().unwrap() as usize;
            let end = s.attrs["original_end_char"].as_u64().unwrap() as usize;
            let removed: String = text.chars().skip(start).take(end - start).collect();
            prop_assert_eq!(&removed, s.attrs["text"].as_str().unwrap());
        }
    }
}
