// The action's logic, separate from its entry so that tests can run it with their own
// environment and streams.

import fs from 'node:fs';

import { check, FAIL_ON, FORMATS, loadApi, parseCheckArgs, UsageError } from './cli.mjs';
import * as render from './render.mjs';
import { compareNames, walk } from './walk.mjs';

/** An input as GitHub passes it: `INPUT_<NAME>` with the name upper-cased, spaces as `_`. */
export function input(env, name) {
  const value = env[`INPUT_${name.replaceAll(' ', '_').toUpperCase()}`];
  return value === undefined ? '' : value.trim();
}

/** Paths and globs from a comma- or newline-separated list. */
export function splitList(text) {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * Expand one `paths` item: a glob (`*`, `?`, `[`, `{`) becomes the matching files under the
 * working directory (walked as the CLI walks, respecting .gitignore; `*` stays within a
 * directory, `**` crosses them), sorted; anything else is passed on as the CLI's argument.
 */
export function expandPath(api, item) {
  if (!/[*?[{]/.test(item)) {
    return [item];
  }
  let pattern = item;
  while (pattern.startsWith('./')) {
    pattern = pattern.slice(2);
  }
  const matcher = new api.GlobMatcher(pattern, true);
  const found = [];
  for (const entry of walk(api, '.')) {
    if (entry.error || !entry.isFile) {
      continue;
    }
    const relative = entry.path.startsWith('./') ? entry.path.slice(2) : entry.path;
    if (matcher.isMatch(relative)) {
      found.push(relative);
    }
  }
  return found.sort(compareNames);
}

/** The action: returns the exit code. */
export async function run({ env = process.env, stdout = process.stdout } = {}) {
  const lines = [];
  const out = (text) => {
    if (text !== '') {
      lines.push(text);
      stdout.write(text);
    }
  };
  const azure = env.TF_BUILD !== undefined && env.TF_BUILD !== '';
  const fail = (message) => {
    out(azure
      ? `##vso[task.logissue type=error;]${render.azureData(`kataster: ${message}`)}\n`
      : `::error title=kataster::${render.githubData(message)}\n`);
    return 2;
  };
  const failOn = input(env, 'fail-on') || 'error';
  if (!FAIL_ON.includes(failOn)) {
    return fail(`fail-on must be one of ${FAIL_ON.join(', ')}, not \`${failOn}\``);
  }
  const format = input(env, 'format') || 'human';
  if (!FORMATS.includes(format)) {
    return fail(`format must be one of ${FORMATS.join(', ')}, not \`${format}\``);
  }
  let api;
  try {
    api = await loadApi(env);
  } catch (error) {
    return fail(`cannot load the WebAssembly core: ${error.message}`);
  }
  const paths = [];
  for (const item of splitList(input(env, 'paths'))) {
    let expanded;
    try {
      expanded = expandPath(api, item);
    } catch (error) {
      return fail(`paths: \`${item}\` is not a valid glob: ${error.message}`);
    }
    if (expanded.length === 0) {
      out(azure
        ? `##vso[task.logissue type=warning;]${render.azureData(`kataster: paths: \`${item}\` matches no file`)}\n`
        : `::warning title=kataster::${render.githubData(`paths: \`${item}\` matches no file`)}\n`);
    }
    paths.push(...expanded);
  }
  if (paths.length === 0 && input(env, 'paths') !== '') {
    return fail('paths: nothing to check');
  }
  const argv = ['--format', format, '--fail-on', failOn];
  const config = input(env, 'config');
  if (config !== '') {
    argv.push('--config', config);
  }
  let result;
  try {
    result = check(api, parseCheckArgs([...argv, '--', ...paths]), { color: false, env });
  } catch (error) {
    return fail(error instanceof UsageError ? `usage: ${error.message}` : error.message);
  }
  const { report, session, exitCode } = result;
  out(result.outputs[0].text);

  // Annotations, unless the log already is the commands.
  if (azure && format !== 'azure') {
    out(session.render('azure'));
  } else if (!azure && format !== 'github') {
    const { shown, omitted } = render.capAnnotations(session.render('github'));
    out(shown);
    if (omitted > 0) {
      out(`kataster: ${omitted} more ${omitted === 1 ? 'finding is' : 'findings are'} not shown as annotations (GitHub shows ${render.GITHUB_ANNOTATION_CAP} errors and ${render.GITHUB_ANNOTATION_CAP} warnings per step); the log lists them all.\n`);
    }
  }

  if (env.GITHUB_STEP_SUMMARY) {
    fs.appendFileSync(env.GITHUB_STEP_SUMMARY, render.stepSummary(report, { failOn, exitCode }));
  }
  return exitCode;
}
