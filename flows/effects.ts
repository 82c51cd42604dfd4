/**
 * Effects: the domain operations flows ask for by name (`leave.submit`,
 * `leave.decide` …). Handlers do the I/O; each must be idempotent for its key,
 * because a crashed turn is finished again on redelivery.
 */
import type { Logger } from '../lib/logger.js';
import type { Action, Awaiting } from './flow.js';
import type { UserRef } from './types.js';

export interface EffectContext {
  /** Idempotency key for everything this effect writes. */
  readonly key: string;
  readonly actor: UserRef;
  readonly now: Date;
  readonly tz: string;
  readonly publicBaseUrl: string;
  readonly logger: Logger;
}

export interface EffectOutcome {
  /** Messages and further effects to perform next. */
  readonly actions?: readonly Action[];
  /** Sets (or with null clears) the actor's one-off expectation. */
  readonly awaiting?: Awaiting | null;
}

export type EffectHandler = (payload: Readonly<Record<string, unknown>>, ctx: EffectContext) => Promise<EffectOutcome>;

export class EffectRegistry {
  private readonly handlers = new Map<string, EffectHandler>();

  register(name: string, handler: EffectHandler): this {
    if (this.handlers.has(name)) throw new Error(`effect ${name} registered twice`);
    this.handlers.set(name, handler);
    return this;
  }

  get(name: string): EffectHandler {
    const h = this.handlers.get(name);
    if (!h) throw new Error(`no handler for effect ${name}`);
    return h;
  }
}
