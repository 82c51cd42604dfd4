/**
 * The worker's lease and retry rules on the shared test database: two workers
 * racing one job, a crashed worker's job taken over after its lease, retries
 * with backoff until the job fails and HR is told, a worker whose lease was
 * taken over cannot overwrite, and a shutdown hands the job back. Answers are
 * typed here (fast); the media path is in workerScore.test.ts.
 */
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { silentLogger } from '../../lib/logger.js';
import { ScoreJobModel, ScoreReportModel } from '../../models/scoreReport.js';
import { InterviewModel } from '../../models/interview.js';
import { noTranscriber } from '../../scorer/asr.js';
import { backoffMs, claimScoreJob, enqueueScoreJob, type RetryPolicy } from '../../scorer/queue.js';
import { ScoreWorker, type ScoreWorkerOptions } from '../../scorer/worker.js';
import { scoreInterview, type InterviewScoring, type ScoreInterviewOptions } from '../../scorer/workerScore.js';
import { writeReport } from '../../scorer/reportStore.js';
import { buildReport } from '../../scorer/report.js';
import { useTestDatabase } from '../helpers/db.js';
import { MemoryOutbox } from '../helpers/memoryOutbox.js';
import { GOOD_ANSWERS, seedInterview, storeText } from './workerFixtures.js';

const T0 = new Date('2026-11-22T02:00:00Z');
const LEASE = 60_000;
const RETRY: RetryPolicy = { maxAttempts: 4, backoffBaseMs: 30_000, backoffMaxMs: 15 * 60_000 };

class Clock {
  t = T0.getTime();
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

const realScore = (id: Types.ObjectId, o: ScoreInterviewOptions): Promise<InterviewScoring> =>
  scoreInterview(id, { transcriber: noTranscriber, faces: false, logger: silentLogger }, o);

function worker(owner: string, clock: Clock, outbox: MemoryOutbox, over: Partial<ScoreWorkerOptions> = {}): ScoreWorker {
  return new ScoreWorker({
    owner, concurrency: 1, score: realScore, notifier: outbox, publicBaseUrl: 'https://hr.example.com', logger: silentLogger,
    leaseMs: LEASE, heartbeatMs: 3_600_000, pollMs: 10, retry: RETRY, now: clock.now, ...over,
  });
}

async function typedInterview(): Promise<Types.ObjectId> {
  const s = await seedInterview();
  for (const [q, text] of Object.entries(GOOD_ANSWERS)) await storeText(s.interviewId, q, text);
  await enqueueScoreJob(s.interviewId, T0);
  return s.interviewId;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('评分 worker：租约、重试、不重复处理', function () {
  this.timeout(30_000);
  useTestDatabase();

  it('同一场面试只排一次队：重复 enqueue 没有第二个任务', async () => {
    const s = await seedInterview();
    expect(await enqueueScoreJob(s.interviewId, T0)).to.equal('queued');
    expect(await enqueueScoreJob(s.interviewId, T0)).to.equal('exists');
    expect(await ScoreJobModel.countDocuments()).to.equal(1);
  });

  it('两个 worker 同时抢一个任务 → 只有一个拿到，只评一次，HR 只收到一张卡片', async () => {
    const interviewId = await typedInterview();
    const clock = new Clock();
    const outbox = new MemoryOutbox();
    let calls = 0;
    const counting = (id: Types.ObjectId, o: ScoreInterviewOptions) => {
      calls += 1;
      return realScore(id, o);
    };
    const a = worker('A', clock, outbox, { score: counting });
    const b = worker('B', clock, outbox, { score: counting });
    const results = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(results.map((r) => r.kind).sort()).to.deep.equal(['idle', 'report']);
    expect(calls).to.equal(1);
    expect(await ScoreReportModel.countDocuments({ interviewId })).to.equal(1);
    const job = await ScoreJobModel.findOne({ interviewId }).lean();
    expect(job).to.include({ status: 'done', attempts: 1, outcome: 'report' });
    expect(job?.leaseOwner).to.equal(undefined);
    expect(outbox.sent).to.have.length(1);
    const card = outbox.sent[0];
    expect(card?.to).to.deep.equal({ channel: 'wecom', id: 'chenjing' });
    expect(card?.message.kind).to.equal('link_card');
    if (card?.message.kind === 'link_card') {
      expect(card.message.title).to.match(/^张伟 · 产品经理 · 综合 \d+$/);
      expect(card.message.url).to.equal(`https://hr.example.com/hr/reports/${String(interviewId)}`);
      expect(card.message.description).to.include('评分仅供参考');
    }
    // Done is done: nobody claims it again.
    clock.advance(10 * LEASE);
    expect((await a.runOnce()).kind).to.equal('idle');
  });

  it('worker 崩溃：租约到期前没人接手，到期后另一个 worker 接手并写出报告', async () => {
    const interviewId = await typedInterview();
    const clock = new Clock();
    const outbox = new MemoryOutbox();
    const crashed = await claimScoreJob('crashed', { leaseMs: LEASE, now: clock.now() });
    expect(crashed?.fence).to.equal(1);
    const b = worker('B', clock, outbox);
    clock.advance(LEASE - 1);
    expect((await b.runOnce()).kind, '租约还没到期').to.equal('idle');
    clock.advance(1);
    const r = await b.runOnce();
    expect(r.kind).to.equal('report');
    const report = await ScoreReportModel.findOne({ interviewId }).lean();
    expect(report).to.include({ fence: 2, producedBy: 'B' });
    expect(await ScoreJobModel.findOne({ interviewId }).lean()).to.include({ status: 'done', attempts: 2 });
  });

  it('失败后按指数退避重试；第 4 次仍失败 → 任务失败，保留错误，通知 HR', async () => {
    const interviewId = await typedInterview();
    const clock = new Clock();
    const outbox = new MemoryOutbox();
    let calls = 0;
    const w = worker('A', clock, outbox, {
      score: async () => {
        calls += 1;
        throw new Error(`ffmpeg 不可用（第 ${calls} 次）`);
      },
    });
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, RETRY))).to.deep.equal([30_000, 60_000, 120_000, 240_000, 900_000]);

    const first = await w.runOnce();
    expect(first).to.deep.include({ kind: 'retry', at: new Date(T0.getTime() + 30_000) });
    let job = await ScoreJobModel.findOne({ interviewId }).lean();
    expect(job).to.include({ status: 'queued', attempts: 1, lastError: 'ffmpeg 不可用（第 1 次）' });

    clock.advance(29_999);
    expect((await w.runOnce()).kind, '退避期内不重试').to.equal('idle');
    clock.advance(1);
    expect((await w.runOnce()).kind).to.equal('retry');
    clock.advance(60_000);
    expect((await w.runOnce()).kind).to.equal('retry');
    clock.advance(120_000);
    const last = await w.runOnce();
    expect(last).to.deep.include({ kind: 'failed', error: 'ffmpeg 不可用（第 4 次）' });
    expect(calls).to.equal(4);
    job = await ScoreJobModel.findOne({ interviewId }).lean();
    expect(job).to.include({ status: 'failed', attempts: 4, lastError: 'ffmpeg 不可用（第 4 次）' });
    clock.advance(3_600_000);
    expect((await w.runOnce()).kind, '失败的任务不会再被领取').to.equal('idle');

    expect(outbox.sent).to.have.length(1);
    const msg = outbox.sent[0]?.message;
    expect(outbox.sent[0]?.key).to.equal(`score-failed:${String(interviewId)}`);
    expect(msg?.kind === 'link_card' && msg.title).to.equal('张伟 · 产品经理 · 评分未完成');
    expect(msg?.kind === 'link_card' && msg.description).to.include('尝试 4 次').and.include('ffmpeg 不可用');
    expect(await ScoreReportModel.countDocuments()).to.equal(0);
  });

  it('反复崩溃（每次都没来得及记录）：超过次数上限后不再重试，直接失败并通知 HR', async () => {
    const interviewId = await typedInterview();
    const clock = new Clock();
    const outbox = new MemoryOutbox();
    for (let i = 0; i < RETRY.maxAttempts; i += 1) {
      expect(await claimScoreJob(`crash-${i}`, { leaseMs: LEASE, now: clock.now() })).to.not.equal(undefined);
      clock.advance(LEASE);
    }
    let calls = 0;
    const w = worker('B', clock, outbox, { score: async (id, o) => ((calls += 1), realScore(id, o)) });
    const r = await w.runOnce();
    expect(r.kind).to.equal('failed');
    expect(calls).to.equal(0);
    expect(await ScoreJobModel.findOne({ interviewId }).lean()).to.include({ status: 'failed', lastError: '处理中断 4 次（进程崩溃或超时），已停止重试' });
    expect(outbox.textsTo('chenjing')).to.deep.equal(['[链接] 张伟 · 产品经理 · 评分未完成']);
  });

  it('租约被别人接手的 worker 做完也不能覆盖报告，也不改任务状态', async () => {
    const interviewId = await typedInterview();
    const clock = new Clock();
    const outbox = new MemoryOutbox();
    const gate = deferred();
    const entered = deferred();
    const slow = worker('slow', clock, outbox, {
      score: async (id, o) => {
        entered.resolve();
        await gate.promise; // a long GC pause, a stuck disk …
        return realScore(id, { ...o, signal: new AbortController().signal }); // ignores the abort on purpose
      },
    });
    const fast = worker('fast', clock, outbox);
    const slowRun = slow.runOnce();
    await entered.promise;
    clock.advance(LEASE + 1);
    expect((await fast.runOnce()).kind).to.equal('report');
    const before = await ScoreReportModel.findOne({ interviewId }).lean();
    gate.resolve();
    expect((await slowRun).kind).to.equal('lost');
    const after = await ScoreReportModel.findOne({ interviewId }).lean();
    expect(after?.producedBy).to.equal('fast');
    expect(after?.fence).to.equal(2);
    expect(after?.updatedAt?.getTime()).to.equal(before?.updatedAt?.getTime());
    expect(await ScoreJobModel.findOne({ interviewId }).lean()).to.include({ status: 'done', attempts: 2 });
    expect(outbox.sent).to.have.length(1);
  });

  it('心跳发现租约丢了 → 中止正在做的分析', async () => {
    await typedInterview();
    const clock = new Clock();
    const outbox = new MemoryOutbox();
    const entered = deferred();
    const slow = worker('slow', clock, outbox, {
      heartbeatMs: 20,
      score: (_id, o) => new Promise<InterviewScoring>((_resolve, reject) => {
        entered.resolve();
        o.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      }),
    });
    const run = slow.runOnce();
    await entered.promise;
    clock.advance(LEASE + 1);
    await claimScoreJob('thief', { leaseMs: LEASE, now: clock.now() });
    expect((await run).kind).to.equal('lost');
    const job = await ScoreJobModel.findOne({}).lean();
    expect(job).to.include({ status: 'running', leaseOwner: 'thief', attempts: 2 });
  });

  it('围栏：低序号的写入不能覆盖高序号的报告；重新评分保留 HR 已填的人工评分', async () => {
    const s = await seedInterview();
    const draft = (overall: number) => ({
      ...buildReport({ interviewId: s.interviewId, jobId: s.jobId, candidateId: s.candidateId, reviewMode: 'ai', scorerVersion: 'test', findings: [{ kind: 'missing', questionId: 'q1' }] }),
      overall,
    });
    expect(await writeReport(draft(70), { fence: 2, owner: 'B' })).to.equal('written');
    expect(await writeReport(draft(10), { fence: 1, owner: 'A' })).to.equal('superseded');
    expect(await writeReport(draft(11), { fence: 2, owner: 'A' })).to.equal('superseded');
    expect((await ScoreReportModel.findOne({ interviewId: s.interviewId }).lean())?.overall).to.equal(70);

    await ScoreReportModel.updateOne({ interviewId: s.interviewId, 'answers.0.questionId': 'q1' }, { $set: { 'answers.0.humanRating': { score: 4, by: 'chenjing', at: T0 } } });
    expect(await writeReport(draft(80), { fence: 3, owner: 'C' })).to.equal('written');
    const r = await ScoreReportModel.findOne({ interviewId: s.interviewId }).lean();
    expect(r?.overall).to.equal(80);
    expect(r?.answers[0]?.humanRating).to.deep.include({ score: 4, by: 'chenjing' });
    expect(await ScoreReportModel.countDocuments()).to.equal(1);
  });

  it('停止 worker：正在做的任务交回队列，不算一次尝试，下一个 worker 马上能接手', async () => {
    const interviewId = await typedInterview();
    const clock = new Clock();
    const outbox = new MemoryOutbox();
    const entered = deferred();
    const w = worker('A', clock, outbox, {
      score: (_id, o) => new Promise<InterviewScoring>((_resolve, reject) => {
        entered.resolve();
        o.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      }),
    });
    w.start();
    await entered.promise;
    await w.stop();
    expect(await ScoreJobModel.findOne({ interviewId }).lean()).to.include({ status: 'queued', attempts: 0 });
    expect((await worker('B', clock, outbox).runOnce()).kind).to.equal('report');
  });

  it('worker 循环：启动后自己从队列里领任务，做完后空闲等待', async () => {
    const interviewId = await typedInterview();
    const clock = new Clock();
    const outbox = new MemoryOutbox();
    const w = worker('loop', clock, outbox, { concurrency: 2 });
    w.start();
    try {
      for (let i = 0; i < 200 && !(await ScoreJobModel.exists({ interviewId, status: 'done' })); i += 1) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await w.stop();
    }
    expect(await ScoreReportModel.countDocuments({ interviewId })).to.equal(1);
    expect(outbox.sent).to.have.length(1);
  });

  it('不是视频面试、或候选人已申请删除：任务完成但不评分，不发卡片', async () => {
    const interviewId = await typedInterview();
    await InterviewModel.updateOne({ _id: interviewId }, { $set: { deletionRequestedAt: T0 } });
    const outbox = new MemoryOutbox();
    const r = await worker('A', new Clock(), outbox).runOnce();
    expect(r).to.deep.include({ kind: 'skipped', note: '候选人已申请删除或录像已清除，不再评分' });
    expect(await ScoreJobModel.findOne({ interviewId }).lean()).to.include({ status: 'done', outcome: 'skipped' });
    expect(await ScoreReportModel.countDocuments()).to.equal(0);
    expect(outbox.sent).to.have.length(0);
  });
});
