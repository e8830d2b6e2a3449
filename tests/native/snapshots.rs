//! Snapshots of every preset × every exported file, in `tests/snapshots/PRESET/FILE`.
//! A change to a generated file fails here until it is reviewed and blessed on purpose:
//! `HEADROOM_BLESS=1 cargo test --test native snapshots`, then read the diff before committing.

use headroom::engine;
use headroom::export;
use headroom::share::presets;
use std::path::Path;

#[test]
fn every_preset_and_file_matches_its_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let bless = std::env::var_os("HEADROOM_BLESS").is_some();
    let mut stale = Vec::new();
    for preset in presets::PRESETS {
        let plan = presets::plan(preset.name).expect("preset");
        for file in export::render_all(&plan, &engine::size(&plan)) {
            let path = root.join(preset.name).join(file.name);
            if std::fs::read_to_string(&path).ok().as_deref() != Some(file.text.as_str()) {
                if bless {
                    std::fs::create_dir_all(path.parent().expect("dir")).expect("create");
                    std::fs::write(&path, &file.text).expect("write");
                } else {
                    stale.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "generated files differ from their snapshots (review, then HEADROOM_BLESS=1):\n{}",
        stale.join("\n")
    );
}
