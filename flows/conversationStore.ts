/**
 * Loads and saves conversation state with optimistic concurrency: a save is
 * guarded by the version it read, so two deliveries for the same user (two
 * instances, a retry) cannot overwrite each other; the loser recomputes.
 */
import { ConversationModel } from '../models/conversation.js';
import type { Action, Awaiting, ConversationState } from './flow.js';

/** Idle forms lapse after this long. */
export const FORM_IDLE_MS = 30 * 60_000;
/** Conversation documents are purged after this long without a message. */
const DOC_TTL_MS = 14 * 24 * 3600_000;

export interface LoadedConversation {
  readonly state: ConversationState;
  readonly version: number;
  readonly formExpiresAt: Date | undefined;
  readonly lastEventKey: string | undefined;
  readonly pendingActions: readonly Action[] | undefined;
}

export async function loadConversation(key: string): Promise<LoadedConversation> {
  const doc = await ConversationModel.findOne({ key }).lean();
  if (!doc) return { state: {}, version: 0, formExpiresAt: undefined, lastEventKey: undefined, pendingActions: undefined };
  return {
    state: doc.state as ConversationState,
    version: doc.version,
    formExpiresAt: doc.formExpiresAt,
    lastEventKey: doc.lastEventKey,
    pendingActions: doc.pendingActions as Action[] | undefined,
  };
}

/** Saves state and the turn's pending actions; false when someone else saved first. */
export async function saveConversation(
  key: string,
  readVersion: number,
  state: ConversationState,
  eventKey: string,
  actions: readonly Action[],
  now: Date,
): Promise<boolean> {
  const set = {
    state: JSON.parse(JSON.stringify(state)) as Record<string, unknown>,
    version: readVersion + 1,
    lastEventKey: eventKey,
    pendingActions: actions.length > 0 ? JSON.parse(JSON.stringify(actions)) as unknown[] : [],
    expiresAt: new Date(now.getTime() + DOC_TTL_MS),
    ...(state.form ? { formExpiresAt: new Date(now.getTime() + FORM_IDLE_MS) } : {}),
  };
  const unset = state.form ? {} : { formExpiresAt: 1 };
  if (readVersion === 0) {
    try {
      await ConversationModel.create({ key, ...set });
      return true;
    } catch (err) {
      if ((err as { code?: unknown }).code === 11000) return false;
      throw err;
    }
  }
  const res = await ConversationModel.updateOne({ key, version: readVersion }, { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) });
  return res.modifiedCount === 1;
}

/** Marks the pending actions of `eventKey` as performed. */
export async function clearPending(key: string, eventKey: string): Promise<void> {
  await ConversationModel.updateOne({ key, lastEventKey: eventKey }, { $set: { pendingActions: [] } });
}

/** Sets or clears the one-off expectation outside a turn (after an effect). */
export async function setAwaiting(key: string, awaiting: Awaiting | null, now: Date): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    const c = await loadConversation(key);
    const state: ConversationState = { ...c.state, awaiting: awaiting ?? undefined };
    const set = { state: JSON.parse(JSON.stringify(state)) as Record<string, unknown>, version: c.version + 1, expiresAt: new Date(now.getTime() + DOC_TTL_MS) };
    if (c.version === 0) {
      try {
        await ConversationModel.create({ key, ...set, pendingActions: [] });
        return;
      } catch (err) {
        if ((err as { code?: unknown }).code !== 11000) throw err;
        continue;
      }
    }
    const res = await ConversationModel.updateOne({ key, version: c.version }, { $set: set });
    if (res.modifiedCount === 1) return;
  }
  throw new Error(`could not set awaiting for ${key}: contention`);
}
