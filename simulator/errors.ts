/**
 * WeCom's error answers, as the simulator gives them: `{ errcode, errmsg }` with
 * HTTP 200, like the real server (WeCom reports almost every failure in the body,
 * never in the status line).
 *
 * Codes and messages follow WeCom's global error-code page (doc 90313) where the
 * PROTOCOL notes confirm them. Two are best guesses, marked below: WeCom's
 * documentation does not say which code a spent `response_code` or a reused
 * `task_id` gets, so the simulator answers the generic "invalid parameter".
 */

export interface WecomError {
  readonly errcode: number;
  readonly errmsg: string;
}

function e(errcode: number, errmsg: string): WecomError {
  return { errcode, errmsg };
}

export const Errors = {
  busy: e(-1, 'system busy'),
  invalidSecret: e(40001, 'invalid credential'),
  invalidUserId: e(40003, 'invalid userid'),
  invalidMsgType: e(40008, 'invalid message type'),
  invalidCorpId: e(40013, 'invalid corpid'),
  invalidToken: e(40014, 'invalid access_token'),
  invalidCode: e(40029, 'invalid code'),
  invalidAgentId: e(40056, 'invalid agentid'),
  /** Also used, unverified, for a spent/unknown response_code and a reused task_id. */
  invalidParameter: e(40058, 'invalid parameter'),
  missingToken: e(41001, 'access_token missing'),
  expiredToken: e(42001, 'access_token expired'),
  emptyContent: e(44004, 'empty content'),
  contentTooLong: e(45002, 'content size out of limit'),
  freqLimit: e(45009, 'api freq out of limit'),
  dataFormat: e(47001, 'data format error'),
  userNotFound: e(60111, 'userid not found'),
  departmentNotFound: e(60123, 'invalid party id'),
  allRecipientsInvalid: e(81013, 'user & party & tag all invalid'),
  checkinInterval: e(301024, 'checkin time interval invalid'),
  creatorNotVisible: e(301025, 'creator_userid not in app visiable range'),
  vacationParams: e(301063, 'invalid vacation parameter'),
  vacationScope: e(301098, 'user not in vacation scope'),
} as const;

/** The same error with a more specific message (WeCom appends hints the same way). */
export function withHint(err: WecomError, hint: string): WecomError {
  return { errcode: err.errcode, errmsg: `${err.errmsg}, hint: [${hint}]` };
}
