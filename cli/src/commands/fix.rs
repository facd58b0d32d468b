//! `kataster check --fix`, `--unsafe-fixes` and `--diff`: apply the findings' fixes.
//!
//! The fixes are applied in memory, pass after pass: each pass checks the files (the fixed
//! texts instead of the disk), applies the fixes that do not overlap (`fix::apply`) and
//! stops when nothing changes, after ten passes at most. Then `--diff` prints what changed and
//! `--fix` writes it: only files inside the root, never through a symbolic link, and never a
//! file that changed on disk since it was read. A last check from the disk reports what is left.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kataster_core::diagnostic::fix::{self, Applicability, Fix};
use kataster_core::render::human::Fixing;

use super::check::{Args, Checked, Setup, finish};
use super::write_stdout;
use crate::collect::canonical;
use crate::root::{Root, lexical};
use crate::{diff, render};

/// How many times the files are checked and fixed at most.
const MAX_PASSES: usize = 10;

/// A file the fixes changed.
#[derive(Debug)]
struct FixedFile {
    /// Where it was read.
    path: PathBuf,
    /// As the reports name it.
    shown: String,
    /// As it was read.
    original: String,
    /// With the fixes.
    text: String,
    /// How many fixes were applied to it.
    fixes: usize,
}

pub(super) fn run(
    args: &Args,
    setup: &Setup,
    outputs: &[render::Output],
) -> Result<ExitCode, String> {
    let (files, last) = fix_in_memory(args, setup);
    if args.diff {
        let diff: String = files
            .iter()
            .map(|file| diff::unified(&file.shown, &file.original, &file.text))
            .collect();
        write_stdout(&diff, false)?;
        let count: usize = files.iter().map(|file| file.fixes).sum();
        let unsafe_left = unsafe_fixes_left(&last, args);
        let more = if unsafe_left > 0 {
            format!(" ({unsafe_left} more with --unsafe-fixes)")
        } else {
            String::new()
        };
        eprintln!(
            "would fix {count} in {} file{}{more}",
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        );
        return Ok(if last.report.has_failures() {
            ExitCode::from(2)
        } else if diff.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let mut fixed = 0;
    for file in &files {
        match write_fixed(&file.path, &file.original, &file.text, &setup.root) {
            Ok(()) => fixed += file.fixes,
            Err(why) => eprintln!("kataster: {} not fixed: {why}", file.shown),
        }
    }
    let checked = setup.check(args, HashMap::new());
    let fixing = Fixing {
        fixed: Some(fixed),
        unsafe_fixes: args.unsafe_fixes,
    };
    let code = finish(args, outputs, &checked, fixing)?;
    std::mem::forget(checked);
    Ok(code)
}

/// The unsafe fixes a run without `--unsafe-fixes` left.
fn unsafe_fixes_left(checked: &Checked, args: &Args) -> usize {
    if args.unsafe_fixes {
        return 0;
    }
    checked
        .report
        .diagnostics
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|fix| fix.applicability == Applicability::Unsafe)
        })
        .count()
}

/// Check and fix in memory until nothing changes: the changed files and the last check.
fn fix_in_memory(args: &Args, setup: &Setup) -> (Vec<FixedFile>, Checked) {
    let mut overrides: HashMap<PathBuf, String> = HashMap::new();
    let mut files: BTreeMap<PathBuf, FixedFile> = BTreeMap::new();
    let mut refused: BTreeMap<String, String> = BTreeMap::new();
    let mut pass = 0;
    loop {
        let checked = setup.check(args, overrides.clone());
        pass += 1;
        if pass > MAX_PASSES {
            break finish_passes(files, refused, checked);
        }
        let paths: HashMap<usize, &PathBuf> = checked
            .paths
            .iter()
            .map(|(index, path)| (*index, path))
            .collect();
        let mut by_file: BTreeMap<usize, Vec<&Fix>> = BTreeMap::new();
        for diagnostic in &checked.report.diagnostics {
            if let Some(fix) = &diagnostic.fix
                && (fix.applicability == Applicability::Safe || args.unsafe_fixes)
            {
                by_file.entry(diagnostic.file).or_default().push(fix);
            }
        }
        let mut changed = false;
        for (index, fixes) in by_file {
            let Some(path) = paths.get(&index) else {
                continue;
            };
            let source = &checked.checker.files()[index].source;
            let key = canonical(path);
            if !files.contains_key(&key) {
                if let Err(why) = writable(path, &setup.root) {
                    refused.insert(source.path.clone(), why);
                    continue;
                }
            }
            let applied = fix::apply(&source.text, &fixes);
            if applied.text == source.text {
                continue;
            }
            let file = files.entry(key.clone()).or_insert_with(|| FixedFile {
                path: (*path).clone(),
                shown: source.path.clone(),
                original: source.text.clone(),
                text: String::new(),
                fixes: 0,
            });
            file.text.clone_from(&applied.text);
            file.fixes += applied.applied;
            overrides.insert(key, applied.text);
            changed = true;
        }
        if !changed {
            break finish_passes(files, refused, checked);
        }
    }
}

fn finish_passes(
    files: BTreeMap<PathBuf, FixedFile>,
    refused: BTreeMap<String, String>,
    checked: Checked,
) -> (Vec<FixedFile>, Checked) {
    for (shown, why) in refused {
        eprintln!("kataster: {shown} not fixed: {why}");
    }
    let files = files
        .into_values()
        .filter(|file| file.text != file.original)
        .collect();
    (files, checked)
}

/// Whether kataster may write `path`: a regular file inside the root, reached without a
/// symbolic link from the root down.
fn writable(path: &Path, root: &Root) -> Result<(), String> {
    let absolute = std::path::absolute(path)
        .map(|absolute| lexical(&absolute))
        .map_err(|error| format!("cannot resolve it: {error}"))?;
    let metadata = std::fs::symlink_metadata(&absolute)
        .map_err(|error| format!("cannot read it again: {error}"))?;
    if !metadata.file_type().is_file() && !metadata.file_type().is_symlink() {
        return Err("it is not a regular file".to_owned());
    }
    let mut at = absolute.as_path();
    loop {
        let metadata = std::fs::symlink_metadata(at)
            .map_err(|error| format!("cannot read it again: {error}"))?;
        if metadata.file_type().is_symlink() {
            return Err(format!(
                "{} is a symbolic link (kataster never writes through one)",
                at.display()
            ));
        }
        if at != absolute && canonical(at) == root.dir() {
            return Ok(());
        }
        at = at
            .parent()
            .ok_or_else(|| "it is outside the root of the run: not written".to_owned())?;
    }
}

/// Write the fixed text, unless the file changed on disk since it was read as `original`
/// (someone saved it meanwhile: their change wins) or may not be written.
fn write_fixed(path: &Path, original: &str, text: &str, root: &Root) -> Result<(), String> {
    writable(path, root)?;
    let now = std::fs::read(path).map_err(|error| format!("cannot read it again: {error}"))?;
    if now != original.as_bytes() {
        return Err("it changed on disk since it was read: not written".to_owned());
    }
    std::fs::write(path, text).map_err(|error| format!("cannot write it: {error}"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_file_that_changed_since_it_was_read_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let root = Root::at(dir.path());
        let path = dir.path().join("catalog-info.yaml");
        std::fs::write(&path, "tags: [PHP]\n").unwrap();
        // Someone saves the file after kataster read it.
        std::fs::write(&path, "tags: [PHP, Go]\n").unwrap();
        let error = write_fixed(&path, "tags: [PHP]\n", "tags: [php]\n", &root).unwrap_err();
        assert!(error.contains("changed on disk"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "tags: [PHP, Go]\n");
        write_fixed(&path, "tags: [PHP, Go]\n", "tags: [php, Go]\n", &root).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "tags: [php, Go]\n");
    }

    #[cfg(unix)]
    #[test]
    fn nothing_is_written_through_a_symbolic_link_or_outside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root_dir = dir.path().join("repo");
        std::fs::create_dir_all(root_dir.join("real")).unwrap();
        let root = Root::at(&root_dir);
        let real = root_dir.join("real/catalog-info.yaml");
        std::fs::write(&real, "a: B\n").unwrap();
        std::os::unix::fs::symlink(&real, root_dir.join("link.yaml")).unwrap();
        std::os::unix::fs::symlink(root_dir.join("real"), root_dir.join("folder")).unwrap();
        for path in [
            root_dir.join("link.yaml"),
            root_dir.join("folder/catalog-info.yaml"),
        ] {
            let error = write_fixed(&path, "a: B\n", "a: b\n", &root).unwrap_err();
            assert!(error.contains("symbolic link"), "{error}");
        }
        let outside = dir.path().join("outside.yaml");
        std::fs::write(&outside, "a: B\n").unwrap();
        assert!(write_fixed(&outside, "a: B\n", "a: b\n", &root).is_err());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "a: B\n");
        write_fixed(&real, "a: B\n", "a: b\n", &root).unwrap();
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "a: b\n");
    }
}
