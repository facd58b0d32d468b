//! Version files (`versions.files`): the version a package.json, Cargo.toml, pyproject.toml,
//! galaxy.yml or plain VERSION file states, and where it is written.
//!
//! JSON and YAML are read with the YAML parser (JSON is YAML); TOML with a small line-based
//! reader of `[table]` headers and `key = "value"` lines, which says when it cannot read a
//! line rather than guessing.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::policy::VersionFilePolicy;
use crate::yaml::{self, Node, ParseOptions, Value};

/// A version file as a frontend read it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VersionFile {
    /// The path relative to the repository root.
    pub path: String,
    /// Its text; none: the policy names it, but no such file is in the repository.
    pub text: Option<String>,
    /// The dotted key of the version (`package.version`); none: the default for the file.
    pub key: Option<String>,
}

/// The files `versions.files` names among the repository's `paths` (relative, `/`-separated),
/// in the policy's order, without texts: a path or glob that matches none is one file
/// without text (missing). A frontend fills in the texts.
pub fn select(policy: &[VersionFilePolicy], paths: &[String]) -> Vec<VersionFile> {
    let mut files = Vec::new();
    for wanted in policy {
        let matcher = globset::GlobBuilder::new(&wanted.path)
            .literal_separator(true)
            .build()
            .map(|glob| glob.compile_matcher());
        let mut matched: Vec<&String> = paths
            .iter()
            .filter(|path| match &matcher {
                Ok(matcher) => matcher.is_match(path.as_str()),
                Err(_) => **path == wanted.path,
            })
            .collect();
        matched.sort();
        if matched.is_empty() {
            matched.push(&wanted.path);
        }
        for path in matched {
            files.push(VersionFile {
                path: path.clone(),
                text: None,
                key: wanted.key.clone(),
            });
        }
    }
    files
}

/// The version a file states and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileVersion {
    pub value: String,
    /// The byte range of the value (with its quotes, if any).
    pub span: Range<usize>,
    /// The key it was read from (empty for a plain text file).
    pub key: String,
}

/// Why a file's version could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub message: String,
    /// Where: the offending value, or `0..0` for the whole file.
    pub span: Range<usize>,
}

/// How a file is read, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Toml,
    Yaml,
    Text,
}

impl Format {
    pub fn of(path: &str) -> Self {
        let name = path.rsplit('/').next().unwrap_or(path);
        let extension = name.rsplit_once('.').map(|(_, extension)| extension);
        match extension {
            Some("json") => Self::Json,
            Some("toml") => Self::Toml,
            Some("yaml" | "yml") => Self::Yaml,
            _ => Self::Text,
        }
    }
}

/// The keys tried when the policy names none: the first one present is read.
pub fn default_keys(path: &str) -> &'static [&'static str] {
    let name = path.rsplit('/').next().unwrap_or(path);
    match (name, Format::of(path)) {
        ("Cargo.toml", _) => &["package.version", "workspace.package.version"],
        ("pyproject.toml", _) => &["project.version", "tool.poetry.version"],
        (_, Format::Text) => &[],
        _ => &["version"],
    }
}

/// The version a file states under `key` (or the file type's default keys).
pub fn read_version(path: &str, text: &str, key: Option<&str>) -> Result<FileVersion, Unreadable> {
    let keys: Vec<&str> = key.map_or_else(|| default_keys(path).to_vec(), |key| vec![key]);
    match Format::of(path) {
        Format::Text if key.is_none() => read_text(text).map_err(Lookup::Unreadable),
        Format::Toml => first_present(&keys, |key| read_toml(text, key)),
        Format::Json | Format::Yaml | Format::Text => {
            first_present(&keys, |key| read_structured(text, key))
        }
    }
    .map_err(|problem| match problem {
        Lookup::Missing => Unreadable {
            message: format!("{path} has no `{}`", keys.join("` or `")),
            span: 0..0,
        },
        Lookup::Unreadable(problem) => problem,
    })
}

/// A key not found, or found and unreadable.
enum Lookup {
    Missing,
    Unreadable(Unreadable),
}

fn first_present(
    keys: &[&str],
    read: impl Fn(&str) -> Result<FileVersion, Lookup>,
) -> Result<FileVersion, Lookup> {
    for key in keys {
        match read(key) {
            Err(Lookup::Missing) => {}
            found => return found,
        }
    }
    Err(Lookup::Missing)
}

/// A plain text file: its content without surrounding whitespace.
fn read_text(text: &str) -> Result<FileVersion, Unreadable> {
    let start = text.len() - text.trim_start().len();
    let value = text.trim();
    if value.is_empty() || value.contains('\n') {
        return Err(Unreadable {
            message: "expected the version alone on one line".to_owned(),
            span: 0..0,
        });
    }
    Ok(FileVersion {
        value: value.to_owned(),
        span: start..start + value.len(),
        key: String::new(),
    })
}

/// JSON or YAML: the string at a dotted key of the first document.
fn read_structured(text: &str, key: &str) -> Result<FileVersion, Lookup> {
    let documents = yaml::parse(text, &ParseOptions::default());
    let unreadable =
        |message: String, span: Range<usize>| Lookup::Unreadable(Unreadable { message, span });
    let Some(document) = documents.first() else {
        return Err(unreadable("the file is empty".to_owned(), 0..0));
    };
    if let Some(error) = document.errors.first() {
        return Err(unreadable(
            format!("cannot parse the file: {}", error.message),
            error.span.clone(),
        ));
    }
    let mut node: Option<&Node> = document.root.as_ref();
    for part in key.split('.') {
        node = node.and_then(|node| node.get(part));
    }
    let Some(node) = node else {
        return Err(Lookup::Missing);
    };
    match &node.value {
        Value::String(value) => Ok(FileVersion {
            value: value.clone(),
            span: node.span.clone(),
            key: key.to_owned(),
        }),
        _ => Err(unreadable(
            format!("`{key}` is not a string"),
            node.span.clone(),
        )),
    }
}

/// TOML: a `key = "value"` line under the `[table]` the dotted key names.
fn read_toml(text: &str, key: &str) -> Result<FileVersion, Lookup> {
    let mut table = String::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(header) = trimmed.strip_prefix('[') {
            // `[[array]]` tables hold no version of the file: nothing in them matches.
            table = match header.strip_prefix('[') {
                Some(_) => "[[]]".to_owned(),
                None => header
                    .split_once(']')
                    .map_or("", |(name, _)| name)
                    .split('.')
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join("."),
            };
            continue;
        }
        let Some((name, value)) = content.split_once('=') else {
            continue;
        };
        let name: Vec<&str> = name.split('.').map(str::trim).collect();
        let full = if table.is_empty() {
            name.join(".")
        } else {
            format!("{table}.{}", name.join("."))
        };
        // `version.workspace = true` is the key `version` with a table value.
        if full.starts_with(&format!("{key}.")) {
            let at = start + content.find('=').unwrap_or(0);
            return Err(Lookup::Unreadable(Unreadable {
                message: format!("`{key}` is not a string"),
                span: start..at,
            }));
        }
        if full != key {
            continue;
        }
        let value_start = start + content.len() - value.trim_start().len();
        let value = value.trim();
        let quote = value
            .chars()
            .next()
            .filter(|quote| matches!(quote, '"' | '\''));
        let closing = quote.and_then(|quote| value[1..].find(quote).map(|end| end + 1));
        let (Some(quote), Some(end)) = (quote, closing) else {
            return Err(Lookup::Unreadable(Unreadable {
                message: format!("`{key}` is not a string on one line"),
                span: value_start..value_start + value.len(),
            }));
        };
        let inner = &value[1..end];
        let rest = value[end + 1..].trim();
        if inner.is_empty() && value[end + 1..].starts_with(quote)
            || (quote == '"' && inner.contains('\\'))
            || !(rest.is_empty() || rest.starts_with('#'))
        {
            return Err(Lookup::Unreadable(Unreadable {
                message: format!(
                    "cannot read `{key}`: only a one-line string without escapes is read"
                ),
                span: value_start..value_start + value.len(),
            }));
        }
        return Ok(FileVersion {
            value: inner.to_owned(),
            span: value_start..value_start + end + 1,
            key: key.to_owned(),
        });
    }
    Err(Lookup::Missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &str, text: &str, key: Option<&str>) -> Result<(String, String), String> {
        read_version(path, text, key)
            .map(|found| (found.value, text[found.span].to_owned()))
            .map_err(|problem| problem.message)
    }

    #[test]
    fn json_and_yaml_read_the_version_key() {
        let json = "{\n  \"name\": \"x\",\n  \"version\": \"1.2.0\"\n}\n";
        assert_eq!(
            read("package.json", json, None),
            Ok(("1.2.0".into(), "\"1.2.0\"".into()))
        );
        assert_eq!(
            read("galaxy.yml", "namespace: a\nversion: 1.2.0\n", None),
            Ok(("1.2.0".into(), "1.2.0".into()))
        );
        assert_eq!(
            read("package.json", "{\"version\": 1}", None),
            Err("`version` is not a string".into())
        );
        assert_eq!(
            read("package.json", "{\"name\": \"x\"}", None),
            Err("package.json has no `version`".into())
        );
        assert_eq!(
            read(
                "a/meta.json",
                "{\"app\": {\"version\": \"2.0.0\"}}",
                Some("app.version")
            ),
            Ok(("2.0.0".into(), "\"2.0.0\"".into()))
        );
    }

    #[test]
    fn toml_reads_tables_and_says_when_it_cannot() {
        let cargo = "[package]\nname = \"x\"\nversion = \"1.2.0\" # the release\n";
        assert_eq!(
            read("Cargo.toml", cargo, None),
            Ok(("1.2.0".into(), "\"1.2.0\"".into()))
        );
        let workspace = "[workspace]\nmembers = []\n\n[workspace.package]\nversion = '0.3.0'\n";
        assert_eq!(
            read("Cargo.toml", workspace, None),
            Ok(("0.3.0".into(), "'0.3.0'".into()))
        );
        let inherited = "[package]\nversion.workspace = true\n";
        assert_eq!(
            read("Cargo.toml", inherited, None),
            Err("`package.version` is not a string".into())
        );
        let poetry = "[tool.poetry]\nversion = \"1.0.0\"\n";
        assert_eq!(
            read("pyproject.toml", poetry, None),
            Ok(("1.0.0".into(), "\"1.0.0\"".into()))
        );
        assert_eq!(
            read("pyproject.toml", "[project]\nversion = 1\n", None),
            Err("`project.version` is not a string on one line".into())
        );
        assert_eq!(
            read("pyproject.toml", "[project]\nname = \"x\"\n", None),
            Err("pyproject.toml has no `project.version` or `tool.poetry.version`".into())
        );
        assert!(read("x.toml", "[a]\nv = \"\"\"1\"\"\"\n", Some("a.v")).is_err());
        assert!(read("x.toml", "[a]\nv = \"1\\u0030\"\n", Some("a.v")).is_err());
        assert_eq!(
            read("x.toml", "[[bin]]\nversion = \"9\"\n", Some("version")),
            Err("x.toml has no `version`".into())
        );
    }

    #[test]
    fn globs_select_files_and_a_file_not_found_is_missing() {
        let policy = [
            VersionFilePolicy {
                path: "packages/*/package.json".into(),
                key: None,
            },
            VersionFilePolicy {
                path: "VERSION".into(),
                key: None,
            },
        ];
        let paths = [
            "packages/b/package.json".to_owned(),
            "packages/a/package.json".to_owned(),
            "packages/a/deep/x/package.json".to_owned(),
        ];
        let selected: Vec<String> = select(&policy, &paths)
            .into_iter()
            .map(|file| file.path)
            .collect();
        assert_eq!(
            selected,
            [
                "packages/a/package.json",
                "packages/b/package.json",
                "VERSION"
            ]
        );
    }

    #[test]
    fn plain_text_is_the_whole_file() {
        assert_eq!(
            read("VERSION", "1.2.0\n", None),
            Ok(("1.2.0".into(), "1.2.0".into()))
        );
        assert!(read("VERSION", "", None).is_err());
        assert!(read("VERSION", "1.2.0\n1.3.0\n", None).is_err());
    }
}
