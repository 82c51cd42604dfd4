/**
 * Recruiting: (1) the free-slot search an HR turn or a candidate's reschedule
 * runs (one interviewer with 200 interviews in the next month); (2) one pure
 * step of the scheduling form from HR's full sentence (NLU excluded); (3) one
 * reminder sweep over N interviews starting within 24 h on the embedded store,
 * first run (every reminder claimed and queued) and second run (all stamped).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { Types } from 'mongoose';
import { startEmbeddedMongo } from '../embedded-mongo/index.js';
import { ensureIndexes } from '../models/db.js';
import { silentLogger } from '../lib/logger.js';
import { lookupFromEntries } from '../lib/workdays.js';
import { nearestFreeSlots, type Busy } from '../flows/interview/slots.js';
import { interviewFlow } from '../flows/interview/interviewFlow.js';
import type { InterviewFacts } from '../flows/interview/facts.js';
import type { TextTurn } from '../flows/flow.js';
import { runInterviewReminders } from '../flows/interview/reminders.js';
import { InterviewModel } from '../models/interview.js';
import { CandidateModel } from '../models/candidate.js';
import { EmployeeModel } from '../models/employee.js';
import { JobModel } from '../models/job.js';
import { SEED_JOBS } from '../models/seed/jobs.js';
import { OutboxModel } from '../models/outbox.js';
import { createOutbox } from '../bot/outbox/outboxStore.js';

export const title = 'recruiting: free-slot search, schedule form step, reminder sweep';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-11-22T10:00:00+08:00');

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

function us(ms: number): string {
  return `${Math.round(ms * 1000)} µs`;
}

export async function run(print: (line: string) => void): Promise<void> {
  const lookup = lookupFromEntries([]);

  // (1) free slots
  const busy: Busy[] = [];
  for (let i = 0; i < 200; i += 1) {
    const start = new Date(NOW.getTime() + 86_400_000 + i * 3 * 3600_000);
    busy.push({ start, end: new Date(start.getTime() + 45 * 60_000), interviewId: `i${i}`, interviewerUserid: 'lina' });
  }
  const slotTimes: number[] = [];
  for (let i = 0; i < 2000; i += 1) {
    const t = performance.now();
    nearestFreeSlots({ interviewer: 'lina', around: new Date(NOW.getTime() + (i % 20) * 86_400_000), notBefore: NOW, durationMin: 45, busy, lookup, tz: TZ, count: 6 });
    slotTimes.push(performance.now() - t);
  }
  print(`free-slot search (200 busy, 14-day horizon)   p50 ${us(pct(slotTimes, 50))}   p99 ${us(pct(slotTimes, 99))}`);

  // (2) a pure form step
  const flow = interviewFlow({ linkKey: Buffer.alloc(32), wechatyEnabled: () => false });
  const facts: InterviewFacts = {
    jobs: [{ id: '64b000000000000000000001', code: 'PM', title: '产品经理', department: '产品部', questionCount: 5 }],
    people: [{ userid: 'lina', name: '李娜', department: '产品部' }], busy, lookup, wechatyEnabled: false, jobsPageUrl: 'http://x/hr/jobs',
  };
  const text = '帮我约张伟，电话13812345678，下周二下午3点面试产品经理，面试官李娜，视频面试';
  const turn: TextTurn = {
    inbound: { kind: 'text', key: 'k', from: { channel: 'wecom', id: 'zhaomin' }, at: NOW, text }, user: { channel: 'wecom', id: 'zhaomin' },
    employee: { userid: 'zhaomin', name: '赵敏', departments: [1], roles: ['employee', 'hr'], active: true, source: 'seed' },
    now: NOW, tz: TZ, today: '2026-11-22', publicBaseUrl: 'http://x', text,
    nlu: { intent: 'interview.schedule', confidence: 0.99, correction: false, slots: { candidateName: '张伟', candidatePhone: '13812345678', position: '产品经理', interviewer: '李娜', time: '2026-11-24T15:00' } },
  };
  const stepTimes: number[] = [];
  for (let i = 0; i < 2000; i += 1) {
    const t = performance.now();
    flow.start({}, turn, facts);
    stepTimes.push(performance.now() - t);
  }
  print(`schedule form step (full sentence → summary)  p50 ${us(pct(stepTimes, 50))}   p99 ${us(pct(stepTimes, 99))}`);

  // (3) reminder sweep on the embedded store
  const dir = await mkdtemp(join(tmpdir(), 'interview-bench-'));
  const store = await startEmbeddedMongo({ dbPath: dir, logger: silentLogger });
  try {
    await mongoose.connect(store.uri, { dbName: 'bench', autoIndex: false });
    await ensureIndexes();
    await EmployeeModel.create([{ userid: 'zhaomin', name: '赵敏', roles: ['employee', 'hr'], source: 'seed' }, { userid: 'lina', name: '李娜', roles: ['employee'], source: 'seed' }]);
    const job = await JobModel.create({ ...SEED_JOBS[0]!, questions: [...SEED_JOBS[0]!.questions] });
    for (const n of [200, 1000]) {
      await InterviewModel.deleteMany({});
      await CandidateModel.deleteMany({});
      await OutboxModel.deleteMany({});
      const docs = [];
      for (let i = 0; i < n; i += 1) {
        const candidateId = new Types.ObjectId();
        await CandidateModel.create({ _id: candidateId, name: `候选人${i}`, phone: `139${String(i).padStart(8, '0')}`, createdBy: 'zhaomin' });
        const start = new Date(NOW.getTime() + 23.5 * 3600_000 + (i % 20) * 60_000);
        docs.push({ candidateId, jobId: job._id, kind: 'onsite', startAt: start, endAt: new Date(start.getTime() + 45 * 60_000), interviewerUserid: 'lina', hrUserid: 'zhaomin', status: 'scheduled', linkVersion: 1, slotSetAt: new Date(NOW.getTime() - 7 * 86_400_000), reminders: {} });
      }
      await InterviewModel.insertMany(docs);
      const deps = { outbox: createOutbox({ now: () => NOW }), logger: silentLogger, linkKey: Buffer.alloc(32), publicBaseUrl: 'http://x', tz: TZ, companyName: '示例' };
      let t = performance.now();
      const first = await runInterviewReminders(NOW, deps);
      const firstMs = performance.now() - t;
      t = performance.now();
      const second = await runInterviewReminders(new Date(NOW.getTime() + 5 * 60_000), deps);
      const secondMs = performance.now() - t;
      print(`reminder sweep, ${String(n).padStart(4)} interviews due   first ${Math.round(firstMs)} ms (${first.sent} queued)   second ${Math.round(secondMs)} ms (${second.sent} queued)`);
    }
  } finally {
    await mongoose.disconnect();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
