//! The subcommands.

use std::io::Write;
use std::process::ExitCode;

use kataster_core::report::JsonReport;
use kataster_core::yaml::ParseOptions;
use kataster_core::{CheckOptions, Checker, RULES, Selection, Severity};

use crate::args::{CheckArgs, Cli, Command, Format, ListFormat};
use crate::collect::Collector;
use crate::{facts, known, render};

pub fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Rule { code } => rule(&code),
        Command::Rules { format } => rules(format),
    }
}

fn check(args: &CheckArgs) -> Result<ExitCode, String> {
    let known_entities = match &args.known_entities {
        Some(path) => known::read(path)?,
        None => Vec::new(),
    };
    let options = CheckOptions {
        selection: Selection::default()
            .select(&args.select)
            .ignore(&args.ignore),
        parse: ParseOptions {
            merge_keys: args.yaml_merge,
            ..ParseOptions::default()
        },
        strict_refs: args.strict_refs,
        known_entities,
    };
    let mut checker = Checker::new(options);
    let mut collector = Collector::new(&mut checker);
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths.clone()
    };
    for path in &paths {
        collector.add_path(path);
    }
    if !args.no_follow_locations {
        collector.follow_locations();
    }
    let report = checker.check(&facts::FileSystem);
    let output = match args.format {
        Format::Json => JsonReport::new(&report, checker.files()).to_json_pretty() + "\n",
        Format::Concise => render::concise::render(&report, checker.files()),
        Format::Human => render::human::render(&report, checker.files(), !args.no_color),
    };
    write_stdout(&output, args.format == Format::Human && !args.no_color)?;
    Ok(exit_code(&report))
}

fn exit_code(report: &kataster_core::Report) -> ExitCode {
    if report.has_failures() {
        ExitCode::from(2)
    } else if report
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn rule(code: &str) -> Result<ExitCode, String> {
    let rule = kataster_core::rules::rule(code)
        .ok_or_else(|| format!("no rule with code `{code}` (see `kataster rules`)"))?;
    write_stdout(&render::docs::rule_page(rule), false)?;
    Ok(ExitCode::SUCCESS)
}

fn rules(format: ListFormat) -> Result<ExitCode, String> {
    let output = match format {
        ListFormat::Json => {
            serde_json::to_string_pretty(RULES).map_err(|error| error.to_string())? + "\n"
        }
        ListFormat::Text => RULES
            .iter()
            .map(|rule| {
                format!(
                    "{:<8} {:<30} {:<8} {}\n",
                    rule.code,
                    rule.name,
                    rule.severity.as_str(),
                    rule.summary
                )
            })
            .collect(),
    };
    write_stdout(&output, false)?;
    Ok(ExitCode::SUCCESS)
}

fn write_stdout(text: &str, styled: bool) -> Result<(), String> {
    let result = if styled {
        let mut stdout = anstream::stdout().lock();
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
    } else {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
    };
    match result {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|error| format!("cannot write output: {error}")),
    }
}
