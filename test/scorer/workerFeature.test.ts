/**
 * The scorer inside the app (the scoring feature, SCORER_IN_PROCESS): the
 * real app wiring of test/helpers/wecomApp.ts picks up a queued interview,
 * writes the report, and the HR owner gets the WeCom card through the Outbox
 * (played by the fake WeCom API). With SCORER_IN_PROCESS=false the app leaves
 * the queue to `npm run scorer` processes.
 */
import { expect } from 'chai';
import { ScoreJobModel, ScoreReportModel } from '../../models/scoreReport.js';
import { enqueueScoreJob } from '../../scorer/queue.js';
import { useTestDatabase } from '../helpers/db.js';
import { DEFAULT_NOW, WecomApp } from '../helpers/wecomApp.js';
import { GOOD_ANSWERS, seedInterview, storeText } from './workerFixtures.js';

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('应用内的评分 worker（scoring feature）', function () {
  this.timeout(60_000);
  useTestDatabase();
  let app: WecomApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('排队的面试 → 应用里的 worker 评分 → 报告 → HR 收到企业微信卡片（张伟 · 产品经理 · 综合 NN）', async () => {
    const s = await seedInterview();
    for (const [q, text] of Object.entries(GOOD_ANSWERS)) await storeText(s.interviewId, q, text);
    await enqueueScoreJob(s.interviewId, DEFAULT_NOW);
    app = await WecomApp.start();
    await until(async () => (await ScoreJobModel.exists({ interviewId: s.interviewId, status: 'done' })) !== null);
    const report = await ScoreReportModel.findOne({ interviewId: s.interviewId }).lean();
    expect(report?.overall).to.be.a('number');
    expect(report?.producedBy).to.match(/^test:.*:scorer$/);
    const a = app;
    await a.waitFor(() => a.api.sentTo('chenjing').length > 0, 'the report card');
    const card = a.api.sentTo('chenjing')[0] as { msgtype: string; textcard: { title: string; url: string; description: string } };
    expect(card.msgtype).to.equal('textcard');
    expect(card.textcard.title).to.equal(`张伟 · 产品经理 · 综合 ${report?.overall}`);
    expect(card.textcard.url).to.equal(`http://hr.test/hr/reports/${String(s.interviewId)}`);
    expect(card.textcard.description).to.include('评分仅供参考');
  });

  it('SCORER_IN_PROCESS=false：应用不评分，任务留给独立的评分进程', async () => {
    const s = await seedInterview();
    await storeText(s.interviewId, 'q1', GOOD_ANSWERS['q1']!);
    await enqueueScoreJob(s.interviewId, DEFAULT_NOW);
    app = await WecomApp.start({ env: { SCORER_IN_PROCESS: 'false' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(await ScoreJobModel.findOne({ interviewId: s.interviewId }).lean()).to.include({ status: 'queued', attempts: 0 });
  });
});
