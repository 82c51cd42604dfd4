/**
 * A cached credential (the access token, a JS-SDK ticket): an in-memory copy in front
 * of a shared `TokenStore`, refreshed
 *  - proactively, `refreshMarginMs` before it expires (no request ever carries a token
 *    that dies in flight because it had seconds left),
 *  - once per process at a time: concurrent callers share one refresh (single flight),
 *  - on demand, when WeCom rejects it (`invalidate`); a value WeCom rejected is never
 *    taken back from the shared store, where another instance may still have it.
 * A refresh that fails for a reason that will not fix itself (wrong secret, untrusted
 * IP) is remembered for `cooldownMs`: every message would otherwise call `gettoken`
 * again, and repeated wrong-secret calls get the server's IP banned for an hour.
 */
import type { Logger } from '../../../lib/logger.js';
import type { CachedToken, TokenStore } from './token-store.js';

export interface FreshCredential {
  readonly token: string;
  /** Seconds, as WeCom's `expires_in`. */
  readonly expiresInSeconds: number;
}

export interface CredentialCacheOptions {
  /** For log lines: `access_token`, `jsapi_ticket`, `agent_ticket`. */
  readonly name: string;
  readonly store: TokenStore;
  /** Fetches a new credential from WeCom. */
  readonly fetch: () => Promise<FreshCredential>;
  readonly now: () => number;
  readonly logger: Logger;
  /** Default 5 minutes. */
  readonly refreshMarginMs?: number;
  /** Which fetch failures to remember (and rethrow without calling WeCom) for `cooldownMs`. */
  readonly isPermanentFailure?: (err: unknown) => boolean;
  /** Default 60 s. */
  readonly cooldownMs?: number;
}

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

export class CredentialCache {
  private memory: CachedToken | undefined;
  private rejected: string | undefined;
  private inflight: Promise<string> | undefined;
  private failure: { readonly error: unknown; readonly until: number } | undefined;
  private readonly margin: number;

  constructor(private readonly opts: CredentialCacheOptions) {
    this.margin = opts.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  }

  /** A usable credential, from memory when possible. */
  async get(): Promise<string> {
    if (this.usable(this.memory)) return this.memory.token;
    if (this.failure && this.opts.now() < this.failure.until) throw this.failure.error;
    this.inflight ??= this.refresh()
      .catch((err: unknown) => {
        if (this.opts.isPermanentFailure?.(err)) this.failure = { error: err, until: this.opts.now() + (this.opts.cooldownMs ?? 60_000) };
        throw err;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  /** WeCom rejected `token`: forget it, so the next `get` fetches a new one. */
  invalidate(token: string): void {
    this.rejected = token;
    if (this.memory?.token === token) this.memory = undefined;
  }

  private usable(t: CachedToken | undefined): t is CachedToken {
    return t !== undefined && t.token !== this.rejected && this.opts.now() < t.expiresAt - this.margin;
  }

  private async refresh(): Promise<string> {
    const { name, logger } = this.opts;
    try {
      const shared = await this.opts.store.read();
      if (this.usable(shared)) {
        this.memory = shared;
        return shared.token;
      }
    } catch (err) {
      // A store outage must not stop messages: fall through to WeCom.
      logger.warn({ credential: name, err: errorText(err) }, 'token store read failed; fetching from WeCom');
    }
    const fresh = await this.opts.fetch();
    this.failure = undefined;
    const cached: CachedToken = { token: fresh.token, expiresAt: this.opts.now() + fresh.expiresInSeconds * 1000 };
    this.memory = cached;
    if (this.rejected === fresh.token) this.rejected = undefined; // WeCom handed the same one back: trust it again.
    logger.info({ credential: name, expiresInSeconds: fresh.expiresInSeconds }, 'fetched a new credential from WeCom');
    try {
      await this.opts.store.write(cached);
    } catch (err) {
      logger.warn({ credential: name, err: errorText(err) }, 'token store write failed; kept in memory only');
    }
    return cached.token;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
