//! IO001 `unreadable-file`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "IO001",
    name: "unreadable-file",
    family: Family::Io,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A file or directory could not be read",
    docs: r"## What it does
Reports a path that could not be read: it does not exist, permissions deny it, or it is a
broken link or a link loop.

## Why is this bad?
What cannot be read cannot be checked. kataster exits with code 2 so that a pipeline does not
mistake an unchecked catalog for a valid one.
",
};
