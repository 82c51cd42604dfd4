/**
 * The WeCom channel: everything that knows WeCom's wire formats. Other folders import
 * from here (or from `./api/index.js` for the server-API client) and see typed events
 * and typed calls only.
 */
export {
  callbackConfigFrom,
  decodeMessage,
  encryptReply,
  verifyUrl,
  DEFAULT_MAX_CLOCK_SKEW_SECONDS,
  type CallbackConfig,
  type CallbackRefusal,
  type DecodeMessageResult,
  type EncryptReplyOptions,
  type MessageQuery,
  type VerifyUrlQuery,
  type VerifyUrlResult,
} from './callback.js';
export {
  handleMessage,
  handleVerify,
  memoryDedupeStore,
  type CallbackResponse,
  type DedupeStore,
  type GatewayDeps,
  type InboundSink,
} from './gateway.js';
export { SpStatus, StatuChangeEvent, dedupeKey, toInboundEvent } from './events.js';
export type * from './events.js';
export { buildTextReply, buildUpdateButtonReply } from './xml.js';
export { signJsApi, stripFragment, type JsApiSignature, type JsApiSignInput } from './jssdk.js';
