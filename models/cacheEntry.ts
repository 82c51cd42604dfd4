/**
 * Small shared cache for values every instance must agree on: the WeCom access
 * token and JS-SDK tickets (so instances do not refresh them in turn and
 * invalidate each other). Values expire by TTL.
 */
import { Schema, model } from 'mongoose';

export interface CacheEntry {
  _id: string;
  value: string;
  expiresAt: Date;
}

const cacheSchema = new Schema<CacheEntry>(
  {
    _id: { type: String, required: true },
    value: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
cacheSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const CacheEntryModel = model<CacheEntry>('CacheEntry', cacheSchema, 'cache');
