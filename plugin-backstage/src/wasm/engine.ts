// Loads the WebAssembly core lazily and runs it in a Web Worker, or on the main thread where
// workers cannot start (a Content-Security-Policy without `worker-src blob:`, or no `Worker`
// at all, as in Jest). Everything heavy is behind dynamic imports: the .wasm bytes, the glue
// and the worker's script are separate chunks that load on first use.
import { createHandler, WorkerRequest, WorkerResponse } from './protocol';

/** Where validation runs. */
export type EngineMode = 'worker' | 'main-thread';

export interface Engine {
  readonly mode: EngineMode;
  /** The kataster version of the WebAssembly core. */
  readonly version: string;
  call(request: DistributiveOmit<WorkerRequest, 'id'>): Promise<{ value: unknown; ms: number }>;
  dispose(): void;
}

type DistributiveOmit<T, K extends keyof any> = T extends unknown ? Omit<T, K> : never;

/** Decodes the embedded base64 .wasm. */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/** Inflates gzip data with the platform's DecompressionStream. */
export async function gunzip(data: Uint8Array): Promise<Uint8Array> {
  const input = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(data);
      controller.close();
    },
  });
  const reader = input.pipeThrough(new DecompressionStream('gzip') as any).getReader() as ReadableStreamDefaultReader<Uint8Array>;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    chunks.push(value);
    size += value.length;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** The embedded .wasm, from its own lazily loaded chunk. */
export async function loadBytes(): Promise<Uint8Array> {
  const { wasmGzipBase64 } = await import('./generated/wasmBytes');
  return gunzip(decodeBase64(wasmGzipBase64));
}

/** An error the core reported (an invalid policy, a bad option): the same wherever it runs. */
export class CoreError extends Error {}

function unwrap(response: WorkerResponse): { value: unknown; ms: number } {
  if (!response.ok) {
    throw new CoreError(response.error);
  }
  return { value: response.value, ms: response.ms };
}

/** The core on the main thread. */
export async function startMainThreadEngine(policy: unknown, bytes?: Uint8Array): Promise<Engine> {
  const [glue, { createApi }] = await Promise.all([
    import('./generated/kataster_wasm.js'),
    import('./generated/facade.js'),
  ]);
  const handle = createHandler(async moduleBytes => {
    await glue.default({ module_or_path: moduleBytes });
    return createApi(glue);
  });
  let id = 0;
  const init = unwrap(await handle({ id: id++, type: 'init', bytes: bytes ?? (await loadBytes()), policy }));
  return {
    mode: 'main-thread',
    version: String(init.value),
    call: async request => unwrap(await handle({ ...request, id: id++ } as WorkerRequest)),
    dispose: () => {},
  };
}

/** The core in a Web Worker started from a Blob URL (its script is embedded too). */
export async function startWorkerEngine(policy: unknown, bytes?: Uint8Array): Promise<Engine> {
  if (typeof Worker === 'undefined' || typeof URL.createObjectURL !== 'function') {
    throw new Error('Web Workers are not available');
  }
  const [{ workerSource }, moduleBytes] = await Promise.all([
    import('./generated/workerSource'),
    bytes ? Promise.resolve(bytes) : loadBytes(),
  ]);
  const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
  let worker: Worker;
  try {
    worker = new Worker(url, { name: 'kataster' });
  } finally {
    // The worker has fetched its script once constructed.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  const pending = new Map<number, { resolve(r: WorkerResponse): void; reject(e: Error): void }>();
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const { reject } of pending.values()) {
      reject(error);
    }
    pending.clear();
  };
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const entry = pending.get(event.data.id);
    pending.delete(event.data.id);
    entry?.resolve(event.data);
  };
  worker.onerror = event => {
    event.preventDefault?.();
    failAll(new Error(`kataster: the validation worker failed${event.message ? `: ${event.message}` : ''}`));
  };
  let next = 0;
  const call = (request: DistributiveOmit<WorkerRequest, 'id'>) =>
    new Promise<WorkerResponse>((resolve, reject) => {
      if (failure) {
        reject(failure);
        return;
      }
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    }).then(unwrap);
  try {
    const init = await call({ type: 'init', bytes: moduleBytes, policy });
    return {
      mode: 'worker',
      version: String(init.value),
      call,
      dispose: () => worker.terminate(),
    };
  } catch (error) {
    worker.terminate();
    throw error;
  }
}

/**
 * Starts the core: in a worker when `preferWorker` and workers work here, else on the main
 * thread. A policy the core rejects fails both, with the core's message.
 */
export async function startEngine(policy: unknown, preferWorker: boolean): Promise<Engine> {
  if (preferWorker && typeof Worker !== 'undefined') {
    const bytes = await loadBytes();
    try {
      return await startWorkerEngine(policy, bytes);
    } catch (error) {
      // The core's errors (an invalid policy) are the same on the main thread; anything else
      // (a CSP without `worker-src blob:`, a worker that fails to load) falls back to it.
      if (error instanceof CoreError) {
        throw error;
      }
      return startMainThreadEngine(policy, bytes);
    }
  }
  return startMainThreadEngine(policy);
}
