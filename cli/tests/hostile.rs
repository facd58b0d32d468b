//! Hostile input: every case of issue 9 built at test time in a temporary directory (nothing
//! large is committed), checked by the CLI. Each case must give a clear diagnostic (file, line
//! and column where they mean something), the documented exit code, no panic, and peak memory
//! under 200 MB (measured with GNU time, or from /proc while the process runs). Time is not
//! asserted beyond a generous guard against hangs: these tests run the debug build, and the
//! release build's times are in docs/performance.md (`scripts/bench.sh --hostile`).

#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The memory bound of every case.
const MAX_PEAK_KB: u64 = 200 * 1024;
/// A guard against hangs and quadratic blow-ups, for the debug build; not a benchmark.
const HANG_GUARD: Duration = Duration::from_secs(120);

/// A fresh directory for a case.
fn case_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    peak_kb: u64,
    elapsed: Duration,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {}", self.stdout))
    }

    /// The diagnostics as `code line:column` (with the file when `with_file`).
    fn located(&self) -> Vec<String> {
        self.json()["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{} {}:{}",
                    d["code"].as_str().unwrap(),
                    d["line"],
                    d["column"]
                )
            })
            .collect()
    }

    /// The common expectations: the exit code, no panic, bounded memory and no hang.
    fn expect(self, code: i32) -> Self {
        assert_eq!(
            self.code,
            code,
            "exit code; stdout: {}\nstderr: {}",
            cut(&self.stdout),
            cut(&self.stderr)
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        assert!(
            self.peak_kb < MAX_PEAK_KB,
            "peak memory {} KB is over {MAX_PEAK_KB} KB",
            self.peak_kb
        );
        assert!(self.elapsed < HANG_GUARD, "took {:?}", self.elapsed);
        // A clear diagnostic names a long value, it does not repeat it.
        if let Ok(report) = serde_json::from_str::<Value>(&self.stdout) {
            for diagnostic in report["diagnostics"].as_array().into_iter().flatten() {
                for field in ["message", "help"] {
                    let text = diagnostic[field].as_str().unwrap_or_default();
                    assert!(
                        text.len() < 1000,
                        "{field} of {} bytes: {}",
                        text.len(),
                        cut(text)
                    );
                }
            }
        }
        self
    }
}

fn cut(text: &str) -> &str {
    let mut end = text.len().min(2000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Run `kataster ARGS` in `dir`, measuring its peak resident memory.
fn kataster(dir: &Path, args: &[&str]) -> Run {
    let binary = env!("CARGO_BIN_EXE_kataster");
    let gnu_time = Path::new("/usr/bin/time");
    let peak_file = dir.with_extension("peak");
    let mut command = if gnu_time.exists() {
        let mut command = Command::new(gnu_time);
        command.args(["-f", "%M", "-o"]).arg(&peak_file).arg(binary);
        command
    } else {
        Command::new(binary)
    };
    let started = Instant::now();
    let mut child = command
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).unwrap();
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).unwrap();
        text
    });
    // Without GNU time, the high-water mark of the process as last seen in /proc.
    let mut polled_kb = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{}/status", child.id())) {
            if let Some(kb) = status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|value| value.trim().trim_end_matches(" kB").trim().parse().ok())
            {
                polled_kb = kb;
            }
        }
        if started.elapsed() > HANG_GUARD {
            let _ = child.kill();
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let elapsed = started.elapsed();
    let stdout = out.join().unwrap();
    let stderr = err.join().unwrap();
    let peak_kb = std::fs::read_to_string(&peak_file)
        .ok()
        .and_then(|text| text.lines().last()?.trim().parse().ok())
        .unwrap_or(polled_kb);
    let _ = std::fs::remove_file(&peak_file);
    Run {
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
        peak_kb,
        elapsed,
    }
}

fn check_json(dir: &Path, files: &[&str]) -> Run {
    let mut args = vec!["check", "--format", "json", "--no-color"];
    args.extend(files);
    kataster(dir, &args)
}

const ENTITY: &str = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n";
const SPEC: &str = "spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n";
const GROUP: &str = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n";

#[test]
fn billion_laughs() {
    let dir = case_dir("billion-laughs");
    let mut text = String::from(
        "lol: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    for (level, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let previous = if level == 0 {
            "a"
        } else {
            ["b", "c", "d", "e", "f", "g", "h"][level - 1]
        };
        let items = vec![format!("*{previous}"); 9].join(", ");
        let _ = writeln!(text, "{name}: &{name} [{items}]");
    }
    text.push_str("---\n");
    text.push_str(GROUP);
    std::fs::write(dir.join("laughs.yaml"), &text).unwrap();
    let run = check_json(&dir, &["laughs.yaml"]).expect(2);
    // The first alias past the budget, then the document Backstage never reads.
    assert_eq!(run.located(), ["YAML005 4:12", "YAML006 11:1"]);
}

#[test]
fn ten_thousand_deep_block_and_flow_nesting() {
    let dir = case_dir("deep-nesting");
    let cases = [
        (
            "block-sequences.yaml",
            "- ".repeat(10_000) + "x\n",
            "YAML004 1:401",
        ),
        (
            "block-mappings.yaml",
            "? ".repeat(10_000) + "x\n",
            "YAML004 1:401",
        ),
        (
            "flow-sequences.yaml",
            "[".repeat(10_000) + &"]".repeat(10_000),
            "YAML004 1:256",
        ),
        (
            "json-maps.yaml",
            "{\"a\": ".repeat(10_000) + "1" + &"}".repeat(10_000),
            "YAML004 1:1531",
        ),
    ];
    for (name, text, expected) in cases {
        std::fs::write(dir.join(name), text).unwrap();
        let run = check_json(&dir, &[name]).expect(2);
        assert_eq!(run.located(), [expected], "{name}");
    }
}

#[test]
fn hundred_megabytes_of_documents_stream() {
    let dir = case_dir("hundred-megabytes");
    // 10,000 entities of 10 KB (a long description), then one with an invalid name.
    let description = "lorem ipsum ".repeat(830);
    let mut text = String::with_capacity(101 << 20);
    text.push_str(GROUP);
    let mut lines = GROUP.lines().count();
    let mut count = 0;
    while text.len() < 100_000_000 {
        let _ = write!(
            text,
            "---\n{ENTITY}  name: service-{count}\n  description: {description}\n{SPEC}"
        );
        lines += 1 + ENTITY.lines().count() + 2 + SPEC.lines().count();
        count += 1;
    }
    let _ = write!(text, "---\n{ENTITY}  name: bad name\n{SPEC}");
    let bad_line = lines + 1 + ENTITY.lines().count() + 1;
    std::fs::write(dir.join("catalog-info.yaml"), &text).unwrap();
    drop(text);
    let run = check_json(&dir, &["catalog-info.yaml"]).expect(1);
    assert_eq!(run.located(), [format!("CAT006 {bad_line}:9")]);
    assert_eq!(run.json()["summary"]["entities"], count + 2);
    eprintln!(
        "100 MB of {} documents: peak {} KB in {:?}",
        count + 2,
        run.peak_kb,
        run.elapsed
    );
}

#[test]
fn one_megabyte_line() {
    let dir = case_dir("long-line");
    let text = format!(
        "{ENTITY}  {{description: \"{}\", name: bad name}}\n{SPEC}---\n{GROUP}",
        "x".repeat(1_000_000)
    );
    std::fs::write(dir.join("catalog-info.yaml"), text).unwrap();
    let run = check_json(&dir, &["catalog-info.yaml"]).expect(1);
    assert_eq!(run.located(), ["CAT006 4:1000027"]);
    // Human output shows the line around the column, not a megabyte of it.
    let human = kataster(&dir, &["check", "--no-color", "catalog-info.yaml"]).expect(1);
    assert!(
        human.stdout.contains("catalog-info.yaml:4:1000027"),
        "{}",
        cut(&human.stdout)
    );
    assert!(
        human.stdout.len() < 1_100_000,
        "{} bytes",
        human.stdout.len()
    );
}

#[test]
fn invalid_utf8_is_reported_with_its_byte_offset() {
    let dir = case_dir("invalid-utf8");
    let mut bytes = format!("{ENTITY}  name: caf").into_bytes();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xe9\n");
    std::fs::write(dir.join("latin1.yaml"), &bytes).unwrap();
    let run = check_json(&dir, &["latin1.yaml"]).expect(2);
    let diagnostic = &run.json()["diagnostics"][0];
    assert_eq!(diagnostic["code"], "IO002");
    let message = diagnostic["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("at byte offset {offset}")),
        "{message}"
    );
}

/// A file with a NUL byte is binary (IO003): located in the message, its content never shown.
#[test]
fn nul_bytes() {
    let dir = case_dir("nul");
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "plain.yaml",
            b"apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: a\0SECRET\n",
            "line 4, column 10",
        ),
        (
            "quoted.yaml",
            b"apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: \"a\0SECRET\"\n",
            "line 4, column 11",
        ),
        (
            "comment.yaml",
            b"apiVersion: backstage.io/v1alpha1\n# \0SECRET\nkind: Group\n",
            "line 2, column 3",
        ),
    ];
    for (name, bytes, expected) in cases {
        std::fs::write(dir.join(name), bytes).unwrap();
        let run = check_json(&dir, &[name]).expect(2);
        let diagnostic = &run.json()["diagnostics"][0];
        assert_eq!(diagnostic["code"], "IO003", "{name}");
        let message = diagnostic["message"].as_str().unwrap();
        assert!(message.contains(expected), "{name}: {message}");
        for format in ["human", "concise", "github", "sarif", "gitlab", "junit"] {
            let output = kataster(&dir, &["check", "--format", format, name]).stdout;
            assert!(!output.contains("SECRET"), "{name} ({format}): {output}");
        }
    }
}

#[test]
fn utf16_with_bom() {
    let dir = case_dir("utf16");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in format!("{ENTITY}  name: x\n").encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(dir.join("catalog-info.yaml"), &bytes).unwrap();
    // Named and found while walking: reported, not skipped.
    for args in [&["catalog-info.yaml"][..], &["."][..]] {
        let run = check_json(&dir, args).expect(2);
        let diagnostic = &run.json()["diagnostics"][0];
        assert_eq!(diagnostic["code"], "IO002");
        assert!(diagnostic["message"].as_str().unwrap().contains("UTF-16"));
    }
}

#[test]
fn crlf_and_lone_cr_line_endings() {
    let dir = case_dir("line-endings");
    let text = format!("{ENTITY}  name: bad name\n{SPEC}---\n{GROUP}");
    for (name, ending) in [("crlf.yaml", "\r\n"), ("cr.yaml", "\r")] {
        std::fs::write(dir.join(name), text.replace('\n', ending)).unwrap();
        let run = check_json(&dir, &[name]).expect(1);
        assert_eq!(run.located(), ["CAT006 4:9"], "{name}");
    }
}

#[test]
fn tabs_in_indentation_and_after_colons() {
    let dir = case_dir("tabs");
    std::fs::write(dir.join("indented.yaml"), format!("{ENTITY}\tname: x\n")).unwrap();
    let run = check_json(&dir, &["indented.yaml"]).expect(2);
    assert_eq!(run.located(), ["YAML001 4:2"]);
    // A tab after a colon is white space (YAML 1.2); thousands of them parse in linear time.
    let mut labels = String::new();
    for i in 0..5_000 {
        let _ = writeln!(labels, "    k{i}:\tv");
    }
    let text = format!("{ENTITY}  name: bad name\n  labels:\n{labels}{SPEC}---\n{GROUP}");
    std::fs::write(dir.join("after-colons.yaml"), text).unwrap();
    let run = check_json(&dir, &["after-colons.yaml"]).expect(1);
    assert_eq!(run.located(), ["CAT006 4:9"]);
}

#[test]
fn hundred_thousand_document_markers() {
    let dir = case_dir("markers");
    std::fs::write(dir.join("catalog-info.yaml"), "---\n".repeat(100_000)).unwrap();
    let run = check_json(&dir, &["catalog-info.yaml"]).expect(0);
    assert_eq!(run.json()["summary"]["documents"], 100_000);
    assert_eq!(run.json()["summary"]["entities"], 0);
}

#[test]
fn hundred_kilobyte_keys() {
    let dir = case_dir("long-keys");
    let key = "k".repeat(100_000);
    // Longer than YAML allows a key without `? `: a syntax error that says so.
    std::fs::write(
        dir.join("implicit.yaml"),
        format!("{ENTITY}  name: x\n  annotations:\n    {key}: v\n{SPEC}"),
    )
    .unwrap();
    let run = check_json(&dir, &["implicit.yaml"]).expect(2);
    assert_eq!(run.located(), ["YAML001 6:100005"]);
    let message = run.json()["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("at most 1024 characters"), "{message}");
    // As an explicit key it parses, and Backstage's annotation rule speaks.
    std::fs::write(
        dir.join("explicit.yaml"),
        format!("{ENTITY}  name: x\n  annotations:\n    ? {key}\n    : v\n{SPEC}---\n{GROUP}"),
    )
    .unwrap();
    let run = check_json(&dir, &["explicit.yaml"]).expect(1);
    assert_eq!(run.located(), ["CAT009 6:7"]);
    let human = kataster(&dir, &["check", "--no-color", "explicit.yaml"]).expect(1);
    assert!(human.stdout.len() < 2_000, "{}", cut(&human.stdout));
}

#[test]
fn pathological_regular_expressions_in_the_policy() {
    let dir = case_dir("regex");
    // `(a+)+b` takes exponential time in a backtracking engine on `aaa…a`; the regex crate
    // is linear. The namespace names and the 1 MB description would never finish otherwise.
    std::fs::write(
        dir.join("kataster.yaml"),
        "naming:\n  namespace:\n    parts:\n      apptype: {values: [cs, ap, ps]}\n      appid: {pattern: \"(a+)+b\"}\n      instance: {pattern: \"(a|aa)+c\"}\n      stage: {values: [dev, int, prd]}\nschemas:\n  - match: {kind: Component}\n    schema: schema.json\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("schema.json"),
        r#"{"properties": {"metadata": {"properties": {"description": {"pattern": "^(a+)+b$"}}}}}"#,
    )
    .unwrap();
    let text = format!(
        "{ENTITY}  name: x\n  description: {}\n  annotations:\n    backstage.io/kubernetes-namespace: cs-{}-prd\n{SPEC}---\n{GROUP}",
        "a".repeat(1_000_000),
        "a".repeat(50)
    );
    std::fs::write(dir.join("catalog-info.yaml"), text).unwrap();
    let run = check_json(&dir, &["catalog-info.yaml"]).expect(1);
    assert_eq!(run.located(), ["ORG007 5:16", "NS002 7:40"]);
    let human = kataster(&dir, &["check", "--no-color", "catalog-info.yaml"]).expect(1);
    assert!(human.stdout.len() < 4_000, "{}", cut(&human.stdout));
    // A pattern too large to compile is a problem of the policy, at its line.
    std::fs::write(
        dir.join("kataster.yaml"),
        "naming:\n  namespace:\n    parts:\n      apptype: {values: [cs, ap, ps]}\n      appid: {pattern: \"[a-z]{1000}{1000}\"}\n      instance: {pattern: \"[a-z0-9]+\"}\n      stage: {values: [dev, int, prd]}\n",
    )
    .unwrap();
    let run = check_json(&dir, &["catalog-info.yaml"]).expect(2);
    assert_eq!(run.located()[0], "POL002 5:24");
}

#[test]
fn symlink_loops_and_unreadable_files_in_a_walked_directory() {
    let dir = case_dir("walked");
    std::fs::write(
        dir.join("catalog-info.yaml"),
        format!("{ENTITY}  name: bad name\n{SPEC}---\n{GROUP}"),
    )
    .unwrap();
    let locked = dir.join("locked.yaml");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        use std::os::unix::fs::symlink;
        symlink(".", dir.join("loop")).unwrap();
        symlink("b.yaml", dir.join("a.yaml")).unwrap();
        symlink("a.yaml", dir.join("b.yaml")).unwrap();
        // Unreadable even for root: a named pipe (reading it would block forever).
        let made = Command::new("mkfifo").arg(dir.join("pipe.yaml")).status();
        assert!(made.is_ok_and(|status| status.success()), "mkfifo");
        // Without root, a file without permissions too.
        std::fs::write(&locked, format!("{ENTITY}  name: locked\n{SPEC}")).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    let run = check_json(&dir, &["."]).expect(2);
    let mut located = run.located();
    located.sort();
    let mut expected = vec![
        "CAT006 4:9",
        "IO001 1:1",
        "IO001 1:1",
        "IO001 1:1",
        "IO001 1:1",
    ];
    if std::fs::read(&locked).is_ok() {
        eprintln!(
            "a file without permissions is readable here (root): the named pipe stands for an unreadable file"
        );
    } else {
        expected.push("IO001 1:1");
    }
    expected.sort_unstable();
    assert_eq!(located, expected, "{}", cut(&run.stdout));
    let messages: Vec<String> = run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}: {}",
                d["file"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    for expected in [
        "symbolic link loop",
        "Too many levels of symbolic links",
        "named pipe",
    ] {
        assert!(
            messages.iter().any(|m| m.contains(expected)),
            "{expected}: {messages:?}"
        );
    }
    // Named on the command line, the pipe is reported too (and never opened).
    let run = check_json(&dir, &["pipe.yaml"]).expect(2);
    assert_eq!(run.located(), ["IO001 1:1"]);
}

/// A link left behind by a rename (`old-name -> new-name`, committed as is) holds nothing to
/// check: it is not reported. A dangling link named like a catalog file is.
#[cfg(unix)]
#[test]
fn dangling_symbolic_links() {
    use std::os::unix::fs::symlink;
    let dir = case_dir("dangling");
    std::fs::write(
        dir.join("catalog-info.yaml"),
        format!("{ENTITY}  name: ok\n{SPEC}---\n{GROUP}"),
    )
    .unwrap();
    symlink("renamed-operator", dir.join("old-operator")).unwrap();
    let run = check_json(&dir, &["."]).expect(0);
    assert_eq!(run.located(), Vec::<String>::new(), "{}", cut(&run.stdout));

    symlink("moved/catalog-info.yaml", dir.join("gone.yaml")).unwrap();
    let run = check_json(&dir, &["."]).expect(2);
    assert_eq!(run.located(), ["IO001 1:1"]);
    let message = run.json()["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        message,
        "cannot read gone.yaml: it is a symbolic link whose target does not exist"
    );
}

#[test]
fn paths_with_spaces_and_non_ascii_names() {
    let dir = case_dir("names");
    let folder = dir.join("my catalog").join("ünïcødé € 日本");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("catalog info ü.yaml"),
        format!("{ENTITY}  name: bad name\n{SPEC}---\n{GROUP}"),
    )
    .unwrap();
    let run = check_json(&dir, &["my catalog"]).expect(1);
    let diagnostic = &run.json()["diagnostics"][0];
    assert_eq!(
        diagnostic["file"],
        "my catalog/ünïcødé € 日本/catalog info ü.yaml"
    );
    assert_eq!(diagnostic["line"], 4);
    for format in [
        "human",
        "concise",
        "github",
        "azure",
        "gitlab",
        "junit",
        "sarif",
        "checkstyle",
    ] {
        let run = kataster(
            &dir,
            &[
                "check",
                "--no-color",
                "--format",
                format,
                "my catalog/ünïcødé € 日本/catalog info ü.yaml",
            ],
        )
        .expect(1);
        // SARIF names files by URI: percent-encoded.
        let name = if format == "sarif" {
            "catalog%20info%20%C3%BC.yaml"
        } else {
            "catalog info ü.yaml"
        };
        assert!(run.stdout.contains(name), "{format}: {}", cut(&run.stdout));
    }
}

/// The paths a traced process opened for writing, and whether it used the network.
#[test]
fn writes_only_the_reports_and_opens_no_network_connection() {
    let strace = ["/usr/bin/strace", "/bin/strace"]
        .into_iter()
        .find(|path| Path::new(path).exists());
    let Some(strace) = strace else {
        eprintln!("skipped: strace is not installed (scripts/test-deps.sh installs it as root)");
        return;
    };
    let dir = case_dir("syscalls");
    std::fs::write(
        dir.join("catalog-info.yaml"),
        format!("{ENTITY}  name: bad name\n{SPEC}---\n{GROUP}"),
    )
    .unwrap();
    let log = dir.with_extension("strace");
    let binary = env!("CARGO_BIN_EXE_kataster");
    let output = Command::new(strace)
        .args(["-f", "-qq", "-e", "trace=network,openat,open,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,truncate", "-o"])
        .arg(&log)
        .arg(binary)
        .current_dir(&dir)
        .args(["check", "--format", "junit=out/report.xml", "--format", "sarif=report.sarif", "."])
        .output()
        .unwrap();
    let trace = std::fs::read_to_string(&log).unwrap_or_default();
    if !output.status.success() && output.status.code() != Some(1) && trace.is_empty() {
        eprintln!(
            "skipped: strace cannot trace here ({})",
            String::from_utf8_lossy(&output.stderr)
        );
        return;
    }
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let network: Vec<&str> = trace
        .lines()
        .filter(|line| {
            ["socket(", "connect(", "sendto(", "bind("]
                .iter()
                .any(|call| line.contains(call))
        })
        .collect();
    assert!(network.is_empty(), "network calls: {network:?}");
    let writes: Vec<&str> = trace
        .lines()
        .filter(|line| {
            (line.contains("open") || line.contains("creat("))
                && ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC"]
                    .iter()
                    .any(|flag| line.contains(flag))
                && !line.contains("ENOENT")
        })
        .collect();
    for line in &writes {
        assert!(
            line.contains("\"out/report.xml\"") || line.contains("\"report.sarif\""),
            "wrote outside the report paths: {line}\nall writes: {writes:?}"
        );
    }
    assert_eq!(writes.len(), 2, "{writes:?}");
    for line in trace.lines() {
        for call in ["rename", "unlink", "truncate"] {
            assert!(
                !line.contains(&format!("{call}(")) && !line.contains(&format!("{call}at(")),
                "{line}"
            );
        }
        if line.contains("mkdir") {
            assert!(line.contains("\"out\""), "{line}");
        }
    }
    assert!(dir.join("out/report.xml").exists() && dir.join("report.sarif").exists());
}
