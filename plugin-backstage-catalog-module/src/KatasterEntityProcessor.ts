import type { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { JsonDiagnostic, Kataster, loadCore, readPolicySchemas } from './core';
import { ANNOTATION_KATASTER_FINDINGS, encodeFindings, forBackstage, MAX_FINDINGS_CHARS } from './findings';
import { readModuleConfig } from './policy';

/**
 * Rules that do not run at ingestion, where the processor sees one entity as the catalog stores
 * it: they need the whole catalog (references `CAT1xx`, namespace collisions `NS003`, one app's
 * namespaces `NS004`, stage isolation across relations `ORG005`) or the source file and who wrote
 * it (`ORG006`). The frontend's conventions report runs them over the whole catalog.
 */
export const SKIPPED_AT_INGESTION = ['CAT1', 'NS003', 'NS004', 'ORG005', 'ORG006'] as const;

export interface KatasterEntityProcessorOptions {
  /** The core with the policy. */
  kataster: Kataster;
  /** Rule codes or prefixes whose findings are processing errors. */
  enforce?: string[];
  logger?: LoggerService;
  /** The longest `kataster.io/findings` value (default 8192 characters). */
  maxFindingsChars?: number;
}

/**
 * Runs kataster's single-entity rules on every entity the catalog processes (except Location
 * entities), with the policy from app-config `kataster:`. A finding of a rule listed in
 * `kataster.enforce` is emitted as an `InputError`: the catalog records it as a processing error
 * of the entity (its banner on the entity page) and keeps the entity as it was, as for its own
 * validation errors. The other findings are recorded in the entity's `kataster.io/findings`
 * annotation (JSON, see `FindingsAnnotation`), which the frontend reads without the source file.
 */
export class KatasterEntityProcessor implements CatalogProcessor {
  readonly #kataster: Kataster;
  readonly #enforce: string[];
  readonly #logger?: LoggerService;
  readonly #maxChars: number;

  /** The processor for app-config `kataster:`; fails on an invalid policy or `enforce` entry, as the CLI fails on them. */
  static async fromConfig(
    config: Config,
    options: { logger?: LoggerService; baseDir?: string } = {},
  ): Promise<KatasterEntityProcessor> {
    const { policy, enforce } = readModuleConfig(config);
    const core = await loadCore();
    const schemas = await readPolicySchemas(core, policy, options.baseDir ?? process.cwd());
    let kataster: Kataster;
    try {
      kataster = new core.Kataster(policy ?? null, schemas);
    } catch (error) {
      throw new Error(`app-config kataster: ${error instanceof Error ? error.message : String(error)}`);
    }
    checkEnforce(kataster, enforce, options.logger);
    return new KatasterEntityProcessor({ kataster, enforce, logger: options.logger });
  }

  constructor(options: KatasterEntityProcessorOptions) {
    this.#kataster = options.kataster;
    this.#enforce = (options.enforce ?? []).map(code => code.trim().toUpperCase()).filter(Boolean);
    this.#logger = options.logger;
    this.#maxChars = options.maxFindingsChars ?? MAX_FINDINGS_CHARS;
  }

  getProcessorName(): string {
    return 'KatasterEntityProcessor';
  }

  /** Whether a rule's findings are processing errors. */
  isEnforced(code: string): boolean {
    return this.#enforce.some(prefix => code.startsWith(prefix));
  }

  async postProcessEntity(entity: Entity, location: LocationSpec, emit: CatalogProcessorEmit): Promise<Entity> {
    if (entity.kind.toLocaleLowerCase('en-US') === 'location') {
      return entity;
    }
    const ref = stringifyEntityRef(entity);
    const { [ANNOTATION_KATASTER_FINDINGS]: _previous, ...annotations } = entity.metadata.annotations ?? {};
    const checked: Entity = { ...entity, metadata: { ...entity.metadata, annotations } };
    let diagnostics: JsonDiagnostic[];
    try {
      diagnostics = this.#kataster.check([{ path: ref, text: `${JSON.stringify(checked, null, 2)}\n` }], {
        ignore: [...SKIPPED_AT_INGESTION],
      }).diagnostics;
    } catch (error) {
      // A failure of the core is no finding of the entity: it is logged and the entity passes.
      this.#logger?.warn(`kataster could not check ${ref}: ${error instanceof Error ? error.message : String(error)}`);
      return entity;
    }
    const recorded: JsonDiagnostic[] = [];
    for (const d of diagnostics) {
      if (this.isEnforced(d.code)) {
        emit(processingResult.inputError(location, errorMessage(d)));
      } else {
        recorded.push(d);
      }
    }
    const value = encodeFindings(recorded, this.#maxChars);
    return {
      ...checked,
      metadata: {
        ...checked.metadata,
        annotations: value === undefined ? annotations : { ...annotations, [ANNOTATION_KATASTER_FINDINGS]: value },
      },
    };
  }
}

/** The processing error's message: the catalog shows it as `InputError: <message>`. */
export function errorMessage(d: JsonDiagnostic): string {
  const at = d.pointer ? ` (at ${d.pointer})` : '';
  const help = d.help ? ` Help: ${forBackstage(d.help)}` : '';
  return `kataster ${d.code} ${d.name}: ${forBackstage(d.message)}${at}.${help} See ${d.url}`;
}

/** Each `enforce` entry must name a rule; one that only names rules skipped at ingestion is a warning. */
function checkEnforce(kataster: Kataster, enforce: string[], logger?: LoggerService) {
  const codes = kataster.rules().map(rule => rule.code);
  for (const raw of enforce) {
    const prefix = raw.trim().toUpperCase();
    const matching = codes.filter(code => code.startsWith(prefix));
    if (!prefix || !matching.length) {
      throw new Error(`app-config kataster.enforce: ${JSON.stringify(raw)} is no rule code or prefix (see \`kataster rules\`)`);
    }
    const skipped = matching.filter(code => SKIPPED_AT_INGESTION.some(s => code.startsWith(s)));
    if (skipped.length === matching.length) {
      logger?.warn(
        `kataster.enforce: ${raw} is not checked at ingestion (${skipped.join(', ')} need the whole catalog or the source file); the conventions report shows it`,
      );
    }
  }
}
