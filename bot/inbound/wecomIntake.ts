/**
 * What happens to a decoded WeCom callback once its signature checked out:
 * conversation events go into the inbound pipeline; directory changes, menu
 * noise and unknown types are stored (so retries are recognised and an
 * administrator can see them) and logged, with no reply. Any store failure
 * rejects, and the callback answers 500 so that WeCom retries.
 */
import type { Logger } from '../../lib/logger.js';
import type { Inbound } from '../../flows/types.js';
import type { ContactChange, InboundEvent } from '../wecom/events.js';
import { toInbound } from '../wecom/toInbound.js';
import { storeUnhandled } from './unhandled.js';

export interface WecomIntakeDeps {
  readonly inbound: { accept(inbound: Inbound, channel: 'wecom'): Promise<'accepted' | 'duplicate'> };
  readonly logger: Logger;
  readonly now: () => Date;
  /** Refreshes the employee a 通讯录 change is about; without it the daily sync catches up. */
  readonly onContactChange?: ((change: ContactChange) => Promise<void>) | undefined;
}

export type IntakeOutcome = 'accepted' | 'duplicate' | 'stored';

export async function intakeWecomEvent(event: InboundEvent, deps: WecomIntakeDeps): Promise<IntakeOutcome> {
  const mapped = toInbound(event);
  const log = { type: event.type, key: event.dedupeKey, from: event.fromUser };
  switch (mapped.kind) {
    case 'inbound':
      return deps.inbound.accept(mapped.inbound, 'wecom');
    case 'contact': {
      const stored = await storeUnhandled(
        { key: event.dedupeKey, userKey: `wecom:${event.fromUser}`, type: event.type, payload: { change: JSON.parse(JSON.stringify(mapped.change)) as unknown }, note: mapped.change.changeType },
        deps.now(),
      );
      if (stored === 'duplicate') return 'duplicate';
      const hook = deps.onContactChange;
      if (hook) {
        // After the 200: a slow directory API must not make WeCom retry the callback.
        void hook(mapped.change).catch((err: unknown) => deps.logger.warn({ ...log, err }, 'directory refresh after a contact change failed; the daily sync will catch up'));
      } else {
        deps.logger.info({ ...log, change: mapped.change.changeType }, 'contact change stored; the daily directory sync will apply it');
      }
      return 'stored';
    }
    case 'ignored':
    case 'unknown': {
      const stored = await storeUnhandled(
        // The decrypted fields as JSON text: element names need not be valid MongoDB field names.
        { key: event.dedupeKey, userKey: `wecom:${event.fromUser}`, type: event.type, payload: { fields: JSON.stringify(event.type === 'unknown' ? event.raw : event) }, note: mapped.reason },
        deps.now(),
      );
      if (mapped.kind === 'unknown') deps.logger.info({ ...log, reason: mapped.reason }, 'unrecognised wecom callback stored; no reply');
      else deps.logger.debug({ ...log, reason: mapped.reason }, 'wecom callback needs no answer; stored');
      return stored;
    }
  }
}
