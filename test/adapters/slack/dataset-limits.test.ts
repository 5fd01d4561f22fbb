import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/data/load.ts';
import { Answer, type AnswerInput } from '../../../src/domain/answer.ts';
import type { Kep } from '../../../src/domain/kep.ts';
import { answerToBlocks } from '../../../adapters/slack/render/answer-blocks.ts';
import { slashReply } from '../../../adapters/slack/render/slash-reply.ts';
import { limitViolations } from './helpers/block-limits.ts';

/**
 * The largest answers the bundled dataset can produce, built straight from the data with nothing
 * cut by an engine: whatever the engine returns is smaller than these.
 */
const dataset = loadDataset();
const footer = `Data as of ${dataset.manifest.dataDate}`;

const kepItem = (kep: Kep) => ({
  kep: kep.number,
  title: kep.title,
  stage: kep.stage,
  sig: kep.owningSig,
  url: kep.links.issue,
  detail: Object.entries(kep.milestones)
    .map(([stage, version]) => `${stage} ${version}`)
    .join(' → '),
});

function renderings(input: AnswerInput) {
  const answer = Answer.parse(input);
  return [answerToBlocks(answer), slashReply(answer, JSON.stringify({ v: 1, q: 'x'.repeat(1960), t: 0 }))];
}

const itemCount = (blocks: unknown[]): { shown: number; more: number } => {
  const text = blocks.map((block) => JSON.stringify(block)).join('\n');
  const shown = (text.match(/• /g) ?? []).length;
  const more = [...text.matchAll(/…and (\d+) more/g)].reduce((sum, match) => sum + Number(match[1]), 0);
  return { shown, more };
};

const sigs = [...new Set(dataset.keps.map((kep) => kep.owningSig))];
const bySize = sigs
  .map((sig) => ({ sig, keps: dataset.keps.filter((kep) => kep.owningSig === sig) }))
  .sort((a, b) => b.keps.length - a.keps.length);

describe('the largest answers the dataset can produce stay inside Block Kit limits', () => {
  it('has a SIG big enough to need cutting', () => {
    expect(bySize[0]!.keps.length).toBeGreaterThan(100);
  });

  it.each(bySize.map(({ sig, keps }) => [sig, keps.length, keps] as const))(
    'every KEP of %s (%i) in one list',
    (sig, _count, keps) => {
      for (const message of renderings({
        intent: 'sig',
        title: `${sig}: every KEP`,
        summary: `${sig} owns ${keps.length} KEPs.`,
        sections: [
          {
            heading: 'KEPs',
            items: keps.map(kepItem),
            moreUrl: `https://github.com/kubernetes/enhancements/tree/master/keps/${sig}`,
          },
        ],
        footer,
      })) {
        expect(limitViolations(message)).toEqual([]);
        const { shown, more } = itemCount(message.blocks);
        expect(shown + more).toBe(keps.length);
      }
    },
  );

  it('every KEP in the dataset, grouped by SIG, in one answer', () => {
    for (const message of renderings({
      intent: 'search',
      title: 'Every KEP',
      summary: `${dataset.keps.length} KEPs`,
      sections: bySize.map(({ sig, keps }) => ({ heading: sig, items: keps.map(kepItem) })),
      footer,
    })) {
      expect(limitViolations(message)).toEqual([]);
    }
  });

  it.each(dataset.releases.map((release) => [release.version] as const))(
    'every KEP that moved in %s, by stage',
    (version) => {
      const moved = (stage: keyof Kep['milestones']) =>
        dataset.keps.filter((kep) => kep.milestones[stage] === version).map(kepItem);
      for (const message of renderings({
        intent: 'release-summary',
        title: `Kubernetes ${version}`,
        summary: `Everything that changed stage in ${version}.`,
        release: version,
        facts: [{ label: 'Version', value: version }],
        sections: (['stable', 'beta', 'alpha', 'deprecated', 'removed'] as const).map((stage) => ({
          heading: stage,
          items: moved(stage),
        })),
        footer,
      })) {
        expect(limitViolations(message)).toEqual([]);
      }
    },
  );

  it('every deprecated API in one answer', () => {
    const items = dataset.deprecatedApis.map((api) => ({
      kep: null,
      title: `${api.apiVersion} ${api.kind}`,
      stage: api.removedIn ? 'removed' : 'deprecated',
      sig: null,
      url: null,
      detail: [api.removedIn && `removed in ${api.removedIn}`, api.replacement && `use ${api.replacement}`]
        .filter(Boolean)
        .join(' · '),
    }));
    for (const message of renderings({
      intent: 'deprecations',
      title: 'Deprecated APIs',
      summary: `${items.length} APIs`,
      sections: [{ heading: 'All', items }],
      footer,
    })) {
      expect(limitViolations(message)).toEqual([]);
      const { shown, more } = itemCount(message.blocks);
      expect(shown + more).toBe(items.length);
    }
  });
});
