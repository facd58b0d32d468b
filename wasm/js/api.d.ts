// The API of kataster-wasm, the same on every target. Hand-written; `tsc` checks it against
// the tests in wasm/tests/types.ts (scripts/test-wasm.sh).

/** A file to check: the path it is reported under and its full text. */
export interface SourceFile {
  path: string;
  text: string;
  /** What the file holds (default `'catalog'`); see `classify`. */
  kind?: 'catalog' | 'manifests';
  /** Who wrote the file, for the contributor rules (ORG0xx). */
  contributor?: string;
}

/** A policy: the text of a `kataster.yaml`, or an object of the same structure (see `policySchema()`). */
export type PolicyInput = string | Record<string, unknown>;

/** How columns are counted: Unicode scalar values (the CLI's JSON, the default), UTF-16 code units (JavaScript strings, LSP, editors) or UTF-8 bytes. */
export type PositionEncoding = 'utf-32' | 'utf-16' | 'utf-8';

/** Facts about the world that only the host can tell. */
export interface Facts {
  /** Whether a file exists, by a path joined from a checked file's directory; `undefined`: cannot tell. */
  fileExists?: (path: string) => boolean | undefined;
  /** Whether a path (as `fileExists` gets it) leads outside the root of the run, after `..` and symbolic links: reported (`CAT109`), never read. Default: never. */
  isOutsideRoot?: (path: string) => boolean;
}

export interface CheckOptions extends Facts {
  /** Rule code prefixes to run (e.g. `'CAT0'`, `['CAT0', 'CAT101']`, `'CAT0,CAT101'`); default: all. */
  select?: string | string[];
  /** Rule code prefixes to skip. */
  ignore?: string | string[];
  /** The files are the whole catalog: dangling references are errors. */
  strictRefs?: boolean;
  /** Expand YAML merge keys (`<<`), as Backstage's `enableYamlMerge`. */
  yamlMerge?: boolean;
  /** A catalog export (`GET /api/catalog/entities`: an array, or `{items: [...]}`) that references may resolve to. */
  knownEntities?: unknown[] | { items: unknown[] } | null;
  /** How `column` and `end_column` count; default `'utf-32'`, as the CLI. */
  positionEncoding?: PositionEncoding;
  /** The current directory (absolute): the policy's `files` and `perFileIgnores` globs are compared through it. */
  cwd?: string;
  /** `--exclude`: replaces the policy's `files.exclude` and the defaults (`node_modules`, `vendor`, `dist`, `target`). */
  exclude?: string[];
  /** `--extend-exclude`: excluded on top of the rest. */
  extendExclude?: string[];
}

export type Severity = 'error' | 'warning' | 'info';

/** One diagnostic of the JSON report (docs/json-output.md). */
export interface JsonDiagnostic {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  file: string;
  /** 0-based document index; `null` for file-level problems (IO0xx). */
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
  /** The fix, when kataster knows one (`kataster check --fix` applies it). */
  fix?: JsonFix;
}

/** A finding's fix: `safe` cannot change the meaning or the verdict; `unsafe` needs a person's look. */
export interface JsonFix {
  message: string;
  applicability: 'safe' | 'unsafe';
  /** Non-overlapping replacements of the text as it was checked. */
  edits: JsonEdit[];
}

/** One replacement: byte offsets, and 1-based lines and columns in the requested position encoding (exclusive end). */
export interface JsonEdit {
  content: string;
  start: number;
  end: number;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
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
  family: 'io' | 'parse' | 'backstage' | 'references' | (string & {});
  severity: Severity;
  status: 'stable' | 'preview' | 'removed';
  since: string;
  summary: string;
  /** Markdown. */
  docs: string;
}

/** A version transition, as plain data (the core's `Transition`). */
export interface VersionTransition {
  /** The monorepo component (its tag prefix applies). */
  component?: string | null;
  /** The branch merged (for a tag: the branch its merge commit names). */
  source?: string | null;
  /** The branch merged into (for a tag: the branch it is on). */
  target?: string | null;
  /** The tag at hand, with its prefix. */
  tag?: string | null;
  /** A proposed version without prefix, when there is no tag. */
  version?: string | null;
  /** Every tag of the repository; `reachable`: reachable from where the transition starts. */
  tags?: { name: string; commit: string; reachable: boolean }[];
  /** The commits the transition brings, oldest first (`parents` > 1: a merge, not counted). */
  commits?: { id: string; message: string; parents: number }[];
  [more: string]: unknown;
}

/** A namespace name checked against the naming convention. */
export interface NameReport {
  name: string;
  valid: boolean;
  /** The parts, when the name follows the convention. */
  parts: Record<string, string>;
  problems: { code: string; message: string; suggestion: string | null }[];
}

/** kataster's checks over files held in memory. */
export declare class Kataster {
  /**
   * With the policy's conventions (default: the built-in ones); `schemas` maps the paths of the
   * policy's custom schemas to their texts. Throws when the policy has problems.
   */
  constructor(policy?: PolicyInput | null, schemas?: Record<string, string>);
  /** The paths of the custom schemas a policy text names. */
  static schemaPaths(policyText: string): string[];
  /** Check the files together; returns exactly the CLI's JSON report. */
  check(files: SourceFile[], options?: CheckOptions): JsonReport;
  /** Every rule, as `kataster rules --format json`. */
  rules(): RuleMeta[];
  /** A rule's Markdown page, as `kataster rule CODE`; `undefined` for an unknown code. */
  ruleDocs(code: string): string | undefined;
  /**
   * Check a version transition (a merge, a tag or a proposed version) against the policy's
   * `versions` section, as `kataster version check --format json` with the git facts given.
   * Helm charts are not checked here.
   */
  checkVersion(transition: VersionTransition): JsonReport & { transition: Record<string, unknown> };
  /** Check a namespace name against the policy's naming convention (`kataster namespace NAME`). */
  checkNamespace(name: string): NameReport;
  /** The JSON Schema (draft-07) of the policy file. */
  policySchema(): Record<string, unknown>;
  /** The JSON Schema of catalog files under this policy (`kataster schema catalog`). */
  catalogSchema(): Record<string, unknown>;
}

export interface SessionOptions extends Omit<CheckOptions, keyof Facts> {
  /**
   * A policy file, read as the CLI reads it: its problems are reported under `path`. `schemas`:
   * the texts of the custom schemas it names (by the path it names them with), or `{error}`.
   */
  policy?: { path: string; text: string; schemas?: Record<string, string | { error: string }> };
}

/** An output format of `kataster check --format`. */
export type Format = 'human' | 'json' | 'concise' | 'gitlab' | 'junit' | 'sarif' | 'github' | 'azure' | 'checkstyle';

/** What the CLI takes from its flags and its environment when it renders. */
export interface RenderOptions {
  /** `--fail-on` (default `'error'`): JUnit shows findings from this severity up as failures (errors always). */
  failOn?: 'error' | 'warning' | 'never';
  /** `CI_PROJECT_DIR`, absolute with its links resolved: GitLab and JUnit paths are relative to it when they lie below it. */
  projectDir?: string;
  /** The current directory, absolute: relative paths are resolved from it to compare them with `projectDir`. */
  cwd?: string;
  /** The root of the run (nothing outside it is read), absolute with its links resolved: SARIF's URIs are relative to it (`%SRCROOT%`). */
  root?: string;
  /** `--show-skipped`: the skipped files are listed (`notes(true)`), so the human summary does not point to the flag. */
  showSkipped?: boolean;
}

/** One check step by step, in the CLI's order (for frontends that read files themselves). */
/** Where a file lies, as only the host can tell. */
export interface Placement {
  /** Under a `templates/` folder beside a `Chart.yaml`. */
  inChartTemplates?: boolean;
  /** Under a `skeleton/` or `content/` folder beside a scaffolder `Template` file. */
  inTemplateSkeleton?: boolean;
}

export declare class Session {
  constructor(options?: SessionOptions);
  /** Parse files and add them in order; returns the index of the first. */
  addFiles(files: SourceFile[]): number;
  /**
   * A file's bytes, decoded and classified as the CLI does, in one call (no JSON, no string):
   * 0 ignored (found while walking, and not UTF-8 or not a catalog file), 1 not decodable
   * (`IO002`/`IO003` recorded), 2 to be checked: `keepOffered` then queues it for
   * `parsePending`; 3 skipped (a template, a named file that is no catalog file: counted).
   * `explicit`: the file was named, not found while walking; `placement`: where it lies
   * (see `chartFilesFor`, `skeletonParentsFor`).
   */
  offerFile(path: string, bytes: Uint8Array, explicit?: boolean, placement?: Placement): 0 | 1 | 2 | 3;
  /** Whether a directory walk leaves out an entry, by the policy's `files` and the `exclude` options. */
  skipsWalked(path: string, isDir?: boolean): boolean;
  /** Whether a named path is excluded (`--force-exclude`). */
  excludesNamed(path: string): boolean;
  /** What the CLI prints on standard error after the findings: the skipped files (with `showSkipped`) and a note when nothing was checked. */
  notes(showSkipped?: boolean): string;
  /** The joined view of the files added (per namespace: app, stage, component, owner, cluster, AppProject, groups, version), as `kataster inventory --format` prints it. */
  inventory(format: 'table' | 'markdown' | 'json'): string;
  /** Queue the file the last `offerFile` returned 2 for, with its contributor. */
  keepOffered(contributor?: string): void;
  /** Parse the queued files in order; returns the index of the first. */
  parsePending(): number;
  /** Record a file that could not be read (`IO001` unreadable, `IO002` not UTF-8); returns its index. */
  addFailure(path: string, code: 'IO001' | 'IO002', message: string): number;
  readonly fileCount: number;
  /** The `spec.target`/`spec.targets` of the Location entities of a file, as written. */
  locationTargets(file: number): string[];
  /** Run the rules over every file added; returns the JSON report. */
  check(facts?: Facts): JsonReport;
  /** The last check as `kataster check --format json` prints it (with its final newline). */
  jsonText(): string;
  /**
   * The last check as the CLI renders it (with the CLI's own renderers). `options` holds what
   * the CLI takes from its surroundings, for `gitlab` and `junit`: see `RenderOptions`.
   */
  render(format: Format, color?: boolean, showInfos?: boolean, options?: RenderOptions): string;
  /** The CLI's exit code for the last check: 2 could not check, 1 a finding reaches `failOn` (default `'error'`), 0 none. */
  exitCode(failOn?: 'error' | 'warning' | 'never'): 0 | 1 | 2;
  /** The contributor whose `paths` globs match a file, by its path relative to the policy file's directory. */
  contributorByPath(relative: string): string | undefined;
  /** The policy's `contributor`, if it names one. */
  readonly policyContributor: string | undefined;
  free(): void;
}

/** A Location target glob, compiled as the CLI compiles it (`*` matches `/` too, unless `literalSeparator`). Throws on an invalid pattern. */
export declare class GlobMatcher {
  constructor(pattern: string, literalSeparator?: boolean);
  isMatch(path: string): boolean;
}

/** One directory's ignore file(s), matched as the `ignore` crate (the CLI's walker) matches them. */
export declare class GitignoreMatcher {
  constructor(root: string);
  /** Add an ignore file's lines; returns how many were not valid globs. */
  addFile(path: string, text: string): number;
  /** 0: no match; 1: ignored; 2: whitelisted by a `!` pattern. */
  matched(path: string, isDir: boolean): 0 | 1 | 2;
}

/** Thrown when the WebAssembly instance trapped (a kataster bug). */
export declare class KatasterInternalError extends Error {}

/** Whether a file found while walking a directory is a catalog file. */
export declare function isCatalogFile(path: string, text: string): boolean;
/** What a file holds, as the CLI decides it; `undefined`: not checked. `explicit`: named rather than found. */
export declare function classify(path: string, text: string, explicit: boolean): 'catalog' | 'manifests' | 'policy' | undefined;
/** The names of policy files (`kataster.yaml`, `.kataster.yaml`). */
export declare function policyFileNames(): string[];
/** Whether a path ends in `.yaml` or `.yml`. */
export declare function isYamlPath(path: string): boolean;
/** Why a glob of `exclude`, `extendExclude` or the policy's `files` is invalid (the CLI's message); `undefined`: valid. */
export declare function pathPatternError(glob: string): string | undefined;
/** Whether a walk reads a path: `.yaml`, `.yml`, `.json`, or a template name. */
export declare function isCandidatePath(path: string): boolean;
/** The `Chart.yaml` files whose existence makes a file a Helm chart template. */
export declare function chartFilesFor(path: string): string[];
/** The folders that, holding a scaffolder `Template` file, make a file a template skeleton. */
export declare function skeletonParentsFor(path: string): string[];
/** Whether a text is a scaffolder `Template` entity. */
export declare function isScaffolderTemplate(text: string): boolean;
/** A file's bytes as the CLI reads them; `undefined`: a file found while walking that is skipped. */
export declare function decodeFile(
  path: string,
  bytes: Uint8Array,
  explicit: boolean,
): { text: string; failure?: undefined } | { text?: undefined; failure: string } | undefined;
/** A catalog export's entities from its text (`--known-entities FILE`), for `knownEntities`; throws with the CLI's message. */
export declare function knownEntitiesFromText(path: string, text: string): { kind: string; metadata: { name: string; namespace: string } }[];
/** The kataster version the module was built from. */
export declare function version(): string;

export interface Api {
  Kataster: typeof Kataster;
  Session: typeof Session;
  GlobMatcher: typeof GlobMatcher;
  GitignoreMatcher: typeof GitignoreMatcher;
  KatasterInternalError: typeof KatasterInternalError;
  isCatalogFile: typeof isCatalogFile;
  classify: typeof classify;
  policyFileNames: typeof policyFileNames;
  isYamlPath: typeof isYamlPath;
  pathPatternError: typeof pathPatternError;
  isCandidatePath: typeof isCandidatePath;
  chartFilesFor: typeof chartFilesFor;
  skeletonParentsFor: typeof skeletonParentsFor;
  isScaffolderTemplate: typeof isScaffolderTemplate;
  decodeFile: typeof decodeFile;
  knownEntitiesFromText: typeof knownEntitiesFromText;
  version: typeof version;
}
