/**
 * How an `Inbound` is kept in the InboundEvent collection and read back after
 * a restart: plain JSON with the time as an ISO string.
 */
import type { Inbound } from '../../flows/types.js';

const KINDS = new Set<Inbound['kind']>(['text', 'card_action', 'enter', 'approval_change', 'unsupported']);

export function toRecordPayload(inbound: Inbound): Record<string, unknown> {
  return JSON.parse(JSON.stringify(inbound)) as Record<string, unknown>;
}

/**
 * The stored payload as an `Inbound` again, or undefined when it is not one
 * this version wrote (it is then marked failed rather than guessed at).
 */
export function fromRecordPayload(p: Readonly<Record<string, unknown>>): Inbound | undefined {
  const from = p['from'];
  const at = typeof p['at'] === 'string' ? new Date(p['at']) : p['at'] instanceof Date ? p['at'] : undefined;
  if (typeof p['kind'] !== 'string' || !KINDS.has(p['kind'] as Inbound['kind'])) return undefined;
  if (typeof p['key'] !== 'string' || !at || Number.isNaN(at.getTime())) return undefined;
  if (typeof from !== 'object' || from === null || typeof (from as Record<string, unknown>)['id'] !== 'string') return undefined;
  // Optional fields that JSON dropped (undefined) come back as undefined, which is what the types say.
  return { ...p, at } as unknown as Inbound;
}
