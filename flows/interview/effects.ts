/**
 * The recruiting effects: what the pure steps ask for by name. Each validates
 * its payload, calls the operation (operations.ts does the guarded updates),
 * and turns the keyed notices into send actions.
 */
import { z } from 'zod';
import { sendTo, type Action } from '../flow.js';
import type { EffectContext, EffectOutcome, EffectRegistry } from '../effects.js';
import {
  cancelByHr, confirmInterview, createInterview, declineInterview, recordHeld, rescheduleInterview, type Actor, type Notice, type OpResult, type RecruitingDeps,
} from './operations.js';
import * as w from './wording.js';

const createSchema = z.object({
  hrUserid: z.string(),
  candidateName: z.string().min(1).max(64),
  candidatePhone: z.string().regex(/^1[3-9]\d{9}$/),
  jobId: z.string(),
  time: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
  durationMin: z.number().int().min(15).max(240),
  interviewerUserid: z.string(),
  kind: z.enum(['video', 'onsite', 'online']),
  place: z.string().max(200).optional(),
  channel: z.enum(['forward', 'wechaty']),
});
const rescheduleSchema = z.object({ interviewId: z.string(), at: z.iso.datetime() });
const idSchema = z.object({ interviewId: z.string() });
const declineSchema = z.object({ interviewId: z.string(), reason: z.string().max(500).optional() });
const heldSchema = z.object({ interviewId: z.string(), held: z.boolean(), taskId: z.string(), responseCode: z.string().optional() });

export function noticesToActions(notices: readonly Notice[]): Action[] {
  return notices.map((n) => sendTo(n.to, n.message, n.key));
}

function outcome(r: OpResult, extra: readonly Action[] = []): EffectOutcome {
  return { actions: [...extra, ...noticesToActions(r.notices)], ...(r.awaiting !== undefined ? { awaiting: r.awaiting } : {}) };
}

/** The chat user behind an effect, as the operations see them. */
export function actorOf(ctx: EffectContext): Actor {
  return ctx.actor.channel === 'wechaty' ? { kind: 'candidate', via: 'wechaty', contactId: ctx.actor.id } : { kind: 'hr', userid: ctx.actor.id };
}

export function registerInterviewEffects(registry: EffectRegistry, deps: RecruitingDeps): void {
  registry.register('interview.create', async (payload, ctx) => {
    const p = createSchema.parse(payload);
    return outcome(await createInterview(p, { key: ctx.key, now: ctx.now, channel: ctx.actor.channel }, deps));
  });
  registry.register('interview.reschedule', async (payload, ctx) => {
    const p = rescheduleSchema.parse(payload);
    return outcome(await rescheduleInterview(p.interviewId, new Date(p.at), actorOf(ctx), { key: ctx.key, now: ctx.now }, deps));
  });
  registry.register('interview.confirm', async (payload, ctx) => {
    const p = idSchema.parse(payload);
    return outcome(await confirmInterview(p.interviewId, actorOf(ctx), { key: ctx.key, now: ctx.now }, deps));
  });
  registry.register('interview.decline', async (payload, ctx) => {
    const p = declineSchema.parse(payload);
    return outcome(await declineInterview(p.interviewId, actorOf(ctx), p.reason, { key: ctx.key, now: ctx.now }, deps));
  });
  registry.register('interview.cancel', async (payload, ctx) => {
    const p = idSchema.parse(payload);
    return outcome(await cancelByHr(p.interviewId, ctx.actor.id, { key: ctx.key, now: ctx.now }, deps));
  });
  registry.register('interview.held', async (payload, ctx) => {
    const p = heldSchema.parse(payload);
    const r = await recordHeld(p.interviewId, p.held, ctx.actor.id, { key: ctx.key, now: ctx.now }, deps);
    const grey: Action[] = p.responseCode
      ? [{ kind: 'update_card', update: { taskId: p.taskId, userids: [ctx.actor.id], responseCode: p.responseCode, replaceName: p.held ? w.HELD_YES : w.HELD_NO } }]
      : [];
    return outcome(r, grey);
  });
}
