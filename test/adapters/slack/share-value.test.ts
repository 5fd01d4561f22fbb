import { describe, expect, it } from 'vitest';
import { decodeShareValue, encodeShareValue } from '../../../adapters/slack/share-value.ts';

describe('share button value', () => {
  it('round-trips the question and the moment it was answered', () => {
    const now = new Date('2025-11-20T10:11:12.345Z');
    const value = encodeShareValue('what went GA in 1.31 & why <x>?', now)!;
    expect(decodeShareValue(value)).toEqual({ question: 'what went GA in 1.31 & why <x>?', now });
  });

  it('is the JSON of the question and the moment, escaped where the question needs it', () => {
    const now = new Date('2025-11-20T10:11:12.345Z');
    for (const question of ['1.31', 'say "hi" \\ back\nslash', 'lone \ud83d surrogate', 'emoji 🚀 é'])
      expect(encodeShareValue(question, now)).toBe(JSON.stringify({ v: 1, q: question, t: now.getTime() }));
  });

  it('fits within 2,000 characters or is not offered', () => {
    expect(encodeShareValue('q'.repeat(1900), new Date())!.length).toBeLessThanOrEqual(2000);
    expect(encodeShareValue('q'.repeat(2000), new Date())).toBeNull();
  });

  it('rejects values it did not make', () => {
    expect(decodeShareValue(undefined)).toBeNull();
    expect(decodeShareValue('not json')).toBeNull();
    expect(decodeShareValue('{"v":2,"q":"1.31","t":0}')).toBeNull();
    expect(decodeShareValue('{"v":1,"q":"","t":0}')).toBeNull();
    expect(decodeShareValue('{"v":1,"q":"1.31","t":"yesterday"}')).toBeNull();
  });
});
