import { useEffect, useRef } from 'react';
import { EditorState, Text } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { Diagnostic as CmDiagnostic, linter, lintGutter } from '@codemirror/lint';
import { yaml } from '@codemirror/lang-yaml';
import { mark } from './timing';

/** An editor's lint source: the document's diagnostics, computed off the main thread. */
export type LintSource = (view: EditorView) => Promise<readonly CmDiagnostic[]>;

export interface YamlEditorProps {
  initialText: string;
  lint: LintSource;
  /** Milliseconds after the last change before the linter shows diagnostics (default 0: the
   * check itself starts on the change, through `onChange`, and runs one at a time in a worker). */
  delay?: number;
  /** Called with each new text, as soon as it is the editor's (before the debounce). */
  onChange?: (doc: Text) => void;
  /** Receives the editor view once created. */
  onView?: (view: EditorView | undefined) => void;
}

const theme = EditorView.theme({
  '&': { height: '60vh', fontSize: '13px', border: '1px solid rgba(127,127,127,0.4)' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
  '.cm-tooltip-lint': { maxWidth: '60ch' },
});

/** A CodeMirror 6 YAML editor with inline diagnostics (gutter markers, underlines, hover text). */
export function YamlEditor(props: YamlEditorProps) {
  const parent = useRef<HTMLDivElement>(null);
  const lint = useRef(props.lint);
  lint.current = props.lint;
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const { onView, delay = 0 } = props;

  useEffect(() => {
    const view = new EditorView({
      parent: parent.current!,
      state: EditorState.create({
        doc: props.initialText,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          yaml(),
          lintGutter(),
          linter(v => lint.current(v), { delay }),
          // A User Timing mark when the text changes (the start of a keystroke's way to its markers).
          EditorView.updateListener.of(u => {
            if (u.docChanged) {
              mark('changed');
              onChange.current?.(u.state.doc);
            }
          }),
          EditorView.lineWrapping,
          theme,
          EditorView.contentAttributes.of({ 'aria-label': 'catalog-info.yaml', 'data-testid': 'kataster-editor' }),
        ],
      }),
    });
    onView?.(view);
    return () => {
      onView?.(undefined);
      view.destroy();
    };
    // The editor is created once; its text is changed through the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return <div ref={parent} data-testid="kataster-editor-root" data-delay={delay} />;
}
