import { describe, expect, it } from 'vitest';
import { settlesWithin } from '../src/settles-within.ts';

describe('settlesWithin: the one deadline race', () => {
  it('true when the work is fulfilled in time', async () => {
    expect(await settlesWithin(Promise.resolve('answer'), 1_000)).toBe(true);
  });

  it('true when the work is rejected in time: settling is all it reports', async () => {
    const failing = Promise.reject(new Error('reply failed'));
    expect(await settlesWithin(failing, 1_000)).toBe(true);
    await expect(failing).rejects.toThrow('reply failed');
  });

  it('false when the deadline comes first; a negative deadline is already past', async () => {
    const never = new Promise<never>(() => {});
    expect(await settlesWithin(never, 10)).toBe(false);
    expect(await settlesWithin(never, -5)).toBe(false);
  });
});
