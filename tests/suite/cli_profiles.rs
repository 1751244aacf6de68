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
    let failure = |v: &serde_json::Value| -> serde_json::Value {
        v["criteria"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["id"] == "conservative-failure"))
            .map(|c| c["status"].clone())
            .expect("conservative-failure")
    };
    assert_eq!(failure(&default), "met", "10 weeks pass the 6-week default");
    assert_eq!(failure(&twelve), "not-met", "but not the 12-week profile");
    assert_eq!(default["profile"], "default");
    assert_eq!(twelve["profile"], "twelve-week");
    assert!(twelve["score"].as_u64() < default["score"].as_u64());
}
