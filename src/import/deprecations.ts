import { z } from 'zod';
import type { DeprecatedApi } from '../domain/deprecation.ts';
import { validateWith } from '../data/validation.ts';
import { toMinor } from '../domain/version.ts';
import { ImportError } from './errors.ts';
import { readYaml } from './yaml.ts';

const PlutoEntry = z.object({
  version: z.string().min(1),
  kind: z.string().min(1),
  'deprecated-in': z.string().default(''),
  'removed-in': z.string().default(''),
  'replacement-api': z.string().default(''),
  'replacement-available-in': z.string().default(''),
  component: z.string().min(1),
});

const PlutoFile = z.object({ 'deprecated-versions': z.array(z.unknown()) });

/** Pluto's versions.yaml, Kubernetes (component "k8s") entries only. */
export function parsePlutoVersions(text: string, file: string): DeprecatedApi[] {
  const raw = readYaml(text, file);
  const document = PlutoFile.safeParse(raw);
  if (!document.success) throw new ImportError(file, 'deprecated-versions', 'missing or not a list');
  const apis: DeprecatedApi[] = [];
  document.data['deprecated-versions'].forEach((entry, index) => {
    // Pluto also tracks add-ons (istio, cert-manager) with looser entries; only Kubernetes' own are ours.
    if ((entry as { component?: unknown } | null)?.component !== 'k8s') return;
    const value = validateWith(PlutoEntry, entry, file, ImportError, { at: ['deprecated-versions', index], root: raw });
    const version = (field: 'deprecated-in' | 'removed-in' | 'replacement-available-in'): string | null => {
      if (!value[field]) return null;
      const minor = toMinor(value[field]);
      if (!minor) throw new ImportError(file, `deprecated-versions[${index}].${field}`, `not a version: ${JSON.stringify(value[field])}`);
      return minor;
    };
    apis.push({
      kind: value.kind,
      apiVersion: value.version,
      deprecatedIn: version('deprecated-in'),
      removedIn: version('removed-in'),
      replacement: value['replacement-api'] || null,
      replacementAvailableIn: version('replacement-available-in'),
    });
  });
  const key = (api: DeprecatedApi) => `${api.removedIn ?? '9.99'}|${api.apiVersion}|${api.kind}`;
  return apis.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
