import type { Dataset } from '../../domain/dataset.ts';
import type { Kep } from '../../domain/kep.ts';
import { SIG_ALIASES } from '../lexicon.ts';

/**
 * What the data can name, built once per dataset: feature gates, well-known feature names, SIGs,
 * components, platforms and API kinds. The entity pass reads questions against it.
 */
export interface Vocabulary {
  /** Lower-cased gate name → the gate as the data spells it and the KEPs that declare it. */
  gates: Map<string, { name: string; keps: number[] }>;
  /** Phrase (lower-case, single-spaced) → the KEP it names; longest phrases first in `aliasList`. */
  aliases: Map<string, number>;
  aliasList: string[];
  /** Lower-cased API kind → the kind as pluto spells it ("podsecuritypolicy" → "PodSecurityPolicy"). */
  apiKinds: Map<string, string>;
  /** Group/versions pluto knows ("policy/v1beta1"). */
  apiVersions: Set<string>;
  /** SIG slugs that own KEPs ("sig-node"). */
  sigs: Set<string>;
}

/**
 * Reviewed names people use for features, and the KEP each means. Where a name has been used by
 * more than one KEP the implemented one wins (DRA is KEP-4381, not the withdrawn KEP-3063).
 * Checked against the bundled data by test/engine/entities.test.ts.
 */
export const FEATURE_ALIASES: ReadonlyArray<readonly [string, number]> = [
  ['dra', 4381],
  ['dynamic resource allocation', 4381],
  ['structured parameters', 4381],
  ['psa', 2579],
  ['pod security admission', 2579],
  ['pod security standards', 2579],
  ['psp replacement', 2579],
  ['dockershim', 2221],
  ['docker shim', 2221],
  ['docker support', 2221],
  ['dockershim removal', 2221],
  ['sidecar', 753],
  ['sidecars', 753],
  ['sidecar containers', 753],
  ['native sidecars', 753],
  ['in-place resize', 1287],
  ['in place resize', 1287],
  ['in-place pod resize', 1287],
  ['in-place update', 1287],
  ['in-place vertical scaling', 1287],
  ['pod resize', 1287],
  ['swap', 2400],
  ['swap support', 2400],
  ['node swap', 2400],
  ['user namespaces', 127],
  ['user namespace', 127],
  ['userns', 127],
  ['apparmor', 24],
  ['seccomp', 135],
  ['seccomp by default', 2413],
  ['nftables', 3866],
  ['nftables proxy', 3866],
  ['nftables kube-proxy', 3866],
  ['cgroups v2', 2254],
  ['cgroup v2', 2254],
  ['cgroup v1 maintenance mode', 4569],
  ['cel admission', 3488],
  ['validating admission policy', 3488],
  ['validatingadmissionpolicy', 3488],
  ['vap', 3488],
  ['mutating admission policy', 3962],
  ['mutating admission policies', 3962],
  ['map', 3962],
  ['kms v2', 3299],
  ['kmsv2', 3299],
  ['graceful node shutdown', 2000],
  ['topology aware hints', 2433],
  ['topology aware routing', 2433],
  ['coordinated leader election', 4355],
  ['sleep action', 3960],
  ['job success policy', 3998],
  ['recursive read-only mounts', 3857],
  ['csi migration', 625],
  ['kube-proxy ingress connectivity', 3836],
];

/** Gate names the data uses for "no gate". */
const NOT_A_GATE = new Set(['none', 'n/a', 'na']);

/** A KEP's title as a phrase people type: lower-case, punctuation dropped. */
export function phrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s/-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function gatesOf(keps: readonly Kep[]): Vocabulary['gates'] {
  const gates: Vocabulary['gates'] = new Map();
  for (const kep of keps) {
    for (const gate of kep.featureGates) {
      if (!/^[A-Za-z][A-Za-z0-9]{3,}$/.test(gate.name) || NOT_A_GATE.has(gate.name.toLowerCase())) continue;
      const key = gate.name.toLowerCase();
      const entry = gates.get(key);
      if (entry) {
        if (!entry.keps.includes(kep.number)) entry.keps.push(kep.number);
      } else gates.set(key, { name: gate.name, keps: [kep.number] });
    }
  }
  return gates;
}

export function buildVocabulary(dataset: Dataset): Vocabulary {
  const known = new Set(dataset.keps.map((kep) => kep.number));
  const aliases = new Map(FEATURE_ALIASES.filter(([, number]) => known.has(number)));
  const apiKinds = new Map<string, string>();
  const apiVersions = new Set<string>();
  for (const api of dataset.deprecatedApis) {
    if (!api.kind.endsWith('List')) apiKinds.set(api.kind.toLowerCase(), api.kind);
    apiVersions.add(api.apiVersion.toLowerCase());
  }
  const sigs = new Set(dataset.keps.map((kep) => kep.owningSig));
  for (const [, slug] of SIG_ALIASES) sigs.add(`sig-${slug}`);
  return {
    gates: gatesOf(dataset.keps),
    aliases,
    aliasList: [...aliases.keys()].sort((a, b) => b.length - a.length),
    apiKinds,
    apiVersions,
    sigs,
  };
}
