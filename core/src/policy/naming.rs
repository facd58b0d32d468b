//! Naming conventions in the policy.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Naming conventions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct NamingPolicy {
    /// Kubernetes namespace names.
    pub namespace: NamespaceConvention,
}

/// The namespace convention: a template of named parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct NamespaceConvention {
    /// The template: `{part}` placeholders, literal text, and `[...]` for an optional group.
    pub template: String,
    /// What each part may be.
    pub parts: BTreeMap<String, PartSpec>,
    /// Older orders that are recognised, so that a diagnostic can suggest the conventional name.
    pub legacy_templates: Vec<String>,
    /// The part that identifies the app: namespaces of one app differ only in `varyingParts`.
    pub app_part: String,
    /// Parts that may differ between the namespaces of one app (the stage and the instance).
    pub varying_parts: Vec<String>,
    /// The entity annotation that names an entity's namespace.
    pub annotation: String,
    /// Platform namespaces outside the convention (names and globs such as `kube-*`): no
    /// naming rule (NS001 to NS004) reports them. A list given here replaces the default
    /// list ([`DEFAULT_EXEMPT`]); use `extendExempt` to add to it.
    pub exempt: Vec<String>,
    /// Names and globs added to `exempt` (keeping its default list).
    pub extend_exempt: Vec<String>,
    /// Namespaces that several apps share on purpose (names and globs): NS003 does not report
    /// them. They still follow the convention.
    pub shared: Vec<String>,
}

/// The namespaces of Kubernetes itself and of common platform tools (Argo CD, OpenShift,
/// Rancher, Red Hat Advanced Cluster Management, the Operator Lifecycle Manager, cert-manager,
/// ingress controllers, service meshes, GitOps and policy engines, monitoring and logging): they are named by their tools, not by the convention.
pub const DEFAULT_EXEMPT: &[&str] = &[
    "default",
    "kube-*",
    "openshift",
    "openshift-*",
    "argocd",
    "argo",
    "argo-rollouts",
    "argo-events",
    "argo-workflows",
    "openshift-gitops",
    "cert-manager",
    "ingress-nginx",
    "cattle-*",
    "fleet-*",
    "rancher-*",
    "istio-system",
    "linkerd",
    "linkerd-*",
    "flux-system",
    "gatekeeper-system",
    "kyverno",
    "monitoring",
    "logging",
    "local-path-storage",
    "metallb-system",
    "tekton-pipelines",
    "tekton-pipelines-resolvers",
    "knative-serving",
    "knative-eventing",
    "external-secrets",
    "sealed-secrets",
    "vault",
    "velero",
    "envoy-gateway-system",
    "traefik",
    "keda",
    "crossplane-system",
    "longhorn-system",
    "calico-system",
    "tigera-operator",
    "cnpg-system",
    "kubernetes-dashboard",
    "open-cluster-management",
    "open-cluster-management-*",
    "multicluster-engine",
    "olm",
    "operators",
    // By custom, an operator is installed in `<name>-operator` (OLM's suggested namespace) and
    // a controller in `<name>-system` (kubebuilder's default). No name of the convention ends
    // so: it ends with its stage.
    "*-operator",
    "*-operators",
    "*-system",
];

impl Default for NamespaceConvention {
    fn default() -> Self {
        let values = |values: &[&str]| PartSpec {
            values: values.iter().map(|value| (*value).to_owned()).collect(),
            pattern: None,
        };
        let pattern = |pattern: &str| PartSpec {
            values: Vec::new(),
            pattern: Some(pattern.to_owned()),
        };
        Self {
            template: "{apptype}-{appid}[-{instance}]-{stage}".into(),
            parts: BTreeMap::from([
                ("apptype".to_owned(), values(&["cs", "ap", "ps"])),
                ("appid".to_owned(), pattern("[a-z0-9]+")),
                ("instance".to_owned(), pattern("[a-z0-9]+")),
                ("stage".to_owned(), values(&["dev", "int", "prd"])),
            ]),
            legacy_templates: vec!["{apptype}-{stage}-{appid}[-{instance}]".into()],
            app_part: "appid".into(),
            varying_parts: vec!["stage".into(), "instance".into()],
            annotation: "backstage.io/kubernetes-namespace".into(),
            exempt: DEFAULT_EXEMPT
                .iter()
                .map(|name| (*name).to_owned())
                .collect(),
            extend_exempt: Vec::new(),
            shared: Vec::new(),
        }
    }
}

/// What one part of a name may be: one of `values`, or a match of `pattern` (a regular
/// expression matched against the whole part; linear-time, no backreferences).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct PartSpec {
    pub values: Vec<String>,
    pub pattern: Option<String>,
}
