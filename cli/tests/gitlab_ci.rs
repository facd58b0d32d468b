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
    let (header, body) = template();
    let inputs = inputs(&header, overrides);
    let job = body.get("kataster").unwrap();
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
    assert!(job.script.contains("kataster version check"));
    // Every input reaches the job.
    let values: Vec<&str> = job.variables.iter().map(|(_, v)| v.as_str()).collect();
    assert!(values.contains(&"."), "{values:?}");
    assert!(values.contains(&"error"), "{values:?}");
}

/// Run the job script with `sh -e` (as the runner does: a failing line fails the job).
fn run_native(job: &Job, dir: &Path) -> Output {
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
        .envs(gitlab_variables(dir.to_str().unwrap()))
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
    let bytes = std::fs::read(dir.join("gl-code-quality-report.json")).unwrap();
    assert!(!bytes.starts_with(b"\xef\xbb\xbf"), "BOM");
    let report: Value = serde_json::from_slice(&bytes).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(workspace().join("tests/schemas/gitlab-codequality.schema.json"))
            .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&report), "{report}");
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
    let job = job(&[]);
    let mut command = podman_run();
    command
        .arg("--volume")
        .arg(format!("{}:{PROJECT_DIR}", dir.display()))
        .args(["--workdir", PROJECT_DIR]);
    for (name, value) in gitlab_variables(PROJECT_DIR)
        .into_iter()
        .chain(job.variables)
    {
        command.arg("--env").arg(format!("{name}={value}"));
    }
    let output = command
        .args([&image, "sh", "-e", "-c", &job.script])
        .output()
        .unwrap();
    check_job_output(&output, &dir, 1);
}
