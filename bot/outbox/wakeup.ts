/**
 * An in-process nudge from the Outbox store to the sender loop: a message stored
 * by this instance goes out at once instead of at the next poll. Other instances
 * still find it by polling; nothing depends on the nudge for correctness.
 */
const listeners = new Set<() => void>();

/** Called after a message is stored. */
export function notifyEnqueued(): void {
  for (const l of listeners) l();
}

/** Subscribes; returns the unsubscribe function. */
export function onEnqueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
