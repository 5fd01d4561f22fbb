import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from '../../../../adapters/slack/render/escape.ts';
import { mrkdwnLink, mrkdwnText, plainText, safeUrl } from '../../../../adapters/slack/render/mrkdwn.ts';
import { stripMentions } from '../../../../adapters/slack/render/strip-mentions.ts';
import { loadDataset } from '../../../../src/data/load.ts';

describe('mrkdwnText', () => {
  it('strips mentions, then escapes', () => {
    expect(mrkdwnText('<@U1> R&D <b>', 100)).toBe(' R&amp;D &lt;b&gt;');
  });

  it('is stripMentions then escapeMrkdwn on every text of the dataset, whether or not it has anything to clean', () => {
    const { keps } = loadDataset();
    const texts = [
      ...keps.flatMap((kep) => [kep.title, kep.owningSig, ...kep.featureGates.map((gate) => gate.name)]),
      'plain',
      'a@b',
      '@here now',
      '＠channel',
      'x <!here> y',
      '<@U1> hi',
      'a & b',
      '1 < 2 > 0',
      '',
    ];
    for (const text of texts) {
      const cleaned = escapeMrkdwn(stripMentions(text));
      if (cleaned.length <= 300) expect(mrkdwnText(text, 300), text).toBe(cleaned);
    }
  });

  it('defuses a fullwidth mass mention standing alone, as it does one beside an ASCII at sign', () => {
    expect(stripMentions('＠channel')).toBe('@\u2060channel');
    expect(mrkdwnText('＠everyone look', 100)).toBe('@\u2060everyone look');
  });

  it('cuts on the escaped length without splitting an entity', () => {
    const result = mrkdwnText('&&&&&&&&&&', 13);
    expect(result.length).toBeLessThanOrEqual(13);
    expect(result).toBe('&amp;&amp;…');
  });

  it('cuts between whole characters: a surrogate pair is kept or dropped together', () => {
    expect(mrkdwnText('ab🚀cd', 4)).toBe('ab…');
    expect(mrkdwnText('ab🚀cd', 5)).toBe('ab🚀…');
    expect(mrkdwnText('a<🚀', 6)).toBe('a&lt;…');
  });

  it('keeps as much of a long text as fits, escaped', () => {
    const result = mrkdwnText(`${'x'.repeat(995)} & more`, 1000);
    expect(result).toBe(`${'x'.repeat(995)} …`);
    expect(mrkdwnText(`${'y'.repeat(10)}&`.repeat(1000), 1000)).toHaveLength(1000);
  });
});

describe('plainText', () => {
  it('collapses whitespace and truncates with an ellipsis within the limit', () => {
    const result = plainText(`a\n\nb ${'x'.repeat(300)}`, 150);
    expect(result.length).toBe(150);
    expect(result.startsWith('a b x')).toBe(true);
    expect(result.endsWith('…')).toBe(true);
  });
});

describe('safeUrl and mrkdwnLink', () => {
  it('accepts http(s) only', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl('https://github.com/kubernetes/enhancements/issues/3836')).toBe(
      'https://github.com/kubernetes/enhancements/issues/3836',
    );
  });

  it('percent-encodes characters that would end the <url|label> syntax', () => {
    expect(safeUrl('https://example.com/a|b?q=<x>')).toBe('https://example.com/a%7Cb?q=%3Cx%3E');
    // Asked again (answered from the parsed-once cache): the same verdicts.
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('https://example.com/a|b?q=<x>')).toBe('https://example.com/a%7Cb?q=%3Cx%3E');
  });

  it('falls back to the escaped label when the URL is unusable', () => {
    expect(mrkdwnLink('https://kubernetes.io/', 'Docs & more')).toBe('<https://kubernetes.io/|Docs &amp; more>');
    expect(mrkdwnLink('ftp://x', 'Docs & more')).toBe('Docs &amp; more');
  });

  it('shows the label without a link when the URL is too long to link', () => {
    expect(mrkdwnLink(`https://example.com/${'a'.repeat(280)}`, 'Docs')).toBe(
      `<https://example.com/${'a'.repeat(280)}|Docs>`,
    );
    expect(mrkdwnLink(`https://example.com/${'a'.repeat(300)}`, 'Docs')).toBe('Docs');
  });
});
