/**
 * What an Outbox document carries, as a discriminated union on `kind`. The
 * store writes it, the sender reads it back; `readPayload` narrows the stored
 * (untyped) document and refuses anything this version did not write.
 */
import type { CardUpdate, OutMessage } from '../../flows/types.js';

export type OutboxEntry =
  | { readonly kind: 'message'; readonly message: OutMessage }
  | { readonly kind: 'card_update'; readonly update: CardUpdate };

/** Set when an earlier attempt may have been delivered (timeout, crash mid-send). */
export interface Uncertainty {
  /** ISO time of the first attempt whose outcome is unknown. */
  readonly uncertainSince?: string;
}

export function toPayload(e: OutboxEntry): Record<string, unknown> {
  // JSON round trip: stored as plain data, no prototypes, no undefined fields.
  return e.kind === 'message'
    ? { message: JSON.parse(JSON.stringify(e.message)) as unknown }
    : { update: JSON.parse(JSON.stringify(e.update)) as unknown };
}

const MESSAGE_KINDS = new Set(['text', 'markdown', 'link_card', 'button_card']);

export function readPayload(kind: string, payload: Record<string, unknown>): OutboxEntry | undefined {
  if (kind === 'message') {
    const m = payload['message'];
    if (isRecord(m) && typeof m['kind'] === 'string' && MESSAGE_KINDS.has(m['kind'])) return { kind, message: m as unknown as OutMessage };
    return undefined;
  }
  if (kind === 'card_update') {
    const u = payload['update'];
    if (isRecord(u) && typeof u['taskId'] === 'string' && typeof u['responseCode'] === 'string' && Array.isArray(u['userids'])) {
      return { kind, update: u as unknown as CardUpdate };
    }
  }
  return undefined;
}

export function uncertainSince(payload: Record<string, unknown>): Date | undefined {
  const v = payload['uncertainSince'];
  return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
