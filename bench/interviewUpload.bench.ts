/**
 * Candidate uploads on the embedded store, over real HTTP: a 60-second answer
 * (640×480 vp8 ~1 Mbit/s + opus, like the page records) sent in 1-second
 * chunks as the page does, one candidate and then four at once. Prints the
 * chunk latency (each is one part insert plus one guarded commit), and the
 * time `complete` takes (parts → file → ffmpeg remux → ffprobe → GridFS).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../embedded-mongo/index.js';
import { ensureIndexes } from '../models/db.js';
import { silentLogger } from '../lib/logger.js';
import { createApp } from '../server/app.js';
import { interviewPageRoutes } from '../miniapp/interview/routes.js';
import { interviewToken } from '../models/interviewLink.js';
import { consentVersion } from '../miniapp/interview/wording.js';
import { JobModel } from '../models/job.js';
import { CandidateModel } from '../models/candidate.js';
import { InterviewModel } from '../models/interview.js';
import { mediaTools, run as runBinary } from '../lib/media/ffmpeg.js';

export const title = 'interview page: chunked upload of a 60 s answer, then assembly (remux, probe, GridFS)';

const KEY = Buffer.alloc(32, 9);
const SECONDS = 60;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function makeAnswer(dir: string): Promise<Buffer> {
  const out = join(dir, 'answer.webm');
  await runBinary(mediaTools().ffmpeg, [
    '-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=640x480:rate=20:duration=${SECONDS}`,
    '-f', 'lavfi', '-i', `sine=frequency=300:duration=${SECONDS}`, '-c:v', 'libvpx', '-b:v', '1M', '-deadline', 'realtime', '-c:a', 'libopus', '-b:a', '64k', out,
  ], { timeoutMs: 300_000 });
  return readFile(out);
}

let seq = 0;
async function seed(): Promise<string> {
  const n = (seq += 1);
  const job = await JobModel.create({ code: `B-${n}`, title: '产品经理', questions: [{ id: 'q1', text: '请讲一个例子', competency: '协作', answerSec: 120 }] });
  const cand = await CandidateModel.create({ name: '候选人', phone: `137${String(10_000_000 + n).slice(-8)}`, createdBy: 'bench' });
  const now = Date.now();
  const i = await InterviewModel.create({ candidateId: cand._id, jobId: job._id, kind: 'video', startAt: new Date(now - 3600_000), endAt: new Date(now + 86_400_000), interviewerUserid: 'x', hrUserid: 'y' });
  return interviewToken(KEY, i);
}

async function candidate(base: string, data: Buffer): Promise<{ chunkMs: number[]; completeMs: number }> {
  const token = await seed();
  const api = `${base}/api/interview/${token}`;
  const post = (path: string, body: unknown) => fetch(`${api}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await post('/consent', { version: consentVersion(180), review: 'ai' });
  const attempt = (await (await post('/questions/q1/attempts', { mimeType: 'video/webm;codecs=vp8,opus' })).json()) as { recordingId: string };
  const size = Math.ceil(data.length / SECONDS);
  const chunkMs: number[] = [];
  for (let offset = 0; offset < data.length; offset += size) {
    const t = performance.now();
    const res = await fetch(`${api}/recordings/${attempt.recordingId}/chunks?offset=${offset}`, { method: 'POST', headers: { 'Content-Type': 'video/webm' }, body: new Uint8Array(data.subarray(offset, offset + size)) });
    if (!res.ok) throw new Error(`chunk at ${offset}: ${res.status} ${await res.text()}`);
    chunkMs.push(performance.now() - t);
  }
  const t = performance.now();
  const done = await post(`/recordings/${attempt.recordingId}/complete`, { totalBytes: data.length });
  if (!done.ok) throw new Error(`complete: ${done.status} ${await done.text()}`);
  return { chunkMs, completeMs: performance.now() - t };
}

export async function run(print: (line: string) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-interview-upload-'));
  const store = await startEmbeddedMongo({ dbPath: join(dir, 'db'), logger: silentLogger });
  await mongoose.connect(store.uri, { dbName: 'bench', autoIndex: false });
  await ensureIndexes();
  const routes = interviewPageRoutes({ linkKey: KEY, companyName: '示例', retentionDays: 180, tz: 'Asia/Shanghai', now: () => new Date(), logger: silentLogger });
  await routes.prepare();
  const server = createApp({ logger: silentLogger, routers: [routes.router] }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const addr = server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  try {
    const data = await makeAnswer(dir);
    print(`answer: ${SECONDS} s, ${(data.length / 1024 / 1024).toFixed(2)} MiB, ${SECONDS} chunks of ${Math.round(data.length / SECONDS / 1024)} KiB`);
    await candidate(base, data.subarray(0, Math.ceil(data.length / SECONDS) * 5)).catch(() => undefined); // warm-up (assembly of a cut file may fail: fine)

    for (const n of [1, 4]) {
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: n }, () => candidate(base, data)));
      const wall = performance.now() - started;
      const chunks = results.flatMap((r) => r.chunkMs).sort((a, b) => a - b);
      const completes = results.map((r) => r.completeMs).sort((a, b) => a - b);
      print(`${n} candidate(s) at once: chunk p50 ${pct(chunks, 50).toFixed(1)} ms, p95 ${pct(chunks, 95).toFixed(1)} ms, max ${(chunks.at(-1) ?? 0).toFixed(1)} ms; `
        + `complete ${completes.map((c) => `${Math.round(c)}`).join('/')} ms; `
        + `${((n * data.length * 8) / 1e6 / (wall / 1000)).toFixed(1)} Mbit/s ingested`);
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await mongoose.disconnect();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
