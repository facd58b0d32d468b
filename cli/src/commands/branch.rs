//! `kataster branch NAME...`: check branch names against the workflow's (GIT001).

use std::fmt::Write as _;
use std::process::ExitCode;

use kataster_core::rules::Selection;
use kataster_core::versions::{self, Branch, branches};
use serde::Serialize;

use super::version::Format;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The branch names to check.
    #[arg(required = true)]
    pub names: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Never colour the output.
    #[arg(long)]
    pub no_color: bool,
    /// The policy file (default: `kataster.yaml` or `.kataster.yaml` upwards from the
    /// current directory); its `versions.branches` apply.
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// The `versions:` section as JSON, instead of the policy file's.
    #[arg(long, value_name = "JSON", hide = true)]
    pub versions_policy: Option<String>,
}

/// One name in the JSON output.
#[derive(Debug, Serialize)]
struct Checked<'a> {
    name: &'a str,
    valid: bool,
    role: Option<&'a str>,
    /// The branches it may be merged into.
    merges_into: Vec<String>,
}

#[derive(Debug, Serialize)]
struct BranchJson<'a> {
    #[serde(flatten)]
    report: kataster_core::report::JsonReport,
    branches: Vec<Checked<'a>>,
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let settings = super::version::settings(
        args.config.as_deref(),
        std::path::Path::new("."),
        args.versions_policy.as_deref(),
        Selection::default(),
    )?;
    let policy = settings.versions;
    let (findings, checked) =
        versions::check_branch_names(&args.names, &policy, &settings.selection);
    let targets = |branch: &Branch| -> Vec<String> {
        branches::allowed_targets(&policy, &branch.role)
            .iter()
            .map(|role| match role.as_str() {
                branches::MAIN => policy.branches.main.clone(),
                branches::DEV => policy.branches.dev.clone(),
                other => format!("{other}/*"),
            })
            .collect()
    };
    super::version::print(
        &[crate::render::Output {
            format: args.format,
            path: None,
        }],
        args.no_color,
        &findings,
        |report| {
            let json = BranchJson {
                report,
                branches: args
                    .names
                    .iter()
                    .zip(&checked)
                    .map(|(name, branch)| Checked {
                        name,
                        valid: branch.is_some(),
                        role: branch.as_ref().map(|branch| branch.role.as_str()),
                        merges_into: branch.as_ref().map(&targets).unwrap_or_default(),
                    })
                    .collect(),
            };
            serde_json::to_string_pretty(&json)
                .map_err(|error| error.to_string())
                .map(|text| text + "\n")
        },
        |color| {
            let mut out = super::version::render_human(&findings, color);
            for (name, branch) in args.names.iter().zip(&checked) {
                if let Some(branch) = branch {
                    let merges = targets(branch);
                    let _ = writeln!(
                        out,
                        "{name}: ok ({} branch{})",
                        branch.role,
                        if merges.is_empty() {
                            String::new()
                        } else {
                            format!(", merged into {}", merges.join(" or "))
                        }
                    );
                }
            }
            out
        },
    )?;
    Ok(if findings.counts().0 > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
