// The API of the WebAssembly core that the plugin uses: the `Kataster` class of
// kataster-wasm (wasm/js/api.d.ts), whose `check` returns exactly the CLI's JSON report
// (docs/json-output.md).

/** A file to check: the path it is reported under and its full text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** How columns count: Unicode scalar values (the CLI's JSON), UTF-16 code units (JavaScript strings, CodeMirror) or UTF-8 bytes. */
export type PositionEncoding = 'utf-32' | 'utf-16' | 'utf-8';

/** An entity known to exist outside the checked files (as in a catalog export). */
export interface KnownEntity {
  kind: string;
  metadata: { name: string; namespace?: string };
}

export interface CheckOptions {
  /** Rule code prefixes to run (e.g. `['CAT0', 'CAT101']`); default: all. */
  select?: string[];
  /** Rule code prefixes to skip. */
  ignore?: string[];
  /** The files are the whole catalog: dangling references are errors. */
  strictRefs?: boolean;
  /** Entities that references may resolve to. */
  knownEntities?: KnownEntity[];
  /** How `column` and `end_column` count; default `'utf-32'`, as the CLI. */
  positionEncoding?: PositionEncoding;
}

export type Severity = 'error' | 'warning' | 'info';

/** One diagnostic of the JSON report. */
export interface JsonDiagnostic {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  file: string;
  /** 0-based document index; `null` for file-level problems. */
  document: number | null;
  /** 1-based. */
  line: number;
  /** 1-based, in the requested position encoding. */
  column: number;
  end_line: number;
  /** Exclusive. */
  end_column: number;
  /** RFC 6901 pointer within the document. */
  pointer: string;
  help: string | null;
  url: string;
}

export interface Summary {
  files: number;
  documents: number;
  entities: number;
  errors: number;
  warnings: number;
}

/** Exactly the object of `kataster check --format json`. */
export interface JsonReport {
  version: 1;
  diagnostics: JsonDiagnostic[];
  summary: Summary;
}

export interface RuleMeta {
  code: string;
  name: string;
  family: string;
  severity: Severity;
  status: string;
  since: string;
  summary: string;
  /** Markdown. */
  docs: string;
}

/** The core's class (kataster-wasm). */
export interface KatasterInstance {
  check(files: SourceFile[], options?: CheckOptions): JsonReport;
  rules(): RuleMeta[];
  ruleDocs(code: string): string | undefined;
}

/** What the wasm-bindgen facade returns (the subset the plugin uses). */
export interface Api {
  Kataster: new (policy?: unknown) => KatasterInstance;
  version(): string;
}
