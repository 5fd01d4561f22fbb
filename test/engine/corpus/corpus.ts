// The understanding corpus (issue 10): loading, validation and scoring. The test in corpus.test.ts runs the real
// engine over it; this module knows nothing about how the engine reads a question.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ANSWER_INTENTS } from '../../../src/domain/answer.ts';

/** Kinds announced in issue 11 and registered by other work; until then their entries are "pending". */
export const COMING_KINDS = [
  'feature-gate',
  'upgrade',
  'patch-schedule',
  'version-skew',
  'managed-platform',
  'support-policy',
  'cycle-status',
] as const;

export const CORPUS_KINDS = [...new Set<string>([...ANSWER_INTENTS, ...COMING_KINDS])] as [string, ...string[]];

export const FORMS = [
  'terse',
  'chatty',
  'long',
  'statement',
  'title',
  'typo',
  'date-form',
  'range',
  'two-part',
  'cycle',
  'hostile',
  'planted-word',
  'other',
] as const;

export const DEFAULT_NOW = '2026-11-21T12:00:00Z';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const VERSION = /^(?:\d+\.\d+(?:\.\d+)?|latest|current|next|previous)$/;

export const Entities = z
  .object({
    versions: z.array(z.string().regex(VERSION, 'a version: 1.31, 1.31.2, latest, current, next or previous')),
    keps: z.array(z.number().int().nonnegative()),
    gates: z.array(z.string().min(1)),
    sigs: z.array(z.string().regex(/^sig-[a-z-]+$/, 'a SIG id such as sig-node')),
    components: z.array(z.string().min(1)),
    platforms: z.array(z.enum(['eks', 'aks', 'gke', 'openshift', 'ack'])),
    dates: z.array(z.string().regex(ISO_DAY, 'an ISO day YYYY-MM-DD')),
    apis: z.array(z.string().min(1)),
  })
  .partial()
  .strict();
export type Entities = z.infer<typeof Entities>;
export type EntityKey = keyof Entities;
export const ENTITY_KEYS = Object.keys(Entities.shape) as EntityKey[];

const Kind = z.enum(CORPUS_KINDS);

export const CorpusEntry = z
  .object({
    q: z.string().min(1),
    /** The expected kind, or a list of acceptable kinds (the first is the one reported), e.g. [help, search]. */
    kind: z.union([Kind, z.array(Kind).min(1)]),
    entities: Entities.default({}),
    /**
     * Case-insensitive substrings of the rendered plain-text answer. "Yes" and "No" are special: the answer's first
     * lines (title or summary) must start with them ("No" also accepts "Not …"), since the answer leads with it.
     */
    facts: z.array(z.string().min(1)).default([]),
    /** Substrings that must not appear (e.g. a mass mention echoed back). */
    absent: z.array(z.string().min(1)).default([]),
    form: z.enum(FORMS),
    now: z.iso.datetime({ offset: true }).default(DEFAULT_NOW),
    /** Messages sent to the same channel first (subscription state). */
    setup: z.array(z.string().min(1)).default([]),
    /** The answer must list no items (no KEP or API offered as a match), e.g. for garbage input. */
    noItems: z.boolean().default(false),
  })
  .strict()
  .transform(({ kind, ...rest }) => {
    const kinds = Array.isArray(kind) ? kind : [kind];
    return { ...rest, kind: kinds[0]!, kinds };
  });
export type CorpusEntry = z.output<typeof CorpusEntry>;

export class CorpusError extends Error {}

/** Loads one corpus file; every bad entry is named (index and question) in one error. */
export function loadCorpus(file: string): CorpusEntry[] {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CorpusError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  if (!Array.isArray(raw)) throw new CorpusError(`${file}: expected a YAML list of entries`);
  const problems: string[] = [];
  const entries: CorpusEntry[] = [];
  raw.forEach((item, index) => {
    const parsed = CorpusEntry.safeParse(item);
    if (parsed.success) {
      entries.push(parsed.data);
      return;
    }
    const q =
      typeof (item as { q?: unknown })?.q === 'string'
        ? JSON.stringify((item as { q: string }).q.slice(0, 80))
        : '(no q)';
    const issues = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`)
      .join('; ');
    problems.push(`${file} entry #${index} ${q}: ${issues}`);
  });
  if (problems.length) throw new CorpusError(problems.join('\n'));
  return entries;
}

/** What recognizeEntities returned, normalised to comparable strings per key. */
export type FoundEntities = Partial<Record<EntityKey, string[]>>;

function entityText(value: unknown): string {
  if (value == null) return '';
  if (typeof value !== 'object') return String(value);
  const record = value as Record<string, unknown>;
  for (const key of ['version', 'number', 'kep', 'name', 'id', 'value', 'raw', 'date', 'platform', 'sig', 'api']) {
    if (record[key] != null && typeof record[key] !== 'object') return String(record[key]);
  }
  return JSON.stringify(value);
}

/** Accepts arrays of strings/numbers/objects, and a range object ({from, to}) as both ends. */
export function normaliseFound(found: unknown): FoundEntities {
  const out: FoundEntities = {};
  if (!found || typeof found !== 'object') return out;
  for (const key of ENTITY_KEYS) {
    const list = (found as Record<string, unknown>)[key];
    if (!Array.isArray(list)) continue;
    out[key] = list.flatMap((item) => {
      if (item && typeof item === 'object') {
        const record = item as Record<string, unknown>;
        const ends = ['from', 'to'].filter((end) => record[end] != null).map((end) => entityText(record[end]));
        if (ends.length) return [entityText(item), ...ends];
      }
      return [entityText(item)];
    });
  }
  return out;
}

const sameEntity = (key: EntityKey, expected: string, found: string): boolean =>
  key === 'gates'
    ? expected === found
    : expected.toLowerCase() ===
      found
        .toLowerCase()
        .replace(/^v(?=\d)/, '')
        .replace(/^kep-/, '');

/** Expected entities that were not found, as "key:value". */
export function missingEntities(expected: Entities, found: FoundEntities): string[] {
  const missing: string[] = [];
  for (const key of ENTITY_KEYS) {
    for (const value of expected[key] ?? []) {
      const text = String(value);
      if (!(found[key] ?? []).some((candidate) => sameEntity(key, text, candidate))) missing.push(`${key}:${text}`);
    }
  }
  return missing;
}

export interface EntryResult {
  index: number;
  split: 'tune' | 'holdout';
  kind: string;
  form: string;
  pending: boolean;
  gotIntent: string;
  kindOk: boolean;
  /** Kind, facts, absent strings and items all hold (the answer is right, whatever the entity check says). */
  answerOk: boolean;
  /** null when the entity check was skipped. */
  entitiesOk: boolean | null;
  missingFacts: string[];
  presentAbsent: string[];
  /** How many items the answer listed where the entry wants none (0 otherwise). */
  unwantedItems: number;
  /** null when the entity check was skipped. */
  missingEntities: string[] | null;
  pass: boolean;
  error: string | null;
}

const LEADING_ANSWER: Record<string, RegExp> = { yes: /^\W*yes\b/, no: /^\W*(?:no|not)\b/ };

function hasFact(fact: string, text: string, leading: string[]): boolean {
  const lower = fact.toLowerCase();
  const leadingAnswer = LEADING_ANSWER[lower];
  return leadingAnswer ? leading.some((line) => leadingAnswer.test(line)) : text.includes(lower);
}

/** Scores one answer against its entry. */
export function score(
  entry: CorpusEntry,
  meta: { index: number; split: 'tune' | 'holdout'; pending: boolean },
  answer: { intent: string; text: string; items: number } | null,
  found: FoundEntities | null,
  error: string | null = null,
): EntryResult {
  const text = (answer?.text ?? '').toLowerCase();
  const leading = text.split('\n').slice(0, 2);
  const gotIntent = answer?.intent ?? '(error)';
  const kindOk = entry.kinds.includes(gotIntent);
  const unwantedItems = entry.noItems ? (answer?.items ?? 0) : 0;
  const missingFacts = entry.facts.filter((fact) => !hasFact(fact, text, leading));
  const presentAbsent = entry.absent.filter((bad) => text.includes(bad.toLowerCase()));
  const missing = found ? missingEntities(entry.entities, found) : null;
  const answerOk = !error && kindOk && missingFacts.length === 0 && presentAbsent.length === 0 && unwantedItems === 0;
  const entitiesOk = missing ? missing.length === 0 : null;
  const pass = answerOk && entitiesOk !== false;
  const { kind, form } = entry;
  return {
    ...meta,
    kind,
    form,
    gotIntent,
    kindOk,
    missingFacts,
    presentAbsent,
    unwantedItems,
    missingEntities: missing,
    answerOk,
    entitiesOk,
    pass,
    error,
  };
}

export interface Tally {
  total: number;
  counted: number;
  pending: number;
  passed: number;
  kindOk: number;
  answerOk: number;
  /** Counted entries whose entities were checked, and how many of those held. */
  entitiesChecked: number;
  entitiesOk: number;
}

export function tally(results: EntryResult[]): Tally {
  const counted = results.filter((result) => !result.pending);
  return {
    total: results.length,
    counted: counted.length,
    pending: results.length - counted.length,
    passed: counted.filter((result) => result.pass).length,
    kindOk: counted.filter((result) => result.kindOk).length,
    answerOk: counted.filter((result) => result.answerOk).length,
    entitiesChecked: counted.filter((result) => result.entitiesOk !== null).length,
    entitiesOk: counted.filter((result) => result.entitiesOk === true).length,
  };
}

export function groupTally(results: EntryResult[], by: 'kind' | 'form'): Map<string, Tally> {
  const groups = new Map<string, EntryResult[]>();
  for (const result of results) groups.set(result[by], [...(groups.get(result[by]) ?? []), result]);
  return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, list]) => [key, tally(list)]));
}

export const ratio = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);
const percent = (part: number, whole: number): string =>
  whole === 0 ? '   –  ' : `${(100 * ratio(part, whole)).toFixed(1).padStart(5)}%`;

export function tallyLine(label: string, t: Tally): string {
  const pending = t.pending ? `  (+${t.pending} pending)` : '';
  const entities = t.entitiesChecked ? `  entities ${percent(t.entitiesOk, t.entitiesChecked)}` : '';
  return (
    `${label.padEnd(18)} pass ${percent(t.passed, t.counted)} (${t.passed}/${t.counted})  answer ${percent(t.answerOk, t.counted)}` +
    `  kind ${percent(t.kindOk, t.counted)}${entities}${pending}`
  );
}
