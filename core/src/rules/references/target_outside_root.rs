//! CAT109 `target-outside-root`.

use crate::diagnostic::Severity;
use crate::rules::{Emitter, Family, RuleMeta, Status};
use crate::yaml::Node;

use super::Catalog;
use super::placeholder_target_missing::join;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT109",
    name: "target-outside-root",
    family: Family::References,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.2.0",
    summary: "A Location target or a placeholder names a file outside the checked repository",
    docs: r"## What it does
Reports a Location `target`/`targets` entry or a `$text`/`$json`/`$yaml`/`$openapi`/`$asyncapi`
placeholder whose path leads outside the root of the run (the git work tree of the checked
paths, or `--root`): through `..` or a symbolic link. (Absolute paths and URLs are resolved
by Backstage against the location's URL and are not files kataster reads.) The file is never
opened: kataster checks what the repository holds and nothing else.

## Why is this bad?
A merge request can name any file the CI job can read (`../../../../proc/self/environ`,
`/etc/passwd`, a credentials file) and have a tool print it in the job log. A catalog whose
targets leave the repository also depends on files its reviewers never see. The default is an
error: such a target is either an attack or a catalog that cannot be checked from its
repository alone.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: {name: acme}
spec:
  targets: [../../../../../../../../etc/passwd]
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: {name: acme}
spec:
  targets: []
```
",
};

/// The path of a relative target: joined to the directory of `base`, `.` and `..` folded.
/// `None` for a URL and for an absolute path: Backstage resolves those against the location's
/// URL (from the root of its repository), so they are never files of this machine to read.
pub(crate) fn resolve(base: &str, target: &str) -> Option<String> {
    (!has_scheme(target) && !target.starts_with('/')).then(|| join(base, target))
}

/// A glob target split into the folder it starts from (no glob character in it) and the
/// pattern below that folder: `../shared/*.yaml` -> (`../shared`, `*.yaml`).
pub fn glob_start(target: &str) -> (&str, &str) {
    let target = target.trim_start_matches("./");
    let first_glob = target.find(['*', '?', '[', '{']).unwrap_or(target.len());
    match target[..first_glob].rfind('/') {
        Some(slash) => (&target[..slash], &target[slash + 1..]),
        None => ("", target),
    }
}

/// `scheme:` before any `/` (`https://...`, `url:...`), not a Windows drive letter.
fn has_scheme(target: &str) -> bool {
    target.split_once(':').is_some_and(|(scheme, _)| {
        scheme.len() > 1
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// Report `target` when its path leads outside the root; `true` when it does (then it is
/// neither read nor checked further).
pub(crate) fn report_if_outside(
    catalog: &Catalog<'_>,
    out: &mut Emitter<'_>,
    at: (&crate::catalog::Entity<'_>, &Node, &str),
    what: &str,
    target: &str,
    path: &str,
) -> bool {
    if !catalog.facts.is_outside_root(path) {
        return false;
    }
    let (entity, node, pointer) = at;
    Catalog::report(
        out,
        &RULE,
        entity,
        node,
        pointer,
        format!("{what} \"{target}\" is outside the repository: not read"),
        Some(
            "targets are files of the checked repository, relative to the file that names them"
                .to_owned(),
        ),
    );
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_and_absolute_targets() {
        assert_eq!(resolve("a/b.yaml", "../c.yaml").as_deref(), Some("c.yaml"));
        assert_eq!(
            resolve("a/b.yaml", "../../../etc/passwd").as_deref(),
            Some("../../etc/passwd")
        );
        assert_eq!(resolve("a/b.yaml", "/etc/passwd"), None);
        assert_eq!(resolve("a/b.yaml", "https://example.com/x.yaml"), None);
        assert_eq!(resolve("a/b.yaml", "url:x"), None);
        assert_eq!(glob_start("../shared/*.yaml"), ("../shared", "*.yaml"));
        assert_eq!(glob_start("./*.yaml"), ("", "*.yaml"));
        assert_eq!(glob_start("a/b/**/c-*.yaml"), ("a/b", "**/c-*.yaml"));
    }
}
