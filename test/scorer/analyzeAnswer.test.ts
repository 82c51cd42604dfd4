import { expect } from 'chai';
import nock from 'nock';
import { analyzeAnswer } from '../../scorer/analyzeAnswer.js';
import { createTranscriber } from '../../scorer/asr.js';
import type { Question } from '../../scorer/types.js';
import { audioOnlyWebm, makeTempDir, webmWithoutDuration } from '../fixtures/scorer/generate.js';

const question: Question = {
  id: 'q-conflict',
  competency: '沟通协作',
  text: '请讲一个你和同事意见不一致、最后达成一致的经历。',
  keyPoints: ['说明分歧的背景', '主动倾听对方的顾虑', '提出兼顾双方的方案', '达成共识并按期交付'],
};
const spoken = '去年我和测试同事对上线时间有分歧。我先单独约他聊，听他讲清楚顾虑。然后我们商量出分两期上线的办法，两边都同意了，最后按期上线。';
const ASR = { url: 'http://asr.example.com', apiKey: undefined, model: 'whisper-1' };
/** Speech-like bursts with two clear pauses. */
const talk = { durationSec: 6, silences: [[1.5, 2.3], [4, 4.8]] as Array<[number, number]> };

describe('一道题的完整分析 analyzeAnswer', function () {
  this.timeout(30_000);
  let tmp: ReturnType<typeof makeTempDir>;
  let video: string;
  before(() => {
    tmp = makeTempDir();
    video = webmWithoutDuration(tmp.dir, 'answer.webm', { durationSec: 6, audio: talk });
  });
  after(() => tmp.cleanup());
  afterEach(() => nock.cleanAll());

  it('文字作答：只评内容，不分析音视频', async () => {
    const r = await analyzeAnswer({ kind: 'text', text: spoken }, question);
    expect(r.source).to.equal('text');
    expect(r.audio).to.deep.equal({ status: 'skipped', reason: 'text_answer' });
    expect(r.content.status).to.equal('scored');
    if (r.content.status === 'scored') expect(r.content.score.overall).to.be.a('number');
  });

  it('没有配置语音转写：只分析表达，内容写明「没有评分」，不编造分数', async () => {
    const r = await analyzeAnswer({ kind: 'recording', path: video }, question, { faces: false });
    expect(r.probe?.durationSource).to.equal('packets');
    expect(r.audio.status).to.equal('ok');
    if (r.audio.status === 'ok') expect(r.audio.figures.pauses.count).to.equal(2);
    expect(r.transcript).to.deep.equal({ status: 'not_configured' });
    expect(r.content).to.include({ status: 'not_rated', reason: 'asr_not_configured' });
    expect(r.flags).to.include('content_not_rated');
    expect(r.notes.join()).to.include('内容没有评分');
    expect(r.faces).to.deep.equal({ status: 'skipped', reason: 'disabled' });
  });

  it('配置了语音转写：上传 WAV 得到文字，评内容，并算出语速', async () => {
    const scope = nock(ASR.url)
      .post('/v1/audio/transcriptions', (b: unknown) => {
        // nock hands over a body that is not valid UTF-8 (our WAV samples) as a hex string.
        const text = typeof b === 'string' && /^[0-9a-f]+$/i.test(b) ? Buffer.from(b, 'hex').toString('latin1') : String(b);
        return text.includes('filename="answer.wav"') && text.includes('RIFF') && text.includes('WAVEfmt ');
      })
      .reply(200, { text: spoken });
    const r = await analyzeAnswer({ kind: 'recording', path: video }, question, { faces: false, transcriber: createTranscriber(ASR, { retryDelayMs: 0 }) });
    scope.done();
    expect(r.transcript).to.include({ status: 'asr', text: spoken, engine: 'http:whisper-1' });
    expect(r.content.status).to.equal('scored');
    if (r.audio.status === 'ok') expect(r.audio.figures.speechRateCpm).to.be.a('number').and.be.greaterThan(0);
    else expect.fail('audio should be analysed');
  });

  it('语音转写连续失败：内容不评分，标记 asr_failed，表达数据照样保留', async () => {
    nock(ASR.url).post('/v1/audio/transcriptions').twice().reply(500, 'down');
    const r = await analyzeAnswer({ kind: 'recording', path: video }, question, { faces: false, transcriber: createTranscriber(ASR, { retryDelayMs: 0 }) });
    expect(r.transcript.status).to.equal('failed');
    expect(r.content).to.include({ status: 'not_rated', reason: 'asr_failed' });
    expect(r.flags).to.include.members(['asr_failed', 'content_not_rated']);
    expect(r.audio.status).to.equal('ok');
  });

  it('录音全是静音：不调用语音转写，表达和内容都标记为没有可分析的数据', async () => {
    const quiet = webmWithoutDuration(tmp.dir, 'quiet.webm', { durationSec: 3, audio: { durationSec: 3, silences: [[0, 3]] } });
    const r = await analyzeAnswer({ kind: 'recording', path: quiet }, question, { faces: false, transcriber: createTranscriber(ASR, { retryDelayMs: 0 }) });
    expect(r.audio.status).to.equal('insufficient_data');
    expect(r.transcript).to.deep.equal({ status: 'skipped', reason: 'no_speech' });
    expect(r.content).to.include({ status: 'not_rated', reason: 'no_speech' });
    expect(r.flags).to.include('audio_insufficient');
  });

  it('已有转写文字（例如上次跑过）：不再调用 ASR，直接评内容', async () => {
    const r = await analyzeAnswer({ kind: 'recording', path: video, transcript: spoken }, question, { faces: false });
    expect(r.transcript).to.deep.equal({ status: 'provided', text: spoken });
    expect(r.content.status).to.equal('scored');
  });

  it('只有声音没有画面：跳过人脸检测', async () => {
    const audio = audioOnlyWebm(tmp.dir, 'voice.webm', talk);
    const r = await analyzeAnswer({ kind: 'recording', path: audio, transcript: spoken }, question);
    expect(r.faces).to.deep.equal({ status: 'skipped', reason: 'no_video' });
    expect(r.audio.status).to.equal('ok');
  });

  it('画面里一直没有人（测试图）：人脸检测标记 no_face_long，交给 HR 人工查看（6 帧检测，约 5 秒）', async () => {
    const r = await analyzeAnswer({ kind: 'recording', path: video, transcript: spoken }, question);
    expect(r.faces.status).to.equal('ok');
    if (r.faces.status === 'ok') expect(r.faces.integrity.framesAnalysed).to.be.within(6, 7);
    expect(r.flags).to.include('no_face_long');
    expect(r.notes.join()).to.include('人工查看');
  });
});
