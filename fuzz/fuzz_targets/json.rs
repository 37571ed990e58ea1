//! Arbitrary bytes as a JSON file (an array of objects, or one object): at least one item, each
//! naming the file and a line that exists, in order.
#![no_main]

mod records;

use jdlint::input::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| records::check_records(data, Format::Json, "fuzz.json"));
