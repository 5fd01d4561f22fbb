import { describe, expect, it } from 'vitest';
import { stripMentions } from '../../../../adapters/slack/render/strip-mentions.ts';

describe('stripMentions', () => {
  it('removes special mentions in every form', () => {
    expect(stripMentions('a <!channel> b <!here> c <!everyone> d <!here|here> e <!subteam^S0123|@sre> f')).toBe(
      'a  b  c  d  e  f',
    );
  });

  it('removes user mentions, with or without a label', () => {
    expect(stripMentions('ask <@U0123ABC> or <@W0456|jane> please')).toBe('ask  or  please');
  });

  it('defuses plain @here/@channel/@everyone without changing what people read', () => {
    const result = stripMentions('ping @here and @Everyone, mail me@channel.io');
    expect(result).not.toMatch(/@(here|everyone)\b/i);
    expect(result.replace(/\u2060/g, '')).toBe('ping @here and @Everyone, mail me@channel.io');
  });

  it('keeps links and other angle-bracket text', () => {
    expect(stripMentions('<https://kubernetes.io|docs> <#C123|general>')).toBe(
      '<https://kubernetes.io|docs> <#C123|general>',
    );
  });
});
