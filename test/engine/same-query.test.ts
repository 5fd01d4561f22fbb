import { describe, expect, it } from 'vitest';
import { sameQuery } from '../../src/engine/same-query.ts';

describe('sameQuery', () => {
  const notes = { corrections: [], truncated: false, stripped: false };
  const gaIn131 = { kind: 'stage-list', version: { kind: 'exact', minor: '1.31', patch: null }, stage: 'stable' };

  it('is true for the same query built again, in any key order, whatever its notes say', () => {
    const again = { stage: 'stable', version: { patch: null, minor: '1.31', kind: 'exact' }, kind: 'stage-list' };
    expect(sameQuery({ ...gaIn131, notes }, { ...again, notes: { ...notes, asked: 'what went GA in 1.31' } })).toBe(
      true,
    );
  });

  it('treats a key set to undefined as a missing one, as JSON does', () => {
    expect(sameQuery({ ...gaIn131, sig: undefined }, gaIn131)).toBe(true);
  });

  it('tells apart queries that differ anywhere, nested values and list lengths included', () => {
    expect(sameQuery(gaIn131, { ...gaIn131, stage: 'beta' })).toBe(false);
    expect(sameQuery(gaIn131, { ...gaIn131, version: { kind: 'exact', minor: '1.30', patch: null } })).toBe(false);
    expect(sameQuery(gaIn131, { ...gaIn131, sig: 'sig-node' })).toBe(false);
    expect(sameQuery({ kind: 'compare', versions: ['1.30', '1.31'] }, { kind: 'compare', versions: ['1.30'] })).toBe(
      false,
    );
    expect(sameQuery({ kind: 'x', value: null }, { kind: 'x', value: {} })).toBe(false);
    expect(sameQuery({ kind: 'x', list: [] }, { kind: 'x', list: {} })).toBe(false);
  });
});
