//! A sequence of edits applied incrementally, compared after each step with a fresh check of
//! the same buffers: the same diagnostics in the report and, as the client assembles them
//! from the publishes, in the editor.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use lsp_types::{InitializeParams, Uri};

use super::Changes;
use crate::lsp::positions;
use crate::lsp::publish;
use crate::lsp::workspace::Workspace;

const GROUPS: &str = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec: {type: team, children: []}\n---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-b\nspec: {type: team, children: []}\n";
const A: &str = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-a\n  tags: [web]\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n  dependsOn: [component:svc-b]\n";
const B: &str = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-b\n  annotations:\n    backstage.io/kubernetes-namespace: ap-svcb-dev\nspec:\n  type: service\n  lifecycle: production\n  owner: team-b\n";
const C: &str = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-c\nspec:\n  type: service\n  lifecycle: production\n  owner: group:team-b\n";
const LOCATION: &str = "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: extra}\nspec:\n  targets: [./extra/more.yaml]\n";
const MORE: &str = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-more\nspec:\n  type: service\n  lifecycle: production\n  owner: team-c\n";
const APP: &str = "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: svcb-dev\n  namespace: argocd\nspec:\n  project: svcb\n  source: {repoURL: 'https://git.example.com/svcb.git', path: deploy}\n  destination: {server: 'https://kubernetes.default.svc', namespace: ap-svcb-dev}\n";

/// A diagnostic with its file's path instead of the checker's index.
type Placed = (PathBuf, String, usize, usize, String, String);

/// The workspace folder with its files on disk.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("groups.yaml", GROUPS);
    write("a.yaml", A);
    write("b.yaml", B);
    write("c.yaml", C);
    write("catalog-info.yaml", LOCATION);
    write("extra/more.yaml", MORE);
    write("deploy/app.yaml", APP);
    dir
}

fn workspace(root: &Path) -> Workspace {
    #[allow(deprecated)]
    let params = InitializeParams {
        root_uri: positions::uri(root),
        ..InitializeParams::default()
    };
    Workspace::new(&params)
}

/// The report's diagnostics, by path.
fn placed(workspace: &Workspace) -> Vec<Placed> {
    let files = workspace.checker.files();
    let mut placed: Vec<Placed> = workspace
        .report
        .as_ref()
        .unwrap()
        .diagnostics
        .iter()
        .map(|d| {
            (
                crate::collect::canonical(Path::new(&files[d.file].source.path)),
                d.code.to_owned(),
                d.span.start,
                d.span.end,
                d.message.clone(),
                format!("{:?} {:?} {:?}", d.severity, d.fix, d.help),
            )
        })
        .collect();
    placed.sort();
    placed
}

/// What the client shows: the last publish of each URI with diagnostics, and its version.
type Shown = BTreeMap<String, (Option<i32>, serde_json::Value)>;

fn receive(shown: &mut Shown, notifications: Vec<lsp_server::Notification>) {
    for notification in notifications {
        let params: lsp_types::PublishDiagnosticsParams =
            serde_json::from_value(notification.params).unwrap();
        let uri = params.uri.as_str().to_owned();
        if params.diagnostics.is_empty() {
            shown.remove(&uri);
        } else {
            let diagnostics = serde_json::to_value(&params.diagnostics).unwrap();
            shown.insert(uri, (params.version, diagnostics));
        }
    }
}

/// The editor as it follows the incremental workspace.
struct Editor {
    root: PathBuf,
    workspace: Workspace,
    shown: Shown,
    /// The open buffers: text and version.
    buffers: HashMap<String, (String, i32)>,
}

impl Editor {
    fn new(root: &Path) -> Self {
        let mut workspace = workspace(root);
        let mut shown = Shown::new();
        let touched = workspace.update(Changes::everything());
        receive(&mut shown, publish::changes(&mut workspace, &touched));
        Self {
            root: root.to_path_buf(),
            workspace,
            shown,
            buffers: HashMap::new(),
        }
    }

    fn uri(&self, name: &str) -> Uri {
        positions::uri(&self.root.join(name)).unwrap()
    }

    /// Open or change a buffer; checks and publishes. Whether the check was incremental.
    fn edit(&mut self, name: &str, text: &str) -> bool {
        let version = self.buffers.get(name).map_or(1, |(_, version)| version + 1);
        self.buffers
            .insert(name.to_owned(), (text.to_owned(), version));
        let uri = self.uri(name);
        let path = self.workspace.open(&uri, text.to_owned(), version).unwrap();
        self.check(path)
    }

    fn close(&mut self, name: &str) -> bool {
        self.buffers.remove(name);
        let uri = self.uri(name);
        let path = self.workspace.close(&uri).unwrap();
        self.check(path)
    }

    fn check(&mut self, path: PathBuf) -> bool {
        let changes = Changes {
            everything: false,
            documents: [path].into(),
        };
        let touched = self.workspace.update(changes);
        receive(
            &mut self.shown,
            publish::changes(&mut self.workspace, &touched),
        );
        !touched.everything
    }

    /// A fresh workspace with the same buffers, checked from scratch, is the same.
    fn assert_as_fresh(&self, step: &str) {
        let mut fresh = workspace(&self.root);
        for (name, (text, version)) in &self.buffers {
            fresh.open(&self.uri(name), text.clone(), *version);
        }
        fresh.refresh();
        assert_eq!(
            placed(&self.workspace),
            placed(&fresh),
            "report after {step}"
        );
        let mut shown = Shown::new();
        receive(
            &mut shown,
            publish::changes(&mut fresh, &Changes::everything()),
        );
        assert_eq!(self.shown, shown, "published after {step}");
    }
}

#[test]
fn incremental_checks_equal_full_checks() {
    let dir = folder();
    let root = crate::collect::canonical(dir.path());
    let mut editor = Editor::new(&root);
    editor.assert_as_fresh("the first check");
    let steps: &[(&str, &str, &str, bool)] = &[
        ("open a file as it is on disk", "a.yaml", A, true),
        (
            "a per-document finding",
            "a.yaml",
            &A.replace("[web]", "[Web]"),
            true,
        ),
        (
            "delete a Group another file references",
            "groups.yaml",
            GROUPS.split("---\n").nth(1).unwrap(),
            true,
        ),
        (
            "rename an entity another file depends on",
            "b.yaml",
            &B.replace("svc-b\n", "svc-bb\n"),
            true,
        ),
        (
            "add a duplicate entity",
            "c.yaml",
            &C.replace("svc-c", "svc-a"),
            true,
        ),
        (
            "change a namespace that an Application deploys to",
            "b.yaml",
            &B.replace("ap-svcb-dev", "ap-svcb-prd"),
            true,
        ),
        ("restore the Group", "groups.yaml", GROUPS, true),
        (
            "break the YAML",
            "a.yaml",
            &A.replace("  owner: team-a", "owner: : team-a"),
            true,
        ),
        (
            "a file that stops being a catalog file",
            "c.yaml",
            "just: a mapping\n",
            false,
        ),
        (
            "a new Location target",
            "catalog-info.yaml",
            &LOCATION.replace("[./extra/more.yaml]", "[./extra/more.yaml, ./b.yaml]"),
            false,
        ),
        (
            "a new unsaved document",
            "new.yaml",
            &C.replace("svc-c", "svc-new"),
            false,
        ),
        (
            "change the new document",
            "new.yaml",
            &C.replace("svc-c", "svc-b"),
            true,
        ),
        (
            "a Location target's text",
            "extra/more.yaml",
            &MORE.replace("team-c", "team-a"),
            true,
        ),
        (
            "a policy",
            "kataster.yaml",
            "model:\n  types:\n    Component: [website]\n",
            false,
        ),
        (
            "a change under the new policy",
            "a.yaml",
            &A.replace("[web]", "[web, Api]"),
            true,
        ),
    ];
    for (step, name, text, incremental) in steps {
        assert_eq!(editor.edit(name, text), *incremental, "incremental: {step}");
        editor.assert_as_fresh(step);
    }
    assert!(editor.close("b.yaml"), "closing a file on disk");
    editor.assert_as_fresh("closing b.yaml");
    assert!(!editor.close("new.yaml"), "closing a file never saved");
    editor.assert_as_fresh("closing new.yaml");
    let app = root.join("deploy/app.yaml");
    std::fs::write(&app, APP.replace("ap-svcb-dev", "ap-svcb-int")).unwrap();
    assert!(editor.check(app), "a file changed on disk");
    editor.assert_as_fresh("a file changed on disk");
}
