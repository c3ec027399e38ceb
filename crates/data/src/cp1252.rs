//! Windows-1252 ("cp1252") text, the encoding of three EU CRM annex transcriptions (a `€`
//! in a header is byte 0x80, the `ü` of "Türkiye" byte 0xFC). Decoding is a table, not a
//! guess: every byte maps to one character, except the five bytes cp1252 leaves undefined,
//! which are an error naming the line and the byte.

use crate::error::{DataError, Result};

/// The characters of bytes 0x80..=0x9F (`None`: undefined in cp1252). Bytes below 0x80 are
/// ASCII and bytes from 0xA0 are Latin-1, that is the code point of the same number.
const HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Decodes cp1252 bytes to text. `file` names the file in the error for an undefined byte.
pub fn decode(file: &str, bytes: &[u8]) -> Result<String> {
    let mut out = String::with_capacity(bytes.len());
    let (mut line, mut line_start) = (1u64, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        let c = match b {
            0x00..=0x7F => b as char,
            0x80..=0x9F => match HIGH[usize::from(b - 0x80)] {
                Some(c) => c,
                None => {
                    return Err(DataError::Line {
                        file: file.to_string(),
                        line,
                        message: format!(
                            "byte {} of the line is 0x{b:02X}, which cp1252 leaves undefined: expected a cp1252 (Windows-1252) text file",
                            i - line_start + 1
                        ),
                    })
                }
            },
            _ => char::from(b),
        };
        if b == b'\n' {
            line += 1;
            line_start = i + 1;
        }
        out.push(c);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_euro_sign_and_latin_letters_decode_and_undefined_bytes_are_located() {
        assert_eq!(
            decode("f.csv", b"VA in million \x80\r\nT\xFCrkiye").unwrap(),
            "VA in million €\r\nTürkiye"
        );
        assert_eq!(decode("f.csv", b"a\x92b\x97").unwrap(), "a’b—");
        let e = decode("f.csv", b"x\ny\x81").unwrap_err();
        assert_eq!(
            e.to_string(),
            "f.csv:2: byte 2 of the line is 0x81, which cp1252 leaves undefined: expected a cp1252 (Windows-1252) text file"
        );
    }
}
