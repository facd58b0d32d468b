import type { Config } from '@backstage/config';

/**
 * The keys under app-config `kataster:` that belong to Backstage's packages, not to the policy:
 * `enforce` (this module) and `source` (`@kataster/backstage-plugin-backend`). Everything else is
 * the policy, with kataster.yaml's structure.
 */
export const BACKSTAGE_KEYS = ['enforce', 'source'] as const;

/** What app-config `kataster:` holds for the catalog module. */
export interface KatasterModuleConfig {
  /** The policy: app-config `kataster:` without {@link BACKSTAGE_KEYS}; `undefined`: the defaults. */
  policy?: Record<string, unknown>;
  /** `kataster.enforce`: rule codes or prefixes. */
  enforce: string[];
}

export function readModuleConfig(config: Config): KatasterModuleConfig {
  const enforce = config.getOptionalStringArray('kataster.enforce') ?? [];
  const raw = config.getOptional('kataster');
  if (raw === undefined || raw === null) {
    return { enforce };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error('app-config kataster: must be a mapping (the structure of kataster.yaml)');
  }
  const policy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(BACKSTAGE_KEYS as readonly string[]).includes(key)) {
      policy[key] = value;
    }
  }
  return { policy: Object.keys(policy).length ? policy : undefined, enforce };
}
