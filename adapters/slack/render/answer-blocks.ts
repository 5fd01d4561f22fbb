import type { types } from '@slack/bolt';
import type { Answer, AnswerFact, AnswerItem, AnswerSection } from '../../../src/domain/answer.ts';
import { answerToText } from './fallback-text.ts';
import { jsonString } from './json-string.ts';
import { SLACK_LIMITS } from './limits.ts';
import { linkableUrl, mrkdwnLink, mrkdwnText, plainText } from './mrkdwn.ts';

export type Block = types.KnownBlock;

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export interface BlockOptions {
  /** Blocks the caller appends after the answer (e.g. a Share button), kept free under the 50-block limit. */
  reserveBlocks?: number;
}

/** Room kept at the end of every packed section text for the "…and N more" line. */
const NOTICE_RESERVE = 400;
const PACKED_TEXT_MAX = SLACK_LIMITS.sectionText - NOTICE_RESERVE;
const MAX_FACT_BLOCKS = 2;
/** Per-part caps that keep header + facts + footer small enough to leave the message budget to the lists. */
const FACT_VALUE_MAX = 300;
const SUGGESTIONS_MAX = 1000;
const FOOTER_MAX = 500;

interface Budget {
  blocks: number;
  chars: number;
}

/**
 * A block with its JSON, written once as the block is made: the JSON's length is what the block costs
 * against the message budget, and the slash-command reply is sent as these pieces joined.
 */
interface RenderedBlock {
  block: Block;
  json: string;
}

const section = (text: string): RenderedBlock => ({
  block: { type: 'section', text: { type: 'mrkdwn', text } },
  json: `{"type":"section","text":{"type":"mrkdwn","text":${jsonString(text)}}}`,
});
const context = (text: string): RenderedBlock => ({
  block: { type: 'context', elements: [{ type: 'mrkdwn', text }] },
  json: `{"type":"context","elements":[{"type":"mrkdwn","text":${jsonString(text)}}]}`,
});
const header = (text: string): RenderedBlock => ({
  block: { type: 'header', text: { type: 'plain_text', text, emoji: true } },
  json: `{"type":"header","text":{"type":"plain_text","text":${jsonString(text)},"emoji":true}}`,
});
const fieldsSection = (texts: readonly string[]): RenderedBlock => ({
  block: { type: 'section', fields: texts.map((text) => ({ type: 'mrkdwn', text })) },
  json: `{"type":"section","fields":[${texts.map((text) => `{"type":"mrkdwn","text":${jsonString(text)}}`).join(',')}]}`,
});

const totalSize = (blocks: readonly RenderedBlock[]): number => blocks.reduce((sum, { json }) => sum + json.length, 0);

function headerBlock(title: string): RenderedBlock {
  return header(plainText(title, SLACK_LIMITS.headerText) || 'k8s-release-bot');
}

const factField = (fact: AnswerFact): string =>
  `*${mrkdwnText(fact.label, 100)}*\n${mrkdwnText(fact.value, FACT_VALUE_MAX)}`;

function factBlocks(facts: readonly AnswerFact[]): RenderedBlock[] {
  const capacity = MAX_FACT_BLOCKS * SLACK_LIMITS.fieldsPerSection;
  const shown = facts.length > capacity ? facts.slice(0, capacity - 1) : facts;
  const fields = shown.map(factField);
  if (shown.length < facts.length) fields.push(`_…and ${facts.length - shown.length} more_`);
  const blocks: RenderedBlock[] = [];
  for (let start = 0; start < fields.length; start += SLACK_LIMITS.fieldsPerSection) {
    blocks.push(fieldsSection(fields.slice(start, start + SLACK_LIMITS.fieldsPerSection)));
  }
  return blocks;
}

/** `meta` and `part` joined with ' · ' (an empty part is left out). */
const withMeta = (meta: string, part: string): string =>
  part === '' ? meta : meta === '' ? part : `${meta} · ${part}`;

function itemLine(item: AnswerItem): string {
  const name =
    item.kep != null
      ? `${mrkdwnLink(item.url, `KEP-${item.kep}`)} ${mrkdwnText(item.title, 300)}`
      : mrkdwnLink(item.url, item.title, 300);
  let meta = item.stage ? `_${mrkdwnText(item.stage, 40)}_` : '';
  if (item.sig) meta = withMeta(meta, mrkdwnText(item.sig, 60));
  if (item.detail) meta = withMeta(meta, mrkdwnText(item.detail, 300));
  return `• ${name}${meta ? ` — ${meta}` : ''}`;
}

function moreNotice(count: number, url: string | null): string {
  const what = count > 0 ? `…and ${count} more` : '…cut for length';
  const href = linkableUrl(url);
  return href ? `_${what}_ — <${href}|see the full list>` : `_${what}_`;
}

/** Packs mrkdwn lines into as few section texts as the budget allows, taking them in order until one does not fit. */
class LinePacker {
  readonly texts: string[] = [];
  private chars = 0;

  constructor(
    private readonly maxTexts: number,
    private readonly maxChars: number,
  ) {}

  /** Adds the line to the last text or a new one; false (and nothing added) when it fits neither. */
  add(line: string): boolean {
    const last = this.texts.length - 1;
    if (
      last >= 0 &&
      this.texts[last]!.length + 1 + line.length <= PACKED_TEXT_MAX &&
      this.chars + line.length + 1 <= this.maxChars
    ) {
      this.texts[last] = `${this.texts[last]}\n${line}`;
      this.chars += line.length + 1;
      return true;
    }
    if (this.texts.length < this.maxTexts && this.chars + line.length <= this.maxChars) {
      this.texts.push(line);
      this.chars += line.length;
      return true;
    }
    return false;
  }
}

/**
 * One answer section as mrkdwn lines packed into as few section blocks as the budget allows. Each line is
 * rendered only when its turn comes, so lines past the cut never are.
 */
function packSection(answerSection: AnswerSection, budget: Budget, fallbackMoreUrl: string | null): RenderedBlock[] {
  const packer = new LinePacker(budget.blocks, budget.chars - NOTICE_RESERVE);
  const { items } = answerSection;
  let shownItems = 0;
  const allButItemsShown =
    packer.add(`*${mrkdwnText(answerSection.heading, 300)}*`) &&
    answerSection.lines.every((line) => packer.add(mrkdwnText(line, 1000))) &&
    answerSection.facts.every((fact) => packer.add(`*${mrkdwnText(fact.label, 200)}:* ${mrkdwnText(fact.value, 800)}`));
  if (allButItemsShown) while (shownItems < items.length && packer.add(itemLine(items[shownItems]!))) shownItems += 1;
  const { texts } = packer;
  if (shownItems < items.length || !allButItemsShown || answerSection.omitted > 0) {
    const notice = moreNotice(
      items.length - shownItems + answerSection.omitted,
      answerSection.moreUrl ?? fallbackMoreUrl,
    );
    if (texts.length === 0) texts.push(notice);
    else texts[texts.length - 1] = `${texts.at(-1)!}\n${notice}`;
  }
  return texts.map(section);
}

function sectionBlocks(
  sections: readonly AnswerSection[],
  budget: Budget,
  fallbackMoreUrl: string | null,
): RenderedBlock[] {
  const blocks: RenderedBlock[] = [];
  for (let index = 0; index < sections.length; index += 1) {
    const later = sections.length - index - 1;
    const allowance: Budget = {
      blocks: budget.blocks - (later > 0 ? 1 : 0),
      chars: budget.chars - (later > 0 ? NOTICE_RESERVE : 0),
    };
    if (allowance.blocks < 1 || allowance.chars < 2 * NOTICE_RESERVE) {
      const rest = sections.slice(index);
      const items = rest.reduce((sum, s) => sum + s.items.length + s.omitted, 0);
      const headings =
        rest
          .slice(0, 5)
          .map((s) => mrkdwnText(s.heading, 60))
          .join(', ') + (rest.length > 5 ? ', …' : '');
      blocks.push(
        section(
          `${moreNotice(items, fallbackMoreUrl)} in ${rest.length} more section${rest.length === 1 ? '' : 's'}: ${headings}`,
        ),
      );
      break;
    }
    const packed = packSection(sections[index]!, allowance, fallbackMoreUrl);
    blocks.push(...packed);
    budget.blocks -= packed.length;
    budget.chars -= totalSize(packed);
  }
  return blocks;
}

function linksBlock(links: Answer['links']): RenderedBlock[] {
  const parts: string[] = [];
  let length = 0;
  for (const link of links) {
    const part = mrkdwnLink(link.url, link.label, 100);
    if (length + part.length + 3 > SLACK_LIMITS.contextText) break;
    parts.push(part);
    length += part.length + 3;
  }
  return parts.length ? [context(`🔗 ${parts.join(' · ')}`)] : [];
}

function suggestionsBlock(suggestions: readonly string[]): RenderedBlock[] {
  const parts: string[] = [];
  let length = 0;
  for (const suggestion of suggestions) {
    const part = `\`${mrkdwnText(suggestion.replace(/`/g, "'"), 150)}\``;
    if (length + part.length + 3 > SUGGESTIONS_MAX) break;
    parts.push(part);
    length += part.length + 3;
  }
  return parts.length ? [context(`Try: ${parts.join(' · ')}`)] : [];
}

/** An answer's message, with the JSON of each of its blocks in order. */
export interface RenderedAnswer {
  message: SlackMessage;
  blockJsons: string[];
}

/**
 * An Answer as Block Kit: header, summary, facts as fields, sections with KEP items and links,
 * links, follow-up suggestions and a data-date footer. Always inside Slack's limits: long lists
 * are cut with "…and N more" and a link instead of being rejected by Slack.
 */
export function renderAnswer(answer: Answer, options: BlockOptions = {}): RenderedAnswer {
  const head: RenderedBlock[] = [headerBlock(answer.title)];
  if (answer.summary.trim()) head.push(section(mrkdwnText(answer.summary, SLACK_LIMITS.sectionText)));
  head.push(...factBlocks(answer.facts));
  const tail: RenderedBlock[] = [...linksBlock(answer.links), ...suggestionsBlock(answer.suggestions)];
  if (answer.footer.trim()) tail.push(context(mrkdwnText(answer.footer, FOOTER_MAX)));

  const budget: Budget = {
    blocks: SLACK_LIMITS.blocksPerMessage - (options.reserveBlocks ?? 0) - head.length - tail.length,
    chars: SLACK_LIMITS.messageCharacters - totalSize(head) - totalSize(tail),
  };
  const body = sectionBlocks(answer.sections, budget, answer.links[0]?.url ?? null);
  const all = [...head, ...body, ...tail];
  return {
    message: { text: answerToText(answer), blocks: all.map(({ block }) => block) },
    blockJsons: all.map(({ json }) => json),
  };
}

/** renderAnswer's message alone (messages posted through the Web API, which serialises them itself). */
export const answerToBlocks = (answer: Answer, options: BlockOptions = {}): SlackMessage =>
  renderAnswer(answer, options).message;
