//! The places of events as an inline SVG map, drawn on the server: no tiles, no script, no outline.
//!
//! Entry point: [`places_map`]. Each place is found in `marsad-gazetteer` by its name (a country is
//! drawn at its capital) and drawn as a dot whose area grows with its number of events, linked to
//! the events there. The frame is fixed on the region Arabic news reports most (the Maghreb to Iran,
//! the Sahel to the Black Sea), in an equirectangular projection with a 10° graticule; places
//! outside it are listed under the map. Marsad ships no coastline or border data (none with a
//! licence that allows it is among the shared data), so the graticule is the only background.

use marsad_gazetteer::Gazetteer;

use super::html::escape;

/// The frame, in degrees: west, east, south, north.
const FRAME: (f64, f64, f64, f64) = (-20.0, 70.0, -5.0, 50.0);
/// Pixels per degree of longitude; latitude is stretched by 1 / cos(middle latitude).
const SCALE: f64 = 10.0;
/// Places named on the map (the others are dots with a title).
const LABELLED: usize = 20;

/// A place's latitude and longitude, found by its name, else by the name in its key (`LOC:حلب`),
/// with or without the article `ال` the key drops.
pub fn coordinates(key: &str, name: &str) -> Option<(f64, f64)> {
    let gazetteer = Gazetteer::get();
    let bare = key.split_once(':').map_or(key, |(_, n)| n).replace('_', " ");
    [name.to_string(), bare.clone(), format!("ال{bare}")]
        .iter()
        .find_map(|n| gazetteer.place(n))
        .and_then(|p| Some((p.lat?, p.lon?)))
}

/// The map of `places` (key, name, events), each dot linked to `href(key)` (already escaped);
/// empty when no place has coordinates. Places off the frame are listed after the map.
pub fn places_map(places: &[(String, String, u64)], href: impl Fn(&str) -> String) -> String {
    let (west, east, south, north) = FRAME;
    let y_scale = SCALE / ((south + north) / 2.0).to_radians().cos();
    let (width, height) = ((east - west) * SCALE, (north - south) * y_scale);
    let x = |lon: f64| (lon - west) * SCALE;
    let y = |lat: f64| (north - lat) * y_scale;
    let located: Vec<(&(String, String, u64), f64, f64)> =
        places.iter().filter_map(|p| coordinates(&p.0, &p.1).map(|(lat, lon)| (p, lat, lon))).collect();
    if located.is_empty() {
        return String::new();
    }
    let (inside, outside): (Vec<_>, Vec<_>) = located
        .iter()
        .partition(|(_, lat, lon)| (west..=east).contains(lon) && (south..=north).contains(lat));
    let max = located.iter().map(|(p, ..)| p.2).max().unwrap_or(1).max(1) as f64;
    let radius = |n: u64| 2.5 + 10.0 * (n as f64 / max).sqrt();

    let mut svg = format!(
        r#"<figure class="map"><svg dir="ltr" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-label="خريطة أماكن الأحداث" xmlns="http://www.w3.org/2000/svg"><rect class="sea" width="{width:.0}" height="{height:.0}"/>"#
    );
    let mut lon = (west / 10.0).ceil() * 10.0;
    while lon <= east {
        let label = format!("{}°{}", lon.abs(), if lon < 0.0 { "W" } else { "E" });
        svg.push_str(&format!(
            r#"<line class="grid" x1="{0:.1}" y1="0" x2="{0:.1}" y2="{height:.1}"/><text class="grid" x="{0:.1}" y="{1:.1}">{label}</text>"#,
            x(lon),
            height - 4.0
        ));
        lon += 10.0;
    }
    let mut lat = (south / 10.0).ceil() * 10.0;
    while lat <= north {
        let label = format!("{}°{}", lat.abs(), if lat < 0.0 { "S" } else { "N" });
        svg.push_str(&format!(
            r#"<line class="grid" x1="0" y1="{0:.1}" x2="{width:.1}" y2="{0:.1}"/><text class="grid" x="4" y="{1:.1}">{label}</text>"#,
            y(lat),
            y(lat) - 3.0
        ));
        lat += 10.0;
    }
    // Big dots first, so small ones stay clickable on top of them.
    for ((key, name, n), lat, lon) in &inside {
        svg.push_str(&format!(
            r#"<a href="{}"><circle class="place" cx="{:.1}" cy="{:.1}" r="{:.1}"><title>{}: {n}</title></circle></a>"#,
            href(key),
            x(*lon),
            y(*lat),
            radius(*n),
            escape(name)
        ));
    }
    for ((_, name, n), lat, lon) in inside.iter().take(LABELLED) {
        svg.push_str(&format!(
            r#"<text class="place" x="{:.1}" y="{:.1}">{}</text>"#,
            x(*lon),
            y(*lat) - radius(*n) - 3.0,
            escape(name)
        ));
    }
    svg.push_str("</svg><figcaption>كل دائرة مكان وقعت فيه أحداث، ومساحتها بعددها؛ الدولة عند عاصمتها. إسقاط متساوي المسافات بشبكة كل 10 درجات، بلا حدود ولا سواحل. الإحداثيات من GeoNames (CC BY 4.0).</figcaption>");
    if !outside.is_empty() {
        svg.push_str(r#"<p class="outside">خارج الخريطة: "#);
        let items: Vec<String> = outside
            .iter()
            .map(|((key, name, n), ..)| {
                format!(r#"<a href="{}">{}</a> <span class="count">{n}</span>"#, href(key), escape(name))
            })
            .collect();
        svg.push_str(&items.join("، "));
        svg.push_str("</p>");
    }
    svg.push_str("</figure>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_found_by_name_or_key() {
        let table = [
            ("LOC:حلب", "حلب", true),
            ("LOC:خرطوم", "الخرطوم", true),
            ("LOC:سوريا", "", true),
            ("LOC:خرطوم", "", true),
            ("LOC:مكان_لا_يعرف", "مكان لا يعرف", false),
        ];
        for (key, name, found) in table {
            assert_eq!(coordinates(key, name).is_some(), found, "{key} {name}");
        }
        let (lat, lon) = coordinates("LOC:سوريا", "سوريا").unwrap();
        assert!((33.0..34.0).contains(&lat) && (36.0..37.0).contains(&lon), "Syria at Damascus");
    }

    #[test]
    fn dots_link_and_escape_and_far_places_are_listed() {
        let places = [
            ("LOC:دمشق".to_string(), "دمشق".to_string(), 9),
            ("LOC:حلب".to_string(), "<script>".to_string(), 1),
            ("LOC:واشنطن".to_string(), "واشنطن".to_string(), 4),
        ];
        let svg = places_map(&places, |key| escape(&format!("/events?place={key}")));
        assert_eq!(svg.matches("<circle").count(), 2, "{svg}");
        assert!(svg.contains(r#"href="/events?place=LOC:دمشق""#) && svg.contains("<title>دمشق: 9</title>"));
        assert!(svg.contains("خارج الخريطة") && svg.contains("واشنطن</a>"), "{svg}");
        assert!(!svg.contains("<script>") && svg.contains("&lt;script&gt;"), "{svg}");
        let nowhere = [("LOC:مكان_لا_يعرف".to_string(), "مكان لا يعرف".to_string(), 3)];
        assert_eq!(places_map(&nowhere, |k| k.to_string()), "", "no coordinates, no map");
    }
}
