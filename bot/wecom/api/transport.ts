/**
 * One HTTP exchange with the WeCom server API: global `fetch`, a timeout on every call,
 * JSON in and out. It never throws; the outcome says what happened so the caller
 * (request.ts) can decide whether to retry. URLs are never put into outcomes or logs
 * as they are: the query carries the access token or the corp secret.
 */
import { redactUrl } from '../../../lib/logger.js';

export type HttpMethod = 'GET' | 'POST';

export type TransportOutcome =
  | { readonly kind: 'json'; readonly status: number; readonly body: Readonly<Record<string, unknown>> }
  | { readonly kind: 'http'; readonly status: number }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly detail: string }
  | { readonly kind: 'bad_response'; readonly status: number; readonly detail: string };

export interface TransportRequest {
  readonly method: HttpMethod;
  /** Absolute URL including the query. */
  readonly url: string;
  readonly body?: unknown;
  readonly timeoutMs: number;
}

export async function exchange(req: TransportRequest): Promise<TransportOutcome> {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: req.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json; charset=utf-8' },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
  } catch (err) {
    if (isTimeout(err)) return { kind: 'timeout' };
    return { kind: 'network', detail: scrub(err) };
  }
  let raw: string;
  try {
    raw = await res.text();
  } catch (err) {
    // The body can time out or be cut off after the headers arrived.
    if (isTimeout(err)) return { kind: 'timeout' };
    return { kind: 'network', detail: scrub(err) };
  }
  if (res.status < 200 || res.status > 299) return { kind: 'http', status: res.status };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { kind: 'bad_response', status: res.status, detail: `not JSON (${raw.length} bytes)` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: 'bad_response', status: res.status, detail: 'JSON is not an object' };
  }
  return { kind: 'json', status: res.status, body: parsed as Record<string, unknown> };
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

/**
 * A network error's message can quote the URL (nock does, some proxies do): remove
 * secrets before it travels any further.
 */
function scrub(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; depth < 3 && e instanceof Error; depth += 1) {
    parts.push(e.message);
    e = e.cause;
  }
  return redactUrl(parts.join(': ') || String(err));
}
