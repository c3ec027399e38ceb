//! JSON as every face writes it: the result serialised, every number through
//! [`model::num::tidy`] (12 significant digits, shortest round-trip form), so the CLI's
//! `--format json`, the server's responses and the simulator's files print the same bytes.

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// A `serde_json` formatter that writes every `f64` tidied.
struct Tidy<F>(F);

macro_rules! delegate {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            self.0.$name(w $(, $arg)*)
        })*
    };
}

impl<F: Formatter> Formatter for Tidy<F> {
    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
        let t = model::num::tidy(value);
        if t == t.trunc() && t.abs() < 1e15 {
            // Whole numbers keep a `.0`, as serde_json writes floats, so readers see a float.
            self.0.write_f64(w, t)
        } else {
            let s = model::num::text(t);
            w.write_all(s.as_bytes())
        }
    }
    delegate! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
    }
}

/// Writes `value` as indented JSON with tidied numbers, and a final newline.
pub fn write_pretty<W: Write, T: Serialize + ?Sized>(mut w: W, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut w, Tidy(PrettyFormatter::new()));
    value.serialize(&mut ser).map_err(io::Error::other)?;
    w.write_all(b"\n")
}

/// `value` as indented JSON with tidied numbers.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail, and serialising rareflow's result types cannot either
    // (string keys, no non-finite numbers reach here untidied).
    let _ = write_pretty(&mut buf, value);
    String::from_utf8(buf).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lose_their_noise_and_keep_their_type() {
        let v = serde_json::json!({"a": 7524.999999999999, "b": 0.0026, "c": 3, "d": [0.1, 44000000.0]});
        let s = to_string_pretty(&v);
        assert!(s.contains("\"a\": 7525.0"), "{s}");
        assert!(s.contains("\"b\": 0.0026"), "{s}");
        assert!(s.contains("\"c\": 3"), "{s}");
        assert!(s.contains("44000000.0"), "{s}");
    }
}
