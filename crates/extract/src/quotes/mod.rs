//! Quotations: who said what, direct (`قال: «…»`) or reported (`أكد الكرملين أن …`), with the
//! speaker linked to the entity layer, e.g. `كما وصف وزير الخارجية الأمريكي مباحثاته … بـ”الحوار الجيد”`
//! → a `DIRECT` quote `الحوار الجيد`, verb `وصف`, speaker Kerry (`e1`, found through his role).
//!
//! Adds the `quotes` layer. Per quote `qN`, three spans carrying `quote` = `qN`:
//! - the content, labelled `DIRECT` (the words between quotation marks, or after a colon) or
//!   `INDIRECT` (the clause after `أن`/`إن`, or the noun phrase after `أعرب عن`, `شدد على`,
//!   `دعا إلى`, `وصف … بـ`), with `verb` (the reporting verb as written), `sentence` (index in
//!   the `sentences` layer), and when a speaker was found `speaker` (the mention's text),
//!   `speaker_via` (`mention`, `role` for a role phrase matched to an entity's `role`, `title` for
//!   `الوزير` resolved to an earlier speaker, `subject` for a subject before the verb (`وكان كيري
//!   وصف`, a headline's `العاهل الأردني يحذر`), `surname` for a lone surname the tagger missed,
//!   `anaphora` for an elided subject: `وأضاف`), `speaker_entity`, `speaker_key`, `speaker_canonical`
//!   (copied from the entity; for a speaker without one, `speaker_canonical` is the antecedent's
//!   phrase), and `diagnostic` (`unclosed quote`, `closing mark without opening`) when the marks
//!   were unbalanced;
//! - `CUE`, the reporting verb;
//! - `SPEAKER`, the speaker mention (for an elided subject, the antecedent's mention).
//!
//! Entry point: [`find_quotes`] (cleaned text, sentence ranges and the entity spans in, spans
//! out), called by `extract::run` after entities. Scoring: [`eval::eval_quotes`] against the gold
//! set in `testdata/quotes/`. Uses `marsad-article` only; no I/O, no panics, linear in the text.
//!
//! Rules rather than a model: attribution in wire Arabic is a small set of constructions (the
//! lexicon in [`lexicon`], the order of tests in `finder`), and a rule's mistakes can be read
//! and named. Quotation marks alone do not make a quote (`وكالة “نوفوستي”` is a name): a
//! quotation counts when a reporting verb introduces it or follows it.

pub mod eval;
mod finder;
pub mod lexicon;
mod marks;

use std::ops::Range;

use marsad_article::Span;

pub use eval::{eval_quotes, parse_gold, ArticleQuotes, GoldQuote, QuotesReport};

/// Whether the words are the speaker's own or reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    Direct,
    Indirect,
}

impl QuoteKind {
    /// The span label: `DIRECT` or `INDIRECT`.
    pub fn label(self) -> &'static str {
        match self {
            QuoteKind::Direct => "DIRECT",
            QuoteKind::Indirect => "INDIRECT",
        }
    }

    pub fn from_label(label: &str) -> Option<QuoteKind> {
        match label {
            "DIRECT" => Some(QuoteKind::Direct),
            "INDIRECT" => Some(QuoteKind::Indirect),
            _ => None,
        }
    }
}

/// Why a gold file could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum QuotesError {
    #[error("gold line {line}: {reason}")]
    Gold { line: usize, reason: String },
}

/// Finds the quotations of a cleaned text. `sentences` are the `sentences` layer's ranges, in
/// order; `entities` the `entities` layer (attributes `entity`, `canonical`, `key`, `role` are
/// read when present). Returns the content, `CUE` and `SPEAKER` spans described in the module doc,
/// on char boundaries of `clean`.
pub fn find_quotes(clean: &str, sentences: &[Range<usize>], entities: &[Span]) -> Vec<Span> {
    let finder = finder::Finder::new(clean, sentences, entities);
    let mut spans = Vec::new();
    for (n, quote) in finder.find().into_iter().enumerate() {
        let id = format!("q{}", n + 1);
        let mut content = Span::new(quote.content.clone(), quote.kind.label())
            .with_attr("quote", id.as_str())
            .with_attr("verb", quote.verb.as_str());
        if let Some(sentence) = finder.sentence_at(quote.cue.start) {
            content = content.with_attr("sentence", sentence);
        }
        if let Some(diagnostic) = quote.diagnostic {
            content = content.with_attr("diagnostic", diagnostic);
        }
        if let Some(speaker) = &quote.speaker {
            content =
                content.with_attr("speaker", speaker.text.as_str()).with_attr("speaker_via", speaker.via);
            if let Some(entity) = &speaker.entity {
                for (from, to) in [("entity", "speaker_entity"), ("key", "speaker_key")] {
                    if let Some(v) = entity.attrs.get(from) {
                        content = content.with_attr(to, v.clone());
                    }
                }
            }
            if let Some(canonical) = &speaker.canonical {
                content = content.with_attr("speaker_canonical", canonical.as_str());
            }
            spans.push(Span::new(speaker.mention.clone(), "SPEAKER").with_attr("quote", id.as_str()));
        }
        spans.push(Span::new(quote.cue.clone(), "CUE").with_attr("quote", id.as_str()));
        spans.push(content);
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str, name: &str, id: &str, canonical: &str, role: Option<&str>) -> Vec<Span> {
        text.match_indices(name)
            .map(|(at, m)| {
                let span = Span::new(at..at + m.len(), "PER")
                    .with_attr("entity", id)
                    .with_attr("canonical", canonical)
                    .with_attr("key", format!("PER:{}", canonical.replace(' ', "_")));
                match role {
                    Some(r) => span.with_attr("role", r),
                    None => span,
                }
            })
            .collect()
    }

    /// (kind, content, verb, speaker canonical or surface) per quote.
    fn quotes(text: &str, entities: &[Span]) -> Vec<(String, String, String, String)> {
        let mut entities = entities.to_vec();
        entities.sort_by_key(|e| e.start);
        let sentences = marsad_text::sentences(text);
        find_quotes(text, &sentences, &entities)
            .iter()
            .filter(|s| QuoteKind::from_label(&s.label).is_some())
            .map(|s| {
                let attr = |k: &str| s.attr_str(k).unwrap_or("-").to_string();
                let speaker = s
                    .attrs
                    .get("speaker_canonical")
                    .map_or_else(|| attr("speaker"), |_| attr("speaker_canonical"));
                (s.label.clone(), text[s.range()].to_string(), attr("verb"), speaker)
            })
            .collect()
    }

    fn check(text: &str, entities: &[Span], expected: &[(&str, &str, &str, &str)]) {
        let got = quotes(text, entities);
        let want: Vec<(String, String, String, String)> = expected
            .iter()
            .map(|&(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
            .collect();
        assert_eq!(got, want, "\ntext: {text}");
    }

    #[test]
    fn direct_quotes_in_every_mark_and_after_a_colon() {
        let text = "وقال الوزير في بيان: «الوضع صعب جدا». وأضاف: \"لن نتراجع عن قرارنا\". وتابع: سنواصل العمل حتى النهاية.";
        check(
            text,
            &[],
            &[
                ("DIRECT", "الوضع صعب جدا", "وقال", "الوزير"),
                ("DIRECT", "لن نتراجع عن قرارنا", "وأضاف", "الوزير"),
                ("DIRECT", "سنواصل العمل حتى النهاية", "وتابع", "الوزير"),
            ],
        );
    }

    #[test]
    fn indirect_speech_with_prepositions_and_participles() {
        let text = "أكد الكرملين في وقت سابق أن موسكو بعيدة عن التعاون، مضيفا أن الجانب الروسي ينتظر. \
                    وشدد مصدر في وزارة الخارجية على ضرورة الحوار. وأعربت الوزارة عن أملها في التوصل إلى اتفاق.";
        let kremlin = Span::new(
            text.find("الكرملين").unwrap()..text.find("الكرملين").unwrap() + "الكرملين".len(),
            "ORG",
        )
        .with_attr("entity", "e1")
        .with_attr("canonical", "الكرملين");
        check(
            text,
            &[kremlin],
            &[
                ("INDIRECT", "موسكو بعيدة عن التعاون", "أكد", "الكرملين"),
                ("INDIRECT", "الجانب الروسي ينتظر", "مضيفا", "الكرملين"),
                ("INDIRECT", "ضرورة الحوار", "وشدد", "مصدر في وزارة الخارجية"),
                ("INDIRECT", "أملها في التوصل إلى اتفاق", "وأعربت", "الوزارة"),
            ],
        );
    }

    #[test]
    fn speakers_by_name_role_subject_and_elided_subject() {
        let text = "أعرب وزير الخارجية الأمريكي، جون كيري، عن أمله في التقدم. \
                    وقالت المتحدثة باسم الخارجية إن الاجتماع كان مثمرا. \
                    كما وصف وزير الخارجية الأمريكي مباحثاته بـ”الحوار الجيد”. \
                    وكان كيري وصف المحادثات بأنها بناءة. وأضافت أن الجولة المقبلة ستعقد قريبا.";
        let kerry = person(text, "جون كيري", "e1", "جون كيري", Some("وزير الخارجية الأمريكي"));
        let mut entities = kerry;
        let at = text.rfind("كيري وصف").unwrap();
        entities.push(
            Span::new(at..at + "كيري".len(), "PER")
                .with_attr("entity", "e1")
                .with_attr("canonical", "جون كيري")
                .with_attr("role", "وزير الخارجية الأمريكي"),
        );
        check(
            text,
            &entities,
            &[
                ("INDIRECT", "أمله في التقدم", "أعرب", "جون كيري"),
                ("INDIRECT", "الاجتماع كان مثمرا", "وقالت", "المتحدثة باسم الخارجية"),
                ("DIRECT", "الحوار الجيد", "وصف", "جون كيري"),
                ("INDIRECT", "بناءة", "وصف", "جون كيري"),
                ("INDIRECT", "الجولة المقبلة ستعقد قريبا", "وأضافت", "المتحدثة باسم الخارجية"),
            ],
        );
    }

    #[test]
    fn an_elided_subject_never_crosses_gender() {
        // `مشيرا` continues `انتقد الحزب …`, whose subject the finder cannot see (انتقد reports
        // nothing); the only earlier speaker is a woman, so the quote gets no speaker.
        let text = "وقالت رئيسة اللجنة إن الانتخابات ستجرى في موعدها. \
                    وانتقد الحزب المعارض القرار، مشيرا إلى أنه يفتقر إلى الشرعية.";
        check(
            text,
            &[],
            &[
                ("INDIRECT", "الانتخابات ستجرى في موعدها", "وقالت", "رئيسة اللجنة"),
                ("INDIRECT", "يفتقر إلى الشرعية", "مشيرا", "-"),
            ],
        );
    }

    #[test]
    fn relayed_speech_and_speaker_after_the_quotation() {
        let text = "ونقلت وكالة رويترز عن مسؤول أمريكي قوله إن المحادثات متعثرة. \
                    «التراجع كان متوقعا في ظل الأسعار»، قال المحلل الاقتصادي.";
        check(
            text,
            &[],
            &[
                ("INDIRECT", "المحادثات متعثرة", "ونقلت", "مسؤول أمريكي"),
                ("DIRECT", "التراجع كان متوقعا في ظل الأسعار", "قال", "المحلل الاقتصادي"),
            ],
        );
    }

    #[test]
    fn names_in_quotation_marks_and_impersonal_verbs_are_not_quotes() {
        check("حسبما نقلته وكالة “نوفوستي” الروسية. يذكر أن الاتفاق ينص على التهدئة.", &[], &[]);
        check("ويعود سبب نقل المباراة إلى الملعب إلى أن \"الجوهرة المشعة الكبرى\" مغلقة.", &[], &[]);
        check(
            "وقالت منظمة \"المجتمع السوري الأمريكي الطبي\"، التي تعمل في المنطقة، إن القصف مستمر.",
            &[],
            &[("INDIRECT", "القصف مستمر", "وقالت", "منظمة \"المجتمع السوري الأمريكي الطبي\"")],
        );
    }

    #[test]
    fn titles_in_marks_and_impersonal_passives_are_not_quotes() {
        let text = "وأضاف الوزير في برنامج \"فوكس نيوز صنداي\" قائلا \"الرئيس لا يفعل ذلك للاستعراض\". \
                    وكان يتوقع أن تفوز بالجائزة. وأضاف البيان: \"نشر الأنظمة يشكل خطرا كبيرا\".";
        check(
            text,
            &[],
            &[
                ("DIRECT", "الرئيس لا يفعل ذلك للاستعراض", "قائلا", "الوزير"),
                ("DIRECT", "نشر الأنظمة يشكل خطرا كبيرا", "وأضاف", "البيان"),
            ],
        );
    }

    #[test]
    fn unbalanced_marks_give_a_diagnostic() {
        let text = "وقال الرئيس: «لا مكان لأي سلاح خارج الدولة.\nحيث قال: آمل في التقدم نحو وقف العنف”.";
        let spans = find_quotes(text, &marsad_text::sentences(text), &[]);
        let diagnostics: Vec<(&str, &str)> = spans
            .iter()
            .filter_map(|s| Some((&text[s.range()], s.attrs.get("diagnostic")?.as_str()?)))
            .collect();
        assert_eq!(
            diagnostics,
            [
                ("لا مكان لأي سلاح خارج الدولة", "unclosed quote"),
                ("آمل في التقدم نحو وقف العنف", "closing mark without opening")
            ]
        );
    }

    #[test]
    fn thousands_of_stray_marks_stay_linear_and_on_char_boundaries() {
        let mut text = String::new();
        for n in 0..4000 {
            text.push_str(["وقال: «", "أن \"", "» قال ", "”بـ", "وأضاف أن ", "، مضيفا «"][n % 6]);
            text.push_str("كلام ");
        }
        let sentences = marsad_text::sentences(&text);
        let spans = find_quotes(&text, &sentences, &[]);
        assert!(!spans.is_empty());
        for s in &spans {
            assert!(s.start <= s.end && text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
}
