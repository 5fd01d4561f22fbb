// What every answer gets after its kind has answered (src/engine/assemble.ts), through the real engine on the
// bundled dataset: "Try:" never repeats the question, two-part questions get both parts, statements get their
// facts (and a polite correction where the data disagrees), and an answer as of a past `now` shows nothing later.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import type { Answer, AnswerIntent } from '../../src/domain/answer.ts';
import type { Dataset } from '../../src/domain/dataset.ts';
import { normalisesTo, normaliseQuestion } from '../../src/engine/assemble.ts';
import { createEngine, type Engine, type Query } from '../../src/engine/index.ts';
import { renderText } from '../../src/render/text.ts';
import { loadCorpus } from './corpus/corpus.ts';

const DATA_DATE = new Date('2026-08-22T12:00:00Z');
const BEFORE_131 = new Date('2024-07-01T12:00:00Z');
const JANUARY_2024 = new Date('2024-01-15T12:00:00Z');
const BEFORE_136 = new Date('2026-03-01T12:00:00Z');

let dataset: Dataset;
let engine: Engine;
beforeAll(() => {
  dataset = loadDataset();
  engine = createEngine(dataset);
});

const bare = (query: Query): string => {
  const { notes: _notes, ...rest } = query;
  return JSON.stringify(rest);
};

describe('"Try:" never suggests the question just asked', () => {
  const SEEDS = [
    'tell me about 1.31',
    'what went GA in 1.31',
    'KEP-753',
    'when did KEP-753 go GA',
    '1.31 schedule',
    'who led 1.31',
    'is 1.29 still supported',
    'which versions are supported',
    'what was removed in 1.25',
    'compare 1.30 and 1.31',
    'what did SIG Node ship in 1.33',
    'when does 1.30 reach end of life',
    'deprecations in 1.31',
    'upgrade from 1.30 to 1.31',
  ];

  // These answers' kinds suggest the question itself (the assembly step takes it out).
  it.each(['when did KEP-753 go GA', 'who led 1.31', 'who led 1.37'])('%s', (question) => {
    const answer = engine.answer(question, DATA_DATE);
    expect(answer.suggestions.length).toBeGreaterThan(0);
    expect(answer.suggestions.map(normaliseQuestion)).not.toContain(normaliseQuestion(question));
  });

  it('holds for every suggestion reachable from the seeds: no suggestion is the question, in words or in meaning', () => {
    const seen = new Set<string>();
    const queue = [...SEEDS];
    while (queue.length > 0 && seen.size < 150) {
      const question = queue.shift()!;
      if (seen.has(question)) continue;
      seen.add(question);
      const asked = bare(engine.understand(question, DATA_DATE));
      const answer = engine.answer(question, DATA_DATE);
      for (const suggestion of answer.suggestions) {
        expect(normaliseQuestion(suggestion), `${question} → ${suggestion}`).not.toBe(normaliseQuestion(question));
        expect(bare(engine.understand(suggestion, DATA_DATE)), `${question} → ${suggestion}`).not.toBe(asked);
        queue.push(suggestion);
      }
    }
    expect(seen.size).toBeGreaterThan(50);
  });

  // The in-place comparison the assembly step runs must say exactly what comparing the two normalised texts says.
  it('compares in place exactly as normalising both would', () => {
    const questions = loadCorpus(new URL('./corpus/tune.yaml', import.meta.url).pathname).map((entry) => entry.q);
    const variants = (text: string) => [
      text,
      text.toUpperCase(),
      `  “${text}”?! `,
      ` "${text}"...`,
      text.replace(/ /g, '\t \n'),
      text.replace(/\./g, ' . '),
      `${text}s`,
      text.slice(1),
      text.replace(/[aeiou]/, 'İ'),
    ];
    let agreed = 0;
    let equal = 0;
    for (const question of questions.slice(0, 300)) {
      const targets = [question, ...engine.answer(question, DATA_DATE).suggestions].map(normaliseQuestion);
      for (const text of variants(question))
        for (const target of targets) {
          const same = normaliseQuestion(text) === target;
          expect(normalisesTo(text, target), `${JSON.stringify(text)} vs ${JSON.stringify(target)}`).toBe(same);
          agreed++;
          if (same) equal++;
        }
    }
    for (const [text, target] of [
      ['', ''],
      ['?!', ''],
      ['a', ''],
      ['', 'a'],
      ['Who led 1.31', 'who led 1 31'],
      ['who  led', 'who led'],
      ['who led', 'who  led'],
    ] as const)
      expect(normalisesTo(text, target), `${text} vs ${target}`).toBe(normaliseQuestion(text) === target);
    expect(equal).toBeGreaterThan(1000);
    expect(agreed).toBeGreaterThan(equal * 2);
  });

  it('compares loosely: case, quotes and punctuation do not make another question', () => {
    expect(normaliseQuestion('“Who led 1.31?”')).toBe(normaliseQuestion('who led 1.31'));
    expect(normaliseQuestion('who led 1.31')).not.toBe(normaliseQuestion('who led 1.32'));
  });
});

interface TwoPart {
  q: string;
  intent: AnswerIntent;
  /** Text the rendered answer must contain (from both parts). */
  has: string[];
  /** Headings of sections the second part adds. */
  sections?: string[];
}

describe('two-part questions get both parts', () => {
  const cases: TwoPart[] = [
    {
      q: 'what went stable in 1.33, did sidecars make it?',
      intent: 'stage-list',
      has: ['KEP-3866', 'KEP-753 “Sidecar Containers” (SIG Node) is stable (GA) since 1.33'],
      sections: ['KEP-753: Sidecar Containers'],
    },
    {
      q: 'we’re moving from 1.29 to 1.30 — which beta features became GA, and what breaks?',
      intent: 'upgrade',
      has: ['Upgrade 1.29 → 1.30', 'graduated to stable in Kubernetes 1.30', 'KEP-1610'],
      sections: ['Graduated to stable in Kubernetes 1.30'],
    },
    {
      q: 'when is 1.37 released and who is leading it?',
      intent: 'schedule',
      has: ['2026-08-26', 'Dipesh Rawat'],
      sections: ['Kubernetes 1.37: Release Team Lead'],
    },
    { q: 'who led 1.35 and who leads 1.36', intent: 'team', has: ['Drew Hagen', 'Ryota Sawada'] },
    {
      q: 'which stable features did 1.30 deliver, and when was it released?',
      intent: 'stage-list',
      has: ['KEP-1610', '2024-04-17'],
    },
    { q: '1.36 supported? and when is maintenance mode?', intent: 'support', has: ['Yes', '2027-04-28'] },
  ];
  it.each(cases)('$q', ({ q, intent, has, sections = [] }) => {
    const answer = engine.answer(q, DATA_DATE);
    const text = renderText(answer);
    expect(answer.intent).toBe(intent);
    for (const expected of has) expect(text).toContain(expected);
    for (const heading of sections) expect(answer.sections.map((part) => part.heading)).toContain(heading);
  });

  it('"which features that went beta in 1.30 became GA in 1.32?" is the intersection: beta in 1.30 and stable in 1.32', () => {
    const answer = engine.answer('which features that went beta in 1.30 became GA in 1.32?', DATA_DATE);
    expect(answer.intent).toBe('stage-list');
    const listed = answer.sections.flatMap((part) => part.items).map((item) => item.kep);
    const byNumber = new Map(dataset.keps.map((kep) => [kep.number, kep]));
    expect(listed.length).toBeGreaterThan(0);
    for (const number of listed) {
      const kep = byNumber.get(number!)!;
      expect(kep.milestones.beta, `KEP-${number}`).toBe('1.30');
      expect(kep.milestones.stable, `KEP-${number}`).toBe('1.32');
    }
    // A KEP stable in 1.32 that was not beta in 1.30 is no part of the answer.
    const otherStable = dataset.keps.find((kep) => kep.milestones.stable === '1.32' && kep.milestones.beta !== '1.30');
    expect(otherStable).toBeDefined();
    expect(listed).not.toContain(otherStable!.number);
    expect(answer.summary).toMatch(
      new RegExp(`^${listed.length} KEPs? that went beta in 1\\.30 reached stable \\(GA\\) in 1\\.32`),
    );
  });

  it('before the later release ships, the intersection is said as a plan', () => {
    const answer = engine.answer(
      'which features that went beta in 1.30 became GA in 1.32?',
      new Date('2024-10-01T00:00:00Z'),
    );
    expect(answer.summary).toContain('1.32 is not released yet (as of 2024-10-01): this is the plan');
  });

  it.each([
    'compare 1.30 and 1.31',
    'what went GA in 1.31',
    'hey bot, quick q: what went GA in 1.31',
    'is 1.29, 1.30 or 1.31 still supported',
    'sidecars went alpha in 1.28 and GA in 1.33',
  ])('one question stays one question: %s', (q) => {
    expect(engine.understand(q, DATA_DATE).notes.followUps).toBeUndefined();
  });
});

interface Statement {
  q: string;
  intent: AnswerIntent;
  has: string[];
  /** The summary's first words when the statement is wrong; null when it agrees with the data. */
  lead: string | null;
  now?: Date;
}

describe('statements get the facts about their subject, corrected politely where the data disagrees', () => {
  const cases: Statement[] = [
    { q: 'Kubernetes 1.27 shipped on April 11, 2023', intent: 'release-summary', has: ['2023-04-11'], lead: null },
    {
      q: 'Kubernetes 1.27 shipped on April 18, 2023',
      intent: 'release-summary',
      has: ['2023-04-11'],
      lead: 'Not quite — Kubernetes 1.27 was released on 2023-04-11, not 2023-04-18.',
    },
    {
      q: 'did 1.27 ship on April 18, 2023?',
      intent: 'release-summary',
      has: ['2023-04-11'],
      lead: 'No — Kubernetes 1.27 was released on 2023-04-11, not 2023-04-18.',
    },
    {
      q: 'heads up: 1.29 goes out of support at the end of February',
      intent: 'support',
      has: ['1.29', '2025-02-28'],
      lead: null,
    },
    { q: 'psa: 1.34 hits EOL Oct 27', intent: 'support', has: ['2026-10-27'], lead: null },
    {
      q: 'psa: 1.34 hits EOL Nov 27',
      intent: 'support',
      has: ['2026-10-27'],
      lead: 'Not quite — Kubernetes 1.34 reaches end of life on 2026-10-27, not 2026-11-27.',
    },
    { q: 'heads up: code freeze for 1.37 is July 23', intent: 'schedule', has: ['2026-07-23'], lead: null },
    {
      q: 'heads up: code freeze for 1.37 is July 20',
      intent: 'schedule',
      has: ['2026-07-23'],
      lead: 'Not quite — Kubernetes 1.37 has code freeze on 2026-07-23, not 2026-07-20.',
    },
    // 02:00 UTC on 2024-07-24 is the evening of 2024-07-23 in Pacific time, where the release team sets it.
    { q: 'code freeze for 1.31 was July 23, 2024', intent: 'schedule', has: ['2024-07-24'], lead: null },
    {
      q: 'code freeze for 1.31 was July 22, 2024',
      intent: 'schedule',
      has: ['2024-07-24'],
      lead: 'Not quite — Kubernetes 1.31 has code freeze on 2024-07-24, not 2024-07-22.',
    },
    { q: '1.33 slipped again?', intent: 'release-summary', has: ['1.33', '2025-04-23'], lead: null },
    // A month or a year stated is checked as a span of days.
    { q: '1.31 was released in August 2024', intent: 'release-summary', has: ['2024-08-13'], lead: null },
    {
      q: 'I think 1.31 was released in July 2024',
      intent: 'release-summary',
      has: ['2024-08-13'],
      lead: 'Not quite — Kubernetes 1.31 was released on 2024-08-13, not in Jul 2024.',
    },
    {
      q: '1.29 went EOL in 2024',
      intent: 'support',
      has: ['2025-03-11'],
      lead: 'Not quite — Kubernetes 1.29 reaches end of life on 2025-03-11, not in 2024.',
    },
    // A wh-question's date is no claim.
    { q: 'what happened on April 18, 2023 with 1.27', intent: 'release-summary', has: ['2023-04-11'], lead: null },
  ];
  it.each(cases)('$q', ({ q, intent, has, lead, now = DATA_DATE }) => {
    const answer = engine.answer(q, now);
    const text = renderText(answer);
    expect(answer.intent).toBe(intent);
    for (const expected of has) expect(text).toContain(expected);
    if (lead) expect(answer.summary.startsWith(lead), answer.summary).toBe(true);
    else expect(answer.summary).not.toMatch(/^(?:Not quite|No) — .* not (in )?\d{4}-/);
  });
});

interface AsOf {
  q: string;
  now: Date;
  has: string[];
  not: string[];
}

describe('honest at any now: nothing that did not exist then', () => {
  const cases: AsOf[] = [
    // The 1.31 announcement (and its list) was published on the release day, 2024-08-13.
    {
      q: 'what went GA in 1.31',
      now: BEFORE_131,
      has: ['not out yet as of 2024-07-01', 'Targeting stable in 1.31'],
      not: ['kubernetes.io/blog/2024/08/13', 'per the release announcement', 'Elli'],
    },
    {
      q: 'compare 1.30 and 1.31',
      now: BEFORE_131,
      has: ['Kubernetes 1.31: planned for 2024-08-13'],
      not: ['Elli', '1.31 release announcement', 'kubernetes.io/blog/2024/08/13'],
    },
    {
      q: 'what was removed in 1.31',
      now: JANUARY_2024,
      has: ['1.31'],
      not: ['named by the 1.31 release announcement', 'Removal of CephFS volume plugin'],
    },
    // Final counts of a release still in progress: 1.36 shipped 2026-04-22 with 70 enhancements.
    {
      q: 'tell me about 1.36',
      now: BEFORE_136,
      has: ['planned for 2026-04-22'],
      not: ['70 enhancements', 'Haru', 'Enhancements: 70'],
    },
    {
      q: 'how many enhancements in 1.36',
      now: BEFORE_136,
      has: ['1.36'],
      not: ['70 enhancements', '(18 stable, 25 beta, 25 alpha)'],
    },
    {
      q: 'tell me about 1.37',
      now: new Date('2026-08-01T12:00:00Z'),
      has: ['planned for 2026-08-26'],
      not: ['Enhancements:'],
    },
    // A KEP's later milestones (kep.yaml written after `now`) and the announcements that name them.
    {
      q: 'sidecar containers history',
      now: JANUARY_2024,
      has: ['alpha 1.28 → beta 1.29', 'Latest milestone: 1.29'],
      not: ['stable 1.33', 'The 1.33 release announcement'],
    },
    {
      q: 'sidecar containers history',
      now: DATA_DATE,
      has: ['alpha 1.28 → beta 1.29 → stable 1.33', 'The 1.33 release announcement'],
      not: [],
    },
    // Once shipped, the same questions show the announcement.
    { q: 'tell me about 1.36', now: DATA_DATE, has: ['70 enhancements', 'Haru'], not: [] },
    {
      q: 'what went GA in 1.31',
      now: new Date('2024-08-14T12:00:00Z'),
      has: ['per the release announcement', 'kubernetes.io/blog/2024/08/13'],
      not: [],
    },
  ];
  it.each(cases)('$q at $now', ({ q, now, has, not }) => {
    const answer: Answer = engine.answer(q, now);
    const text = renderText(answer);
    for (const expected of has) expect(text).toContain(expected);
    for (const unexpected of not) expect(text).not.toContain(unexpected);
  });
});

describe('a yes/no question gets its verdict first, in every kind where one applies', () => {
  const AUGUST = DATA_DATE;
  const BEFORE_130 = new Date('2024-03-01T12:00:00Z');
  // One yes/no-shaped question per kind, the lead its first line must start with, and the same question asked as
  // a statement or wh-question, whose first line must not start with a verdict.
  const CASES: Array<{ kind: AnswerIntent; q: string; lead: string; now?: Date; plain?: string }> = [
    { kind: 'release-summary', q: 'is 1.31 released?', lead: 'Yes — Kubernetes 1.31', plain: 'tell me about 1.31' },
    { kind: 'release-summary', q: 'is 1.31 released?', lead: 'Not yet — Kubernetes 1.31', now: BEFORE_131 },
    {
      kind: 'stage-list',
      q: 'did anything graduate to GA in 1.30?',
      lead: 'Yes — 17 enhancements',
      plain: 'what went GA in 1.30',
    },
    { kind: 'kep', q: 'did sidecars make it to GA?', lead: 'Yes — KEP-753' },
    { kind: 'schedule', q: 'is 1.31 out yet?', lead: 'Not yet — Kubernetes 1.31 is planned', now: BEFORE_131 },
    { kind: 'support', q: 'is 1.28 still supported?', lead: 'No — Kubernetes 1.28 is end of life' },
    {
      kind: 'support',
      q: 'is 1.30 supported yet',
      lead: 'Not yet — Kubernetes 1.30 is not released yet',
      now: BEFORE_130,
    },
    { kind: 'support', q: 'is 1.30 out of support', lead: 'Yes — Kubernetes 1.30 reached end of life' },
    {
      kind: 'deprecations',
      q: 'was PodSecurityPolicy removed in 1.25?',
      lead: 'Yes — PodSecurityPolicy was removed',
      plain: 'when was PodSecurityPolicy removed',
    },
    { kind: 'feature-gate', q: 'is JobManagedBy on by default in 1.31?', lead: 'No — JobManagedBy is off by default' },
    {
      kind: 'patch-schedule',
      q: 'has 1.34.3 shipped?',
      lead: 'Yes — Kubernetes 1.34.3 was released',
      plain: 'when did 1.34.3 ship',
    },
    {
      kind: 'sig',
      q: 'did SIG Node ship anything in 1.31?',
      lead: 'Yes — SIG Node shipped 13 KEPs',
      plain: 'what did SIG Node ship in 1.31',
    },
    { kind: 'version-skew', q: 'can a 1.31 kubelet talk to a 1.34 apiserver?', lead: 'Yes — kubelet 1.31' },
    {
      kind: 'managed-platform',
      q: 'is 1.30 still supported on EKS?',
      lead: 'No — EKS 1.30 is out of extended support',
      plain: 'EKS 1.30 support status',
    },
    { kind: 'managed-platform', q: 'quick one: does GKE still support 1.32?', lead: 'No — GKE 1.32' },
    {
      kind: 'managed-platform',
      q: 'does EKS offer extended support?',
      lead: 'Yes — 16 EKS versions have extended support',
      plain: 'which EKS versions have extended support',
    },
  ];

  it.each(CASES)('$kind: “$q”', ({ kind, q, lead, now = AUGUST, plain }) => {
    const answer = engine.answer(q, now);
    expect(answer.intent).toBe(kind);
    expect(answer.summary.startsWith(lead), answer.summary).toBe(true);
    if (plain) {
      const statement = engine.answer(plain, now);
      expect(statement.intent).toBe(kind);
      expect(statement.summary).not.toMatch(/^(?:Yes|No|Not yet|Partly) — /);
    }
  });

  it('a wrong date in a yes/no question is corrected once, not answered “Yes” after the “No”', () => {
    const answer = engine.answer('did Kubernetes 1.27 ship on April 18, 2023?', AUGUST);
    expect(answer.summary).toMatch(/^No — Kubernetes 1.27 was released on 2023-04-11, not 2023-04-18\./);
    expect(answer.summary).not.toMatch(/Yes — /);
  });
});

describe('a release not out yet: support and end of life are plans, never facts', () => {
  const BEFORE_130 = new Date('2024-03-01T12:00:00Z');
  it.each([
    ['is 1.30 still supported', 'not released yet (planned for 2024-04-17)'],
    ['when does 1.30 reach end of life', 'not released yet (planned for 2024-04-17), so it has no end of life yet'],
  ])('%s', (question, said) => {
    const answer = engine.answer(question, BEFORE_130);
    expect(answer.summary).toContain(said);
    const labels = answer.facts.map((fact) => fact.label);
    expect(labels).not.toContain('Released');
    expect(labels).not.toContain('End of life');
    expect(labels).toContain('End of life (planned)');
    expect(labels).toContain('Planned release');
  });

  it('a managed platform cycle not out yet shows no later build and labels its dates planned', () => {
    const answer = engine.answer('when does EKS 1.30 reach end of standard support', BEFORE_130);
    expect(answer.summary).toMatch(/^EKS 1.30 is not available yet .*; its end of standard support is planned for/);
    const labels = answer.facts.map((fact) => fact.label);
    expect(labels).not.toContain('Latest version');
    expect(labels).toContain('End of standard support (planned)');
  });
});
