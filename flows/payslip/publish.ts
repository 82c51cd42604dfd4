/**
 * 发布工资条: makes a month visible to employees and tells each of them, with
 * a link card, through the Outbox. Keys name the month, the batch and the
 * person, so publishing twice sends nothing new, while publishing again after
 * a corrected re-import sends one 工资条已更新 notice per person.
 */
import { localDate } from '../../lib/time.js';
import { audit } from '../../models/auditLog.js';
import { EmployeeModel } from '../../models/employee.js';
import { PayslipModel, PayslipMonthModel } from '../../models/payslip.js';
import { wecomUser } from '../flow.js';
import type { OutboxPort } from '../ports.js';
import * as w from './wording.js';

/** Builds the link in a notice (signed for `userid`, valid for days rather than minutes). */
export type NoticeLinkFor = (userid: string, month: string, now: Date) => string;

export interface PublishDeps {
  readonly outbox: OutboxPort;
  readonly linkFor: NoticeLinkFor;
  readonly tz: string;
  readonly now: Date;
}

export type PublishResult =
  | { readonly ok: true; readonly month: string; readonly notified: number; readonly skippedInactive: number; readonly kind: 'first' | 'update' | 'again' }
  | { readonly ok: false; readonly reason: 'no_month' | 'changed' };

export async function publishPayslips(month: string, actor: string, channel: 'cli' | 'web', deps: PublishDeps): Promise<PublishResult> {
  const m = await PayslipMonthModel.findOne({ month }).lean();
  if (!m) return { ok: false, reason: 'no_month' };
  const kind: 'first' | 'update' | 'again' = !m.publishedBatchId ? 'first' : String(m.publishedBatchId) === String(m.activeBatchId) ? 'again' : 'update';
  // Guarded by the batch we are about to announce: a re-import in between makes HR look again.
  const set = await PayslipMonthModel.updateOne(
    { month, activeBatchId: m.activeBatchId },
    { $set: { publishedAt: m.publishedAt ?? deps.now, publishedBatchId: m.activeBatchId, publishedBy: actor } },
  );
  if (set.matchedCount !== 1) return { ok: false, reason: 'changed' };

  const slips = await PayslipModel.find({ month, batchId: m.activeBatchId }, { userid: 1 }).lean();
  const active = new Set((await EmployeeModel.find({ userid: { $in: slips.map((s) => s.userid) }, active: true }, { userid: 1 }).lean()).map((e) => e.userid));
  const short = w.shortMonthText(month, localDate(deps.now, deps.tz));
  let notified = 0;
  for (const s of slips) {
    if (!active.has(s.userid)) continue;
    await deps.outbox.send(`payslip-publish:${month}:${String(m.activeBatchId)}:${s.userid}`, wecomUser(s.userid), {
      kind: 'link_card',
      title: kind === 'update' ? w.updatedTitle(short) : w.publishedTitle(short),
      description: kind === 'update' ? w.UPDATED_DESCRIPTION : w.PUBLISHED_DESCRIPTION,
      url: deps.linkFor(s.userid, month, deps.now),
      button: w.CARD_BUTTON,
    });
    notified += 1;
  }
  await audit({
    actor, actorKind: 'hr', action: 'payslip.publish', subjectKind: 'payslip-month', subjectId: month, channel,
    details: { batchId: String(m.activeBatchId), notified, kind },
  });
  return { ok: true, month, notified, skippedInactive: slips.length - notified, kind };
}
