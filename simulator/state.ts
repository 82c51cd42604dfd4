/**
 * Everything the simulator remembers, as plain JSON: what WeCom would keep on
 * its side (tokens, messages and cards, response codes, calendar entries,
 * approvals, vacation quotas, OAuth codes). With a `persistFile` it survives a
 * restart; check-in data is not stored here — it is generated, deterministically,
 * by a `CheckinSource` on every query.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What the app sent, normalised per recipient; the console renders it. */
export type BotContent =
  | { readonly msgtype: 'text'; readonly content: string }
  | { readonly msgtype: 'markdown'; readonly content: string }
  | { readonly msgtype: 'textcard'; readonly title: string; readonly description: string; readonly url: string; readonly btntxt: string }
  | { readonly msgtype: 'template_card'; readonly card: Readonly<Record<string, unknown>> };

/** How one recipient's copy of an interactive card looks now. */
export interface CardCopyState {
  /** Buttons greyed out with this text (`button.replace_name`). */
  replaceName?: string | undefined;
  /** The whole card replaced (`template_card` in the update). */
  replacedCard?: Readonly<Record<string, unknown>> | undefined;
  /** The key this member tapped last (WeCom shows nothing until the app updates). */
  tappedKey?: string | undefined;
  updatedAt?: number | undefined;
}

/** The delivery of one callback to the app. */
export type DeliveryStatus =
  | { readonly state: 'pending' }
  | { readonly state: 'delivered'; readonly attempts: number; readonly ms: number }
  | { readonly state: 'failed'; readonly attempts: number; readonly reason: string };

/** One line of a member's chat with the app, in order of `seq`. */
export type ChatItem =
  | {
      readonly kind: 'user_text';
      readonly seq: number;
      readonly id: string;
      readonly userid: string;
      readonly at: number;
      readonly text: string;
      delivery: DeliveryStatus;
    }
  | {
      readonly kind: 'bot';
      readonly seq: number;
      /** WeCom's msgid: shared by every recipient of one send. */
      readonly id: string;
      readonly userid: string;
      readonly at: number;
      readonly content: BotContent;
      /** Interactive cards only. */
      card?: CardCopyState | undefined;
    }
  | {
      /** A message WeCom accepted but silently dropped (over 30 a minute / 1,000 an hour to one member). */
      readonly kind: 'dropped';
      readonly seq: number;
      readonly id: string;
      readonly userid: string;
      readonly at: number;
      readonly reason: string;
    };

export interface ResponseCodeRecord {
  readonly msgid: string;
  readonly taskId: string;
  readonly expiresAt: number;
  readonly origin: 'send' | 'click';
  usedAt?: number | undefined;
}

export interface StoredSchedule {
  readonly scheduleId: string;
  /** The schedule body as the app sent it (validated shape). */
  schedule: {
    admins: string[];
    start_time: number;
    end_time: number;
    is_whole_day: number;
    attendees: Array<{ userid: string }>;
    summary: string;
    description: string;
    location: string;
    reminders: Record<string, unknown>;
    cal_id?: string | undefined;
  };
  readonly createdAt: number;
  updatedAt: number;
  deletedAt?: number | undefined;
}

export interface ApprovalNode {
  /** 1 或签, 2 会签. */
  attr: 1 | 2;
  approvers: Array<{ userid: string; spStatus: number; speech: string; spTime: number }>;
  /** 1 审批中, 2 已同意, 3 已驳回. */
  spStatus: number;
}

export interface StoredApproval {
  readonly spNo: string;
  readonly spName: string;
  readonly templateId: string;
  readonly creator: string;
  readonly applyTime: number;
  /** 1 审批中, 2 已通过, 3 已驳回, 4 已撤销, 6 通过后撤销. */
  spStatus: number;
  nodes: ApprovalNode[];
  notifyer: string[];
  readonly applyData: unknown;
  readonly summary: unknown;
  comments: Array<{ userid: string; time: number; content: string; id: string }>;
}

/** Quotas in seconds, per vacation id, as WeCom keeps them. */
export interface QuotaRecord {
  assign: number;
  used: number;
  left: number;
}

export interface OAuthCodeRecord {
  readonly userid: string;
  readonly expiresAt: number;
  readonly scope: string;
  usedAt?: number | undefined;
}

export interface SimState {
  version: 1;
  /** Grows with every change the console may show. */
  seq: number;
  counters: { msg: number; sp: number; schedule: number };
  accessTokens: Record<string, { expiresAt: number }>;
  tickets: Record<string, { ticket: string; expiresAt: number }>;
  chat: ChatItem[];
  responseCodes: Record<string, ResponseCodeRecord>;
  /** task_id → msgid: unique per app. */
  taskIds: Record<string, string>;
  schedules: Record<string, StoredSchedule>;
  approvals: Record<string, StoredApproval>;
  /** userid → vacation id → quota. */
  quotas: Record<string, Record<string, QuotaRecord>>;
  oauthCodes: Record<string, OAuthCodeRecord>;
}

export function emptyState(): SimState {
  return {
    version: 1,
    seq: 0,
    counters: { msg: 0, sp: 0, schedule: 0 },
    accessTokens: {},
    tickets: {},
    chat: [],
    responseCodes: {},
    taskIds: {},
    schedules: {},
    approvals: {},
    quotas: {},
    oauthCodes: {},
  };
}

/** Keeps the chat history bounded (the oldest lines go first). */
export const MAX_CHAT_ITEMS = 5000;

/**
 * Writes the state to a file at most every `delayMs`, atomically (temp file +
 * rename), so a crash never leaves half a file; `flush()` writes at once.
 */
export class StateFile {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string, private readonly snapshot: () => SimState, private readonly delayMs = 300) {}

  static async load(file: string): Promise<SimState | undefined> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && (parsed as { version?: unknown }).version === 1) {
        return { ...emptyState(), ...(parsed as SimState) };
      }
    } catch {
      // A damaged file: start afresh rather than refuse to start the demo.
    }
    return undefined;
  }

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.delayMs);
    this.timer.unref();
  }

  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const json = JSON.stringify(this.snapshot());
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.tmp`;
      await writeFile(tmp, json, { mode: 0o600 });
      await rename(tmp, this.file);
    }).catch(() => undefined);
    return this.writing;
  }
}
