/**
 * The device check: open camera and microphone (falling back to the
 * microphone alone when there is no camera), name what went wrong in words a
 * candidate can act on, show a live microphone level, and time a small upload.
 */
import { W } from '../../interview/wording.js';
import type { FallbackReason } from '../../interview/wording.js';
import type { BrowserEnv } from './env.js';

export type DeviceProblem = Exclude<FallbackReason, 'choice'> | 'insecure';

export type OpenResult =
  | { readonly ok: true; readonly stream: MediaStream; readonly kind: 'video' | 'audio' }
  | { readonly ok: false; readonly problem: DeviceProblem; readonly name: string };

const VIDEO: MediaTrackConstraints = { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 20, max: 30 } };
const AUDIO: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true };

function problemOf(err: unknown): { problem: DeviceProblem; name: string } {
  const name = err instanceof DOMException || err instanceof Error ? err.name : 'Error';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return { problem: 'denied', name };
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return { problem: 'no_device', name };
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return { problem: 'busy', name };
    default:
      return { problem: 'error', name };
  }
}

export async function openMedia(env: BrowserEnv): Promise<OpenResult> {
  if (!env.secure) return { ok: false, problem: 'insecure', name: 'insecure' };
  if (!env.canCapture || !env.canRecord) return { ok: false, problem: 'unsupported', name: 'unsupported' };
  try {
    return { ok: true, stream: await navigator.mediaDevices.getUserMedia({ video: VIDEO, audio: AUDIO }), kind: 'video' };
  } catch (err) {
    const first = problemOf(err);
    if (first.problem !== 'no_device') return { ok: false, ...first };
    try {
      // No camera: an answer in sound alone is still an answer.
      return { ok: true, stream: await navigator.mediaDevices.getUserMedia({ audio: AUDIO }), kind: 'audio' };
    } catch (err2) {
      return { ok: false, ...problemOf(err2) };
    }
  }
}

/** Paragraphs of help for a problem, the platform's own steps first. */
export function helpFor(problem: DeviceProblem, name: string, env: BrowserEnv): string[] {
  const wechat = env.wechat ? [env.ios ? W.helpWechatIos : W.helpWechat] : [];
  switch (problem) {
    case 'denied':
      return [W.helpDenied, W.helpDeniedSteps, ...(env.ios ? [W.helpIosSettings] : env.android ? [W.helpAndroidSettings] : []), ...wechat];
    case 'unsupported':
      return [W.helpUnsupported, ...(env.wechat ? [env.ios ? W.helpWechatIos : W.helpWechat] : []), W.helpUnsupportedSteps];
    case 'no_device':
      return [W.helpNoDevice];
    case 'busy':
      return [W.helpBusy];
    case 'insecure':
      return [W.helpInsecure];
    case 'error':
      return [W.helpOther(name), ...wechat];
  }
}

/** Live microphone level (0–1) from an analyser, sampled ten times a second. */
export class LevelMeter {
  private readonly ctx: AudioContext | null;
  private timer: ReturnType<typeof setInterval> | null = null;

  /** Create inside the click handler: iOS only lets audio start from a user gesture. */
  constructor() {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    this.ctx = Ctor ? new Ctor() : null;
  }

  attach(stream: MediaStream, onLevel: (level: number) => void): void {
    if (!this.ctx) return;
    void this.ctx.resume().catch(() => undefined);
    const source = this.ctx.createMediaStreamSource(stream);
    const analyser = this.ctx.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const buf = new Float32Array(analyser.fftSize);
    this.timer = setInterval(() => {
      analyser.getFloatTimeDomainData(buf);
      let sum = 0;
      for (const v of buf) sum += v * v;
      onLevel(Math.min(1, Math.sqrt(sum / buf.length) * 5));
    }, 100);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    void this.ctx?.close().catch(() => undefined);
  }
}

export type NetworkResult = { readonly ok: true; readonly kbps: number } | { readonly ok: false };

const TEST_BYTES = 256 * 1024;

/** Times one upload of 256 KiB: a rough figure, enough to warn about a slow network. */
export async function measureUpload(send: (blob: Blob) => Promise<void>): Promise<NetworkResult> {
  const blob = new Blob([new Uint8Array(TEST_BYTES)], { type: 'application/octet-stream' });
  const started = performance.now();
  try {
    await send(blob);
  } catch {
    return { ok: false };
  }
  const ms = Math.max(1, performance.now() - started);
  return { ok: true, kbps: (TEST_BYTES * 8) / ms };
}

export function stopStream(stream: MediaStream | null): void {
  for (const t of stream?.getTracks() ?? []) t.stop();
}
