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

/** A catalog of about 300 lines that exercises every rule family. */
const warmUpCatalog = Array.from({ length: 20 }, (_, i) => warmUpText.replace(/warm-up|team/g, m => `${m}-${i}`)).join('---\n');

/**
 * Checks a small catalog a number of times, one check per macrotask so that real requests
 * interleave: V8 compiles WebAssembly with a baseline tier first and optimises the functions
 * that run often, so the first keystrokes are not the ones paying for it.
 */
function warmUp(kataster: KatasterInstance, rounds: number) {
  let round = 0;
  const next = () => {
    if (round++ >= rounds) {
      return;
    }
    try {
      kataster.check([{ path: 'warm-up.yaml', text: warmUpCatalog }], { positionEncoding: 'utf-16' });
    } catch {
      return;
    }
    setTimeout(next, 0);
  };
  setTimeout(next, 0);
}

/** Handles requests: `init` first (instantiates the module and the policy), then the others. */
export function createHandler(
  load: (bytes: Uint8Array) => Promise<Api>,
  options: { warmUpRounds?: number } = {},
) {
  let kataster: KatasterInstance | undefined;
  return async (request: WorkerRequest): Promise<WorkerResponse> => {
    const start = performance.now();
    try {
      let value: unknown;
      if (request.type === 'init') {
        const api = await load(request.bytes);
        kataster = new api.Kataster(request.policy ?? undefined);
        value = api.version();
        if (options.warmUpRounds) {
          warmUp(kataster, options.warmUpRounds);
        }
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
