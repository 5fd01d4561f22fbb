import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { buildIndex } from '../../src/engine/engine-index.ts';
import { parse as parseWith } from '../../src/engine/parse.ts';
import { Query } from '../../src/engine/query.ts';

const now = new Date('2024-09-01T12:00:00Z');
const index = buildIndex(loadDataset());
/** The parser reads questions against the bundled dataset's vocabulary (gates, feature names, SIGs). */
const parse = (text: string, at: Date) => parseWith(text, index, at);
const v = (minor: string, patch: string | null = null) => ({ kind: 'exact', minor, patch });
const rel = (which: string) => ({ kind: 'relative', which });

const cases: Array<[string, Record<string, unknown>]> = [
  // 1. release summary, every way of writing a version
  ['1.31', { kind: 'release-summary', version: v('1.31') }],
  ['v1.31', { kind: 'release-summary', version: v('1.31') }],
  ['1,31', { kind: 'release-summary', version: v('1.31') }],
  ['1.31.2', { kind: 'release-summary', version: v('1.31', '1.31.2') }],
  ['tell me about 1.24', { kind: 'release-summary', version: v('1.24') }],
  ["what's in the latest release", { kind: 'release-summary', version: rel('latest') }],
  ['what is the current version of kubernetes', { kind: 'release-summary', version: rel('current') }],
  ['previous release', { kind: 'release-summary', version: rel('previous') }],
  ['what will the next release have', { kind: 'release-summary', version: rel('next') }],
  ['1.99', { kind: 'release-summary', version: v('1.99') }],
  ['kubernetes 2.0', { kind: 'release-summary', version: v('2.0') }],
  // 2. stage lists
  ['what went GA', { kind: 'stage-list', version: null, stage: 'stable', sig: null }],
  ['what went GA in 1.31', { kind: 'stage-list', version: v('1.31'), stage: 'stable' }],
  ["what GA'd in 1,31", { kind: 'stage-list', version: v('1.31'), stage: 'stable' }],
  ['what went g.a. in the latest release', { kind: 'stage-list', version: rel('latest'), stage: 'stable' }],
  ['beta features in 1.30', { kind: 'stage-list', version: v('1.30'), stage: 'beta' }],
  ['new alpha in 1.31', { kind: 'stage-list', version: v('1.31'), stage: 'alpha' }],
  [
    'what graduated to stable in v1.29 for sig-network',
    { kind: 'stage-list', version: v('1.29'), stage: 'stable', sig: 'sig-network' },
  ],
  ['what graduated in 1.30 for SIG Node', { kind: 'stage-list', version: v('1.30'), stage: 'stable', sig: 'sig-node' }],
  // 3. KEP lookups
  ['KEP-3836', { kind: 'kep', ref: { kind: 'number', number: 3836 }, askStage: null }],
  ['kep 3836', { kind: 'kep', ref: { kind: 'number', number: 3836 } }],
  ['#24', { kind: 'kep', ref: { kind: 'number', number: 24 } }],
  ['https://github.com/kubernetes/enhancements/issues/753', { kind: 'kep', ref: { kind: 'number', number: 753 } }],
  ['is KEP-3836 GA?', { kind: 'kep', ref: { kind: 'number', number: 3836 }, askStage: 'stable' }],
  ['apparmor', { kind: 'kep', ref: { kind: 'number', number: 24 }, askStage: null }],
  ['NFTablesProxyMode', { kind: 'kep', ref: { kind: 'number', number: 3866, gate: 'NFTablesProxyMode' } }],
  ['sidecar containers', { kind: 'kep', ref: { kind: 'number', number: 753 } }],
  ['Is nftables GA?', { kind: 'kep', ref: { kind: 'number', number: 3866 }, askStage: 'stable', version: null }],
  [
    'was AppArmor beta in 1.30',
    { kind: 'kep', ref: { kind: 'number', number: 24 }, askStage: 'beta', version: v('1.30') },
  ],
  // 4. history
  ['when did AppArmor go GA', { kind: 'history', ref: { kind: 'number', number: 24 }, stage: 'stable' }],
  [
    'when will sidecar containers be stable',
    { kind: 'history', ref: { kind: 'number', number: 753 }, stage: 'stable' },
  ],
  ['which release did nftables go beta in', { kind: 'history', ref: { kind: 'number', number: 3866 }, stage: 'beta' }],
  ['when was KEP-3836 introduced', { kind: 'history', ref: { kind: 'number', number: 3836 } }],
  ['history of apparmor', { kind: 'history', ref: { kind: 'number', number: 24 }, stage: null }],
  // 5. schedule
  ['1.31 schedule', { kind: 'schedule', version: v('1.31'), target: null, countdown: false }],
  ['when is code freeze for 1.31', { kind: 'schedule', version: v('1.31'), target: 'code-freeze' }],
  ['when is the next release', { kind: 'schedule', version: rel('next'), target: 'release' }],
  [
    'how long until enhancements freeze',
    { kind: 'schedule', version: null, target: 'enhancements-freeze', countdown: true },
  ],
  ['when was 1.24 released', { kind: 'schedule', version: v('1.24'), target: 'release' }],
  ['when is the next code freeze', { kind: 'schedule', version: null, target: 'code-freeze' }],
  ['when is the next freeze', { kind: 'schedule', version: null, target: 'any-freeze' }],
  ['1.31 docs freeze', { kind: 'schedule', version: v('1.31'), target: 'docs-freeze' }],
  ['when is the first release candidate of 1.31', { kind: 'schedule', version: v('1.31'), target: 'rc' }],
  ['shedule for 1.31', { kind: 'schedule', version: v('1.31'), target: null }],
  // 6. team
  ['who led 1.24', { kind: 'team', version: v('1.24'), role: 'lead' }],
  ['who was the 1.31 comms lead', { kind: 'team', version: v('1.31'), role: 'comms' }],
  ['1.31 release team', { kind: 'team', version: v('1.31'), role: null }],
  ['1.31 enhancements shadows', { kind: 'team', version: v('1.31'), role: 'enhancements', shadows: true }],
  ['who is the release lead for the next release', { kind: 'team', version: rel('next'), role: 'lead' }],
  // 7. support
  ['is 1.28 still supported', { kind: 'support', version: v('1.28'), ask: 'status' }],
  ['when does 1.31 reach end of life', { kind: 'support', version: v('1.31'), ask: 'eol' }],
  ['1.27 EOL', { kind: 'support', version: v('1.27'), ask: 'eol' }],
  ['which versions are supported', { kind: 'support', version: null, ask: 'list' }],
  ['latest patch of 1.30', { kind: 'support', version: v('1.30'), ask: 'latest-patch' }],
  ['what is the latest patch release', { kind: 'support', version: null, ask: 'latest-patch' }],
  // 8. deprecations
  ['what was removed in 1.24', { kind: 'deprecations', version: v('1.24'), focus: 'removed', upgrade: null }],
  ['deprecations in 1.31', { kind: 'deprecations', version: v('1.31'), focus: 'deprecated' }],
  ['depreciated apis in 1.22', { kind: 'deprecations', version: v('1.22'), focus: 'both' }],
  ['which APIs are removed in 1.25', { kind: 'deprecations', version: v('1.25'), focus: 'removed' }],
  ['what breaks if I upgrade from 1.24 to 1.26', { kind: 'upgrade', from: v('1.24'), to: v('1.26') }],
  ['1.24 -> 1.26', { kind: 'deprecations', upgrade: { from: v('1.24'), to: v('1.26') } }],
  ['upgrade to 1.25', { kind: 'upgrade', from: null, to: v('1.25') }],
  ['is PodSecurityPolicy removed', { kind: 'deprecations', subject: 'PodSecurityPolicy', focus: 'removed' }],
  ['when was policy/v1beta1 removed', { kind: 'deprecations', subject: 'policy/v1beta1' }],
  // 9–11
  ['what did SIG Storage ship in 1.31', { kind: 'sig', sig: 'sig-storage', version: v('1.31') }],
  ['sig-api-machinery', { kind: 'sig', sig: 'sig-api-machinery', version: null }],
  ['compare 1.30 and 1.31', { kind: 'compare', a: v('1.30'), b: v('1.31') }],
  ['1.30 vs 1.31', { kind: 'compare', a: v('1.30'), b: v('1.31') }],
  ['compare latest and previous', { kind: 'compare', a: rel('latest'), b: rel('previous') }],
  ['help', { kind: 'help', reason: 'asked' }],
  ['what can you do?', { kind: 'help', reason: 'asked' }],
  // 12. search and typos
  ['apparmour', { kind: 'search', text: 'apparmour' }],
  ['nftable', { kind: 'search', text: 'nftable' }],
  ['how does kube-proxy handle terminating nodes', { kind: 'search', text: 'kube-proxy handle terminating nodes' }],
  ['leader election', { kind: 'kep', ref: { kind: 'number', number: 4355 } }],
  ['when did leader election go GA', { kind: 'history', ref: { kind: 'number', number: 4355 }, stage: 'stable' }],
  ['1.32 branch manager', { kind: 'team', version: v('1.32'), role: 'branch-manager' }],
];

describe('parse', () => {
  it.each(cases)('%j', (text, expected) => {
    const query = parse(text, now);
    expect(query).toMatchObject(expected);
    expect(Query.safeParse(query).success).toBe(true);
  });

  it('records keyword corrections', () => {
    expect(parse('shedule for 1.31', now).notes.corrections).toEqual([{ from: 'shedule', to: 'schedule' }]);
    expect(parse('depreciated apis', now).notes.corrections).toEqual([{ from: 'depreciated', to: 'deprecated' }]);
  });

  it('does not "correct" real words into keywords', () => {
    expect(parse('table', now)).toMatchObject({ kind: 'search', text: 'table' });
    expect(parse('apparmour', now).notes.corrections).toEqual([]);
  });
});

describe('parse: hostile input', () => {
  it('treats empty, blank and emoji-only input as empty', () => {
    for (const text of ['', '   ', '\n\t', '🚀🚀🎉', '**', '<!channel>', '@everyone @here']) {
      expect(parse(text, now)).toMatchObject({ kind: 'help', reason: 'empty' });
    }
  });

  it('drops mass mentions and user mentions but still reads the question', () => {
    const query = parse('<!channel> <@U123ABC> what went GA in v1.31 @everyone', now);
    expect(query).toMatchObject({ kind: 'stage-list', version: v('1.31'), stage: 'stable', notes: { stripped: true } });
    const search = parse('@everyone <!here|here> apparmor <@&1234567890>', now);
    expect(search).toMatchObject({ kind: 'kep', ref: { kind: 'number', number: 24 } });
  });

  it('ignores markdown, control characters, zero-width and bidi characters', () => {
    expect(parse('**1.31** `schedule`', now)).toMatchObject({ kind: 'schedule', version: v('1.31') });
    expect(parse('> _what went GA in 1.31_', now)).toMatchObject({ kind: 'stage-list', version: v('1.31') });
    expect(parse('1.3\u200b1 sche\u0000dule', now)).toMatchObject({ version: v('1.31') });
    expect(parse('\u202ewhat went GA in 1.31\u0007', now)).toMatchObject({ kind: 'stage-list', version: v('1.31') });
    expect(parse('[KEP-3836](https://example.com/x)', now)).toMatchObject({ kind: 'kep', ref: { number: 3836 } });
  });

  it('reads only the start of a 10,000-character question and says so', () => {
    const query = parse(`what went GA in 1.31? ${'🙂'.repeat(5_000)}`, now);
    expect(query.notes.truncated).toBe(true);
    expect(query).toMatchObject({ kind: 'stage-list', version: v('1.31') });
    const pasted = parse(`what went GA in 1.31 ${'lorem ipsum '.repeat(900)}`, now);
    expect(pasted.notes.truncated).toBe(true);
    expect(Query.safeParse(pasted).success).toBe(true);
    const noise = parse('x'.repeat(10_000), now);
    expect(noise.notes.truncated).toBe(true);
    expect(Query.safeParse(noise).success).toBe(true);
  });

  it('never throws on odd input', () => {
    const odd = [
      '\u0000'.repeat(500),
      '#'.repeat(1000),
      '1.'.repeat(3000),
      'v1.31'.repeat(2000),
      '<'.repeat(5000),
      '🏳️‍🌈'.repeat(500),
      'sig '.repeat(900),
      String.fromCharCode(0xd800),
    ];
    for (const text of odd) expect(Query.safeParse(parse(text, now)).success).toBe(true);
    expect(Query.safeParse(parse(undefined as unknown as string, now)).success).toBe(true);
  });
});
