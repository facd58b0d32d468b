//! `kataster namespace`: check namespace names against the convention, or build one.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use kataster_core::naming::{Convention, Parts};

use super::write_stdout;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Names to check. Without names, the parts given by flags are put together.
    pub names: Vec<String>,
    /// The app type part (default convention: cs, ap or ps).
    #[arg(long)]
    pub apptype: Option<String>,
    /// The app id part.
    #[arg(long)]
    pub appid: Option<String>,
    /// The instance part, for apps with several instances.
    #[arg(long)]
    pub instance: Option<String>,
    /// The stage part (default convention: dev, int or prd).
    #[arg(long)]
    pub stage: Option<String>,
    /// Any part of a custom convention, as NAME=VALUE (repeatable).
    #[arg(long = "part", value_name = "NAME=VALUE")]
    pub parts: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The policy file (default: `kataster.yaml` or `.kataster.yaml` upwards from here).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let policy = crate::policy::find(args.config.as_deref(), &PathBuf::from("."), None)?;
    let spec = policy
        .as_ref()
        .map(|policy| policy.loaded.policy.naming.namespace.clone())
        .unwrap_or_default();
    let convention = Convention::new(&spec).map_err(|error| {
        format!(
            "the naming convention in the policy is invalid ({}): {}",
            error.field, error.message
        )
    })?;
    if args.names.is_empty() {
        return build(&convention, args);
    }
    let reports: Vec<_> = args
        .names
        .iter()
        .map(|name| convention.check_name(name))
        .collect();
    let output = match args.format {
        Format::Json => {
            let json = serde_json::json!({ "version": 1, "convention": convention.template(), "names": reports });
            serde_json::to_string_pretty(&json).map_err(|error| error.to_string())? + "\n"
        }
        Format::Human => reports.iter().fold(String::new(), |mut out, report| {
            if report.valid {
                let parts: Vec<String> = report
                    .parts
                    .iter()
                    .map(|(part, value)| format!("{part}={value}"))
                    .collect();
                let _ = writeln!(out, "{}: ok ({})", report.name, parts.join(", "));
            }
            for problem in &report.problems {
                let _ = write!(out, "{}: {} {}", report.name, problem.code, problem.message);
                match &problem.suggestion {
                    Some(suggestion) => {
                        let _ = writeln!(out, "; use `{suggestion}`");
                    }
                    None => out.push('\n'),
                }
            }
            out
        }),
    };
    write_stdout(&output, false)?;
    Ok(if reports.iter().all(|report| report.valid) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Put the name together from parts.
fn build(convention: &Convention, args: &Args) -> Result<ExitCode, String> {
    let mut parts = Parts::new();
    for (part, value) in [
        ("apptype", &args.apptype),
        ("appid", &args.appid),
        ("instance", &args.instance),
        ("stage", &args.stage),
    ] {
        if let Some(value) = value {
            parts.insert(part.to_owned(), value.clone());
        }
    }
    for pair in &args.parts {
        let (part, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("--part {pair}: expected NAME=VALUE"))?;
        parts.insert(part.to_owned(), value.to_owned());
    }
    if parts.is_empty() {
        return Err("give names to check, or the parts of a name (e.g. --apptype ap --appid phippy --stage prd)".to_owned());
    }
    match convention.render(&parts) {
        Some(name) => {
            write_stdout(&format!("{name}\n"), false)?;
            Ok(ExitCode::SUCCESS)
        }
        None => Err(format!(
            "these parts do not make a conventional name ({}): a part is missing or has a value the convention does not allow",
            convention.template()
        )),
    }
}
