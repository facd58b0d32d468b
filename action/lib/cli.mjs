// `kataster check` on Node.js with the WebAssembly core: the native CLI's flags, output and
// exit codes, in every format of the native CLI (rendered by the core's own renderers).

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { Collector } from './collect.mjs';
import { Root } from './root.mjs';
import { joinPath } from './walk.mjs';
import { ioErrorMessage, isFileSync } from './io.mjs';
import * as render from './render.mjs';

/** The WebAssembly package: the committed bundle beside this file, or `KATASTER_WASM_PKG`. */
export async function loadApi(env = process.env) {
  const dir = env.KATASTER_WASM_PKG
    ? pathToFileURL(`${env.KATASTER_WASM_PKG.replace(/\/$/, '')}/`)
    : new URL('../dist/', import.meta.url);
  return import(new URL('index.mjs', dir).href);
}

/** The formats of the native CLI, which the Node CLI renders all (with the same renderers). */
export const FORMATS = ['human', 'json', 'concise', 'gitlab', 'junit', 'sarif', 'github', 'azure', 'checkstyle'];
/** The same list (the name from when the Node CLI rendered only some of them). */
export const NATIVE_FORMATS = FORMATS;
export const FAIL_ON = ['error', 'warning', 'never'];

export class UsageError extends Error {}

const CHECK_USAGE = `Usage: kataster check [OPTIONS] [PATHS]...`;

const CHECK_HELP = `Check catalog files and directories (default: the current directory)

${CHECK_USAGE}

Arguments:
  [PATHS]...  Files and directories to check. Directories are walked respecting .gitignore

Options:
      --select <SELECT>       Only run rules whose code starts with one of these prefixes (e.g. CAT0,CAT101)
      --ignore <IGNORE>       Skip rules whose code starts with one of these prefixes
      --format <FORMAT[=PATH]>
                              Output format, optionally written to a file, repeatable: ${FORMATS.join(', ')}
      --fail-on <FAIL_ON>     What makes the exit code 1 [default: error] [possible values: ${FAIL_ON.join(', ')}]
      --strict-refs           The checked files are the whole catalog: dangling references are errors
      --known-entities <FILE> A JSON export of a catalog (\`GET /api/catalog/entities\`) that references may resolve to
      --yaml-merge            Expand YAML merge keys (\`<<\`), as Backstage's \`enableYamlMerge\`
      --no-follow-locations   Do not follow the targets of Location entities
      --exclude <GLOB>        Files and directories a walk leaves out, replacing the policy's \`files.exclude\` and the defaults (node_modules, vendor, dist, target)
      --extend-exclude <GLOB> Files and directories a walk leaves out, on top of the other exclusions
      --force-exclude         Leave out excluded files even when they are named on the command line
      --show-infos            Print info findings in the human output (they are always counted)
      --show-skipped          List the files read but not checked (templates, named files that are not catalog files) and why, on standard error
      --root <DIR>            The folder nothing outside of which is read (default: the git work tree of the checked paths, else their common folder)
      --no-color              Never colour the output
      --config <FILE>         The policy file (default: kataster.yaml or .kataster.yaml upwards from the first path)
      --contributor <NAME>    The contributor of every checked file
  -h, --help                  Print help
`;

const FLAGS = {
  '--strict-refs': 'strictRefs',
  '--yaml-merge': 'yamlMerge',
  '--no-follow-locations': 'noFollowLocations',
  '--no-color': 'noColor',
  '--force-exclude': 'forceExclude',
  '--show-infos': 'showInfos',
  '--show-skipped': 'showSkipped',
};
const VALUES = {
  '--select': 'select',
  '--ignore': 'ignore',
  '--format': 'format',
  '--known-entities': 'knownEntities',
  '--config': 'config',
  '--fail-on': 'failOn',
  '--contributor': 'contributor',
  '--root': 'root',
  '--exclude': 'exclude',
  '--extend-exclude': 'extendExclude',
};

/** Parse `check`'s arguments as clap does for the native CLI. */
export function parseCheckArgs(argv) {
  const args = {
    paths: [],
    select: [],
    ignore: [],
    format: [],
    failOn: 'error',
    contributor: undefined,
    strictRefs: false,
    yamlMerge: false,
    noFollowLocations: false,
    noColor: false,
    knownEntities: undefined,
    config: undefined,
    root: undefined,
    exclude: undefined,
    extendExclude: [],
    forceExclude: false,
    showInfos: false,
    showSkipped: false,
    help: false,
  };
  let positionalOnly = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (positionalOnly || !arg.startsWith('-') || arg === '-') {
      args.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      positionalOnly = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') {
      args.help = true;
      continue;
    }
    if (FLAGS[arg]) {
      args[FLAGS[arg]] = true;
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = VALUES[name];
    if (!key) {
      throw new UsageError(`unexpected argument '${arg}' found`);
    }
    let value = inline;
    if (value === undefined) {
      i += 1;
      if (i >= argv.length) {
        throw new UsageError(`a value is required for '${name} <${key.toUpperCase()}>' but none was supplied`);
      }
      value = argv[i];
    }
    if (key === 'select' || key === 'ignore' || key === 'extendExclude') {
      args[key].push(...value.split(','));
    } else if (key === 'exclude') {
      args.exclude = [...(args.exclude ?? []), ...value.split(',')];
    } else if (key === 'format') {
      args.format.push(parseOutput(value));
    } else if (key === 'failOn') {
      if (!FAIL_ON.includes(value)) {
        throw new UsageError(`invalid value '${value}' for '--fail-on <FAIL_ON>'\n  [possible values: ${FAIL_ON.join(', ')}]`);
      }
      args.failOn = value;
    } else {
      args[key] = value;
    }
  }
  return args;
}

/** Whether the native CLI (anstream) would colour standard output. */
export function wantsColor(env, isTerminal) {
  const set = (name) => env[name] !== undefined && env[name] !== '';
  if (set('NO_COLOR')) return false;
  if (set('CLICOLOR_FORCE') && env.CLICOLOR_FORCE !== '0') return true;
  if (env.CLICOLOR === '0') return false;
  const termColor = env.TERM !== undefined && env.TERM !== 'dumb';
  return Boolean(isTerminal) && (termColor || env.CLICOLOR !== undefined || env.CI !== undefined);
}

/** `FORMAT[=PATH]` (`render::Output::from_str` in the native CLI). */
function parseOutput(text) {
  const eq = text.indexOf('=');
  const name = eq === -1 ? text : text.slice(0, eq);
  const file = eq === -1 ? undefined : text.slice(eq + 1);
  const format = NATIVE_FORMATS.find((candidate) => candidate === name.toLowerCase());
  if (format === undefined) {
    throw new UsageError(`invalid value '${text}' for '--format <FORMAT[=PATH]>': unknown format \`${name}\` (expected one of ${NATIVE_FORMATS.join(', ')}, optionally followed by \`=PATH\`)`);
  }
  if (file === '') {
    throw new UsageError(`invalid value '${text}' for '--format <FORMAT[=PATH]>': \`${name}=\` needs a path after \`=\``);
  }
  return { format, path: file };
}

/** The requested outputs; human output on standard output when none goes there. */
export function outputs(requested) {
  const list = [...requested];
  const toStdout = list.filter((output) => output.path === undefined).map((output) => output.format);
  if (toStdout.length > 1) {
    throw new Error(`--format: at most one format can go to standard output, got ${toStdout.join(', ')}; write the others to files with FORMAT=PATH`);
  }
  list.forEach((output, i) => {
    if (output.path !== undefined && list.slice(0, i).some((other) => other.path === output.path)) {
      throw new Error(`--format: ${output.path} is named twice as an output file`);
    }
  });
  if (toStdout.length === 0) {
    list.unshift({ format: 'human', path: undefined });
  }
  return list;
}

function existsSync(file) {
  try {
    fs.statSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * `kataster.yaml` or `.kataster.yaml` upwards from a path, stopping at a repository root and
 * at the run's root.
 */
function searchUpwards(api, start, root) {
  let absolute;
  try {
    absolute = fs.realpathSync.native(start);
  } catch {
    return undefined;
  }
  let dir = fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
  const cwd = process.cwd();
  for (;;) {
    for (const name of api.policyFileNames()) {
      const candidate = path.join(dir, name);
      if (isFileSync(candidate)) {
        const relative = candidate.startsWith(`${cwd}/`) ? candidate.slice(cwd.length + 1) : candidate;
        return cwd === '/' ? candidate.slice(1) : relative;
      }
    }
    if (existsSync(path.join(dir, '.git')) || root?.dir === dir) {
      return undefined;
    }
    const up = path.dirname(dir);
    if (up === dir) {
      return undefined;
    }
    dir = up;
  }
}

/** The policy file for a run (`cli/src/policy.rs`): `{path, text}` or `undefined`. */
export function findPolicy(api, config, firstPath, root = undefined) {
  const file = config ?? searchUpwards(api, firstPath, root);
  if (file === undefined) {
    return undefined;
  }
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new Error(`cannot read the policy ${file}: ${ioErrorMessage(error)}`);
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error(`cannot read the policy ${file}: stream did not contain valid UTF-8`);
  }
  return { path: file, text, explicit: config !== undefined };
}

/** The directory of the policy file (`PolicyFile::dir`: the parent, `''` for a bare name). */
function policyDir(policyPath) {
  const slash = policyPath.lastIndexOf('/');
  return slash === -1 ? '' : slash === 0 ? '/' : policyPath.slice(0, slash);
}

/**
 * The policy's custom schemas, read relative to the policy file (`compile_schemas`): inside
 * the root of the run, or (for a policy named with `--config`) beside it.
 */
function readSchemas(api, policy, root) {
  const schemas = {};
  const dir = policyDir(policy.path);
  const beside = policy.explicit ? new Root([fs.realpathSync.native(dir === '' ? '.' : dir)]) : undefined;
  for (const schema of api.Kataster.schemaPaths(policy.text)) {
    const file = joinPath(dir, schema);
    if (!root.contains(file) && !beside?.contains(file)) {
      schemas[schema] = { error: `the schema ${schema} is outside the repository: not read` };
      continue;
    }
    try {
      schemas[schema] = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(fs.readFileSync(file));
    } catch (error) {
      const reason = error instanceof TypeError ? 'stream did not contain valid UTF-8' : ioErrorMessage(error);
      schemas[schema] = { error: `cannot read ${file}: ${reason}` };
    }
  }
  return schemas;
}

/** The contributor of a file by the policy's `paths` (relative to the policy's directory). */
function contributorByPath(session, policyPath, file) {
  const dir = policyDir(policyPath);
  let absolute;
  let base;
  try {
    absolute = fs.realpathSync.native(file);
    base = fs.realpathSync.native(dir === '' ? '\0' : dir);
  } catch {
    return undefined;
  }
  let relative;
  if (absolute === base) {
    relative = '';
  } else if (absolute.startsWith(base === '/' ? '/' : `${base}/`)) {
    relative = absolute.slice(base === '/' ? 1 : base.length + 1);
  } else {
    return undefined;
  }
  return session.contributorByPath(relative);
}

/**
 * What the native CLI's renderers take from its surroundings (`write_outputs` in
 * cli/src/commands/check.rs): `--fail-on`, the current directory and `CI_PROJECT_DIR` (made
 * absolute from the current directory and its links resolved; as it is when that fails).
 */
export function renderOptions(failOn, env = process.env) {
  const cwd = process.cwd();
  const options = { failOn, cwd };
  const dir = env.CI_PROJECT_DIR;
  if (dir !== undefined && dir !== '') {
    // Joined as the native CLI joins (`Path::join`): links are resolved before any `..`.
    const absolute = path.isAbsolute(dir) ? dir : `${cwd === '/' ? '' : cwd}/${dir}`;
    try {
      options.projectDir = fs.realpathSync.native(absolute);
    } catch {
      options.projectDir = absolute;
    }
  }
  return options;
}

/**
 * Run `check`: collect, check and render. Returns `{report, session, outputs, exitCode}`
 * where `outputs` are `{format, path, text}` (`path` undefined: standard output); throws
 * `Error` for problems the native CLI reports as `kataster: error: ...` (exit code 2).
 */
export function check(api, args, { color = false, env = process.env } = {}) {
  const wanted = outputs(args.format);
  let knownEntities = null;
  if (args.knownEntities !== undefined) {
    let text;
    try {
      text = fs.readFileSync(args.knownEntities, 'utf8');
    } catch (error) {
      throw new Error(`cannot read ${args.knownEntities}: ${ioErrorMessage(error)}`);
    }
    knownEntities = api.knownEntitiesFromText(args.knownEntities, text);
  }
  for (const glob of [...(args.exclude ?? []), ...args.extendExclude]) {
    const problem = api.pathPatternError(glob);
    if (problem !== undefined) {
      throw new Error(problem);
    }
  }
  const paths = args.paths.length === 0 ? ['.'] : args.paths;
  const root = Root.forPaths(paths, args.root);
  const policy = findPolicy(api, args.config, paths[0], root);
  if (policy !== undefined) {
    policy.schemas = readSchemas(api, policy, root);
  }
  const session = new api.Session({
    select: args.select,
    ignore: args.ignore,
    strictRefs: args.strictRefs,
    yamlMerge: args.yamlMerge,
    knownEntities,
    cwd: process.cwd(),
    exclude: args.exclude,
    extendExclude: args.extendExclude,
    policy: policy === undefined
      ? undefined
      : { path: policy.path.replaceAll('\\', '/'), text: policy.text, schemas: policy.schemas },
  });
  const contributorOf = (file) => args.contributor
    ?? (policy === undefined ? undefined : contributorByPath(session, policy.path, file));
  const collector = new Collector(api, session, contributorOf, root);
  collector.forceExclude = args.forceExclude;
  for (const file of paths) {
    collector.addPath(file);
  }
  if (args.noFollowLocations) {
    collector.flush();
  } else {
    collector.followLocations();
  }
  const report = session.check({
    // Outside the root nothing is looked at, not even whether it exists.
    fileExists: (file) => (root.contains(file) ? isFileSync(file) : undefined),
    isOutsideRoot: (file) => !root.contains(file),
  });
  const exitCode = session.exitCode(args.failOn);
  // SARIF's URIs are relative to the root of the run, as the native CLI's.
  const options = { ...renderOptions(args.failOn, env), root: root.dir, showSkipped: args.showSkipped };
  const rendered = wanted.map((output) => {
    const styled = output.path === undefined && output.format === 'human' && !args.noColor;
    const text = output.format === 'json' && output.path === undefined
      ? `${JSON.stringify(report, null, 2)}\n`
      : session.render(output.format, styled && color, args.showInfos, options);
    return { ...output, text };
  });
  return { report, session, outputs: rendered, exitCode };
}

/** Write the outputs that go to files (creating their directories); returns standard output's text. */
export function writeOutputs(rendered) {
  let stdout = '';
  for (const output of rendered) {
    if (output.path === undefined) {
      stdout += output.text;
      continue;
    }
    const dir = path.dirname(output.path);
    if (output.path.includes('/') && dir !== '') {
      try {
        fs.mkdirSync(dir, { recursive: true });
      } catch (error) {
        throw new Error(`cannot create ${dir}: ${ioErrorMessage(error)}`);
      }
    }
    try {
      fs.writeFileSync(output.path, output.text);
    } catch (error) {
      throw new Error(`cannot write ${output.path}: ${ioErrorMessage(error)}`);
    }
  }
  return stdout;
}

/** `kataster rules [--format text|json]` and `kataster rule CODE`. */
export function rules(api, argv) {
  const kataster = new api.Kataster();
  const list = kataster.rules();
  let format = 'text';
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = arg === '--format' ? argv[++i] : arg.startsWith('--format=') ? arg.slice(9) : undefined;
    if (value === undefined || !['text', 'json'].includes(value)) {
      throw new UsageError(`unexpected argument '${arg}' found`);
    }
    format = value;
  }
  if (format === 'json') {
    return `${JSON.stringify(list, null, 2)}\n`;
  }
  return list
    .map((rule) => `${rule.code.padEnd(8)} ${rule.name.padEnd(30)} ${rule.severity.padEnd(8)} ${rule.summary}\n`)
    .join('');
}

/** `kataster inventory [--format table|markdown|json] [paths and check options]`. */
function inventoryFormat(argv) {
  let format = 'table';
  const others = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = arg === '--format' ? argv[++i] : arg.startsWith('--format=') ? arg.slice(9) : undefined;
    if (value === undefined) {
      others.push(arg);
    } else if (['table', 'markdown', 'json'].includes(value)) {
      format = value;
    } else {
      throw new UsageError(`invalid value '${value}' for '--format <FORMAT>'`);
    }
  }
  return { format, others };
}

/** The main function of `node action/kataster.mjs`: returns the exit code. */
export async function main(argv, { stdout = process.stdout, stderr = process.stderr, env = process.env } = {}) {
  const [command, ...rest] = argv;
  const write = (stream, text) => new Promise((resolve) => {
    if (text === '') resolve();
    else stream.write(text, resolve);
  });
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      await write(stdout, `Validate Backstage catalogs, naming conventions and versions (kataster on WebAssembly)\n\nUsage: kataster <COMMAND>\n\nCommands:\n  check      Check catalog files and directories (default: the current directory)\n  inventory  Print the joined view per namespace (table, markdown or json)\n  rule       Print the documentation of a rule\n  rules      List every rule with its code, name and default severity\n`);
      return command === undefined ? 2 : 0;
    }
    const api = await loadApi(env);
    if (command === 'check') {
      const args = parseCheckArgs(rest);
      if (args.help) {
        await write(stdout, CHECK_HELP);
        return 0;
      }
      const color = wantsColor(env, stdout.isTTY);
      const result = check(api, args, { color, env });
      await write(stdout, writeOutputs(result.outputs));
      await write(stderr, result.session.notes(args.showSkipped));
      return result.exitCode;
    }
    if (command === 'inventory') {
      const { format, others } = inventoryFormat(rest);
      const result = check(api, parseCheckArgs(others), { color: false, env });
      await write(stdout, result.session.inventory(format));
      return 0;
    }
    if (command === 'rules') {
      await write(stdout, rules(api, rest));
      return 0;
    }
    if (command === 'rule') {
      if (rest.length !== 1) {
        throw new UsageError('the rule command takes one rule code');
      }
      const page = new api.Kataster().ruleDocs(rest[0]);
      if (page === undefined) {
        throw new Error(`no rule with code \`${rest[0]}\` (see \`kataster rules\`)`);
      }
      await write(stdout, page);
      return 0;
    }
    throw new UsageError(`unrecognized subcommand '${command}'`);
  } catch (error) {
    if (error instanceof UsageError) {
      await write(stderr, `error: ${error.message}\n\n${CHECK_USAGE}\n\nFor more information, try '--help'.\n`);
      return 2;
    }
    await write(stderr, `kataster: error: ${error.message}\n`);
    return 2;
  }
}
