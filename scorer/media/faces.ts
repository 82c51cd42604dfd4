/**
 * Face detection for integrity only: is there one person on camera, nobody, or
 * more than one? HR sees these as flags that ask for a human look at the
 * recording. They never reject a candidate automatically.
 *
 * Only a face *detector* is ever loaded. The expression, age and gender nets
 * ship in the same package, and the face-api typing below leaves them out on
 * purpose. They are never loaded or called, and no output of this module
 * describes a face beyond "there is one". Inferring emotion or traits from a
 * face at work is banned in the EU since 2025, and the science behind it is
 * discredited.
 *
 * @vladmandic/face-api runs through its `face-api.node-wasm.js` build on the
 * tfjs wasm backend. The package main needs tfjs-node, which cannot be installed
 * here. Models load from the package's own `model/` directory, with no network.
 * The detector loads once per process and is reused.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { streamFrames, type FrameOptions, type RgbFrame } from '../../lib/media/ffmpeg.js';
import { explainMultipleFaces, explainNoFace } from './wording.js';

const require = createRequire(import.meta.url);

/** The few parts of face-api this module uses: detectors only. */
interface Tensor3D {
  dispose(): void;
}
interface DetectorNet {
  loadFromDisk(dir: string): Promise<void>;
  readonly isLoaded: boolean;
}
interface FaceApi {
  tf: {
    setBackend(name: string): Promise<boolean>;
    ready(): Promise<void>;
    getBackend(): string;
    tensor3d(values: Int32Array, shape: [number, number, number], dtype: 'int32'): Tensor3D;
  };
  nets: { ssdMobilenetv1: DetectorNet; tinyFaceDetector: DetectorNet };
  SsdMobilenetv1Options: new (o: { minConfidence: number; maxResults: number }) => object;
  TinyFaceDetectorOptions: new (o: { inputSize: number; scoreThreshold: number }) => object;
  detectAllFaces(input: Tensor3D, options: object): PromiseLike<ReadonlyArray<{ score: number }>>;
}

export type FaceDetectorKind = 'ssd' | 'tiny';

export interface FaceDetector {
  kind: FaceDetectorKind;
  backend: string;
  /** Faces found in one RGB frame. */
  count(frame: RgbFrame): Promise<number>;
}

const loaded = new Map<FaceDetectorKind, Promise<FaceDetector>>();

/** The shared detector of this kind, loaded on first use (about 0.3 s and 600 MB of RSS for wasm + SSD). */
export function loadFaceDetector(kind: FaceDetectorKind = 'ssd', minConfidence = 0.5): Promise<FaceDetector> {
  let p = loaded.get(kind);
  if (p === undefined) {
    p = createDetector(kind, minConfidence);
    loaded.set(kind, p);
    p.catch(() => loaded.delete(kind)); // a failed load may be retried
  }
  return p;
}

async function createDetector(kind: FaceDetectorKind, minConfidence: number): Promise<FaceDetector> {
  const api = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApi;
  if (api.tf.getBackend() !== 'wasm') await withoutEmscriptenHandlers(async () => {
    await api.tf.setBackend('wasm');
    await api.tf.ready();
  });
  const modelDir = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  const net = kind === 'ssd' ? api.nets.ssdMobilenetv1 : api.nets.tinyFaceDetector;
  if (!net.isLoaded) await net.loadFromDisk(modelDir);
  const options =
    kind === 'ssd'
      ? new api.SsdMobilenetv1Options({ minConfidence, maxResults: 10 })
      : new api.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: minConfidence });
  return {
    kind,
    backend: api.tf.getBackend(),
    async count(frame) {
      const values = new Int32Array(frame.data.length);
      values.set(frame.data);
      const tensor = api.tf.tensor3d(values, [frame.height, frame.width, 3], 'int32');
      try {
        return (await api.detectAllFaces(tensor, options)).length;
      } finally {
        tensor.dispose();
      }
    },
  };
}

/**
 * The wasm module's Emscripten runtime adds process-wide `uncaughtException`
 * and `unhandledRejection` handlers that rethrow. Inside a server, or a test
 * runner, they turn any stray error into a crash with a page of minified code.
 * We remove exactly the handlers it added while loading.
 */
async function withoutEmscriptenHandlers(load: () => Promise<void>): Promise<void> {
  const uncaught = new Set(process.listeners('uncaughtException'));
  const unhandled = new Set(process.listeners('unhandledRejection'));
  try {
    await load();
  } finally {
    for (const l of process.listeners('uncaughtException')) if (!uncaught.has(l)) process.removeListener('uncaughtException', l);
    for (const l of process.listeners('unhandledRejection')) if (!unhandled.has(l)) process.removeListener('unhandledRejection', l);
  }
}

export type FaceFlag = 'no_face_long' | 'multiple_faces';

export interface FaceIntegrity {
  framesAnalysed: number;
  /** Share of frames with exactly one face, 0..1. */
  oneFaceShare: number;
  framesNoFace: number;
  framesMultipleFaces: number;
  /** Longest run of frames with no face, in seconds of recording. */
  longestNoFaceSec: number;
  /** Seconds at which more than one face was seen (at most 20 listed). */
  multipleFacesAt: number[];
  flags: FaceFlag[];
  /** One line of Chinese per flag, for HR. */
  notes: string[];
  detector: FaceDetectorKind;
  msPerFrame: number;
}

export interface FaceOptions extends FrameOptions {
  detector?: FaceDetectorKind;
  minConfidence?: number;
  /** No face for this long in a row raises `no_face_long`; default 5 s. */
  noFaceLongSec?: number;
}

/** Samples the recording at `fps` (default 1) and counts faces in each frame. */
export async function analyzeFaces(file: string, opts: FaceOptions = {}): Promise<FaceIntegrity> {
  const detector = await loadFaceDetector(opts.detector ?? 'ssd', opts.minConfidence ?? 0.5);
  const fps = opts.fps ?? 1;
  const counts: number[] = [];
  const started = performance.now();
  for await (const frame of streamFrames(file, { ...opts, fps })) counts.push(await detector.count(frame));
  const ms = counts.length === 0 ? 0 : (performance.now() - started) / counts.length;
  return summarizeFaceCounts(counts, { fps, noFaceLongSec: opts.noFaceLongSec ?? 5, detector: detector.kind, msPerFrame: ms });
}

/** Turns per-frame face counts into integrity figures and flags (pure, so it is tested on its own). */
export function summarizeFaceCounts(
  counts: readonly number[],
  opts: { fps: number; noFaceLongSec: number; detector: FaceDetectorKind; msPerFrame: number },
): FaceIntegrity {
  const n = counts.length;
  const none = counts.filter((c) => c === 0).length;
  const many = counts.map((c, i) => ({ c, i })).filter((x) => x.c > 1);
  let run = 0;
  let longest = 0;
  for (const c of counts) {
    run = c === 0 ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const longestNoFaceSec = round1(longest / opts.fps);
  const flags: FaceFlag[] = [];
  const notes: string[] = [];
  if (n > 0 && (longestNoFaceSec >= opts.noFaceLongSec || none / n >= 0.5)) {
    flags.push('no_face_long');
    notes.push(explainNoFace(longestNoFaceSec, none / n));
  }
  // One stray detection in a long recording is noise; two frames, or one in a short clip, is a flag.
  const needed = n >= 10 ? 2 : 1;
  const first = many[0];
  if (many.length >= needed && first !== undefined) {
    flags.push('multiple_faces');
    notes.push(explainMultipleFaces(many.length, round1(first.i / opts.fps)));
  }
  return {
    framesAnalysed: n,
    oneFaceShare: n === 0 ? 0 : round2(counts.filter((c) => c === 1).length / n),
    framesNoFace: none,
    framesMultipleFaces: many.length,
    longestNoFaceSec,
    multipleFacesAt: many.slice(0, 20).map((x) => round1(x.i / opts.fps)),
    flags,
    notes,
    detector: opts.detector,
    msPerFrame: Math.round(opts.msPerFrame),
  };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;
