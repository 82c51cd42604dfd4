import { expect } from 'chai';
import { scoreAnswer } from '../../../scorer/content/scoreAnswer.js';
import { splitSentences } from '../../../scorer/content/sentences.js';
import type { ContentScore, Question, RatedContentScore } from '../../../scorer/types.js';

const conflict: Question = {
  id: 'q-conflict',
  competency: '沟通协作',
  text: '请讲一个你和同事意见不一致、最后达成一致的经历。你是怎么做的？',
  keyPoints: ['说明分歧的背景和各方的立场', '主动倾听，了解对方的诉求和顾虑', '用数据或事实沟通，提出兼顾双方的方案', '达成共识并推动落地', '说明结果，例如按期交付'],
  idealAnswer:
    '去年产品和测试对上线时间有分歧。我分别和两边聊，了解到测试担心支付模块没有回归时间。我拿使用数据提出分两期上线的方案，双方都同意了。最后第一期按期上线，没有严重缺陷。',
};

const star =
  '去年我负责会员系统改版，测试同事认为一个月上线风险太大，我们在会上僵持不下。会后我单独约他聊，听他讲清楚顾虑，原来他最担心支付模块没有时间回归。' +
  '我整理了各功能的使用数据，提出先上线使用率最高的三个功能、支付模块晚两周的方案。两边负责人都同意了，我们按这个计划执行。最后第一期按期上线，没有出现严重缺陷，测试团队后来把分阶段上线写进了流程。';
const vague = '我觉得沟通很重要，工作中难免有不同意见，这个时候要互相理解，多为团队考虑。我和同事关系一直都很好。';

function rated(r: ContentScore): RatedContentScore {
  if (r.overall === null) throw new Error(`expected a rated answer, got: ${r.reason}`);
  return r;
}

describe('内容评分 scoreAnswer', () => {
  it('有情境、行动和量化结果的 STAR 回答，得分明显高于空泛回答', () => {
    const good = rated(scoreAnswer(conflict, { transcript: star, durationSec: 60 }));
    const weak = rated(scoreAnswer(conflict, { transcript: vague, durationSec: 15 }));
    expect(good.overall).to.be.greaterThan(weak.overall + 25);
    expect(good.dimensions.structure.score).to.be.greaterThan(weak.dimensions.structure.score);
    expect(good.dimensions.coverage.score).to.be.greaterThan(weak.dimensions.coverage.score);
    expect(weak.flags).to.include('no_example');
  });

  it('同义词也算覆盖要点：「商量」「交流」「办法」等于「沟通」「方案」', () => {
    const q: Question = { id: 'q', competency: '沟通协作', text: '你如何和同事解决分歧？', keyPoints: ['沟通并提出方案'] };
    const synonyms = rated(scoreAnswer(q, { transcript: '上个月我和设计同事认真商量了一次，最后找到了一个折中办法，大家都接受了。', durationSec: 10 }));
    const unrelated = rated(scoreAnswer(q, { transcript: '上个月我去了一趟海边，天气很好，拍了很多照片，玩得很开心。', durationSec: 10 }));
    expect(synonyms.keyPoints[0]?.status).to.equal('covered');
    expect(unrelated.keyPoints[0]?.status).to.equal('missing');
  });

  it('只罗列评分要点用词的回答被标记为关键词堆砌，得分很低', () => {
    const stuffing = '沟通、倾听、诉求、顾虑、数据、事实、方案、共识、落地，这些我都非常重视。我的沟通能力很强，善于倾听，能用数据和事实说话，达成共识并推动落地。';
    const r = rated(scoreAnswer(conflict, { transcript: stuffing, durationSec: 20 }));
    expect(r.flags).to.include('keyword_stuffing');
    expect(r.overall).to.be.at.most(25);
    const cap = r.adjustments.find((a) => a.flag === 'keyword_stuffing');
    expect(cap, '封顶要写明原分和封顶后的分').to.not.equal(undefined);
    expect(cap?.after).to.equal(r.overall);
    expect(cap?.before).to.be.greaterThan(cap?.after ?? 0);
  });

  it('流利但答非所问的回答被标记为离题，得分很低', () => {
    const marathon = '我平时非常喜欢跑步，大学的时候就加入了长跑协会。去年我报名参加了城市马拉松，为此制定了四个月的训练计划，每周跑四次。比赛那天天气很热，我调整了配速，最后用四小时零五分完成了全程。';
    const r = rated(scoreAnswer(conflict, { transcript: marathon, durationSec: 40 }));
    expect(r.flags).to.include('off_topic');
    expect(r.overall).to.be.at.most(20);
  });

  it('口头禅很多的回答被标记，连贯性低，总分不超过 60', () => {
    const filler = '嗯，这个，就是，那个我们之前，嗯，有一个需求吧，然后产品那边，就是，嗯，他们觉得，那个，怎么说呢，就是要改，然后我们这边，嗯，就是觉得不太行，然后，那个，大家就，嗯，聊了聊吧。';
    const r = rated(scoreAnswer(conflict, { transcript: filler, durationSec: 30 }));
    expect(r.flags).to.include('filler_heavy');
    expect(r.dimensions.coherence.score).to.be.below(40);
    expect(r.overall).to.be.at.most(60);
  });

  it('证据引文都是回答里原样出现的句子', () => {
    const r = rated(scoreAnswer(conflict, { transcript: star, durationSec: 60 }));
    const sentences = splitSentences(star).map((s) => s.text);
    expect(r.evidence.length).to.be.greaterThan(3);
    for (const e of r.evidence) {
      expect(sentences, e.quote).to.include(e.quote);
      expect(star).to.include(e.quote);
    }
    for (const d of Object.values(r.dimensions)) for (const q of d.evidence) expect(sentences).to.include(q);
    for (const k of r.keyPoints) if (k.quote !== undefined) expect(sentences).to.include(k.quote);
  });

  it('总分等于各维度按权重加权（封顶另列），权重合计为 1，每个维度都有一句中文解释', () => {
    const r = rated(scoreAnswer(conflict, { transcript: star, durationSec: 60 }));
    const sum = Object.values(r.weights).reduce((a, b) => a + b, 0);
    expect(sum).to.be.closeTo(1, 1e-9);
    const weighted = Object.values(r.dimensions).reduce((a, d) => a + d.weight * d.score, 0);
    expect(r.adjustments).to.deep.equal([]);
    expect(r.overall).to.equal(Math.round(weighted));
    for (const d of Object.values(r.dimensions)) {
      expect(d.score).to.be.within(0, 100);
      expect(d.explanation).to.match(/[\u4e00-\u9fff]/);
      expect(d.explanation).to.not.include('\n');
    }
  });

  it('空回答、只有语气词、乱码：不给分（overall 为 null），标记数据不足，而不是给低分', () => {
    for (const transcript of ['', '   ', '嗯嗯，啊。', '那个……就是……', '？？？！！！……']) {
      const r = scoreAnswer(conflict, { transcript, durationSec: 5 });
      expect(r.overall, JSON.stringify(transcript)).to.equal(null);
      expect(r.dimensions).to.equal(null);
      expect(r.flags).to.include('insufficient_data');
      if (r.overall === null) expect(r.reason).to.include('不是低分');
    }
  });

  it('很短但有内容的回答照常评分（低分），不算数据不足', () => {
    const r = scoreAnswer(conflict, { transcript: '我会和对方好好沟通，最后达成一致。', durationSec: 4 });
    expect(r.overall).to.not.equal(null);
    expect(r.overall ?? 100).to.be.below(45);
  });

  it('同样的输入得到同样的结果（确定性）', () => {
    const a = scoreAnswer(conflict, { transcript: star, durationSec: 60 });
    const b = scoreAnswer(conflict, { transcript: star, durationSec: 60 });
    expect(JSON.stringify(a)).to.equal(JSON.stringify(b));
  });

  it('输出里没有任何关于人的推断（情绪、性格、年龄、性别）', () => {
    const json = JSON.stringify(scoreAnswer(conflict, { transcript: star, durationSec: 60 }));
    for (const word of ['emotion', 'personality', 'age', 'gender', 'sentiment', 'confidence', '情绪', '性格', '年龄', '性别', '自信']) {
      expect(json.toLowerCase()).to.not.include(`"${word}`);
    }
  });
});

describe('内容评分的边界情况', () => {
  it('题目没有设置要点：覆盖度权重为 0，其余权重按比例放大，合计仍为 1', () => {
    const q: Question = { id: 'q', competency: '沟通协作', text: '请讲一个你和同事意见不一致的经历。', keyPoints: [] };
    const r = scoreAnswer(q, { transcript: '去年我和测试同事对上线时间有分歧。我先单独约他聊，听他讲清楚顾虑，最后我们商量出分两期上线的办法。', durationSec: 20 });
    expect(r.weights.coverage).to.equal(0);
    expect(Object.values(r.weights).reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-9);
    expect(r.overall).to.be.a('number');
  });

  it('很长的转写（约 5000 字，没有标点）也很快评完（本机约 10 毫秒，上限 300 毫秒）', () => {
    const q: Question = { id: 'q', competency: '解决问题', text: '请描述一次你解决棘手问题的经历。', keyPoints: ['分析根本原因', '验证效果'] };
    const long = '我们先查了日志然后发现是配置错了于是改了配置又观察了一周问题就没有再出现'.repeat(140);
    scoreAnswer(q, { transcript: '预热一下，去年我查了日志。', durationSec: 3 });
    const started = performance.now();
    const r = scoreAnswer(q, { transcript: long, durationSec: 900 });
    expect(performance.now() - started).to.be.below(300);
    expect(r.overall).to.not.equal(null);
    expect(r.flags).to.include('repetitive');
  });
});
