/**
 * Routes of the candidate's video interview page. The signed link in the path
 * is the only credential: every route verifies it first (expired or revoked →
 * 410, tampered → 403, unknown → 404), then the interview's state.
 *
 *   GET  /interview/:token                 the page (or a message when the interview is closed)
 *   GET  /interview/assets/interview.js    the page script, bundled with esbuild at start-up
 *   GET  /interview/assets/interview.css
 *   /api/interview/:token/…                the JSON API (see apiTypes.ts)
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { readJson, readRawBody } from '../../lib/http/body.js';
import type { Logger } from '../../lib/logger.js';
import type { OutboxPort } from '../../flows/ports.js';
import { bundleScript, serveAsset, stylesheet } from '../console/bundle.js';
import { findQuestion, gate, loadByToken, requireOpen, type Loaded } from './access.js';
import { keepAttempt, enterTextMode, submitText } from './answers.js';
import { completeIfAllAnswered } from './completion.js';
import type { UploadAck } from './apiTypes.js';
import { recordConsent } from './consent.js';
import { PageError } from './errors.js';
import { cleanEvents, recordIntegrity } from './integrity.js';
import { MAX_CHUNK_BYTES, MAX_NETWORK_CHECK_BYTES, MAX_TEXT_CHARS } from './limits.js';
import { interviewPage, messagePage, type Assets } from './page.js';
import { attemptView, pageState } from './state.js';
import { appendChunk, checkChunkType, completeUpload, findAttempt, startAttempt } from './uploads.js';
import { consentVersion, W, type FallbackReason } from './wording.js';

export interface InterviewPageOptions {
  readonly linkKey: Buffer;
  readonly companyName: string;
  readonly retentionDays: number;
  readonly tz: string;
  readonly now: () => Date;
  readonly logger: Logger;
  /** HR is told when an interview is completed. */
  readonly outbox?: OutboxPort | undefined;
}

export interface InterviewPageRoutes {
  readonly router: Router;
  /** Bundles the script now, so a broken build fails the start, not the first candidate. */
  prepare(): Promise<void>;
}

const SCRIPT = new URL('../web/interview/main.ts', import.meta.url);
const STYLE = new URL('./interview.css', import.meta.url);
const JSON_LIMIT = 16 * 1024;

const consentBody = z.object({ version: z.string().max(64), review: z.enum(['ai', 'human']) });
const attemptBody = z.object({ mimeType: z.string().min(1).max(100) });
const completeBody = z.object({ totalBytes: z.number().int().min(0) });
const textBody = z.object({ text: z.string().max(MAX_TEXT_CHARS * 4) });
const textModeBody = z.object({ reason: z.enum(['denied', 'unsupported', 'no_device', 'busy', 'error', 'choice']) });

function noStore(ctx: Context): void {
  ctx.set('Cache-Control', 'no-store');
}

/** Chunks are 409 with how much the server has, so the page can carry on from there. */
function ack(ctx: Context, status: number, body: UploadAck): void {
  ctx.status = status;
  ctx.body = body;
}

export function interviewPageRoutes(o: InterviewPageOptions): InterviewPageRoutes {
  const router = new Router();
  const stateOpts = { companyName: o.companyName, retentionDays: o.retentionDays, tz: o.tz };
  const completion = { outbox: o.outbox };

  async function assets(): Promise<Assets> {
    const [script, style] = await Promise.all([bundleScript(SCRIPT), stylesheet(STYLE)]);
    const v = (etag: string) => etag.replace(/\W/g, '');
    return { script: `/interview/assets/interview.js?v=${v(script.etag)}`, style: `/interview/assets/interview.css?v=${v(style.etag)}` };
  }

  async function load(ctx: Context): Promise<Loaded> {
    noStore(ctx);
    return loadByToken(o.linkKey, String(ctx.params['token'] ?? ''), o.now());
  }

  async function readBody<T>(ctx: Context, schema: z.ZodType<T>): Promise<T> {
    return readJson(ctx, schema, JSON_LIMIT);
  }

  // API refusals carry their extra fields (e.g. how many bytes the server has); pages use the app's error page.
  router.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (!(err instanceof PageError) || !ctx.path.startsWith('/api/') || Object.keys(err.extra).length === 0) throw err;
      o.logger.info({ status: err.status, path: ctx.path, reason: err.message }, 'request refused');
      ctx.status = err.status;
      ctx.body = { ...err.extra, error: err.message };
    }
  });

  router.get('/interview/assets/interview.js', async (ctx) => serveAsset(ctx, await bundleScript(SCRIPT)));
  router.get('/interview/assets/interview.css', async (ctx) => serveAsset(ctx, await stylesheet(STYLE)));

  router.get('/interview/:token', async (ctx) => {
    const l = await load(ctx);
    const g = gate(l, o.now());
    const a = await assets();
    ctx.type = 'html';
    // The page needs camera and microphone; nothing else may run or be fetched from elsewhere.
    ctx.set('Permissions-Policy', 'camera=(self), microphone=(self), geolocation=()');
    ctx.set('Content-Security-Policy', "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    const invite = { href: `/i/${encodeURIComponent(l.token)}`, text: W.doneBackToInvite };
    switch (g.kind) {
      case 'open':
      case 'completed':
        ctx.body = interviewPage(await pageState(l, l.job, stateOpts), a);
        return;
      case 'closed':
        ctx.body = messagePage(o.companyName, W.closedTitle, g.message, a, invite);
        return;
      case 'not_video':
        ctx.body = messagePage(o.companyName, W.notVideoTitle, W.notVideo, a, invite);
        return;
      case 'no_questions':
        ctx.body = messagePage(o.companyName, W.noQuestionsTitle, W.noQuestions, a, invite);
        return;
    }
  });

  router.get('/api/interview/:token/state', async (ctx) => {
    const l = await load(ctx);
    const g = gate(l, o.now());
    if (g.kind !== 'open' && g.kind !== 'completed') requireOpen(l, o.now(), { consented: false });
    ctx.body = await pageState(l, l.job, stateOpts);
  });

  router.post('/api/interview/:token/consent', async (ctx) => {
    const l = await load(ctx);
    requireOpen(l, o.now(), { consented: false });
    const body = await readBody(ctx, consentBody);
    await recordConsent(l.interview, body, consentVersion(o.retentionDays), o.now());
    const fresh = await load(ctx);
    ctx.body = await pageState(fresh, fresh.job, stateOpts);
  });

  router.post('/api/interview/:token/network-check', async (ctx) => {
    const l = await load(ctx);
    requireOpen(l, o.now(), { consented: false });
    const body = await readRawBody(ctx, MAX_NETWORK_CHECK_BYTES);
    ctx.body = { bytes: body.length };
  });

  router.post('/api/interview/:token/text-mode', async (ctx) => {
    const l = await load(ctx);
    requireOpen(l, o.now(), { consented: true });
    const body = await readBody(ctx, textModeBody);
    await enterTextMode(l.interview, body.reason satisfies FallbackReason, o.now());
    const fresh = await load(ctx);
    ctx.body = await pageState(fresh, fresh.job, stateOpts);
  });

  router.post('/api/interview/:token/integrity', async (ctx) => {
    const l = await load(ctx);
    // sendBeacon posts text/plain: read the JSON whatever the declared type.
    const raw = await readRawBody(ctx, JSON_LIMIT);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new PageError(400, '请求格式不正确');
    }
    const events = l.job ? cleanEvents((parsed as { events?: unknown } | null)?.events, l.job, o.now()) : [];
    ctx.body = { stored: await recordIntegrity(l.interview, events) };
  });

  router.post('/api/interview/:token/questions/:qid/attempts', async (ctx) => {
    const l = await load(ctx);
    const { job } = requireOpen(l, o.now(), { consented: true });
    const q = findQuestion(job, String(ctx.params['qid']));
    const body = await readBody(ctx, attemptBody);
    const rec = await startAttempt(l.interview, q, body.mimeType, o.now());
    ctx.status = 201;
    ctx.body = attemptView(rec);
  });

  router.get('/api/interview/:token/recordings/:rid', async (ctx) => {
    const l = await load(ctx);
    requireOpen(l, o.now(), { consented: true });
    ctx.body = attemptView(await findAttempt(l.interview, String(ctx.params['rid'])));
  });

  router.post('/api/interview/:token/recordings/:rid/chunks', async (ctx) => {
    const l = await load(ctx);
    requireOpen(l, o.now(), { consented: true });
    const rec = await findAttempt(l.interview, String(ctx.params['rid']));
    checkChunkType(rec, ctx.get('content-type'));
    const offset = Number(ctx.query['offset']);
    if (typeof ctx.query['offset'] !== 'string' || !Number.isSafeInteger(offset) || offset < 0) throw new PageError(400, W.errOffset);
    const data = await readRawBody(ctx, MAX_CHUNK_BYTES);
    const r = await appendChunk(rec, offset, data, o.now());
    switch (r.kind) {
      case 'appended':
        return ack(ctx, 200, { receivedBytes: r.receivedBytes });
      case 'duplicate':
        return ack(ctx, 200, { receivedBytes: r.receivedBytes, duplicate: true });
      case 'wrong_offset':
        return ack(ctx, 409, { receivedBytes: r.receivedBytes, error: W.errOffset });
    }
  });

  router.post('/api/interview/:token/recordings/:rid/complete', async (ctx) => {
    const l = await load(ctx);
    const { job } = requireOpen(l, o.now(), { consented: true });
    const rec = await findAttempt(l.interview, String(ctx.params['rid']));
    const q = findQuestion(job, rec.questionId);
    const body = await readBody(ctx, completeBody);
    const done = await completeUpload(rec, q, body.totalBytes, o.now());
    if (done.status === 'rejected') o.logger.info({ recordingId: String(done._id), reason: done.rejectReason }, 'interview take rejected');
    ctx.status = done.status === 'rejected' ? 422 : 200;
    ctx.body = { ...attemptView(done), ...(done.status === 'rejected' ? { error: W.rejectedRecording(done.rejectReason ?? W.errBadMedia) } : {}) };
  });

  router.post('/api/interview/:token/recordings/:rid/keep', async (ctx) => {
    const l = await load(ctx);
    const rec = await findAttempt(l.interview, String(ctx.params['rid']));
    if (gate(l, o.now()).kind === 'completed' && rec.status === 'final' && l.job) {
      // The same answer kept again (the reply was lost): finish whatever completion left undone.
      await completeIfAllAnswered(l.interview._id, l.job, o.now(), completion);
    } else {
      const { job } = requireOpen(l, o.now(), { consented: true });
      await keepAttempt(l.interview, job, rec, o.now(), completion);
    }
    const fresh = await load(ctx);
    ctx.body = await pageState(fresh, fresh.job, stateOpts);
  });

  router.post('/api/interview/:token/questions/:qid/text', async (ctx) => {
    const l = await load(ctx);
    const { job } = requireOpen(l, o.now(), { consented: true });
    const q = findQuestion(job, String(ctx.params['qid']));
    const body = await readBody(ctx, textBody);
    await submitText(l.interview, job, q, body.text, o.now(), completion);
    const fresh = await load(ctx);
    ctx.body = await pageState(fresh, fresh.job, stateOpts);
  });

  return {
    router,
    async prepare() {
      await Promise.all([bundleScript(SCRIPT), stylesheet(STYLE)]);
    },
  };
}
