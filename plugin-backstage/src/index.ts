/**
 * kataster for Backstage: catalog validation in the browser with the WebAssembly core.
 *
 * The legacy frontend system's plugin and extensions; the new frontend system's plugin is the
 * default export of `@kataster/backstage-plugin/alpha`.
 *
 * @packageDocumentation
 */
export { katasterPlugin, KatasterPage, EntityConventionsCard } from './plugin';
export { katasterApiRef, WasmKatasterClient } from './api/KatasterApi';
export type { KatasterApi, TimedReport, WasmKatasterClientOptions } from './api/KatasterApi';
export { katasterSourceApiRef, BackendSourceReader, UrlSourceReader, StaticSourceReader, rawUrl, sourceUrl } from './api/SourceApi';
export type { KatasterSourceApi, EntitySource } from './api/SourceApi';
export type { JsonReport, JsonDiagnostic, Summary, RuleMeta, SourceFile, CheckOptions, Severity } from './wasm/types';
export { rootRouteRef as katasterRouteRef } from './routes';
