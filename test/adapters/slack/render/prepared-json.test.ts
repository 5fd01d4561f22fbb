import { describe, expect, it } from 'vitest';
import { toJson, withPreparedJson } from '../../../../adapters/slack/render/prepared-json.ts';

describe('toJson', () => {
  it('is JSON.stringify for values that carry no prepared JSON', () => {
    for (const value of [{ a: 1 }, [1, '2'], 'text', 3, null, { text: 'a "q" \\ \ud83d' }])
      expect(toJson(value)).toBe(JSON.stringify(value));
  });

  it('sends the prepared JSON as it is, which neither JSON.stringify nor a spread copy sees', () => {
    const reply = withPreparedJson({ text: 'hi' }, '{"text":"hi"}');
    expect(toJson(reply)).toBe('{"text":"hi"}');
    expect(JSON.stringify(reply)).toBe('{"text":"hi"}');
    const copy = { ...reply, extra: true };
    expect(toJson(copy)).toBe('{"text":"hi","extra":true}');
  });
});
