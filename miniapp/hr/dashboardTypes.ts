/**
 * The HR dashboard's figures, as the page embeds them and `/api/hr/dashboard`
 * returns them. Pure types: the browser script reads them too.
 */

export interface PersonRef {
  readonly userid: string;
  readonly name: string;
  readonly department: string;
}

export interface OnLeaveRow extends PersonRef {
  readonly typeName: string;
  readonly span: string;
  readonly days: number;
}

export interface AbsenceRow extends PersonRef {
  /** 缺勤 / 缺卡 1 次 / 迟到 12 分钟 …, joined. */
  readonly what: string;
  readonly severity: 'absent' | 'missing' | 'late' | 'early';
}

export interface PendingRow extends PersonRef {
  readonly id: string;
  readonly typeName: string;
  readonly span: string;
  readonly days: number;
  readonly approver: string;
  readonly ageHours: number;
}

export interface LeaveTypeTotal {
  readonly code: string;
  readonly name: string;
  readonly days: number;
}

export interface DepartmentLeave {
  readonly department: string;
  /** Type code → days. */
  readonly byType: Readonly<Record<string, number>>;
  readonly total: number;
}

export interface DepartmentAnomalies {
  readonly department: string;
  readonly people: number;
  readonly late: number;
  readonly early: number;
  readonly missing: number;
  readonly absent: number;
}

export interface JobFunnel {
  readonly jobId: string;
  readonly code: string;
  readonly title: string;
  readonly invited: number;
  readonly confirmed: number;
  readonly completed: number;
  readonly scored: number;
  readonly advanced: number;
  /** Declined, cancelled or no-show. */
  readonly dropped: number;
}

export interface DashboardData {
  /** `YYYY-MM-DD` in the business time zone. */
  readonly today: string;
  readonly todayLabel: string;
  readonly todayIsWorkday: boolean;
  /** `YYYY-MM` and 11月. */
  readonly month: string;
  readonly monthLabel: string;
  readonly generatedAt: string;
  readonly onLeave: readonly OnLeaveRow[];
  /** The day the absences are for: today when it is a working day, else the last working day. */
  readonly absenceDate: string;
  readonly absenceDateLabel: string;
  readonly absenceDataAvailable: boolean;
  readonly absences: readonly AbsenceRow[];
  readonly pending: readonly PendingRow[];
  readonly leaveByType: readonly LeaveTypeTotal[];
  readonly leaveByDepartment: readonly DepartmentLeave[];
  readonly anomalies: readonly DepartmentAnomalies[];
  readonly funnel: readonly JobFunnel[];
}
