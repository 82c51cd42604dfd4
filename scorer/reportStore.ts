/**
 * Writes a report with a fenced upsert. The fence is the attempt number of the
 * claim that produced it (queue.ts): a worker whose lease expired and was taken
 * over holds a lower fence than the worker that took over, so whatever order
 * they finish in, the lower one can never overwrite the higher one's report.
 *
 * The upsert's filter only matches a report with a lower fence (or none). When
 * a report with a higher or equal fence exists, nothing matches, the upsert
 * tries to insert a second report for the interview, and the unique index on
 * interviewId refuses it: that E11000 is the "superseded" answer.
 *
 * HR's ratings on an earlier report of the same interview are carried over
 * (by question), so scoring again never erases what a person entered.
 */
import { ScoreReportModel, type AnswerReport } from '../models/scoreReport.js';
import type { ReportDraft } from './report.js';

export type WriteOutcome = 'written' | 'superseded';

export async function writeReport(draft: ReportDraft, claim: { readonly fence: number; readonly owner: string }): Promise<WriteOutcome> {
  const existing = await ScoreReportModel.findOne({ interviewId: draft.interviewId }, { fence: 1, answers: 1 }).lean();
  if (existing && (existing.fence ?? 0) >= claim.fence) return 'superseded';
  const ratings = new Map((existing?.answers ?? []).flatMap((a) => (a.humanRating ? [[a.questionId, a.humanRating] as const] : [])));
  const answers: AnswerReport[] = draft.answers.map((a) => {
    const kept = ratings.get(a.questionId);
    return kept ? { ...a, humanRating: kept } : a;
  });
  try {
    await ScoreReportModel.updateOne(
      { interviewId: draft.interviewId, $or: [{ fence: { $exists: false } }, { fence: { $lt: claim.fence } }] },
      { $set: { ...draft, answers, fence: claim.fence, producedBy: claim.owner } },
      { upsert: true },
    );
    return 'written';
  } catch (err) {
    if ((err as { code?: unknown }).code === 11000) return 'superseded';
    throw err;
  }
}
