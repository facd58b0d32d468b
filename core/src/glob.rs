//! Path globs as the policy and the command line write them (`files`, `perFileIgnores`,
//! `--exclude`): a pattern with a `/` matches the relative path, one without matches any name.

use globset::{GlobBuilder, GlobMatcher};

/// One glob of the policy or the command line.
#[derive(Debug, Clone)]
pub struct PathPattern {
    text: String,
    matcher: GlobMatcher,
    /// With a `/`: matched against the whole relative path; without: against each name.
    anchored: bool,
}

impl PathPattern {
    /// Compile a pattern; the error names it.
    pub fn new(pattern: &str) -> Result<Self, String> {
        let trimmed = pattern.trim();
        let mut body = trimmed.replace('\\', "/");
        while let Some(rest) = body.strip_prefix("./") {
            body = rest.to_owned();
        }
        let body = body.trim_start_matches('/').trim_end_matches('/');
        if body.is_empty() {
            return Err(format!("invalid glob \"{pattern}\": it matches no path"));
        }
        let matcher = GlobBuilder::new(body)
            .literal_separator(true)
            .build()
            .map_err(|error| format!("invalid glob \"{pattern}\": {}", glob_error(&error)))?
            .compile_matcher();
        Ok(Self {
            text: pattern.to_owned(),
            anchored: body.contains('/'),
            matcher,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the pattern matches this path itself (not its ancestors). `relative`: the path
    /// relative to the policy's directory, `None` when it lies outside it (then only patterns
    /// without `/` can match, by name).
    pub(crate) fn matches(&self, relative: Option<&str>, name: &str) -> bool {
        if self.anchored {
            relative.is_some_and(|relative| self.matcher.is_match(relative))
        } else {
            self.matcher.is_match(name)
        }
    }

    /// Whether the pattern matches the path or one of its ancestors.
    pub(crate) fn matches_with_ancestors(&self, relative: Option<&str>, path: &str) -> bool {
        match relative {
            Some(relative) => prefixes(relative).any(|prefix| {
                self.matches(Some(prefix), prefix.rsplit('/').next().unwrap_or(prefix))
            }),
            None => !self.anchored && path.split('/').any(|name| self.matcher.is_match(name)),
        }
    }
}

/// globset's message without its repetition of the pattern.
fn glob_error(error: &globset::Error) -> String {
    error.kind().to_string()
}

/// `a`, `a/b`, `a/b/c` for `a/b/c`.
fn prefixes(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/')
        .map(move |(at, _)| &path[..at])
        .chain(std::iter::once(path))
}
