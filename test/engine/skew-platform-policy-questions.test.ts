import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { createEngine, type Engine } from '../../src/engine/index.ts';

let engine: Engine;
beforeAll(() => {
  engine = createEngine(loadDataset());
});

const NOW = new Date('2026-11-21T12:00:00Z');

// Questions as people type them → the kind, the query fields that matter, and how the answer starts.
const cases: Array<{ q: string; kind: string; query?: Record<string, unknown>; starts: RegExp }> = [
  {
    q: 'kubelet 1.30 against a 1.33 control plane — supported?',
    kind: 'version-skew',
    query: { ask: 'check', component: 'kubelet' },
    starts: /^Yes — kubelet 1\.30 with kube-apiserver 1\.33/,
  },
  {
    q: 'is kubectl 1.33 OK with a 1.31 cluster?',
    kind: 'version-skew',
    query: { ask: 'check', component: 'kubectl' },
    starts: /^No — kubectl 1\.33 with kube-apiserver 1\.31/,
  },
  {
    q: 'can I run 1.24 kubelets with a 1.27 apiserver',
    kind: 'version-skew',
    starts: /^No — kubelet 1\.24 with kube-apiserver 1\.27/,
  },
  {
    q: 'kubelet 1.27 vs api server 1.30 compatible?',
    kind: 'version-skew',
    starts: /^Yes — kubelet 1\.27 with kube-apiserver 1\.30/,
  },
  {
    q: 'kube-apiserver 1.33 with kubelet 1.29',
    kind: 'version-skew',
    starts: /^No — kubelet 1\.29 with kube-apiserver 1\.33/,
  },
  {
    q: 'is kube-scheduler 1.32 ok against kube-apiserver 1.33?',
    kind: 'version-skew',
    starts: /^Yes — kube-scheduler 1\.32/,
  },
  {
    q: 'which kubelet versions work with a 1.27 control plane',
    kind: 'version-skew',
    query: { ask: 'range' },
    starts: /^kubelet 1\.25, 1\.26, 1\.27 are supported with kube-apiserver 1\.27/,
  },
  {
    q: 'in which order do I upgrade apiservers, controllers and nodes?',
    kind: 'version-skew',
    query: { ask: 'upgrade-order' },
    starts: /^Upgrade in this order, one minor version at a time: kube-apiserver, then/,
  },
  {
    q: 'can I upgrade from 1.30 to 1.32 directly?',
    kind: 'version-skew',
    query: { ask: 'upgrade-path' },
    starts: /^No — kube-apiserver must not skip minor versions: go 1\.30 → 1\.31 → 1\.32/,
  },
  {
    q: 'what is the version skew policy',
    kind: 'version-skew',
    query: { ask: 'policy' },
    starts: /^kube-apiserver: within 1 minor version of kube-apiserver/,
  },
  {
    q: 'when does GKE 1.31 leave standard support?',
    kind: 'managed-platform',
    query: { platform: 'google-kubernetes-engine', cycle: '1.31', ask: 'standard-end' },
    starts: /^GKE 1\.31 left standard support on 2026-01-16/,
  },
  {
    q: 'is 1.33 on extended support in EKS?',
    kind: 'managed-platform',
    query: { platform: 'amazon-eks', ask: 'extended' },
    starts: /^Yes — EKS 1\.33 is in extended support until 2027-07-29/,
  },
  {
    q: 'which AKS versions have long-term support?',
    kind: 'managed-platform',
    query: { ask: 'extended-list' },
    starts: /^10 AKS versions have long-term support \(LTS\)/,
  },
  {
    q: 'openshift 4.18 end of life',
    kind: 'managed-platform',
    query: { cycle: '4.18' },
    starts: /^OpenShift 4\.18 left Maintenance Support on 2026-08-25/,
  },
  {
    q: 'is openshift 1.31 still supported',
    kind: 'managed-platform',
    starts: /^Red Hat OpenShift numbers its releases 4\.1–4\.22/,
  },
  {
    q: 'GKE 1.15 support dates',
    kind: 'managed-platform',
    starts: /^The data \(endoflife\.date as of 2026-08-22\) has no Google Kubernetes Engine 1\.15 cycle/,
  },
  {
    q: 'which EKS versions are supported',
    kind: 'managed-platform',
    query: { ask: 'supported' },
    starts: /^As of 2026-11-21, EKS supports /,
  },
  {
    q: 'which k8s.io/api tag matches 1.33?',
    kind: 'support-policy',
    query: { topic: 'client-libraries', module: 'k8s.io/api' },
    starts: /^k8s\.io\/api v0\.33\.x matches Kubernetes 1\.33/,
  },
  {
    q: 'what Kubernetes version is k8s.io/client-go v0.29.3',
    kind: 'support-policy',
    query: { moduleVersion: 'v0.29.3' },
    starts: /^k8s\.io\/client-go v0\.29\.3 is Kubernetes 1\.29\.3/,
  },
  {
    q: 'how long do patches keep coming for a minor?',
    kind: 'support-policy',
    query: { topic: 'patch-support' },
    starts: /^A minor release gets patch releases for about 14 months/,
  },
  {
    q: 'what is maintenance mode?',
    kind: 'support-policy',
    query: { topic: 'maintenance-mode' },
    starts: /^Maintenance mode is the last two months/,
  },
  {
    q: 'when did 1.30 go into maintenance mode',
    kind: 'support-policy',
    starts: /^Kubernetes 1\.30 entered maintenance mode on \d{4}-\d{2}-\d{2}/,
  },
  {
    q: 'how often are patch releases cut?',
    kind: 'support-policy',
    query: { topic: 'patch-cadence' },
    starts: /^Patch releases come monthly/,
  },
];

describe('version skew, managed platforms and support policy, asked in words', () => {
  it.each(cases)('$q', ({ q, kind, query, starts }) => {
    const understood = engine.understand(q, NOW);
    expect(understood.kind).toBe(kind);
    if (query) expect(understood).toMatchObject(query);
    const answer = engine.answer(q, NOW);
    expect(answer.intent).toBe(kind);
    expect(answer.summary).toMatch(starts);
  });

  it.each([
    'is 1.28 still supported',
    'what breaks if I upgrade from 1.24 to 1.26',
    'when is code freeze for 1.31',
    'KEP-3836',
    'what went GA in 1.31',
  ])('leaves other kinds alone: %s', (q) => {
    expect(['version-skew', 'managed-platform', 'support-policy']).not.toContain(engine.understand(q, NOW).kind);
  });
});

describe('skew questions without versions, and policy questions in other words', () => {
  it.each([
    [
      'kube-scheduler two minors behind the apiserver — ok?',
      /^No — kube-scheduler 1\.\d+ with kube-apiserver 1\.\d+ is not supported \(1\.\d+ is the latest release/,
    ],
    ['kube-proxy newer than kubelet by 4 minors?', /^No — kube-proxy 1\.\d+ with kubelet 1\.\d+ is not supported/],
    ['kubectl one version behind the cluster is fine?', /^Yes — kubectl 1\.\d+ with kube-apiserver/],
    [
      'HA apiservers at 1.32 and 1.34 at the same time?',
      /^No — kube-apiserver 1\.32 with kube-apiserver 1\.34 is not supported/,
    ],
    ['can our nodes stay on kubelet 1.33 with a 1.36 control plane', /^Yes — kubelet 1\.33 with kube-apiserver 1\.36/],
    ['does the apiserver need to be upgraded before the scheduler', /^Upgrade in this order/],
  ])('%s', (q, starts) => {
    const answer = engine.answer(q, NOW);
    expect(answer.intent).toBe('version-skew');
    expect(answer.summary).toMatch(starts);
  });

  it.each([
    ['who decides what gets cherry-picked into a patch release', 'cherry-picks', /Release Managers/],
    ['how long does the maintenance period last before EOL', 'maintenance-mode', /two months/],
    ['why do EOL dates fall on the 28th', 'end-of-life', /28th of the month/],
    ['are there LTS releases of upstream kubernetes', 'patch-support', /about 14 months/],
  ])('%s', (q, topic, has) => {
    expect(engine.understand(q, NOW)).toMatchObject({ kind: 'support-policy', topic });
    expect(engine.answer(q, NOW).summary).toMatch(has);
  });
});
