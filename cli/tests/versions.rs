//! `kataster version` and `kataster branch` against real git repositories, built in temporary
//! directories with the git CLI: the source document's GitFlow diagram, its variants, stage
//! promotion in a GitOps repository, and Helm charts.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use tempfile::TempDir;

/// CI variables that would change what `version check` looks at.
const CI_VARIABLES: &[&str] = &[
    "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
    "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
    "CI_COMMIT_TAG",
    "CI_COMMIT_BRANCH",
    "CI_PROJECT_DIR",
    "GITHUB_HEAD_REF",
    "GITHUB_BASE_REF",
    "GITHUB_REF",
];

/// A repository in a temporary directory.
struct Repo {
    dir: TempDir,
}

impl Repo {
    fn new() -> Self {
        let repo = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main", "."]);
        for (key, value) in [
            ("user.email", "dev@acme.example"),
            ("user.name", "Dev"),
            ("commit.gpgsign", "false"),
            ("tag.gpgsign", "false"),
        ] {
            repo.git(&["config", key, value]);
        }
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> String {
        let output = Command::new("git")
            .current_dir(self.path())
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.path())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn commit(&self, message: &str) {
        self.git(&["commit", "-q", "--allow-empty", "-m", message]);
    }

    fn checkout(&self, branch: &str) {
        self.git(&["checkout", "-q", branch]);
    }

    fn branch(&self, branch: &str) {
        self.git(&["checkout", "-q", "-b", branch]);
    }

    fn merge(&self, branch: &str) {
        self.git(&["merge", "-q", "--no-ff", "--no-edit", branch]);
    }

    fn tag(&self, tag: &str) {
        self.git(&["tag", tag]);
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn commit_all(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.commit(message);
    }

    /// Run kataster in the repository: exit code and standard output.
    fn kataster(&self, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kataster"));
        command.current_dir(self.path()).args(args);
        for name in CI_VARIABLES {
            command.env_remove(name);
        }
        for (name, value) in env {
            command.env(name, value);
        }
        let output = command.output().unwrap();
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8(output.stdout).unwrap(),
        )
    }

    /// Run kataster in the repository: exit code, standard output and standard error.
    fn kataster_full(&self, args: &[&str]) -> (i32, String, String) {
        self.kataster_env(args, &[])
    }

    /// Run kataster with these variables: exit code, standard output and standard error.
    fn kataster_env(&self, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kataster"));
        command.current_dir(self.path()).args(args);
        for name in CI_VARIABLES {
            command.env_remove(name);
        }
        for (name, value) in env {
            command.env(name, value);
        }
        let output = command.output().unwrap();
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    }

    /// Run kataster with `--format json`: exit code and report.
    fn json(&self, args: &[&str]) -> (i32, Value) {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let (code, stdout) = self.kataster(&all, &[]);
        let report = serde_json::from_str(&stdout)
            .unwrap_or_else(|error| panic!("{args:?}: not JSON ({error}):\n{stdout}"));
        (code, report)
    }
}

/// The tags the diagram's releases get, and where to stop.
struct Diagram {
    first: &'static str,
    release: &'static str,
    hotfix: &'static str,
    last: &'static str,
    /// Stop before the hotfix is merged (`version next` for it).
    stop_before_hotfix_merge: bool,
    /// Stop before the last release is merged.
    stop_before_last_merge: bool,
}

impl Default for Diagram {
    fn default() -> Self {
        Self {
            first: "1.1.0",
            release: "1.2.0",
            hotfix: "1.2.1",
            last: "1.3.0",
            stop_before_hotfix_merge: false,
            stop_before_last_merge: false,
        }
    }
}

/// The source document's GitFlow diagram as a repository.
fn diagram(options: &Diagram) -> Repo {
    let repo = Repo::new();
    repo.commit("Initial commit");
    repo.tag(options.first);
    repo.branch("dev");
    repo.commit("Development setup");
    repo.branch("feat/long-thing");
    repo.commit("feat: Add feature 1");
    repo.commit("Update feature 1");
    repo.commit("Update feature 2");
    repo.checkout("dev");
    repo.branch("fix/nice-thing");
    repo.commit("fix: Add fix nice");
    repo.checkout("dev");
    repo.merge("fix/nice-thing");
    repo.branch("feat/big-thing");
    repo.commit("feat: Something Big");
    repo.commit("Update Something Big");
    repo.checkout("main");
    repo.merge("dev");
    repo.tag(options.release);
    repo.checkout("dev");
    repo.merge("feat/big-thing");
    repo.checkout("main");
    repo.branch("hotfix/critical-bug");
    repo.commit("fix: Fix critical bug");
    if options.stop_before_hotfix_merge {
        return repo;
    }
    repo.checkout("main");
    repo.merge("hotfix/critical-bug");
    repo.tag(options.hotfix);
    repo.checkout("dev");
    repo.merge("main");
    repo.checkout("feat/long-thing");
    repo.commit("Update feature 3");
    repo.checkout("dev");
    repo.merge("feat/long-thing");
    if options.stop_before_last_merge {
        return repo;
    }
    repo.checkout("main");
    repo.merge("dev");
    repo.tag(options.last);
    repo
}

fn codes(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| diagnostic["code"].as_str().unwrap().to_owned())
        .collect()
}

/// Each diagnostic's code with one of its fields (`file`, `message`).
fn codes_with(report: &Value, field: &str) -> Vec<(String, String)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d[field].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn errors(report: &Value) -> Vec<(String, String)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|diagnostic| diagnostic["severity"] == "error")
        .map(|diagnostic| {
            (
                diagnostic["code"].as_str().unwrap().to_owned(),
                diagnostic["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The single error of a report: its code and message.
fn only_error(report: &Value) -> (String, String) {
    let errors = errors(report);
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    errors.into_iter().next().unwrap()
}

fn short(repo: &Repo, rev: &str) -> String {
    repo.git(&["rev-parse", "--short=7", rev]).trim().to_owned()
}

#[test]
fn the_diagram_audits_clean() {
    let repo = diagram(&Diagram::default());
    let (code, report) = repo.json(&["version", "audit"]);
    assert_eq!(code, 0, "{report:#}");
    assert!(errors(&report).is_empty(), "{report:#}");
    let releases = report["releases"].as_array().unwrap();
    let summary: Vec<(&str, &str, &str)> = releases
        .iter()
        .map(|release| {
            (
                release["tag"].as_str().unwrap(),
                release["source"].as_str().unwrap_or("-"),
                release["actual_bump"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("1.1.0", "-", "-"),
            ("1.2.0", "dev", "minor"),
            ("1.2.1", "hotfix/critical-bug", "patch"),
            ("1.3.0", "dev", "minor"),
        ]
    );
    assert_eq!(releases[3]["required_bump"], "minor");
    // Human output: a line per tag with its verdict.
    let (code, human) = repo.kataster(&["version", "audit", "--no-color"], &[]);
    assert_eq!(code, 0);
    assert!(human.contains("1.2.1        ok"), "{human}");
    assert!(human.contains("0 errors"), "{human}");
    // Every tag pipeline of the diagram passes too.
    for tag in ["1.2.0", "1.2.1", "1.3.0"] {
        let (code, report) = repo.json(&["version", "check", "--tag", tag]);
        assert_eq!(code, 0, "{tag}: {report:#}");
        assert_eq!(report["transition"]["next_version"], tag);
    }
}

#[test]
fn version_next_gives_the_hotfix_and_the_release() {
    let repo = diagram(&Diagram {
        stop_before_hotfix_merge: true,
        ..Diagram::default()
    });
    let (code, next) = repo.kataster(
        &[
            "version",
            "next",
            "--source",
            "hotfix/critical-bug",
            "--target",
            "main",
        ],
        &[],
    );
    assert_eq!((code, next.as_str()), (0, "1.2.1\n"));
    // The same from GitLab's merge request variables.
    let (code, next) = repo.kataster(
        &["version", "next"],
        &[
            ("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "hotfix/critical-bug"),
            ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
        ],
    );
    assert_eq!((code, next.as_str()), (0, "1.2.1\n"));

    let repo = diagram(&Diagram {
        stop_before_last_merge: true,
        ..Diagram::default()
    });
    let (code, next) = repo.kataster(
        &["version", "next", "--source", "dev", "--target", "main"],
        &[],
    );
    assert_eq!((code, next.as_str()), (0, "1.3.0\n"));
    // GitHub's pull request variables, and the explanation.
    let (code, version, explained) = repo.kataster_env(
        &["version", "next", "--explain", "--no-color"],
        &[("GITHUB_HEAD_REF", "dev"), ("GITHUB_BASE_REF", "main")],
    );
    assert_eq!(code, 0);
    assert_eq!(version, "1.3.0\n", "{explained}");
    assert!(
        explained.contains("previous release is 1.2.1"),
        "{explained}"
    );
    assert!(
        explained.contains("requires a minor release"),
        "{explained}"
    );
    // The merge request check passes, with the computed facts.
    let (code, report) = repo.json(&["version", "check", "--source", "dev", "--target", "main"]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["transition"]["previous"], "1.2.1");
    assert_eq!(report["transition"]["required_bump"], "minor");
}

#[test]
fn a_hotfix_tagged_as_a_minor_release_fails() {
    let repo = diagram(&Diagram {
        hotfix: "1.3.0",
        last: "1.4.0",
        ..Diagram::default()
    });
    let (code, report) = repo.json(&["version", "audit"]);
    assert_eq!(code, 1);
    let (rule, message) = only_error(&report);
    assert_eq!(rule, "GIT005");
    assert!(
        message.contains("hotfix/critical-bug")
            && message.contains("1.2.1")
            && message.contains("1.3.0"),
        "{message}"
    );
    let (code, report) = repo.json(&["version", "check", "--tag", "1.3.0"]);
    assert_eq!((code, only_error(&report).0.as_str()), (1, "GIT005"));
}

#[test]
fn a_feature_release_tagged_as_a_patch_fails() {
    let repo = diagram(&Diagram {
        last: "1.2.2",
        ..Diagram::default()
    });
    let (code, report) = repo.json(&["version", "audit"]);
    assert_eq!(code, 1);
    let found = errors(&report);
    let (_, message) = found
        .iter()
        .find(|(code, _)| code == "VER008")
        .unwrap_or_else(|| panic!("{found:#?}"));
    // The message names the tag and the feature commit that requires more.
    let feature = short(&repo, ":/feat: Add feature 1");
    let big = short(&repo, ":/feat: Something Big");
    assert!(message.contains("tag 1.2.2"), "{message}");
    assert!(
        message.contains(&feature) || message.contains(&big),
        "{message}"
    );
    assert!(found.iter().any(|(code, _)| code == "GIT004"), "{found:#?}");
}

#[test]
fn a_skipped_release_fails() {
    let repo = diagram(&Diagram {
        last: "1.5.0",
        ..Diagram::default()
    });
    let (code, report) = repo.json(&["version", "audit"]);
    assert_eq!(code, 1);
    let (rule, message) = only_error(&report);
    assert_eq!(rule, "VER006");
    assert!(
        message.contains("1.5.0") && message.contains("1.3.0"),
        "{message}"
    );
}

#[test]
fn a_pre_release_on_main_fails() {
    let repo = diagram(&Diagram {
        last: "1.3.0-rc.1",
        ..Diagram::default()
    });
    let (code, report) = repo.json(&["version", "audit"]);
    assert_eq!(code, 1);
    let (rule, message) = only_error(&report);
    assert_eq!(rule, "GIT003");
    assert!(message.contains("1.3.0-rc.1"), "{message}");
    // A pre-release tagged on dev is fine.
    let repo = diagram(&Diagram {
        stop_before_last_merge: true,
        ..Diagram::default()
    });
    repo.tag("1.3.0-rc.1");
    let (code, report) = repo.json(&["version", "check", "--tag", "1.3.0-rc.1"]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["transition"]["target"], "dev");
}

#[test]
fn a_repeated_version_fails() {
    let repo = diagram(&Diagram::default());
    repo.checkout("dev");
    repo.commit("feat: Export");
    let (code, report) = repo.json(&[
        "version",
        "check",
        "--source",
        "dev",
        "--target",
        "main",
        "--version",
        "1.3.0",
    ]);
    assert_eq!(code, 1);
    let (rule, message) = only_error(&report);
    assert_eq!(rule, "VER004");
    assert!(
        message.contains("1.3.0") && message.contains(&short(&repo, "1.3.0")),
        "{message}"
    );
    // A stable tag outside main's history repeats nothing but is misplaced.
    repo.tag("1.4.0");
    let (code, report) = repo.json(&["version", "audit"]);
    assert_eq!(code, 1);
    assert_eq!(only_error(&report).0, "GIT003");
}

#[test]
fn forbidden_merges_fail() {
    let repo = diagram(&Diagram::default());
    repo.branch("feat/x");
    repo.commit("feat: X");
    let (code, report) = repo.json(&["version", "check", "--source", "feat/x", "--target", "main"]);
    assert_eq!(code, 1);
    let (rule, message) = only_error(&report);
    assert_eq!(
        (rule.as_str(), message.as_str()),
        ("GIT002", "feat/x may not be merged into main")
    );
    // `next` still says what the merge would produce, and why it fails (on standard error).
    let (code, version, next) = repo.kataster_env(
        &[
            "version",
            "next",
            "--no-color",
            "--source",
            "feat/x",
            "--target",
            "main",
        ],
        &[],
    );
    assert_eq!(code, 1);
    assert!(
        next.contains("error[GIT002]") && version == "1.4.0\n",
        "{next}"
    );
    repo.checkout("main");
    repo.merge("feat/x");
    repo.tag("1.4.0");
    let (code, report) = repo.json(&["version", "audit"]);
    assert_eq!(code, 1);
    // The tagged merge is the evidence, and the message names it.
    assert_eq!(
        only_error(&report),
        (
            "GIT002".to_owned(),
            format!(
                "feat/x may not be merged into main (merge commit {}, tagged 1.4.0)",
                short(&repo, "1.4.0")
            )
        )
    );

    let repo = diagram(&Diagram {
        stop_before_hotfix_merge: true,
        ..Diagram::default()
    });
    let (code, report) = repo.json(&[
        "version",
        "check",
        "--source",
        "hotfix/critical-bug",
        "--target",
        "dev",
    ]);
    assert_eq!(code, 1);
    let (rule, message) = only_error(&report);
    assert_eq!(
        (rule.as_str(), message.as_str()),
        ("GIT002", "hotfix/critical-bug may not be merged into dev")
    );
}

#[test]
fn a_breaking_change_released_as_minor_fails() {
    for message in [
        "feat(api)!: Drop the v1 endpoints",
        "feat: Rework the API\n\nBREAKING CHANGE: the v1 endpoints are gone",
    ] {
        let repo = diagram(&Diagram::default());
        repo.checkout("dev");
        repo.commit(message);
        let (code, report) = repo.json(&[
            "version",
            "check",
            "--source",
            "dev",
            "--target",
            "main",
            "--version",
            "1.4.0",
        ]);
        assert_eq!(code, 1);
        let (rule, text) = only_error(&report);
        assert_eq!(rule, "VER008");
        assert!(
            text.contains(&short(&repo, "dev")) && text.contains("breaking change"),
            "{text}"
        );
        assert_eq!(report["transition"]["next_version"], "2.0.0");
        repo.checkout("main");
        repo.merge("dev");
        repo.tag("1.4.0");
        let (code, report) = repo.json(&["version", "audit"]);
        assert_eq!((code, only_error(&report).0.as_str()), (1, "VER008"));
    }
}

#[test]
fn a_mixed_v_prefix_fails() {
    let repo = diagram(&Diagram {
        hotfix: "v1.2.1",
        ..Diagram::default()
    });
    let (code, report) = repo.json(&["version", "audit"]);
    assert_eq!(code, 1);
    let (rule, message) = only_error(&report);
    assert_eq!(rule, "VER002");
    assert!(message.contains("v1.2.1"), "{message}");
    // With `v` as the configured prefix, the unprefixed tags are the odd ones.
    let (code, report) = repo.json(&[
        "version",
        "check",
        "--tag",
        "v1.2.1",
        "--versions-policy",
        r#"{"tagPrefix": "v"}"#,
    ]);
    assert_eq!(code, 1, "{report:#}");
    assert!(
        codes(&report)
            .iter()
            .all(|code| code == "VER002" || code.starts_with("VER01")),
        "{report:#}"
    );
}

/// Without `versions.tagPrefix`, a repository tagged `v1.2.3` throughout (a Go module) has
/// the prefix `v`: no finding, and the next tag has it too.
#[test]
fn a_consistent_v_prefix_is_inferred() {
    let repo = diagram(&Diagram {
        first: "v1.1.0",
        release: "v1.2.0",
        hotfix: "v1.2.1",
        last: "v1.3.0",
        stop_before_last_merge: true,
        ..Diagram::default()
    });
    let (code, report) = repo.json(&["version", "audit"]);
    assert_eq!(code, 0, "{report:#}");
    assert!(!codes(&report).contains(&"VER002".to_owned()), "{report:#}");
    let (code, report) = repo.json(&["version", "check", "--tag", "v1.2.1"]);
    assert_eq!(
        (code, codes(&report)),
        (0, Vec::<String>::new()),
        "{report:#}"
    );
    let next = ["version", "next", "--source", "dev", "--target", "main"];
    let mut tag = next.to_vec();
    tag.push("--tag-name");
    assert_eq!(repo.kataster_full(&tag).1, "v1.3.0\n");
    // An explicit prefix wins, no prefix too: every `v` tag is reported.
    let (code, report) = repo.json(&[
        "version",
        "audit",
        "--versions-policy",
        r#"{"tagPrefix": ""}"#,
    ]);
    assert_eq!(code, 1, "{report:#}");
    let tagged: Vec<String> = errors(&report)
        .into_iter()
        .filter(|(code, _)| code == "VER002")
        .map(|(_, message)| message)
        .collect();
    assert_eq!(tagged.len(), 3, "{tagged:#?}");
}

/// Mixed tags: the prefix most version tags carry is the repository's, and only the others
/// are reported, with the count that decided it.
#[test]
fn a_mixed_prefix_reports_the_minority() {
    let repo = diagram(&Diagram {
        first: "1.1.0",
        release: "v1.2.0",
        hotfix: "v1.2.1",
        last: "v1.3.0",
        ..Diagram::default()
    });
    let (code, report) = repo.json(&["version", "audit"]);
    assert_eq!(code, 1, "{report:#}");
    let (rule, message) = only_error(&report);
    assert_eq!(rule, "VER002");
    assert!(
        message.starts_with("tag 1.1.0 has no prefix, but release tags have prefix \"v\"")
            && message.contains("3 of 4 version tags"),
        "{message}"
    );
}

#[test]
fn a_shallow_clone_is_reported_not_taken_for_a_first_release() {
    let repo = diagram(&Diagram::default());
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    let status = Command::new("git")
        .args(["clone", "-q", "--depth", "1", "--no-single-branch", &url])
        .arg(clone.path().join("shallow"))
        .status()
        .unwrap();
    assert!(status.success());
    let shallow = Repo { dir: clone };
    let run = |args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kataster"));
        command
            .current_dir(shallow.path().join("shallow"))
            .args(args)
            .args(["--format", "json"]);
        for name in CI_VARIABLES {
            command.env_remove(name);
        }
        let output = command.output().unwrap();
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        (output.status.code().unwrap(), report)
    };
    for args in [
        &["version", "check", "--tag", "1.3.0"][..],
        &["version", "check", "--source", "dev", "--target", "main"],
        &["version", "audit"],
    ] {
        let (code, report) = run(args);
        assert_eq!(code, 2, "{args:?}: {report:#}");
        let (rule, message) = only_error(&report);
        assert_eq!(rule, "GIT007", "{args:?}");
        assert!(message.contains("shallow"), "{message}");
        assert!(!codes(&report).contains(&"VER007".to_owned()));
        assert!(
            report["diagnostics"][0]["help"]
                .as_str()
                .unwrap()
                .contains("GIT_DEPTH: 0")
        );
    }
}

#[test]
fn hotfixes_with_features_and_missing_targets() {
    let repo = diagram(&Diagram {
        stop_before_hotfix_merge: true,
        ..Diagram::default()
    });
    repo.commit("feat: Add an export button");
    let (code, report) = repo.json(&[
        "version",
        "check",
        "--source",
        "hotfix/critical-bug",
        "--target",
        "main",
    ]);
    assert_eq!(code, 1);
    let (rule, message) = only_error(&report);
    assert_eq!(rule, "GIT006");
    assert!(message.contains(&short(&repo, "HEAD")), "{message}");
    repo.git(&["branch", "-m", "main", "production"]);
    let (code, report) = repo.json(&[
        "version",
        "check",
        "--source",
        "hotfix/critical-bug",
        "--target",
        "main",
    ]);
    assert_eq!(code, 2, "{report:#}");
    assert_eq!(only_error(&report).0, "GIT007");
    let (code, _) = repo.kataster(&["version", "check"], &[]);
    assert_eq!(code, 2, "no context is a usage error");
}

#[test]
fn branch_names() {
    let repo = Repo::new();
    let (code, report) = repo.json(&[
        "branch",
        "main",
        "dev",
        "feat/long-thing",
        "hotfix/critical-bug",
        "release/1.3.0",
    ]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(
        report["branches"][2]["merges_into"],
        serde_json::json!(["dev"])
    );
    let (code, report) = repo.json(&[
        "branch",
        "feature/Login",
        "feat/Login Page",
        "master",
        "feat/",
    ]);
    assert_eq!(code, 1);
    let helps: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| diagnostic["help"].as_str().unwrap())
        .collect();
    assert_eq!(helps.len(), 4);
    assert!(
        helps.contains(&"use `feat/login`")
            && helps.contains(&"use `feat/login-page`")
            && helps.contains(&"use `main`"),
        "{helps:?}"
    );
    let (code, human) = repo.kataster(&["branch", "--no-color", "feat/x", "bug/y"], &[]);
    assert_eq!(code, 1);
    assert!(
        human.contains("error[GIT001]")
            && human.contains("feat/x: ok (feat branch, merged into dev)"),
        "{human}"
    );
}

const CHART: &str = "apiVersion: v2\nname: phippy\nversion: {version}\nappVersion: {app}\n";

fn chart(version: &str, app: &str) -> String {
    CHART.replace("{version}", version).replace("{app}", app)
}

#[test]
fn helm_charts() {
    // Lockstep: the chart is released with the tag.
    let repo = Repo::new();
    repo.write("charts/phippy/Chart.yaml", &chart("1.0.0", "\"1.0.0\""));
    repo.commit_all("feat: Phippy chart");
    repo.tag("1.0.0");
    let (code, report) = repo.json(&["version", "check", "--tag", "1.0.0"]);
    assert_eq!(code, 0, "{report:#}");
    repo.branch("dev");
    repo.write("charts/phippy/templates/service.yaml", "kind: Service\n");
    repo.commit_all("feat: Add a service");
    repo.checkout("main");
    repo.merge("dev");
    repo.tag("1.1.0");
    let (code, report) = repo.json(&["version", "check", "--tag", "1.1.0"]);
    assert_eq!(code, 1);
    let found = errors(&report);
    assert!(
        found.iter().all(|(code, _)| code == "HELM001"),
        "{found:#?}"
    );
    assert!(
        found[0].1.contains("1.0.0") && found[0].1.contains("1.1.0"),
        "{found:#?}"
    );
    assert_eq!(report["diagnostics"][0]["file"], "charts/phippy/Chart.yaml");
    assert_eq!(report["diagnostics"][0]["line"], 3);

    // An unquoted appVersion.
    repo.write("charts/phippy/Chart.yaml", &chart("1.1.0", "1.1.0"));
    let (code, report) = repo.json(&["version", "check", "--tag", "1.1.0"]);
    assert_eq!(code, 1);
    assert_eq!(only_error(&report).0, "HELM002");
    assert_eq!(report["diagnostics"][0]["pointer"], "/appVersion");

    // A changed chart without a bump, in a merge request into dev.
    repo.write("charts/phippy/Chart.yaml", &chart("1.1.0", "\"1.1.0\""));
    repo.commit_all("fix: Chart version 1.1.0");
    repo.checkout("dev");
    repo.merge("main");
    repo.branch("feat/ingress");
    repo.write("charts/phippy/templates/ingress.yaml", "kind: Ingress\n");
    repo.commit_all("feat: Add an ingress");
    let (code, report) = repo.json(&[
        "version",
        "check",
        "--source",
        "feat/ingress",
        "--target",
        "dev",
    ]);
    assert_eq!(code, 1, "{report:#}");
    let (rule, message) = only_error(&report);
    assert_eq!(rule, "HELM003");
    assert!(message.contains("1.1.0"), "{message}");
    // Bumped, it passes; and merged into main, the chart's version is the proposed release.
    repo.write("charts/phippy/Chart.yaml", &chart("1.2.0", "\"1.2.0\""));
    repo.commit_all("chore: Bump the chart to 1.2.0");
    let (code, report) = repo.json(&[
        "version",
        "check",
        "--source",
        "feat/ingress",
        "--target",
        "dev",
    ]);
    assert_eq!(code, 0, "{report:#}");
    repo.checkout("dev");
    repo.merge("feat/ingress");
    let (code, report) = repo.json(&["version", "check", "--source", "dev", "--target", "main"]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["transition"]["version"], "1.2.0");
    repo.write("charts/phippy/Chart.yaml", &chart("1.3.0", "\"1.3.0\""));
    let (code, report) = repo.json(&["version", "check", "--source", "dev", "--target", "main"]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(only_error(&report).0, "VER006");
    assert_eq!(report["diagnostics"][0]["file"], "charts/phippy/Chart.yaml");
}

#[test]
fn version_files_follow_the_release() {
    let repo = Repo::new();
    repo.write(
        "kataster.yaml",
        "versions:\n  files:\n    - {path: package.json}\n    - {path: Cargo.toml}\n    - {path: python/pyproject.toml}\n    - {path: VERSION}\n    - {path: \"roles/*/galaxy.yml\"}\n",
    );
    let write_all = |version: &str| {
        repo.write(
            "package.json",
            &format!("{{\n  \"name\": \"phippy\",\n  \"version\": \"{version}\"\n}}\n"),
        );
        repo.write(
            "Cargo.toml",
            &format!("[package]\nname = \"phippy\"\nversion = \"{version}\"\n"),
        );
        repo.write(
            "python/pyproject.toml",
            &format!("[tool.poetry]\nversion = \"{version}\"\n"),
        );
        repo.write("VERSION", &format!("{version}\n"));
        repo.write(
            "roles/web/galaxy.yml",
            &format!("namespace: acme\nversion: {version}\n"),
        );
    };
    write_all("1.0.0");
    repo.commit_all("feat: First release");
    repo.tag("1.0.0");
    let (code, report) = repo.json(&["version", "check", "--tag", "1.0.0"]);
    assert_eq!(code, 0, "{report:#}");

    // Tagged 1.1.0 with the files still at 1.0.0: each is reported where its value is.
    repo.branch("dev");
    repo.commit("feat: Add a feature");
    repo.checkout("main");
    repo.merge("dev");
    repo.tag("1.1.0");
    let (code, report) = repo.json(&["version", "check", "--tag", "1.1.0"]);
    assert_eq!(code, 1, "{report:#}");
    let at: Vec<(String, String, i64, i64)> = report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|diagnostic| {
            (
                diagnostic["code"].as_str().unwrap_or_default().to_owned(),
                diagnostic["file"].as_str().unwrap_or_default().to_owned(),
                diagnostic["line"].as_i64().unwrap_or_default(),
                diagnostic["column"].as_i64().unwrap_or_default(),
            )
        })
        .collect();
    let expected = [
        ("VER014", "package.json", 3, 14),
        ("VER014", "Cargo.toml", 3, 11),
        ("VER014", "python/pyproject.toml", 2, 11),
        ("VER014", "VERSION", 1, 1),
        ("VER014", "roles/web/galaxy.yml", 2, 10),
    ];
    for (code, file, line, column) in expected {
        assert!(
            at.contains(&(code.to_owned(), file.to_owned(), line, column)),
            "{code} {file}:{line}:{column} in {at:#?}"
        );
    }
    assert_eq!(at.len(), expected.len(), "{at:#?}");
    let (_, message) = errors(&report)
        .into_iter()
        .find(|(_, message)| message.starts_with("package.json"))
        .unwrap_or_default();
    assert_eq!(
        message,
        "package.json `version` is 1.0.0, not the release 1.1.0"
    );

    // Bumped, they pass.
    write_all("1.1.0");
    let (code, report) = repo.json(&["version", "check", "--tag", "1.1.0"]);
    assert_eq!(code, 0, "{report:#}");

    // A missing file, an inherited Cargo version and a symbolic link out of the repository
    // are reported, never passed.
    std::fs::remove_file(repo.path().join("VERSION")).unwrap_or_default();
    repo.write(
        "Cargo.toml",
        "[package]\nname = \"phippy\"\nversion.workspace = true\n",
    );
    let outside = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(
        outside.path().join("package.json"),
        "{\"version\": \"1.1.0\"}",
    )
    .unwrap_or_default();
    std::fs::remove_file(repo.path().join("package.json")).unwrap_or_default();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("package.json"),
        repo.path().join("package.json"),
    )
    .unwrap_or_default();
    let (code, report) = repo.json(&["version", "check", "--tag", "1.1.0"]);
    assert_eq!(code, 1, "{report:#}");
    let found = errors(&report);
    assert!(found.iter().all(|(code, _)| code == "VER015"), "{found:#?}");
    assert!(
        found
            .iter()
            .any(|(_, message)| message == "no file matches `VERSION` of `versions.files`"),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|(_, message)| message == "no file matches `package.json` of `versions.files`"),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|(_, message)| message
            == "cannot read the version of Cargo.toml: `package.version` is not a string"),
        "{found:#?}"
    );
}

fn application(stage: &str, version: &str, annotations: &str) -> String {
    format!(
        "apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: phippy-{stage}
  namespace: argocd{annotations}
spec:
  project: phippy
  destination:
    server: https://kubernetes.default.svc
    namespace: ap-phippy-{stage}
  source:
    repoURL: https://charts.acme.example
    chart: phippy
    targetRevision: {version}
"
    )
}

/// A GitOps repository with phippy in dev, int and prd on main, and a promotion branch.
fn gitops(dev: &str, int: &str, prd: &str) -> Repo {
    let repo = Repo::new();
    for (stage, version) in [("dev", dev), ("int", int), ("prd", prd)] {
        repo.write(
            &format!("apps/phippy-{stage}.yaml"),
            &application(stage, version, ""),
        );
    }
    repo.commit_all("feat: Phippy in every stage");
    repo.branch("promote/phippy");
    repo
}

/// Applications whose namespaces name no stage: promotion says it had nothing to compare
/// instead of passing in silence.
#[test]
fn a_promotion_with_no_stage_says_so() {
    let repo = Repo::new();
    repo.write(
        "apps/pricelist.yaml",
        &application("prd", "1.0.0", "").replace("ap-phippy-prd", "pricelist"),
    );
    repo.commit_all("feat: Pricelist");
    let (code, human) = repo.kataster(&["version", "promote", "--no-color"], &[]);
    assert_eq!(code, 0, "{human}");
    assert!(
        human.contains("no Argo CD Application or Flux release of the 1 YAML file deploys a version to a stage's namespace"),
        "{human}"
    );
}

#[test]
fn stage_promotion() {
    // A clean promotion: int runs 1.3.0, prd gets it.
    let repo = gitops("1.3.0", "1.3.0", "1.2.1");
    repo.write("apps/phippy-prd.yaml", &application("prd", "1.3.0", ""));
    let (code, report) = repo.json(&["version", "promote", "--target", "main"]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["changes"][0]["to"], "1.3.0");
    assert_eq!(report["apps"]["ap-phippy"]["prd"], "1.3.0");

    // prd gets a version int does not run (dev does: it skipped int).
    let repo = gitops("1.3.0", "1.2.1", "1.2.1");
    repo.write("apps/phippy-prd.yaml", &application("prd", "1.3.0", ""));
    let (code, report) = repo.json(&["version", "promote", "--target", "main"]);
    assert_eq!(code, 1);
    let (rule, message) = only_error(&report);
    assert_eq!(rule, "STG001");
    assert!(
        message.contains("1.3.0") && message.contains("int"),
        "{message}"
    );
    assert_eq!(report["diagnostics"][0]["file"], "apps/phippy-prd.yaml");
    assert_eq!(
        report["diagnostics"][0]["pointer"],
        "/spec/source/targetRevision"
    );
    // ... and no stage runs it.
    let repo = gitops("1.2.1", "1.2.1", "1.2.1");
    repo.write("apps/phippy-prd.yaml", &application("prd", "1.3.0", ""));
    let (code, report) = repo.json(&["version", "promote", "--target", "main"]);
    assert_eq!((code, only_error(&report).0.as_str()), (1, "STG003"));

    // A pre-release to prd.
    let repo = gitops("1.3.0-rc.1", "1.3.0-rc.1", "1.2.1");
    repo.write(
        "apps/phippy-prd.yaml",
        &application("prd", "1.3.0-rc.1", ""),
    );
    let (code, report) = repo.json(&["version", "promote", "--target", "main"]);
    assert_eq!((code, only_error(&report).0.as_str()), (1, "STG002"));

    // A downgrade without rollback, and with one.
    let repo = gitops("1.3.0", "1.3.0", "1.3.0");
    repo.write("apps/phippy-prd.yaml", &application("prd", "1.2.1", ""));
    let (code, report) = repo.json(&["version", "promote", "--target", "main"]);
    assert_eq!(code, 1);
    let (rule, message) = only_error(&report);
    assert_eq!(
        (rule.as_str(), message.as_str()),
        ("STG005", "ap-phippy prd goes down from 1.3.0 to 1.2.1")
    );
    repo.write(
        "apps/phippy-prd.yaml",
        &application(
            "prd",
            "1.2.1",
            "\n  annotations:\n    kataster.io/rollback: \"1.3.0 loses orders\"",
        ),
    );
    let (code, report) = repo.json(&["version", "promote", "--target", "main"]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(codes(&report), ["STG006"]);

    // Without a target: the working tree's state; released versions from the app's tags.
    let repo = gitops("1.3.0", "1.2.1", "1.3.0");
    let (code, report) = repo.json(&["version", "promote"]);
    assert_eq!((code, only_error(&report).0.as_str()), (1, "STG003"));
    let app = diagram(&Diagram::default());
    let repo = gitops("1.3.0", "1.2.2", "1.2.1");
    let (code, report) = repo.json(&[
        "version",
        "promote",
        "--tags-from",
        app.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    let (rule, message) = only_error(&report);
    assert_eq!(rule, "STG004");
    assert!(message.contains("1.2.2"), "{message}");
}

#[test]
fn ci_tag_and_branch_pipelines() {
    let repo = diagram(&Diagram {
        stop_before_last_merge: true,
        ..Diagram::default()
    });
    // A push to main: the merge commit records dev -> main; not tagged yet, `next` says what to tag.
    repo.checkout("main");
    repo.merge("dev");
    let (code, next) = repo.kataster(&["version", "next"], &[("CI_COMMIT_BRANCH", "main")]);
    assert_eq!((code, next.as_str()), (0, "1.3.0\n"));
    let (code, next) = repo.kataster(&["version", "next"], &[("GITHUB_REF", "refs/heads/main")]);
    assert_eq!((code, next.as_str()), (0, "1.3.0\n"));
    repo.tag("1.3.0");
    // The tag pipeline, from GitLab's and GitHub's variables.
    for env in [
        ("CI_COMMIT_TAG", "1.3.0"),
        ("GITHUB_REF", "refs/tags/1.3.0"),
    ] {
        let (code, human) = repo.kataster(&["version", "check", "--no-color"], &[env]);
        assert_eq!(code, 0, "{human}");
        assert!(human.contains("dev -> main, 1.3.0"), "{human}");
        assert!(human.contains("previous release: 1.2.1"), "{human}");
    }
    // A tag checked before it exists: HEAD is the tagged commit.
    repo.checkout("dev");
    repo.commit("fix: Late fix");
    repo.checkout("main");
    repo.merge("dev");
    let (code, report) = repo.json(&["version", "check", "--tag", "1.3.1"]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(only_error(&report).0, "GIT004");
    let (code, report) = repo.json(&["version", "check", "--tag", "1.4.0"]);
    assert_eq!(code, 0, "{report:#}");
}

#[test]
fn monorepo_components_are_versioned_on_their_own() {
    let policy = r#"{"components": [
        {"name": "phippy", "tagPrefix": "phippy-", "path": "charts/phippy"},
        {"name": "goldie", "tagPrefix": "goldie-", "path": "charts/goldie"}]}"#;
    let repo = Repo::new();
    repo.write("charts/phippy/values.yaml", "replicas: 1\n");
    repo.write("charts/goldie/values.yaml", "replicas: 1\n");
    repo.commit_all("feat: Phippy and Goldie");
    repo.tag("phippy-1.0.0");
    repo.tag("goldie-1.0.0");
    repo.branch("dev");
    repo.write("charts/goldie/values.yaml", "replicas: 3\n");
    repo.commit_all("feat(goldie): Three replicas");
    repo.write("charts/phippy/values.yaml", "replicas: 2\n");
    repo.commit_all("fix(phippy): Two replicas");
    let next = |component: &str| {
        repo.kataster(
            &[
                "version",
                "next",
                "--source",
                "dev",
                "--target",
                "main",
                "--component",
                component,
                "--versions-policy",
                policy,
            ],
            &[],
        )
    };
    // Goldie's feature makes a minor release of goldie only; phippy's fix still needs a
    // minor release, since dev -> main is a release.
    assert_eq!(next("goldie"), (0, "1.1.0\n".to_owned()));
    let (code, report) = repo.json(&[
        "version",
        "check",
        "--source",
        "dev",
        "--target",
        "main",
        "--component",
        "phippy",
        "--versions-policy",
        policy,
    ]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["transition"]["commits"], 1);
    assert_eq!(report["transition"]["required_bump"], "patch");
    assert_eq!(report["transition"]["next_tag"], "phippy-1.1.0");
    // Both changed: the component must be named.
    let (code, _) = repo.kataster(
        &[
            "version",
            "check",
            "--source",
            "dev",
            "--target",
            "main",
            "--versions-policy",
            policy,
        ],
        &[],
    );
    assert_eq!(code, 2);
    // A tag finds its component by its prefix; the other component's tags are not its history.
    repo.checkout("main");
    repo.merge("dev");
    repo.tag("goldie-1.1.0");
    let (code, report) = repo.json(&[
        "version",
        "check",
        "--tag",
        "goldie-1.1.0",
        "--versions-policy",
        policy,
    ]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["transition"]["component"], "goldie");
    assert_eq!(report["transition"]["previous"], "goldie-1.0.0");
    let (code, report) = repo.json(&[
        "version",
        "audit",
        "--component",
        "goldie",
        "--versions-policy",
        policy,
    ]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["releases"].as_array().unwrap().len(), 2);
    // phippy changed in that merge too, without a tag of its own.
    let (code, report) = repo.json(&[
        "version",
        "audit",
        "--component",
        "phippy",
        "--versions-policy",
        policy,
    ]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(codes(&report), ["GIT008"]);
}

#[test]
fn the_policy_file_configures_versions() {
    let repo = Repo::new();
    repo.write(
        "kataster.yaml",
        // Merges name roles (main, dev, prefixes), not branch names.
        "versions:\n  tagPrefix: v\n  commits: {strict: true}\n  branches: {main: master, dev: develop}\n",
    );
    repo.commit_all("feat: First release");
    repo.git(&["branch", "-m", "main", "master"]);
    repo.tag("v1.0.0");
    repo.branch("develop");
    repo.commit("Update the readme");
    repo.checkout("master");
    repo.merge("develop");
    repo.tag("v1.1.0");
    let (code, report) = repo.json(&["version", "check", "--tag", "v1.1.0"]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(
        only_error(&report).0,
        "VER011",
        "strict commits make it an error"
    );
    assert_eq!(report["transition"]["source"], "develop");
    let (code, report) = repo.json(&["version", "check", "--tag", "v1.1.0", "--ignore", "VER011"]);
    assert_eq!(code, 0, "{report:#}");
    let (code, report) = repo.json(&["branch", "develop", "dev"]);
    assert_eq!(code, 1);
    assert_eq!(codes(&report), ["GIT001"]);
    // `rules:` severities apply too, and a broken policy is not applied.
    repo.write(
        "kataster.yaml",
        "rules: {VER011: off}\nversions:\n  tagPrefix: v\n  branches: {main: master, dev: develop}\n",
    );
    let (code, report) = repo.json(&["version", "check", "--tag", "v1.1.0"]);
    assert_eq!(code, 0, "{report:#}");
    repo.write("kataster.yaml", "versions: {tagPrefx: v}\n");
    let (code, _) = repo.kataster(&["version", "check", "--tag", "v1.1.0"], &[]);
    assert_eq!(code, 2);
}

/// git-flow's names: `master`, `develop`, `feature/`, `bugfix/`, `hotfix/`, `release/`.
const GITFLOW_POLICY: &str = r#"{"branches": {"main": "master", "dev": "develop",
    "prefixes": ["feature", "bugfix", "hotfix", "release", "support"]},
    "merges": {"feature": ["dev"], "bugfix": ["dev"], "hotfix": ["main", "dev"],
    "release": ["main", "dev"], "dev": ["main"], "main": ["dev"]}}"#;

/// `master` tagged 0.1.0, `develop` from it.
fn gitflow_repo() -> Repo {
    let repo = Repo::new();
    repo.git(&["branch", "-m", "master"]);
    repo.commit("Initial commit");
    repo.tag("0.1.0");
    repo.branch("develop");
    repo
}

/// Several tags on one commit: the lowest is the release, the others release nothing new.
#[test]
fn tags_on_one_commit_are_one_release() {
    let repo = Repo::new();
    repo.commit("feat: A");
    repo.tag("1.0.0");
    repo.commit("feat: B");
    for tag in ["1.1.0", "1.1.1", "1.1.2"] {
        repo.tag(tag);
    }
    let (code, report) = repo.json(&["version", "audit"]);
    assert_eq!(code, 1, "{report}");
    let found: Vec<(String, String)> = codes_with(&report, "file");
    assert_eq!(
        found,
        [
            ("VER009".to_owned(), "refs/tags/1.1.1".to_owned()),
            ("VER009".to_owned(), "refs/tags/1.1.2".to_owned()),
        ],
        "{report}"
    );
}

/// A git-flow repository (`master`, `develop`) is audited with git-flow's names when it lacks
/// the policy's defaults; a released branch it lacks is an error naming the one it has.
#[test]
fn an_audit_of_a_gitflow_repository_uses_its_branch_names() {
    let repo = gitflow_repo();
    let (code, stdout, stderr) = repo.kataster_full(&["version", "audit", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("kataster: auditing with git-flow's branch names (master for main"),
        "{stderr}"
    );
    let (code, report) = repo.json(&["version", "audit", "--branch", "master"]);
    assert_eq!(code, 0, "{report}");
    let auto: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(auto, report);
    let (code, _, stderr) = repo.kataster_full(&["version", "audit", "--branch", "main"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "there is no branch main in .; it has master: pass `--branch master` or set `versions.branches.main` in kataster.yaml"
        ),
        "{stderr}"
    );
}

/// A feature merged into develop, and master fast-forwarded onto develop: the merge is on
/// master's first-parent line but its message names develop.
#[test]
fn a_merge_naming_another_target_is_judged_against_it() {
    let repo = gitflow_repo();
    repo.branch("feature/flip-args");
    repo.commit("feat: Flip the arguments");
    repo.checkout("develop");
    repo.merge("feature/flip-args");
    let merge = short(&repo, "HEAD");
    repo.checkout("master");
    repo.git(&["merge", "-q", "--ff-only", "develop"]);
    let (code, report) = repo.json(&["version", "audit", "--versions-policy", GITFLOW_POLICY]);
    assert_eq!(code, 0, "{report:#}");
    let found = codes(&report);
    assert!(
        !found.contains(&"GIT002".to_owned()) && !found.contains(&"GIT008".to_owned()),
        "{merge}: {report:#}"
    );
}

/// A merge into develop whose source may not go there is still reported, at its target.
#[test]
fn a_forbidden_merge_into_the_named_target_is_reported_with_it() {
    let repo = gitflow_repo();
    repo.branch("hotfix/x");
    repo.commit("fix: X");
    repo.checkout("develop");
    repo.git(&[
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge branch 'support/1.x' into develop",
        "hotfix/x",
    ]);
    repo.checkout("master");
    repo.git(&["merge", "-q", "--ff-only", "develop"]);
    let (_, report) = repo.json(&["version", "audit", "--versions-policy", GITFLOW_POLICY]);
    let (code, message) = only_error(&report);
    assert_eq!(code, "GIT002");
    assert!(
        message.starts_with("support/1.x may not be merged into develop"),
        "{message}"
    );
}

/// `Merge pull request #11 from someone/master`: the fork's master, not this repository's.
#[test]
fn a_pull_request_from_a_forks_master_is_no_forbidden_merge() {
    let repo = gitflow_repo();
    repo.checkout("master");
    repo.branch("contribution");
    repo.commit("fix: Typo");
    repo.checkout("master");
    repo.git(&[
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge pull request #11 from someone/master",
        "contribution",
    ]);
    let (_, report) = repo.json(&["version", "audit", "--versions-policy", GITFLOW_POLICY]);
    assert!(!codes(&report).contains(&"GIT002".to_owned()), "{report:#}");
    assert!(codes(&report).contains(&"GIT008".to_owned()), "{report:#}");
}

/// A pull request merged on develop, master fast-forwarded: made on develop.
#[test]
fn a_pull_request_merged_on_dev_is_judged_against_dev() {
    let repo = gitflow_repo();
    repo.branch("feature/docs");
    repo.commit("docs: More");
    repo.checkout("develop");
    repo.git(&[
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge pull request #3 from lorin/feature/docs",
        "feature/docs",
    ]);
    repo.checkout("master");
    repo.git(&["merge", "-q", "--ff-only", "develop"]);
    let (code, report) = repo.json(&["version", "audit", "--versions-policy", GITFLOW_POLICY]);
    assert_eq!(code, 0, "{report:#}");
    assert!(!codes(&report).contains(&"GIT002".to_owned()), "{report:#}");
}

/// A patch release from a release branch: GIT004 unless `patchReleasesFrom` allows it.
#[test]
fn patch_releases_from_release_branches_are_a_policy_setting() {
    let repo = Repo::new();
    repo.commit("Initial commit");
    repo.tag("1.2.0");
    repo.branch("release/1.2.1");
    repo.commit("fix: Backport");
    let check = [
        "version",
        "check",
        "--source",
        "release/1.2.1",
        "--target",
        "main",
        "--version",
        "1.2.1",
    ];
    let (code, report) = repo.json(&check);
    assert_eq!(
        (code, only_error(&report).0.as_str()),
        (1, "GIT004"),
        "{report:#}"
    );
    let mut allowed = check.to_vec();
    allowed.extend([
        "--versions-policy",
        r#"{"patchReleasesFrom": ["release", "dev"]}"#,
    ]);
    let (code, report) = repo.json(&allowed);
    assert_eq!(code, 0, "{report:#}");
    // The release branch names its version; from dev the commits decide.
    let (code, stdout, _) = repo.kataster_full(&[
        "version",
        "next",
        "--source",
        "release/1.2.1",
        "--target",
        "main",
        "--versions-policy",
        r#"{"patchReleasesFrom": ["dev"]}"#,
    ]);
    assert_eq!((code, stdout.as_str()), (0, "1.2.1\n"));
}

/// A patch release from dev, allowed.
#[test]
fn patch_releases_from_dev_are_a_policy_setting() {
    let repo = Repo::new();
    repo.commit("Initial commit");
    repo.tag("1.2.0");
    repo.branch("dev");
    repo.commit("fix: Small");
    let next = |policy: &str| {
        repo.kataster_full(&[
            "version",
            "next",
            "--source",
            "dev",
            "--target",
            "main",
            "--versions-policy",
            policy,
        ])
    };
    assert_eq!(next("{}").1, "1.3.0\n");
    assert_eq!(next(r#"{"patchReleasesFrom": ["dev"]}"#).1, "1.2.1\n");
}

/// Long-lived branches of the policy: valid names outside the workflow's merges.
#[test]
fn long_lived_branches_are_neither_errors_nor_merged() {
    let repo = Repo::new();
    let policy = r#"{"branches": {"longLived": ["gh-pages", "support/*"]}}"#;
    let (code, human) = repo.kataster(
        &[
            "branch",
            "--no-color",
            "gh-pages",
            "support/1.x",
            "--versions-policy",
            policy,
        ],
        &[],
    );
    assert_eq!(code, 0, "{human}");
    assert!(
        human.contains("support/1.x: ok (`branches.longLived`, outside the workflow's merges)"),
        "{human}"
    );
    let (code, _) = repo.json(&["branch", "support/1.x"]);
    assert_eq!(code, 1);
    // By default: GitHub Pages' branch and the update bots'.
    let (code, human) = repo.kataster(
        &[
            "branch",
            "--no-color",
            "gh-pages",
            "dependabot/go_modules/golang.org/x/net-0.38.0",
            "renovate/lock-file-maintenance",
        ],
        &[],
    );
    assert_eq!(code, 0, "{human}");
    repo.commit("Initial commit");
    repo.branch("support/1.x");
    repo.commit("fix: Old");
    let (code, report) = repo.json(&[
        "version",
        "check",
        "--source",
        "support/1.x",
        "--target",
        "main",
        "--versions-policy",
        policy,
    ]);
    assert!(
        !codes(&report).contains(&"GIT002".to_owned()),
        "{code} {report:#}"
    );
}

/// `kataster branch $(git branch -r)`: remote names are stripped, `HEAD ->` lines skipped.
#[test]
fn branch_strips_remote_names() {
    let repo = Repo::new();
    let (code, stdout) = repo.kataster(
        &[
            "branch",
            "--format",
            "json",
            "--",
            "origin/HEAD",
            "->",
            "origin/dev",
            "remotes/origin/feat/x",
            "origin/main",
        ],
        &[],
    );
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(code, 0, "{report:#}");
    let names: Vec<(&str, &str)> = report["branches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|branch| {
            (
                branch["name"].as_str().unwrap(),
                branch["remote"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [("dev", "origin"), ("feat/x", "origin"), ("main", "origin")]
    );
}

/// A remote known to the repository is stripped even when the rest is not a valid name.
#[test]
fn branch_strips_known_remotes() {
    let repo = Repo::new();
    repo.commit("Initial commit");
    repo.git(&["update-ref", "refs/remotes/upstream/chore/x", "HEAD"]);
    let (code, report) = repo.json(&["branch", "upstream/chore/x"]);
    assert_eq!(code, 1);
    assert_eq!(
        report["diagnostics"][0]["file"], "refs/heads/chore/x",
        "{report:#}"
    );
}

/// Help texts name the policy's branches.
#[test]
fn help_texts_use_the_configured_branch_names() {
    let repo = Repo::new();
    let (_, report) = repo.json(&[
        "branch",
        "main",
        "feat/x",
        "--versions-policy",
        GITFLOW_POLICY,
    ]);
    let helps: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| diagnostic["help"].as_str().unwrap())
        .collect();
    assert_eq!(helps, ["use `master`", "use `feature/x`"]);
    // `--branch master` without a policy: master is the released branch.
    repo.git(&["branch", "-m", "master"]);
    repo.commit("Initial commit");
    repo.tag("0.1.0");
    let (code, report) = repo.json(&["version", "audit", "--branch", "master"]);
    assert_eq!(code, 0, "{report:#}");
}

/// `version next` prints the version only; `--tag-name` the tag with the prefix.
#[test]
fn version_next_prints_only_the_version() {
    let repo = Repo::new();
    repo.commit("Initial commit");
    repo.tag("v0.7.0");
    repo.branch("dev");
    repo.commit("feat: New");
    let policy = r#"{"tagPrefix": "v"}"#;
    let next = [
        "version",
        "next",
        "--source",
        "dev",
        "--target",
        "main",
        "--versions-policy",
        policy,
    ];
    let (code, stdout, stderr) = repo.kataster_full(&next);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "0.8.0\n", ""));
    let mut tag = next.to_vec();
    tag.push("--tag-name");
    assert_eq!(repo.kataster_full(&tag).1, "v0.8.0\n");
    let mut explain = next.to_vec();
    explain.push("--explain");
    let (_, stdout, stderr) = repo.kataster_full(&explain);
    assert_eq!(stdout, "0.8.0\n");
    assert!(
        stderr.contains("- the previous release is v0.7.0"),
        "{stderr}"
    );
}

/// Nothing to release: nothing on standard output, the reason on standard error, exit 3.
#[test]
fn version_next_with_nothing_to_release_exits_3() {
    let repo = Repo::new();
    repo.commit("Initial commit");
    repo.tag("0.7.0");
    repo.branch("dev");
    let (code, stdout, stderr) =
        repo.kataster_full(&["version", "next", "--source", "dev", "--target", "main"]);
    assert_eq!((code, stdout.as_str()), (3, ""));
    assert!(
        stderr.contains("no version: nothing to release"),
        "{stderr}"
    );
}

/// Every tag is listed, the ones off the first-parent line with where they are.
#[test]
fn audit_lists_every_tag() {
    let repo = Repo::new();
    repo.commit("Initial commit");
    repo.tag("0.1.0");
    repo.branch("dev");
    repo.commit("feat: New");
    repo.tag("0.2.0-rc.1");
    let (code, human) = repo.kataster(&["version", "audit", "--no-color"], &[]);
    assert_eq!(code, 0, "{human}");
    assert!(human.contains("0.1.0        warning "), "{human}");
    assert!(human.contains("0.2.0-rc.1   off     "), "{human}");
    assert!(
        human.contains("on dev, off main's first-parent line"),
        "{human}"
    );
    let (_, report) = repo.json(&["version", "audit"]);
    assert_eq!(report["elsewhere"][0]["tag"], "0.2.0-rc.1");
    assert_eq!(
        report["elsewhere"][0]["branches"],
        serde_json::json!(["dev"])
    );
}

/// `BREAKING CHANGE:` right below the header: a warning naming both bumps.
#[test]
fn an_unseparated_breaking_footer_is_a_warning() {
    let repo = Repo::new();
    repo.commit("Initial commit");
    repo.tag("1.4.0");
    repo.branch("dev");
    repo.commit("feat: New API\nBREAKING CHANGE: the old one is gone");
    let (code, report) = repo.json(&["version", "check", "--source", "dev", "--target", "main"]);
    assert_eq!(code, 0, "{report:#}");
    let diagnostic = &report["diagnostics"][0];
    assert_eq!(diagnostic["code"], "VER013");
    let message = diagnostic["message"].as_str().unwrap();
    assert!(
        message.contains("it requires a minor release (1.5.0)")
            && message.contains("release a major release (2.0.0)"),
        "{message}"
    );
}

/// A tag with a number above u64 is too large, not "not SemVer".
#[test]
fn a_version_above_u64_is_too_large() {
    let repo = Repo::new();
    repo.commit("Initial commit");
    repo.tag("1.0.18446744073709551616");
    let (_, report) = repo.json(&["version", "check", "--tag", "1.0.18446744073709551616"]);
    let (code, message) = only_error(&report);
    assert_eq!(code, "VER001");
    assert!(message.contains("is too large"), "{message}");
}

/// git-flow's `--ff-master`: master fast-forwarded onto develop, whose merge of the release
/// tag leads back to master's release merges. They are master's history (no GIT003); a stable
/// tag on develop behind them is still off it.
#[test]
fn a_fast_forwarded_master_keeps_its_release_merges() {
    let repo = gitflow_repo();
    repo.commit("feat: A");
    repo.tag("0.1.1");
    repo.branch("release/0.2.0");
    repo.commit("chore: Bump to 0.2.0");
    repo.checkout("master");
    repo.merge("release/0.2.0");
    repo.tag("0.2.0");
    repo.checkout("develop");
    repo.git(&[
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge tag '0.2.0' into develop",
        "0.2.0",
    ]);
    repo.git(&["branch", "-q", "-D", "release/0.2.0"]);
    repo.commit("feat: B");
    repo.checkout("master");
    repo.git(&["merge", "-q", "--ff-only", "develop"]);
    repo.tag("0.3.0");
    let (_, report) = repo.json(&["version", "audit", "--versions-policy", GITFLOW_POLICY]);
    let misplaced: Vec<String> = errors(&report)
        .into_iter()
        .filter(|(code, _)| code == "GIT003")
        .map(|(_, message)| message)
        .collect();
    assert_eq!(
        misplaced,
        [format!(
            "stable tag 0.1.1 ({}) is on a commit that came into master through a merge, not on master's own history",
            short(&repo, "0.1.1")
        )],
        "{report:#}"
    );
    let released: Vec<&str> = report["releases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|release| release["tag"].as_str().unwrap())
        .collect();
    assert_eq!(released, ["0.1.0", "0.2.0", "0.3.0"], "{report:#}");
}

/// A pull that merges the remote's copy of the released branch into it (`Merge branch 'main'
/// of URL`, `Merge remote-tracking branch 'origin/main'`) is no merge of the workflow: no
/// GIT002, tagged or not, and no untagged release (GIT008). A fork's pull request is one.
#[test]
fn a_pull_of_the_released_branch_is_no_merge() {
    let repo = Repo::new();
    repo.commit("feat: A");
    repo.tag("1.0.0");
    for (message, tag) in [
        ("Merge remote-tracking branch 'origin/main'", Some("1.0.1")),
        ("Merge branch 'main' of github.com:acme/app", None),
        ("Merge pull request #3 from someone/main", None),
    ] {
        repo.branch("copy");
        repo.commit("fix: B");
        repo.checkout("main");
        repo.commit("fix: C");
        repo.git(&["merge", "-q", "--no-ff", "-m", message, "copy"]);
        repo.git(&["branch", "-q", "-D", "copy"]);
        if let Some(tag) = tag {
            repo.tag(tag);
        }
    }
    let (_, report) = repo.json(&["version", "audit"]);
    let found: Vec<(String, String)> = codes_with(&report, "message")
        .into_iter()
        .filter(|(code, _)| code.starts_with("GIT"))
        .collect();
    let pull_request = short(&repo, "main");
    assert_eq!(
        found,
        [(
            "GIT008".to_owned(),
            format!("merge commit {pull_request} into main (of main) has no release tag")
        )],
        "{report:#}"
    );
}
