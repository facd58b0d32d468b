import { CustomErrorBase } from '@backstage/errors';

/** The source file is larger than the configured limit (HTTP 413). */
export class SourceTooLargeError extends CustomErrorBase {
  name = 'SourceTooLargeError' as const;
}

/** The source file could not be read from its location (HTTP 502): the Git host or the disk failed. */
export class SourceUnreadableError extends CustomErrorBase {
  name = 'SourceUnreadableError' as const;
}

/** The HTTP status of this plugin's own errors; the rest is left to Backstage's error handler. */
export function statusOf(error: unknown): number | undefined {
  if (error instanceof SourceTooLargeError) {
    return 413;
  }
  if (error instanceof SourceUnreadableError) {
    return 502;
  }
  return undefined;
}
