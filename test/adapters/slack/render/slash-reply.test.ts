import { describe, expect, it } from 'vitest';
import { SHARE_ACTION_ID } from '../../../../adapters/slack/ids.ts';
import { answerToText } from '../../../../adapters/slack/render/fallback-text.ts';
import { sharedReply } from '../../../../adapters/slack/render/shared-reply.ts';
import { slashReply } from '../../../../adapters/slack/render/slash-reply.ts';
import { hugeAnswer, sampleAnswer } from '../helpers/answers.ts';
import { limitViolations } from '../helpers/block-limits.ts';

describe('slashReply', () => {
  it('is ephemeral and ends with a Share in channel button carrying the value', () => {
    const reply = slashReply(sampleAnswer('release-summary'), '{"v":1,"q":"1.31","t":0}');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: SHARE_ACTION_ID,
          text: { type: 'plain_text', text: 'Share in channel' },
          value: '{"v":1,"q":"1.31","t":0}',
        },
      ],
    });
    expect(limitViolations(reply)).toEqual([]);
  });

  it('keeps the largest answer plus the button within 50 blocks', () => {
    const reply = slashReply(hugeAnswer(), 'x'.repeat(2000));
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    expect(reply.blocks.at(-1)!.type).toBe('actions');
    expect(limitViolations(reply)).toEqual([]);
  });

  it('has no button when there is nothing to share', () => {
    const reply = slashReply(sampleAnswer('subscription'), null);
    expect(reply.blocks.some((block) => block.type === 'actions')).toBe(false);
  });
});

describe('sharedReply', () => {
  it('posts in_channel as a new message, without the button', () => {
    const reply = sharedReply(sampleAnswer('release-summary'));
    expect(reply.response_type).toBe('in_channel');
    expect(reply.replace_original).toBe(false);
    expect(reply.blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(limitViolations(reply)).toEqual([]);
  });
});

describe('answerToText', () => {
  it('is a short escaped fallback with title, summary and top facts', () => {
    const text = answerToText(sampleAnswer('release-summary'));
    expect(text.split('\n').slice(0, 3)).toEqual([
      '*Kubernetes 1.31 “Elli”*',
      'Kubernetes 1.31 “Elli” was released on 2024-08-13 with 45 enhancements (11 stable, 22 beta, 12 alpha).',
      '• Released: 2024-08-13',
    ]);
    expect(answerToText(hugeAnswer()).length).toBeLessThanOrEqual(3000);
  });
});
