/**
 * The channel-neutral contract between channels (bot/) and conversations
 * (flows/). Every channel — the WeCom callback, the optional Wechaty bot for
 * candidates — turns what arrives into an `Inbound`, and renders an
 * `OutMessage` its own way. Flows never know where a message came from.
 */

/** Who is talking. `wecom` ids are WeCom userids; `wechaty` ids are contact ids. */
export interface UserRef {
  readonly channel: 'wecom' | 'wechaty';
  readonly id: string;
}

export function userKey(u: UserRef): string {
  return `${u.channel}:${u.id}`;
}

interface InboundBase {
  /** Unique identity of this delivery (dedupe key); also seeds idempotency keys of what it causes. */
  readonly key: string;
  readonly from: UserRef;
  readonly at: Date;
}

/** A chat message with text. */
export interface TextInbound extends InboundBase {
  readonly kind: 'text';
  readonly text: string;
}

/** A tap on a card button (WeCom template_card_event). */
export interface CardActionInbound extends InboundBase {
  readonly kind: 'card_action';
  readonly taskId: string;
  /** The tapped button's key. */
  readonly actionKey: string;
  /** Single-use code for updating the card in place. */
  readonly responseCode: string | undefined;
}

/** The user opened the app's chat (WeCom enter_agent) or tapped a menu item. */
export interface EnterInbound extends InboundBase {
  readonly kind: 'enter';
  readonly menuKey: string | undefined;
}

/** A status change of a WeCom 审批 (sys_approval_change), used when LEAVE_APPROVAL=wecom. */
export interface ApprovalInbound extends InboundBase {
  readonly kind: 'approval_change';
  readonly spNo: string;
  /** Whole-request status: 1 审批中, 2 已通过, 3 已驳回, 4 已撤销, 6 通过后撤销, 7 已删除, 10 已支付. */
  readonly spStatus: number;
  /** What just happened (StatuChangeEvent). */
  readonly changeEvent: number | undefined;
  /** The approver who acted last, when known. */
  readonly actor: string | undefined;
  readonly comment: string | undefined;
}

/** Something a person sent that the bot cannot read (image, voice, file, location …). */
export interface UnsupportedInbound extends InboundBase {
  readonly kind: 'unsupported';
  readonly what: string;
}

export type Inbound = TextInbound | CardActionInbound | EnterInbound | ApprovalInbound | UnsupportedInbound;

/** A button on an interactive card. */
export interface CardButton {
  readonly key: string;
  readonly text: string;
  readonly style: 'primary' | 'danger' | 'default';
}

/**
 * What flows ask a channel to show. The WeCom renderer maps these to
 * text / markdown / textcard / template_card; Wechaty shows plain text.
 */
export type OutMessage =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'markdown'; readonly markdown: string; readonly fallbackText: string }
  /** A link card (WeCom textcard): title, a short description, a link. Sensitive data stays behind the link. */
  | { readonly kind: 'link_card'; readonly title: string; readonly description: string; readonly url: string; readonly button?: string }
  /** An interactive card with buttons (WeCom template_card button_interaction). */
  | {
      readonly kind: 'button_card';
      readonly taskId: string;
      readonly title: string;
      readonly description?: string;
      readonly fields: ReadonlyArray<{ readonly label: string; readonly value: string }>;
      readonly buttons: readonly CardButton[];
      readonly source?: string;
      readonly url?: string;
    };

/** Updates a card in place after a tap (WeCom update_template_card). */
export interface CardUpdate {
  readonly taskId: string;
  /** Users whose copy of the card changes. */
  readonly userids: readonly string[];
  /** Single-use code from the click (or from the original send when no click happened). */
  readonly responseCode: string;
  /** The buttons turn grey with this text, e.g. 已同意. */
  readonly replaceName: string;
}
