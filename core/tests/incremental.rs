//! `Checker::check_incremental` after `Checker::replace_file` gives exactly the report of a
//! fresh checker over the same texts (the same diagnostics in the same order, the same
//! counts): random sequences of edits over workspaces drawn from the conformance corpus and
//! the examples. An edit puts another file's text in a file's place (duplicates, keys that
//! appear and disappear), renames an entity or a reference, deletes a line, appends a document
//! or restores the original.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kataster_core::discover::{classify, is_yaml_path};
use kataster_core::{CheckOptions, Checker, Facts, FileKind, Report, SourceFile};

/// A file: its path, its text and its kind.
type File = (String, String, FileKind);

/// Some files exist, others not, always the same way.
struct SomeFiles;

impl Facts for SomeFiles {
    fn file_exists(&self, path: &str) -> Option<bool> {
        Some(path.len() % 2 == 0)
    }
}

/// xorshift64*: reproducible without a dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: usize) -> usize {
        usize::try_from(self.next() % bound as u64).unwrap()
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn yaml_files(path: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            yaml_files(&entry, files);
        } else if is_yaml_path(&entry.to_string_lossy())
            && entry
                .file_name()
                .is_some_and(|name| name != "kataster.yaml")
        {
            files.push(entry);
        }
    }
}

/// Every YAML file of the corpus and the examples but the policies: (path, text, kind).
fn pool() -> Vec<File> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut paths = Vec::new();
    yaml_files(&root.join("tests/corpus"), &mut paths);
    yaml_files(&root.join("examples"), &mut paths);
    paths
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let path = path.to_string_lossy().into_owned();
            let kind = classify(&path, &text, true).unwrap_or(FileKind::Catalog);
            Some((path, text, kind))
        })
        .collect()
}

/// The names and references in a text (the values after `name:`, `owner:` and the like).
fn names_in(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter_map(|line| {
        let (key, value) = line.trim().split_once(": ")?;
        let value = value.trim();
        (matches!(
            key,
            "name" | "owner" | "parent" | "system" | "domain" | "subcomponentOf" | "namespace"
        ) && !value.is_empty()
            && value.len() < 60
            && !value.contains(['{', '[', '"', '\'', '#']))
        .then_some(value)
    })
}

/// The names and references of the pool.
fn names(pool: &[File]) -> Vec<String> {
    let mut names: Vec<String> = pool
        .iter()
        .flat_map(|(_, text, _)| names_in(text))
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    names
}

fn options(strict: bool) -> CheckOptions {
    CheckOptions {
        strict_refs: strict,
        ..CheckOptions::default()
    }
}

fn fresh(files: &[File], strict: bool) -> Report {
    let mut checker = Checker::new(options(strict));
    checker.add_files(
        files
            .iter()
            .map(|(path, text, kind)| SourceFile::new(path.clone(), text.clone()).with_kind(*kind))
            .collect(),
    );
    checker.check(&SomeFiles)
}

/// A new text for the file at `at`.
fn edit(
    random: &mut Random,
    current: &[File],
    original: &[File],
    names: &[String],
    at: usize,
) -> String {
    let text = &current[at].1;
    match random.below(6) {
        0 => random.pick(current).1.clone(),
        1 | 2 => {
            let present: Vec<&str> = names_in(text).collect();
            if present.is_empty() {
                return random.pick(current).1.clone();
            }
            let from = *random.pick(&present);
            let to = random.pick(names);
            text.replacen(&format!(" {from}\n"), &format!(" {to}\n"), 1)
        }
        3 => {
            let lines: Vec<&str> = text.lines().collect();
            if lines.is_empty() {
                return String::new();
            }
            let gone = random.below(lines.len());
            let mut kept: Vec<&str> = lines[..gone].to_vec();
            kept.extend(&lines[gone + 1..]);
            kept.join("\n") + "\n"
        }
        4 => format!("{text}\n---\n{}", random.pick(current).1),
        _ => original[at].1.clone(),
    }
}

/// `steps` random edits over `size` files of the pool, each step one to three replacements and
/// then a check, compared with a fresh check of the same texts.
fn run(seed: u64, size: usize, steps: usize, strict: bool) {
    static POOL: OnceLock<(Vec<File>, Vec<String>)> = OnceLock::new();
    let (pool, names) = POOL.get_or_init(|| {
        let pool = pool();
        let names = names(&pool);
        (pool, names)
    });
    assert!(pool.len() > 100, "{}", pool.len());
    let mut random = Random(seed);
    let mut files: Vec<File> = if size >= pool.len() {
        pool.clone()
    } else {
        (0..size).map(|_| random.pick(pool).clone()).collect()
    };
    // Paths stay distinct even when a file is drawn twice.
    for (index, file) in files.iter_mut().enumerate() {
        file.0 = format!("{index}/{}", file.0);
    }
    let original = files.clone();
    let mut checker = Checker::new(options(strict));
    checker.add_files(
        files
            .iter()
            .map(|(path, text, kind)| SourceFile::new(path.clone(), text.clone()).with_kind(*kind))
            .collect(),
    );
    let first = checker.check_incremental(&SomeFiles);
    assert_eq!(first.diagnostics, fresh(&files, strict).diagnostics);
    let catalog: Vec<usize> = (0..files.len())
        .filter(|&index| files[index].2 == FileKind::Catalog)
        .collect();
    for step in 0..steps {
        let mut edited = Vec::new();
        for _ in 0..=random.below(3) {
            let at = *random.pick(&catalog);
            let text = edit(&mut random, &files, &original, names, at);
            files[at].1.clone_from(&text);
            let (path, _, kind) = &files[at];
            assert!(checker.replace_file(at, SourceFile::new(path.clone(), text).with_kind(*kind)));
            edited.push(at);
        }
        let incremental = checker.check_incremental(&SomeFiles);
        let expected = fresh(&files, strict);
        assert_eq!(
            incremental.diagnostics, expected.diagnostics,
            "seed {seed}, step {step}, edited {edited:?}"
        );
        assert_eq!(
            incremental.summary, expected.summary,
            "seed {seed}, step {step}"
        );
        // A full check in between changes nothing of what the next incremental one reuses.
        if random.below(4) == 0 {
            assert_eq!(checker.check(&SomeFiles).diagnostics, expected.diagnostics);
        }
    }
}

#[test]
fn small_workspaces_follow_random_edits() {
    for seed in 1..=12_u64 {
        run(
            seed.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            30,
            40,
            seed % 3 == 0,
        );
    }
}

#[test]
fn the_whole_corpus_follows_random_edits() {
    run(0xDEAD_BEEF, usize::MAX, 10, false);
    run(0x1234_5678, usize::MAX, 6, true);
}
