/**
 * What the console's server routes send the browser. Shared by both sides; no
 * DOM and no Node here. Card bodies stay WeCom's own JSON (`template_card`), so
 * the browser renders exactly what the app sent.
 */

export interface PersonView {
  readonly userid: string;
  readonly name: string;
  readonly position: string;
  readonly department: string;
  /** 员工 / 经理 / HR / 招聘 for the four demo personas. */
  readonly label?: string;
  readonly hint?: string;
  readonly isHr: boolean;
}

export interface BootData {
  readonly personas: readonly PersonView[];
  readonly others: readonly PersonView[];
  readonly companyName: string;
  /** The app's own origin: links to it open inside the phone. */
  readonly appOrigin: string;
}

export type DeliveryView =
  | { readonly state: 'pending' }
  | { readonly state: 'delivered'; readonly attempts: number; readonly ms: number }
  | { readonly state: 'failed'; readonly attempts: number; readonly reason: string };

export type JsonObject = { readonly [key: string]: unknown };

export type BotContentView =
  | { readonly msgtype: 'text'; readonly content: string }
  | { readonly msgtype: 'markdown'; readonly content: string }
  | { readonly msgtype: 'textcard'; readonly title: string; readonly description: string; readonly url: string; readonly btntxt: string }
  | { readonly msgtype: 'template_card'; readonly card: JsonObject };

export interface CardStateView {
  readonly replaceName?: string | undefined;
  readonly replacedCard?: JsonObject | undefined;
  readonly tappedKey?: string | undefined;
}

interface ItemBase {
  readonly seq: number;
  readonly id: string;
  /** Unix milliseconds. */
  readonly at: number;
  /** 14:05 / 昨天 14:05 / 11月20日 14:05, made on the server in the business time zone. */
  readonly timeLabel: string;
}

export type ChatItemView =
  | (ItemBase & { readonly kind: 'user_text'; readonly text: string; readonly delivery: DeliveryView })
  | (ItemBase & { readonly kind: 'bot'; readonly content: BotContentView; readonly card?: CardStateView | undefined })
  | (ItemBase & { readonly kind: 'dropped'; readonly reason: string });

export interface ChatView {
  readonly userid: string;
  readonly items: readonly ChatItemView[];
}

export interface CalendarItemView {
  readonly id: string;
  readonly summary: string;
  readonly dateLabel: string;
  readonly timeLabel: string;
  readonly location: string;
  readonly description: string;
  readonly attendees: readonly string[];
  readonly past: boolean;
}

export interface ApprovalView {
  readonly spNo: string;
  readonly title: string;
  readonly applicant: string;
  readonly submittedLabel: string;
}

export interface SideView {
  readonly calendar: readonly CalendarItemView[];
  readonly approvals: readonly ApprovalView[];
}

export interface ActionAnswer {
  readonly ok: boolean;
  readonly reason?: string;
}

/** The `change` server-sent event. */
export interface ChangeEvent {
  readonly seq: number;
  readonly userids: readonly string[];
}
