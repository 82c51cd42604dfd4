import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { AsrError, createTranscriber, noTranscriber, transcriptionsUrl } from '../../scorer/asr.js';

const verbose = JSON.parse(readFileSync(new URL('../fixtures/scorer/asr-verbose.json', import.meta.url), 'utf8')) as unknown;
// Plain http: with https, an aborted request under nock's interceptor sometimes fires a late
// TLS socket event into the next test (undici reads statusCode of null).
const ASR = { url: 'http://asr.example.com', apiKey: 'sk-test', model: 'whisper-1' };
const audio = { data: new Uint8Array([82, 73, 70, 70, 1, 2, 3, 4]), filename: 'answer.wav', mimeType: 'audio/wav' };

describe('语音转写 asr（OpenAI 兼容接口，nock 模拟）', () => {
  afterEach(() => {
    nock.abortPendingRequests();
    nock.cleanAll();
  });

  it('没有配置 ASR：noTranscriber 回答 not_configured，绝不编造文字', async () => {
    expect(createTranscriber(undefined)).to.equal(noTranscriber);
    expect(await noTranscriber.transcribe(audio)).to.deep.equal({ kind: 'not_configured' });
  });

  it('以 multipart 上传文件、模型、语言 zh，带上密钥，解析 verbose_json 的文字和分段', async () => {
    let body = '';
    let contentType = '';
    const scope = nock(ASR.url, {
      reqheaders: {
        authorization: 'Bearer sk-test',
        'content-type': (v: string | null) => {
          contentType = v ?? '';
          return true;
        },
      },
    })
      .post('/v1/audio/transcriptions', (b: unknown) => {
        body = typeof b === 'string' ? b : Buffer.isBuffer(b) ? b.toString('latin1') : JSON.stringify(b);
        return true;
      })
      .reply(200, verbose as nock.Body);
    const out = await createTranscriber(ASR, { retryDelayMs: 0 }).transcribe(audio);
    scope.done();
    expect(contentType).to.match(/^multipart\/form-data; boundary=/);
    expect(body).to.match(/name="file"; filename="answer\.wav"/);
    expect(body).to.include('Content-Type: audio/wav');
    expect(body).to.include('RIFF');
    expect(body).to.match(/name="model"\r\n\r\nwhisper-1/);
    expect(body).to.match(/name="language"\r\n\r\nzh/);
    expect(body).to.match(/name="response_format"\r\n\r\nverbose_json/);
    expect(out.kind).to.equal('transcript');
    if (out.kind === 'transcript') {
      expect(out.transcript.text).to.equal('去年我和测试同事对上线时间有分歧。我先单独约他聊，听他讲清楚顾虑。');
      expect(out.transcript.durationSec).to.equal(8.47);
      expect(out.transcript.segments).to.have.length(2);
      expect(out.transcript.segments[1]).to.deep.equal({ startSec: 4.2, endSec: 8.4, text: '我先单独约他聊，听他讲清楚顾虑。' });
    }
  });

  it('服务返回 5xx：重试一次后成功', async () => {
    const scope = nock(ASR.url).post('/v1/audio/transcriptions').reply(503, 'busy').post('/v1/audio/transcriptions').reply(200, { text: '好的' });
    const out = await createTranscriber(ASR, { retryDelayMs: 0 }).transcribe(audio);
    scope.done();
    expect(out).to.deep.equal({ kind: 'transcript', transcript: { text: '好的', segments: [] } });
  });

  it('连续两次 5xx：放弃，抛出 AsrError（http 502，尝试 2 次）', async () => {
    nock(ASR.url).post('/v1/audio/transcriptions').twice().reply(502, 'bad gateway');
    const err = await createTranscriber(ASR, { retryDelayMs: 0 }).transcribe(audio).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(AsrError);
    expect(err).to.include({ kind: 'http', status: 502, attempts: 2 });
  });

  it('4xx（如密钥错误）不重试', async () => {
    const scope = nock(ASR.url).post('/v1/audio/transcriptions').once().reply(401, { error: { message: 'bad key' } });
    const err = await createTranscriber(ASR, { retryDelayMs: 0 }).transcribe(audio).catch((e: unknown) => e);
    scope.done();
    expect(err).to.include({ kind: 'http', status: 401, attempts: 1 });
  });

  it('超时：抛出 AsrError（timeout），不重试', async () => {
    // The mocked server never answers; the client gives up after 50 ms. (A late answer on the
    // aborted socket trips an assertion inside undici under nock's interceptor, so it never comes.)
    const scope = nock(ASR.url)
      .post('/v1/audio/transcriptions')
      .once()
      .reply(() => new Promise<[number, string]>(() => undefined));
    const started = Date.now();
    const err = await createTranscriber(ASR, { timeoutMs: 50, retryDelayMs: 0 }).transcribe(audio).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(AsrError);
    expect(err).to.include({ kind: 'timeout', attempts: 1 });
    expect(Date.now() - started).to.be.below(250);
    scope.done();
  });

  it('响应不是预期的 JSON：抛出 AsrError（bad_response）', async () => {
    nock(ASR.url).post('/v1/audio/transcriptions').reply(200, '<html>oops</html>');
    const err = await createTranscriber(ASR, { retryDelayMs: 0 }).transcribe(audio).catch((e: unknown) => e);
    expect(err).to.include({ kind: 'bad_response' });
  });

  it('ASR_URL 写服务器地址、/v1 或完整路径都可以', () => {
    expect(transcriptionsUrl('https://h')).to.equal('https://h/v1/audio/transcriptions');
    expect(transcriptionsUrl('https://h/v1')).to.equal('https://h/v1/audio/transcriptions');
    expect(transcriptionsUrl('https://h/v1/audio/transcriptions')).to.equal('https://h/v1/audio/transcriptions');
  });
});
