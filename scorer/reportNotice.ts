/**
 * Telling the HR owner (`Interview.hrUserid`) through the Outbox: a WeCom link
 * card when a report is ready (张伟 · 产品经理 · 综合 78) and when scoring
 * failed for good. The idempotency key is per interview, so a worker that
 * crashed after sending and a worker that finished the job again still send
 * one card.
 */
import type { Types } from 'mongoose';
import type { OutboxPort } from '../flows/ports.js';
import type { OutMessage } from '../flows/types.js';
import { CandidateModel } from '../models/candidate.js';
import { InterviewModel } from '../models/interview.js';
import { JobModel } from '../models/job.js';
import type { ReportDraft } from './report.js';
import { REPORT_WORDING as W } from './reportWording.js';
import type { ReportAudience } from './workerScore.js';

export type ReportNotifier = Pick<OutboxPort, 'send'>;

/** The HR report page of an interview (miniapp/hr/reportRoutes.ts). */
export function reportUrl(publicBaseUrl: string, interviewId: Types.ObjectId | string): string {
  return `${publicBaseUrl}/hr/reports/${String(interviewId)}`;
}

/** The card for a finished report (pure). */
export function reportReadyMessage(draft: ReportDraft, audience: ReportAudience, url: string): OutMessage {
  const mode = draft.reviewMode ?? 'ai';
  const attention = draft.flags.flatMap((f) => (W.attention[f] ? [W.attention[f]] : []));
  return {
    kind: 'link_card',
    title: W.headline(audience.candidateName, audience.jobTitle, draft.overall, mode),
    description: W.readyDescription(draft.overallBasis?.rated ?? 0, draft.answers.length, mode, attention.slice(0, 3)),
    url,
    button: W.button,
  };
}

export function scoringFailedMessage(audience: ReportAudience, attempts: number, error: string, url: string): OutMessage {
  return {
    kind: 'link_card',
    title: W.failedTitle(audience.candidateName, audience.jobTitle),
    description: W.failedDescription(attempts, error.length > 80 ? `${error.slice(0, 80)}…` : error),
    url,
    button: W.failedButton,
  };
}

export async function notifyReportReady(notifier: ReportNotifier, draft: ReportDraft, audience: ReportAudience, publicBaseUrl: string): Promise<void> {
  await notifier.send(
    `score-report:${String(draft.interviewId)}`,
    { channel: 'wecom', id: audience.hrUserid },
    reportReadyMessage(draft, audience, reportUrl(publicBaseUrl, draft.interviewId)),
  );
}

/** Tells HR that scoring gave up; silent when the interview is gone (nobody to tell). */
export async function notifyScoringFailed(notifier: ReportNotifier, interviewId: Types.ObjectId, attempts: number, error: string, publicBaseUrl: string): Promise<void> {
  const interview = await InterviewModel.findById(interviewId, { hrUserid: 1, candidateId: 1, jobId: 1 }).lean();
  if (!interview) return;
  const [candidate, job] = await Promise.all([
    CandidateModel.findById(interview.candidateId, { name: 1 }).lean(),
    JobModel.findById(interview.jobId, { title: 1 }).lean(),
  ]);
  const audience: ReportAudience = { hrUserid: interview.hrUserid, candidateName: candidate?.name ?? '候选人', jobTitle: job?.title ?? '岗位' };
  await notifier.send(
    `score-failed:${String(interviewId)}`,
    { channel: 'wecom', id: audience.hrUserid },
    scoringFailedMessage(audience, attempts, error, reportUrl(publicBaseUrl, interviewId)),
  );
}
