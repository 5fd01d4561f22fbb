import { describe, expect, it } from 'vitest';
import { withoutControlCharacters, withoutHiddenCharacters } from '../../src/domain/unsafe-text.ts';

describe('unsafe characters (the one definition every cleaner uses)', () => {
  it('drops C0, DEL and C1 controls, tabs and newlines included, from a single line', () => {
    expect(withoutControlCharacters('a\u0000b\u0007c\td\ne\u007ff\u009bg')).toBe('abcdefg');
  });

  it('keeps tabs and newlines in multi-line text, and drops bidi overrides and isolates there', () => {
    expect(withoutControlCharacters('line one\n\tline\u0007 two\u202e owt\u2066x\u2069', true)).toBe(
      'line one\n\tline two owtx',
    );
  });

  it('returns multi-line text with nothing unsafe as it was', () => {
    const text = 'Code Freeze: 2024-07-24 02:00 UTC\n  KEP-3836 “Kube-proxy …” ✅';
    expect(withoutControlCharacters(text, true)).toBe(text);
  });

  it('drops invisible characters from a token: zero-width space, joiner, BOM, soft hyphen, bidi', () => {
    expect(withoutHiddenCharacters('\ufeffmile\u200bstones\u2060\u00ad\u202e\u0000')).toBe('milestones');
  });
});
