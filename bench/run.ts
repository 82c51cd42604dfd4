/**
 * `npm run bench [-- name …]`: runs every benchmark (or those whose file name
 * contains one of the given words) one after another and prints their figures.
 * Each `bench/*.bench.ts` exports `run(print)`; benchmarks print, they never assert.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type Print = (line: string) => void;
interface BenchModule { readonly title: string; run(print: Print): Promise<void> }

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

const print: Print = (line) => process.stdout.write(`${line}\n`);
let failed = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
  print(`\n== ${mod.title} (${file}) ==`);
  const started = performance.now();
  try {
    await mod.run(print);
  } catch (err) {
    failed += 1;
    print(`!! ${file} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  }
  print(`   (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
process.exit(failed > 0 ? 1 : 0);
