/**
 * kataster's catalog backend module: the organisation's conventions at ingestion, checked by the
 * WebAssembly core. `backend.add(import('@kataster/backstage-plugin-catalog-backend-module-kataster'))`.
 *
 * @packageDocumentation
 */
export { catalogModuleKataster as default } from './module';
export { KatasterEntityProcessor, SKIPPED_AT_INGESTION, errorMessage } from './KatasterEntityProcessor';
export type { KatasterEntityProcessorOptions } from './KatasterEntityProcessor';
export { ANNOTATION_KATASTER_FINDINGS, MAX_FINDINGS_CHARS, encodeFindings } from './findings';
export type { FindingsAnnotation, RecordedFinding } from './findings';
export { BACKSTAGE_KEYS, readModuleConfig } from './policy';
export type { KatasterModuleConfig } from './policy';
