import type { Config } from '@backstage/config';

const SECRET_KEY = /token|password|secret|private|key|credential/i;

/** Every string under the integrations' config whose key names a secret (tokens, passwords, keys). */
export function secretsOf(integrations: Config | undefined): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, secretKey: boolean) => {
    if (typeof value === 'string') {
      if (secretKey && value.length >= 4) {
        found.add(value);
      }
    } else if (Array.isArray(value)) {
      value.forEach(item => walk(item, secretKey));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        walk(item, secretKey || SECRET_KEY.test(key));
      }
    }
  };
  walk(integrations?.get(), false);
  return [...found];
}

/** `text` with every secret, and the user info of URLs, replaced by `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1***@');
  for (const secret of secrets) {
    out = out.split(secret).join('***');
  }
  return out;
}
