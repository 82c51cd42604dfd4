/**
 * Uploads one take while it is being recorded. The recorder's chunks are kept
 * in memory and sent in order, each request saying at which byte it starts.
 * The server's answer (also on a 409) is how many bytes it has, so after a
 * dropped connection the upload asks, then carries on from there: nothing is
 * sent twice and nothing is skipped. Network failures are retried with
 * backoff for as long as the page is open; a refusal (4xx) ends the upload.
 */
import { ApiError } from './api.js';
import type { UploadAck } from '../../interview/apiTypes.js';

export interface UploadTransport {
  send(offset: number, data: Blob): Promise<UploadAck>;
  /** How many bytes the server has. */
  received(): Promise<number>;
}

export type UploadStatus = 'uploading' | 'retrying' | 'done' | 'failed';

export interface UploadOptions {
  readonly maxRequestBytes: number;
  readonly mimeType: string;
  onProgress?(sent: number, total: number): void;
  onStatus?(status: UploadStatus, error?: ApiError): void;
}

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 10_000];

export class ResumableUpload {
  private readonly parts: Blob[] = [];
  private size = 0;
  private acked = 0;
  private ended = false;
  private running = false;
  private failures = 0;
  private fatal: ApiError | null = null;
  private wake: (() => void) | null = null;
  private readonly waiters: Array<{ resolve: () => void; reject: (e: ApiError) => void }> = [];

  constructor(
    private readonly transport: UploadTransport,
    private readonly opts: UploadOptions,
  ) {}

  get total(): number {
    return this.size;
  }

  get sent(): number {
    return this.acked;
  }

  /** The whole take so far, e.g. for playback. */
  blob(): Blob {
    return new Blob(this.parts, { type: this.opts.mimeType });
  }

  push(chunk: Blob): void {
    if (chunk.size === 0 || this.fatal) return;
    this.parts.push(chunk);
    this.size += chunk.size;
    this.kick();
  }

  /** No more chunks: resolves once the server has every byte. */
  finish(): Promise<void> {
    this.ended = true;
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.kick();
    return p;
  }

  /** Skip the current backoff wait (the candidate pressed "retry"). */
  retryNow(): void {
    this.wake?.();
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  private settle(): void {
    const waiters = this.waiters.splice(0);
    for (const w of waiters) {
      if (this.fatal) w.reject(this.fatal);
      else w.resolve();
    }
  }

  private async loop(): Promise<void> {
    try {
      while (!this.fatal) {
        if (this.acked >= this.size) {
          if (this.ended) {
            this.opts.onStatus?.('done');
            this.settle();
          }
          return;
        }
        const end = Math.min(this.size, this.acked + this.opts.maxRequestBytes);
        const body = new Blob(this.parts, { type: this.opts.mimeType }).slice(this.acked, end, this.opts.mimeType);
        try {
          const ack = await this.transport.send(this.acked, body);
          this.accept(ack.receivedBytes);
          if (this.failures > 0) this.opts.onStatus?.('uploading');
          this.failures = 0;
        } catch (err) {
          const e = err instanceof ApiError ? err : new ApiError(0, String(err));
          if (!e.retryable) {
            this.fatal = e;
            this.opts.onStatus?.('failed', e);
            this.settle();
            return;
          }
          this.failures += 1;
          this.opts.onStatus?.('retrying', e);
          await this.pause(BACKOFF_MS[Math.min(this.failures - 1, BACKOFF_MS.length - 1)]!);
          try {
            this.accept(await this.transport.received());
          } catch {
            // Still offline: the next send tries again after the next pause.
          }
        }
      }
      this.settle(); // ended by a refusal: tell whoever waits
    } finally {
      this.running = false;
      // A chunk may have arrived while the last request was in flight.
      if (!this.fatal && (this.acked < this.size || (this.ended && this.waiters.length > 0))) this.kick();
    }
  }

  private accept(received: number): void {
    if (received > this.size) {
      this.fatal = new ApiError(409, '服务器收到的数据比本机录制的还多，请重录这道题。');
      this.opts.onStatus?.('failed', this.fatal);
      return;
    }
    this.acked = received;
    this.opts.onProgress?.(this.acked, this.size);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }
}
