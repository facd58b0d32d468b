import { createApiRef, FetchApi } from '@backstage/core-plugin-api';
import { ANNOTATION_LOCATION, ANNOTATION_ORIGIN_LOCATION, Entity, parseLocationRef } from '@backstage/catalog-model';

/** An entity's source file, as read from where the catalog read it. */
export interface EntitySource {
  /** Where it was read from (shown to the user). */
  path: string;
  text: string;
}

/** Reads the raw source file of an entity, when the browser can. */
export interface KatasterSourceApi {
  /** The entity's source file, or `undefined` when it cannot be read from the browser. */
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
