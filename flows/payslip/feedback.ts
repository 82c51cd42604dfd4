/**
 * 确认无误 / 有疑问 on the payslip page. A question reaches HR in WeCom as a
 * link card through the Outbox; the question itself may quote figures, so it
 * is stored sealed and shown in chat with its digits hidden — HR reads the
 * original on the page, next to the slip.
 */
import { audit } from '../../models/auditLog.js';
import { EmployeeModel } from '../../models/employee.js';
import { PayslipFeedbackModel, PayslipModel, activeSlip, sealQuestion } from '../../models/payslip.js';
import { wecomUser } from '../flow.js';
import type { OutboxPort } from '../ports.js';
import * as w from './wording.js';
import type { NoticeLinkFor } from './publish.js';

export const MAX_QUESTION_CHARS = 500;
/** Questions per person per month: plenty for a real conversation, not a flood. */
export const MAX_QUESTIONS_PER_MONTH = 10;

export interface FeedbackDeps {
  /** `keys.payslip`: questions are sealed like the slip. */
  readonly key: Buffer;
  readonly outbox: OutboxPort;
  /** HR people from configuration; when empty, employees with the hr role. */
  readonly hrAdmins: readonly string[];
  /** Link for HR to the asker's slip (HR may open any slip). */
  readonly linkFor: NoticeLinkFor;
  readonly now: Date;
}

export type AckResult = 'acknowledged' | 'already' | 'not_found';
export type QuestionResult = 'sent' | 'no_hr' | 'too_many' | 'not_found' | 'empty';

/** Hides every figure: 加班费少了 200.5 元 → 加班费少了 ** 元. */
export function maskDigits(text: string): string {
  return text.replace(/[0-9０-９][0-9０-９,.，．]*/g, '**');
}

export async function acknowledge(userid: string, month: string, channel: string, deps: Pick<FeedbackDeps, 'now'>): Promise<AckResult> {
  const found = await activeSlip(userid, month, { publishedOnly: true });
  if (!found) return 'not_found';
  const r = await PayslipModel.updateOne({ _id: found.slip._id, acknowledgedAt: { $exists: false } }, { $set: { acknowledgedAt: deps.now } });
  if (r.modifiedCount !== 1) return 'already';
  await PayslipFeedbackModel.create({ userid, month, batchId: found.slip.batchId, kind: 'ack', at: deps.now });
  await audit({ actor: userid, actorKind: 'employee', action: 'payslip.acknowledge', subjectKind: 'payslip', subjectId: `${userid}/${month}`, channel, at: deps.now });
  return 'acknowledged';
}

export async function askQuestion(userid: string, month: string, text: string, channel: string, deps: FeedbackDeps): Promise<QuestionResult> {
  const question = text.trim().slice(0, MAX_QUESTION_CHARS);
  if (question.length === 0) return 'empty';
  const found = await activeSlip(userid, month, { publishedOnly: true });
  if (!found) return 'not_found';
  const asked = await PayslipFeedbackModel.countDocuments({ userid, month, kind: 'question' });
  if (asked >= MAX_QUESTIONS_PER_MONTH) return 'too_many';
  const hr = await hrPeople(deps.hrAdmins, userid);
  if (hr.length === 0) return 'no_hr';
  const fb = await PayslipFeedbackModel.create({
    userid, month, batchId: found.slip.batchId, kind: 'question', sealedText: sealQuestion(deps.key, userid, month, question), at: deps.now,
  });
  const asker = await EmployeeModel.findOne({ userid }, { name: 1 }).lean();
  for (const to of hr) {
    await deps.outbox.send(`payslip-question:${String(fb._id)}:${to}`, wecomUser(to), {
      kind: 'link_card',
      title: w.questionTitle(asker?.name ?? userid, month),
      description: w.questionDescription(maskDigits(question).slice(0, 100)),
      url: deps.linkFor(userid, month, deps.now),
      button: w.QUESTION_BUTTON,
    });
  }
  await audit({
    actor: userid, actorKind: 'employee', action: 'payslip.question', subjectKind: 'payslip', subjectId: `${userid}/${month}`, channel, at: deps.now,
    details: { feedbackId: String(fb._id), notified: hr },
  });
  return 'sent';
}

/** Who answers payslip questions: configured HR admins, else people with the hr role (never the asker). */
export async function hrPeople(configured: readonly string[], ...exclude: string[]): Promise<string[]> {
  const list = configured.length > 0
    ? configured
    : (await EmployeeModel.find({ roles: 'hr', active: true }, { userid: 1 }).sort({ userid: 1 }).lean()).map((e) => e.userid);
  return list.filter((u) => !exclude.includes(u)).slice(0, 3);
}
