/* @ts-self-types="./kataster_wasm.d.ts" */

/**
 * The ignore files of one directory (`.gitignore`, `.ignore` or `.git/info/exclude`),
 * matched as the `ignore` crate matches them.
 */
class GitignoreMatcher {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        GitignoreMatcherFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_gitignorematcher_free(ptr, 0);
    }
    /**
     * Add the lines of an ignore file; returns how many lines were not valid globs (the CLI
     * skips them too).
     * @param {string} path
     * @param {string} text
     * @returns {number}
     */
    addFile(path, text) {
        let ptr0, len0, ptr1, len1;
        try {
            ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.gitignorematcher_addFile(this.__wbg_ptr, ptr0, len0, ptr1, len1);
        return ret >>> 0;
    }
    /**
     * Compile the lines added so far.
     */
    build() {
        wasm.gitignorematcher_build(this.__wbg_ptr);
    }
    /**
     * `0`: no pattern matches; `1`: ignored; `2`: whitelisted (a `!pattern`).
     * @param {string} path
     * @param {boolean} is_dir
     * @returns {number}
     */
    matched(path, is_dir) {
        const val2 = +is_dir;
        const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.gitignorematcher_matched(this.__wbg_ptr, ptr0, len0, val2);
        return ret;
    }
    /**
     * A matcher whose patterns are relative to `root` (the directory holding the file).
     * @param {string} root
     */
    constructor(root) {
        const ptr0 = passStringToWasm0(root, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.gitignorematcher_new(ptr0, len0);
        this.__wbg_ptr = ret;
        GitignoreMatcherFinalization.register(this, this.__wbg_ptr, this);
        return this;
    }
}
if (Symbol.dispose) GitignoreMatcher.prototype[Symbol.dispose] = GitignoreMatcher.prototype.free;
exports.GitignoreMatcher = GitignoreMatcher;

/**
 * A Location target glob, compiled as the CLI compiles it (`globset`, default options: `*`
 * also matches `/`).
 */
class GlobMatcher {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        GlobMatcherFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_globmatcher_free(ptr, 0);
    }
    /**
     * Whether a path relative to the Location's directory matches.
     * @param {string} path
     * @returns {boolean}
     */
    isMatch(path) {
        const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.globmatcher_isMatch(this.__wbg_ptr, ptr0, len0);
        return ret !== 0;
    }
    /**
     * Throws when the pattern is not a valid glob (the CLI then skips the target). With
     * `literalSeparator`, `*` and `?` do not match `/` (only `**` crosses directories).
     * @param {string} pattern
     * @param {boolean | null} [literal_separator]
     */
    constructor(pattern, literal_separator) {
        const ptr0 = passStringToWasm0(pattern, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.globmatcher_new(ptr0, len0, isLikeNone(literal_separator) ? 0xFFFFFF : literal_separator ? 1 : 0);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        this.__wbg_ptr = ret[0];
        GlobMatcherFinalization.register(this, this.__wbg_ptr, this);
        return this;
    }
}
if (Symbol.dispose) GlobMatcher.prototype[Symbol.dispose] = GlobMatcher.prototype.free;
exports.GlobMatcher = GlobMatcher;

/**
 * kataster's checks over files held in memory.
 */
class Kataster {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        KatasterFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_kataster_free(ptr, 0);
    }
    /**
     * The JSON Schema of catalog files under this policy (`kataster schema catalog`): what
     * Backstage accepts, plus the policy's naming convention, types, lifecycles and kinds.
     * @returns {string}
     */
    catalogSchema() {
        let deferred1_0;
        let deferred1_1;
        try {
            const ret = wasm.kataster_catalogSchema(this.__wbg_ptr);
            deferred1_0 = ret[0];
            deferred1_1 = ret[1];
            return getStringFromWasm0(ret[0], ret[1]);
        } finally {
            wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
        }
    }
    /**
     * Check a namespace name against the policy's naming convention:
     * `{name, valid, parts, problems: [{code, message, suggestion}]}`.
     * @param {string} name
     * @returns {string}
     */
    checkNamespace(name) {
        let deferred3_0;
        let deferred3_1;
        try {
            const ptr0 = passStringToWasm0(name, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            const len0 = WASM_VECTOR_LEN;
            const ret = wasm.kataster_checkNamespace(this.__wbg_ptr, ptr0, len0);
            var ptr2 = ret[0];
            var len2 = ret[1];
            if (ret[3]) {
                ptr2 = 0; len2 = 0;
                throw takeFromExternrefTable0(ret[2]);
            }
            deferred3_0 = ptr2;
            deferred3_1 = len2;
            return getStringFromWasm0(ptr2, len2);
        } finally {
            wasm.__wbindgen_free(deferred3_0, deferred3_1, 1);
        }
    }
    /**
     * Check a version transition (a merge, a tag or a proposed version) against the
     * policy's `versions` section, as `kataster version check --format json` with the facts
     * given rather than read from git: `transition` is `{component?, source?, target?, tag?,
     * version?, tags?, commits?, ...}` (the core's `Transition`). Returns the JSON report with
     * `transition`: the computed facts (previous version, required bump, next version).
     * Helm charts are not checked here.
     * @param {string} transition
     * @returns {string}
     */
    checkVersion(transition) {
        let deferred3_0;
        let deferred3_1;
        try {
            const ptr0 = passStringToWasm0(transition, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            const len0 = WASM_VECTOR_LEN;
            const ret = wasm.kataster_checkVersion(this.__wbg_ptr, ptr0, len0);
            var ptr2 = ret[0];
            var len2 = ret[1];
            if (ret[3]) {
                ptr2 = 0; len2 = 0;
                throw takeFromExternrefTable0(ret[2]);
            }
            deferred3_0 = ptr2;
            deferred3_1 = len2;
            return getStringFromWasm0(ptr2, len2);
        } finally {
            wasm.__wbindgen_free(deferred3_0, deferred3_1, 1);
        }
    }
    /**
     * Check files together: `files` is an array of `{path, text, kind?, contributor?}`;
     * `options` is `{select?, ignore?, strictRefs?, yamlMerge?, knownEntities?,
     * positionEncoding?, fileExists?}`. Returns the JSON report object.
     * (`files` and `options` as JSON; `facts`: the options object, for `fileExists`.)
     * @param {string} files
     * @param {string | null | undefined} options
     * @param {any} facts
     * @returns {string}
     */
    check(files, options, facts) {
        let deferred4_0;
        let deferred4_1;
        try {
            let ptr0, len0, ptr1, len1;
            try {
                ptr0 = passStringToWasm0(files, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                len0 = WASM_VECTOR_LEN;
                ptr1 = isLikeNone(options) ? 0 : passStringToWasm0(options, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                len1 = WASM_VECTOR_LEN;
            } catch (e) {
                if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
                if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
                throw e;
            }
            const ret = wasm.kataster_check(this.__wbg_ptr, ptr0, len0, ptr1, len1, facts);
            var ptr3 = ret[0];
            var len3 = ret[1];
            if (ret[3]) {
                ptr3 = 0; len3 = 0;
                throw takeFromExternrefTable0(ret[2]);
            }
            deferred4_0 = ptr3;
            deferred4_1 = len3;
            return getStringFromWasm0(ptr3, len3);
        } finally {
            wasm.__wbindgen_free(deferred4_0, deferred4_1, 1);
        }
    }
    /**
     * `new Kataster(policy?, schemas?)`: the policy as YAML text (a `kataster.yaml`) or as
     * an object of the same structure; without one, the defaults. `schemas` maps the paths
     * of the policy's custom schemas to their texts. Throws when the policy has problems
     * (each `POL0xx` or YAML problem with its line).
     * @param {string | null} [policy]
     * @param {string | null} [schemas]
     */
    constructor(policy, schemas) {
        let ptr0, len0, ptr1, len1;
        try {
            ptr0 = isLikeNone(policy) ? 0 : passStringToWasm0(policy, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = isLikeNone(schemas) ? 0 : passStringToWasm0(schemas, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.kataster_new(ptr0, len0, ptr1, len1);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        this.__wbg_ptr = ret[0];
        KatasterFinalization.register(this, this.__wbg_ptr, this);
        return this;
    }
    /**
     * The JSON Schema (draft-07) of the policy file: `Policy::json_schema()` as committed
     * (cli/tests/docs.rs keeps the file current; the conformance tests compare it with the
     * CLI's), so that the module carries no schema generator (schemars: ~35 KB gzipped).
     * @returns {string}
     */
    policySchema() {
        let deferred1_0;
        let deferred1_1;
        try {
            const ret = wasm.kataster_policySchema(this.__wbg_ptr);
            deferred1_0 = ret[0];
            deferred1_1 = ret[1];
            return getStringFromWasm0(ret[0], ret[1]);
        } finally {
            wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
        }
    }
    /**
     * A rule's Markdown documentation page, as `kataster rule CODE`; `undefined` for an
     * unknown code.
     * @param {string} code
     * @returns {string | undefined}
     */
    ruleDocs(code) {
        const ptr0 = passStringToWasm0(code, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.kataster_ruleDocs(this.__wbg_ptr, ptr0, len0);
        let v2;
        if (ret[0] !== 0) {
            v2 = getStringFromWasm0(ret[0], ret[1]);
            wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
        }
        return v2;
    }
    /**
     * Every rule: `[{code, name, family, severity, status, since, summary, docs}]`, as
     * `kataster rules --format json`.
     * @returns {string}
     */
    rules() {
        let deferred1_0;
        let deferred1_1;
        try {
            const ret = wasm.kataster_rules(this.__wbg_ptr);
            deferred1_0 = ret[0];
            deferred1_1 = ret[1];
            return getStringFromWasm0(ret[0], ret[1]);
        } finally {
            wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
        }
    }
    /**
     * The paths of the custom schemas a policy text names (to read them for `schemas`).
     * @param {string} policy
     * @returns {string[]}
     */
    static schemaPaths(policy) {
        const ptr0 = passStringToWasm0(policy, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.kataster_schemaPaths(ptr0, len0);
        var v2 = getArrayJsValueFromWasm0(ret[0], ret[1]);
        wasm.__wbindgen_free(ret[0], ret[1] * 4, 4);
        return v2;
    }
}
if (Symbol.dispose) Kataster.prototype[Symbol.dispose] = Kataster.prototype.free;
exports.Kataster = Kataster;

/**
 * One check, step by step, in the order the CLI takes them.
 */
class Session {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        SessionFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_session_free(ptr, 0);
    }
    /**
     * Record a file that could not be read: `code` is `IO001` (unreadable), `IO002` (not
     * UTF-8), `IO003` (binary) or `IO004` (outside the root); `message` names the cause. Returns the file's index.
     * @param {string} path
     * @param {string} code
     * @param {string} message
     * @returns {number}
     */
    addFailure(path, code, message) {
        let ptr0, len0, ptr1, len1, ptr2, len2;
        try {
            ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passStringToWasm0(code, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
            ptr2 = passStringToWasm0(message, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len2 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr2) { wasm.__wbindgen_free(ptr2, len2 * 1, 1); }
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.session_addFailure(this.__wbg_ptr, ptr0, len0, ptr1, len1, ptr2, len2);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0] >>> 0;
    }
    /**
     * Parse files (`[{path, text, kind?, contributor?}]`) and add them in order; returns
     * the index of the first.
     * @param {string} files
     * @returns {number}
     */
    addFiles(files) {
        const ptr0 = passStringToWasm0(files, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.session_addFiles(this.__wbg_ptr, ptr0, len0);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0] >>> 0;
    }
    /**
     * Run every selected rule over the files added; `facts` is `{fileExists?(path): boolean |
     * undefined, isOutsideRoot?(path): boolean}` (without them, file existence is not checked
     * and no path is outside). Returns the JSON report object.
     * @param {any} facts
     * @returns {string}
     */
    check(facts) {
        let deferred2_0;
        let deferred2_1;
        try {
            const ret = wasm.session_check(this.__wbg_ptr, facts);
            var ptr1 = ret[0];
            var len1 = ret[1];
            if (ret[3]) {
                ptr1 = 0; len1 = 0;
                throw takeFromExternrefTable0(ret[2]);
            }
            deferred2_0 = ptr1;
            deferred2_1 = len1;
            return getStringFromWasm0(ptr1, len1);
        } finally {
            wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
        }
    }
    /**
     * The contributor whose `paths` globs (relative to the policy file's directory) match a
     * file, by its path relative to that directory.
     * @param {string} relative
     * @returns {string | undefined}
     */
    contributorByPath(relative) {
        const ptr0 = passStringToWasm0(relative, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.session_contributorByPath(this.__wbg_ptr, ptr0, len0);
        let v2;
        if (ret[0] !== 0) {
            v2 = getStringFromWasm0(ret[0], ret[1]);
            wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
        }
        return v2;
    }
    /**
     * Whether a named path is excluded (`--force-exclude`).
     * @param {string} path
     * @returns {boolean}
     */
    excludesNamed(path) {
        const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.session_excludesNamed(this.__wbg_ptr, ptr0, len0);
        return ret !== 0;
    }
    /**
     * The CLI's exit code for the last check: 2 when some input could not be checked, 1
     * when a finding reaches `failOn` (`error`, the default; `warning`; `never`), else 0.
     * @param {string | null} [fail_on]
     * @returns {number}
     */
    exitCode(fail_on) {
        var ptr0 = isLikeNone(fail_on) ? 0 : passStringToWasm0(fail_on, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        var len0 = WASM_VECTOR_LEN;
        const ret = wasm.session_exitCode(this.__wbg_ptr, ptr0, len0);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0];
    }
    /**
     * The number of files added (with the policy file).
     * @returns {number}
     */
    get fileCount() {
        const ret = wasm.session_fileCount(this.__wbg_ptr);
        return ret >>> 0;
    }
    /**
     * The joined view of the files added, as `kataster inventory --format <format>` prints
     * it: `table`, `markdown` or `json`.
     * @param {string} format
     * @returns {string}
     */
    inventory(format) {
        let deferred3_0;
        let deferred3_1;
        try {
            const ptr0 = passStringToWasm0(format, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            const len0 = WASM_VECTOR_LEN;
            const ret = wasm.session_inventory(this.__wbg_ptr, ptr0, len0);
            var ptr2 = ret[0];
            var len2 = ret[1];
            if (ret[3]) {
                ptr2 = 0; len2 = 0;
                throw takeFromExternrefTable0(ret[2]);
            }
            deferred3_0 = ptr2;
            deferred3_1 = len2;
            return getStringFromWasm0(ptr2, len2);
        } finally {
            wasm.__wbindgen_free(deferred3_0, deferred3_1, 1);
        }
    }
    /**
     * The last check's JSON report as the CLI prints it (`--format json`, with its newline).
     * @returns {string}
     */
    jsonText() {
        let deferred2_0;
        let deferred2_1;
        try {
            const ret = wasm.session_jsonText(this.__wbg_ptr);
            var ptr1 = ret[0];
            var len1 = ret[1];
            if (ret[3]) {
                ptr1 = 0; len1 = 0;
                throw takeFromExternrefTable0(ret[2]);
            }
            deferred2_0 = ptr1;
            deferred2_1 = len1;
            return getStringFromWasm0(ptr1, len1);
        } finally {
            wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
        }
    }
    /**
     * Queue the file the last `offerFile` returned 2 for, with its contributor.
     * @param {string | null} [contributor]
     */
    keepOffered(contributor) {
        var ptr0 = isLikeNone(contributor) ? 0 : passStringToWasm0(contributor, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        var len0 = WASM_VECTOR_LEN;
        const ret = wasm.session_keepOffered(this.__wbg_ptr, ptr0, len0);
        if (ret[1]) {
            throw takeFromExternrefTable0(ret[0]);
        }
    }
    /**
     * The `spec.target`/`spec.targets` of the Location entities in a file, as written.
     * @param {number} file
     * @returns {string[]}
     */
    locationTargets(file) {
        const ret = wasm.session_locationTargets(this.__wbg_ptr, file);
        if (ret[3]) {
            throw takeFromExternrefTable0(ret[2]);
        }
        var v1 = getArrayJsValueFromWasm0(ret[0], ret[1]);
        wasm.__wbindgen_free(ret[0], ret[1] * 4, 4);
        return v1;
    }
    /**
     * `new Session(options?)` with the options of [`Kataster::check`], and `policy:
     * {path, text}`: a policy file, read as the CLI reads it (its problems are reported).
     * @param {string | null} [options]
     */
    constructor(options) {
        var ptr0 = isLikeNone(options) ? 0 : passStringToWasm0(options, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        var len0 = WASM_VECTOR_LEN;
        const ret = wasm.session_new(ptr0, len0);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        this.__wbg_ptr = ret[0];
        SessionFinalization.register(this, this.__wbg_ptr, this);
        return this;
    }
    /**
     * What the CLI prints on standard error after the last check's findings: the skipped
     * files (with `showSkipped`, as `--show-skipped`) and a note when nothing was checked.
     * @param {boolean} show_skipped
     * @returns {string}
     */
    notes(show_skipped) {
        let deferred2_0;
        let deferred2_1;
        try {
            const ret = wasm.session_notes(this.__wbg_ptr, show_skipped);
            var ptr1 = ret[0];
            var len1 = ret[1];
            if (ret[3]) {
                ptr1 = 0; len1 = 0;
                throw takeFromExternrefTable0(ret[2]);
            }
            deferred2_0 = ptr1;
            deferred2_1 = len1;
            return getStringFromWasm0(ptr1, len1);
        } finally {
            wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
        }
    }
    /**
     * A file's bytes as the CLI reads them, in one crossing (no JSON, no JavaScript string):
     * decoded and classified as the CLI does, `inChartTemplates` and `inTemplateSkeleton`
     * telling where it lies (see `chartFilesFor`, `skeletonParentsFor`). Returns 0 when the
     * file is ignored (not UTF-8 or not a catalog file, found while walking), 1 when it could
     * not be decoded (`IO002`, or `IO003` for a binary file, recorded), 2 when it is to be
     * checked: then `keepOffered(contributor)` queues it for `parsePending()`, which parses
     * every queued file in order; 3 when it is skipped (a template, a named file that is no
     * catalog file: counted in the summary, listed by `notes(true)`).
     * @param {string} path
     * @param {Uint8Array | number[]} bytes
     * @param {boolean} explicit
     * @param {boolean | null} [in_chart_templates]
     * @param {boolean | null} [in_template_skeleton]
     * @returns {number}
     */
    offerFile(path, bytes, explicit, in_chart_templates, in_template_skeleton) {
        const val3 = +explicit;
        let ptr0, len0, ptr1, len1;
        try {
            ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passArray8ToWasm0(bytes, wasm.__wbindgen_malloc);
            len1 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.session_offerFile(this.__wbg_ptr, ptr0, len0, ptr1, len1, val3, isLikeNone(in_chart_templates) ? 0xFFFFFF : in_chart_templates ? 1 : 0, isLikeNone(in_template_skeleton) ? 0xFFFFFF : in_template_skeleton ? 1 : 0);
        return ret;
    }
    /**
     * Parse the queued files in the order they were kept; returns the index of the first
     * (the files' indices follow on).
     * @returns {number}
     */
    parsePending() {
        const ret = wasm.session_parsePending(this.__wbg_ptr);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0] >>> 0;
    }
    /**
     * The policy's `contributor` (the contributor of every file), if it names one.
     * @returns {string | undefined}
     */
    get policyContributor() {
        const ret = wasm.session_policyContributor(this.__wbg_ptr);
        let v1;
        if (ret[0] !== 0) {
            v1 = getStringFromWasm0(ret[0], ret[1]);
            wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
        }
        return v1;
    }
    /**
     * The last check rendered by the CLI's own renderers: `human` (ANSI colours when
     * `color`; info findings only with `showInfos`), `json`, `concise`, `gitlab`, `junit`,
     * `sarif`, `github`, `azure` or `checkstyle`. `options` is the JSON text of `{failOn?,
     * projectDir?, cwd?, root?, showSkipped?}`: what the CLI takes from `--fail-on`,
     * `CI_PROJECT_DIR`, its current directory, the root and `--show-skipped`.
     * @param {string} format
     * @param {boolean} color
     * @param {boolean | null} [show_infos]
     * @param {string | null} [options]
     * @returns {string}
     */
    render(format, color, show_infos, options) {
        let deferred5_0;
        let deferred5_1;
        try {
            const val3 = +color;
            let ptr0, len0, ptr1, len1;
            try {
                ptr0 = passStringToWasm0(format, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                len0 = WASM_VECTOR_LEN;
                ptr1 = isLikeNone(options) ? 0 : passStringToWasm0(options, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                len1 = WASM_VECTOR_LEN;
            } catch (e) {
                if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
                if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
                throw e;
            }
            const ret = wasm.session_render(this.__wbg_ptr, ptr0, len0, val3, isLikeNone(show_infos) ? 0xFFFFFF : show_infos ? 1 : 0, ptr1, len1);
            var ptr4 = ret[0];
            var len4 = ret[1];
            if (ret[3]) {
                ptr4 = 0; len4 = 0;
                throw takeFromExternrefTable0(ret[2]);
            }
            deferred5_0 = ptr4;
            deferred5_1 = len4;
            return getStringFromWasm0(ptr4, len4);
        } finally {
            wasm.__wbindgen_free(deferred5_0, deferred5_1, 1);
        }
    }
    /**
     * Whether a directory walk leaves out an entry (`path` as shown, `isDir` for a
     * directory it would enter), by the policy's `files` and the `exclude` options.
     * @param {string} path
     * @param {boolean} is_dir
     * @returns {boolean}
     */
    skipsWalked(path, is_dir) {
        const val2 = +is_dir;
        const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.session_skipsWalked(this.__wbg_ptr, ptr0, len0, val2);
        return ret !== 0;
    }
}
if (Symbol.dispose) Session.prototype[Symbol.dispose] = Session.prototype.free;
exports.Session = Session;

/**
 * Panics on purpose, so that the JavaScript facade's recovery from a trapped instance can be
 * tested. Not part of the API.
 */
function __panicForTests() {
    wasm.__panicForTests();
}
exports.__panicForTests = __panicForTests;

/**
 * The `Chart.yaml` files whose existence makes a file a Helm chart template.
 * @param {string} path
 * @returns {string[]}
 */
function chartFilesFor(path) {
    const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.chartFilesFor(ptr0, len0);
    var v2 = getArrayJsValueFromWasm0(ret[0], ret[1]);
    wasm.__wbindgen_free(ret[0], ret[1] * 4, 4);
    return v2;
}
exports.chartFilesFor = chartFilesFor;

/**
 * What a file holds, as the CLI decides it: `"catalog"`, `"manifests"` or `undefined` (not
 * checked: a file found while walking that holds neither, a policy file, a template).
 * `explicit`: the file was named, not found while walking.
 * @param {string} path
 * @param {string} text
 * @param {boolean} explicit
 * @returns {string | undefined}
 */
function classify(path, text, explicit) {
    const val3 = +explicit;
    let ptr0, len0, ptr1, len1;
    try {
        ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
    } catch (e) {
        if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
        if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
        throw e;
    }
    const ret = wasm.classify(ptr0, len0, ptr1, len1, val3);
    let v4;
    if (ret[0] !== 0) {
        v4 = getStringFromWasm0(ret[0], ret[1]);
        wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
    }
    return v4;
}
exports.classify = classify;

/**
 * A file's bytes as the CLI reads them: the text, `undefined` when a file found while
 * walking (`explicit` false) is skipped, or an exception with the `IO002` message.
 * @param {string} path
 * @param {Uint8Array | number[]} bytes
 * @param {boolean} explicit
 * @returns {string | undefined}
 */
function decodeFile(path, bytes, explicit) {
    const val3 = +explicit;
    let ptr0, len0, ptr1, len1;
    try {
        ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passArray8ToWasm0(bytes, wasm.__wbindgen_malloc);
        len1 = WASM_VECTOR_LEN;
    } catch (e) {
        if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
        if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
        throw e;
    }
    const ret = wasm.decodeFile(ptr0, len0, ptr1, len1, val3);
    if (ret[3]) {
        throw takeFromExternrefTable0(ret[2]);
    }
    let v4;
    if (ret[0] !== 0) {
        v4 = getStringFromWasm0(ret[0], ret[1]);
        wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
    }
    return v4;
}
exports.decodeFile = decodeFile;

/**
 * Whether a walk reads a path: `.yaml`, `.yml`, `.json`, or a template name (skipped and
 * counted).
 * @param {string} path
 * @returns {boolean}
 */
function isCandidatePath(path) {
    const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.isCandidatePath(ptr0, len0);
    return ret !== 0;
}
exports.isCandidatePath = isCandidatePath;

/**
 * Whether a file found while walking a directory is a catalog file (`catalog-info.yaml`, or
 * YAML with a Backstage `apiVersion`).
 * @param {string} path
 * @param {string} text
 * @returns {boolean}
 */
function isCatalogFile(path, text) {
    let ptr0, len0, ptr1, len1;
    try {
        ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len0 = WASM_VECTOR_LEN;
        ptr1 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        len1 = WASM_VECTOR_LEN;
    } catch (e) {
        if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
        if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
        throw e;
    }
    const ret = wasm.isCatalogFile(ptr0, len0, ptr1, len1);
    return ret !== 0;
}
exports.isCatalogFile = isCatalogFile;

/**
 * Whether a text is a scaffolder `Template` entity.
 * @param {string} text
 * @returns {boolean}
 */
function isScaffolderTemplate(text) {
    const ptr0 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.isScaffolderTemplate(ptr0, len0);
    return ret !== 0;
}
exports.isScaffolderTemplate = isScaffolderTemplate;

/**
 * Whether a path ends in `.yaml` or `.yml`.
 * @param {string} path
 * @returns {boolean}
 */
function isYamlPath(path) {
    const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.isYamlPath(ptr0, len0);
    return ret !== 0;
}
exports.isYamlPath = isYamlPath;

/**
 * The entities of a catalog export's text (`--known-entities FILE`), for the
 * `knownEntities` option; throws with the CLI's message when the text is not an export.
 * @param {string} path
 * @param {string} text
 * @returns {string}
 */
function knownEntitiesFromText(path, text) {
    let deferred4_0;
    let deferred4_1;
    try {
        let ptr0, len0, ptr1, len1;
        try {
            ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.knownEntitiesFromText(ptr0, len0, ptr1, len1);
        var ptr3 = ret[0];
        var len3 = ret[1];
        if (ret[3]) {
            ptr3 = 0; len3 = 0;
            throw takeFromExternrefTable0(ret[2]);
        }
        deferred4_0 = ptr3;
        deferred4_1 = len3;
        return getStringFromWasm0(ptr3, len3);
    } finally {
        wasm.__wbindgen_free(deferred4_0, deferred4_1, 1);
    }
}
exports.knownEntitiesFromText = knownEntitiesFromText;

/**
 * Why a glob of `--exclude`, `--extend-exclude` or the policy's `files` is invalid, or
 * `undefined` when it is valid (the CLI's message).
 * @param {string} glob
 * @returns {string | undefined}
 */
function pathPatternError(glob) {
    const ptr0 = passStringToWasm0(glob, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.pathPatternError(ptr0, len0);
    let v2;
    if (ret[0] !== 0) {
        v2 = getStringFromWasm0(ret[0], ret[1]);
        wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
    }
    return v2;
}
exports.pathPatternError = pathPatternError;

/**
 * The names of policy files, looked for upwards from the first checked path.
 * @returns {string[]}
 */
function policyFileNames() {
    const ret = wasm.policyFileNames();
    var v1 = getArrayJsValueFromWasm0(ret[0], ret[1]);
    wasm.__wbindgen_free(ret[0], ret[1] * 4, 4);
    return v1;
}
exports.policyFileNames = policyFileNames;

/**
 * The directories that, holding a scaffolder `Template` file, make a file a skeleton.
 * @param {string} path
 * @returns {string[]}
 */
function skeletonParentsFor(path) {
    const ptr0 = passStringToWasm0(path, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.skeletonParentsFor(ptr0, len0);
    var v2 = getArrayJsValueFromWasm0(ret[0], ret[1]);
    wasm.__wbindgen_free(ret[0], ret[1] * 4, 4);
    return v2;
}
exports.skeletonParentsFor = skeletonParentsFor;

/**
 * Runs when the module is instantiated: record panic messages for `takePanicMessage`.
 */
function start() {
    wasm.start();
}
exports.start = start;

/**
 * The message of the last panic, if one happened (the instance is unusable after it).
 * @returns {string | undefined}
 */
function takePanicMessage() {
    const ret = wasm.takePanicMessage();
    let v1;
    if (ret[0] !== 0) {
        v1 = getStringFromWasm0(ret[0], ret[1]);
        wasm.__wbindgen_free(ret[0], ret[1] * 1, 1);
    }
    return v1;
}
exports.takePanicMessage = takePanicMessage;

/**
 * The version of kataster this module was built from.
 * @returns {string}
 */
function version() {
    let deferred1_0;
    let deferred1_1;
    try {
        const ret = wasm.version();
        deferred1_0 = ret[0];
        deferred1_1 = ret[1];
        return getStringFromWasm0(ret[0], ret[1]);
    } finally {
        wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
}
exports.version = version;
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_Error_208446807d0d1e30: function(arg0, arg1) {
            const ret = Error(getStringFromWasm0(arg0, arg1));
            return ret;
        },
        __wbg___wbindgen_boolean_get_4f1baf9a00be3c74: function(arg0) {
            const v = arg0;
            const ret = typeof(v) === 'boolean' ? v : undefined;
            return isLikeNone(ret) ? 0xFFFFFF : ret ? 1 : 0;
        },
        __wbg___wbindgen_is_function_741ff2bb612836f5: function(arg0) {
            const ret = typeof(arg0) === 'function';
            return ret;
        },
        __wbg___wbindgen_is_null_c22311b1cc228e3a: function(arg0) {
            const ret = arg0 === null;
            return ret;
        },
        __wbg___wbindgen_is_undefined_be5b34249ff1fc15: function(arg0) {
            const ret = arg0 === undefined;
            return ret;
        },
        __wbg___wbindgen_throw_4c88d8bf264fd984: function(arg0, arg1) {
            throw new Error(getStringFromWasm0(arg0, arg1));
        },
        __wbg_call_a410eb4b59ed5965: function() { return handleError(function (arg0, arg1, arg2) {
            const ret = arg0.call(arg1, arg2);
            return ret;
        }, arguments); },
        __wbg_getRandomValues_5d8c030b527203a6: function() { return handleError(function (arg0, arg1) {
            globalThis.crypto.getRandomValues(getArrayU8FromWasm0(arg0, arg1));
        }, arguments); },
        __wbg_get_2080c49015e35254: function() { return handleError(function (arg0, arg1) {
            const ret = Reflect.get(arg0, arg1);
            return ret;
        }, arguments); },
        __wbindgen_generic_0000000000000001: function(arg0, arg1) {
            // Cast intrinsic for `Ref(String) -> Externref`.
            const ret = getStringFromWasm0(arg0, arg1);
            return ret;
        },
        __wbindgen_init_externref_table: function() {
            const table = wasm.__wbindgen_externrefs;
            table.set(0, undefined);
            table.set(1024, undefined);
            table.set(1025, null);
            table.set(1026, true);
            table.set(1027, false);
        },
    };
    return {
        __proto__: null,
        "./kataster_wasm_bg.js": import0,
    };
}

const GitignoreMatcherFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_gitignorematcher_free(ptr, 1));
const GlobMatcherFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_globmatcher_free(ptr, 1));
const KatasterFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_kataster_free(ptr, 1));
const SessionFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_session_free(ptr, 1));

function addToExternrefTable0(obj) {
    const idx = wasm.__externref_table_alloc();
    wasm.__wbindgen_externrefs.set(idx, obj);
    return idx;
}

function getArrayJsValueFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    const mem = getDataViewMemory0();
    const result = [];
    for (let i = ptr; i < ptr + 4 * len; i += 4) {
        result.push(wasm.__wbindgen_externrefs.get(mem.getUint32(i, true)));
    }
    wasm.__externref_drop_slice(ptr, len);
    return result;
}

function getArrayU8FromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return getUint8ArrayMemory0().subarray(ptr / 1, ptr / 1 + len);
}

let cachedDataViewMemory0 = null;
function getDataViewMemory0() {
    if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || (cachedDataViewMemory0.buffer.detached === undefined && cachedDataViewMemory0.buffer !== wasm.memory.buffer)) {
        cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
    }
    return cachedDataViewMemory0;
}

function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}

let cachedUint8ArrayMemory0 = null;
function getUint8ArrayMemory0() {
    if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
        cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
    }
    return cachedUint8ArrayMemory0;
}

function handleError(f, args) {
    try {
        return f.apply(this, args);
    } catch (e) {
        const idx = addToExternrefTable0(e);
        wasm.__wbindgen_exn_store(idx);
    }
}

function isLikeNone(x) {
    return x === undefined || x === null;
}

function passArray8ToWasm0(arg, malloc) {
    const ptr = malloc(arg.length * 1, 1) >>> 0;
    getUint8ArrayMemory0().set(arg, ptr / 1);
    WASM_VECTOR_LEN = arg.length;
    return ptr;
}

function passStringToWasm0(arg, malloc, realloc) {
    if (realloc === undefined) {
        const buf = cachedTextEncoder.encode(arg);
        const ptr = malloc(buf.length, 1) >>> 0;
        getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
        WASM_VECTOR_LEN = buf.length;
        return ptr;
    }

    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
        ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
        const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
        const ret = cachedTextEncoder.encodeInto(arg, view);

        offset += ret.written;
        ptr = realloc(ptr, len, offset, 1) >>> 0;
    }

    WASM_VECTOR_LEN = offset;
    return ptr;
}

function takeFromExternrefTable0(idx) {
    const value = wasm.__wbindgen_externrefs.get(idx);
    wasm.__externref_table_dealloc(idx);
    return value;
}

let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
cachedTextDecoder.decode();
function decodeText(bytes) {
    return cachedTextDecoder.decode(bytes);
}

const cachedTextEncoder = new TextEncoder();

if (!('encodeInto' in cachedTextEncoder)) {
    cachedTextEncoder.encodeInto = function (arg, view) {
        const buf = cachedTextEncoder.encode(arg);
        view.set(buf);
        return {
            read: arg.length,
            written: buf.length
        };
    };
}

let WASM_VECTOR_LEN = 0;

const wasmPath = `${__dirname}/kataster_wasm_bg.wasm`;
const wasmBytes = require('zlib').gunzipSync(require('fs').readFileSync(wasmPath + '.gz'));
const wasmModule = new WebAssembly.Module(wasmBytes);
let wasmInstance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());
let wasm = wasmInstance.exports;
wasm.__wbindgen_start();
