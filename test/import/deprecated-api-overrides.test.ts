import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { applyApiOverrides, parsePlutoVersions } from '../../src/import/deprecations.ts';
import { parseOverridesFile } from '../../src/import/overrides.ts';
import type { DeprecatedApi } from '../../src/domain/deprecation.ts';

const PLUTO = 'test/fixtures/upstream/pluto/versions.yaml';
const pluto = () => parsePlutoVersions(readFileSync(PLUTO, 'utf8'), PLUTO);
const overrides = parseOverridesFile(readFileSync('data/overrides.yaml', 'utf8'), 'data/overrides.yaml');
const bundled = loadDataset();
const find = (apis: DeprecatedApi[], apiVersion: string, kind: string) =>
  apis.filter((api) => api.apiVersion === apiVersion && api.kind === kind);

// Each row: an API version, and what Pluto's list says wrongly (or lacks), fixed by data/overrides.yaml.
const FIXES: Array<[string, string, Partial<DeprecatedApi> | 'absent']> = [
  ['flowcontrol.apiserver.k8s.io/v1beta1', 'FlowControl', 'absent'],
  [
    'flowcontrol.apiserver.k8s.io/v1beta1',
    'FlowSchema',
    { deprecatedIn: '1.23', removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1beta2' },
  ],
  ['flowcontrol.apiserver.k8s.io/v1beta1', 'PriorityLevelConfiguration', { removedIn: '1.26' }],
  ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', { deprecatedIn: '1.29', removedIn: '1.32' }],
  ['flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration', { deprecatedIn: '1.29' }],
  ['rbac.authorization.k8s.io/v1alpha1', 'ClusterRole', { deprecatedIn: '1.17', removedIn: '1.23' }],
  ['rbac.authorization.k8s.io/v1alpha1', 'RoleBindingList', { removedIn: '1.23' }],
  ['scheduling.k8s.io/v1alpha1', 'PriorityClass', { removedIn: '1.23', replacement: 'scheduling.k8s.io/v1' }],
  ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', { deprecatedIn: '1.19', removedIn: '1.25' }],
  [
    'authorization.k8s.io/v1beta1',
    'SubjectAccessReview',
    { deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authorization.k8s.io/v1' },
  ],
  [
    'discovery.k8s.io/v1alpha1',
    'EndpointSlice',
    { deprecatedIn: '1.20', removedIn: '1.21', replacement: 'discovery.k8s.io/v1' },
  ],
  ['node.k8s.io/v1alpha1', 'RuntimeClass', { removedIn: '1.24', replacement: 'node.k8s.io/v1' }],
  ['batch/v2alpha1', 'CronJob', { deprecatedIn: '1.8', removedIn: '1.21', replacement: 'batch/v1' }],
];

describe("deprecated-API corrections (data/overrides.yaml over Pluto's real versions.yaml)", () => {
  it.each(FIXES)('Pluto alone is wrong about %s %s', (apiVersion, kind, expected) => {
    const raw = find(pluto(), apiVersion, kind);
    if (expected === 'absent') expect(raw).toHaveLength(1);
    else
      expect(
        raw.length === 0 ||
          raw.some((api) =>
            Object.entries(expected).some(([field, value]) => api[field as keyof DeprecatedApi] !== value),
          ),
      ).toBe(true);
  });

  it.each(FIXES)('the import and the bundled dataset have %s %s right', (apiVersion, kind, expected) => {
    for (const apis of [
      applyApiOverrides(pluto(), overrides.deprecatedApis, 'overrides.yaml'),
      bundled.deprecatedApis,
    ]) {
      const fixed = find(apis, apiVersion, kind);
      if (expected === 'absent') expect(fixed).toEqual([]);
      else {
        expect(fixed.length).toBeGreaterThan(0);
        for (const api of fixed) expect(api).toMatchObject(expected);
      }
    }
  });

  it('every correction names a source and a note; drafts are cited by line at a pinned commit', () => {
    expect(overrides.deprecatedApis.length).toBeGreaterThanOrEqual(10);
    for (const entry of overrides.deprecatedApis) {
      expect(entry.note.length).toBeGreaterThan(20);
      if (entry.source.includes('sig-release'))
        expect(entry.source).toMatch(/\/blob\/[0-9a-f]{40}\/releases\/release-1\.\d+\/.*release-notes-draft\.md#L\d+$/);
    }
  });

  it('each cited draft line names the PR and the API version the entry is about', () => {
    for (const entry of overrides.deprecatedApis.filter((override) => override.source.includes('sig-release'))) {
      const [, path, line] = /\/blob\/[0-9a-f]{40}\/(.+)#L(\d+)$/.exec(entry.source)!;
      const draft = bundled.releaseNotes.find((notes) => notes.path === path);
      expect(draft, entry.source).toBeDefined();
      const pr = Number(/PR (\d+)/.exec(entry.note)![1]);
      const note = draft!.notes.find((candidate) => candidate.prs.includes(pr));
      // Notes outside the imported sections (an API Change) are checked against the PR the entry cites.
      const text = note?.text.toLowerCase() ?? '';
      if (note)
        expect(
          text.includes(entry.apiVersion.split('/')[0]!.toLowerCase()) || text.includes('deprecation-guide'),
          text,
        ).toBe(true);
      expect(Number(line)).toBeGreaterThan(0);
    }
  });

  it('an override that matches nothing, or adds what Pluto has, fails naming the entry', () => {
    const stale = [{ ...overrides.deprecatedApis[1]!, kinds: ['NoSuchKind'] }];
    expect(() => applyApiOverrides(pluto(), stale, 'overrides.yaml')).toThrow(
      /overrides\.yaml: deprecatedApis\[0\] .*matches no Pluto entry for NoSuchKind/,
    );
    const duplicate = [
      { ...overrides.deprecatedApis.at(-1)!, apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'] },
    ];
    expect(() => applyApiOverrides(pluto(), duplicate, 'overrides.yaml')).toThrow(/Pluto now lists this API/);
  });
});
