import type { Answer, AnswerFact, AnswerItem, AnswerSection } from '../domain/answer.ts';
import { defuseMentions, MENTION_STARTS } from '../domain/mentions.ts';
import { UNSAFE_IN_LINES_CLASS, withoutControlCharacters } from '../domain/unsafe-text.ts';

/**
 * Plain text for the CLI and the console: title, summary, facts, sections, links, suggestions,
 * footer. KEPs are written KEP-3836; the engine already writes dates as YYYY-MM-DD. Nothing here
 * can ping anyone: mass mentions are defused and control characters dropped on the way out.
 */
export function renderText(answer: Answer): string {
  // One string built by appending (V8 joins the pieces once, at the first read): no arrays of lines to spread and join.
  let out = `${answer.title}\n${answer.summary}`;
  if (answer.facts.length) {
    out += '\n';
    for (const fact of answer.facts) out += `\n${factLine(fact)}`;
  }
  for (const section of answer.sections) out += `\n\n${sectionText(section)}`;
  if (answer.links.length) {
    out += '\n\nLinks:';
    for (const link of answer.links) out += `\n  ${link.label}: ${link.url}`;
  }
  if (answer.suggestions.length) out += `\n\nTry: “${answer.suggestions.join('” · “')}”`;
  return clean(`${out}\n\n${answer.footer}`);
}

function factLine(fact: AnswerFact): string {
  return `${fact.label}: ${fact.value}`;
}

function itemLine(item: AnswerItem): string {
  const label = item.kep != null ? `KEP-${item.kep} ${item.title}` : item.title;
  const tags = item.stage && item.sig ? `${item.stage}, ${item.sig}` : item.stage || item.sig;
  return `  - ${label}${tags ? ` [${tags}]` : ''}${item.detail ? ` — ${item.detail}` : ''}`;
}

function sectionText(section: AnswerSection): string {
  let text = `${section.heading}:`;
  for (const fact of section.facts) text += `\n  ${factLine(fact)}`;
  for (const item of section.items) text += `\n${itemLine(item)}`;
  for (const line of section.lines) text += `\n  ${line}`;
  if (section.omitted > 0) text += `\n  …and ${section.omitted} more${section.moreUrl ? `: ${section.moreUrl}` : ''}`;
  else if (section.moreUrl && section.items.length === 0 && section.lines.length > 0)
    text += `\n  Source: ${section.moreUrl}`;
  return text;
}

/** What `clean` acts on, found in one scan of the answer: where a mention could start, or an unsafe character. */
const MAY_NEED_CLEANING = new RegExp(`[${MENTION_STARTS}${UNSAFE_IN_LINES_CLASS}]`);

function clean(text: string): string {
  // Answers are long and almost never hold either: one scan, then nothing to do.
  if (!MAY_NEED_CLEANING.test(text)) return text;
  return withoutControlCharacters(defuseMentions(text), true);
}
