//! IO002 `invalid-encoding`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "IO002",
    name: "invalid-encoding",
    family: Family::Io,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A file is not valid UTF-8",
    docs: r"## What it does
Reports a file that is not valid UTF-8, with the byte offset of the first invalid sequence.
A UTF-16 file (with its byte order mark) is recognised and named as such.

## Why is this bad?
Backstage reads catalog files as UTF-8; invalid bytes become replacement characters and names
silently change. Save the file as UTF-8.
",
};
