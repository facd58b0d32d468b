// A static catalog for the dev app: the Acme example catalog (examples/acme, bundled by
// scripts/generate.mjs) as the catalog API returns it, with relations as a backend would
// emit them and a `url:` location per file.
import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogApi } from '@backstage/catalog-client';
import { parseAllDocuments } from 'yaml';
import { acmeFiles } from '../src/example/acme.generated';

/** Where the dev app pretends the Acme files live (their source files are served from memory). */
export const acmeBaseUrl = 'https://git.acme.example/platform/catalog/-/blob/main/';

const relationFields: [string, string, string][] = [
  // field, relation type, default kind
  ['owner', 'ownedBy', 'Group'],
  ['system', 'partOf', 'System'],
  ['domain', 'partOf', 'Domain'],
  ['subcomponentOf', 'partOf', 'Component'],
  ['subdomainOf', 'partOf', 'Domain'],
  ['dependsOn', 'dependsOn', 'Component'],
  ['dependencyOf', 'dependencyOf', 'Component'],
  ['providesApis', 'providesApi', 'API'],
  ['consumesApis', 'consumesApi', 'API'],
  ['parent', 'childOf', 'Group'],
  ['children', 'parentOf', 'Group'],
  ['memberOf', 'memberOf', 'Group'],
  ['members', 'hasMember', 'User'],
];

/** A value, or each value of an array; nothing for `undefined`. */
function toArray(value: unknown): unknown[] {
  if (Array.isArray(value)) {
    return value;
  }
  return value === undefined ? [] : [value];
}

function relations(entity: Entity) {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const namespace = entity.metadata.namespace ?? 'default';
  return relationFields.flatMap(([field, type, defaultKind]) => {
    return toArray(spec[field]).flatMap(ref => {
      try {
        return [{ type, targetRef: stringifyEntityRef(parseEntityRef(String(ref), { defaultKind, defaultNamespace: namespace })) }];
      } catch {
        return [];
      }
    });
  });
}

/**
 * One more file, not in examples/acme: an entity the catalog accepted that breaks the Acme
 * conventions (so the card and the report have something to show).
 */
export const legacyBilling = {
  path: 'components/legacy-billing.yaml',
  text: `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: legacy-billing
  title: Legacy billing
  labels:
    kataster.io/stage: prd
spec:
  type: service
  lifecycle: beta
  owner: group:default/billing-team
  system: acme-platform
`,
};

/**
 * And one whose problems only show across entities (the report): a production component that
 * depends on the dev cluster (stage isolation) and claims Phippy's namespace (a collision).
 */
export const billingApi = {
  path: 'components/billing-api.yaml',
  text: `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: billing-api
  labels:
    kataster.io/stage: prd
  annotations:
    backstage.io/kubernetes-namespace: ap-phippy-prd
spec:
  type: service
  lifecycle: production
  owner: group:default/team-a
  dependsOn:
    - resource:default/cluster-dev-eu1
`,
};

const devFiles = [...acmeFiles, legacyBilling, billingApi];

export const acmeEntities: Entity[] = devFiles.flatMap(file =>
  parseAllDocuments(file.text).map((doc, index) => {
    const entity = doc.toJS() as Entity;
    const location = `url:${acmeBaseUrl}${file.path}`;
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        namespace: entity.metadata.namespace ?? 'default',
        uid: `acme-${file.path}-${index}`,
        annotations: {
          ...entity.metadata.annotations,
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': `url:${acmeBaseUrl}catalog-info.yaml`,
        },
      },
      relations: relations(entity),
    } as Entity;
  }),
);

/** The source files by URL, for the card's source reader. */
export const acmeSources: Record<string, string> = Object.fromEntries(
  devFiles.map(file => [`${acmeBaseUrl}${file.path}`, file.text]),
);

function get(value: unknown, path: string): unknown {
  return path.split('.').reduce<any>((v, key) => (v === undefined || v === null ? undefined : v[key]), value);
}

function matches(entity: Entity, filter: unknown): boolean {
  const filters = toArray(filter ?? undefined) as Record<string, unknown>[];
  if (filters.length === 0) {
    return true;
  }
  return filters.some(f =>
    Object.entries(f).every(([key, want]) => {
      const have = get(entity, key);
      const wants = (Array.isArray(want) ? want : [want]).map(w => String(w).toLocaleLowerCase('en-US'));
      const haves = (Array.isArray(have) ? have : [have]).filter(h => h !== undefined).map(h => String(h).toLocaleLowerCase('en-US'));
      return want === undefined || haves.some(h => wants.includes(h));
    }),
  );
}

/** An in-memory catalog API over the Acme entities (what the dev app's pages call). */
export function createStaticCatalogApi(entities: Entity[] = acmeEntities): CatalogApi {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const impl: Partial<CatalogApi> = {
    async getEntities(request) {
      return { items: entities.filter(e => matches(e, request?.filter)) };
    },
    async getEntitiesByRefs(request) {
      return { items: request.entityRefs.map(ref => byRef.get(ref.toLocaleLowerCase('en-US'))) };
    },
    async getEntityByRef(ref) {
      const key = typeof ref === 'string' ? ref : stringifyEntityRef(ref);
      return byRef.get(stringifyEntityRef(parseEntityRef(key)));
    },
    async queryEntities(request: any) {
      const items = entities.filter(e => matches(e, request?.filter));
      return { items, totalItems: items.length, pageInfo: {} };
    },
    async getEntityFacets(request) {
      const facets = Object.fromEntries(
        request.facets.map(facet => {
          const counts = new Map<string, number>();
          for (const e of entities.filter(x => matches(x, request.filter))) {
            const value = get(e, facet);
            for (const v of toArray(value)) {
              counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
            }
          }
          return [facet, [...counts].map(([value, count]) => ({ value, count }))];
        }),
      );
      return { facets };
    },
    async getEntityAncestors(request) {
      const entity = byRef.get(request.entityRef)!;
      return { rootEntityRef: request.entityRef, items: [{ entity, parentEntityRefs: [] }] };
    },
    async getLocationByRef() {
      return undefined;
    },
    async getLocationByEntity() {
      return undefined;
    },
    async refreshEntity() {},
  };
  return new Proxy(impl as CatalogApi, {
    get(target, key) {
      if (key in target) {
        return (target as any)[key];
      }
      return async () => {
        throw new Error(`The dev app's static catalog does not implement ${String(key)}`);
      };
    },
  });
}
