// The root of a run, as the native CLI decides it (cli/src/root.rs): nothing outside it is
// read (docs/security.md). `--root DIR`, else the git work tree that holds the checked paths'
// common folder (found by walking up the paths as written), else that common folder.

import fs from 'node:fs';
import path from 'node:path';

import { realpath } from './io.mjs';

function isDirectoryNoFollow(file) {
  try {
    return fs.lstatSync(file).isDirectory();
  } catch {
    return false;
  }
}

function exists(file) {
  try {
    fs.statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Whether `file` is `dir` or below it (both absolute and canonical). */
function below(file, dir) {
  return file === dir || file.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

/** The path with every existing part canonical (links resolved in order) and the rest folded. */
export function resolved(file) {
  const absolute = path.isAbsolute(file) ? file : `${process.cwd()}/${file}`;
  const whole = realpath(absolute);
  if (whole !== undefined) {
    return whole;
  }
  let current = '/';
  let missing = false;
  for (const part of absolute.split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      current = path.dirname(current);
      continue;
    }
    current = current === '/' ? `/${part}` : `${current}/${part}`;
    if (!missing) {
      const real = realpath(current);
      if (real === undefined) {
        missing = true;
      } else {
        current = real;
      }
    }
  }
  return current;
}

export class Root {
  constructor(dirs) {
    this.dirs = dirs;
  }

  /** The root for the checked paths (`Root::for_paths`); throws for a bad `--root`. */
  static forPaths(paths, explicit) {
    if (explicit !== undefined) {
      let real;
      try {
        real = fs.realpathSync.native(explicit);
      } catch (error) {
        throw new Error(`--root ${explicit}: ${error.code === 'ENOENT' ? 'No such file or directory (os error 2)' : error.message}`);
      }
      if (!fs.statSync(real).isDirectory()) {
        throw new Error(`--root ${explicit}: not a directory`);
      }
      return new Root([real]);
    }
    const cwd = process.cwd();
    let common;
    for (const file of paths) {
      const absolute = path.resolve(cwd, file);
      const folder = isDirectoryNoFollow(absolute) ? absolute : path.dirname(absolute);
      common = common === undefined ? folder : commonAncestor(common, folder);
    }
    common ??= cwd;
    let top = common;
    for (let dir = common; ; dir = path.dirname(dir)) {
      if (exists(path.join(dir, '.git'))) {
        top = dir;
        break;
      }
      if (path.dirname(dir) === dir) {
        break;
      }
    }
    return new Root([realpath(top) ?? top]);
  }

  /** The (first) canonical folder. */
  get dir() {
    return this.dirs[0];
  }

  /** Whether a path lies inside the root once `..` and symbolic links are resolved. */
  contains(file) {
    const real = resolved(file === '' ? '.' : file);
    return this.dirs.some((dir) => below(real, dir));
  }
}

function commonAncestor(a, b) {
  const left = a.split('/');
  const right = b.split('/');
  const parts = [];
  for (let i = 0; i < Math.min(left.length, right.length) && left[i] === right[i]; i += 1) {
    parts.push(left[i]);
  }
  return parts.join('/') || '/';
}

/**
 * A glob target split into the folder it starts from and the pattern below it, as the
 * core's `glob_start`: `../shared/*.yaml` -> [`../shared`, `*.yaml`].
 */
export function globStart(target) {
  let rest = target;
  while (rest.startsWith('./')) {
    rest = rest.slice(2);
  }
  const firstGlob = rest.search(/[*?[{]/);
  const head = firstGlob === -1 ? rest : rest.slice(0, firstGlob);
  const slash = head.lastIndexOf('/');
  return slash === -1 ? ['', rest] : [rest.slice(0, slash), rest.slice(slash + 1)];
}
