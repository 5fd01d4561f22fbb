// The relevance rule of the KEP full-text search: nonsense matches nothing, real typos still resolve.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { KepSearch, type Reading } from '../../src/engine/kep-search.ts';

let search: KepSearch;
beforeAll(() => {
  search = new KepSearch(loadDataset().keps);
});

const kinds = (text: string): string[] =>
  search
    .read(text)
    .map((reading: Reading) => `${reading.term}:${reading.kind}${'as' in reading ? `>${reading.as.join('/')}` : ''}`);

describe('reading query words', () => {
  it('reads indexed words as written', () => {
    expect(kinds('kube proxy nftables')).toEqual(['kube:exact', 'proxy:exact', 'nftable:exact']);
  });

  it('never fuzzes or completes a short word', () => {
    expect(kinds('foo bar baz')).toEqual(['foo:unread', 'bar:unread', 'baz:unread']);
  });

  it('completes a word only when most of it was typed', () => {
    expect(kinds('apparmo')).toEqual(['apparmo:completion>apparmor']);
    expect(kinds('kubecon')).toEqual(['kubecon:unread']);
  });

  it('corrects a close misspelling that keeps its first letter', () => {
    expect(kinds('apparmour')).toEqual(['apparmour:correction>apparmor']);
    expect(kinds('sidcar')).toEqual(['sidcar:correction>sidecar']);
    expect(kinds('smoothie')).toEqual(['smoothie:unread']);
  });
});

describe('resolving text to KEPs', () => {
  it.each([
    ['apparmour', 24, 'apparmor'],
    ['nftable', 3866, null],
    ['nftabels', 3866, 'nftables'],
    ['sidcar containers', 753, 'sidecar containers'],
    ['kube proxy nftables', 3866, null],
    ['cordinated leader election', 4355, 'coordinated leader election'],
  ] as const)('%s → KEP-%i', (text, number, correctedTo) => {
    const resolution = search.resolve(text);
    expect(resolution.kind).toBe('found');
    if (resolution.kind !== 'found') return;
    expect(resolution.kep.number).toBe(number);
    expect(resolution.correctedTo).toBe(correctedTo);
  });

  it.each([
    'foo bar baz',
    'when is kubecon',
    'banana smoothie',
    'xyzzy frobnicate',
    'quick brown fox',
    'a'.repeat(500),
  ])('%s matches nothing and guesses nothing', (text) => {
    expect(search.search(text)).toEqual([]);
    expect(search.resolve(text)).toEqual({ kind: 'none', suggestion: null });
  });

  it('drops a query mostly made of unknown words, and offers the corrected rest only when it names one KEP', () => {
    expect(search.resolve('foo bar apparmour')).toEqual({ kind: 'none', suggestion: 'apparmor' });
    expect(search.resolve('foo bar nftables')).toEqual({ kind: 'none', suggestion: null });
  });

  it('keeps partial matches a list: each must match at least half the words, and none is named with confidence', () => {
    const resolution = search.resolve('kube-proxy handle terminating nodes');
    expect(resolution.kind).toBe('ambiguous');
    for (const hit of search.search('kube-proxy handle terminating nodes')) {
      expect(
        hit.terms.filter((term) => ['kube', 'proxy', 'handle', 'terminating', 'node'].includes(term)).length,
      ).toBeGreaterThanOrEqual(3);
    }
  });
});
