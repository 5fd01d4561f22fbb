import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFeatureGates, GATE_LIST_PATHS, parseGateList } from '../../src/import/feature-gates.ts';
import type { Kep } from '../../src/domain/kep.ts';
import type { GateListId } from '../../src/domain/feature-gate.ts';

const ROOT = 'test/fixtures/shared-mini/upstream/kubernetes-kubernetes/';
const read = (id: GateListId) => readFileSync(ROOT + GATE_LIST_PATHS[id], 'utf8');
const lists = () => (Object.keys(GATE_LIST_PATHS) as GateListId[]).map((id) => parseGateList(id, read(id), id));
const kep = (number: number, gates: string[]) =>
  ({ number, featureGates: gates.map((name) => ({ name, components: [] })) }) as unknown as Kep;

describe('feature-gate lists (real kubernetes/kubernetes files)', () => {
  it('reads every gate of each list with its versioned specs, oldest first', () => {
    const [newest, linter, unversioned] = lists();
    expect([newest!.gates.size, linter!.gates.size, unversioned!.gates.size]).toEqual([242, 173, 45]);
    expect([newest!.newestVersion, linter!.newestVersion, unversioned!.newestVersion]).toEqual(['1.37', '1.33', null]);
    expect(newest!.gates.get('CRDValidationRatcheting')!.specs).toEqual([
      { default: false, lockToDefault: false, stage: 'alpha', since: '1.28' },
      { default: true, lockToDefault: false, stage: 'beta', since: '1.30' },
      { default: true, lockToDefault: true, stage: 'ga', since: '1.33' },
    ]);
    expect(unversioned!.gates.get('APIListChunking')).toEqual({
      specs: [],
      unversioned: { default: true, lockToDefault: true, stage: 'ga' },
    });
  });

  it('takes specs from the newest list, marks gates only older lists have as removed, and links KEPs', () => {
    const gates = buildFeatureGates(lists(), [kep(4368, ['JobManagedBy']), kep(753, ['SidecarContainers'])]);
    const gate = (name: string) => gates.gates.find((entry) => entry.name === name)!;
    expect(gates.gates).toHaveLength(301);
    // The 1.33-cycle linter list had DeclarativeValidation off by default in 1.33; the newer list corrects it.
    expect(gate('DeclarativeValidation').specs[0]).toEqual({
      default: true,
      lockToDefault: false,
      stage: 'beta',
      since: '1.33',
    });
    expect(gate('DeclarativeValidation').source).toBe('compatibility-lifecycle');
    expect(gate('JobManagedBy')).toMatchObject({
      removed: null,
      keps: [4368],
      lists: ['compatibility-lifecycle', 'linter-versioned'],
    });
    expect(gate('SidecarContainers')).toMatchObject({
      source: 'linter-versioned',
      removed: { lastListedIn: '1.33', goneBy: '1.37' },
      keps: [753],
    });
    expect(gate('WatchBookmark')).toMatchObject({
      specs: [],
      source: 'linter-unversioned',
      removed: { lastListedIn: null, goneBy: '1.37' },
    });
    expect(gates.gates.map((entry) => entry.name)).toEqual([...gates.gates.map((entry) => entry.name)].sort());
  });

  it('names the file and the gate when a spec has no usable version', () => {
    const broken =
      '- name: Foo\n  versionedSpecs:\n  - default: true\n    lockToDefault: false\n    preRelease: Beta\n    version: "two"\n';
    expect(() => parseGateList('compatibility-lifecycle', broken, 'list.yaml')).toThrow(
      /list\.yaml: \[0\] \(Foo\)\.versionedSpecs\[0\]\.version: not a version/,
    );
    expect(() => parseGateList('compatibility-lifecycle', '- name: Foo\n  versionedSpecs: []\n', 'list.yaml')).toThrow(
      /list\.yaml: \[0\]\.versionedSpecs/,
    );
  });
});
