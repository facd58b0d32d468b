//! ARGO009 `malformed-argo-cd-resource`.

use crate::catalog::Entity;
use crate::catalog::file::manifest_documents;
use crate::consumers::argocd::{Glob, is_argo};
use crate::diagnostic::Severity;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};
use crate::yaml::{Node, Value};

pub static RULE: RuleMeta = RuleMeta {
    code: "ARGO009",
    name: "malformed-argo-cd-resource",
    family: Family::ArgoCd,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.2.0",
    summary: "An Argo CD resource has a field of the wrong shape, or a pattern that does not compile",
    docs: r"## What it does
Checks the fields of AppProjects, Applications and ApplicationSets that the other `ARGO` rules
read: `sourceRepos`, `destinations`, `roles` and each role's `groups` and `policies` are lists (of
strings, of mappings), and each role policy is one Argo CD accepts (`p, proj:<project>:<role>,
<resource>, <action>, <object>, allow|deny`: six fields, the role itself as the subject); `destination` and `source` are mappings and `sources` a list; `project` is a
string; `generators` is a list and a list generator's `elements` too. And each `sourceRepos`
and `destinations` pattern compiles as Argo CD's globs do (an unclosed `[` or `{` does not:
Argo CD logs it and the pattern matches nothing).

## Why is this bad?
Kubernetes rejects the resource, or Argo CD reads it as empty: a project that permits nothing,
a role granted to nobody. And kataster cannot judge what it cannot read: this finding says so
instead of passing it silently.

## Example
```yaml
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: {name: phippy, namespace: argocd}
spec:
  sourceRepos: 'https://gitlab.acme.com/phippy/*'
  destinations: [{server: 'https://prd.acme.com', namespace: 'ap-phippy-[prd'}]
  roles:
    - name: deployers
      groups: phippy-devs
      policies: ['p, proj:phippy:deploy, applications, sync, phippy/*, allow']
```

## Use instead
```yaml
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: {name: phippy, namespace: argocd}
spec:
  sourceRepos: ['https://gitlab.acme.com/phippy/*']
  destinations: [{server: 'https://prd.acme.com', namespace: 'ap-phippy-prd'}]
  roles:
    - name: deployers
      groups: [phippy-devs]
      policies: ['p, proj:phippy:deployers, applications, sync, phippy/*, allow']
```
",
};

/// What a field must be.
#[derive(Clone, Copy)]
enum Shape {
    List,
    Mapping,
    Text,
}

impl Shape {
    fn fits(self, node: &Node) -> bool {
        match self {
            Self::List => matches!(node.value, Value::Sequence(_)),
            Self::Mapping => matches!(node.value, Value::Mapping(_)),
            Self::Text => matches!(node.value, Value::String(_)),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::List => "a list",
            Self::Mapping => "a mapping",
            Self::Text => "a string",
        }
    }
}

/// What a node is, in the words of the messages.
fn what(node: &Node) -> &'static str {
    match node.value {
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        Value::Null => "null",
    }
}

/// What Argo CD's `validatePolicy` rejects in a project role's policy line, in the parts
/// every Argo CD version checks alike: six fields, `p` first, the role itself as the
/// subject, `allow` or `deny` last.
fn role_policy_problem(project: &str, role: &str, line: &str) -> Option<String> {
    let fields: Vec<&str> = line
        .split(',')
        .map(|field| field.trim_matches(' '))
        .collect();
    if fields.len() != 6 || fields[0] != "p" {
        return Some(format!(
            "policy \"{line}\" is not of the form `p, sub, res, act, obj, eft`: Argo CD's project validation rejects it"
        ));
    }
    let expected = format!("proj:{project}:{role}");
    if fields[1] != expected {
        return Some(format!(
            "policy \"{line}\" names subject \"{}\", but a role's policy must name the role itself, \"{expected}\": Argo CD's project validation rejects it",
            fields[1]
        ));
    }
    if fields[5] != "allow" && fields[5] != "deny" {
        return Some(format!(
            "policy \"{line}\" ends in \"{}\", but the effect must be `allow` or `deny`: Argo CD's project validation rejects it",
            fields[5]
        ));
    }
    None
}

struct Checker<'c, 'e, 'a> {
    out: &'c mut Emitter<'e>,
    document: Entity<'a>,
    kind: &'static str,
}

impl Checker<'_, '_, '_> {
    fn report(&mut self, node: &Node, pointer: &str, message: &str) {
        Catalog::report(
            self.out,
            &RULE,
            &self.document,
            node,
            pointer,
            format!(
                "{} \"{}\": {message}",
                self.kind,
                self.document.name().unwrap_or_default()
            ),
            Some(
                "write it as Argo CD's resource reference shows; see `kataster rule ARGO009`"
                    .to_owned(),
            ),
        );
    }

    /// The field, if it is there and of its shape; reported if it is there and is not.
    fn field<'n>(
        &mut self,
        parent: &'n Node,
        key: &str,
        pointer: &str,
        shape: Shape,
    ) -> Option<&'n Node> {
        let node = parent.get(key)?;
        if node.is_null() {
            return None;
        }
        if shape.fits(node) {
            return Some(node);
        }
        self.report(
            node,
            pointer,
            &format!("`{key}` is {}, not {}", what(node), shape.name()),
        );
        None
    }

    fn items<'n>(&mut self, list: &'n Node, pointer: &str, shape: Shape) -> Vec<(usize, &'n Node)> {
        let key = pointer.rsplit('/').next().unwrap_or_default();
        let mut fitting = Vec::new();
        for (index, item) in list.as_sequence().unwrap_or_default().iter().enumerate() {
            if shape.fits(item) {
                fitting.push((index, item));
            } else {
                self.report(
                    item,
                    &format!("{pointer}/{index}"),
                    &format!(
                        "item {} of `{key}` is {}, not {}",
                        index + 1,
                        what(item),
                        shape.name()
                    ),
                );
            }
        }
        fitting
    }

    fn pattern(&mut self, node: &Node, pointer: &str, separator: Option<char>) {
        let Some(text) = node.as_str() else {
            return;
        };
        let pattern = text.strip_prefix('!').unwrap_or(text);
        if pattern == "*" || Glob::new(pattern, separator).is_valid() {
            return;
        }
        self.report(
            node,
            pointer,
            &format!(
                "pattern \"{text}\" does not compile as Argo CD's globs, so it matches nothing"
            ),
        );
    }

    fn project(&mut self, spec: &Node) {
        let project_name = self.document.name().unwrap_or_default();
        if let Some(repos) = self.field(spec, "sourceRepos", "/spec/sourceRepos", Shape::List) {
            for (index, repo) in self.items(repos, "/spec/sourceRepos", Shape::Text) {
                self.pattern(repo, &format!("/spec/sourceRepos/{index}"), Some('/'));
            }
        }
        if let Some(list) = self.field(spec, "destinations", "/spec/destinations", Shape::List) {
            for (index, item) in self.items(list, "/spec/destinations", Shape::Mapping) {
                for key in ["server", "name", "namespace"] {
                    if let Some(node) = item.get(key) {
                        self.pattern(node, &format!("/spec/destinations/{index}/{key}"), None);
                    }
                }
            }
        }
        if let Some(roles) = self.field(spec, "roles", "/spec/roles", Shape::List) {
            for (index, role) in self.items(roles, "/spec/roles", Shape::Mapping) {
                let pointer = format!("/spec/roles/{index}/groups");
                if let Some(groups) = self.field(role, "groups", &pointer, Shape::List) {
                    self.items(groups, &pointer, Shape::Text);
                }
                let pointer = format!("/spec/roles/{index}/policies");
                if let Some(policies) = self.field(role, "policies", &pointer, Shape::List) {
                    let role_name = role.get("name").and_then(Node::as_str).unwrap_or_default();
                    for (item, policy) in self.items(policies, &pointer, Shape::Text) {
                        let problem = policy
                            .as_str()
                            .and_then(|line| role_policy_problem(project_name, role_name, line));
                        if let Some(problem) = problem {
                            self.report(policy, &format!("{pointer}/{item}"), &problem);
                        }
                    }
                }
            }
        }
    }

    fn application(&mut self, spec: &Node, prefix: &str) {
        self.field(spec, "project", &format!("{prefix}/project"), Shape::Text);
        self.field(
            spec,
            "destination",
            &format!("{prefix}/destination"),
            Shape::Mapping,
        );
        self.field(spec, "source", &format!("{prefix}/source"), Shape::Mapping);
        if let Some(sources) =
            self.field(spec, "sources", &format!("{prefix}/sources"), Shape::List)
        {
            self.items(sources, &format!("{prefix}/sources"), Shape::Mapping);
        }
    }

    fn application_set(&mut self, spec: &Node) {
        if let Some(generators) = self.field(spec, "generators", "/spec/generators", Shape::List) {
            for (index, generator) in self.items(generators, "/spec/generators", Shape::Mapping) {
                if let Some(list) = generator
                    .get("list")
                    .filter(|list| list.as_mapping().is_some())
                {
                    self.field(
                        list,
                        "elements",
                        &format!("/spec/generators/{index}/list/elements"),
                        Shape::List,
                    );
                }
            }
        }
        if let Some(spec) = spec
            .get("template")
            .and_then(|template| template.get("spec"))
        {
            self.application(spec, "/spec/template/spec");
        }
    }
}

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    for document in manifest_documents(catalog.files) {
        let Some(spec) = document.spec() else {
            continue;
        };
        let kind = if is_argo(&document, "AppProject") {
            "AppProject"
        } else if is_argo(&document, "Application") {
            "Application"
        } else if is_argo(&document, "ApplicationSet") {
            "ApplicationSet"
        } else {
            continue;
        };
        let mut checker = Checker {
            out,
            document,
            kind,
        };
        match kind {
            "AppProject" => checker.project(spec),
            "Application" => checker.application(spec, "/spec"),
            _ => checker.application_set(spec),
        }
    }
}
