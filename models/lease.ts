/**
 * Named leases in MongoDB: a cron tick runs on the one instance that holds its
 * lease. Taking a lease is one atomic upsert guarded by "expired or mine"; a
 * loser of the upsert race gets E11000 and simply does not hold it.
 */
import { Schema, model } from 'mongoose';

export interface Lease {
  _id: string;
  owner: string;
  until: Date;
  acquiredAt: Date;
}

const leaseSchema = new Schema<Lease>(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    until: { type: Date, required: true },
    acquiredAt: { type: Date, required: true },
  },
  { versionKey: false },
);

// Per-tick cron claims are write-once documents: purge them a day after they lapse.
leaseSchema.index({ until: 1 }, { expireAfterSeconds: 86_400 });

export const LeaseModel = model<Lease>('Lease', leaseSchema);

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** Takes or renews the lease `name` for `ms`; true when `owner` now holds it. */
export async function acquireLease(name: string, owner: string, ms: number, now = new Date()): Promise<boolean> {
  try {
    const doc = await LeaseModel.findOneAndUpdate(
      { _id: name, $or: [{ until: { $lte: now } }, { owner }] },
      { $set: { owner, until: new Date(now.getTime() + ms), acquiredAt: now } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    return doc?.owner === owner;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Gives the lease back early (only if still ours). */
export async function releaseLease(name: string, owner: string): Promise<void> {
  await LeaseModel.updateOne({ _id: name, owner }, { $set: { until: new Date(0) } });
}

/**
 * Claims a one-off name forever-or-until-TTL (a cron tick, a reminder): exactly
 * one caller across all instances gets true.
 */
export async function claimOnce(name: string, owner: string, ttlMs: number, now = new Date()): Promise<boolean> {
  try {
    await LeaseModel.create({ _id: name, owner, until: new Date(now.getTime() + ttlMs), acquiredAt: now });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}
