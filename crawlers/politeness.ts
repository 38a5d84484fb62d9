// Politeness that holds across processes: before each request to a host, wait for that host's
// turn and check its robots.txt; after a 429/503, hold the host back (Retry-After). The real
// gate keeps its state in Redis so two workers never double a site's request rate.

export interface HostPolicy {
  perHostConcurrency: number;
  delayMs: number;
}

export interface Politeness {
  /**
   * Waits until `url`'s host may be requested (robots.txt allows it, the per-host slot and delay
   * are free). Throws a PermanentError when robots.txt disallows the URL. Resolves with a release
   * function to call once the response has been read (or the request failed).
   */
  acquire(url: string, policy: HostPolicy, userAgent: string): Promise<() => Promise<void>>;
  /** The host answered 429 or 503: later acquires for it wait (Retry-After seconds or date, else a default). */
  backOff(url: string, retryAfter: string | null): Promise<void>;
}

/** No gate at all: for the extraction-only paths (`check-source`, tests of pure parts). */
export const noPoliteness: Politeness = {
  acquire: async () => async () => {},
  backOff: async () => {},
};
