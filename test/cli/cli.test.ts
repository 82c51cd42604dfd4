/**
 * The CLI as HR runs it: a child process, with nothing running (it opens the
 * store itself) and with the app's store running (it connects over the wire).
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../embedded-mongo/index.js';
import { silentLogger } from '../../lib/logger.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function cli(args: string[], dataDir: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOME: process.env['HOME'] ?? '/tmp' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

const GOOD = '\uFEFFuserid,name,department,manager_userid,roles,hire_date\nlina,李娜,产品部,,employee|manager,2020-03-01\nwangfang,王芳,产品部,lina,employee,2023-07-15\n';
const BAD = 'userid,name,department,manager_userid,roles,hire_date\nok,好,产品部,,employee,2024-01-01\nbad id,坏,产品部,,chief,2024-02-30\n';

describe('命令行 npm run cli', function () {
  this.timeout(90_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hr-cli-'));
    await writeFile(join(dir, 'good.csv'), GOOD);
    await writeFile(join(dir, 'bad.csv'), BAD);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('没有运行中的应用：自己打开存储；坏文件逐行报错、退出码 1；好文件导入、再导一次不变', async () => {
    const data = join(dir, 'alone');
    const bad = await cli(['import', 'employees', join(dir, 'bad.csv')], data);
    expect(bad.code).to.equal(1);
    expect(bad.err).to.include('第 3 行').and.include('bad id').and.include('chief').and.include('2024-02-30');
    const good = await cli(['import', 'employees', join(dir, 'good.csv')], data);
    expect(good.code, good.err).to.equal(0);
    expect(good.out).to.include('新增 2');
    const again = await cli(['import', 'employees', join(dir, 'good.csv')], data);
    expect(again.out).to.include('新增 0').and.include('未变 2');
  });

  it('应用的存储在运行：命令行连过去写入，而不是再打开一次文件', async () => {
    const data = join(dir, 'shared');
    const store = await startEmbeddedMongo({ dbPath: data, logger: silentLogger });
    try {
      const r = await cli(['import', 'employees', join(dir, 'good.csv')], data);
      expect(r.code, r.err).to.equal(0);
      const client = await MongoClient.connect(store.uri);
      try {
        const names = (await client.db('hr').collection('employees').find().toArray()).map((e) => e['name']);
        expect(names.sort()).to.deep.equal(['李娜', '王芳'].sort());
      } finally {
        await client.close();
      }
    } finally {
      await store.close();
    }
  });

  it('缺参数给用法、未知命令退出码 2、找不到文件说明原因', async () => {
    const data = join(dir, 'usage');
    expect((await cli(['import', 'employees'], data)).err).to.include('用法');
    const unknown = await cli(['frobnicate'], data);
    expect(unknown.code).to.equal(2);
    expect(unknown.err).to.include('未知命令');
    const resendNothing = await cli(['outbox', 'resend'], data);
    expect(resendNothing.code).to.equal(2);
    expect(resendNothing.err).to.include('用法');
    expect((await cli(['outbox', 'dead'], data)).out).to.include('没有死信');
    const notDead = await cli(['outbox', 'resend', 'no-such-key'], data);
    expect(notDead.code).to.equal(1);
    expect(notDead.err).to.include('不是死信').and.include('no-such-key');
    const missing = await cli(['import', 'holidays', join(dir, 'nope.csv')], data);
    expect(missing.code).to.equal(2);
    expect(missing.err).to.include('无法读取文件');
  });
});
