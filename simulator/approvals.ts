/**
 * 审批 (OA approval), doc 91853 / 91983: submit with API-given approvers or the
 * template's, read the detail, and — on the simulator's side — act on it as an
 * approver would in WeCom's own approval app, which then calls the app back with
 * `sys_approval_change`.
 */
import { Errors, withHint, type WecomError } from './errors.js';
import type { SimContext } from './context.js';
import type { ApprovalXmlInput } from './callbackXml.js';
import { arr, isObject, num, str, strings, type Json } from './http.js';
import type { ApprovalNode, StoredApproval } from './state.js';
import { localDate } from '../lib/time.js';

/** SpStatus of the whole request. */
export const SP = { pending: 1, approved: 2, rejected: 3, revoked: 4, revokedAfterApproval: 6 } as const;

export function applyEvent(ctx: SimContext, body: unknown): { readonly sp_no: string } | WecomError {
  if (!isObject(body)) return Errors.dataFormat;
  const creator = str(body, 'creator_userid');
  const user = creator ? ctx.directory.user(creator) : undefined;
  if (!user) return Errors.creatorNotVisible;
  const templateId = str(body, 'template_id');
  if (!templateId) return withHint(Errors.invalidParameter, 'template_id required');
  const applyData = body['apply_data'];
  if (!isObject(applyData) || !Array.isArray(applyData['contents'])) return withHint(Errors.invalidParameter, 'apply_data.contents required');
  const summary = arr(body, 'summary_list') ?? [];
  if (summary.length === 0 || summary.length > 3) return withHint(Errors.invalidParameter, 'summary_list needs 1..3 lines');

  let nodes: ApprovalNode[];
  const useTemplate = num(body, 'use_template_approver');
  if (useTemplate === 1) {
    // The template's flow: the creator's direct leader approves.
    const leader = user.directLeader[0];
    if (!leader) return withHint(Errors.invalidParameter, 'the template flow finds no approver for the creator');
    nodes = [{ attr: 1, spStatus: 1, approvers: [{ userid: leader, spStatus: 1, speech: '', spTime: 0 }] }];
  } else if (useTemplate === 0) {
    const given = arr(body, 'approver') ?? [];
    if (given.length === 0) return withHint(Errors.invalidParameter, 'approver required when use_template_approver is 0');
    nodes = [];
    for (const n of given) {
      const ids = isObject(n) ? strings(n, 'userid') : undefined;
      const attr = isObject(n) ? num(n, 'attr') : undefined;
      if (!ids || ids.length === 0 || (attr !== 1 && attr !== 2)) return withHint(Errors.invalidParameter, 'approver nodes need attr 1|2 and userids');
      for (const id of ids) if (!ctx.directory.user(id)) return withHint(Errors.invalidUserId, `approver ${id} not found`);
      nodes.push({ attr, spStatus: 1, approvers: ids.map((userid) => ({ userid, spStatus: 1, speech: '', spTime: 0 })) });
    }
  } else {
    return withHint(Errors.invalidParameter, 'use_template_approver must be 0 or 1');
  }

  const nowMs = ctx.nowMs();
  ctx.state.counters.sp += 1;
  const spNo = `${localDate(new Date(nowMs), ctx.tz).replaceAll('-', '')}${String(ctx.state.counters.sp).padStart(6, '0')}`;
  ctx.state.approvals[spNo] = {
    spNo,
    spName: '请假',
    templateId,
    creator: user.userid,
    applyTime: Math.floor(nowMs / 1000),
    spStatus: SP.pending,
    nodes,
    notifyer: strings(body, 'notifyer') ?? [],
    applyData,
    summary,
    comments: [],
  };
  ctx.changed([user.userid, ...nodes.flatMap((n) => n.approvers.map((a) => a.userid))]);
  return { sp_no: spNo };
}

/** `oa/getapprovaldetail` info. */
export function approvalDetail(ctx: SimContext, body: unknown): Json | WecomError {
  if (!isObject(body)) return Errors.dataFormat;
  const spNo = str(body, 'sp_no') ?? (num(body, 'sp_no') !== undefined ? String(num(body, 'sp_no')) : undefined);
  const a = spNo ? ctx.state.approvals[spNo] : undefined;
  if (!a) return withHint(Errors.invalidParameter, 'sp_no not found');
  const user = ctx.directory.user(a.creator);
  return {
    sp_no: a.spNo,
    sp_name: a.spName,
    sp_status: a.spStatus,
    template_id: a.templateId,
    apply_time: a.applyTime,
    applyer: { userid: a.creator, partyid: String(user?.departments[0] ?? '') },
    sp_record: a.nodes.map((n) => ({
      sp_status: n.spStatus,
      approverattr: n.attr,
      details: n.approvers.map((d) => ({ approver: { userid: d.userid }, speech: d.speech, sp_status: d.spStatus, sptime: d.spTime, media_id: [] })),
    })),
    notifyer: a.notifyer.map((userid) => ({ userid })),
    apply_data: a.applyData,
    comments: a.comments.map((c) => ({ commentUserInfo: { userid: c.userid }, commenttime: c.time, commentcontent: c.content, commentid: c.id, media_id: [] })),
  };
}

export type Decision = 'approve' | 'reject' | 'revoke';

/**
 * An approver acts (or the applicant revokes) in WeCom's approval app. Returns
 * the callback content to send, or why it is refused.
 */
export function decideApproval(
  ctx: SimContext,
  spNo: string,
  actor: string,
  decision: Decision,
  speech = '',
): { readonly approval: ApprovalXmlInput; readonly notify: string[] } | string {
  const a = ctx.state.approvals[spNo];
  if (!a) return '没有这条审批';
  const nowS = Math.floor(ctx.nowMs() / 1000);
  let change: number;
  if (decision === 'revoke') {
    if (actor !== a.creator) return '只有申请人可以撤销';
    if (a.spStatus === SP.pending) a.spStatus = SP.revoked;
    else if (a.spStatus === SP.approved) a.spStatus = SP.revokedAfterApproval;
    else return '这条审批已经结束';
    change = a.spStatus === SP.revoked ? 6 : 8;
  } else {
    if (a.spStatus !== SP.pending) return '这条审批已经结束';
    const node = a.nodes.find((n) => n.spStatus === 1);
    const me = node?.approvers.find((d) => d.userid === actor && d.spStatus === 1);
    if (!node || !me) return '现在不是你审批';
    me.spStatus = decision === 'approve' ? 2 : 3;
    me.speech = speech;
    me.spTime = nowS;
    if (decision === 'reject') {
      node.spStatus = 3;
      a.spStatus = SP.rejected;
    } else if (node.attr === 1 || node.approvers.every((d) => d.spStatus === 2)) {
      node.spStatus = 2;
      if (a.nodes.every((n) => n.spStatus === 2)) a.spStatus = SP.approved;
    }
    change = decision === 'approve' ? 2 : 3;
  }
  const user = ctx.directory.user(a.creator);
  ctx.changed([a.creator, actor]);
  return {
    notify: [a.creator],
    approval: {
      spNo: a.spNo,
      spName: a.spName,
      spStatus: a.spStatus,
      templateId: a.templateId,
      applyTime: a.applyTime,
      applyer: { userid: a.creator, party: String(user?.departments[0] ?? '') },
      records: a.nodes.map((n) => ({
        spStatus: n.spStatus,
        approverAttr: n.attr,
        details: n.approvers.map((d) => ({ userid: d.userid, speech: d.speech, spStatus: d.spStatus, spTime: d.spTime })),
      })),
      notifyer: a.notifyer,
      comments: a.comments,
      statuChangeEvent: change,
    },
  };
}

/** Approvals waiting for `userid` to act. */
export function pendingFor(ctx: SimContext, userid: string): StoredApproval[] {
  return Object.values(ctx.state.approvals).filter(
    (a) => a.spStatus === SP.pending && a.nodes.find((n) => n.spStatus === 1)?.approvers.some((d) => d.userid === userid && d.spStatus === 1),
  );
}
