//! serde_json's compact JSON, byte for byte, with strings that need no escape written whole.
//!
//! serde_json looks up every byte of every string (keys too) in its escape table, one at a time:
//! that was most of rendering a report, whose evidence repeats long plain strings (a seed
//! reference per entry). [`write`] checks a string many bytes at a time and copies a plain one
//! as it is; a score or weight, a whole number of thousandths, is written as the decimals it
//! is; any other string, every other number and every piece of structure is written as
//! serde_json writes it (the string with [`VisibleControls`]), so the bytes are the same.
//! What it does not model (enum variants with data, serializer-private structs such as
//! serde_json's own numbers) it refuses, for the caller to serialize with serde_json instead.

use super::VisibleControls;
use crate::engine::Evidence;
use crate::report::PostingReport;
use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};
use serde_json::ser::{CompactFormatter, Formatter};
use serde_json::Error;

type Result<T = ()> = std::result::Result<T, Error>;

/// Writes `value` after what `out` holds; an error when `value` holds something this writer
/// leaves to serde_json.
pub(super) fn write(out: &mut Vec<u8>, value: &impl Serialize) -> Result {
    value.serialize(&mut Compact {
        out,
        plain_names: [(0, 0); PLAIN_NAMES],
    })
}

/// Writes `report` as [`write`] does, its evidence entries directly rather than through serde:
/// the generic path cost about 2,500 instructions an entry, and a report holds dozens of them.
pub(super) fn write_report(out: &mut Vec<u8>, report: &PostingReport) -> Result {
    // Every field named, so that a field added to the report fails to compile here until it is
    // written (the tests hold both writers to the same bytes).
    let PostingReport {
        source,
        title,
        claimed,
        implied,
        evidence,
        diagnostics,
        fields,
        error,
    } = report;
    let mut compact = Compact {
        out,
        plain_names: [(0, 0); PLAIN_NAMES],
    };
    let mut object = compact.serialize_struct("PostingReport", 8)?;
    object.serialize_field("source", source)?;
    object.serialize_field("title", title)?;
    object.serialize_field("claimed", claimed)?;
    object.serialize_field("implied", implied)?;
    object.separate();
    object.ser.out.extend_from_slice(b"\"evidence\":[");
    for (i, entry) in evidence.iter().enumerate() {
        if i > 0 {
            object.ser.out.push(b',');
        }
        object.ser.evidence(entry)?;
    }
    object.ser.out.push(b']');
    object.serialize_field("diagnostics", diagnostics)?;
    object.serialize_field("fields", fields)?;
    object.serialize_field("error", error)?;
    SerializeStruct::end(object)
}

/// How many field names [`Compact::plain_names`] remembers.
const PLAIN_NAMES: usize = 32;

struct Compact<'a> {
    out: &'a mut Vec<u8>,
    /// Field names found to need no escape, by address and length, each in the slot its address
    /// picks: a report names the same few fields over and over (ten for each piece of evidence),
    /// and a name that is `'static` holds the same bytes wherever it is met again.
    plain_names: [(usize, usize); PLAIN_NAMES],
}

fn unmodelled() -> Error {
    ser::Error::custom("left to serde_json")
}

impl<'a> Compact<'a> {
    fn string(&mut self, s: &str) -> Result {
        if is_plain(s.as_bytes()) {
            self.out.reserve(s.len() + 2);
            self.out.push(b'"');
            self.out.extend_from_slice(s.as_bytes());
            self.out.push(b'"');
            return Ok(());
        }
        let mut escaped = serde_json::Serializer::with_formatter(&mut *self.out, VisibleControls);
        ser::Serializer::serialize_str(&mut escaped, s)
    }

    /// One evidence entry as its derived `Serialize` writes it, field names and all.
    fn evidence(&mut self, entry: &Evidence) -> Result {
        let Evidence {
            text,
            line,
            column,
            end_line,
            end_column,
            supports,
            weight,
            source,
            section,
            negated,
            origin: _,
            span: _,
        } = entry;
        self.out.extend_from_slice(b"{\"text\":");
        self.string(text)?;
        self.out.extend_from_slice(b",\"line\":");
        self.serialize_u64(*line as u64)?;
        self.out.extend_from_slice(b",\"column\":");
        self.serialize_u64(*column as u64)?;
        self.out.extend_from_slice(b",\"end_line\":");
        self.serialize_u64(*end_line as u64)?;
        self.out.extend_from_slice(b",\"end_column\":");
        self.serialize_u64(*end_column as u64)?;
        self.out.extend_from_slice(b",\"supports\":");
        self.id(supports.id());
        self.out.extend_from_slice(b",\"weight\":");
        self.serialize_f64(*weight)?;
        self.out.extend_from_slice(b",\"source\":");
        self.string(source)?;
        self.out.extend_from_slice(b",\"section\":");
        self.id(section.id());
        self.out.extend_from_slice(if *negated {
            b",\"negated\":true}"
        } else {
            b",\"negated\":false}"
        });
        Ok(())
    }

    /// An id of jdlint's own (`level:pm`, `nice-to-have`) as a string: written whole, with no
    /// check, because ids are lower-case ASCII words joined by `:` and `-`, which need no escape.
    fn id(&mut self, id: &'static str) {
        debug_assert!(is_plain(id.as_bytes()), "{id} needs no escape");
        self.out.push(b'"');
        self.out.extend_from_slice(id.as_bytes());
        self.out.push(b'"');
    }

    /// `thousandths` / 1000 as serde_json writes it (see [`thousandths`]): its whole part, a
    /// point, and its decimals without trailing zeros, or `.0` when it has none.
    fn write_thousandths(&mut self, thousandths: i64) {
        // Written from the end into room for a sign, 15 whole digits, a point and 3 decimals.
        let mut text = [0u8; 20];
        let mut start = text.len();
        let mut k = thousandths.unsigned_abs();
        let mut put = |b: u8| {
            start -= 1;
            text[start] = b;
        };
        let mut decimals = k % 1000;
        k /= 1000;
        let mut places = 3;
        while places > 1 && decimals % 10 == 0 {
            decimals /= 10;
            places -= 1;
        }
        for _ in 0..places {
            put(b'0' + (decimals % 10) as u8);
            decimals /= 10;
        }
        put(b'.');
        loop {
            put(b'0' + (k % 10) as u8);
            k /= 10;
            if k == 0 {
                break;
            }
        }
        if thousandths < 0 {
            put(b'-');
        }
        self.out.extend_from_slice(&text[start..]);
    }

    /// The writing of one number or literal by serde_json's compact formatter.
    fn formatted(
        &mut self,
        write: impl FnOnce(&mut CompactFormatter, &mut Vec<u8>) -> std::io::Result<()>,
    ) -> Result {
        write(&mut CompactFormatter, self.out).map_err(Error::io)
    }

    /// Opens an array or object (`open`), closed at once when it will have no element, as
    /// serde_json does.
    fn open(&mut self, open: u8, close: u8, len: Option<usize>) -> Nested<'_, 'a> {
        self.out.push(open);
        let state = if len == Some(0) {
            self.out.push(close);
            State::Empty
        } else {
            State::First
        };
        Nested { ser: self, state }
    }
}

/// The largest number of thousandths [`thousandths`] takes: far below where serde_json turns to
/// exponents (`1e16`), and small enough that thousandths are far apart in an `f64`.
const MOST_THOUSANDTHS: u64 = 1_000_000_000_000_000;

/// `v` as a whole number of thousandths, if it is one (not zero) and not too large: the scores and
/// weights of a report, rounded to three decimals. The shortest decimal that reads back as such
/// a number, which serde_json writes, is those thousandths: any other decimal of three places or
/// fewer is a thousandth away, far more than `v`'s rounding error.
fn thousandths(v: f64) -> Option<i64> {
    // Rounded half away from zero by hand: `f64::round` is a call into libm.
    let k = (v * 1000.0 + 0.5f64.copysign(v)) as i64;
    // Zero is left to serde_json, which tells `-0.0` from `0.0`.
    (k != 0 && k.unsigned_abs() < MOST_THOUSANDTHS && k as f64 / 1000.0 == v).then_some(k)
}

/// Whether `bytes` need no escape in a JSON string: printable ASCII, no quote, no backslash.
fn is_plain(bytes: &[u8]) -> bool {
    // Flags OR-ed over a chunk of 16 bytes without an early exit are checked all at once. The
    // rest is copied into a chunk of spaces: most strings are shorter than one, and a copy costs
    // less than a check a byte at a time.
    const CHUNK: usize = 16;
    let flags = |chunk: &[u8]| {
        chunk.iter().fold(0, |flags, &b| {
            flags
                | u8::from(b.wrapping_sub(0x20) >= 0x5f)
                | u8::from(b == b'"')
                | u8::from(b == b'\\')
        })
    };
    let chunks = bytes.chunks_exact(CHUNK);
    let mut last = [b' '; CHUNK];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    chunks.fold(flags(&last), |all, chunk| all | flags(chunk)) == 0
}

/// Where an array or object stands: closed already (it was declared empty), before its first
/// element, or after one.
#[derive(PartialEq, Eq)]
enum State {
    Empty,
    First,
    Rest,
}

struct Nested<'s, 'a> {
    ser: &'s mut Compact<'a>,
    state: State,
}

impl Nested<'_, '_> {
    /// The separator before an element or key: none before the first.
    fn separate(&mut self) {
        if self.state != State::First {
            self.ser.out.push(b',');
        }
        self.state = State::Rest;
    }

    fn element(&mut self, value: &(impl Serialize + ?Sized)) -> Result {
        self.separate();
        value.serialize(&mut *self.ser)
    }

    /// A key, which JSON wants as a string: one that serializes otherwise (a number) is left to
    /// serde_json, which quotes it.
    fn key(&mut self, key: &(impl Serialize + ?Sized)) -> Result {
        self.separate();
        let at = self.ser.out.len();
        key.serialize(&mut *self.ser)?;
        if self.ser.out.get(at) != Some(&b'"') {
            return Err(unmodelled());
        }
        self.ser.out.push(b':');
        Ok(())
    }

    fn value(&mut self, value: &(impl Serialize + ?Sized)) -> Result {
        value.serialize(&mut *self.ser)
    }

    fn close(self, close: u8) -> Result {
        if self.state != State::Empty {
            self.ser.out.push(close);
        }
        Ok(())
    }
}

impl<'s, 'a> ser::Serializer for &'s mut Compact<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Nested<'s, 'a>;
    type SerializeTuple = Nested<'s, 'a>;
    type SerializeTupleStruct = Nested<'s, 'a>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Nested<'s, 'a>;
    type SerializeStruct = Nested<'s, 'a>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result {
        self.formatted(|f, out| f.write_bool(out, v))
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.formatted(|f, out| f.write_i8(out, v))
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.formatted(|f, out| f.write_i16(out, v))
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.formatted(|f, out| f.write_i32(out, v))
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.formatted(|f, out| f.write_i64(out, v))
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.formatted(|f, out| f.write_i128(out, v))
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.formatted(|f, out| f.write_u8(out, v))
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.formatted(|f, out| f.write_u16(out, v))
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.formatted(|f, out| f.write_u32(out, v))
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.formatted(|f, out| f.write_u64(out, v))
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.formatted(|f, out| f.write_u128(out, v))
    }
    fn serialize_f32(self, v: f32) -> Result {
        // Not finite: `null`, as serde_json writes it.
        if v.is_finite() {
            self.formatted(|f, out| f.write_f32(out, v))
        } else {
            self.serialize_unit()
        }
    }
    fn serialize_f64(self, v: f64) -> Result {
        if let Some(thousandths) = thousandths(v) {
            self.write_thousandths(thousandths);
            Ok(())
        } else if v.is_finite() {
            self.formatted(|f, out| f.write_f64(out, v))
        } else {
            self.serialize_unit()
        }
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        self.formatted(|f, out| f.write_byte_array(out, v))
    }
    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _i: u32, variant: &'static str) -> Result {
        self.string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result {
        Err(unmodelled())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Nested<'s, 'a>> {
        Ok(self.open(b'[', b']', len))
    }
    fn serialize_tuple(self, len: usize) -> Result<Nested<'s, 'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Nested<'s, 'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(unmodelled())
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Nested<'s, 'a>> {
        Ok(self.open(b'{', b'}', len))
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Nested<'s, 'a>> {
        // No Rust struct is named with a `$`: such a name is a serializer's private token
        // (serde_json's numbers and raw values), which only that serializer writes right.
        if name.starts_with('$') {
            return Err(unmodelled());
        }
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(unmodelled())
    }
}

/// The sequences serde tells apart (a list, a tuple, a tuple struct) are all JSON arrays.
macro_rules! array {
    ($serialize:ident, $element:ident) => {
        impl ser::$serialize for Nested<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                self.element(value)
            }
            fn end(self) -> Result {
                self.close(b']')
            }
        }
    };
}

array!(SerializeSeq, serialize_element);
array!(SerializeTuple, serialize_element);
array!(SerializeTupleStruct, serialize_field);

impl ser::SerializeMap for Nested<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.value(value)
    }
    fn end(self) -> Result {
        self.close(b'}')
    }
}

impl ser::SerializeStruct for Nested<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        // A field's name is a string: written as one, with no check of what was written.
        self.separate();
        let name = (key.as_ptr() as usize, key.len());
        let slot = &mut self.ser.plain_names[(name.0 ^ name.1) % PLAIN_NAMES];
        if *slot == name || is_plain(key.as_bytes()) {
            *slot = name;
            let out = &mut *self.ser.out;
            out.reserve(key.len() + 3);
            out.push(b'"');
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"\":");
        } else {
            self.ser.string(key)?;
            self.ser.out.push(b':');
        }
        self.value(value)
    }
    fn end(self) -> Result {
        self.close(b'}')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Target;
    use serde::Serialize;
    use std::collections::BTreeMap;

    /// `value` as serde_json writes it with [`VisibleControls`].
    fn by_serde_json(value: &impl Serialize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, VisibleControls);
        value.serialize(&mut ser).unwrap();
        out
    }

    #[derive(Serialize)]
    struct Sample {
        plain: &'static str,
        escaped: Vec<&'static str>,
        numbers: (u8, i64, f64, f64, f32),
        missing: Option<u32>,
        present: Option<bool>,
        empty: Vec<u8>,
        empty_map: BTreeMap<String, u8>,
        keyed: BTreeMap<String, Vec<()>>,
        unit: (),
        letter: char,
    }

    #[test]
    fn writes_thousandths_as_serde_json_does() {
        let thousandths = (-3000i64..=3000)
            .chain((0..200).map(|i| i * 7919 + 123_456))
            .chain([
                999_999_999_999_999,
                -999_999_999_999_999,
                1_000_000_000_000_000,
            ]);
        for k in thousandths {
            let v = k as f64 / 1000.0;
            // The next number up is no whole number of thousandths.
            for v in [v, f64::from_bits(v.to_bits() + 1)] {
                let mut out = Vec::new();
                write(&mut out, &v).unwrap();
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    String::from_utf8(by_serde_json(&v)).unwrap()
                );
            }
        }
        for v in [0.0, -0.0, 1e-4, 0.0005, 1e300, f64::MIN_POSITIVE] {
            let mut out = Vec::new();
            write(&mut out, &v).unwrap();
            assert_eq!(out, by_serde_json(&v), "{v}");
        }
    }

    #[test]
    fn writes_serde_jsons_bytes() {
        let sample = Sample {
            plain: "003: Director / VP of Product > Summary, at exactly sixteen+",
            escaped: vec![
                "say \"hi\"",
                "back\\slash",
                "tab\tnew\nline",
                "del\u{7f}",
                "bidi\u{202e}x and\u{2028}",
                "caf\u{e9} \u{2014} 16 bytes long!!",
                "",
                "exactly 16 bytes",
                "sixteen bytes + \"",
            ],
            numbers: (7, -12, 2.5, f64::NAN, 0.1),
            missing: None,
            present: Some(true),
            empty: Vec::new(),
            empty_map: BTreeMap::new(),
            keyed: BTreeMap::from([("a\"b".to_string(), vec![(), ()]), ("c".into(), vec![])]),
            unit: (),
            letter: '\u{1}',
        };
        let mut out = Vec::new();
        write(&mut out, &sample).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(by_serde_json(&sample)).unwrap()
        );
    }

    #[test]
    fn writes_a_reports_evidence_as_serde_json_does() {
        let engine = crate::Engine::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/postings");
        let mut reports: Vec<PostingReport> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                let posting =
                    crate::Posting::from_document(crate::Source::default(), text, None).unwrap();
                PostingReport::analyzed(&posting, engine.analyze(&posting))
            })
            .collect();
        assert!(reports.iter().map(|r| r.evidence.len()).sum::<usize>() > 100);
        // Strings that need escapes and numbers at the edges of the float formatter, on real
        // entries.
        let texts = [
            "say \"hi\"",
            "back\\slash",
            "tab\tnew\nline\u{1}",
            "del\u{7f} bidi\u{202e} sep\u{2028}",
            "caf\u{e9} \u{2014} \u{1f600} and sixteen bytes more",
            "",
        ];
        let weights = [
            -0.0,
            0.1 + 0.2,
            1.0 / 3.0,
            1e-7,
            123_456_789.125,
            1e300,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
        ];
        let mut n = 0;
        for report in &mut reports {
            for entry in &mut report.evidence {
                if n % 2 == 0 {
                    entry.text = texts[n / 2 % texts.len()].to_string();
                    entry.weight = weights[n / 2 % weights.len()];
                    entry.negated = !entry.negated;
                }
                n += 1;
            }
        }
        reports.push(PostingReport::failed(&crate::input::InputError {
            source: crate::Source::default(),
            message: "unreadable".into(),
        }));
        for report in &reports {
            let mut out = Vec::new();
            write_report(&mut out, report).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                String::from_utf8(by_serde_json(report)).unwrap()
            );
        }
    }

    #[test]
    fn the_ids_written_unchecked_need_no_escape() {
        use crate::domain::{Level, Specialization, Track};
        use crate::lexicon::SectionKind;
        let targets = (Level::ALL.map(Target::Level).into_iter())
            .chain(Track::ALL.map(Target::Track))
            .chain(Specialization::ALL.map(Target::Specialization));
        // A kind added to the enum fails to compile here until listed below.
        let listed = |kind: SectionKind| match kind {
            SectionKind::Preamble
            | SectionKind::About
            | SectionKind::Role
            | SectionKind::Responsibilities
            | SectionKind::Requirements
            | SectionKind::NiceToHave
            | SectionKind::Benefits
            | SectionKind::Legal
            | SectionKind::Apply => kind,
        };
        let sections = [
            SectionKind::Preamble,
            SectionKind::About,
            SectionKind::Role,
            SectionKind::Responsibilities,
            SectionKind::Requirements,
            SectionKind::NiceToHave,
            SectionKind::Benefits,
            SectionKind::Legal,
            SectionKind::Apply,
        ];
        for id in targets
            .map(Target::id)
            .chain(sections.map(|kind| listed(kind).id()))
        {
            assert!(is_plain(id.as_bytes()), "{id}");
        }
    }

    #[test]
    fn leaves_serde_json_numbers_and_keys_that_are_no_strings_to_serde_json() {
        let value = serde_json::json!({"n": 98765432109876543210_u128});
        assert!(write(&mut Vec::new(), &value).is_err());
        let numbered = BTreeMap::from([(1, "one")]);
        assert!(write(&mut Vec::new(), &numbered).is_err());
        assert_eq!(super::super::to_json(&value), by_serde_json(&value));
        assert_eq!(super::super::to_json(&numbered), by_serde_json(&numbered));
    }
}
