//! Gazetteer: Arabic names of cities, countries and news agencies, for datelines and entities, e.g.
//! `نودلهي` (a misspelling) → `نيودلهي` (New Delhi, IN), `أ ف ب` → `فرانس برس` (AFP).
//!
//! Entry point: [`Gazetteer::get`], then [`Gazetteer::place`], [`Gazetteer::place_fuzzy`] and
//! [`Gazetteer::agency`]. Uses nothing in Marsad. Reads no files at run time: `data/places.tsv` is built
//! by [`compile::compile_places`] from the shared gazetteer files (see `data/SOURCES.md` for sources,
//! licences and the rebuild command), committed, and compiled in with `include_str!`; the lookup tables
//! are built once, on first use. The agencies are a hand-written list in [`agencies`].
//!
//! Lookups go through [`key::search_key`] (alef and hamza seats, `ى`, `ة`, harakat folded), so any
//! spelling of a name finds the same place. When a name is both a city and a country (`الجزائر`,
//! `تونس`, `عمان`), the city whose display name it is wins: datelines name cities.

pub mod agencies;
pub mod compile;
pub mod key;

use std::collections::HashMap;
use std::sync::LazyLock;

pub use agencies::Agency;
pub use compile::{compile_places, CompileError};
use key::{letter_count, search_key, within_one_edit};

/// The compiled places table (see `data/SOURCES.md`).
const PLACES_TSV: &str = include_str!("../data/places.tsv");

/// Names shorter than this many letters get no fuzzy match: one edit in four letters is another name.
pub const FUZZY_MIN_LETTERS: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceKind {
    City,
    Country,
}

/// A place the gazetteer knows.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The display name in Arabic (`نيودلهي`).
    pub name: &'static str,
    pub name_en: &'static str,
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 code of the country (of the place itself, for a country).
    pub country_code: &'static str,
    /// Known for cities only.
    pub population: Option<u64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Where the row came from: `geonames`, `cldr+mledoze`, `mledoze` or `marsad` (see `data/SOURCES.md`).
    pub source: &'static str,
}

/// How a name matched a place, best first: a city's display name, a country's name, a city's alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    CityName,
    Country,
    CityAlias,
}

/// The lookup tables, built once from the compiled data.
pub struct Gazetteer {
    places: Vec<Place>,
    /// Search key → (place index, how it matched).
    by_key: HashMap<String, Vec<(usize, Role)>>,
    /// Each key with one character deleted → the keys it came from, for one-edit lookups.
    by_deletion: HashMap<String, Vec<String>>,
    /// Agency key → index into [`agencies::AGENCIES`].
    agencies: HashMap<String, usize>,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::from_tsv(PLACES_TSV));

impl Gazetteer {
    /// The gazetteer compiled into the binary.
    pub fn get() -> &'static Gazetteer {
        &GAZETTEER
    }

    /// Builds the tables from the text of a places table. Malformed rows are skipped: the compiled
    /// table is checked by this crate's tests, so a skip here can only come from a hand edit.
    fn from_tsv(tsv: &'static str) -> Gazetteer {
        let mut places = Vec::new();
        let mut by_key: HashMap<String, Vec<(usize, Role)>> = HashMap::new();
        for line in tsv.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let Some((place, aliases)) = parse_row(line) else { continue };
            let index = places.len();
            let (name_role, alias_role) = match place.kind {
                PlaceKind::City => (Role::CityName, Role::CityAlias),
                PlaceKind::Country => (Role::Country, Role::Country),
            };
            by_key.entry(search_key(place.name)).or_default().push((index, name_role));
            for alias in aliases.split('|').filter(|a| !a.is_empty()) {
                by_key.entry(search_key(alias)).or_default().push((index, alias_role));
            }
            places.push(place);
        }
        let mut by_deletion: HashMap<String, Vec<String>> = HashMap::new();
        for key in by_key.keys().filter(|k| letter_count(k) + 1 >= FUZZY_MIN_LETTERS) {
            for deleted in deletions(key) {
                by_deletion.entry(deleted).or_default().push(key.clone());
            }
        }
        let mut agencies = HashMap::new();
        for (index, agency) in agencies::AGENCIES.iter().enumerate() {
            for form in agency.forms {
                agencies.entry(agency_key(form)).or_insert(index);
            }
        }
        Gazetteer { places, by_key, by_deletion, agencies }
    }

    /// Number of places (cities and countries) known.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The place spelled `name` (any spelling the search key folds together), the best if several.
    pub fn place(&self, name: &str) -> Option<Place> {
        self.best(self.by_key.get(&search_key(name))?.iter().copied())
    }

    /// Like [`Gazetteer::place`], but when no name matches exactly and `name` has at least
    /// [`FUZZY_MIN_LETTERS`] letters, accepts one inserted, deleted or replaced letter, preferring the
    /// most populous place: `نودلهي` finds `نيودلهي`.
    pub fn place_fuzzy(&self, name: &str) -> Option<Place> {
        let key = search_key(name);
        if let Some(found) = self.by_key.get(&key) {
            return self.best(found.iter().copied());
        }
        if letter_count(&key) < FUZZY_MIN_LETTERS {
            return None;
        }
        let mut near: Vec<&String> = Vec::new();
        if let Some(longer) = self.by_deletion.get(&key) {
            near.extend(longer);
        }
        for deleted in deletions(&key) {
            if let Some((shorter, _)) = self.by_key.get_key_value(&deleted) {
                near.push(shorter);
            }
            if let Some(same_length) = self.by_deletion.get(&deleted) {
                near.extend(same_length.iter().filter(|k| within_one_edit(&key, k)));
            }
        }
        let hits = near.into_iter().filter_map(|k| self.by_key.get(k)).flatten().copied();
        self.best(hits)
    }

    /// The agency written as `text` (`أ ف ب`, `(رويترز)`, `د.ب.أ`, `وكالة الأناضول`).
    pub fn agency(&self, text: &str) -> Option<Agency> {
        let key = agency_key(text);
        let index = self.agencies.get(&key).or_else(|| {
            let rest = key.strip_prefix("وكاله ")?;
            self.agencies.get(rest)
        })?;
        agencies::AGENCIES.get(*index).copied()
    }

    fn best(&self, hits: impl Iterator<Item = (usize, Role)>) -> Option<Place> {
        hits.filter_map(|(i, role)| self.places.get(i).map(|p| (role, p)))
            .min_by(|(ra, a), (rb, b)| {
                ra.cmp(rb).then(b.population.cmp(&a.population)).then(a.name_en.cmp(b.name_en))
            })
            .map(|(_, p)| p.clone())
    }
}

/// Reads one row of `data/places.tsv` (columns in [`compile::PLACES_HEADER`]); returns the place and
/// its `|`-separated aliases.
fn parse_row(line: &'static str) -> Option<(Place, &'static str)> {
    let f: Vec<&'static str> = line.split('\t').collect();
    let [kind, name, aliases, name_en, country_code, population, lat, lon, source] = f.as_slice() else {
        return None;
    };
    let kind = match *kind {
        "city" => PlaceKind::City,
        "country" => PlaceKind::Country,
        _ => return None,
    };
    let place = Place {
        name,
        name_en,
        kind,
        country_code,
        population: population.parse().ok(),
        lat: lat.parse().ok(),
        lon: lon.parse().ok(),
        source,
    };
    Some((place, aliases))
}

/// Every string made by deleting one character of `key`.
fn deletions(key: &str) -> impl Iterator<Item = String> + '_ {
    key.char_indices().map(move |(at, c)| {
        let mut shorter = String::with_capacity(key.len());
        shorter.push_str(&key[..at]);
        shorter.push_str(&key[at + c.len_utf8()..]);
        shorter
    })
}

/// The key of an agency form: the search key without brackets, quotes, dots and dashes, with the
/// letters of an abbreviation joined (`(أ. ف. ب)` and `أ ف ب` both give `افب`).
pub fn agency_key(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| {
            if matches!(c, '.' | '(' | ')' | '«' | '»' | '"' | '“' | '”' | '-' | '–' | '—' | ':') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let key = search_key(&spaced);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() > 1 && words.iter().all(|w| w.chars().count() == 1) {
        words.concat()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every city the dateline tests and the seed article rely on, with its English name.
    #[test]
    fn news_cities_are_known_by_their_arabic_names() {
        let cases = [
            ("نيودلهي", "New Delhi"),
            ("حمص", "Homs"),
            ("جنيف", "Geneva"),
            ("موسكو", "Moscow"),
            ("واشنطن", "Washington, D.C."),
            ("طرطوس", "Ţarţūs"),
            ("داريا", "Dārayyā"),
            ("دمشق", "Damascus"),
            ("حلب", "Aleppo"),
            ("القاهرة", "Cairo"),
            ("بيروت", "Beirut"),
            ("بغداد", "Baghdad"),
            ("غزة", "Gaza"),
            ("تونس", "Tunis"),
            ("الرياض", "Riyadh"),
            ("عمّان", "Amman"),
            ("عمان", "Amman"),
            ("الجزائر", "Algiers"),
            ("القدس", "Jerusalem"),
        ];
        let g = Gazetteer::get();
        for (name, en) in cases {
            let place = g.place(name).unwrap_or_else(|| panic!("{name} is missing from data/places.tsv"));
            assert_eq!((place.name_en, place.kind), (en, PlaceKind::City), "{name}");
        }
        assert_eq!(g.place("نيودلهي").map(|p| p.name), Some("نيودلهي"));
    }

    #[test]
    fn countries_are_known_by_every_spelling() {
        let g = Gazetteer::get();
        let cases = [("سوريا", "SY"), ("الجمهورية العربية السورية", "SY"), ("لبنان", "LB"), ("فلسطين", "PS")];
        for (name, code) in cases {
            let place = g.place(name).unwrap_or_else(|| panic!("{name} is missing"));
            assert_eq!((place.kind, place.country_code), (PlaceKind::Country, code), "{name}");
        }
    }

    #[test]
    fn fuzzy_allows_one_edit_on_long_names_only() {
        let g = Gazetteer::get();
        let cases = [
            ("نودلهي", Some("نيودلهي")),  // a letter missing
            ("القاهرى", Some("القاهرة")), // a letter replaced
            ("بيروتت", Some("بيروت")),    // a letter added
            ("حمص", Some("حمص")),         // exact
            ("حمس", None),                // too short to guess
            ("كلمةعشوائيةطويلة", None),
        ];
        for (name, expected) in cases {
            assert_eq!(g.place_fuzzy(name).map(|p| p.name), expected, "{name}");
        }
        assert_eq!(g.place("نودلهي"), None, "exact lookup does not guess");
    }

    #[test]
    fn agencies_are_found_by_short_and_long_forms() {
        let g = Gazetteer::get();
        let cases = [
            ("أ ف ب", Some("Agence France-Presse")),
            ("(أ.ف.ب)", Some("Agence France-Presse")),
            ("ا ف ب", Some("Agence France-Presse")),
            ("فرانس برس", Some("Agence France-Presse")),
            ("AFP", Some("Agence France-Presse")),
            ("رويترز", Some("Reuters")),
            ("د ب أ", Some("Deutsche Presse-Agentur")),
            ("الألمانية", Some("Deutsche Presse-Agentur")),
            ("أ ب", Some("Associated Press")),
            ("وكالة الأناضول", Some("Anadolu Agency")),
            ("وكالات", Some("agencies")),
            ("سانا", Some("Syrian Arab News Agency")),
            ("أحمد الريدي", None),
        ];
        for (text, expected) in cases {
            assert_eq!(g.agency(text).map(|a| a.name_en), expected, "{text}");
        }
    }

    #[test]
    fn compiled_table_parses_every_row() {
        let rows = PLACES_TSV.lines().filter(|l| !l.starts_with('#')).skip(1).count();
        assert_eq!(Gazetteer::get().len(), rows, "a row of data/places.tsv did not parse");
        assert!(PLACES_TSV.len() < 2_000_000, "data/places.tsv should stay under 2 MB");
    }
}
