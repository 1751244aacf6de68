//! `pathwise template`: the commented case skeleton.

pub const TEMPLATE: &str = include_str!("../../data/template.toml");

pub fn run() -> super::Exit {
    super::write_out(TEMPLATE);
    super::Exit::Ok
}
