import { describe, expect, it } from 'vitest';
import { entryOf } from '../../src/domain/lookup.ts';

describe('entryOf', () => {
  const table: Record<string, number> = { one: 1, zero: 0 };

  it("gives the table's own entries, falsy ones included", () => {
    expect([entryOf(table, 'one'), entryOf(table, 'zero'), entryOf(table, 'two')]).toEqual([1, 0, undefined]);
  });

  it('gives nothing for what every object inherits', () => {
    for (const inherited of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'])
      expect(entryOf(table, inherited), inherited).toBeUndefined();
  });
});
