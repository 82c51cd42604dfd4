/**
 * The interview page's API over real HTTP: the link, consent before upload,
 * upload limits, resumable chunks (offset queries, duplicates, gaps, races),
 * the ffprobe check, retakes, keeping an answer, completion with one score
 * job, text answers, the integrity log and refusals once it is over.
 */
import { buffer } from 'node:stream/consumers';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Types } from 'mongoose';
import { useTestDatabase } from '../../helpers/db.js';
import { InterviewModel } from '../../../models/interview.js';
import { RecordingModel, RecordingPartModel, recordingsBucket } from '../../../models/recording.js';
import { ScoreJobModel } from '../../../models/scoreReport.js';
import { AuditLogModel } from '../../../models/auditLog.js';
import { interviewToken } from '../../../models/interviewLink.js';
import { probe } from '../../../lib/media/ffmpeg.js';
import type { AttemptView, PageState } from '../../../miniapp/interview/apiTypes.js';
import { CONSENT, LINK_KEY, T0, pieces, question, seedInterview, startInterviewSite, webm, type InterviewSite, type Seeded } from './harness.js';

const WEBM = 'video/webm;codecs=vp8,opus';

describe('视频面试页 API', function () {
  this.timeout(30_000);
  useTestDatabase();
  let site: InterviewSite;

  before(async () => {
    site = await startInterviewSite();
  });
  after(async () => {
    await site?.close();
  });
  beforeEach(() => {
    site.clock = T0;
    site.outbox.sent.length = 0;
  });

  const api = (token: string) => `/api/interview/${encodeURIComponent(token)}`;

  async function consent(s: Seeded, review: 'ai' | 'human' = 'ai'): Promise<PageState> {
    const r = await site.http().post(`${api(s.token)}/consent`).send({ version: CONSENT, review }).expect(200);
    return r.body as PageState;
  }

  async function start(s: Seeded, qid: string, mimeType = WEBM): Promise<AttemptView> {
    const r = await site.http().post(`${api(s.token)}/questions/${qid}/attempts`).send({ mimeType }).expect(201);
    return r.body as AttemptView;
  }

  function chunk(s: Seeded, rid: string, offset: number, data: Buffer, type = 'video/webm') {
    return site.http().post(`${api(s.token)}/recordings/${rid}/chunks?offset=${offset}`).set('Content-Type', type).send(data);
  }

  async function upload(s: Seeded, rid: string, data: Buffer, size = 16 * 1024): Promise<void> {
    let offset = 0;
    for (const p of pieces(data, size)) {
      const r = await chunk(s, rid, offset, p).expect(200);
      offset = (r.body as { receivedBytes: number }).receivedBytes;
    }
    expect(offset).to.equal(data.length);
  }

  function complete(s: Seeded, rid: string, totalBytes: number) {
    return site.http().post(`${api(s.token)}/recordings/${rid}/complete`).send({ totalBytes });
  }

  async function answer(s: Seeded, qid: string, seconds = 3): Promise<string> {
    const a = await start(s, qid);
    const data = await webm({ seconds });
    await upload(s, a.recordingId, data);
    await complete(s, a.recordingId, data.length).expect(200);
    return a.recordingId;
  }

  describe('链接', () => {
    it('过期的链接 410，被改过的 403，改期后旧链接 410，页面也一样', async () => {
      const s = await seedInterview();
      site.clock = new Date(s.interview.endAt.getTime() + 8 * 86_400_000);
      const expired = await site.http().get(`${api(s.token)}/state`).expect(410);
      expect(expired.body.error).to.match(/过期/);
      site.clock = T0;

      const [body, mac] = s.token.split('.') as [string, string];
      const forged = `${body}.${mac.slice(0, -2)}${mac.endsWith('A') ? 'BB' : 'AA'}`;
      await site.http().get(`${api(forged)}/state`).expect(403);
      const page = await site.http().get(`/interview/${forged}`).set('Accept', 'text/html').expect(403);
      expect(page.text).to.contain('链接无效');

      await InterviewModel.updateOne({ _id: s.interview._id }, { $inc: { linkVersion: 1 } });
      await site.http().get(`${api(s.token)}/state`).expect(410);
      await site.http().post(`${api(s.token)}/consent`).send({ version: CONSENT, review: 'ai' }).expect(410);
    });

    it('一场面试的链接动不了另一场面试的录像', async () => {
      const a = await seedInterview();
      const b = await seedInterview();
      await consent(a);
      await consent(b);
      const take = await start(a, 'q1');
      await site.http().get(`${api(b.token)}/recordings/${take.recordingId}`).expect(404);
      await chunk(b, take.recordingId, 0, await webm({ seconds: 3 })).expect(404);
      await site.http().post(`${api(b.token)}/recordings/${take.recordingId}/keep`).expect(404);
    });

    it('不是视频面试：页面说明，接口 404', async () => {
      const s = await seedInterview({ interview: { kind: 'onsite', location: '3 楼会议室' } });
      const page = await site.http().get(`/interview/${s.token}`).expect(200);
      expect(page.text).to.contain('不需要在线录制');
      await site.http().post(`${api(s.token)}/consent`).send({ version: CONSENT, review: 'ai' }).expect(404);
    });
  });

  describe('同意', () => {
    it('没同意之前不能开始录制；同意后面试开始，记录版本、时间和评估方式', async () => {
      const s = await seedInterview();
      const refused = await site.http().post(`${api(s.token)}/questions/q1/attempts`).send({ mimeType: WEBM }).expect(403);
      expect(refused.body.error).to.contain('同意');
      await site.http().post(`${api(s.token)}/consent`).send({ version: 'old', review: 'ai' }).expect(409);

      const state = await consent(s, 'human');
      expect(state.consent).to.deep.equal({ version: CONSENT, review: 'human' });
      const i = await InterviewModel.findById(s.interview._id).lean();
      expect(i?.status).to.equal('in_progress');
      expect(i?.consent?.at.toISOString()).to.equal(T0.toISOString());
      expect(i?.startedAt?.toISOString()).to.equal(T0.toISOString());
      expect(await AuditLogModel.countDocuments({ action: 'interview.consent', subjectId: String(s.interview._id) })).to.equal(1);
    });

    it('页面写明录什么、怎么评估、保存几天、怎么申请删除', async () => {
      const s = await seedInterview();
      const page = await site.http().get(`/interview/${s.token}`).expect(200);
      expect(page.headers['cache-control']).to.equal('no-store');
      expect(page.headers['content-security-policy']).to.contain("script-src 'self'");
      for (const text of ['录制什么', '视频和声音', '不会从表情', '保存 180 天', '申请删除', '只由 HR 人工评估', `/i/${s.token}/delete`]) expect(page.text).to.contain(text);
      expect(page.text).to.contain('<script type="application/json" id="page-state">');
    });
  });

  describe('上传限制', () => {
    it('不支持的格式 415；单块超过 2 MiB 413；类型对不上 415；开头不是 webm 415', async () => {
      const s = await seedInterview();
      await consent(s);
      await site.http().post(`${api(s.token)}/questions/q1/attempts`).send({ mimeType: 'video/ogg' }).expect(415);
      const take = await start(s, 'q1');
      expect(take.mimeType).to.equal('video/webm');
      await chunk(s, take.recordingId, 0, Buffer.alloc(2 * 1024 * 1024 + 1, 1)).expect(413);
      await chunk(s, take.recordingId, 0, (await webm({ seconds: 3 })).subarray(0, 1000), 'video/mp4').expect(415);
      await chunk(s, take.recordingId, 0, Buffer.from('not a video at all, just text')).expect(415);
      const state = await site.http().get(`${api(s.token)}/recordings/${take.recordingId}`).expect(200);
      expect(state.body.receivedBytes).to.equal(0);
    });

    it('超过这道题允许的总大小 413（由回答时长算出）', async () => {
      const s = await seedInterview();
      await consent(s);
      const take = await start(s, 'q1');
      expect(take.maxBytes).to.be.greaterThan(1024 * 1024).and.lessThan(10 * 1024 * 1024);
      await chunk(s, take.recordingId, take.maxBytes - 10, Buffer.alloc(11, 1)).expect(413);
    });

    it('偏移不对 400/409：跳过的部分不收，回答服务器已有多少', async () => {
      const s = await seedInterview();
      await consent(s);
      const take = await start(s, 'q1');
      const data = await webm({ seconds: 3 });
      await site.http().post(`${api(s.token)}/recordings/${take.recordingId}/chunks?offset=-5`).set('Content-Type', 'video/webm').send(data.subarray(0, 10)).expect(400);
      await site.http().post(`${api(s.token)}/recordings/${take.recordingId}/chunks`).set('Content-Type', 'video/webm').send(data.subarray(0, 10)).expect(400);
      await chunk(s, take.recordingId, 0, data.subarray(0, 1000)).expect(200);
      const gap = await chunk(s, take.recordingId, 2000, data.subarray(2000, 3000)).expect(409);
      expect(gap.body.receivedBytes).to.equal(1000);
      expect(await RecordingPartModel.countDocuments({ recordingId: new Types.ObjectId(take.recordingId) })).to.equal(1);
    });
  });

  describe('续传', () => {
    it('断了以后问服务器收到多少，重复的块不重复写，接着传完；录像能播放、时长对', async () => {
      const s = await seedInterview();
      await consent(s);
      const take = await start(s, 'q1');
      const data = await webm({ seconds: 3 });
      const [a, b, c] = [data.subarray(0, 7000), data.subarray(7000, 20_000), data.subarray(20_000)];
      await chunk(s, take.recordingId, 0, a).expect(200);
      await chunk(s, take.recordingId, 7000, b).expect(200);
      // The reply to the second chunk was lost: the page asks, then sends the same chunk again.
      const asked = await site.http().get(`${api(s.token)}/recordings/${take.recordingId}`).expect(200);
      expect(asked.body).to.include({ receivedBytes: 20_000, status: 'uploading' });
      const dup = await chunk(s, take.recordingId, 7000, b).expect(200);
      expect(dup.body).to.deep.equal({ receivedBytes: 20_000, duplicate: true });
      const early = await complete(s, take.recordingId, data.length).expect(409);
      expect(early.body.receivedBytes).to.equal(20_000);
      await chunk(s, take.recordingId, 20_000, c).expect(200);

      const done = await complete(s, take.recordingId, data.length).expect(200);
      expect(done.body.status).to.equal('complete');
      expect(done.body.durationSec).to.be.closeTo(3, 0.25);
      const again = await complete(s, take.recordingId, data.length).expect(200);
      expect(again.body.status).to.equal('complete');

      const rec = await RecordingModel.findById(take.recordingId).lean();
      expect(rec?.gridfsId?.toString()).to.equal(take.recordingId);
      expect(rec?.streams).to.deep.equal({ audio: true, video: true });
      expect(rec?.partIds).to.equal(undefined);
      expect(await RecordingPartModel.countDocuments({})).to.equal(0);
      const stored = await buffer(recordingsBucket().openDownloadStream(rec!._id));
      const dir = await mkdtemp(join(tmpdir(), 'interview-test-'));
      try {
        await writeFile(join(dir, 'a.webm'), stored);
        const p = await probe(join(dir, 'a.webm'));
        expect(p.durationSource).to.equal('container'); // remuxed: the header states the duration
        expect(p.durationSec).to.be.closeTo(3, 0.25);
        expect(p.hasAudio && p.hasVideo).to.equal(true);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('同一块的两个请求同时到：只写一次，总数不乱', async () => {
      const s = await seedInterview();
      await consent(s);
      const take = await start(s, 'q1');
      const data = (await webm({ seconds: 3 })).subarray(0, 30_000);
      const [r1, r2] = await Promise.all([chunk(s, take.recordingId, 0, data), chunk(s, take.recordingId, 0, data)]);
      expect([r1.status, r2.status]).to.deep.equal([200, 200]);
      expect([r1.body.duplicate, r2.body.duplicate].filter(Boolean)).to.have.length(1);
      const rec = await RecordingModel.findById(take.recordingId).lean();
      expect(rec?.receivedBytes).to.equal(30_000);
      expect(rec?.partIds).to.have.length(1);
      expect(await RecordingPartModel.countDocuments({})).to.equal(1);
    });

    it('崩溃留下的未提交块不影响拼接', async () => {
      const s = await seedInterview();
      await consent(s);
      const take = await start(s, 'q1');
      const data = await webm({ seconds: 3 });
      await chunk(s, take.recordingId, 0, data.subarray(0, 10_000)).expect(200);
      // A request wrote its part, then the process died before committing it.
      await RecordingPartModel.create({ recordingId: new Types.ObjectId(take.recordingId), offset: 10_000, length: 5, data: Buffer.from('junk!'), createdAt: T0 });
      await chunk(s, take.recordingId, 10_000, data.subarray(10_000)).expect(200);
      const done = await complete(s, take.recordingId, data.length).expect(200);
      expect(done.body.durationSec).to.be.closeTo(3, 0.25);
    });
  });

  describe('检查与重录', () => {
    it('没有声音的录像被退回（422），不算一次重录', async () => {
      const s = await seedInterview();
      await consent(s);
      const take = await start(s, 'q1');
      const silent = await webm({ seconds: 3, audio: false });
      await upload(s, take.recordingId, silent);
      const r = await complete(s, take.recordingId, silent.length).expect(422);
      expect(r.body.status).to.equal('rejected');
      expect(r.body.error).to.contain('没有录到声音');
      const state = (await site.http().get(`${api(s.token)}/state`).expect(200)).body as PageState;
      expect(state.progress['q1']).to.deep.include({ state: 'open', takesUsed: 0, takesAllowed: 2 });
    });

    it('比限时长太多的录像被退回', async () => {
      const s = await seedInterview();
      await consent(s);
      const take = await start(s, 'q1');
      const long = await webm({ seconds: 17 });
      await upload(s, take.recordingId, long, 64 * 1024);
      const r = await complete(s, take.recordingId, long.length).expect(422);
      expect(r.body.error).to.contain('允许的时间长');
    });

    it('重录次数用完就不能再录；保留一次后，另一次的录像被删除', async () => {
      const s = await seedInterview();
      await consent(s);
      const first = await answer(s, 'q1');
      const second = await answer(s, 'q1');
      const refused = await site.http().post(`${api(s.token)}/questions/q1/attempts`).send({ mimeType: WEBM }).expect(409);
      expect(refused.body.error).to.contain('重录次数已用完');
      const state = (await site.http().get(`${api(s.token)}/state`).expect(200)).body as PageState;
      expect(state.progress['q1']).to.deep.include({ state: 'open', takesUsed: 2 });
      expect((state.progress['q1'] as { pending: AttemptView }).pending.recordingId).to.equal(second);

      await site.http().post(`${api(s.token)}/recordings/${first}/keep`).expect(200);
      const kept = await RecordingModel.findById(first).lean();
      const dropped = await RecordingModel.findById(second).lean();
      expect(kept?.status).to.equal('final');
      expect(dropped?.status).to.equal('complete');
      expect(dropped?.purgedAt).to.be.instanceOf(Date);
      expect(await recordingsBucket().find({ _id: new Types.ObjectId(second) }).toArray()).to.have.length(0);
      expect(await recordingsBucket().find({ _id: new Types.ObjectId(first) }).toArray()).to.have.length(1);
      await site.http().post(`${api(s.token)}/recordings/${second}/keep`).expect(409);
      await site.http().post(`${api(s.token)}/questions/q1/attempts`).send({ mimeType: WEBM }).expect(409);
    });

    it('关掉页面留下的未传完的录制不算次数；新录制开始时作废它', async () => {
      const s = await seedInterview({ questions: [question('q1', { retakes: 0 })] });
      await consent(s);
      const lost = await start(s, 'q1');
      await chunk(s, lost.recordingId, 0, (await webm({ seconds: 3 })).subarray(0, 5000)).expect(200);
      const fresh = await start(s, 'q1');
      expect(fresh.attempt).to.equal(1);
      const old = await RecordingModel.findById(lost.recordingId).lean();
      expect(old).to.include({ status: 'rejected', rejectReason: 'abandoned' });
      expect(await RecordingPartModel.countDocuments({ recordingId: old!._id })).to.equal(0);
      await chunk(s, lost.recordingId, 5000, Buffer.alloc(10, 1)).expect(409);
    });
  });

  describe('完成', () => {
    it('最后一题提交后面试完成，评分任务只排一次，HR 收到一条通知；之后不能再上传', async () => {
      const s = await seedInterview();
      await consent(s);
      const r1 = await answer(s, 'q1');
      await site.http().post(`${api(s.token)}/recordings/${r1}/keep`).expect(200);
      expect(await ScoreJobModel.countDocuments({})).to.equal(0);
      const r2 = await answer(s, 'q2');
      const spare = await start(s, 'q2');
      const [k1, k2] = await Promise.all([
        site.http().post(`${api(s.token)}/recordings/${r2}/keep`),
        site.http().post(`${api(s.token)}/recordings/${r2}/keep`),
      ]);
      expect([k1.status, k2.status]).to.deep.equal([200, 200]);
      expect((k1.body as PageState).completed || (k2.body as PageState).completed).to.equal(true);
      // Kept again after completion (a lost reply): same answer, nothing new queued or sent.
      expect(((await site.http().post(`${api(s.token)}/recordings/${r2}/keep`).expect(200)).body as PageState).completed).to.equal(true);
      await site.http().post(`${api(s.token)}/recordings/${spare.recordingId}/keep`).expect(409);

      const jobs = await ScoreJobModel.find({}).lean();
      expect(jobs).to.have.length(1);
      expect(jobs[0]).to.include({ status: 'queued', attempts: 0 });
      expect(String(jobs[0]?.interviewId)).to.equal(String(s.interview._id));
      const i = await InterviewModel.findById(s.interview._id).lean();
      expect(i?.status).to.equal('completed');
      expect(i?.completedAt?.toISOString()).to.equal(T0.toISOString());
      expect(site.outbox.textsTo('chenjing')).to.have.length(1);
      expect(site.outbox.textsTo('chenjing')[0]).to.contain('李雷 已完成「产品经理」视频面试（2 题）');

      const refused = await chunk(s, spare.recordingId, 0, (await webm({ seconds: 3 })).subarray(0, 100)).expect(409);
      expect(refused.body.error).to.contain('面试已完成');
      await site.http().post(`${api(s.token)}/questions/q1/attempts`).send({ mimeType: WEBM }).expect(409);
      const page = await site.http().get(`/interview/${s.token}`).expect(200);
      expect((JSON.parse(/id="page-state">([^<]*)</.exec(page.text)![1]!) as PageState).completed).to.equal(true);
    });

    it('排好评分任务后、标记完成前崩溃：页面重试“提交”时补上完成，任务仍只有一个', async () => {
      const s = await seedInterview({ questions: [question('q1')] });
      await consent(s);
      const r1 = await answer(s, 'q1');
      await site.http().post(`${api(s.token)}/recordings/${r1}/keep`).expect(200);
      // Play the crash: the job is queued, the interview not yet marked completed.
      await InterviewModel.updateOne({ _id: s.interview._id }, { $set: { status: 'in_progress' }, $unset: { completedAt: 1 } });
      const again = (await site.http().post(`${api(s.token)}/recordings/${r1}/keep`).expect(200)).body as PageState;
      expect(again.completed).to.equal(true);
      expect(await ScoreJobModel.countDocuments({ interviewId: s.interview._id })).to.equal(1);
      expect(site.outbox.textsTo('chenjing')).to.have.length(1);
    });

    it('申请删除资料后不能再上传，页面说明已停止', async () => {
      const s = await seedInterview();
      await consent(s);
      const take = await start(s, 'q1');
      await InterviewModel.updateOne({ _id: s.interview._id }, { $set: { deletionRequestedAt: T0 } });
      const r = await chunk(s, take.recordingId, 0, (await webm({ seconds: 3 })).subarray(0, 100)).expect(410);
      expect(r.body.error).to.contain('删除');
      const page = await site.http().get(`/interview/${s.token}`).expect(200);
      expect(page.text).to.contain('你已申请删除个人资料');
      expect(page.text).not.to.contain('page-state');
    });

    it('截止时间过后：没开始的不能开始；已开始的还有 30 分钟传完', async () => {
      const s = await seedInterview();
      const t = await seedInterview();
      await consent(t);
      site.clock = new Date(s.interview.endAt.getTime() + 60_000);
      await site.http().post(`${api(s.token)}/consent`).send({ version: CONSENT, review: 'ai' }).expect(410);
      await start(t, 'q1');
      site.clock = new Date(s.interview.endAt.getTime() + 31 * 60_000);
      await site.http().post(`${api(t.token)}/questions/q2/attempts`).send({ mimeType: WEBM }).expect(410);
    });
  });

  describe('文字作答', () => {
    it('没选文字作答不能交文字；选了以后 HR 会知道原因，文字答案同样计入、面试完成', async () => {
      const s = await seedInterview();
      await consent(s);
      await site.http().post(`${api(s.token)}/questions/q1/text`).send({ text: '我负责过一次跨部门项目。' }).expect(409);
      const st = (await site.http().post(`${api(s.token)}/text-mode`).send({ reason: 'denied' }).expect(200)).body as PageState;
      expect(st.textFallback).to.equal(true);
      await site.http().post(`${api(s.token)}/text-mode`).send({ reason: 'choice' }).expect(200);
      await site.http().post(`${api(s.token)}/questions/q1/text`).send({ text: '   ' }).expect(400);
      await site.http().post(`${api(s.token)}/questions/q1/text`).send({ text: '字'.repeat(4001) }).expect(413);
      await site.http().post(`${api(s.token)}/questions/q1/text`).send({ text: '我负责过一次跨部门项目，目标是两周上线。' }).expect(200);
      await site.http().post(`${api(s.token)}/questions/q1/text`).send({ text: '我负责过一次跨部门项目，目标是两周上线。' }).expect(200); // the reply was lost: same answer again
      await site.http().post(`${api(s.token)}/questions/q1/text`).send({ text: '另一个回答' }).expect(409);
      const done = (await site.http().post(`${api(s.token)}/questions/q2/text`).send({ text: '我先拆解问题，再逐个验证。' }).expect(200)).body as PageState;
      expect(done.completed).to.equal(true);

      const i = await InterviewModel.findById(s.interview._id).lean();
      expect(i?.textFallback).to.equal(true);
      expect(i?.integrity.filter((e) => e.kind === 'text_fallback')).to.have.length(1);
      expect(i?.integrity[0]?.detail).to.equal('未授权摄像头或麦克风');
      const answers = await RecordingModel.find({ interviewId: s.interview._id, status: 'final' }).lean();
      expect(answers.map((a) => [a.questionId, a.kind])).to.have.deep.members([['q1', 'text'], ['q2', 'text']]);
      expect(await ScoreJobModel.countDocuments({ interviewId: s.interview._id })).to.equal(1);
      expect(site.outbox.textsTo('chenjing')[0]).to.contain('其中 2 题因无法录制改用文字作答');
    });
  });

  describe('诚信记录', () => {
    it('离开页面、粘贴按服务器时间记下；未知类型忽略；sendBeacon 的 text/plain 也收', async () => {
      const s = await seedInterview();
      await site.http().post(`${api(s.token)}/integrity`).send({ events: [{ kind: 'page_hidden' }] }).expect(200, { stored: 0 }); // not started yet
      await consent(s);
      await site.http().post(`${api(s.token)}/integrity`).send({
        events: [{ kind: 'page_hidden', questionId: 'q1', at: '2020-01-01' }, { kind: 'emotion', questionId: 'q1' }, { kind: 'paste', questionId: 'nope', detail: 'x'.repeat(300) }],
      }).expect(200, { stored: 2 });
      await site.http().post(`${api(s.token)}/integrity`).set('Content-Type', 'text/plain;charset=UTF-8')
        .send(JSON.stringify({ events: [{ kind: 'tab_switched', questionId: 'q2', detail: '离开页面约 12 秒' }] })).expect(200, { stored: 1 });
      await site.http().post(`${api(s.token)}/integrity`).set('Content-Type', 'text/plain').send('{oops').expect(400);
      const i = await InterviewModel.findById(s.interview._id).lean();
      expect(i?.integrity.map((e) => [e.kind, e.questionId ?? null, e.at.toISOString()])).to.deep.equal([
        ['page_hidden', 'q1', T0.toISOString()], ['paste', null, T0.toISOString()], ['tab_switched', 'q2', T0.toISOString()],
      ]);
      expect(i?.integrity[1]?.detail).to.have.length(100);
      expect(i?.status).to.equal('in_progress'); // a note for HR, never a verdict
    });
  });

  describe('状态与续答', () => {
    it('重新打开页面：已答的题标为已答，录好未提交的那次可以直接提交', async () => {
      const s = await seedInterview();
      await consent(s);
      const r1 = await answer(s, 'q1');
      await site.http().post(`${api(s.token)}/recordings/${r1}/keep`).expect(200);
      const r2 = await answer(s, 'q2');
      const state = (await site.http().get(`${api(s.token)}/state`).expect(200)).body as PageState;
      expect(state.progress['q1']).to.deep.equal({ state: 'answered', kind: 'video' });
      expect(state.progress['q2']).to.deep.include({ state: 'open', takesUsed: 1, takesAllowed: 2 });
      expect((state.progress['q2'] as { pending: AttemptView }).pending).to.include({ recordingId: r2, status: 'complete' });
      expect(state.questions.map((q) => q.id)).to.deep.equal(['q1', 'q2']);
      expect(state.deadlineText).to.equal('11月24日（周二） 10:00');
    });

    it('链接令牌算出的截止时间在面试结束后 7 天', () => {
      const token = interviewToken(LINK_KEY, { _id: new Types.ObjectId(), linkVersion: 1, endAt: T0 });
      const claims = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { exp: number };
      expect(claims.exp * 1000 - T0.getTime()).to.equal(7 * 86_400_000);
    });
  });
});
