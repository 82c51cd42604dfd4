/**
 * The WeCom simulator: a local stand-in for WeCom's server API and its callbacks,
 * for demo mode and tests. `createSimulator` gives a router to mount on any Koa
 * app (or `listen` standalone) and the member-side actions the console uses.
 */
export { createSimulator, type Simulator, type SimulatorOptions, type SimChange, type ActionResult } from './simulator.js';
export { Directory, type DirectoryData, type SimDepartment, type SimUser } from './directory.js';
export type { CheckinDay, CheckinRule, CheckinSource, Punch } from './checkinSource.js';
export type { CorpSettings } from './context.js';
export type { VacationType } from './vacations.js';
export type { BotContent, CardCopyState, ChatItem, DeliveryStatus, SimState, StoredSchedule, StoredApproval } from './state.js';
export { SIM_USER_COOKIE } from './oauth.js';
export { sealCallback } from './callbacks.js';
export { Errors as WecomErrors } from './errors.js';
