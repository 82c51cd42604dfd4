/**
 * The recruiting operations on the real store: a replayed 确认 creates one
 * interview and one calendar entry; two HR people booking the same slot at
 * once leave one booking; a calendar outage does not lose the interview;
 * racing reschedules apply once; reminders and no-shows follow their rules.
 */
import { expect } from 'chai';
import { useTestDatabase } from '../../helpers/db.js';
import { MemoryOutbox } from '../../helpers/memoryOutbox.js';
import { silentLogger } from '../../../lib/logger.js';
import { EmployeeModel } from '../../../models/employee.js';
import { CandidateModel } from '../../../models/candidate.js';
import { InterviewModel } from '../../../models/interview.js';
import { JobModel } from '../../../models/job.js';
import { seedJobs } from '../../../models/seed/jobs.js';
import { createInterview, recordHeld, rescheduleInterview, type CreateInput, type RecruitingDeps } from '../../../flows/interview/operations.js';
import { runInterviewReminders } from '../../../flows/interview/reminders.js';
import type { CalendarEvent, CalendarPort } from '../../../flows/interview/ports.js';

const at = (s: string) => new Date(`${s}+08:00`);
const NOW = at('2026-11-22T10:00:00');

class FakeCalendar implements CalendarPort {
  added: CalendarEvent[] = [];
  updated: Array<{ id: string; e: CalendarEvent }> = [];
  removed: string[] = [];
  failAdd = false;
  /** When set, `add` holds every caller until this many are inside it (two instances racing). */
  addersToWaitFor = 0;
  private waiting: Array<() => void> = [];
  async add(e: CalendarEvent): Promise<string> {
    if (this.failAdd) throw Object.assign(new Error('no permission'), { explanation: '应用没有日程权限' });
    if (this.addersToWaitFor > 0) {
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        if (this.waiting.length >= this.addersToWaitFor) this.waiting.splice(0).forEach((r) => r());
      });
    }
    this.added.push(e);
    return `sch-${this.added.length}`;
  }
  async update(id: string, e: CalendarEvent): Promise<void> {
    this.updated.push({ id, e });
  }
  async remove(id: string): Promise<void> {
    this.removed.push(id);
  }
}

describe('面试操作（真实存储）', () => {
  useTestDatabase();
  let calendar: FakeCalendar;
  let deps: RecruitingDeps;
  let input: CreateInput;

  beforeEach(async () => {
    await EmployeeModel.create([
      { userid: 'zhaomin', name: '赵敏', departments: [1], roles: ['employee', 'hr'], source: 'seed' },
      { userid: 'chenjing', name: '陈静', departments: [1], roles: ['employee', 'hr'], source: 'seed' },
      { userid: 'lina', name: '李娜', departments: [2], roles: ['employee', 'interviewer'], source: 'seed' },
    ]);
    await seedJobs();
    const job = await JobModel.findOne({ code: 'PM-2026' }).lean();
    calendar = new FakeCalendar();
    deps = {
      calendar, candidates: { enabled: () => false, findContact: async () => undefined },
      linkKey: Buffer.alloc(32, 7), publicBaseUrl: 'http://hr.test', tz: 'Asia/Shanghai', companyName: '示例科技', logger: silentLogger,
    };
    input = {
      hrUserid: 'zhaomin', candidateName: '张伟', candidatePhone: '13812345678', jobId: String(job!._id), time: '2026-11-24T15:00',
      durationMin: 45, interviewerUserid: 'lina', kind: 'onsite', place: '301', channel: 'forward',
    };
  });

  it('同一个确认被重放（崩溃后重投）→ 只有一场面试、一个日程、同样的消息键', async () => {
    const first = await createInterview(input, { key: 'msg-1#0', now: NOW, channel: 'wecom' }, deps);
    const again = await createInterview(input, { key: 'msg-1#0', now: NOW, channel: 'wecom' }, deps);
    expect(await InterviewModel.countDocuments()).to.equal(1);
    expect(await CandidateModel.countDocuments()).to.equal(1);
    expect(calendar.added).to.have.length(1);
    expect(again.notices.map((n) => n.key)).to.deep.equal(first.notices.map((n) => n.key));
    expect(first.notices.map((n) => n.to.id)).to.deep.equal(['lina', 'zhaomin', 'zhaomin', 'zhaomin']);
  });

  it('同一个确认被两个实例同时处理 → 两边都加了日程时，后存的那边撤回自己的，面试官只看到一个', async () => {
    calendar.addersToWaitFor = 2;
    await Promise.all([
      createInterview(input, { key: 'msg-1#0', now: NOW, channel: 'wecom' }, deps),
      createInterview(input, { key: 'msg-1#0', now: NOW, channel: 'wecom' }, deps),
    ]);
    const i = await InterviewModel.findOne().lean();
    expect(await InterviewModel.countDocuments()).to.equal(1);
    const live = calendar.added.map((_, n) => `sch-${n + 1}`).filter((id) => !calendar.removed.includes(id));
    expect(live).to.deep.equal([i?.wecomScheduleId]);
    expect(calendar.added).to.have.length(2); // both got as far as WeCom (the case this guards)
    expect(calendar.removed).to.have.length(1);
  });

  it('两位 HR 同时给李娜约同一时段 → 只留一场，另一位被告知冲突', async () => {
    const [a, b] = await Promise.all([
      createInterview(input, { key: 'msg-a#0', now: NOW, channel: 'wecom' }, deps),
      createInterview({ ...input, hrUserid: 'chenjing', candidateName: '刘洋', candidatePhone: '13900001111', time: '2026-11-24T15:30' }, { key: 'msg-b#0', now: NOW, channel: 'wecom' }, deps),
    ]);
    expect(await InterviewModel.countDocuments()).to.equal(1);
    const texts = [...a.notices, ...b.notices].map((n) => (n.message.kind === 'text' ? n.message.text : ''));
    expect(texts.filter((t) => t.includes('被安排了另一场面试'))).to.have.length(1);
  });

  it('企业微信日程加不上 → 面试照样创建，HR 被告知原因，错误记在面试上', async () => {
    calendar.failAdd = true;
    const r = await createInterview(input, { key: 'msg-1#0', now: NOW, channel: 'wecom' }, deps);
    const i = await InterviewModel.findOne().lean();
    expect(i?.status).to.equal('scheduled');
    expect(i?.wecomScheduleId).to.equal(undefined);
    expect(i?.calendarError).to.equal('应用没有日程权限');
    const hr = r.notices.find((n) => n.to.id === 'zhaomin' && n.message.kind === 'text' && n.message.text.startsWith('已安排'));
    expect(hr?.message.kind === 'text' && hr.message.text).to.include('没能加入 TA 的企业微信日程（应用没有日程权限）');
  });

  it('关闭的岗位、过去的时间、不是 HR：都不创建', async () => {
    await JobModel.updateOne({ code: 'PM-2026' }, { $set: { status: 'closed' } });
    const closed = await createInterview(input, { key: 'k1', now: NOW, channel: 'wecom' }, deps);
    expect(closed.notices[0]?.message.kind === 'text' && closed.notices[0].message.text).to.include('已经关闭');
    await JobModel.updateOne({ code: 'PM-2026' }, { $set: { status: 'open' } });
    const past = await createInterview({ ...input, time: '2026-11-20T15:00' }, { key: 'k2', now: NOW, channel: 'wecom' }, deps);
    expect(past.notices[0]?.message.kind === 'text' && past.notices[0].message.text).to.include('已经过去');
    const notHr = await createInterview({ ...input, hrUserid: 'lina' }, { key: 'k3', now: NOW, channel: 'wecom' }, deps);
    expect(notHr.notices[0]?.message.kind === 'text' && notHr.notices[0].message.text).to.include('只有 HR');
    expect(await InterviewModel.countDocuments()).to.equal(0);
  });

  it('候选人在页面和微信里同时改期 → 只改一次，另一个被告知刚被改过', async () => {
    await createInterview(input, { key: 'msg-1#0', now: NOW, channel: 'wecom' }, deps);
    const i = (await InterviewModel.findOne().lean())!;
    const page = { kind: 'candidate', via: 'page' } as const;
    const [a, b] = await Promise.all([
      rescheduleInterview(String(i._id), at('2026-11-25T10:00:00'), page, { key: 'p1', now: NOW }, deps),
      rescheduleInterview(String(i._id), at('2026-11-26T10:00:00'), page, { key: 'p2', now: NOW }, deps),
    ]);
    const kinds = [a.outcome.kind, b.outcome.kind].sort();
    expect(kinds).to.deep.equal(['applied', 'refused']);
    const after = (await InterviewModel.findById(i._id).lean())!;
    expect(after.linkVersion).to.equal(2);
    expect(after.rescheduleCount).to.equal(1);
    expect(calendar.updated).to.have.length(1);
  });

  it('提醒的规则：离面试不到 24 小时才约的，不补发 24 小时提醒；HR 转发的候选人不发候选人提醒', async () => {
    await createInterview({ ...input, time: '2026-11-23T09:00' }, { key: 'late#0', now: NOW, channel: 'wecom' }, deps); // 23 h ahead
    const outbox = new MemoryOutbox();
    const r = await runInterviewReminders(at('2026-11-22T10:05:00'), { ...deps, outbox });
    expect(outbox.sent.filter((s) => s.key.includes(':remind:candidate24h') || s.key.includes(':remind:interviewer24h'))).to.deep.equal([]);
    expect(r.sent).to.equal(0);
    await runInterviewReminders(at('2026-11-23T08:02:00'), { ...deps, outbox });
    expect(outbox.sent.map((s) => s.key.split(':').at(-1))).to.deep.equal(['interviewer1h', 'hrUnconfirmed']);
  });

  it('视频面试过了截止时间还没完成 → 标记未参加并告诉 HR；正在录的多给 30 分钟', async () => {
    await createInterview({ ...input, kind: 'video', place: undefined }, { key: 'v#0', now: NOW, channel: 'wecom' }, deps);
    await createInterview({ ...input, kind: 'video', place: undefined, time: '2026-11-24T16:00', candidatePhone: '13900001111', candidateName: '刘洋' }, { key: 'v2#0', now: NOW, channel: 'wecom' }, deps);
    await InterviewModel.updateOne({ startAt: at('2026-11-24T16:00:00') }, { $set: { status: 'in_progress' } });
    const outbox = new MemoryOutbox();
    const r1 = await runInterviewReminders(at('2026-11-24T16:50:00'), { ...deps, outbox });
    expect(r1.noShows).to.equal(1);
    expect((await InterviewModel.findOne({ startAt: at('2026-11-24T15:00:00') }).lean())?.status).to.equal('no_show');
    expect((await InterviewModel.findOne({ startAt: at('2026-11-24T16:00:00') }).lean())?.status).to.equal('in_progress');
    expect(outbox.textsTo('zhaomin').at(-1)).to.equal('张伟没有在 11月24日（周二）15:45 前完成「产品经理」视频面试，已标记为未参加。');
    const r2 = await runInterviewReminders(at('2026-11-24T17:20:00'), { ...deps, outbox });
    expect(r2.noShows).to.equal(1);
  });

  it('现场面试结束 24 小时还没人确认进行 → 先标记未到场并告诉 HR；面试官之后点“已面试”可以更正', async () => {
    await createInterview(input, { key: 'o#0', now: NOW, channel: 'wecom' }, deps);
    const outbox = new MemoryOutbox();
    expect((await runInterviewReminders(at('2026-11-24T16:00:00'), { ...deps, outbox })).heldChecks).to.equal(1);
    expect((await runInterviewReminders(at('2026-11-24T16:05:00'), { ...deps, outbox })).heldChecks).to.equal(0);
    expect((await runInterviewReminders(at('2026-11-25T16:00:00'), { ...deps, outbox })).noShows).to.equal(1);
    expect(outbox.textsTo('zhaomin').at(-1)).to.include('面试官 24 小时内没有确认是否进行');
    const i = (await InterviewModel.findOne().lean())!;
    await recordHeld(String(i._id), true, 'lina', { key: 'tap', now: at('2026-11-25T17:00:00') }, deps);
    expect((await InterviewModel.findById(i._id).lean())?.status).to.equal('completed');
  });
});
