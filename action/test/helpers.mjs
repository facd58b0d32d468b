// Shared by the tests: the repository, the native CLI, and running the Node CLI in-process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { main } from '../lib/cli.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The native binary: `KATASTER_NATIVE`, else target/debug/kataster (built by scripts/test.sh). */
export const native = process.env.KATASTER_NATIVE ?? path.join(root, 'target/debug/kataster');

export function hasNative() {
  return fs.existsSync(native);
}

/** Run the native CLI; returns `{stdout, stderr, status}`. */
export function runNative(args, { cwd = root, env = {} } = {}) {
  const result = spawnSync(native, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** A writable that keeps what is written. */
export function sink({ isTTY = false } = {}) {
  const stream = {
    text: '',
    isTTY,
    write(chunk, callback) {
      stream.text += chunk;
      callback?.();
      return true;
    },
  };
  return stream;
}

/** Run the Node CLI in this process (cwd must be set by the caller). */
export async function runWasm(args, { env = process.env } = {}) {
  const stdout = sink();
  const stderr = sink();
  const status = await main(args, { stdout, stderr, env });
  return { stdout: stdout.text, stderr: stderr.text, status };
}

/** Every conformance case: `tests/corpus/<CODE>/{valid,invalid}/<case>` (as cli/tests/corpus.rs). */
export function corpusCases() {
  const corpus = path.join(root, 'tests/corpus');
  const cases = [];
  for (const code of fs.readdirSync(corpus).sort()) {
    for (const kind of ['valid', 'invalid']) {
      const dir = path.join(corpus, code, kind);
      if (!fs.existsSync(dir)) continue;
      for (const name of fs.readdirSync(dir).sort()) {
        const full = path.join(dir, name);
        const lstat = fs.lstatSync(full);
        if (lstat.isDirectory() || lstat.isSymbolicLink() || name.endsWith('.yaml') || name.endsWith('.yml')) {
          cases.push(path.relative(root, full));
        }
      }
    }
  }
  return cases;
}

/** The shared real-world corpus beside the repository, if present. */
export const realCorpus = path.resolve(root, '../shared/corpus/real');
