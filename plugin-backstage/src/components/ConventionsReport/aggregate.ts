// The whole catalog through the core (cross-entity rules included), and the report's rows and
// counts per rule.
import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { KatasterApi } from '../../api/KatasterApi';
import type { JsonDiagnostic, JsonReport, Severity, SourceFile } from '../../wasm/types';
import { storedEntity } from '../ConventionsCard/validateEntity';
import { wordReport } from '../../wasm/wording';

/** One diagnostic of the report, with the entity it is about. */
export interface ReportRow {
  id: number;
  code: string;
  name: string;
  severity: Severity;
  message: string;
  pointer: string;
  help: string | null;
  url: string;
  /** The entity's reference (`kind:namespace/name`). */
  entityRef: string;
  kind: string;
  namespace: string;
  entityName: string;
  /** The owner's reference as written in spec.owner, normalised (`group:default/team`), or `''`. */
  owner: string;
}

export interface RuleCount {
  code: string;
  name: string;
  url: string;
  /** The highest severity found. */
  severity: Severity;
  count: number;
  /** Entities with at least one. */
  entities: number;
}

export interface Aggregate {
  rows: ReportRow[];
  byRule: RuleCount[];
  owners: string[];
  kinds: string[];
  rules: string[];
  summary: { entities: number; errors: number; warnings: number; infos: number; affected: number };
}

/** The file a catalog entity is checked as: its reference as the path, its stored JSON as the text. */
export function entityFile(entity: Entity): SourceFile {
  return { path: stringifyEntityRef(entity), text: `${JSON.stringify(storedEntity(entity), null, 2)}\n` };
}

function ownerRef(entity: Entity): string {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner) {
    return '';
  }
  try {
    return stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'Group', defaultNamespace: entity.metadata.namespace ?? 'default' }));
  } catch {
    return owner;
  }
}

const rank: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Rows and counts from a report over `entityFile(entities[i])` for each entity. */
export function aggregate(entities: Entity[], report: JsonReport): Aggregate {
  const byPath = new Map(entities.map(e => [stringifyEntityRef(e), e] as const));
  const rows: ReportRow[] = report.diagnostics.map((d: JsonDiagnostic, id) => {
    const entity = byPath.get(d.file);
    return {
      id,
      code: d.code,
      name: d.name,
      severity: d.severity,
      message: d.message,
      pointer: d.pointer,
      help: d.help,
      url: d.url,
      entityRef: d.file,
      kind: entity?.kind ?? '',
      namespace: entity?.metadata.namespace ?? 'default',
      entityName: entity?.metadata.name ?? d.file,
      owner: entity ? ownerRef(entity) : '',
    };
  });
  const counts = new Map<string, RuleCount & { refs: Set<string> }>();
  for (const row of rows) {
    let count = counts.get(row.code);
    if (!count) {
      count = { code: row.code, name: row.name, url: row.url, severity: row.severity, count: 0, entities: 0, refs: new Set() };
      counts.set(row.code, count);
    }
    count.count += 1;
    count.refs.add(row.entityRef);
    if (rank[row.severity] > rank[count.severity]) {
      count.severity = row.severity;
    }
  }
  const byRule = [...counts.values()]
    .map(({ refs, ...count }) => ({ ...count, entities: refs.size }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  const sorted = (values: string[]) => [...new Set(values.filter(Boolean))].sort();
  return {
    rows,
    byRule,
    owners: sorted(rows.map(r => r.owner)),
    kinds: sorted(rows.map(r => r.kind)),
    rules: byRule.map(r => r.code),
    summary: {
      entities: entities.length,
      errors: rows.filter(r => r.severity === 'error').length,
      warnings: rows.filter(r => r.severity === 'warning').length,
      infos: rows.filter(r => r.severity === 'info').length,
      affected: new Set(rows.map(r => r.entityRef)).size,
    },
  };
}

/** Validates the whole catalog: every entity, with the cross-entity rules; the entities are the whole catalog. */
export async function validateCatalog(entities: Entity[], kataster: KatasterApi) {
  const { report, ms, mode } = await kataster.check(entities.map(entityFile), { strictRefs: true });
  return { aggregate: aggregate(entities, wordReport(report, 'catalog')), ms, mode };
}
