// Browser and embedding entries: `const kataster = await init(options)` once.
import type { Api } from './api.js';

export type * from './api.js';

export interface InitOptions {
  /** The .wasm: a URL, a `Response`, bytes or a compiled `WebAssembly.Module` (required for `kataster-wasm/embed`). */
  module_or_path?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module | Promise<Response>;
  /**
   * Also load the complete build (`web-schemas/`, `embed-schemas/`: a second .wasm, with the
   * custom-schema validator and the whole API), which a `Kataster` or `Session` whose policy
   * comes with custom schemas (ORG007) runs on, and the parts of the API that the first .wasm
   * leaves out (`Session`, `GlobMatcher`, `GitignoreMatcher`, the discovery helpers,
   * `knownEntitiesFromText`, `Kataster`'s `checkVersion`, `catalogSchema` and `policySchema`):
   * `true` fetches it from beside its glue (`kataster-wasm/web` only), or give its
   * `{module_or_path}`. Without it those throw.
   */
  customSchemas?: true | { module_or_path: InitOptions['module_or_path'] };
  /** The same as `customSchemas`. */
  complete?: true | { module_or_path: InitOptions['module_or_path'] };
}

export default function init(options?: InitOptions): Promise<Api>;
