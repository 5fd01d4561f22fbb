import { describe, expect, it } from 'vitest';
import { Answer } from '../../../../src/domain/answer.ts';
import { answerToBlocks, renderAnswer } from '../../../../adapters/slack/render/answer-blocks.ts';
import { everyIntent, hugeAnswer, kepItem, sampleAnswer } from '../helpers/answers.ts';
import { limitViolations } from '../helpers/block-limits.ts';

type Loose = {
  type: string;
  text?: { type: string; text: string };
  fields?: { text: string }[];
  elements?: { text: string }[];
};
const blocksOf = (answer: Answer, reserveBlocks = 0) =>
  answerToBlocks(answer, { reserveBlocks }).blocks as unknown as Loose[];
const allText = (blocks: Loose[]): string =>
  blocks
    .map((b) =>
      [b.text?.text, ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((e) => e.text)].join('\n'),
    )
    .join('\n');

describe('answerToBlocks', () => {
  it('renders a release summary: header, summary, fact fields, KEP links, links, suggestions, data-date footer', () => {
    const message = answerToBlocks(sampleAnswer('release-summary'));
    const blocks = message.blocks as unknown as Loose[];
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Kubernetes 1.31 “Elli”', emoji: true },
    });
    expect(blocks[1]!.text!.text).toContain('released on 2024-08-13');
    expect(blocks[2]!.fields!.map((f) => f.text)).toContain('*Release lead*\nAngelos Kolaitis');
    const text = allText(blocks);
    expect(text).toContain(
      '<https://github.com/kubernetes/enhancements/issues/3762|KEP-3762> PersistentVolume last phase transition time — _stable_ · sig-storage',
    );
    expect(text).toContain('alpha 1.30 → beta 1.31');
    expect(text).toContain('<https://kubernetes.io/blog/2024/08/13/kubernetes-v1-31-release/|Release announcement>');
    expect(text).toContain('`what went GA in 1.31`');
    expect(blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Data as of 2025-11-20 (kubernetes/enhancements 64765b4)' }],
    });
    expect(message.text).toContain('Kubernetes 1.31 “Elli”');
    expect(message.text).toContain('45 enhancements');
  });

  it.each(everyIntent().map((answer) => [answer.intent, answer] as const))(
    'keeps a %s answer inside the Block Kit limits',
    (_intent, answer) => {
      expect(limitViolations(answerToBlocks(answer))).toEqual([]);
    },
  );

  it('writes every block it builds exactly as JSON.stringify would, the JSON its budget is measured by', () => {
    const hostile = hugeAnswer();
    const tricky = {
      ...sampleAnswer('release-summary'),
      title: 'a "quoted" \\ title\twith\u0001 controls \ud83d',
      summary: 'line\nbreak "q" \\',
    };
    for (const answer of [...everyIntent(), hostile, tricky]) {
      const { message, blockJsons } = renderAnswer(answer, { reserveBlocks: 1 });
      expect(blockJsons).toEqual(message.blocks.map((block) => JSON.stringify(block)));
    }
  });

  it('keeps the largest, most hostile answer inside the limits, with room reserved for a button', () => {
    const huge = hugeAnswer();
    expect(limitViolations(answerToBlocks(huge))).toEqual([]);
    expect(blocksOf(huge, 1).length).toBeLessThanOrEqual(49);
    expect(JSON.stringify(answerToBlocks(huge).blocks).length).toBeLessThan(20_000);
  });

  it('cuts a long list with "…and N more" and a link, accounting for every item', () => {
    const items = Array.from({ length: 500 }, (_, i) => kepItem(1000 + i, `Enhancement number ${i}`));
    const answer = Answer.parse({
      intent: 'sig',
      title: 'sig-node KEPs',
      summary: 'sig-node owns 520 KEPs.',
      sections: [
        {
          heading: 'KEPs',
          items,
          omitted: 20,
          moreUrl: 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-node',
        },
      ],
      footer: 'Data as of 2025-11-20',
    });
    const text = allText(blocksOf(answer));
    const shown = (text.match(/^• /gm) ?? []).length;
    const more =
      /_…and (\d+) more_ — <https:\/\/github\.com\/kubernetes\/enhancements\/tree\/master\/keps\/sig-node\|see the full list>/.exec(
        text,
      );
    expect(shown).toBeGreaterThan(10);
    expect(more).not.toBeNull();
    expect(shown + Number(more![1])).toBe(520);
    expect(limitViolations(answerToBlocks(answer))).toEqual([]);
  });

  it('says a section was cut for length when lines before its items do not fit, counting every item as not shown', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i} ${'word '.repeat(150)}`);
    const withoutItems = Answer.parse({
      intent: 'digest',
      title: 't',
      summary: 's',
      sections: [{ heading: 'Long', lines }],
      footer: 'f',
    });
    expect(allText(blocksOf(withoutItems))).toContain('_…cut for length_');
    const withItems = Answer.parse({
      ...withoutItems,
      sections: [{ heading: 'Long', lines, items: [kepItem(1, 'One'), kepItem(2, 'Two')], omitted: 3 }],
    });
    const text = allText(blocksOf(withItems));
    expect(text).toContain('_…and 5 more_');
    expect(text).not.toContain('KEP-1');
  });

  it('says how many items the engine already left out even when everything else fits', () => {
    const answer = sampleAnswer('sig');
    expect(allText(blocksOf(answer))).toContain(
      '_…and 120 more_ — <https://github.com/kubernetes/enhancements/tree/master/keps/sig-node|see the full list>',
    );
  });

  it('summarises sections that do not fit at all instead of dropping them silently', () => {
    const answer = Answer.parse({
      intent: 'compare',
      title: 'Many sections',
      summary: 's',
      sections: Array.from({ length: 120 }, (_, i) => ({ heading: `Section ${i}`, lines: [`line ${i}`] })),
      footer: 'f',
    });
    const blocks = blocksOf(answer);
    expect(blocks.length).toBeLessThanOrEqual(50);
    const notice = /in (\d+) more sections: Section (\d+)/.exec(allText(blocks));
    expect(notice).not.toBeNull();
    const renderedHeadings = (allText(blocks).match(/^\*Section \d+\*$/gm) ?? []).length;
    expect(renderedHeadings + Number(notice![1])).toBe(120);
    expect(Number(notice![2])).toBe(renderedHeadings);
  });

  it('escapes answer text and strips mentions everywhere', () => {
    const answer = Answer.parse({
      intent: 'unknown',
      title: 'Q <@U999> & A <!here>',
      summary: 'No KEP matches “<@U123> a & b <c>” <!channel>',
      facts: [{ label: 'You asked', value: '<!everyone> 1 < 2 & 3 > 2' }],
      sections: [
        {
          heading: 'x <y>',
          lines: ['<!subteam^S1|@team> hi'],
          items: [{ kep: 1, title: 'T & <U>', stage: null, sig: null, url: null }],
        },
      ],
      suggestions: ['a `b` <c>'],
      footer: 'f & g',
    });
    const message = answerToBlocks(answer);
    expect(limitViolations(message)).toEqual([]);
    const text = allText(message.blocks as unknown as Loose[]);
    expect(text).toContain('No KEP matches “ a &amp; b &lt;c&gt;”');
    expect(text).toContain('1 &lt; 2 &amp; 3 &gt; 2');
    expect(text).toContain('KEP-1 T &amp; &lt;U&gt;');
    expect(text).not.toMatch(/<!|<@/);
    expect((message.blocks[0] as unknown as Loose).text!.text).toBe('Q & A');
  });

  it('never links a non-web URL and never lets a URL break out of its link', () => {
    const answer = Answer.parse({
      intent: 'search',
      title: 't',
      summary: 's',
      links: [{ label: 'evil', url: 'https://example.com/x|<!channel>' }],
      footer: 'f',
    });
    const message = answerToBlocks(answer);
    expect(limitViolations(message)).toEqual([]);
    expect(allText(message.blocks as unknown as Loose[])).toContain('<https://example.com/x%7C%3C!channel%3E|evil>');
  });

  it('falls back to a title when the answer has none', () => {
    const answer = Answer.parse({ intent: 'help', title: '   ', summary: 'hello', footer: '' });
    const message = answerToBlocks(answer);
    expect(limitViolations(message)).toEqual([]);
    expect((message.blocks[0] as unknown as Loose).text!.text).toBe('k8s-release-bot');
  });
});
