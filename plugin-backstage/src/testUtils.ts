// Test helpers: the real WebAssembly core on the main thread (Jest has no Web Worker).
import { WasmKatasterClient } from './api/KatasterApi';

export function testKataster(policy?: unknown) {
  return new WasmKatasterClient({ policy, worker: false });
}
