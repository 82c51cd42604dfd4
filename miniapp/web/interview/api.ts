/**
 * Calls to the page's API (see miniapp/interview/apiTypes.ts). Every request
 * has a timeout; a refusal becomes an ApiError carrying the server's Chinese
 * message and body (e.g. how many bytes it has).
 */
import type { AttemptView, IntegrityInput, PageState, ReviewChoice, UploadAck } from '../../interview/apiTypes.js';
import type { FallbackReason } from '../../interview/wording.js';

export class ApiError extends Error {
  constructor(
    /** 0 = no answer (network down, timeout). */
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

const NETWORK_MESSAGE = '网络连接中断，请检查网络。';

async function request<T>(path: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<{ status: number; body: T }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), init.timeoutMs ?? 30_000);
  let res: Response;
  try {
    res = await fetch(path, { ...init, signal: controller.signal, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, NETWORK_MESSAGE);
  } finally {
    clearTimeout(timer);
  }
  let body: unknown = {};
  try {
    body = await res.json();
  } catch {
    if (res.ok) throw new ApiError(0, NETWORK_MESSAGE);
  }
  const obj = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (!res.ok && res.status !== 409) throw new ApiError(res.status, typeof obj['error'] === 'string' ? obj['error'] : `请求失败（${res.status}）`, obj);
  return { status: res.status, body: body as T };
}

function json(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/** A 409 from a route that does not resume is a refusal like the others. */
function refuse409<T>(r: { status: number; body: T }): T {
  if (r.status === 409) {
    const obj = r.body as unknown as Record<string, unknown>;
    throw new ApiError(409, typeof obj['error'] === 'string' ? obj['error'] : '请求冲突', obj);
  }
  return r.body;
}

export interface Api {
  state(): Promise<PageState>;
  consent(version: string, review: ReviewChoice): Promise<PageState>;
  networkCheck(blob: Blob): Promise<void>;
  textMode(reason: FallbackReason): Promise<PageState>;
  integrity(events: IntegrityInput[], beacon: boolean): void;
  startAttempt(questionId: string, mimeType: string): Promise<AttemptView>;
  attempt(recordingId: string): Promise<AttemptView>;
  /** 200 or 409: either way the server says how much it has. */
  chunk(recordingId: string, offset: number, data: Blob, mimeType: string): Promise<UploadAck>;
  /** 200 complete, 422 rejected (both an AttemptView); 409 busy or incomplete throws. */
  complete(recordingId: string, totalBytes: number): Promise<AttemptView & { error?: string }>;
  keep(recordingId: string): Promise<PageState>;
  text(questionId: string, text: string): Promise<PageState>;
}

export function createApi(token: string): Api {
  const base = `/api/interview/${encodeURIComponent(token)}`;
  return {
    state: async () => refuse409(await request<PageState>(`${base}/state`)),
    consent: async (version, review) => refuse409(await request<PageState>(`${base}/consent`, json({ version, review }))),
    async networkCheck(blob) {
      refuse409(await request<{ bytes: number }>(`${base}/network-check`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: blob, timeoutMs: 20_000 }));
    },
    textMode: async (reason) => refuse409(await request<PageState>(`${base}/text-mode`, json({ reason }))),
    integrity(events, beacon) {
      const body = JSON.stringify({ events });
      // A hidden page may be killed at any moment: a beacon still gets out.
      if (beacon && typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(`${base}/integrity`, body)) return;
      void fetch(`${base}/integrity`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, keepalive: true }).catch(() => undefined);
    },
    startAttempt: async (questionId, mimeType) => refuse409(await request<AttemptView>(`${base}/questions/${encodeURIComponent(questionId)}/attempts`, json({ mimeType }))),
    attempt: async (id) => refuse409(await request<AttemptView>(`${base}/recordings/${encodeURIComponent(id)}`)),
    async chunk(id, offset, data, mimeType) {
      const r = await request<UploadAck>(`${base}/recordings/${encodeURIComponent(id)}/chunks?offset=${offset}`, {
        method: 'POST', headers: { 'Content-Type': mimeType }, body: data, timeoutMs: 60_000,
      });
      if (typeof r.body.receivedBytes !== 'number') throw new ApiError(r.status, r.body.error ?? '上传失败', r.body as unknown as Record<string, unknown>);
      return r.body;
    },
    async complete(id, totalBytes) {
      const path = `${base}/recordings/${encodeURIComponent(id)}/complete`;
      try {
        return refuse409(await request<AttemptView>(path, { ...json({ totalBytes }), timeoutMs: 120_000 }));
      } catch (err) {
        // 422: checked and refused; the body still describes the take.
        if (err instanceof ApiError && err.status === 422 && typeof err.body['recordingId'] === 'string') {
          return err.body as unknown as AttemptView & { error?: string };
        }
        throw err;
      }
    },
    keep: async (id) => refuse409(await request<PageState>(`${base}/recordings/${encodeURIComponent(id)}/keep`, { method: 'POST' })),
    text: async (questionId, text) => refuse409(await request<PageState>(`${base}/questions/${encodeURIComponent(questionId)}/text`, json({ text }))),
  };
}
