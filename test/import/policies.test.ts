import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPolicies } from '../../src/import/policies.ts';
import { createLocalReader } from '../../src/import/readers/local.ts';

const MINI = path.resolve('test/fixtures/shared-mini');
const FILE = 'data/policies.yaml';
const REVIEWED = readFileSync(FILE, 'utf8');
const reader = createLocalReader(MINI);
const readReal = (folder: Parameters<typeof reader.readFile>[0], file: string) => reader.readFile(folder, file);

describe('data/policies.yaml against the real policy pages (test/fixtures/shared-mini copies)', () => {
  it('every rule and statement quotes its page word for word', async () => {
    const policies = await importPolicies(REVIEWED, FILE, readReal);
    const ids = policies.versionSkew.rules.map((rule) => rule.id);
    expect(ids).toEqual([
      'kube-apiserver-ha',
      'kubelet',
      'kube-proxy',
      'kube-proxy-kubelet',
      'control-plane-components',
      'kubectl',
    ]);
    expect(policies.versionSkew.upgradeOrder.map((step) => step.components[0])).toEqual([
      'kube-apiserver',
      'kube-controller-manager',
      'kubelet',
      'kube-proxy',
    ]);
    expect(policies.supportPolicy.map((entry) => entry.topic)).toContain('client-libraries');
  });

  it('encodes the limits the page states (kubelet n-3 from 1.25 kubelets / 1.28 control planes, kubectl ±1)', async () => {
    const { versionSkew } = await importPolicies(REVIEWED, FILE, readReal);
    const rule = (id: string) => versionSkew.rules.find((entry) => entry.id === id)!;
    expect(rule('kubelet')).toMatchObject({
      maxOlder: 3,
      maxNewer: 0,
      earlier: { componentBefore: '1.25', maxOlder: 2 },
      since: { version: '1.28', kep: 3935 },
    });
    expect(rule('kubectl')).toMatchObject({ maxOlder: 1, maxNewer: 1 });
    expect(rule('control-plane-components')).toMatchObject({
      components: ['kube-controller-manager', 'kube-scheduler', 'cloud-controller-manager'],
      maxOlder: 1,
      maxNewer: 0,
    });
  });

  it('fails naming the statement when the page no longer says it (drift)', async () => {
    const drifted = async (folder: Parameters<typeof reader.readFile>[0], file: string) => {
      const text = await reader.readFile(folder, file);
      return file.endsWith('version-skew-policy.md')
        ? text!.replace('may be up to three minor versions older', 'may be up to four minor versions older')
        : text;
    };
    await expect(importPolicies(REVIEWED, FILE, drifted)).rejects.toThrow(
      /data\/policies\.yaml: versionSkew\.rules\[1\]\.sources\[1\]\.quote: no longer appears in kubernetes-website\/content\/en\/releases\/version-skew-policy\.md/,
    );
  });

  it('fails naming the field on a missing source file, an unknown folder, or limits that contradict their start version', async () => {
    const missing = async () => null;
    await expect(importPolicies(REVIEWED, FILE, missing)).rejects.toThrow(
      /versionSkew\.rules\[0\]\.sources\[0\]\.file: .* is not in the inputs/,
    );
    const unknown = REVIEWED.replace(
      'file: kubernetes-website/content/en/releases/version-skew-policy.md',
      'file: somewhere/page.md',
    );
    await expect(importPolicies(unknown, FILE, readReal)).rejects.toThrow(
      /sources\[0\]\.file: unknown upstream folder/,
    );
    const contradicted = REVIEWED.replace(
      'since: { version: "1.28", kep: 3935 }',
      'since: { version: "1.27", kep: 3935 }',
    );
    await expect(importPolicies(contradicted, FILE, readReal)).rejects.toThrow(
      /versionSkew\.rules\[1\]\.since\.version: since\.version must be earlier\.componentBefore \+ maxOlder/,
    );
  });
});
