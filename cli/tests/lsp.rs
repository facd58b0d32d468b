//! `kataster lsp` driven over stdio as an editor would: initialize, didOpen, didChange,
//! publishDiagnostics, hover, definition, completion, shutdown, exit.

#![allow(clippy::unwrap_used, clippy::needless_pass_by_value)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    backlog: Vec<Value>,
}

impl Client {
    fn start(root: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kataster"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(value) = line.strip_prefix("Content-Length: ") {
                        length = value.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Self {
            child,
            stdin,
            messages,
            next_id: 1,
            backlog: Vec::new(),
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn receive(&mut self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(30))
            .expect("the server answered within 30 s")
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.receive();
            if message["id"] == json!(id) {
                assert!(message.get("error").is_none(), "{method} failed: {message}");
                return message["result"].clone();
            }
            self.backlog.push(message);
        }
    }

    /// The next diagnostics published for a URI.
    fn diagnostics_for(&mut self, uri: &str) -> Vec<Value> {
        if let Some(at) = self.backlog.iter().position(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        }) {
            let message = self.backlog.remove(at);
            return message["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let message = self.receive();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

fn workspace() -> PathBuf {
    let root = std::env::temp_dir().join(format!("kataster-lsp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let write = |name: &str, text: &str| std::fs::write(root.join(name), text).unwrap();
    write(
        "kataster.yaml",
        "model:\n  types:\n    Component: [website, service]\n",
    );
    write(
        "catalog-info.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: fixture}\nspec:\n  targets: [./org.yaml, ./phippy.yaml]\n",
    );
    write(
        "org.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\n  title: Team A\nspec: {type: team, children: []}\n",
    );
    write(
        "phippy.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: phippy}\nspec: {type: website, lifecycle: production, owner: team-a}\n",
    );
    std::fs::canonicalize(root).unwrap()
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn the_language_server_speaks_lsp() {
    let root = workspace();
    let mut client = Client::start(&root);
    let initialized = client.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&root), "capabilities": {}, "workspaceFolders": [{"uri": uri(&root), "name": "fixture"}]}),
    );
    let capabilities = &initialized["capabilities"];
    assert_eq!(capabilities["hoverProvider"], json!(true));
    assert_eq!(capabilities["definitionProvider"], json!(true));
    client.notify("initialized", json!({}));

    // A type the policy does not allow, after a non-ASCII value on the same line.
    let phippy = uri(&root.join("phippy.yaml"));
    let broken = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: phippy}\nspec: {lifecycle: prøduction, type: web-site, owner: team-a}\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": phippy, "languageId": "yaml", "version": 1, "text": broken}}),
    );
    let diagnostics = loop {
        let diagnostics = client.diagnostics_for(&phippy);
        if !diagnostics.is_empty() {
            break diagnostics;
        }
    };
    let disallowed = diagnostics
        .iter()
        .find(|d| d["code"] == "ORG001")
        .unwrap_or_else(|| panic!("{diagnostics:?}"));
    let line = broken.lines().nth(3).unwrap();
    let byte_column = line.find("web-site").unwrap();
    let utf16_column = line[..byte_column].encode_utf16().count();
    assert_ne!(
        byte_column, utf16_column,
        "the fixture has a non-ASCII character before the value"
    );
    assert_eq!(
        disallowed["range"]["start"],
        json!({"line": 3, "character": utf16_column})
    );
    assert_eq!(
        disallowed["range"]["end"]["character"],
        json!(utf16_column + "web-site".len())
    );
    assert_eq!(disallowed["source"], "kataster");
    assert!(
        disallowed["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("docs/rules/ORG001.md")
    );

    // Fixed: the diagnostics clear.
    let fixed = broken.replace("web-site", "website");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": phippy, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    loop {
        if client.diagnostics_for(&phippy).is_empty() {
            break;
        }
    }

    // Hover on the owner reference shows the group.
    let owner_line = fixed.lines().nth(3).unwrap();
    let owner_column = owner_line[..owner_line.find("team-a").unwrap()]
        .encode_utf16()
        .count()
        + 2;
    let position = json!({"textDocument": {"uri": phippy}, "position": {"line": 3, "character": owner_column}});
    let hover = client.request("textDocument/hover", position.clone());
    let contents = hover["contents"]["value"].as_str().unwrap();
    assert!(
        contents.contains("group:default/team-a") && contents.contains("Team A"),
        "{contents}"
    );

    // Go to the group's definition.
    let definition = client.request("textDocument/definition", position);
    assert_eq!(definition["uri"], uri(&root.join("org.yaml")));
    assert_eq!(
        definition["range"]["start"],
        json!({"line": 3, "character": 8})
    );

    // Completion: references of the right kind, and the policy's types.
    let with_owner = format!(
        "{fixed}---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {{name: goldie}}\nspec:\n  owner: \n  type: \n"
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": phippy, "version": 3}, "contentChanges": [{"text": with_owner}]}),
    );
    let owner_at = with_owner
        .lines()
        .position(|line| line == "  owner: ")
        .unwrap();
    let owners = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": phippy}, "position": {"line": owner_at, "character": 9}}),
    );
    let labels: Vec<&str> = owners
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["group:team-a"]);
    let types = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": phippy}, "position": {"line": owner_at + 1, "character": 8}}),
    );
    let labels: Vec<&str> = types
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["website", "service"]);

    // Shut down cleanly.
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert!(status.success());
    let _ = std::fs::remove_dir_all(root);
}

/// The workspace folder is the root: a Location target outside it is reported at its line and
/// never read, and nothing of the outside file reaches the editor.
#[test]
fn the_language_server_reads_nothing_outside_its_folders() {
    let temp = tempfile::tempdir().unwrap();
    let outside = std::fs::canonicalize(temp.path()).unwrap();
    let root = outside.join("repo");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        outside.join("outside.yaml"),
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: OUTSIDE_SECRET_MARKER}\n",
    )
    .unwrap();
    let catalog = root.join("catalog-info.yaml");
    let text = "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: climb}\nspec:\n  targets: [../outside.yaml, ../../../../../../../../proc/self/environ]\n";
    std::fs::write(&catalog, text).unwrap();
    let mut client = Client::start(&root);
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&root), "capabilities": {}, "workspaceFolders": [{"uri": uri(&root), "name": "repo"}]}),
    );
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&catalog), "languageId": "yaml", "version": 1, "text": text}}),
    );
    let diagnostics = loop {
        let diagnostics = client.diagnostics_for(&uri(&catalog));
        if !diagnostics.is_empty() {
            break diagnostics;
        }
    };
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["CAT109", "CAT109"], "{diagnostics:?}");
    assert!(diagnostics.iter().all(|d| d["range"]["start"]["line"] == 4));
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().unwrap().success());
    let everything = format!("{diagnostics:?}{:?}", client.backlog);
    assert!(
        !everything.contains("OUTSIDE_SECRET_MARKER"),
        "{everything}"
    );
    assert!(
        client.backlog.iter().all(|m| !m["params"]["uri"]
            .as_str()
            .unwrap_or("")
            .contains("outside.yaml")),
        "{everything}"
    );
}
