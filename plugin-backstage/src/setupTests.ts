import '@testing-library/jest-dom';
import { TextDecoder, TextEncoder } from 'util';

// The WebAssembly glue needs these; jsdom does not provide them.
Object.assign(globalThis, {
  TextDecoder: globalThis.TextDecoder ?? TextDecoder,
  TextEncoder: globalThis.TextEncoder ?? TextEncoder,
});
