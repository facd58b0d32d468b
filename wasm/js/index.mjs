// Node.js entry: the module is compiled and instantiated synchronously on import. The build
// with the custom-schema validator (node-schemas/) is loaded on first use, for a policy whose
// custom schemas are given; `KATASTER_WASM_BUILD=schemas` runs everything on it (the tests
// run the conformance corpus on both builds).
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
const api = process.env.KATASTER_WASM_BUILD === 'schemas'
  ? createApi(withSchemas(), withSchemas)
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
