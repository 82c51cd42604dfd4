/**
 * The job page: candidates ranked by overall with their percentile, filters,
 * the funnel, the fairness check by group (four-fifths rule on the share at
 * or above the job median; groups under 5 not judged), HR only. The numbers
 * are checked on the pure functions first, then through the page.
 */
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { InterviewModel } from '../../models/interview.js';
import { ScoreReportModel } from '../../models/scoreReport.js';
import { fairnessCheck, median, percentileOf } from '../../miniapp/hr/jobRankingStats.js';
import type { RankingView } from '../../miniapp/hr/jobRankingData.js';
import { useTestDatabase } from '../helpers/db.js';
import { GOOD_ANSWERS, seedInterview, storeText } from '../scorer/workerFixtures.js';
import { scoreNow, seedPeople, startReportSite, type ReportSite } from './reportHarness.js';

describe('岗位候选人排名：百分位、漏斗、公平性检查', function () {
  this.timeout(60_000);

  describe('纯计算', () => {
    it('百分位：中位秩（并列算一半），只有一人时没有百分位', () => {
      const all = [90, 80, 80, 70, 60];
      expect(percentileOf(90, all)).to.equal(100);
      expect(percentileOf(80, all)).to.equal(63); // (2 below + ½ tie) / 4
      expect(percentileOf(60, all)).to.equal(0);
      expect(percentileOf(75, [75])).to.equal(null);
      expect(median([3, 1, 2])).to.equal(2);
      expect(median([4, 1, 2, 3])).to.equal(2.5);
      expect(median([])).to.equal(null);
    });

    it('公平性：两组平均分的标准化差 ≥ 0.5 → 提示；不到 5 人的组和未分组的人不判断', () => {
      const scores = [
        ...[85, 80, 78, 75, 72, 70].map((overall) => ({ group: '社招', overall })),
        ...[74, 60, 58, 55, 50].map((overall) => ({ group: '校招', overall })),
        ...[95, 20].map((overall) => ({ group: '内推', overall })),
        { group: undefined, overall: 99 },
      ];
      const r = fairnessCheck(scores, '未分组');
      expect(r.kind).to.equal('warn');
      if (r.kind !== 'warn') return;
      expect([r.low, r.high]).to.deep.equal(['校招', '社招']);
      // Means 76.67 and 59.4; pooled SD sqrt((151.33 + 323.2) / 9) = 7.26.
      expect(r.gap).to.equal(17.3);
      expect(r.standardisedGap).to.equal(2.38);
      const byName = Object.fromEntries(r.groups.map((g) => [g.group, g]));
      expect(byName['内推']).to.include({ n: 2, judged: false });
      expect(byName['未分组']).to.include({ n: 1, judged: false });
      expect(byName['社招']).to.include({ n: 6, judged: true, median: 76.5 });
    });

    it('公平性：差异不大 → 不提示；可比较的组不足两个 → 不判断', () => {
      const even = [...[80, 70, 60, 50, 40].map((overall) => ({ group: 'A', overall })), ...[82, 72, 62, 52, 42].map((overall) => ({ group: 'B', overall }))];
      expect(fairnessCheck(even, '未分组')).to.deep.include({ kind: 'ok', gap: 2, standardisedGap: 0.13 });
      // Everyone within a point: the SD floor keeps a 1-point gap from looking large.
      const tight = [...[70, 71, 70, 71, 70].map((overall) => ({ group: 'A', overall })), ...[71, 72, 71, 72, 71].map((overall) => ({ group: 'B', overall }))];
      expect(fairnessCheck(tight, '未分组')).to.deep.include({ kind: 'ok', standardisedGap: 0.2 });
      expect(fairnessCheck(even.filter((s) => s.group === 'A'), '未分组').kind).to.equal('not_enough');
      expect(fairnessCheck([], '未分组')).to.deep.equal({ kind: 'not_enough', groups: [] });
    });
  });

  describe('页面（真实 HTTP）', () => {
    useTestDatabase();
    let site: ReportSite;
    before(async () => {
      site = await startReportSite();
    });
    after(() => site?.close());
    beforeEach(() => seedPeople());

    async function candidate(name: string, opts: { group?: string; review?: 'ai' | 'human'; overall?: number; answers?: number } = {}): Promise<Types.ObjectId> {
      const s = await seedInterview({ name, ...(opts.group ? { group: opts.group } : {}), review: opts.review ?? 'ai' });
      const qs = ['q1', 'q2', 'q3'].slice(0, opts.answers ?? 3);
      for (const q of qs) await storeText(s.interviewId, q, GOOD_ANSWERS[q]!);
      await scoreNow(s.interviewId);
      // Pin the overall so the order is known (the scorer's own numbers are tested elsewhere).
      if (opts.overall !== undefined) await ScoreReportModel.updateOne({ interviewId: s.interviewId }, { $set: { overall: opts.overall } });
      return s.interviewId;
    }

    it('按综合分排序，百分位按全岗位算；人工评审的排在最后且不显示分数；漏斗四个数', async () => {
      const zhang = await candidate('张伟', { overall: 82, group: '社招' });
      const li = await candidate('李娜', { overall: 64, group: '校招' });
      const wang = await candidate('王强', { overall: 91, group: '社招' });
      const zhao = await candidate('赵敏', { review: 'human', group: '校招' });
      await seedInterview({ name: '刘洋' }).then((s) => InterviewModel.updateOne({ _id: s.interviewId }, { $set: { status: 'scheduled' }, $unset: { completedAt: 1 } }));
      await InterviewModel.updateOne({ _id: zhang }, { $set: { decision: { value: 'advance', reason: '好', by: 'chenjing', at: site.clock } } });

      const api = await site.get('/api/hr/jobs/PM-2026/ranking', 'chenjing').set('Accept', 'application/json');
      expect(api.status).to.equal(200);
      const v = api.body as RankingView;
      expect(v.rows.map((r) => [r.name, r.rank, r.overall, r.percentile])).to.deep.equal([
        ['王强', 1, 91, 100], ['张伟', 2, 82, 50], ['李娜', 3, 64, 0], ['刘洋', null, null, null], ['赵敏', null, null, null],
      ]);
      expect(v.rows.find((r) => r.name === '赵敏')?.reviewMode).to.equal('human');
      expect(v.rows.find((r) => r.name === '刘洋')?.scoring).to.equal('none');
      expect(v.funnel).to.deep.equal({ invited: 5, completed: 4, scored: 4, decided: 1 });
      expect(String(li)).to.be.a('string');
      expect(String(wang)).to.be.a('string');
      expect(String(zhao)).to.be.a('string');

      const html = (await site.get('/hr/jobs/PM-2026/ranking', 'chenjing')).text;
      expect(html).to.include('候选人排名：产品经理');
      expect(html).to.include('超过本岗位 50% 的已评分候选人');
      expect(html.indexOf('王强')).to.be.lessThan(html.indexOf('张伟'));
      expect(html.indexOf('张伟')).to.be.lessThan(html.indexOf('李娜'));
      expect(html).to.include('data-testid="funnel-invited">5<').and.include('data-testid="funnel-decided">1<');
      expect(html).to.include('可比较的分组不足两个');
      expect(html).to.include(`/hr/reports/${String(zhang)}`);
    });

    it('筛选：按决定、分数范围、面试状态；排名和百分位不因筛选改变', async () => {
      const a = await candidate('张伟', { overall: 82 });
      await candidate('李娜', { overall: 64 });
      await candidate('王强', { overall: 91 });
      await InterviewModel.updateOne({ _id: a }, { $set: { decision: { value: 'hold', reason: '再看看', by: 'chenjing', at: site.clock } } });
      const get = async (q: string) => ((await site.get(`/api/hr/jobs/PM-2026/ranking?${q}`, 'chenjing').set('Accept', 'application/json')).body as RankingView).rows;
      expect((await get('decision=hold')).map((r) => [r.name, r.rank])).to.deep.equal([['张伟', 2]]);
      expect((await get('decision=none')).map((r) => r.name)).to.deep.equal(['王强', '李娜']);
      expect((await get('min=70&max=90')).map((r) => [r.name, r.percentile])).to.deep.equal([['张伟', 50]]);
      expect((await get('status=completed&min=0')).map((r) => r.name)).to.deep.equal(['王强', '张伟', '李娜']);
      expect((await get('status=bogus&decision=maybe&min=abc')).length, 'unknown filters are ignored').to.equal(3);
      const html = (await site.get('/hr/jobs/PM-2026/ranking?min=95', 'chenjing')).text;
      expect(html).to.include('没有符合条件的候选人');
      expect(html).to.include('name="min" min="0" max="100" inputmode="numeric" value="95"');
    });

    it('公平性提示出现在页面上：说明统计方法和阈值', async () => {
      for (const [i, s] of [85, 80, 78, 75, 72, 70].entries()) await candidate(`社招${i}`, { group: '社招', overall: s, answers: 1 });
      for (const [i, s] of [74, 60, 58, 55, 50].entries()) await candidate(`校招${i}`, { group: '校招', overall: s, answers: 1 });
      const html = (await site.get('/hr/jobs/PM-2026/ranking', 'chenjing')).text;
      expect(html).to.include('注意：“校招”的平均分比“社招”低 17.3 分（标准化差 2.38），差异较大');
      expect(html).to.include('Cohen&#39;s d').and.include('少于 5 人的分组和未分组的候选人只列出，不作判断').and.include('达到 0.5 时提示');
    });

    it('只有 HR 能看排名：面试官和普通员工 403，没登录跳去登录，岗位不存在 404', async () => {
      await candidate('张伟', { overall: 82 });
      expect((await site.get('/hr/jobs/PM-2026/ranking', 'lilei')).status).to.equal(403);
      expect((await site.get('/hr/jobs/PM-2026/ranking', 'wangfang')).status).to.equal(403);
      expect((await site.get('/hr/jobs/PM-2026/ranking', 'zhaomin')).status, 'WECOM_HR_ADMINS').to.equal(200);
      expect((await site.get('/hr/jobs/PM-2026/ranking')).status).to.equal(302);
      expect((await site.get('/hr/jobs/NOPE/ranking', 'chenjing')).status).to.equal(404);
    });
  });
});
