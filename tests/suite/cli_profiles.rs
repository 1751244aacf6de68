//! Shipped profiles by name, from any folder.

use std::process::Command;

#[test]
fn a_shipped_profile_can_be_named_from_any_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let score = |profile: &str| -> serde_json::Value {
        let out = Command::new(env!("CARGO_BIN_EXE_pathwise"))
            .args([
                "--profile",
                profile,
                "score",
                "lumbar-s1-sequestered-fragment",
                "--json",
            ])
            .current_dir(dir.path())
            .env("PATHWISE_CONFIG", dir.path().join("none.toml"))
            .env_remove("PATHWISE_LIBRARY")
            .output()
            .expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let default = score("default");
    let twelve = score("twelve-week");
    assert_eq!(
        default["criteria"][2]["status"], "met",
        "10 weeks pass the 6-week default"
    );
    assert_eq!(
        twelve["criteria"][2]["status"], "not-met",
        "but not the 12-week profile"
    );
    assert!(twelve["score"].as_u64() < default["score"].as_u64());
}
