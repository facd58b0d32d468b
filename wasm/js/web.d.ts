// Browser and embedding entries: `const kataster = await init(options)` once.
import type { Api } from './api.js';

export type * from './api.js';

export interface InitOptions {
  /** The .wasm: a URL, a `Response`, bytes or a compiled `WebAssembly.Module` (required for `kataster-wasm/embed`). */
  module_or_path?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module | Promise<Response>;
  /**
   * Also load the build with the custom-schema validator (`web-schemas/`, `embed-schemas/`: a
   * second .wasm), which a `Kataster` or `Session` whose policy comes with custom schemas
   * (ORG007) runs on: `true` fetches it from beside its glue (`kataster-wasm/web` only), or
   * give its `{module_or_path}`. Without it such a policy throws.
   */
  customSchemas?: true | { module_or_path: InitOptions['module_or_path'] };
}

export default function init(options?: InitOptions): Promise<Api>;
