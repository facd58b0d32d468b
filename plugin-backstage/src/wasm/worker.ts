// The Web Worker that validates for the page "Catalog validator" (and every other view when
// workers are allowed): it instantiates the WebAssembly core from the bytes the page posts and
// answers requests. Bundled with the glue into one script by scripts/generate.mjs.
import initGlue, * as glue from './generated/kataster_wasm.js';
import { createApi } from './generated/facade.js';
import { createHandler, WorkerRequest } from './protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: unknown): void;
};

const handle = createHandler(
  async bytes => {
    await initGlue({ module_or_path: bytes });
    return createApi(glue);
  },
  { warmUpRounds: 30 },
);

scope.onmessage = event => {
  handle(event.data).then(response => scope.postMessage(response));
};
