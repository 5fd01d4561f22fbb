import { parse as parseYaml } from 'yaml';
import { KEP_STAGES, KEP_STATUSES, Kep, type KepStage, type StageMilestones } from '../domain/kep.ts';
import { toMinor } from '../domain/version.ts';
import { validateWith } from '../data/validation.ts';
import { ImportError } from './errors.ts';
import { summaryFromReadme } from './markdown.ts';
import type { KepOverride } from './overrides.ts';

export const ENHANCEMENTS_BLOB = 'https://github.com/kubernetes/enhancements/tree/master';
export const ENHANCEMENTS_ISSUE = 'https://github.com/kubernetes/enhancements/issues';

export interface KepSource {
  /** Repository path of the kep.yaml, e.g. keps/sig-node/24-apparmor/kep.yaml */
  path: string;
  /** Where to point a person at in an error message. */
  file: string;
  yaml: string;
  readme: string | null;
}

export interface ParsedKep {
  kep: Kep;
  warnings: string[];
}

/** KEP folders that are templates or process documents, not enhancements. */
export function isTemplatePath(path: string): boolean {
  return /(^|\/)(NNNN|0000)-[^/]*\/kep\.yaml$/.test(path);
}

const PLACEHOLDER = /\||^x\.y|^v?1\.x+$|^v?0\.0$|^yyyy|^tbd$|^todo$|^never$|^n\/a$|^none$|^$/i;

/** Lowercase, drop trailing comments and parentheticals: `alpha (deprecated)` → `alpha`. */
function cleanWord(value: unknown): string | null {
  if (value == null) return null;
  const text = String(value)
    .replace(/#.*$/, '')
    .replace(/\(.*?\)/g, '')
    .trim()
    .toLowerCase();
  return text;
}

function normaliseEnum<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  file: string,
  warnings: string[],
): T | null {
  const text = cleanWord(value);
  if (text === null) return null;
  if (PLACEHOLDER.test(text)) {
    if (text !== '') warnings.push(`${file}: ${field}: template placeholder ${JSON.stringify(String(value))} ignored`);
    return null;
  }
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new ImportError(
    file,
    field,
    `unknown ${field} ${JSON.stringify(String(value))} (expected one of: ${allowed.join(', ')})`,
  );
}

function normaliseMilestone(value: unknown, field: string, file: string, warnings: string[]): string | undefined {
  if (value == null || value === '') return undefined;
  const text = String(value).trim();
  const minor = toMinor(text);
  if (minor) return minor;
  // "v1.21, v1.37": the stage was entered twice; the first is when it was reached.
  const first = toMinor(text.split(/[,;]/)[0]);
  if (first) {
    warnings.push(`${file}: ${field}: several versions ${JSON.stringify(text)}, kept ${first}`);
    return first;
  }
  if (PLACEHOLDER.test(text)) {
    warnings.push(`${file}: ${field}: template placeholder ${JSON.stringify(text)} ignored`);
    return undefined;
  }
  throw new ImportError(file, field, `not a Kubernetes version: ${JSON.stringify(String(value))}`);
}

/** Accepts 2025-10-9 (zero-pads); placeholders become null; impossible dates are errors. */
function normaliseDate(value: unknown, field: string, file: string, warnings: string[]): string | null {
  if (value == null || value === '') return null;
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim();
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!match) {
    if (/^y{4}-m{2}-d{2}$/i.test(text)) {
      warnings.push(`${file}: ${field}: template placeholder ${JSON.stringify(text)} ignored`);
      return null;
    }
    throw new ImportError(file, field, `not a date: ${JSON.stringify(text)} (expected YYYY-MM-DD)`);
  }
  const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(iso)) {
    throw new ImportError(file, field, `impossible date ${JSON.stringify(text)}`);
  }
  return iso;
}

function asStringList(value: unknown): string[] {
  if (Array.isArray(value))
    return value.filter((item) => item != null && item !== '').map((item) => String(item).trim());
  if (typeof value === 'string' && value.trim()) return [value.trim()];
  return [];
}

function featureGates(value: unknown, file: string): Kep['featureGates'] {
  if (value == null) return [];
  if (!Array.isArray(value)) throw new ImportError(file, 'feature-gates', 'expected a list of {name, components}');
  return value
    .filter((gate): gate is Record<string, unknown> => gate != null && typeof gate === 'object')
    .filter(
      (gate) =>
        typeof gate.name === 'string' &&
        gate.name.trim() !== '' &&
        !/^my ?feature|^featuregate ?name$/i.test(gate.name),
    )
    .map((gate) => ({ name: String(gate.name).trim(), components: asStringList(gate.components) }));
}

export function applyOverrides(
  raw: Record<string, unknown>,
  number: number,
  overrides: readonly KepOverride[],
): Record<string, unknown> {
  const patched = structuredClone(raw);
  for (const override of overrides) {
    if (override.kep !== number) continue;
    const parts = override.field.split('.');
    let node: Record<string, unknown> = patched;
    for (const part of parts.slice(0, -1)) {
      if (node[part] == null || typeof node[part] !== 'object') node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts.at(-1)!] = override.value;
  }
  return patched;
}

export function parseKep(source: KepSource, overrides: readonly KepOverride[] = []): ParsedKep {
  const { file } = source;
  let document: unknown;
  try {
    document = parseYaml(source.yaml, { prettyErrors: true });
  } catch (error) {
    throw new ImportError(file, null, `invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (document == null || typeof document !== 'object' || Array.isArray(document)) {
    throw new ImportError(file, null, 'expected a YAML mapping');
  }
  const numberText = String((document as Record<string, unknown>)['kep-number'] ?? '').trim();
  if (!/^\d+$/.test(numberText))
    throw new ImportError(file, 'kep-number', `missing or not a number: ${JSON.stringify(numberText)}`);
  const number = Number(numberText);
  const raw = applyOverrides(document as Record<string, unknown>, number, overrides);
  const warnings: string[] = [];

  const title = typeof raw.title === 'string' ? raw.title.trim() : '';
  if (!title) throw new ImportError(file, 'title', 'missing');
  const owningSig = cleanWord(raw['owning-sig']);
  if (!owningSig) throw new ImportError(file, 'owning-sig', 'missing');

  const milestoneRaw = (raw.milestone ?? {}) as Record<string, unknown>;
  if (typeof milestoneRaw !== 'object')
    throw new ImportError(file, 'milestone', 'expected a mapping of stage → version');
  const milestones: StageMilestones = {};
  for (const stage of KEP_STAGES) {
    const version = normaliseMilestone(milestoneRaw[stage], `milestone.${stage}`, file, warnings);
    if (version) milestones[stage as KepStage] = version;
  }

  const folder = source.path.replace(/\/kep\.yaml$/, '');
  const candidate = {
    number,
    title,
    owningSig,
    participatingSigs: asStringList(raw['participating-sigs'])
      .map((sig) => sig.toLowerCase())
      .filter((sig) => sig !== owningSig),
    status: normaliseEnum(raw.status, KEP_STATUSES, 'status', file, warnings),
    stage: normaliseEnum(raw.stage, KEP_STAGES, 'stage', file, warnings),
    latestMilestone: normaliseMilestone(raw['latest-milestone'], 'latest-milestone', file, warnings) ?? null,
    milestones,
    featureGates: featureGates(raw['feature-gates'], file),
    creationDate: normaliseDate(raw['creation-date'], 'creation-date', file, warnings),
    summary: source.readme ? summaryFromReadme(source.readme) : '',
    path: folder,
    links: {
      issue: `${ENHANCEMENTS_ISSUE}/${number}`,
      folder: `${ENHANCEMENTS_BLOB}/${folder}`,
    },
  };
  return { kep: validateWith(Kep, candidate, file, ImportError), warnings };
}

const SUPERSEDED: ReadonlySet<string> = new Set(['replaced', 'superseded', 'withdrawn', 'rejected']);

/** Two folders can carry one number (a KEP moved between SIGs): keep the live one. */
export function dedupeKeps(parsed: readonly Kep[], warnings: string[]): Kep[] {
  const byNumber = new Map<number, Kep>();
  for (const kep of parsed) {
    const existing = byNumber.get(kep.number);
    if (!existing) {
      byNumber.set(kep.number, kep);
      continue;
    }
    const keepNew =
      existing.status !== null &&
      SUPERSEDED.has(existing.status) &&
      !(kep.status !== null && SUPERSEDED.has(kep.status));
    const [kept, dropped] = keepNew ? [kep, existing] : [existing, kep];
    byNumber.set(kep.number, kept);
    warnings.push(`KEP-${kep.number}: two folders (${kept.path}, ${dropped.path}); kept ${kept.path}`);
  }
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}
