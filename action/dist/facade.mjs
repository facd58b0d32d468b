// The typed facade over the wasm-bindgen classes: the same API on every target, and no trap
// of the WebAssembly instance ever reaches the caller as anything but an `Error` with a message.

/** Thrown when the WebAssembly instance trapped (a bug in kataster: please report it). */
export class KatasterInternalError extends Error {
  constructor(message) {
    super(message);
    this.name = 'KatasterInternalError';
  }
}

/**
 * Lone surrogates become U+FFFD, as they would on their way into UTF-8 (one UTF-16 unit
 * each, so UTF-16 columns stay right); JSON escapes them otherwise and Rust rejects those.
 */
function wellFormed(key, value) {
  return typeof value === 'string' && typeof value.toWellFormed === 'function' ? value.toWellFormed() : value;
}

/** Arguments cross the boundary as JSON (`JSON.stringify` leaves functions out). */
function stringify(value) {
  return value === undefined || value === null ? undefined : JSON.stringify(value, wellFormed);
}

function filesJson(files) {
  if (!Array.isArray(files)) {
    throw new TypeError('kataster: files must be an array of {path, text} objects');
  }
  return JSON.stringify(files, wellFormed);
}

/** Whether a map of custom schemas (path to text) has one. */
function hasSchemas(schemas) {
  return schemas !== null && typeof schemas === 'object' && Object.keys(schemas).length > 0;
}

/**
 * Builds the public API over a loaded wasm-bindgen module. `reload()` returns a fresh module
 * after a trap, or `undefined` where the host cannot load it again (the web targets).
 *
 * `withSchemas`, where the host has two builds (the package's entries): `{load, reload?}`
 * giving the complete build (the whole API, with the custom-schema validator, ORG007), loaded
 * on first use. A `Kataster` or `Session` whose policy comes with custom schemas runs on it,
 * and so does any part of the API that `initial` lacks (the browser's build, web/ and embed/,
 * has only `Kataster`'s checks, rules and names; docs/performance.md, WebAssembly); everything
 * else runs on `initial`. Without it, everything runs on `initial`.
 */
export function createApi(initial, reload, withSchemas) {
  const slot = (module, again) => ({ raw: module, reload: again, generation: 0, poisoned: false });
  const main = slot(initial, reload);
  let schemasSlot;
  /** The build the next `new Kataster` runs on, when not the one its policy needs. */
  let forcedBuild;

  /** The complete build, for `what` (which needs it). */
  function complete(what) {
    if (!schemasSlot) {
      const module = withSchemas?.load();
      if (!module) {
        throw new Error(
          withSchemas
            ? `kataster: ${what} need${what.endsWith('schemas') ? '' : 's'} the complete build (with the custom-schema validator): \`await init({customSchemas: true})\` loads it`
            : `kataster: ${what} is not in this build of kataster (the browser's build has only Kataster's checks, rules and names): use the package's entries, which load the complete build`,
        );
      }
      schemasSlot = slot(module, withSchemas.reload);
    }
    return schemasSlot;
  }

  /** The build a policy with these custom schemas runs on, for `name` (an export it needs). */
  function slotFor(schemas, name) {
    if (name && typeof main.raw[name] !== 'function') {
      return complete(`\`${name}\``);
    }
    if (!withSchemas || !hasSchemas(schemas)) {
      return main;
    }
    return complete("the policy's custom schemas");
  }

  /** The build that has the export `name`: `main`, else the complete build. */
  const slotWith = (name) => slotFor(undefined, name);

  function guard(build, run) {
    if (build.poisoned) {
      throw new KatasterInternalError(
        'kataster: the WebAssembly instance trapped earlier and cannot be used again; reload the module',
      );
    }
    try {
      return run(build.raw);
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) {
        throw error;
      }
      let panic;
      try {
        panic = build.raw.takePanicMessage();
      } catch {
        panic = undefined;
      }
      const fresh = build.reload ? build.reload() : undefined;
      if (fresh) {
        build.raw = fresh;
        build.generation += 1;
      } else {
        build.poisoned = true;
      }
      throw new KatasterInternalError(
        `kataster: internal error (${panic ?? error.message}); please report it with the input`,
      );
    }
  }

  class Kataster {
    #policy;
    #schemas;
    #build;
    #inner;
    #generation;
    /** The same policy on the build with the custom-schema validator, for a check whose `policy` option has schemas. */
    #withSchemas;
    /** The same policy on the complete build, for the methods this one's build lacks. */
    #complete;

    constructor(policy, schemas) {
      this.#policy = policy;
      this.#schemas = schemas;
      this.#build = forcedBuild ?? slotFor(schemas);
      this.#connect();
    }

    /** `run` on this policy's instance in a build that has the method `name`. */
    #with(name, run) {
      if (typeof this.#build.raw.Kataster.prototype[name] !== 'function') {
        if (!this.#complete) {
          forcedBuild = complete(`\`Kataster.${name}()\``);
          try {
            this.#complete = new Kataster(this.#policy, this.#schemas);
          } finally {
            forcedBuild = undefined;
          }
        }
        return this.#complete.#with(name, run);
      }
      return this.#call(run);
    }

    static schemaPaths(policyText) {
      return guard(main, (raw) => raw.Kataster.schemaPaths(policyText));
    }

    #connect() {
      this.#inner = guard(this.#build, (raw) => new raw.Kataster(stringify(this.#policy), stringify(this.#schemas)));
      this.#generation = this.#build.generation;
    }

    #call(run) {
      if (this.#generation !== this.#build.generation) {
        this.#connect();
      }
      return guard(this.#build, () => run(this.#inner));
    }

    check(files, options) {
      const build = slotFor(options?.policy?.schemas);
      if (build !== main && this.#build === main) {
        this.#withSchemas ??= new Kataster(this.#policy, options.policy.schemas);
        return this.#withSchemas.check(files, options);
      }
      return JSON.parse(this.#call((inner) => inner.check(filesJson(files), stringify(options), options)));
    }

    rules() {
      return JSON.parse(this.#call((inner) => inner.rules()));
    }

    ruleDocs(code) {
      return this.#call((inner) => inner.ruleDocs(code));
    }

    checkVersion(transition) {
      return JSON.parse(this.#with('checkVersion', (inner) => inner.checkVersion(JSON.stringify(transition ?? {}, wellFormed))));
    }

    checkNamespace(name) {
      return JSON.parse(this.#call((inner) => inner.checkNamespace(name)));
    }

    policySchema() {
      return JSON.parse(this.#with('policySchema', (inner) => inner.policySchema()));
    }

    catalogSchema() {
      return JSON.parse(this.#with('catalogSchema', (inner) => inner.catalogSchema()));
    }
  }

  class Session {
    #build;
    #inner;
    #generation;

    constructor(options) {
      this.#build = slotFor(options?.policy?.schemas, 'Session');
      this.#inner = guard(this.#build, (raw) => new raw.Session(stringify(options)));
      this.#generation = this.#build.generation;
    }

    #call(run) {
      if (this.#generation !== this.#build.generation) {
        throw new KatasterInternalError(
          'kataster: this session was lost to an internal error; start a new one',
        );
      }
      return guard(this.#build, () => run(this.#inner));
    }

    addFiles(files) {
      return this.#call((inner) => inner.addFiles(filesJson(files)));
    }

    offerFile(path, bytes, explicit = false, placement = undefined) {
      return this.#call((inner) =>
        inner.offerFile(path, bytes, explicit, placement?.inChartTemplates ?? false, placement?.inTemplateSkeleton ?? false),
      );
    }

    skipsWalked(path, isDir = false) {
      return this.#call((inner) => inner.skipsWalked(path, isDir));
    }

    excludesNamed(path) {
      return this.#call((inner) => inner.excludesNamed(path));
    }

    notes(showSkipped = false) {
      return this.#call((inner) => inner.notes(showSkipped));
    }

    inventory(format = 'table') {
      return this.#call((inner) => inner.inventory(format));
    }

    keepOffered(contributor) {
      return this.#call((inner) => inner.keepOffered(contributor ?? undefined));
    }

    parsePending() {
      return this.#call((inner) => inner.parsePending());
    }

    addFailure(path, code, message) {
      return this.#call((inner) => inner.addFailure(path, code, message));
    }

    get fileCount() {
      return this.#call((inner) => inner.fileCount);
    }

    locationTargets(file) {
      return this.#call((inner) => inner.locationTargets(file));
    }

    check(facts) {
      return JSON.parse(this.#call((inner) => inner.check(facts)));
    }

    jsonText() {
      return this.#call((inner) => inner.jsonText());
    }

    render(format, color = false, showInfos = false, options = undefined) {
      return this.#call((inner) => inner.render(format, color, showInfos, stringify(options)));
    }

    exitCode(failOn) {
      return this.#call((inner) => inner.exitCode(failOn));
    }

    contributorByPath(relative) {
      return this.#call((inner) => inner.contributorByPath(relative));
    }

    get policyContributor() {
      return this.#call((inner) => inner.policyContributor);
    }

    free() {
      if (this.#generation === this.#build.generation) {
        this.#inner.free();
      }
    }
  }

  class GlobMatcher {
    #build;
    #inner;

    constructor(pattern, literalSeparator = false) {
      this.#build = slotWith('GlobMatcher');
      this.#inner = guard(this.#build, (raw) => new raw.GlobMatcher(pattern, literalSeparator));
    }

    isMatch(path) {
      return guard(this.#build, () => this.#inner.isMatch(path));
    }
  }

  class GitignoreMatcher {
    #build;
    #inner;

    constructor(root) {
      this.#build = slotWith('GitignoreMatcher');
      this.#inner = guard(this.#build, (raw) => new raw.GitignoreMatcher(root));
    }

    addFile(path, text) {
      return guard(this.#build, () => this.#inner.addFile(path, text));
    }

    matched(path, isDir) {
      return guard(this.#build, () => this.#inner.matched(path, isDir));
    }
  }

  /** `raw[name](...args)` on a build that has it. */
  const call = (name, ...args) => guard(slotWith(name), (raw) => raw[name](...args));

  return {
    Kataster,
    Session,
    GlobMatcher,
    GitignoreMatcher,
    KatasterInternalError,
    isCatalogFile: (path, text) => call('isCatalogFile', path, text),
    classify: (path, text, explicit) => call('classify', path, text, explicit),
    policyFileNames: () => call('policyFileNames'),
    isYamlPath: (path) => call('isYamlPath', path),
    pathPatternError: (glob) => call('pathPatternError', glob),
    isCandidatePath: (path) => call('isCandidatePath', path),
    chartFilesFor: (path) => call('chartFilesFor', path),
    skeletonParentsFor: (path) => call('skeletonParentsFor', path),
    isScaffolderTemplate: (text) => call('isScaffolderTemplate', text),
    decodeFile: (path, bytes, explicit) => {
      const build = slotWith('decodeFile');
      try {
        const text = guard(build, (raw) => raw.decodeFile(path, bytes, explicit));
        return text === undefined ? undefined : { text };
      } catch (error) {
        if (error instanceof KatasterInternalError) throw error;
        return { failure: error.message };
      }
    },
    knownEntitiesFromText: (path, text) => JSON.parse(call('knownEntitiesFromText', path, text)),
    version: () => guard(main, (raw) => raw.version()),
    /** @internal */
    __panicForTests: () => guard(main, (raw) => raw.__panicForTests()),
  };
}
