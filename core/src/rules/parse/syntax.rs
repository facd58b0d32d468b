//! YAML001 `syntax-error`.

use crate::diagnostic::Severity;
use crate::rules::{Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "YAML001",
    name: "syntax-error",
    family: Family::Parse,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "A document is not valid YAML",
    docs: r#"## What it does
Reports a YAML syntax error at the position the parser stopped. Other documents of the same
file (separated by `---`) are still checked. Catalog files are read as Backstage reads them
(YAML 1.2); manifests as Kubernetes does: there a quoted scalar's continuation lines may be
indented less than its key, as go-yaml accepts.

## Why is this bad?
Backstage rejects the whole document ("YAML error at ...") and ingests nothing from it.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy
spec: {type: website, lifecycle: production, owner: team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: team-a}
```
"#,
};
