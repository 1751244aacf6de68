//! Helpers shared by the test modules: the console in-process (settings,
//! keys, the screen as text) and a private tmux server for the real binary.

pub mod console;
pub mod secrets;
pub mod tmux;

pub use tmux::Tmux;

/// A library of `n` cases (copies of one sample under new ids).
pub fn library_of(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = "lumbar-foot-drop-microdiscectomy";
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/cases/{sample}.toml")),
    )
    .expect("sample");
    let from = format!("id = \"{sample}\"");
    for i in 0..n {
        let id = format!("case-{i:04}");
        std::fs::write(
            dir.path().join(format!("{id}.toml")),
            text.replacen(&from, &format!("id = \"{id}\""), 1),
        )
        .expect("write");
    }
    dir
}

/// The bytes a terminal backend writes, readable while the backend owns
/// the writer.
#[derive(Clone, Default)]
pub struct Output(pub std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
