//! `kataster check`: validate catalog files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use kataster_core::report::JsonReport;
use kataster_core::yaml::ParseOptions;
use kataster_core::{CheckOptions, Checker, Selection};

use super::{exit_code, write_stdout};
use crate::collect::Collector;
use crate::{facts, known, render};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files and directories to check. Directories are walked respecting .gitignore.
    pub paths: Vec<PathBuf>,
    /// Only run rules whose code starts with one of these prefixes (e.g. CAT0,CAT101).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip rules whose code starts with one of these prefixes.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The checked files are the whole catalog: dangling references are errors.
    #[arg(long)]
    pub strict_refs: bool,
    /// A JSON export of a catalog (`GET /api/catalog/entities`) that references may resolve to.
    #[arg(long, value_name = "FILE")]
    pub known_entities: Option<PathBuf>,
    /// Expand YAML merge keys (`<<`), as Backstage's `enableYamlMerge`.
    #[arg(long)]
    pub yaml_merge: bool,
    /// Do not follow the targets of Location entities.
    #[arg(long)]
    pub no_follow_locations: bool,
    /// Never colour the output.
    #[arg(long)]
    pub no_color: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets.
    Human,
    /// The JSON report (schema version 1, see docs/json-output.md).
    Json,
    /// One line per diagnostic: `file:line:col: CODE message`.
    Concise,
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
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
            threads: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
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
    if args.no_follow_locations {
        collector.flush();
    } else {
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
