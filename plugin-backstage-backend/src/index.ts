/**
 * kataster's Backstage backend plugin: an entity's source file, read through the backend's URL
 * readers, for callers allowed to read the entity.
 *
 * @packageDocumentation
 */
export { katasterPlugin as default } from './plugin';
export { EntitySourceReader, DEFAULT_MAX_SOURCE_BYTES } from './EntitySourceReader';
export type { EntitySource, EntitySourceReaderOptions } from './EntitySourceReader';
export { SourceTooLargeError, SourceUnreadableError } from './errors';
