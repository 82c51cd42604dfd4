/**
 * `message/send` and `message/update_template_card` request and response shapes
 * (doc 90236, 94888). `agentid` is filled in by the client.
 */
import type { TemplateCard } from './template-card.js';

/** At least one of the three; ids joined with `|` (≤ 1000 users, ≤ 100 parties/tags), or `@all`. */
export type MessageTarget =
  | { readonly touser: string; readonly toparty?: string; readonly totag?: string }
  | { readonly touser?: string; readonly toparty: string; readonly totag?: string }
  | { readonly touser?: string; readonly toparty?: string; readonly totag: string };

export type MessageContent =
  /** ≤ 2048 bytes. */
  | { readonly msgtype: 'text'; readonly text: { readonly content: string } }
  /** ≤ 2048 bytes; a subset of markdown, not rendered in WeChat's 微工作台. */
  | { readonly msgtype: 'markdown'; readonly markdown: { readonly content: string } }
  | {
      readonly msgtype: 'textcard';
      readonly textcard: {
        /** ≤ 128 bytes. */
        readonly title: string;
        /** ≤ 512 bytes; `<div class="gray|normal|highlight">` allowed. */
        readonly description: string;
        readonly url: string;
        /** ≤ 4 characters; default 详情. */
        readonly btntxt?: string;
      };
    }
  | { readonly msgtype: 'template_card'; readonly template_card: TemplateCard };

export interface SendOptions {
  /** 0 shareable, 1 no sharing + watermark (mpnews only: 2 corp-only). */
  readonly safe?: 0 | 1 | 2;
  readonly enable_id_trans?: 0 | 1;
  /** Drop an identical message to the same member within `duplicate_check_interval`. */
  readonly enable_duplicate_check?: 0 | 1;
  /** Seconds, default 1800, ≤ 4 h. */
  readonly duplicate_check_interval?: number;
}

export type SendMessageRequest = MessageTarget & MessageContent & SendOptions;

export interface SendMessageResponse {
  /** For recall (`message/recall`). */
  readonly msgid: string;
  /** `u1|u2`, lower-cased; some recipients were invalid but the rest got the message. */
  readonly invaliduser?: string;
  readonly invalidparty?: string;
  readonly invalidtag?: string;
  readonly unlicenseduser?: string;
  /** Interactive cards only: single use, for `update_template_card`, valid 72 h. */
  readonly response_code?: string;
}

interface UpdateTargets {
  readonly userids?: readonly string[];
  readonly partyids?: readonly number[];
  readonly tagids?: readonly number[];
  readonly atall?: 0 | 1;
  /** From the send response or the click callback; single use. */
  readonly response_code: string;
  readonly enable_id_trans?: 0 | 1;
}

/** Either grey out the clicked button with new text, or replace the whole card. */
export type UpdateTemplateCardRequest = UpdateTargets &
  ({ readonly button: { readonly replace_name: string } } | { readonly template_card: TemplateCard });

export interface UpdateTemplateCardResponse {
  readonly invaliduser?: readonly string[];
}
