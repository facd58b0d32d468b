//! ARGO008 `uncatalogued-namespace`.

use crate::diagnostic::Severity;
use crate::rules::argocd::app_of;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, Family, RuleMeta, Status};

pub static RULE: RuleMeta = RuleMeta {
    code: "ARGO008",
    name: "uncatalogued-namespace",
    family: Family::ArgoCd,
    severity: Severity::Warning,
    status: Status::Stable,
    since: "0.2.0",
    summary: "An Application deploys to a namespace of an app that no catalog Component is",
    docs: r"## What it does
Compares the namespace each Argo CD Application deploys to (those an ApplicationSet's list
generator makes too) with the namespaces catalog Components name in their namespace
annotation, app by app: under the naming convention a namespace belongs to the app its
non-varying parts name (`ap-phippy-dev` and `ap-phippy-prd` are both Phippy's, with the
default `varyingParts: [stage, instance]`); a name the convention rejects is left to the `NS`
rules (without a convention, names are compared as a whole). Reports an Application whose app
no Component has, and so a Rancher Fleet bundle's `namespace` or `defaultNamespace`
(`fleet.yaml`, per target too, except a `doNotDeploy` one). Only when some Component names a
namespace at all; platform namespaces of the policy's `exempt` list are not judged.

## Why is this bad?
Whatever runs there has no owner in the catalog: nobody is asked when it breaks, its costs
go nowhere, and access reviews miss it.

## Catalog
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  annotations: {backstage.io/kubernetes-namespace: ap-phippy-prd}
spec: {type: website, lifecycle: production, owner: team-a}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: team-a}
spec: {type: team, children: []}
```

## Example
```yaml
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: shop-prd}
spec:
  source: {repoURL: 'https://gitlab.acme.com/shop/deploy.git', path: prd}
  destination: {server: 'https://kubernetes.default.svc', namespace: ap-shop-prd}
```

## Use instead
```yaml
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: phippy-prd}
spec:
  source: {repoURL: 'https://gitlab.acme.com/phippy/deploy.git', path: prd}
  destination: {server: 'https://kubernetes.default.svc', namespace: ap-phippy-prd}
```
",
};

pub(crate) fn check(catalog: &Catalog<'_>, out: &mut Emitter<'_>) {
    if !out.enabled(&RULE) {
        return;
    }
    let apps: std::collections::HashSet<Option<String>> = catalog
        .namespaces
        .iter()
        .filter(|usage| usage.is_component_annotation() && usage.unchecked.is_none())
        .map(|usage| app_of(usage.name, catalog))
        .collect();
    if apps.is_empty() {
        return;
    }
    fleet_bundles(catalog, &apps, out);
    for application in &catalog.argocd.applications {
        let Some((destination, node)) = &application.destination else {
            continue;
        };
        let namespace = destination.namespace;
        if namespace.is_empty()
            || namespace.contains("{{")
            || catalog.namespace_sets.is_exempt(namespace)
        {
            continue;
        }
        let app = app_of(namespace, catalog);
        if app.is_none() || apps.contains(&app) {
            continue;
        }
        let at = node.get("namespace").unwrap_or(node);
        Catalog::report(
            out,
            &RULE,
            &application.document,
            at,
            &application.pointer("/spec/destination/namespace"),
            format!(
                "{} deploys to namespace \"{namespace}\", whose app no catalog Component has (no Component's namespace annotation names it)",
                application.title()
            ),
            Some("add the app to the catalog as a Component with its namespace annotation, or remove the Application".to_owned()),
        );
    }
}

/// The namespaces Fleet bundles deploy to, judged as Applications' destinations are.
fn fleet_bundles(
    catalog: &Catalog<'_>,
    apps: &std::collections::HashSet<Option<String>>,
    out: &mut Emitter<'_>,
) {
    use crate::naming::sources::{Origin, fleet};
    for usage in &catalog.namespaces {
        let bundle = matches!(
            usage.origin,
            Origin::FleetNamespace | Origin::FleetDefaultNamespace
        );
        if !bundle || !usage.is_judged() || !fleet::deploys(usage) {
            continue;
        }
        let app = app_of(usage.name, catalog);
        if app.is_none() || apps.contains(&app) {
            continue;
        }
        let key = if usage.origin == Origin::FleetNamespace {
            "namespace"
        } else {
            "defaultNamespace"
        };
        Catalog::report(
            out,
            &RULE,
            &usage.entity,
            usage.node,
            &usage.pointer,
            format!(
                "a Fleet bundle deploys to namespace \"{}\" (its `{key}`), whose app no catalog Component has (no Component's namespace annotation names it)",
                usage.name
            ),
            Some("add the app to the catalog as a Component with its namespace annotation, or remove the bundle".to_owned()),
        );
    }
}
