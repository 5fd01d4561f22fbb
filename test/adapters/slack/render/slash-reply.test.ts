import { describe, expect, it } from 'vitest';
import { Bot } from '../../../../src/bot.ts';
import { loadDataset } from '../../../../src/data/load.ts';
import { Answer } from '../../../../src/domain/answer.ts';
import { SHARE_ACTION_ID } from '../../../../adapters/slack/ids.ts';
import { answerToText } from '../../../../adapters/slack/render/fallback-text.ts';
import { sharedReply } from '../../../../adapters/slack/render/shared-reply.ts';
import { toJson } from '../../../../adapters/slack/render/prepared-json.ts';
import { slashReply } from '../../../../adapters/slack/render/slash-reply.ts';
import { encodeShareValue } from '../../../../adapters/slack/share-value.ts';
import { everyIntent, hugeAnswer, sampleAnswer } from '../helpers/answers.ts';
import { limitViolations } from '../helpers/block-limits.ts';

describe('slashReply', () => {
  it('is ephemeral and ends with a Share in channel button carrying the value', () => {
    const reply = slashReply(sampleAnswer('release-summary'), '{"v":1,"q":"1.31","t":0}');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: SHARE_ACTION_ID,
          text: { type: 'plain_text', text: 'Share in channel' },
          value: '{"v":1,"q":"1.31","t":0}',
        },
      ],
    });
    expect(limitViolations(reply)).toEqual([]);
  });

  it('keeps the largest answer plus the button within 50 blocks', () => {
    const reply = slashReply(hugeAnswer(), 'x'.repeat(2000));
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    expect(reply.blocks.at(-1)!.type).toBe('actions');
    expect(limitViolations(reply)).toEqual([]);
  });

  it('has no button when there is nothing to share', () => {
    const reply = slashReply(sampleAnswer('subscription'), null);
    expect(reply.blocks.some((block) => block.type === 'actions')).toBe(false);
  });
});

/** Real answers from the bundled dataset: every release and a spread of KEPs, feature gates and SIGs. */
async function realAnswers(): Promise<{ question: string; answer: Answer }[]> {
  const dataset = loadDataset();
  const bot = new Bot(dataset, { clock: () => new Date('2025-11-20T12:00:00Z') });
  const keps = dataset.keps.filter((_, index) => index % 4 === 0);
  const questions = [
    ...dataset.releases.flatMap(({ version }) => [
      version,
      `what went GA in ${version}`,
      `beta features in ${version}`,
    ]),
    ...keps.flatMap((kep) => [`KEP-${kep.number}`, kep.title.split(/\s+/).slice(0, 3).join(' '), kep.owningSig]),
    ...keps.flatMap((kep) => kep.featureGates.slice(0, 1).map((gate) => gate.name)),
    'help',
    'subscribe weekly',
    'compare 1.30 and 1.31',
  ];
  return Promise.all(questions.map(async (question) => ({ question, answer: await bot.handle(question) })));
}

/** Answers whose every text is hostile to JSON: quotes, backslashes, controls, lone surrogates, emoji, U+2028. */
function jsonHostileAnswers(): Answer[] {
  const nasty = 'a "q" \\ b\t\n\r\u0000\u001f\u007f \ud83d \ude80 \ude80\ud83d 🚀 \u2028\u2029 </script> & <!here>';
  const tricky = Answer.parse({
    intent: 'search',
    title: nasty,
    summary: nasty,
    facts: [{ label: nasty, value: nasty }],
    sections: [
      {
        heading: nasty,
        lines: [nasty],
        facts: [{ label: nasty, value: nasty }],
        items: [
          { kep: 1, title: nasty, stage: nasty, sig: nasty, url: `https://example.com/"\\/${nasty}`, detail: nasty },
        ],
        omitted: 3,
      },
    ],
    links: [{ label: nasty, url: 'https://example.com/"q"' }],
    suggestions: [nasty],
    footer: nasty,
  });
  return [tricky, hugeAnswer(), ...everyIntent()];
}

describe('the JSON a slash reply carries', () => {
  it('is byte for byte what JSON.stringify writes, for real answers with and without a Share button', async () => {
    const now = new Date('2025-11-20T12:00:00Z');
    const answers = await realAnswers();
    expect(answers.length).toBeGreaterThan(600);
    for (const { question, answer } of answers) {
      for (const shareValue of [encodeShareValue(question, now), null]) {
        const reply = slashReply(answer, shareValue);
        expect(toJson(reply), question).toBe(JSON.stringify(reply));
      }
    }
  });

  it('is byte for byte what JSON.stringify writes, for answers full of JSON escapes', () => {
    for (const answer of jsonHostileAnswers()) {
      for (const shareValue of [encodeShareValue('a "q" \\ \ud83d 🚀', new Date(0)), '"\\\u0001', null]) {
        const reply = slashReply(answer, shareValue);
        expect(toJson(reply)).toBe(JSON.stringify(reply));
      }
    }
  });
});

describe('sharedReply', () => {
  it('posts in_channel as a new message, without the button', () => {
    const reply = sharedReply(sampleAnswer('release-summary'));
    expect(reply.response_type).toBe('in_channel');
    expect(reply.replace_original).toBe(false);
    expect(reply.blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(limitViolations(reply)).toEqual([]);
  });
});

describe('answerToText', () => {
  it('is a short escaped fallback with title, summary and top facts', () => {
    const text = answerToText(sampleAnswer('release-summary'));
    expect(text.split('\n').slice(0, 3)).toEqual([
      '*Kubernetes 1.31 “Elli”*',
      'Kubernetes 1.31 “Elli” was released on 2024-08-13 with 45 enhancements (11 stable, 22 beta, 12 alpha).',
      '• Released: 2024-08-13',
    ]);
    expect(answerToText(hugeAnswer()).length).toBeLessThanOrEqual(3000);
  });
});
