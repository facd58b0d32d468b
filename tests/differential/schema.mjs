#!/usr/bin/env node
// The editor schema against Backstage: every document Backstage accepts must be valid under
// the generated catalog schema (schemas/catalog-info.schema.json, what the YAML language
// server shows as errors), and the share of rejected documents the schema catches must not
// drop below the floor recorded here. Validated with ajv (draft-07), as an editor would.
//
// Usage: node schema.mjs [--schema FILE] [--floor SHARE] [--exceptions TSV] [--shared-corpus DIR] INPUT...
// Prints the counts; exits 1 when a document Backstage accepts is invalid under the schema
// (each is listed with ajv's first error) or when the share caught is below the floor.
//
// Two kinds of documents are counted apart:
// - the differential test's exceptions (exceptions.tsv), whose oracle verdict is known to be
//   wrong or deliberately not followed;
// - documents the oracle accepts only because it cannot read a `$json`/`$yaml` file and so
//   lets it stand for a string: the schema, as `kataster check` (CAT110), says such a
//   placeholder gives data where a string goes. They are the ones that validate once each
//   data placeholder is replaced by one of the oracle's stand-ins ("placeholder", {}, []).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import YAML from 'yaml';
import { collectYamlFiles, findException, loadExceptions } from './compare.mjs';
import { runOracle } from './oracle.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

// The share of documents Backstage rejects that the schema catches (tests/corpus, the
// examples, the generated mutations and ../shared/corpus/real: 1,635 of 1,720, 95.1%, before
// and after the schema accepted placeholders): it may rise, never drop.
const FLOOR = 0.95;

function parseArgs(argv) {
  const args = {
    schema: path.join(here, '../../schemas/catalog-info.schema.json'),
    exceptions: path.join(here, 'exceptions.tsv'),
    floor: FLOOR,
    inputs: [],
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--schema') args.schema = argv[++i];
    else if (argv[i] === '--exceptions') args.exceptions = argv[++i];
    else if (argv[i] === '--floor') args.floor = Number(argv[++i]);
    else if (argv[i] === '--shared-corpus') args.inputs.push(argv[++i]);
    else args.inputs.push(argv[i]);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const ajv = new Ajv({ strict: false, allErrors: false });
const validate = ajv.compile(JSON.parse(readFileSync(args.schema, 'utf8')));

const exceptions = loadExceptions(args.exceptions);

/** The `$json`/`$yaml` placeholders of a value, as [parent, key] pairs. */
function dataPlaceholders(value, found = []) {
  if (value === null || typeof value !== 'object') return found;
  for (const [key, child] of Object.entries(value)) {
    if (child !== null && typeof child === 'object' && !Array.isArray(child)) {
      const keys = Object.keys(child);
      if (keys.length === 1 && (keys[0] === '$json' || keys[0] === '$yaml') && typeof child[keys[0]] === 'string') {
        found.push([value, key]);
        continue;
      }
    }
    dataPlaceholders(child, found);
  }
  return found;
}

/** Whether some choice of the oracle's stand-ins for the data placeholders validates. */
function validWithStandIns(entity) {
  const sites = dataPlaceholders(entity).slice(0, 6);
  if (sites.length === 0) return false;
  const originals = sites.map(([parent, key]) => parent[key]);
  const standIns = ['placeholder', {}, []];
  for (let combination = 0; combination < standIns.length ** sites.length; combination++) {
    let rest = combination;
    for (const [parent, key] of sites) {
      parent[key] = structuredClone(standIns[rest % standIns.length]);
      rest = Math.floor(rest / standIns.length);
    }
    if (validate(entity)) {
      sites.forEach(([parent, key], i) => { parent[key] = originals[i]; });
      return true;
    }
  }
  sites.forEach(([parent, key], i) => { parent[key] = originals[i]; });
  return false;
}

const files = collectYamlFiles(args.inputs);
const verdicts = await runOracle(files);
const documents = new Map();
for (const file of files) {
  let parsed;
  try {
    parsed = YAML.parseAllDocuments(readFileSync(file, 'utf8')).filter((d) => d);
  } catch {
    continue;
  }
  parsed.forEach((document, index) => {
    try {
      documents.set(`${file}\0${index}`, document.toJSON());
    } catch {
      // Unreadable: Backstage rejects it at the YAML stage; no schema sees it.
    }
  });
}

let accepted = 0;
let rejected = 0;
let caught = 0;
let excepted = 0;
let dataForString = 0;
const wrong = [];
for (const { file, document, verdict, stage } of verdicts) {
  // Documents the YAML parser cannot read are no editor schema's business.
  if (document === null || stage === 'yaml' || verdict === 'skip') continue;
  const key = `${file}\0${document}`;
  if (!documents.has(key)) continue;
  if (findException(exceptions, file, document)) {
    excepted += 1;
    continue;
  }
  const valid = validate(documents.get(key));
  if (verdict === 'accept') {
    accepted += 1;
    if (!valid && validWithStandIns(documents.get(key))) {
      dataForString += 1;
    } else if (!valid) {
      const error = validate.errors?.[0];
      wrong.push(`${file} document ${document}: ${error?.instancePath || '/'} ${error?.message}`);
    }
  } else {
    rejected += 1;
    if (!valid) caught += 1;
  }
}

const share = rejected === 0 ? 1 : caught / rejected;
console.log(`editor schema: ${accepted} documents Backstage accepts, ${wrong.length} of them invalid under the schema (and ${dataForString} with $json/$yaml where a string goes, as CAT110 says; ${excepted} excepted)`);
console.log(`editor schema: ${rejected} documents Backstage rejects, ${caught} caught by the schema (${(share * 100).toFixed(1)}%, floor ${(args.floor * 100).toFixed(1)}%)`);
for (const line of wrong) console.log(`  accepted by Backstage, invalid in the editor: ${line}`);
if (wrong.length > 0 || share < args.floor) process.exit(1);
