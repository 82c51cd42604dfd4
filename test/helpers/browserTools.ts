/**
 * Browser tests need Debian's chromium (and some need espeak-ng). Without
 * them a suite is skipped with the reason printed; under `.ci/run`
 * (REQUIRE_BROWSER_TESTS=1) a missing tool fails the run instead, so CI can
 * never pass by skipping.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const ESPEAK = '/usr/bin/espeak-ng';

export function skipWithoutBrowser(ctx: Mocha.Context, tools: readonly string[] = [CHROMIUM]): void {
  const missing = tools.filter((t) => !existsSync(t));
  if (missing.length === 0) return;
  const reason = `缺少 ${missing.join('、')}（apt-get install chromium espeak-ng；.ci/run 会自动安装）`;
  if (process.env['REQUIRE_BROWSER_TESTS'] === '1') throw new Error(`浏览器测试无法运行：${reason}`);
  process.stderr.write(`  跳过浏览器测试「${ctx.test?.parent?.title ?? ''}」：${reason}\n`);
  ctx.skip();
}
