/**
 * The video interview page on a real HTTP server, assembled from the router
 * the app mounts, with a movable clock and a memory Outbox; plus fixtures: a
 * job with short questions, a candidate, a video interview and its link, and
 * real webm recordings made with ffmpeg.
 */
import type { Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { createApp } from '../../../server/app.js';
import { createLogger, silentLogger } from '../../../lib/logger.js';
import { interviewPageRoutes } from '../../../miniapp/interview/routes.js';
import { interviewToken } from '../../../models/interviewLink.js';
import { consentVersion } from '../../../miniapp/interview/wording.js';
import { JobModel, type Job, type JobQuestion } from '../../../models/job.js';
import { CandidateModel, type Candidate } from '../../../models/candidate.js';
import { InterviewModel, type Interview } from '../../../models/interview.js';
import { mediaTools, run } from '../../../lib/media/ffmpeg.js';
import { MemoryOutbox } from '../../helpers/memoryOutbox.js';

export const LINK_KEY = Buffer.alloc(32, 7);
export const RETENTION_DAYS = 180;
export const CONSENT = consentVersion(RETENTION_DAYS);
export const T0 = new Date('2026-11-22T02:00:00Z'); // Sunday 10:00 in Shanghai

export interface InterviewSite {
  readonly server: Server;
  readonly base: string;
  readonly outbox: MemoryOutbox;
  clock: Date;
  http(): supertest.Agent;
  close(): Promise<void>;
}

export async function startInterviewSite(): Promise<InterviewSite> {
  const outbox = new MemoryOutbox();
  const site = { clock: T0 } as { clock: Date };
  const routes = interviewPageRoutes({
    linkKey: LINK_KEY, companyName: '示例科技有限公司', retentionDays: RETENTION_DAYS, tz: 'Asia/Shanghai',
    now: () => site.clock, logger: silentLogger, outbox,
  });
  await routes.prepare();
  const app = createApp({ logger: process.env['INTERVIEW_TEST_LOG'] ? createLogger('info') : silentLogger, routers: [routes.router] });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const addr = server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return Object.assign(site, {
    server, base, outbox,
    http: () => supertest.agent(server),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

export function question(id: string, over: Partial<JobQuestion> = {}): JobQuestion {
  return {
    id, text: `请讲一个你${id === 'q1' ? '推动跨部门合作' : '解决复杂问题'}的例子。`, competency: '协作', keyPoints: ['目标', '行动', '结果'],
    thinkSec: 2, answerSec: 10, retakes: 1, ...over,
  };
}

export interface Seeded {
  readonly job: Job;
  readonly candidate: Candidate;
  readonly interview: Interview;
  readonly token: string;
}

let phones = 0;

export async function seedInterview(over: { questions?: JobQuestion[]; interview?: Partial<Interview> } = {}): Promise<Seeded> {
  phones += 1;
  const job = (await JobModel.create({
    code: `PM-${phones}`, title: '产品经理', department: '产品部', questions: over.questions ?? [question('q1'), question('q2')],
  })).toObject();
  const candidate = (await CandidateModel.create({ name: '李雷', phone: `139${String(10_000_000 + phones).slice(-8)}`, createdBy: 'chenjing' })).toObject();
  const interview = (await InterviewModel.create({
    candidateId: candidate._id, jobId: job._id, kind: 'video',
    startAt: new Date(T0.getTime() - 3600_000), endAt: new Date(T0.getTime() + 2 * 86_400_000),
    interviewerUserid: 'wangqiang', hrUserid: 'chenjing', status: 'scheduled', ...over.interview,
  })).toObject();
  return { job, candidate, interview, token: interviewToken(LINK_KEY, interview) };
}

export interface MediaSpec {
  readonly seconds: number;
  readonly audio?: boolean;
  readonly video?: boolean;
}

const mediaCache = new Map<string, Promise<Buffer>>();

/** A webm like Chrome's (vp8 + opus), made once per spec and run. */
export function webm(spec: MediaSpec): Promise<Buffer> {
  const key = JSON.stringify(spec);
  let p = mediaCache.get(key);
  if (!p) {
    p = (async () => {
      const dir = await mkdtemp(join(tmpdir(), 'interview-media-'));
      try {
        const out = join(dir, 'x.webm');
        const inputs: string[] = [];
        const codecs: string[] = [];
        if (spec.video !== false) {
          inputs.push('-f', 'lavfi', '-i', `testsrc=size=160x120:rate=10:duration=${spec.seconds}`);
          codecs.push('-c:v', 'libvpx', '-b:v', '150k');
        }
        if (spec.audio !== false) {
          inputs.push('-f', 'lavfi', '-i', `sine=frequency=440:duration=${spec.seconds}`);
          codecs.push('-c:a', 'libopus');
        }
        await run(mediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y', ...inputs, ...codecs, out]);
        return await readFile(out);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    })();
    mediaCache.set(key, p);
  }
  return p;
}

/** Splits a buffer into pieces of at most `size` bytes. */
export function pieces(buf: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, Math.min(buf.length, i + size)));
  return out;
}
