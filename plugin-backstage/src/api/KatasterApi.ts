import { createApiRef } from '@backstage/core-plugin-api';
import type { Config } from '@backstage/config';
import type { CheckOptions, JsonReport, RuleMeta, SourceFile } from '../wasm/types';
import type { Engine, EngineMode } from '../wasm/engine';

/** A report with how long the WebAssembly core took and where it ran. */
export interface TimedReport {
  report: JsonReport;
  /** Milliseconds spent in the core (without messaging). */
  ms: number;
  mode: EngineMode;
}

/**
 * kataster's checks in the browser: the WebAssembly core with the organisation's policy
 * (app-config `kataster:`).
 */
export interface KatasterApi {
  /** Check files together; the report is exactly the CLI's JSON (`kataster check --format json`). */
  check(files: SourceFile[], options?: CheckOptions): Promise<TimedReport>;
  /** Every rule. */
  rules(): Promise<RuleMeta[]>;
  /** A rule's Markdown documentation. */
  ruleDocs(code: string): Promise<string | undefined>;
}

/**
 * The keys of app-config `kataster:` that configure kataster's Backstage backend packages rather
 * than the policy: `enforce` (the catalog module's rules enforced at ingestion) and `source` (the
 * backend plugin's source endpoint). Everything else is the policy (kataster.yaml's structure).
 */
export const BACKSTAGE_KEYS = ['enforce', 'source'] as const;

/** The policy in app-config `kataster:`: the value without {@link BACKSTAGE_KEYS}; `undefined`: the defaults. */
export function policyFromConfig(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return value ?? undefined;
  }
  const policy = Object.fromEntries(
    Object.entries(value).filter(([key]) => !(BACKSTAGE_KEYS as readonly string[]).includes(key)),
  );
  return Object.keys(policy).length ? policy : undefined;
}

/** @public */
export const katasterApiRef = createApiRef<KatasterApi>({ id: 'plugin.kataster.service' });

/** Options of {@link WasmKatasterClient}. */
export interface WasmKatasterClientOptions {
  /** The policy: an object of kataster.yaml's structure, or its YAML text; the defaults when absent. */
  policy?: unknown;
  /** Validate in a Web Worker where possible (default true). */
  worker?: boolean;
}

/** The {@link KatasterApi} over the embedded WebAssembly core, loaded on first use. */
export class WasmKatasterClient implements KatasterApi {
  readonly #policy: unknown;
  readonly #worker: boolean;
  #engine?: Promise<Engine>;

  /** Reads the policy from app-config `kataster:` (the defaults when absent). */
  static fromConfig(config: Config, options?: Omit<WasmKatasterClientOptions, 'policy'>) {
    return new WasmKatasterClient({ ...options, policy: policyFromConfig(config.getOptional('kataster')) });
  }

  constructor(options: WasmKatasterClientOptions = {}) {
    this.#policy = options.policy ?? undefined;
    this.#worker = options.worker ?? true;
  }

  #start(): Promise<Engine> {
    if (!this.#engine) {
      this.#engine = import('../wasm/engine').then(m => m.startEngine(this.#policy, this.#worker));
      // A failed start is retried by the next call.
      this.#engine.catch(() => {
        this.#engine = undefined;
      });
    }
    return this.#engine;
  }

  async check(files: SourceFile[], options?: CheckOptions): Promise<TimedReport> {
    const engine = await this.#start();
    const { value, ms } = await engine.call({ type: 'check', files, options });
    return { report: value as JsonReport, ms, mode: engine.mode };
  }

  async rules(): Promise<RuleMeta[]> {
    const engine = await this.#start();
    return (await engine.call({ type: 'rules' })).value as RuleMeta[];
  }

  async ruleDocs(code: string): Promise<string | undefined> {
    const engine = await this.#start();
    return (await engine.call({ type: 'ruleDocs', code })).value as string | undefined;
  }

  /** Stops the worker (tests, hot reload). */
  async dispose() {
    const engine = this.#engine;
    this.#engine = undefined;
    (await engine?.catch(() => undefined))?.dispose();
  }
}
