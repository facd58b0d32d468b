//! `kataster check --fix`, `--unsafe-fixes` and `--diff` on real files in a git repository:
//! what is fixed, what is left, what is never written.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A git repository in a temporary folder with these files.
fn repo(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(temp.path()).unwrap().join("repo");
    std::fs::create_dir_all(&dir).unwrap();
    let git = Command::new("git")
        .args(["init", "-q", "."])
        .current_dir(&dir)
        .status();
    assert!(git.is_ok_and(|status| status.success()), "git init");
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    (temp, dir)
}

fn kataster(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kataster"))
        .current_dir(dir)
        .args(args)
        .env_remove("CI_PROJECT_DIR")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

const TEAM: &str = "---\r\napiVersion: backstage.io/v1alpha1\r\nkind: Group\r\nmetadata: {name: team-a}\r\nspec: {type: team, children: []}\r\n";

/// Uppercase tags (safe fixes) and a misspelt reference kind (an unsafe one), CRLF, comments.
fn catalog() -> String {
    format!(
        "apiVersion: backstage.io/v1alpha1\r\nkind: Component\r\nmetadata:\r\n  name: phippy # the name\r\n  tags: [PHP, 'Web'] # languages\r\nspec:\r\n  type: website\r\n  lifecycle: production\r\n  owner: team-a\r\n  dependsOn: [\"compontent:phippy\"]\r\n{TEAM}"
    )
}

#[test]
fn fix_applies_the_safe_fixes_and_a_second_run_changes_nothing() {
    let (_temp, dir) = repo(&[("catalog-info.yaml", &catalog())]);
    let before = kataster(&dir, &["check"]);
    assert_eq!(before.status.code(), Some(1));
    assert!(
        stdout(&before).ends_with("2 fixable with --fix, 1 fixable with --fix --unsafe-fixes\n"),
        "{}",
        stdout(&before)
    );
    let fixed = kataster(&dir, &["check", "--fix"]);
    assert_eq!(fixed.status.code(), Some(1), "CAT105 is left");
    assert!(
        stdout(&fixed).ends_with(
            "1 error, 0 warnings: checked 1 file (2 documents, 2 entities)\n2 fixed, 1 fixable with --unsafe-fixes\n"
        ),
        "{}",
        stdout(&fixed)
    );
    let expected = catalog().replace("[PHP, 'Web']", "[php, 'web']");
    assert_eq!(read(&dir, "catalog-info.yaml"), expected);
    let again = kataster(&dir, &["check", "--fix"]);
    assert_eq!(read(&dir, "catalog-info.yaml"), expected);
    assert!(!stdout(&again).contains("fixed"), "{}", stdout(&again));
}

#[test]
fn unsafe_fixes_are_applied_only_when_asked() {
    let (_temp, dir) = repo(&[("catalog-info.yaml", &catalog())]);
    let counted = kataster(&dir, &["check", "--unsafe-fixes"]);
    assert!(
        stdout(&counted).ends_with("3 fixable with --fix\n"),
        "{}",
        stdout(&counted)
    );
    assert_eq!(read(&dir, "catalog-info.yaml"), catalog());
    let fixed = kataster(&dir, &["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(fixed.status.code(), Some(0), "{}", stdout(&fixed));
    assert!(stdout(&fixed).ends_with("3 fixed\n"), "{}", stdout(&fixed));
    let expected = catalog()
        .replace("[PHP, 'Web']", "[php, 'web']")
        .replace("compontent:", "component:");
    assert_eq!(read(&dir, "catalog-info.yaml"), expected);
    let clean = kataster(&dir, &["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(clean.status.code(), Some(0));
    assert_eq!(read(&dir, "catalog-info.yaml"), expected);
}

#[test]
fn diff_prints_the_fixes_and_changes_nothing() {
    let (_temp, dir) = repo(&[("catalog-info.yaml", &catalog())]);
    let diff = kataster(&dir, &["check", "--diff"]);
    assert_eq!(diff.status.code(), Some(1));
    assert_eq!(
        stdout(&diff),
        "--- a/catalog-info.yaml\n+++ b/catalog-info.yaml\n@@ -2,7 +2,7 @@\n kind: Component\r\n metadata:\r\n   name: phippy # the name\r\n-  tags: [PHP, 'Web'] # languages\r\n+  tags: [php, 'web'] # languages\r\n spec:\r\n   type: website\r\n   lifecycle: production\r\n"
    );
    assert!(String::from_utf8_lossy(&diff.stderr).contains("(1 more with --unsafe-fixes)"));
    assert_eq!(read(&dir, "catalog-info.yaml"), catalog());
    let with_unsafe = kataster(&dir, &["check", "--diff", "--unsafe-fixes"]);
    assert!(stdout(&with_unsafe).contains("+  dependsOn: [\"component:phippy\"]\r\n"));
    assert_eq!(read(&dir, "catalog-info.yaml"), catalog());
    // Nothing to fix: no diff, exit code 0.
    kataster(&dir, &["check", "--fix", "--unsafe-fixes"]);
    let none = kataster(&dir, &["check", "--diff"]);
    assert_eq!(
        (none.status.code(), stdout(&none)),
        (Some(0), String::new())
    );
}

#[cfg(unix)]
#[test]
fn a_file_reached_through_a_symbolic_link_is_not_written() {
    let (_temp, dir) = repo(&[("real/catalog.yaml", &catalog())]);
    std::os::unix::fs::symlink(dir.join("real/catalog.yaml"), dir.join("catalog-info.yaml"))
        .unwrap();
    std::os::unix::fs::symlink(dir.join("real"), dir.join("linked")).unwrap();
    for named in ["catalog-info.yaml", "linked/catalog.yaml"] {
        let output = kataster(&dir, &["check", named, "--fix"]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("not fixed") && stderr.contains("symbolic link"),
            "{stderr}"
        );
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(read(&dir, "real/catalog.yaml"), catalog());
    }
}

/// A rule's docs example, fixed with `--fix --unsafe-fixes`, is its "Use instead" (the corpus
/// holds both, generated from the docs): the fixture pairs of the fixable rules.
#[test]
fn each_fixable_rules_example_is_fixed_into_its_use_instead() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
    // CAT006's "Use instead" also moves the display name to `metadata.title`.
    let exact = [
        "CAT010", "CAT012", "CAT105", "NS001", "NS002", "ORG001", "ORG002", "ARGO001", "KAT001",
        "CAT001",
    ];
    for rule in kataster_core::RULES.iter().filter(|rule| rule.fixable()) {
        let case = |kind: &str| corpus.join(format!("{}/{kind}/docs-example", rule.code));
        let files: Vec<(String, String)> = if case("invalid").is_dir() {
            std::fs::read_dir(case("invalid"))
                .unwrap()
                .map(|entry| {
                    let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                    let text = std::fs::read_to_string(case("invalid").join(&name)).unwrap();
                    (name, text)
                })
                .collect()
        } else if let Ok(text) = std::fs::read_to_string(case("invalid").with_extension("yaml")) {
            vec![("docs-example.yaml".to_owned(), text)]
        } else {
            // A version scenario (HELM002): not a file `kataster check` reads.
            continue;
        };
        let laid: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let (_temp, dir) = repo(&laid);
        let output = kataster(
            &dir,
            &["check", "--fix", "--unsafe-fixes", "--format", "concise"],
        );
        assert!(
            !stdout(&output).contains(&format!(" {} [", rule.code)),
            "{}: {}",
            rule.code,
            stdout(&output)
        );
        if !exact.contains(&rule.code) {
            continue;
        }
        for (name, _) in &files {
            let valid = if case("valid").is_dir() {
                case("valid").join(name)
            } else {
                case("valid").with_extension("yaml")
            };
            let body = |text: &str| -> String {
                text.lines()
                    .filter(|line| !line.starts_with("# The "))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            assert_eq!(
                body(&read(&dir, name)),
                body(&std::fs::read_to_string(valid).unwrap()),
                "{} {name}",
                rule.code
            );
        }
    }
}

#[test]
fn a_template_gets_its_only_api_version_as_an_unsafe_fix() {
    let text = "apiVersion: backstage.io/v1alpha1 # old\nkind: Template\nmetadata: {name: t}\nspec: {type: service, steps: []}\n";
    let (_temp, dir) = repo(&[("template.yaml", text)]);
    let safe = kataster(&dir, &["check", "--diff"]);
    assert_eq!(
        (safe.status.code(), stdout(&safe)),
        (Some(0), String::new())
    );
    let fixed = kataster(&dir, &["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(fixed.status.code(), Some(0), "{}", stdout(&fixed));
    assert_eq!(
        read(&dir, "template.yaml"),
        text.replace("backstage.io/v1alpha1", "scaffolder.backstage.io/v1beta3")
    );
}
