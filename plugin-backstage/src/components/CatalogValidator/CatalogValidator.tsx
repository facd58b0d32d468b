import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Button, Typography } from '@material-ui/core';
import { InfoCard, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { Text } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { katasterApiRef } from '../../api/KatasterApi';
import type { JsonDiagnostic, KnownEntity } from '../../wasm/types';
import { DiagnosticList } from '../common/DiagnosticList';
import { renderDiagnostic, safeFixChanges, toCmDiagnostics, toOffset } from './diagnosticsMapping';
import { LatestOnly } from './latestOnly';
import { mark } from './timing';
import { YamlEditor } from './YamlEditor';
import { wordReport } from '../../wasm/wording';

const starter = `# Paste or write a catalog-info.yaml: kataster checks it as you type.
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: my-service
spec:
  type: service
  lifecycle: production
  owner: group:default/my-team
`;

interface Outcome {
  /** Counts the validations shown, for tests and measurements. */
  generation: number;
  diagnostics: JsonDiagnostic[];
  /** The text the diagnostics are of (their fixes apply to it only). */
  doc?: Text;
  ms: number;
  mode: string;
  error?: string;
}

/** The page "Catalog validator": a YAML editor with kataster's diagnostics inline. */
export function CatalogValidator(props: { initialText?: string; delay?: number }) {
  const kataster = useApi(katasterApiRef);
  const catalogApi = useApi(catalogApiRef);
  const view = useRef<EditorView>();
  const known = useRef<KnownEntity[] | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome>();
  const generation = useRef(0);

  // References resolve against the catalog's entities, read once.
  const knownLoaded = useMemo(
    () =>
      catalogApi
        .getEntities({ fields: ['kind', 'metadata.name', 'metadata.namespace'] })
        .then(r => {
          known.current = r.items.map(e => ({
            kind: e.kind,
            metadata: { name: e.metadata.name, namespace: e.metadata.namespace ?? 'default' },
          }));
        })
        .catch(() => {
          known.current = [];
        }),
    [catalogApi],
  );

  // One check at a time, of the newest text: asked for as the text changes (the worker checks
  // while the browser draws the keystroke) and again by the editor's linter, which gets the same
  // check; a text replaced before its check started is never checked.
  const checks = useMemo(
    () =>
      new LatestOnly(async (doc: Text) => {
        await knownLoaded;
        mark('check');
        const checked = await kataster.check([{ path: 'catalog-info.yaml', text: doc.toString() }], {
          positionEncoding: 'utf-16',
          knownEntities: known.current,
        });
        mark('checked');
        return checked;
      }),
    [kataster, knownLoaded],
  );

  const lint = useCallback(
    async (editor: EditorView) => {
      const doc = editor.state.doc;
      // User Timing marks (DevTools' performance panel; the end-to-end test's breakdown).
      mark('lint');
      try {
        const checked = await checks.request(doc);
        if (!checked || editor.state.doc !== doc) {
          return [];
        }
        const { ms, mode } = checked;
        const report = wordReport(checked.report, 'editor');
        const diagnostics = toCmDiagnostics(doc, report.diagnostics, renderDiagnostic);
        setOutcome({ generation: ++generation.current, diagnostics: report.diagnostics, doc, ms, mode });
        mark('mapped');
        return diagnostics;
      } catch (error) {
        setOutcome({ generation: ++generation.current, diagnostics: [], ms: 0, mode: '', error: error instanceof Error ? error.message : String(error) });
        return [];
      }
    },
    [checks],
  );

  // Failures surface through the linter's request of the same text.
  const prefetch = useCallback((doc: Text) => checks.request(doc).catch(() => undefined), [checks]);

  const replace = (text: string) => {
    const editor = view.current;
    editor?.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
    editor?.focus();
  };

  /** "Fix all": every safe fix of the last validation, if the text is still the one checked. */
  const fixAll = () => {
    const editor = view.current;
    if (!editor || !outcome?.doc || editor.state.doc !== outcome.doc) {
      return;
    }
    editor.dispatch({ changes: safeFixChanges(outcome.doc, outcome.diagnostics) });
    editor.focus();
  };
  const safeFixes = outcome?.diagnostics.filter(d => d.fix?.applicability === 'safe').length ?? 0;

  const loadExample = async () => {
    const { acmeExample } = await import('../../example/acme.generated');
    replace(acmeExample);
  };

  const select = (d: JsonDiagnostic) => {
    const editor = view.current;
    if (!editor) {
      return;
    }
    const from = toOffset(editor.state.doc, d.line, d.column);
    editor.dispatch({ selection: { anchor: from }, scrollIntoView: true });
    editor.focus();
  };

  useEffect(() => () => setOutcome(undefined), []);

  const counts = outcome?.diagnostics.reduce(
    (acc, d) => ({ ...acc, [d.severity]: (acc[d.severity] ?? 0) + 1 }),
    {} as Record<string, number>,
  );

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Button variant="contained" color="primary" onClick={loadExample} data-testid="kataster-example">
          Example
        </Button>
        <Button variant="outlined" onClick={() => replace('')}>
          Clear
        </Button>
        <Button variant="outlined" onClick={fixAll} disabled={safeFixes === 0} data-testid="kataster-fix-all">
          Fix all{safeFixes > 0 ? ` (${safeFixes})` : ''}
        </Button>
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="kataster-status"
          data-ms={outcome?.ms}
          data-generation={outcome?.generation ?? 0}
          data-mode={outcome?.mode}
        >
          {outcome && !outcome.error
            ? `${counts?.error ?? 0} errors, ${counts?.warning ?? 0} warnings, ${counts?.info ?? 0} info · validated in ${outcome.ms.toFixed(1)} ms (${outcome.mode === 'worker' ? 'Web Worker' : 'main thread'})`
            : 'Validating…'}
        </Typography>
      </Box>
      {outcome?.error && (
        <WarningPanel severity="error" title="kataster could not validate">
          {outcome.error}
        </WarningPanel>
      )}
      <YamlEditor
        initialText={props.initialText ?? starter}
        lint={lint}
        onChange={prefetch}
        delay={props.delay}
        onView={v => {
          view.current = v;
        }}
      />
      <InfoCard title="Diagnostics" noPadding>
        {outcome && outcome.diagnostics.length === 0 && !outcome.error ? (
          <Box p={2}>
            <Typography data-testid="kataster-clean">No problems found.</Typography>
          </Box>
        ) : (
          <DiagnosticList diagnostics={outcome?.diagnostics ?? []} onSelect={select} />
        )}
      </InfoCard>
    </Box>
  );
}
