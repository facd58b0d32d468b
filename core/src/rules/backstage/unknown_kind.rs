//! CAT012 `unknown-kind`.

use crate::catalog::kinds::{BUILTIN_KINDS, closest_kind};
use crate::catalog::modules::{module_kind_versions, module_of_kind};
use crate::catalog::{Entity, formats};
use crate::diagnostic::{Edit, Fix, Severity};
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};

use super::string_field;

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT012",
    name: "unknown-kind",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "No Backstage processor recognises the apiVersion and kind",
    docs: r#"## What it does
Checks that the `apiVersion`/`kind` pair is one a default Backstage backend recognises:
Component, API, Resource, System, Domain, Group, User and Location with
`backstage.io/v1alpha1` or `backstage.io/v1beta1`, and Template with
`scaffolder.backstage.io/v1beta3`, and the kinds of the catalog model modules the policy
installs (`modules: [ai-model]`: `AiResource` with `backstage.io/v1alpha1`). Kinds are
case-sensitive. A misspelt kind gets a suggestion.

## Why is this bad?
Backstage rejects the entity ("No processor recognized the entity"). Custom kinds need a
processor in the backend.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Compontent
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: phippy}
spec: {type: website, lifecycle: production, owner: team-a}
```

## Fix safety
`--fix --unsafe-fixes` replaces a misspelt kind with the built-in kind it is closest to
(`Compnent` -> `Component`): an unsafe fix, the entity is then validated as another kind,
and a name that holds a built-in one (`AiResource`) may be a custom kind: it gets no fix.
A built-in kind with an apiVersion it does not have gets the one apiVersion it has, when it
has only one (`Template`: `scaffolder.backstage.io/v1beta3`), also an unsafe fix: the `spec`
is then validated against that version's shape.
"#,
};

pub(crate) fn check(entity: &Entity<'_>, context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    let (Some((api_node, api_version)), Some((kind_node, kind))) = (
        string_field(Some(entity.root), "apiVersion"),
        string_field(Some(entity.root), "kind"),
    ) else {
        return;
    };
    if context.kind_schema(entity).is_some()
        || context.policy.kinds.iter().any(|custom| custom == kind)
    {
        return;
    }
    let versions = BUILTIN_KINDS
        .iter()
        .find(|schema| schema.kind == kind)
        .map(|schema| schema.api_versions)
        .or_else(|| module_kind_versions(kind, &context.policy.modules));
    if let Some(api_versions) = versions {
        // One apiVersion the kind has: certain, but the spec is then judged by its shape.
        let fix = match api_versions {
            [only] => {
                let edit = Edit::scalar(api_node.span.clone(), api_version, *only);
                Some(Fix::unsafe_(format!("use `{only}`"), vec![edit]))
            }
            _ => None,
        };
        out.report_fix(
            &RULE,
            api_node.span.clone(),
            "/apiVersion",
            format!("kind {kind} is not recognised with apiVersion \"{api_version}\""),
            Some(format!("use apiVersion {}", api_versions.join(" or "))),
            fix,
        );
        return;
    }
    let mut fix = None;
    let help = match (module_of_kind(kind), closest_kind(kind)) {
        (Some(module), _) => format!(
            "`{kind}` is a kind of Backstage's catalog module `{}`: if the backend installs it, add `modules: [{}]` to the policy",
            module.package(),
            module.name()
        ),
        // `AiResource` holds `Resource`: a custom kind more likely than a typo.
        (None, Some(suggestion))
            if kind.len() > suggestion.len()
                && kind.to_lowercase().contains(&suggestion.to_lowercase())
                && formats::is_valid_kind(kind) =>
        {
            format!(
                "if `{kind}` is a custom kind that a processor in the Backstage backend accepts, list it under `kinds:` in the policy; else did you mean `{suggestion}`?"
            )
        }
        (None, Some(suggestion)) => {
            let edit = Edit::scalar(kind_node.span.clone(), kind, suggestion);
            fix = Some(Fix::unsafe_(format!("use `{suggestion}`"), vec![edit]));
            format!("did you mean `{suggestion}`?")
        }
        (None, None) if formats::is_valid_kind(kind) => {
            "custom kinds need a processor in the Backstage backend that accepts them; list them under `kinds:` in the policy".to_owned()
        }
        (None, None) => "use one of the built-in kinds".to_owned(),
    };
    out.report_fix(
        &RULE,
        kind_node.span.clone(),
        "/kind",
        format!("unknown kind \"{kind}\" (apiVersion \"{api_version}\")"),
        Some(help),
        fix,
    );
}
