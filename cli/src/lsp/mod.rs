//! `kataster lsp`: a language server over stdio. Diagnostics for catalog files, policy files
//! and GitOps manifests with every rule (cross-file rules over the workspace folders), hover
//! and go-to-definition on entity references, completion of references and allowed values,
//! code actions from the findings' fixes, document symbols.
//!
//! Open documents are checked from their buffers (saved or not). The server reads every
//! message that is waiting before it checks, so a burst of changes is checked once, as of
//! the newest version of each document, and published once per document that changed.

mod actions;
mod navigation;
mod positions;
mod publish;
mod symbols;
mod workspace;

use std::process::ExitCode;

use lsp_server::{Connection, ExtractError, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Exit,
    Notification as _,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest,
    Request as _, Shutdown,
};
use lsp_types::{
    CodeActionOptions, CodeActionProviderCapability, CompletionOptions, HoverProviderCapability,
    InitializeParams, OneOf, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
};

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
    serve(&connection, &mut workspace)?;
    drop(connection);
    io_threads.join().map_err(|error| error.to_string())?;
    Ok(ExitCode::SUCCESS)
}

fn serve(connection: &Connection, workspace: &mut Workspace) -> Result<(), String> {
    let send = |message: Message| {
        connection
            .sender
            .send(message)
            .map_err(|error| error.to_string())
    };
    let check = |workspace: &mut Workspace| -> Result<(), String> {
        workspace.refresh();
        for notification in publish::changes(workspace) {
            send(notification.into())?;
        }
        Ok(())
    };
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
    // The folders are checked once before anything else; then after every batch of messages
    // that changed a document, and before a request that follows a change.
    let mut dirty = true;
    loop {
        let mut batch = Vec::new();
        if !dirty {
            match messages.recv() {
                Ok(message) => batch.push(message),
                Err(_) => return Ok(()),
            }
        }
        batch.extend(messages.try_iter());
        for message in batch {
            match message {
                Message::Request(request) if request.method == Shutdown::METHOD => {
                    send(Message::Response(Response::new_ok(request.id, ())))?;
                    // Nothing but `exit` is answered after a shutdown.
                    while let Ok(message) = messages.recv() {
                        if matches!(&message, Message::Notification(n) if n.method == Exit::METHOD)
                        {
                            break;
                        }
                    }
                    return Ok(());
                }
                Message::Request(request) => {
                    if dirty {
                        check(workspace)?;
                        dirty = false;
                    }
                    send(Message::Response(respond(workspace, request)))?;
                }
                Message::Notification(notification) if notification.method == Exit::METHOD => {
                    return Ok(());
                }
                Message::Notification(notification) => {
                    dirty |= handle_notification(workspace, notification);
                }
                Message::Response(_) => {}
            }
        }
        if dirty {
            check(workspace)?;
            dirty = false;
        }
    }
}

/// Apply a document notification; true when the documents changed.
fn handle_notification(workspace: &mut Workspace, notification: Notification) -> bool {
    let notification = match cast_notification::<DidOpenTextDocument>(notification) {
        Ok(params) => {
            let document = params.text_document;
            workspace.open(&document.uri, document.text, document.version);
            return true;
        }
        Err(notification) => notification,
    };
    let notification = match cast_notification::<DidChangeTextDocument>(notification) {
        Ok(params) => {
            // Full sync: the last change is the whole text.
            if let Some(change) = params.content_changes.into_iter().last() {
                let document = params.text_document;
                workspace.open(&document.uri, change.text, document.version);
            }
            return true;
        }
        Err(notification) => notification,
    };
    let notification = match cast_notification::<DidCloseTextDocument>(notification) {
        Ok(params) => {
            workspace.close(&params.text_document.uri);
            return true;
        }
        Err(notification) => notification,
    };
    // A save changes nothing the server checks (it has the buffer) but other files may have
    // changed on disk meanwhile.
    cast_notification::<DidSaveTextDocument>(notification).is_ok()
}

fn respond(workspace: &Workspace, request: Request) -> Response {
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
