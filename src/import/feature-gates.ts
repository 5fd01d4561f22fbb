import { z } from 'zod';
import { validateWith } from '../data/validation.ts';
import {
  FeatureGates,
  type FeatureGateRecord,
  type GateList,
  type GateListId,
  type GateSpec,
  type GateStage,
} from '../domain/feature-gate.ts';
import type { Kep } from '../domain/kep.ts';
import { compareMinor, toMinor } from '../domain/version.ts';
import { ImportError } from './errors.ts';
import { readYaml } from './yaml.ts';

/** Where each list lives in kubernetes/kubernetes, newest first: a gate takes its specs from the first list that has it. */
export const GATE_LIST_PATHS: Record<GateListId, string> = {
  'compatibility-lifecycle': 'test/compatibility_lifecycle/reference/versioned_feature_list.yaml',
  'linter-versioned': 'test/featuregates_linter/test_data/versioned_feature_list.yaml',
  'linter-unversioned': 'test/featuregates_linter/test_data/unversioned_feature_list.yaml',
};

const STAGES: Record<string, GateStage> = { Alpha: 'alpha', Beta: 'beta', GA: 'ga', Deprecated: 'deprecated' };

const RawSpec = z.object({
  default: z.boolean(),
  lockToDefault: z.boolean(),
  preRelease: z.enum(Object.keys(STAGES) as [string, ...string[]]),
  version: z.union([z.string(), z.number()]).transform(String),
});
const RawList = z.array(
  z.object({ name: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/), versionedSpecs: z.array(RawSpec).min(1) }),
);

interface ParsedList {
  id: GateListId;
  newestVersion: string | null;
  gates: Map<string, { specs: GateSpec[]; unversioned: Omit<GateSpec, 'since'> | null }>;
}

/** One list file; a spec with `version: ""` is unversioned (the gate's state when the list was generated). */
export function parseGateList(id: GateListId, text: string, file: string): ParsedList {
  const raw = readYaml(text, file);
  const entries = validateWith(RawList, raw, file, ImportError);
  const gates: ParsedList['gates'] = new Map();
  let newest: string | null = null;
  entries.forEach((entry, index) => {
    if (gates.has(entry.name)) throw new ImportError(file, `[${index}].name`, `${entry.name} is listed twice`);
    const specs: GateSpec[] = [];
    let unversioned: Omit<GateSpec, 'since'> | null = null;
    entry.versionedSpecs.forEach((spec, at) => {
      const state = { default: spec.default, lockToDefault: spec.lockToDefault, stage: STAGES[spec.preRelease]! };
      if (spec.version === '') {
        unversioned = state;
        return;
      }
      const since = toMinor(spec.version);
      if (!since)
        throw new ImportError(
          file,
          `[${index}] (${entry.name}).versionedSpecs[${at}].version`,
          `not a version: ${JSON.stringify(spec.version)}`,
        );
      specs.push({ ...state, since });
      if (!newest || compareMinor(since, newest) > 0) newest = since;
    });
    specs.sort((a, b) => compareMinor(a.since, b.since));
    gates.set(entry.name, { specs, unversioned });
  });
  return { id, newestVersion: newest, gates };
}

/**
 * Merges the lists: the newest list that has a gate gives its specs; a gate an older list has and the
 * newest does not was removed from the code in between. KEPs link by their kep.yaml `feature-gates`.
 */
export function buildFeatureGates(lists: ParsedList[], keps: Kep[]): FeatureGates {
  const [newest] = lists;
  if (!newest?.newestVersion)
    throw new ImportError(GATE_LIST_PATHS['compatibility-lifecycle'], null, 'the newest list names no version');
  const kepsByGate = new Map<string, number[]>();
  for (const kep of [...keps].sort((a, b) => a.number - b.number)) {
    for (const gate of kep.featureGates) {
      const numbers = kepsByGate.get(gate.name) ?? [];
      if (!numbers.includes(kep.number)) kepsByGate.set(gate.name, [...numbers, kep.number]);
    }
  }
  const names = [...new Set(lists.flatMap((list) => [...list.gates.keys()]))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const gates: FeatureGateRecord[] = names.map((name) => {
    const having = lists.filter((list) => list.gates.has(name));
    const versioned = having.find((list) => list.gates.get(name)!.specs.length > 0);
    const first = versioned ?? having[0]!;
    return {
      name,
      specs: versioned ? versioned.gates.get(name)!.specs : [],
      source: first.id,
      lists: having.map((list) => list.id),
      unversioned: versioned ? null : first.gates.get(name)!.unversioned,
      removed: newest.gates.has(name)
        ? null
        : { lastListedIn: having[0]!.newestVersion, goneBy: newest.newestVersion! },
      keps: kepsByGate.get(name) ?? [],
    };
  });
  const summaries: GateList[] = lists.map((list) => ({
    id: list.id,
    path: GATE_LIST_PATHS[list.id],
    newestVersion: list.newestVersion,
    gates: list.gates.size,
  }));
  return validateWith(FeatureGates, { lists: summaries, gates }, 'featureGates.json', ImportError);
}
