// The language server's benchmark (docs/performance.md, "Language server"): the round trip
// didChange -> publishDiagnostics in generated workspaces (scripts/bench/generate.mjs, one
// entity a file), and a burst of keystrokes.
//
//   node scripts/bench/lsp.mjs [--sizes 1000,5000,10000] [--edits 20] [--binary PATH]
//        [--keystrokes 60] [--rate 50] [--burst-size 5000]
//
// Per size, one `kataster lsp` in the workspace folder: it opens one Component's file and
// times `--edits` changes, each until the publish of that version for that document (median
// and worst): a local edit (a tag that breaks CAT010 and back) and a cross-file edit (renaming
// a Group that other files reference, so that they are published too, and back). Then, at
// `--burst-size` files, `--keystrokes` changes sent at `--rate` a second: how many publishes
// the document gets and how long after the last keystroke its diagnostics arrive. Build the
// release binary first (`cargo build --release -p kataster-cli`).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { generateCatalog } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = option('--sizes', '1000,5000,10000').split(',').map(Number);
const edits = Number(option('--edits', '20'));
const binary = path.resolve(option('--binary', path.join(root, 'target/release/kataster')));
const keystrokes = Number(option('--keystrokes', '60'));
const rate = Number(option('--rate', '50'));
const burstSize = Number(option('--burst-size', '5000'));
const out = path.join(root, 'target/bench');

const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** A client over the server's stdio that records every notification with its arrival time. */
class Client {
  constructor(cwd) {
    this.server = spawn(binary, ['lsp'], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.publishes = [];
    this.waiters = [];
    this.server.stdout.on('data', chunk => this.read(chunk));
  }

  read(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString());
      this.buffer = this.buffer.subarray(end + 4 + length);
      if (message.id !== undefined && this.pending.has(message.id)) {
        this.pending.get(message.id)(message);
        this.pending.delete(message.id);
      } else if (message.method === 'textDocument/publishDiagnostics') {
        this.publishes.push({ at: now(), ...message.params });
        this.waiters = this.waiters.filter(waiter => !waiter());
      }
    }
  }

  send(message) {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    this.server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise(resolve => {
      this.pending.set(id, resolve);
      this.send({ id, method, params });
    });
  }

  notify(method, params) {
    this.send({ method, params });
  }

  /** The first publish (from index `from`) that satisfies `test`. */
  published(test, from = 0) {
    return new Promise(resolve => {
      const check = () => {
        const found = this.publishes.slice(from).find(test);
        if (found) resolve(found);
        return Boolean(found);
      };
      if (!check()) this.waiters.push(check);
    });
  }

  async stop() {
    await this.request('shutdown', null);
    this.notify('exit', null);
    await new Promise(resolve => this.server.on('exit', resolve));
  }
}

/** Start a server in a workspace, wait for its first check, open `file`. */
async function open(folder, file) {
  const client = new Client(folder);
  const rootUri = pathToFileURL(folder).href;
  await client.request('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: {},
  });
  client.notify('initialized', {});
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await client.published(p => p.uri === uri && p.version === 1);
  return { client, uri, text };
}

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = value => `${value.toFixed(1)} ms`;

/** Time `edits` changes that alternate between `edited` and `text`. */
async function roundTrips(client, uri, text, edited, firstVersion) {
  const times = [];
  for (let i = 0; i < edits; i += 1) {
    const version = firstVersion + i;
    const from = client.publishes.length;
    const started = now();
    client.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text: i % 2 === 0 ? edited : text }],
    });
    const publish = await client.published(p => p.uri === uri && p.version === version, from);
    times.push(publish.at - started);
    await sleep(20);
  }
  return times;
}

async function sizeRow(n) {
  const { many } = generateCatalog(n, out, 1);
  // Entity 50 is a Component, entity 0 the Group at the root of the hierarchy.
  const component = path.join(many, 'd0000', 'e0000050.yaml');
  const group = path.join(many, 'd0000', 'e0000000.yaml');
  const { client, uri, text } = await open(many, component);
  const local = await roundTrips(client, uri, text, text.replace('- bench', '- Bench'), 2);
  const groupUri = pathToFileURL(group).href;
  const groupText = readFileSync(group, 'utf8');
  client.notify('textDocument/didOpen', {
    textDocument: { uri: groupUri, languageId: 'yaml', version: 1, text: groupText },
  });
  await client.published(p => p.uri === groupUri && p.version === 1);
  const renamed = groupText.replace('name: group-0000000', 'name: group-renamed');
  const crossFrom = client.publishes.length;
  const cross = await roundTrips(client, groupUri, groupText, renamed, 2);
  const crossPublishes = client.publishes.length - crossFrom;
  await client.stop();
  return { n, local, cross, crossPublishes };
}

async function burst(n) {
  const { many } = generateCatalog(n, out, 1);
  const { client, uri, text } = await open(many, path.join(many, 'd0000', 'e0000050.yaml'));
  const from = client.publishes.length;
  let sent = 0;
  for (let i = 0; i < keystrokes; i += 1) {
    const typed = text.replace('for the benchmark', `for the benchmark ${'x'.repeat(i + 1)}`);
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 + i },
      contentChanges: [{ text: typed }],
    });
    sent = now();
    await sleep(1000 / rate);
  }
  const last = 1 + keystrokes;
  const final = await client.published(p => p.uri === uri && p.version === last, from);
  await sleep(500);
  const publishes = client.publishes.slice(from).filter(p => p.uri === uri);
  const stale = publishes.some((p, i) => i > 0 && p.version < publishes[i - 1].version);
  await client.stop();
  return { n, publishes: publishes.length, latency: final.at - sent, stale };
}

console.log(`kataster lsp, ${binary}`);
console.log('| files | local edit: median | worst | cross-file edit: median | worst | publishes per cross-file edit |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const n of sizes) {
  const row = await sizeRow(n);
  console.log(
    `| ${n.toLocaleString('en')} | ${ms(median(row.local))} | ${ms(Math.max(...row.local))} | ` +
      `${ms(median(row.cross))} | ${ms(Math.max(...row.cross))} | ${(row.crossPublishes / edits).toFixed(1)} |`,
  );
}
if (keystrokes > 0) {
  const result = await burst(burstSize);
  console.log(
    `\n${keystrokes} keystrokes at ${rate}/s, ${burstSize.toLocaleString('en')} files: ` +
      `${result.publishes} publishes of the document, the last ${ms(result.latency)} after the last keystroke` +
      `${result.stale ? ' (a version older than one published before it)' : ''}`,
  );
}
