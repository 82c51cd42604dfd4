/**
 * ffmpeg and ffprobe as child processes: probe a recording, decode its audio to
 * 16 kHz mono PCM, and cut its video into raw RGB frames. No canvas and no
 * native addons: everything goes through pipes.
 *
 * The binaries come from @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe.
 * When those have no binary for this platform, the commands on PATH are used.
 * Every call has a timeout. A failure throws a MediaError with a code and the
 * end of ffmpeg's stderr.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export type MediaErrorCode = 'binary_missing' | 'timeout' | 'aborted' | 'failed' | 'no_audio' | 'no_video' | 'too_large';

/** The one error type of the media boundary. */
export class MediaError extends Error {
  override readonly name = 'MediaError';
  constructor(
    readonly code: MediaErrorCode,
    message: string,
    /** The last lines ffmpeg wrote to stderr, for the log. */
    readonly stderr = '',
  ) {
    super(message);
  }
}

export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
}

let tools: MediaTools | null = null;

/** Paths of ffmpeg and ffprobe, resolved once: the installer packages first, then PATH. */
export function mediaTools(): MediaTools {
  tools ??= { ffmpeg: fromInstaller('@ffmpeg-installer/ffmpeg') ?? 'ffmpeg', ffprobe: fromInstaller('@ffprobe-installer/ffprobe') ?? 'ffprobe' };
  return tools;
}

function fromInstaller(pkg: string): string | null {
  try {
    const { path } = require(pkg) as { path: unknown };
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null; // the installer throws when it has no binary for this platform
  }
}

export interface RunOptions {
  /** Kill the process after this long. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Refuse output larger than this (bytes); protects memory from a huge upload. */
  maxOutputBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_OUTPUT = 512 * 1024 * 1024;

/** Runs a binary to completion and returns its stdout; throws MediaError on any failure. */
export function run(bin: string, args: readonly string[], opts: RunOptions = {}): Promise<{ stdout: Buffer; stderr: string }> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxOutput = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new MediaError('aborted', `${name(bin)} 未启动：已取消`));
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: MediaError | null = null;
    const stop = (err: MediaError): void => {
      failure ??= err;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(new MediaError('timeout', `${name(bin)} 超时（${timeoutMs} ms）`)), timeoutMs);
    const onAbort = (): void => stop(new MediaError('aborted', `${name(bin)} 已取消`));
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxOutput) stop(new MediaError('too_large', `${name(bin)} 输出超过 ${maxOutput} 字节`));
      else chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      reject(err.code === 'ENOENT' ? new MediaError('binary_missing', `找不到 ${bin}`) : new MediaError('failed', err.message));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (failure) return reject(withStderr(failure, stderr));
      if (code !== 0) return reject(new MediaError('failed', `${name(bin)} 退出码 ${code}: ${lastLine(stderr)}`, stderr));
      resolve({ stdout: Buffer.concat(chunks), stderr });
    });
  });
}

export interface ProbeResult {
  /** Seconds; null only when neither the container nor the packets tell. */
  durationSec: number | null;
  /** Chrome's MediaRecorder writes webm without a duration, so packet timestamps are the fallback. */
  durationSource: 'container' | 'packets' | 'none';
  hasAudio: boolean;
  hasVideo: boolean;
  codecs: { audio?: string; video?: string };
  /** Display size (rotation applied); absent without video. */
  width?: number;
  height?: number;
  formatName: string;
}

interface FfprobeJson {
  streams?: Array<{
    codec_type?: string;
    codec_name?: string;
    width?: number;
    height?: number;
    tags?: Record<string, string>;
    side_data_list?: Array<{ rotation?: number }>;
  }>;
  format?: { duration?: string; format_name?: string };
}

export async function probe(file: string, opts: RunOptions = {}): Promise<ProbeResult> {
  const { stdout } = await run(
    mediaTools().ffprobe,
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
    { timeoutMs: 30_000, ...opts },
  );
  const info = parseJson(stdout.toString('utf8'));
  const streams = info.streams ?? [];
  const audio = streams.find((s) => s.codec_type === 'audio');
  const video = streams.find((s) => s.codec_type === 'video');
  const result: ProbeResult = {
    durationSec: null,
    durationSource: 'none',
    hasAudio: audio !== undefined,
    hasVideo: video !== undefined,
    codecs: {
      ...(audio?.codec_name ? { audio: audio.codec_name } : {}),
      ...(video?.codec_name ? { video: video.codec_name } : {}),
    },
    formatName: info.format?.format_name ?? '',
  };
  if (video?.width && video.height) {
    const rotation = Math.abs(Number(video.tags?.['rotate'] ?? video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0)) % 180;
    result.width = rotation === 90 ? video.height : video.width;
    result.height = rotation === 90 ? video.width : video.height;
  }
  const containerDuration = Number(info.format?.duration);
  if (Number.isFinite(containerDuration) && containerDuration > 0) {
    result.durationSec = containerDuration;
    result.durationSource = 'container';
  } else {
    const fromPackets = await packetDuration(file, opts);
    if (fromPackets !== null) {
      result.durationSec = fromPackets;
      result.durationSource = 'packets';
    }
  }
  return result;
}

/** Duration from packet timestamps: last packet's end minus first packet's start. */
async function packetDuration(file: string, opts: RunOptions): Promise<number | null> {
  const { stdout } = await run(
    mediaTools().ffprobe,
    ['-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file],
    { timeoutMs: 60_000, ...opts },
  );
  let start = Infinity;
  let end = -Infinity;
  for (const line of stdout.toString('utf8').split('\n')) {
    const [pts, dur] = line.split(',');
    const p = Number(pts);
    if (pts === undefined || pts === '' || !Number.isFinite(p)) continue;
    const d = Number(dur);
    start = Math.min(start, p);
    end = Math.max(end, p + (Number.isFinite(d) ? d : 0));
  }
  return end > start ? end - Math.max(0, start) : null;
}

export const PCM_SAMPLE_RATE = 16_000;

/** The audio track as 16 kHz mono signed 16-bit samples. */
export async function decodePcm16kMono(file: string, opts: RunOptions = {}): Promise<Int16Array> {
  try {
    const { stdout } = await run(
      mediaTools().ffmpeg,
      ['-nostdin', '-v', 'error', '-i', file, '-map', '0:a:0', '-vn', '-ac', '1', '-ar', String(PCM_SAMPLE_RATE), '-f', 's16le', 'pipe:1'],
      opts,
    );
    // Copy into an aligned buffer: a Node Buffer may start at an odd offset in its pool.
    const samples = new Int16Array(Math.floor(stdout.length / 2));
    for (let i = 0; i < samples.length; i += 1) samples[i] = stdout.readInt16LE(i * 2);
    return samples;
  } catch (err) {
    if (err instanceof MediaError && err.code === 'failed' && /matches no streams|does not contain any stream|Output file #0 does not contain/i.test(err.stderr)) {
      throw new MediaError('no_audio', '录音中没有音轨', err.stderr);
    }
    throw err;
  }
}

export interface RgbFrame {
  /** 0-based frame number. */
  index: number;
  /** Position in the recording, seconds. */
  timeSec: number;
  width: number;
  height: number;
  /** width × height × 3 bytes, row-major RGB. */
  data: Uint8Array;
}

export interface FrameOptions extends RunOptions {
  /** Frames per second to sample; default 1. */
  fps?: number;
  /** The longer side of the output frames, in pixels (frames are scaled down, letterboxed, never up). */
  maxSide?: number;
  /** A probe result already at hand, to save a second ffprobe. */
  probed?: ProbeResult;
}

/**
 * Streams the video as raw RGB frames (`-f rawvideo -pix_fmt rgb24`), `fps`
 * per second. The output size is fixed up front, with padding if needed, so
 * that every frame has exactly width × height × 3 bytes. Frames are yielded
 * as they are decoded. A long recording therefore never sits in memory whole.
 */
export async function* streamFrames(file: string, opts: FrameOptions = {}): AsyncGenerator<RgbFrame> {
  const fps = opts.fps ?? 1;
  const probed = opts.probed ?? (await probe(file, opts));
  if (!probed.hasVideo || !probed.width || !probed.height) throw new MediaError('no_video', '录像中没有视频轨');
  const { width, height } = fitInside(probed.width, probed.height, opts.maxSide ?? 640);
  const frameBytes = width * height * 3;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fit = `scale=${width}:${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2`;
  // A still image, or a clip shorter than one sampling interval, would give no frame through the fps filter: take its first.
  const still = probed.durationSec === null || probed.durationSec < 1 / fps;
  const select = still ? ['-vf', fit, '-frames:v', '1'] : ['-vf', `fps=${fps},${fit}`];
  const child = spawn(
    mediaTools().ffmpeg,
    ['-nostdin', '-v', 'error', '-i', file, '-an', ...select, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-4000);
  });
  let failure: MediaError | null = null;
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => resolve(code));
    child.on('error', (err: NodeJS.ErrnoException) => {
      failure ??= err.code === 'ENOENT' ? new MediaError('binary_missing', `找不到 ${mediaTools().ffmpeg}`) : new MediaError('failed', err.message);
      resolve(null);
    });
  });
  const timer = setTimeout(() => {
    failure ??= new MediaError('timeout', `ffmpeg 抽帧超时（${timeoutMs} ms）`);
    child.kill('SIGKILL');
  }, timeoutMs);
  const onAbort = (): void => {
    failure ??= new MediaError('aborted', 'ffmpeg 抽帧已取消');
    child.kill('SIGKILL');
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= frameBytes) {
        const data = new Uint8Array(frameBytes);
        data.set(pending.subarray(0, frameBytes));
        pending = pending.subarray(frameBytes);
        yield { index, timeSec: index / fps, width, height, data };
        index += 1;
      }
    }
    const code = await exited;
    if (failure) throw withStderr(failure, stderr);
    if (code !== 0) throw new MediaError('failed', `ffmpeg 抽帧失败，退出码 ${code}: ${lastLine(stderr)}`, stderr);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    if (child.exitCode === null) child.kill('SIGKILL'); // the consumer stopped early
  }
}

/**
 * All frames at once (`extractFrames(file)` or `extractFrames(file, 2)` for 2 per second);
 * convenient for short clips and tests. Long recordings should use streamFrames.
 */
export async function extractFrames(file: string, fpsOrOpts: number | FrameOptions = {}): Promise<RgbFrame[]> {
  const opts = typeof fpsOrOpts === 'number' ? { fps: fpsOrOpts } : fpsOrOpts;
  const frames: RgbFrame[] = [];
  for await (const f of streamFrames(file, opts)) frames.push(f);
  return frames;
}

/** Scales (w, h) down so the longer side is at most maxSide; both even, as the pixel formats need. */
export function fitInside(w: number, h: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(w, h));
  const even = (x: number): number => Math.max(2, Math.round((x * scale) / 2) * 2);
  return { width: even(w), height: even(h) };
}

function parseJson(text: string): FfprobeJson {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as FfprobeJson) : {};
  } catch {
    throw new MediaError('failed', 'ffprobe 输出无法解析');
  }
}

function withStderr(err: MediaError, stderr: string): MediaError {
  return err.stderr === '' && stderr !== '' ? new MediaError(err.code, err.message, stderr) : err;
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

function name(bin: string): string {
  return bin.split('/').at(-1) ?? bin;
}
