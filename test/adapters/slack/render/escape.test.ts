import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from '../../../../adapters/slack/render/escape.ts';

describe('escapeMrkdwn', () => {
  it('escapes &, < and > (ampersand first, so nothing is escaped twice)', () => {
    expect(escapeMrkdwn('a & b <c> &lt;')).toBe('a &amp; b &lt;c&gt; &amp;lt;');
  });

  it('leaves other text alone, including mrkdwn formatting characters', () => {
    expect(escapeMrkdwn('*bold* _it_ `code` “Elli” 1.31 ✓')).toBe('*bold* _it_ `code` “Elli” 1.31 ✓');
  });

  it('turns a would-be mention into inert text', () => {
    expect(escapeMrkdwn('<!channel>')).toBe('&lt;!channel&gt;');
  });
});
