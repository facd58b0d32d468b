#!/usr/bin/env node
// Differential-test oracle: what a real Backstage catalog backend does when it
// ingests a catalog YAML file, document by document.
//
// Usage:
//   node oracle.mjs [--merge] [--summary] FILE...
//   node oracle.mjs [--merge] [--summary] --list LISTFILE   (one path per line)
//
// Prints one JSON line per YAML document:
//   {"file","document","verdict":"accept"|"reject"|"skip","stage","error"}
//
// The pipeline below mirrors, step by step, what @backstage/plugin-catalog-backend
// (4.0.x) does with a file read by a `file` Location, using the real exported
// functions of @backstage/catalog-model and @backstage/plugin-scaffolder-common
// wherever they exist. Where the backend's own code is internal (not exported),
// it is re-implemented here and the original file is named in a comment.
// See README.md for what is modelled and what is not.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  entityEnvelopeSchemaValidator,
  entitySchemaValidator,
  getCompoundEntityRef,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  makeValidator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  stringifyLocationRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import Ajv from 'ajv';

// lodash and @backstage/errors exactly as @backstage/catalog-model resolves them
// (they are its own dependencies; the backend uses the same ones).
const requireFromCatalogModel = createRequire(
  createRequire(import.meta.url).resolve('@backstage/catalog-model'),
);
const lodash = requireFromCatalogModel('lodash');
const { InputError, ConflictError, toError } = requireFromCatalogModel('@backstage/errors');

// The yaml package reports "Keys with collection values will be stringified"
// through process.emitWarning; that is not an error and would only clutter the
// output when thousands of files are checked.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  if (String(warning?.message ?? warning).startsWith('Keys with collection values will be stringified')) return;
  emitWarning(warning, ...rest);
};

// catalog-backend processing/util.ts
const validateEntity = entitySchemaValidator();
const validateEntityEnvelope = entityEnvelopeSchemaValidator();

// catalog-backend service/CatalogBuilder.ts buildEntityPolicy() (default, no custom policies)
const policy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(makeValidator({})),
]);

// catalog-backend processors/BuiltinKindsEntityProcessor.ts, same order
const BUILTIN_VALIDATORS = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
];
const BUILTIN_SORTED_FIELDS = [
  'spec.providesApis',
  'spec.consumesApis',
  'spec.dependsOn',
  'spec.dependencyOf',
  'spec.memberOf',
  'spec.children',
  'spec.members',
];
// [field, defaultKind, outgoing, incoming] per kind, in the processor's order.
const BUILTIN_RELATION_FIELDS = {
  Component: [
    ['owner', 'Group', 'ownedBy', 'ownerOf'],
    ['subcomponentOf', 'Component', 'partOf', 'hasPart'],
    ['providesApis', 'API', 'providesApi', 'apiProvidedBy'],
    ['consumesApis', 'API', 'consumesApi', 'apiConsumedBy'],
    ['dependsOn', undefined, 'dependsOn', 'dependencyOf'],
    ['dependencyOf', undefined, 'dependencyOf', 'dependsOn'],
    ['system', 'System', 'partOf', 'hasPart'],
  ],
  API: [
    ['owner', 'Group', 'ownedBy', 'ownerOf'],
    ['system', 'System', 'partOf', 'hasPart'],
  ],
  Resource: [
    ['owner', 'Group', 'ownedBy', 'ownerOf'],
    ['dependsOn', undefined, 'dependsOn', 'dependencyOf'],
    ['dependencyOf', undefined, 'dependencyOf', 'dependsOn'],
    ['system', 'System', 'partOf', 'hasPart'],
  ],
  User: [['memberOf', 'Group', 'memberOf', 'hasMember']],
  Group: [
    ['parent', 'Group', 'childOf', 'parentOf'],
    ['children', 'Group', 'parentOf', 'childOf'],
    ['members', 'User', 'hasMember', 'memberOf'],
  ],
  System: [
    ['owner', 'Group', 'ownedBy', 'ownerOf'],
    ['domain', 'Domain', 'partOf', 'hasPart'],
  ],
  Domain: [
    ['owner', 'Group', 'ownedBy', 'ownerOf'],
    ['subdomainOf', 'Domain', 'partOf', 'hasPart'],
  ],
};

// Catalog model modules (kataster's policy `modules:`): the layers each backend module adds
// with `catalogModelExtensionPoint.addModelSource(CatalogModelSources.static([...]))`.
// plugin-catalog-backend-module-ai-model module.ts
// (The CommonJS build: the ES module build of `alpha` imports `lodash/uniqBy` without its
// extension, which Node's ES module loader refuses.)
const {
  aiResourceEntityModel,
  compileCatalogModel,
  defaultCatalogEntityModel,
  mcpServerApiEntityModel,
} = createRequire(import.meta.url)('@backstage/catalog-model/alpha');
export const MODULE_LAYERS = {
  'ai-model': [aiResourceEntityModel, mcpServerApiEntityModel],
};
const compiledModels = new Map();
// catalog-backend model/ModelHolder.ts: the modules' layers and the default model
// (CatalogModelSources.static adds it), compiled once.
function catalogModelOf(modules) {
  const key = modules.join(',');
  if (!compiledModels.has(key)) {
    const layers = modules.flatMap(module => {
      const moduleLayers = MODULE_LAYERS[module];
      if (!moduleLayers) throw new Error(`unknown catalog model module ${module}`);
      return moduleLayers;
    });
    compiledModels.set(key, compileCatalogModel([...layers, defaultCatalogEntityModel]));
  }
  return compiledModels.get(key);
}
// catalog-backend processors/SchemaValidator.ts
const modelAjv = new Ajv({ allowUnionTypes: true, allErrors: true, validateSchema: true, addUsedSchema: false });
const modelValidators = new Map();
function modelSchemaErrors(schema, data) {
  if (!modelValidators.has(schema)) modelValidators.set(schema, modelAjv.compile(schema));
  const validate = modelValidators.get(schema);
  if (validate(data)) return [];
  return (validate.errors ?? []).map(
    e => `${e.instancePath || '<root>'} ${e.message}${e.params ? ` - ${Object.entries(e.params).map(([key, val]) => `${key}: ${val}`).join(', ')}` : ''}`,
  );
}
// catalog-backend processors/ModelProcessor.ts validateEntityKind()
const modelValidator = model => ({
  async check(entity) {
    const kind = model.getKind(entity);
    if (!kind) return false;
    const errors = modelSchemaErrors(kind.jsonSchema, entity);
    if (errors.length) {
      throw new TypeError(`Validation of ${entity.kind} entity failed: ${errors.join('; ')}`);
    }
    return true;
  },
});

// Placeholder resolvers: json, yaml, text are built in (CatalogBuilder);
// openapi and asyncapi come from @backstage/plugin-catalog-backend-module-openapi,
// which most installations that use them add. The oracle cannot read the
// referenced files, so a resolvable placeholder becomes the string "placeholder".
export const PLACEHOLDER_RESOLVERS = new Set(['json', 'yaml', 'text', 'openapi', 'asyncapi']);
export const PLACEHOLDER_VALUE = 'placeholder';

class Rejection extends Error {
  constructor(stage, message) {
    super(message);
    this.stage = stage;
  }
}

// What a resolved placeholder may stand for. $text (and the openapi/asyncapi
// resolvers, which return the bundled document as text) always give a string;
// $json and $yaml give whatever the referenced file holds. The oracle cannot read
// the file, so it treats the placeholder as an unknown value: the entity is
// accepted if SOME candidate value for each placeholder lets it pass.
const PLACEHOLDER_CANDIDATES = {
  text: [PLACEHOLDER_VALUE],
  openapi: [PLACEHOLDER_VALUE],
  asyncapi: [PLACEHOLDER_VALUE],
  json: [PLACEHOLDER_VALUE, {}, []],
  yaml: [PLACEHOLDER_VALUE, {}, []],
};
const MAX_PLACEHOLDER_COMBINATIONS = 729;

// catalog-backend processors/PlaceholderProcessor.ts preProcessEntity(), minus the
// reading: `choose(resolverKey, index)` gives the value for the index-th
// resolvable placeholder met (in traversal order).
function resolvePlaceholders(data, choose, counter = { n: 0 }) {
  if (!data || !(data instanceof Object)) {
    return [data, false];
  }
  if (Array.isArray(data)) {
    const items = data.map(item => resolvePlaceholders(item, choose, counter));
    return items.every(([, changed]) => !changed)
      ? [data, false]
      : [items.map(([item]) => item), true];
  }
  const keys = Object.keys(data);
  if (!keys.some(k => k.startsWith('$'))) {
    const entries = Object.entries(data).map(([k, v]) => [k, resolvePlaceholders(v, choose, counter)]);
    return entries.every(([, [, changed]]) => !changed)
      ? [data, false]
      : [Object.fromEntries(entries.map(([k, [v]]) => [k, v])), true];
  } else if (keys.length !== 1) {
    return [data, false];
  }
  const resolverKey = keys[0].substring(1);
  if (!PLACEHOLDER_RESOLVERS.has(resolverKey)) {
    return [data, false];
  }
  const value = data[keys[0]];
  if (typeof value !== 'string') {
    // PlaceholderProcessor.ts relativeUrl()
    throw new Error(
      `Placeholder $${resolverKey} expected a string value parameter, in the form of an absolute URL or a relative path`,
    );
  }
  return [structuredClone(choose(resolverKey, counter.n++)), true];
}

// catalog-backend database/operations/stitcher/buildEntitySearch.ts: traverse()
// and the "duplicate keys that vary only in casing" check. A failure here makes
// stitching fail, so the entity never becomes visible in the catalog.
const STITCH_SPECIAL_KEYS = [
  'attachments',
  'relations',
  'status',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'metadata.etag',
];
function stitchSearchKeyCheck(entity) {
  const keys = [];
  const seenPathKeys = new Set();
  function visit(p, current) {
    if (STITCH_SPECIAL_KEYS.includes(p)) return;
    if (current === undefined || current === null || ['string', 'number', 'boolean'].includes(typeof current)) {
      keys.push(p);
      return;
    }
    if (typeof current !== 'object') return;
    if (Array.isArray(current)) {
      for (const item of current) {
        visit(p, item);
        if (typeof item === 'string') {
          const pathKey = `${p}.${item}`;
          const lowerKey = pathKey.toLowerCase();
          if (!seenPathKeys.has(lowerKey)) {
            seenPathKeys.add(lowerKey);
            keys.push(pathKey);
          }
        }
      }
      return;
    }
    for (const [key, value] of Object.entries(current)) {
      visit(p ? `${p}.${key}` : key, value);
    }
  }
  visit('', entity);
  keys.push('metadata.name', 'metadata.namespace', 'metadata.uid');
  for (const relation of entity.relations ?? []) keys.push(`relations.${relation.type}`);
  const keySet = new Set(keys);
  const lowerKeys = new Set(keys.map(k => k.toLowerCase()));
  if (keySet.size !== lowerKeys.size) {
    const difference = [];
    for (const key of keySet) {
      const lower = key.toLowerCase();
      if (!lowerKeys.delete(lower)) difference.push(lower);
    }
    throw new InputError(`Entity has duplicate keys that vary only in casing, '${difference.join("', '")}'`);
  }
}

/**
 * Process one parsed entity (the toJSON() of one YAML document) the way the
 * backend does after the file parser emitted it. Returns the relations on
 * success, throws a Rejection otherwise.
 */
async function processEntity(raw, locationRef, { modules = [] } = {}) {
  const model = modules.length ? catalogModelOf(modules) : null;
  // --- ProcessorOutputCollector.receive() for an emitted entity -------------
  try {
    validateEntityEnvelope(raw);
  } catch (e) {
    throw new Rejection('envelope', toError(e).message);
  }
  const annotations = raw.metadata.annotations || {};
  if (typeof annotations !== 'object' || Array.isArray(annotations)) {
    throw new Rejection('envelope', 'metadata.annotations must be a valid object');
  }
  let entity = {
    ...raw,
    metadata: {
      ...raw.metadata,
      annotations: {
        ...annotations,
        [ANNOTATION_ORIGIN_LOCATION]: locationRef,
        [ANNOTATION_LOCATION]: locationRef,
      },
    },
  };
  // The deferred entity is stored as JSON text in refresh_state.unprocessed_entity
  // and parsed again before it is processed (insertUnprocessedEntity.ts,
  // DefaultProcessingDatabase.getProcessableEntities()).
  entity = JSON.parse(JSON.stringify(entity));

  // --- DefaultCatalogProcessingOrchestrator.processSingleEntity() ----------
  try {
    validateEntityEnvelope(entity);
  } catch (e) {
    throw new Rejection('envelope', new InputError('Entity envelope failed validation before processing', e).message);
  }
  const entityRef = stringifyEntityRef(entity);

  // preProcessEntity: PlaceholderProcessor first.
  const sites = [];
  try {
    resolvePlaceholders(entity, (key, i) => {
      sites.push(PLACEHOLDER_CANDIDATES[key] ?? [PLACEHOLDER_VALUE]);
      return PLACEHOLDER_VALUE;
    });
  } catch (e) {
    throw new Rejection(
      'placeholder',
      new InputError('Processor PlaceholderProcessor threw an error while preprocessing', e).message,
    );
  }
  if (sites.length === 0) {
    return processResolved(entity, entityRef, locationRef, model);
  }
  // Try every combination of candidate values (first combination = all strings);
  // accept if one passes, else report the first combination's error.
  const combos = [];
  const walk = (i, acc) => {
    if (combos.length >= MAX_PLACEHOLDER_COMBINATIONS) return;
    if (i === sites.length) return void combos.push(acc);
    for (const c of sites[i]) walk(i + 1, [...acc, c]);
  };
  walk(0, []);
  let firstError;
  for (const combo of combos) {
    const [resolved] = resolvePlaceholders(structuredClone(entity), (key, i) => combo[i]);
    try {
      return await processResolved(resolved, entityRef, locationRef, model);
    } catch (e) {
      firstError ??= e;
    }
  }
  throw firstError;
}

async function processResolved(entity, entityRef, locationRef, model) {
  // preProcessEntity, continued: BuiltinKindsEntityProcessor (sorts relation
  // arrays), AnnotateLocationEntityProcessor (merges location annotations).
  for (const field of BUILTIN_SORTED_FIELDS) {
    const value = lodash.get(entity, field);
    if (value && Array.isArray(value) && value.every(v => typeof v === 'string')) {
      lodash.set(entity, field, value.sort());
    }
  }
  entity = lodash.merge(
    {
      metadata: {
        annotations: lodash.pickBy(
          { [ANNOTATION_LOCATION]: locationRef, [ANNOTATION_ORIGIN_LOCATION]: locationRef },
          lodash.identity,
        ),
      },
    },
    entity,
  );

  // runPolicyStep
  try {
    entity = await policy.enforce(entity);
  } catch (e) {
    throw new Rejection('policy', new InputError(`Policy check failed for ${stringifyEntityRef(entity)}`, e).message);
  }

  // runValidateStep
  if (stringifyEntityRef(entity) !== entityRef) {
    throw new Rejection('kind', 'Fatal: The entity kind, namespace, or name changed during processing');
  }
  try {
    validateEntity(entity);
  } catch (e) {
    throw new Rejection(
      'kind',
      new ConflictError(`Entity envelope for ${entityRef} failed validation after preprocessing`, e).message,
    );
  }
  let valid = false;
  // CatalogBuilder.buildProcessors(): with model sources, the ModelProcessor replaces the
  // BuiltinKindsEntityProcessor.
  const kindProcessors = [
    model ? ['ModelProcessor', [modelValidator(model)]] : ['BuiltinKindsEntityProcessor', BUILTIN_VALIDATORS],
    ['ScaffolderEntitiesProcessor', [templateEntityV1beta3Validator]],
  ];
  for (const [name, validators] of kindProcessors) {
    try {
      for (const validator of validators) {
        if (await validator.check(entity)) {
          valid = true;
          break;
        }
      }
    } catch (e) {
      throw new Rejection(
        'kind',
        new InputError(`Processor ${name} threw an error while validating the entity ${entityRef}`, e).message,
      );
    }
  }
  if (!valid) {
    throw new Rejection(
      'kind',
      new InputError(
        `No processor recognized the entity ${entityRef} as valid, possibly caused by a foreign kind or apiVersion`,
      ).message,
    );
  }

  // runSpecialLocationStep (Location entities): reads the targets. NOT modelled.

  // runPostProcessStep: BuiltinKindsEntityProcessor, then ScaffolderEntitiesProcessor
  const relations = [];
  const selfRef = getCompoundEntityRef(entity);
  const emitRelation = (type, target) =>
    relations.push({ type, targetRef: stringifyEntityRef(target) });
  if (model) {
    try {
      modelRelations(model, entity, selfRef, emitRelation);
    } catch (e) {
      throw new Rejection(
        'relations',
        new InputError('Processor ModelProcessor threw an error while postprocessing', e).message,
      );
    }
  }
  try {
    for (const [field, defaultKind, outgoing] of model ? [] : BUILTIN_RELATION_FIELDS[entity.kind] ?? []) {
      const targets = entity.spec[field];
      if (!targets) continue;
      for (const target of [targets].flat()) {
        const ref = parseEntityRef(target, { defaultKind, defaultNamespace: selfRef.namespace });
        emitRelation(outgoing, ref);
      }
    }
  } catch (e) {
    throw new Rejection(
      'relations',
      new InputError('Processor BuiltinKindsEntityProcessor threw an error while postprocessing', e).message,
    );
  }
  try {
    if (entity.apiVersion === 'scaffolder.backstage.io/v1beta3' && entity.kind === 'Template') {
      const target = entity.spec.owner;
      if (target) {
        const ref = parseEntityRef(target, { defaultKind: 'Group', defaultNamespace: selfRef.namespace });
        emitRelation('ownedBy', ref);
      }
    }
  } catch (e) {
    throw new Rejection(
      'relations',
      new InputError('Processor ScaffolderEntitiesProcessor threw an error while postprocessing', e).message,
    );
  }

  // Stitching (performStitching.ts -> buildEntitySearch.ts)
  const final = JSON.parse(JSON.stringify(entity));
  final.relations = relations;
  try {
    stitchSearchKeyCheck(final);
  } catch (e) {
    throw new Rejection('stitch', toError(e).message);
  }
  return relations;
}

// catalog-backend processors/ModelProcessor.ts postProcessEntity(): the kind's relation fields.
function modelRelations(model, entity, selfRef, emitRelation) {
  const kind = model.getKind(entity);
  if (!kind) return;
  for (const fieldModel of kind.relationFields) {
    const fieldValue = lodash.get(entity, fieldModel.path);
    if (!fieldValue) continue;
    const shorthandRefs = (Array.isArray(fieldValue) ? fieldValue : [fieldValue]).filter(x => x && typeof x === 'string');
    for (const shorthandRef of shorthandRefs) {
      const targetRef = parseEntityRef(shorthandRef, {
        defaultKind: fieldModel.defaultKind,
        defaultNamespace: fieldModel.defaultNamespace === 'default' ? 'default' : selfRef.namespace,
      });
      const targetKind = targetRef.kind.toLowerCase();
      if (fieldModel.allowedKinds && !fieldModel.allowedKinds.some(k => k.toLowerCase() === targetKind)) continue;
      emitRelation(fieldModel.relation, targetRef);
    }
  }
}

function result(file, document, verdict, stage = null, error = null) {
  return { file, document, verdict, stage, error };
}

/**
 * Evaluate the YAML text of one file. `label` is the path as given, `absPath`
 * is used for the location reference (file:<absolute path>).
 * Mirrors catalog-node processing/parse.ts parseEntityYaml() and
 * FileReaderProcessor (which catches a throw from the parser and stops reading).
 */
export async function evaluateText(text, label, { merge = false, absPath, modules = [] } = {}) {
  const locationRef = stringifyLocationRef({ type: 'file', target: absPath ?? path.resolve(label) });
  const out = [];
  let documents;
  try {
    documents = YAML.parseAllDocuments(text, { merge }).filter(d => d);
  } catch (e) {
    out.push(result(label, null, 'reject', 'yaml', `Failed to parse YAML at ${locationRef}, ${e}`));
    return out;
  }
  let aborted = null;
  for (let i = 0; i < documents.length; i++) {
    const document = documents[i];
    if (aborted !== null) {
      out.push(result(label, i, 'reject', 'yaml', `not processed: document ${aborted} aborted reading of the file`));
      continue;
    }
    if (document.errors?.length) {
      out.push(result(label, i, 'reject', 'yaml', `YAML error at ${locationRef}, ${document.errors[0]}`));
      continue;
    }
    let json;
    try {
      json = document.toJSON();
    } catch (e) {
      // e.g. an alias to an undefined anchor: toJSON() throws, the generator
      // dies, FileReaderProcessor reports "could not be read" and stops.
      aborted = i;
      out.push(result(label, i, 'reject', 'yaml', `${locationRef} could not be read, ${e}`));
      continue;
    }
    if (lodash.isPlainObject(json)) {
      try {
        await processEntity(json, locationRef, { modules });
        out.push(result(label, i, 'accept'));
      } catch (e) {
        if (e instanceof Rejection) {
          out.push(result(label, i, 'reject', e.stage, e.message));
        } else {
          out.push(result(label, i, 'reject', 'internal', `oracle internal error: ${e?.stack ?? e}`));
        }
      }
    } else if (json === null) {
      out.push(result(label, i, 'skip'));
    } else {
      out.push(result(label, i, 'reject', 'root', `Expected object at root, got ${typeof json}`));
    }
  }
  return out;
}

/** Evaluate one file given by path (read as bytes, decoded as UTF-8 like the backend). */
export async function evaluateFile(label, opts = {}) {
  let text;
  try {
    text = readFileSync(label).toString('utf8');
  } catch (e) {
    return [result(label, null, 'reject', 'yaml', `file ${label} could not be read, ${e}`)];
  }
  return evaluateText(text, label, { ...opts, absPath: path.resolve(label) });
}

/** Evaluate many files in one process. */
export async function runOracle(files, opts = {}) {
  const all = [];
  for (const f of files) all.push(...(await evaluateFile(f, opts)));
  return all;
}

/** Reduce an error message to a shape for grouping (drop entity refs, values, locations). */
export function normalizeMessage(stage, msg) {
  if (msg == null) return '';
  let m = String(msg)
    .replace(/^Policy check failed for [\s\S]*?; caused by/, 'Policy check failed for <ref>; caused by')
    .replace(/while validating the entity [\s\S]*?; caused by/, 'while validating the entity <ref>; caused by')
    .replace(/but found "[\s\S]*"\./, 'but found "<value>".')
    .split('\n')[0];
  m = m.replace(/at file:\S+?,/g, 'at <file>,');
  m = m.replace(/file:\S+ could not be read/g, '<file> could not be read');
  m = m.replace(/ at line \d+, column \d+:?/g, '');
  m = m.replace(/^Policy check failed for .*?; caused by/, 'Policy check failed for <ref>; caused by');
  m = m.replace(/while validating the entity .*?; caused by/, 'while validating the entity <ref>; caused by');
  m = m.replace(/^No processor recognized the entity .* as valid/, 'No processor recognized the entity <ref> as valid');
  m = m.replace(/^Entity envelope for .*? failed/, 'Entity envelope for <ref> failed');
  m = m.replace(/but found "[\s\S]*"\./g, 'but found "<value>".');
  m = m.replace(/Entity reference (".*?"|\S+) (had|was)/g, 'Entity reference <ref> $2');
  m = m.replace(/"(labels|annotations)\..*?" (is not valid|must have a value)/g, '"$1.<key>" $2');
  m = m.replace(/"(tags|links)\.\d+/g, '"$1.<i>');
  m = m.replace(/\/\d+(?=[/ ]|$)/g, '/<i>');
  m = m.replace(/(\/metadata\/(labels|annotations))\/\S+/g, '$1/<key>');
  m = m.replace(/ To learn more about catalog file format.*$/, '');
  m = m.replace(/casing, .*$/, 'casing, <keys>');
  m = m.replace(/aborted reading of the file.*$/, 'aborted reading of the file');
  m = m.replace(/^not processed: document \d+/, 'not processed: document <n>');
  return m.trim();
}

export function summarize(results, { top = 30 } = {}) {
  const counts = { accept: 0, reject: 0, skip: 0 };
  const byStage = new Map();
  for (const r of results) {
    counts[r.verdict] = (counts[r.verdict] ?? 0) + 1;
    if (r.verdict !== 'reject') continue;
    if (!byStage.has(r.stage)) byStage.set(r.stage, new Map());
    const m = byStage.get(r.stage);
    const key = normalizeMessage(r.stage, r.error);
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  const lines = [];
  lines.push(`documents: ${results.length}  accept: ${counts.accept}  reject: ${counts.reject}  skip: ${counts.skip}`);
  const stageOrder = ['yaml', 'root', 'envelope', 'placeholder', 'policy', 'kind', 'relations', 'stitch', 'internal'];
  const stages = [...byStage.keys()].sort((a, b) => stageOrder.indexOf(a) - stageOrder.indexOf(b));
  for (const stage of stages) {
    const m = byStage.get(stage);
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    lines.push(`stage ${stage}: ${total} documents, ${m.size} distinct messages`);
    const sorted = [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [msg, n] of sorted.slice(0, top)) lines.push(`  ${String(n).padStart(5)}  ${msg}`);
  }
  return lines.join('\n');
}

async function main(argv) {
  let merge = false;
  let summary = false;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--merge') merge = true;
    else if (a === '--summary') summary = true;
    else if (a === '--list') {
      const listFile = argv[++i];
      if (!listFile) throw new Error('--list needs a file');
      for (const line of readFileSync(listFile, 'utf8').split(/\r?\n/)) if (line.trim()) files.push(line.trim());
    } else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: node oracle.mjs [--merge] [--summary] (FILE... | --list LISTFILE)\n');
      return 0;
    } else files.push(a);
  }
  const all = [];
  const chunks = [];
  for (const f of files) {
    const rs = await evaluateFile(f, { merge });
    for (const r of rs) chunks.push(JSON.stringify(r));
    if (chunks.length >= 1000) {
      process.stdout.write(chunks.join('\n') + '\n');
      chunks.length = 0;
    }
    if (summary) all.push(...rs);
  }
  if (chunks.length) process.stdout.write(chunks.join('\n') + '\n');
  if (summary) process.stderr.write(summarize(all) + '\n');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    code => {
      process.exitCode = code;
    },
    err => {
      process.stderr.write(`oracle: ${err?.stack ?? err}\n`);
      process.exitCode = 2;
    },
  );
}
