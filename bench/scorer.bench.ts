/**
 * `npm run bench -- scorer`: how fast the scorer is on this machine, and how
 * well it agrees with the hand ratings of the calibration set.
 * - Text scoring of one answer (cold start, then p50/p99).
 * - Delivery figures for a 60 s answer (decode + VAD).
 * - Face integrity for a 60 s video at 1 fps (SSD and tiny detector).
 * - A whole 5-question interview, end to end (probe, audio, faces, content;
 *   transcripts supplied, because ASR is an outside service).
 * - The same interview through the worker: claim with a lease, copy each
 *   recording out of GridFS (embedded store), analyse, write the report,
 *   queue the HR card; and the lease machinery alone (jobs a second).
 * - Calibration: Spearman and pairwise ordering accuracy on the dev and held-out parts.
 * The media is generated with ffmpeg lavfi. Figures are printed, never asserted.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { analyzeAnswer } from '../scorer/analyzeAnswer.js';
import { loadCalibration } from '../scorer/calibration/dataset.js';
import { evaluatePart, type Agreement } from '../scorer/calibration/evaluate.js';
import { scoreAnswer } from '../scorer/content/scoreAnswer.js';
import { analyzeAudio } from '../scorer/media/audio.js';
import { analyzeFaces, loadFaceDetector } from '../scorer/media/faces.js';
import { decodePcm16kMono } from '../lib/media/ffmpeg.js';
import { mkdir } from 'node:fs/promises';
import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../embedded-mongo/index.js';
import { silentLogger } from '../lib/logger.js';
import { ensureIndexes } from '../models/db.js';
import { RecordingModel } from '../models/recording.js';
import { ScoreJobModel, ScoreReportModel } from '../models/scoreReport.js';
import { createOutbox } from '../bot/outbox/outboxStore.js';
import { noTranscriber } from '../scorer/asr.js';
import { enqueueScoreJob } from '../scorer/queue.js';
import { ScoreWorker } from '../scorer/worker.js';
import { scoreInterview } from '../scorer/workerScore.js';
import { makeTempDir, webmWithoutDuration, type BurstPlan } from '../test/fixtures/scorer/generate.js';
import { seedInterview, storeRecording } from '../test/scorer/workerFixtures.js';
import { Types } from 'mongoose';
import type { Print } from './run.js';

export const title = 'scorer: content scoring, delivery and face figures, end-to-end interview, calibration';

const require = createRequire(import.meta.url);
const sample1 = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo', 'sample1.jpg');

/** Speech-like bursts: 2–5 s of "talk", then 0.3–1.5 s of silence, deterministic. */
function talkPlan(durationSec: number, seed = 1): BurstPlan {
  const silences: Array<[number, number]> = [];
  let t = 1;
  let s = seed;
  const rnd = (): number => ((s = (s * 16807) % 2147483647) / 2147483647);
  while (t < durationSec - 1) {
    t += 2 + 3 * rnd();
    const gap = 0.3 + 1.2 * rnd();
    if (t + gap < durationSec) silences.push([round2(t), round2(t + gap)]);
    t += gap;
  }
  return { durationSec, silences };
}

export async function run(print: Print): Promise<void> {
  const tmp = makeTempDir('scorer-bench-');
  try {
    await textScoring(print);
    await audioFigures(print, tmp.dir);
    await faceIntegrity(print, tmp.dir);
    await interview(print, tmp.dir);
    await workerEndToEnd(print, tmp.dir);
    calibration(print);
  } finally {
    tmp.cleanup();
  }
}

async function textScoring(print: Print): Promise<void> {
  const { dev, heldout } = loadCalibration();
  const answers = [...dev.answers, ...heldout.answers];
  const first = answers[0];
  if (first === undefined) return;
  let t = performance.now();
  scoreAnswer(first.question, first);
  const cold = performance.now() - t;
  const times: number[] = [];
  for (let round = 0; round < 10; round += 1) {
    for (const a of answers) {
      t = performance.now();
      scoreAnswer(a.question, a);
      times.push(performance.now() - t);
    }
  }
  const chars = answers.reduce((n, a) => n + [...a.transcript].length, 0) / answers.length;
  print(`text scoring, one answer (${answers.length} calibration answers × 10, mean ${Math.round(chars)} chars):`);
  print(`  cold first call ${cold.toFixed(0)} ms (loads jieba's dictionary); then p50 ${pct(times, 0.5).toFixed(2)} ms, p99 ${pct(times, 0.99).toFixed(2)} ms, max ${Math.max(...times).toFixed(1)} ms`);
}

async function audioFigures(print: Print, dir: string): Promise<void> {
  const file = webmWithoutDuration(dir, 'a60.webm', { durationSec: 60, audio: talkPlan(60) });
  const t0 = performance.now();
  const pcm = await decodePcm16kMono(file);
  const t1 = performance.now();
  const r = analyzeAudio(pcm, { transcript: '好'.repeat(220) });
  const t2 = performance.now();
  const f = r.figures;
  print(`delivery figures, 60 s answer (webm vp8+opus): decode ${(t1 - t0).toFixed(0)} ms + VAD/figures ${(t2 - t1).toFixed(0)} ms = ${(t2 - t0).toFixed(0)} ms, real-time factor ${((t2 - t0) / 60_000).toFixed(4)}`);
  print(`  found ${f.pauses.count} pauses ≥ ${f.pauses.thresholdSec} s (longest ${f.pauses.longestSec} s), speaking ${f.speakingSec} s of ${f.durationSec} s, steadiness ${f.loudness.steadiness}`);
}

async function faceIntegrity(print: Print, dir: string): Promise<void> {
  const file = webmWithoutDuration(dir, 'v60.webm', { durationSec: 60, video: { image: sample1 }, audio: talkPlan(60, 3) });
  for (const kind of ['ssd', 'tiny'] as const) {
    const t0 = performance.now();
    await loadFaceDetector(kind);
    const load = performance.now() - t0;
    const t1 = performance.now();
    const r = await analyzeFaces(file, { detector: kind });
    const total = performance.now() - t1;
    print(
      `face integrity, 60 s video at 1 fps, ${kind} detector (wasm): load ${load.toFixed(0)} ms; ${r.framesAnalysed} frames in ${(total / 1000).toFixed(1)} s ` +
        `(${r.msPerFrame} ms/frame incl. decode), real-time factor ${(total / 60_000).toFixed(3)}; flags ${r.flags.join(',') || 'none'}`,
    );
  }
  print(`  RSS after loading both detectors: ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
}

async function interview(print: Print, dir: string): Promise<void> {
  const { dev } = loadCalibration();
  const picks = ['c1', 'p3', 'm2', 'k4', 'l1'].map((id) => dev.answers.find((a) => a.id === id)).filter((a) => a !== undefined);
  const durations = [30, 45, 60, 40, 50];
  const files = picks.map((_, i) =>
    webmWithoutDuration(dir, `q${i}.webm`, { durationSec: durations[i] ?? 30, video: { image: sample1 }, audio: talkPlan(durations[i] ?? 30, i + 5) }),
  );
  const media = durations.reduce((a, b) => a + b, 0);
  const t0 = performance.now();
  const lines: string[] = [];
  for (const [i, a] of picks.entries()) {
    const file = files[i];
    if (file === undefined) continue;
    const r = await analyzeAnswer({ kind: 'recording', path: file, transcript: a.transcript }, a.question);
    const overall = r.content.status === 'scored' ? r.content.score.overall : null;
    lines.push(`  q${i + 1} ${durations[i]} s: total ${r.timingsMs.total} ms (probe ${r.timingsMs.probe}, audio ${r.timingsMs.audio}, faces ${r.timingsMs.faces}, content ${r.timingsMs.content}); content ${overall}, flags ${r.flags.join(',') || 'none'}`);
  }
  const total = performance.now() - t0;
  print(`whole interview, 5 answers, ${media} s of video, one after another (SSD faces at 1 fps, transcripts supplied): ${(total / 1000).toFixed(1)} s, real-time factor ${(total / 1000 / media).toFixed(3)}`);
  for (const l of lines) print(l);
}

async function workerEndToEnd(print: Print, dir: string): Promise<void> {
  const dbDir = join(dir, 'db');
  await mkdir(dbDir);
  const store = await startEmbeddedMongo({ dbPath: dbDir, logger: silentLogger });
  await mongoose.connect(store.uri, { dbName: 'bench', autoIndex: false });
  try {
    await ensureIndexes();
    const { dev } = loadCalibration();
    const picks = ['c1', 'p3', 'm2', 'k4', 'l1'].map((id) => dev.answers.find((a) => a.id === id)).filter((a) => a !== undefined);
    const durations = [30, 45, 60, 40, 50];
    const questions = picks.map((a, i) => ({ ...a.question, id: `q${i + 1}`, thinkSec: 30, answerSec: 120, retakes: 1 }));
    const s = await seedInterview({ questions, jobCode: 'BENCH' });
    for (const [i, a] of picks.entries()) {
      const file = webmWithoutDuration(dir, `w${i}.webm`, { durationSec: durations[i] ?? 30, video: { image: sample1 }, audio: talkPlan(durations[i] ?? 30, i + 11) });
      const id = await storeRecording(s.interviewId, `q${i + 1}`, file);
      await RecordingModel.updateOne({ _id: id }, { $set: { transcript: a.transcript } });
    }
    await enqueueScoreJob(s.interviewId);
    const worker = (owner: string) => new ScoreWorker({
      owner, concurrency: 1, notifier: createOutbox(), publicBaseUrl: 'http://bench', logger: silentLogger,
      score: (id, o) => scoreInterview(id, { transcriber: noTranscriber, logger: silentLogger }, o),
    });
    const t0 = performance.now();
    const result = await worker('bench').runOnce();
    const total = performance.now() - t0;
    const report = await ScoreReportModel.findOne({ interviewId: s.interviewId }).lean();
    const analysed = (report?.answers ?? []).reduce((sum, a) => sum + Number((a.analysis['timingsMs'] as { total?: number } | undefined)?.total ?? 0), 0);
    const media = durations.reduce((a, b) => a + b, 0);
    print(
      `worker end to end, 5 answers, ${media} s of video in GridFS (lease claim → copy out → analyse → fenced report write → Outbox card): ${(total / 1000).toFixed(1)} s, ` +
        `real-time factor ${(total / 1000 / media).toFixed(3)}; analysis itself ${(analysed / 1000).toFixed(1)} s, worker overhead ${Math.round(total - analysed)} ms; ${result.kind}, overall ${report?.overall ?? 'none'}`,
    );

    // The lease machinery alone: jobs for interviews that do not exist are claimed, skipped and completed.
    const N = 300;
    for (let i = 0; i < N; i += 1) await enqueueScoreJob(new Types.ObjectId());
    const workers = [worker('a'), worker('b')];
    const t1 = performance.now();
    const counts = await Promise.all(workers.map(async (w) => {
      let n = 0;
      while ((await w.runOnce()).kind !== 'idle') n += 1;
      return n;
    }));
    const ms = performance.now() - t1;
    const done = await ScoreJobModel.countDocuments({ status: 'done', attempts: 1 });
    print(
      `  queue alone: ${N} jobs claimed, worked (skipped) and completed by 2 racing workers in ${Math.round(ms)} ms (${Math.round((N / ms) * 1000)} jobs/s); ` +
        `split ${counts.join(' + ')} = ${counts.reduce((a, b) => a + b, 0)}, done with a single attempt: ${done - 1} of ${N}`,
    );
  } finally {
    await mongoose.disconnect();
    await store.close();
  }
}

function calibration(print: Print): void {
  const { dev, heldout } = loadCalibration();
  const show = (r: Agreement): void => {
    print(
      `calibration ${r.part.padEnd(7)}: ${r.rated} rated answers, Spearman ${r.spearman.toFixed(3)}, pairwise ordering ${pctStr(r.pairwise.accuracy)} of ${r.pairwise.pairs} pairs, ` +
        `within the same question ${pctStr(r.pairwiseWithinQuestion.accuracy)} of ${r.pairwiseWithinQuestion.pairs}; ` +
        `no-data answers left unrated ${r.nodata.unratedByScorer}/${r.nodata.total}; rated answers wrongly left unrated: ${r.wronglyUnrated.length}`,
    );
    const byCategory = new Map<string, number[]>();
    for (const i of r.items) if (i.result.overall !== null) byCategory.set(i.category, [...(byCategory.get(i.category) ?? []), i.result.overall]);
    print(`  mean score by category: ${[...byCategory].map(([c, xs]) => `${c} ${Math.round(xs.reduce((a, b) => a + b, 0) / xs.length)}`).join(', ')}`);
  };
  show(evaluatePart(dev));
  show(evaluatePart(heldout));
}

function pct(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}
const pctStr = (x: number): string => `${(x * 100).toFixed(1)}%`;
const round2 = (x: number): number => Math.round(x * 100) / 100;
