/**
 * Ledger operations. Each is one atomic update on the account document,
 * guarded so that replaying it (same key) is a no-op and a usage can never
 * take the balance below zero when the type requires a balance.
 */
import { randomUUID } from 'node:crypto';
import { LeaveAccountModel, type LedgerEntry, type LeaveAccount } from './leaveAccount.js';
import type { LeaveTypeCode } from './leaveType.js';

export type PostOutcome = 'applied' | 'duplicate' | 'insufficient';

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

async function ensureAccount(userid: string, leaveType: LeaveTypeCode): Promise<void> {
  try {
    await LeaveAccountModel.updateOne(
      { userid, leaveType },
      { $setOnInsert: { balance: 0, entries: [] } },
      { upsert: true },
    );
  } catch (err) {
    if (!isDuplicateKey(err)) throw err; // another writer created it first
  }
}

/**
 * Adds one entry and moves the balance by `entry.days` in the same update.
 * With `requireSufficient`, a negative entry applies only if the balance covers it.
 */
export async function postEntry(
  userid: string,
  leaveType: LeaveTypeCode,
  entry: Omit<LedgerEntry, 'at'> & { at?: Date },
  opts: { requireSufficient?: boolean } = {},
): Promise<PostOutcome> {
  await ensureAccount(userid, leaveType);
  const guard: Record<string, unknown> = { userid, leaveType, 'entries.key': { $ne: entry.key } };
  if (opts.requireSufficient && entry.days < 0) guard['balance'] = { $gte: -entry.days };
  const updated = await LeaveAccountModel.findOneAndUpdate(
    guard,
    { $inc: { balance: entry.days }, $push: { entries: { ...entry, at: entry.at ?? new Date() } } },
    { returnDocument: 'after' },
  ).lean();
  if (updated) return 'applied';
  const dup = await LeaveAccountModel.exists({ userid, leaveType, 'entries.key': entry.key });
  return dup ? 'duplicate' : 'insufficient';
}

/**
 * Sets the balance to `target` with an adjustment entry for the difference.
 * Optimistic: the update is guarded by the balance it read, and retried if
 * another change slipped in between.
 */
export async function setBalance(
  userid: string,
  leaveType: LeaveTypeCode,
  target: number,
  by: string,
  note: string,
): Promise<'changed' | 'unchanged'> {
  await ensureAccount(userid, leaveType);
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const account = await LeaveAccountModel.findOne({ userid, leaveType }, { balance: 1 }).lean();
    const current = account?.balance ?? 0;
    const delta = Math.round((target - current) * 100) / 100;
    if (delta === 0) return 'unchanged';
    const entry: LedgerEntry = { key: `adjust:${randomUUID()}`, kind: 'adjustment', days: delta, at: new Date(), by, note };
    const res = await LeaveAccountModel.updateOne({ userid, leaveType, balance: current }, { $inc: { balance: delta }, $push: { entries: entry } });
    if (res.modifiedCount === 1) return 'changed';
  }
  throw new Error(`could not set balance for ${userid}/${leaveType}: too much contention`);
}

export async function getBalance(userid: string, leaveType: LeaveTypeCode): Promise<number> {
  const a = await LeaveAccountModel.findOne({ userid, leaveType }, { balance: 1 }).lean();
  return a?.balance ?? 0;
}

export async function getAccounts(userid: string): Promise<Array<Pick<LeaveAccount, 'leaveType' | 'balance'>>> {
  return LeaveAccountModel.find({ userid }, { leaveType: 1, balance: 1, _id: 0 }).lean();
}
