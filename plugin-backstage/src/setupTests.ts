import '@testing-library/jest-dom';
import { TextDecoder, TextEncoder } from 'util';

// The WebAssembly glue needs these; jsdom does not provide them.
// (Node's web streams: jsdom has none.)
const { DecompressionStream, ReadableStream } = require('stream/web');

// And the engine inflates the embedded .wasm with DecompressionStream.
Object.assign(globalThis, {
  TextDecoder: globalThis.TextDecoder ?? TextDecoder,
  TextEncoder: globalThis.TextEncoder ?? TextEncoder,
  ReadableStream: globalThis.ReadableStream ?? ReadableStream,
  DecompressionStream: (globalThis as any).DecompressionStream ?? DecompressionStream,
});

// CodeMirror measures text with Range rectangles, which jsdom does not lay out.
if (typeof Range !== 'undefined' && !Range.prototype.getClientRects) {
  Range.prototype.getClientRects = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as any;
  Range.prototype.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0, toJSON() {} }) as DOMRect;
}

// The WebAssembly core is instantiated per test; 2-core CI machines are slow.
jest.setTimeout(30_000);
