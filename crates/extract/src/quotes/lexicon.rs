//! The words the quote finder knows: reporting verbs in every person, gender and tense it
//! recognises, the complementisers that open reported clauses, and the folding both are matched in.
//!
//! Verbs are listed by their past, present stem and participle stem and expanded here
//! (`أكد` → `أكدت`, `أكدوا`, `يؤكد`, `تؤكد`, `مؤكدا`, `مؤكدة` …); the irregular ones
//! (`قال`, `رأى`, `دعا`, `نفى`) are spelled out. A word matches with or without a leading `و`/`ف`
//! (`وقال`, `فرأى`). Words are compared after [`fold`], which forgets hamza seats, teh marbuta,
//! diacritics and tatweel but keeps alef maqsura, so `نفى` (denied) is not `نفي` (denial).

use std::collections::HashMap;
use std::sync::LazyLock;

/// Folds a word for matching: `أإآٱ` → `ا`, `ؤ` → `و`, `ئ` → `ي`, `ة` → `ه`; drops harakat,
/// the superscript alef and tatweel.
pub fn fold(word: &str) -> String {
    word.chars()
        .filter_map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
            'ؤ' => Some('و'),
            'ئ' => Some('ي'),
            'ة' => Some('ه'),
            '\u{064B}'..='\u{065F}' | '\u{0670}' | 'ـ' => None,
            c => Some(c),
        })
        .collect()
}

/// Grammatical number and gender of a verb form, used to pick the antecedent of an elided subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    Masculine,
    Feminine,
    Plural,
}

/// Past (`قال`), present (`يقول`) or active participle (`قائلا`, which continues the clause
/// before it: `…، مضيفا أن`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Participle,
}

/// What follows a reporting verb besides `أن`/`إن`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// Only a clause, a colon or a quotation (`قال`, `أضاف`).
    Clause,
    /// Also a preposition then a noun phrase that is the content (`شدد على ضرورة`, `أعرب عن أمله`).
    Prep(&'static str),
    /// Also a noun phrase object right after a named subject (`نفى الوزير وجود …`).
    Object,
    /// `وصف X بـ Y`: subject, object, then the description after `بـ`.
    Describe,
    /// `نقلت الوكالة عن X قوله إن`: the speaker follows `عن`.
    Relay,
}

#[derive(Debug, Clone, Copy)]
pub struct VerbForm {
    pub lemma: &'static str,
    pub agreement: Agreement,
    pub tense: Tense,
    pub frame: Frame,
}

/// (past, present stem without the person prefix, participle stem, frame) for the regular verbs.
const REGULAR: &[(&str, &str, &str, Frame)] = &[
    ("أكد", "ؤكد", "مؤكد", Frame::Prep("على")),
    ("أعلن", "علن", "معلن", Frame::Clause),
    ("أوضح", "وضح", "موضح", Frame::Clause),
    ("أضاف", "ضيف", "مضيف", Frame::Clause),
    ("تابع", "تابع", "متابع", Frame::Clause),
    ("اعتبر", "عتبر", "معتبر", Frame::Clause),
    ("أشار", "شير", "مشير", Frame::Prep("إلى")),
    ("لفت", "لفت", "لافت", Frame::Prep("إلى")),
    ("نوه", "نوه", "منوه", Frame::Prep("إلى")),
    ("شدد", "شدد", "مشدد", Frame::Prep("على")),
    ("حذر", "حذر", "محذر", Frame::Prep("من")),
    ("أعرب", "عرب", "معرب", Frame::Prep("عن")),
    ("وصف", "صف", "واصف", Frame::Describe),
    ("ذكر", "ذكر", "ذاكر", Frame::Clause),
    ("أفاد", "فيد", "مفيد", Frame::Clause),
    ("كشف", "كشف", "كاشف", Frame::Clause),
    ("صرح", "صرح", "مصرح", Frame::Clause),
    ("نقل", "نقل", "ناقل", Frame::Relay),
    ("زعم", "زعم", "زاعم", Frame::Clause),
    ("اعترف", "عترف", "معترف", Frame::Clause),
    ("أقر", "قر", "مقر", Frame::Clause),
    ("تعهد", "تعهد", "متعهد", Frame::Clause),
    ("توقع", "توقع", "متوقع", Frame::Clause),
    ("رجح", "رجح", "مرجح", Frame::Clause),
    ("أبلغ", "بلغ", "مبلغ", Frame::Clause),
    ("أورد", "ورد", "مورد", Frame::Clause),
    ("طالب", "طالب", "مطالب", Frame::Prep("ب")),
    ("تساءل", "تساءل", "متسائل", Frame::Clause),
    ("استطرد", "ستطرد", "مستطرد", Frame::Clause),
];

/// Irregular verbs: (lemma, frame, forms as `form:agreement:tense`, agreement m/f/p, tense
/// s(past)/p(resent)/a(participle)).
const IRREGULAR: &[(&str, Frame, &str)] = &[
    (
        "قال",
        Frame::Clause,
        "قال:m:s قالت:f:s قالوا:p:s قالا:p:s يقول:m:p تقول:f:p يقولون:p:p قائلا:m:a قائلة:f:a قائلين:p:a",
    ),
    ("رأى", Frame::Clause, "رأى:m:s رأت:f:s رأوا:p:s يرى:m:p ترى:f:p يرون:p:p"),
    ("دعا", Frame::Prep("إلى"), "دعا:m:s دعت:f:s دعوا:p:s يدعو:m:p تدعو:f:p يدعون:p:p داعيا:m:a داعية:f:a"),
    ("نفى", Frame::Object, "نفى:m:s نفت:f:s نفوا:p:s ينفي:m:p تنفي:f:p ينفون:p:p نافيا:m:a نافية:f:a"),
    ("ادعى", Frame::Clause, "ادعى:m:s ادعت:f:s ادعوا:p:s يدعي:m:p تدعي:f:p"),
    ("بين", Frame::Clause, "بينت:f:s مبينا:m:a مبينة:f:a"),
];

fn expand_regular(past: &str, present: &str, participle: &str) -> Vec<(String, Agreement, Tense)> {
    use Agreement::*;
    use Tense::*;
    vec![
        (past.to_string(), Masculine, Past),
        (format!("{past}ت"), Feminine, Past),
        (format!("{past}وا"), Plural, Past),
        (format!("{past}ا"), Plural, Past),
        (format!("ي{present}"), Masculine, Present),
        (format!("ت{present}"), Feminine, Present),
        (format!("ي{present}ون"), Plural, Present),
        (format!("{participle}ا"), Masculine, Participle),
        (format!("{participle}ة"), Feminine, Participle),
        (format!("{participle}ين"), Plural, Participle),
    ]
}

static FORMS: LazyLock<HashMap<String, VerbForm>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for &(past, present, participle, frame) in REGULAR {
        for (form, agreement, tense) in expand_regular(past, present, participle) {
            map.entry(fold(&form)).or_insert(VerbForm { lemma: past, agreement, tense, frame });
        }
    }
    for &(lemma, frame, forms) in IRREGULAR {
        for spec in forms.split(' ') {
            let mut parts = spec.split(':');
            let (Some(form), Some(agreement), Some(tense)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let agreement = match agreement {
                "f" => Agreement::Feminine,
                "p" => Agreement::Plural,
                _ => Agreement::Masculine,
            };
            let tense = match tense {
                "p" => Tense::Present,
                "a" => Tense::Participle,
                _ => Tense::Past,
            };
            map.insert(fold(form), VerbForm { lemma, agreement, tense, frame });
        }
    }
    map
});

/// The reporting verb a word is, if any: the word itself or without a leading `و`/`ف`.
/// Returns the form and whether a conjunction was attached.
pub fn reporting_verb(word: &str) -> Option<(VerbForm, bool)> {
    let folded = fold(word);
    if let Some(v) = FORMS.get(&folded) {
        return Some((*v, false));
    }
    let rest = folded.strip_prefix('و').or_else(|| folded.strip_prefix('ف'))?;
    FORMS.get(rest).map(|v| (*v, true))
}

/// `أن`, `إن`, `بأن` and their pronoun-suffixed forms (`أنه`, `إنها`, `بأنهم`), folded.
pub fn is_complementiser(folded: &str) -> bool {
    let bare = folded.strip_prefix('ب').unwrap_or(folded);
    matches!(bare, "ان" | "انه" | "انها" | "انهم" | "انهما" | "اننا" | "انني" | "اني" | "انكم" | "انهن")
}

/// Words that end a speaker phrase: the circumstances of the statement (`في بيان`, `خلال مؤتمر`,
/// `أمس`, `للصحفيين`), folded.
pub fn ends_speaker(folded: &str) -> bool {
    const CUTS: &[&str] = &[
        "في",
        "خلال",
        "امام",
        "لدي",
        "عبر",
        "عقب",
        "بعد",
        "اثر",
        "قبل",
        "حسب",
        "بحسب",
        "وفق",
        "وفقا",
        "اليوم",
        "امس",
        "مساء",
        "صباح",
        "ظهر",
        "ليل",
        "ليله",
        "فجر",
        "ضمن",
        "مع",
        "طلب",
        "رفض",
        "فضل",
        "حيث",
        "الاحد",
        "الاثنين",
        "الثلاثاء",
        "الاربعاء",
        "الخميس",
        "الجمعه",
        "السبت",
        "يوم",
        "ل",
        "لـ",
        "بدوره",
        "بدورها",
        "بيان",
        "تصريح",
        "تصريحات",
        "مقابله",
        "حديث",
        "كلمه",
        "اجتماع",
        "مؤتمر",
    ];
    if CUTS.contains(&folded) {
        return true;
    }
    // `للصحفيين`, `لوكالة`, `لقناة`: the addressee. A name such as `لافروف` or `لقجع` starts
    // with `ل` too, so only the article after `ل` or a media noun counts.
    if folded.starts_with("لل") {
        return true;
    }
    const MEDIA: &[&str] = &["وكاله", "قناه", "صحيفه", "موقع", "تلفزيون", "اذاعه", "رويترز", "شبكه", "مجله"];
    folded.strip_prefix('ل').is_some_and(|rest| MEDIA.contains(&rest))
}

/// Nouns after which `في` still belongs to the speaker: `مصدر في وزارة الخارجية`,
/// `القيادي في حماس`, `محللون في بنك …`.
pub fn is_source_noun(folded: &str) -> bool {
    const SOURCES: &[&str] = &[
        "مصدر",
        "مصادر",
        "مسوول",
        "مسووله",
        "مسوولون",
        "مسوولين",
        "عضو",
        "اعضاء",
        "قيادي",
        "قياديه",
        "خبير",
        "خبيره",
        "خبراء",
        "محلل",
        "محلله",
        "محللون",
        "محللين",
        "باحث",
        "باحثه",
        "ضابط",
        "مستشار",
        "مستشاره",
        "موظف",
        "دبلوماسي",
        "دبلوماسيون",
        "مندوب",
        "ناشط",
        "ناشطه",
        "ناشطون",
        "منسق",
        "منسقه",
        "استاذ",
        "مراسل",
        "مراسله",
        "متحدث",
        "متحدثه",
        "نايب",
        "نايبه",
    ];
    let bare = folded.strip_prefix("ال").unwrap_or(folded);
    SOURCES.contains(&bare)
}

/// Words after a comma that end a reported clause: another attribution follows.
pub fn ends_clause(folded: &str) -> bool {
    const ENDS: &[&str] =
        &["فيما", "بينما", "حسبما", "بحسب", "حسب", "وفق", "وفقا", "طبقا", "كما", "وهو", "وهي", "وذلك"];
    ENDS.contains(&folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_match_in_any_person_and_gender_with_conjunctions() {
        let cases: &[(&str, &str, Agreement, Tense, bool)] = &[
            ("قال", "قال", Agreement::Masculine, Tense::Past, false),
            ("وقالت", "قال", Agreement::Feminine, Tense::Past, true),
            ("فيقول", "قال", Agreement::Masculine, Tense::Present, true),
            ("وأكدت", "أكد", Agreement::Feminine, Tense::Past, true),
            ("مؤكدا", "أكد", Agreement::Masculine, Tense::Participle, false),
            ("مضيفةً", "أضاف", Agreement::Feminine, Tense::Participle, false),
            ("وأضافوا", "أضاف", Agreement::Plural, Tense::Past, true),
            ("فرأى", "رأى", Agreement::Masculine, Tense::Past, true),
            ("ويرى", "رأى", Agreement::Masculine, Tense::Present, true),
            ("داعيا", "دعا", Agreement::Masculine, Tense::Participle, false),
            ("وصف", "وصف", Agreement::Masculine, Tense::Past, false),
            ("ووصفت", "وصف", Agreement::Feminine, Tense::Past, true),
            ("يُؤكِّد", "أكد", Agreement::Masculine, Tense::Present, false),
        ];
        for &(word, lemma, agreement, tense, conj) in cases {
            let (v, c) = reporting_verb(word).unwrap_or_else(|| panic!("{word} is not a reporting verb"));
            assert_eq!((v.lemma, v.agreement, v.tense, c), (lemma, agreement, tense, conj), "{word}");
        }
        for word in ["نفي", "الرأي", "قول", "وزير", "أن", "مصدر"] {
            assert!(reporting_verb(word).is_none(), "{word} is not a reporting verb");
        }
    }

    #[test]
    fn complementisers_and_speaker_cuts() {
        for w in ["أن", "إن", "بأن", "أنه", "إنها", "بأنهم"] {
            assert!(is_complementiser(&fold(w)), "{w}");
        }
        for w in ["أنا", "إنما", "بين"] {
            assert!(!is_complementiser(&fold(w)), "{w}");
        }
        for (w, cut) in
            [("في", true), ("للصحفيين", true), ("لوكالة", true), ("لافروف", false), ("لقجع", false)]
        {
            assert_eq!(ends_speaker(&fold(w)), cut, "{w}");
        }
        assert!(is_source_noun(&fold("مصدر")) && is_source_noun(&fold("القيادي")));
        assert!(!is_source_noun(&fold("الكرملين")));
    }
}
