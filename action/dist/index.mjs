// Node.js entry: the module is compiled and instantiated synchronously on import.
import { createRequire } from 'node:module';

import { createApi } from './facade.mjs';

const require = createRequire(import.meta.url);
const glue = require.resolve('./node/kataster_wasm.js');

function load() {
  delete require.cache[glue];
  return require(glue);
}

const api = createApi(load(), load);

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
