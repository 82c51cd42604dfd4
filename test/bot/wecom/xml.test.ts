import { expect } from 'chai';
import {
  buildEncryptedEnvelope,
  buildTextReply,
  buildUpdateButtonReply,
  cdata,
  parseEnvelope,
  parseXml,
  text,
} from '../../../bot/wecom/xml.js';
import { inbound, vectors } from './helpers.js';

function root(xml: string) {
  const r = parseXml(xml);
  if (!r.ok) throw new Error(r.reason);
  return r.root;
}

describe('bot/wecom/xml 解析与构建', () => {
  it('数值一律保持字符串：64 位 MsgId、前导零、科学计数法样式', () => {
    const r = root('<xml><MsgId>4561255354251345929</MsgId><A>007</A><B>1e3</B><C>0x10</C></xml>');
    expect(r).to.deep.equal({ MsgId: '4561255354251345929', A: '007', B: '1e3', C: '0x10' });
  });

  it('CDATA 内容原样保留（含空格、<、&），普通文本解码实体', () => {
    const r = root('<xml><A><![CDATA[ a < b & c ]]></A><B>x &amp; y &lt; z</B><C><![CDATA[]]></C><D/></xml>');
    expect(r).to.deep.equal({ A: ' a < b & c ', B: 'x & y < z', C: '', D: '' });
  });

  it('普通文本里的数字字符引用被解码，CDATA 里的保持原样', () => {
    const r = root('<xml><A>&#20320;&#x597D;</A><B><![CDATA[&#20320;&amp;]]></B></xml>');
    expect(r).to.deep.equal({ A: '你好', B: '&#20320;&amp;' });
  });

  it('用户在消息里打出 <!DOCTYPE 不算攻击（在 CDATA 里）', () => {
    const r = parseXml('<xml><Content><![CDATA[<!DOCTYPE html> 是什么]]></Content></xml>');
    expect(r.ok && text(r.root, 'Content')).to.equal('<!DOCTYPE html> 是什么');
  });

  it('拒绝 DOCTYPE / ENTITY、残缺 XML、多个根、根不是 xml、原型污染标签名', () => {
    const bad = [
      '<!DOCTYPE xml><xml/>',
      '<?xml version="1.0"?>\n<!doctype xml [ <!entity a "b"> ]><xml>&a;</xml>',
      '<xml><a>1</b></xml>',
      '<xml><a>1</a>',
      '<xml/><xml/>',
      '<root><a>1</a></root>',
      '<xml>just text</xml>',
      '<xml><__proto__><polluted>1</polluted></__proto__></xml>',
      '',
      '   ',
    ];
    for (const xml of bad) {
      const r = parseXml(xml);
      expect(r.ok, xml).to.equal(false);
    }
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
  });

  it('XML 声明可有可无', () => {
    expect(root('<?xml version="1.0" encoding="UTF-8"?><xml><A>1</A></xml>')).to.deep.equal({ A: '1' });
  });

  it('WeCom 会重复的元素总是数组，即使只出现一次', () => {
    const r = root(inbound('sys_approval_change-spnostr'));
    const info = r['ApprovalInfo'];
    if (typeof info !== 'object' || Array.isArray(info)) throw new Error('ApprovalInfo');
    expect(Array.isArray((info as Record<string, unknown>)['SpRecord'])).to.equal(true);
  });

  it('外层信封：读出 Encrypt、ToUserName、AgentID', () => {
    const r = parseEnvelope(vectors.A.post.body);
    expect(r).to.deep.equal({
      ok: true,
      envelope: { encrypt: vectors.A.post.encrypt, toUserName: 'wx5823bf96d3bd56c7', agentId: '218' },
    });
    expect(parseEnvelope('<xml><Encrypt></Encrypt></xml>').ok).to.equal(false);
  });

  it('CDATA 构建时转义 ]]>，解析回来一字不差', () => {
    const tricky = 'a]]>b<![CDATA[c]]>';
    expect(text(root(`<xml><A>${cdata(tricky)}</A></xml>`), 'A')).to.equal(tricky);
  });

  it('被动回复：文本与 update_button', () => {
    const t = buildTextReply({ toUser: 'ZhangSan', corpId: 'ww1', createTime: 1795489200.7, content: '好的]]>' });
    expect(root(t)).to.deep.equal({
      ToUserName: 'ZhangSan', FromUserName: 'ww1', CreateTime: '1795489200', MsgType: 'text', Content: '好的]]>',
    });
    const b = buildUpdateButtonReply({ toUser: 'LiSi', corpId: 'ww1', createTime: 1, replaceName: '已同意' });
    expect(root(b)).to.deep.equal({
      ToUserName: 'LiSi', FromUserName: 'ww1', CreateTime: '1', MsgType: 'update_button', Button: { ReplaceName: '已同意' },
    });
  });

  it('加密回复信封四个字段齐全；时间戳必须是数字', () => {
    const xml = buildEncryptedEnvelope({ encrypt: 'AAAA', msgSignature: 'abc', timestamp: '1409659813', nonce: 'n' });
    expect(root(xml)).to.deep.equal({ Encrypt: 'AAAA', MsgSignature: 'abc', TimeStamp: '1409659813', Nonce: 'n' });
    expect(() => buildEncryptedEnvelope({ encrypt: 'A', msgSignature: 'b', timestamp: '1</TimeStamp>', nonce: 'n' })).to.throw();
  });
});
