// Entry for bundlers and hosts that load the .wasm themselves (built with
// `--omit-default-module-path`: no URL of the .wasm in the code): `await init({module_or_path})`
// with a `WebAssembly.Module`, bytes, a `Response` or a URL, then the same API as on Node.js.
import initGlue, * as glue from './embed/kataster_wasm.js';

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
