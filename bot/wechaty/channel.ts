/**
 * The optional Wechaty channel: a personal WeChat account (the recruiting
 * account) that sends invitations to candidates and hears their replies.
 * Off unless WECHATY_PUPPET is set; tests run it on `wechaty-puppet-mock`.
 *
 * Inbound: a direct message from a known candidate becomes an `Inbound` with
 * `from: {channel: 'wechaty', id: contactId}` and goes through the same
 * pipeline as WeCom callbacks (`services.inbound.accept(…, 'wechaty')`).
 * Messages from contacts that are not candidates are ignored (logged): the
 * account may have other friends, and the HR bot is not for them.
 *
 * Outbound: `send(contactId, message)` says the rendered text; `start()`
 * registers it as the Outbox's `wechaty` channel sender (bot/outbox/channels.ts).
 *
 * `WECHATY_PUPPET=wechaty-puppet-mock` runs a simulated account (demo and
 * tests): the channel logs itself in, and `mocker()` gives the simulator so a
 * test or the demo console can play candidates.
 */
import type { Wechaty, WechatyOptions } from 'wechaty';
import type { mock } from 'wechaty-puppet-mock';
import { registerChannelSender } from '../outbox/channels.js';
import type { Logger } from '../../lib/logger.js';
import type { Inbound, OutMessage } from '../../flows/types.js';
import { toInbound, type WechatyMessageLike } from './inbound.js';
import { renderForWechat } from './render.js';

export interface WechatyChannelOptions {
  /** A puppet name (`wechaty-puppet-service` …) or a puppet instance (the mock in tests). */
  readonly puppet: string | Exclude<NonNullable<Extract<WechatyOptions, { puppet?: unknown }>['puppet']>, string>;
  readonly token?: string | undefined;
  readonly name?: string;
  /** Where inbound messages go (the pipeline's `accept`). */
  readonly accept: (inbound: Inbound) => Promise<unknown>;
  /** Whether a contact is one of our candidates (others are ignored). */
  readonly isCandidate: (contactId: string) => Promise<boolean>;
  readonly logger: Logger;
}

/** Thrown when a message cannot be delivered; `permanent` tells the Outbox not to retry. */
export class WechatySendError extends Error {
  override readonly name = 'WechatySendError';
  constructor(message: string, readonly permanent: boolean) {
    super(message);
  }
}

export const MOCK_PUPPET = 'wechaty-puppet-mock';

let running: WechatyChannel | undefined;

/** The channel this process runs, if any (one WeChat account per process). */
export function runningWechatyChannel(): WechatyChannel | undefined {
  return running;
}

export class WechatyChannel {
  private bot: Wechaty | undefined;
  private loggedIn = false;
  private simulator: mock.Mocker | undefined;
  private simulatedSelf: mock.ContactMock | undefined;
  private unregister: (() => void) | undefined;

  constructor(private readonly opts: WechatyChannelOptions) {}

  /** Starts the bot (imports wechaty lazily: ~1 s, paid only when the channel is on). */
  async start(): Promise<void> {
    const { WechatyBuilder } = await import('wechaty');
    const name = this.opts.name ?? 'hr-recruiting';
    let puppet = this.opts.puppet;
    if (puppet === MOCK_PUPPET) {
      const { PuppetMock, mock: mockNs } = await import('wechaty-puppet-mock');
      this.simulator = new mockNs.Mocker();
      puppet = new PuppetMock({ mocker: this.simulator });
    }
    const bot = typeof puppet === 'string'
      ? WechatyBuilder.build({ name, puppet: puppet as never, ...(this.opts.token ? { puppetOptions: { token: this.opts.token } } : {}) })
      : WechatyBuilder.build({ name, puppet });
    bot.on('login', (user) => {
      this.loggedIn = true;
      this.opts.logger.info({ account: user.name() }, 'wechaty logged in');
    });
    bot.on('logout', () => {
      this.loggedIn = false;
      this.opts.logger.warn('wechaty logged out');
    });
    bot.on('scan', (_qr, status) => this.opts.logger.info({ status }, 'wechaty waiting for a QR scan'));
    bot.on('error', (err) => this.opts.logger.error({ err }, 'wechaty error'));
    bot.on('message', (msg) => {
      void this.onMessage(msg).catch((err: unknown) => this.opts.logger.error({ err }, 'wechaty inbound failed'));
    });
    this.bot = bot;
    await bot.start();
    if (this.simulator) {
      // The simulated account logs itself in (a real one waits for a QR scan, logged above).
      const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()));
      const me = this.simulator.createContact({ name: '招聘助手' });
      this.simulatedSelf = me;
      this.simulator.login(me);
      await loggedIn;
    }
    this.unregister = registerChannelSender('wechaty', (recipient, message) => this.send(recipient, message));
    running = this;
  }

  async stop(): Promise<void> {
    this.unregister?.();
    this.unregister = undefined;
    if (running === this) running = undefined;
    await this.bot?.stop();
    this.bot = undefined;
    this.loggedIn = false;
  }

  /** The simulator behind a mock puppet (demo and tests), else undefined. */
  mocker(): mock.Mocker | undefined {
    return this.simulator;
  }

  /** The simulated account itself (what a simulated candidate talks `.to()`). */
  mockSelf(): mock.ContactMock | undefined {
    return this.simulatedSelf;
  }

  /** The bot's own contact id once logged in. */
  selfId(): string | undefined {
    return this.loggedIn ? this.bot?.currentUser.id : undefined;
  }

  isReady(): boolean {
    return this.bot !== undefined && this.loggedIn;
  }

  private async onMessage(msg: WechatyMessageLike): Promise<void> {
    const inbound = toInbound(msg);
    if (!inbound) return;
    if (!(await this.opts.isCandidate(inbound.from.id))) {
      this.opts.logger.info({ contact: inbound.from.id }, 'wechaty message from a contact who is not a candidate: ignored');
      return;
    }
    await this.opts.accept(inbound);
  }

  /** Says `message` to the contact. */
  async send(contactId: string, message: OutMessage): Promise<void> {
    const bot = this.bot;
    if (!bot || !this.loggedIn) throw new WechatySendError('招聘微信号未登录', false);
    const contact = await bot.Contact.find({ id: contactId });
    if (!contact) throw new WechatySendError(`找不到微信联系人 ${contactId}`, true);
    await contact.say(renderForWechat(message));
  }

  /**
   * The contact that is this candidate: the one whose remark (alias) is their
   * phone number, else the one whose nickname is their name — only when exactly
   * one matches, so a message never goes to the wrong 张伟.
   */
  async findContact(q: { readonly name: string; readonly phone: string }): Promise<string | undefined> {
    const bot = this.bot;
    if (!bot || !this.loggedIn) return undefined;
    const self = bot.currentUser.id;
    const byAlias = (await bot.Contact.findAll({ alias: q.phone })).filter((c) => c.id !== self);
    if (byAlias.length === 1) return byAlias[0]!.id;
    if (byAlias.length > 1) return undefined;
    const byName = (await bot.Contact.findAll({ name: q.name })).filter((c) => c.id !== self);
    return byName.length === 1 ? byName[0]!.id : undefined;
  }
}
