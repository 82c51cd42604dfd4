import { expect } from 'chai';
import { clipBytes, RenderError, renderCardUpdate, renderMessage, TEXT_LIMIT_BYTES } from '../../../bot/wecom/render.js';

describe('bot/wecom/render OutMessage → message/send 请求体', () => {
  it('text / markdown / link_card → text / markdown / textcard', () => {
    expect(renderMessage({ kind: 'text', text: '你好' })).to.deep.equal({ msgtype: 'text', text: { content: '你好' } });
    expect(renderMessage({ kind: 'markdown', markdown: '**加粗**', fallbackText: '加粗' })).to.deep.equal({ msgtype: 'markdown', markdown: { content: '**加粗**' } });
    expect(renderMessage({ kind: 'link_card', title: '工资条', description: '11 月工资条已发布', url: 'https://hr.test/p/1', button: '查看工资条' })).to.deep.equal({
      msgtype: 'textcard', textcard: { title: '工资条', description: '11 月工资条已发布', url: 'https://hr.test/p/1', btntxt: '查看工资' },
    });
  });

  it('button_card → template_card button_interaction（task_id、标题、字段、按钮样式、来源、点击跳转）', () => {
    expect(renderMessage({
      kind: 'button_card', taskId: 'leave-abc', title: '王芳的请假申请', description: '年假 3 天', source: 'HR 助手',
      fields: [{ label: '类型', value: '年假' }, { label: '天数', value: '3 天' }],
      buttons: [{ key: 'approve', text: '同意', style: 'primary' }, { key: 'reject', text: '驳回', style: 'danger' }, { key: 'later', text: '稍后', style: 'default' }],
      url: 'https://hr.test/leave/abc',
    })).to.deep.equal({
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        task_id: 'leave-abc',
        source: { desc: 'HR 助手', desc_color: 0 },
        main_title: { title: '王芳的请假申请', desc: '年假 3 天' },
        horizontal_content_list: [{ keyname: '类型', value: '年假' }, { keyname: '天数', value: '3 天' }],
        card_action: { type: 1, url: 'https://hr.test/leave/abc' },
        button_list: [
          { type: 0, text: '同意', style: 1, key: 'approve' },
          { type: 0, text: '驳回', style: 2, key: 'reject' },
          { type: 0, text: '稍后', style: 3, key: 'later' },
        ],
      },
    });
  });

  it('超过 6 个字段只留前 6 个；task_id 不合法、没有按钮或超过 6 个按钮 → RenderError', () => {
    const fields = Array.from({ length: 8 }, (_, i) => ({ label: `k${i}`, value: 'v' }));
    const card = { kind: 'button_card' as const, taskId: 'ok-1', title: 't', fields, buttons: [{ key: 'a', text: 'A', style: 'primary' as const }] };
    const r = renderMessage(card);
    expect(r.msgtype === 'template_card' && r.template_card.card_type === 'button_interaction' && r.template_card.horizontal_content_list).to.have.length(6);
    expect(() => renderMessage({ ...card, taskId: 'has space' })).to.throw(RenderError);
    expect(() => renderMessage({ ...card, taskId: 'x'.repeat(129) })).to.throw(RenderError);
    expect(() => renderMessage({ ...card, buttons: [] })).to.throw(RenderError);
    expect(() => renderMessage({ ...card, buttons: Array.from({ length: 7 }, () => card.buttons[0]!) })).to.throw(RenderError);
  });

  it('文本超过 2048 字节 → 在字符边界截断并加省略号（中文 3 字节一个字）', () => {
    const long = '请'.repeat(1000); // 3000 bytes
    const r = renderMessage({ kind: 'text', text: long });
    const content = r.msgtype === 'text' ? r.text.content : '';
    expect(Buffer.byteLength(content)).to.be.at.most(TEXT_LIMIT_BYTES);
    expect(content.endsWith('…')).to.equal(true);
    expect(content.slice(0, -1)).to.match(/^请+$/);
    expect(clipBytes('短', 10)).to.equal('短');
  });

  it('CardUpdate → update_template_card 的 button.replace_name', () => {
    expect(renderCardUpdate({ taskId: 'leave-abc', userids: ['lina', 'zhaomin'], responseCode: 'rc', replaceName: '已同意' })).to.deep.equal({
      userids: ['lina', 'zhaomin'], response_code: 'rc', button: { replace_name: '已同意' },
    });
    expect(() => renderCardUpdate({ taskId: 't', userids: [], responseCode: 'rc', replaceName: 'x' })).to.throw(RenderError);
  });
});
