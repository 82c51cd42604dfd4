/**
 * HR's report page over real HTTP: who may see it (HR, WECOM_HR_ADMINS, the
 * interviewer of that interview; 403 for everyone else), the recording
 * streamed with Range, human ratings and decisions (reason required, guarded
 * against a colleague's change, audited), and the candidate's human-only
 * review hiding every AI figure.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { Types } from 'mongoose';
import { AuditLogModel } from '../../models/auditLog.js';
import { InterviewModel } from '../../models/interview.js';
import { ScoreReportModel } from '../../models/scoreReport.js';
import { RecordingModel } from '../../models/recording.js';
import { useTestDatabase } from '../helpers/db.js';
import { makeTempDir, webmWithoutDuration } from '../fixtures/scorer/generate.js';
import { GOOD_ANSWERS, seedInterview, storeRecording, storeText } from '../scorer/workerFixtures.js';
import { scoreNow, seedPeople, startReportSite, type ReportSite } from './reportHarness.js';

/** Words about the person the pages must never use. */
const FORBIDDEN = /情绪|情感|性格|人格|年龄|性别|自信|紧张|焦虑|表情|emotion|personality/i;

describe('HR 面试报告页（真实 HTTP）', function () {
  this.timeout(60_000);
  useTestDatabase();
  let site: ReportSite;
  let tmp: ReturnType<typeof makeTempDir>;
  let video: string;

  before(async () => {
    site = await startReportSite();
    tmp = makeTempDir('report-http-');
    video = webmWithoutDuration(tmp.dir, 'answer.webm', { durationSec: 4, audio: { durationSec: 4, silences: [[1.5, 2.3]] } });
  });
  after(async () => {
    await site?.close();
    tmp?.cleanup();
  });
  beforeEach(() => seedPeople());

  /** 张伟: q1 on video (a transcript stored with it), q2 and q3 typed; scored by the real worker. */
  async function scoredInterview(review: 'ai' | 'human' = 'ai'): Promise<{ interviewId: Types.ObjectId; recordingId: Types.ObjectId; jobId: Types.ObjectId }> {
    const s = await seedInterview({ review });
    const recordingId = await storeRecording(s.interviewId, 'q1', video);
    await RecordingModel.updateOne({ _id: recordingId }, { $set: { transcript: GOOD_ANSWERS['q1'] } });
    await storeText(s.interviewId, 'q2', GOOD_ANSWERS['q2']!);
    await storeText(s.interviewId, 'q3', GOOD_ANSWERS['q3']!);
    const { result } = await scoreNow(s.interviewId);
    expect(result.kind).to.equal('report');
    return { interviewId: s.interviewId, recordingId, jobId: s.jobId };
  }

  it('没登录：页面跳去企业微信登录，接口 401', async () => {
    const { interviewId } = await scoredInterview();
    const page = await site.get(`/hr/reports/${String(interviewId)}`);
    expect(page.status).to.equal(302);
    expect(page.headers['location']).to.equal(`/auth/wecom/start?next=${encodeURIComponent(`/hr/reports/${String(interviewId)}`)}`);
    const api = await site.get(`/api/hr/reports/${String(interviewId)}`).set('Accept', 'application/json');
    expect(api.status).to.equal(401);
  });

  it('HR 打开报告：综合分和算法、“仅供参考”、每题分项和原话证据、表达数据、录像；查看记入审计', async () => {
    const { interviewId, recordingId } = await scoredInterview();
    const res = await site.get(`/hr/reports/${String(interviewId)}`, 'chenjing');
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.include('no-store');
    const html = res.text;
    const report = await ScoreReportModel.findOne({ interviewId }).lean();
    expect(report?.overall).to.be.a('number');
    expect(html).to.include('面试报告：张伟');
    expect(html).to.include(`${report?.overall} <small>/ 100</small>`);
    expect(html).to.include('综合分 = 有内容评分的 3 题的平均分（每题权重相同）。');
    expect(html).to.include('评分只是参考，不是录用决定');
    for (const d of ['要点覆盖', '条理结构', '切题程度', '表达清晰']) expect(html).to.include(d);
    expect(html).to.include('<blockquote>我加了索引并调整了连接池，十分钟内恢复，之后加了慢查询告警，再没出现过。</blockquote>');
    expect(html).to.include('表达数据（只是测量，不计入分数）');
    expect(html).to.match(/停顿 1 次/);
    expect(html).to.include(`/hr/reports/${String(interviewId)}/media/${String(recordingId)}`);
    expect(html).to.include('<video controls');
    expect(html).to.include('文字作答（设备无法录像）');
    expect(html).to.include('进入下一轮').and.include('不合适').and.include('待定');
    expect(html).to.not.match(FORBIDDEN);
    const views = await AuditLogModel.find({ action: 'report.view', subjectId: String(interviewId) }).lean();
    expect(views.map((v) => v.actor)).to.deep.equal(['chenjing']);
  });

  it('谁能看：HR 管理员和本场面试官能看（面试官没有决定按钮）；别的面试官、普通员工 403', async () => {
    const { interviewId } = await scoredInterview();
    const path = `/hr/reports/${String(interviewId)}`;
    expect((await site.get(path, 'zhaomin')).status, 'WECOM_HR_ADMINS').to.equal(200);
    const interviewer = await site.get(path, 'lilei');
    expect(interviewer.status).to.equal(200);
    expect(interviewer.text).to.include('决定由 HR 做出');
    expect(interviewer.text).to.not.include('name="value" value="advance"');
    for (const who of ['zhaoqiang', 'wangfang']) {
      const res = await site.get(path, who);
      expect(res.status, who).to.equal(403);
      expect(res.text).to.include('没有权限').and.include('只对 HR 和本场面试的面试官开放');
      const api = await site.get(`/api${path}`, who).set('Accept', 'application/json');
      expect(api.status).to.equal(403);
    }
    const refused = await site.post(`${path}/decision`, 'lilei', { value: 'advance', reason: '不错', expected: 'none' });
    expect(refused.status).to.equal(403);
    expect((await InterviewModel.findById(interviewId).lean())?.decision).to.equal(undefined);
    expect((await site.get('/hr/reports/000000000000000000000000', 'chenjing')).status).to.equal(404);
    expect((await site.get('/hr/reports/not-an-id', 'chenjing')).status).to.equal(404);
  });

  it('录像：整段 200，按 Range 返回 206 和正确的字节，超出范围 416；别的面试的录像 404；播放记入审计', async () => {
    const { interviewId, recordingId } = await scoredInterview();
    const bytes = readFileSync(video);
    const path = `/hr/reports/${String(interviewId)}/media/${String(recordingId)}`;
    const whole = await site.get(path, 'chenjing').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(whole.status).to.equal(200);
    expect(whole.headers['content-type']).to.equal('video/webm');
    expect(whole.headers['accept-ranges']).to.equal('bytes');
    expect(Number(whole.headers['content-length'])).to.equal(bytes.length);
    expect(Buffer.compare(whole.body as Buffer, bytes)).to.equal(0);

    const part = await site.get(path, 'lilei').set('Range', 'bytes=100-1099').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(part.status).to.equal(206);
    expect(part.headers['content-range']).to.equal(`bytes 100-1099/${bytes.length}`);
    expect(Buffer.compare(part.body as Buffer, bytes.subarray(100, 1100))).to.equal(0);

    const tail = await site.get(path, 'chenjing').set('Range', 'bytes=-10');
    expect(tail.status).to.equal(206);
    expect(tail.headers['content-range']).to.equal(`bytes ${bytes.length - 10}-${bytes.length - 1}/${bytes.length}`);
    const past = await site.get(path, 'chenjing').set('Range', `bytes=${bytes.length}-`);
    expect(past.status).to.equal(416);
    expect(past.headers['content-range']).to.equal(`bytes */${bytes.length}`);

    expect((await site.get(path, 'wangfang')).status).to.equal(403);
    const other = await seedInterview({ name: '李娜' });
    expect((await site.get(`/hr/reports/${String(other.interviewId)}/media/${String(recordingId)}`, 'chenjing')).status).to.equal(404);
    const plays = await AuditLogModel.find({ action: 'recording.view' }).lean();
    expect(plays.map((p) => p.actor).sort()).to.deep.equal(['chenjing']);
  });

  it('人工评分：HR 和面试官都能录入（1–5 分和备注），保存在对应题目旁并记入审计；跨站提交 403，错误分数 422', async () => {
    const { interviewId } = await scoredInterview();
    const path = `/hr/reports/${String(interviewId)}`;
    const res = await site.post(`${path}/rating`, 'lilei', { questionId: 'q2', score: '4', note: '排查思路清楚' });
    expect(res.status).to.equal(303);
    expect(res.headers['location']).to.equal(`${path}?m=rated#q-q2`);
    let report = await ScoreReportModel.findOne({ interviewId }).lean();
    expect(report?.answers.find((a) => a.questionId === 'q2')?.humanRating).to.deep.include({ score: 4, note: '排查思路清楚', by: 'lilei' });
    const page = await site.get(`${path}?m=rated`, 'chenjing');
    expect(page.text).to.include('人工评分已保存').and.include('4 良好').and.include('排查思路清楚').and.include('李雷 · 2026-11-22 10:00');
    expect(page.text).to.include('人工评分平均 4.0 / 5（1 题）');

    await site.post(`${path}/rating`, 'chenjing', { questionId: 'q2', score: '3', note: '' });
    report = await ScoreReportModel.findOne({ interviewId }).lean();
    expect(report?.answers.find((a) => a.questionId === 'q2')?.humanRating).to.deep.include({ score: 3, by: 'chenjing' });
    const audits = await AuditLogModel.find({ action: 'report.rating' }).sort({ at: 1, _id: 1 }).lean();
    expect(audits.map((a) => [a.actor, a.details?.['score'], (a.details?.['previous'] as { score?: number } | null)?.score ?? null])).to.deep.equal([['lilei', 4, null], ['chenjing', 3, 4]]);

    expect((await site.post(`${path}/rating`, 'chenjing', { questionId: 'q2', score: '5' }, 'https://evil.example')).status).to.equal(403);
    const bad = await site.post(`${path}/rating`, 'chenjing', { questionId: 'q2', score: '9' });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.include('评分应为 1 到 5 的整数');
    expect((await site.post(`${path}/rating`, 'chenjing', { questionId: 'q9', score: '3' })).status).to.equal(422);
    expect((await site.post(`${path}/rating`, 'wangfang', { questionId: 'q2', score: '1' })).status).to.equal(403);
    expect(report?.answers.find((a) => a.questionId === 'q2')?.humanRating?.score).to.equal(3);
  });

  it('决定：必须写理由；保存后记入审计；别人刚改过时不覆盖（409）；按最新状态再改一次，审计里有前一个决定', async () => {
    const { interviewId } = await scoredInterview();
    const path = `/hr/reports/${String(interviewId)}`;
    const empty = await site.post(`${path}/decision`, 'chenjing', { value: 'advance', reason: '  ', expected: 'none' });
    expect(empty.status).to.equal(422);
    expect(empty.text).to.include('请填写理由');
    expect((await InterviewModel.findById(interviewId).lean())?.decision).to.equal(undefined);

    const ok = await site.post(`${path}/decision`, 'chenjing', { value: 'hold', reason: '等第二位候选人面完再比较', expected: 'none' });
    expect(ok.status).to.equal(303);
    const first = (await InterviewModel.findById(interviewId).lean())?.decision;
    expect(first).to.deep.include({ value: 'hold', reason: '等第二位候选人面完再比较', by: 'chenjing' });

    // 赵敏 still has the page from before 陈静 decided.
    site.clock = new Date('2026-11-22T03:00:00Z');
    const stale = await site.post(`${path}/decision`, 'zhaomin', { value: 'reject', reason: '经验不够', expected: 'none' });
    expect(stale.status).to.equal(409);
    expect(stale.text).to.include('刚被别人修改过').and.include('经验不够');
    expect((await InterviewModel.findById(interviewId).lean())?.decision?.value).to.equal('hold');

    const page = await site.get(path, 'zhaomin');
    expect(page.text).to.include('当前：待定（陈静，2026-11-22 10:00）');
    const expected = /name="expected" value="([^"]+)"/.exec(page.text)?.[1];
    expect(expected).to.equal(first?.at.toISOString());
    const again = await site.post(`${path}/decision`, 'zhaomin', { value: 'advance', reason: '第 2 题的排查思路清楚，进入技术面', expected: expected ?? '' });
    expect(again.status).to.equal(303);
    expect((await InterviewModel.findById(interviewId).lean())?.decision).to.deep.include({ value: 'advance', by: 'zhaomin' });
    const audits = await AuditLogModel.find({ action: 'interview.decision' }).sort({ at: 1 }).lean();
    expect(audits.map((a) => [a.actor, a.details?.['value'], (a.details?.['previous'] as { value?: string } | null)?.value ?? null])).to.deep.equal([
      ['chenjing', 'hold', null],
      ['zhaomin', 'advance', 'hold'],
    ]);
    site.clock = new Date('2026-11-22T02:00:00Z');
  });

  it('候选人选择仅人工评审：页面和接口都没有任何 AI 分数、转写或表达数据，只有录像、画面检查和人工评分', async () => {
    const { interviewId } = await scoredInterview('human');
    const html = (await site.get(`/hr/reports/${String(interviewId)}`, 'chenjing')).text;
    expect(html).to.include('候选人选择了“仅人工评审”');
    for (const word of ['综合分', '本题内容分', '要点覆盖', '转写文字', '表达数据', '停顿', '语速', '/ 100', '信息不足']) expect(html, word).to.not.include(word);
    expect(html).to.include('<video controls').and.include('保存评分').and.include('进入下一轮');
    expect(html).to.not.match(FORBIDDEN);
    const api = await site.get(`/api/hr/reports/${String(interviewId)}`, 'chenjing').set('Accept', 'application/json');
    expect(api.status).to.equal(200);
    const body = api.body as { reviewMode: string; overall: unknown; answers: Array<{ overall: unknown; analysis: Record<string, unknown> | null; outcome: string }> };
    expect(body.reviewMode).to.equal('human');
    expect(body.overall).to.equal(null);
    for (const a of body.answers) {
      expect(a.overall).to.equal(null);
      expect(a.outcome).to.equal('human_review');
      expect(JSON.stringify(a.analysis)).to.not.match(/"(content|transcript|audio|dimensions)":/);
    }

    // An old report with scores, for an interview whose candidate chose human review: still hidden.
    await ScoreReportModel.updateOne({ interviewId }, { $set: { overall: 88, reviewMode: 'ai' } });
    const again = (await site.get(`/hr/reports/${String(interviewId)}`, 'chenjing')).text;
    expect(again).to.include('仅人工评审');
    expect(again).to.not.include('88 <small>');
    expect(again).to.not.include('综合分');
  });

  it('跨站提交被拒：浏览器说 cross-site，或者没有 Sec-Fetch-Site 且 Origin 不是本站；本站表单（Origin: null + same-origin）照常', async () => {
    const { interviewId } = await scoredInterview();
    const path = `/hr/reports/${String(interviewId)}/decision`;
    const form = { value: 'reject', reason: '伪造', expected: 'none' };
    const cross = await site.post(path, 'chenjing', form, 'https://evil.example').set('Sec-Fetch-Site', 'cross-site');
    expect(cross.status).to.equal(403);
    expect((await site.post(path, 'chenjing', form, 'null')).status, 'an old browser behind no-referrer').to.equal(403);
    expect((await InterviewModel.findById(interviewId).lean())?.decision).to.equal(undefined);
    const ours = await site.post(path, 'chenjing', { ...form, reason: '经验与岗位不符' }, 'null').set('Sec-Fetch-Site', 'same-origin');
    expect(ours.status).to.equal(303);
  });

  it('演示数据和早期格式的报告（没有 outcome / overallBasis）也能打开，并标明是演示数据', async () => {
    // As the demo seed writes it: typed answers scored at seed time, no Recording documents.
    const s = await seedInterview();
    await ScoreReportModel.create({
      interviewId: s.interviewId, jobId: s.jobId, candidateId: s.candidateId, overall: 77, weights: { q1: 1 },
      answers: [{ questionId: 'q1', overall: 77, contentRated: true, analysis: { transcript: { status: 'typed', text: '我先单独约他聊，听他讲清楚顾虑。' } }, flags: [] }],
      flags: ['demo_data', 'text_answers'], scorerVersion: 'demo',
    });
    const res = await site.get(`/hr/reports/${String(s.interviewId)}`, 'chenjing');
    expect(res.status).to.equal(200);
    expect(res.text).to.include('77 <small>/ 100</small>').and.include('综合分 = 各题内容分的平均。').and.include('这是演示数据');
    expect(res.text).to.include('<blockquote aria-label="候选人的文字回答">我先单独约他聊，听他讲清楚顾虑。</blockquote>');
  });

  it('还没出报告 / 评分失败：显示状态，录像照样能看，人工评分要等报告', async () => {
    const s = await seedInterview();
    await storeRecording(s.interviewId, 'q1', video);
    const html = (await site.get(`/hr/reports/${String(s.interviewId)}`, 'chenjing')).text;
    expect(html).to.include('候选人还没有提交全部回答').and.include('<video controls').and.include('报告生成后才能录入人工评分');
    const res = await site.post(`/hr/reports/${String(s.interviewId)}/rating`, 'chenjing', { questionId: 'q1', score: '3' });
    expect(res.status).to.equal(409);
  });
});
