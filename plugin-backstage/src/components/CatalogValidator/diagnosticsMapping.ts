// From the core's diagnostics (1-based lines, 1-based UTF-16 columns, exclusive ends) to
// CodeMirror's (offsets into the document, which are UTF-16 code units).
import type { Diagnostic as CmDiagnostic } from '@codemirror/lint';
import type { ChangeSpec, Text } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { JsonDiagnostic } from '../../wasm/types';

/** The document offset of a 1-based line and a 1-based UTF-16 column, clamped into the document. */
export function toOffset(doc: Text, line: number, column: number): number {
  if (line < 1) {
    return 0;
  }
  if (line > doc.lines) {
    return doc.length;
  }
  const info = doc.line(line);
  return Math.min(info.from + Math.max(column - 1, 0), info.to);
}

/** The range of a diagnostic in the document: never inverted, never past the end. */
export function toRange(doc: Text, d: Pick<JsonDiagnostic, 'line' | 'column' | 'end_line' | 'end_column'>) {
  const from = toOffset(doc, d.line, d.column);
  // An end at column 1 of the next line is the end of this line.
  const to = Math.max(from, toOffset(doc, d.end_line, d.end_column));
  return { from, to };
}

/** The document changes of a fix (its edits never overlap). */
export function fixChanges(doc: Text, fix: NonNullable<JsonDiagnostic['fix']>): ChangeSpec[] {
  return fix.edits.map(edit => ({ ...toRange(doc, edit), insert: edit.content }));
}

/**
 * The changes of every safe fix among `diagnostics`, as `kataster check --fix` applies them in
 * one pass: a fix whose edits overlap one already taken waits for the next validation.
 */
export function safeFixChanges(doc: Text, diagnostics: JsonDiagnostic[]): ChangeSpec[] {
  const taken: { from: number; to: number; insert: string }[] = [];
  for (const d of diagnostics) {
    if (d.fix?.applicability !== 'safe') {
      continue;
    }
    const changes = d.fix.edits.map(edit => ({ ...toRange(doc, edit), insert: edit.content }));
    const overlaps = changes.some(c => taken.some(t => c.from < t.to && t.from < c.to));
    if (!overlaps) {
      taken.push(...changes);
    }
  }
  return taken;
}

/** CodeMirror diagnostics for the core's (which must use `positionEncoding: 'utf-16'`), with a
 * "fix" action where kataster knows the fix. */
export function toCmDiagnostics(
  doc: Text,
  diagnostics: JsonDiagnostic[],
  render?: (d: JsonDiagnostic) => CmDiagnostic['renderMessage'],
): CmDiagnostic[] {
  return diagnostics.map(d => {
    const { from, to } = toRange(doc, d);
    const fix = d.fix;
    return {
      from,
      to,
      severity: d.severity,
      source: d.code,
      message: d.help ? `${d.message} (help: ${d.help})` : d.message,
      renderMessage: render?.(d),
      actions: fix
        ? [
            {
              name: fix.applicability === 'safe' ? 'Fix' : 'Fix (unsafe)',
              apply: (view: EditorView) => {
                // The document may have changed since the check: only a fix of this text applies.
                if (view.state.doc === doc) {
                  view.dispatch({ changes: fixChanges(doc, fix) });
                }
              },
            },
          ]
        : undefined,
    };
  });
}

/** The DOM of a diagnostic's hover text: the code linking to its docs, the message and the help. */
export function renderDiagnostic(d: JsonDiagnostic): () => Node {
  return () => {
    const root = document.createElement('div');
    root.className = 'kataster-diagnostic';
    const title = document.createElement('div');
    const link = document.createElement('a');
    link.href = d.url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.textContent = d.code;
    link.style.fontWeight = 'bold';
    title.append(link, ` ${d.message}`);
    root.append(title);
    if (d.help) {
      const help = document.createElement('div');
      help.textContent = `help: ${d.help}`;
      help.style.opacity = '0.8';
      root.append(help);
    }
    if (d.pointer) {
      const pointer = document.createElement('code');
      pointer.textContent = d.pointer;
      pointer.style.opacity = '0.7';
      root.append(pointer);
    }
    return root;
  };
}
