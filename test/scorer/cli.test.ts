import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const input = readFileSync(new URL('../fixtures/scorer/score-input.jsonl', import.meta.url), 'utf8');

function runCli(stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scorer/cli.ts'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('评分命令行 npm run score（子进程）', function () {
  this.timeout(20_000);

  it('每行输入输出一行 JSON，坏行给出 error 并继续处理后面的行，空行跳过', async () => {
    const { code, stdout } = await runCli(input);
    expect(code).to.equal(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).to.have.length(4);
    const out = lines.map((l) => JSON.parse(l) as Record<string, unknown>);

    const [good, notJson, badShape, empty] = out;
    expect(good).to.have.all.keys('overall', 'dimensions', 'evidence', 'flags', 'weights', 'version', 'keyPoints', 'adjustments');
    expect(good?.['overall']).to.be.a('number');
    expect(notJson).to.have.property('error').that.is.a('string');
    expect(badShape).to.have.property('error').that.includes('question');
    expect(empty?.['overall']).to.equal(null);
    expect(empty?.['flags']).to.include('insufficient_data');
  });

  it('标准输出里只有结果行，没有日志', async () => {
    const { stdout } = await runCli(input.split('\n')[0] ?? '');
    expect(stdout.trimEnd().split('\n')).to.have.length(1);
    expect(() => JSON.parse(stdout) as unknown).to.not.throw();
  });
});
