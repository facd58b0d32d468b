//! IO004 `outside-root`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "IO004",
    name: "outside-root",
    family: Family::Io,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.2.0",
    summary: "A path leads outside the root of the run: it is not read",
    docs: r"## What it does
Reports a path that would have been read but leads outside the root of the run (the git work
tree of the checked paths, or `--root DIR`): a symbolic link to a file or folder outside it,
found while walking or named on the command line, or a named path outside `--root`. Nothing
behind such a path is opened, and its target's content is never shown.

## Why is this bad?
kataster runs on merge requests, that is on files written by anyone who can open one. A
committed symbolic link such as `catalog-info.yaml -> /proc/self/environ` would otherwise
make the job read the runner's environment and print it in the log. Link targets outside the
repository are not part of what reviewers see either; name the files inside it instead, or
widen the root with `--root` when the files outside are trusted.
",
};
