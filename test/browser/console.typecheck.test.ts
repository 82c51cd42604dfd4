/**
 * The browser scripts (miniapp/web/*) are outside the server's tsconfig (they
 * need the DOM library, the server must not see it), so they are type-checked
 * here with their own tsconfig, as strictly as the rest.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';

const run = promisify(execFile);

describe('浏览器脚本的类型检查', function () {
  this.timeout(120_000);
  for (const project of ['miniapp/web/console/tsconfig.json', 'miniapp/web/dashboard/tsconfig.json']) {
    it(`${project} 没有类型错误`, async () => {
      const r = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { cwd: new URL('../../', import.meta.url) }).catch(
        (err: { stdout?: string; stderr?: string }) => ({ stdout: err.stdout ?? 'tsc failed', stderr: err.stderr ?? '' }),
      );
      expect(`${r.stdout}${r.stderr}`.trim()).to.equal('');
    });
  }
});
