//! Compiles the event layer's dictionary tables, `data/events/triggers_upd.tsv` and
//! `data/events/agents_upd.tsv`, from UniversalPetrarch's Arabic dictionaries in
//! `../shared/data/universalpetrarch_arabic/dictionaries` (MIT; see `data/SOURCES.md`).
//! Prints one warning per malformed source line to stderr.
//!
//! `cargo run -p marsad-extract --example build_events`

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dictionaries = crate_dir.join("../../../shared/data/universalpetrarch_arabic/dictionaries");
    let read = |name: &str| {
        let path = dictionaries.join(name);
        std::fs::read_to_string(&path).map_err(|e| eprintln!("build_events: {}: {e}", path.display()))
    };
    let (Ok(verbs), Ok(agents)) = (read("CAMEO.ar.0.5.txt"), read("agents.all.ar_v3.txt")) else {
        return ExitCode::from(2);
    };
    let compiled = marsad_extract::events::compile_dictionaries(&verbs, &agents);
    for warning in &compiled.warnings {
        eprintln!("build_events: warning: {warning}");
    }
    let out = crate_dir.join("data/events");
    for (name, text) in [("triggers_upd.tsv", &compiled.triggers), ("agents_upd.tsv", &compiled.agents)] {
        let path = out.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("build_events: {}: {e}", path.display());
            return ExitCode::from(2);
        }
        eprintln!("build_events: wrote {} ({} rows)", path.display(), text.lines().count().saturating_sub(3));
    }
    ExitCode::SUCCESS
}
