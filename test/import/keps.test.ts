import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/import/errors.ts';
import { dedupeKeps, isTemplatePath, parseKep } from '../../src/import/keps.ts';
import type { KepOverride } from '../../src/import/overrides.ts';

const KEPS = path.resolve('test/fixtures/shared-mini/upstream/kubernetes-enhancements/keps');
const read = (relative: string) => readFileSync(path.join(KEPS, relative), 'utf8');

function source(folder: string, yaml?: string) {
  return {
    path: `keps/${folder}/kep.yaml`,
    file: `upstream/kubernetes-enhancements/keps/${folder}/kep.yaml`,
    yaml: yaml ?? read(`${folder}/kep.yaml`),
    readme: yaml ? null : read(`${folder}/README.md`),
  };
}

const KEP_3836 = 'sig-network/3836-kube-proxy-improved-ingress-connectivity-reliability';

describe('parseKep on real kep.yaml files', () => {
  it('reads number, SIG, stage history, gates, dates and links (KEP-3836)', () => {
    const { kep, warnings } = parseKep(source(KEP_3836));
    expect(warnings).toEqual([]);
    expect(kep).toMatchObject({
      number: 3836,
      title: 'Kube-proxy improved ingress connectivity reliability',
      owningSig: 'sig-network',
      status: 'implemented',
      stage: 'stable',
      latestMilestone: '1.31',
      milestones: { alpha: '1.28', beta: '1.30', stable: '1.31' },
      featureGates: [{ name: 'KubeProxyDrainingTerminatingNodes', components: ['kube-proxy'] }],
      creationDate: '2023-02-03',
      path: `keps/${KEP_3836}`,
      links: {
        issue: 'https://github.com/kubernetes/enhancements/issues/3836',
        folder: `https://github.com/kubernetes/enhancements/tree/master/keps/${KEP_3836}`,
      },
    });
  });

  it('takes a plain-text summary from the README, at most about 600 characters', () => {
    const { kep } = parseKep(source('sig-node/24-apparmor'));
    expect(kep.title).toMatch(/AppArmor/);
    expect(kep.summary.length).toBeGreaterThan(80);
    expect(kep.summary.length).toBeLessThanOrEqual(601);
    expect(kep.summary).not.toMatch(/[#*`]|\]\(|<!--/);
    expect(kep.summary).toMatch(/AppArmor/);
  });

  it('ignores template placeholders with a warning instead of failing', () => {
    const { kep, warnings } = parseKep(
      source(
        'sig-api-machinery/5000-api-linting-crd-schema-tooling',
        read('sig-api-machinery/5000-api-linting-crd-schema-tooling/kep.yaml'),
      ),
    );
    expect(kep.stage).toBeNull();
    expect(kep.status).toBeNull();
    expect(warnings.join('\n')).toMatch(/stage: template placeholder "alpha\|beta\|stable"/);
  });

  it('rejects the upstream typo "imlpemented" unless an override corrects it', () => {
    const folder = 'sig-node/2625-cpumanager-policies-thread-placement';
    expect(() => parseKep(source(folder))).toThrow(
      /2625-cpumanager-policies-thread-placement\/kep\.yaml: status: unknown status "imlpemented"/,
    );
    const override: KepOverride = {
      kep: 2625,
      field: 'status',
      value: 'implemented',
      source: 'https://example.org/x',
      note: 'typo in upstream status',
    };
    expect(parseKep(source(folder), [override]).kep.status).toBe('implemented');
  });

  it('skips template folders', () => {
    expect(isTemplatePath('keps/NNNN-kep-template/kep.yaml')).toBe(true);
    expect(isTemplatePath('keps/sig-cloud-provider/providers/0000-cloud-provider-template/kep.yaml')).toBe(true);
    expect(isTemplatePath(`keps/${KEP_3836}/kep.yaml`)).toBe(false);
  });
});

describe('parseKep on malformed input names the file and field', () => {
  const base = read(`${KEP_3836}/kep.yaml`);
  const cases: [string, string, RegExp][] = [
    ['bad YAML', 'title: [unclosed\nkep-number: 1', /kep\.yaml: invalid YAML/],
    ['missing title', base.replace(/^title:.*$/m, ''), /kep\.yaml: title: missing/],
    ['missing kep-number', base.replace(/^kep-number:.*$/m, ''), /kep\.yaml: kep-number: missing/],
    ['unknown stage', base.replace(/^stage: stable$/m, 'stage: gamma'), /kep\.yaml: stage: unknown stage "gamma"/],
    [
      'impossible date',
      base.replace(/^creation-date:.*$/m, 'creation-date: "2023-02-30"'),
      /kep\.yaml: creation-date: impossible date "2023-02-30"/,
    ],
    [
      'bad milestone',
      base.replace(/alpha: "v1.28"/, 'alpha: "soon"'),
      /kep\.yaml: milestone\.alpha: not a Kubernetes version/,
    ],
  ];
  it.each(cases)('%s', (_name, yaml, message) => {
    let caught: unknown;
    try {
      parseKep(source(KEP_3836, yaml));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImportError);
    expect((caught as Error).message).toMatch(message);
  });

  it('pads single-digit dates and reads "v1.21, v1.37" as the first version', () => {
    const yaml = base
      .replace(/^creation-date:.*$/m, 'creation-date: 2025-10-9')
      .replace(/alpha: "v1.28"/, 'alpha: "v1.21, v1.37"');
    const { kep, warnings } = parseKep(source(KEP_3836, yaml));
    expect(kep.creationDate).toBe('2025-10-09');
    expect(kep.milestones.alpha).toBe('1.21');
    expect(warnings.join()).toMatch(/several versions/);
  });
});

describe('dedupeKeps', () => {
  it('keeps the live folder when a number appears twice', () => {
    const live = parseKep(source(KEP_3836)).kep;
    const replaced = { ...live, path: 'keps/sig-old/3836-moved', status: 'replaced' as const };
    const warnings: string[] = [];
    expect(dedupeKeps([replaced, live], warnings)).toEqual([live]);
    expect(warnings[0]).toMatch(/KEP-3836: two folders/);
  });
});
