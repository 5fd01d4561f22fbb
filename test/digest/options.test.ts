import { describe, expect, it } from 'vitest';
import { parseSubscribeOptions, parseUnsubscribeOptions } from '../../src/digest/options.ts';

const INHERITED = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];

describe('subscribe and unsubscribe options', () => {
  it('accept the words they know, beside one another', () => {
    expect(parseSubscribeOptions('weekly 09:00 UTC monday')).toEqual({
      ok: true,
      value: { kind: 'weekly', time: '09:00', timeZone: 'UTC', weekday: 1 },
    });
    expect(parseSubscribeOptions('releases patches 1.34')).toEqual({
      ok: true,
      value: { releases: { events: ['patch'], versions: ['1.34'] } },
    });
    expect(parseUnsubscribeOptions('milestones')).toEqual({ ok: true, value: { kind: 'milestones', releases: false } });
  });

  it('name a word every object inherits as an unknown option, alone or after a known one', () => {
    for (const word of INHERITED)
      for (const args of [word, `weekly ${word}`, `releases ${word}`]) {
        const subscribed = parseSubscribeOptions(args);
        expect(subscribed.ok, args).toBe(false);
        expect(!subscribed.ok && subscribed.problem, args).toContain(`Unknown option “${word}”`);
        const unsubscribed = parseUnsubscribeOptions(args);
        expect(unsubscribed.ok, `unsubscribe ${args}`).toBe(false);
        expect(!unsubscribed.ok && unsubscribed.problem, `unsubscribe ${args}`).toContain(`“${word}”`);
      }
  });
});
