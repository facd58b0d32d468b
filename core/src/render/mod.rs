//! Renderers: one output format per file, shared by every frontend (the CLI, the WebAssembly
//! module, the fuzz targets), so that a format is the same byte for byte wherever it is made.
//!
//! Every renderer reads the same [`JsonReport`] (with derived positions); the human renderer
//! also reads the sources for its snippets, the JUnit and checkstyle renderers the list of
//! checked files and documents. Nothing here validates: renderers only format. What they need
//! to know about their surroundings (the project directory, `--fail-on`, colours) comes in as
//! plain data in a [`Context`], which the frontend fills in: nothing here reads the
//! environment or the file system (paths are only compared lexically).
//!
//! This is the core's topmost module: it uses the report, the entities (for their references),
//! the rules' metadata, the sources and the diagnostics; nothing else in the core uses it.

pub mod azure;
pub mod checkstyle;
pub mod concise;
pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod inventory;
pub mod json;
pub mod junit;
pub mod mask;
pub mod sarif;

use std::path::{Component, Path, PathBuf};

use crate::catalog::entity::Entity;
use crate::report::JsonReport;
use crate::rules;
use crate::{ParsedFile, Report, Severity};

/// An output format: what `kataster check --format` and the WebAssembly module's `render`
/// name. The CLI wraps it for its command line (`cli/src/render/mod.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Diagnostics with source snippets.
    Human,
    /// The JSON report (schema version 1, see docs/json-output.md).
    Json,
    /// One line per diagnostic: `file:line:col: CODE [severity] message`.
    Concise,
    /// GitLab Code Quality report (`artifacts: reports: codequality`).
    Gitlab,
    /// JUnit XML: one testsuite per file, one testcase per document.
    Junit,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::message`).
    Github,
    /// Azure Pipelines logging commands (`##vso[task.logissue ...]message`).
    Azure,
    /// Checkstyle XML.
    Checkstyle,
}

impl Format {
    /// Every format, in the order the CLI lists them.
    pub const ALL: [Self; 9] = [
        Self::Human,
        Self::Json,
        Self::Concise,
        Self::Gitlab,
        Self::Junit,
        Self::Sarif,
        Self::Github,
        Self::Azure,
        Self::Checkstyle,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Human => "human",
            Self::Json => "json",
            Self::Concise => "concise",
            Self::Gitlab => "gitlab",
            Self::Junit => "junit",
            Self::Sarif => "sarif",
            Self::Github => "github",
            Self::Azure => "azure",
            Self::Checkstyle => "checkstyle",
        }
    }

    /// The format of a name, exactly as [`Format::name`] spells it.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.name() == name)
    }
}

/// What every renderer reads.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub report: &'a Report,
    pub files: &'a [ParsedFile],
    pub json: &'a JsonReport,
}

/// What a renderer needs to know about its surroundings; the frontend fills it in (the CLI
/// from `CI_PROJECT_DIR`, its current directory and its flags; JavaScript from its options).
#[derive(Debug, Clone)]
pub struct Context {
    /// Colour the human output.
    pub color: bool,
    /// The directory CI paths are relative to (`CI_PROJECT_DIR`), absolute.
    pub project_dir: Option<PathBuf>,
    /// The current directory, absolute: relative paths are relative to it.
    pub current_dir: Option<PathBuf>,
    /// The root of the run (docs/security.md), absolute and canonical: SARIF's URIs are
    /// relative to it (`%SRCROOT%`).
    pub root: Option<PathBuf>,
    /// The least severity that fails the run (`--fail-on`); test reports show findings
    /// from it up as failures. Errors always count as failures there.
    pub fail_from: Severity,
    /// Print info findings in the human output (`--show-infos`).
    pub show_infos: bool,
    /// The skipped files are listed (`--show-skipped`).
    pub show_skipped: bool,
}

impl Default for Context {
    fn default() -> Self {
        Self {
            color: false,
            project_dir: None,
            current_dir: None,
            root: None,
            fail_from: Severity::Error,
            show_infos: false,
            show_skipped: false,
        }
    }
}

/// Render a report in a format.
pub fn render(format: Format, input: Input<'_>, context: &Context) -> String {
    match format {
        Format::Human => {
            let options = human::HumanOptions {
                color: context.color,
                show_infos: context.show_infos,
                show_skipped: context.show_skipped,
            };
            human::render(input.report, input.files, options)
        }
        Format::Json => json::render(input.json),
        Format::Concise => concise::render(input.json),
        Format::Gitlab => gitlab::render(input, context),
        Format::Junit => junit::render(input, context),
        Format::Sarif => sarif::render(input, context),
        Format::Github => github::render(input.json),
        Format::Azure => azure::render(input.json),
        Format::Checkstyle => checkstyle::render(input),
    }
}

/// A file's path for a CI system: relative to the project directory when it lies below it,
/// with `/` separators and without `./`; otherwise as given.
pub fn project_path(path: &str, context: &Context) -> String {
    if let Some(relative) = context
        .project_dir
        .as_deref()
        .and_then(|project| relative_to(path, project, context))
    {
        return relative;
    }
    let cleaned = slash_path(&normalize(Path::new(path)));
    if cleaned.is_empty() {
        path.to_owned()
    } else {
        cleaned
    }
}

/// A file's path relative to a folder, with `/` separators, when it lies below it (relative
/// paths are taken from the current directory; without one, they are not below anything).
pub fn relative_to(path: &str, dir: &Path, context: &Context) -> Option<String> {
    let given = Path::new(path);
    let absolute = match (&context.current_dir, given.is_absolute()) {
        (_, true) => normalize(given),
        (Some(current), false) => normalize(&current.join(given)),
        (None, false) => return None,
    };
    absolute.strip_prefix(normalize(dir)).ok().map(slash_path)
}

/// Remove `.` components and resolve `..` lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn slash_path(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|component| match component {
            Component::RootDir => String::new(),
            other => other.as_os_str().to_string_lossy().into_owned(),
        })
        .collect();
    if parts.len() == 1 && parts[0].is_empty() {
        return "/".to_owned();
    }
    parts.join("/")
}

/// How a document is named in reports: its entity reference (`component:default/name`) when
/// it is a readable entity with a kind and a name, else `document N` (1-based).
pub fn document_label(file: &ParsedFile, file_index: usize, document: usize) -> String {
    entity_ref(file, file_index, document).unwrap_or_else(|| format!("document {}", document + 1))
}

/// The entity reference of a document, when it is a readable entity with a kind and a name.
pub fn entity_ref(file: &ParsedFile, file_index: usize, document: usize) -> Option<String> {
    let doc = file.documents.iter().find(|d| d.index == document)?;
    if !doc.errors.is_empty() {
        return None;
    }
    let root = doc
        .root
        .as_ref()
        .filter(|root| root.as_mapping().is_some())?;
    let entity = Entity {
        file: file_index,
        document,
        root,
        contributor: None,
    };
    entity.key()?;
    Some(entity.display_ref())
}

/// Whether a diagnostic means its input could not be checked (IO0xx, YAML0xx).
pub fn is_failure_to_check(code: &str) -> bool {
    rules::rule(code).is_some_and(|rule| rule.family.is_failure_to_check())
}

/// Escape text for an XML attribute value: line breaks and tabs become references.
pub fn xml_escape(text: &str) -> String {
    escape_xml(text, true)
}

/// Escape text for XML character data (element content), keeping line breaks.
pub fn xml_escape_text(text: &str) -> String {
    escape_xml(text, false)
}

fn escape_xml(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            '\n' | '\t' => out.push(c),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push('\u{fffd}');
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(project: Option<&str>, current: Option<&str>) -> Context {
        Context {
            project_dir: project.map(PathBuf::from),
            current_dir: current.map(PathBuf::from),
            ..Context::default()
        }
    }

    #[test]
    fn formats_are_named() {
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(format));
        }
        assert_eq!(Format::from_name("xml"), None);
        assert_eq!(Format::from_name("SARIF"), None);
    }

    #[test]
    fn paths_are_relative_to_the_project() {
        let ctx = context(Some("/builds/acme/catalog"), Some("/builds/acme/catalog"));
        assert_eq!(project_path("catalog-info.yaml", &ctx), "catalog-info.yaml");
        assert_eq!(project_path("./a/../b/c.yaml", &ctx), "b/c.yaml");
        assert_eq!(
            project_path("/builds/acme/catalog/x/y.yaml", &ctx),
            "x/y.yaml"
        );
        let below = context(
            Some("/builds/acme/catalog"),
            Some("/builds/acme/catalog/sub"),
        );
        assert_eq!(project_path("y.yaml", &below), "sub/y.yaml");
        assert_eq!(project_path("../z.yaml", &below), "z.yaml");
        let outside = context(Some("/builds/acme/catalog"), Some("/tmp"));
        assert_eq!(project_path("./y.yaml", &outside), "y.yaml");
        assert_eq!(project_path("/etc/y.yaml", &outside), "/etc/y.yaml");
        let none = context(None, None);
        assert_eq!(project_path("./a/b.yaml", &none), "a/b.yaml");
        assert_eq!(project_path("../a/b.yaml", &none), "../a/b.yaml");
    }

    #[test]
    fn xml_is_escaped() {
        assert_eq!(
            xml_escape("a<b>&\"c\"'\n\u{1}"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;&#10;\u{fffd}"
        );
        assert_eq!(xml_escape_text("a<b\nc\"d"), "a&lt;b\nc\"d");
    }
}
