/**
 * The candidate's consent, given on the notice step before anything is
 * recorded: the version of the notice they read, when, and whether they want
 * an AI-assisted or a human-only review. Giving it starts the interview
 * (`in_progress`); the page cannot upload before.
 */
import { InterviewModel, type Interview } from '../../models/interview.js';
import { audit } from '../../models/auditLog.js';
import type { ReviewChoice } from './apiTypes.js';
import { PageError } from './errors.js';
import { W } from './wording.js';

export async function recordConsent(interview: Interview, given: { readonly version: string; readonly review: ReviewChoice }, current: string, now: Date): Promise<void> {
  if (given.version !== current) throw new PageError(409, W.errConsentVersion);
  const consent = { version: given.version, at: now, review: given.review };
  const updated = interview.status === 'in_progress'
    ? await InterviewModel.updateOne({ _id: interview._id, status: 'in_progress' }, { $set: { consent } })
    : await InterviewModel.updateOne(
      { _id: interview._id, status: { $in: ['scheduled', 'confirmed'] } },
      { $set: { consent, status: 'in_progress', startedAt: interview.startedAt ?? now, statusBy: 'candidate', statusAt: now } },
    );
  if (updated.matchedCount === 0) throw new PageError(409, W.errClosed);
  await audit({
    actor: `candidate:${String(interview.candidateId)}`, actorKind: 'candidate', action: 'interview.consent', subjectKind: 'interview',
    subjectId: String(interview._id), channel: 'page', details: { version: given.version, review: given.review },
  });
}
