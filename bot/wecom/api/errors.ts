/**
 * The one error type of the WeCom API boundary. Whatever failed (WeCom's errcode, an
 * HTTP status, a timeout, a broken response), callers catch `WecomApiError` and read
 * `kind`; the Outbox uses `retryable` and `outcomeUnknown` to decide what to do next.
 */
import { explainErrcode } from './error-codes.js';

export type WecomFailure =
  /** WeCom answered with a non-zero errcode. */
  | { readonly kind: 'errcode'; readonly errcode: number; readonly errmsg: string }
  /** A non-2xx HTTP status. */
  | { readonly kind: 'http'; readonly status: number }
  /** No answer within the timeout. */
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  /** The connection failed (DNS, reset, refused …). */
  | { readonly kind: 'network'; readonly detail: string }
  /** A 2xx answer that is not a JSON object. */
  | { readonly kind: 'bad_response'; readonly detail: string };

export class WecomApiError extends Error {
  override readonly name = 'WecomApiError';
  /** The API path, e.g. `/cgi-bin/message/send` (never the query: it holds the token). */
  readonly path: string;
  readonly failure: WecomFailure;
  /** How many requests were made, retries included. */
  readonly attempts: number;
  /**
   * True when the request may have been carried out although no answer came back
   * (timeout or connection lost after sending). Re-sending a message then risks a
   * duplicate; the caller decides.
   */
  readonly outcomeUnknown: boolean;
  /** A later retry may succeed (busy, throttled, 5xx, timeout, network). */
  readonly retryable: boolean;

  constructor(path: string, failure: WecomFailure, opts: { attempts: number; outcomeUnknown?: boolean; retryable?: boolean }) {
    super(`${path}: ${describe(failure)}`);
    this.path = path;
    this.failure = failure;
    this.attempts = opts.attempts;
    this.outcomeUnknown = opts.outcomeUnknown ?? false;
    this.retryable = opts.retryable ?? false;
  }

  get kind(): WecomFailure['kind'] {
    return this.failure.kind;
  }

  /** WeCom's errcode, or undefined when the failure was not an errcode. */
  get errcode(): number | undefined {
    return this.failure.kind === 'errcode' ? this.failure.errcode : undefined;
  }

  get errmsg(): string | undefined {
    return this.failure.kind === 'errcode' ? this.failure.errmsg : undefined;
  }

  /** A Chinese explanation for administrators (log lines, alerts, the HR admin page). */
  get explanation(): string {
    const f = this.failure;
    switch (f.kind) {
      case 'errcode':
        return explainErrcode(f.errcode);
      case 'http':
        return `企业微信服务器返回 HTTP ${f.status}`;
      case 'timeout':
        return `企业微信接口 ${Math.round(f.timeoutMs / 100) / 10} 秒内没有响应`;
      case 'network':
        return '无法连接企业微信服务器，请检查网络或代理设置';
      case 'bad_response':
        return '企业微信返回了无法解析的内容';
    }
  }
}

function describe(f: WecomFailure): string {
  switch (f.kind) {
    case 'errcode':
      return `errcode ${f.errcode} (${f.errmsg}) — ${explainErrcode(f.errcode)}`;
    case 'http':
      return `HTTP ${f.status}`;
    case 'timeout':
      return `no response within ${f.timeoutMs} ms`;
    case 'network':
      return `network error: ${f.detail}`;
    case 'bad_response':
      return `unreadable response: ${f.detail}`;
  }
}
