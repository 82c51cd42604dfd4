/**
 * The XML codec for WeCom callbacks: the outer envelope, the decrypted inner message,
 * and the passive reply.
 *
 * Parsing rules, and why:
 *  - Every value stays a string (`parseTagValue: false`). MsgId, SpNo and CommentId
 *    are 64-bit and would lose digits as JS numbers; events.ts converts the few fields
 *    the schema calls numbers.
 *  - CDATA and plain text give the same string (CDATA is merged into the text), so
 *    `<Content><![CDATA[hi]]></Content>` and `<Content>hi</Content>` are equal.
 *  - Elements WeCom repeats (SpRecord siblings, Details, SelectedItem, OptionId, …)
 *    are always arrays, even when only one is present, so one code path reads both.
 *  - DOCTYPE and ENTITY declarations are refused before parsing: WeCom never sends
 *    them, and refusing them rules out XXE and "billion laughs" entity expansion.
 *  - fast-xml-parser is lenient about mismatched tags, so the text is validated first.
 * Nothing here throws on bad input.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A parsed element: text, an element with children, or repeated siblings. */
export type XmlValue = string | XmlNode | readonly XmlValue[];
export interface XmlNode {
  readonly [name: string]: XmlValue;
}

export type XmlParseResult =
  | { readonly ok: true; readonly root: XmlNode }
  | { readonly ok: false; readonly reason: string };

/**
 * Paths (below the `<xml>` root) whose elements WeCom may repeat. Listed explicitly so a
 * single occurrence still parses as a one-element array.
 */
const REPEATED = new Set([
  // template_card_event
  'xml.SelectedItems.SelectedItem',
  'xml.SelectedItems.SelectedItem.OptionIds.OptionId',
  'xml.SelectedItems.SelectedItem.OpitonIds.OpitonId', // WeCom's own misspelling, seen in doc samples
  // sys_approval_change
  'xml.ApprovalInfo.SpRecord',
  'xml.ApprovalInfo.SpRecord.Details',
  'xml.ApprovalInfo.SpRecord.Details.MediaId',
  'xml.ApprovalInfo.Notifyer',
  'xml.ApprovalInfo.Notifyer.UserId',
  'xml.ApprovalInfo.Comments',
  'xml.ApprovalInfo.Comments.MediaId',
  'xml.ApprovalInfo.ProcessList.NodeList',
  'xml.ApprovalInfo.ProcessList.NodeList.SubNodeList',
  // open_approval_change
  'xml.ApprovalInfo.ApprovalNodes.ApprovalNode',
  'xml.ApprovalInfo.ApprovalNodes.ApprovalNode.Items.Item',
  'xml.ApprovalInfo.NotifyNodes.NotifyNode',
  // change_contact
  'xml.ExtAttr.Item',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true, // trims plain text only; CDATA content is kept verbatim
  processEntities: true, // no custom entities can exist: DOCTYPE is refused below
  // XML numeric character references (&#20320;) are only decoded under this option; it
  // also accepts HTML names such as &nbsp; in plain text, which is harmless. CDATA is untouched.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, jpath) => typeof jpath === 'string' && REPEATED.has(jpath),
});

const CDATA_SECTION = /<!\[CDATA\[[\s\S]*?\]\]>/g;
const DECLARATION = /<!\s*(?:DOCTYPE|ENTITY)/i;

/** Parses a WeCom XML document whose root is `<xml>` and returns that root's children. */
export function parseXml(text: string): XmlParseResult {
  if (text.trim() === '') return { ok: false, reason: 'empty XML' };
  // A user may type "<!DOCTYPE" in a chat message; only declarations outside CDATA count.
  if (DECLARATION.test(text.replace(CDATA_SECTION, ''))) {
    return { ok: false, reason: 'DOCTYPE/ENTITY declarations are not accepted' };
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, reason: `malformed XML: ${valid.err.msg} (line ${valid.err.line})` };
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch (err) {
    // e.g. a tag named __proto__ is refused by the parser itself.
    return { ok: false, reason: `malformed XML: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!isNode(doc)) return { ok: false, reason: 'malformed XML: no root element' };
  const names = Object.keys(doc);
  if (names.length !== 1 || names[0] !== 'xml') return { ok: false, reason: 'root element must be a single <xml>' };
  const root = doc['xml'];
  if (root === '') return { ok: true, root: {} };
  if (!isNode(root)) return { ok: false, reason: 'root <xml> has no child elements' };
  return { ok: true, root };
}

// ---------------------------------------------------------------------------
// Reading helpers: tolerant of "one or many" and of empty elements.

export function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The text of child `name`; the first one if repeated; undefined if absent or not text. */
export function text(node: XmlNode, name: string): string | undefined {
  const v = first(node[name]);
  return typeof v === 'string' ? v : undefined;
}

/** Child element `name` (the first if repeated), or undefined. */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  const v = first(node[name]);
  return isNode(v) ? v : undefined;
}

/** Every occurrence of child `name`, as an array (empty when absent or empty). */
export function list(node: XmlNode, name: string): readonly XmlValue[] {
  const v = node[name];
  if (v === undefined || v === '') return [];
  return isArray(v) ? v.filter((x) => x !== '') : [v];
}

/** Every occurrence of child `name` that is an element. */
export function nodes(node: XmlNode, name: string): readonly XmlNode[] {
  return list(node, name).filter(isNode);
}

/** Every occurrence of child `name` that is text. */
export function texts(node: XmlNode, name: string): readonly string[] {
  return list(node, name).filter((x): x is string => typeof x === 'string');
}

function isArray(v: XmlValue): v is readonly XmlValue[] {
  return Array.isArray(v);
}

function first(v: XmlValue | undefined): XmlValue | undefined {
  if (v === undefined) return undefined;
  return isArray(v) ? v[0] : v;
}

// ---------------------------------------------------------------------------
// The outer envelope of a POST callback.

export interface Envelope {
  /** The base64 ciphertext. */
  readonly encrypt: string;
  /** CorpID (self-built apps). */
  readonly toUserName: string | undefined;
  readonly agentId: string | undefined;
}

export type EnvelopeResult = { readonly ok: true; readonly envelope: Envelope } | { readonly ok: false; readonly reason: string };

export function parseEnvelope(body: string): EnvelopeResult {
  const parsed = parseXml(body);
  if (!parsed.ok) return parsed;
  const encrypt = text(parsed.root, 'Encrypt');
  if (encrypt === undefined || encrypt === '') return { ok: false, reason: 'envelope has no <Encrypt>' };
  return {
    ok: true,
    envelope: { encrypt, toUserName: text(parsed.root, 'ToUserName'), agentId: text(parsed.root, 'AgentID') },
  };
}

// ---------------------------------------------------------------------------
// Building XML.

/** Wraps text in CDATA; a `]]>` inside is split across two sections so it cannot end the block. */
export function cdata(value: string): string {
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** The encrypted passive-reply envelope: all four fields are required (doc 91116 3.2). */
export function buildEncryptedEnvelope(f: {
  readonly encrypt: string;
  readonly msgSignature: string;
  readonly timestamp: string;
  readonly nonce: string;
}): string {
  return (
    '<xml>\n' +
    `<Encrypt>${cdata(f.encrypt)}</Encrypt>\n` +
    `<MsgSignature>${cdata(f.msgSignature)}</MsgSignature>\n` +
    `<TimeStamp>${digitsOnly(f.timestamp)}</TimeStamp>\n` +
    `<Nonce>${cdata(f.nonce)}</Nonce>\n` +
    '</xml>'
  );
}

/** Plaintext of a passive text reply (doc 90241): to the member, from the corp. */
export function buildTextReply(f: {
  readonly toUser: string;
  readonly corpId: string;
  readonly createTime: number;
  readonly content: string;
}): string {
  return (
    `<xml><ToUserName>${cdata(f.toUser)}</ToUserName><FromUserName>${cdata(f.corpId)}</FromUserName>` +
    `<CreateTime>${Math.floor(f.createTime)}</CreateTime><MsgType>${cdata('text')}</MsgType>` +
    `<Content>${cdata(f.content)}</Content></xml>`
  );
}

/**
 * Plaintext of a passive `update_button` reply to a template_card_event: greys out the
 * clicked button with new text for the member who clicked (doc 90241 模板卡片更新消息).
 */
export function buildUpdateButtonReply(f: {
  readonly toUser: string;
  readonly corpId: string;
  readonly createTime: number;
  readonly replaceName: string;
}): string {
  return (
    `<xml><ToUserName>${cdata(f.toUser)}</ToUserName><FromUserName>${cdata(f.corpId)}</FromUserName>` +
    `<CreateTime>${Math.floor(f.createTime)}</CreateTime><MsgType>${cdata('update_button')}</MsgType>` +
    `<Button><ReplaceName>${cdata(f.replaceName)}</ReplaceName></Button></xml>`
  );
}

function digitsOnly(s: string): string {
  if (!/^\d+$/.test(s)) throw new Error('timestamp must be decimal digits');
  return s;
}
