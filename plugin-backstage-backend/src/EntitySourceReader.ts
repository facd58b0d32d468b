import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { SourceTooLargeError, SourceUnreadableError } from './errors';
import { redact } from './redact';

/** 1 MiB: the default of `kataster.source.maxBytes`. */
export const DEFAULT_MAX_SOURCE_BYTES = 1024 * 1024;

/** An entity's source file. */
export interface EntitySource {
  /** The location reference it was read from (`url:…` or `file:…`). */
  location: string;
  /** The URL or file path (what a person is shown). */
  path: string;
  text: string;
}

export interface EntitySourceReaderOptions {
  urlReader: UrlReaderService;
  /** The largest file served (default {@link DEFAULT_MAX_SOURCE_BYTES}). */
  maxBytes?: number;
  /** Strings never to put in an error message (the integrations' tokens and passwords). */
  secrets?: readonly string[];
}

/** Characters that make a `file:` target a glob: the directory before the first one is the root. */
const GLOB = /[*?[\]{}!]/;

/**
 * Reads the file an entity came from: the target of its `backstage.io/managed-by-location`
 * annotation, as the catalog wrote it. `url:` targets go through the backend's URL readers, so
 * each integration's credentials apply; `file:` targets are read from disk only below the
 * directory of the `file:` location the entity originates from (the one registered with the
 * catalog), after symbolic links are resolved. A caller never names the location.
 */
export class EntitySourceReader {
  readonly #urlReader: UrlReaderService;
  readonly #maxBytes: number;
  readonly #secrets: readonly string[];

  constructor(options: EntitySourceReaderOptions) {
    this.#urlReader = options.urlReader;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_SOURCE_BYTES;
    this.#secrets = options.secrets ?? [];
  }

  get maxBytes() {
    return this.#maxBytes;
  }

  async read(entity: Entity): Promise<EntitySource> {
    const ref = stringifyEntityRef(entity);
    const annotations = entity.metadata.annotations ?? {};
    const location = annotations[ANNOTATION_LOCATION];
    if (!location) {
      throw new NotFoundError(`${ref} has no ${ANNOTATION_LOCATION} annotation: its source is unknown`);
    }
    const { type, target } = parseLocationRef(location);
    if (type === 'url') {
      return { location, path: target, text: await this.#readUrl(ref, location, target) };
    }
    if (type === 'file') {
      const origin = annotations[ANNOTATION_ORIGIN_LOCATION];
      return { location, path: target, text: await this.#readFile(ref, location, target, origin) };
    }
    throw new NotFoundError(`${ref} comes from a location of type ${type} (${location}), which has no source file`);
  }

  #tooLarge(ref: string, location: string, size?: number): SourceTooLargeError {
    const what = size === undefined ? 'more than' : `${size} bytes, more than`;
    return new SourceTooLargeError(
      `The source of ${ref} at ${location} is ${what} the limit of ${this.#maxBytes} bytes (kataster.source.maxBytes)`,
    );
  }

  #unreadable(ref: string, location: string, cause: unknown): SourceUnreadableError {
    const reason = redact(cause instanceof Error ? cause.message : String(cause), this.#secrets);
    return new SourceUnreadableError(`Could not read the source of ${ref} at ${location}: ${reason}`);
  }

  async #readUrl(ref: string, location: string, url: string): Promise<string> {
    const abort = new AbortController();
    let bytes: Buffer;
    try {
      const response = await this.#urlReader.readUrl(url, { signal: abort.signal });
      bytes = response.stream
        ? await this.#collect(response.stream(), () => {
            abort.abort();
            return this.#tooLarge(ref, location);
          })
        : await response.buffer();
    } catch (error) {
      if (error instanceof SourceTooLargeError) {
        throw error;
      }
      throw this.#unreadable(ref, location, error);
    }
    if (bytes.length > this.#maxBytes) {
      throw this.#tooLarge(ref, location, bytes.length);
    }
    return bytes.toString('utf8');
  }

  /** The stream's bytes, failing with `tooLarge()` as soon as they pass the limit. */
  async #collect(stream: Readable, tooLarge: () => Error): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += buffer.length;
      if (size > this.#maxBytes) {
        stream.destroy();
        throw tooLarge();
      }
      chunks.push(buffer);
    }
    return Buffer.concat(chunks);
  }

  async #readFile(ref: string, location: string, target: string, origin: string | undefined): Promise<string> {
    const root = await this.#fileRoot(ref, origin);
    let file: string;
    try {
      file = await fs.realpath(path.resolve(target));
    } catch (error) {
      throw this.#unreadable(ref, location, error);
    }
    if (!isWithin(file, root)) {
      throw new NotAllowedError(
        `The source of ${ref} (${location}) is outside the directory of the location it was registered with (${origin})`,
      );
    }
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(file, 'r');
      const stat = await handle.stat();
      if (!stat.isFile()) {
        throw new Error('not a regular file');
      }
      if (stat.size > this.#maxBytes) {
        throw this.#tooLarge(ref, location, stat.size);
      }
      // Read at most one byte more than the limit: the file may grow between stat and read.
      const buffer = Buffer.alloc(Math.min(stat.size, this.#maxBytes) + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      if (bytesRead > this.#maxBytes) {
        throw this.#tooLarge(ref, location);
      }
      return buffer.subarray(0, bytesRead).toString('utf8');
    } catch (error) {
      if (error instanceof SourceTooLargeError) {
        throw error;
      }
      throw this.#unreadable(ref, location, error);
    } finally {
      await handle?.close();
    }
  }

  /** The directory a `file:` entity may be read below: that of its `file:` origin location. */
  async #fileRoot(ref: string, origin: string | undefined): Promise<string> {
    let parsed;
    try {
      parsed = origin ? parseLocationRef(origin) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.type !== 'file' || !path.isAbsolute(parsed.target)) {
      throw new NotAllowedError(
        `The source of ${ref} is a file, but it does not originate from a registered file: location (${origin ?? 'none'})`,
      );
    }
    const parts = parsed.target.split(/[\\/]/);
    const glob = parts.findIndex(part => GLOB.test(part));
    // The target itself is a file: its directory. A glob: the directory before its first pattern.
    const base = glob < 0 ? path.dirname(parsed.target) : parts.slice(0, glob).join(path.sep) || path.sep;
    try {
      return await fs.realpath(base);
    } catch (error) {
      throw this.#unreadable(ref, origin!, error);
    }
  }
}

function isWithin(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative);
}
