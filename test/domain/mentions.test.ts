import { describe, expect, it } from 'vitest';
import {
  defuseMentions,
  ENCODED_MASS_MENTION,
  GROUP_MENTION,
  MASS_MENTION,
  mayHoldMention,
  PLAIN_MASS_MENTION,
} from '../../src/domain/mentions.ts';

describe('mass mentions (the one definition every platform uses)', () => {
  it('finds each encoded and typed form, with either at sign', () => {
    const text = '<!channel> <!here|here> <!everyone> @everyone @here @channel ＠everyone';
    expect(text.match(MASS_MENTION)).toHaveLength(7);
  });

  it('finds a typed mass mention glued to a word, which Discord still renders as a mention', () => {
    expect('@everyonefoo'.replace(PLAIN_MASS_MENTION, '[$1]')).toBe('[everyone]foo');
  });

  it('defuses every form to its bare word, and a Slack user group to "a group"', () => {
    expect(defuseMentions('ping <!here|here>, <!channel>, @everyone, ＠here and <!subteam^S123|@team>')).toBe(
      'ping here, channel, everyone, here and a group',
    );
  });

  it('leaves ordinary text and e-mail addresses alone', () => {
    expect(defuseMentions('mail dev@example.com about 1.31 <https://k8s.io>')).toBe(
      'mail dev@example.com about 1.31 <https://k8s.io>',
    );
  });
});

describe('mayHoldMention', () => {
  it('is true for every text defuseMentions would change, and false for text without < @ or ＠', () => {
    for (const text of ['@everyone', '＠channel', '<!here>', '<!subteam^S1|@team>', 'hi <@U1>'])
      expect(mayHoldMention(text), text).toBe(true);
    for (const text of ['what went GA in 1.31', 'R&D — “quoted” · 1.29 → 1.31', ''])
      expect([mayHoldMention(text), defuseMentions(text)], text).toEqual([false, text]);
  });

  it('changes a text exactly as the three patterns applied to every text would, skipping only what they leave', () => {
    const fragments = [
      '@',
      '＠',
      '<!',
      '<',
      '!',
      'channel',
      'HERE',
      'Everyone',
      'evEryone',
      'here',
      'subteam^S1|x',
      '>',
    ];
    const others = ['|x>', 'ſ', 'K', 'İ', ' ', 'dev@example.com', '<@U1>', '(@reylejano)', 'chan', 'nel', 'ever'];
    const pieces = [...fragments, ...others];
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let n = 0; n < 5000; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(next() * 6) },
        () => pieces[Math.floor(next() * pieces.length)],
      ).join('');
      const everyPass = text
        .replace(ENCODED_MASS_MENTION, '$1')
        .replace(GROUP_MENTION, 'a group')
        .replace(PLAIN_MASS_MENTION, '$1');
      expect(defuseMentions(text), text).toBe(everyPass);
    }
  });
});
