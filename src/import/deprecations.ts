import { z } from 'zod';
import type { DeprecatedApi } from '../domain/deprecation.ts';
import { validateWith } from '../data/validation.ts';
import { toMinor } from '../domain/version.ts';
import { ImportError } from './errors.ts';
import type { DeprecatedApiOverride } from './overrides.ts';
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
      if (!minor)
        throw new ImportError(
          file,
          `deprecated-versions[${index}].${field}`,
          `not a version: ${JSON.stringify(value[field])}`,
        );
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
  return sortApis(apis);
}

function sortApis(apis: DeprecatedApi[]): DeprecatedApi[] {
  const key = (api: DeprecatedApi) =>
    `${api.removedIn ? api.removedIn.replace(/\.(\d)$/, '.0$1') : '9.99'}|${api.apiVersion}|${api.kind}`;
  return apis.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const FIELDS = ['deprecatedIn', 'removedIn', 'replacement', 'replacementAvailableIn'] as const;

/**
 * Applies the reviewed corrections of data/overrides.yaml to Pluto's list. An override that matches
 * nothing (or an `add` Pluto already has) fails the import: upstream changed, so the entry needs review.
 */
export function applyApiOverrides(
  apis: DeprecatedApi[],
  overrides: readonly DeprecatedApiOverride[],
  file: string,
): DeprecatedApi[] {
  let result = [...apis];
  overrides.forEach((override, index) => {
    const at = `deprecatedApis[${index}] (${override.apiVersion} ${override.kinds.join(', ')})`;
    const matches = (api: DeprecatedApi) =>
      api.apiVersion === override.apiVersion && (override.kinds.includes('*') || override.kinds.includes(api.kind));
    const matched = result.filter(matches);
    if (override.action === 'add') {
      if (matched.length)
        throw new ImportError(file, at, 'Pluto now lists this API; make the entry a "correct" or remove it');
      for (const kind of override.kinds) {
        result.push({
          kind,
          apiVersion: override.apiVersion,
          deprecatedIn: null,
          removedIn: null,
          replacement: null,
          replacementAvailableIn: null,
          ...pick(override),
        });
      }
      return;
    }
    const missing = override.kinds.filter((kind) => kind !== '*' && !matched.some((api) => api.kind === kind));
    if (!matched.length || missing.length)
      throw new ImportError(
        file,
        at,
        `matches no Pluto entry${missing.length ? ` for ${missing.join(', ')}` : ''}; upstream may have fixed it`,
      );
    result =
      override.action === 'drop'
        ? result.filter((api) => !matches(api))
        : result.map((api) => (matches(api) ? { ...api, ...pick(override) } : api));
  });
  return sortApis(result);
}

function pick(override: DeprecatedApiOverride): Partial<DeprecatedApi> {
  return Object.fromEntries(
    FIELDS.filter((field) => override[field] !== undefined).map((field) => [field, override[field]]),
  );
}
