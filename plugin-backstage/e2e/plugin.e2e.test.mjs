// End-to-end test of the plugin in a real browser against a real Backstage: the dev backend
// (../plugin-backstage-backend/dev/index.cjs: the catalog backend, guest sign-in, kataster's
// backend plugin and catalog module, the Acme catalog as file: locations and as url: locations on
// a Git-host stand-in that demands a token) and the dev app (dev/index.tsx, the new frontend
// system) served by `backstage-cli package start`, driven by playwright-core with Debian's
// Chromium (/usr/bin/chromium).
//
//   node --test e2e/                 # starts the backend and the dev server on free ports, then stops them
//   KATASTER_DEV_DATABASE=postgres://postgres@127.0.0.1:5432 node --test e2e/   # the catalog on PostgreSQL
//   KATASTER_E2E_URL=http://localhost:3000 KATASTER_E2E_BACKEND_URL=http://localhost:7007 \
//     KATASTER_DEV_SANDBOX=/the/backend/sandbox node --test e2e/   # against a running backend and `npm start`
//
// Screenshots: e2e/screenshots/*.png. Measurements (keystroke to markers on a 1,000-line
// file): e2e/measurements.json. Skipped, with a message, when Chromium is absent.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const plugin = join(dirname(fileURLToPath(import.meta.url)), '..');
const screenshots = join(plugin, 'e2e/screenshots');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip = existsSync(chromiumPath)
  ? false
  : `Chromium is not installed at ${chromiumPath} (apt-get install -y chromium): end-to-end test skipped`;
if (skip) {
  console.log(`# SKIP ${skip}`);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`${url}: the server exited with ${child.exitCode}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) {
        return;
      }
    } catch {
      // not yet
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`the server did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/** Spawns a server in a process group of its own, keeping its output for when it fails. */
function startServer(command, args, options) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.log = '';
  child.stdout.on('data', d => (child.log += d));
  child.stderr.on('data', d => (child.log += d));
  return child;
}

function stopServer(child) {
  if (child && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** Polls `check` until it returns something truthy. */
async function until(what, check, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/** The sandbox entity of the dev backend, valid; `namespace` replaces its namespace. */
const sandboxEntity = (namespace = 'ap-sandbox-dev') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: sandbox-service
  description: A component whose file can be edited while the dev backend runs.
  labels:
    kataster.io/stage: dev
  annotations:
    backstage.io/kubernetes-namespace: ${namespace}
spec:
  type: service
  lifecycle: experimental
  owner: group:default/team-a
`;

/**
 * Exactly 1,000 lines: whole documents of the Acme example, each copy in a namespace of its own,
 * then comment lines.
 */
export function thousandLines(documents) {
  const lines = [];
  for (let copy = 0; ; copy++) {
    for (const document of documents) {
      const text = copy ? document.replace(/^metadata:$/gm, `metadata:\n  namespace: copy${copy}`) : document;
      const next = [...(lines.length ? ['---'] : []), ...text.replace(/\n*$/, '').split('\n')];
      if (lines.length + next.length > 1000) {
        while (lines.length < 1000) {
          lines.push('# padding to 1,000 lines');
        }
        return `${lines.join('\n')}\n`;
      }
      lines.push(...next);
    }
  }
}

describe('kataster plugin in Chromium', { skip, timeout: 15 * 60_000 }, () => {
  let server;
  let backend;
  let baseUrl = process.env.KATASTER_E2E_URL;
  let backendUrl = process.env.KATASTER_E2E_BACKEND_URL ?? 'http://localhost:7007';
  let sandbox = process.env.KATASTER_DEV_SANDBOX;
  let ownSandbox = false;
  let token;
  let context;
  let profile;
  let page;
  const pageErrors = [];
  const measurements = {};

  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    if (!baseUrl) {
      const port = await freePort();
      let backendPort = await freePort();
      while (backendPort === port) {
        backendPort = await freePort();
      }
      baseUrl = `http://localhost:${port}`;
      backendUrl = `http://localhost:${backendPort}`;
      sandbox = mkdtempSync(join(tmpdir(), 'kataster-e2e-sandbox-'));
      ownSandbox = true;
      backend = startServer('node', [join(plugin, '../plugin-backstage-backend/dev/index.cjs')], {
        env: {
          ...process.env,
          KATASTER_DEV_PORT: String(backendPort),
          KATASTER_DEV_APP_URL: baseUrl,
          KATASTER_DEV_SANDBOX: sandbox,
        },
      });
      server = startServer('npx', ['backstage-cli', 'package', 'start', '--config', 'dev/app-config.yaml'], {
        cwd: plugin,
        env: {
          ...process.env,
          CI: 'true',
          BROWSER: 'none',
          APP_CONFIG_app_baseUrl: baseUrl,
          APP_CONFIG_backend_baseUrl: backendUrl,
        },
      });
      try {
        await waitForHttp(`${backendUrl}/.backstage/health/v1/readiness`, backend, 3 * 60_000);
        await waitForHttp(baseUrl, server, 8 * 60_000);
      } catch (error) {
        console.log(backend.log);
        console.log(server.log);
        throw error;
      }
    }
    // A guest's token, for the catalog API; then wait for the catalog to have ingested the
    // file: and the url: locations.
    const { backstageIdentity } = await until('a guest token', async () => {
      const response = await fetch(`${backendUrl}/api/auth/guest/refresh`, { headers: { 'x-requested-with': 'XMLHttpRequest' } });
      return response.ok && response.json();
    });
    token = backstageIdentity.token;
    for (const name of ['phippy', 'legacy-billing', 'billing-api', 'sandbox-service']) {
      await until(`component:default/${name} in the catalog`, () => entity('component', name));
    }
    const { chromium } = await import('playwright-core');
    profile = mkdtempSync(join(tmpdir(), 'kataster-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
      viewport: { width: 1400, height: 1000 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(60_000);
    page.on('pageerror', error => pageErrors.push(error.message));

    // Backstage's default sign-in page: enter as a guest (the auth backend's guest provider).
    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.waitForURL(url => !/sign-in/.test(url.pathname));
    await page.getByRole('link', { name: 'Catalog' }).first().waitFor();
  });

  /** The catalog API with the guest's token. */
  const catalog = (path, init = {}) =>
    fetch(`${backendUrl}/api/catalog${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });

  async function entity(kind, name) {
    const response = await catalog(`/entities/by-name/${kind}/default/${name}`);
    return response.ok ? response.json() : undefined;
  }

  /** The processing errors the catalog recorded for the entity. */
  const processingErrors = e => (e?.status?.items ?? []).filter(item => item.level === 'error').map(item => item.error?.message ?? '');

  /** Writes the sandbox file and asks the catalog to process it again. */
  async function editSandbox(text) {
    writeFileSync(join(sandbox, 'catalog-info.yaml'), text);
    const response = await catalog('/refresh', {
      method: 'POST',
      body: JSON.stringify({ entityRef: 'component:default/sandbox-service' }),
    });
    assert.ok(response.ok, `refresh: ${response.status}`);
  }

  after(async () => {
    await context?.close();
    if (profile) {
      rmSync(profile, { recursive: true, force: true });
    }
    if (ownSandbox) {
      stopServer(server);
      stopServer(backend);
      rmSync(sandbox, { recursive: true, force: true });
    } else if (sandbox && token) {
      // Leave a running backend's sandbox valid.
      await editSandbox(sandboxEntity()).catch(() => {});
    }
    if (Object.keys(measurements).length) {
      writeFileSync(join(plugin, 'e2e/measurements.json'), `${JSON.stringify(measurements, null, 2)}\n`);
      console.log(`# measurements: ${JSON.stringify(measurements)}`);
    }
  });

  /** The editor's content element. */
  const editor = () => page.locator('.cm-content');

  /** Waits until the validator has shown a validation after `generation`. */
  async function nextValidation(generation) {
    await page.waitForFunction(
      g => Number(document.querySelector('[data-testid=kataster-status]')?.dataset.generation ?? 0) > g,
      generation,
    );
  }

  const generation = () =>
    page.locator('[data-testid=kataster-status]').evaluate(el => Number(el.dataset.generation ?? 0));

  /** The 1-based line numbers that carry an underline of `severity`. */
  const markedLines = severity =>
    page.evaluate(sev => {
      const lines = [...document.querySelectorAll('.cm-content > .cm-line')];
      return lines.flatMap((line, i) => (line.querySelector(`.cm-lintRange-${sev}`) ? [i + 1] : []));
    }, severity);

  /** The 1-based line numbers whose gutter has a marker of `severity`. */
  const gutterLines = severity =>
    page.evaluate(sev => {
      const numbers = [...document.querySelectorAll('.cm-lineNumbers .cm-gutterElement')].filter(e => e.textContent);
      const markers = [...document.querySelectorAll(`.cm-gutter-lint .cm-lint-marker-${sev}`)];
      return markers.map(marker => {
        const top = marker.closest('.cm-gutterElement').getBoundingClientRect().top;
        const row = numbers.find(n => Math.abs(n.getBoundingClientRect().top - top) < 2);
        return Number(row?.textContent);
      });
    }, severity);

  it('shows a typed problem inline at its line, with its message, and clears it when fixed', async () => {
    await page.goto(`${baseUrl}/kataster`);
    await page.waitForURL(/\/kataster\/validator$/);
    await editor().waitFor();
    await page.waitForFunction(() => /validated in/.test(document.querySelector('[data-testid=kataster-status]')?.textContent ?? ''));

    // Replace the starter text with a document whose line 5 has an invalid entity name.
    const invalid = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  # the name has a space',
      '  name: product catalog',
      '  annotations:',
      '    backstage.io/kubernetes-namespace: cs-catalog-prd',
      'spec:',
      '  type: service',
      '  lifecycle: production',
      '  owner: group:default/team-a',
      '',
    ].join('\n');
    await editor().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    let g = await generation();
    await page.keyboard.insertText(invalid);
    await nextValidation(g);
    await page.waitForSelector('.cm-lintRange-error');

    assert.deepEqual(await markedLines('error'), [5]);
    assert.deepEqual(await gutterLines('error'), [5]);
    const underline = page.locator('.cm-lintRange-error').first();
    assert.equal(await underline.textContent(), 'product catalog');

    // Hover text: the code (linking to its docs), the message and the help.
    await underline.hover();
    const tooltip = page.locator('.cm-tooltip-lint');
    await tooltip.waitFor();
    const hover = await tooltip.textContent();
    assert.match(hover, /CAT006/);
    assert.match(hover, /invalid entity name "product catalog"/);
    assert.match(hover, /help: use letters, digits/);
    assert.match(
      await tooltip.locator('a', { hasText: 'CAT006' }).getAttribute('href'),
      /docs\/rules\/CAT006\.md$/,
    );
    assert.match(await page.locator('[data-testid=kataster-status]').textContent(), /1 errors.*Web Worker/);
    await page.screenshot({ path: join(screenshots, 'validator-invalid.png') });

    // Fix it by typing: the space becomes a dash.
    await page.mouse.move(0, 0);
    await page.locator('.cm-line', { hasText: 'name: product catalog' }).click();
    await page.keyboard.press('End');
    for (let i = 0; i < 'catalog'.length + 1; i++) {
      await page.keyboard.press('Backspace');
    }
    g = await generation();
    await page.keyboard.type('-catalog', { delay: 30 });
    await nextValidation(g);
    await page.waitForFunction(() => !document.querySelector('.cm-lintRange-error'));
    assert.deepEqual(await markedLines('error'), []);
    assert.deepEqual(await gutterLines('error'), []);
    assert.match(await page.locator('[data-testid=kataster-status]').textContent(), /^0 errors, 0 warnings/);
    await page.screenshot({ path: join(screenshots, 'validator-fixed.png') });
  });

  it('loads the Acme example with the Example button, clean under the Acme policy', async () => {
    const g = await generation();
    await page.getByTestId('kataster-example').click();
    await nextValidation(g);
    await page.waitForFunction(() => /^0 errors, 0 warnings/.test(document.querySelector('[data-testid=kataster-status]')?.textContent ?? ''));
    assert.match(await editor().textContent(), /kind: Location/);
    await page.screenshot({ path: join(screenshots, 'validator-example.png') });
  });

  it('measures keystroke to markers on a 1,000-line file', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(join(plugin, 'src/example/acme.generated.ts'), 'utf8');
    const example = JSON.parse(source.match(/export const acmeExample = (".*");/)[1]);
    // Components first, so that the line typed into is near the top of the file.
    const documents = example.split('\n---\n');
    const reordered = [...documents.filter(d => /kind: Component/.test(d)), ...documents.filter(d => !/kind: Component/.test(d))];
    const big = thousandLines(reordered);
    assert.equal(big.split('\n').length - 1, 1000);
    await editor().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    let g = await generation();
    await page.keyboard.insertText(big);
    await nextValidation(g);
    // (Copies' references to later copies dangle, far below the line typed into.)
    await page.keyboard.press('Control+Home');

    const samples = [];
    for (let round = 0; round < 9; round++) {
      // Go to the first `lifecycle:` line and type one character: the lifecycle becomes one the
      // policy does not allow (ORG002), so a marker appears.
      const line = page.locator('.cm-line', { hasText: /^\s*lifecycle: production$/ }).first();
      await line.click();
      await page.keyboard.press('End');
      await page.evaluate(() => {
        const w = window;
        w.__kataster = {};
        document.addEventListener('keydown', () => (w.__kataster.key = performance.now()), { once: true, capture: true });
        const marked = () =>
          [...document.querySelectorAll('.cm-line')].some(
            l => /lifecycle: productionx$/.test(l.textContent) && l.querySelector('.cm-lintRange-error'),
          );
        const observer = new MutationObserver(() => {
          if (w.__kataster.key && marked()) {
            w.__kataster.marker = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document.querySelector('.cm-editor'), { subtree: true, childList: true, attributes: true });
      });
      g = await generation();
      await page.keyboard.press('x');
      await page.waitForFunction(() => window.__kataster?.marker);
      await nextValidation(g);
      // Where the time goes, from the validator's User Timing marks: the keystroke until the
      // editor has the new text, the check (started on the change) to the worker and back while
      // the browser draws the keystroke, the linter's turn, the mapping to CodeMirror's
      // diagnostics, and CodeMirror drawing them.
      const { key, marker, changed, check, lint, checked, mapped } = await page.evaluate(() => {
        const w = window.__kataster;
        const last = name => performance.getEntriesByName(name).filter(e => e.startTime >= w.key).at(-1)?.startTime;
        return { ...w, changed: last('kataster:changed'), check: last('kataster:check'), lint: last('kataster:lint'), checked: last('kataster:checked'), mapped: last('kataster:mapped') };
      });
      const validationMs = Number(await page.locator('[data-testid=kataster-status]').getAttribute('data-ms'));
      const tenth = x => Number(x.toFixed(1));
      samples.push({
        keystrokeToMarkersMs: tenth(marker - key),
        validationMs,
        keystrokeToChangeMs: tenth(changed - key),
        changeToCheckMs: tenth(check - changed),
        checkRoundTripMs: tenth(checked - check),
        changeToLintMs: tenth(lint - changed),
        lintToMappedMs: tenth(mapped - Math.max(lint, checked)),
        drawingMs: tenth(marker - mapped),
      });
      if (round === 0) {
        await page.screenshot({ path: join(screenshots, 'validator-1000-lines.png') });
      }
      // Undo the keystroke, and wait for the marker to go.
      g = await generation();
      await page.keyboard.press('Backspace');
      await nextValidation(g);
      await page.waitForFunction(
        () => ![...document.querySelectorAll('.cm-line')].some(l => /productionx$/.test(l.textContent) && l.querySelector('.cm-lintRange-error')),
      );
    }
    // Typing at 50 keystrokes a second: checks run one at a time, for the newest text; the last
    // keystroke's markers follow it as a single keystroke's do.
    const line = page.locator('.cm-line', { hasText: /^\s*lifecycle: production$/ }).first();
    await line.click();
    await page.keyboard.press('End');
    const burst = 20;
    await page.evaluate(() => {
      const w = window;
      w.__kataster = { keys: [] };
      w.__kataster.listener = () => w.__kataster.keys.push(performance.now());
      document.addEventListener('keydown', w.__kataster.listener, { capture: true });
    });
    await page.keyboard.type('x'.repeat(burst), { delay: 20 });
    // Diagnostics are mapped for the editor's current text only: the last mark after the last
    // keystroke is the newest text's (CodeMirror maps the markers it has through each keystroke,
    // so the line looks marked all along).
    await page.waitForFunction(
      n => window.__kataster.keys.length === n && performance.getEntriesByName('kataster:mapped').some(e => e.startTime > window.__kataster.keys.at(-1)),
      burst,
    );
    const typing = await page.evaluate(() => {
      const w = window.__kataster;
      document.removeEventListener('keydown', w.listener, { capture: true });
      const last = w.keys.at(-1);
      const mapped = performance.getEntriesByName('kataster:mapped').find(e => e.startTime > last).startTime;
      const checks = performance.getEntriesByName('kataster:check').filter(e => e.startTime >= w.keys[0]).length;
      return { keystrokes: w.keys.length, checks, lastKeystrokeToDiagnosticsMs: Number((mapped - last).toFixed(1)) };
    });
    assert.equal(typing.keystrokes, burst);
    assert.ok(typing.checks <= burst, `${typing.checks} checks for ${burst} keystrokes`);
    for (let i = 0; i < burst; i++) {
      await page.keyboard.press('Backspace');
    }

    const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    measurements.thousandLines = {
      debounceMs: Number(await page.getByTestId('kataster-editor-root').getAttribute('data-delay')),
      samples,
      medianKeystrokeToMarkersMs: Math.round(median(samples.map(s => s.keystrokeToMarkersMs))),
      medianValidationMs: Number(median(samples.map(s => s.validationMs)).toFixed(2)),
      typingAt50PerSecond: typing,
      medianBreakdownMs: Object.fromEntries(
        ['keystrokeToChangeMs', 'changeToCheckMs', 'checkRoundTripMs', 'changeToLintMs', 'lintToMappedMs', 'drawingMs'].map(k => [k, median(samples.map(s => s[k]))]),
      ),
    };
    console.log(`# 1,000 lines: ${JSON.stringify(measurements.thousandLines)}`);
  });

  it('shows the Conventions card on entity pages', async () => {
    await page.goto(`${baseUrl}/catalog/default/component/phippy`);
    const empty = page.getByTestId('kataster-empty');
    await empty.waitFor();
    assert.match(await empty.textContent(), /No problems/);
    await page.screenshot({ path: join(screenshots, 'entity-card-clean.png'), fullPage: true });

    // legacy-billing lives in the private repository: a url: location on the Git-host stand-in,
    // which answers nobody without the integration's token (the browser has none).
    const legacy = await entity('component', 'legacy-billing');
    const location = legacy.metadata.annotations['backstage.io/managed-by-location'];
    assert.match(location, /^url:http:\/\/127\.0\.0\.1:\d+\/acme\/private-catalog\/-\/blob\/main\/components\/legacy-billing\.yaml$/);
    const { origin } = new URL(location.slice('url:'.length));
    const anonymous = await fetch(`${origin}/api/v4/projects/acme%2Fprivate-catalog/repository/files/components%2Flegacy-billing.yaml/raw?ref=main`);
    assert.equal(anonymous.status, 401, 'the stand-in demands the token');

    await page.goto(`${baseUrl}/catalog/default/component/legacy-billing`);
    await page.getByTestId('kataster-diagnostic').first().waitFor();
    const codes = await page.getByTestId('kataster-diagnostic').evaluateAll(rows => rows.map(r => r.dataset.code));
    assert.deepEqual([...new Set(codes)].sort(), ['CAT101', 'ORG002', 'ORG003']);
    const summary = await page.getByTestId('kataster-summary').textContent();
    assert.match(summary, /4 errors/);
    assert.match(await page.getByText(/and its source file/).textContent(), /legacy-billing\.yaml/);
    // The source file's line of the lifecycle.
    assert.ok(await page.locator('[data-code=ORG002]', { hasText: 'line 10:14' }).count());
    await page.screenshot({ path: join(screenshots, 'entity-card-problems.png'), fullPage: true });
  });

  it("shows Backstage's processing-error banner for an entity that breaks an enforced rule", { skip: process.env.KATASTER_E2E_URL && !process.env.KATASTER_DEV_SANDBOX ? 'KATASTER_DEV_SANDBOX (the running backend\'s sandbox) is not set' : false }, async () => {
    // The valid version is in the catalog (the before hook waited for it).
    assert.deepEqual(processingErrors(await entity('component', 'sandbox-service')), []);
    await page.goto(`${baseUrl}/catalog/default/component/sandbox-service`);
    await page.getByTestId('kataster-summary').or(page.getByTestId('kataster-empty')).first().waitFor();

    // The file: location's file now breaks NS001 (enforced in the dev backend: kataster-enforce.yaml).
    await editSandbox(sandboxEntity('Sandbox_Service'));
    const errors = await until('the processing error of kataster NS001', async () => {
      const found = processingErrors(await entity('component', 'sandbox-service'));
      return found.some(message => /kataster NS001/.test(message)) && found;
    });
    // The catalog kept the last good version of the entity.
    const kept = await entity('component', 'sandbox-service');
    assert.equal(kept.metadata.annotations['backstage.io/kubernetes-namespace'], 'ap-sandbox-dev');

    // The overview's warning area: Backstage's EntityProcessingErrorsPanel, one error panel each.
    await page.reload();
    const panel = page.getByText(/kataster NS001 invalid-namespace-name/).first();
    await panel.waitFor();
    assert.match(errors.join('\n'), /Sandbox_Service/);
    await page.getByTestId('kataster-summary').or(page.getByTestId('kataster-empty')).first().waitFor();
    await page.screenshot({ path: join(screenshots, 'entity-processing-error.png'), fullPage: true });

    // Fixed: the error goes.
    await editSandbox(sandboxEntity());
    await until('the processing error to go', async () => processingErrors(await entity('component', 'sandbox-service')).length === 0);
    await page.reload();
    await page.getByTestId('kataster-summary').or(page.getByTestId('kataster-empty')).first().waitFor();
    assert.equal(await page.getByText(/kataster NS001/).count(), 0);
  });

  it('reports the whole catalog with counts per rule', async () => {
    await page.goto(`${baseUrl}/kataster/report`);
    const summary = page.getByTestId('kataster-report-summary');
    await summary.waitFor();
    // Every entity of the catalog, as the catalog API lists it.
    const all = await (await catalog('/entities?fields=kind,metadata.name')).json();
    const checked = Number((await summary.textContent()).match(/(\d+) entities checked together: \d+ errors/)?.[1]);
    assert.equal(checked, all.length, `${all.length} entities in the catalog`);
    // Counts per rule, the cross-entity rules included: stage isolation and a namespace collision.
    const perRule = await page.locator('tr', { has: page.getByRole('link', { name: /^(CAT101|ORG00[235]|NS003)$/ }) }).allTextContents();
    for (const code of ['CAT101', 'ORG002', 'ORG003', 'ORG005', 'NS003']) {
      assert.ok(perRule.some(row => row.startsWith(code)), `${code} in the counts per rule`);
    }
    assert.ok(await page.getByRole('link', { name: /legacy.billing/i }).first().isVisible());
    assert.ok(await page.getByRole('link', { name: /billing-api/i }).first().isVisible());
    await page.screenshot({ path: join(screenshots, 'conventions-report.png'), fullPage: true });
    assert.deepEqual(pageErrors, []);
  });
});
