import { describe, expect, it } from 'vitest';
import { parseFormBody, readWithUrlSearchParams } from '../../../adapters/slack/form-body.ts';

const slashCommand = new URLSearchParams({
  command: '/k8s-release',
  text: 'what went GA in 1.31? & "quotes", 100% <@U1> 🚀 é',
  team_id: 'T1',
  response_url: 'https://hooks.slack.com/commands/T1/1/abc?x=1&y=2',
}).toString();

const bodies = [
  slashCommand,
  '',
  'a=1',
  'a=1&a=2',
  'a&b=&=c&&d=1',
  'a+b=c+d%2Be',
  'text=caf%C3%A9+%F0%9F%9A%80',
  'payload=%7B%22type%22%3A%22block_actions%22%7D',
  // What decodeURIComponent refuses: a bare '%', a truncated escape, bytes that are not UTF-8, a lone surrogate.
  'text=100%',
  'text=%E2%82',
  'text=%FF%FE',
  'text=%ED%A0%80',
  'a=%zz&b=2',
  // What a plain object cannot hold as URLSearchParams does, or URLSearchParams reads differently.
  '__proto__=x&a=1',
  '?a=1&b=2',
  'constructor=1&toString=2&hasOwnProperty=3',
  'a=1=2&b==3',
  'ünïcode=vålue&%C3%BC=1',
];

describe('parseFormBody', () => {
  it.each(bodies.map((body) => [JSON.stringify(body), body] as const))(
    'reads %s as Object.fromEntries(new URLSearchParams(body)) does',
    (_name, body) => {
      const form = parseFormBody(body);
      const expected = readWithUrlSearchParams(body);
      expect(form).toStrictEqual(expected);
      expect(Object.getPrototypeOf(form)).toBe(Object.getPrototypeOf(expected));
      expect(Object.keys(form)).toEqual(Object.keys(expected));
    },
  );

  it('reads every byte escape as URLSearchParams does', () => {
    for (let byte = 0; byte <= 0xff; byte += 1) {
      const body = `a=x%${byte.toString(16).padStart(2, '0')}y&b=%${byte.toString(16).toUpperCase()}`;
      expect(parseFormBody(body), body).toStrictEqual(readWithUrlSearchParams(body));
    }
  });
});
