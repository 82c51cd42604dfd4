/** Shared clocks for the NLU tests: every relative date resolves against one of these. */
import type { NluContext, SlotName } from '../../../flows/nlu/index.js';

/** Sunday 2026-11-22 10:00 in Shanghai (the machine's "today"). */
export const SUNDAY = '2026-11-22T10:00:00+08:00';
/** Wednesday 2026-11-25 15:00 in Shanghai: a weekday reference, after lunch. */
export const WEDNESDAY = '2026-11-25T15:00:00+08:00';

export function ctxAt(now: string, expecting?: SlotName, tz = 'Asia/Shanghai'): NluContext {
  return expecting === undefined ? { now: new Date(now), tz } : { now: new Date(now), tz, expecting };
}
