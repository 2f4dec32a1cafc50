//! News agencies and the short forms Arabic datelines write them in (`أ ف ب`, `د ب أ`, `(رويترز)`).
//!
//! Entry point: [`AGENCIES`], looked up through `Gazetteer::agency`. Written by hand from public facts
//! (agency names and their usual Arabic abbreviations); no source file.

/// An agency: its usual Arabic name, its Latin name, and every form it is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Agency {
    /// The name Arabic newsrooms most often print.
    pub canonical: &'static str,
    pub name_en: &'static str,
    /// Every spelling, canonical included; matched through `agency_key`.
    pub forms: &'static [&'static str],
}

/// The agencies Marsad recognises. Two pseudo-sources sit with them because datelines use them in the
/// same slot: `وكالات` (agencies, a compiled wire story) and `خاص` (exclusive, the outlet's own
/// correspondent).
pub const AGENCIES: &[Agency] = &[
    Agency {
        canonical: "فرانس برس",
        name_en: "Agence France-Presse",
        forms: &["فرانس برس", "فرانس بريس", "أ ف ب", "أ.ف.ب", "وكالة الصحافة الفرنسية", "الفرنسية", "AFP"],
    },
    Agency {
        canonical: "رويترز", name_en: "Reuters", forms: &["رويترز", "رويتر", "Reuters"]
    },
    Agency {
        canonical: "د ب أ",
        name_en: "Deutsche Presse-Agentur",
        forms: &["د ب أ", "د.ب.أ", "الألمانية", "وكالة الأنباء الألمانية", "dpa"],
    },
    Agency {
        canonical: "أسوشيتد برس",
        name_en: "Associated Press",
        forms: &["أسوشيتد برس", "أسوشييتد برس", "أسوشيتدبرس", "أ ب", "أ.ب", "AP"],
    },
    Agency {
        canonical: "يو بي آي",
        name_en: "United Press International",
        forms: &["يو بي آي", "يونايتد برس", "UPI"],
    },
    Agency {
        canonical: "واس",
        name_en: "Saudi Press Agency",
        forms: &["واس", "وكالة الأنباء السعودية", "SPA"],
    },
    Agency { canonical: "سانا", name_en: "Syrian Arab News Agency", forms: &["سانا", "SANA"] },
    Agency {
        canonical: "قنا", name_en: "Qatar News Agency", forms: &["قنا", "وكالة الأنباء القطرية", "QNA"]
    },
    Agency { canonical: "وام", name_en: "Emirates News Agency", forms: &["وام", "WAM"] },
    Agency { canonical: "بترا", name_en: "Jordan News Agency (Petra)", forms: &["بترا", "Petra"] },
    Agency { canonical: "كونا", name_en: "Kuwait News Agency", forms: &["كونا", "KUNA"] },
    Agency { canonical: "بنا", name_en: "Bahrain News Agency", forms: &["بنا", "BNA"] },
    Agency {
        canonical: "العمانية", name_en: "Oman News Agency", forms: &["العمانية", "ONA"]
    },
    Agency { canonical: "وفا", name_en: "WAFA (Palestinian News Agency)", forms: &["وفا", "WAFA"] },
    Agency { canonical: "ماب", name_en: "Maghreb Arabe Presse", forms: &["ماب", "لاماب", "MAP"] },
    Agency { canonical: "واج", name_en: "Algérie Presse Service", forms: &["واج", "وأج", "APS"] },
    Agency { canonical: "وات", name_en: "Tunis Afrique Presse", forms: &["وات", "TAP"] },
    Agency {
        canonical: "أ ش أ",
        name_en: "Middle East News Agency",
        forms: &["أ ش أ", "أ.ش.أ", "وكالة أنباء الشرق الأوسط", "MENA"],
    },
    Agency { canonical: "واع", name_en: "Iraqi News Agency", forms: &["واع", "INA"] },
    Agency { canonical: "سونا", name_en: "Sudan News Agency", forms: &["سونا", "SUNA"] },
    Agency { canonical: "سبأ", name_en: "Saba News Agency", forms: &["سبأ", "Saba"] },
    Agency {
        canonical: "الأناضول", name_en: "Anadolu Agency", forms: &["الأناضول", "الاناضول", "Anadolu"]
    },
    Agency {
        canonical: "شينخوا", name_en: "Xinhua", forms: &["شينخوا", "شينهوا", "Xinhua"]
    },
    Agency {
        canonical: "نوفوستي",
        name_en: "RIA Novosti",
        forms: &["نوفوستي", "ريا نوفوستي", "RIA Novosti"],
    },
    Agency { canonical: "تاس", name_en: "TASS", forms: &["تاس", "إيتار تاس", "TASS"] },
    Agency { canonical: "سبوتنيك", name_en: "Sputnik", forms: &["سبوتنيك", "Sputnik"] },
    Agency {
        canonical: "إرنا", name_en: "Islamic Republic News Agency", forms: &["إرنا", "ارنا", "IRNA"]
    },
    Agency { canonical: "إفي", name_en: "EFE", forms: &["إفي", "EFE"] },
    Agency { canonical: "كيودو", name_en: "Kyodo News", forms: &["كيودو", "Kyodo"] },
    Agency {
        canonical: "الوكالة الوطنية للإعلام",
        name_en: "National News Agency (Lebanon)",
        forms: &["الوكالة الوطنية للإعلام", "الوكالة الوطنية", "NNA"],
    },
    Agency { canonical: "وكالات", name_en: "agencies", forms: &["وكالات", "الوكالات"] },
    Agency { canonical: "متابعات", name_en: "compiled reports", forms: &["متابعات"] },
    Agency { canonical: "خاص", name_en: "exclusive (own correspondent)", forms: &["خاص"] },
];
