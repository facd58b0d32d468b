// Entry for bundlers and hosts that load the .wasm themselves (built with
// `--omit-default-module-path`: no URL of the .wasm in the code): `await init({module_or_path})`
// with a `WebAssembly.Module`, bytes, a `Response` or a URL, then the same API as on Node.js.
// This .wasm has `Kataster`'s checks, rules and names; a policy with custom schemas (ORG007)
// and the rest of the API need the complete build: `await init({module_or_path,
// customSchemas: {module_or_path}})` (or `complete: {module_or_path}`) with embed-schemas/'s .wasm.
import initGlue, * as glue from './embed/kataster_wasm.js';

import { createApi } from './facade.mjs';

let api;
let schemasGlue;

/** `init(options)`: `options` without `customSchemas` (or `complete`), as wasm-bindgen's init takes them. */
function split(options) {
  if (options === null || typeof options !== 'object' || Object.getPrototypeOf(options) !== Object.prototype) {
    return [options, undefined];
  }
  const { customSchemas, complete, ...rest } = options;
  return [Object.keys(rest).length > 0 ? rest : undefined, complete ?? customSchemas];
}

/** Instantiate the module once; later calls return the same API (and may add the complete build). */
export default async function init(options) {
  const [own, customSchemas] = split(options);
  if (!api) {
    await initGlue(own);
    api = createApi(glue, undefined, { load: () => schemasGlue });
  }
  if (customSchemas && !schemasGlue) {
    const withSchemas = await import('./embed-schemas/kataster_wasm.js');
    await withSchemas.default(customSchemas);
    schemasGlue = withSchemas;
  }
  return api;
}
