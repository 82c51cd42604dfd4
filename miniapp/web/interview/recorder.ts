/**
 * MediaRecorder with a container the server accepts: webm (vp8 + opus) in
 * Chromium and Android browsers, mp4 on iOS Safari. Chunks come every second
 * (`timeslice`), so most of a take is uploaded before the candidate stops.
 */

const VIDEO_TYPES = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm', 'video/mp4;codecs=avc1.42E01E,mp4a.40.2', 'video/mp4'];
const AUDIO_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4'];

/** The first supported type; when the browser cannot tell, a guess by platform. */
export function pickMimeType(kind: 'video' | 'audio', ios: boolean): string {
  const list = kind === 'video' ? VIDEO_TYPES : AUDIO_TYPES;
  if (typeof MediaRecorder.isTypeSupported === 'function') {
    const found = list.find((t) => MediaRecorder.isTypeSupported(t));
    if (found) return found;
  }
  return kind === 'video' ? (ios ? 'video/mp4' : 'video/webm') : (ios ? 'audio/mp4' : 'audio/webm');
}

export function baseType(mime: string): string {
  return (mime.split(';')[0] ?? '').trim().toLowerCase();
}

export const TIMESLICE_MS = 1000;

export class TakeRecorder {
  private readonly recorder: MediaRecorder;
  private readonly stopped: Promise<void>;
  private failed: string | null = null;

  constructor(stream: MediaStream, mimeType: string, kind: 'video' | 'audio', onChunk: (chunk: Blob) => void) {
    const bitrate = kind === 'video' ? { videoBitsPerSecond: 1_000_000, audioBitsPerSecond: 64_000 } : { audioBitsPerSecond: 64_000 };
    try {
      this.recorder = new MediaRecorder(stream, { mimeType, ...bitrate });
    } catch {
      this.recorder = new MediaRecorder(stream); // the type was a guess the browser rejects: its own default
    }
    this.recorder.addEventListener('dataavailable', (e: BlobEvent) => {
      if (e.data && e.data.size > 0) onChunk(e.data);
    });
    this.stopped = new Promise((resolve) => {
      this.recorder.addEventListener('stop', () => resolve(), { once: true });
      this.recorder.addEventListener('error', () => {
        this.failed = 'recorder';
        resolve();
      }, { once: true });
    });
  }

  /** What the recorder actually produces (may differ from the type asked for). */
  get mimeType(): string {
    return this.recorder.mimeType;
  }

  get error(): string | null {
    return this.failed;
  }

  start(): void {
    this.recorder.start(TIMESLICE_MS);
  }

  /** Stops and waits for the last chunk. */
  async stop(): Promise<void> {
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    await this.stopped;
  }
}
