/**
 * The decrypted callback messages WeCom posts to an app, built the way WeCom
 * builds them (doc 90239 / 90240 / 91815; PROTOCOL.md §3): CDATA for strings,
 * bare numbers for CreateTime, MsgId, AgentID and the approval status fields.
 * Written here independently of bot/wecom/xml.ts, so a test through the simulator
 * checks the app's parser against a second implementation.
 */

function cdata(value: string): string {
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function el(name: string, value: string): string {
  return `<${name}>${cdata(value)}</${name}>`;
}

function num(name: string, value: number | string): string {
  return `<${name}>${value}</${name}>`;
}

interface Common {
  readonly corpId: string;
  readonly agentId: number;
  readonly fromUser: string;
  /** Unix seconds. */
  readonly createTime: number;
}

function head(c: Common, msgType: string): string {
  return el('ToUserName', c.corpId) + el('FromUserName', c.fromUser) + num('CreateTime', c.createTime) + el('MsgType', msgType);
}

/** A text message typed by a member. `msgId` is a 64-bit integer in decimal. */
export function textMessageXml(c: Common & { readonly content: string; readonly msgId: string }): string {
  return `<xml>${head(c, 'text')}${el('Content', c.content)}${num('MsgId', c.msgId)}${num('AgentID', c.agentId)}</xml>`;
}

/** The member opened the app (进入应用); EventKey is empty. */
export function enterAgentXml(c: Common): string {
  return `<xml>${head(c, 'event')}${el('Event', 'enter_agent')}${el('EventKey', '')}${num('AgentID', c.agentId)}</xml>`;
}

export interface SelectedOption {
  readonly questionKey: string;
  readonly optionIds: readonly string[];
}

/** A tap on a template card button (模板卡片事件). */
export function templateCardEventXml(
  c: Common & {
    readonly eventKey: string;
    readonly taskId: string;
    readonly cardType: string;
    readonly responseCode: string;
    readonly selected: readonly SelectedOption[];
  },
): string {
  const selected =
    c.selected.length === 0
      ? ''
      : `<SelectedItems>${c.selected
          .map((s) => `<SelectedItem>${el('QuestionKey', s.questionKey)}<OptionIds>${s.optionIds.map((o) => el('OptionId', o)).join('')}</OptionIds></SelectedItem>`)
          .join('')}</SelectedItems>`;
  return (
    `<xml>${head(c, 'event')}${el('Event', 'template_card_event')}${el('EventKey', c.eventKey)}${el('TaskId', c.taskId)}` +
    `${el('CardType', c.cardType)}${el('ResponseCode', c.responseCode)}${num('AgentID', c.agentId)}${selected}</xml>`
  );
}

export interface ApprovalXmlInput {
  readonly spNo: string;
  readonly spName: string;
  readonly spStatus: number;
  readonly templateId: string;
  readonly applyTime: number;
  readonly applyer: { readonly userid: string; readonly party: string };
  readonly records: readonly {
    readonly spStatus: number;
    readonly approverAttr: number;
    readonly details: readonly { readonly userid: string; readonly speech: string; readonly spStatus: number; readonly spTime: number }[];
  }[];
  readonly notifyer: readonly string[];
  readonly comments: readonly { readonly userid: string; readonly time: number; readonly content: string; readonly id: string }[];
  readonly statuChangeEvent: number;
}

/** 审批状态变化 (sys_approval_change): FromUserName is `sys`. */
export function approvalChangeXml(c: Omit<Common, 'fromUser'> & { readonly approval: ApprovalXmlInput }): string {
  const a = c.approval;
  const records = a.records
    .map(
      (r) =>
        `<SpRecord>${num('SpStatus', r.spStatus)}${num('ApproverAttr', r.approverAttr)}${r.details
          .map((d) => `<Details><Approver>${el('UserId', d.userid)}</Approver>${el('Speech', d.speech)}${num('SpStatus', d.spStatus)}${num('SpTime', d.spTime)}</Details>`)
          .join('')}</SpRecord>`,
    )
    .join('');
  const notifyer = a.notifyer.map((u) => `<Notifyer>${el('UserId', u)}</Notifyer>`).join('');
  const comments = a.comments
    .map((m) => `<Comments><CommentUserInfo>${el('UserId', m.userid)}</CommentUserInfo>${num('CommentTime', m.time)}${el('CommentContent', m.content)}${el('CommentId', m.id)}</Comments>`)
    .join('');
  return (
    `<xml>${head({ ...c, fromUser: 'sys' }, 'event')}${el('Event', 'sys_approval_change')}${num('AgentID', c.agentId)}<ApprovalInfo>` +
    `${el('SpNoStr', a.spNo)}${num('SpNo', a.spNo)}${el('SpName', a.spName)}${num('SpStatus', a.spStatus)}${el('TemplateId', a.templateId)}` +
    `${num('ApplyTime', a.applyTime)}<Applyer>${el('UserId', a.applyer.userid)}${el('Party', a.applyer.party)}</Applyer>` +
    `${records}${notifyer}${comments}${num('StatuChangeEvent', a.statuChangeEvent)}</ApprovalInfo></xml>`
  );
}
