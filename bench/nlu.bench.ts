/**
 * NLU figures on the held-out split (corpus/heldout.jsonl, never trained on):
 * cold-start time (in a child process), latency per utterance (p50 / p99), intent accuracy, slot
 * accuracy (exact match per slot and per utterance), and how the confidence
 * threshold splits right from wrong answers.
 */
import { loadCorpus, type Example } from '../flows/nlu/corpus.js';
import { CONFIDENCE_THRESHOLD, SLOT_NAMES, understand, warmUp, type NluResult } from '../flows/nlu/index.js';
import type { Print } from './run.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Timed in a child process: earlier benchmarks in this run have already loaded the NLU here. */
async function coldStartMs(): Promise<string> {
  const script = "const t0 = performance.now(); const m = await import('./flows/nlu/index.ts'); m.warmUp(); process.stdout.write(String(Math.round(performance.now() - t0)));";
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: new URL('../', import.meta.url).pathname });
  return stdout.trim();
}

export const title = 'Chinese NLU (intent + slots)';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function run(print: Print): Promise<void> {
  print(`cold start in a fresh process (import + jieba dictionary + training): ${await coldStartMs()} ms`);
  warmUp();
  print('-- held-out split (corpus/heldout.jsonl)');
  const heldout = measure(loadCorpus('heldout'), print);
  print('-- blind set (corpus/blind.jsonl: written after tuning, not tuned on)');
  const blind = measure(loadCorpus('blind'), print);
  print('-- confidence threshold trade-off, held-out + blind (right answers below it would get 没太明白)');
  const all = [...heldout, ...blind];
  const wrong = all.filter((r) => !r.ok).length;
  for (const th of [0.4, 0.5, 0.6, 0.7, 0.8]) {
    const above = all.filter((r) => r.confidence >= th);
    const mark = th === CONFIDENCE_THRESHOLD ? ' (CONFIDENCE_THRESHOLD)' : '';
    print(`  ${th.toFixed(1)}${mark}: right among those above ${pct(above.filter((r) => r.ok).length, above.length)}, `
      + `wrong caught below ${pct(all.filter((r) => !r.ok && r.confidence < th).length, wrong)}, `
      + `right answers below ${pct(all.filter((r) => r.ok && r.confidence < th).length, all.length - wrong)}`);
  }
}

function pct(a: number, b: number): string {
  return `${((100 * a) / Math.max(b, 1)).toFixed(1)}% (${a}/${b})`;
}

function measure(examples: readonly Example[], print: Print): Array<{ ok: boolean; confidence: number }> {
  const results: NluResult[] = [];
  // One untimed pass so JIT warm-up does not count, then timed passes.
  for (const ex of examples) understand(ex.text, { now: new Date(ex.now), tz: 'Asia/Shanghai' });
  const times: number[] = [];
  for (let pass = 0; pass < 5; pass += 1) {
    for (const ex of examples) {
      const ctx = { now: new Date(ex.now), tz: 'Asia/Shanghai' };
      const s = performance.now();
      const r = understand(ex.text, ctx);
      times.push(performance.now() - s);
      if (pass === 0) results.push(r);
    }
  }
  times.sort((a, b) => a - b);
  print(`latency per utterance: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms (${times.length} calls)`);

  let intentOk = 0;
  let utteranceSlotsOk = 0;
  let slotChecks = 0;
  let slotOk = 0;
  const perSlot = new Map<string, { ok: number; n: number }>();
  let above = 0;
  let aboveOk = 0;
  let belowWrong = 0;
  let wrong = 0;
  examples.forEach((ex, i) => {
    const r = results[i]!;
    const ok = r.intent === ex.intent;
    if (ok) intentOk += 1;
    else wrong += 1;
    if (r.confidence >= CONFIDENCE_THRESHOLD) {
      above += 1;
      if (ok) aboveOk += 1;
    } else if (!ok) belowWrong += 1;
    let all = true;
    for (const key of SLOT_NAMES) {
      const want = ex.slots[key];
      const got = r.slots[key];
      if (want === undefined && got === undefined) continue;
      slotChecks += 1;
      const stat = perSlot.get(key) ?? { ok: 0, n: 0 };
      stat.n += 1;
      if (want === got) {
        slotOk += 1;
        stat.ok += 1;
      } else all = false;
      perSlot.set(key, stat);
    }
    if (all) utteranceSlotsOk += 1;
  });
  const n = examples.length;
  print(`utterances: ${n}`);
  print(`intent accuracy: ${pct(intentOk, n)}`);
  print(`slot accuracy per slot (expected or produced): ${pct(slotOk, slotChecks)}`);
  print(`slot accuracy per utterance (all slots exact): ${pct(utteranceSlotsOk, n)}`);
  print(`  by slot: ${[...perSlot].map(([k, s]) => `${k} ${s.ok}/${s.n}`).join(', ')}`);
  print(`confidence ≥ ${CONFIDENCE_THRESHOLD}: ${pct(above, n)} of utterances, of which right ${pct(aboveOk, above)}; wrong answers below the threshold: ${pct(belowWrong, wrong)}`);
  return examples.map((ex, i) => ({ ok: results[i]!.intent === ex.intent, confidence: results[i]!.confidence }));
}
