/**
 * Typed shapes of `template_card` (模板卡片) for `message/send` and
 * `message/update_template_card` (doc 90236 / 94888). Card builders (the leave
 * approval card …) live with the flows that own the wording; they fill these types.
 * Limits noted in comments are WeCom's; WeCom truncates or rejects beyond them.
 */

/** 0 grey, 1 black, 2 red, 3 green. */
export type DescColor = 0 | 1 | 2 | 3;

export interface CardSource {
  readonly icon_url?: string;
  readonly desc?: string;
  readonly desc_color?: DescColor;
}

/** The "…" menu at the top right; clicks arrive as `template_card_menu_event`. Needs `task_id`. */
export interface CardActionMenu {
  readonly desc?: string;
  /** 1 to 3 items. */
  readonly action_list: readonly { readonly text: string; readonly key: string }[];
}

export interface CardMainTitle {
  /** ≤ 26 characters shown. */
  readonly title?: string;
  readonly desc?: string;
}

export interface CardQuoteArea {
  /** 0 none, 1 URL, 2 mini-program. */
  readonly type?: 0 | 1 | 2;
  readonly url?: string;
  readonly appid?: string;
  readonly pagepath?: string;
  readonly title?: string;
  readonly quote_text?: string;
}

/** A key–value line; at most 6 per card. */
export type HorizontalContent =
  | { readonly type?: 0; readonly keyname: string; readonly value: string }
  | { readonly type: 1; readonly keyname: string; readonly value: string; readonly url: string }
  | { readonly type: 2; readonly keyname: string; readonly value?: string; readonly media_id: string }
  | { readonly type: 3; readonly keyname: string; readonly value?: string; readonly userid: string };

/** Where tapping the card body goes: 1 URL, 2 mini-program. */
export type CardAction =
  | { readonly type: 0 }
  | { readonly type: 1; readonly url: string }
  | { readonly type: 2; readonly appid: string; readonly pagepath?: string };

export interface CardJump {
  /** 0 none, 1 URL, 2 mini-program. */
  readonly type?: 0 | 1 | 2;
  readonly title: string;
  readonly url?: string;
  readonly appid?: string;
  readonly pagepath?: string;
}

export interface CardOption {
  readonly id: string;
  readonly text: string;
}

/** A drop-down above the buttons of a button_interaction card. */
export interface ButtonSelection {
  readonly question_key: string;
  readonly title?: string;
  /** ≤ 10 options. */
  readonly option_list: readonly CardOption[];
  readonly selected_id?: string;
  readonly disable?: boolean;
}

/** 1 blue (primary), 2 red, 3 grey-bordered, 4 grey. */
export type ButtonStyle = 1 | 2 | 3 | 4;

/** Type 0 (default) sends a `template_card_event` with `key`; type 1 opens `url`. */
export type CardButton =
  | { readonly type?: 0; readonly text: string; readonly style?: ButtonStyle; readonly key: string }
  | { readonly type: 1; readonly text: string; readonly style?: ButtonStyle; readonly url: string };

export interface SubmitButton {
  readonly text: string;
  readonly key: string;
}

interface CardCommon {
  readonly source?: CardSource;
  readonly action_menu?: CardActionMenu;
  readonly main_title?: CardMainTitle;
  readonly quote_area?: CardQuoteArea;
  readonly sub_title_text?: string;
  readonly horizontal_content_list?: readonly HorizontalContent[];
  readonly jump_list?: readonly CardJump[];
}

export interface TextNoticeCard extends CardCommon {
  readonly card_type: 'text_notice';
  readonly task_id?: string;
  readonly emphasis_content?: { readonly title?: string; readonly desc?: string };
  readonly card_action: CardAction;
}

export interface NewsNoticeCard extends CardCommon {
  readonly card_type: 'news_notice';
  readonly task_id?: string;
  readonly card_image?: { readonly url: string; readonly aspect_ratio?: number };
  readonly vertical_content_list?: readonly { readonly title: string; readonly desc?: string }[];
  readonly card_action: CardAction;
}

/**
 * The approval card: buttons that call back. `task_id` is required because a click
 * can only be matched to its request through it (unique per app; letters, digits and
 * `_-@`, ≤ 128 bytes).
 */
export interface ButtonInteractionCard extends CardCommon {
  readonly card_type: 'button_interaction';
  readonly task_id: string;
  readonly card_action?: CardAction;
  readonly button_selection?: ButtonSelection;
  /** ≤ 6 buttons. */
  readonly button_list: readonly CardButton[];
  /** After an update: the text shown in place of the buttons (e.g. 已同意). */
  readonly replace_text?: string;
}

export interface VoteInteractionCard {
  readonly card_type: 'vote_interaction';
  readonly source?: CardSource;
  readonly main_title?: CardMainTitle;
  readonly task_id: string;
  readonly checkbox: {
    readonly question_key: string;
    readonly option_list: readonly (CardOption & { readonly is_checked?: boolean })[];
    /** 0 single choice, 1 multiple choice. */
    readonly mode?: 0 | 1;
    readonly disable?: boolean;
  };
  readonly submit_button: SubmitButton;
  readonly replace_text?: string;
}

export interface MultipleInteractionCard {
  readonly card_type: 'multiple_interaction';
  readonly source?: CardSource;
  readonly main_title?: CardMainTitle;
  readonly task_id: string;
  /** ≤ 3 drop-downs. */
  readonly select_list: readonly {
    readonly question_key: string;
    readonly title?: string;
    readonly selected_id?: string;
    readonly disable?: boolean;
    readonly option_list: readonly CardOption[];
  }[];
  readonly submit_button: SubmitButton;
  readonly replace_text?: string;
}

export type TemplateCard =
  | TextNoticeCard
  | NewsNoticeCard
  | ButtonInteractionCard
  | VoteInteractionCard
  | MultipleInteractionCard;

/** Cards whose clicks call back and can be updated in place. */
export type InteractiveCard = ButtonInteractionCard | VoteInteractionCard | MultipleInteractionCard;
