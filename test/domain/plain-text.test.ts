import { describe, expect, it } from 'vitest';
import { isAscii, singleSpaced } from '../../src/domain/plain-text.ts';

describe('singleSpaced', () => {
  it('is the text with every whitespace run made one space and trimmed, as /\\s+/g → " " then trim() makes it', () => {
    const texts = [
      'already single spaced',
      '  two  spaces  ',
      'tab\tand\nnewline\r\n',
      ' \t mixed \u00a0 runs\u2003\u3000end ',
      '\u00a0lead and trail\u2028',
      'x',
      '',
      '   ',
    ];
    for (const text of texts) expect(singleSpaced(text), JSON.stringify(text)).toBe(text.replace(/\s+/g, ' ').trim());
  });

  it('returns text that is already single-spaced as it is', () => {
    const text = 'what went GA in 1.31';
    expect(singleSpaced(text)).toBe(text);
  });
});

describe('isAscii', () => {
  it('is true for ASCII only, control characters included, and false for anything beyond', () => {
    expect(isAscii('what went GA in 1.31?\t')).toBe(true);
    expect(isAscii('')).toBe(true);
    expect(isAscii('café')).toBe(false);
    expect(isAscii('1.29 → 1.31')).toBe(false);
  });
});
