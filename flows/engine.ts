/**
 * The conversation engine. For each inbound event:
 *   1. load the user's Conversation (and finish a previous turn's unsent actions);
 *   2. decide what the input means here: an answer to the active form, a
 *      question in the middle of it (answered, then the form resumes), a
 *      cancel, help, or a new intent;
 *   3. run the chosen flow's pure step;
 *   4. save the new state *with* the actions, guarded by the version read;
 *   5. perform the actions with idempotency keys derived from the event.
 * A crash between 4 and 5 is finished on redelivery; a crash before 4 simply
 * recomputes. Nothing is sent twice because every send is keyed.
 */
import type { Logger } from '../lib/logger.js';
import { localDate } from '../lib/time.js';
import { EmployeeModel, type Employee } from '../models/employee.js';
import { understand, CONFIDENCE_THRESHOLD } from './nlu/index.js';
import type { Intent } from './nlu/types.js';
import type { HolidaySpan } from './nlu/dates/holidays.js';
import {
  reply, type Action, type Awaiting, type ConversationState, type Flow, type FormState, type StepResult, type TextTurn, type TurnContext,
} from './flow.js';
import type { EffectRegistry } from './effects.js';
import type { OutboxPort } from './ports.js';
import { clearPending, loadConversation, saveConversation, setAwaiting, type LoadedConversation } from './conversationStore.js';
import { userKey, type ApprovalInbound, type CardActionInbound, type Inbound } from './types.js';
import * as w from './wording.js';

/** A tap on a card whose task id starts with the handler's prefix (`leave-…`). */
export type CardHandler = (state: ConversationState, turn: TurnContext & { readonly card: CardActionInbound }) => StepResult;
/** Consumes a text turn while an expectation is open; undefined lets the text route normally. */
export type AwaitingHandler = (state: ConversationState, awaiting: Awaiting, turn: TextTurn) => StepResult | undefined;
export type ApprovalHandler = (state: ConversationState, turn: TurnContext & { readonly approval: ApprovalInbound }) => StepResult;

export interface EngineOptions {
  readonly flows: readonly Flow<unknown>[];
  readonly cardHandlers?: Readonly<Record<string, CardHandler>>;
  readonly awaitingHandlers?: Readonly<Record<string, AwaitingHandler>>;
  readonly approvalHandler?: ApprovalHandler;
  readonly effects: EffectRegistry;
  readonly outbox: OutboxPort;
  readonly tz: string;
  readonly publicBaseUrl: string;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Named holidays for dates like 春节后第一天 (flows/holidaySpans.ts); without it only fixed-date ones resolve. */
  readonly holidays?: () => Promise<readonly HolidaySpan[]>;
}

/** Minimum confidence for a different question to interrupt an active form. */
const INTERRUPT_CONFIDENCE = 0.6;

export class Engine {
  private readonly byIntent = new Map<Intent, Flow<unknown>>();
  private readonly byName = new Map<string, Flow<unknown>>();

  constructor(private readonly opts: EngineOptions) {
    for (const f of opts.flows) {
      if (this.byName.has(f.name)) throw new Error(`flow ${f.name} registered twice`);
      this.byName.set(f.name, f);
      for (const i of f.intents) {
        if (this.byIntent.has(i)) throw new Error(`intent ${i} claimed by two flows`);
        this.byIntent.set(i, f);
      }
    }
  }

  /** Handles one inbound event end to end. Throws only on infrastructure failure (the caller retries). */
  async handle(inbound: Inbound): Promise<void> {
    const key = userKey(inbound.from);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const conv = await loadConversation(key);
      if (conv.pendingActions && conv.pendingActions.length > 0 && conv.lastEventKey) {
        // Finish what an earlier turn saved but did not get to perform.
        await this.perform(conv.pendingActions, conv.lastEventKey, inbound.from);
        await clearPending(key, conv.lastEventKey);
      }
      if (conv.lastEventKey === inbound.key) return; // this delivery was already handled
      const now = this.now();
      const result = await this.step(conv, inbound, now);
      const saved = await saveConversation(key, conv.version, result.state, inbound.key, result.actions, now);
      if (!saved) continue; // someone else moved the conversation on: recompute on fresh state
      await this.perform(result.actions, inbound.key, inbound.from);
      await clearPending(key, inbound.key);
      return;
    }
    throw new Error(`conversation ${key} is too busy (version conflicts)`);
  }

  private now(): Date {
    return this.opts.now ? this.opts.now() : new Date();
  }

  private async step(conv: LoadedConversation, inbound: Inbound, now: Date): Promise<StepResult> {
    const employee = inbound.from.channel === 'wecom' ? await findEmployee(inbound.from.id) : undefined;
    const base: TurnContext = {
      inbound, user: inbound.from, employee, now, tz: this.opts.tz, today: localDate(now, this.opts.tz), publicBaseUrl: this.opts.publicBaseUrl,
    };
    let state = conv.state;
    const pre: Action[] = [];
    if (state.form && conv.formExpiresAt && conv.formExpiresAt.getTime() <= now.getTime()) {
      if (inbound.kind === 'text') pre.push(reply(base, w.formExpired(this.byName.get(state.form.flow)?.name ?? state.form.flow)));
      state = { ...state, form: undefined };
    }
    if (state.awaiting && Date.parse(state.awaiting.until) <= now.getTime()) state = { ...state, awaiting: undefined };

    const result = await this.route(state, base, inbound, conv.version === 0);
    return { state: result.state, actions: [...pre, ...result.actions] };
  }

  private async route(state: ConversationState, base: TurnContext, inbound: Inbound, firstContact: boolean): Promise<StepResult> {
    switch (inbound.kind) {
      case 'card_action': {
        const prefix = inbound.taskId.split('-')[0] ?? '';
        const handler = this.opts.cardHandlers?.[prefix];
        if (!handler) return { state, actions: [reply(base, w.CARD_EXPIRED)] };
        return handler(state, { ...base, card: inbound });
      }
      case 'approval_change':
        return this.opts.approvalHandler ? this.opts.approvalHandler(state, { ...base, approval: inbound }) : { state, actions: [] };
      case 'enter':
        // WeCom sends enter_agent every time the chat is opened: greet only the first time.
        return { state, actions: firstContact && base.employee ? [reply(base, w.welcome(base.employee))] : [] };
      case 'unsupported':
        return { state, actions: [reply(base, base.user.channel === 'wechaty' ? w.CANDIDATE_ONLY_TEXT : w.ONLY_TEXT)] };
      case 'text':
        return this.textTurn(state, base, inbound.text);
    }
  }

  private async textTurn(state: ConversationState, base: TurnContext, text: string): Promise<StepResult> {
    if (base.user.channel === 'wecom' && !base.employee) return { state, actions: [reply(base, w.NOT_AN_EMPLOYEE)] };
    const holidays = this.opts.holidays ? await this.opts.holidays() : undefined;
    const nlu = understand(text, {
      now: base.now, tz: base.tz, ...(holidays ? { holidays } : {}), ...(state.form?.asking ? { expecting: state.form.asking as never } : {}),
    });
    const turn: TextTurn = { ...base, text, nlu };

    if (state.awaiting) {
      const handler = this.opts.awaitingHandlers?.[state.awaiting.kind];
      const consumed = handler?.(state, state.awaiting, turn);
      if (consumed) return consumed;
      state = { ...state, awaiting: undefined };
    }

    if (state.form) {
      const form = state.form;
      const owner = this.byName.get(form.flow);
      if (!owner?.resume) return this.startIntent({ ...state, form: undefined }, turn);
      if (nlu.intent === 'cancel') return { state: { ...state, form: undefined }, actions: [reply(turn, w.formCancelled(form.flow))] };
      if (nlu.intent === 'help' && !nlu.correction) {
        return { state, actions: [reply(turn, owner.formHelp?.(form) ?? w.GENERIC_FORM_HELP)] };
      }
      const other = this.byIntent.get(nlu.intent);
      if (other && other !== owner && nlu.confidence >= INTERRUPT_CONFIDENCE && !nlu.correction) {
        if (other.resume) {
          // A different task with its own form: the old one is set aside, and we say so.
          const started = await this.runStart(other, { ...state, form: undefined }, turn);
          return { state: started.state, actions: [reply(turn, w.formReplaced(form.flow)), ...started.actions] };
        }
        // A question in the middle: answer it, keep the form, and pick up where we were.
        const answered = await this.runStart(other, state, turn);
        const prompt = owner.resumePrompt?.(form);
        return {
          state: { ...answered.state, form },
          actions: [...answered.actions, ...(prompt ? [reply(turn, w.resume(prompt))] : [])],
        };
      }
      const facts = await owner.loadFacts(turn);
      return owner.resume(state, form, turn, facts);
    }
    return this.startIntent(state, turn);
  }

  private async startIntent(state: ConversationState, turn: TextTurn): Promise<StepResult> {
    const { nlu } = turn;
    if (nlu.intent === 'cancel') return { state, actions: [reply(turn, w.NOTHING_TO_CANCEL)] };
    const candidate = turn.user.channel === 'wechaty';
    if (nlu.intent === 'confirm' || nlu.intent === 'deny') {
      return { state, actions: [reply(turn, candidate ? w.CANDIDATE_NOTHING_PENDING : w.NOTHING_TO_CONFIRM)] };
    }
    const flow = this.byIntent.get(nlu.intent);
    if (!flow || nlu.intent === 'unknown' || nlu.confidence < CONFIDENCE_THRESHOLD || (candidate && (nlu.intent === 'help' || nlu.intent === 'greeting'))) {
      return { state, actions: [reply(turn, candidate ? w.CANDIDATE_FALLBACK : w.fallback(turn.employee))] };
    }
    return this.runStart(flow, state, turn);
  }

  private async runStart(flow: Flow<unknown>, state: ConversationState, turn: TextTurn): Promise<StepResult> {
    if (flow.allowed && !flow.allowed(turn)) return { state, actions: [reply(turn, flow.deniedMessage ?? w.NOT_ALLOWED)] };
    const facts = await flow.loadFacts(turn);
    return flow.start(state, turn, facts);
  }

  /** Performs actions in order; each gets a key derived from the turn, so repeats are no-ops. */
  private async perform(actions: readonly Action[], baseKey: string, actor: Inbound['from']): Promise<void> {
    for (const [i, action] of actions.entries()) {
      const key = `${baseKey}#${i}`;
      switch (action.kind) {
        case 'send':
          await this.opts.outbox.send(action.key ?? key, action.to, action.message);
          break;
        case 'update_card':
          await this.opts.outbox.updateCard(key, action.update);
          break;
        case 'effect': {
          const outcome = await this.opts.effects.get(action.effect.name)(action.effect.payload, {
            key, actor, now: this.now(), tz: this.opts.tz, publicBaseUrl: this.opts.publicBaseUrl,
            logger: this.opts.logger.child({ effect: action.effect.name }),
          });
          if (outcome.actions && outcome.actions.length > 0) await this.perform(outcome.actions, `${key}/`, actor);
          if (outcome.awaiting !== undefined) await setAwaiting(userKey(actor), outcome.awaiting, this.now());
          break;
        }
      }
    }
  }
}

async function findEmployee(userid: string): Promise<Employee | undefined> {
  const e = await EmployeeModel.findOne({ userid, active: true }).lean();
  return e ?? undefined;
}

export type { FormState };
