// Collecting the files to check exactly as the native CLI does (cli/src/collect.rs): explicit
// files, walked directories, and the targets of Location entities, in the same order, with
// the same paths and the same failures.

import fs from 'node:fs';
import path from 'node:path';

import { ioErrorMessage, isFileSync } from './io.mjs';
import { globStart } from './root.mjs';
import { compareNames, joinPath, specialFile, walk } from './walk.mjs';

/** A path as users wrote it, without a leading `./`. */
export function display(file) {
  const text = file.replaceAll('\\', '/');
  return text.startsWith('./') ? text.slice(2) : text;
}

/** `Path::components()`: `.` dropped (but a leading one), empty components dropped. */
function components(file) {
  const parts = [];
  if (file.startsWith('/')) {
    parts.push('/');
  }
  const pieces = file.split('/');
  pieces.forEach((piece, index) => {
    if (piece === '' || (piece === '.' && index > 0)) {
      return;
    }
    parts.push(piece);
  });
  return parts;
}

/** Fold `.` and `..` without touching the file system (`normalize` in collect.rs). */
export function normalize(file) {
  const parts = [];
  for (const part of components(file)) {
    if (part === '.') {
      continue;
    }
    if (part === '..' && parts.length > 0 && parts.at(-1) !== '/' && parts.at(-1) !== '..') {
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  if (parts.length === 0) {
    return '';
  }
  if (parts[0] === '/') {
    return `/${parts.slice(1).join('/')}`;
  }
  return parts.join('/');
}

/** `Path::parent()`, or `''` where Rust's is empty or absent. */
export function parent(file) {
  const parts = components(file);
  if (parts.length <= 1) {
    return '';
  }
  parts.pop();
  if (parts[0] === '/') {
    return `/${parts.slice(1).join('/')}`;
  }
  return parts.join('/');
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

let buffer = Buffer.allocUnsafe(1 << 16);

/**
 * A file's bytes, read into one buffer reused from file to file (valid until the next read):
 * no `fstat` for small files and no new buffer per file, as `readFileSync` has.
 */
function readFile(file) {
  const fd = fs.openSync(file, 'r');
  try {
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        // A large file: room for all of it at once (and more if it is still growing).
        const larger = Buffer.allocUnsafe(Math.max(buffer.length * 2, fs.fstatSync(fd).size + 1));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) {
        return buffer.subarray(0, length);
      }
      length += read;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** What `Session.offerFile` did with a file. */
const IGNORED = 0;
const OFFERED = 2;
const SKIPPED = 3;

/** Adds files to a session, each once (`Collector` in collect.rs). */
export class Collector {
  /** `contributorOf(path)`: who wrote a file (the contributor rules), or `undefined`. */
  constructor(api, session, contributorOf = () => undefined, root = undefined) {
    this.api = api;
    /** Nothing outside it is read (`Root`). */
    this.root = root;
    this.session = session;
    this.contributorOf = contributorOf;
    this.seen = new Set();
    /** Files queued in the session (`keepOffered`), parsed by `flush`. */
    this.pending = [];
    /** Files parsed, whose Location targets are still to follow (from `next` on). */
    this.added = [];
    this.next = 0;
    /** Leave out excluded files even when they are named (`--force-exclude`). */
    this.forceExclude = false;
  }

  /** Whether a path lies inside the root of the run. */
  inside(file) {
    return this.root === undefined || this.root.contains(file);
  }

  /** Record a path that is not read because it leads outside the root (`IO004`). */
  refuse(file, why) {
    let key;
    try {
      key = fs.realpathSync.native(file);
    } catch {
      key = file;
    }
    if (this.seen.has(key)) {
      return;
    }
    this.seen.add(key);
    const shown = display(file);
    this.session.addFailure(
      shown,
      'IO004',
      `${shown} ${why}: not read (kataster reads only the checked repository; widen it with --root)`,
    );
  }

  /** Add the files a command-line path names. */
  addPath(file) {
    if (!this.inside(file)) {
      let link = false;
      try {
        link = fs.lstatSync(file).isSymbolicLink();
      } catch {
        link = false;
      }
      this.refuse(file, link ? 'is a symbolic link that leads outside the repository' : 'is outside the root of the run');
      return;
    }
    if (this.forceExclude && this.session.excludesNamed(display(file))) {
      return;
    }
    let stat;
    try {
      stat = fs.statSync(file);
    } catch (error) {
      this.session.addFailure(display(file), 'IO001', `cannot read ${display(file)}: ${ioErrorMessage(error)}`);
      return;
    }
    if (stat.isDirectory()) {
      this.walk(file);
    } else {
      this.addFile(file, true);
    }
  }

  walk(root) {
    const skips = (shown, isDir) => this.session.skipsWalked(shown, isDir);
    for (const entry of walk(this.api, root, this.root, skips)) {
      if (entry.refused) {
        this.refuse(entry.refused, 'is a symbolic link that leads outside the repository');
      } else if (entry.error) {
        const shown = display(entry.error.path);
        this.session.addFailure(shown, 'IO001', `cannot read ${shown}: ${entry.error.message}`);
      } else if (entry.isFile && this.api.isCandidatePath(entry.path)) {
        this.addFile(entry.path, false, entry.regular, entry.real);
      } else if (entry.special && this.api.isCandidatePath(entry.path)) {
        const shown = display(entry.path);
        this.session.addFailure(shown, 'IO001', `cannot read ${shown}: it is ${entry.special}, not a regular file`);
      }
    }
  }

  /**
   * Read and add one file; found by walking, it is added only if it holds entities or
   * manifests. `regular`: the walk saw a regular file (no symbolic link) there just now;
   * `real`: its canonical path, when the walk knows it. The bytes go to the session as they
   * are: it decodes and classifies them as the CLI does.
   */
  addFile(file, explicit, regular = false, real = undefined) {
    let key = real;
    if (key === undefined) {
      try {
        key = fs.realpathSync.native(file);
      } catch {
        key = file;
      }
    }
    if (this.seen.has(key)) {
      return;
    }
    if (!regular && !this.inside(file)) {
      this.refuse(file, 'leads outside the repository');
      return;
    }
    const shown = display(file);
    if (!regular) {
      let stat;
      try {
        stat = fs.statSync(file);
      } catch {
        stat = undefined;
      }
      if (stat !== undefined && !stat.isFile()) {
        this.seen.add(key);
        this.session.addFailure(shown, 'IO001', `cannot read ${shown}: it is ${specialFile(stat) ?? 'a directory'}, not a regular file`);
        return;
      }
    }
    let bytes;
    try {
      bytes = readFile(file);
    } catch (error) {
      this.seen.add(key);
      this.session.addFailure(shown, 'IO001', `cannot read ${shown}: ${ioErrorMessage(error)}`);
      return;
    }
    const offered = this.session.offerFile(shown, bytes, explicit, this.placement(file));
    if (offered === IGNORED) {
      return;
    }
    this.seen.add(key);
    if (offered === OFFERED) {
      this.session.keepOffered(this.contributorOf(file));
      this.pending.push(file);
    }
  }

  /**
   * Where a file lies: under a chart's `templates/`, or in a scaffolder Template's skeleton
   * (only files inside the root are looked at), as `Collector::placement`.
   */
  placement(file) {
    const inChartTemplates = this.api.chartFilesFor(file)
      .some((chart) => this.inside(chart) && isFileSync(chart));
    const inTemplateSkeleton = this.api.skeletonParentsFor(file)
      .some((dir) => this.inside(dir) && this.holdsScaffolderTemplate(dir));
    return { inChartTemplates, inTemplateSkeleton };
  }

  /** Whether a folder holds a YAML file (inside the root) that is a scaffolder `Template`. */
  holdsScaffolderTemplate(dir) {
    let names;
    try {
      names = fs.readdirSync(dir);
    } catch {
      return false;
    }
    return names.some((name) => {
      const file = path.join(dir, name);
      if (!this.api.isYamlPath(file) || !this.inside(file) || !isFileSync(file)) {
        return false;
      }
      try {
        return this.api.isScaffolderTemplate(fs.readFileSync(file, 'utf8'));
      } catch {
        return false;
      }
    });
  }

  /** Parse the files read so far. */
  flush() {
    if (this.pending.length === 0) {
      return;
    }
    const pending = this.pending;
    this.pending = [];
    const first = this.session.parsePending();
    pending.forEach((file, offset) => this.added.push({ index: first + offset, file }));
  }

  /** Follow the targets of Location entities in every added file, transitively. */
  followLocations() {
    this.flush();
    while (this.next < this.added.length) {
      const { index, file } = this.added[this.next];
      this.next += 1;
      const base = parent(file);
      for (const target of this.session.locationTargets(index)) {
        if (target.includes('://') || target.startsWith('/')) {
          continue;
        }
        // A target outside the root is reported by the core (CAT109), never read.
        if (/[*?[{]/.test(target)) {
          const [start, pattern] = globStart(target);
          const from = normalize(joinPath(base, start));
          if (this.inside(from)) {
            this.addGlob(from, pattern);
          }
        } else {
          const joined = normalize(joinPath(base, target));
          if (this.inside(joined) && isFile(joined)) {
            this.addFile(joined, true);
          }
        }
      }
      if (this.next === this.added.length) {
        this.added = [];
        this.next = 0;
        this.flush();
      }
    }
  }

  addGlob(base, pattern) {
    let matcher;
    try {
      matcher = new this.api.GlobMatcher(pattern);
    } catch {
      return;
    }
    // `WalkBuilder::new(base).standard_filters(false)`: every entry, symbolic links not
    // followed, errors skipped.
    const visit = (dir) => {
      let names;
      try {
        names = fs.readdirSync(dir);
      } catch {
        return;
      }
      names.sort(compareNames);
      for (const name of names) {
        const entry = joinPath(dir, name);
        let stat;
        try {
          stat = fs.lstatSync(entry);
        } catch {
          continue;
        }
        if (stat.isDirectory()) {
          visit(entry);
        } else if (stat.isFile()) {
          const relative = stripBase(base, entry);
          if (matcher.isMatch(relative)) {
            this.addFile(normalize(entry), true);
          }
        }
      }
    };
    let rootStat;
    try {
      rootStat = fs.statSync(base);
    } catch {
      return;
    }
    if (rootStat.isDirectory()) {
      visit(base);
    }
  }
}

/** `entry.strip_prefix(base)` as a path, or the entry itself. */
function stripBase(base, entry) {
  const baseParts = components(base).filter((part) => part !== '.');
  const entryParts = components(entry).filter((part) => part !== '.');
  if (baseParts.every((part, i) => entryParts[i] === part)) {
    return entryParts.slice(baseParts.length).join('/');
  }
  return entry;
}


