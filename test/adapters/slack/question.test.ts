import { describe, expect, it } from 'vitest';
import { slackTextToQuestion } from '../../../adapters/slack/question.ts';

describe('slackTextToQuestion', () => {
  it("strips the bot's own mention, in either form, wherever it appears", () => {
    expect(slackTextToQuestion('<@UBOT0001> what went GA in 1.31?', 'UBOT0001')).toBe('what went GA in 1.31?');
    expect(slackTextToQuestion('hey <@UBOT0001|k8s-release-bot>, 1.31', 'UBOT0001')).toBe('hey , 1.31');
  });

  it("removes other people's mentions and special mentions", () => {
    expect(slackTextToQuestion('<@UBOT0001> <!here> ask <@U0OTHER> about kep 3836', 'UBOT0001')).toBe(
      'ask about kep 3836',
    );
  });

  it('reduces links and channels to their visible text', () => {
    expect(slackTextToQuestion('kep <https://github.com/kubernetes/enhancements/issues/3836>')).toBe(
      'kep https://github.com/kubernetes/enhancements/issues/3836',
    );
    expect(slackTextToQuestion('see <http://kubernetes.io|kubernetes.io> in <#C0123|releases>')).toBe(
      'see kubernetes.io in #releases',
    );
    expect(slackTextToQuestion('due <!date^1392734382^{date}|Feb 18, 2014>')).toBe('due Feb 18, 2014');
  });

  it("decodes Slack's entities", () => {
    expect(slackTextToQuestion('alpha &amp; beta &lt; 1.31 &gt;')).toBe('alpha & beta < 1.31 >');
  });

  it('only collapses the spaces of text without markup or entities, and still reduces either alone', () => {
    expect(slackTextToQuestion('  what   went\tGA\n in 1.31  ', 'UBOT0001')).toBe('what went GA in 1.31');
    expect(slackTextToQuestion('R&D &amp; 1.31')).toBe('R&D & 1.31');
    expect(slackTextToQuestion('kep <https://k8s.io> <@U0OTHER>')).toBe('kep https://k8s.io');
  });

  it('returns an empty string for nothing but a mention', () => {
    expect(slackTextToQuestion('  <@UBOT0001>  ', 'UBOT0001')).toBe('');
    expect(slackTextToQuestion(undefined)).toBe('');
  });
});
