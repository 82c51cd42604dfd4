/**
 * Who may do what on the interview page. The signed link (checked by
 * `checkInterviewToken`) names one interview; the interview's state decides
 * the rest: a video interview that is open (scheduled or confirmed before its
 * end, or started and within the grace period), not completed, and with no
 * deletion request. Uploads also need the candidate's consent.
 */
import { CandidateModel, type Candidate } from '../../models/candidate.js';
import { JobModel, type Job, type JobQuestion } from '../../models/job.js';
import type { Interview } from '../../models/interview.js';
import { checkInterviewToken } from '../candidate/token.js';
import { PageError } from './errors.js';
import { W } from './wording.js';

/** After the deadline, a started interview may still finish uploading for this long (the no-show job waits as long). */
export const UPLOAD_GRACE_MS = 30 * 60_000;

export interface Loaded {
  readonly token: string;
  readonly interview: Interview;
  readonly job: Job | null;
  readonly candidate: Candidate | null;
}

/** Verifies the link and loads what the page shows; a bad link throws with the token check's status and message. */
export async function loadByToken(linkKey: Buffer, token: string, now: Date): Promise<Loaded> {
  const check = await checkInterviewToken(linkKey, token, now);
  if (!check.ok) throw new PageError(check.status, check.message);
  const interview = check.interview;
  const [job, candidate] = await Promise.all([
    JobModel.findById(interview.jobId).lean(),
    CandidateModel.findById(interview.candidateId, { name: 1, deletionRequestedAt: 1 }).lean(),
  ]);
  return { token, interview, job, candidate };
}

/** What the page shows for this interview right now. */
export type Gate =
  | { readonly kind: 'open' }
  | { readonly kind: 'completed' }
  | { readonly kind: 'closed'; readonly message: string }
  | { readonly kind: 'not_video' }
  | { readonly kind: 'no_questions' };

export function gate(l: Loaded, now: Date): Gate {
  const i = l.interview;
  if (i.kind !== 'video') return { kind: 'not_video' };
  if (i.deletionRequestedAt || l.candidate?.deletionRequestedAt) return { kind: 'closed', message: W.closedDeletion };
  switch (i.status) {
    case 'completed':
      return { kind: 'completed' };
    case 'declined':
    case 'cancelled':
      return { kind: 'closed', message: W.closedCancelled };
    case 'no_show':
      return { kind: 'closed', message: W.closedNoShow };
    case 'scheduled':
    case 'confirmed':
      if (i.endAt.getTime() <= now.getTime()) return { kind: 'closed', message: W.closedExpired };
      break;
    case 'in_progress':
      if (i.endAt.getTime() + UPLOAD_GRACE_MS <= now.getTime()) return { kind: 'closed', message: W.closedExpired };
      break;
  }
  if (!l.job || l.job.questions.length === 0) return { kind: 'no_questions' };
  return { kind: 'open' };
}

/** Refuses unless the page may change answers now; `consented` also requires the consent (status in_progress). */
export function requireOpen(l: Loaded, now: Date, opts: { readonly consented: boolean }): { readonly job: Job } {
  const g = gate(l, now);
  switch (g.kind) {
    case 'not_video':
      throw new PageError(404, W.errNotVideo);
    case 'completed':
      throw new PageError(409, W.errCompleted);
    case 'closed':
      throw new PageError(410, l.interview.deletionRequestedAt || l.candidate?.deletionRequestedAt ? W.errDeletion : W.errClosed);
    case 'no_questions':
      throw new PageError(409, W.noQuestions);
    case 'open':
      break;
  }
  if (!l.job) throw new PageError(409, W.noQuestions);
  if (opts.consented && (l.interview.status !== 'in_progress' || !l.interview.consent)) throw new PageError(403, W.errNoConsent);
  return { job: l.job };
}

export function findQuestion(job: Job, questionId: string): JobQuestion {
  const q = job.questions.find((x) => x.id === questionId);
  if (!q) throw new PageError(404, W.errNoQuestion);
  return q;
}
