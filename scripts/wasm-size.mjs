// What the .wasm is made of: code bytes per crate (from the function names of the unstripped
// cargo output), data bytes, and the largest functions. Twiggy-style, without installing it.
//
//   node scripts/wasm-size.mjs [target/wasm32-unknown-unknown/wasm-release/kataster_wasm.wasm] [--top N]
import fs from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--top') ?? 'target/wasm32-unknown-unknown/wasm-release/kataster_wasm.wasm';
const top = Number(args[args.indexOf('--top') + 1]) || 15;
const bytes = fs.readFileSync(file);

let offset = 8;
function leb() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[offset++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return result;
  }
}

const sections = {};
let importedFunctions = 0;
const bodies = [];
const names = new Map();
let dataBytes = 0;
while (offset < bytes.length) {
  const id = bytes[offset++];
  const size = leb();
  const end = offset + size;
  const start = offset;
  let label = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id] ?? `id${id}`;
  if (id === 0) {
    const length = leb();
    const name = bytes.subarray(offset, offset + length).toString();
    offset += length;
    label = `custom:${name}`;
    if (name === 'name') {
      while (offset < end) {
        const kind = bytes[offset++];
        const length2 = leb();
        const subEnd = offset + length2;
        if (kind === 1) {
          const count = leb();
          for (let i = 0; i < count; i += 1) {
            const index = leb();
            const nameLength = leb();
            names.set(index, bytes.subarray(offset, offset + nameLength).toString());
            offset += nameLength;
          }
        }
        offset = subEnd;
      }
    }
  } else if (id === 2) {
    const count = leb();
    for (let i = 0; i < count; i += 1) {
      offset += leb();
      offset += leb();
      const kind = bytes[offset++];
      if (kind === 0) { leb(); importedFunctions += 1; } else if (kind === 1) { offset += 1; const flags = leb(); leb(); if (flags & 1) leb(); } else if (kind === 2) { const flags = leb(); leb(); if (flags & 1) leb(); } else if (kind === 3) { offset += 2; }
    }
  } else if (id === 10) {
    const count = leb();
    for (let i = 0; i < count; i += 1) {
      const bodySize = leb();
      bodies.push({ index: importedFunctions + i, size: bodySize });
      offset += bodySize;
    }
  } else if (id === 11) {
    dataBytes = size;
  }
  sections[label] = (sections[label] ?? 0) + (end - start);
  offset = end;
}

/** The crate of a (legacy-mangled or plain) Rust symbol. */
function crateOf(name) {
  if (!name) return '(unnamed)';
  if (name.startsWith('__wbg') || name.startsWith('__wbindgen')) return 'wasm_bindgen (glue)';
  // Legacy mangling (`_ZN<len><segment>...E`): the first segment is the crate, or for an impl
  // (`_<$LT$T$u20$as$u20$Trait$GT$`) the crate of T (`<&T as ..>`, `<[T] as ..>` look through).
  const legacy = /^_ZN(\d+)/.exec(name);
  if (legacy) {
    const segment = name.slice(legacy[0].length, legacy[0].length + Number(legacy[1]));
    if (!segment.startsWith('_$LT$') && !segment.startsWith('$LT$')) return segment;
    const inner = segment.replace(/^_?\$LT\$/, '').replace(/^(?:\$RF\$|mut\$u20\$|\$u5b\$|\$BP\$|dyn\$u20\$|\$LP\$)+/g, '');
    const crate = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(inner);
    return crate ? crate[1] : '(impl)';
  }
  // v0 mangling (`_R...`): the crate name follows its disambiguator.
  const v0 = name.startsWith('_R') && /C(?:s[A-Za-z0-9]*_)?(\d+)([A-Za-z_][A-Za-z0-9_]*)/.exec(name.slice(2));
  if (v0) return `${v0[2].slice(0, Number(v0[1]))} (std's build)`;
  const plain = /^<?([a-z_][a-z0-9_]*)::/.exec(name);
  if (plain) return plain[1];
  return /^[a-z]+$/.test(name) ? 'libc/compiler-builtins' : '(other)';
}

const byCrate = new Map();
for (const body of bodies) {
  const crate = crateOf(names.get(body.index));
  byCrate.set(crate, (byCrate.get(crate) ?? 0) + body.size);
}
const total = bytes.length;
const pct = (n) => `${((100 * n) / total).toFixed(1)}%`;
console.log(`${file}: ${total} bytes`);
console.log('\nsections:');
for (const [name, size] of Object.entries(sections).sort((a, b) => b[1] - a[1])) {
  console.log(`  ${String(size).padStart(9)}  ${pct(size).padStart(6)}  ${name}`);
}
console.log(`\ncode by crate (${bodies.length} functions):`);
for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`  ${String(size).padStart(9)}  ${pct(size).padStart(6)}  ${crate}`);
}
console.log('\nlargest functions:');
for (const body of bodies.sort((a, b) => b.size - a.size).slice(0, top)) {
  console.log(`  ${String(body.size).padStart(9)}  ${(names.get(body.index) ?? '?').slice(0, 110)}`);
}
if (dataBytes) console.log(`\ndata segment: ${dataBytes} bytes`);
