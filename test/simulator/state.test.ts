/**
 * With a state file, a restart of the simulator loses nothing WeCom would have
 * kept: the access token still works, chats and cards are there, and an unused
 * response code can still be spent once.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { call, Clock, CORP, startRig } from './harness.js';

describe('企业微信模拟器：重启后状态还在', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sim-state-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('token、对话、卡片和没用过的 response_code 都保留', async () => {
    const file = join(dir, 'simulator-state.json');
    const clock = new Clock();
    const first = await startRig({ persistFile: file, clock });
    const t = String((await call(first.base, '/cgi-bin/gettoken', { query: { corpid: CORP.corpId, corpsecret: CORP.secret } }))['access_token']);
    const sent = await call(first.base, '/cgi-bin/message/send', {
      query: { access_token: t },
      body: { touser: 'LiNa', msgtype: 'template_card', agentid: CORP.agentId, template_card: { card_type: 'button_interaction', task_id: 'leave-1', main_title: { title: '请假' }, button_list: [{ text: '同意', key: 'approve' }] } },
    });
    await first.stop();
    const saved: unknown = JSON.parse(await readFile(file, 'utf8'));
    expect(saved).to.have.property('version', 1);

    const second = await startRig({ persistFile: file, clock });
    try {
      expect(second.sim.chat('LiNa')).to.have.length(1);
      const r = await call(second.base, '/cgi-bin/message/update_template_card', {
        query: { access_token: t },
        body: { agentid: CORP.agentId, userids: ['LiNa'], response_code: sent['response_code'], button: { replace_name: '已同意' } },
      });
      expect(r).to.include({ errcode: 0 });
      // task ids stay unique across the restart.
      const again = await call(second.base, '/cgi-bin/message/send', {
        query: { access_token: t },
        body: { touser: 'LiNa', msgtype: 'template_card', agentid: CORP.agentId, template_card: { card_type: 'button_interaction', task_id: 'leave-1', button_list: [{ text: '同意', key: 'approve' }] } },
      });
      expect(again).to.include({ errcode: 40058 });
    } finally {
      await second.stop();
    }
  });

  it('损坏的状态文件不妨碍启动（从空状态开始）', async () => {
    const file = join(dir, 'broken.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, '{not json'));
    const rig = await startRig({ persistFile: file });
    try {
      expect(rig.sim.state.chat).to.deep.equal([]);
    } finally {
      await rig.stop();
    }
  });
});
