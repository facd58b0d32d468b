//! A real client: Neovim, headless and without configuration, starts `kataster lsp` on a
//! buffer that was never written (`cli/tests/nvim/lsp.lua`), sees its diagnostics and applies
//! a quick fix. Skipped (with a message) only when `nvim` is missing and cannot be installed
//! (not root); `scripts/test-deps.sh` installs Debian's `neovim` as root. In CI (`CI` set) a
//! missing `nvim` fails.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn nvim() -> Option<&'static str> {
    Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
        .then_some("nvim")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
}

#[test]
fn neovim_shows_diagnostics_of_an_unsaved_buffer_and_applies_a_quick_fix() {
    let Some(nvim) = nvim() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "nvim is missing in CI: scripts/test-deps.sh installs Debian's neovim"
        );
        assert!(
            !is_root(),
            "nvim is missing: run scripts/test-deps.sh (as root it installs Debian's neovim)"
        );
        eprintln!("SKIPPED: nvim is not installed and this is not root (apt-get install neovim)");
        return;
    };
    let temp = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(temp.path()).unwrap();
    assert!(
        Command::new("git")
            .args(["init", "-q"])
            .current_dir(&root)
            .status()
            .unwrap()
            .success()
    );
    std::fs::write(
        root.join("org.yaml"),
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: team-a}\nspec: {type: team, children: []}\n",
    )
    .unwrap();
    let out = root.join(".nvim-result.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nvim/lsp.lua");
    let mut child = Command::new(nvim)
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-S"])
        .arg(&script)
        .env("KATASTER_BIN", env!("CARGO_BIN_EXE_kataster"))
        .env("KATASTER_ROOT", &root)
        .env("KATASTER_NVIM_OUT", &out)
        .env("XDG_STATE_HOME", root.join(".state"))
        .env("XDG_DATA_HOME", root.join(".data"))
        .current_dir(&root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("nvim did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let text = std::fs::read_to_string(&out)
        .unwrap_or_else(|error| panic!("nvim wrote no result ({error})"));
    let result: Value = serde_json::from_str(&text).unwrap();
    assert!(result.get("error").is_none(), "{result}");
    assert_eq!(result["diagnosed"], true, "no diagnostics: {result}");
    assert_eq!(result["before"], serde_json::json!(["CAT006"]), "{result}");
    assert_eq!(
        result["title"], "rename to `Phippy-Web` (unsafe fix)",
        "{result}"
    );
    assert!(
        result["text"]
            .as_str()
            .unwrap()
            .contains("  name: Phippy-Web\n"),
        "{result}"
    );
    assert_eq!(result["cleared"], true, "{result}");
    assert_eq!(result["modified"], true, "{result}");
    assert!(
        !root.join("catalog-info.yaml").exists(),
        "the buffer was never written"
    );
}
