//! Arbitrary bytes as a CSV file with a header row: at least one item, each naming the file and
//! a line that exists, in order.
#![no_main]

mod records;

use jdlint::input::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| records::check_records(data, Format::Csv, "fuzz.csv"));
