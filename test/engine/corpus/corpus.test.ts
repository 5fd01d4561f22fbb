// The understanding corpus (issue 10) through the real bot: Bot.handle → engine (or the subscription commands on a real
// SQLite file) → renderText, on the bundled dataset. Prints accuracy on tune and holdout separately, per kind and form.
// Holdout sentences and their failures are never printed: the engine is tuned on tune.yaml only.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../../src/bot.ts';
import type { ChannelRef } from '../../../src/domain/channel.ts';
import { loadDataset } from '../../../src/data/load.ts';
import { ANSWER_INTENTS } from '../../../src/domain/answer.ts';
import type { Dataset } from '../../../src/domain/dataset.ts';
import { createSubscriptionCommands } from '../../../src/digest/commands.ts';
import { renderText } from '../../../src/render/text.ts';
import type { Store } from '../../../src/storage/store.ts';
import { openSqliteStore } from '../../../src/storage/subscription-store.ts';
import {
  COMING_KINDS,
  CorpusEntry,
  CorpusError,
  groupTally,
  loadCorpus,
  missingEntities,
  normaliseFound,
  ratio,
  score,
  tally,
  tallyLine,
  type EntryResult,
  type FoundEntities,
} from './corpus.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const TUNE_FILE = path.join(here, 'tune.yaml');
const HOLDOUT_FILE = path.join(here, 'holdout.yaml');
const RESULTS_DIR = path.join(repoRoot, 'var', 'corpus');

/**
 * Floors, on each part, for the share of counted (non-pending) entries whose answer is right (kind, facts, absent,
 * items), whose kind is right, and whose entities recognizeEntities finds (when it exists). Raised with the registry
 * engine to a few points under its measured holdout rates (answer 74.6 %, kind 81.1 %, entities 95.8 % on 2026-12-01;
 * with verdicts and ranges answer 79.3 %, kind 83.7 %, entities 96.3 %), so a regression fails; the cascade engine
 * before it measured 64.6 % / 68.3 % on the kinds it had.
 */
const DEFAULT_MIN_ANSWER = 0.75;
const DEFAULT_MIN_KIND = 0.8;
const DEFAULT_MIN_ENTITIES = 0.93;
const FIRST_FAILURES = Number(process.env.CORPUS_SHOW_FAILURES ?? 40);

function floorFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new Error(`${name} must be a fraction between 0 and 1, got ${JSON.stringify(raw)}`);
  return value;
}
const MIN_ANSWER = floorFromEnv('CORPUS_MIN_ANSWER', DEFAULT_MIN_ANSWER);
const MIN_KIND = floorFromEnv('CORPUS_MIN_KIND', DEFAULT_MIN_KIND);
const MIN_ENTITIES = floorFromEnv('CORPUS_MIN_ENTITIES', DEFAULT_MIN_ENTITIES);

type Recognize = (text: string, index: unknown, now: Date) => unknown;

/** The entity recogniser the understanding work exports, if it exists yet (looked up at run time, not typed). */
async function findRecognizer(
  dataset: Dataset,
  engine: object,
): Promise<{ recognize: Recognize; index: unknown } | null> {
  const engineModule = (await import('../../../src/engine/index.ts')) as Record<string, unknown>;
  const recognize = engineModule.recognizeEntities;
  if (typeof recognize !== 'function') return null;
  const engineIndex = (engine as Record<string, unknown>).index;
  if (engineIndex) return { recognize: recognize as Recognize, index: engineIndex };
  let build = engineModule.buildIndex;
  if (typeof build !== 'function')
    build = ((await import('../../../src/engine/engine-index.ts')) as Record<string, unknown>).buildIndex;
  if (typeof build !== 'function') return null;
  return { recognize: recognize as Recognize, index: (build as (data: Dataset) => unknown)(dataset) };
}

/**
 * The intents a kind really answers: listed in ANSWER_INTENTS and, where the engine has a registry of question kinds
 * (src/engine/kinds/registry.ts, looked up at run time), answered by one of its kinds. A name listed ahead of its
 * module is still pending.
 */
async function registeredIntents(): Promise<Set<string>> {
  const listed = new Set<string>(ANSWER_INTENTS);
  const registryFile = path.join(repoRoot, 'src', 'engine', 'kinds', 'registry.ts');
  if (!existsSync(registryFile)) return listed;
  const kinds = ((await import(pathToFileURL(registryFile).href)) as Record<string, unknown>).KINDS;
  if (!Array.isArray(kinds)) return listed;
  const answered = new Set(
    kinds.map((kind) => (kind as { intent?: unknown }).intent).filter((intent) => typeof intent === 'string'),
  );
  return new Set([...listed].filter((intent) => answered.has(intent)));
}

let dataset: Dataset;
let store: Store;
let bot: Bot;
let storeDir: string;
let recognizer: { recognize: Recognize; index: unknown } | null = null;
let registered = new Set<string>(ANSWER_INTENTS);

async function run(entry: CorpusEntry, index: number, split: 'tune' | 'holdout'): Promise<EntryResult> {
  const meta = { index, split, pending: !entry.kinds.some((kind) => registered.has(kind)) };
  const channel: ChannelRef = { platform: 'console', workspace: 'corpus', channel: `${split}-${index}` };
  const now = new Date(entry.now);
  let found: FoundEntities | null = null;
  try {
    for (const message of entry.setup) await bot.handle(message, { channel, now });
    const answer = await bot.handle(entry.q, { channel, now });
    if (recognizer) found = normaliseFound(recognizer.recognize(entry.q, recognizer.index, now));
    const items = answer.sections.reduce((sum, section) => sum + section.items.length, 0);
    return score(entry, meta, { intent: answer.intent, text: renderText(answer), items }, found);
  } catch (error) {
    return score(entry, meta, null, found, (error as Error).message ?? String(error));
  }
}

function report(name: string, results: EntryResult[], withFailures: boolean, entries: CorpusEntry[]): string[] {
  const lines = [`== ${name}: ${results.length} entries`, tallyLine('overall', tally(results)), '', 'per kind:'];
  for (const [kind, t] of groupTally(results, 'kind')) lines.push(tallyLine(`  ${kind}`, t));
  lines.push('', 'per form:');
  for (const [form, t] of groupTally(results, 'form')) lines.push(tallyLine(`  ${form}`, t));
  if (withFailures) {
    const failures = results.filter((result) => !result.pending && !result.pass);
    lines.push('', `first ${Math.min(FIRST_FAILURES, failures.length)} of ${failures.length} failures (${name} only):`);
    for (const failure of failures.slice(0, FIRST_FAILURES)) {
      const entry = entries[failure.index]!;
      const why = [
        failure.error ? `error ${failure.error}` : '',
        failure.kindOk ? '' : `kind ${failure.gotIntent} ≠ ${entry.kinds.join('|')}`,
        failure.unwantedItems ? `${failure.unwantedItems} items where none are wanted` : '',
        failure.missingFacts.length ? `missing ${JSON.stringify(failure.missingFacts)}` : '',
        failure.presentAbsent.length ? `must not contain ${JSON.stringify(failure.presentAbsent)}` : '',
        failure.missingEntities?.length ? `entities ${failure.missingEntities.join(', ')}` : '',
      ].filter(Boolean);
      lines.push(`  #${failure.index} [${failure.form}] ${JSON.stringify(entry.q.slice(0, 140))} — ${why.join('; ')}`);
    }
  }
  return lines;
}

let tune: CorpusEntry[];
let holdout: CorpusEntry[];
let tuneResults: EntryResult[];
let holdoutResults: EntryResult[];

beforeAll(async () => {
  tune = loadCorpus(TUNE_FILE);
  holdout = loadCorpus(HOLDOUT_FILE);
  dataset = loadDataset();
  storeDir = mkdtempSync(path.join(tmpdir(), 'k8s-bot-corpus-'));
  store = openSqliteStore(storeDir);
  bot = new Bot(dataset, { subscriptions: createSubscriptionCommands(store, dataset) });
  recognizer = await findRecognizer(dataset, bot.engine);
  registered = await registeredIntents();
  tuneResults = [];
  for (const [index, entry] of tune.entries()) tuneResults.push(await run(entry, index, 'tune'));
  holdoutResults = [];
  for (const [index, entry] of holdout.entries()) holdoutResults.push(await run(entry, index, 'holdout'));

  const lines = [
    `Understanding corpus — registered kinds: ${registered.size}; pending kinds: ${COMING_KINDS.filter((kind) => !registered.has(kind)).join(', ') || 'none'}`,
    recognizer
      ? 'entity check: on (recognizeEntities)'
      : 'entity check: SKIPPED — src/engine/index.ts does not export recognizeEntities yet',
    `floors: answer ≥ ${MIN_ANSWER}, kind ≥ ${MIN_KIND}, entities ≥ ${MIN_ENTITIES} (CORPUS_MIN_ANSWER / _KIND / _ENTITIES)`,
    'pass = answer right and entities found; answer = kind, facts, absent strings and items',
    '',
    ...report('tune', tuneResults, true, tune),
    '',
    ...report('holdout', holdoutResults, false, holdout),
  ];
  console.log(lines.join('\n'));

  mkdirSync(RESULTS_DIR, { recursive: true });
  const tuneDetail = tuneResults.map((result) => ({ ...result, q: tune[result.index]!.q }));
  // Holdout results carry no sentence and no fact text: the lead joins them to holdout.yaml by index.
  const holdoutDetail = holdoutResults.map(({ missingFacts, presentAbsent, missingEntities, ...rest }) => ({
    ...rest,
    missingFacts: missingFacts.length,
    presentAbsent: presentAbsent.length,
    missingEntities: missingEntities?.length ?? null,
  }));
  writeFileSync(
    path.join(RESULTS_DIR, 'results.json'),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), entityCheck: Boolean(recognizer), tune: tuneDetail, holdout: holdoutDetail }, null, 1)}\n`,
  );
}, 600_000);

afterAll(() => {
  void store?.close();
  if (storeDir) rmSync(storeDir, { recursive: true, force: true });
});

describe('understanding corpus', () => {
  it('has at least 1,100 entries, about a fifth of them held out, every kind with 30 or more', () => {
    const all = [...tune, ...holdout];
    expect(all.length).toBeGreaterThanOrEqual(1100);
    expect(holdout.length / all.length).toBeGreaterThan(0.15);
    expect(holdout.length / all.length).toBeLessThan(0.25);
    const perKind = new Map<string, number>();
    for (const entry of all) perKind.set(entry.kind, (perKind.get(entry.kind) ?? 0) + 1);
    const thin = [...perKind].filter(([kind, count]) => count < 30 && kind !== 'digest' && kind !== 'unknown');
    expect(thin).toEqual([]);
    for (const kind of COMING_KINDS) expect(perKind.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(30);
  });

  it('never crashes on an entry', () => {
    const errors = [...tuneResults, ...holdoutResults].filter((result) => result.error);
    expect(errors.map((result) => `${result.split} #${result.index}: ${result.error}`)).toEqual([]);
  });

  it(`holds the floors on tune and on holdout (answer ≥ ${MIN_ANSWER}, kind ≥ ${MIN_KIND}, entities ≥ ${MIN_ENTITIES})`, () => {
    for (const [name, results] of [
      ['tune', tuneResults],
      ['holdout', holdoutResults],
    ] as const) {
      const t = tally(results);
      expect(ratio(t.answerOk, t.counted), `${name} answer rate`).toBeGreaterThanOrEqual(MIN_ANSWER);
      expect(ratio(t.kindOk, t.counted), `${name} kind rate`).toBeGreaterThanOrEqual(MIN_KIND);
      if (t.entitiesChecked)
        expect(ratio(t.entitiesOk, t.entitiesChecked), `${name} entity rate`).toBeGreaterThanOrEqual(MIN_ENTITIES);
    }
  });
});

describe('corpus scoring', () => {
  const entry = CorpusEntry.parse({
    q: 'kubelet 1.30 against a 1.33 control plane',
    kind: ['version-skew', 'support'],
    entities: { versions: ['1.30', '1.33'], components: ['kubelet'], gates: ['NodeSwap'] },
    facts: ['Yes'],
    absent: ['@everyone'],
    form: 'other',
  });
  const meta = { index: 0, split: 'tune' as const, pending: false };

  it('accepts any listed kind, needs every fact, and rejects what must be absent', () => {
    expect(score(entry, meta, { intent: 'support', text: 'Title\nYES — fine', items: 0 }, null).pass).toBe(true);
    // "Yes"/"No" must lead the answer, not merely occur in it (every text says "node" or "not" somewhere)
    expect(
      score(entry, meta, { intent: 'support', text: 'Title\nMaybe.\nYes, later', items: 0 }, null).missingFacts,
    ).toEqual(['Yes']);
    expect(score(entry, meta, { intent: 'kep', text: 'Yes', items: 0 }, null).kindOk).toBe(false);
    expect(score(entry, meta, { intent: 'support', text: 'No', items: 0 }, null).missingFacts).toEqual(['Yes']);
    expect(score(entry, meta, { intent: 'support', text: 'Yes @everyone', items: 0 }, null).pass).toBe(false);
  });

  it('checks expected entities as a subset of those found, in the shapes a recogniser may return', () => {
    const found = normaliseFound({
      versions: [{ from: 'v1.30', to: '1.33' }],
      components: ['kubelet', 'kubectl'],
      gates: [{ name: 'NodeSwap' }],
    });
    expect(missingEntities(entry.entities, found)).toEqual([]);
    expect(missingEntities(entry.entities, normaliseFound({ versions: ['1.30'], gates: ['nodeswap'] }))).toEqual([
      'versions:1.33',
      'gates:NodeSwap',
      'components:kubelet',
    ]);
    const unrecognised = score(
      entry,
      meta,
      { intent: 'support', text: 'Yes', items: 0 },
      normaliseFound({ versions: ['1.30'] }),
    );
    expect(unrecognised.pass).toBe(false);
    expect(unrecognised.answerOk).toBe(true);
    expect(unrecognised.entitiesOk).toBe(false);
    expect(score(entry, meta, { intent: 'support', text: 'Yes', items: 0 }, null).entitiesOk).toBeNull();
  });

  it('fails an answer that offers items where none are wanted', () => {
    const garbage = CorpusEntry.parse({ q: 'asdkjh', kind: ['help', 'search'], form: 'hostile', noItems: true });
    expect(score(garbage, meta, { intent: 'search', text: 'No match', items: 0 }, null).pass).toBe(true);
    expect(score(garbage, meta, { intent: 'search', text: 'KEPs matching', items: 1 }, null).pass).toBe(false);
  });
});

describe('corpus loader', () => {
  it('names the bad entry and field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'k8s-bot-corpus-bad-'));
    try {
      const file = path.join(dir, 'bad.yaml');
      writeFileSync(
        file,
        '- q: "fine"\n  kind: kep\n  form: terse\n- q: "broken"\n  kind: not-a-kind\n  form: terse\n  entities: { versions: ["one"] }\n',
      );
      expect(() => loadCorpus(file)).toThrow(CorpusError);
      expect(() => loadCorpus(file)).toThrow(/entry #1 "broken": kind: .*entities\.versions\.0/s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
