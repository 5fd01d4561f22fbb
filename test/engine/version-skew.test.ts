import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import type { Component } from '../../src/domain/policy.ts';
import { buildIndex, type EngineIndex } from '../../src/engine/engine-index.ts';
import { versionSkew } from '../../src/engine/intents/version-skew.ts';
import type { VersionSkewQuery } from '../../src/engine/kinds/version-skew.ts';

let index: EngineIndex;
beforeAll(() => {
  index = buildIndex(loadDataset());
});

const NOW = new Date('2026-11-21T12:00:00Z');
const notes = { corrections: [], truncated: false, stripped: false };
const v = (minor: string) => ({ kind: 'exact' as const, minor, patch: null });
const ask = (query: Partial<VersionSkewQuery>) =>
  versionSkew(
    {
      kind: 'version-skew',
      ask: 'check',
      component: null,
      version: null,
      against: null,
      againstVersion: null,
      offset: null,
      notes,
      ...query,
    },
    index,
    NOW,
  );
const check = (component: Component, version: string, againstVersion: string, against: Component | null = null) =>
  ask({ component, version: v(version), against, againstVersion: v(againstVersion) });

describe('version skew on the bundled policy data', () => {
  it.each([
    // component, its version, kube-apiserver, supported?
    ['kubelet', '1.30', '1.33', true],
    ['kubelet', '1.29', '1.33', false],
    ['kubelet', '1.34', '1.33', false],
    ['kubelet', '1.27', '1.30', true],
    ['kubelet', '1.25', '1.28', true],
    ['kubelet', '1.24', '1.27', false],
    ['kubelet', '1.25', '1.27', true],
    ['kube-proxy', '1.30', '1.33', true],
    ['kube-proxy', '1.23', '1.26', false],
    ['kubectl', '1.33', '1.31', false],
    ['kubectl', '1.32', '1.31', true],
    ['kubectl', '1.30', '1.31', true],
    ['kubectl', '1.29', '1.31', false],
    ['kube-controller-manager', '1.32', '1.33', true],
    ['kube-scheduler', '1.34', '1.33', false],
    ['cloud-controller-manager', '1.31', '1.33', false],
    ['kube-apiserver', '1.32', '1.33', true],
    ['kube-apiserver', '1.31', '1.33', false],
  ] as const)('%s %s with kube-apiserver %s: supported %s', (component, version, apiserver, supported) => {
    const answer = check(component, version, apiserver);
    expect(answer.intent).toBe('version-skew');
    expect(answer.summary).toMatch(supported ? /^Yes — / : /^No — /);
    expect(answer.facts.find((f) => f.label === 'Supported')?.raw).toBe(supported);
  });

  it('says which limit held when: n-3 since 1.28 (KEP-3935), n-2 before', () => {
    const after = check('kubelet', '1.27', '1.30');
    expect(after.summary).toContain('at most 3 minor versions older than kube-apiserver, never newer');
    expect(after.sections[0]!.lines.join('\n')).toContain('held since kube-apiserver 1.28 (KEP-3935');
    const before = check('kubelet', '1.24', '1.27');
    expect(before.summary).toContain('at most 2 minor versions older');
    expect(before.summary).toContain('n-3 holds from kube-apiserver 1.28');
    expect(before.summary).toContain('Supported with kube-apiserver 1.27: kubelet 1.25, 1.26, 1.27.');
  });

  it('quotes the policy page for the rule it applied, and links its section', () => {
    const answer = check('kubectl', '1.33', '1.31');
    expect(answer.summary).toContain('kubectl 1.30, 1.31, 1.32');
    expect(answer.sections[0]!.lines[0]).toBe(
      '“kubectl is supported within one minor version (older or newer) of kube-apiserver.” (kubernetes.io/releases/version-skew-policy)',
    );
    expect(answer.links[0]!.url).toBe('https://kubernetes.io/releases/version-skew-policy/#kubectl');
  });

  it('reads a pair given from the control plane side (kube-apiserver 1.33 with kubelet 1.29)', () => {
    const answer = ask({
      component: 'kube-apiserver',
      version: v('1.33'),
      against: 'kubelet',
      againstVersion: v('1.29'),
    });
    expect(answer.summary).toMatch(/^No — kubelet 1\.29 with kube-apiserver 1\.33/);
  });

  it('checks kube-proxy against the kubelet beside it, both ways', () => {
    expect(check('kube-proxy', '1.33', '1.30', 'kubelet').summary).toMatch(/^Yes/);
    expect(check('kube-proxy', '1.34', '1.30', 'kubelet').summary).toMatch(/^No/);
  });

  it('lists the versions that work with a control plane, across the 1.28 change', () => {
    const range = (version: string) =>
      ask({ ask: 'range', component: 'kubelet', againstVersion: v(version) }).facts[0]!.raw;
    expect(range('1.33')).toBe('1.30,1.31,1.32,1.33');
    expect(range('1.28')).toBe('1.25,1.26,1.27,1.28');
    expect(range('1.27')).toBe('1.25,1.26,1.27');
  });

  it('gives the upgrade order: apiservers, then the controllers, then kubelets and kube-proxy', () => {
    const answer = ask({ ask: 'upgrade-order' });
    expect(answer.summary).toBe(
      'Upgrade in this order, one minor version at a time: kube-apiserver, then kube-controller-manager / kube-scheduler / cloud-controller-manager, then kubelet, then kube-proxy.',
    );
    expect(answer.sections.map((s) => s.heading)).toEqual([
      '1. kube-apiserver',
      '2. kube-controller-manager, kube-scheduler, cloud-controller-manager',
      '3. kubelet',
      '4. kube-proxy',
    ]);
    expect(answer.sections[2]!.lines.join(' ')).toContain('In-place minor version kubelet upgrades are not supported.');
  });

  it('refuses to skip a minor on the control plane, and allows one step', () => {
    expect(ask({ ask: 'upgrade-path', againstVersion: v('1.30'), version: v('1.32') }).summary).toBe(
      'No — kube-apiserver must not skip minor versions: go 1.30 → 1.31 → 1.32, 2 upgrades of one minor each.',
    );
    expect(ask({ ask: 'upgrade-path', againstVersion: v('1.31'), version: v('1.32') }).summary).toMatch(
      /^Yes — 1\.31 to 1\.32 is one minor version/,
    );
    expect(ask({ ask: 'upgrade-path', againstVersion: v('1.32'), version: v('1.31') }).summary).toContain(
      'a downgrade, which it does not cover',
    );
  });

  it('answers honestly for a version the data does not know', () => {
    const answer = check('kubelet', '1.30', '1.99');
    expect(answer.summary).toContain("I don't know Kubernetes 1.99");
    expect(answer.summary).not.toMatch(/^(Yes|No) —/);
  });

  it('without a control-plane version, checks against the latest release at now and says so', () => {
    const answer = ask({ ask: 'range', component: 'kubelet' });
    const latest = /\((1\.(\d+)) is the latest release as of 2026-11-21\)/.exec(answer.summary);
    expect(latest).not.toBeNull();
    const n = Number(latest![2]);
    expect(answer.facts[0]!.raw).toBe([n - 3, n - 2, n - 1, n].map((minor) => `1.${minor}`).join(','));
  });
});
