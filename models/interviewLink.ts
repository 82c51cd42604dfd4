/**
 * The candidate's link token: signed, expiring, bound to one interview and to
 * its `linkVersion` (bumping the version revokes every link sent before).
 * Minted where links are written (flows), checked by the candidate pages
 * (miniapp/candidate/token.ts).
 */
import { signToken } from '../lib/signedToken.js';
import type { Interview } from './interview.js';

export const INTERVIEW_TOKEN_KIND = 'interview';
/** Links stay valid this long after the interview slot (for late starters and the done page). */
export const VALID_AFTER_SLOT_MS = 7 * 24 * 3600_000;

export function interviewToken(key: Buffer, interview: Pick<Interview, '_id' | 'linkVersion' | 'endAt'>): string {
  const exp = Math.floor((interview.endAt.getTime() + VALID_AFTER_SLOT_MS) / 1000);
  return signToken(key, { kind: INTERVIEW_TOKEN_KIND, sub: String(interview._id), ver: interview.linkVersion, exp });
}
