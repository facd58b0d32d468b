// Node.js entry: the module is compiled and instantiated synchronously on import. The build
// with the custom-schema validator (node-schemas/) is loaded on first use, for a policy whose
// custom schemas are given; `KATASTER_WASM_BUILD=schemas` runs everything on it (the tests
// run the conformance corpus on both builds). `KATASTER_WASM_BUILD=web` runs on the browser's
// build (web/: `Kataster`'s checks, rules and names) what it has and the rest on node-schemas/,
// as in a browser (for the tests; web/ cannot be loaded again after a trap).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { createApi } from './facade.mjs';

const require = createRequire(import.meta.url);

function loader(file) {
  const glue = require.resolve(file);
  return () => {
    delete require.cache[glue];
    return require(glue);
  };
}

const withSchemas = loader('./node-schemas/kataster_wasm.js');

async function browserBuild() {
  const glue = await import('./web/kataster_wasm.js');
  glue.initSync({ module: readFileSync(new URL('./web/kataster_wasm_bg.wasm', import.meta.url)) });
  return createApi(glue, undefined, { load: withSchemas, reload: withSchemas });
}

const build = process.env.KATASTER_WASM_BUILD;
const api = build === 'schemas'
  ? createApi(withSchemas(), withSchemas)
  : build === 'web'
    ? await browserBuild()
    : createApi(loader('./node/kataster_wasm.js')(), loader('./node/kataster_wasm.js'), { load: withSchemas, reload: withSchemas });

export const {
  Kataster,
  Session,
  GlobMatcher,
  GitignoreMatcher,
  KatasterInternalError,
  isCatalogFile,
  classify,
  policyFileNames,
  isYamlPath,
  pathPatternError,
  isCandidatePath,
  chartFilesFor,
  skeletonParentsFor,
  isScaffolderTemplate,
  decodeFile,
  knownEntitiesFromText,
  version,
  __panicForTests,
} = api;
