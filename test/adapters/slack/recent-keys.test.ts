import { describe, expect, it } from 'vitest';
import { RecentKeys } from '../../../adapters/slack/recent-keys.ts';

describe('RecentKeys', () => {
  it('claims a key once within the TTL and again after it expires', () => {
    let now = 1_000;
    const keys = new RecentKeys(60_000, 100, () => now);
    expect(keys.claim('Ev1')).toBe(true);
    expect(keys.claim('Ev1')).toBe(false);
    now += 59_999;
    expect(keys.claim('Ev1')).toBe(false);
    now += 1;
    expect(keys.claim('Ev1')).toBe(true);
  });

  it('stays bounded, forgetting the oldest key first', () => {
    const keys = new RecentKeys(60_000, 3, () => 0);
    for (const key of ['a', 'b', 'c', 'd']) keys.claim(key);
    expect(keys.size).toBe(3);
    expect(keys.claim('a')).toBe(true);
    expect(keys.claim('d')).toBe(false);
  });

  it('drops expired keys as time passes', () => {
    let now = 0;
    const keys = new RecentKeys(10, 100, () => now);
    for (let i = 0; i < 50; i += 1) keys.claim(`k${i}`);
    now = 11;
    keys.claim('fresh');
    expect(keys.size).toBe(1);
  });
});
