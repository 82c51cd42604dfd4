/** Session settings every page feature uses, derived from services. */
import type { Services } from '../feature.js';
import type { SessionOptions } from './session.js';
import type { PageAuth } from '../../miniapp/pageAuth.js';
import { pageAuth } from './pageAuth.js';

export function sessionOptions(s: Pick<Services, 'keys' | 'config' | 'now'>): SessionOptions {
  return { key: s.keys.session, secureCookies: s.config.publicBaseUrl.startsWith('https://'), now: s.now };
}

/** What the pages know of sign-in (miniapp/pageAuth.ts), from the same session settings. */
export function pageAuthFor(s: Pick<Services, 'keys' | 'config' | 'now'>): PageAuth {
  return pageAuth(sessionOptions(s), s.config.hrAdmins);
}
