// Messages between the page and the validation worker, and the worker's handler (kept apart
// from the worker's global scope so that tests run it directly).
import type { Api, CheckOptions, JsonReport, KatasterInstance, RuleMeta, SourceFile } from './types';

export type WorkerRequest =
  | { id: number; type: 'init'; bytes: Uint8Array; policy: unknown }
  | { id: number; type: 'check'; files: SourceFile[]; options?: CheckOptions }
  | { id: number; type: 'rules' }
  | { id: number; type: 'ruleDocs'; code: string };

export type WorkerResponse =
  | { id: number; ok: true; value: unknown; ms: number }
  | { id: number; ok: false; error: string };

/** The result of a check with the time the core took. */
export interface TimedReport {
  report: JsonReport;
  /** Milliseconds spent in the WebAssembly core. */
  ms: number;
}

export type { RuleMeta };

const warmUpText = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: warm-up
  annotations: {backstage.io/kubernetes-namespace: cs-warmup-dev}
  labels: {kataster.io/stage: dev}
spec: {type: service, lifecycle: production, owner: group:default/team, dependsOn: [resource:default/db]}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: team}
spec: {type: team, children: []}
`;

/**
 * Runs every rule a few times on a small catalog, so that the engine compiles the hot paths
 * with its optimising tier before the first real keystroke.
 */
function warmUp(kataster: KatasterInstance) {
  for (let i = 0; i < 5; i++) {
    kataster.check([{ path: 'warm-up.yaml', text: warmUpText }], {
      positionEncoding: 'utf-16',
    });
  }
}

/** Handles requests: `init` first (instantiates the module and the policy), then the others. */
export function createHandler(load: (bytes: Uint8Array) => Promise<Api>) {
  let kataster: KatasterInstance | undefined;
  return async (request: WorkerRequest): Promise<WorkerResponse> => {
    const start = performance.now();
    try {
      let value: unknown;
      if (request.type === 'init') {
        const api = await load(request.bytes);
        kataster = new api.Kataster(request.policy ?? undefined);
        value = api.version();
        warmUp(kataster);
      } else if (!kataster) {
        throw new Error('kataster: the worker was not initialised');
      } else if (request.type === 'check') {
        value = kataster.check(request.files, request.options);
      } else if (request.type === 'rules') {
        value = kataster.rules();
      } else {
        value = kataster.ruleDocs(request.code);
      }
      return { id: request.id, ok: true, value, ms: performance.now() - start };
    } catch (error) {
      return { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
