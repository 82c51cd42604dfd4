/**
 * The numbers of the job page, pure: percentile within the job, and the
 * fairness check across the candidate groups HR set.
 *
 * Percentile: the mid-rank percentile among the job's scored candidates,
 * (below + ½ · ties) / others, so the top of ten scores "超过 100%" of the
 * others and a tie counts half. With one scored candidate there is none.
 *
 * Fairness: for each group HR set on its candidates (Candidate.group, e.g.
 * 校招 / 社招), the number of scored candidates, their median and mean. The
 * two judged groups with the highest and lowest mean are compared by the
 * standardised mean difference (Cohen's d: the difference of the means over
 * the pooled standard deviation, with the deviation floored at 5 points so a
 * job where everyone scored nearly the same does not turn a 2-point gap into
 * a "large" one). A d of 0.5 or more (a "medium" effect by Cohen's
 * convention) raises a warning. Groups with fewer than `minGroupSize` scored
 * candidates, and candidates without a group, are shown but not judged: with
 * a handful of people any statistic mostly measures chance. The warning is a
 * prompt to look at the questions and the scoring, not proof of bias.
 */

export const FAIRNESS = Object.freeze({ minGroupSize: 5, maxStandardisedGap: 0.5, minSdPoints: 5 });

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
  readonly judged: boolean;
}

export type FairnessResult =
  | { readonly kind: 'not_enough'; readonly groups: readonly GroupStat[] }
  | {
      readonly kind: 'ok' | 'warn';
      readonly groups: readonly GroupStat[];
      /** The judged groups with the lowest and the highest mean. */
      readonly low: string;
      readonly high: string;
      /** Mean of `high` minus mean of `low`, points. */
      readonly gap: number;
      /** gap / pooled standard deviation (floored): Cohen's d. */
      readonly standardisedGap: number;
    };

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Pooled sample standard deviation of two groups (each with at least two values). */
function pooledSd(a: readonly number[], b: readonly number[]): number {
  const ss = (xs: readonly number[]) => {
    const m = mean(xs);
    return xs.reduce((s, x) => s + (x - m) ** 2, 0);
  };
  const df = a.length + b.length - 2;
  return df <= 0 ? 0 : Math.sqrt((ss(a) + ss(b)) / df);
}

/** `scores` are the job's scored candidates with their group (undefined = not grouped: shown, never judged). */
export function fairnessCheck(scores: ReadonlyArray<{ readonly group: string | undefined; readonly overall: number }>, ungroupedLabel: string, opts = FAIRNESS): FairnessResult {
  const byGroup = new Map<string, number[]>();
  const grouped = new Set<string>();
  for (const s of scores) {
    const name = s.group?.trim();
    const g = name || ungroupedLabel;
    if (name) grouped.add(g);
    byGroup.set(g, [...(byGroup.get(g) ?? []), s.overall]);
  }
  const groups: GroupStat[] = [...byGroup].sort(([a], [b]) => a.localeCompare(b, 'zh-CN')).map(([group, xs]) => ({
    group,
    n: xs.length,
    median: median(xs),
    mean: Math.round(mean(xs) * 10) / 10,
    judged: grouped.has(group) && xs.length >= opts.minGroupSize,
  }));
  const judged = [...byGroup].filter(([g, xs]) => grouped.has(g) && xs.length >= opts.minGroupSize).sort(([, a], [, b]) => mean(a) - mean(b));
  const low = judged[0];
  const high = judged.at(-1);
  if (judged.length < 2 || !low || !high) return { kind: 'not_enough', groups };
  const gap = mean(high[1]) - mean(low[1]);
  const d = gap / Math.max(opts.minSdPoints, pooledSd(low[1], high[1]));
  return {
    kind: d >= opts.maxStandardisedGap ? 'warn' : 'ok',
    groups, low: low[0], high: high[0], gap: Math.round(gap * 10) / 10, standardisedGap: Math.round(d * 100) / 100,
  };
}
