/**
 * How fast one instance can verify, decrypt and decode WeCom callbacks (the work done
 * before the 200 goes back), and encrypt a passive reply.
 */
import { readFileSync } from 'node:fs';
import { decodeMessage, encryptReply, verifyUrl, type CallbackConfig } from '../bot/wecom/callback.js';
import { encrypt, signature } from '../bot/wecom/crypto.js';
import { buildTextReply } from '../bot/wecom/xml.js';

export const title = 'WeCom callback: verify + decrypt + parse + typed event';

const cfg: CallbackConfig = {
  token: 'hrTestToken2026',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  corpId: 'ww8f3a1b2c3d4e5f60',
  maxClockSkewSeconds: Infinity,
};

function fixture(name: string): string {
  return readFileSync(new URL(`../test/fixtures/wecom/inbound/${name}.xml`, import.meta.url), 'utf8');
}

function request(plain: string): { query: { msg_signature: string; timestamp: string; nonce: string }; body: string } {
  const timestamp = '1795489200';
  const nonce = '1372623149';
  const enc = encrypt(cfg.encodingAesKey, plain, cfg.corpId);
  return {
    query: { msg_signature: signature(cfg.token, timestamp, nonce, enc), timestamp, nonce },
    body: `<xml><ToUserName><![CDATA[${cfg.corpId}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
  };
}

function measure(print: (line: string) => void, label: string, n: number, fn: () => void): void {
  for (let i = 0; i < Math.min(1000, n / 10); i += 1) fn(); // warm-up
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) fn();
  const ns = Number(process.hrtime.bigint() - started);
  const us = ns / n / 1000;
  print(`${label.padEnd(44)} ${us.toFixed(1).padStart(7)} µs/op  ${Math.round(1e6 / us).toLocaleString('en-US').padStart(8)} ops/s`);
}

export async function run(print: (line: string) => void): Promise<void> {
  const now = new Date(1795489200_000);
  const text = request(fixture('text'));
  const approval = request(fixture('sys_approval_change'));
  const card = request(fixture('template_card_event'));
  const bad = { ...text.query, msg_signature: '0'.repeat(40) };
  const echo = (() => {
    const enc = encrypt(cfg.encodingAesKey, '1616140317555161061', cfg.corpId);
    return { msg_signature: signature(cfg.token, '1795489200', '1', enc), timestamp: '1795489200', nonce: '1', echostr: enc };
  })();
  const reply = buildTextReply({ toUser: 'ZhangSan', corpId: cfg.corpId, createTime: 1795489200, content: '收到，正在为你处理请假申请' });

  measure(print, 'GET verifyUrl', 5_000, () => void verifyUrl(echo, cfg, now));
  measure(print, 'POST text message → event', 5_000, () => void decodeMessage(text.query, text.body, cfg, now));
  measure(print, 'POST template_card_event → event', 5_000, () => void decodeMessage(card.query, card.body, cfg, now));
  measure(print, 'POST sys_approval_change (2 SpRecord) → event', 3_000, () => void decodeMessage(approval.query, approval.body, cfg, now));
  measure(print, 'POST with a bad signature (refused 401)', 5_000, () => void decodeMessage(bad, text.body, cfg, now));
  measure(print, 'encryptReply (text reply)', 5_000, () => void encryptReply(reply, cfg, { timestamp: '1795489200', nonce: '1' }));
}
