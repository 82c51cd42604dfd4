/**
 * `analyzeAnswer`: everything the scorer knows about one answer. The input is
 * a recording (or a typed answer) and the question. The output is the
 * container probe, the delivery figures, the face-integrity figures, the
 * transcript and the content score. Every part says whether it ran, was
 * skipped, or failed, and why. The job worker only has to call this and
 * store the result.
 *
 * Audio decoding with ASR runs at the same time as face detection. The first
 * mostly waits on ffmpeg and the network; the second keeps one core busy.
 * A failure in one part (faces, ASR) is recorded there, and the rest of the
 * analysis still stands. Only an unreadable file throws (MediaError from
 * probe), because then there is nothing to report.
 */
import type { Logger } from '../lib/logger.js';
import { silentLogger } from '../lib/logger.js';
import { AsrError, noTranscriber, type AsrErrorKind, type Transcriber, type TranscriptSegment } from './asr.js';
import { CONTENT_SCORER_VERSION, scoreAnswer } from './content/scoreAnswer.js';
import { analyzeAudio, speechRate, type AudioAnalysis } from './media/audio.js';
import { analyzeFaces, type FaceIntegrity, type FaceOptions } from './media/faces.js';
import { decodePcm16kMono, MediaError, PCM_SAMPLE_RATE, probe, type ProbeResult } from '../lib/media/ffmpeg.js';
import { encodeWav } from './media/wav.js';
import type { ContentFlag, ContentScore, Question } from './types.js';
import { ANALYSIS_NOTES } from './wording.js';

export const ANALYSIS_VERSION = `analysis-1+${CONTENT_SCORER_VERSION}`;

export type AnswerSource =
  /** A recording on disk. A transcript already at hand (e.g. from an earlier run) skips ASR. */
  | { kind: 'recording'; path: string; transcript?: string }
  /** A typed answer, for candidates who cannot record. */
  | { kind: 'text'; text: string; durationSec?: number };

export interface AnalyzeOptions {
  /** Default `noTranscriber`: content is not rated and the report says so. */
  transcriber?: Transcriber;
  /** Face-integrity settings, or false to skip (audio-only answers skip on their own). */
  faces?: false | FaceOptions;
  signal?: AbortSignal;
  logger?: Logger;
}

export type TranscriptState =
  | { status: 'asr'; text: string; engine: string; segments: TranscriptSegment[] }
  | { status: 'provided'; text: string }
  | { status: 'typed'; text: string }
  | { status: 'not_configured' }
  | { status: 'skipped'; reason: 'no_audio' | 'no_speech' }
  | { status: 'failed'; kind: AsrErrorKind | 'media'; error: string };

export type ContentState =
  | { status: 'scored'; score: ContentScore }
  | { status: 'not_rated'; reason: 'asr_not_configured' | 'asr_failed' | 'no_audio' | 'no_speech'; note: string };

export type AudioState = AudioAnalysis | { status: 'skipped'; reason: 'text_answer' | 'no_audio' } | { status: 'failed'; error: string };

export type FacesState =
  | { status: 'ok'; integrity: FaceIntegrity }
  | { status: 'skipped'; reason: 'text_answer' | 'no_video' | 'disabled' }
  | { status: 'failed'; error: string };

/** Flags for the report: content flags, plus what the media analysis found. */
export type AnalysisFlag =
  | ContentFlag
  | 'content_not_rated'
  | 'asr_failed'
  | 'audio_insufficient'
  | 'no_face_long'
  | 'multiple_faces'
  | 'faces_failed';

export interface AnswerAnalysis {
  questionId: string;
  source: 'recording' | 'text';
  probe: ProbeResult | null;
  audio: AudioState;
  faces: FacesState;
  transcript: TranscriptState;
  content: ContentState;
  flags: AnalysisFlag[];
  /** Lines of Chinese for HR about what was and was not analysed. */
  notes: string[];
  timingsMs: { probe: number; audio: number; asr: number; faces: number; content: number; total: number };
  version: string;
}

export async function analyzeAnswer(source: AnswerSource, question: Question, opts: AnalyzeOptions = {}): Promise<AnswerAnalysis> {
  const started = performance.now();
  return source.kind === 'text' ? analyzeText(source, question, started) : analyzeRecording(source, question, opts, started);
}

function analyzeText(source: Extract<AnswerSource, { kind: 'text' }>, question: Question, started: number): AnswerAnalysis {
  const t = performance.now();
  const score = scoreAnswer(question, { transcript: source.text, durationSec: source.durationSec ?? 0 });
  const contentMs = performance.now() - t;
  return {
    questionId: question.id,
    source: 'text',
    probe: null,
    audio: { status: 'skipped', reason: 'text_answer' },
    faces: { status: 'skipped', reason: 'text_answer' },
    transcript: { status: 'typed', text: source.text },
    content: { status: 'scored', score },
    flags: [...score.flags],
    notes: score.overall === null ? [score.reason] : [],
    timingsMs: { probe: 0, audio: 0, asr: 0, faces: 0, content: ms(contentMs), total: ms(performance.now() - started) },
    version: ANALYSIS_VERSION,
  };
}

async function analyzeRecording(
  source: Extract<AnswerSource, { kind: 'recording' }>,
  question: Question,
  opts: AnalyzeOptions,
  started: number,
): Promise<AnswerAnalysis> {
  const log = opts.logger ?? silentLogger;
  const transcriber = opts.transcriber ?? noTranscriber;
  const timings = { probe: 0, audio: 0, asr: 0, faces: 0, content: 0, total: 0 };

  let t = performance.now();
  const probed = await probe(source.path, signalOpt(opts.signal));
  timings.probe = ms(performance.now() - t);

  const facesTask = (async (): Promise<FacesState> => {
    if (opts.faces === false) return { status: 'skipped', reason: 'disabled' };
    if (!probed.hasVideo) return { status: 'skipped', reason: 'no_video' };
    const f0 = performance.now();
    try {
      const integrity = await analyzeFaces(source.path, { ...(opts.faces ?? {}), probed, ...signalOpt(opts.signal) });
      return { status: 'ok', integrity };
    } catch (err) {
      log.warn({ err: message(err), file: source.path }, 'face analysis failed');
      return { status: 'failed', error: message(err) };
    } finally {
      timings.faces = ms(performance.now() - f0);
    }
  })();

  const speechTask = (async (): Promise<{ audio: AudioState; transcript: TranscriptState }> => {
    if (!probed.hasAudio) return { audio: { status: 'skipped', reason: 'no_audio' }, transcript: { status: 'skipped', reason: 'no_audio' } };
    const a0 = performance.now();
    let pcm: Int16Array;
    try {
      pcm = await decodePcm16kMono(source.path, signalOpt(opts.signal));
    } catch (err) {
      if (err instanceof MediaError && err.code === 'no_audio') {
        return { audio: { status: 'skipped', reason: 'no_audio' }, transcript: { status: 'skipped', reason: 'no_audio' } };
      }
      return { audio: { status: 'failed', error: message(err) }, transcript: { status: 'failed', kind: 'media', error: message(err) } };
    }
    const audio = analyzeAudio(pcm);
    timings.audio = ms(performance.now() - a0);

    if (source.transcript !== undefined) return { audio, transcript: { status: 'provided', text: source.transcript } };
    if (!transcriber.configured) return { audio, transcript: { status: 'not_configured' } };
    if (audio.status === 'insufficient_data' && audio.reason === 'silent') return { audio, transcript: { status: 'skipped', reason: 'no_speech' } };

    const s0 = performance.now();
    try {
      const outcome = await transcriber.transcribe(
        { data: encodeWav(pcm, PCM_SAMPLE_RATE), filename: 'answer.wav', mimeType: 'audio/wav' },
        signalOpt(opts.signal),
      );
      if (outcome.kind === 'not_configured') return { audio, transcript: { status: 'not_configured' } };
      return { audio, transcript: { status: 'asr', text: outcome.transcript.text, engine: transcriber.name, segments: outcome.transcript.segments } };
    } catch (err) {
      log.warn({ err: message(err), file: source.path }, 'transcription failed');
      return { audio, transcript: { status: 'failed', kind: err instanceof AsrError ? err.kind : 'network', error: message(err) } };
    } finally {
      timings.asr = ms(performance.now() - s0);
    }
  })();

  const [faces, speech] = await Promise.all([facesTask, speechTask]);
  let { audio } = speech;
  const { transcript } = speech;

  t = performance.now();
  const content = rateContent(transcript, question, probed.durationSec ?? 0);
  timings.content = ms(performance.now() - t);

  // The speech rate needs both the words and the voiced time.
  if (audio.status === 'ok' || audio.status === 'insufficient_data') {
    const text = 'text' in transcript ? transcript.text : undefined;
    if (text !== undefined) audio = { ...audio, figures: { ...audio.figures, speechRateCpm: speechRate(text, audio.figures.speakingSec) } };
  }

  const { flags, notes } = collect(audio, faces, transcript, content);
  timings.total = ms(performance.now() - started);
  return { questionId: question.id, source: 'recording', probe: probed, audio, faces, transcript, content, flags, notes, timingsMs: timings, version: ANALYSIS_VERSION };
}

function rateContent(transcript: TranscriptState, question: Question, durationSec: number): ContentState {
  switch (transcript.status) {
    case 'asr':
    case 'provided':
    case 'typed':
      return { status: 'scored', score: scoreAnswer(question, { transcript: transcript.text, durationSec }) };
    case 'not_configured':
      return { status: 'not_rated', reason: 'asr_not_configured', note: ANALYSIS_NOTES.asrNotConfigured };
    case 'skipped':
      return transcript.reason === 'no_audio'
        ? { status: 'not_rated', reason: 'no_audio', note: ANALYSIS_NOTES.noAudio }
        : { status: 'not_rated', reason: 'no_speech', note: ANALYSIS_NOTES.noSpeech };
    case 'failed':
      return transcript.kind === 'media'
        ? { status: 'not_rated', reason: 'no_audio', note: ANALYSIS_NOTES.mediaFailed(transcript.error) }
        : { status: 'not_rated', reason: 'asr_failed', note: ANALYSIS_NOTES.asrFailed(transcript.error) };
  }
}

function collect(audio: AudioState, faces: FacesState, transcript: TranscriptState, content: ContentState): { flags: AnalysisFlag[]; notes: string[] } {
  const flags = new Set<AnalysisFlag>();
  const notes: string[] = [];
  if (content.status === 'scored') {
    for (const f of content.score.flags) flags.add(f);
    if (content.score.overall === null) notes.push(content.score.reason);
  } else {
    flags.add('content_not_rated');
    notes.push(content.note);
  }
  if (transcript.status === 'failed' && transcript.kind !== 'media') flags.add('asr_failed');
  if (audio.status === 'insufficient_data') {
    flags.add('audio_insufficient');
    notes.push(audio.explanation);
  }
  if (faces.status === 'ok') {
    for (const f of faces.integrity.flags) flags.add(f);
    notes.push(...faces.integrity.notes);
  } else if (faces.status === 'failed') {
    flags.add('faces_failed');
    notes.push(ANALYSIS_NOTES.facesFailed);
  }
  return { flags: [...flags], notes };
}

function signalOpt(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const ms = (x: number): number => Math.round(x);
