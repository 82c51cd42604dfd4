/**
 * Scores one interview: loads the interview, its job's questions and the
 * final answer to each question, analyses every answer, and builds the
 * report draft. No write happens here; the worker stores the draft only while
 * its lease holds (worker.ts, reportStore.ts).
 *
 * A recording is copied from GridFS to a temp file and handed to
 * `analyzeAnswer` (probe, delivery figures, faces at 1 fps for integrity, the
 * transcript from the configured ASR or none, the content score). A typed
 * answer goes straight to content scoring.
 *
 * Human-only review (the candidate's choice on the consent page, or no
 * recorded consent at all): no content or AI scoring runs and nothing is sent
 * to the ASR service. Only what HR needs to watch the recordings fairly is
 * kept: duration, whether there is sound and picture, the audio quality gate,
 * and the face-integrity flags (nobody / a second person on camera).
 */
import type { Types } from 'mongoose';
import type { Logger } from '../lib/logger.js';
import { CandidateModel } from '../models/candidate.js';
import { InterviewModel, type Interview } from '../models/interview.js';
import { JobModel, type JobQuestion } from '../models/job.js';
import { RecordingModel, type Recording } from '../models/recording.js';
import { analyzeAnswer, ANALYSIS_VERSION, type AnswerAnalysis } from './analyzeAnswer.js';
import { noTranscriber, type Transcriber } from './asr.js';
import type { FaceOptions } from './media/faces.js';
import { MediaError } from '../lib/media/ffmpeg.js';
import { buildReport, humanReviewFacts, typedAnswerFacts, type AnswerFinding, type AnswerKind, type ReportDraft } from './report.js';
import { REPORT_WORDING } from './reportWording.js';
import { downloadRecording, jobTempDir } from './workerMedia.js';

export const SCORER_VERSION = `worker-1+${ANALYSIS_VERSION}`;

export interface ScoreInterviewDeps {
  readonly transcriber: Transcriber;
  /** Face-integrity settings; false skips them (tests, or a machine without the wasm backend). */
  readonly faces?: false | FaceOptions;
  readonly logger: Logger;
}

export interface ScoreInterviewOptions {
  /** Aborted when the lease is lost: the work is abandoned. */
  readonly signal?: AbortSignal;
  /** On the last attempt a failed transcription is accepted (content not rated) instead of retried. */
  readonly finalAttempt: boolean;
}

/** Who hears about the report, and the words for its headline. */
export interface ReportAudience {
  readonly hrUserid: string;
  readonly candidateName: string;
  readonly jobTitle: string;
}

export type InterviewScoring =
  | { readonly kind: 'report'; readonly draft: ReportDraft; readonly audience: ReportAudience }
  | { readonly kind: 'skip'; readonly note: string }
  /** Something passing went wrong (the ASR service): try the whole job again later. */
  | { readonly kind: 'retry'; readonly error: string };

/** Media problems that are about this machine, not the file: retry the job instead of marking the answer. */
const INFRA_MEDIA_ERRORS = new Set(['binary_missing', 'timeout', 'aborted']);

export async function scoreInterview(interviewId: Types.ObjectId, deps: ScoreInterviewDeps, opts: ScoreInterviewOptions): Promise<InterviewScoring> {
  const interview = await InterviewModel.findById(interviewId).lean();
  if (!interview) return { kind: 'skip', note: REPORT_WORDING.skipped.notFound };
  if (interview.kind !== 'video') return { kind: 'skip', note: REPORT_WORDING.skipped.notVideo };
  if (interview.purgedAt || interview.deletionRequestedAt) return { kind: 'skip', note: REPORT_WORDING.skipped.deleted };
  const [job, candidate] = await Promise.all([
    JobModel.findById(interview.jobId).lean(),
    CandidateModel.findById(interview.candidateId, { name: 1, deletedAt: 1, deletionRequestedAt: 1 }).lean(),
  ]);
  if (!job || job.questions.length === 0) return { kind: 'skip', note: REPORT_WORDING.skipped.noJob };
  if (candidate?.deletedAt || candidate?.deletionRequestedAt) return { kind: 'skip', note: REPORT_WORDING.skipped.deleted };

  const reviewMode = reviewModeOf(interview);
  const answers = latestFinalAnswers(await RecordingModel.find({ interviewId, status: 'final' }).lean());
  const tmp = await jobTempDir();
  const findings: AnswerFinding[] = [];
  try {
    for (const q of job.questions) {
      opts.signal?.throwIfAborted();
      const rec = answers.get(q.id);
      findings.push(rec ? await analyseOne(rec, q, reviewMode, tmp.dir, deps, opts.signal) : { kind: 'missing', questionId: q.id });
    }
  } finally {
    await tmp.cleanup();
  }

  if (!opts.finalAttempt) {
    const asrFailure = findings.find((f) => f.kind === 'analysed' && f.analysis.transcript.status === 'failed' && f.analysis.transcript.kind !== 'media');
    if (asrFailure?.kind === 'analysed' && asrFailure.analysis.transcript.status === 'failed') {
      return { kind: 'retry', error: `语音转写失败：${asrFailure.analysis.transcript.error}` };
    }
  }

  const draft = buildReport({
    interviewId: interview._id, jobId: job._id, candidateId: interview.candidateId, reviewMode, findings, scorerVersion: SCORER_VERSION,
  });
  return { kind: 'report', draft, audience: { hrUserid: interview.hrUserid, candidateName: candidate?.name ?? '候选人', jobTitle: job.title } };
}

/**
 * AI scoring only with the candidate's recorded consent to it; a human-only
 * choice, or no consent on record, means no AI scoring.
 */
export function reviewModeOf(interview: Pick<Interview, 'consent'>): 'ai' | 'human' {
  return interview.consent?.review === 'ai' ? 'ai' : 'human';
}

/** The highest final attempt per question (a retake replaces the earlier answer). */
export function latestFinalAnswers(recordings: readonly Recording[]): Map<string, Recording> {
  const out = new Map<string, Recording>();
  for (const r of recordings) {
    if (r.status !== 'final') continue;
    const seen = out.get(r.questionId);
    if (!seen || r.attempt > seen.attempt) out.set(r.questionId, r);
  }
  return out;
}

async function analyseOne(
  rec: Recording,
  q: JobQuestion,
  mode: 'ai' | 'human',
  dir: string,
  deps: ScoreInterviewDeps,
  signal: AbortSignal | undefined,
): Promise<AnswerFinding> {
  const question = { id: q.id, text: q.text, competency: q.competency, keyPoints: q.keyPoints, idealAnswer: q.idealAnswer };
  const answerKind: AnswerKind = rec.kind;
  if (rec.kind === 'text') {
    if (mode === 'human') return { kind: 'human_review', recordingId: rec._id, answerKind, facts: typedAnswerFacts(q.id, SCORER_VERSION) };
    const analysis = await analyzeAnswer({ kind: 'text', text: rec.text ?? '', ...(rec.durationSec ? { durationSec: rec.durationSec } : {}) }, question);
    return { kind: 'analysed', recordingId: rec._id, answerKind, analysis };
  }
  if (!rec.gridfsId || rec.purgedAt) return { kind: 'missing', questionId: q.id };

  const path = await downloadRecording(rec.gridfsId, dir, rec.mimeType, signal);
  let analysis: AnswerAnalysis;
  try {
    analysis = await analyzeAnswer(
      // A transcript already stored with the recording is used as is; human review never sends audio to ASR.
      mode === 'ai' && rec.transcript ? { kind: 'recording', path, transcript: rec.transcript } : { kind: 'recording', path },
      question,
      {
        transcriber: mode === 'human' ? noTranscriber : deps.transcriber,
        ...(deps.faces === undefined ? {} : { faces: deps.faces }),
        ...(signal ? { signal } : {}),
        logger: deps.logger,
      },
    );
  } catch (err) {
    if (err instanceof MediaError && !INFRA_MEDIA_ERRORS.has(err.code)) {
      deps.logger.warn({ err: err.message, recordingId: String(rec._id) }, 'recording unreadable');
      return { kind: 'unreadable', questionId: q.id, recordingId: rec._id, answerKind, error: err.message };
    }
    throw err;
  }
  return mode === 'human'
    ? { kind: 'human_review', recordingId: rec._id, answerKind, facts: humanReviewFacts(analysis) }
    : { kind: 'analysed', recordingId: rec._id, answerKind, analysis };
}
