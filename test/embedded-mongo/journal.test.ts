/**
 * The journal writer's promises: acknowledged only after fsync, concurrent writes share fsyncs,
 * background records wait for the interval, and a failed write fails everything after it.
 */
import type { FileHandle } from 'node:fs/promises';
import { expect } from 'chai';
import { CursorRegistry } from '../../embedded-mongo/engine/cursors.js';
import { JournalWriter } from '../../embedded-mongo/storage/journal-writer.js';

class FakeFile {
  readonly writes: Buffer[] = [];
  syncs = 0;
  failNext: Error | undefined;
  /** Resolves the pending datasync when the test says so. */
  release: (() => void) | undefined;
  gate = false;

  async write(buf: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }> {
    if (this.failNext) throw this.failNext;
    this.writes.push(Buffer.from(buf.subarray(offset, offset + length)));
    return { bytesWritten: length };
  }

  async datasync(): Promise<void> {
    this.syncs += 1;
    if (this.gate) await new Promise<void>((resolve) => (this.release = resolve));
  }

  async close(): Promise<void> {}
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('embedded-mongo · 日志写入器', function () {
  it('fsync 返回之前不确认；同时到的写入共用一次 fsync', async function () {
    const file = new FakeFile();
    file.gate = true;
    const w = new JournalWriter(file as unknown as FileHandle, 0, 20);
    const seqs = [1, 2, 3].map((i) => w.append(Buffer.from([i]), true));
    let acked = 0;
    const all = Promise.all(seqs.map((s) => w.whenDurable(s).then(() => (acked += 1))));
    await tick();
    await tick();
    expect(file.syncs).to.equal(1);
    expect(acked, 'nothing acknowledged before the fsync returned').to.equal(0);
    const later = w.append(Buffer.from([4]), true);
    file.release?.();
    await all;
    expect(acked).to.equal(3);
    expect(file.writes[0]).to.deep.equal(Buffer.from([1, 2, 3]));
    const pending = w.whenDurable(later);
    await tick();
    file.release?.();
    await pending;
    expect(file.syncs, 'the record queued during the fsync went out in the next one').to.equal(2);
  });

  it('后台记录（TTL、w:0）最多等 fsyncIntervalMs；读要等它们落盘', async function () {
    const file = new FakeFile();
    const w = new JournalWriter(file as unknown as FileHandle, 0, 30);
    w.append(Buffer.from([9]), false);
    await tick();
    await tick();
    expect(file.syncs, 'not flushed at once').to.equal(0);
    await new Promise((r) => setTimeout(r, 60));
    expect(file.syncs).to.equal(1);
    // A reader waiting on a background record pulls the flush forward instead of waiting 10 s.
    const slow = new JournalWriter(new FakeFile() as unknown as FileHandle, 0, 10_000);
    const seq = slow.append(Buffer.from([1]), false);
    const started = Date.now();
    await slow.whenDurable(seq);
    expect(Date.now() - started).to.be.below(1000);
  });

  it('写失败之后：等待中的写入报错，后面的写入直接拒绝', async function () {
    const file = new FakeFile();
    const w = new JournalWriter(file as unknown as FileHandle, 0, 20);
    file.failNext = new Error('ENOSPC: no space left on device');
    const seq = w.append(Buffer.from([1]), true);
    let err: unknown;
    await w.whenDurable(seq).catch((e: unknown) => (err = e));
    expect(String(err)).to.match(/ENOSPC/);
    expect(w.failed).to.be.instanceOf(Error);
    expect(() => w.append(Buffer.from([2]), true)).to.throw(/read-only/);
  });
});

describe('embedded-mongo · 游标超时', function () {
  it('闲置超过时限的游标被回收，用过的留下', function () {
    let now = 0;
    const reg = new CursorRegistry(1000, () => now);
    const a = reg.open('db.c', [], 0);
    const b = reg.open('db.c', [], 0);
    now = 900;
    reg.get(b.id);
    now = 1500;
    expect(reg.reapIdle()).to.equal(1);
    expect(reg.get(a.id)).to.equal(undefined);
    expect(reg.get(b.id)).to.not.equal(undefined);
    expect(a.id).to.be.below(2 ** 53);
  });
});
