/**
 * What every part of the simulator shares: its settings, its state, the address
 * book, a clock, and `changed()` — the one way a part says "members X and Y see
 * something new" (the console listens; the state file is written soon after).
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../lib/logger.js';
import type { CheckinSource } from './checkinSource.js';
import type { Directory } from './directory.js';
import type { SimState } from './state.js';
import type { VacationType } from './vacations.js';

export interface CorpSettings {
  readonly corpId: string;
  readonly agentId: number;
  readonly secret: string;
  /** Callback Token and EncodingAESKey, as configured for the app. */
  readonly token: string;
  readonly encodingAesKey: string;
}

export interface SimContext {
  readonly corp: CorpSettings;
  readonly state: SimState;
  readonly directory: Directory;
  readonly checkins: CheckinSource | undefined;
  readonly vacationTypes: readonly VacationType[];
  readonly tz: string;
  readonly logger: Logger;
  /** Unix milliseconds. */
  nowMs(): number;
  /** Records a change members `userids` may see; returns the new sequence number. */
  changed(userids: readonly string[]): number;
}

/** Random letters and digits, as WeCom's tokens, codes and ids look. */
export function randomId(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (const b of randomBytes(length)) out += alphabet[b % alphabet.length];
  return out;
}
