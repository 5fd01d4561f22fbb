import { describe, expect, it } from 'vitest';
import { answerToEmbeds } from '../../../../adapters/discord/render/embeds.ts';
import { embedsLength } from '../../../../adapters/discord/render/length.ts';
import { Answer, type AnswerInput, type AnswerItem } from '../../../../src/domain/answer.ts';
import { embedLimitProblems, embedText } from '../support/limits.ts';

const answer = (input: Partial<AnswerInput>): Answer =>
  Answer.parse({
    intent: 'release-summary',
    title: 'Kubernetes 1.31 "Elli"',
    summary: 'Released 2024-08-13.',
    footer: 'Data as of 2026-08-22',
    ...input,
  });

const kepItem = (number: number, overrides: Partial<AnswerItem> = {}): AnswerItem => ({
  kep: number,
  title: `Enhancement number ${number} with a reasonably descriptive title`,
  stage: 'stable',
  sig: 'sig-node',
  url: `https://github.com/kubernetes/enhancements/issues/${number}`,
  detail: 'alpha 1.28 → beta 1.30 → stable 1.31',
  ...overrides,
});

describe('answerToEmbeds', () => {
  it('renders title, link, summary, facts, links, suggestions and footer', () => {
    const embeds = answerToEmbeds(
      answer({
        facts: [
          { label: 'Release date', value: '2024-08-13', raw: '2024-08-13' },
          { label: 'Release lead', value: 'Angelos Kolaitis' },
        ],
        links: [{ label: 'Announcement', url: 'https://kubernetes.io/blog/2024/08/13/kubernetes-v1-31-release/' }],
        suggestions: ['what went GA in 1.31'],
        sections: [{ heading: 'Graduated to stable', items: [kepItem(3836)] }],
      }),
    );
    expect(embeds).toHaveLength(2);
    const [header, section] = embeds;
    expect(header!.title).toBe('Kubernetes 1.31 "Elli"');
    expect(header!.url).toBe('https://kubernetes.io/blog/2024/08/13/kubernetes-v1-31-release/');
    expect(header!.description).toBe('Released 2024-08-13.');
    expect(header!.fields).toEqual([
      { name: 'Release date', value: '2024-08-13', inline: true },
      { name: 'Release lead', value: 'Angelos Kolaitis', inline: true },
      {
        name: 'Links',
        value: '[Announcement](https://kubernetes.io/blog/2024/08/13/kubernetes-v1-31-release/)',
        inline: false,
      },
    ]);
    expect(section!.title).toBe('Graduated to stable');
    expect(section!.description).toBe(
      '• **[KEP-3836](https://github.com/kubernetes/enhancements/issues/3836)** Enhancement number 3836 with a reasonably descriptive title — stable · sig-node · alpha 1.28 → beta 1.30 → stable 1.31',
    );
    expect(section!.fields).toEqual([{ name: 'Ask next', value: '• what went GA in 1.31', inline: false }]);
    expect(section!.footer).toEqual({ text: 'Data as of 2026-08-22' });
    expect(header!.footer).toBeUndefined();
  });

  it('puts suggestions and footer on the header when there are no sections', () => {
    const [header, ...rest] = answerToEmbeds(answer({ suggestions: ['1.31 schedule'] }));
    expect(rest).toEqual([]);
    expect(header!.fields).toEqual([{ name: 'Ask next', value: '• 1.31 schedule', inline: false }]);
    expect(header!.footer?.text).toBe('Data as of 2026-08-22');
  });

  it('cuts a long list with "…and N more" linking to the full list, within the limits', () => {
    const items = Array.from({ length: 400 }, (_, index) => kepItem(1000 + index));
    const embeds = answerToEmbeds(
      answer({
        sections: [
          {
            heading: 'Every KEP of SIG Node',
            items,
            omitted: 50,
            moreUrl: 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-node',
          },
        ],
      }),
    );
    expect(embedLimitProblems(embeds)).toEqual([]);
    const description = embeds[1]!.description!;
    const shown = description.split('\n').filter((line) => line.startsWith('• ')).length;
    expect(shown).toBeGreaterThan(10);
    expect(
      description.endsWith(
        `[…and ${400 - shown + 50} more](https://github.com/kubernetes/enhancements/tree/master/keps/sig-node)`,
      ),
    ).toBe(true);
    // One section may use a whole description: the list fills it nearly to the 4,096 limit.
    expect(description.length).toBeGreaterThan(3800);
    expect(embedsLength(embeds)).toBeLessThanOrEqual(6000);
  });

  it('says "…and N more" without a link when the engine gave none', () => {
    const embeds = answerToEmbeds(answer({ sections: [{ heading: 'List', items: [kepItem(1)], omitted: 7 }] }));
    expect(embeds[1]!.description).toMatch(/\n…and 7 more$/);
  });

  it('shares the budget fairly between several long sections', () => {
    const sections = ['Stable', 'Beta', 'Alpha'].map((heading, offset) => ({
      heading,
      items: Array.from({ length: 120 }, (_, index) => kepItem(2000 + offset * 1000 + index)),
    }));
    const embeds = answerToEmbeds(answer({ sections }));
    expect(embedLimitProblems(embeds)).toEqual([]);
    const counts = embeds
      .slice(1)
      .map((embed) => embed.description!.split('\n').filter((line) => line.startsWith('• ')).length);
    expect(Math.min(...counts)).toBeGreaterThan(5);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    for (const embed of embeds.slice(1)) expect(embed.description).toMatch(/…and \d+ more$/);
  });

  it('keeps at most 10 embeds and 25 fields, saying how many it left out', () => {
    const sections = Array.from({ length: 14 }, (_, index) => ({ heading: `Section ${index}`, lines: ['one line'] }));
    const facts = Array.from({ length: 40 }, (_, index) => ({ label: `Fact ${index}`, value: `value ${index}` }));
    const embeds = answerToEmbeds(
      answer({ sections, facts, links: [{ label: 'All', url: 'https://kubernetes.io/releases/' }] }),
    );
    expect(embedLimitProblems(embeds)).toEqual([]);
    expect(embeds).toHaveLength(10);
    expect(embeds[9]!.description).toContain('…and 5 more sections');
    expect(embeds[0]!.fields).toHaveLength(25);
    expect(embeds[0]!.fields!.at(-2)).toEqual({
      name: 'More',
      value: '[…and 17 more](https://kubernetes.io/releases/)',
      inline: true,
    });
  });

  it('stays within every limit for absurdly large input', () => {
    const huge = 'x'.repeat(10_000);
    const embeds = answerToEmbeds(
      answer({
        title: huge,
        summary: huge,
        footer: huge,
        facts: Array.from({ length: 30 }, () => ({ label: huge, value: huge })),
        sections: Array.from({ length: 12 }, () => ({
          heading: huge,
          lines: [huge, huge],
          facts: [{ label: huge, value: huge }],
          items: Array.from({ length: 50 }, (_, index) => kepItem(index + 1, { title: huge, detail: huge })),
        })),
        links: Array.from({ length: 30 }, () => ({ label: huge, url: 'https://example.com/' })),
        suggestions: Array.from({ length: 30 }, () => huge),
      }),
    );
    expect(embedLimitProblems(embeds)).toEqual([]);
    expect(embeds[0]!.title!.endsWith('…')).toBe(true);
  });

  it('neutralises mass and role mentions everywhere', () => {
    const hostile = 'ping @everyone and @here and <@&1100220033004400560> and <@309827561984032769>';
    const embeds = answerToEmbeds(
      answer({
        title: hostile,
        summary: hostile,
        footer: hostile,
        facts: [{ label: hostile, value: hostile }],
        sections: [{ heading: hostile, lines: [hostile], items: [kepItem(1, { title: hostile, detail: hostile })] }],
        links: [{ label: hostile, url: 'https://example.com/@everyone' }],
        suggestions: [hostile],
      }),
    );
    const json = JSON.stringify(embeds);
    expect(json).not.toMatch(/@(everyone|here)/);
    expect(json).not.toMatch(/<@[!&]?\d+>/);
    expect(embedText(embeds)).toContain('@\u200beveryone');
  });

  it('escapes markdown in engine text so titles render literally', () => {
    const embeds = answerToEmbeds(
      answer({
        summary: '**not bold** and __init__ and `code` and [click](https://evil.example)',
        sections: [
          {
            heading: 'Items',
            items: [
              kepItem(7, { title: 'Support [brackets] in *titles*', url: null, detail: null, stage: null, sig: null }),
            ],
          },
        ],
        links: [{ label: 'a](https://evil.example) [b', url: 'https://example.com/path_(with)_parens' }],
      }),
    );
    expect(embeds[0]!.description).toBe(
      '\\*\\*not bold\\*\\* and \\_\\_init\\_\\_ and \\`code\\` and \\[click](https://evil.example)',
    );
    expect(embeds[1]!.description).toBe('• **KEP-7** Support [brackets] in \\*titles\\*');
    expect(embeds[0]!.fields![0]!.value).toBe(
      '[a\\](https://evil.example) \\[b](https://example.com/path_%28with%29_parens)',
    );
  });
});
