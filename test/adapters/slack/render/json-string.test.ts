import { describe, expect, it } from 'vitest';
import { jsonString } from '../../../../adapters/slack/render/json-string.ts';

const samples = [
  '',
  'plain ascii text',
  'quotes " and backslashes \\ and \\"',
  'line\nbreaks\r\nand\ttabs\b\f',
  'only\nline\nbreaks\n',
  '\n',
  'other control characters \u0000 \u0001 \u001f \u007f',
  'emoji 🚀 and “curly” quotes, U+2028 \u2028 U+2029 \u2029',
  'lone surrogates \ud83d and \ude80 and at the end \ud83d',
  'reversed pair \ude80\ud83d',
  '&amp; &lt;!channel&gt; <https://example.com|link>',
];

describe('jsonString', () => {
  it('writes what JSON.stringify writes, for the samples and every UTF-16 code unit, alone and after line breaks', () => {
    for (const text of samples) expect(jsonString(text)).toBe(JSON.stringify(text));
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      for (const text of [`a${char}b`, `a\n${char}\nb`]) {
        expect(jsonString(text), `U+${code.toString(16)} in ${JSON.stringify(text)}`).toBe(JSON.stringify(text));
      }
    }
  });
});
