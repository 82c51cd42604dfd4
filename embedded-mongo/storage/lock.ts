/**
 * The data directory's lock (`mongod.lock`) and address file (`mongod.addr.json`).
 *
 * The lock holds the owner's pid and, on Linux, its start time, so a pid recycled by an unrelated
 * process after a crash is recognised as stale. A stale lock is taken over; a live one refuses
 * with StoreLockedError. The address file tells CLIs where the running store listens, so they
 * connect over the wire instead of opening the files a second time.
 */
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, fsyncSync } from 'node:fs';
import { join } from 'node:path';
import { StoreLockedError } from '../errors.js';

const LOCK_FILE = 'mongod.lock';
const ADDR_FILE = 'mongod.addr.json';

/** Directories this process has open (the lock alone cannot tell us from ourselves). */
const openHere = new Set<string>();

interface LockContent {
  readonly pid: number;
  readonly startTime?: string | undefined;
}

/** The process start time from /proc (Linux), to detect pid reuse. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number, startTime?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (startTime === undefined) return true;
  const actual = startTimeOf(pid);
  return actual === undefined || actual === startTime;
}

function readLock(file: string): LockContent | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && typeof (parsed as { pid?: unknown }).pid === 'number') {
      const p = parsed as { pid: number; startTime?: unknown };
      return { pid: p.pid, startTime: typeof p.startTime === 'string' ? p.startTime : undefined };
    }
  } catch {
    /* unreadable or half-written: treated as stale */
  }
  return undefined;
}

function holderIsLive(dir: string, content: LockContent | undefined): boolean {
  if (!content) return false;
  if (content.pid === process.pid) return openHere.has(dir);
  return isAlive(content.pid, content.startTime);
}

export interface DirLock {
  readonly dir: string;
  /** Whether a stale lock of a dead process was taken over. */
  readonly tookOver: boolean;
  release(): void;
}

/** Takes the lock of `dir` (absolute). Throws StoreLockedError when a live process holds it. */
export function acquireLock(dir: string): DirLock {
  const file = join(dir, LOCK_FILE);
  const mine: LockContent = { pid: process.pid, startTime: startTimeOf(process.pid) };
  let tookOver = false;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeFileSync(fd, JSON.stringify(mine));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      openHere.add(dir);
      return {
        dir,
        tookOver,
        release() {
          openHere.delete(dir);
          const current = readLock(file);
          if (current?.pid === process.pid) {
            try {
              unlinkSync(file);
            } catch {
              /* already gone */
            }
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readLock(file);
    if (holderIsLive(dir, holder)) throw new StoreLockedError(dir, holder?.pid ?? 0);
    tookOver = true;
    try {
      unlinkSync(file);
    } catch {
      /* someone else removed it; retry */
    }
  }
  throw new StoreLockedError(dir, readLock(file)?.pid ?? 0);
}

export interface StoreAddress {
  readonly uri: string;
  readonly pid: number;
  readonly startTime?: string | undefined;
}

export function writeAddress(dir: string, uri: string): void {
  const tmp = join(dir, `${ADDR_FILE}.tmp`);
  const content: StoreAddress = { uri, pid: process.pid, startTime: startTimeOf(process.pid) };
  writeFileSync(tmp, JSON.stringify(content));
  renameSync(tmp, join(dir, ADDR_FILE));
}

export function removeAddress(dir: string): void {
  try {
    const current = JSON.parse(readFileSync(join(dir, ADDR_FILE), 'utf8')) as { pid?: unknown };
    if (current.pid === process.pid) unlinkSync(join(dir, ADDR_FILE));
  } catch {
    /* nothing to remove */
  }
}

/** The uri of the live store holding `dir`'s lock, if there is one. */
export function readLiveAddress(dir: string): string | undefined {
  let addr: StoreAddress;
  try {
    addr = JSON.parse(readFileSync(join(dir, ADDR_FILE), 'utf8')) as StoreAddress;
  } catch {
    return undefined;
  }
  if (typeof addr.uri !== 'string' || typeof addr.pid !== 'number') return undefined;
  const lock = readLock(join(dir, LOCK_FILE));
  if (!lock || lock.pid !== addr.pid) return undefined;
  return holderIsLive(dir, lock) ? addr.uri : undefined;
}
