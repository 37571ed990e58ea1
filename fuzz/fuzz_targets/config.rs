//! Arbitrary text as a `jdlint.toml`: parsing either fails with an error naming the file and a
//! line that exists, or yields a config whose rule set and settings can be built.
#![no_main]

use jdlint::classify::Settings;
use jdlint::config::Config;
use jdlint::rules::Selection;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    match Config::parse("jdlint.toml", Path::new("/cfg"), text) {
        Ok(config) => {
            config.rules(&Selection::default());
            config.settings(Settings::default());
            config.ladder_lexicon();
        }
        Err(e) => {
            assert_eq!(e.file, "jdlint.toml");
            let lines = text.matches('\n').count() + 1;
            if let Some(line) = e.line {
                assert!((1..=lines).contains(&line), "line {line} of {lines}");
            }
            assert!(!e.message.is_empty());
            let _ = e.to_string();
        }
    }
});
