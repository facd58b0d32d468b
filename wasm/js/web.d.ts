// Browser and embedding entries: `const kataster = await init(options)` once.
import type { Api } from './api.js';

export type * from './api.js';

export interface InitOptions {
  /** The .wasm: a URL, a `Response`, bytes or a compiled `WebAssembly.Module` (required for `kataster-wasm/embed`). */
  module_or_path?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module | Promise<Response>;
}

export default function init(options?: InitOptions): Promise<Api>;
