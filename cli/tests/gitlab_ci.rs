//! The GitLab CI template (`gitlab-ci-image/kataster.gitlab-ci.yml`) and the image.
//!
//! - The template's shape: a CI/CD component header with inputs, a `kataster` job in the
//!   `lint` stage publishing Code Quality and JUnit reports `when: always`.
//! - Its job script, run with `sh` against a fixture repository with GitLab's CI variables set:
//!   natively with the debug binary (always), and inside the image built by
//!   `gitlab-ci-image/build.sh` with buildah and run with podman (`--ignored`: scripts/test.sh
//!   runs it; it skips with a message where it cannot run, e.g. without root). The produced
//!   reports are checked: format and schema, paths relative to CI_PROJECT_DIR, lines right.
//! - The image's facts: a non-root user, under 10 MB, no entrypoint, OCI labels, and
//!   `kataster --version` equal to the crate version.
//! - The `kataster-version` job (the version-check input): its script run, natively and in the
//!   image, in working copies made as GitLab's runner makes them (the refspecs GitLab sends,
//!   with and without a depth) of GitFlow repositories built here with git, with the variables
//!   of merge request and tag pipelines: exit codes, and the version rules' codes in the human
//!   output, the Code Quality report and the JUnit report.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kataster_core::yaml::{self, Node, ParseOptions};
use serde_json::Value;

/// Where the fixture repository is mounted in the container, as GitLab's Docker executor does.
const PROJECT_DIR: &str = "/builds/acme/catalog";
const IMAGE_LIMIT: u64 = 10 * 1000 * 1000;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn template() -> (Node, Node) {
    let path = workspace().join("gitlab-ci-image/kataster.gitlab-ci.yml");
    let text = std::fs::read_to_string(path).unwrap();
    let mut documents = yaml::parse(&text, &ParseOptions::default()).into_iter();
    let header = documents.next().unwrap();
    let body = documents.next().unwrap();
    assert!(header.errors.is_empty() && body.errors.is_empty());
    assert!(documents.next().is_none(), "two documents: spec, then jobs");
    (header.root.unwrap(), body.root.unwrap())
}

fn text(node: &Node, pointer: &str) -> String {
    node.pointer(pointer)
        .and_then(Node::as_str)
        .unwrap_or_else(|| panic!("no string at {pointer}"))
        .to_owned()
}

fn scalar(node: &Node) -> String {
    match &node.value {
        yaml::Value::String(text) => text.clone(),
        yaml::Value::Bool(value) => value.to_string(),
        yaml::Value::Number(value) => value.to_string(),
        yaml::Value::Null => String::new(),
        other => panic!("not a scalar: {other:?}"),
    }
}

/// The inputs' defaults, overridden by `overrides`.
fn inputs(header: &Node, overrides: &[(&str, &str)]) -> HashMap<String, String> {
    let mut values = HashMap::new();
    for entry in header
        .pointer("/spec/inputs")
        .unwrap()
        .as_mapping()
        .unwrap()
    {
        let name = entry.key.as_str().unwrap().to_owned();
        let default = entry.value.get("default").map(scalar).unwrap_or_default();
        values.insert(name, default);
    }
    for (name, value) in overrides {
        assert!(values.contains_key(*name), "no input {name}");
        values.insert((*name).to_owned(), (*value).to_owned());
    }
    values
}

/// GitLab's `$[[ inputs.NAME ]]` interpolation.
fn interpolate(text: &str, inputs: &HashMap<String, String>) -> String {
    let mut out = text.to_owned();
    for (name, value) in inputs {
        out = out.replace(&format!("$[[ inputs.{name} ]]"), value);
    }
    assert!(!out.contains("$[["), "uninterpolated: {out}");
    out
}

/// The job as the runner gets it: its variables and its script.
struct Job {
    variables: Vec<(String, String)>,
    script: String,
}

fn job(overrides: &[(&str, &str)]) -> Job {
    job_named("kataster", overrides)
}

fn job_named(name: &str, overrides: &[(&str, &str)]) -> Job {
    let (header, body) = template();
    let inputs = inputs(&header, overrides);
    let job = body
        .get(name)
        .unwrap_or_else(|| panic!("no job {name} in the template"));
    let variables = job
        .get("variables")
        .unwrap()
        .as_mapping()
        .unwrap()
        .iter()
        .map(|entry| {
            (
                entry.key.as_str().unwrap().to_owned(),
                interpolate(&scalar(&entry.value), &inputs),
            )
        })
        .collect();
    let lines: Vec<String> = job
        .get("script")
        .unwrap()
        .as_sequence()
        .unwrap()
        .iter()
        .map(|line| interpolate(line.as_str().unwrap(), &inputs))
        .collect();
    Job {
        variables,
        script: lines.join("\n"),
    }
}

/// What GitLab sets for a merge request pipeline of the fixture project.
fn gitlab_variables(project_dir: &str) -> Vec<(String, String)> {
    [
        ("CI", "true"),
        ("GITLAB_CI", "true"),
        ("CI_SERVER_URL", "https://gitlab.example.com"),
        ("CI_PROJECT_DIR", project_dir),
        ("CI_PROJECT_PATH", "acme/catalog"),
        ("CI_PROJECT_NAME", "catalog"),
        ("CI_BUILDS_DIR", "/builds"),
        ("CI_JOB_NAME", "kataster"),
        ("CI_JOB_STAGE", "lint"),
        ("CI_PIPELINE_SOURCE", "merge_request_event"),
        ("CI_MERGE_REQUEST_IID", "7"),
        ("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feat/cart"),
        ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
        ("CI_COMMIT_SHA", "0123456789abcdef0123456789abcdef01234567"),
        ("CI_COMMIT_REF_NAME", "feat/cart"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

/// A writable copy of the fixture repository, as the runner's clone (umask 0000) is.
fn fixture(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&workspace().join("gitlab-ci-image/tests/fixture"), &dir);
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    set_mode(to, 0o777);
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
            set_mode(&target, 0o666);
        }
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}

#[test]
fn template_is_a_lint_job_with_reports() {
    let (header, body) = template();
    let inputs = inputs(&header, &[]);
    for name in [
        "stage",
        "image",
        "paths",
        "config",
        "fail-on",
        "args",
        "version-check",
    ] {
        assert!(inputs.contains_key(name), "input {name}");
        assert!(
            header
                .pointer(&format!("/spec/inputs/{name}/description"))
                .is_some(),
            "input {name} has no description"
        );
    }
    assert_eq!(inputs["stage"], "lint");
    assert_eq!(inputs["fail-on"], "error");
    assert_eq!(inputs["version-check"], "false");
    let stages: Vec<String> = body
        .get("stages")
        .unwrap()
        .as_sequence()
        .unwrap()
        .iter()
        .map(scalar)
        .collect();
    assert_eq!(stages[0], "lint");
    assert_eq!(text(&body, "/kataster/stage"), "$[[ inputs.stage ]]");
    assert_eq!(text(&body, "/kataster/image/name"), "$[[ inputs.image ]]");
    let entrypoint = body.pointer("/kataster/image/entrypoint").unwrap();
    assert_eq!(entrypoint.as_sequence().unwrap().len(), 1);
    assert_eq!(text(&body, "/kataster/image/entrypoint/0"), "");
    assert_eq!(text(&body, "/kataster/artifacts/when"), "always");
    let codequality = text(&body, "/kataster/artifacts/reports/codequality");
    let junit = text(&body, "/kataster/artifacts/reports/junit");
    let job = job(&[]);
    assert!(job.script.contains(&format!("gitlab={codequality}")));
    assert!(job.script.contains(&format!("junit={junit}")));
    assert!(!job.script.contains("kataster version"), "{}", job.script);
    // Every input reaches the job.
    let values: Vec<&str> = job.variables.iter().map(|(_, v)| v.as_str()).collect();
    assert!(values.contains(&"."), "{values:?}");
    assert!(values.contains(&"error"), "{values:?}");
}

/// Run the job script with `sh -e` (as the runner does: a failing line fails the job).
fn run_native(job: &Job, dir: &Path) -> Output {
    run_native_with(job, dir, gitlab_variables(dir.to_str().unwrap()))
}

fn run_native_with(job: &Job, dir: &Path, variables: Vec<(String, String)>) -> Output {
    let binary = Path::new(env!("CARGO_BIN_EXE_kataster"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("sh")
        .arg("-e")
        .arg("-c")
        .arg(&job.script)
        .current_dir(dir)
        .env_clear()
        .env("PATH", path)
        .env("HOME", dir)
        .envs(variables)
        .envs(job.variables.iter().cloned())
        .output()
        .unwrap()
}

#[test]
fn job_script_runs_natively_on_the_fixture_repository() {
    let dir = fixture("gitlab-job-native");
    let output = run_native(&job(&[]), &dir);
    check_job_output(&output, &dir, 1);
    // fail-on is an input; paths and extra arguments are passed through.
    let dir = fixture("gitlab-job-native-never");
    let output = run_native(
        &job(&[
            ("fail-on", "never"),
            ("paths", "catalog-info.yaml catalog"),
            ("args", "--select CAT0"),
        ]),
        &dir,
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let issues: Vec<Value> =
        serde_json::from_slice(&std::fs::read(dir.join("gl-code-quality-report.json")).unwrap())
            .unwrap();
    assert!(issues.iter().all(|issue| issue["check_name"] == "CAT006"));
}

/// The reports of a job run on the fixture repository.
/// A Code Quality report, read and checked against GitLab's schema (UTF-8 without a BOM).
fn codequality_report(path: &Path, context: &str) -> Value {
    let bytes = std::fs::read(path)
        .unwrap_or_else(|error| panic!("{context}: {}: {error}", path.display()));
    assert!(!bytes.starts_with(b"\xef\xbb\xbf"), "{context}: BOM");
    let report: Value = serde_json::from_slice(&bytes).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(workspace().join("tests/schemas/gitlab-codequality.schema.json"))
            .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&report), "{context}: {report}");
    report
}

fn check_job_output(output: &Output, dir: &Path, exit_code: i32) {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(exit_code),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(
        stdout.contains(&format!("kataster {}", env!("CARGO_PKG_VERSION"))),
        "{stdout}"
    );
    assert!(stdout.contains("error[CAT006]"), "human output: {stdout}");

    // Code Quality: valid, relative paths, the right lines, unique fingerprints.
    let report = codequality_report(&dir.join("gl-code-quality-report.json"), "check");
    let issues = report.as_array().unwrap();
    let find = |code: &str| {
        issues
            .iter()
            .find(|issue| issue["check_name"] == code)
            .unwrap_or_else(|| panic!("no {code} in {report}"))
    };
    let name = find("CAT006");
    assert_eq!(name["location"]["path"], "catalog/components.yaml");
    assert_eq!(name["location"]["lines"]["begin"], 13);
    assert_eq!(name["severity"], "major");
    let owner = find("CAT101");
    assert_eq!(owner["location"]["path"], "catalog/components.yaml");
    assert_eq!(owner["location"]["lines"]["begin"], 17);
    assert_eq!(owner["severity"], "minor");
    let mut fingerprints: Vec<&str> = issues
        .iter()
        .map(|issue| issue["fingerprint"].as_str().unwrap())
        .collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), issues.len());

    // JUnit: schema-valid where xmllint exists; a suite per file with relative names.
    let junit_path = dir.join("kataster-junit.xml");
    let junit = std::fs::read_to_string(&junit_path).unwrap();
    assert!(junit.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "));
    for suite in [
        "catalog-info.yaml",
        "catalog/org.yaml",
        "catalog/components.yaml",
    ] {
        assert!(
            junit.contains(&format!("<testsuite name=\"{suite}\"")),
            "{suite}: {junit}"
        );
    }
    assert!(!junit.contains(PROJECT_DIR) && !junit.contains(&dir.display().to_string()));
    assert!(junit.contains(
        "<failure message=\"CAT006: invalid entity name &quot;product catalog&quot;\" type=\"CAT006\">catalog/components.yaml:13:9: "
    ), "{junit}");
    match Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(workspace().join("tests/schemas/junit.xsd"))
        .arg(&junit_path)
        .output()
    {
        Ok(output) => assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(_) => eprintln!(
            "SKIPPED: xmllint is not installed (apt-get install libxml2-utils); JUnit XSD validation not run"
        ),
    }
}

/// Why the image test cannot run here, if it cannot.
fn cannot_run_containers() -> Option<String> {
    if !cfg!(target_os = "linux") {
        return Some("the image test needs Linux".into());
    }
    let uid = Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        return Some(
            "not root: buildah (vfs, chroot isolation) and podman need root here; CI runs as root"
                .into(),
        );
    }
    for tool in ["buildah", "podman", "runc"] {
        let found = Command::new(tool).arg("--version").output();
        if !found.is_ok_and(|output| output.status.success()) {
            return Some(format!(
                "{tool} is not installed (scripts/test-deps.sh installs buildah, podman, runc as root)"
            ));
        }
    }
    None
}

fn podman() -> Command {
    let mut command = Command::new("podman");
    command.args(["--storage-driver", "vfs"]);
    command
}

/// `podman run` as the test runs every container: runc, bounded limits, no network.
fn podman_run() -> Command {
    let mut command = podman();
    command.args([
        "run",
        "--rm",
        "--runtime",
        "runc",
        "--ulimit",
        "nofile=1024:1024",
        "--ulimit",
        "nproc=4096:4096",
        "--network",
        "none",
    ]);
    command
}

fn inspect(image: &str, format: &str) -> String {
    let output = podman()
        .args(["image", "inspect", "--format", format, image])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

/// The image: `KATASTER_IMAGE` when set (scripts/test.sh builds it first), else built here.
fn image() -> String {
    if let Some(image) = std::env::var("KATASTER_IMAGE")
        .ok()
        .filter(|i| !i.is_empty())
    {
        return image;
    }
    let output = Command::new("bash")
        .arg(workspace().join("gitlab-ci-image/build.sh"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "build.sh failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    stdout.lines().last().unwrap().trim().to_owned()
}

#[test]
#[ignore = "builds and runs the container image: scripts/test.sh runs it with --ignored"]
fn image_runs_the_template_job() {
    if let Some(reason) = cannot_run_containers() {
        eprintln!("SKIPPED: {reason}; the GitLab CI image test did not run");
        return;
    }
    let image = image();

    // Image facts.
    let user = inspect(&image, "{{.Config.User}}");
    assert!(
        !user.is_empty() && !user.starts_with("0:") && user != "0" && user != "root",
        "the image runs as {user:?}"
    );
    let size: u64 = inspect(&image, "{{.Size}}").parse().unwrap();
    eprintln!("image {image}: {size} bytes, user {user}");
    assert!(size < IMAGE_LIMIT, "{image} is {size} bytes");
    let entrypoint = inspect(&image, "{{json .Config.Entrypoint}}");
    assert!(
        entrypoint == "null" || entrypoint == "[]",
        "entrypoint {entrypoint}"
    );
    let labels: Value = serde_json::from_str(&inspect(&image, "{{json .Labels}}")).unwrap();
    assert_eq!(
        labels["org.opencontainers.image.version"],
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(
        labels["org.opencontainers.image.source"],
        env!("CARGO_PKG_REPOSITORY")
    );
    assert_eq!(
        labels["org.opencontainers.image.licenses"],
        env!("CARGO_PKG_LICENSE")
    );
    let version = podman_run()
        .args([&image, "kataster", "--version"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("kataster {}", env!("CARGO_PKG_VERSION")),
        "{version:?}"
    );
    let id = podman_run().args([&image, "id", "-u"]).output().unwrap();
    let uid = String::from_utf8_lossy(&id.stdout).trim().to_owned();
    assert!(!uid.is_empty() && uid != "0", "uid {uid:?} ({id:?})");

    // The template's job script, with `sh`, in the image, on the fixture repository.
    let dir = fixture("gitlab-job-image");
    let output = run_in_image(&image, &job(&[]), &dir, gitlab_variables(PROJECT_DIR));
    check_job_output(&output, &dir, 1);

    // The version job in merge request and tag pipelines, on GitFlow repositories.
    let started = std::time::Instant::now();
    let job = version_job();
    for pipeline in pipelines() {
        let dir = pipeline.checkout(&format!("image-{}", pipeline.name));
        let output = run_in_image(&image, &job, &dir, pipeline.variables(PROJECT_DIR));
        check_version_output(&pipeline, &output, &dir);
    }
    eprintln!(
        "version job in the image: {} pipelines in {:.1?}",
        pipelines().len(),
        started.elapsed()
    );
}

/// Run a job script with `sh -e` in the image, the working copy `dir` mounted where GitLab's
/// Docker executor mounts it.
fn run_in_image(image: &str, job: &Job, dir: &Path, variables: Vec<(String, String)>) -> Output {
    let mut command = podman_run();
    command
        .arg("--volume")
        .arg(format!("{}:{PROJECT_DIR}", dir.display()))
        .args(["--workdir", PROJECT_DIR]);
    for (name, value) in variables.into_iter().chain(job.variables.iter().cloned()) {
        command.arg("--env").arg(format!("{name}={value}"));
    }
    command
        .args([image, "sh", "-e", "-c", &job.script])
        .output()
        .unwrap()
}

// The version job (`kataster-version`).

const VERSION_CODEQUALITY: &str = "gl-code-quality-version.json";
const VERSION_JUNIT: &str = "kataster-version-junit.xml";

/// The version job as the runner gets it with the version-check input on.
fn version_job() -> Job {
    job_named("kataster-version", &[("version-check", "true")])
}

#[test]
fn version_job_runs_for_merge_requests_and_tags_with_the_whole_history() {
    let (_, body) = template();
    let rules: Vec<(String, String)> = body
        .pointer("/kataster-version/rules")
        .unwrap()
        .as_sequence()
        .unwrap()
        .iter()
        .map(|rule| {
            (
                rule.get("if").map(scalar).unwrap_or_default(),
                rule.get("when").map(scalar).unwrap_or_default(),
            )
        })
        .collect();
    // Off unless the input (its variable) is on; then merge request and tag pipelines only.
    assert_eq!(
        rules,
        [
            ("$KATASTER_VERSION_CHECK != \"true\"".into(), "never".into()),
            (
                "$CI_PIPELINE_SOURCE == \"merge_request_event\"".into(),
                String::new()
            ),
            ("$CI_COMMIT_TAG".into(), String::new()),
        ]
    );
    for (input, expected) in [("false", "false"), ("true", "true")] {
        let job = job_named("kataster-version", &[("version-check", input)]);
        let variable = job
            .variables
            .iter()
            .find(|(name, _)| name == "KATASTER_VERSION_CHECK")
            .map(|(_, value)| value.as_str());
        assert_eq!(variable, Some(expected));
    }
    let job = version_job();
    assert!(
        job.variables
            .contains(&("GIT_DEPTH".to_owned(), "0".to_owned())),
        "{:?}",
        job.variables
    );
    assert!(
        job.script.contains("kataster version check"),
        "{}",
        job.script
    );
    // One Code Quality file per job: GitLab uploads it as a raw artifact, which takes one file.
    assert_eq!(
        text(&body, "/kataster-version/artifacts/reports/codequality"),
        VERSION_CODEQUALITY
    );
    assert_eq!(
        text(&body, "/kataster-version/artifacts/reports/junit"),
        VERSION_JUNIT
    );
    assert_eq!(text(&body, "/kataster-version/artifacts/when"), "always");
    assert!(
        job.script
            .contains(&format!("gitlab={VERSION_CODEQUALITY}"))
    );
    assert!(job.script.contains(&format!("junit={VERSION_JUNIT}")));
    assert_eq!(
        text(&body, "/kataster-version/image/name"),
        text(&body, "/kataster/image/name")
    );
    assert_eq!(text(&body, "/kataster-version/image/entrypoint/0"), "");
}

/// git on the host, with a fixed identity and no user or system configuration.
fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Dev")
        .env("GIT_AUTHOR_EMAIL", "dev@acme.example")
        .env("GIT_COMMITTER_NAME", "Dev")
        .env("GIT_COMMITTER_EMAIL", "dev@acme.example")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

/// The project's repository on the GitLab server: GitFlow with `main` and `develop` (named in
/// the repository's kataster.yaml), feature and hotfix branches, release tags; `hotfix` is the
/// tag of the hotfix merge, `prerelease` a tag on main's last merge of develop, and
/// `feat/search` is open, not merged.
fn gitflow(name: &str, hotfix: &str, prerelease: Option<&str>) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("gitflow-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let git = |args: &[&str]| git(&dir, args);
    let commit = |message: &str| git(&["commit", "-q", "--allow-empty", "-m", message]);
    let merge = |branch: &str| git(&["merge", "-q", "--no-ff", "--no-edit", branch]);
    git(&["init", "-q", "-b", "main"]);
    std::fs::write(
        dir.join("kataster.yaml"),
        "versions:\n  branches:\n    dev: develop\n",
    )
    .unwrap();
    git(&["add", "kataster.yaml"]);
    commit("chore: Add the kataster policy");
    git(&["tag", "1.0.0"]);
    git(&["checkout", "-q", "-b", "develop"]);
    commit("chore: Development setup");
    git(&["checkout", "-q", "-b", "feat/cart"]);
    commit("feat: Add a cart");
    git(&["checkout", "-q", "develop"]);
    merge("feat/cart");
    git(&["checkout", "-q", "main"]);
    merge("develop");
    git(&["tag", "1.1.0"]);
    git(&["checkout", "-q", "-b", "hotfix/critical-bug"]);
    commit("fix: Fix a critical bug");
    git(&["checkout", "-q", "main"]);
    merge("hotfix/critical-bug");
    git(&["tag", hotfix]);
    git(&["checkout", "-q", "develop"]);
    merge("main");
    git(&["checkout", "-q", "-b", "feat/wishlist"]);
    commit("feat: Add a wishlist");
    git(&["checkout", "-q", "develop"]);
    merge("feat/wishlist");
    if let Some(tag) = prerelease {
        git(&["checkout", "-q", "main"]);
        merge("develop");
        git(&["tag", tag]);
        git(&["checkout", "-q", "develop"]);
    }
    git(&["checkout", "-q", "-b", "feat/search"]);
    commit("feat: Add search");
    git(&["checkout", "-q", "develop"]);
    dir
}

/// A pipeline of the version job: what GitLab runs it for, how the runner clones, and what
/// the job must find.
struct Pipeline {
    name: &'static str,
    origin: PathBuf,
    /// A merge request: source and target branch.
    merge_request: Option<(&'static str, &'static str)>,
    /// A tag pipeline: the tag.
    tag: Option<&'static str>,
    /// `GIT_DEPTH`: 0 is the whole history, every branch and tag.
    depth: u32,
    exit_code: i32,
    /// The codes the reports must hold, each once (errors; these cases have no warnings).
    codes: &'static [&'static str],
    /// Text the human output must contain.
    says: &'static [&'static str],
}

impl Pipeline {
    fn id(&self) -> usize {
        pipelines_names()
            .iter()
            .position(|name| *name == self.name)
            .unwrap()
            + 100
    }

    /// The commit the pipeline runs for.
    fn sha(&self) -> String {
        let rev = match (self.merge_request, self.tag) {
            (Some((source, _)), _) => source.to_owned(),
            (None, Some(tag)) => format!("{tag}^{{commit}}"),
            (None, None) => unreachable!(),
        };
        git(&self.origin, &["rev-parse", &rev])
    }

    /// The working copy as GitLab's runner makes it (GIT_STRATEGY clone): `git init`, a fetch
    /// of the refspecs GitLab sends (the pipeline's persistent ref; with a depth only that and
    /// the tag, without one every branch as `origin/<branch>` and every tag), a detached
    /// checkout of the commit; files writable by anyone, as the runner's umask 0000 leaves
    /// them, since the job runs as the image's user.
    fn checkout(&self, name: &str) -> PathBuf {
        let sha = self.sha();
        let persistent = format!("refs/pipelines/{}", self.id());
        git(&self.origin, &["update-ref", &persistent, &sha]);
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("checkout-{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        git(&dir, &["init", "-q"]);
        let url = format!("file://{}", self.origin.display());
        git(&dir, &["remote", "add", "origin", &url]);
        let mut fetch = vec![
            "fetch".to_owned(),
            "origin".to_owned(),
            format!("+{persistent}:{persistent}"),
        ];
        if self.depth == 0 {
            fetch.push("+refs/heads/*:refs/remotes/origin/*".into());
            fetch.push("+refs/tags/*:refs/tags/*".into());
        } else {
            if let Some(tag) = self.tag {
                fetch.push(format!("+refs/tags/{tag}:refs/tags/{tag}"));
            }
            fetch.push("--depth".into());
            fetch.push(self.depth.to_string());
        }
        fetch.extend(["--prune".into(), "--quiet".into()]);
        let fetch: Vec<&str> = fetch.iter().map(String::as_str).collect();
        git(&dir, &fetch);
        git(&dir, &["checkout", "-f", "-q", &sha]);
        open_up(&dir);
        dir
    }

    /// GitLab's variables for this pipeline.
    fn variables(&self, project_dir: &str) -> Vec<(String, String)> {
        let mut variables: Vec<(String, String)> = gitlab_variables(project_dir)
            .into_iter()
            .filter(|(name, _)| {
                !name.starts_with("CI_MERGE_REQUEST_")
                    && !matches!(
                        name.as_str(),
                        "CI_PIPELINE_SOURCE" | "CI_COMMIT_SHA" | "CI_COMMIT_REF_NAME"
                    )
            })
            .collect();
        let mut set = |name: &str, value: &str| variables.push((name.into(), value.into()));
        set("CI_COMMIT_SHA", &self.sha());
        set("CI_PIPELINE_ID", &self.id().to_string());
        if let Some((source, target)) = self.merge_request {
            set("CI_PIPELINE_SOURCE", "merge_request_event");
            set("CI_MERGE_REQUEST_IID", "7");
            set("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", source);
            set("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", target);
            set("CI_COMMIT_REF_NAME", source);
        }
        if let Some(tag) = self.tag {
            set("CI_PIPELINE_SOURCE", "push");
            set("CI_COMMIT_TAG", tag);
            set("CI_COMMIT_REF_NAME", tag);
        }
        variables
    }
}

/// Every file and folder writable by anyone (the runner clones with umask 0000).
fn open_up(dir: &Path) {
    set_mode(dir, 0o777);
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            open_up(&path);
        } else if kind.is_file() {
            set_mode(&path, 0o666);
        }
    }
}

fn pipelines_names() -> Vec<&'static str> {
    pipelines().iter().map(|pipeline| pipeline.name).collect()
}

/// The pipelines: a good merge request and a forbidden one, a good hotfix tag, a hotfix tagged
/// as a minor release, a pre-release on main, and both pipeline kinds cloned with a depth.
fn pipelines() -> Vec<Pipeline> {
    let good = gitflow_once("good", "1.1.1", Some("1.2.0-rc.1"));
    let minor_hotfix = gitflow_once("minor-hotfix", "1.2.0", None);
    vec![
        Pipeline {
            name: "mr-feature-into-develop",
            origin: good.clone(),
            merge_request: Some(("feat/search", "develop")),
            tag: None,
            depth: 0,
            exit_code: 0,
            codes: &[],
            says: &[
                "feat/search -> develop",
                "previous release: 1.1.1",
                "requiring a minor release",
                "0 errors, 0 warnings",
            ],
        },
        Pipeline {
            name: "mr-feature-into-main",
            origin: good.clone(),
            merge_request: Some(("feat/search", "main")),
            tag: None,
            depth: 0,
            exit_code: 1,
            codes: &["GIT002"],
            says: &["feat/search may not be merged into main"],
        },
        Pipeline {
            name: "tag-hotfix-patch",
            origin: good.clone(),
            merge_request: None,
            tag: Some("1.1.1"),
            depth: 0,
            exit_code: 0,
            codes: &[],
            says: &[
                "hotfix/critical-bug -> main, 1.1.1",
                "previous release: 1.1.0",
                "0 errors, 0 warnings",
            ],
        },
        Pipeline {
            name: "tag-prerelease-on-main",
            origin: good.clone(),
            merge_request: None,
            tag: Some("1.2.0-rc.1"),
            depth: 0,
            exit_code: 1,
            codes: &["GIT003"],
            says: &["1.2.0-rc.1"],
        },
        Pipeline {
            name: "tag-hotfix-minor",
            origin: minor_hotfix.clone(),
            merge_request: None,
            tag: Some("1.2.0"),
            depth: 0,
            exit_code: 1,
            codes: &["GIT005"],
            says: &["hotfix/critical-bug merged into main must be released as 1.1.1"],
        },
        // GitLab's default clone (a depth): only the pipeline's commit, no branch.
        Pipeline {
            name: "mr-shallow",
            origin: good.clone(),
            merge_request: Some(("feat/search", "develop")),
            tag: None,
            depth: 3,
            exit_code: 2,
            codes: &["GIT007"],
            says: &[
                "the clone is shallow and the target branch develop is not in it",
                "`GIT_DEPTH: 0` in GitLab CI",
            ],
        },
        // The hotfix tagged as a minor release, cloned with GitLab's default depth: the tag
        // and its history are there, but not main: not judged, and not passed either.
        Pipeline {
            name: "tag-depth",
            origin: minor_hotfix,
            merge_request: None,
            tag: Some("1.2.0"),
            depth: 20,
            exit_code: 2,
            codes: &["GIT007"],
            says: &[
                "the released branch main is not in this clone",
                "`GIT_DEPTH: 0` in GitLab CI",
            ],
        },
        Pipeline {
            name: "tag-shallow",
            origin: good,
            merge_request: None,
            tag: Some("1.1.1"),
            depth: 2,
            exit_code: 2,
            codes: &["GIT007"],
            says: &["the clone is shallow", "`GIT_DEPTH: 0` in GitLab CI"],
        },
    ]
}

/// Each origin repository once per test process (the tests of this file share them).
fn gitflow_once(
    name: &'static str,
    hotfix: &'static str,
    prerelease: Option<&'static str>,
) -> PathBuf {
    use std::sync::{Mutex, OnceLock};
    static BUILT: OnceLock<Mutex<HashMap<&'static str, PathBuf>>> = OnceLock::new();
    let mut built = BUILT
        .get_or_init(|| Mutex::new(HashMap::new()))
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    built
        .entry(name)
        .or_insert_with(|| gitflow(name, hotfix, prerelease))
        .clone()
}

/// The version job's exit code, human output and reports for a pipeline.
fn check_version_output(pipeline: &Pipeline, output: &Output, dir: &Path) {
    let name = pipeline.name;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(pipeline.exit_code),
        "{name}: stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(
        stdout.contains(&format!("kataster {}", env!("CARGO_PKG_VERSION"))),
        "{name}: {stdout}"
    );
    for code in pipeline.codes {
        assert!(
            stdout.contains(&format!("error[{code}]")),
            "{name}: {stdout}"
        );
    }
    for text in pipeline.says {
        assert!(stdout.contains(text), "{name}: no {text:?} in\n{stdout}");
    }

    // Code Quality: schema-valid, exactly the expected codes, as errors (major).
    let report = codequality_report(&dir.join(VERSION_CODEQUALITY), name);
    let found: Vec<&str> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|issue| issue["check_name"].as_str().unwrap())
        .collect();
    assert_eq!(found, pipeline.codes, "{name}: {report:#}");
    for issue in report.as_array().unwrap() {
        assert_eq!(issue["severity"], "major", "{name}: {issue}");
        let path = issue["location"]["path"].as_str().unwrap();
        assert!(
            path.starts_with("refs/") && !path.contains(PROJECT_DIR),
            "{name}: {path}"
        );
    }

    // JUnit: one failure per expected code, schema-valid where xmllint exists.
    let junit_path = dir.join(VERSION_JUNIT);
    let junit = std::fs::read_to_string(&junit_path)
        .unwrap_or_else(|error| panic!("{name}: {VERSION_JUNIT}: {error}"));
    assert!(
        junit.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "),
        "{name}: {junit}"
    );
    assert!(
        junit.contains(&format!("failures=\"{}\"", pipeline.codes.len())),
        "{name}: {junit}"
    );
    for code in pipeline.codes {
        assert!(
            junit.contains(&format!("type=\"{code}\"")),
            "{name}: {junit}"
        );
    }
    if let Ok(output) = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(workspace().join("tests/schemas/junit.xsd"))
        .arg(&junit_path)
        .output()
    {
        assert!(
            output.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn version_job_script_runs_natively_in_gitflow_pipelines() {
    let job = version_job();
    for pipeline in pipelines() {
        let dir = pipeline.checkout(&format!("native-{}", pipeline.name));
        let output = run_native_with(&job, &dir, pipeline.variables(dir.to_str().unwrap()));
        check_version_output(&pipeline, &output, &dir);
    }
}
