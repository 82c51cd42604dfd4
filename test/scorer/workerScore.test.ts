/**
 * One interview through the worker end to end, with recordings in GridFS made
 * by ffmpeg lavfi: no ASR (delivery only, content "not rated", no invented
 * number), ASR played by nock, ASR failing (retry, then accepted on the last
 * attempt), the quality gate (silent, too short, unreadable → no score rather
 * than a low one), missing answers, retakes, and the candidate's human-only
 * review (nothing sent to ASR, no score, integrity flags kept; faces checked
 * on the face-api package's demo photo).
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import nock from 'nock';
import { silentLogger } from '../../lib/logger.js';
import { ScoreReportModel, type AnswerReport } from '../../models/scoreReport.js';
import { createTranscriber, noTranscriber, type Transcriber } from '../../scorer/asr.js';
import { enqueueScoreJob } from '../../scorer/queue.js';
import { ScoreWorker } from '../../scorer/worker.js';
import { scoreInterview, latestFinalAnswers, type InterviewScoring } from '../../scorer/workerScore.js';
import type { Recording } from '../../models/recording.js';
import { Types } from 'mongoose';
import { useTestDatabase } from '../helpers/db.js';
import { MemoryOutbox } from '../helpers/memoryOutbox.js';
import { makeTempDir, webmWithoutDuration } from '../fixtures/scorer/generate.js';
import { GOOD_ANSWERS, seedInterview, storeRecording, storeText } from './workerFixtures.js';

const require = createRequire(import.meta.url);
const sample1 = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo', 'sample1.jpg');
const ASR = { url: 'http://asr.example.com', apiKey: 'k', model: 'whisper-1' };
const talk = { durationSec: 5, silences: [[1.5, 2.3], [3.4, 4.1]] as Array<[number, number]> };

/** Faces are off unless a test asks (the wasm detector costs about a second per frame batch). */
function score(id: Types.ObjectId, transcriber: Transcriber, finalAttempt = false, faces: 'faces' | 'no-faces' = 'no-faces'): Promise<InterviewScoring> {
  return scoreInterview(id, { transcriber, logger: silentLogger, ...(faces === 'no-faces' ? { faces: false as const } : {}) }, { finalAttempt });
}

function report(r: InterviewScoring): Extract<InterviewScoring, { kind: 'report' }> {
  if (r.kind !== 'report') throw new Error(`expected a report, got ${r.kind}`);
  return r;
}

const byQ = (answers: readonly AnswerReport[], q: string): AnswerReport => {
  const a = answers.find((x) => x.questionId === q);
  if (!a) throw new Error(`no answer ${q}`);
  return a;
};

describe('评分 worker：从 GridFS 取录像，分析，生成报告', function () {
  this.timeout(60_000);
  useTestDatabase();
  let tmp: ReturnType<typeof makeTempDir>;
  let video: string;
  let quiet: string;
  let faces: string;

  before(() => {
    tmp = makeTempDir('worker-score-');
    video = webmWithoutDuration(tmp.dir, 'talk.webm', { durationSec: 5, audio: talk });
    quiet = webmWithoutDuration(tmp.dir, 'quiet.webm', { durationSec: 3, audio: { durationSec: 3, silences: [[0, 3]] } });
    faces = webmWithoutDuration(tmp.dir, 'group.webm', { durationSec: 3, video: { image: sample1 }, audio: { durationSec: 3, silences: [[1.2, 1.9]] } });
  });
  after(() => tmp.cleanup());
  afterEach(() => nock.cleanAll());

  it('没有配置语音转写：三题都只分析表达，写明内容没有评分，不给综合分，不编造分数', async () => {
    const s = await seedInterview();
    for (const q of ['q1', 'q2', 'q3']) await storeRecording(s.interviewId, q, video);
    const r = report(await score(s.interviewId, noTranscriber));
    expect(r.draft.overall).to.equal(null);
    expect(r.draft.flags).to.include.members(['content_not_rated', 'no_overall']);
    expect(r.draft.overallBasis).to.deep.include({ total: 3, rated: 0, minRated: 2, method: 'none' });
    for (const a of r.draft.answers) {
      expect(a).to.include({ outcome: 'not_rated', overall: null, contentRated: false, kind: 'video', weight: 0 });
      const analysis = a.analysis as { content: { status: string; reason: string }; audio: { status: string; figures: { pauses: { count: number } } }; notes: string[] };
      expect(analysis.content).to.include({ status: 'not_rated', reason: 'asr_not_configured' });
      expect(analysis.audio.status).to.equal('ok');
      expect(analysis.audio.figures.pauses.count).to.equal(2);
      expect(analysis.notes.join()).to.include('内容没有评分');
    }
  });

  it('配置了语音转写（nock 扮演 ASR 服务）：每题上传一次音频，按题目评内容，综合分是三题平均', async () => {
    const s = await seedInterview();
    for (const q of ['q1', 'q2', 'q3']) await storeRecording(s.interviewId, q, video);
    const scope = nock(ASR.url)
      .post('/v1/audio/transcriptions').matchHeader('authorization', 'Bearer k').reply(200, { text: GOOD_ANSWERS['q1'] })
      .post('/v1/audio/transcriptions').reply(200, { text: GOOD_ANSWERS['q2'] })
      .post('/v1/audio/transcriptions').reply(200, { text: GOOD_ANSWERS['q3'] });
    const r = report(await score(s.interviewId, createTranscriber(ASR, { retryDelayMs: 0 })));
    scope.done();
    const overalls = r.draft.answers.map((a) => a.overall);
    for (const a of r.draft.answers) expect(a).to.include({ outcome: 'rated', contentRated: true, weight: 0.3333 });
    expect(overalls.every((x) => typeof x === 'number' && x >= 50), `good answers score well: ${overalls.join(',')}`).to.equal(true);
    expect(r.draft.overall).to.equal(Math.round((overalls as number[]).reduce((a, b) => a + b, 0) / 3));
    expect(r.draft.weights).to.deep.equal({ q1: 0.3333, q2: 0.3333, q3: 0.3333 });
    expect(r.draft.flags).to.not.include('partial_overall');
    const q2 = byQ(r.draft.answers, 'q2').analysis as { transcript: { status: string; text: string }; audio: { figures: { speechRateCpm: number } }; content: { score: { dimensions: { coverage: { evidence: string[] } } } } };
    expect(q2.transcript).to.include({ status: 'asr', text: GOOD_ANSWERS['q2'] });
    expect(q2.audio.figures.speechRateCpm).to.be.greaterThan(0);
    expect(q2.content.score.dimensions.coverage.evidence.length).to.be.greaterThan(0);
    expect(r.audience).to.deep.equal({ hrUserid: 'chenjing', candidateName: '张伟', jobTitle: '产品经理' });
  });

  it('语音转写服务出错：先整单重试；最后一次尝试时接受结果，内容标记未评分（asr_failed）', async () => {
    const s = await seedInterview();
    await storeRecording(s.interviewId, 'q1', video);
    await storeText(s.interviewId, 'q2', GOOD_ANSWERS['q2']!);
    await storeText(s.interviewId, 'q3', GOOD_ANSWERS['q3']!);
    nock(ASR.url).post('/v1/audio/transcriptions').twice().reply(503, 'busy');
    const first = await score(s.interviewId, createTranscriber(ASR, { retryDelayMs: 0 }));
    expect(first.kind).to.equal('retry');
    if (first.kind === 'retry') expect(first.error).to.match(/^语音转写失败/);

    nock(ASR.url).post('/v1/audio/transcriptions').twice().reply(503, 'busy');
    const last = report(await score(s.interviewId, createTranscriber(ASR, { retryDelayMs: 0 }), true));
    expect(byQ(last.draft.answers, 'q1')).to.include({ outcome: 'not_rated', overall: null });
    expect(byQ(last.draft.answers, 'q1').flags).to.include('asr_failed');
    expect(last.draft.flags).to.include.members(['asr_failed', 'content_not_rated', 'partial_overall', 'text_answers']);
    expect(last.draft.overall).to.be.a('number');
  });

  it('质量关：静音录像、太短的文字、读不出的文件 → 标记“信息不足”，不计分、不算 0 分', async () => {
    const s = await seedInterview();
    await storeText(s.interviewId, 'q1', GOOD_ANSWERS['q1']!);
    await storeRecording(s.interviewId, 'q2', quiet);
    await storeText(s.interviewId, 'q3', '还行吧。');
    const scope = nock(ASR.url).post('/v1/audio/transcriptions').reply(200, { text: '不应该被调用' });
    let r = report(await score(s.interviewId, createTranscriber(ASR, { retryDelayMs: 0 })));
    expect(scope.isDone(), '静音不送去转写').to.equal(false);
    expect(byQ(r.draft.answers, 'q1').outcome).to.equal('rated');
    expect(byQ(r.draft.answers, 'q2')).to.include({ outcome: 'insufficient_data', overall: null, weight: 0 });
    expect(byQ(r.draft.answers, 'q3')).to.include({ outcome: 'insufficient_data', overall: null, weight: 0 });
    expect(r.draft.overall, '只有 1/3 题有分：不给综合分').to.equal(null);
    expect(r.draft.flags).to.include.members(['insufficient_data', 'no_overall']);

    // A second good answer: 2/3 rated is enough; the insufficient one is left out, not counted as 0.
    const s2 = await seedInterview({ name: '李娜' });
    await storeText(s2.interviewId, 'q1', GOOD_ANSWERS['q1']!);
    await storeText(s2.interviewId, 'q2', GOOD_ANSWERS['q2']!);
    const bad = join(tmp.dir, 'garbage.webm');
    writeFileSync(bad, Buffer.from('this is not a video at all'));
    await storeRecording(s2.interviewId, 'q3', bad);
    r = report(await score(s2.interviewId, noTranscriber));
    const [a1, a2] = [byQ(r.draft.answers, 'q1'), byQ(r.draft.answers, 'q2')];
    expect(byQ(r.draft.answers, 'q3')).to.include({ outcome: 'insufficient_data', kind: 'video' });
    expect(byQ(r.draft.answers, 'q3').flags).to.include('unreadable');
    expect(r.draft.overall).to.equal(Math.round(((a1.overall ?? 0) + (a2.overall ?? 0)) / 2));
    expect([a1.weight, a2.weight, byQ(r.draft.answers, 'q3').weight]).to.deep.equal([0.5, 0.5, 0]);
    expect(r.draft.flags).to.include('partial_overall');
    expect(r.draft.overallBasis?.excluded).to.deep.equal([{ questionId: 'q3', outcome: 'insufficient_data' }]);
  });

  it('没作答的题目标记 missing；重录过的题目用最后一次定稿', async () => {
    const s = await seedInterview();
    await storeText(s.interviewId, 'q1', GOOD_ANSWERS['q1']!);
    await storeText(s.interviewId, 'q2', GOOD_ANSWERS['q2']!);
    const r = report(await score(s.interviewId, noTranscriber));
    expect(byQ(r.draft.answers, 'q3')).to.include({ outcome: 'missing', kind: 'missing', overall: null });
    expect(r.draft.flags).to.include.members(['missing_answers', 'partial_overall']);

    const rec = (questionId: string, attempt: number, status: Recording['status']): Recording =>
      ({ _id: new Types.ObjectId(), interviewId: s.interviewId, questionId, attempt, kind: 'video', status, receivedBytes: 0 });
    const latest = latestFinalAnswers([rec('q1', 0, 'final'), rec('q1', 1, 'final'), rec('q1', 2, 'rejected'), rec('q2', 0, 'uploading')]);
    expect([...latest.keys()]).to.deep.equal(['q1']);
    expect(latest.get('q1')?.attempt).to.equal(1);
  });

  it('候选人选择仅人工评审：不送 ASR、不评内容、没有表达数据和分数；画面完整性照查（face-api 自带合影 → 多人）', async () => {
    const s = await seedInterview({ review: 'human' });
    await storeRecording(s.interviewId, 'q1', faces);
    await storeRecording(s.interviewId, 'q2', quiet);
    await storeText(s.interviewId, 'q3', GOOD_ANSWERS['q3']!);
    const scope = nock(ASR.url).post('/v1/audio/transcriptions').reply(200, { text: GOOD_ANSWERS['q1'] });
    const r = report(await score(s.interviewId, createTranscriber(ASR, { retryDelayMs: 0 }), false, 'faces'));
    expect(scope.isDone(), '录音没有发给语音转写服务').to.equal(false);
    expect(r.draft.reviewMode).to.equal('human');
    expect(r.draft.overall).to.equal(null);
    expect(r.draft.flags).to.include.members(['human_review', 'multiple_faces']);
    expect(r.draft.flags).to.not.include('no_overall');
    for (const a of r.draft.answers) {
      expect(a).to.include({ outcome: 'human_review', overall: null, contentRated: false });
      const json = JSON.stringify(a.analysis);
      for (const key of ['content', 'transcript', 'speechRateCpm', 'pauses', 'loudness', 'dimensions', 'evidence', 'overall']) expect(json, key).to.not.include(`"${key}":`);
    }
    const q1 = byQ(r.draft.answers, 'q1');
    expect(q1.flags).to.include('multiple_faces');
    expect((q1.analysis as { faces: { status: string } }).faces.status).to.equal('ok');
    expect((q1.analysis as { media: { hasVideo: boolean } }).media.hasVideo).to.equal(true);
    expect(byQ(r.draft.answers, 'q2').analysis).to.deep.include({ audible: { status: 'insufficient_data', reason: 'silent', explanation: (byQ(r.draft.answers, 'q2').analysis as { audible: { explanation: string } }).audible.explanation } });
    expect(byQ(r.draft.answers, 'q3').kind).to.equal('text');
  });

  it('没有记录到候选人的同意：按仅人工评审处理（不做 AI 评分）', async () => {
    const s = await seedInterview({ review: 'none' });
    await storeText(s.interviewId, 'q1', GOOD_ANSWERS['q1']!);
    const r = report(await score(s.interviewId, noTranscriber));
    expect(r.draft.reviewMode).to.equal('human');
    expect(r.draft.answers.every((a) => a.overall === null)).to.equal(true);
  });

  it('人工评审的报告也发卡片给 HR：标题写“人工评审”，不出现分数', async () => {
    const s = await seedInterview({ review: 'human' });
    await storeText(s.interviewId, 'q1', GOOD_ANSWERS['q1']!);
    await enqueueScoreJob(s.interviewId);
    const outbox = new MemoryOutbox();
    const w = new ScoreWorker({
      owner: 'w', concurrency: 1, notifier: outbox, publicBaseUrl: 'http://hr.test', logger: silentLogger,
      score: (id, o) => scoreInterview(id, { transcriber: noTranscriber, faces: false, logger: silentLogger }, o),
    });
    expect((await w.runOnce()).kind).to.equal('report');
    const msg = outbox.sent[0]?.message;
    expect(msg?.kind === 'link_card' && msg.title).to.equal('张伟 · 产品经理 · 人工评审');
    expect(msg?.kind === 'link_card' && msg.description).to.include('仅人工评审').and.not.match(/\d+ 分/);
    expect((await ScoreReportModel.findOne({ interviewId: s.interviewId }).lean())?.reviewMode).to.equal('human');
  });
});
