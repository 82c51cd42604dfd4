/** Session settings every page feature uses, derived from services. */
import type { Services } from '../feature.js';
import type { SessionOptions } from './session.js';

export function sessionOptions(s: Pick<Services, 'keys' | 'config' | 'now'>): SessionOptions {
  return { key: s.keys.session, secureCookies: s.config.publicBaseUrl.startsWith('https://'), now: s.now };
}
