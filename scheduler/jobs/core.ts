/**
 * Jobs every installation runs regardless of features (filled in as they come).
 */
import type { CronJob } from '../registry.js';

export function coreJobs(): CronJob[] {
  return [];
}
