// Browser entry: `const kataster = await init()` once (the .wasm is fetched from beside this
// file, or pass `{module_or_path}`), then the same API as on Node.js. A policy with custom
// schemas (ORG007) needs the build with the custom-schema validator, a second .wasm:
// `await init({customSchemas: true})` (or `{customSchemas: {module_or_path}}`) loads it too.
import initGlue, * as glue from './web/kataster_wasm.js';

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
    const withSchemas = await import('./web-schemas/kataster_wasm.js');
    await withSchemas.default(customSchemas === true ? undefined : customSchemas);
    schemasGlue = withSchemas;
  }
  return api;
}
