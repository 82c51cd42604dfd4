/**
 * Everything the report page shows about one interview, loaded in one place:
 * the interview and its decision, the candidate, the job's questions, the
 * score report (if any), the score job's state, the final answer to each
 * question, and the names of the people who rated or decided.
 *
 * `aiHidden` is true when the candidate chose a human-only review (or no
 * consent to AI scoring is on record): then no AI score, transcript-based
 * rating or delivery figure reaches the page or the JSON, whatever the
 * stored report holds.
 */
import { Types } from 'mongoose';
import type { AnswerAnalysis } from '../../scorer/analyzeAnswer.js';
import type { HumanReviewFacts } from '../../scorer/report.js';
import { CandidateModel } from '../../models/candidate.js';
import { EmployeeModel } from '../../models/employee.js';
import { InterviewModel, type Interview } from '../../models/interview.js';
import { JobModel, type JobQuestion } from '../../models/job.js';
import { RecordingModel, type Recording } from '../../models/recording.js';
import { ScoreJobModel, ScoreReportModel, type AnswerReport, type ScoreJob, type ScoreReport } from '../../models/scoreReport.js';

export interface Viewer {
  readonly userid: string;
  readonly name: string;
  /** `hr` sees and decides everything; `interviewer` sees and rates the interviews they are on. */
  readonly role: 'hr' | 'interviewer';
}

export type AnswerMedia =
  | { readonly kind: 'video' | 'audio'; readonly recordingId: string; readonly mimeType: string; readonly playable: boolean }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'missing' };

export interface QuestionView {
  readonly n: number;
  readonly question: JobQuestion;
  readonly answer: AnswerReport | undefined;
  readonly media: AnswerMedia;
}

export interface ReportView {
  readonly interview: Interview;
  readonly candidate: { readonly name: string; readonly group?: string | undefined };
  readonly job: { readonly code: string; readonly title: string };
  readonly report: ScoreReport | null;
  readonly scoreJob: ScoreJob | null;
  readonly aiHidden: boolean;
  readonly questions: readonly QuestionView[];
  /** userid → display name, for ratings and decisions. */
  readonly names: ReadonlyMap<string, string>;
}

export function parseObjectId(raw: string | undefined): Types.ObjectId | undefined {
  return raw && /^[0-9a-f]{24}$/i.test(raw) ? new Types.ObjectId(raw) : undefined;
}

/** The candidate's choice decides; AI results are shown only with consent to them on record. */
export function aiHiddenFor(interview: Pick<Interview, 'consent'>, report: Pick<ScoreReport, 'reviewMode'> | null): boolean {
  return interview.consent?.review !== 'ai' || report?.reviewMode === 'human';
}

export async function loadInterview(interviewId: Types.ObjectId): Promise<Interview | null> {
  return InterviewModel.findById(interviewId).lean();
}

export async function loadReportView(interview: Interview): Promise<ReportView> {
  const [candidate, job, report, scoreJob, recordings] = await Promise.all([
    CandidateModel.findById(interview.candidateId, { name: 1, group: 1 }).lean(),
    JobModel.findById(interview.jobId, { code: 1, title: 1, questions: 1 }).lean(),
    ScoreReportModel.findOne({ interviewId: interview._id }).lean(),
    ScoreJobModel.findOne({ interviewId: interview._id }).lean(),
    RecordingModel.find({ interviewId: interview._id, status: 'final' }).lean(),
  ]);
  const latest = latestPerQuestion(recordings);
  const byId = new Map(recordings.map((r) => [String(r._id), r]));
  const questions = (job?.questions ?? []).map((question, i): QuestionView => {
    const answer = report?.answers.find((a) => a.questionId === question.id);
    // The recording the report was made from, or (no report yet) the latest final one.
    const rec = (answer?.recordingId ? byId.get(String(answer.recordingId)) : undefined) ?? latest.get(question.id);
    return { n: i + 1, question, answer, media: rec ? mediaOf(rec) : typedFromReport(answer) };
  });
  const people = new Set<string>();
  if (interview.decision) people.add(interview.decision.by);
  for (const a of report?.answers ?? []) if (a.humanRating) people.add(a.humanRating.by);
  const employees = people.size > 0 ? await EmployeeModel.find({ userid: { $in: [...people] } }, { userid: 1, name: 1 }).lean() : [];
  return {
    interview,
    candidate: { name: candidate?.name ?? '候选人', group: candidate?.group },
    job: { code: job?.code ?? '', title: job?.title ?? '岗位' },
    report,
    scoreJob,
    aiHidden: aiHiddenFor(interview, report),
    questions,
    names: new Map(employees.map((x) => [x.userid, x.name])),
  };
}

function latestPerQuestion(recordings: readonly Recording[]): Map<string, Recording> {
  const out = new Map<string, Recording>();
  for (const r of recordings) {
    const seen = out.get(r.questionId);
    if (!seen || r.attempt > seen.attempt) out.set(r.questionId, r);
  }
  return out;
}

/** No Recording (demo data, or the recordings were purged): a typed answer is still in the report's analysis. */
function typedFromReport(answer: AnswerReport | undefined): AnswerMedia {
  const t = answer?.analysis['transcript'];
  if (typeof t === 'object' && t !== null && (t as { status?: unknown }).status === 'typed') {
    const text = (t as { text?: unknown }).text;
    if (typeof text === 'string') return { kind: 'text', text };
  }
  return { kind: 'missing' };
}

function mediaOf(rec: Recording | undefined): AnswerMedia {
  if (!rec) return { kind: 'missing' };
  if (rec.kind === 'text') return { kind: 'text', text: rec.text ?? '' };
  return { kind: rec.kind, recordingId: String(rec._id), mimeType: rec.mimeType ?? 'video/webm', playable: rec.gridfsId !== undefined && !rec.purgedAt };
}

/** The stored analysis of an AI-scored answer, when it has that shape. */
export function asAnalysis(x: Record<string, unknown> | undefined): AnswerAnalysis | undefined {
  return x && typeof x['content'] === 'object' && typeof x['audio'] === 'object' && typeof x['faces'] === 'object' ? (x as unknown as AnswerAnalysis) : undefined;
}

/** The stored facts of a human-only review answer, when it has that shape. */
export function asHumanFacts(x: Record<string, unknown> | undefined): HumanReviewFacts | undefined {
  return x && x['mode'] === 'human_review' ? (x as unknown as HumanReviewFacts) : undefined;
}

/**
 * The report as JSON for `/api/hr/reports/:id`. With `aiHidden`, only what a
 * human review may see: media facts, integrity flags and human ratings.
 */
export function reportJson(v: ReportView): Record<string, unknown> {
  const hidden = v.aiHidden;
  return {
    interviewId: String(v.interview._id),
    candidate: v.candidate.name,
    job: v.job,
    reviewMode: hidden ? 'human' : 'ai',
    status: v.interview.status,
    decision: v.interview.decision ?? null,
    scoring: v.scoreJob ? { status: v.scoreJob.status, lastError: v.scoreJob.lastError ?? null } : null,
    overall: hidden ? null : v.report?.overall ?? null,
    overallBasis: hidden ? null : v.report?.overallBasis ?? null,
    flags: (v.report?.flags ?? []).filter((f) => !hidden || HUMAN_VISIBLE_FLAGS.has(f)),
    answers: v.questions.map((q) => ({
      questionId: q.question.id,
      media: q.media,
      outcome: hidden ? (q.answer ? 'human_review' : null) : q.answer?.outcome ?? null,
      overall: hidden ? null : q.answer?.overall ?? null,
      weight: hidden ? null : q.answer?.weight ?? null,
      flags: (q.answer?.flags ?? []).filter((f) => !hidden || HUMAN_VISIBLE_FLAGS.has(f)),
      analysis: hidden ? integrityOnly(q.answer?.analysis) : q.answer?.analysis ?? null,
      humanRating: q.answer?.humanRating ?? null,
    })),
  };
}

/** Flags that describe the recording, not the answer's content: shown under human-only review too. */
export const HUMAN_VISIBLE_FLAGS: ReadonlySet<string> = new Set([
  'multiple_faces', 'no_face_long', 'faces_failed', 'audio_insufficient', 'missing', 'unreadable', 'human_review', 'text_answers', 'missing_answers', 'demo_data',
]);

function integrityOnly(analysis: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!analysis) return null;
  const faces = analysis['faces'];
  const facts = asHumanFacts(analysis);
  return { faces: faces ?? null, ...(facts ? { media: facts.media, audible: facts.audible } : {}) };
}
