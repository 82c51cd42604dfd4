/**
 * Calling one WeCom API path: token injection, the token-refresh rule, back-off
 * retries, typed errors and safe logging. Every typed method in client.ts goes through
 * `ApiCaller.call`.
 *
 * Rules, and why:
 *  - 40014 / 41001 / 42001 (token invalid, missing, expired): WeCom may revoke a token
 *    early. Refresh once and retry; a second rejection is an error, never a loop.
 *  - -1 / 45009 / 45033, HTTP 5xx: transient. Back off with jitter and retry within
 *    `retry.maxAttempts`.
 *  - Timeouts and lost connections: retried only for idempotent calls. For a write
 *    such as `message/send` the request may already have been carried out, so a blind
 *    retry could send a message twice; the error says `outcomeUnknown` and the Outbox
 *    decides.
 *  - Logs name the path, never the URL as sent (its query carries the token or the
 *    secret); `redactUrl` is applied to anything URL-shaped that might be logged.
 */
import type { Logger } from '../../../lib/logger.js';
import type { CredentialCache } from './credential-cache.js';
import { RETRYABLE_ERRCODES, TOKEN_ERRCODES } from './error-codes.js';
import { WecomApiError, type WecomFailure } from './errors.js';
import type { RateLimiter } from './rate-limit.js';
import { backoffDelay, type RetryPolicy } from './retry.js';
import { exchange, type HttpMethod } from './transport.js';

export type QueryParams = Readonly<Record<string, string | number | undefined>>;

export interface CallSpec {
  readonly method: HttpMethod;
  /** e.g. `/cgi-bin/message/send`. */
  readonly path: string;
  readonly query?: QueryParams;
  readonly body?: unknown;
  /**
   * Safe to send again when no answer came back: reads, and writes whose repetition
   * changes nothing (overwrite-style updates, absolute quota settings).
   */
  readonly idempotent: boolean;
  /** Default true. `gettoken` itself is the one call without a token. */
  readonly withToken?: boolean;
  /** A per-API limiter (check-in APIs). */
  readonly limiter?: RateLimiter;
}

/** Every WeCom JSON answer has these two; the rest depends on the API. */
export interface WecomEnvelope {
  readonly errcode?: number;
  readonly errmsg?: string;
}

export interface ApiCallerOptions {
  readonly apiBase: string;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly logger: Logger;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
}

export class ApiCaller {
  private token: CredentialCache | undefined;

  constructor(private readonly opts: ApiCallerOptions) {}

  /** Wired after construction: the token cache itself calls `gettoken` through this caller. */
  useTokenCache(cache: CredentialCache): void {
    this.token = cache;
  }

  /**
   * Calls the API and returns its JSON body (errcode 0), typed as `T` by the caller.
   * Throws `WecomApiError` for every failure.
   */
  async call<T>(spec: CallSpec): Promise<T & WecomEnvelope> {
    const { logger, retry } = this.opts;
    const withToken = spec.withToken ?? true;
    let attempts = 0;
    let tokenRefreshed = false;
    let retries = 0;

    for (;;) {
      const accessToken = withToken ? await this.accessToken() : undefined;
      if (spec.limiter) await spec.limiter.acquire();
      attempts += 1;
      const started = this.opts.now();
      const outcome = await exchange({
        method: spec.method,
        url: this.url(spec.path, { ...spec.query, ...(accessToken === undefined ? {} : { access_token: accessToken }) }),
        body: spec.body,
        timeoutMs: this.opts.timeoutMs,
      });
      const ms = this.opts.now() - started;

      let failure: WecomFailure;
      let transient: boolean;
      let outcomeUnknown = false;
      switch (outcome.kind) {
        case 'json': {
          const errcode = typeof outcome.body['errcode'] === 'number' ? outcome.body['errcode'] : 0;
          const errmsg = typeof outcome.body['errmsg'] === 'string' ? outcome.body['errmsg'] : '';
          if (errcode === 0) {
            logger.debug({ path: spec.path, attempts, ms }, 'wecom api ok');
            return outcome.body as T & WecomEnvelope;
          }
          failure = { kind: 'errcode', errcode, errmsg };
          if (TOKEN_ERRCODES.has(errcode) && accessToken !== undefined && this.token && !tokenRefreshed) {
            logger.warn({ path: spec.path, errcode }, 'wecom rejected the access token; refreshing once');
            this.token.invalidate(accessToken);
            tokenRefreshed = true;
            continue;
          }
          transient = RETRYABLE_ERRCODES.has(errcode);
          break;
        }
        case 'http':
          failure = { kind: 'http', status: outcome.status };
          transient = outcome.status >= 500;
          break;
        case 'timeout':
          failure = { kind: 'timeout', timeoutMs: this.opts.timeoutMs };
          transient = true;
          outcomeUnknown = true;
          break;
        case 'network':
          failure = { kind: 'network', detail: outcome.detail };
          transient = true;
          outcomeUnknown = true;
          break;
        case 'bad_response':
          failure = { kind: 'bad_response', detail: outcome.detail };
          transient = false;
          break;
      }

      const mayRetry = transient && (!outcomeUnknown || spec.idempotent) && attempts < retry.maxAttempts;
      if (mayRetry) {
        retries += 1;
        const delayMs = backoffDelay(retry, retries, this.opts.random);
        logger.warn({ path: spec.path, failure: summary(failure), attempts, delayMs }, 'wecom api call failed; retrying');
        await this.opts.sleep(delayMs);
        continue;
      }
      const error = new WecomApiError(spec.path, failure, {
        attempts,
        outcomeUnknown: outcomeUnknown && !spec.idempotent,
        retryable: transient,
      });
      logger.error({ path: spec.path, failure: summary(failure), attempts, explanation: error.explanation }, 'wecom api call failed');
      throw error;
    }
  }

  private async accessToken(): Promise<string> {
    if (!this.token) throw new Error('ApiCaller: token cache not wired');
    return this.token.get();
  }

  private url(path: string, query: QueryParams): string {
    // Concatenated, not resolved: an apiBase with a path prefix (the simulator) keeps it.
    const url = new URL(`${this.opts.apiBase.replace(/\/+$/, '')}${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }
}

function summary(f: WecomFailure): string {
  switch (f.kind) {
    case 'errcode':
      return `errcode ${f.errcode}: ${f.errmsg}`;
    case 'http':
      return `HTTP ${f.status}`;
    case 'timeout':
      return `timeout after ${f.timeoutMs} ms`;
    case 'network':
      return `network: ${f.detail}`;
    case 'bad_response':
      return `bad response: ${f.detail}`;
  }
}
