/**
 * `WecomPort` (flows/ports.ts) over the API client: the two WeCom calls the
 * leave flows make directly in their optional modes.
 *
 *  - `vacationQuota` (LEAVE_BALANCE_SOURCE=wecom): `oa/vacation/getuservacationquota`,
 *    WeCom's seconds turned into days (÷ 86,400).
 *  - `applyLeave` (LEAVE_APPROVAL=wecom): `oa/applyevent` with the configured
 *    template and its own approval flow. A template's control ids are its own,
 *    so the template is read once (`oa/gettemplatedetail`) to find its 假勤
 *    control — `Vacation` (a leave type plus the time range) or `Attendance`
 *    (the time range only) — and a `Textarea` for the reason. The leave type is
 *    matched to the corp's 假期 by name (`oa/vacation/getcorpconf`) unless the
 *    caller knows its vacation id. Three summary lines show on WeCom's card.
 *
 * The time range is sent as `halfday` with the begin/end instants the leave
 * effect chose (09:00 / 13:30 starts, 12:00 / 18:00 ends) and a duration of
 * `days × 86,400` s; WeCom recomputes the duration with the corp's own
 * schedule when it shows the request.
 */
import type { WecomPort } from '../../flows/ports.js';
import { formatChineseDate, localDate } from '../../lib/time.js';
import type { ApplyContent, DateRange, VacationConf, WecomClient } from './api/index.js';

export interface WecomPortOptions {
  readonly tz: string;
  /** WECOM_LEAVE_TEMPLATE_ID; required for `applyLeave` only. */
  readonly leaveTemplateId: string | undefined;
}

const SECONDS_PER_DAY = 86_400;
/** WeCom shows at most 20 characters per summary line. */
const SUMMARY_CHARS = 20;

interface TemplateControl {
  readonly control: string;
  readonly id: string;
  readonly title: string;
}

interface TemplateDetailWire {
  readonly template_content?: {
    readonly controls?: ReadonlyArray<{
      readonly property?: { readonly control?: string; readonly id?: string; readonly title?: ReadonlyArray<{ readonly text?: string }> };
    }>;
  };
}

export class WecomTemplateError extends Error {
  override readonly name = 'WecomTemplateError';
  /** Shown to the employee by the leave effect (it reads `explanation` like a WecomApiError's). */
  get explanation(): string {
    return this.message;
  }
}

export function createWecomPort(client: WecomClient, opts: WecomPortOptions): WecomPort {
  let controls: Promise<readonly TemplateControl[]> | undefined;
  let corpConf: Promise<readonly VacationConf[]> | undefined;

  /** Read once per process; a failure is not remembered, so the next request asks again. */
  const templateControls = (templateId: string): Promise<readonly TemplateControl[]> => {
    controls ??= client
      .call<TemplateDetailWire>({ method: 'POST', path: '/cgi-bin/oa/gettemplatedetail', body: { template_id: templateId }, idempotent: true })
      .then((res) =>
        (res.template_content?.controls ?? []).map((c) => ({
          control: c.property?.control ?? '',
          id: c.property?.id ?? '',
          title: (c.property?.title ?? []).map((t) => t.text ?? '').join(''),
        })),
      )
      .catch((err: unknown) => {
        controls = undefined;
        throw err;
      });
    return controls;
  };

  const vacationIdFor = async (name: string): Promise<number | undefined> => {
    corpConf ??= client.vacation.getCorpConf().catch((err: unknown) => {
      corpConf = undefined;
      throw err;
    });
    return (await corpConf).find((v) => v.name === name)?.id;
  };

  return {
    async vacationQuota(userid) {
      const lists = await client.vacation.getUserQuota(userid);
      return lists.map((q) => ({
        name: q.vacationname,
        vacationId: q.id,
        leftDays: toDays(q.leftduration),
        usedDays: toDays(q.usedduration),
        assignedDays: toDays(q.assignduration),
      }));
    },

    async applyLeave(input) {
      const templateId = opts.leaveTemplateId;
      if (!templateId) throw new WecomTemplateError('没有配置企业微信请假审批模板（WECOM_LEAVE_TEMPLATE_ID）');
      const found = await templateControls(templateId);
      const timeControl = found.find((c) => c.control === 'Vacation') ?? found.find((c) => c.control === 'Attendance');
      if (!timeControl) throw new WecomTemplateError('企业微信审批模板里没有“假勤”控件（请假或考勤类型），请在模板里添加后再试');
      const range: DateRange = {
        type: 'halfday',
        new_begin: Math.floor(input.startAt.getTime() / 1000),
        new_end: Math.floor(input.endAt.getTime() / 1000),
        new_duration: Math.round(input.days * SECONDS_PER_DAY),
      };
      const contents: ApplyContent[] = [];
      if (timeControl.control === 'Vacation') {
        const vacationId = input.vacationId ?? (await vacationIdFor(input.leaveTypeName));
        if (vacationId === undefined) throw new WecomTemplateError(`企业微信假期设置里没有“${input.leaveTypeName}”，请在 假勤 → 假期 里添加`);
        contents.push({
          control: 'Vacation',
          id: timeControl.id,
          value: {
            vacation: {
              selector: { type: 'single', options: [{ key: String(vacationId), value: [{ text: input.leaveTypeName, lang: 'zh_CN' }] }], exp_type: 0 },
              attendance: { date_range: range, type: 1 },
            },
          },
        });
      } else {
        contents.push({ control: 'Attendance', id: timeControl.id, value: { attendance: { date_range: range, type: 1 } } });
      }
      const reasonControl = found.find((c) => c.control === 'Textarea' && /事由|原因|理由|说明/.test(c.title)) ?? found.find((c) => c.control === 'Textarea');
      if (reasonControl && input.reason) contents.push({ control: 'Textarea', id: reasonControl.id, value: { text: input.reason } });

      const from = formatChineseDate(localDate(input.startAt, opts.tz), false);
      const to = formatChineseDate(localDate(input.endAt, opts.tz), false);
      const lines = [`假期类型：${input.leaveTypeName}`, from === to ? `时间：${from}` : `时间：${from}至${to}`, `天数：${input.days} 天`];
      const res = await client.approval.apply({
        creator_userid: input.userid,
        template_id: templateId,
        use_template_approver: 1,
        apply_data: { contents },
        summary_list: lines.map((text) => ({ summary_info: [{ text: [...text].slice(0, SUMMARY_CHARS).join(''), lang: 'zh_CN' as const }] })),
      });
      return res.sp_no;
    },
  };
}

function toDays(seconds: number): number {
  return Math.round((seconds / SECONDS_PER_DAY) * 100) / 100;
}
