//! `kataster check`: validate catalog files.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use kataster_core::files::ExcludeArgs;
use kataster_core::render::human::Fixing;
use kataster_core::report::JsonReport;
use kataster_core::yaml::ParseOptions;
use kataster_core::{CheckOptions, Checker, Selection, Severity};

use super::{FailOn, exit_code, write_stdout};
use crate::collect::Collector;
use crate::root::Root;
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
    /// Output format, optionally written to a file: `FORMAT[=PATH]`, repeatable. Formats:
    /// human (default), json, concise, gitlab, junit, sarif, github, azure, checkstyle. At most
    /// one goes to standard output; when none does, human output is printed there.
    #[arg(long, value_name = "FORMAT[=PATH]")]
    pub format: Vec<render::Output>,
    /// What makes the exit code 1: error findings (default), warnings too, or nothing.
    /// Exit code 2 (something could not be checked) is not affected.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// The checked files are the whole catalog: dangling references and duplicate entities are errors.
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
    /// The folder nothing outside of which is read (default: the git work tree of the checked
    /// paths, else their common folder). Paths, Location targets, placeholders, symbolic links
    /// and policy schemas that lead outside it are reported and never opened.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Files and directories a walk leaves out, replacing the policy's `files.exclude` and the
    /// defaults (`node_modules`, `vendor`, `dist`, `target`): globs as in kataster.yaml.
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    pub exclude: Option<Vec<String>>,
    /// Files and directories a walk leaves out, on top of the other exclusions.
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    pub extend_exclude: Vec<String>,
    /// Leave out excluded files even when they are named on the command line (for
    /// pre-commit and lint-staged, which name every changed file).
    #[arg(long)]
    pub force_exclude: bool,
    /// Print info findings in the human output (they are always counted, and always in
    /// the other formats).
    #[arg(long)]
    pub show_infos: bool,
    /// List the files read but not checked (templates, named files that are not catalog
    /// files) and why, on standard error.
    #[arg(long)]
    pub show_skipped: bool,
    /// Apply the safe fixes to the files in place, then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff: apply the unsafe fixes too (they change meaning or identity:
    /// look at them). Alone: count them as fixable with --fix.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes --fix would apply as a unified diff instead of the report, and change
    /// nothing (exit code 1 when there is a diff, 0 when not, 2 when something could not be
    /// checked).
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Never colour the output.
    #[arg(long)]
    pub no_color: bool,
    /// The policy file (default: `kataster.yaml` or `.kataster.yaml` upwards from the first path).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The contributor of every checked file (default: the policy's `contributor`, or the
    /// contributor whose `paths` match the file).
    #[arg(long, value_name = "NAME")]
    pub contributor: Option<String>,
}

pub use crate::render::Format;

/// `--exclude` and `--extend-exclude`, each glob checked (an invalid one is a usage error).
fn exclude_args(args: &Args) -> Result<ExcludeArgs, String> {
    for glob in args.exclude.iter().flatten().chain(&args.extend_exclude) {
        kataster_core::files::PathPattern::new(glob)?;
    }
    Ok(ExcludeArgs {
        exclude: args.exclude.clone(),
        extend_exclude: args.extend_exclude.clone(),
    })
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let outputs = outputs(&args.format)?;
    let setup = Setup::new(args)?;
    if args.fix || args.diff {
        return super::fix::run(args, &setup, &outputs);
    }
    let checked = setup.check(args, HashMap::new());
    let fixing = Fixing {
        fixed: None,
        unsafe_fixes: args.unsafe_fixes,
    };
    let code = finish(args, &outputs, &checked, fixing)?;
    std::mem::forget(checked);
    Ok(code)
}

/// What every check of one run shares: the paths, the root, the policy and the options.
pub(super) struct Setup {
    paths: Vec<PathBuf>,
    pub(super) root: Root,
    policy: Option<crate::policy::PolicyFile>,
    options: CheckOptions,
}

/// One check: the checker with its files, the report, and each checked file's path.
pub(super) struct Checked {
    pub(super) checker: Checker,
    pub(super) report: kataster_core::Report,
    /// A file's index in the checker and the path it was read from.
    pub(super) paths: Vec<(usize, PathBuf)>,
    /// The root's folder: SARIF's `%SRCROOT%`.
    pub(super) root_dir: PathBuf,
}

impl Setup {
    pub(super) fn new(args: &Args) -> Result<Self, String> {
        let known_entities = match &args.known_entities {
            Some(path) => known::read(path)?,
            None => Vec::new(),
        };
        let paths = if args.paths.is_empty() {
            vec![".".into()]
        } else {
            args.paths.clone()
        };
        let root = Root::for_paths(&paths, args.root.as_deref())?;
        let mut policy = crate::policy::find(args.config.as_deref(), &paths[0], Some(&root))?;
        let schemas = policy
            .as_mut()
            .map(|policy| crate::policy::compile_schemas(policy, &root))
            .unwrap_or_default();
        let exclude = exclude_args(args)?;
        let options = CheckOptions {
            cwd: std::env::current_dir()
                .ok()
                .map(|dir| dir.to_string_lossy().into_owned()),
            exclude,
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
            policy: policy
                .as_ref()
                .map(|policy| policy.loaded.policy.clone())
                .unwrap_or_default(),
            schemas,
            ..CheckOptions::default()
        };
        Ok(Self {
            paths,
            root,
            policy,
            options,
        })
    }

    /// Check the files, reading `overrides` (by canonical path) instead of the disk.
    pub(super) fn check(&self, args: &Args, overrides: HashMap<PathBuf, String>) -> Checked {
        let (checker, paths) = self.collect(args, overrides);
        let report = checker.check(&facts::FileSystem {
            root: self.root.clone(),
        });
        Checked {
            checker,
            report,
            paths,
            root_dir: self.root.dir().to_path_buf(),
        }
    }

    /// The checker with the policy and the files, before any rule runs, and each file's
    /// index and the path it was read from.
    pub(super) fn collect(
        &self,
        args: &Args,
        overrides: HashMap<PathBuf, String>,
    ) -> (Checker, Vec<(usize, PathBuf)>) {
        let mut checker = Checker::new(self.options.clone());
        let policy = &self.policy;
        if let Some(policy) = policy {
            let shown = policy.path.to_string_lossy().replace('\\', "/");
            checker.add_policy(shown, policy.text.clone(), policy.loaded.clone());
        }
        let contributor_of = |path: &std::path::Path| {
            args.contributor.clone().or_else(|| {
                policy
                    .as_ref()
                    .and_then(|policy| crate::policy::contributor_by_path(policy, path))
            })
        };
        let paths = {
            let mut collector = Collector::new(&mut checker, self.root.clone())
                .with_contributors(contributor_of)
                .with_overrides(overrides)
                .force_exclude(args.force_exclude);
            for path in &self.paths {
                collector.add_path(path);
            }
            if args.no_follow_locations {
                collector.flush();
            } else {
                collector.follow_locations();
            }
            collector.read_paths().to_vec()
        };
        (checker, paths)
    }
}

/// Write the outputs and the notes of a check; its exit code.
pub(super) fn finish(
    args: &Args,
    outputs: &[render::Output],
    checked: &Checked,
    fixing: Fixing,
) -> Result<ExitCode, String> {
    let (checker, report) = (&checked.checker, &checked.report);
    let json = JsonReport::new(report, checker.files());
    let input = render::Input {
        report,
        files: checker.files(),
        json: &json,
    };
    write_outputs(outputs, input, args, fixing, &checked.root_dir)?;
    let human_on_stdout = outputs
        .iter()
        .any(|output| output.path.is_none() && output.format == Format::Human);
    if fixing.fixed.is_some() && !human_on_stdout {
        eprint!("{}", render::human::fix_line(report, fixing));
    }
    eprint!(
        "{}",
        render::human::notes(report, checker.files(), args.show_skipped)
    );
    let code = exit_code(report, args.fail_on);
    // The process ends here: freeing every file, tree and diagnostic one by one would only
    // cost time (about 5% of a large check).
    std::mem::forget(json);
    Ok(code)
}

/// The requested outputs; human output on standard output when none goes there.
pub(super) fn outputs(requested: &[render::Output]) -> Result<Vec<render::Output>, String> {
    let mut outputs = requested.to_vec();
    let to_stdout: Vec<&str> = outputs
        .iter()
        .filter(|output| output.path.is_none())
        .map(|output| output.format.name())
        .collect();
    if to_stdout.len() > 1 {
        return Err(format!(
            "--format: at most one format can go to standard output, got {}; write the others to files with FORMAT=PATH",
            to_stdout.join(", ")
        ));
    }
    for (i, output) in outputs.iter().enumerate() {
        if let Some(path) = &output.path
            && outputs[..i]
                .iter()
                .any(|other| other.path.as_ref() == Some(path))
        {
            return Err(format!(
                "--format: {} is named twice as an output file",
                path.display()
            ));
        }
    }
    if to_stdout.is_empty() {
        outputs.insert(
            0,
            render::Output {
                format: Format::Human,
                path: None,
            },
        );
    }
    Ok(outputs)
}

/// Render each output and write it to its file or to standard output. The environment is
/// read here, not in the renderers: `CI_PROJECT_DIR` makes CI paths relative to it.
fn write_outputs(
    outputs: &[render::Output],
    input: render::Input<'_>,
    args: &Args,
    fixing: Fixing,
    root: &std::path::Path,
) -> Result<(), String> {
    let current_dir = std::env::current_dir().ok();
    let project_dir = std::env::var_os("CI_PROJECT_DIR")
        .filter(|dir| !dir.is_empty())
        .map(|dir| {
            let dir = PathBuf::from(dir);
            let absolute = match &current_dir {
                Some(current) if dir.is_relative() => current.join(&dir),
                _ => dir,
            };
            std::fs::canonicalize(&absolute).unwrap_or(absolute)
        });
    let fail_from = match args.fail_on {
        FailOn::Warning => Severity::Warning,
        FailOn::Error | FailOn::Never => Severity::Error,
    };
    for output in outputs {
        let styled = output.path.is_none() && output.format == Format::Human && !args.no_color;
        let context = render::Context {
            color: styled,
            project_dir: project_dir.clone(),
            current_dir: current_dir.clone(),
            root: Some(root.to_path_buf()),
            fail_from,
            show_infos: args.show_infos,
            show_skipped: args.show_skipped,
        };
        let text = if output.format == Format::Human {
            let options = render::human::HumanOptions {
                color: context.color,
                show_infos: context.show_infos,
                show_skipped: context.show_skipped,
            };
            render::human::render_fixing(input.report, input.files, options, fixing)
        } else {
            render::render(output.format, input, &context)
        };
        match &output.path {
            None => write_stdout(&text, styled)?,
            Some(path) => write_file(path, &text)?,
        }
    }
    Ok(())
}

/// Write an output file, creating its folder.
pub(super) fn write_file(path: &std::path::Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
}
