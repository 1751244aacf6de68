//! Command output through one buffered writer: many lines cost a few
//! writes, not one each, and a reader that stops early (`| head`) ends the
//! program quietly instead of a panic about a broken pipe.

use std::io::{self, BufWriter, StdoutLock, Write};

pub struct Out(BufWriter<StdoutLock<'static>>);

impl Out {
    pub fn new() -> Out {
        Out(BufWriter::with_capacity(64 * 1024, io::stdout().lock()))
    }

    /// The writer, for serialisers that stream into it.
    pub fn writer(&mut self) -> &mut impl Write {
        &mut self.0
    }

    pub fn line(&mut self, s: &str) {
        let r = self.0.write_all(s.as_bytes()).and_then(|()| self.0.write_all(b"\n"));
        check(r);
    }

    /// Checks the result of writing through [`Out::writer`].
    pub fn check(&mut self, r: io::Result<()>) {
        check(r);
    }

    pub fn finish(mut self) {
        let r = self.0.flush();
        check(r);
    }
}

fn check(r: io::Result<()>) {
    if let Err(e) = r {
        if e.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("pathwise: cannot write output: {e}");
        std::process::exit(1);
    }
}
