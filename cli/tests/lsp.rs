//! `kataster lsp` driven over stdio as an editor would: initialize, didOpen, didChange,
//! publishDiagnostics, hover, definition, completion, shutdown, exit.

#![allow(clippy::unwrap_used, clippy::needless_pass_by_value)]

mod lsp_client;

use std::path::PathBuf;

use lsp_client::{Client, uri};
use serde_json::{Value, json};

/// The fixture workspace, one per test (they run in parallel).
fn workspace(test: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("kataster-lsp-{}-{test}", std::process::id()));
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

#[test]
fn the_language_server_speaks_lsp() {
    let root = workspace("protocol");
    let mut client = Client::start(&root);
    let initialized = client.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&root), "capabilities": {}, "workspaceFolders": [{"uri": uri(&root), "name": "fixture"}]}),
    );
    let capabilities = &initialized["capabilities"];
    assert_eq!(capabilities["hoverProvider"], json!(true));
    assert_eq!(capabilities["definitionProvider"], json!(true));
    assert_eq!(capabilities["documentSymbolProvider"], json!(true));
    assert_eq!(
        capabilities["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.kataster"])
    );
    client.notify("initialized", json!({}));

    // A type the policy does not allow, after a non-ASCII value on the same line.
    let phippy = uri(&root.join("phippy.yaml"));
    let broken = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: phippy}\nspec: {lifecycle: prøduction, type: web-site, owner: team-a}\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": phippy, "languageId": "yaml", "version": 1, "text": broken}}),
    );
    // One publish, for the version opened.
    let published = client.publish_for(&phippy);
    assert_eq!(published["version"], 1, "{published}");
    let diagnostics = published["diagnostics"].as_array().unwrap().clone();
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
    let published = client.publish_for(&phippy);
    assert_eq!(published["version"], 2, "{published}");
    assert_eq!(published["diagnostics"], json!([]), "{published}");

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
        "{fixed}---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {{name: goldie}}\nspec:\n  owner: group:te\n  type: \n"
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": phippy, "version": 3}, "contentChanges": [{"text": with_owner}]}),
    );
    let owner_at = with_owner
        .lines()
        .position(|line| line == "  owner: group:te")
        .unwrap();
    let owners = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": phippy}, "position": {"line": owner_at, "character": 17}}),
    );
    // The item replaces what is typed of the value.
    assert_eq!(
        owners[0]["textEdit"],
        json!({"range": {"start": {"line": owner_at, "character": 9}, "end": {"line": owner_at, "character": 17}}, "newText": "group:team-a"}),
        "{owners}"
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
    assert_eq!(
        types[0]["textEdit"]["range"],
        json!({"start": {"line": owner_at + 1, "character": 8}, "end": {"line": owner_at + 1, "character": 8}})
    );

    // Document symbols: one per entity, spanning its document, selecting its name.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": phippy}}),
    );
    let named: Vec<(&str, &str)> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["detail"].as_str().unwrap()))
        .collect();
    assert_eq!(named, [("phippy", "Component"), ("goldie", "Component")]);
    assert_eq!(
        symbols[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    assert_eq!(
        symbols[0]["selectionRange"]["start"],
        json!({"line": 2, "character": 17})
    );
    assert_eq!(symbols[1]["range"]["start"]["line"], 5);

    // The third version was published once, and nothing else for this document.
    let versions: Vec<&Value> = client
        .backlog
        .iter()
        .filter(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == phippy
        })
        .map(|m| &m["params"]["version"])
        .collect();
    assert_eq!(versions, [&json!(3)]);

    // Shut down cleanly.
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert!(status.success());
    let _ = std::fs::remove_dir_all(root);
}

/// Open buffers are what is checked: a new file never saved, a group renamed in an unsaved
/// buffer (the cross-file rules see the buffer), a policy edited and not saved. Each change is
/// published once with its version; the fixes are code actions.
#[test]
fn unsaved_buffers_are_checked_and_fixed() {
    let root = workspace("unsaved");
    let mut client = Client::start(&root);
    client.initialize(&root);

    // A new catalog file, not on disk.
    let new_path = root.join("team/catalog-info.yaml");
    let new = uri(&new_path);
    let text = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: goldie, tags: [PHP, Go]}\nspec: {type: service, lifecycle: production, owner: team-a}\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": new, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let published = client.publish_for(&new);
    assert_eq!(published["version"], 1);
    let codes: Vec<&str> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["CAT010", "CAT010"], "{published}");

    // Quick fixes for the diagnostic in range, and fix-all.
    let first = published["diagnostics"][0]["range"].clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": new}, "range": first, "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["title"], "use `php`");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[0]["diagnostics"][0]["code"], "CAT010");
    assert_eq!(
        actions[0]["edit"]["changes"][&new],
        json!([{"range": first, "newText": "php"}])
    );
    let all = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": new}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    assert_eq!(all.as_array().unwrap().len(), 1, "{all}");
    assert_eq!(all[0]["kind"], "source.fixAll.kataster");
    let edits = all[0]["edit"]["changes"][&new].as_array().unwrap();
    let new_texts: Vec<&str> = edits
        .iter()
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    assert_eq!(new_texts, ["php", "go"]);

    // A burst of changes: each version published at most once, in order, the last one last.
    for version in 2..=6 {
        let text = text.replace("[PHP, Go]", &format!("[PHP, go{version}]"));
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": new, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }
    let mut versions = Vec::new();
    loop {
        let published = client.publish_for(&new);
        let version = published["version"].as_i64().unwrap();
        versions.push(version);
        if version == 6 {
            assert_eq!(published["diagnostics"].as_array().unwrap().len(), 1);
            break;
        }
    }
    assert!(
        versions.windows(2).all(|pair| pair[0] < pair[1]),
        "{versions:?}"
    );

    // The group renamed in an unsaved buffer: phippy's owner (on disk) no longer resolves.
    let phippy = uri(&root.join("phippy.yaml"));
    let org = uri(&root.join("org.yaml"));
    let renamed = std::fs::read_to_string(root.join("org.yaml"))
        .unwrap()
        .replace("team-a", "team-b");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": org, "languageId": "yaml", "version": 1, "text": renamed}}),
    );
    let published = client.publish_for(&phippy);
    assert_eq!(published["version"], Value::Null);
    assert_eq!(published["diagnostics"][0]["code"], "CAT101", "{published}");

    // The policy edited, not saved: `website` is no longer allowed.
    let policy = uri(&root.join("kataster.yaml"));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": policy, "languageId": "yaml", "version": 1, "text": "model:\n  types:\n    Component: [service]\n"}}),
    );
    let published = client.publish_for(&phippy);
    let codes: Vec<&str> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"ORG001"), "{published}");

    client.shut_down();
    assert!(!new_path.exists(), "the server writes nothing");
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

/// A client that can watch files is asked to (client/registerCapability for
/// workspace/didChangeWatchedFiles, YAML and JSON files); a file changed on disk and reported
/// so is checked again, and the files whose findings that changes are published.
#[test]
fn files_changed_on_disk_are_watched() {
    let root = workspace("watched");
    let mut client = Client::start(&root);
    let capabilities =
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&root), "capabilities": capabilities, "workspaceFolders": [{"uri": uri(&root), "name": "fixture"}]}),
    );
    client.notify("initialized", json!({}));
    let registration = loop {
        let message = client.receive();
        if message["method"] == "client/registerCapability" {
            break message;
        }
        client.backlog.push(message);
    };
    let registrations = registration["params"]["registrations"].as_array().unwrap();
    assert_eq!(registrations.len(), 1, "{registration}");
    assert_eq!(
        registrations[0]["method"], "workspace/didChangeWatchedFiles",
        "{registration}"
    );
    assert_eq!(
        registrations[0]["registerOptions"]["watchers"],
        json!([{"globPattern": "**/*.{yaml,yml,json}"}])
    );
    client.send(&json!({"jsonrpc": "2.0", "id": registration["id"], "result": null}));

    // The Group phippy's owner names is renamed on disk: phippy's reference dangles.
    let org = root.join("org.yaml");
    let phippy = uri(&root.join("phippy.yaml"));
    let text = std::fs::read_to_string(&org).unwrap();
    std::fs::write(&org, text.replace("team-a", "team-z")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&org), "type": 2}]}),
    );
    let diagnostics = client.diagnostics_for(&phippy);
    assert!(
        diagnostics
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("team-a")),
        "{diagnostics:?}"
    );

    // And back.
    std::fs::write(&org, text).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&org), "type": 2}]}),
    );
    assert_eq!(client.diagnostics_for(&phippy), Vec::<Value>::new());
    client.shut_down();
}
