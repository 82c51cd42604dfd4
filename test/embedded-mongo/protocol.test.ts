/**
 * Wire protocol over a raw socket: well-formed frames get answers; malformed ones close that
 * connection and nothing else (another client keeps working). Embedded store only.
 */
import { connect, type Socket } from 'node:net';
import { expect } from 'chai';
import { deserialize, serialize } from 'bson';
import type { MongoClient } from 'mongodb';
import { crc32c } from '../../embedded-mongo/wire/crc32c.js';
import { startTarget, type Target } from './target.js';

const OP_MSG = 2013;
const OP_QUERY = 2004;

function header(length: number, requestId: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(0, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

function opMsg(body: Record<string, unknown>, opts: { requestId?: number; flags?: number; sequences?: [string, Record<string, unknown>[]][]; checksum?: 'good' | 'bad' } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(serialize(body))];
  for (const [id, docs] of opts.sequences ?? []) {
    const payload = Buffer.concat([Buffer.from(`${id}\0`), ...docs.map((d) => Buffer.from(serialize(d)))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4, 0);
    parts.push(Buffer.from([1]), size, payload);
  }
  let flags = opts.flags ?? 0;
  if (opts.checksum) flags |= 1;
  const flagBytes = Buffer.alloc(4);
  flagBytes.writeUInt32LE(flags >>> 0, 0);
  const bodyBytes = Buffer.concat([flagBytes, ...parts]);
  const total = 16 + bodyBytes.length + (opts.checksum ? 4 : 0);
  const msg = Buffer.concat([header(total, opts.requestId ?? 1, OP_MSG), bodyBytes]);
  if (!opts.checksum) return msg;
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(opts.checksum === 'good' ? crc32c(msg) : (crc32c(msg) ^ 1) >>> 0, 0);
  return Buffer.concat([msg, crc]);
}

function opQuery(body: Record<string, unknown>, requestId = 1): Buffer {
  const rest = Buffer.concat([Buffer.alloc(4), Buffer.from('admin.$cmd\0'), Buffer.alloc(4), Buffer.from([0xff, 0xff, 0xff, 0xff]), Buffer.from(serialize(body))]);
  return Buffer.concat([header(16 + rest.length, requestId, OP_QUERY), rest]);
}

interface Reply {
  readonly responseTo: number;
  readonly opCode: number;
  readonly doc: Record<string, unknown>;
}

class RawClient {
  readonly socket: Socket;
  readonly closed: Promise<void>;
  #buf = Buffer.alloc(0);
  #waiters: ((r: Reply) => void)[] = [];
  #replies: Reply[] = [];

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('error', () => {});
    this.closed = new Promise((resolve) => this.socket.on('close', () => resolve()));
    this.socket.on('data', (chunk) => {
      this.#buf = Buffer.concat([this.#buf, chunk]);
      while (this.#buf.length >= 4 && this.#buf.length >= this.#buf.readInt32LE(0)) {
        const len = this.#buf.readInt32LE(0);
        const msg = this.#buf.subarray(0, len);
        this.#buf = this.#buf.subarray(len);
        const opCode = msg.readInt32LE(12);
        const docStart = opCode === OP_MSG ? 21 : 36;
        const reply = { responseTo: msg.readInt32LE(8), opCode, doc: deserialize(msg.subarray(docStart)) };
        const w = this.#waiters.shift();
        if (w) w(reply);
        else this.#replies.push(reply);
      }
    });
  }

  next(): Promise<Reply> {
    const r = this.#replies.shift();
    if (r) return Promise.resolve(r);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);
}

describe('embedded-mongo · 线协议', function () {
  let target: Target;
  let port: number;
  let driver: MongoClient;
  const raws: RawClient[] = [];
  const raw = (): RawClient => {
    const c = new RawClient(port);
    raws.push(c);
    return c;
  };

  before(async function () {
    target = await startTarget();
    if (target.kind !== 'embedded' || !target.embedded) this.skip();
    port = target.embedded.port;
    driver = await target.client();
  });

  after(async function () {
    for (const r of raws) r.socket.destroy();
    await target?.stop();
  });

  async function driverStillWorks(): Promise<void> {
    expect((await driver.db('admin').command({ ping: 1 }))['ok']).to.equal(1);
  }

  it('OP_QUERY 握手得到 OP_REPLY；OP_MSG ping 的 responseTo 对得上', async function () {
    const c = raw();
    c.send(opQuery({ isMaster: 1, helloOk: true }, 7));
    const hello = await c.next();
    expect(hello.opCode).to.equal(1);
    expect(hello.responseTo).to.equal(7);
    expect(hello.doc['ismaster']).to.equal(true);
    expect(hello.doc['maxWireVersion']).to.equal(21);
    expect(hello.doc['logicalSessionTimeoutMinutes']).to.equal(30);
    expect(hello.doc).to.not.have.property('topologyVersion');
    c.send(opMsg({ ping: 1, $db: 'admin' }, { requestId: 8 }));
    const pong = await c.next();
    expect(pong.opCode).to.equal(OP_MSG);
    expect(pong.responseTo).to.equal(8);
    expect(pong.doc['ok']).to.equal(1);
  });

  it('moreToCome 不回复；带正确校验和的消息照常处理；分片到达的帧能拼起来', async function () {
    const c = raw();
    c.send(opMsg({ insert: 'w0', documents: [{ a: 1 }], writeConcern: { w: 0 }, $db: 'proto' }, { requestId: 1, flags: 2 }));
    const bytes = opMsg({ find: 'w0', filter: {}, $db: 'proto' }, { requestId: 2, checksum: 'good' });
    c.send(bytes.subarray(0, 3));
    await new Promise((r) => setTimeout(r, 10));
    c.send(bytes.subarray(3, 30));
    await new Promise((r) => setTimeout(r, 10));
    c.send(bytes.subarray(30));
    const found = await c.next();
    expect(found.responseTo, 'no reply was sent for the moreToCome message').to.equal(2);
    const batch = (found.doc['cursor'] as { firstBatch: { a: number }[] }).firstBatch;
    expect(batch.map((d) => d.a)).to.deep.equal([1]);
  });

  it('文档序列（kind 1）合并进命令体', async function () {
    const c = raw();
    c.send(opMsg({ insert: 'seq', $db: 'proto' }, { sequences: [['documents', [{ x: 1 }, { x: 2 }]]] }));
    const reply = await c.next();
    expect(reply.doc['n']).to.equal(2);
  });

  const malformed: [string, () => Buffer][] = [
    ['长度小于头部', () => Buffer.from([8, 0, 0, 0, 1, 0, 0, 0])],
    ['长度超过上限', () => header(60_000_000, 1, OP_MSG)],
    ['未知 opCode', () => header(16, 1, 2002)],
    ['OP_COMPRESSED（未协商压缩）', () => Buffer.concat([header(25, 1, 2012), Buffer.alloc(9)])],
    ['BSON 损坏', () => {
      const m = opMsg({ ping: 1, $db: 'admin' });
      m[25] = 0x20; // element type of the first field: not a BSON type
      return m;
    }],
    ['BSON 长度字段越界', () => {
      const m = opMsg({ ping: 1, $db: 'admin' });
      m.writeInt32LE(10_000, 21);
      return m;
    }],
    ['未知 section 类型', () => {
      const m = opMsg({ ping: 1, $db: 'admin' });
      m[20] = 7;
      return m;
    }],
    ['section 之后多出垃圾字节', () => {
      const body = opMsg({ ping: 1, $db: 'admin' });
      const m = Buffer.concat([body, Buffer.from([1, 200, 0, 0, 0])]);
      m.writeInt32LE(m.length, 0);
      return m;
    }],
    ['没有 body section', () => Buffer.concat([header(20, 1, OP_MSG), Buffer.alloc(4)])],
    ['校验和不对', () => opMsg({ ping: 1, $db: 'admin' }, { checksum: 'bad' })],
    ['未知的必需 flag 位', () => opMsg({ ping: 1, $db: 'admin' }, { flags: 1 << 4 })],
  ];

  for (const [name, build] of malformed) {
    it(`坏帧「${name}」：关闭这个连接，别的客户端不受影响`, async function () {
      const c = raw();
      c.send(build());
      await within(c.closed, 2000, 'connection closed');
      await driverStillWorks();
    });
  }

  it('命令出错只回错误，不断开连接', async function () {
    const c = raw();
    c.send(opMsg({ nope: 1, $db: 'admin' }, { requestId: 3 }));
    const r = await c.next();
    expect(r.doc['ok']).to.equal(0);
    expect(r.doc['code']).to.equal(59);
    c.send(opMsg({ ping: 1 }, { requestId: 4 }));
    const noDb = await c.next();
    expect(noDb.doc['ok']).to.equal(0);
    c.send(opMsg({ ping: 1, $db: 'admin' }, { requestId: 5 }));
    expect((await c.next()).doc['ok']).to.equal(1);
  });
});
