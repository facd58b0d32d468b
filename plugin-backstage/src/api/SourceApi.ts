import { createApiRef, DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ANNOTATION_LOCATION, ANNOTATION_ORIGIN_LOCATION, Entity, parseLocationRef } from '@backstage/catalog-model';

/** An entity's source file, as read from where the catalog read it. */
export interface EntitySource {
  /** Where it was read from (shown to the user). */
  path: string;
  text: string;
}

/** Reads the raw source file of an entity, when the browser can. */
export interface KatasterSourceApi {
  /**
   * The entity's source file, or `undefined` when it cannot be read; rejects with an error whose
   * message says why when a reader knows (e.g. the backend refused it: too large, not allowed).
   */
  readSource(entity: Entity): Promise<EntitySource | undefined>;
}

/** @public */
export const katasterSourceApiRef = createApiRef<KatasterSourceApi>({ id: 'plugin.kataster.source' });

/**
 * The URL that serves a source file's raw text, for the hosts whose "blob" view URLs have a raw
 * counterpart (GitHub, GitLab, Bitbucket Cloud, Gitea/Forgejo); other URLs are used as they are.
 */
export function rawUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const path = parsed.pathname;
  if (parsed.hostname === 'github.com') {
    const match = path.match(/^\/([^/]+)\/([^/]+)\/(?:blob|tree)\/(.+)$/);
    if (match) {
      return `https://raw.githubusercontent.com/${match[1]}/${match[2]}/${match[3]}`;
    }
  }
  if (path.includes('/-/blob/')) {
    parsed.pathname = path.replace('/-/blob/', '/-/raw/');
    return parsed.toString();
  }
  if (parsed.hostname === 'bitbucket.org' && /^\/[^/]+\/[^/]+\/src\//.test(path)) {
    parsed.pathname = path.replace(/^(\/[^/]+\/[^/]+)\/src\//, '$1/raw/');
    return parsed.toString();
  }
  if (/\/src\/branch\//.test(path)) {
    parsed.pathname = path.replace('/src/branch/', '/raw/branch/');
    return parsed.toString();
  }
  return url;
}

/** The location an entity was read from (`url:` targets only: `file:` is on the backend's disk). */
export function sourceUrl(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  for (const key of [ANNOTATION_LOCATION, ANNOTATION_ORIGIN_LOCATION]) {
    const value = annotations[key];
    if (!value) {
      continue;
    }
    try {
      const { type, target } = parseLocationRef(value);
      if (type === 'url') {
        return target;
      }
    } catch {
      // not a location reference
    }
  }
  return undefined;
}

/**
 * Reads `url:` locations with the app's fetch API (its credentials go along for same-origin
 * URLs); anything the browser cannot fetch (CORS, a private repository, `file:`) is unreadable.
 */
export class UrlSourceReader implements KatasterSourceApi {
  constructor(private readonly options: { fetchApi: FetchApi }) {}

  async readSource(entity: Entity): Promise<EntitySource | undefined> {
    const url = sourceUrl(entity);
    if (!url) {
      return undefined;
    }
    try {
      const response = await this.options.fetchApi.fetch(rawUrl(url), { headers: { accept: 'text/plain, */*' } });
      if (!response.ok) {
        return undefined;
      }
      const text = await response.text();
      // An HTML page (a login form, a web view) is not the file.
      if (/^\s*<(!doctype|html)/i.test(text)) {
        return undefined;
      }
      return { path: url, text };
    } catch {
      return undefined;
    }
  }
}

/** A reader over files held in memory, by location URL (the dev app, tests, static sites). */
export class StaticSourceReader implements KatasterSourceApi {
  constructor(private readonly files: Record<string, string>) {}

  async readSource(entity: Entity): Promise<EntitySource | undefined> {
    const url = sourceUrl(entity);
    const text = url === undefined ? undefined : this.files[url];
    return text === undefined ? undefined : { path: url!, text };
  }
}

/** Whether a response of the kataster backend's source endpoint is one the endpoint sent (JSON with `error`). */
async function backendError(response: Response): Promise<{ name?: string; message?: string } | undefined> {
  try {
    const body = await response.json();
    return body && typeof body === 'object' && body.error && typeof body.error === 'object' ? body.error : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads an entity's source file through the kataster backend plugin
 * (`@kataster/backstage-plugin-backend`: `GET /api/kataster/source/:kind/:namespace/:name`),
 * which reads it with the backend's integrations and their credentials (private repositories,
 * `file:` locations) for callers allowed to read the entity. When the backend plugin is not
 * installed (the route answers 404 without a body of its own, or the request fails) or the Git
 * host failed it (502), the `fallback` reader (the browser's {@link UrlSourceReader}) is asked.
 */
export class BackendSourceReader implements KatasterSourceApi {
  constructor(
    private readonly options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi; fallback?: KatasterSourceApi },
  ) {}

  async readSource(entity: Entity): Promise<EntitySource | undefined> {
    const { discoveryApi, fetchApi, fallback } = this.options;
    const viaFallback = () => (fallback ? fallback.readSource(entity) : Promise.resolve(undefined));
    const namespace = entity.metadata.namespace ?? 'default';
    let response: Response;
    try {
      const base = await discoveryApi.getBaseUrl('kataster');
      const path = [entity.kind.toLocaleLowerCase('en-US'), namespace, entity.metadata.name]
        .map(part => encodeURIComponent(part))
        .join('/');
      response = await fetchApi.fetch(`${base}/source/${path}`, { headers: { accept: 'application/json' } });
    } catch {
      return viaFallback();
    }
    if (response.ok) {
      let body: any;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      // Not the endpoint's answer (e.g. an app's index.html served for an unknown path).
      if (!body || typeof body.text !== 'string') {
        return viaFallback();
      }
      return { path: typeof body.path === 'string' ? body.path : String(body.location ?? ''), text: body.text };
    }
    const error = await backendError(response);
    if (!error || response.status === 502 || response.status === 503 || response.status === 504) {
      // No kataster backend (its route is unknown) or the Git host failed it: the browser tries.
      return viaFallback();
    }
    if (response.status === 404) {
      // The endpoint's own 404: no such entity for this caller, or no source file.
      return undefined;
    }
    throw new Error(error.message ?? `The kataster backend answered ${response.status}`);
  }
}
