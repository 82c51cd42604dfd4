/** The WeCom server-API client: `createWecomClient` and the types other folders need. */
export { createWecomClient, type WecomClient, type WecomClientOptions } from './client.js';
export { WecomApiError, type WecomFailure } from './errors.js';
export { explainErrcode } from './error-codes.js';
export { memoryTokenStore, type CachedToken, type TokenStore } from './token-store.js';
export type { CallSpec, WecomEnvelope } from './request.js';
export type { RetryPolicy } from './retry.js';
export type * from './template-card.js';
export type * from './message-types.js';
export type * from './approval-types.js';
export type * from './vacation-types.js';
export type * from './checkin-types.js';
export type * from './schedule-types.js';
export type * from './contact-types.js';
