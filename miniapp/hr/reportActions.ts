/**
 * What HR (and interviewers) change from the report page, each one guarded
 * atomic update plus an audit entry:
 * - a human rating (1–5, with a note) for one answer, beside the AI one;
 * - the decision on the interview (进入下一轮 / 不合适 / 待定) with its reason.
 *   The form carries the decision it was made against (`expected`); if someone
 *   else decided in between, the update matches nothing and the page says so,
 *   instead of silently overwriting a colleague.
 */
import type { Types } from 'mongoose';
import { audit } from '../../models/auditLog.js';
import { InterviewModel, type Interview } from '../../models/interview.js';
import { ScoreReportModel } from '../../models/scoreReport.js';
import type { Viewer } from './reportData.js';

export type Decision = NonNullable<Interview['decision']>['value'];
export const DECISIONS: readonly Decision[] = ['advance', 'reject', 'hold'];

export type RatingResult = { readonly kind: 'saved' } | { readonly kind: 'no_report' } | { readonly kind: 'unknown_question' };

export async function saveRating(
  interviewId: Types.ObjectId,
  input: { readonly questionId: string; readonly score: number; readonly note: string },
  viewer: Viewer,
  now: Date,
): Promise<RatingResult> {
  const report = await ScoreReportModel.findOne({ interviewId }, { answers: 1 }).lean();
  if (!report) return { kind: 'no_report' };
  const index = report.answers.findIndex((a) => a.questionId === input.questionId);
  const previous = report.answers[index]?.humanRating;
  if (index < 0) return { kind: 'unknown_question' };
  const rating = { score: input.score, ...(input.note ? { note: input.note } : {}), by: viewer.userid, at: now };
  // Guarded by the question id at that index: a report rewritten in between cannot get the rating on the wrong answer.
  const res = await ScoreReportModel.updateOne(
    { _id: report._id, [`answers.${index}.questionId`]: input.questionId },
    { $set: { [`answers.${index}.humanRating`]: rating } },
  );
  if (res.matchedCount === 0) return { kind: 'unknown_question' };
  await audit({
    actor: viewer.userid, actorKind: viewer.role === 'hr' ? 'hr' : 'employee', action: 'report.rating', subjectKind: 'interview', subjectId: String(interviewId), channel: 'web',
    details: { questionId: input.questionId, score: input.score, note: input.note, previous: previous ? { score: previous.score, by: previous.by } : null },
    at: now,
  });
  return { kind: 'saved' };
}

export type DecisionResult = { readonly kind: 'saved' } | { readonly kind: 'changed' } | { readonly kind: 'not_found' };

/** `expected`: the ISO time of the decision the form was shown with, or 'none'. */
export async function saveDecision(
  interviewId: Types.ObjectId,
  input: { readonly value: Decision; readonly reason: string; readonly expected: string },
  viewer: Viewer,
  now: Date,
): Promise<DecisionResult> {
  const expectedAt = input.expected === 'none' ? null : new Date(input.expected);
  if (expectedAt && Number.isNaN(expectedAt.getTime())) return { kind: 'changed' };
  const guard = expectedAt ? { 'decision.at': expectedAt } : { decision: null };
  const decision = { value: input.value, reason: input.reason, by: viewer.userid, at: now };
  const before = await InterviewModel.findOneAndUpdate({ _id: interviewId, ...guard }, { $set: { decision } }, { returnDocument: 'before' }).lean();
  if (!before) return (await InterviewModel.exists({ _id: interviewId })) ? { kind: 'changed' } : { kind: 'not_found' };
  await audit({
    actor: viewer.userid, actorKind: 'hr', action: 'interview.decision', subjectKind: 'interview', subjectId: String(interviewId), channel: 'web',
    details: { value: input.value, reason: input.reason, previous: before.decision ? { value: before.decision.value, by: before.decision.by, at: before.decision.at } : null },
    at: now,
  });
  return { kind: 'saved' };
}
