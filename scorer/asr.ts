/**
 * Speech to text, behind one small interface so that the engine can change.
 * The built-in engine calls an OpenAI-compatible `/v1/audio/transcriptions`
 * endpoint (ASR_URL in lib/config.ts): whisper.cpp server, faster-whisper
 * servers, vLLM, or OpenAI itself.
 *
 * Without ASR configured, `noTranscriber` answers `not_configured`. The caller
 * then rates the recording on delivery only, and the report says the content
 * was not rated. A transcript is never invented.
 *
 * Failures throw AsrError: a timeout, an HTTP status, a network error or a
 * response that does not parse. A 5xx answer or a network error is retried
 * once, because such a failure is usually brief and the upload is cheap to
 * repeat. A timeout is not retried: the same audio would most likely time out
 * again.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { z } from 'zod';
import type { Config } from '../lib/config.js';
import type { Logger } from '../lib/logger.js';
import { silentLogger } from '../lib/logger.js';

export interface TranscriptSegment {
  startSec: number;
  endSec: number;
  text: string;
}

export interface Transcript {
  text: string;
  language?: string;
  durationSec?: number;
  segments: TranscriptSegment[];
}

export type TranscriptionOutcome = { kind: 'transcript'; transcript: Transcript } | { kind: 'not_configured' };

/** The audio to transcribe: a file on disk, or bytes already in memory. */
export type AudioSource = { path: string } | { data: Uint8Array; filename: string; mimeType: string };

export interface TranscribeOptions {
  signal?: AbortSignal;
  /** Language hint; default zh. */
  language?: string;
}

export interface Transcriber {
  /** For logs and reports, e.g. "http:whisper-1" or "none". */
  readonly name: string;
  readonly configured: boolean;
  transcribe(audio: AudioSource, opts?: TranscribeOptions): Promise<TranscriptionOutcome>;
}

/** Used when ASR_URL is unset: content is not rated, and the report says so. */
export const noTranscriber: Transcriber = Object.freeze({
  name: 'none',
  configured: false,
  transcribe: async (): Promise<TranscriptionOutcome> => ({ kind: 'not_configured' }),
});

export type AsrErrorKind = 'timeout' | 'http' | 'network' | 'bad_response' | 'aborted';

/** The one error type of the ASR boundary. */
export class AsrError extends Error {
  override readonly name = 'AsrError';
  constructor(
    readonly kind: AsrErrorKind,
    message: string,
    /** HTTP status for kind 'http'. */
    readonly status?: number,
    /** How many requests were made before giving up. */
    readonly attempts = 1,
  ) {
    super(message);
  }
}

export interface HttpTranscriberOptions {
  /** Per-request timeout; default 120 s (a long answer takes a while on CPU servers). */
  timeoutMs?: number;
  /** Pause before the single retry; default 1 s. Tests pass 0. */
  retryDelayMs?: number;
  /** `verbose_json` returns segments and duration; some servers only know `json`. */
  responseFormat?: 'json' | 'verbose_json';
  fetch?: typeof fetch;
  logger?: Logger;
}

/** A transcriber for the configured endpoint, or `noTranscriber` when none is configured. */
export function createTranscriber(asr: Config['asr'], opts: HttpTranscriberOptions = {}): Transcriber {
  return asr === undefined ? noTranscriber : new HttpTranscriber(asr, opts);
}

/**
 * ASR_URL may be the full endpoint or just the server: `https://host`,
 * `https://host/v1` and `https://host/v1/audio/transcriptions` all work.
 */
export function transcriptionsUrl(base: string): string {
  const url = base.replace(/\/+$/, '');
  if (/\/audio\/transcriptions$/.test(url)) return url;
  if (/\/v1$/.test(url)) return `${url}/audio/transcriptions`;
  return `${url}/v1/audio/transcriptions`;
}

const responseSchema = z.object({
  text: z.string(),
  language: z.string().optional(),
  duration: z.coerce.number().optional(),
  segments: z
    .array(z.object({ start: z.coerce.number(), end: z.coerce.number(), text: z.string() }))
    .optional(),
});

class HttpTranscriber implements Transcriber {
  readonly name: string;
  readonly configured = true;
  readonly #url: string;
  readonly #apiKey: string | undefined;
  readonly #model: string;
  readonly #timeoutMs: number;
  readonly #retryDelayMs: number;
  readonly #format: 'json' | 'verbose_json';
  readonly #fetch: typeof fetch;
  readonly #log: Logger;

  constructor(asr: NonNullable<Config['asr']>, opts: HttpTranscriberOptions) {
    this.#url = transcriptionsUrl(asr.url);
    this.#apiKey = asr.apiKey;
    this.#model = asr.model;
    this.#timeoutMs = opts.timeoutMs ?? 120_000;
    this.#retryDelayMs = opts.retryDelayMs ?? 1000;
    this.#format = opts.responseFormat ?? 'verbose_json';
    this.#fetch = opts.fetch ?? fetch;
    this.#log = opts.logger ?? silentLogger;
    this.name = `http:${asr.model}`;
  }

  async transcribe(audio: AudioSource, opts: TranscribeOptions = {}): Promise<TranscriptionOutcome> {
    const file = await loadAudio(audio);
    let attempt = 1;
    for (;;) {
      try {
        const transcript = await this.#once(file, opts);
        return { kind: 'transcript', transcript };
      } catch (err) {
        const retryable = err instanceof AsrError && ((err.kind === 'http' && (err.status ?? 0) >= 500) || err.kind === 'network');
        if (!retryable || attempt >= 2) {
          throw err instanceof AsrError ? new AsrError(err.kind, err.message, err.status, attempt) : err;
        }
        this.#log.warn({ err: err.message, attempt }, 'ASR request failed; retrying once');
        attempt += 1;
        await delay(this.#retryDelayMs, opts.signal);
      }
    }
  }

  async #once(file: LoadedAudio, opts: TranscribeOptions): Promise<Transcript> {
    const form = new FormData();
    // A copy on its own ArrayBuffer: Blob will not take a view that may sit on a SharedArrayBuffer.
    form.append('file', new Blob([new Uint8Array(file.data)], { type: file.mimeType }), file.filename);
    form.append('model', this.#model);
    form.append('language', opts.language ?? 'zh');
    form.append('response_format', this.#format);

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#timeoutMs);
    const onAbort = (): void => controller.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let res: Response;
      try {
        res = await this.#fetch(this.#url, {
          method: 'POST',
          body: form,
          headers: this.#apiKey ? { authorization: `Bearer ${this.#apiKey}` } : {},
          signal: controller.signal,
        });
      } catch (err) {
        if (timedOut) throw new AsrError('timeout', `语音转写超时（${this.#timeoutMs} ms）`);
        if (opts.signal?.aborted) throw new AsrError('aborted', '语音转写已取消');
        throw new AsrError('network', `语音转写服务连接失败：${err instanceof Error ? err.message : String(err)}`);
      }
      let body: string;
      try {
        body = await res.text();
      } catch {
        if (timedOut) throw new AsrError('timeout', `语音转写超时（${this.#timeoutMs} ms）`);
        throw new AsrError('network', '语音转写服务的响应中断');
      }
      if (!res.ok) throw new AsrError('http', `语音转写服务返回 ${res.status}：${body.slice(0, 200)}`, res.status);
      return parseTranscript(body);
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }
}

function parseTranscript(body: string): Transcript {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AsrError('bad_response', '语音转写服务返回的不是 JSON');
  }
  const parsed = responseSchema.safeParse(json);
  if (!parsed.success) throw new AsrError('bad_response', '语音转写服务的响应缺少 text 字段');
  const { text, language, duration, segments } = parsed.data;
  return {
    text: text.trim(),
    ...(language !== undefined ? { language } : {}),
    ...(duration !== undefined && Number.isFinite(duration) ? { durationSec: duration } : {}),
    segments: (segments ?? []).map((s) => ({ startSec: s.start, endSec: s.end, text: s.text.trim() })),
  };
}

interface LoadedAudio {
  data: Uint8Array;
  filename: string;
  mimeType: string;
}

const MIME_BY_EXT: Record<string, string> = {
  '.wav': 'audio/wav',
  '.webm': 'audio/webm',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.mp4': 'video/mp4',
  '.flac': 'audio/flac',
};

async function loadAudio(audio: AudioSource): Promise<LoadedAudio> {
  if ('data' in audio) return audio;
  const data = await readFile(audio.path);
  return { data, filename: basename(audio.path), mimeType: MIME_BY_EXT[extname(audio.path).toLowerCase()] ?? 'application/octet-stream' };
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new AsrError('aborted', '语音转写已取消'));
      },
      { once: true },
    );
  });
}
