import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Answer, AnswerFact, AnswerItem, AnswerSection } from '../../../src/domain/answer.ts';
import { clip } from './clip.ts';
import { embedLength } from './length.ts';
import { EMBED_LIMITS } from './limits.ts';
import { linkTarget, maskedLink, plainToMarkdown } from './markdown.ts';
import { neutraliseMentions } from './mentions.ts';

const KUBERNETES_BLUE = 0x326ce5;

/**
 * Caps stricter than Discord's own, so the header and closing parts of an answer can never crowd the
 * sections (the actual content) out of the 6,000-character message total.
 */
const CAPS = {
  footer: 256,
  summary: 2048,
  facts: 1500,
  links: 600,
  suggestions: 400,
  entry: 600,
  itemTitle: 250,
  itemDetail: 200,
  itemMeta: 40,
  linkLabel: 80,
  moreSectionsNote: 60,
} as const;

/** A field's name and value must not be empty; this stands in for an empty one. */
const EMPTY = '\u200b';

/**
 * Renders an Answer as Discord embeds: a header embed (title, summary, facts, links), one embed per
 * section, follow-up suggestions and the footer on the last. Always within Discord's embed limits; long
 * lists end in "…and N more" linking to the full list.
 */
export function answerToEmbeds(answer: Answer): APIEmbed[] {
  const sectionSlots = EMBED_LIMITS.embedsPerMessage - 1;
  const shownSections = answer.sections.slice(0, sectionSlots);
  const hiddenSections = answer.sections.length - shownSections.length;
  const lastIsHeader = shownSections.length === 0;

  const suggestions = suggestionsField(answer.suggestions);
  const links = linksField(answer.links);
  const closingFields = suggestions ? 1 : 0;

  const header: APIEmbed = { color: KUBERNETES_BLUE };
  const title = plainToMarkdown(answer.title, EMBED_LIMITS.title);
  if (title) header.title = title;
  const firstLink = answer.links[0];
  if (firstLink) header.url = linkTarget(firstLink.url);
  const summary = plainToMarkdown(answer.summary, CAPS.summary);
  if (summary) header.description = summary;
  const headerFieldSlots = EMBED_LIMITS.fields - (links ? 1 : 0) - (lastIsHeader ? closingFields : 0);
  header.fields = [
    ...fitFields(answer.facts.map(factField), headerFieldSlots, CAPS.facts, answerMoreUrl(answer)),
    ...(links ? [links] : []),
  ];

  const footerText = clip(neutraliseMentions(clip(answer.footer, CAPS.footer)), CAPS.footer);
  const closingLength = footerText.length + (suggestions ? suggestions.name.length + suggestions.value.length : 0);

  let remaining = EMBED_LIMITS.totalCharacters - embedLength(header) - closingLength;
  if (hiddenSections > 0) remaining -= CAPS.moreSectionsNote;

  // Escaping is the costly part, so each section is escaped once and only laid out per allowance.
  const prepared = shownSections.map(prepareSection);
  const renderSection = (section: PreparedSection, index: number, allowance: number): APIEmbed => {
    const isLast = index === prepared.length - 1;
    const fieldSlots = EMBED_LIMITS.fields - (isLast ? closingFields : 0);
    const descriptionMax = EMBED_LIMITS.description - (isLast && hiddenSections > 0 ? CAPS.moreSectionsNote : 0);
    return layoutSection(section, allowance, fieldSlots, descriptionMax);
  };
  const needs = prepared.map((section, index) => embedLength(renderSection(section, index, Number.POSITIVE_INFINITY)));
  const allocations = shareOut(needs, Math.max(0, remaining));
  const sectionEmbeds = prepared.map((section, index) => renderSection(section, index, allocations[index] ?? 0));
  // Whole entries rarely fill a share exactly: what the sections left over goes to the first ones still cut.
  let spare = Math.max(0, remaining) - sectionEmbeds.reduce((sum, embed) => sum + embedLength(embed), 0);
  prepared.forEach((section, index) => {
    const used = embedLength(sectionEmbeds[index]!);
    if (spare <= 0 || used >= needs[index]!) return;
    const wider = renderSection(section, index, used + spare);
    const widerLength = embedLength(wider);
    if (widerLength > used && widerLength <= used + spare) {
      sectionEmbeds[index] = wider;
      spare -= widerLength - used;
    }
  });

  const embeds = [header, ...sectionEmbeds];
  const last = embeds[embeds.length - 1]!;
  if (hiddenSections > 0) {
    const note = `…and ${hiddenSections} more section${hiddenSections === 1 ? '' : 's'}`;
    last.description = last.description ? `${last.description}\n${note}` : note;
  }
  if (suggestions) last.fields = [...(last.fields ?? []), suggestions];
  if (footerText) last.footer = { text: footerText };
  for (const embed of embeds) if (embed.fields?.length === 0) delete embed.fields;
  return embeds.filter((embed, index) => index === 0 || embedLength(embed) > 0);
}

/** Water-filling: every section gets what it needs if it can; the rest split what is left evenly. */
function shareOut(needs: number[], total: number): number[] {
  const allocations = new Array<number>(needs.length).fill(0);
  const order = needs.map((need, index) => ({ need, index })).sort((a, b) => a.need - b.need);
  let left = total;
  order.forEach(({ need, index }, position) => {
    const share = Math.floor(left / (order.length - position));
    allocations[index] = Math.min(need, share);
    left -= allocations[index]!;
  });
  return allocations;
}

/** A section already escaped into markdown, waiting to be fitted into some allowance. */
interface PreparedSection {
  title: string;
  fields: APIEmbedField[];
  entries: string[];
  omitted: number;
  moreUrl: string | null;
}

function prepareSection(section: AnswerSection): PreparedSection {
  return {
    title: plainToMarkdown(section.heading, EMBED_LIMITS.title),
    fields: section.facts.map(factField),
    entries: [...section.lines.map((line) => plainToMarkdown(line, CAPS.entry)), ...section.items.map(itemLine)],
    omitted: section.omitted,
    moreUrl: section.moreUrl,
  };
}

function layoutSection(
  section: PreparedSection,
  allowance: number,
  fieldSlots: number,
  descriptionMax: number,
): APIEmbed {
  const embed: APIEmbed = { color: KUBERNETES_BLUE };
  const title = clip(section.title, allowance);
  if (title) embed.title = title;
  let left = allowance - title.length;

  const fields = fitFields(section.fields, fieldSlots, Math.min(CAPS.facts, Math.max(0, left - 40)), section.moreUrl);
  if (fields.length > 0) embed.fields = fields;
  left -= fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);

  const description = fitEntries(
    section.entries,
    section.omitted,
    section.moreUrl,
    Math.min(descriptionMax, Math.max(0, left)),
  );
  if (description) embed.description = description;
  return embed;
}

function itemLine(item: AnswerItem): string {
  const kep = item.kep != null ? `KEP-${item.kep}` : null;
  const title = plainToMarkdown(item.title, CAPS.itemTitle);
  let head: string;
  if (item.url && kep) head = `**[${kep}](${linkTarget(item.url)})** ${title}`;
  else if (item.url) head = maskedLink(item.title, item.url, CAPS.itemTitle);
  else head = kep ? `**${kep}** ${title}` : title;
  const meta = [item.stage, item.sig]
    .filter((part): part is string => Boolean(part))
    .map((part) => plainToMarkdown(part, CAPS.itemMeta));
  const detail = item.detail ? ` · ${plainToMarkdown(item.detail, CAPS.itemDetail)}` : '';
  return `• ${head}${meta.length > 0 ? ` — ${meta.join(' · ')}` : ''}${detail}`;
}

function moreLine(count: number, url: string | null): string {
  const text = `…and ${count} more`;
  return url ? `[${text}](${linkTarget(url)})` : text;
}

/** As many whole entries as fit in `max`, then "…and N more" counting the cut ones and those the engine cut. */
function fitEntries(
  entries: string[],
  alreadyOmitted: number,
  moreUrl: string | null,
  max: number,
  separator = '\n',
): string {
  const shown: string[] = [];
  let length = 0;
  for (const [index, entry] of entries.entries()) {
    const candidate = length + (shown.length > 0 ? separator.length : 0) + entry.length;
    const restAfter = entries.length - index - 1 + alreadyOmitted;
    const tail = restAfter > 0 ? separator.length + moreLine(restAfter, moreUrl).length : 0;
    if (candidate + tail > max) break;
    shown.push(entry);
    length = candidate;
  }
  const rest = entries.length - shown.length + alreadyOmitted;
  if (rest > 0) {
    const more = moreLine(rest, moreUrl);
    const room = max - length - separator.length;
    shown.push(more.length <= room ? more : clip(`…and ${rest} more`, Math.max(0, room)));
  }
  return shown.filter(Boolean).join(separator);
}

/** As many whole fields as fit the slots and budget, then a "…and N more" field for the rest. */
function fitFields(
  candidates: APIEmbedField[],
  slots: number,
  budget: number,
  moreUrl: string | null,
): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let used = 0;
  for (const [index, field] of candidates.entries()) {
    const restAfter = candidates.length - index - 1;
    const reserve = restAfter > 0 ? moreField(restAfter, moreUrl) : null;
    const slotsNeeded = 1 + (reserve ? 1 : 0);
    const size = field.name.length + field.value.length + (reserve ? reserve.name.length + reserve.value.length : 0);
    if (fields.length + slotsNeeded > slots || used + size > budget) break;
    fields.push(field);
    used += field.name.length + field.value.length;
  }
  const rest = candidates.length - fields.length;
  if (rest > 0 && fields.length < slots) {
    const more = moreField(rest, moreUrl);
    if (used + more.name.length + more.value.length <= budget) fields.push(more);
  }
  return fields;
}

function factField(fact: AnswerFact): APIEmbedField {
  const name = plainToMarkdown(fact.label, EMBED_LIMITS.fieldName) || EMPTY;
  return { name, value: plainToMarkdown(fact.value, EMBED_LIMITS.fieldValue) || EMPTY, inline: true };
}

function moreField(count: number, url: string | null): APIEmbedField {
  return { name: 'More', value: moreLine(count, url), inline: true };
}

function linksField(links: Answer['links']): APIEmbedField | null {
  if (links.length === 0) return null;
  const value = fitEntries(
    links.map((link) => maskedLink(link.label, link.url, CAPS.linkLabel)),
    0,
    null,
    CAPS.links,
    ' · ',
  );
  return { name: 'Links', value, inline: false };
}

function suggestionsField(suggestions: string[]): APIEmbedField | null {
  if (suggestions.length === 0) return null;
  const value = fitEntries(
    suggestions.map((suggestion) => `• ${plainToMarkdown(suggestion, CAPS.suggestions)}`),
    0,
    null,
    CAPS.suggestions,
  );
  return { name: 'Ask next', value, inline: false };
}

function answerMoreUrl(answer: Answer): string | null {
  return answer.links[0]?.url ?? null;
}
