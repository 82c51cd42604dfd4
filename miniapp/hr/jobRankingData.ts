/**
 * The job page's data: every one-way video interview of the job with its
 * candidate, scoring state, overall, percentile within the job, human rating
 * average and decision; the funnel (invited → completed → scored → decided);
 * and the fairness check by candidate group.
 *
 * Candidates who chose a human-only review never show or use an AI overall:
 * they are listed after the ranked ones, and left out of percentiles and the
 * fairness check. Rank and percentile are computed over the whole job, then
 * the filters narrow the list (a filter never changes anyone's rank).
 */
import { CandidateModel } from '../../models/candidate.js';
import { INTERVIEW_STATUSES, InterviewModel, type Interview, type InterviewStatus } from '../../models/interview.js';
import { JobModel } from '../../models/job.js';
import { ScoreJobModel, ScoreReportModel, type AnswerReport, type ScoreReport } from '../../models/scoreReport.js';
import type { Decision } from './reportActions.js';
import { DECISIONS } from './reportActions.js';
import { aiHiddenFor, HUMAN_VISIBLE_FLAGS } from './reportData.js';
import { fairnessCheck, percentileOf, type FairnessResult } from './jobRankingStats.js';
import { JW } from './reportWording.js';

export interface RankingFilters {
  readonly status?: InterviewStatus | undefined;
  readonly decision?: Decision | 'none' | undefined;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
}

export type ScoringState = 'report' | 'queued' | 'running' | 'failed' | 'none' | 'skipped';

export interface RankingRow {
  readonly interviewId: string;
  readonly name: string;
  readonly group: string | undefined;
  readonly status: InterviewStatus;
  readonly scoring: ScoringState;
  readonly reviewMode: 'ai' | 'human';
  /** The AI overall; null when there is none or the candidate chose a human-only review. */
  readonly overall: number | null;
  /** 1-based rank among the job's candidates with an overall. */
  readonly rank: number | null;
  readonly percentile: number | null;
  readonly humanAverage: number | null;
  readonly decision: Interview['decision'] | null;
  readonly flags: readonly string[];
}

export interface RankingView {
  readonly job: { readonly code: string; readonly title: string; readonly department: string };
  readonly rows: readonly RankingRow[];
  readonly total: number;
  readonly funnel: { readonly invited: number; readonly completed: number; readonly scored: number; readonly decided: number };
  readonly fairness: FairnessResult;
  readonly filters: RankingFilters;
}

function int(v: unknown): number | undefined {
  return typeof v === 'string' && /^\d{1,3}$/.test(v.trim()) ? Math.min(100, Number(v.trim())) : undefined;
}

/** Filters from the query string; anything unknown is ignored. */
export function parseFilters(q: Readonly<Record<string, unknown>>): RankingFilters {
  const status = typeof q['status'] === 'string' && (INTERVIEW_STATUSES as readonly string[]).includes(q['status']) ? (q['status'] as InterviewStatus) : undefined;
  const d = q['decision'];
  const decision = d === 'none' ? 'none' : typeof d === 'string' && (DECISIONS as readonly string[]).includes(d) ? (d as Decision) : undefined;
  return { status, decision, min: int(q['min']), max: int(q['max']) };
}

export async function loadRanking(code: string, filters: RankingFilters): Promise<RankingView | undefined> {
  const job = await JobModel.findOne({ code }, { code: 1, title: 1, department: 1 }).lean();
  if (!job) return undefined;
  const interviews = await InterviewModel.find({ jobId: job._id, kind: 'video' }).lean();
  const ids = interviews.map((i) => i._id);
  const [candidates, reports, jobs] = await Promise.all([
    CandidateModel.find({ _id: { $in: interviews.map((i) => i.candidateId) } }, { name: 1, group: 1 }).lean(),
    // Only the human ratings of the answers: the analyses are large and not needed here.
    ScoreReportModel.find({ interviewId: { $in: ids } }, { interviewId: 1, overall: 1, flags: 1, reviewMode: 1, 'answers.humanRating': 1 })
      .lean<Array<Pick<ScoreReport, 'interviewId' | 'overall' | 'flags' | 'reviewMode'> & { answers?: Array<Pick<AnswerReport, 'humanRating'>> }>>(),
    ScoreJobModel.find({ interviewId: { $in: ids } }, { interviewId: 1, status: 1, outcome: 1 }).lean(),
  ]);
  const candidateOf = new Map(candidates.map((c) => [String(c._id), c]));
  const reportOf = new Map(reports.map((r) => [String(r.interviewId), r]));
  const jobOf = new Map(jobs.map((j) => [String(j.interviewId), j]));

  const base = interviews.map((i) => {
    const report = reportOf.get(String(i._id)) ?? null;
    const hidden = aiHiddenFor(i, report);
    const sj = jobOf.get(String(i._id));
    const scoring: ScoringState = report ? 'report' : !sj ? 'none' : sj.status === 'done' ? 'skipped' : sj.status;
    const ratings = (report?.answers ?? []).flatMap((a) => (a.humanRating ? [a.humanRating.score] : []));
    const candidate = candidateOf.get(String(i.candidateId));
    return {
      interviewId: String(i._id),
      name: candidate?.name ?? '候选人',
      group: candidate?.group,
      status: i.status,
      scoring,
      reviewMode: hidden ? ('human' as const) : ('ai' as const),
      overall: hidden ? null : report?.overall ?? null,
      humanAverage: ratings.length === 0 ? null : Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10,
      decision: i.decision ?? null,
      flags: (report?.flags ?? []).filter((f) => !hidden || HUMAN_VISIBLE_FLAGS.has(f)),
      completedAt: i.completedAt?.getTime() ?? Number.MAX_SAFE_INTEGER,
    };
  });

  const scored = base.flatMap((r) => (r.overall === null ? [] : [r.overall]));
  const ordered = [...base].sort((a, b) => bucket(a) - bucket(b) || (b.overall ?? 0) - (a.overall ?? 0) || a.completedAt - b.completedAt || a.name.localeCompare(b.name, 'zh-CN'));
  let rank = 0;
  const rows: RankingRow[] = ordered.map(({ completedAt: _c, ...r }) => ({
    ...r,
    rank: r.overall === null ? null : (rank += 1),
    percentile: r.overall === null ? null : percentileOf(r.overall, scored),
  }));

  return {
    job: { code: job.code, title: job.title, department: job.department },
    rows: rows.filter((r) => matches(r, filters)),
    total: rows.length,
    funnel: {
      invited: interviews.length,
      completed: interviews.filter((i) => i.status === 'completed').length,
      scored: base.filter((r) => r.scoring === 'report').length,
      decided: interviews.filter((i) => i.decision).length,
    },
    fairness: fairnessCheck(base.flatMap((r) => (r.overall === null ? [] : [{ group: r.group, overall: r.overall }])), JW.ungrouped),
    filters,
  };
}

/** Ranked first, then AI-reviewed without an overall, then human-only reviews. */
function bucket(r: { overall: number | null; reviewMode: 'ai' | 'human' }): number {
  return r.overall !== null ? 0 : r.reviewMode === 'ai' ? 1 : 2;
}

function matches(r: RankingRow, f: RankingFilters): boolean {
  if (f.status && r.status !== f.status) return false;
  if (f.decision === 'none' && r.decision) return false;
  if (f.decision && f.decision !== 'none' && r.decision?.value !== f.decision) return false;
  if ((f.min !== undefined || f.max !== undefined) && r.overall === null) return false;
  if (f.min !== undefined && (r.overall ?? 0) < f.min) return false;
  if (f.max !== undefined && (r.overall ?? 0) > f.max) return false;
  return true;
}
