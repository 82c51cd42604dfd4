/**
 * The HR report and job ranking pages on a real HTTP server, assembled from
 * the routers the scoring feature mounts, with a movable clock. Sessions are
 * the app's own signed cookie (the OAuth round trip itself is tested with the
 * payslip pages); people are seeded with the roles the pages check.
 */
import type { Server } from 'node:http';
import type { Types } from 'mongoose';
import supertest from 'supertest';
import { createApp } from '../../server/app.js';
import { SESSION_COOKIE } from '../../server/auth/session.js';
import { signToken } from '../../lib/signedToken.js';
import { silentLogger } from '../../lib/logger.js';
import { EmployeeModel, type Role } from '../../models/employee.js';
import { hrReportRoutes } from '../../miniapp/hr/reportRoutes.js';
import { hrJobRankingRoutes } from '../../miniapp/hr/jobRankingRoutes.js';
import { noTranscriber } from '../../scorer/asr.js';
import { enqueueScoreJob } from '../../scorer/queue.js';
import { ScoreWorker, type JobResult } from '../../scorer/worker.js';
import { scoreInterview } from '../../scorer/workerScore.js';
import { MemoryOutbox } from '../helpers/memoryOutbox.js';
import { pageAuth } from '../../server/auth/pageAuth.js';

export const SESSION_KEY = Buffer.alloc(32, 7);

/** 陈静 HR; 李雷 the interviewer of the seeded interviews; 赵强 an interviewer of others; 王芳 an employee; 赵敏 in WECOM_HR_ADMINS. */
export const PEOPLE: ReadonlyArray<{ userid: string; name: string; roles: Role[] }> = [
  { userid: 'chenjing', name: '陈静', roles: ['employee', 'hr'] },
  { userid: 'lilei', name: '李雷', roles: ['employee', 'interviewer'] },
  { userid: 'zhaoqiang', name: '赵强', roles: ['employee', 'interviewer'] },
  { userid: 'wangfang', name: '王芳', roles: ['employee'] },
  { userid: 'zhaomin', name: '赵敏', roles: ['employee'] },
];

export async function seedPeople(): Promise<void> {
  for (const p of PEOPLE) await EmployeeModel.create({ ...p, departments: [1], active: true, source: 'seed' });
}

export interface ReportSite {
  readonly server: Server;
  readonly base: string;
  clock: Date;
  /** The Cookie header of a signed-in person. */
  cookie(userid: string): string;
  /** Requests as `userid` (or anonymously). */
  get(path: string, userid?: string): supertest.Test;
  /** A form post from our own page (Origin set), as `userid`. */
  post(path: string, userid: string, form: Record<string, string>, origin?: string): supertest.Test;
  close(): Promise<void>;
}

export async function startReportSite(): Promise<ReportSite> {
  const site = { clock: new Date('2026-11-22T02:00:00Z') };
  const now = () => site.clock;
  const access = { auth: pageAuth({ key: SESSION_KEY, secureCookies: false, now }, ['zhaomin']) };
  const app = createApp({ logger: silentLogger, routers: [hrReportRoutes({ ...access, tz: 'Asia/Shanghai', now }), hrJobRankingRoutes({ ...access, now })] });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const cookie = (userid: string) => `${SESSION_COOKIE}=${signToken(SESSION_KEY, { kind: 'session', sub: userid, exp: Math.floor(now().getTime() / 1000) + 3600 })}`;
  return Object.assign(site, {
    server, base, cookie,
    get(path: string, userid?: string) {
      const req = supertest(server).get(path).set('Accept', 'text/html');
      return userid ? req.set('Cookie', cookie(userid)) : req;
    },
    post(path: string, userid: string, form: Record<string, string>, origin = base) {
      return supertest(server).post(path).set('Cookie', cookie(userid)).set('Origin', origin).type('form').set('Accept', 'text/html').send(new URLSearchParams(form).toString());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** Queues and scores one interview with the real worker (no ASR; no faces unless asked: fast); returns what it did and the card it sent. */
export async function scoreNow(interviewId: Types.ObjectId, now = new Date('2026-11-22T02:00:00Z'), opts: { faces?: boolean } = {}): Promise<{ result: JobResult; outbox: MemoryOutbox }> {
  await enqueueScoreJob(interviewId, now);
  const outbox = new MemoryOutbox();
  const worker = new ScoreWorker({
    owner: 'test-worker', concurrency: 1, notifier: outbox, publicBaseUrl: 'http://hr.test', logger: silentLogger, now: () => now,
    score: (id, o) => scoreInterview(id, { transcriber: noTranscriber, logger: silentLogger, ...(opts.faces ? {} : { faces: false as const }) }, o),
  });
  return { result: await worker.runOnce(), outbox };
}
