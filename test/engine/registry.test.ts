// The registry of question kinds: one table from which Query, help and vocabulary are derived,
// and one router every message goes through.
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { ANSWER_INTENTS } from '../../src/domain/answer.ts';
import { buildIndex } from '../../src/engine/engine-index.ts';
import { execute } from '../../src/engine/execute.ts';
import {
  bestCandidate,
  CUE_WORDS,
  helpExamples,
  KINDS,
  kindOf,
  Query,
  TIE_RULES,
} from '../../src/engine/kinds/registry.ts';
import { parse } from '../../src/engine/parse.ts';
import { ParseNotes } from '../../src/engine/refs.ts';

const index = buildIndex(loadDataset());
const now = new Date('2024-09-01T12:00:00Z');
const notes = ParseNotes.parse({});

describe('the registry of question kinds', () => {
  it('lists each kind once, under the literal its schema accepts, with a public answer intent', () => {
    const names = KINDS.map((kind) => kind.kind);
    expect(new Set(names).size).toBe(names.length);
    for (const kind of KINDS) {
      expect(ANSWER_INTENTS).toContain(kind.intent);
      expect(kindOf(kind.kind)).toBe(kind);
      expect(kind.schema.safeParse({ kind: 'not-a-kind', notes }).success).toBe(false);
    }
  });

  it('keeps every existing public intent name', () => {
    for (const name of [
      'release-summary',
      'stage-list',
      'kep',
      'history',
      'schedule',
      'team',
      'support',
      'deprecations',
      'sig',
      'compare',
      'help',
      'search',
      'subscription',
      'digest',
      'unknown',
    ]) {
      expect(ANSWER_INTENTS).toContain(name);
    }
  });

  it('derives the help text and the cue vocabulary from the table', () => {
    const help = execute(parse('help', index, now), index, now);
    const lines = help.sections.find((section) => section.heading === 'Examples')?.lines ?? [];
    expect(lines).toEqual(helpExamples());
    for (const kind of KINDS) for (const example of kind.examples) expect(lines).toContain(example);
    for (const kind of KINDS) for (const word of kind.vocabulary) expect(CUE_WORDS.has(word)).toBe(true);
  });

  it('validates queries built outside the parser', () => {
    expect(
      Query.safeParse({ kind: 'release-summary', version: { kind: 'exact', minor: '1.31', patch: null }, notes })
        .success,
    ).toBe(true);
    expect(
      Query.safeParse({ kind: 'release-summary', version: { kind: 'exact', minor: 'one', patch: null }, notes })
        .success,
    ).toBe(false);
    expect(Query.safeParse({ kind: 'no-such-kind', notes }).success).toBe(false);
  });

  it('picks the highest score, then the named tie rules, then table order', () => {
    const search = { score: 50, query: { kind: 'search' as const, text: 'x' } };
    const kep = {
      score: 50,
      query: { kind: 'kep' as const, ref: { kind: 'number' as const, number: 24 }, askStage: null, version: null },
    };
    const release = { score: 60, query: { kind: 'release-summary' as const, version: null } };
    expect(bestCandidate([search, kep])?.query.kind).toBe('kep');
    expect(bestCandidate([kep, search])?.query.kind).toBe('kep');
    expect(bestCandidate([search, kep, release])?.query.kind).toBe('release-summary');
    expect(bestCandidate([])).toBeNull();
    expect(TIE_RULES.every((rule) => rule.name.length > 0)).toBe(true);
  });

  it('routes subscription commands through the same front door, arguments as typed', () => {
    expect(parse('subscribe weekly 08:30 America/Argentina/Buenos_Aires friday', index, now)).toMatchObject({
      kind: 'subscription',
      command: 'subscribe',
      args: 'weekly 08:30 America/Argentina/Buenos_Aires friday',
    });
    expect(parse('Subscriptions', index, now)).toMatchObject({
      kind: 'subscription',
      command: 'subscriptions',
      args: '',
    });
    expect(parse('unsubscribe weekly', index, now)).toMatchObject({
      kind: 'subscription',
      command: 'unsubscribe',
      args: 'weekly',
    });
    const alone = execute(parse('subscribe', index, now), index, now);
    expect(alone).toMatchObject({ intent: 'subscription', summary: 'Digests are not enabled on this bot.' });
  });
});
