import { describe, expect, it } from 'vitest';
import {
  memo,
  memoForObject,
  memoOnObject,
  memoPair,
  memoPerObject,
  memoPerObjectLastKey,
} from '../../src/domain/memo.ts';

describe('memo', () => {
  it('computes a key once, and again after the cache was cleared for being full', () => {
    const computed: string[] = [];
    const upper = memo(2, (key) => {
      computed.push(key);
      return key.toUpperCase();
    });
    expect([upper('a'), upper('a'), upper('b'), upper('c'), upper('a')]).toEqual(['A', 'A', 'B', 'C', 'A']);
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('memoPair', () => {
  it('computes a pair once, keeps the order of its two strings apart, and starts over when full', () => {
    const computed: string[] = [];
    const joined = memoPair(3, (first, second) => {
      computed.push(`${first}+${second}`);
      return `${first}${second}`;
    });
    const asked = [joined('a', 'b'), joined('b', 'a'), joined('a', 'b'), joined('a|b', ''), joined('a', '|b')];
    expect(asked).toEqual(['ab', 'ba', 'ab', 'a|b', 'a|b']);
    // Full after three pairs: the fourth starts a new cache, so 'b','a' is computed again after it.
    expect(computed).toEqual(['a+b', 'b+a', 'a|b+', 'a+|b']);
    expect(joined('b', 'a')).toBe('ba');
    expect(computed.at(-1)).toBe('b+a');
  });

  it('remembers an undefined result as a result', () => {
    let calls = 0;
    const nothing = memoPair(10, () => {
      calls += 1;
      return undefined;
    });
    nothing('x', 'y');
    nothing('x', 'y');
    expect(calls).toBe(1);
  });
});

describe('memoForObject', () => {
  it('keeps one result per object, whichever was asked last, null included', () => {
    const seen: number[] = [];
    const halfOrNull = memoForObject((owner: { n: number }) => {
      seen.push(owner.n);
      return owner.n % 2 === 0 ? owner.n / 2 : null;
    });
    const even = { n: 4 };
    const odd = { n: 3 };
    expect([halfOrNull(even), halfOrNull(odd), halfOrNull(even), halfOrNull(odd)]).toEqual([2, null, 2, null]);
    expect(seen).toEqual([4, 3]);
    expect(halfOrNull({ n: 4 })).toBe(2);
    expect(seen).toEqual([4, 3, 4]);
  });
});

describe('memoPerObject', () => {
  it('keeps one result per object and key', () => {
    let calls = 0;
    const sum = memoPerObject((owner: { base: number }, add: number) => {
      calls += 1;
      return owner.base + add;
    });
    const one = { base: 1 };
    const two = { base: 2 };
    expect([sum(one, 1), sum(two, 1), sum(one, 1), sum(one, 2)]).toEqual([2, 3, 2, 3]);
    expect(calls).toBe(3);
  });
});

describe('memoOnObject', () => {
  it('reads an object once while it is the one asked about, and anew for another object', () => {
    const seen: number[] = [];
    const doubled = memoOnObject((owner: { n: number }) => {
      seen.push(owner.n);
      return owner.n * 2;
    });
    const first = { n: 1 };
    const second = { n: 2 };
    expect([doubled(first), doubled(first), doubled(second), doubled(second), doubled(first)]).toEqual([2, 2, 4, 4, 2]);
    expect(seen).toEqual([1, 2, 1]);
  });

  it('remembers a null or undefined result as a result', () => {
    let calls = 0;
    const nothing = memoOnObject((_owner: object) => {
      calls += 1;
      return undefined;
    });
    const owner = {};
    nothing(owner);
    nothing(owner);
    expect(calls).toBe(1);
  });

  it('does not remember a computation that threw', () => {
    let calls = 0;
    const failing = memoOnObject((_owner: object): number => {
      calls += 1;
      if (calls === 1) throw new Error('first read fails');
      return calls;
    });
    const owner = {};
    expect(() => failing(owner)).toThrow('first read fails');
    expect(failing(owner)).toBe(2);
  });
});

describe('memoPerObjectLastKey', () => {
  it("keeps each object's last key only: the same key again is remembered, another key computed anew", () => {
    const asked: string[] = [];
    const on = memoPerObjectLastKey((owner: { name: string }, day: string) => {
      asked.push(`${owner.name}@${day}`);
      return `${owner.name} on ${day}`;
    });
    const a = { name: 'a' };
    const b = { name: 'b' };
    expect([on(a, 'mon'), on(b, 'mon'), on(a, 'mon'), on(a, 'tue'), on(a, 'mon'), on(b, 'mon')]).toEqual([
      'a on mon',
      'b on mon',
      'a on mon',
      'a on tue',
      'a on mon',
      'b on mon',
    ]);
    expect(asked).toEqual(['a@mon', 'b@mon', 'a@tue', 'a@mon']);
  });

  it('remembers a null result as a result', () => {
    let calls = 0;
    const none = memoPerObjectLastKey((_owner: object, _key: number) => {
      calls += 1;
      return null;
    });
    const owner = {};
    expect([none(owner, 1), none(owner, 1)]).toEqual([null, null]);
    expect(calls).toBe(1);
  });
});
