// The small error vocabulary of silkwatch. Permanent errors are not retried (a 404, a page that
// is not an article, a bad payload); transient ones are (timeouts, 5xx, refused connections).
// ServiceUnavailableError is what the CLI turns into exit code 3 with one clear line.

export class PermanentError extends Error {
  override name = 'PermanentError';
}

export class TransientError extends Error {
  override name = 'TransientError';
}

export class ServiceUnavailableError extends Error {
  override name = 'ServiceUnavailableError';
  constructor(
    readonly service: 'Redis' | 'PostgreSQL' | 'SMTP',
    readonly url: string,
    readonly reason: string,
    readonly hint: string,
  ) {
    super(`${service} unreachable at ${url}: ${reason}. ${hint}`);
  }
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** The short reason of a network error, e.g. "ECONNREFUSED" or "timed out after 3000 ms". */
export function reasonOf(err: unknown): string {
  const e = err as { code?: string; errors?: unknown[]; message?: string };
  if (e?.code) return e.code;
  if (Array.isArray(e?.errors) && e.errors.length) return reasonOf(e.errors[0]);
  return (e?.message ?? String(err)).split('\n')[0];
}
