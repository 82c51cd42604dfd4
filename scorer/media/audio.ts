/**
 * Neutral delivery figures from 16 kHz mono PCM: how long the candidate spoke,
 * the pauses, how steady the loudness was, and the speech rate. These are
 * measurements of the sound only. Nothing here guesses mood, confidence,
 * personality or anything else about the person, and nothing may be added that
 * does.
 *
 * Voice activity is found by frame energy. The noise floor adapts: it falls at
 * once to a quieter frame and rises slowly (1 dB a second), so that a rising
 * hum is followed but speech does not lift it. A frame is voiced when it is
 * 10 dB above the floor. Voiced runs closer than the hangover (0.25 s) are
 * joined, and blips shorter than 0.1 s are dropped.
 */
import { PCM_SAMPLE_RATE } from '../../lib/media/ffmpeg.js';
import { explainAudioGate } from './wording.js';

export interface AudioOptions {
  sampleRate?: number;
  /** A silence at least this long (seconds) counts as a pause; default 0.6. */
  pauseSec?: number;
  /** When given, the speech rate is computed from it and the voiced time. */
  transcript?: string;
}

export interface SpeechSegment {
  startSec: number;
  endSec: number;
}

export interface AudioFigures {
  durationSec: number;
  /** Time with voice, seconds. */
  speakingSec: number;
  /** speakingSec / durationSec. */
  speakingShare: number;
  pauses: {
    /** Silences between speech of at least `thresholdSec`. */
    count: number;
    longestSec: number;
    totalSec: number;
    thresholdSec: number;
  };
  loudness: {
    /** 0..100: 100 when the level of the voice stays within about 2 dB. */
    steadiness: number;
    /** Standard deviation of the voice level across half-second windows, dB. */
    stdDb: number;
    /** Mean level of the voice, dBFS. */
    meanDb: number;
  };
  /** Median background level, dBFS. */
  noiseFloorDb: number;
  /** Voice level above the background, dB. */
  snrDb: number;
  /** Share of samples at full scale. */
  clippedShare: number;
  /** Characters per minute of voiced time; null without a transcript. */
  speechRateCpm: number | null;
  segments: SpeechSegment[];
}

export type AudioGateReason = 'too_short' | 'silent' | 'clipped' | 'noisy';

export type AudioAnalysis =
  | { status: 'ok'; figures: AudioFigures }
  | { status: 'insufficient_data'; reason: AudioGateReason; explanation: string; figures: AudioFigures };

const FRAME_SEC = 0.02;
const SILENCE_DB = -100;
/** A frame is voiced this far above the noise floor… */
const VOICE_ABOVE_FLOOR_DB = 10;
/** …and never below this absolute level (digital silence has no floor to speak of). */
const MIN_VOICE_DB = -50;
const FLOOR_RISE_DB_PER_SEC = 1;
const HANGOVER_SEC = 0.25;
const MIN_SEGMENT_SEC = 0.1;
const WINDOW_SEC = 0.5;

/** Quality gate thresholds. */
export const AUDIO_GATE = { minDurationSec: 1, minSpeakingSec: 0.5, maxClippedShare: 0.02, minSnrDb: 6 } as const;

export function analyzeAudio(samples: Int16Array, opts: AudioOptions = {}): AudioAnalysis {
  const rate = opts.sampleRate ?? PCM_SAMPLE_RATE;
  const pauseSec = opts.pauseSec ?? 0.6;
  const frameLen = Math.max(1, Math.round(rate * FRAME_SEC));
  const durationSec = samples.length / rate;
  const levels = frameLevels(samples, frameLen);
  const { voiced, floors } = detectVoice(levels);
  const segments = toSegments(voiced, FRAME_SEC);

  const speakingSec = segments.reduce((s, g) => s + (g.endSec - g.startSec), 0);
  const gaps = segments.slice(1).map((g, i) => g.startSec - (segments[i]?.endSec ?? g.startSec));
  const pauses = gaps.filter((g) => g >= pauseSec - 1e-9);
  const voicedLevels = levels.filter((_, i) => inSegments(i * FRAME_SEC, segments));
  const loud = loudness(voicedLevels);
  const noiseFloorDb = round1(median(floors));
  let clipped = 0;
  for (let i = 0; i < samples.length; i += 1) if (Math.abs(samples[i] ?? 0) >= 32_700) clipped += 1;

  const figures: AudioFigures = {
    durationSec: round2(durationSec),
    speakingSec: round2(speakingSec),
    speakingShare: durationSec === 0 ? 0 : round2(speakingSec / durationSec),
    pauses: {
      count: pauses.length,
      longestSec: round2(Math.max(0, ...pauses)),
      totalSec: round2(pauses.reduce((s, g) => s + g, 0)),
      thresholdSec: pauseSec,
    },
    loudness: loud,
    noiseFloorDb,
    snrDb: voicedLevels.length === 0 ? 0 : round1(loud.meanDb - noiseFloorDb),
    clippedShare: samples.length === 0 ? 0 : round4(clipped / samples.length),
    speechRateCpm: opts.transcript === undefined ? null : speechRate(opts.transcript, speakingSec),
    segments,
  };

  const reason = gate(figures);
  return reason === null ? { status: 'ok', figures } : { status: 'insufficient_data', reason, explanation: explainAudioGate(reason), figures };
}

function gate(f: AudioFigures): AudioGateReason | null {
  if (f.durationSec < AUDIO_GATE.minDurationSec) return 'too_short';
  // Clipping first: a signal pinned at full scale has no level changes left for the voice detector to find.
  if (f.clippedShare > AUDIO_GATE.maxClippedShare) return 'clipped';
  if (f.speakingSec < AUDIO_GATE.minSpeakingSec) return 'silent';
  if (f.snrDb < AUDIO_GATE.minSnrDb) return 'noisy';
  return null;
}

/** Characters per minute of voiced time: Chinese characters, plus Latin words and numbers counted once each. */
export function speechRate(transcript: string, speakingSec: number): number | null {
  if (speakingSec <= 0) return null;
  const han = transcript.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = transcript.match(/[A-Za-z0-9]+(?:[.'][A-Za-z0-9]+)*/g)?.length ?? 0;
  return Math.round(((han + words) / speakingSec) * 60);
}

/** RMS level of each frame in dBFS. */
export function frameLevels(samples: Int16Array, frameLen: number): number[] {
  const out: number[] = [];
  for (let start = 0; start + frameLen <= samples.length; start += frameLen) {
    let sum = 0;
    for (let i = start; i < start + frameLen; i += 1) {
      const x = (samples[i] ?? 0) / 32768;
      sum += x * x;
    }
    const rms = Math.sqrt(sum / frameLen);
    out.push(rms > 0 ? Math.max(SILENCE_DB, 20 * Math.log10(rms)) : SILENCE_DB);
  }
  return out;
}

/** Voiced flags per frame, with the adaptive noise floor that decided them. */
function detectVoice(levels: readonly number[]): { voiced: boolean[]; floors: number[] } {
  if (levels.length === 0) return { voiced: [], floors: [] };
  // Start from a low percentile of the whole recording: we analyse offline and may look ahead.
  let floor = percentile(levels, 0.1);
  const rise = FLOOR_RISE_DB_PER_SEC * FRAME_SEC;
  const voiced: boolean[] = [];
  const floors: number[] = [];
  for (const level of levels) {
    if (level < floor) floor = level;
    else floor = Math.min(level, floor + rise);
    floors.push(floor);
    voiced.push(level >= Math.max(floor + VOICE_ABOVE_FLOOR_DB, MIN_VOICE_DB));
  }
  return { voiced, floors };
}

function toSegments(voiced: readonly boolean[], frameSec: number): SpeechSegment[] {
  const raw: Array<[number, number]> = [];
  let start = -1;
  voiced.forEach((v, i) => {
    if (v && start < 0) start = i;
    if (!v && start >= 0) {
      raw.push([start, i]);
      start = -1;
    }
  });
  if (start >= 0) raw.push([start, voiced.length]);

  const hangover = Math.round(HANGOVER_SEC / frameSec);
  const merged: Array<[number, number]> = [];
  for (const seg of raw) {
    const last = merged.at(-1);
    if (last && seg[0] - last[1] < hangover) last[1] = seg[1];
    else merged.push([seg[0], seg[1]]);
  }
  const minFrames = Math.round(MIN_SEGMENT_SEC / frameSec);
  return merged
    .filter(([a, b]) => b - a >= minFrames)
    .map(([a, b]) => ({ startSec: round2(a * frameSec), endSec: round2(b * frameSec) }));
}

function inSegments(t: number, segments: readonly SpeechSegment[]): boolean {
  return segments.some((s) => t >= s.startSec - 1e-9 && t < s.endSec - 1e-9);
}

function loudness(voicedLevels: readonly number[]): AudioFigures['loudness'] {
  if (voicedLevels.length === 0) return { steadiness: 0, stdDb: 0, meanDb: SILENCE_DB };
  const per = Math.max(1, Math.round(WINDOW_SEC / FRAME_SEC));
  const windows: number[] = [];
  for (let i = 0; i < voicedLevels.length; i += per) windows.push(powerMean(voicedLevels.slice(i, i + per)));
  const mean = powerMean(voicedLevels);
  const m = windows.reduce((s, x) => s + x, 0) / windows.length;
  const std = Math.sqrt(windows.reduce((s, x) => s + (x - m) ** 2, 0) / windows.length);
  const steadiness = Math.round(100 * Math.max(0, Math.min(1, 1 - (std - 2) / 10)));
  return { steadiness, stdDb: round1(std), meanDb: round1(mean) };
}

/** Mean of dB values taken on power, not on the logarithm. */
function powerMean(db: readonly number[]): number {
  const p = db.reduce((s, x) => s + 10 ** (x / 10), 0) / Math.max(1, db.length);
  return p > 0 ? 10 * Math.log10(p) : SILENCE_DB;
}

function percentile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? SILENCE_DB;
}

function median(xs: readonly number[]): number {
  return xs.length === 0 ? SILENCE_DB : percentile(xs, 0.5);
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;
const round4 = (x: number): number => Math.round(x * 10000) / 10000;
