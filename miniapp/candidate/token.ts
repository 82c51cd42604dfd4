/**
 * Checking the candidate's link token (minted by models/interviewLink.ts):
 * every candidate route calls `checkInterviewToken` first.
 */
import { Types } from 'mongoose';
import { verifyToken } from '../../lib/signedToken.js';
import { InterviewModel, type Interview } from '../../models/interview.js';
import { INTERVIEW_TOKEN_KIND } from '../../models/interviewLink.js';

export type InterviewTokenCheck =
  | { readonly ok: true; readonly interview: Interview }
  | { readonly ok: false; readonly status: 400 | 403 | 404 | 410; readonly message: string };

/** Verifies a token and loads its interview; every candidate route calls this first. */
export async function checkInterviewToken(key: Buffer, token: string, now: Date = new Date()): Promise<InterviewTokenCheck> {
  const v = verifyToken(key, token, INTERVIEW_TOKEN_KIND, now);
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
