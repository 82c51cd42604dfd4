import { expect } from 'chai';
import { analyzeAudio, speechRate } from '../../../scorer/media/audio.js';
import { decodePcm16kMono } from '../../../lib/media/ffmpeg.js';
import { clippedTone, makeTempDir, noiseBursts, silence } from '../../fixtures/scorer/generate.js';

describe('表达数据 analyzeAudio（ffmpeg lavfi 现场生成的录音）', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  before(() => {
    tmp = makeTempDir();
  });
  after(() => tmp.cleanup());

  it('噪声段之间有已知的静音：找到 2 次停顿（≥0.6 秒），最长 1.2 秒，0.3 秒的短停不算', async () => {
    const file = noiseBursts(tmp.dir, 'bursts.wav', { durationSec: 6.5, silences: [[1, 1.8], [3.3, 4.5], [5.2, 5.5]] });
    const result = analyzeAudio(await decodePcm16kMono(file));
    expect(result.status).to.equal('ok');
    const f = result.figures;
    expect(f.durationSec).to.be.closeTo(6.5, 0.05);
    expect(f.pauses.count).to.equal(2);
    expect(f.pauses.longestSec).to.be.closeTo(1.2, 0.1);
    expect(f.speakingSec).to.be.closeTo(4.2, 0.15);
    expect(f.segments).to.have.length(4);
    expect(f.loudness.steadiness).to.be.at.least(90);
  });

  it('背景噪声慢慢变大时，噪声底跟着变，停顿照样找得到', () => {
    // Synthetic PCM: the background rises from -60 to -35 dBFS over 20 s; speech bursts at -12 dBFS every other second.
    const rate = 16_000;
    const samples = new Int16Array(rate * 20);
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    for (let i = 0; i < samples.length; i += 1) {
      const t = i / rate;
      const bg = 10 ** ((-60 + (25 * t) / 20) / 20);
      const speaking = Math.floor(t) % 2 === 0;
      samples[i] = Math.round(32767 * (bg * rnd() + (speaking ? 0.25 * rnd() : 0)));
    }
    const r = analyzeAudio(samples);
    expect(r.status).to.equal('ok');
    expect(r.figures.pauses.count).to.equal(9);
    expect(r.figures.pauses.longestSec).to.be.closeTo(1, 0.1);
  });

  it('全是静音：数据不足（silent），不给表达数据打分', async () => {
    const r = analyzeAudio(await decodePcm16kMono(silence(tmp.dir, 'silence.wav', 3)));
    expect(r.status).to.equal('insufficient_data');
    if (r.status === 'insufficient_data') {
      expect(r.reason).to.equal('silent');
      expect(r.explanation).to.include('不是低分');
    }
  });

  it('严重削波失真：数据不足（clipped）', async () => {
    const r = analyzeAudio(await decodePcm16kMono(clippedTone(tmp.dir, 'clipped.wav', 2)));
    expect(r.status).to.equal('insufficient_data');
    if (r.status === 'insufficient_data') expect(r.reason).to.equal('clipped');
  });

  it('不到 1 秒的录音：数据不足（too_short）', () => {
    const r = analyzeAudio(new Int16Array(8000).fill(3000));
    expect(r.status === 'insufficient_data' && r.reason).to.equal('too_short');
  });

  it('语速 = 转写字数 ÷ 说话时长：120 个字说了 30 秒是每分钟 240 字', () => {
    expect(speechRate('好'.repeat(120), 30)).to.equal(240);
    expect(speechRate('用 Redis 做缓存', 3)).to.equal(100); // 用、做、缓、存 + Redis = 5
    expect(speechRate('任何内容', 0)).to.equal(null);
  });
});
