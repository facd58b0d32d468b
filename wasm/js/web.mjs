// Browser entry: `const kataster = await init()` once (the .wasm is fetched from beside this
// file, or pass `{module_or_path}`), then the same API as on Node.js.
import initGlue, * as glue from './web/kataster_wasm.js';

import { createApi } from './facade.mjs';

let api;

/** Instantiate the module once; later calls return the same API. */
export default async function init(options) {
  if (!api) {
    await initGlue(options);
    api = createApi(glue, undefined);
  }
  return api;
}
