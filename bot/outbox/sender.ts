/**
 * The Outbox sender: delivers what flows stored (outboxStore.ts), at least once
 * and as close to exactly once as WeCom allows.
 *
 * One message at a time is *claimed* with a lease — a single guarded
 * `findOneAndUpdate` that moves it from `pending` (due) or `sending` (lease
 * expired) to `sending` under this instance's name — so two instances never
 * hold the same message. Then:
 *
 *  - WeCom's per-member limit (30/min, 1,000/h, excess silently dropped) is
 *    checked first; a message over it is put back with a later due time, and the
 *    drain moves on to other recipients (recipientLimit.ts);
 *  - the message is rendered (bot/wecom/render.ts) and sent; the response's
 *    `msgid`, `response_code` and `invaliduser` are stored in `result`
 *    (the leave flow reads `response_code` back through `cardResponseCode`);
 *  - a failure is retried later with exponential back-off and jitter, or
 *    dead-lettered with an alert line naming the HR admins (retryPolicy.ts).
 *
 * `message/send` is not idempotent, so a send whose outcome is unknown (timeout,
 * connection lost, or an instance that died while holding the message) is never
 * repeated as if nothing happened. The retry asks WeCom to drop it if it is a
 * repeat: `enable_duplicate_check: 1` with a `duplicate_check_interval` that
 * reaches back to the uncertain attempt (≤ 4 h, WeCom's maximum). First
 * attempts do not set it, because WeCom would then also drop a *legitimate*
 * identical message to the same person (two "好的。" in one hour). Caveat: the
 * docs do not say whether the check compares against an earlier send that did
 * not itself ask for it; cards are safe either way (a task_id is unique).
 *
 * Order: messages to one recipient go out one at a time in the order they were
 * stored, across instances too: a claimed message whose recipient has an older
 * one in hand elsewhere, or due, is put back for a moment (`waitsForOlder`).
 * A message that has to wait (retry, limit) lets later ones to the same person pass.
 */
import type { Logger } from '../../lib/logger.js';
import type { OutMessage } from '../../flows/types.js';
import type { SendMessageRequest, SendMessageResponse, WecomClient } from '../wecom/api/index.js';
import { renderCardUpdate, renderMessage } from '../wecom/render.js';
import { OutboxModel, type OutboxMessage } from '../../models/outbox.js';
import { channelSender, type ChannelSender, type OtherChannel } from './channels.js';
import { readPayload, uncertainSince, type OutboxEntry } from './payload.js';
import { recipientWait, WECOM_RECIPIENT_LIMITS, type RecipientLimits } from './recipientLimit.js';
import { backoffMs, classify, DEFAULT_BACKOFF, type BackoffPolicy } from './retryPolicy.js';
import { onEnqueued } from './wakeup.js';

/** How long a message waits when an older one to the same person is still to go. */
const ORDER_WAIT_MS = 1_000;

export interface OutboxSenderOptions {
  readonly wecom: Pick<WecomClient, 'messages'>;
  readonly logger: Logger;
  /** Lease owner name; unique per process. */
  readonly instanceId: string;
  /** The business clock; default the wall clock. */
  readonly now?: () => Date;
  /** Waits between polls; injected in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** How often an idle sender looks for due messages; default 1 s (a local store wakes it at once). */
  readonly pollMs?: number;
  /** Named in the alert line when a message is given up. */
  readonly hrAdmins?: readonly string[];
  /** Jitter source in [0, 1). */
  readonly random?: () => number;
  /** How long a claim holds; must exceed the longest send (API retries included). Default 2 min. */
  readonly leaseMs?: number;
  readonly backoff?: Partial<BackoffPolicy>;
  readonly limits?: RecipientLimits;
  /** Messages handled in parallel (different recipients); default 4. */
  readonly concurrency?: number;
  /** Channel senders that take precedence over `registerChannelSender`. */
  readonly channels?: Partial<Record<OtherChannel, ChannelSender>>;
}

/** WeCom's maximum for duplicate_check_interval. */
const MAX_DUPLICATE_WINDOW_S = 4 * 3600;

type Claimed = OutboxMessage & { readonly reclaimed: boolean };

export class OutboxSender {
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly leaseMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly limits: RecipientLimits;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly opts: OutboxSenderOptions) {
    this.now = opts.now ?? (() => new Date());
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()));
    this.random = opts.random ?? Math.random;
    this.leaseMs = opts.leaseMs ?? 120_000;
    this.backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.limits = opts.limits ?? WECOM_RECIPIENT_LIMITS;
  }

  /** Starts the background loop: drain, then wait for a nudge or the poll interval. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.unsubscribe = onEnqueued(() => this.wake?.());
    this.loop = (async () => {
      while (!this.stopping) {
        try {
          if ((await this.drainOnce()) > 0) continue;
        } catch (err) {
          this.opts.logger.error({ err }, 'outbox drain failed; will retry');
        }
        if (this.stopping) break;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          void this.sleep(this.opts.pollMs ?? 1_000).then(resolve);
        });
        this.wake = undefined;
      }
    })();
  }

  /** Stops the loop and waits for the sends in flight (their results are recorded). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /**
   * Takes every message that is due now, one claim at a time, with up to
   * `concurrency` recipients in parallel. Resolves with how many it took in hand
   * (sent, failed or put back to wait); 0 means nothing was due.
   */
  async drainOnce(): Promise<number> {
    let handled = 0;
    const busy = new Set<string>();
    // Claims are taken one at a time, so each sees the recipients already in hand.
    let claiming: Promise<unknown> = Promise.resolve();
    const nextClaim = (): Promise<Claimed | undefined> => {
      const p = claiming.then(async () => {
        const msg = await this.claim([...busy]);
        if (msg) busy.add(msg.recipient);
        return msg;
      });
      claiming = p.catch(() => undefined);
      return p;
    };
    const worker = async (): Promise<void> => {
      while (!this.stopping) {
        const msg = await nextClaim();
        if (!msg) return;
        try {
          await this.deliver(msg);
        } finally {
          busy.delete(msg.recipient);
        }
        handled += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.opts.concurrency ?? 4) }, worker));
    return handled;
  }

  /** Claims the oldest due message whose recipient this drain is not already serving and that is next in line. */
  private async claim(busy: readonly string[]): Promise<Claimed | undefined> {
    for (;;) {
      const claimed = await this.claimOne(busy);
      // A message put back is not due for a moment, so this loop moves on.
      if (!claimed || !(await this.waitsForOlder(claimed))) return claimed;
    }
  }

  /**
   * True (and the message put back briefly) when an older message to the same
   * recipient is still to go: in another instance's hands, or due and about to be.
   */
  private async waitsForOlder(msg: Claimed): Promise<boolean> {
    const now = this.now();
    const created = msg.createdAt ?? msg._id.getTimestamp();
    const older = await OutboxModel.exists({
      recipient: msg.recipient,
      $and: [
        { $or: [{ createdAt: { $lt: created } }, { createdAt: created, _id: { $lt: msg._id } }] },
        { $or: [{ status: 'sending' }, { status: 'pending', nextAttemptAt: { $lte: now } }] },
      ],
    });
    if (!older) return false;
    await this.putBack(msg, new Date(now.getTime() + ORDER_WAIT_MS));
    this.opts.logger.debug({ key: msg.key, recipient: msg.recipient }, 'an older message to this recipient goes first');
    return true;
  }

  private async claimOne(busy: readonly string[]): Promise<Claimed | undefined> {
    const now = this.now();
    const before = await OutboxModel.findOneAndUpdate(
      {
        $or: [{ status: 'pending', nextAttemptAt: { $lte: now } }, { status: 'sending', leaseUntil: { $lte: now } }],
        ...(busy.length > 0 ? { recipient: { $nin: busy } } : {}),
      },
      { $set: { status: 'sending', leaseOwner: this.opts.instanceId, leaseUntil: new Date(now.getTime() + this.leaseMs) }, $inc: { attempts: 1 } },
      { sort: { nextAttemptAt: 1, _id: 1 }, returnDocument: 'before' },
    ).lean();
    if (!before) return undefined;
    // `before` is the document as it was: a `sending` one was held by an instance that stopped mid-send.
    const reclaimed = before.status === 'sending';
    const claimed: Claimed = { ...before, status: 'sending', attempts: before.attempts + 1, reclaimed };
    if (reclaimed) {
      const since = uncertainSince(before.payload) ?? new Date((before.leaseUntil ?? now).getTime() - this.leaseMs);
      claimed.payload = { ...before.payload, uncertainSince: since.toISOString() };
      await OutboxModel.updateOne({ _id: before._id, leaseOwner: this.opts.instanceId }, { $set: { 'payload.uncertainSince': since.toISOString() } });
      this.opts.logger.warn({ key: before.key, previousOwner: before.leaseOwner }, 'outbox message reclaimed after its lease expired; it may have been sent already');
    }
    return claimed;
  }

  private async deliver(msg: Claimed): Promise<void> {
    const log = { key: msg.key, channel: msg.channel, recipient: msg.recipient, kind: msg.kind, attempt: msg.attempts };
    const entry = readPayload(msg.kind, msg.payload);
    if (!entry) {
      await this.giveUp(msg, `unreadable payload of kind ${msg.kind}`, log);
      return;
    }
    try {
      if (msg.channel === 'wecom' && entry.kind === 'message') {
        const wait = await recipientWait(msg.recipient, msg._id, this.now(), this.limits);
        if (wait) {
          await this.putBack(msg, wait);
          this.opts.logger.info({ ...log, until: wait.toISOString() }, 'recipient is at the WeCom message limit; message waits');
          return;
        }
      }
      const result = await this.send(msg, entry);
      await this.finish(msg, result, log);
    } catch (err) {
      await this.failed(msg, err, log);
    }
  }

  /** Performs the delivery; returns what to keep in `result`. */
  private async send(msg: Claimed, entry: OutboxEntry): Promise<Record<string, unknown>> {
    if (msg.channel !== 'wecom') {
      const other = this.opts.channels?.[msg.channel] ?? channelSender(msg.channel);
      if (!other) throw new Error(`no sender registered for channel ${msg.channel}`);
      if (entry.kind !== 'message') throw new Error(`channel ${msg.channel} cannot update cards`);
      await other(msg.recipient, entry.message, msg.key);
      return {};
    }
    if (entry.kind === 'card_update') {
      const res = await this.opts.wecom.messages.updateTemplateCard(renderCardUpdate(entry.update));
      return res.invaliduser && res.invaliduser.length > 0 ? { invaliduser: [...res.invaliduser] } : {};
    }
    const res = await this.opts.wecom.messages.send(this.sendBody(msg, entry.message));
    return sendResult(res);
  }

  private sendBody(msg: Claimed, message: OutMessage): SendMessageRequest {
    const body: SendMessageRequest = { touser: msg.recipient, ...renderMessage(message) };
    const since = uncertainSince(msg.payload);
    if (!since) return body;
    const windowS = Math.ceil((this.now().getTime() - since.getTime()) / 1000) + 60;
    return { ...body, enable_duplicate_check: 1, duplicate_check_interval: Math.min(MAX_DUPLICATE_WINDOW_S, Math.max(60, windowS)) };
  }

  private async finish(msg: Claimed, result: Record<string, unknown>, log: Record<string, unknown>): Promise<void> {
    const done = await OutboxModel.updateOne(
      { _id: msg._id, status: 'sending', leaseOwner: this.opts.instanceId },
      { $set: { status: 'sent', sentAt: this.now(), result }, $unset: { leaseOwner: 1, leaseUntil: 1, lastError: 1 } },
    );
    if (done.modifiedCount !== 1) this.opts.logger.warn(log, 'outbox message sent, but its lease had passed to another sender');
    if (result['invaliduser']) {
      this.opts.logger.warn({ ...log, invaliduser: result['invaliduser'] }, 'WeCom reports invalid recipients (not in the app\'s visible range, or left)');
    } else {
      this.opts.logger.debug(log, 'outbox message sent');
    }
  }

  private async failed(msg: Claimed, err: unknown, log: Record<string, unknown>): Promise<void> {
    const verdict = classify(err);
    if (!verdict.retry || msg.attempts >= this.backoff.maxAttempts) {
      await this.giveUp(msg, verdict.reason, log);
      return;
    }
    const delay = backoffMs(this.backoff, msg.attempts, this.random);
    const now = this.now();
    const set: Record<string, unknown> = {
      status: 'pending', nextAttemptAt: new Date(now.getTime() + delay), lastError: verdict.reason,
    };
    if (verdict.outcomeUnknown && !uncertainSince(msg.payload)) set['payload.uncertainSince'] = now.toISOString();
    await OutboxModel.updateOne({ _id: msg._id, status: 'sending', leaseOwner: this.opts.instanceId }, { $set: set, $unset: { leaseOwner: 1, leaseUntil: 1 } });
    this.opts.logger.warn({ ...log, delayMs: delay, reason: verdict.reason, outcomeUnknown: verdict.outcomeUnknown }, 'outbox delivery failed; will retry');
  }

  /** Dead-letters the message and raises the alert an administrator acts on. */
  private async giveUp(msg: Claimed, reason: string, log: Record<string, unknown>): Promise<void> {
    await OutboxModel.updateOne(
      { _id: msg._id, status: 'sending', leaseOwner: this.opts.instanceId },
      { $set: { status: 'dead', lastError: reason }, $unset: { leaseOwner: 1, leaseUntil: 1 } },
    );
    const admins = this.opts.hrAdmins ?? [];
    this.opts.logger.error(
      { ...log, alert: 'outbox_dead_letter', hrAdmins: admins, reason },
      `ALERT 消息发送失败已放弃（${msg.attempts} 次尝试）：发给 ${msg.recipient} 的消息 ${msg.key}。原因：${reason}。请 HR 管理员${admins.length > 0 ? `（${admins.join('、')}）` : '（未配置 WECOM_HR_ADMINS）'}检查企业微信配置后用 npm run cli -- outbox resend ${msg.key} 重新发送。`,
    );
  }

  /** Returns a claimed message unsent (over the limit); the claim does not count as an attempt. */
  private async putBack(msg: Claimed, at: Date): Promise<void> {
    await OutboxModel.updateOne(
      { _id: msg._id, status: 'sending', leaseOwner: this.opts.instanceId },
      { $set: { status: 'pending', nextAttemptAt: at }, $inc: { attempts: -1 }, $unset: { leaseOwner: 1, leaseUntil: 1 } },
    );
  }
}

function sendResult(res: SendMessageResponse): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (res.msgid) out['msgid'] = res.msgid;
  if (res.response_code) out['response_code'] = res.response_code;
  if (res.invaliduser) out['invaliduser'] = res.invaliduser;
  if (res.unlicenseduser) out['unlicenseduser'] = res.unlicenseduser;
  return out;
}
