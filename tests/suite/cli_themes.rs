//! `pathwise themes [--check]` and `--theme` with user theme folders.

use std::path::Path;
use std::process::{Command, Output};

fn pathwise(config_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pathwise"))
        .args(args)
        .env("PATHWISE_CONFIG", config_dir.join("config.toml"))
        .env_remove("PATHWISE_LIBRARY")
        .output()
        .expect("runs")
}

#[test]
fn themes_lists_the_shipped_themes_and_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    let out = pathwise(dir.path(), &["themes", "--check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    for name in ["default", "light", "high-contrast", "colorblind", "monochrome"] {
        assert!(
            stdout.lines().any(|l| l.starts_with(name) && l.contains("built in")),
            "{name}: {stdout}"
        );
    }
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_broken_user_theme_fails_the_check_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("themes")).unwrap();
    std::fs::write(
        dir.path().join("themes/ward.toml"),
        "inherit = \"default\"\n[roles]\ntitle = \"nocolour\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("themes/good.toml"),
        "inherit = \"light\"\n[roles]\nbad = \"#ff0000\"\n",
    )
    .unwrap();
    let out = pathwise(dir.path(), &["themes", "--check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("ward.toml:3:9: role `title`"), "{stderr}");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(listed.contains("good") && listed.contains("good.toml"), "{listed}");
    assert!(!listed.lines().any(|l| l.starts_with("good") && l.contains("problems")));
}
