// Hostile input through the WebAssembly package (wasm/pkg, built by scripts/build-wasm.sh): a
// test per case of issue 9 (cases.mjs), each in a process of its own. The report must locate
// every problem exactly as the native CLI does (cli/tests/hostile.rs), nothing may trap, and
// memory stays bounded. Times are not asserted beyond a guard against hangs; they are
// benchmarked (docs/performance.md).
//
//   node --test tests/hostile/        (KATASTER_WASM_PKG selects another build of the package)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { cases } from './cases.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.resolve(process.env.KATASTER_WASM_PKG ?? path.join(here, '../../wasm/pkg'));
const built = existsSync(path.join(pkg, 'index.mjs'));

// Memory is measured beyond what building the input took (Node, the strings): a check may use
// 200 MB, plus the input's copies that the module's JSON interface makes (the JSON text in
// JavaScript, the same in the module's memory, the texts parsed from it, and the module's
// memory, which never shrinks, growing by doubling): 4 copies. The 100 MB case takes ~460-510 MB.
const BOUND_KB = 200 * 1024;
const COPIES = 4;
const HANG_GUARD_MS = 120_000;

function run(name) {
  const child = spawnSync(process.execPath, [path.join(here, 'run-case.mjs'), pkg, name], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: HANG_GUARD_MS,
  });
  assert.equal(child.status, 0, `${name}: exit ${child.status} ${child.signal ?? ''}\n${child.stderr.slice(0, 4000)}`);
  assert.doesNotMatch(child.stderr, /panicked|RuntimeError|unreachable/);
  return JSON.parse(child.stdout);
}

function inputKb(spec) {
  const chars = (spec.files ?? []).reduce((sum, file) => sum + file.text.length, 0);
  return Math.ceil((COPIES * chars) / 1024);
}

for (const [name, make] of Object.entries(cases)) {
  test(name, { skip: built ? false : `the package is not built (${pkg}): run scripts/build-wasm.sh` }, t => {
    const spec = make();
    const result = run(name);
    if (spec.policyError) {
      assert.match(result.policyError ?? '', /POL002/);
      assert.match(result.policyError ?? '', spec.policyError);
    } else if (spec.bytes) {
      assert.equal(result.exitCode, 2);
      assert.deepEqual(result.located, ['IO002 1:1']);
      assert.match(result.failure, spec.utf16 ? /UTF-16/ : new RegExp(`at byte offset ${spec.offset}\\b`));
    } else {
      assert.deepEqual(result.located, spec.located, JSON.stringify(result.messages));
      for (const [key, value] of Object.entries(spec.summary ?? {})) {
        assert.equal(result.summary[key], value, key);
      }
      const failures = spec.located.some(l => /^(YAML|IO|POL)/.test(l));
      const errors = spec.located.length > 0;
      assert.equal(result.exitCode, failures ? 2 : errors ? 1 : 0);
      assert.ok(result.humanBytes < 4000 + 200 * spec.located.length, `${result.humanBytes} bytes of human output`);
    }
    const bound = BOUND_KB + inputKb(spec);
    assert.ok(result.checkKb < bound, `the check took ${result.checkKb} KB, bound ${bound} KB`);
    t.diagnostic(
      `${name}: ${result.ms.toFixed(0)} ms, +${(result.checkKb / 1024).toFixed(0)} MB (process peak ${(result.maxRssKb / 1024).toFixed(0)} MB)`,
    );
  });
}
