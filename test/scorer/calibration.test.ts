import { expect } from 'chai';
import { loadCalibration } from '../../scorer/calibration/dataset.js';
import { evaluatePart } from '../../scorer/calibration/evaluate.js';
import { pairwiseAccuracy, ranks, spearman } from '../../scorer/calibration/metrics.js';

describe('评分校准 calibration', () => {
  it('秩相关：并列取平均名次；完全同序为 1，完全反序为 -1', () => {
    expect(ranks([10, 20, 20, 30])).to.deep.equal([1, 2.5, 2.5, 4]);
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).to.be.closeTo(1, 1e-12);
    expect(spearman([1, 2, 3, 4], [40, 30, 20, 10])).to.be.closeTo(-1, 1e-12);
  });

  it('两两排序准确率：只比较人工评分不同的两条，机器打平算半对', () => {
    const r = pairwiseAccuracy([
      { rating: 1, score: 10 },
      { rating: 2, score: 10 },
      { rating: 3, score: 50 },
    ]);
    expect(r.pairs).to.equal(3);
    expect(r.agree).to.equal(2.5);
  });

  it('数据集格式正确：每道题至少 8 条已评分回答，留出集的题目都能找到', () => {
    const { dev, heldout } = loadCalibration();
    const perQuestion = new Map<string, number>();
    for (const a of dev.answers) if (a.rating !== null) perQuestion.set(a.questionId, (perQuestion.get(a.questionId) ?? 0) + 1);
    expect(perQuestion.size).to.be.at.least(6);
    for (const [q, n] of perQuestion) expect(n, q).to.be.at.least(8);
    expect(heldout.answers.length).to.be.greaterThan(20);
    const devIds = new Set(dev.answers.map((a) => a.id));
    for (const a of heldout.answers) expect(devIds.has(a.id), `${a.id} 同时出现在开发集和留出集`).to.equal(false);
  });

  it('开发集上与人工评分一致（回归保护：秩相关 ≥ 0.85），无内容的回答都不评分', () => {
    const r = evaluatePart(loadCalibration().dev);
    expect(r.spearman).to.be.at.least(0.85);
    expect(r.pairwiseWithinQuestion.accuracy).to.be.at.least(0.9);
    expect(r.nodata.unratedByScorer).to.equal(r.nodata.total);
    expect(r.wronglyUnrated).to.deep.equal([]);
  });
});
