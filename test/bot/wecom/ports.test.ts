import { expect } from 'chai';
import { pino } from 'pino';
import { FakeWecomApi } from '../../helpers/wecomApp.js';
import { createWecomClient, memoryTokenStore, type WecomClient } from '../../../bot/wecom/api/index.js';
import { createWecomPort } from '../../../bot/wecom/ports.js';

describe('bot/wecom/ports 假勤余额与审批提交', () => {
  let api: FakeWecomApi;
  let client: WecomClient;
  beforeEach(() => {
    api = new FakeWecomApi().install();
    client = createWecomClient({ corpId: 'ww1', secret: 's', agentId: 1000002, apiBase: api.base, tokenStore: memoryTokenStore(), logger: pino({ level: 'silent' }), sleep: async () => undefined });
  });
  afterEach(() => api.uninstall());

  const input = {
    userid: 'wangfang', leaveTypeName: '年假', vacationId: undefined, days: 3, reason: '回老家',
    startAt: new Date('2026-11-23T09:00:00+08:00'), endAt: new Date('2026-11-25T18:00:00+08:00'),
  };

  it('余额：秒换算成天（÷86400）', async () => {
    api.quotas.set('wangfang', [{ id: 1, vacationname: '年假', leftduration: 864_000, usedduration: 43_200, assignduration: 907_200 }]);
    const port = createWecomPort(client, { tz: 'Asia/Shanghai', leaveTemplateId: undefined });
    expect(await port.vacationQuota('wangfang')).to.deep.equal([{ name: '年假', vacationId: 1, leftDays: 10, usedDays: 0.5, assignedDays: 10.5 }]);
  });

  it('提交审批：读模板找到“假勤”控件，按名称找到假期 id，填时间段、事由和三行摘要；模板只读一次', async () => {
    const port = createWecomPort(client, { tz: 'Asia/Shanghai', leaveTemplateId: 'TPL-LEAVE' });
    const spNo = await port.applyLeave(input);
    expect(spNo).to.match(/^2026112300000/);
    expect(api.bodies('/cgi-bin/oa/gettemplatedetail')).to.deep.equal([{ template_id: 'TPL-LEAVE' }]);
    expect(api.bodies('/cgi-bin/oa/applyevent')[0]).to.deep.equal({
      creator_userid: 'wangfang',
      template_id: 'TPL-LEAVE',
      use_template_approver: 1,
      apply_data: {
        contents: [
          {
            control: 'Vacation', id: 'vacation-1563793073898',
            value: {
              vacation: {
                selector: { type: 'single', options: [{ key: '1', value: [{ text: '年假', lang: 'zh_CN' }] }], exp_type: 0 },
                attendance: { date_range: { type: 'halfday', new_begin: 1795395600, new_end: 1795600800, new_duration: 259200 }, type: 1 },
              },
            },
          },
          { control: 'Textarea', id: 'item-1497581399901', value: { text: '回老家' } },
        ],
      },
      summary_list: [
        { summary_info: [{ text: '假期类型：年假', lang: 'zh_CN' }] },
        { summary_info: [{ text: '时间：11月23日至11月25日', lang: 'zh_CN' }] },
        { summary_info: [{ text: '天数：3 天', lang: 'zh_CN' }] },
      ],
    });
    await port.applyLeave({ ...input, userid: 'lina' });
    expect(api.count('/cgi-bin/oa/gettemplatedetail')).to.equal(1);
  });

  it('模板里只有“考勤”控件 → Attendance；没有假勤控件或没配置模板 → 中文说明的错误', async () => {
    api.handle('/cgi-bin/oa/gettemplatedetail', () => ({ json: { errcode: 0, template_content: { controls: [{ property: { control: 'Attendance', id: 'att-1', title: [{ text: '请假' }] } }] } } }));
    const port = createWecomPort(client, { tz: 'Asia/Shanghai', leaveTemplateId: 'T' });
    await port.applyLeave(input);
    const contents = (api.bodies('/cgi-bin/oa/applyevent')[0]!['apply_data'] as { contents: unknown[] }).contents;
    expect(contents).to.deep.equal([{ control: 'Attendance', id: 'att-1', value: { attendance: { date_range: { type: 'halfday', new_begin: 1795395600, new_end: 1795600800, new_duration: 259200 }, type: 1 } } }]);

    api.handle('/cgi-bin/oa/gettemplatedetail', () => ({ json: { errcode: 0, template_content: { controls: [] } } }));
    const noControl = createWecomPort(client, { tz: 'Asia/Shanghai', leaveTemplateId: 'T2' });
    const err = await noControl.applyLeave(input).catch((e: unknown) => e);
    expect((err as { explanation?: string }).explanation).to.include('假勤');
    const unset = await createWecomPort(client, { tz: 'Asia/Shanghai', leaveTemplateId: undefined }).applyLeave(input).catch((e: unknown) => e);
    expect(String(unset)).to.include('WECOM_LEAVE_TEMPLATE_ID');
  });
});
