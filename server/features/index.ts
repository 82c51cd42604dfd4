/** Every feature of the app, in the order their routes are mounted. */
import type { Config } from '../../lib/config.js';
import type { Feature } from '../feature.js';
import { leaveFeature } from './leave.js';
import { payslipFeature } from './payslip.js';
import { attendanceFeature } from './attendance.js';
import { demoFeature } from './demo.js';
import { dashboardFeature } from './dashboard.js';
import { recruitingFeature } from './recruiting.js';
import { interviewPageFeature } from './interviewPage.js';
import { scoringFeature } from './scoring.js';

export function allFeatures(config: Config): Feature[] {
  return [leaveFeature(config), payslipFeature(), attendanceFeature(), demoFeature(config), recruitingFeature(config), dashboardFeature(), scoringFeature(), interviewPageFeature()];
}
