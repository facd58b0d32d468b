//! Argo CD's `git.NormalizeGitURL`: how it compares an Application's `repoURL` with its
//! project's `sourceRepos` (both sides are normalised).

/// Lowercase, trimmed, `git@host:path` as `host/path` with the user, without `.git` and
/// without `ssh://`.
pub fn normalize_git_url(repo: &str) -> String {
    let mut repo = repo.trim().to_lowercase();
    if is_ssh_url(&repo) && !repo.starts_with("ssh://") {
        // `git@server:org/repo`: the first colon separates the path, not a port.
        repo = format!("ssh://{}", repo.replacen(':', "/", 1));
    }
    // Lowercased above: the suffix is compared as Argo CD does, after that.
    if let Some(kept) = repo.strip_suffix(".git").map(str::len) {
        repo.truncate(kept);
    }
    repo.strip_prefix("ssh://")
        .map(str::to_owned)
        .unwrap_or(repo)
}

/// `^(ssh://)?([^/:]*?)@[^@]+$`: a user before the host, one `@`.
fn is_ssh_url(url: &str) -> bool {
    let rest = url.strip_prefix("ssh://").unwrap_or(url);
    let Some((user, host_and_path)) = rest.split_once('@') else {
        return false;
    };
    !user.contains(['/', ':']) && !host_and_path.is_empty() && !host_and_path.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_one_repository_are_equal() {
        for url in [
            "https://GitHub.com/Acme/Apps.git",
            "https://github.com/acme/apps",
            " https://github.com/acme/apps.git ",
        ] {
            assert_eq!(
                normalize_git_url(url),
                "https://github.com/acme/apps",
                "{url}"
            );
        }
        assert_eq!(
            normalize_git_url("git@github.com:acme/apps.git"),
            "git@github.com/acme/apps"
        );
        assert_eq!(
            normalize_git_url("ssh://git@github.com/acme/apps.git"),
            "git@github.com/acme/apps"
        );
        assert_eq!(normalize_git_url("*"), "*");
    }
}
