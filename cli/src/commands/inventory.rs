//! `kataster inventory`: the joined view of the catalog and its consumers, per namespace.

use std::path::PathBuf;
use std::process::ExitCode;

use kataster_core::render::inventory::{InventoryFormat, render};

use super::write_stdout;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files and directories to read, as `kataster check` reads them.
    pub paths: Vec<PathBuf>,
    /// table (default), markdown (for a merge request comment) or json.
    #[arg(long, default_value = "table", value_parser = ["table", "markdown", "json"])]
    pub format: String,
    /// A JSON export of a catalog (`GET /api/catalog/entities`).
    #[arg(long, value_name = "FILE")]
    pub known_entities: Option<PathBuf>,
    /// The folder nothing outside of which is read (as for `kataster check`).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The policy file (default: `kataster.yaml` or `.kataster.yaml` upwards from the first path).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Do not follow the targets of Location entities.
    #[arg(long)]
    pub no_follow_locations: bool,
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let format = InventoryFormat::parse(&args.format)
        .ok_or_else(|| format!("--format: unknown format `{}`", args.format))?;
    let check = super::check::Args {
        paths: args.paths.clone(),
        select: Vec::new(),
        ignore: Vec::new(),
        format: Vec::new(),
        fail_on: super::FailOn::Never,
        strict_refs: false,
        known_entities: args.known_entities.clone(),
        yaml_merge: false,
        no_follow_locations: args.no_follow_locations,
        root: args.root.clone(),
        exclude: None,
        extend_exclude: Vec::new(),
        force_exclude: false,
        show_infos: false,
        show_skipped: false,
        no_color: true,
        config: args.config.clone(),
        contributor: None,
        fix: false,
        unsafe_fixes: false,
        diff: false,
    };
    let setup = super::check::Setup::new(&check)?;
    let (checker, _) = setup.collect(&check, std::collections::HashMap::new());
    write_stdout(&render(&checker.inventory(), format), false)?;
    Ok(ExitCode::SUCCESS)
}
