//! Triggers that match but report no event: sport, negated and hypothetical events, natural
//! causes, figurative `استهدف`, incitement, names of organisations and agreements named as things.
//!
//! Whole articles are mostly sentences without an event, and the words of events are everyday
//! words there: `يلتقي المنتخب` is a match, `تستهدف المبادرة التوعية` aims at awareness, `لم
//! تسقط أي صواريخ` says nothing fell. POLECAT drops sports and entertainment stories before coding
//! for the same reason. Each rule here comes from the hand-judged ANT sample
//! (`crates/extract/testdata/event_judgements`, `dev` rows) and was checked not to cost recall on
//! the validation sentences. Used by [`super::find_events`] after actors are assigned.

use std::sync::LazyLock;

use super::lexicon::word_key;
use super::{Actor, Found, Word};

/// Keys of words that only sport writes (a match, a league, a player, a coach, a loan).
static SPORT: LazyLock<Vec<String>> = LazyLock::new(|| {
    keys(
        "مباراة مباريات الدوري المونديال مونديال كأس لاعب لاعبين \
         لاعبو لاعبي بطولة ملعب ملاعب مدرب الإعارة الشوط ركلة بهدفين \
         التعادل مرمى الفيفا يويفا هداف",
    )
});

/// Keys of natural and medical causes of death and flight: no one attacks in an earthquake.
static NATURE: LazyLock<Vec<String>> = LazyLock::new(|| {
    keys(
        "زلزال هزة بركان فيروس وباء إعصار عاصفة فيضان فيضانات سيول \
         مرض السرطان الكوليرا مروري تصادم",
    )
});

/// Keys of negators that make the verb right after them (or after `يتم`/`تم`) unreal.
static NEGATORS: LazyLock<Vec<String>> = LazyLock::new(|| keys("لم لن لا ليس ليست"));

/// Keys of words that make what follows in their clause unreal: conditions, possibility, hopes,
/// ruling out, "once" (`بمجرد`).
static HYPOTHETICAL: LazyLock<Vec<String>> = LazyLock::new(|| {
    keys(
        "إذا اذا لو لولا يمكن يمكنها ربما المحتمل احتمال الوارد \
         تستبعد يستبعد استبعد بمجرد بأمل يأمل تأمل انتظار بانتظار \
         تسعى يسعى لمنع إمكانية فرصة احتمالات حال",
    )
});

/// Keys of words of asking and pressing: the act asked for has not happened (`ستطلب من إسرائيل
/// الانسحاب`, `تضغط لإطلاق سراح`).
static ASKING: LazyLock<Vec<String>> = LazyLock::new(|| {
    keys(
        "طلب ستطلب تطلب يطلب طالب يطالب تطالب مطالبة للمطالبة دعا \
         يدعو تدعو دعوة داعيا حث يحث تضغط يضغط للضغط",
    )
});

/// Keys of words that end or lift something, which therefore exists: `دعا إلى وقف فوري للقتال`.
static ENDING: LazyLock<Vec<String>> = LazyLock::new(|| keys("وقف إنهاء انهاء رفع فك"));

/// The key of `استهدف` (targeted, or aimed to).
static AIM: LazyLock<String> = LazyLock::new(|| word_key("استهدف"));

/// Keys of goals `استهدف` aims at when it means "aims to" (`تستهدف الوزارة الانتهاء من تحقيقها`).
static GOALS: LazyLock<Vec<String>> = LazyLock::new(|| {
    keys(
        "تحقيق توفير تعزيز تطوير الانتهاء الضغط التوعية زيادة رفع خفض جذب دعم تثبيت الحد تقليل تحسين بناء \
         الوصول ضمان حماية جمع إنشاء استقطاب",
    )
});

/// Keys of words of incitement: `التحريض على قتل` is a charge, not a killing.
static INCITEMENT: LazyLock<Vec<String>> = LazyLock::new(|| keys("التحريض المحرض يحرض بالتحريض"));

/// Keys of the head nouns of organisation names: a trigger right after one names the body
/// (`منظمة حظر الأسلحة الكيميائية`, `لجنة التحقيق`).
static ORGANISATION_HEADS: LazyLock<Vec<String>> =
    LazyLock::new(|| keys("منظمة هيئة لجنة وكالة جمعية مركز وزارة"));

/// The keys of the space-separated `words`, sorted for [`has`].
fn keys(words: &str) -> Vec<String> {
    let mut keys: Vec<String> = words.split_whitespace().map(word_key).collect();
    keys.sort_unstable();
    keys
}

/// True when `word`'s key is in `list` (sorted: [`is_sport`] asks it of every word).
fn has(list: &[String], word: &Word) -> bool {
    !word.key.is_empty() && list.binary_search(&word.key).is_ok()
}

/// True when `words` is a sentence of sport.
pub(super) fn is_sport(words: &[Word]) -> bool {
    words.iter().any(|w| has(&SPORT, w))
}

/// True when an article whose sentences are `sport` (one flag a sentence) is about sport: two or
/// more sport sentences, a fifth of them or more. Its events are matches and transfers.
pub(super) fn is_sport_article(sport: &[bool]) -> bool {
    let count = sport.iter().filter(|s| **s).count();
    count >= 2 && count * 5 >= sport.len()
}

/// True when the trigger `found` of a sentence of `words` (not one of sport: see [`is_sport`])
/// reports no event, given the actors assigned. Each rule is named after the reason the judged
/// sample gives for such events (idiom, nature, negated, hypothetical, asked for, incitement, name,
/// metaphor, reference).
pub(super) fn reports_no_event(
    trigger_text: &str,
    found: &Found,
    triggers: &[Found],
    words: &[Word],
    source: Option<&Actor>,
    target: Option<&Actor>,
) -> bool {
    // Idiom: `هنا` (here) has the key of `هنأ` (congratulated).
    if trigger_text == "هنا" {
        return true;
    }
    let first = found.first;
    let plover = found.trigger.plover;
    // The words of the trigger's clause before it, nearest first.
    let before = || words[..first].iter().rev().take_while(|w| !w.is_break);
    // Nature: no one attacks in an earthquake.
    if matches!(plover, "ASSAULT" | "RETREAT") && words.iter().any(|w| has(&NATURE, w)) {
        return true;
    }
    let is_verb = found.reads_as_verb(words);
    let mut near = before().filter(|w| !w.key.is_empty());
    let previous = near.next();
    let negated = match previous {
        Some(w) if has(&NEGATORS, w) => is_verb,
        // `لم يتم التوصل`, `لن تتم`.
        Some(w) if ["يتم", "تتم", "تم"].contains(&w.key.as_str()) => {
            near.next().is_some_and(|w| has(&NEGATORS, w))
        }
        Some(w) => w.key == "عدم" || w.key == "دون",
        None => false,
    };
    // `لا سيما` (especially) and `لا يزال` (still) negate nothing.
    let idiom = words.get(first).is_some_and(|w| w.key == "سيما" || w.key.starts_with("يزال"));
    // Negated.
    if negated && !idiom && plover != "REJECT" {
        return true;
    }
    // `قد` before an imperfect verb is "may" (`قد يهدد`); before a perfect one it is "has".
    let may =
        |(i, w): (usize, &Word)| w.key == "قد" && words.get(i + 1).is_some_and(|n| n.key.starts_with('ي'));
    let clause_start = first - before().count();
    if before().take(8).any(|w| has(&HYPOTHETICAL, w))
        || (clause_start..first).map(|i| (i, &words[i])).any(may)
    {
        return true;
    }
    // Asked for: the verbal noun a demand governs (`ستطلب من إسرائيل الانسحاب`); a verb there is
    // a clause of its own (`بإعادة جنديين تحتجزهما حماس`: they are held).
    let asked = before().take(4).any(|w| has(&ASKING, w));
    let ended = before().take(2).any(|w| has(&ENDING, w));
    if asked && !ended && !is_verb && plover != "REQUEST" {
        return true;
    }
    // Incitement.
    if plover == "ASSAULT" && before().take(3).any(|w| has(&INCITEMENT, w)) {
        return true;
    }
    // A name: the head may govern two nouns joined by `و` (`وزارة الاستثمار والتعاون الدولي`).
    let head = |at: usize| has(&ORGANISATION_HEADS, &words[at]) && !words[at].has_article;
    if first > 0 && head(first - 1) || first > 1 && words[first].has_conjunction && head(first - 2) {
        return true;
    }
    // `استهدف` with no entity or agent noun on either side, and no other attack in the sentence,
    // aims at a goal, not a target (`يستهدف العقد توفير الحماية`).
    let keyed = |a: Option<&Actor>| a.is_some_and(|a| !a.key.is_empty());
    let other_attack = triggers.iter().any(|t| t.trigger.plover == "ASSAULT" && t.first != first);
    let aims = found.trigger.keys.first() == Some(&*AIM);
    if plover == "ASSAULT" && aims && !keyed(source) && !keyed(target) && !other_attack {
        return true;
    }
    if plover == "ASSAULT" && aims && words[found.last + 1..].iter().take(3).any(|w| has(&GOALS, w)) {
        return true;
    }
    // An agreement one withdraws from, stays in or keeps is a thing, not a deal being made
    // (`انسحاب بلاده من الاتفاق`).
    let after_preposition = first > 0 && ["من", "علي", "في", "عن"].contains(&words[first - 1].key.as_str())
        || words[first].particle == Some('ب');
    // Not an indefinite one: `دخل الحي في هدنة` entered a truce.
    if plover == "AGREE" && !is_verb && words[first].has_article && after_preposition {
        return true;
    }
    // `الاتفاق`, `العقوبات`, `التهديد` with no actor at all name a thing (the nuclear deal), not a
    // deal made or sanctions imposed.
    if !is_verb
        && words[first].has_article
        && matches!(plover, "AGREE" | "SANCTION" | "THREATEN")
        && source.is_none()
        && target.is_none()
    {
        return true;
    }
    false
}
