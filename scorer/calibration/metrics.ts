/**
 * Agreement between the scorer and human ratings: Spearman's rank correlation
 * (ties get their average rank) and pairwise ordering accuracy. Both are
 * insensitive to the scale, which is right here: the ratings are 1–5 and the
 * scores 0–100, and only the order is meant to agree.
 */

/** Ranks with ties averaged, 1-based. */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const out = new Array<number>(xs.length).fill(0);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]!.x === order[i]!.x) j += 1;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k += 1) out[order[k]!.i] = avg;
    i = j + 1;
  }
  return out;
}

export function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  if (n !== b.length || n < 2) return Number.NaN;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i += 1) {
    const x = a[i]! - ma;
    const y = b[i]! - mb;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return da === 0 || db === 0 ? Number.NaN : num / Math.sqrt(da * db);
}

export function spearman(a: readonly number[], b: readonly number[]): number {
  return pearson(ranks(a), ranks(b));
}

export interface PairwiseResult {
  /** Pairs with different human ratings. */
  pairs: number;
  /** Ordered like the ratings; a tie in scores counts half. */
  agree: number;
  accuracy: number;
}

/** Over all pairs with different ratings: the share the scorer puts in the same order. */
export function pairwiseAccuracy(items: ReadonlyArray<{ rating: number; score: number }>): PairwiseResult {
  let pairs = 0;
  let agree = 0;
  for (let i = 0; i < items.length; i += 1) {
    for (let j = i + 1; j < items.length; j += 1) {
      const a = items[i]!;
      const b = items[j]!;
      if (a.rating === b.rating) continue;
      pairs += 1;
      const human = compare(a.rating, b.rating);
      const machine = compare(a.score, b.score);
      if (machine === 0) agree += 0.5;
      else if (machine === human) agree += 1;
    }
  }
  return { pairs, agree, accuracy: pairs === 0 ? Number.NaN : agree / pairs };
}

/**
 * -1, 0 or 1. Not Math.sign: natural's classifiers load sylvester, which
 * replaces Math.sign process-wide with a version that returns 1 for 0.
 */
function compare(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
