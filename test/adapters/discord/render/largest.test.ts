import { describe, expect, it } from 'vitest';
import { answerToEmbeds } from '../../../../adapters/discord/render/embeds.ts';
import { embedsLength } from '../../../../adapters/discord/render/length.ts';
import { Bot } from '../../../../src/bot.ts';
import { loadDataset } from '../../../../src/data/load.ts';
import { Answer } from '../../../../src/domain/answer.ts';
import { embedLimitProblems } from '../support/limits.ts';

const dataset = loadDataset();
const bot = new Bot(dataset);
const now = new Date('2026-09-01T12:00:00Z');

/** Questions whose answers are the longest the engine gives: whole stage lists, SIG views, spans of removals, teams, schedules. */
const BIG_QUESTIONS = [
  'what went GA in 1.31',
  'beta features in 1.30',
  'new alpha in 1.31',
  'what did SIG Node ship in 1.31',
  'what did SIG Storage ship in 1.31',
  'compare 1.30 and 1.31',
  'compare 1.24 and 1.31',
  '1.31 schedule',
  '1.37 schedule',
  '1.31 release team',
  '1.24 release team',
  'which APIs are removed in 1.25',
  'what breaks if I upgrade from 1.16 to 1.31',
  'deprecations in 1.31',
  'which versions are supported',
  'tell me about 1.31',
  'help',
  'container',
  'kubelet',
];

/** Each section's shown entries plus "…and N more" account for every entry the answer had. */
function accountsForEveryEntry(answer: Answer): void {
  const embeds = answerToEmbeds(answer);
  answer.sections.slice(0, 9).forEach((section, index) => {
    const description = embeds[index + 1]?.description ?? '';
    const total = section.items.length + section.lines.length + section.omitted;
    const more = /…and (\d+) more\]?(?:\([^)]*\))?$/.exec(description.replace(/\n…and \d+ more sections?$/, ''));
    const shown = description.split('\n').filter((line) => line.length > 0 && !/^\[?…and \d+ more/.test(line)).length;
    expect(shown + Number(more?.[1] ?? 0), `section "${section.heading}"`).toBe(total);
  });
}

describe('the largest answers stay within Discord embed limits', () => {
  it.each(BIG_QUESTIONS)('%s', async (question) => {
    const answer = await bot.handle(question, { now });
    const embeds = answerToEmbeds(answer);
    expect(embedLimitProblems(embeds)).toEqual([]);
    accountsForEveryEntry(answer);
  });

  it('an answer listing every KEP in the dataset, every schedule event as a fact and every release as a link', () => {
    const bySig = new Map<string, typeof dataset.keps>();
    for (const kep of dataset.keps) bySig.set(kep.owningSig, [...(bySig.get(kep.owningSig) ?? []), kep]);
    const answer = Answer.parse({
      intent: 'search',
      title: `Every KEP in the dataset (${dataset.keps.length})`,
      summary: 'All of them, grouped by owning SIG.',
      facts: dataset.schedules.flatMap((schedule) =>
        schedule.events.map((event) => ({
          label: `${schedule.version} ${event.what}`,
          value: event.when,
          raw: event.at ?? event.date,
        })),
      ),
      sections: [...bySig].map(([sig, keps]) => ({
        heading: sig,
        items: keps.map((kep) => ({
          kep: kep.number,
          title: kep.title,
          stage: kep.stage,
          sig: kep.owningSig,
          url: kep.links.issue,
          detail: kep.summary,
        })),
        moreUrl: `https://github.com/kubernetes/enhancements/tree/master/keps/${sig}`,
      })),
      links: dataset.releases.map((release) => ({
        label: `Kubernetes ${release.version}`,
        url: `https://kubernetes.io/releases/${release.version}/`,
      })),
      suggestions: dataset.keps.slice(0, 40).map((kep) => `KEP-${kep.number}`),
      footer: `Data as of ${dataset.manifest.dataDate}`,
    });
    const embeds = answerToEmbeds(answer);
    expect(embedLimitProblems(embeds)).toEqual([]);
    expect(embeds).toHaveLength(10);
    expect(embedsLength(embeds)).toBeGreaterThan(5000);
    accountsForEveryEntry(answer);
  });
});
