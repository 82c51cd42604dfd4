/**
 * What a flow is. A flow loads the facts it needs (I/O, done by the engine),
 * then its steps are pure: (state, input, facts) → (state, actions). The engine
 * saves the new state together with the actions, then performs the actions
 * with idempotency keys, so a crash or a retried callback never doubles them.
 */
import type { NluResult, Intent, SlotName } from './nlu/types.js';
import type { Inbound, OutMessage, UserRef, CardUpdate } from './types.js';
import type { Employee } from '../models/employee.js';

/** A slot-filling form in progress (JSON: it is stored in the Conversation). */
export interface FormState {
  /** The flow that owns the form, e.g. `leave.request`. */
  readonly flow: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** The slot the bot just asked for, so a bare answer fills it. */
  readonly asking?: SlotName | string | undefined;
  /** Re-asks per slot (after two, the form explains and offers to stop). */
  readonly reasks: Readonly<Record<string, number>>;
  readonly stage: 'filling' | 'confirming';
}

/** A one-off expectation outside forms, e.g. the reason after a 驳回 tap. */
export interface Awaiting {
  readonly kind: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** ISO time after which the expectation is dropped. */
  readonly until: string;
}

export interface ConversationState {
  readonly form?: FormState | undefined;
  readonly awaiting?: Awaiting | undefined;
}

/** A domain operation the engine performs through a registered effect handler. */
export interface EffectCall {
  readonly name: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export type Action =
  /** `key` pins the Outbox key (cards whose response code is looked up later); otherwise derived from the turn. */
  | { readonly kind: 'send'; readonly to: UserRef; readonly message: OutMessage; readonly key?: string }
  | { readonly kind: 'update_card'; readonly update: CardUpdate }
  | { readonly kind: 'effect'; readonly effect: EffectCall };

export interface StepResult {
  readonly state: ConversationState;
  readonly actions: readonly Action[];
}

/** What every step knows about the moment and the person. */
export interface TurnContext {
  readonly inbound: Inbound;
  readonly user: UserRef;
  /** The employee behind a WeCom user; undefined for candidates and unknown users. */
  readonly employee: Employee | undefined;
  readonly now: Date;
  readonly tz: string;
  /** `YYYY-MM-DD` in the business time zone. */
  readonly today: string;
  readonly publicBaseUrl: string;
}

/** A text turn also carries what the NLU understood. */
export interface TextTurn extends TurnContext {
  readonly text: string;
  readonly nlu: NluResult;
}

/**
 * A conversational flow. `start` answers an intent from scratch; `resume`
 * continues the flow's own form. Both are pure; `loadFacts` does the I/O.
 */
export interface Flow<F = unknown> {
  readonly name: string;
  /** Intents that start this flow. */
  readonly intents: readonly Intent[];
  /** Who may use it; others get `deniedMessage`. */
  allowed?(turn: TurnContext): boolean;
  readonly deniedMessage?: string;
  loadFacts(turn: TextTurn): Promise<F>;
  start(state: ConversationState, turn: TextTurn, facts: F): StepResult;
  /** Continues this flow's form (`state.form.flow === name`). */
  resume?(state: ConversationState, form: FormState, turn: TextTurn, facts: F): StepResult;
  /** The question to repeat after an interruption (我们继续…). */
  resumePrompt?(form: FormState): string;
  /** Form-specific help (帮助 in the middle of the form). */
  formHelp?(form: FormState): string;
}

/** Helpers for building results. */
export function reply(turn: TurnContext, message: OutMessage | string): Action {
  return { kind: 'send', to: turn.user, message: typeof message === 'string' ? { kind: 'text', text: message } : message };
}

export function sendTo(to: UserRef, message: OutMessage | string, key?: string): Action {
  return { kind: 'send', to, message: typeof message === 'string' ? { kind: 'text', text: message } : message, ...(key ? { key } : {}) };
}

export function effect(name: string, payload: Record<string, unknown>): Action {
  return { kind: 'effect', effect: { name, payload } };
}

export function wecomUser(id: string): UserRef {
  return { channel: 'wecom', id };
}
