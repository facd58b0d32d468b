// Entry for bundlers and hosts that load the .wasm themselves (built with
// `--omit-default-module-path`: no URL of the .wasm in the code): `await init({module_or_path})`
// with a `WebAssembly.Module`, bytes, a `Response` or a URL, then the same API as on Node.js.
// A policy with custom schemas (ORG007) needs the build with the custom-schema validator:
// `await init({module_or_path, customSchemas: {module_or_path}})` with embed-schemas/'s .wasm.
import initGlue, * as glue from './embed/kataster_wasm.js';

import { createApi } from './facade.mjs';

let api;
let schemasGlue;

/** `init(options)`: `options` without `customSchemas`, as wasm-bindgen's init takes them. */
function split(options) {
  if (options === null || typeof options !== 'object' || Object.getPrototypeOf(options) !== Object.prototype) {
    return [options, undefined];
  }
  const { customSchemas, ...rest } = options;
  return [Object.keys(rest).length > 0 ? rest : undefined, customSchemas];
}

/** Instantiate the module once; later calls return the same API (and may add the custom-schema build). */
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
