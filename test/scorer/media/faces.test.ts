import { expect } from 'chai';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { analyzeFaces, loadFaceDetector, summarizeFaceCounts } from '../../../scorer/media/faces.js';
import { makeTempDir, testPatternImage } from '../../fixtures/scorer/generate.js';

const require = createRequire(import.meta.url);
const sample1 = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo', 'sample1.jpg');

describe('画面完整性 analyzeFaces（face-api wasm，只做人脸检测）', function () {
  // Loading the wasm backend and the SSD detector takes about a second on this machine; each detection 0.3–0.9 s.
  this.timeout(30_000);
  let tmp: ReturnType<typeof makeTempDir>;
  before(async () => {
    tmp = makeTempDir();
    await loadFaceDetector('ssd'); // once for the whole run
  });
  after(() => tmp.cleanup());

  it('包里自带的合影 sample1.jpg 有好几张真实人脸：标记 multiple_faces', async () => {
    const r = await analyzeFaces(sample1);
    expect(r.framesAnalysed).to.equal(1);
    expect(r.framesMultipleFaces).to.equal(1);
    expect(r.flags).to.include('multiple_faces');
    expect(r.notes.join()).to.include('不止一张人脸');
  });

  it('ffmpeg 测试图（testsrc）里没有人脸：标记 no_face_long', async () => {
    const r = await analyzeFaces(testPatternImage(tmp.dir, 'testsrc.png'));
    expect(r.framesAnalysed).to.equal(1);
    expect(r.framesNoFace).to.equal(1);
    expect(r.oneFaceShare).to.equal(0);
    expect(r.flags).to.deep.equal(['no_face_long']);
  });

  it('只加载了人脸检测模型；表情、年龄性别、人脸特征模型从未加载', async () => {
    await analyzeFaces(sample1);
    const api = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as { nets: Record<string, { isLoaded: boolean }> };
    expect(api.nets['ssdMobilenetv1']?.isLoaded).to.equal(true);
    for (const net of ['faceExpressionNet', 'ageGenderNet', 'faceRecognitionNet', 'faceLandmark68Net']) {
      expect(api.nets[net]?.isLoaded, net).to.equal(false);
    }
  });

  it('加载 wasm 后没有留下会让进程崩溃的全局错误处理器', () => {
    // Emscripten installs rethrowing handlers; loadFaceDetector removes exactly those.
    const leftovers = [...process.listeners('uncaughtException'), ...process.listeners('unhandledRejection')].filter((l) =>
      /ExitStatus|throw reason/.test(String(l)),
    );
    expect(leftovers).to.deep.equal([]);
  });

  it('结果里只有计数和时间点，没有任何关于人的描述', async () => {
    const r = await analyzeFaces(sample1);
    expect(Object.keys(r).sort()).to.deep.equal(
      ['detector', 'flags', 'framesAnalysed', 'framesMultipleFaces', 'framesNoFace', 'longestNoFaceSec', 'msPerFrame', 'multipleFacesAt', 'notes', 'oneFaceShare'].sort(),
    );
  });
});

describe('画面完整性汇总 summarizeFaceCounts', () => {
  const opts = { fps: 1, noFaceLongSec: 5, detector: 'ssd' as const, msPerFrame: 0 };

  it('一直一张脸：没有标记', () => {
    const r = summarizeFaceCounts(Array<number>(60).fill(1), opts);
    expect(r.oneFaceShare).to.equal(1);
    expect(r.flags).to.deep.equal([]);
  });

  it('连续 6 秒没人：no_face_long，最长 6 秒', () => {
    const counts = [...Array<number>(20).fill(1), ...Array<number>(6).fill(0), ...Array<number>(20).fill(1)];
    const r = summarizeFaceCounts(counts, opts);
    expect(r.longestNoFaceSec).to.equal(6);
    expect(r.flags).to.deep.equal(['no_face_long']);
  });

  it('长录像里只有一帧误检出两张脸不算；两帧才标记，并给出时间点', () => {
    const once = [...Array<number>(30).fill(1)];
    once[10] = 2;
    expect(summarizeFaceCounts(once, opts).flags).to.deep.equal([]);
    const twice = [...once];
    twice[25] = 2;
    const r = summarizeFaceCounts(twice, opts);
    expect(r.flags).to.deep.equal(['multiple_faces']);
    expect(r.multipleFacesAt).to.deep.equal([10, 25]);
  });
});
