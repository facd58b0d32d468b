//! IO003 `binary-file`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "IO003",
    name: "binary-file",
    family: Family::Io,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.2.0",
    summary: "A file holds NUL bytes: it is not a text file",
    docs: r"## What it does
Reports a file that holds a NUL byte, with the offset of the first one. No YAML file has one
(YAML forbids it even inside quoted scalars), so the file is not parsed and none of its
content is shown in any output.

## Why is this bad?
What cannot be read as YAML cannot be checked. Binary files (and process files such as
`/proc/self/environ`, whose variables are separated by NUL bytes) may hold secrets: quoting
them in a CI job log would publish them.
",
};
