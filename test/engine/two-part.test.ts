// Questions in parts (src/engine/two-part.ts): an elliptical second part ("… and which in 1.25?", "and for 1.34?",
// "what about 1.29?") asks the first part's question again about other releases, through the real engine.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { createEngine, type Engine } from '../../src/engine/index.ts';
import { expandEllipsis, splitQuestion } from '../../src/engine/two-part.ts';
import { readQuestion } from '../../src/engine/understand/question.ts';
import { CUE_WORDS } from '../../src/engine/kinds/registry.ts';
import { renderText } from '../../src/render/text.ts';

const DATA_DATE = new Date('2026-08-22T12:00:00Z');

let engine: Engine;
beforeAll(() => {
  engine = createEngine(loadDataset());
});

describe('expandEllipsis', () => {
  it.each([
    ['which in 1.25', 'what went GA in 1.30', 'what went GA in 1.25'],
    ['and for 1.34', "when's code freeze for 1.33", "when's code freeze for 1.34"],
    ['what about 1.29', 'is 1.28 still supported', 'is 1.29 still supported'],
    ['and in v1.22', 'what was removed in 1.25', 'what was removed in v1.22'],
    ['what about 1.31 and 1.33', 'upgrade from 1.30 to 1.32', 'upgrade from 1.31 to 1.33'],
    ['and 1.36?', 'what went GA in the latest release', 'what went GA in the 1.36 release'],
  ])('“%s” after “%s” asks “%s”', (part, first, expected) => {
    expect(expandEllipsis(part, first)).toBe(expected);
  });

  it.each([
    ['who is leading 1.34', 'who led 1.33'],
    ['and what breaks in 1.34', 'is 1.33 supported'],
    ['which ones', 'what went GA in 1.30'],
    ['and 1.31', 'upgrade from 1.29 to 1.30'],
    ['and 1.31', 'what went GA'],
  ])('“%s” after “%s” says more (or names other versions) and is its own question', (part, first) => {
    expect(expandEllipsis(part, first)).toBeNull();
  });
});

describe('an elliptical second part inherits the kind and the other entities', () => {
  it.each([
    [
      'what went GA in 1.30, and which in 1.25?',
      'stage-list',
      '13 enhancements graduated to stable in Kubernetes 1.25',
    ],
    ["when's code freeze for 1.33? and for 1.34?", 'schedule', 'Code freeze for Kubernetes 1.34: 2025-07-25'],
    ['is 1.28 still supported? what about 1.29?', 'support', 'No — Kubernetes 1.29 is end of life'],
    ['what was removed in 1.25 and in 1.22?', 'deprecations', 'stop being served in Kubernetes 1.22'],
    ['who led 1.30, and 1.31?', 'team', 'Angelos Kolaitis (@neoaggelos) led the Kubernetes 1.31 release'],
    ['beta features in 1.30, and in 1.31?', 'stage-list', 'reached beta in Kubernetes 1.31'],
  ])('%s', (question, intent, second) => {
    const answer = engine.answer(question, DATA_DATE);
    expect(answer.intent).toBe(intent);
    // The second part's answer is a section of its own, led by its summary line.
    const lines = answer.sections.map((part) => (part.lines[0] ?? '').toLowerCase());
    expect(lines.some((line) => line.includes(second.toLowerCase()))).toBe(true);
  });

  it('a range is one question, not its two ends', () => {
    const answer = engine.answer('release leads 1.30 - 1.33', DATA_DATE);
    expect(answer.sections.map((part) => part.heading)).not.toContain('Kubernetes 1.33: Release Team Lead');
  });
});

describe('a later part that says "it" means the feature the question names', () => {
  it.each([
    ['Sidecar history, and is it on by default in 1.33?', 'Yes — SidecarContainers is on by default in 1.33'],
    ['when did DRA go GA and is it on by default in 1.34?', 'Yes — DynamicResourceAllocation is on by default in 1.34'],
  ])('%j', (question, followUp) => {
    const answer = engine.answer(question, DATA_DATE);
    expect(answer.intent).toBe('history');
    const lines = answer.sections.flatMap((section) => section.lines);
    expect(lines.some((line) => line.startsWith(followUp))).toBe(true);
  });
});

describe('each part of a question gets its answer', () => {
  it.each([
    [
      'when exactly did 1.35 go out and how many enhancements did it have',
      'Kubernetes 1.35 “Timbernetes (The World Tree Release)”',
    ],
    ['next 1.36 patch date, and is 1.36 still in standard support?', 'Is Kubernetes 1.36 supported?'],
  ])('%j', (question, secondHeading) => {
    const answer = engine.answer(question, DATA_DATE);
    expect(answer.sections.map((section) => section.heading)).toContain(secondHeading);
    expect(renderText(answer)).toMatch(/60 enhancements|standard support until 2027-04-28/);
    // The first part asks no yes or no: its answer leads with none.
    expect(answer.summary).not.toMatch(/^(Yes|No) — /);
  });
});

describe('splitQuestion', () => {
  const question = (text: string) =>
    readQuestion(
      text,
      text,
      engine.index,
      DATA_DATE,
      { corrections: [], truncated: false, stripped: false },
      CUE_WORDS,
    );

  it('reads no part after one that reads as no question of its own: the message is then one question', () => {
    const text = 'hey bot, what went GA in 1.33, and who led it?';
    const read: string[] = [];
    const parts = splitQuestion(text, question(text), (part) => {
      read.push(part);
      return null;
    });
    expect(parts).toBeNull();
    expect(read).toEqual(['hey bot in 1.33']);
  });

  it('reads every part when each reads on its own, the first as the query and the rest as follow-ups', () => {
    const text = 'what went GA in 1.33, and who led 1.33?';
    const read: string[] = [];
    const parts = splitQuestion(text, question(text), (part) => {
      read.push(part);
      return engine.understand(part, DATA_DATE);
    });
    expect(read).toEqual(['what went GA in 1.33', 'who led 1.33']);
    expect(parts?.first.kind).toBe('stage-list');
    expect(parts?.followUps.map((part) => part.text)).toEqual(['who led 1.33']);
  });
});
