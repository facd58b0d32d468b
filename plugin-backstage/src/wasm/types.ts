// The API of the WebAssembly core that the plugin uses: the `Kataster` class of kataster-wasm,
// whose `check` returns exactly the CLI's JSON report (docs/json-output.md). The types are
// kataster-wasm's own (wasm/js/api.d.ts, copied into generated/ by scripts/generate.mjs);
// here is only what the plugin narrows.
import type {
  CheckOptions as WasmCheckOptions,
  Kataster,
  JsonDiagnostic,
  JsonReport,
  PositionEncoding,
  RuleMeta,
  Severity,
  SourceFile,
  Summary,
} from './generated/api';

export type { JsonDiagnostic, JsonReport, PositionEncoding, RuleMeta, Severity, SourceFile, Summary };

/** An entity known to exist outside the checked files (as in a catalog export). */
export interface KnownEntity {
  kind: string;
  metadata: { name: string; namespace?: string };
}

/**
 * The options of a check, as the plugin passes them to its worker: plain data (no
 * `fileExists`, a function cannot cross to the worker), entities known from the catalog.
 */
export type CheckOptions = Omit<WasmCheckOptions, 'fileExists' | 'knownEntities'> & {
  knownEntities?: KnownEntity[];
};

/** The core's class (kataster-wasm), as far as the plugin uses it. */
export type KatasterInstance = Pick<Kataster, 'check' | 'rules' | 'ruleDocs'>;

/** What the wasm-bindgen facade returns (the subset the plugin uses). */
export interface Api {
  Kataster: new (policy?: unknown) => KatasterInstance;
  version(): string;
}
