/**
 * The candidate's link token: signed, expiring, bound to one interview and to
 * its `linkVersion` (bumping the version revokes every link sent before).
 * Used by the invitation page and the video interview page alike.
 */
import { Types } from 'mongoose';
import { signToken, verifyToken } from '../../lib/signedToken.js';
import { InterviewModel, type Interview } from '../../models/interview.js';

/** Links stay valid this long after the interview slot (for late starters and the done page). */
const VALID_AFTER_SLOT_MS = 7 * 24 * 3600_000;

export function interviewToken(key: Buffer, interview: Pick<Interview, '_id' | 'linkVersion' | 'endAt'>): string {
  const exp = Math.floor((interview.endAt.getTime() + VALID_AFTER_SLOT_MS) / 1000);
  return signToken(key, { kind: 'interview', sub: String(interview._id), ver: interview.linkVersion, exp });
}

export type InterviewTokenCheck =
  | { readonly ok: true; readonly interview: Interview }
  | { readonly ok: false; readonly status: 400 | 403 | 404 | 410; readonly message: string };

/** Verifies a token and loads its interview; every candidate route calls this first. */
export async function checkInterviewToken(key: Buffer, token: string, now: Date = new Date()): Promise<InterviewTokenCheck> {
  const v = verifyToken(key, token, 'interview', now);
  if (!v.ok) {
    if (v.reason === 'expired') return { ok: false, status: 410, message: '这个面试链接已经过期了。如需继续，请联系邀请你的 HR。' };
    return { ok: false, status: 403, message: '链接无效或已被修改，请从邀请消息里重新打开。' };
  }
  if (!Types.ObjectId.isValid(v.claims.sub)) return { ok: false, status: 403, message: '链接无效，请从邀请消息里重新打开。' };
  const interview = await InterviewModel.findById(v.claims.sub).lean();
  if (!interview || interview.purgedAt) return { ok: false, status: 404, message: '没有找到这场面试，可能已被取消或删除。' };
  if ((v.claims.ver ?? 0) !== interview.linkVersion) {
    return { ok: false, status: 410, message: '这个链接已经失效（面试时间可能有变动），请使用最新收到的链接。' };
  }
  return { ok: true, interview };
}
