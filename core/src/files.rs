//! Which files are checked, and which rules are ignored in which files: the policy's `files`
//! and `perFileIgnores` globs, matched against paths relative to the policy file's directory.
//!
//! Pure: paths are strings as the frontend names them (`/` or `\` separated); a relative
//! path is made absolute with the current directory the frontend passes, when one side of a
//! comparison is absolute and the other is not. Every frontend that walks directories asks
//! [`FileFilter`], so that they skip the same files.

pub use crate::glob::PathPattern;
use crate::policy::FilesPolicy;

/// The directories and files `files.exclude` leaves out unless it is set.
pub const DEFAULT_EXCLUDE: [&str; 4] = ["node_modules", "vendor", "dist", "target"];

/// Where relative paths start from: the policy file's directory and the current directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Base {
    /// The policy file's directory as the frontend names it (`""`: the current directory).
    pub dir: String,
    /// The current directory, absolute, for paths that are absolute on one side only.
    pub cwd: Option<String>,
}

impl Base {
    /// The directory of a policy file named `policy_path` (`""` for a bare name).
    pub fn of_policy(policy_path: &str, cwd: Option<String>) -> Self {
        let path = normalize(policy_path);
        let dir = match path.rfind('/') {
            Some(0) => "/".to_owned(),
            Some(at) => path[..at].to_owned(),
            None => String::new(),
        };
        Self { dir, cwd }
    }

    /// A path relative to the base directory (`""`: the directory itself), `None` when it
    /// lies outside it or cannot be compared.
    pub fn relative(&self, path: &str) -> Option<String> {
        let path = normalize(path);
        let dir = normalize(&self.dir);
        let absolute = |text: String| -> Option<String> {
            if text.starts_with('/') {
                Some(text)
            } else {
                let cwd = normalize(self.cwd.as_deref()?);
                Some(normalize(&format!("{cwd}/{text}")))
            }
        };
        let (path, dir) = if path.starts_with('/') == dir.starts_with('/') {
            (path, dir)
        } else {
            (absolute(path)?, absolute(dir)?)
        };
        if dir.is_empty() {
            return (!path.starts_with("..")).then_some(path);
        }
        if path == dir {
            return Some(String::new());
        }
        let rest = path.strip_prefix(&dir)?;
        if dir == "/" {
            return Some(rest.to_owned());
        }
        rest.strip_prefix('/').map(str::to_owned)
    }
}

/// `\` as `/`, `.` and `..` folded lexically, no trailing `/`.
pub fn normalize(path: &str) -> String {
    let path = path.replace('\\', "/");
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|last| *last != "..") => {
                parts.pop();
            }
            ".." if absolute => {}
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// The last name of a path.
fn name_of(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Compile patterns, collecting the messages of the invalid ones.
fn compile(patterns: &[String], errors: &mut Vec<String>) -> Vec<PathPattern> {
    patterns
        .iter()
        .filter_map(|pattern| {
            PathPattern::new(pattern)
                .map_err(|error| errors.push(error))
                .ok()
        })
        .collect()
}

/// Exclusions from the command line, which win over the policy's (as ruff's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExcludeArgs {
    /// `--exclude`: replaces the policy's `files.exclude` (and the defaults).
    pub exclude: Option<Vec<String>>,
    /// `--extend-exclude`: added to every other exclusion.
    pub extend_exclude: Vec<String>,
}

/// The files a walk skips: `files.exclude` (or the defaults, or `--exclude`), plus
/// `files.extendExclude` and `--extend-exclude`; and `files.include`.
#[derive(Debug, Clone, Default)]
pub struct FileFilter {
    base: Base,
    exclude: Vec<PathPattern>,
    include: Vec<PathPattern>,
}

impl FileFilter {
    /// The filter of a policy and the command line. Invalid globs are left out; their
    /// messages are returned beside the filter (the policy's are also `POL002` findings).
    pub fn new(files: &FilesPolicy, args: &ExcludeArgs, base: Base) -> (Self, Vec<String>) {
        let mut errors = Vec::new();
        let defaults: Vec<String> = DEFAULT_EXCLUDE.iter().map(|&p| p.to_owned()).collect();
        let mut exclude = match (&args.exclude, &files.exclude) {
            (Some(cli), _) => compile(cli, &mut errors),
            (None, Some(policy)) => compile(policy, &mut Vec::new()),
            (None, None) => compile(&defaults, &mut Vec::new()),
        };
        exclude.extend(compile(&files.extend_exclude, &mut Vec::new()));
        exclude.extend(compile(&args.extend_exclude, &mut errors));
        let include = compile(&files.include, &mut Vec::new());
        (
            Self {
                base,
                exclude,
                include,
            },
            errors,
        )
    }

    /// Whether a walk skips this entry (a file, or a directory it does not enter). Only the
    /// entry itself is matched: the walk does not reach the entries of a skipped directory.
    pub fn skips_walked(&self, path: &str, is_dir: bool) -> bool {
        let path = normalize(path);
        let relative = self.base.relative(&path);
        let name = name_of(&path);
        if self
            .exclude
            .iter()
            .any(|pattern| pattern.matches(relative.as_deref(), name))
        {
            return true;
        }
        !is_dir
            && !self.include.is_empty()
            && !self
                .include
                .iter()
                .any(|pattern| pattern.matches(relative.as_deref(), name))
    }

    /// Whether a path named on the command line is excluded with `--force-exclude`: it or
    /// one of its directories (below the policy's directory) matches an exclusion.
    pub fn excludes_named(&self, path: &str) -> bool {
        let path = normalize(path);
        let relative = self.base.relative(&path);
        self.exclude
            .iter()
            .any(|pattern| pattern.matches_with_ancestors(relative.as_deref(), &path))
    }
}

/// The policy's `perFileIgnores`, compiled: which codes are ignored in which files.
#[derive(Debug, Clone, Default)]
pub struct PerFileIgnores {
    base: Base,
    entries: Vec<(PathPattern, Vec<String>)>,
}

impl PerFileIgnores {
    pub fn new(entries: &std::collections::BTreeMap<String, Vec<String>>, base: Base) -> Self {
        let entries = entries
            .iter()
            .filter_map(|(glob, codes)| {
                let pattern = PathPattern::new(glob).ok()?;
                let codes = codes
                    .iter()
                    .map(|code| code.trim().to_uppercase())
                    .collect();
                Some((pattern, codes))
            })
            .collect();
        Self { base, entries }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether a code is ignored in a file (the file or one of its directories matches).
    pub fn ignores(&self, path: &str, code: &str) -> bool {
        if self.entries.is_empty() {
            return false;
        }
        let path = normalize(path);
        let relative = self.base.relative(&path);
        self.entries.iter().any(|(pattern, codes)| {
            codes.iter().any(|prefix| code.starts_with(prefix.as_str()))
                && pattern.matches_with_ancestors(relative.as_deref(), &path)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(dir: &str) -> Base {
        Base {
            dir: dir.to_owned(),
            cwd: Some("/work/repo".to_owned()),
        }
    }

    #[test]
    fn paths_are_relative_to_the_base() {
        assert_eq!(base("").relative("./a/b.yaml").as_deref(), Some("a/b.yaml"));
        assert_eq!(
            base("sub").relative("sub/a.yaml").as_deref(),
            Some("a.yaml")
        );
        assert_eq!(base("sub").relative("subway/a.yaml"), None);
        assert_eq!(base("sub").relative("other/a.yaml"), None);
        assert_eq!(base("").relative("../x.yaml"), None);
        assert_eq!(
            base("/work/repo").relative("apps/a.yaml").as_deref(),
            Some("apps/a.yaml")
        );
        assert_eq!(
            base("/work").relative("apps/a.yaml").as_deref(),
            Some("repo/apps/a.yaml")
        );
        assert_eq!(
            Base::of_policy("examples/acme/kataster.yaml", None).dir,
            "examples/acme"
        );
        assert_eq!(Base::of_policy("kataster.yaml", None).dir, "");
        assert_eq!(normalize("./a/../b//c/"), "b/c");
        assert_eq!(normalize("/a/../../b"), "/b");
    }

    #[test]
    fn names_and_anchored_paths() {
        let files = FilesPolicy {
            exclude: None,
            extend_exclude: vec!["apps/legacy/**".into(), "*.generated.yaml".into()],
            include: Vec::new(),
        };
        let (filter, errors) = FileFilter::new(&files, &ExcludeArgs::default(), base(""));
        assert!(errors.is_empty());
        assert!(filter.skips_walked("web/node_modules", true));
        assert!(filter.skips_walked("./dist", true));
        assert!(filter.skips_walked("apps/legacy/a.yaml", false));
        assert!(!filter.skips_walked("other/apps/legacy/a.yaml", false));
        assert!(filter.skips_walked("x/y.generated.yaml", false));
        assert!(!filter.skips_walked("x/catalog-info.yaml", false));
        // A named file is excluded (with --force-exclude) by its directories too.
        assert!(filter.excludes_named("web/node_modules/pkg/catalog-info.yaml"));
        assert!(filter.excludes_named("apps/legacy/sub/a.yaml"));
        assert!(!filter.excludes_named("apps/current/a.yaml"));
    }

    #[test]
    fn exclude_replaces_the_defaults_and_the_command_line_wins() {
        let files = FilesPolicy {
            exclude: Some(vec!["generated".into()]),
            ..FilesPolicy::default()
        };
        let (policy, _) = FileFilter::new(&files, &ExcludeArgs::default(), base(""));
        assert!(!policy.skips_walked("node_modules", true));
        assert!(policy.skips_walked("generated", true));
        let args = ExcludeArgs {
            exclude: Some(vec!["other".into()]),
            extend_exclude: vec!["more/*.yaml".into(), "[".into()],
        };
        let (cli, errors) = FileFilter::new(&files, &args, base(""));
        assert!(!cli.skips_walked("generated", true));
        assert!(cli.skips_walked("a/other", true));
        assert!(cli.skips_walked("more/x.yaml", false));
        assert!(!cli.skips_walked("more/deeper/x.yaml", false));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("\"[\""), "{errors:?}");
    }

    #[test]
    fn include_restricts_walked_files_only() {
        let files = FilesPolicy {
            include: vec!["catalog/**".into(), "catalog-info.yaml".into()],
            ..FilesPolicy::default()
        };
        let (filter, _) = FileFilter::new(&files, &ExcludeArgs::default(), base(""));
        assert!(!filter.skips_walked("catalog/a/b.yaml", false));
        assert!(!filter.skips_walked("x/catalog-info.yaml", false));
        assert!(filter.skips_walked("x/deploy.yaml", false));
        assert!(!filter.skips_walked("x", true));
    }

    #[test]
    fn per_file_ignores_match_files_and_their_directories() {
        let entries = std::collections::BTreeMap::from([
            ("legacy".to_owned(), vec!["ns".to_owned()]),
            ("apps/*.yaml".to_owned(), vec!["CAT1".to_owned()]),
        ]);
        let ignores = PerFileIgnores::new(&entries, base(""));
        assert!(ignores.ignores("legacy/a/b.yaml", "NS005"));
        assert!(!ignores.ignores("legacy/a/b.yaml", "CAT101"));
        assert!(ignores.ignores("apps/a.yaml", "CAT101"));
        assert!(!ignores.ignores("apps/x/a.yaml", "CAT101"));
    }
}
