import { expect } from 'chai';
import { join } from 'node:path';
import { decodePcm16kMono, extractFrames, fitInside, MediaError, mediaTools, probe, run } from '../../../lib/media/ffmpeg.js';
import { audioOnlyWebm, makeTempDir, webmWithoutDuration } from '../../fixtures/scorer/generate.js';

describe('ffmpeg / ffprobe 封装', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let webm: string;
  before(() => {
    tmp = makeTempDir();
    webm = webmWithoutDuration(tmp.dir, 'chrome-like.webm', { durationSec: 3 });
  });
  after(() => tmp.cleanup());

  it('用安装包里的 ffmpeg 和 ffprobe', () => {
    const { ffmpeg, ffprobe } = mediaTools();
    expect(ffmpeg).to.match(/ffmpeg$/);
    expect(ffprobe).to.match(/ffprobe$/);
  });

  it('像 Chrome MediaRecorder 那样头部没有时长（N/A）的 webm：按数据包时间戳算出时长', async () => {
    const p = await probe(webm);
    expect(p.durationSource).to.equal('packets');
    expect(p.durationSec ?? 0).to.be.closeTo(3, 0.1);
    expect(p).to.include({ hasAudio: true, hasVideo: true, width: 640, height: 480 });
    expect(p.codecs).to.deep.equal({ audio: 'opus', video: 'vp8' });
  });

  it('解码成 16 kHz 单声道 PCM：3 秒约 48000 个采样', async () => {
    const pcm = await decodePcm16kMono(webm);
    expect(pcm).to.be.instanceOf(Int16Array);
    expect(pcm.length).to.be.closeTo(48_000, 1_000);
  });

  it('每秒抽一帧原始 RGB（不用 canvas）：帧大小 = 宽 × 高 × 3', async () => {
    const frames = await extractFrames(webm, 1);
    expect(frames.length).to.be.within(3, 4);
    for (const f of frames) {
      expect([f.width, f.height]).to.deep.equal([640, 480]);
      expect(f.data.length).to.equal(640 * 480 * 3);
    }
    expect(frames.map((f) => f.timeSec).slice(0, 3)).to.deep.equal([0, 1, 2]);
  });

  it('只有音轨的录音：probe 说明没有视频，抽帧报 no_video', async () => {
    const audioOnly = audioOnlyWebm(tmp.dir, 'audio.webm', { durationSec: 2, silences: [] });
    const p = await probe(audioOnly);
    expect(p).to.include({ hasAudio: true, hasVideo: false });
    const err = await extractFrames(audioOnly).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(MediaError);
    expect((err as MediaError).code).to.equal('no_video');
  });

  it('文件不存在：抛出 MediaError（failed），消息里有 ffprobe 的原因', async () => {
    const err = await probe(join(tmp.dir, 'missing.webm')).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(MediaError);
    expect((err as MediaError).code).to.equal('failed');
    expect((err as MediaError).message).to.include('No such file');
  });

  it('超时：进程被杀掉，抛出 MediaError（timeout）', async () => {
    const started = Date.now();
    const err = await run(mediaTools().ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'anoisesrc=d=600', '-f', 'null', '-'], { timeoutMs: 150 }).catch(
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(MediaError);
    expect((err as MediaError).code).to.equal('timeout');
    expect(Date.now() - started).to.be.below(3000);
  });

  it('找不到程序：抛出 MediaError（binary_missing）', async () => {
    const err = await run('/nonexistent/ffmpeg', ['-version']).catch((e: unknown) => e);
    expect((err as MediaError).code).to.equal('binary_missing');
  });

  it('缩放尺寸保持比例、取偶数、不放大', () => {
    expect(fitInside(1920, 1080, 640)).to.deep.equal({ width: 640, height: 360 });
    expect(fitInside(480, 640, 640)).to.deep.equal({ width: 480, height: 640 });
    expect(fitInside(321, 241, 640)).to.deep.equal({ width: 322, height: 242 });
  });
});
