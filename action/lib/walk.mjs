// Walking a directory as the native CLI does (the `ignore` crate's `WalkBuilder` with
// `require_git(false)`, `follow_links(true)`, `hidden(false)`, entries sorted by name):
// hidden entries walked but `.git`, the session's exclusions (`skipsWalked`), `.ignore`, `.gitignore` and `.git/info/exclude` respected in the directory and in every
// parent of it, nearer files first, `.ignore` over `.gitignore` over `exclude`. The patterns
// themselves are matched by the same Rust code (`GitignoreMatcher`).

import fs from 'node:fs';
import path from 'node:path';

import { ioErrorMessage, realpath } from './io.mjs';

/** `Path::join`: an absolute `child` replaces `base`; no separator is doubled. */
export function joinPath(base, child) {
  if (child.startsWith('/') || base === '') {
    return child;
  }
  return base.endsWith('/') ? base + child : `${base}/${child}`;
}

/** Byte order of names, as `Path::cmp` sorts siblings. */
export function compareNames(a, b) {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function stripPrefix(prefix, text) {
  return text.startsWith(prefix) ? text.slice(prefix.length) : undefined;
}

function exists(file) {
  try {
    fs.statSync(file);
    return true;
  } catch {
    return false;
  }
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The ignore matchers of one directory, as `Ignore::add_child_path` builds them. */
function levelFor(api, dir, absoluteParent) {
  const make = (file) => {
    const text = readText(file);
    if (text === undefined) {
      return undefined;
    }
    const matcher = new api.GitignoreMatcher(dir);
    matcher.addFile(file, text);
    return matcher;
  };
  const inDir = (name) => joinPath(dir, name);
  return {
    dir,
    absoluteParent,
    ignore: exists(inDir('.ignore')) ? make(inDir('.ignore')) : undefined,
    gitignore: exists(inDir('.gitignore')) ? make(inDir('.gitignore')) : undefined,
    exclude: exists(inDir('.git/info/exclude')) ? make(inDir('.git/info/exclude')) : undefined,
  };
}

/**
 * Whether a path is ignored (1), whitelisted (2) or neither (0) by the levels (nearest last)
 * and the absolute parents of the walk's root, as `Ignore::matched_ignore`.
 */
function matchIgnore(levels, parents, absoluteBase, candidate, isDir) {
  let mIgnore = 0;
  let mGit = 0;
  let mExclude = 0;
  const look = (level, target) => {
    if (!mIgnore && level.ignore) mIgnore = level.ignore.matched(target, isDir);
    if (!mGit && level.gitignore) mGit = level.gitignore.matched(target, isDir);
    if (!mExclude && level.exclude) mExclude = level.exclude.matched(target, isDir);
  };
  for (let i = levels.length - 1; i >= 0; i -= 1) {
    look(levels[i], candidate);
  }
  if (absoluteBase !== undefined && parents.length > 0) {
    const outer = levels[0].dir;
    let relative = candidate;
    if (outer !== '.') {
      const withoutDotSlash = stripPrefix('./', outer) ?? outer;
      relative = stripPrefix(withoutDotSlash, candidate) ?? candidate;
      relative = stripPrefix('/', relative) ?? relative;
    }
    const absolute = joinPath(absoluteBase, relative);
    for (let i = parents.length - 1; i >= 0; i -= 1) {
      look(parents[i], absolute);
    }
  }
  return mIgnore || mGit || mExclude;
}

/**
 * Walk a directory: yields `{path, isFile}` for every entry that is not skipped (`skips(shown,
 * isDir)`: the session's exclusions, asked for every entry below the root),
 * `{error: {path, message}}` where the native walker yields an error, and `{refused: path}`
 * for a symbolic link that leads outside `runRoot` (a folder, or a file with a YAML name):
 * it is not followed.
 */
export function* walk(api, root, runRoot = undefined, skips = () => false) {
  const strip = (p) => stripPrefix('./', p) ?? p;
  let absoluteBase;
  const parents = [];
  try {
    absoluteBase = fs.realpathSync.native(root);
  } catch {
    absoluteBase = undefined;
  }
  if (absoluteBase !== undefined) {
    const ancestors = [];
    let current = absoluteBase;
    while (path.dirname(current) !== current) {
      current = path.dirname(current);
      ancestors.unshift(current);
    }
    for (const ancestor of ancestors) {
      parents.push(levelFor(api, ancestor, true));
    }
  }

  // The root itself (depth 0) is never filtered.
  let rootStat;
  try {
    rootStat = fs.statSync(root);
  } catch (error) {
    yield { error: { path: root, message: ioErrorMessage(error) } };
    return;
  }
  if (!rootStat.isDirectory()) {
    yield { path: root, isFile: rootStat.isFile() };
    return;
  }
  yield { path: root, isFile: false };
  const levels = [levelFor(api, root, false)];
  // walkdir's loop check: the root's canonical ancestors, then the directories walked.
  const ancestorsReal = [];
  if (absoluteBase !== undefined) {
    let current = absoluteBase;
    const above = [];
    while (path.dirname(current) !== current) {
      current = path.dirname(current);
      above.unshift({ real: current, path: current });
    }
    ancestorsReal.push(...above);
  }
  const rootReal = realpath(root);
  ancestorsReal.push({ real: rootReal ?? root, path: root });
  const context = { api, parents, absoluteBase, strip, runRoot, skips };
  yield* walkDir(context, root, rootReal, levels, ancestorsReal);
}

/** Directory entries sorted by the bytes of their names (each name encoded once). */
function sortedEntries(dir) {
  const keyed = fs.readdirSync(dir, { withFileTypes: true }).map((dirent) => ({ key: Buffer.from(dirent.name), dirent }));
  keyed.sort((a, b) => Buffer.compare(a.key, b.key));
  return keyed.map((entry) => entry.dirent);
}

/**
 * Walk one directory; `dirReal` is its canonical path (`undefined` when unknown): a regular
 * file in it is `dirReal/name`, no `realpath` needed (the key the collector sees files by).
 */
function* walkDir(context, dir, dirReal, levels, ancestorsReal) {
  const { api, parents, absoluteBase, strip, runRoot, skips } = context;
  let entries;
  try {
    entries = sortedEntries(dir);
  } catch (error) {
    yield { error: { path: dir, message: ioErrorMessage(error) } };
    return;
  }
  for (const dirent of entries) {
    const name = dirent.name;
    const entry = joinPath(dir, name);
    // The type the directory lists is the type of a regular file or a directory; anything
    // else (a symbolic link, above all) is looked at through `stat`, which follows links.
    let stat;
    if (!dirent.isFile() && !dirent.isDirectory()) {
      try {
        stat = fs.statSync(entry);
      } catch (error) {
        if (dirent.isSymbolicLink() && error.code === 'ENOENT') {
          // A link whose target is gone (a renamed folder, say) holds nothing to check unless
          // its name is one kataster would read.
          if (api.isCandidatePath(entry)) {
            yield { error: { path: entry, message: 'it is a symbolic link whose target does not exist' } };
          }
          continue;
        }
        // A symbolic link loop, for instance: an error of the walk, whatever its name.
        yield { error: { path: entry, message: ioErrorMessage(error) } };
        continue;
      }
    }
    const isDir = stat === undefined ? dirent.isDirectory() : stat.isDirectory();
    let real;
    if (isDir) {
      real = realpath(entry);
      const ancestor = ancestorsReal.find((candidate) => candidate.real === (real ?? entry));
      if (ancestor !== undefined) {
        yield {
          error: {
            path: entry,
            message: `a symbolic link loop: it points to its ancestor ${display(ancestor.path)}`,
          },
        };
        continue;
      }
    }
    const matched = matchIgnore(levels, parents, absoluteBase, strip(entry), isDir);
    if (matched === 1 || name === '.git' || skips(display(entry), isDir)) {
      continue;
    }
    if (dirent.isSymbolicLink() && runRoot !== undefined && !runRoot.contains(entry)) {
      if (isDir || api.isCandidatePath(entry)) {
        yield { refused: entry };
      }
      continue;
    }
    if (isDir) {
      yield { path: entry, isFile: false };
      levels.push(levelFor(api, entry, false));
      ancestorsReal.push({ real: real ?? entry, path: entry });
      yield* walkDir(context, entry, real, levels, ancestorsReal);
      levels.pop();
      ancestorsReal.pop();
    } else if (stat === undefined) {
      yield { path: entry, isFile: true, regular: true, real: dirReal === undefined ? undefined : joinPath(dirReal, name) };
    } else {
      yield { path: entry, isFile: stat.isFile(), special: specialFile(stat) };
    }
  }
}

/** What a file that is neither a regular file nor a directory is (reading a FIFO blocks). */
export function specialFile(stat) {
  if (stat.isFile() || stat.isDirectory()) return undefined;
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'a special file';
}

/** A path as users wrote it, without a leading `./`. */
function display(file) {
  const text = file.replaceAll('\\', '/');
  return text.startsWith('./') ? text.slice(2) : text;
}
