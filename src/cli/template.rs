//! `pathwise template`: the commented case skeleton.

pub const TEMPLATE: &str = include_str!("../../data/template.toml");

pub fn run() -> super::Exit {
    print!("{TEMPLATE}");
    super::Exit::Ok
}
