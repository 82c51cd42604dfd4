/**
 * Durability of the store: recovery on open, the journal while running, compaction.
 *
 * Files in the data directory:
 *   snapshot.bin        the store as of the start of journal generation `gen` (see snapshot.ts)
 *   journal-NNNNNN.log  ops after that, one record per command (see records.ts)
 *
 * Recovery loads the snapshot, replays every journal of generation >= its `gen` in order,
 * truncates a torn record at the end of the newest journal, and refuses to start on damage
 * anywhere else. Compaction opens journal gen+1, snapshots memory at that instant (all older
 * records are durable by then), writes the snapshot under a temporary name, fsyncs, renames it
 * over the old one and only then deletes the old journal: a crash at any step leaves either the
 * old snapshot with both journals or the new snapshot with the new journal, both complete.
 */
import { fsyncSync, openSync, closeSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, truncate, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { JournalOp, Store } from '../engine/store.js';
import { CorruptStoreError } from '../errors.js';
import { JournalWriter } from './journal-writer.js';
import { decodeOp, encodeOp } from './op-codec.js';
import { encodeRecord, scanRecords, splitDocuments } from './records.js';
import { buildSnapshot, loadSnapshot } from './snapshot.js';

export const SNAPSHOT_FILE = 'snapshot.bin';
const SNAPSHOT_TMP = 'snapshot.bin.tmp';
const JOURNAL_RE = /^journal-(\d{6,})\.log$/;

export const journalFile = (gen: number): string => `journal-${String(gen).padStart(6, '0')}.log`;

export interface DurabilityOptions {
  readonly dir: string;
  readonly logger: Logger;
  /** Longest wait before background (unacknowledged) records are fsynced. */
  readonly fsyncIntervalMs: number;
  /** Compact once the journal grows past this many bytes. */
  readonly compactAtBytes: number;
}

export interface RecoveryReport {
  readonly snapshotGen: number | undefined;
  readonly journals: number;
  readonly records: number;
  readonly truncatedBytes: number;
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* some platforms cannot fsync a directory; the rename is still atomic */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export class Durability {
  readonly #opts: DurabilityOptions;
  readonly #store: Store;
  #writer!: JournalWriter;
  #gen = 1;
  #ops: Buffer[] = [];
  #compacting: Promise<void> | undefined;
  #closed = false;
  readonly recovery: RecoveryReport;

  private constructor(store: Store, opts: DurabilityOptions, recovery: RecoveryReport) {
    this.#store = store;
    this.#opts = opts;
    this.recovery = recovery;
  }

  /** Recovers `store` (empty) from `opts.dir` and starts journaling its changes. */
  static async open(store: Store, opts: DurabilityOptions): Promise<Durability> {
    const { dir, logger } = opts;
    await mkdir(dir, { recursive: true });
    await unlink(join(dir, SNAPSHOT_TMP)).catch(() => {});
    let snapshotGen: number | undefined;
    const snapPath = join(dir, SNAPSHOT_FILE);
    if (await exists(snapPath)) snapshotGen = loadSnapshot(store, await readFile(snapPath), snapPath);

    const gens = (await readdir(dir))
      .map((f) => JOURNAL_RE.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    const live = gens.filter((g) => g >= (snapshotGen ?? 0));
    let records = 0;
    let truncatedBytes = 0;
    for (const [i, gen] of live.entries()) {
      const path = join(dir, journalFile(gen));
      const bytes = await readFile(path);
      const scan = scanRecords(bytes, path);
      const last = i === live.length - 1;
      if (scan.tornBytes > 0 && !last) throw new CorruptStoreError(path, scan.validEnd, 'incomplete record in a journal that is not the newest');
      for (const payload of scan.payloads) {
        let offset = 0;
        for (const docBytes of splitDocuments(payload, path)) {
          const op = decodeOp(docBytes, path, offset);
          if (op.op !== 'meta') {
            try {
              store.replay(op);
            } catch (err) {
              throw new CorruptStoreError(path, offset, `cannot replay ${op.op}: ${err instanceof Error ? err.message : String(err)}`);
            }
          }
          offset += docBytes.length;
        }
        records += 1;
      }
      if (scan.tornBytes > 0) {
        logger.warn({ file: path, offset: scan.validEnd, bytes: scan.tornBytes }, 'truncating a torn record at the end of the journal (a write interrupted by a crash, never acknowledged)');
        await truncate(path, scan.validEnd);
        truncatedBytes = scan.tornBytes;
        const fh = await open(path, 'r+');
        await fh.datasync();
        await fh.close();
      }
    }
    for (const gen of gens) if (!live.includes(gen)) await unlink(join(dir, journalFile(gen))).catch(() => {});

    const report: RecoveryReport = { snapshotGen, journals: live.length, records, truncatedBytes };
    const d = new Durability(store, opts, report);
    d.#gen = live[live.length - 1] ?? Math.max(snapshotGen ?? 1, 1);
    const path = join(dir, journalFile(d.#gen));
    const fh = await open(path, (await exists(path)) ? 'r+' : 'w+');
    fsyncDir(dir);
    const size = (await fh.stat()).size;
    d.#writer = new JournalWriter(fh, size, opts.fsyncIntervalMs, () => d.#maybeCompact());
    store.setSink((op) => d.#record(op));
    if (records > 0 || snapshotGen !== undefined) logger.info(report, 'embedded store recovered');
    d.#maybeCompact();
    return d;
  }

  #record(op: JournalOp): void {
    this.#ops.push(encodeOp(op));
  }

  /** Set once the journal could not be written: the store must refuse writes from then on. */
  get failed(): Error | undefined {
    return this.#writer.failed;
  }

  get journalBytes(): number {
    return this.#writer.size;
  }

  get generation(): number {
    return this.#gen;
  }

  /**
   * Seals the ops recorded since the last commit into one journal record (one command = one
   * record, so a command is all-or-nothing on recovery). Returns the sequence number to wait for
   * before replying; with nothing recorded, the last one queued (a read must not report state
   * that a crash could still lose).
   */
  commit(urgent: boolean): number {
    if (this.#ops.length === 0) return this.#writer.lastSeq;
    const record = encodeRecord(Buffer.concat(this.#ops));
    this.#ops = [];
    return this.#writer.append(record, urgent);
  }

  whenDurable(seq: number): Promise<void> {
    return this.#writer.whenDurable(seq);
  }

  #maybeCompact(): void {
    if (this.#closed || this.#compacting || this.#writer.failed || this.#writer.size < this.#opts.compactAtBytes) return;
    this.compact().catch((err: unknown) => this.#opts.logger.error({ err }, 'journal compaction failed; the journal keeps growing'));
  }

  /** Writes a snapshot and starts a new journal generation. */
  compact(): Promise<void> {
    this.#compacting ??= this.#compact().finally(() => {
      this.#compacting = undefined;
    });
    return this.#compacting;
  }

  async #compact(): Promise<void> {
    const { dir, logger } = this.#opts;
    const started = performance.now();
    const nextGen = this.#gen + 1;
    const nextPath = join(dir, journalFile(nextGen));
    const next: FileHandle = await open(nextPath, 'w+');
    fsyncDir(dir);
    while (!this.#writer.idle) await this.#writer.flush();
    if (this.#writer.failed) {
      await next.close();
      return;
    }
    // Synchronous from here to the switch: memory equals the durable journal exactly.
    const oldGen = this.#gen;
    const image = buildSnapshot(this.#store, nextGen);
    const old = this.#writer.switchTo(next);
    this.#gen = nextGen;
    await old.close();

    const tmp = join(dir, SNAPSHOT_TMP);
    const fh = await open(tmp, 'w');
    try {
      for (const rec of image) await fh.write(rec);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await rename(tmp, join(dir, SNAPSHOT_FILE));
    fsyncDir(dir);
    for (let g = oldGen; g >= 1; g--) {
      const path = join(dir, journalFile(g));
      if (!(await exists(path))) break;
      await unlink(path);
    }
    fsyncDir(dir);
    logger.info({ gen: nextGen, bytes: image.reduce((n, b) => n + b.length, 0), ms: Math.round(performance.now() - started) }, 'journal compacted into a snapshot');
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#compacting) await this.#compacting.catch(() => {});
    this.commit(true);
    await this.#writer.close();
  }
}
