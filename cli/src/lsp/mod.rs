//! `kataster lsp`: a language server over stdio. Diagnostics for catalog files, policy files
//! and GitOps manifests with every rule (cross-file rules over the workspace folders), hover
//! and go-to-definition on entity references, completion of references and allowed values,
//! code actions from the findings' fixes, document symbols.
//!
//! Open documents are checked from their buffers (saved or not), a change incrementally
//! (`incremental`). The server reads every message that is waiting before it checks, so a
//! burst of changes is checked once, as of the newest version of each document, and
//! published once per document whose diagnostics or version changed; when more changes
//! arrived during a check, nothing is published until they are checked too (no stale
//! version is ever published).

mod actions;
mod fix_all;
mod incremental;
mod navigation;
mod positions;
mod publish;
mod symbols;
mod workspace;

use std::collections::VecDeque;
use std::process::ExitCode;
use std::sync::mpsc::Receiver;

use lsp_server::{Connection, ExtractError, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Exit, Notification as _,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest,
    Request as _, Shutdown,
};
use lsp_types::{
    CodeActionOptions, CodeActionProviderCapability, CompletionOptions, HoverProviderCapability,
    InitializeParams, OneOf, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
};

use incremental::Changes;
use workspace::Workspace;

/// Run the server on stdin/stdout until the client says `exit`.
pub fn run() -> Result<ExitCode, String> {
    let (connection, io_threads) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), "/".into()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(actions::kinds()),
            ..CodeActionOptions::default()
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    };
    let capabilities = serde_json::to_value(capabilities).map_err(|error| error.to_string())?;
    let params = connection
        .initialize(capabilities)
        .map_err(|error| error.to_string())?;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|error| error.to_string())?;
    let mut workspace = Workspace::new(&params);
    watch_files(&connection, &params)?;
    serve(&connection, &mut workspace)?;
    drop(connection);
    io_threads.join().map_err(|error| error.to_string())?;
    Ok(ExitCode::SUCCESS)
}

/// Ask the client to say when YAML and JSON files change on disk (a file changed on disk is
/// checked incrementally; one created or deleted reads the folders again), if it can be asked.
fn watch_files(connection: &Connection, params: &InitializeParams) -> Result<(), String> {
    let can = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|workspace| workspace.did_change_watched_files.as_ref())
        .and_then(|watched| watched.dynamic_registration)
        .unwrap_or(false);
    if !can {
        return Ok(());
    }
    let registration = lsp_types::Registration {
        id: "kataster-watched-files".to_owned(),
        method: DidChangeWatchedFiles::METHOD.to_owned(),
        register_options: Some(serde_json::json!({
            "watchers": [{"globPattern": "**/*.{yaml,yml,json}"}]
        })),
    };
    let request = Request::new(
        RequestId::from("kataster-watch".to_owned()),
        lsp_types::request::RegisterCapability::METHOD.to_owned(),
        lsp_types::RegistrationParams {
            registrations: vec![registration],
        },
    );
    connection
        .sender
        .send(Message::Request(request))
        .map_err(|error| error.to_string())
}

fn serve(connection: &Connection, workspace: &mut Workspace) -> Result<(), String> {
    // lsp-server hands over one message at a time (a rendezvous channel): a thread moves them
    // into an unbounded queue, so that what arrived during a check is all there to drain.
    let (queue, messages) = std::sync::mpsc::channel();
    let incoming = connection.receiver.clone();
    std::thread::spawn(move || {
        for message in incoming {
            if queue.send(message).is_err() {
                return;
            }
        }
    });
    let mut server = Server {
        connection,
        messages,
        held: VecDeque::new(),
        // The folders are checked once before anything else.
        pending: Changes::everything(),
        unpublished: Changes::default(),
    };
    server.run(workspace)
}

/// The message loop's state.
struct Server<'c> {
    connection: &'c Connection,
    messages: Receiver<Message>,
    /// Read from the queue during a check, not handled yet.
    held: VecDeque<Message>,
    /// Changes not checked yet.
    pending: Changes,
    /// What checks touched since the last publish.
    unpublished: Changes,
}

impl Server<'_> {
    fn send(&self, message: Message) -> Result<(), String> {
        self.connection
            .sender
            .send(message)
            .map_err(|error| error.to_string())
    }

    /// The next message: held ones first; waits for one only when `wait`. `Err(true)` when
    /// the client is gone, `Err(false)` when nothing is waiting.
    fn next(&mut self, wait: bool) -> Result<Message, bool> {
        if let Some(message) = self.held.pop_front() {
            return Ok(message);
        }
        if wait {
            self.messages.recv().map_err(|_| true)
        } else {
            self.messages
                .try_recv()
                .map_err(|error| matches!(error, std::sync::mpsc::TryRecvError::Disconnected))
        }
    }

    /// Check what is pending; publish unless more changes arrived meanwhile (then they are
    /// checked first, and published together).
    fn check(&mut self, workspace: &mut Workspace) -> Result<(), String> {
        let changes = std::mem::take(&mut self.pending);
        if !changes.is_empty() {
            self.unpublished.merge(workspace.update(changes));
        }
        self.held.extend(self.messages.try_iter());
        if self.held.iter().any(changes_documents) {
            return Ok(());
        }
        let touched = std::mem::take(&mut self.unpublished);
        for notification in publish::changes(workspace, &touched) {
            self.send(notification.into())?;
        }
        Ok(())
    }

    fn run(&mut self, workspace: &mut Workspace) -> Result<(), String> {
        loop {
            // After the pending changes are checked and published, wait for the next message.
            let wait = self.pending.is_empty() && self.unpublished.is_empty();
            let message = match self.next(wait) {
                Ok(message) => message,
                Err(true) => return Ok(()),
                Err(false) => {
                    self.check(workspace)?;
                    continue;
                }
            };
            match message {
                Message::Request(request) if request.method == Shutdown::METHOD => {
                    self.send(Message::Response(Response::new_ok(request.id, ())))?;
                    // Nothing but `exit` is answered after a shutdown.
                    while let Ok(message) = self.next(true) {
                        if matches!(&message, Message::Notification(n) if n.method == Exit::METHOD)
                        {
                            break;
                        }
                    }
                    return Ok(());
                }
                Message::Request(request) => {
                    // A request sees every change before it.
                    if !self.pending.is_empty() {
                        self.check(workspace)?;
                    }
                    self.send(Message::Response(respond(workspace, request)))?;
                }
                Message::Notification(notification) if notification.method == Exit::METHOD => {
                    return Ok(());
                }
                Message::Notification(notification) => {
                    let changes = handle_notification(workspace, notification);
                    self.pending.merge(changes);
                }
                Message::Response(_) => {}
            }
        }
    }
}

/// Whether a message changes a document (so that a check before it is stale).
fn changes_documents(message: &Message) -> bool {
    matches!(message, Message::Notification(notification) if [
        DidOpenTextDocument::METHOD,
        DidChangeTextDocument::METHOD,
        DidCloseTextDocument::METHOD,
        DidSaveTextDocument::METHOD,
        DidChangeWatchedFiles::METHOD,
    ]
    .contains(&notification.method.as_str()))
}

/// Apply a document notification; what it changed.
fn handle_notification(workspace: &mut Workspace, notification: Notification) -> Changes {
    let document = |path: Option<std::path::PathBuf>| Changes {
        everything: false,
        documents: path.into_iter().collect(),
    };
    let notification = match cast_notification::<DidOpenTextDocument>(notification) {
        Ok(params) => {
            let opened = params.text_document;
            return document(workspace.open(&opened.uri, opened.text, opened.version));
        }
        Err(notification) => notification,
    };
    let notification = match cast_notification::<DidChangeTextDocument>(notification) {
        Ok(params) => {
            // Full sync: the last change is the whole text.
            let Some(change) = params.content_changes.into_iter().last() else {
                return Changes::default();
            };
            let changed = params.text_document;
            return document(workspace.open(&changed.uri, change.text, changed.version));
        }
        Err(notification) => notification,
    };
    let notification = match cast_notification::<DidCloseTextDocument>(notification) {
        Ok(params) => return document(workspace.close(&params.text_document.uri)),
        Err(notification) => notification,
    };
    let notification = match cast_notification::<DidChangeWatchedFiles>(notification) {
        Ok(params) => return watched_changes(&params),
        Err(notification) => notification,
    };
    // A save changes nothing the server checks (it has the buffer) but other files may have
    // changed on disk meanwhile.
    if notification.method == DidSaveTextDocument::METHOD {
        return Changes::everything();
    }
    Changes::default()
}

/// Files changed on disk are changed documents; a file created or deleted changes the set.
fn watched_changes(params: &lsp_types::DidChangeWatchedFilesParams) -> Changes {
    let mut changes = Changes::default();
    for event in &params.changes {
        match workspace::canonical_path(&event.uri) {
            Some(path) if event.typ == lsp_types::FileChangeType::CHANGED => {
                changes.documents.insert(path);
            }
            _ => changes.everything = true,
        }
    }
    changes
}

fn respond(workspace: &mut Workspace, request: Request) -> Response {
    let id = request.id.clone();
    let result = match request.method.as_str() {
        HoverRequest::METHOD => params::<HoverRequest>(request).map(|params| {
            serde_json::to_value(navigation::hover(
                workspace,
                &params.text_document_position_params,
            ))
        }),
        GotoDefinition::METHOD => params::<GotoDefinition>(request).map(|params| {
            serde_json::to_value(navigation::definition(
                workspace,
                &params.text_document_position_params,
            ))
        }),
        Completion::METHOD => params::<Completion>(request).map(|params| {
            serde_json::to_value(navigation::completion(
                workspace,
                &params.text_document_position,
            ))
        }),
        CodeActionRequest::METHOD => params::<CodeActionRequest>(request)
            .map(|params| serde_json::to_value(actions::code_actions(workspace, &params))),
        DocumentSymbolRequest::METHOD => params::<DocumentSymbolRequest>(request).map(|params| {
            serde_json::to_value(symbols::document_symbols(
                workspace,
                &params.text_document.uri,
            ))
        }),
        method => {
            return error(
                id,
                lsp_server::ErrorCode::MethodNotFound,
                format!("unsupported request {method}"),
            );
        }
    };
    match result {
        Ok(Ok(value)) => Response::new_ok(id, value),
        Ok(Err(problem)) => error(
            id,
            lsp_server::ErrorCode::InternalError,
            problem.to_string(),
        ),
        Err(problem) => error(id, lsp_server::ErrorCode::InvalidParams, problem),
    }
}

fn params<R: lsp_types::request::Request>(request: Request) -> Result<R::Params, String> {
    request
        .extract::<R::Params>(R::METHOD)
        .map(|(_, params)| params)
        .map_err(|error| match error {
            ExtractError::JsonError { error, .. } => error.to_string(),
            ExtractError::MethodMismatch(request) => format!("unexpected {}", request.method),
        })
}

fn cast_notification<N: lsp_types::notification::Notification>(
    notification: Notification,
) -> Result<N::Params, Notification> {
    match notification.extract::<N::Params>(N::METHOD) {
        Ok(params) => Ok(params),
        Err(ExtractError::MethodMismatch(notification)) => Err(notification),
        Err(ExtractError::JsonError { .. }) => {
            Err(Notification::new(String::new(), serde_json::Value::Null))
        }
    }
}

fn error(id: RequestId, code: lsp_server::ErrorCode, message: String) -> Response {
    Response::new_err(id, code as i32, message)
}
