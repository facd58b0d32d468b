// Browser entry: `const kataster = await init()` once (the .wasm is fetched from beside this
// file, or pass `{module_or_path}`), then the same API as on Node.js. This .wasm has
// `Kataster`'s checks, rules and names; a policy with custom schemas (ORG007) and the rest of
// the API (`Session`, the matchers, the discovery helpers, `knownEntitiesFromText`,
// `checkVersion`, `catalogSchema`, `policySchema`) need the complete build, a second .wasm:
// `await init({customSchemas: true})` (or `{complete: true}`, or `{customSchemas:
// {module_or_path}}`) loads it too.
import initGlue, * as glue from './web/kataster_wasm.js';

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
    const withSchemas = await import('./web-schemas/kataster_wasm.js');
    await withSchemas.default(customSchemas === true ? undefined : customSchemas);
    schemasGlue = withSchemas;
  }
  return api;
}
