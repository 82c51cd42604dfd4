/**
 * The numbers of the job page, pure: percentile within the job, and the
 * fairness check across the candidate groups HR set.
 *
 * Percentile: the mid-rank percentile among the job's scored candidates,
 * (below + ½ · ties) / others, so the top of ten scores "超过 100%" of the
 * others and a tie counts half. With one scored candidate there is none.
 *
 * Fairness: take the median overall of all scored candidates of the job. For
 * each group, the share of its candidates at or above that median is its
 * "high-score rate". Groups with fewer than `minGroupSize` scored candidates
 * are shown but not judged. When the lowest judged rate is below 80% of the
 * highest (the four-fifths rule of thumb used in adverse-impact checks), HR is
 * warned. It is a prompt to look at the questions and the scoring, not proof
 * of bias, and with small groups it is noisy: hence the size floor.
 */

export const FAIRNESS = Object.freeze({ minGroupSize: 5, minRatio: 0.8 });

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Percentile (0..100, integer) of `score` among `all` (which includes it); null with no one to compare with. */
export function percentileOf(score: number, all: readonly number[]): number | null {
  const others = all.length - 1;
  if (others < 1) return null;
  const below = all.filter((x) => x < score).length;
  const ties = all.filter((x) => x === score).length - 1;
  return Math.round((100 * (below + ties / 2)) / others);
}

export interface GroupStat {
  readonly group: string;
  readonly n: number;
  readonly median: number | null;
  readonly mean: number | null;
  /** Share at or above the job's median, 0..1. */
  readonly highRate: number | null;
  readonly judged: boolean;
}

export type FairnessResult =
  | { readonly kind: 'not_enough'; readonly groups: readonly GroupStat[]; readonly jobMedian: number | null }
  | { readonly kind: 'ok' | 'warn'; readonly groups: readonly GroupStat[]; readonly jobMedian: number; readonly ratio: number; readonly low: string; readonly high: string };

/** `scores` are the job's scored candidates with their group (undefined = not grouped: shown, never judged). */
export function fairnessCheck(scores: ReadonlyArray<{ readonly group: string | undefined; readonly overall: number }>, ungroupedLabel: string, opts = FAIRNESS): FairnessResult {
  const jobMedian = median(scores.map((s) => s.overall));
  const byGroup = new Map<string, number[]>();
  for (const s of scores) {
    const g = s.group?.trim() || ungroupedLabel;
    byGroup.set(g, [...(byGroup.get(g) ?? []), s.overall]);
  }
  const groups: GroupStat[] = [...byGroup].sort(([a], [b]) => a.localeCompare(b, 'zh-CN')).map(([group, xs]) => ({
    group,
    n: xs.length,
    median: median(xs),
    mean: xs.length === 0 ? null : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length),
    highRate: jobMedian === null || xs.length === 0 ? null : xs.filter((x) => x >= jobMedian).length / xs.length,
    judged: group !== ungroupedLabel && xs.length >= opts.minGroupSize,
  }));
  const judged = groups.filter((g) => g.judged && g.highRate !== null);
  const sorted = [...judged].sort((a, b) => (a.highRate ?? 0) - (b.highRate ?? 0));
  const low = sorted[0];
  const high = sorted.at(-1);
  if (jobMedian === null || judged.length < 2 || !low || !high) return { kind: 'not_enough', groups, jobMedian };
  const lowRate = low.highRate ?? 0;
  const highRate = high.highRate ?? 0;
  const ratio = highRate === 0 ? 1 : lowRate / highRate;
  return { kind: ratio < opts.minRatio ? 'warn' : 'ok', groups, jobMedian, ratio, low: low.group, high: high.group };
}
