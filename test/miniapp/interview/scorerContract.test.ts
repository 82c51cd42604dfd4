/**
 * The contract with the scorer: what the page stores (final Recording per
 * question, the GridFS file in the `recordings` bucket under the recording's
 * id, typed answers in `text`) is what the scorer's worker reads.
 */
import { expect } from 'chai';
import { useTestDatabase } from '../../helpers/db.js';
import { silentLogger } from '../../../lib/logger.js';
import { noTranscriber } from '../../../scorer/asr.js';
import { scoreInterview } from '../../../scorer/workerScore.js';
import { CONSENT, pieces, question, seedInterview, startInterviewSite, T0, webm, type InterviewSite } from './harness.js';

describe('视频面试页 → 评分：页面存下的回答评分程序能读', function () {
  this.timeout(60_000);
  useTestDatabase();
  let site: InterviewSite;

  before(async () => {
    site = await startInterviewSite();
  });
  after(async () => {
    await site?.close();
  });

  it('一道录像、一道文字：评分程序拿到两份回答，录像时长来自存下的文件', async () => {
    site.clock = T0;
    const s = await seedInterview({ questions: [question('q1'), question('q2')] });
    const api = `/api/interview/${s.token}`;
    await site.http().post(`${api}/consent`).send({ version: CONSENT, review: 'ai' }).expect(200);
    const take = (await site.http().post(`${api}/questions/q1/attempts`).send({ mimeType: 'video/webm' }).expect(201)).body as { recordingId: string };
    const data = await webm({ seconds: 3 });
    let offset = 0;
    for (const p of pieces(data, 20_000)) {
      await site.http().post(`${api}/recordings/${take.recordingId}/chunks?offset=${offset}`).set('Content-Type', 'video/webm').send(p).expect(200);
      offset += p.length;
    }
    await site.http().post(`${api}/recordings/${take.recordingId}/complete`).send({ totalBytes: data.length }).expect(200);
    await site.http().post(`${api}/recordings/${take.recordingId}/keep`).expect(200);
    await site.http().post(`${api}/text-mode`).send({ reason: 'busy' }).expect(200);
    await site.http().post(`${api}/questions/q2/text`).send({ text: '我先和各部门对齐目标，再每天同步进度，最后按时上线，留存提升了 5%。' }).expect(200);

    const r = await scoreInterview(s.interview._id, { transcriber: noTranscriber, faces: false, logger: silentLogger }, { finalAttempt: true });
    expect(r.kind).to.equal('report');
    if (r.kind !== 'report') return;
    const answers = r.draft.answers;
    expect(answers.map((a) => a.questionId)).to.deep.equal(['q1', 'q2']);
    expect(answers.every((a) => a.recordingId !== undefined)).to.equal(true);
    const probe = (answers[0]?.analysis as { probe?: { durationSec?: number } }).probe;
    expect(probe?.durationSec).to.be.closeTo(3, 0.25);
  });
});
