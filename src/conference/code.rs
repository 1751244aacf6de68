//! The join code: 128 random bits from `/dev/urandom`, shown as 32
//! lowercase hex digits, and compared in constant time.

use std::fmt;
use std::io::{self, Read};

/// The bytes in a join code (128 bits).
pub const CODE_BYTES: usize = 16;

/// A one-time join code: new for every host, never stored.
#[derive(Clone, PartialEq, Eq)]
pub struct JoinCode([u8; CODE_BYTES]);

impl JoinCode {
    /// A fresh code from the kernel's random source.
    pub fn random() -> io::Result<JoinCode> {
        let mut bytes = [0u8; CODE_BYTES];
        std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
        Ok(JoinCode(bytes))
    }

    pub fn from_bytes(bytes: [u8; CODE_BYTES]) -> JoinCode {
        JoinCode(bytes)
    }

    /// Whether `presented` (as a follower typed it: hex, any case, spaces
    /// and dashes ignored) is this code. Parsing looks only at the
    /// presented text; the comparison with the secret takes the same time
    /// wherever the first difference is ([`ct_eq`]).
    pub fn matches(&self, presented: &str) -> bool {
        let parsed = parse_hex(presented);
        // a malformed code is compared against zeros, so the time taken
        // does not tell a malformed code from a wrong one either
        let candidate = parsed.unwrap_or([0u8; CODE_BYTES]);
        ct_eq(&self.0, &candidate) & parsed.is_some()
    }
}

/// The code as the join command shows it.
impl fmt::Display for JoinCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// Never the code itself in a debug print or a log.
impl fmt::Debug for JoinCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JoinCode(…)")
    }
}

/// Equality of two byte strings whose time depends only on their lengths:
/// every byte is looked at, differences are OR-ed together, and nothing
/// branches on the contents. Different lengths are unequal (lengths are
/// not secret: every code has 16 bytes).
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut diff = 0u8;
    for (x, y) in a.iter().zip(b) {
        diff |= x ^ y;
    }
    // keep the optimiser from turning the loop into an early exit
    std::hint::black_box(diff) == 0
}

/// 32 hex digits, any case, spaces and dashes between them allowed.
fn parse_hex(s: &str) -> Option<[u8; CODE_BYTES]> {
    let mut out = [0u8; CODE_BYTES];
    let mut n = 0;
    let mut high: Option<u8> = None;
    for c in s.chars() {
        if c == '-' || c == ' ' {
            continue;
        }
        let v = c.to_digit(16)? as u8;
        match high.take() {
            None => high = Some(v),
            Some(h) => {
                *out.get_mut(n)? = (h << 4) | v;
                n += 1;
            }
        }
    }
    (n == CODE_BYTES && high.is_none()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ct_eq_is_equality() {
        assert!(ct_eq(b"", b""));
        assert!(ct_eq(&[1, 2, 3], &[1, 2, 3]));
        assert!(!ct_eq(&[1, 2, 3], &[0, 2, 3]), "first byte differs");
        assert!(!ct_eq(&[1, 2, 3], &[1, 2, 4]), "last byte differs");
        assert!(!ct_eq(&[1, 2, 3], &[1, 2]), "a prefix");
        assert!(!ct_eq(&[1, 2], &[1, 2, 3]), "longer");
        assert!(!ct_eq(&[0x80], &[0x00]), "high bit");
        for i in 0..16 {
            for bit in 0..8 {
                let a = [0x5au8; 16];
                let mut b = a;
                b[i] ^= 1 << bit;
                assert!(!ct_eq(&a, &b), "byte {i} bit {bit}");
            }
        }
    }

    #[test]
    fn codes_print_as_32_hex_digits_and_match_what_was_printed() {
        let c = JoinCode::random().unwrap();
        let shown = c.to_string();
        assert_eq!(shown.len(), 32);
        assert!(
            shown
                .chars()
                .all(|ch| ch.is_ascii_hexdigit() && !ch.is_ascii_uppercase())
        );
        assert!(c.matches(&shown));
        assert!(c.matches(&shown.to_uppercase()));
        let dashed = format!("{}-{}-{}-{}", &shown[..8], &shown[8..16], &shown[16..24], &shown[24..]);
        assert!(c.matches(&dashed));
        assert!(!c.matches(&shown[..31]), "one digit short");
        assert!(!c.matches(&format!("{shown}0")), "one digit more");
        assert!(!c.matches(""));
        assert!(!c.matches("not a code"));
        assert_eq!(format!("{c:?}"), "JoinCode(…)", "never in a debug print");
    }

    #[test]
    fn a_code_that_differs_anywhere_is_refused() {
        let c = JoinCode::from_bytes([0xab; 16]);
        let good = c.to_string();
        for i in 0..good.len() {
            let mut wrong: Vec<u8> = good.clone().into_bytes();
            wrong[i] = if wrong[i] == b'0' { b'1' } else { b'0' };
            assert!(!c.matches(std::str::from_utf8(&wrong).unwrap()), "digit {i}");
        }
        // zeros, as a malformed code is compared with, are no way in
        assert!(!JoinCode::from_bytes([0; 16]).matches("xyz"));
        assert!(JoinCode::from_bytes([0; 16]).matches(&"0".repeat(32)));
    }

    #[test]
    fn random_codes_differ() {
        let a = JoinCode::random().unwrap();
        let b = JoinCode::random().unwrap();
        assert_ne!(a, b);
    }
}
