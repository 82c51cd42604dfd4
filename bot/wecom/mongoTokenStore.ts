/**
 * The shared `TokenStore` for WeCom credentials (access token, JS-SDK tickets):
 * one document per credential in the `cache` collection, read and written by
 * every instance. WeCom hands out the same token to repeated `gettoken` calls
 * while it is valid, so instances that share it stop refreshing in turn; the
 * in-memory copy in front of it is the API client's job (credential-cache.ts).
 * The TTL index on `expiresAt` removes a credential once WeCom no longer takes it.
 */
import type { CachedToken, TokenStore } from './api/index.js';
import { CacheEntryModel } from '../../models/cacheEntry.js';

/** `id` names the credential, e.g. `wecom:token:<corpid>:<agentid>`. */
export function mongoTokenStore(id: string): TokenStore {
  return {
    async read(): Promise<CachedToken | undefined> {
      const doc = await CacheEntryModel.findById(id).lean();
      if (!doc) return undefined;
      return { token: doc.value, expiresAt: doc.expiresAt.getTime() };
    },
    async write(t: CachedToken): Promise<void> {
      const set = { $set: { value: t.token, expiresAt: new Date(t.expiresAt) } };
      try {
        await CacheEntryModel.updateOne({ _id: id }, set, { upsert: true });
      } catch (err) {
        // Two instances inserting the first copy at once: the loser updates the winner's.
        if ((err as { code?: unknown }).code !== 11000) throw err;
        await CacheEntryModel.updateOne({ _id: id }, set);
      }
    },
  };
}
