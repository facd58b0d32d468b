// Validates one entity: the entity as the catalog API stores it, plus its raw source file when
// the browser can read it. Every rule that applies to one entity runs; references resolve
// against the entities the catalog has (the targets of the entity's relations).
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import type { KatasterApi } from '../../api/KatasterApi';
import type { EntitySource } from '../../api/SourceApi';
import type { JsonDiagnostic, KnownEntity } from '../../wasm/types';
import { wordReport } from '../../wasm/wording';

/** A diagnostic of the card, with where it was found. */
export interface Finding extends JsonDiagnostic {
  /** `source`: in the source file (line and column are the file's); `stored`: in the entity as the catalog stores it. */
  origin: 'source' | 'stored';
}

export interface EntityValidation {
  findings: Finding[];
  /** The source file checked, if it could be read and holds the entity. */
  source?: { path: string; document: number };
  /** Why the source file was not checked. */
  sourceNote?: string;
  errors: number;
  warnings: number;
  /** Milliseconds in the core. */
  ms: number;
}

/** The entity without what the catalog adds at its root (`relations`, `status`). */
export function storedEntity(entity: Entity): Record<string, unknown> {
  const { relations, status, ...rest } = entity as Entity & { status?: unknown };
  return rest;
}

/** The index of the YAML document in `text` that defines the entity, or -1. */
export function findDocument(text: string, entity: Entity): number {
  const want = {
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: (entity.metadata.namespace ?? 'default').toLocaleLowerCase('en-US'),
    name: entity.metadata.name.toLocaleLowerCase('en-US'),
  };
  let documents;
  try {
    documents = parseAllDocuments(text, { uniqueKeys: false });
  } catch {
    return -1;
  }
  const list = Array.isArray(documents) ? documents : [documents];
  return list.findIndex(document => {
    let value: any;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch {
      return false;
    }
    if (!value || typeof value !== 'object') {
      return false;
    }
    const kind = String(value.kind ?? '').toLocaleLowerCase('en-US');
    const name = String(value.metadata?.name ?? '').toLocaleLowerCase('en-US');
    const namespace = String(value.metadata?.namespace ?? 'default').toLocaleLowerCase('en-US');
    return kind === want.kind && name === want.name && namespace === want.namespace;
  });
}

/** The targets of the entity's relations that the catalog has, as known entities. */
export function knownFromEntities(entities: (Entity | undefined)[]): KnownEntity[] {
  return entities
    .filter((e): e is Entity => Boolean(e))
    .map(e => ({ kind: e.kind, metadata: { name: e.metadata.name, namespace: e.metadata.namespace ?? 'default' } }));
}

// The same finding in the source and in the stored entity: same rule, same message (the
// pointer may differ: the catalog adds `metadata.annotations`, for one).
const key = (d: JsonDiagnostic) => `${d.code}\u0000${d.message}`;

export async function validateEntity(options: {
  entity: Entity;
  kataster: KatasterApi;
  /** Entities references may resolve to (besides this one). */
  known?: KnownEntity[];
  /** The raw source file, when it could be read. */
  source?: EntitySource;
  /** Why the source file could not be read, when the reader said (e.g. the backend refused it). */
  sourceError?: string;
}): Promise<EntityValidation> {
  const { entity, kataster, source } = options;
  const known = [...(options.known ?? []), ...knownFromEntities([entity])];
  const ref = stringifyEntityRef(entity);
  const stored = await kataster.check([{ path: `${ref} (stored)`, text: `${JSON.stringify(storedEntity(entity), null, 2)}\n` }], {
    knownEntities: known,
    positionEncoding: 'utf-16',
  });
  let ms = stored.ms;
  const findings: Finding[] = [];
  let sourceInfo: EntityValidation['source'];
  let sourceNote: string | undefined;
  if (!source && options.sourceError) {
    sourceNote = `The source file could not be read (${options.sourceError.replace(/\.$/, '')}): showing the entity as the catalog stores it.`;
  } else if (!source) {
    sourceNote = 'The source file cannot be read from the browser: showing the entity as the catalog stores it.';
  } else {
    const document = findDocument(source.text, entity);
    if (document < 0) {
      sourceNote = `The source file ${source.path} does not define ${ref}: showing the entity as the catalog stores it.`;
    } else {
      const checked = await kataster.check([{ path: source.path, text: source.text }], {
        knownEntities: known,
        positionEncoding: 'utf-16',
      });
      ms += checked.ms;
      sourceInfo = { path: source.path, document };
      for (const d of wordReport(checked.report, 'catalog').diagnostics) {
        if (d.document === document || d.document === null) {
          findings.push({ ...d, origin: 'source' });
        }
      }
    }
  }
  const seen = new Set(findings.map(key));
  for (const d of wordReport(stored.report, 'catalog').diagnostics) {
    if (!seen.has(key(d))) {
      findings.push({ ...d, origin: 'stored' });
    }
  }
  return {
    findings,
    source: sourceInfo,
    sourceNote,
    errors: findings.filter(f => f.severity === 'error').length,
    warnings: findings.filter(f => f.severity === 'warning').length,
    ms,
  };
}
