/**
 * Where access tokens (and JS-SDK tickets) are kept between calls and between
 * instances. WeCom returns the same token for repeated `gettoken` calls within its
 * validity, so a shared store mainly saves calls; it is not needed for correctness.
 * The production store (one MongoDB document per credential, shared by all
 * instances) implements this interface elsewhere; `memoryTokenStore` is for one
 * process and for tests.
 */
export interface CachedToken {
  /** The access token or ticket. Named `token` so the logger's redaction covers it. */
  readonly token: string;
  /** Epoch milliseconds after which WeCom no longer accepts it. */
  readonly expiresAt: number;
}

export interface TokenStore {
  read(): Promise<CachedToken | undefined>;
  write(t: CachedToken): Promise<void>;
}

export function memoryTokenStore(initial?: CachedToken): TokenStore {
  let current = initial;
  return {
    async read() {
      return current;
    },
    async write(t) {
      current = t;
    },
  };
}
