//! The command line's side of the renderers, which live in the core
//! (`kataster_core::render`, shared with the WebAssembly module): `--format FORMAT[=PATH]`.

use std::path::PathBuf;

pub use kataster_core::render::{Context, Input, human};

/// An output format of `kataster check --format` (the core's [`kataster_core::render::Format`]
/// for clap, with the same names in the same order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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
    /// The core's format.
    pub fn core(self) -> kataster_core::render::Format {
        use kataster_core::render::Format as Core;
        match self {
            Self::Human => Core::Human,
            Self::Json => Core::Json,
            Self::Concise => Core::Concise,
            Self::Gitlab => Core::Gitlab,
            Self::Junit => Core::Junit,
            Self::Sarif => Core::Sarif,
            Self::Github => Core::Github,
            Self::Azure => Core::Azure,
            Self::Checkstyle => Core::Checkstyle,
        }
    }

    pub fn name(self) -> &'static str {
        self.core().name()
    }
}

/// One `--format FORMAT[=PATH]`: a format and where it goes (`None`: standard output).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub format: Format,
    pub path: Option<PathBuf>,
}

impl std::str::FromStr for Output {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (name, path) = match text.split_once('=') {
            Some((name, path)) => (name, Some(path)),
            None => (text, None),
        };
        let format = <Format as clap::ValueEnum>::from_str(name, true).map_err(|_| {
            let names: Vec<&str> = <Format as clap::ValueEnum>::value_variants()
                .iter()
                .map(|format| format.name())
                .collect();
            format!(
                "unknown format `{name}` (expected one of {}, optionally followed by `=PATH`)",
                names.join(", ")
            )
        })?;
        match path {
            Some("") => Err(format!("`{name}=` needs a path after `=`")),
            Some(path) => Ok(Self {
                format,
                path: Some(PathBuf::from(path)),
            }),
            None => Ok(Self { format, path: None }),
        }
    }
}

/// Render a report in a format (with the core's renderers).
pub fn render(format: Format, input: Input<'_>, context: &Context) -> String {
    kataster_core::render::render(format.core(), input, context)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formats_are_the_cores() {
        let names: Vec<&str> = <Format as clap::ValueEnum>::value_variants()
            .iter()
            .map(|format| format.name())
            .collect();
        let core: Vec<&str> = kataster_core::render::Format::ALL
            .iter()
            .map(|format| format.name())
            .collect();
        assert_eq!(names, core);
    }

    #[test]
    fn output_specs_parse() {
        assert_eq!(
            "gitlab=out/cq.json".parse::<Output>(),
            Ok(Output {
                format: Format::Gitlab,
                path: Some("out/cq.json".into())
            })
        );
        assert_eq!(
            "SARIF".parse::<Output>(),
            Ok(Output {
                format: Format::Sarif,
                path: None
            })
        );
        assert!("junit=".parse::<Output>().is_err());
        let error = "xml=report.xml".parse::<Output>().unwrap_err();
        assert!(error.contains("unknown format `xml`"), "{error}");
        assert!(error.contains("checkstyle"), "{error}");
    }
}
