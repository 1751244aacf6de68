//! Framing and pacing: one JSON message a line, read with a size limit
//! (a line longer than the limit is never held in memory), and the token
//! bucket that tells a busy follower from a flood.

use std::io::{self, BufRead, BufReader, Read};
use std::time::{Duration, Instant};

/// Why a line could not be read.
#[derive(Debug)]
pub enum LineError {
    /// The peer closed the connection (a partial last line is dropped).
    Closed,
    /// The line grew past the limit before its newline.
    TooLong {
        limit: usize,
    },
    /// Nothing complete arrived within the read timeout.
    TimedOut,
    Io(io::Error),
}

/// Reads newline-terminated lines of at most `limit` bytes (the newline
/// not counted). Memory stays within `limit` plus the buffer, whatever the
/// peer sends.
pub struct LineReader<R> {
    inner: BufReader<R>,
    line: Vec<u8>,
    limit: usize,
}

impl<R: Read> LineReader<R> {
    pub fn new(inner: R, limit: usize) -> LineReader<R> {
        LineReader {
            inner: BufReader::with_capacity(16 * 1024, inner),
            line: Vec::new(),
            limit,
        }
    }

    /// The next line, without its newline. After a timeout the partial
    /// line is kept, and the next call goes on with it.
    pub fn read_line(&mut self) -> Result<&[u8], LineError> {
        if self.line.last() == Some(&b'\n') {
            self.line.clear();
        }
        loop {
            let avail = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                    return Err(LineError::TimedOut);
                }
                Err(e) => return Err(LineError::Io(e)),
            };
            if avail.is_empty() {
                return Err(LineError::Closed);
            }
            let (take, done) = match avail.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (avail.len(), false),
            };
            let body = if done { take - 1 } else { take };
            if self.line.len() + body > self.limit {
                return Err(LineError::TooLong { limit: self.limit });
            }
            self.line.extend_from_slice(&avail[..take]);
            self.inner.consume(take);
            if done {
                let n = self.line.len() - 1;
                return Ok(&self.line[..n]);
            }
        }
    }

    pub fn get_ref(&self) -> &R {
        self.inner.get_ref()
    }
}

/// A token bucket: `burst` messages at once, `per_second` sustained. A
/// follower that sends faster than that for long enough runs it dry.
#[derive(Debug, Clone)]
pub struct RateLimit {
    tokens: f64,
    burst: f64,
    per_second: f64,
    last: Instant,
}

impl RateLimit {
    pub fn new(per_second: u32, burst: u32) -> RateLimit {
        RateLimit {
            tokens: f64::from(burst),
            burst: f64::from(burst),
            per_second: f64::from(per_second),
            last: Instant::now(),
        }
    }

    /// Takes a token for one message arriving at `now`; false when there is
    /// none left (the sender is over the limit).
    pub fn allow(&mut self, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.last);
        self.last = now;
        self.tokens = (self.tokens + elapsed.as_secs_f64() * self.per_second).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// A `Duration` in whole milliseconds, for messages and reasons.
pub fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], limit: usize) -> Vec<Result<Vec<u8>, String>> {
        let mut r = LineReader::new(input, limit);
        let mut out = Vec::new();
        loop {
            match r.read_line() {
                Ok(l) => out.push(Ok(l.to_vec())),
                Err(LineError::Closed) => return out,
                Err(e) => {
                    out.push(Err(format!("{e:?}")));
                    return out;
                }
            }
        }
    }

    #[test]
    fn lines_are_split_at_newlines() {
        let got = lines(b"{\"a\":1}\n\n{\"b\":2}\npartial", 64);
        assert_eq!(
            got,
            vec![Ok(b"{\"a\":1}".to_vec()), Ok(Vec::new()), Ok(b"{\"b\":2}".to_vec())]
        );
    }

    #[test]
    fn a_line_at_the_limit_passes_and_one_byte_more_does_not() {
        let mut ok = vec![b'x'; 10];
        ok.push(b'\n');
        assert_eq!(lines(&ok, 10), vec![Ok(vec![b'x'; 10])]);
        let mut long = vec![b'x'; 11];
        long.push(b'\n');
        assert_eq!(lines(&long, 10), vec![Err("TooLong { limit: 10 }".to_string())]);
    }

    #[test]
    fn a_huge_line_is_refused_without_reading_it_all() {
        // an endless reader: the limit must stop it, not the end of input
        let endless = std::io::repeat(b'a');
        let mut r = LineReader::new(endless, 64 * 1024);
        assert!(matches!(r.read_line(), Err(LineError::TooLong { limit: 65536 })));
        assert!(r.line.capacity() < 256 * 1024, "held {} bytes", r.line.capacity());
    }

    #[test]
    fn the_bucket_allows_a_burst_then_the_sustained_rate() {
        let t0 = Instant::now();
        let mut b = RateLimit::new(50, 100);
        assert!((0..100).all(|_| b.allow(t0)), "a burst of 100");
        assert!(!b.allow(t0), "the 101st at once");
        // 50 a second refill it: 20 ms gives one token
        assert!(b.allow(t0 + Duration::from_millis(21)));
        assert!(!b.allow(t0 + Duration::from_millis(21)));
        // 50 a second for a minute is always allowed
        let mut b = RateLimit::new(50, 100);
        assert!((1..3000u64).all(|i| b.allow(t0 + Duration::from_millis(i * 20))));
        // 10,000 a second runs it dry within a burst
        let mut b = RateLimit::new(50, 100);
        let refused = (0..1000u64)
            .position(|i| !b.allow(t0 + Duration::from_micros(i * 100)))
            .unwrap();
        assert!(refused < 110, "refused after {refused}");
    }
}
