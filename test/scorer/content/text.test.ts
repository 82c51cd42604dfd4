import { expect } from 'chai';
import { parseKeyPoint } from '../../../scorer/content/keyPoints.js';
import { CONCEPT_CUES, SYNONYM_GROUPS } from '../../../scorer/content/lexicon.js';
import { sentenceModes } from '../../../scorer/content/narrative.js';
import { prepareAnswer } from '../../../scorer/content/prepare.js';
import { findQuantities } from '../../../scorer/content/quantities.js';
import { tokenize } from '../../../scorer/content/segment.js';
import { splitSentences } from '../../../scorer/content/sentences.js';

describe('内容评分的文本处理', () => {
  describe('分句 splitSentences', () => {
    it('按句号问号切分，每句都是原文的一段（引用不改字）', () => {
      const text = '去年我负责一个项目。 时间很紧！我们怎么办？最后按期上线了';
      const parts = splitSentences(text);
      expect(parts.map((p) => p.text)).to.deep.equal(['去年我负责一个项目。', '时间很紧！', '我们怎么办？', '最后按期上线了']);
      for (const p of parts) expect(text.slice(p.start, p.start + p.text.length)).to.equal(p.text);
    });

    it('语音转写没有句号时，过长的句子在逗号处再切开，仍是原文片段', () => {
      const text = '我先把所有延误的运单按线路和网点拆开来看，发现问题集中在一个新开的中转站，而且都是晚上十点以后到站的货，我带着数据去现场蹲了三个晚上，找到原因是晚班的分拣设备只开了一半，人手也不够';
      const parts = splitSentences(text);
      expect(parts.length).to.be.greaterThan(1);
      for (const p of parts) {
        expect(text).to.include(p.text);
        expect([...p.text].length).to.be.at.least(20);
      }
    });

    it('只有标点的片段不算句子', () => {
      expect(splitSentences('……。。！')).to.deep.equal([]);
    });
  });

  describe('分词与口头禅', () => {
    it('单独成句的「就是」「那个」「然后」算口头禅，「那个项目」里的「那个」不算', () => {
      const kinds = (s: string): Record<string, string> => Object.fromEntries(tokenize(s).map((t) => [t.word, t.kind]));
      expect(kinds('嗯，就是，那个，然后，')).to.include({ 嗯: 'filler', 就是: 'filler', 那个: 'filler', 然后: 'filler' });
      expect(kinds('那个项目最后上线了')['那个']).to.not.equal('filler');
    });

    it('同义词归到同一个词头：商量→沟通，办法→方案', () => {
      const canon = tokenize('我们商量出一个办法').filter((t) => t.kind === 'word').map((t) => t.canon);
      expect(canon).to.include.members(['沟通', '方案']);
    });

    it('同义词表里每个词只属于一组；每个概念线索都不是空的', () => {
      const seen = new Map<string, string>();
      for (const group of SYNONYM_GROUPS) {
        for (const w of group) {
          expect(seen.has(w), `「${w}」同时在「${seen.get(w)}」和「${group[0]}」两组`).to.equal(false);
          seen.set(w, group[0] ?? '');
        }
      }
      for (const [concept, cues] of Object.entries(CONCEPT_CUES)) expect(cues.length, concept).to.be.greaterThan(0);
    });
  });

  describe('数字 findQuantities', () => {
    it('认出百分比、带单位的中文数字和阿拉伯数字', () => {
      expect(findQuantities('延误率从百分之三涨到百分之九，两周后回到 3.5%，耗时从两千一百毫秒降到150ms')).to.deep.equal([
        '百分之三',
        '百分之九',
        '两周',
        '3.5%',
        '两千一百毫秒',
        '150',
      ]);
    });

    it('「一个」「一次」「一下」这类语法里的「一」不算数字', () => {
      expect(findQuantities('我先看了一下，找了一个办法，又试了一次')).to.deep.equal([]);
    });
  });

  describe('要点解析 parseKeyPoint', () => {
    it('「或」连起来的词任选其一，「例如」后面的例子任选其一，其余都要覆盖', () => {
      expect(parseKeyPoint('说明结果或反思，例如按期交付、关系改善').groups).to.deep.equal([
        ['结果', '反思'],
        ['按期', '交付', '关系', '改善'],
      ]);
      expect(parseKeyPoint('明确项目目标、范围和关键节点').groups.map((g) => g.length)).to.deep.equal([1, 1, 1, 1, 1, 1]);
    });
  });

  describe('讲经历还是讲做法 sentenceModes', () => {
    it('「我一般会…」是一般做法，「去年我…」和「我先约了…」是具体经历', () => {
      const general = prepareAnswer('遇到分歧，我一般会先听对方说完。然后再找一个大家都能接受的办法。', 0);
      expect(sentenceModes(general.sentences)).to.deep.equal(['general', 'general']);
      const story = prepareAnswer('去年我和测试同事有分歧。我先约了他单独聊。', 0);
      expect(sentenceModes(story.sentences)).to.deep.equal(['story', 'story']);
    });
  });
});
