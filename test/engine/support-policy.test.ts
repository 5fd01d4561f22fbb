import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { buildIndex, type EngineIndex } from '../../src/engine/engine-index.ts';
import { supportPolicy } from '../../src/engine/intents/support-policy.ts';
import type { SupportPolicyQuery } from '../../src/engine/kinds/support-policy.ts';

let index: EngineIndex;
beforeAll(() => {
  index = buildIndex(loadDataset());
});

const NOW = new Date('2026-11-21T12:00:00Z');
const notes = { corrections: [], truncated: false, stripped: false };
const v = (minor: string) => ({ kind: 'exact' as const, minor, patch: null });
const ask = (query: Partial<SupportPolicyQuery>) =>
  supportPolicy(
    { kind: 'support-policy', topic: null, version: null, module: null, moduleVersion: null, notes, ...query },
    index,
    NOW,
  );

describe('support policy and client libraries on the bundled data', () => {
  it('how long do patches keep coming: about 14 months, 12 standard + 2 maintenance, quoted', () => {
    const answer = ask({ topic: 'patch-support' });
    expect(answer.summary).toMatch(
      /^A minor release gets patch releases for about 14 months: 12 months of standard support, then 2 months of maintenance mode/,
    );
    expect(answer.sections[0]!.lines[0]).toContain('roughly fourteen (14) months');
    expect(answer.links[0]!.url).toBe('https://kubernetes.io/releases/patch-releases/#support-period');
  });

  it('for one release, its own dates beside the policy; before 1.19 the 9-month rule', () => {
    const release = index.releaseByVersion.get('1.33')!;
    const answer = ask({ topic: 'patch-support', version: v('1.33') });
    expect(answer.summary).toMatch(
      new RegExp(`^Kubernetes 1\\.33 got patches until its end of life on ${release.eolDate}`),
    );
    expect(answer.facts.map((f) => f.label)).toEqual(['Released', 'Maintenance mode', 'End of life']);
    expect(ask({ topic: 'patch-support', version: v('1.16') }).summary).toContain(
      '1.16 predates the 14-month policy (from 1.19): releases before it got about 9 months.',
    );
  });

  it('what is maintenance mode: the last two months, CVEs, dependencies and critical fixes only', () => {
    const answer = ask({ topic: 'maintenance-mode' });
    expect(answer.summary).toContain('last two months');
    expect(answer.sections[0]!.lines.join('\n')).toContain('Vulnerabilities that have an assigned CVE ID');
    const release = index.releaseByVersion.get('1.31')!;
    expect(ask({ topic: 'maintenance-mode', version: v('1.31') }).summary).toMatch(
      new RegExp(`^Kubernetes 1\\.31 entered maintenance mode on ${release.maintenanceModeDate}`),
    );
  });

  it('which k8s.io/api tag matches 1.33: v0.33.x, with the newest patch', () => {
    const patch = index.releaseByVersion
      .get('1.33')!
      .patches.filter((entry) => entry.date <= '2026-11-21')
      .at(-1)!.version;
    const answer = ask({ topic: 'client-libraries', version: v('1.33'), module: 'k8s.io/api' });
    expect(answer.summary).toBe(
      `k8s.io/api v0.33.x matches Kubernetes 1.33 (the newest 1.33 patch in the data, ${patch}, is v0.${patch.slice(2)}); the same release is also tagged kubernetes-${patch}.`,
    );
    expect(answer.sections[0]!.lines[0]).toBe('“Semver tags of v0.x.y (corresponding to kubernetes v1.x.y)” (KEP-917)');
  });

  it('reads a module version back to its release, and flags a patch the data lacks', () => {
    expect(ask({ module: 'k8s.io/client-go', moduleVersion: 'v0.29.3' }).summary).toMatch(
      /^k8s\.io\/client-go v0\.29\.3 is Kubernetes 1\.29\.3/,
    );
    const missing = ask({ module: 'k8s.io/client-go', moduleVersion: 'v0.29.99' });
    expect(missing.sections.at(-1)!.lines.join(' ')).toContain('The data has no Kubernetes 1.29.99 release');
  });

  it('a release older than the v0.x.y tags does not get an invented tag', () => {
    const answer = ask({ topic: 'client-libraries', version: v('1.15'), module: 'k8s.io/client-go' });
    expect(answer.summary).toMatch(
      /^Kubernetes 1\.15 came out on 2019-06-19, before KEP-917 added the v0\.x\.y tags \(2019-11-01\)/,
    );
    expect(answer.summary).not.toMatch(/matches Kubernetes/);
  });

  it('a module outside the staging set is flagged', () => {
    expect(
      ask({ topic: 'client-libraries', version: v('1.33'), module: 'k8s.io/klog' }).sections.at(-1)!.lines[0],
    ).toContain('has its own versions');
  });

  it('the whole policy in brief, and an unknown release answers honestly', () => {
    expect(ask({}).sections.map((s) => s.heading)).toEqual([
      'release branches',
      'patch support',
      'maintenance mode',
      'end of life',
      'patch cadence',
      'cherry picks',
      'release cadence',
      'client libraries',
    ]);
    expect(ask({ topic: 'patch-support', version: v('1.99') }).summary).toContain("I don't know Kubernetes 1.99");
  });
});
